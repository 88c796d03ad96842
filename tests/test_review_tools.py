"""`dossiers new` and `dossiers codeowners`: what reviewers and new coalitions start from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.vocabulary import CooperationType

from .conftest import ROOT, run_cli


def _fill(text: str) -> str:
    """Fill every placeholder as an author would: the example value, or some text."""
    text = re.sub(r'"VUL IN: datum en tijd als ([0-9T:-]+)"', r'"\1"', text)
    text = re.sub(r'"VUL IN: datum als ([0-9-]+)"', r'"\1"', text)
    return re.sub(r'"VUL IN: ([^"]*)"', r'"Ingevuld: \1"', text)


@pytest.mark.parametrize("kind", [t.value for t in CooperationType])
def test_a_new_dossier_passes_check_once_filled_in(tmp_path: Path, kind: str) -> None:
    made = run_cli("new", "proef", "--type", kind, cwd=tmp_path)
    assert made.code == 0, made
    path = tmp_path / "coalitions" / "proef.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/dossier.schema.json\n")
    assert f"type: {kind}\n" in text and "status: draft\n" in text
    unfilled = run_cli("check", cwd=tmp_path)
    assert unfilled.code == 1
    problems = unfilled.stdout.splitlines()
    assert problems and all("not filled in yet" in line for line in problems)
    path.write_text(_fill(text), encoding="utf-8")
    filled = run_cli("check", cwd=tmp_path)
    assert (filled.code, filled.stdout) == (0, ""), filled


def test_new_refuses_an_existing_file_and_a_bad_name(tmp_path: Path) -> None:
    assert run_cli("new", "proef", "--type", "goals", cwd=tmp_path).code == 0
    again = run_cli("new", "proef", "--type", "goals", cwd=tmp_path)
    assert again.code == 1 and "exists already" in again.stderr
    bad = run_cli("new", "Mijn Dossier", "--type", "goals", cwd=tmp_path)
    assert bad.code == 2 and "cannot be a file name" in bad.stderr
    reserved = run_cli("new", "index", "--type", "goals", cwd=tmp_path)
    assert reserved.code == 2


def test_committed_codeowners_is_up_to_date() -> None:
    result = run_cli("codeowners", "--check", cwd=ROOT)
    assert result.code == 0, result.stderr
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/coalitions/gelijke-kansen-oost.yml @bibliotheek-dijkhaven" in owners


def test_codeowners_check_fails_when_a_reviewer_changes(tmp_path: Path) -> None:
    folder = tmp_path / "coalitions"
    folder.mkdir()
    source = (ROOT / "coalitions" / "wijkzorg-samen.yml").read_text(encoding="utf-8")
    (folder / "wijkzorg-samen.yml").write_text(source, encoding="utf-8")
    assert run_cli("codeowners", cwd=tmp_path).code == 0
    assert run_cli("codeowners", "--check", cwd=tmp_path).code == 0
    changed = source.replace("@gemeente-dijkhaven/zorg", "@gemeente-dijkhaven/sociaal", 1)
    assert changed != source
    (folder / "wijkzorg-samen.yml").write_text(changed, encoding="utf-8")
    stale = run_cli("codeowners", "--check", cwd=tmp_path)
    assert stale.code == 1 and "out of date" in stale.stderr


@pytest.mark.parametrize("kind", [t.value for t in CooperationType])
def test_a_new_dossier_has_a_contact_and_a_place_with_the_privacy_choices(
    tmp_path: Path, kind: str
) -> None:
    assert run_cli("new", "proef", "--type", kind, cwd=tmp_path).code == 0
    text = (tmp_path / "coalitions" / "proef.yml").read_text(encoding="utf-8")
    assert "\ncontacts:\n  - name:" in text and "\nplaces:\n  - id:" in text
    assert "email_public" in text and "intern" in text
