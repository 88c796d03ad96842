"""`dossiers format`: the canonical layout (generator/layout.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.layout import SCHEMA_LINE, canonical
from generator.load import RawDossier, read_bytes
from generator.validate import ValidDossier, validate

from .conftest import ROOT

DOSSIERS = sorted(
    [
        *(ROOT / "coalitions").glob("*.yml"),
        *(ROOT / "tests/fixtures/golden").rglob("*.yml"),
        ROOT / "tests/fixtures/minimal.yml",
    ]
)


def _valid(text: str, name: str) -> ValidDossier:
    raw = read_bytes(text.encode(), name, name)
    assert isinstance(raw, RawDossier), raw
    valid = validate(raw)
    assert isinstance(valid, ValidDossier), valid
    return valid


def _canonical(text: str, name: str) -> str:
    raw = read_bytes(text.encode(), name, name)
    assert hasattr(raw, "data"), raw
    return canonical(raw.data, text)


@pytest.mark.parametrize("path", DOSSIERS, ids=[p.stem for p in DOSSIERS])
def test_the_layout_changes_no_value_and_is_stable(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tidy = _canonical(text, path.name)
    assert _valid(tidy, path.name).dossier == _valid(text, path.name).dossier
    assert _canonical(tidy, path.name) == tidy
    assert tidy.splitlines()[0] == SCHEMA_LINE


def test_the_layout_orders_fields_and_leaves_defaults_out() -> None:
    text = (
        "# Een dossier\n"
        "status: active\n"
        "name: 'Samen: sterk'\n"
        "agenda:\n"
        "  - {public: true, id: a, title: Open dag, start: 2026-12-10T19:30,"
        " organisers: [gemeente], open_to_newcomers: false, free: false}\n"
    )
    tidy = _canonical(text, "x.yml")
    assert tidy == (
        f"{SCHEMA_LINE}\n"
        "# Een dossier\n"
        'name: "Samen: sterk"\n'
        "status: active\n"
        "agenda:\n"
        "  - id: a\n"
        "    title:\n"
        "      nl: Open dag\n"
        "    start: 2026-12-10T19:30\n"
        "    organisers:\n"
        "      - gemeente\n"
        "    public: true\n"
        "    free: false\n"  # no default: said is said
    )


@pytest.mark.parametrize(
    "value",
    ["true", "null", "12", "1.5", "0x1F", "- a", "a: b", "a #b", " pad", "", "@jan", "'q'"],
)
def test_text_that_looks_like_something_else_is_quoted(value: str) -> None:
    text = f'name: "{value}"\nstatus: draft\n'
    tidy = _canonical(text, "x.yml")
    raw = read_bytes(tidy.encode(), "x.yml", "x.yml")
    assert hasattr(raw, "data") and raw.data["name"] == value, tidy


def test_format_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "coalitions"
    folder.mkdir()
    source = ROOT / "coalitions" / "gelijke-kansen-oost.yml"
    (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    untidy = source.read_text(encoding="utf-8") != _canonical(
        source.read_text(encoding="utf-8"), source.name
    )
    assert main(["format", "--check", "--dir", str(folder)]) == (1 if untidy else 0)
    assert main(["format", "--dir", str(folder)]) == 0
    assert main(["format", "--check", "--dir", str(folder)]) == 0


def test_format_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    folder = tmp_path / "coalitions"
    folder.mkdir()
    broken = folder / "kapot.yml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    assert main(["format", "--dir", str(folder)]) == 1
    assert broken.read_text(encoding="utf-8") == "name: [unclosed\n"
