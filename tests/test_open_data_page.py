"""The open-data page as a data user reads it: every file listed (the catalogue
too), the data dictionary with the identifier, membership and time columns, and
the note on how CSV text is kept from running as a spreadsheet formula."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from generator.render.exports import TABLES, safe_cell
from generator.site import generate

from .conftest import FIXTURES

_FORMULA = {"nl": "nooit als formule", "en": "never runs it as a formula"}
_OFFSET = {"nl": "verschil met UTC (RFC 3339", "en": "offset from UTC (RFC 3339"}


@cache
def _page(lang: str) -> str:
    files = generate(FIXTURES / "golden", date(2026, 6, 1), "https://example.org/").files[lang]
    return files["open-data/index.md"]


def _section(page: str, table: str) -> str:
    return page.split(f"## {table}.csv", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_file_is_listed_with_the_catalogue(lang: str) -> None:
    page = _page(lang)
    for name in ("dossiers.json", "dossiers.schema.json", "datapackage.json", "catalog.jsonld"):
        assert f"]({name})" in page, name
    for table in TABLES:
        assert f"]({table}.csv)" in page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_dictionary_shows_the_identifier_and_membership_columns(lang: str) -> None:
    memberships = _section(_page(lang), "memberships")
    for column in ("kvk", "oin", "tooi", "since", "until"):
        assert f"| `{column}` |" in memberships, column
    activities = _section(_page(lang), "activities")
    start = next(line for line in activities.splitlines() if line.startswith("| `start` |"))
    assert _OFFSET[lang] in start.replace("\\", "")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_says_how_csv_text_is_kept_from_running_as_a_formula(lang: str) -> None:
    page = _page(lang).replace("\\", "")
    assert _FORMULA[lang] in page
    # What the note promises is what the tables do.
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(f"{start}1") == f"'{start}1"
