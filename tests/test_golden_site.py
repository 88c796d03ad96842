"""The whole generated tree of a small fixture site, byte for byte.

Like Pelican's tests/output/basic: the dossiers in tests/fixtures/golden/ are
built through the shipped command, exactly as a user would, and every file it
writes under content/nl and content/en (pages, calendars, open data, chart
specs and drawings, the .generated manifest) must equal the committed copy in
tests/golden/site/. Any change to the output shows up here as a diff that a
reviewer reads; `pytest --update-golden` rewrites the copy.

The drawings are included: vl-convert is pinned and measures text with the
fonts it bundles, so the same spec gives the same bytes on any machine.
"""

from __future__ import annotations

import difflib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import FIXTURES, GOLDEN, ROOT, run_cli

SITE = FIXTURES / "golden"
GOLDEN_SITE = GOLDEN / "site"
BUILD_DATE = "2026-06-01"
LANGUAGES = ("nl", "en")
COMMAND = (
    "build",
    "--pages-only",
    "--no-history",  # the fixture's git history would put commit ids in the golden tree
    "--no-cache",
    "--dir",
    str(SITE.relative_to(ROOT)),
    "--date",
    BUILD_DATE,
    "--site-url",
    "https://example.org/",
)
# How much of the differences the failure shows: enough to see what kind of change it is.
SHOWN_DIFFS = 3
SHOWN_LINES = 40
LINE_WIDTH = 160


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative POSIX path, as bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What `dossiers build --pages-only` writes for the fixture site."""
    out = tmp_path_factory.mktemp("golden-site")
    done = run_cli(
        *COMMAND,
        "--content",
        str(out / "content"),
        "--cache",
        str(out / "cache"),
        cwd=ROOT,
        timeout=180,
    )
    assert done.code == 0, done.stdout + done.stderr
    # Only the languages' folders: beside them the command keeps its empty lock file.
    return {
        f"{lang}/{name}": data
        for lang in LANGUAGES
        for name, data in _tree(out / "content" / lang).items()
    }


def _rewrite(folder: Path, files: dict[str, bytes]) -> None:
    """Make the golden tree exactly these files: changed ones written, stale ones removed."""
    for name in _tree(folder):
        if name not in files:
            (folder / name).unlink()
    for name, data in files.items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace")
    return [
        line if len(line) <= LINE_WIDTH else line[:LINE_WIDTH] + " [...]"
        for line in text.splitlines()
    ]


def _unified(name: str, expected: bytes, actual: bytes) -> str:
    diff = list(
        difflib.unified_diff(
            _lines(expected), _lines(actual), f"golden/{name}", f"generated/{name}", n=2
        )
    )
    if not diff:  # the same lines: only line endings or a final newline differ
        diff = [f"--- golden/{name}", f"+++ generated/{name}", "(line endings differ)"]
    if len(diff) > SHOWN_LINES:
        diff = [*diff[:SHOWN_LINES], f"... {len(diff) - SHOWN_LINES} more diff lines"]
    return "\n".join(line.rstrip("\n") for line in diff)


def _report(expected: dict[str, bytes], actual: dict[str, bytes]) -> str | None:
    """What differs between the golden and the generated tree, for people; None if nothing."""
    differ = sorted(n for n in expected.keys() & actual.keys() if expected[n] != actual[n])
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    if not (differ or missing or extra):
        return None
    parts = [
        f"the generated tree differs from {GOLDEN_SITE.relative_to(ROOT)}/ "
        f"(built from {SITE.relative_to(ROOT)}/ on {BUILD_DATE}):"
    ]
    for label, names in (
        ("differ", differ),
        ("missing (in the golden tree, no longer generated)", missing),
        ("extra (generated, not in the golden tree)", extra),
    ):
        if names:
            parts.append(f"{len(names)} {label}:")
            parts.extend(f"    {name}" for name in names)
    parts.append("")
    parts.extend(_unified(name, expected[name], actual[name]) for name in differ[:SHOWN_DIFFS])
    if len(differ) > SHOWN_DIFFS:
        parts.append(f"... and {len(differ) - SHOWN_DIFFS} more files that differ")
    parts.append(
        "\nIf the change is intended, rerun with `pytest tests/test_golden_site.py "
        "--update-golden` and read `git diff tests/golden/site` before committing it."
    )
    return "\n".join(parts)


def test_generated_tree_equals_golden(generated: dict[str, bytes], update_golden: bool) -> None:
    if update_golden or not GOLDEN_SITE.exists():
        _rewrite(GOLDEN_SITE, generated)
        if not update_golden:
            pytest.fail(f"{GOLDEN_SITE} was missing and has been written; review and rerun")
        return
    report = _report(_tree(GOLDEN_SITE), generated)
    if report:
        pytest.fail(report, pytrace=False)


def test_report_names_every_difference() -> None:
    golden = {"a.md": b"one\ntwo\n", "b.ics": b"x\r\n", "gone.csv": b"1\n"}
    now = {"a.md": b"one\nthree\n", "b.ics": b"x\n", "new.json": b"{}\n"}
    report = _report(golden, now)
    assert report is not None
    assert "1 missing" in report and "    gone.csv" in report
    assert "1 extra" in report and "    new.json" in report
    assert "2 differ" in report
    assert "-two" in report and "+three" in report
    assert "(line endings differ)" in report
    assert "--update-golden" in report
    assert _report(golden, dict(golden)) is None


def test_rewrite_removes_what_is_no_longer_generated(tmp_path: Path) -> None:
    (tmp_path / "nl" / "oud").mkdir(parents=True)
    (tmp_path / "nl" / "oud" / "weg.md").write_bytes(b"old\n")
    (tmp_path / "nl" / "blijft.md").write_bytes(b"old\n")
    _rewrite(tmp_path, {"nl/blijft.md": b"new\n", "en/nieuw.md": b"new\n"})
    assert _tree(tmp_path) == {"en/nieuw.md": b"new\n", "nl/blijft.md": b"new\n"}
    assert not (tmp_path / "nl" / "oud").exists()


# The fixtures exist to cover these cases; a later edit must not lose one silently.


def _dossiers() -> dict[str, dict[str, Any]]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(SITE.glob("*.yml"))
    }


def _has_translation(value: Any) -> bool:
    if isinstance(value, dict):
        return "en" in value or any(_has_translation(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_translation(v) for v in value)
    return False


def test_fixtures_cover_what_the_golden_site_is_for() -> None:
    dossiers = _dossiers()
    drafts = {slug for slug, d in dossiers.items() if d["status"] == "draft"}
    published = dossiers.keys() - drafts
    assert drafts and len(published) >= 2

    def private(key: str) -> list[Any]:
        return [x for d in dossiers.values() for x in d.get(key, []) if x.get("public") is False]

    assert private("contacts") and private("places") and private("agenda")

    build_date = date.fromisoformat(BUILD_DATE)
    starts = [
        datetime.fromisoformat(a["start"]).date()
        for slug in published
        for a in dossiers[slug].get("agenda", [])
        if a.get("public")
    ]
    assert min(starts) < build_date < max(starts)

    def organisations(slugs: set[str]) -> list[str]:
        return [
            p["organisation"]
            for slug in slugs
            for p in dossiers[slug]["partners"]
            if "organisation" in p
        ]

    shared = [o for o in set(organisations(published)) if organisations(published).count(o) > 1]
    assert shared, "two published coalitions must share an organisation"
    assert set(organisations(drafts)) & set(shared), "a draft must share one too"

    translated = [_has_translation(d) for d in dossiers.values()]
    assert any(translated), "some texts in both languages"
    assert not all(translated), "and a dossier in Dutch only"


def test_no_private_value_reaches_the_golden_site(generated: dict[str, bytes]) -> None:
    dossiers = _dossiers()
    hidden = [d["name"] for d in dossiers.values() if d["status"] == "draft"]
    for d in dossiers.values():
        hidden += [c["name"] for c in d.get("contacts", []) if c.get("public") is False]
        hidden += [p["name"] for p in d.get("places", []) if p.get("public") is False]
        hidden += [str(d["notes"])] if "notes" in d else []
    text = b"\n".join(generated.values()).decode("utf-8")
    assert [value for value in hidden if value in text] == []
