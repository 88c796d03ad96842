"""The history from git on a real temporary repository: what it lists, and what it never shows.

The repository's dossier goes through: a first published version; scores
moved; a draft period (with a public activity added and dropped while a
draft); published again with a score moved back; a rename of the file, in
the same commit as an activity that was public going private; a revision
that does not validate; and a last change. Every private field carries a
marker (tests/dossiers.py), as does the activity that was public once.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import feedparser
import pytest

from generator.history import read_histories
from generator.site import generate
from generator.state import BuildState

from .conftest import ROOT
from .dossiers import PRIVATE_MARKERS, dossier_with_markers, dump_dossier
from .scan import files, readings
from .site_build import BUILD_DATE, PROJECT_FILES, copy_hand_written_content

DAY = date(2026, 12, 1)
ONCE_PUBLIC = "PRIVATE-once-public-title"
DRAFT_PERIOD = "PRIVATE-draft-period-title"
GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")


def _git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def _partner(data: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(p for p in data["partners"] if p["id"] == pid)


def _commit(repo: Path, name: str, data: dict[str, Any] | str, when: str) -> str:
    path = repo / "coalitions" / name
    path.write_text(data if isinstance(data, str) else dump_dossier(data), encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", f"change {when}", when=when)
    return _git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    repo = tmp_path_factory.mktemp("history")
    return repo, _history_into(repo)


def _history_into(repo: Path) -> dict[str, str]:
    """The story of the module docstring, committed into `repo`/coalitions."""
    (repo / "coalitions").mkdir()
    _git(repo, "init", "-q", "-b", "main")
    data = dossier_with_markers()
    data["agenda"].append(
        {
            "id": "wissel",
            "title": ONCE_PUBLIC,
            "start": "2026-12-07T10:00",
            "organisers": ["bieb"],
            "public": True,
        }
    )
    commits = {"first": _commit(repo, "samen-lezen.yml", data, "2026-01-10T10:00:00+01:00")}
    _partner(data, "bieb")["influence"] = 5
    _partner(data, "gemeente")["dependency"] = 3
    commits["scores"] = _commit(repo, "samen-lezen.yml", data, "2026-02-10T10:00:00+01:00")
    draft = copy.deepcopy(data)
    draft["status"] = "draft"
    _partner(draft, "bieb")["influence"] = 1
    draft["agenda"].append(
        {
            "id": "tijdens-concept",
            "title": DRAFT_PERIOD,
            "start": "2026-12-08T10:00",
            "organisers": ["bieb"],
            "public": True,
        }
    )
    commits["draft"] = _commit(repo, "samen-lezen.yml", draft, "2026-03-10T10:00:00+01:00")
    _partner(data, "bieb")["influence"] = 2
    commits["back"] = _commit(repo, "samen-lezen.yml", data, "2026-04-10T10:00:00+02:00")
    _git(repo, "mv", "coalitions/samen-lezen.yml", "coalitions/lezen-noord.yml")
    data["agenda"][-1]["public"] = False
    _partner(data, "gemeente")["influence"] = 4
    commits["renamed"] = _commit(repo, "lezen-noord.yml", data, "2026-05-10T10:00:00+02:00")
    broken = copy.deepcopy(data)
    _partner(broken, "gemeente")["influence"] = 9
    commits["invalid"] = _commit(repo, "lezen-noord.yml", broken, "2026-06-10T10:00:00+02:00")
    _partner(data, "gemeente")["dependency"] = 4
    commits["last"] = _commit(repo, "lezen-noord.yml", data, "2026-07-10T10:00:00+02:00")
    return commits


def _files(repo: Path) -> dict[str, dict[str, str]]:
    return generate(repo / "coalitions", DAY, history=True).files


def test_the_history_lists_exactly_the_public_changes(repo: tuple[Path, dict[str, str]]) -> None:
    folder, commits = repo
    site = generate(folder / "coalitions", DAY, history=True).site
    revisions = site.history_of("lezen-noord")
    assert [r.commit for r in revisions] == [
        commits["last"],
        commits["renamed"],
        commits["back"],
        commits["scores"],
        commits["first"],
    ]
    said = {r.commit: r.nl for r in revisions}
    assert said[commits["first"]] == ("voor het eerst gepubliceerd",)
    assert said[commits["scores"]] == (
        "Bibliotheek Noord: invloed 4 → 5 (nu boven de ambitielijn)",
        "Gemeente Noord: afhankelijkheid 2 → 3",
    )
    # Against the last published version: the draft's score of 1 never counts.
    assert said[commits["back"]] == ("Bibliotheek Noord: invloed 5 → 2 (nu onder de ambitielijn)",)
    # The activity going private is no sentence: it is left out of every revision.
    assert said[commits["renamed"]] == ("Gemeente Noord: invloed 3 → 4",)
    assert said[commits["last"]] == ("Gemeente Noord: afhankelijkheid 3 → 4",)
    assert revisions[0].en == ("Gemeente Noord: dependency 3 → 4",)
    trail = [next(p for p in r.positions if p.partner == "bieb").influence for r in revisions[::-1]]
    assert trail == [4, 5, 2, 2, 2]


def test_a_revision_that_no_longer_validates_is_skipped_with_a_note(
    repo: tuple[Path, dict[str, str]],
) -> None:
    folder, commits = repo
    site = generate(folder / "coalitions", DAY).site
    found = read_histories(
        folder / "coalitions", site.coalitions, {"lezen-noord": "x"}, BuildState().store
    )
    assert len(found.notes) == 1
    assert commits["invalid"][:12] in found.notes[0]
    assert "lezen-noord.yml" in found.notes[0]


def test_no_private_value_of_any_revision_reaches_any_output(
    repo: tuple[Path, dict[str, str]],
) -> None:
    files = _files(repo[0])
    assert any(path.endswith(".atom") for path in files["nl"])
    for lang, made in files.items():
        for path, text in made.items():
            folded = text.casefold()
            for marker in (*PRIVATE_MARKERS, ONCE_PUBLIC.casefold(), DRAFT_PERIOD.casefold()):
                assert marker.casefold() not in folded, (lang, path, marker)


def test_the_page_has_a_changes_section_and_names_its_feed(
    repo: tuple[Path, dict[str, str]],
) -> None:
    folder, commits = repo
    page = _files(folder)["nl"]["coalities/lezen-noord.md"]
    assert 'feed: "coalities/lezen-noord.atom"' in page.split("---")[1]
    assert '<h2 id="wijzigingen" markdown>Wijzigingen</h2>' in page
    assert f'id="wijziging-{commits["scores"][:12]}"><strong>10 februari 2026</strong>' in page
    assert "- Bibliotheek Noord: invloed 4 → 5 \\(nu boven de ambitielijn\\)\n" in page
    english = _files(folder)["en"]["coalitions/lezen-noord.md"]
    assert "- Bibliotheek Noord: influence 4 → 5 \\(now above the ambition line\\)\n" in english


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_atom_feeds_are_valid(repo: tuple[Path, dict[str, str]], lang: str) -> None:
    folder, commits = repo
    made = _files(folder)[lang]
    folder_name = "coalities" if lang == "nl" else "coalitions"
    one = feedparser.parse(made[f"{folder_name}/lezen-noord.atom"])
    every = feedparser.parse(made["wijzigingen.atom" if lang == "nl" else "changes.atom"])
    for feed in (one, every):
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
        # RFC 4287 4.1.1: a feed has an id, a title, updated, and a link to itself.
        assert feed.feed.id and feed.feed.title and feed.feed.updated
        assert feed.feed.author
        rels = {link.rel: link.href for link in feed.feed.links}
        assert rels["self"] == feed.feed.id
        assert rels["alternate"].startswith("http://localhost:8000/")
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)) == 5
        for entry in feed.entries:
            assert entry.title and entry.updated and entry.link.startswith(rels["alternate"])
    newest = one.entries[0]
    assert newest.link.endswith(f"/lezen-noord/#wijziging-{commits['last'][:12]}")
    assert newest.updated == "2026-07-10T10:00:00+02:00"
    assert one.feed.updated == newest.updated
    assert "3 → 4" in newest.summary


def test_outside_git_there_is_no_history_and_one_note(tmp_path: Path) -> None:
    folder = tmp_path / "coalitions"
    folder.mkdir()
    (folder / "een.yml").write_text(dump_dossier(dossier_with_markers()), encoding="utf-8")
    site = generate(folder, DAY).site
    found = read_histories(folder, site.coalitions, {"een": "x"}, BuildState().store)
    assert found.histories == () and len(found.notes) == 1
    assert "git" in found.notes[0]
    files = generate(folder, DAY, history=True).files["nl"]
    assert not any(path.endswith(".atom") for path in files)
    assert "Wijzigingen" not in files["coalities/een.md"]


def test_a_shallow_clone_is_reported_plainly(
    repo: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo[0]}", str(shallow)], check=True
    )
    site = generate(shallow / "coalitions", DAY).site
    found = read_histories(
        shallow / "coalitions", site.coalitions, {"lezen-noord": "x"}, BuildState().store
    )
    assert found.histories == ()
    assert "shallow" in found.notes[0] and "fetch-depth: 0" in found.notes[0]


def test_a_second_read_takes_every_history_from_the_cache(
    repo: tuple[Path, dict[str, str]],
) -> None:
    folder = repo[0] / "coalitions"
    state = BuildState()
    site = generate(folder, DAY).site
    first = read_histories(folder, site.coalitions, {"lezen-noord": "x"}, state.store)
    misses = state.store.misses
    again = read_histories(folder, site.coalitions, {"lezen-noord": "x"}, state.store)
    assert state.store.misses == misses
    assert again.histories == first.histories


def test_the_matrix_trail_of_a_partner_that_moved_twice(
    repo: tuple[Path, dict[str, str]],
) -> None:
    """Bibliotheek Noord went 4 → 5 → 2 (influence, dependency 5): two earlier
    positions, dated, in the drawing and in its table alternative."""
    from generator.chartsvg import draw_one

    made = _files(repo[0])["nl"]
    svg = draw_one(made["coalities/lezen-noord.partners.vl.json"])
    earlier = re.findall(
        r'aria-label="[^"]*Partner: Bibliotheek Noord; Eerdere posities: ([^;]+);[^"]*"', svg
    )
    assert earlier == ["10 januari 2026", "10 februari 2026"]
    assert svg.count('role-mark trail_lines_marks"') == 2  # one line per partner that moved
    page = made["coalities/lezen-noord.md"]
    table = page.split("### Eerdere posities")[1].split("###")[0]
    rows = [line for line in table.splitlines() if line.startswith("| Bibliotheek Noord |")]
    assert rows == [
        "| Bibliotheek Noord | 10 januari 2026 | 4 | 5 |",
        "| Bibliotheek Noord | 10 februari 2026 | 5 | 5 |",
    ]
    assert "Grijze stippellijnen" in page


def test_without_history_the_matrix_has_no_trail(tmp_path: Path) -> None:
    folder = tmp_path / "coalitions"
    folder.mkdir()
    (folder / "een.yml").write_text(dump_dossier(dossier_with_markers()), encoding="utf-8")
    made = generate(folder, DAY).files["nl"]
    assert "Eerdere posities" not in made["coalities/een.md"]
    assert '"trail_points"' in made["coalities/een.partners.vl.json"]  # the same template


@pytest.mark.slow
def test_a_real_build_with_history_holds_no_private_marker(tmp_path: Path) -> None:
    """The leak scan (every reading of every built file, tests/scan.py) over a real
    `dossiers build` of a project whose dossier has the history above."""
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    copy_hand_written_content(project)
    _history_into(project)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--date", BUILD_DATE],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "no longer validates" in done.stderr
    built = files(project / "site")
    assert any(path.name == "lezen-noord.atom" for path in built)
    page = (project / "site" / "coalities" / "lezen-noord" / "index.html").read_text("utf-8")
    assert '<link rel="alternate" type="application/atom+xml" href="../lezen-noord.atom">' in page
    # Every planted private value (the bare prefix "private-" also stands in Pagefind's code).
    markers = sorted(
        _private_values(dossier_with_markers()) | {ONCE_PUBLIC.casefold(), DRAFT_PERIOD.casefold()}
    )
    assert len(markers) > 15
    hits = [
        (str(path.relative_to(project)), marker)
        for path in built
        for form in readings(path)
        for marker in markers
        if marker in form.casefold()
    ]
    assert hits == []


def _private_values(value: object) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_private_values(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_private_values(v) for v in value))
    if isinstance(value, str) and "private" in value.casefold():
        return {value.casefold()}
    return set()
