"""The content cache: reused work gives exactly the bytes fresh work gives.

Every test compares against a build with no cache at all, so a stale or
wrongly keyed entry shows up as a difference.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.cache import Memo, key
from generator.site import generate
from generator.state import BuildState

from .conftest import ROOT

DAY = date(2026, 11, 23)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "coalitions"
    shutil.copytree(ROOT / "coalitions", folder)
    return folder


def _fresh(folder: Path, day: date = DAY) -> dict[str, dict[str, str]]:
    return generate(folder, day).files


def test_a_second_build_reuses_everything_and_gives_the_same_bytes(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = Memo(tmp_path / "content.sqlite")
    first_state = BuildState(first)
    built = generate(folder, DAY, state=first_state).files
    first.save()
    assert first.misses > 0 and first.hits == 0
    second = Memo(tmp_path / "content.sqlite")  # a new process: only the file carries over
    second_state = BuildState(second)
    again = generate(folder, DAY, state=second_state).files
    assert second.misses == 0 and second.hits == first.misses
    assert again == built == _fresh(folder)


def test_one_changed_dossier_redoes_only_what_depends_on_it(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    memo = Memo()
    memo_state = BuildState(memo)
    before = generate(folder, DAY, state=memo_state).files
    memo_state.forget_unused()
    path = folder / "gelijke-kansen-oost.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: ", "name: Nieuw - ", 1), encoding="utf-8")
    after = generate(folder, DAY, state=memo_state)
    assert after.files == _fresh(folder)
    coalition = next(c for c in after.site.coalitions if c.slug == "gelijke-kansen-oost")
    organisations = {p.organisation for p in coalition.partners}
    # The dossier, its open data, its output in two languages, its organisations' pages.
    assert memo.misses == 1 + 1 + 2 + 2 * len(organisations)
    changed = {p for p in after.files["nl"] if after.files["nl"][p] != before["nl"].get(p)}
    assert "coalities/gelijke-kansen-oost.md" in changed
    assert not any(p.startswith("coalities/palliatieve-zorg-netwerk") for p in changed)


def test_the_build_date_is_part_of_the_key(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    memo = Memo()
    memo_state = BuildState(memo)
    generate(folder, DAY, state=memo_state)
    later = date(2027, 6, 1)
    assert generate(folder, later, state=memo_state).files == _fresh(folder, later)


def test_a_removed_dossier_disappears_from_the_output(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    memo = Memo()
    memo_state = BuildState(memo)
    generate(folder, DAY, state=memo_state)
    (folder / "gelijke-kansen-oost.yml").unlink()
    files = generate(folder, DAY, state=memo_state).files
    assert files == _fresh(folder)
    assert "coalities/gelijke-kansen-oost.md" not in files["nl"]


def test_a_dossier_with_problems_is_reported_even_if_it_was_valid_before(tmp_path: Path) -> None:
    from generator.errors import DossierError

    folder = _folder(tmp_path)
    memo = Memo()
    memo_state = BuildState(memo)
    generate(folder, DAY, state=memo_state)
    path = folder / "gelijke-kansen-oost.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nonbekend: 1\n", encoding="utf-8")
    with pytest.raises(DossierError) as raised:
        generate(folder, DAY, state=memo_state)
    assert any("onbekend" in p.text() for p in raised.value.problems)


def test_an_unreadable_cache_file_is_replaced(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    broken = tmp_path / "content.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    memo = Memo(broken)
    memo_state = BuildState(memo)
    assert generate(folder, DAY, state=memo_state).files == _fresh(folder)
    memo.save()
    reopened = Memo(broken)
    reopened_state = BuildState(reopened)
    generate(folder, DAY, state=reopened_state)
    assert reopened.misses == 0  # the new file holds the work


def test_keys_keep_their_parts_apart() -> None:
    assert key("ab", "c") != key("a", "bc")
    assert key("a", "b") != key("b", "a")
    assert key("a") == key("a")
