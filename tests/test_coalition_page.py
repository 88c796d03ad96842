"""A coalition page for a reader in a hurry: a card at the top with what the
coalition does, its next activity open to newcomers, how to take part and whom
to contact; then a contents list that links to the page's own sections."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.public import Contact, PublicSite, Text
from generator.site import generate
from tests.composed import files

from .site_build import BuiltSite

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def site() -> PublicSite:
    return generate(ROOT / "coalitions", DAY).site


def _page(site: PublicSite, slug: str, lang: str = "nl") -> str:
    folder = {"nl": "coalities", "en": "coalitions"}[lang]
    return files(site, lang)[f"{folder}/{slug}.md"]


def _card(page: str) -> str:
    found = re.search(r'<section class="glance"[^>]*>(.*?)</section>', page, re.S)
    assert found is not None, "no card at the top"
    return found.group(1)


def _contents(page: str) -> list[tuple[str, str]]:
    found = re.search(r'<nav class="page-contents"[^>]*>(.*?)</nav>', page, re.S)
    assert found is not None, "no contents list"
    return re.findall(r"^- \[(.+?)\]\(#([a-z0-9-]+)\)$", found.group(1), re.M)


def _with_agenda(site: PublicSite, extra: list[tuple[str, int, bool]]) -> PublicSite:
    """Coalition 0 with its agenda replaced by (title, days from the build date, open)."""
    c = site.coalitions[0]
    agenda = tuple(
        replace(
            c.agenda[0],
            id=f"extra-{k}",
            title=Text(nl=title),
            start=datetime.combine(DAY, datetime.min.time()) + timedelta(days=days, hours=10),
            end=None,
            open_to_newcomers=is_open,
            how_to_join=Text(nl=f"Zo doe je mee aan {title}"),
            registration=None,
        )
        for k, (title, days, is_open) in enumerate(extra)
    )
    return replace(site, coalitions=(replace(c, agenda=agenda), *site.coalitions[1:]))


def test_the_card_shows_the_next_open_activity_and_how_to_join(site: PublicSite) -> None:
    changed = _with_agenda(
        site,
        [
            ("Alleen voor de partners", 1, False),
            ("Al geweest maar open", -3, True),
            ("Later open", 9, True),
            ("Eerst open", 4, True),
        ],
    )
    c = changed.coalitions[0]
    card = _card(_page(changed, c.slug))
    assert f"[Eerst open](#{c.slug}_extra-3), " in card
    assert "Zo doe je mee aan Eerst open" in card
    assert "Later open" not in card and "partners" not in card and "geweest" not in card
    assert card.index("Wat we doen:") < card.index("Eerstvolgende") < card.index("Meedoen:")


def test_the_card_shows_the_first_public_contact_with_links(site: PublicSite) -> None:
    for c in site.coalitions:
        first = c.contacts[0]
        card = _card(_page(site, c.slug))
        line = next(line for line in card.splitlines() if line.startswith("- **Contact:**"))
        assert first.name in line
        if first.email:
            assert f"(mailto:{first.email})" in line
        if first.phone:
            assert "(tel:" in line
        assert c.contacts[1].name not in line


def test_without_open_activity_or_contact_the_card_says_so(site: PublicSite) -> None:
    changed = _with_agenda(site, [("Alleen voor de partners", 1, False)])
    c = replace(changed.coalitions[0], contacts=(), website=None)
    changed = replace(changed, coalitions=(c, *changed.coalitions[1:]))
    cases = (
        ("nl", "geen activiteit voor nieuwkomers", "Nog geen openbaar contact", "(../meedoen/"),
        ("en", "No activity open to newcomers", "No public contact yet", "(../take-part/"),
    )
    for lang, none, no_contact, elsewhere in cases:
        card = _card(_page(changed, c.slug, lang))
        assert none in card and no_contact in card and elsewhere in card


def test_without_an_open_activity_the_card_points_at_the_contact(site: PublicSite) -> None:
    changed = _with_agenda(site, [])
    card = _card(_page(changed, changed.coalitions[0].slug))
    assert "- **Meedoen:** Neem contact op met de contactpersoon hieronder" in card


def test_the_card_uses_the_start_of_the_question_without_a_summary(site: PublicSite) -> None:
    question = "Kinderen in de wijk moeten veilig kunnen spelen. " * 10
    c = replace(site.coalitions[1], summary=None, societal_question=Text(nl=question.strip()))
    changed = replace(site, coalitions=(site.coalitions[0], c, *site.coalitions[2:]))
    card = _card(_page(changed, c.slug))
    assert "- **Wat we doen:** Kinderen in de wijk moeten veilig kunnen spelen\\." in card
    assert "…" in card


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_contents_list_names_every_section_heading_in_order(
    site: PublicSite, lang: str
) -> None:
    for c in site.coalitions:
        page = _page(site, c.slug, lang)
        headings = re.findall(r'^<h2 id="([a-z0-9-]+)" markdown>(.+?)</h2>$', page, re.M)
        assert not re.search(r"^## ", page, re.M), "a section heading without a fixed id"
        assert [(label, anchor) for anchor, label in headings] == _contents(page)
        assert {"agenda", "contact"} <= {anchor for _, anchor in _contents(page)}


def test_a_section_keeps_its_id_when_a_dossier_heading_has_the_same_text(
    site: PublicSite,
) -> None:
    c = site.coalitions[0]
    agreement = replace(c.agreements[0], title=Text(nl="Contact", en="Contact"))
    changed = replace(
        c,
        agreements=(agreement, *c.agreements[1:]),
        contacts=(Contact(name="Iemand", role=None, partner=None, email=None, phone=None),),
    )
    page = _page(replace(site, coalitions=(changed, *site.coalitions[1:])), c.slug)
    assert '<h2 id="contact" markdown>Contact</h2>' in page
    assert ("Contact", "contact") in _contents(page)


class _Ids(HTMLParser):
    """Every id on a page, and the links of its contents list."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.contents: list[str] = []
        self._in_contents = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids[found["id"] or ""] = tag
        if tag == "nav" and "page-contents" in (found.get("class") or ""):
            self._in_contents = True
        if tag == "a" and self._in_contents:
            self.contents.append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_contents = False


@pytest.mark.slow
def test_every_contents_link_resolves_to_a_heading_on_the_built_page(
    built_site: BuiltSite,
) -> None:
    pages = [
        *(built_site.site / "coalities").glob("*/index.html"),
        *(built_site.site / "en" / "coalitions").glob("*/index.html"),
    ]
    assert len(pages) >= 8
    for page in pages:
        parsed = _Ids()
        parsed.feed(page.read_text(encoding="utf-8"))
        assert len(parsed.contents) >= 5, page
        for href in parsed.contents:
            assert href.startswith("#"), (page, href)
            assert parsed.ids.get(href[1:]) == "h2", (page, href)
        assert {"#agenda", "#contact"} <= set(parsed.contents), page
        activity = re.search(
            r'class="glance".*?href="#([a-z0-9_-]+)"', page.read_text(encoding="utf-8"), re.S
        )
        if activity:
            assert activity.group(1) in parsed.ids, (page, activity.group(1))
