"""The agenda and take-part pages: subscribe first, a list to scan, and every
upcoming activity with its own calendar file ("add to my calendar")."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urljoin

import icalendar
import pytest

from generator.render import markdown, paths
from generator.render.labels import Labels
from generator.site import DEFAULT_SITE_URL, Outputs, generate

from .conftest import ROOT
from .site_build import BuiltSite

DAY = date(2026, 11, 23)
SUB_PATH = "https://owner.github.io/repo/"  # as the shipped Pages workflow publishes


@pytest.fixture(scope="module")
def made() -> Outputs:
    return generate(ROOT / "coalitions", DAY, SUB_PATH)


def _upcoming(made: Outputs) -> list[tuple[str, str, bool]]:
    return [
        (c.slug, a.id, a.open_to_newcomers)
        for c in made.site.coalitions
        for a in c.agenda
        if (a.end or a.start).date() >= DAY
    ]


def _vevents(text: str) -> list[icalendar.Event]:
    return [
        e
        for e in icalendar.Calendar.from_ical(text).walk("VEVENT")
        if isinstance(e, icalendar.Event)
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_upcoming_activity_has_its_own_calendar(made: Outputs, lang: str) -> None:
    """One event each, the same text as in the feed (so the same UID), with its time zone."""
    files = made.files[lang]
    feed = files[paths.overview_feeds(lang)["all"]]
    in_feed = {str(e["UID"]): e.to_ical() for e in _vevents(feed)}
    upcoming = _upcoming(made)
    assert upcoming
    for slug, activity_id, _ in upcoming:
        text = files[paths.activity_feed(slug, activity_id, lang)]
        calendar = icalendar.Calendar.from_ical(text)
        assert str(calendar["VERSION"]) == "2.0"
        assert calendar.walk("VTIMEZONE")
        (event,) = _vevents(text)
        assert event.to_ical() == in_feed[str(event["UID"])]
        assert str(event["UID"]).startswith(f"{slug}.{activity_id}@")
        assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    own = [p for p in files if p.endswith(".ics") and p.count(".") == 2]
    assert len(own) == len(upcoming)  # none for past activities, none for private ones


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_agenda_offers_subscribing_first_with_webcal_links(made: Outputs, lang: str) -> None:
    label = Labels(lang)
    page = made.files[lang][f"{label.section['agenda']}/index.md"]
    base = SUB_PATH if lang == "nl" else SUB_PATH + "en/"
    host_path = base.removeprefix("https://")
    subscribe = page.index(f"## {label('subscribe')}")
    upcoming = page.index(f"## {label('upcoming')}")
    assert subscribe < upcoming < page.index('class="agenda-item"')
    for kind in ("all", "newcomers"):
        feed = paths.overview_feeds(lang)[kind]
        assert f"(webcal://{host_path}{feed})" in page
        assert f"]({feed.split('/')[-1]})" in page  # the file itself, beside it


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_agenda_is_a_list_by_month_with_badges(made: Outputs, lang: str) -> None:
    label = Labels(lang)
    page = made.files[lang][f"{label.section['agenda']}/index.md"]
    upcoming = _upcoming(made)
    items = page.count('<details class="agenda-item"')
    assert items == len(upcoming)
    months = {
        label.month(a.start.date())
        for c in made.site.coalitions
        for a in c.agenda
        if (a.end or a.start).date() >= DAY
    }
    assert set(re.findall(r"^### (.+)$", page, re.M)) == months
    open_count = sum(1 for *_, is_open in upcoming if is_open)
    assert page.count('class="badge badge-open"') == open_count
    assert f"**{label('open_to_newcomers')}**" not in page
    for slug, activity_id, _ in upcoming:
        name = paths.activity_feed(slug, activity_id, lang).split("/")[-1]
        assert f"(../{label.section['coalitions']}/{name})" in page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_take_part_links_the_newcomers_feed_and_drops_the_repeated_mark(
    made: Outputs, lang: str
) -> None:
    label = Labels(lang)
    page = made.files[lang][f"{label.section['take_part']}/index.md"]
    feed = paths.overview_feeds(lang)["newcomers"]
    base = SUB_PATH if lang == "nl" else SUB_PATH + "en/"
    assert f"(webcal://{base.removeprefix('https://')}{feed})" in page
    assert f"(../{feed})" in page
    assert page.index(feed) < page.index('class="agenda-item"')
    assert page.count('class="agenda-item"') == sum(1 for *_, o in _upcoming(made) if o)
    # Every activity here is open to newcomers: saying so on each would be noise.
    assert "badge-open" not in page
    assert label("open_to_newcomers") not in page.split(f"## {label('whom_to_contact')}")[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_coalition_page_marks_open_activities_with_a_badge(made: Outputs, lang: str) -> None:
    label = Labels(lang)
    for c in made.site.coalitions:
        page = made.files[lang][paths.coalition_page(c.slug, lang)]
        assert f"**{label('open_to_newcomers')}**" not in page
        shown = [a for a in c.agenda if (a.end or a.start).date() >= DAY]
        assert page.count("badge-open") == sum(1 for a in shown if a.open_to_newcomers)
        for a in shown:
            name = paths.activity_feed(c.slug, a.id, lang).split("/")[-1]
            assert f"]({name})" in page
        if c.agenda:
            feed = paths.coalition_feed(c.slug, lang)
            base = SUB_PATH if lang == "nl" else SUB_PATH + "en/"
            assert f"(webcal://{base.removeprefix('https://')}{feed})" in page


_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'\bhref="([^"]+)"')
_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _target(site_url: str, address: str) -> tuple[str, str] | None:
    """(file in the built site, fragment) for an address on this site, else None."""
    if not address.startswith(site_url) or "#" not in address:
        return None
    path, fragment = address.removeprefix(site_url).split("#", 1)
    path = unquote(path)
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, unquote(fragment)


def fragment_links(site: Path, site_url: str) -> list[tuple[str, str, str]]:
    """(where, file, fragment) of every link with a fragment that the built site
    writes: in its pages' links, their JSON-LD and the calendars' URLs."""
    found: list[tuple[str, str, str]] = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        page_url = site_url + relative.removesuffix("index.html")
        text = file.read_text("utf-8")
        for href in _HREF.findall(text):
            href = html.unescape(href)
            if href == "#" or href.startswith(("http:", "https:", "mailto:", "tel:", "webcal:")):
                continue
            target = _target(site_url, urljoin(page_url, href))
            if target:
                found.append((f"{relative}: href {href}", *target))
        for block in _JSON_LD.findall(text):
            graph = json.loads(block).get("@graph", [])
            for event in graph:
                for key in ("url", "@id"):
                    target = _target(site_url, event.get(key, ""))
                    if target:
                        found.append((f"{relative}: JSON-LD {key}", *target))
    for file in sorted(site.rglob("*.ics")):
        relative = file.relative_to(site).as_posix()
        for event in icalendar.Calendar.from_ical(file.read_bytes()).walk("VEVENT"):
            target = _target(site_url, str(event.get("URL", "")))
            if target:
                found.append((f"{relative}: URL", *target))
    return found


def missing_fragments(site: Path, links: list[tuple[str, str, str]]) -> list[str]:
    ids: dict[str, set[str]] = {}
    missing = []
    for where, file, fragment in links:
        if file not in ids:
            page = site / file
            ids[file] = set(_ID.findall(page.read_text("utf-8"))) if page.is_file() else set()
        if fragment not in ids[file]:
            missing.append(f"{where}: no #{fragment} on {file}")
    return missing


@pytest.mark.slow
def test_every_fragment_on_the_built_site_exists(built_site: BuiltSite) -> None:
    """Pages, JSON-LD and feeds link to anchors; each is on its page, past activities too."""
    site = built_site.site
    links = fragment_links(site, DEFAULT_SITE_URL)
    assert missing_fragments(site, links) == []
    kinds = {where.split(": ", 1)[1].split(" ", 1)[0] for where, _, _ in links}
    assert {"href", "JSON-LD", "URL"} <= kinds
    made = generate(ROOT / "coalitions", DAY)
    past = [
        paths.activity_anchor(c.slug, a.id)
        for c in made.site.coalitions
        for a in c.agenda
        if (a.end or a.start).date() < DAY
    ]
    linked = {fragment for _, _, fragment in links}
    assert past and set(past) <= linked


_SRC = re.compile(r'\b(?:href|src)="([^"]+)"')


def missing_targets(site: Path, site_url: str) -> list[str]:
    """Links and sources of the built pages that lead to no file of the site."""
    missing = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        page_url = site_url + relative.removesuffix("index.html")
        for href in _SRC.findall(file.read_text("utf-8")):
            address = urljoin(page_url, html.unescape(href)).split("#", 1)[0].split("?", 1)[0]
            if not address.startswith(site_url):
                continue  # another site, mailto:, tel:, webcal:
            path = unquote(address.removeprefix(site_url))
            if path == "" or path.endswith("/"):
                path += "index.html"
            if not (site / path).is_file():
                missing.append(f"{relative}: {href}")
    return missing


def test_every_link_on_the_built_site_leads_to_a_file(built_site: BuiltSite) -> None:
    """Every page's links, images, stylesheets and scripts: the calendar files that
    the finder page offers too (they are beside the coalition pages, not beside it)."""
    assert missing_targets(built_site.site, DEFAULT_SITE_URL) == []


def test_the_link_check_finds_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../b.ics">x</a> <img src="c.svg">', "utf-8"
    )
    (tmp_path / "b.ics").write_text("", "utf-8")
    (tmp_path / "index.html").write_text('<a href="a/">a</a> <a href="a/b.ics">gone</a>', "utf-8")
    assert missing_targets(tmp_path, "http://localhost:8000/") == [
        "a/index.html: c.svg",
        "index.html: a/b.ics",
    ]


def test_the_fragment_check_finds_a_missing_anchor(tmp_path: Path) -> None:
    """The check above is not hollow: a link to an anchor no page has is reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', "utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a> <a href="a/#gone">bad</a>', "utf-8"
    )
    links = fragment_links(tmp_path, "http://localhost:8000/")
    assert [f for _, _, f in links] == ["here", "gone"]
    assert missing_fragments(tmp_path, links) == [
        "index.html: href a/#gone: no #gone on a/index.html"
    ]


def test_only_our_feeds_get_webcal_links() -> None:
    """A dossier's address can never become a webcal: link; ours are made from http(s)."""
    assert markdown.webcal("x", "https://a.example/f.ics") == "[x](webcal://a.example/f.ics)"
    for address in ("javascript:alert(1)", "webcal://a.example/f.ics", "data:text/calendar,x"):
        with pytest.raises(ValueError):
            markdown.webcal("x", address)
        with pytest.raises(ValueError):
            markdown.link("x", address)
