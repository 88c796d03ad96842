"""The agenda and take-part pages: subscribe first, a list to scan, and every
upcoming activity with its own calendar file ("add to my calendar")."""

from __future__ import annotations

import re
from datetime import date

import icalendar
import pytest

from generator.render import paths
from generator.render.labels import Labels
from generator.site import Outputs, generate

from .conftest import ROOT

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
