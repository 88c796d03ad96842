"""The words on the generated pages, read as a resident would: plain Dutch (B1),
no jargon, no label without a value, no column without a name."""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.render import labels
from generator.site import Outputs, generate

from .conftest import ROOT

DAY = date(2026, 11, 23)
# Words a resident stumbles over, each with what the pages say instead.
JARGON = {
    "nl": ("lock-in", "crossover", "community-opbouw", "netwerksturing", "Deadline", "Nulmeting"),
    "en": ("lock-in", "crossover"),
}


@pytest.fixture(scope="module")
def made() -> Outputs:
    return generate(ROOT / "coalitions", DAY)


def _pages(made: Outputs, lang: str) -> dict[str, str]:
    return {p: t.replace("\\", "") for p, t in made.files[lang].items() if p.endswith(".md")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_jargon_in_what_the_site_itself_says(made: Outputs, lang: str) -> None:
    """Our labels and terms, whichever page they end on (a dossier's own words are its
    authors'); the examples' pages, whose dossiers avoid these words, as a whole."""
    index = ("nl", "en").index(lang)
    said = [pair[index] for pair in labels._WORDS.values()]
    said += [pair[index] for terms in labels._VOCABULARY.values() for pair in terms.values()]
    for text in said:
        for word in JARGON[lang]:
            assert word.casefold() not in text.casefold(), (text, word)
    for path, text in _pages(made, lang).items():
        for word in ("lock-in", "crossover"):
            assert word not in text.casefold(), (path, word)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_table_column_has_a_name_and_no_two_share_one(made: Outputs, lang: str) -> None:
    """The investments table once had a nameless column; the English organisations
    table two columns called "Coalitions"."""
    checked = 0
    for path, text in _pages(made, lang).items():
        lines = text.splitlines()
        for n, line in enumerate(lines[:-1]):
            if line.startswith("|") and lines[n + 1].startswith("|---"):
                names = [cell.strip() for cell in line.strip().strip("|").split("|")]
                assert all(names), (path, line)
                assert len(set(names)) == len(names), (path, line)
                checked += 1
    assert checked > 10


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_label_stands_without_its_value(made: Outputs, lang: str) -> None:
    """'Looptijd: – 30 september 2029', 'Waar: ' or an empty cell: a label is shown
    only with a value, and a missing value in a table is a dash."""
    empty = re.compile(r"^\s*- (\*\*)?[^:|]{2,40}:(\*\*)?\s*(–.*)?$")
    for path, text in _pages(made, lang).items():
        for line in text.splitlines():
            assert not empty.match(line), (path, line)
            if line.startswith("|") and not line.startswith("|---"):
                cells = line.strip().strip("|").split("|")
                assert all(cell.strip() for cell in cells), (path, line)
