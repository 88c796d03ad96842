"""The home page shows what is happening, from the data: the next activities open
to newcomers and the coalitions by theme with their summaries; and the copy fixes
on the overviews and coalition pages."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from generator.public import Coalition, PublicSite, Text
from generator.render.pages import HOME_OPEN
from generator.site import generate
from tests.composed import files

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def site() -> PublicSite:
    return generate(ROOT / "coalitions", DAY).site


def _with_agenda(site: PublicSite, n: int, extra: list[tuple[str, int, bool]]) -> PublicSite:
    """The site with coalition n's agenda replaced by activities (title, days from the
    build date, open to newcomers), each copied from its first activity."""
    c = site.coalitions[n]
    model = c.agenda[0]
    agenda = tuple(
        replace(
            model,
            id=f"extra-{k}",
            title=Text(nl=title),
            start=datetime.combine(DAY, datetime.min.time()) + timedelta(days=days, hours=10),
            end=None,
            open_to_newcomers=is_open,
        )
        for k, (title, days, is_open) in enumerate(extra)
    )
    others = tuple(replace(o, agenda=()) for o in site.coalitions if o is not c)
    return replace(site, coalitions=(replace(c, agenda=agenda), *others))


def _home(site: PublicSite, lang: str = "nl") -> str:
    return files(site, lang)["index.md"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_home_page_is_generated_in_both_languages(site: PublicSite, lang: str) -> None:
    page = _home(site, lang)
    assert "search" in page.lower() or "zoek" in page.lower()
    for section in ("agenda", "take_part", "coalitions"):
        folder = {"nl": {"take_part": "meedoen", "coalitions": "coalities"}}.get(lang, {})
        name = folder.get(section, {"take_part": "take-part"}.get(section, section))
        assert f"]({name}/index.md)" in page


def test_the_home_page_lists_the_next_open_activity_with_how_to_join(site: PublicSite) -> None:
    page = _home(site)
    first = re.search(r"^### \[(.+?)\]\((coalities/[a-z0-9-]+\.md#[a-z0-9_-]+)\)$", page, re.M)
    assert first is not None
    assert first.group(1) == "Open inloopavond voor ouders"
    assert "- Wanneer: donderdag 10 december 2026, 19:30–21:00" in page
    assert "- Waar: Bibliotheek Oost, Kastanjeplein 4" in page
    assert "- Samenwerkingsverband: [Gelijke kansen Oost](coalities/gelijke-kansen-oost.md)" in page
    assert "- Meedoen: Loop gewoon binnen" in page


def test_only_upcoming_activities_open_to_newcomers_and_at_most_five(site: PublicSite) -> None:
    extra = [
        ("Alleen voor de partners", 1, False),
        ("Al geweest maar open", -3, True),
        *((f"Open bijeenkomst {k}", 2 + k, True) for k in range(HOME_OPEN + 2)),
    ]
    page = _home(_with_agenda(site, 0, extra))
    listed = re.findall(r"^### \[(.+?)\]\(coalities/", page, re.M)
    assert listed == [f"Open bijeenkomst {k}" for k in range(HOME_OPEN)]
    assert "Alleen voor de partners" not in page
    assert "Al geweest maar open" not in page


def test_without_open_activities_the_home_page_says_so(site: PublicSite) -> None:
    page = _home(_with_agenda(site, 0, [("Alleen voor de partners", 1, False)]))
    assert "Er staan nu geen activiteiten voor nieuwkomers gepland" in page
    assert not re.search(r"^### \[", page, re.M)


def _summary_cases(site: PublicSite) -> tuple[Coalition, Coalition]:
    """A coalition with its summary, and one whose summary is taken away."""
    with_summary = site.coalitions[0]
    assert with_summary.summary is not None
    question = "Kinderen in de wijk moeten veilig kunnen spelen. " * 10
    without = replace(site.coalitions[1], summary=None, societal_question=Text(nl=question.strip()))
    return with_summary, without


def test_the_home_page_groups_coalitions_by_theme_with_their_summary(site: PublicSite) -> None:
    with_summary, without = _summary_cases(site)
    changed = replace(site, coalitions=(with_summary, without, *site.coalitions[2:]))
    page = _home(changed)
    themes = page.split("## Samenwerkingsverbanden per thema", 1)[1].split("\n## ", 1)[0]
    theme = with_summary.themes[0].name.nl
    block = themes.split(f"### {theme}\n", 1)[1].split("\n### ", 1)[0]
    assert f"[{with_summary.name}](coalities/{with_summary.slug}.md)" in block
    summary = with_summary.summary.nl if with_summary.summary else ""
    assert summary.split()[0] in block
    # No summary: the start of the societal question, cut after a whole word.
    line = next(x for x in themes.splitlines() if f"]({without_path(without)})**:" in x)
    shown = line.split("**: ", 1)[1]
    assert shown.startswith("Kinderen in de wijk moeten veilig kunnen spelen")
    assert shown.endswith("…") and shown[:-1].split()[-1] in question_words()


def without_path(c: Coalition) -> str:
    return f"coalities/{c.slug}.md"


def question_words() -> set[str]:
    return {"Kinderen", "in", "de", "wijk", "moeten", "veilig", "kunnen", "spelen\\."}


def test_the_coalitions_index_shows_each_summary(site: PublicSite) -> None:
    with_summary, without = _summary_cases(site)
    changed = replace(site, coalitions=(with_summary, without, *site.coalitions[2:]))
    for lang, folder in (("nl", "coalities"), ("en", "coalitions")):
        page = files(changed, lang)[f"{folder}/index.md"]
        assert with_summary.summary is not None
        shown = with_summary.summary.get(lang)[0].split(",")[0]
        assert f"- **[{with_summary.name}]({with_summary.slug}.md)**: {shown}" in page
        line = next(x for x in page.splitlines() if f"]({without.slug}.md)**:" in x)
        assert "Kinderen in de wijk moeten veilig kunnen spelen" in line


def test_the_network_is_not_read_as_opposed_to(site: PublicSite) -> None:
    nl = files(site, "nl")["organisaties/index.md"]
    assert "tegen" not in nl
    assert "Welke organisaties in welke samenwerkingsverbanden meedoen" in nl
    en = files(site, "en")["organisations/index.md"]
    assert "against" not in en


def test_the_english_organisations_table_has_distinct_column_names(site: PublicSite) -> None:
    page = files(site, "en")["organisations/index.md"]
    header = next(line for line in page.splitlines() if line.startswith("| Organisation"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    assert len(names) == len(set(names)), names


def test_an_agreement_without_a_start_runs_until_its_end(site: PublicSite) -> None:
    nl = files(site, "nl")["coalities/gelijke-kansen-oost.md"]
    assert "- **Looptijd:** tot 30 september 2029\n" in nl
    assert " – 30 september 2029" not in nl
    en = files(site, "en")["coalitions/gelijke-kansen-oost.md"]
    assert "- **Valid:** until 30 September 2029\n" in en
    palliative = files(site, "nl")["coalities/palliatieve-zorg-netwerk.md"]
    assert "- **Looptijd:** vanaf 1 april 2025\n" in palliative
