"""`dossiers check` on bad input: golden output for each kind of mistake.

Each case writes a small coalitions/ folder, runs the real command in a fresh
interpreter and compares what it prints with tests/golden/errors/<case>.txt.
Run pytest with --update-golden to rewrite them, then read the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import FIXTURES, compare_golden, run_cli

MINIMAL = (FIXTURES / "minimal.yml").read_text(encoding="utf-8")


def _write(folder: Path, name: str, content: str | bytes) -> None:
    folder.mkdir(exist_ok=True)
    target = folder / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def _variant(old: str, new: str) -> Callable[[Path], None]:
    assert old in MINIMAL, old

    def make(folder: Path) -> None:
        _write(folder, "samen-lezen.yml", MINIMAL.replace(old, new, 1))

    return make


def _symlink(folder: Path) -> None:
    _write(folder.parent, "elders.yml", MINIMAL)
    folder.mkdir(exist_ok=True)
    os.symlink(folder.parent / "elders.yml", folder / "samen-lezen.yml")


def _deep(folder: Path) -> None:
    _write(folder, "samen-lezen.yml", MINIMAL + "notes: " + "[" * 100_000 + "]" * 100_000 + "\n")


def _alias_bomb(folder: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    _write(folder, "samen-lezen.yml", "\n".join(lines) + "\n")


def _site_settings(folder: Path) -> None:
    _write(folder, "samen-lezen.yml", MINIMAL)
    _write(folder.parent, "site.yml", 'colour: "#ffff00"\naccessibility:\n  email: nergens\n')


def _huge(folder: Path) -> None:
    _write(folder, "samen-lezen.yml", MINIMAL + "notes: " + "x" * (20 * 1024 * 1024) + "\n")


CASES: dict[str, Callable[[Path], None]] = {
    "yaml-syntax": _variant("  - id: gemeente\n", "  - id: gemeente\n   name: [\n"),
    "duplicate-key": _variant("type: movement\n", "type: movement\ntype: goals\n"),
    "unknown-field": _variant("  endorsed_by:\n", "  endorsd_by:\n"),
    "wrong-type": _variant("    influence: 3\n", "    influence: hoog\n"),
    "out-of-range": _variant("    influence: 4\n", "    influence: 7\n"),
    "invalid-date": _variant("since: 2026-01-15", "since: 2026-02-30"),
    "unknown-partner": _variant("organisers: [bieb]", "organisers: [biebliotheek]"),
    "two-leads": _variant(
        "    informed: [gemeente]\n",
        "    informed: [gemeente]\n  - theme: lezen\n    lead: gemeente\n",
    ),
    "yes-is-not-true": _variant("    public: true\n", "    public: yes\n"),
    "unquoted-phone": _variant(
        "themes:\n",
        "contacts:\n  - name: Sanne\n    phone: 0612345678\n    public: false\nthemes:\n",
    ),
    "many-problems": _variant(
        "    influence: 3\n    dependency: 2\n",
        "    influence: 0\n    dependency: 6\n    colour: blue\n",
    ),
    "bad-slug": lambda folder: _write(folder, "Samen_Lezen.yml", MINIMAL),
    "yaml-extension": lambda folder: _write(folder, "samen-lezen.yaml", MINIMAL),
    "symlink": _symlink,
    "deep-nesting": _deep,
    "alias-bomb": _alias_bomb,
    "empty": lambda folder: _write(folder, "samen-lezen.yml", ""),
    "binary": lambda folder: _write(folder, "samen-lezen.yml", b"\x89PNG\r\n\x1a\n\x00\x00\xff"),
    "not-a-mapping": lambda folder: _write(folder, "samen-lezen.yml", "- een\n- lijst\n"),
    "two-documents": lambda folder: _write(folder, "samen-lezen.yml", MINIMAL + "---\nname: x\n"),
    "too-large": _huge,
    # Hints for coordinators: a Dutch word for a value, one bad id used in
    # many places, an unquoted colon in a text (the rest is still checked).
    "dutch-sector": _variant("    sector: public\n", "    sector: overheid\n"),
    "dutch-type": _variant("type: movement\n", "type: beweging\n"),
    "repeated-id": _variant("  - id: bieb\n", "  - id: bibliotheek\n"),
    "unquoted-colon": lambda folder: _write(
        folder,
        "samen-lezen.yml",
        MINIMAL.replace("name: Samen lezen\n", "name: Samen lezen: Oost\n", 1).replace(
            "    sector: public\n", "    sector: overheid\n", 1
        ),
    ),
    # One of each further kind: a rule across the dossier, a model's own check,
    # a range, a private value typed into public text, the site settings.
    "unreachable": _variant("website: https://www.bibliotheeknoord.nl/samen-lezen\n", ""),
    "goals-without-objectives": _variant("type: movement\n", "type: goals\n"),
    "end-before-start": _variant(
        '    start: "2026-12-05T10:00"\n',
        '    start: "2026-12-05T10:00"\n    end: "2026-12-05T09:00"\n',
    ),
    "days-out-of-range": _variant(
        "    dependency: 5\n",
        "    dependency: 5\n    time: {days_per_week: 8, compensated: false}\n",
    ),
    "private-phone-in-text": _variant(
        "    how_to_join: Loop binnen.\n",
        "    how_to_join: Bel Sanne op 06 1234 5678.\n"
        'contacts:\n  - name: Sanne\n    phone: "06 1234 5678"\n    public: false\n',
    ),
    "site-settings": _site_settings,
}

# English keeps the original golden files; each other language has a folder.
LANGUAGES = ("en", "nl")


def _golden(lang: str, case: str) -> str:
    return f"errors/{case}.txt" if lang == "en" else f"errors/{lang}/{case}.txt"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_golden_errors(
    case: str, lang: str, tmp_path: Path, update_golden: bool
) -> None:
    CASES[case](tmp_path / "coalitions")
    result = run_cli("check", "--lang", lang, cwd=tmp_path)
    assert result.code == 1, result
    assert "Traceback" not in result.stderr + result.stdout
    for line in result.stdout.splitlines():
        file, line_no, col, rest = line.split(":", 3)
        assert file.startswith("coalitions/") or file == "site.yml", line
        assert int(line_no) >= 1 and int(col) >= 1, line
        assert rest.startswith(" ") and ": " in rest, line
    output = result.stdout + "--- stderr\n" + result.stderr
    compare_golden(_golden(lang, case), output, update_golden)


def test_every_problem_in_every_file_is_reported_sorted(tmp_path: Path) -> None:
    folder = tmp_path / "coalitions"
    CASES["out-of-range"](folder)
    _write(folder, "b-tweede.yml", MINIMAL.replace("2026-01-15", "2026-13-01"))
    _write(folder, "a-eerste.yml", MINIMAL.replace("type: movement", "type: beweging"))
    result = run_cli("check", cwd=tmp_path)
    files = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert files == [
        "coalitions/a-eerste.yml",
        "coalitions/b-tweede.yml",
        "coalitions/samen-lezen.yml",
    ]
    assert result.stderr.strip() == "checked 3 dossiers: 3 problems in 3 files"
    assert result.code == 1


def test_formats_for_tools(tmp_path: Path) -> None:
    CASES["out-of-range"](tmp_path / "coalitions")
    as_json = run_cli("check", "--format", "json", cwd=tmp_path)
    import json

    assert json.loads(as_json.stdout) == [
        {
            "file": "coalitions/samen-lezen.yml",
            "line": 15,
            "column": 16,
            "path": "partners[0].influence",
            "message": "must be 1 to 5, got 7",
        }
    ]
    github = run_cli("check", "--format", "github", cwd=tmp_path)
    assert github.stdout == (
        "::error file=coalitions/samen-lezen.yml,line=15,col=16,"
        "title=partners[0].influence::partners[0].influence: must be 1 to 5, got 7\n"
    )


def test_valid_folder_exits_zero_with_summary(tmp_path: Path) -> None:
    _write(tmp_path / "coalitions", "samen-lezen.yml", MINIMAL)
    result = run_cli("check", cwd=tmp_path)
    assert (result.code, result.stdout) == (0, "")
    assert result.stderr == "checked 1 dossier: all valid\n"


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("check", "--dir", "nergens", cwd=tmp_path)
    assert result.code == 1
    assert result.stdout == "nergens:1:1: (folder): no such folder\n"
