"""Calendar feeds (RFC 5545): one per coalition, one of everything, one for newcomers.

Pure: the build date gives DTSTAMP, so two builds of the same dossiers give
byte-identical files. Times are Dutch local time with a VTIMEZONE for
Europe/Amsterdam that covers the years of the calendar's events
(``vtimezone.py``). A UID is the coalition's slug and the activity's id, so an
activity keeps its UID from build to build. Only public activities exist in
the public model, so only they can appear here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import NamedTuple
from urllib.parse import urlsplit

import icalendar

from ..amsterdam import TZID, aware
from ..public import Activity, Coalition
from . import paths
from .labels import Labels
from .refs import refs
from .vtimezone import vtimezone

PRODID = "-//Dossiers van samenwerkingsverbanden//dossiers//NL"


def activity_url(base_url: str, coalition: Coalition, activity: Activity, lang: str) -> str:
    """The activity on the site: its coalition's page, at the activity's anchor."""
    return base_url + paths.activity_location(coalition.slug, activity.id, lang)


def uid(base_url: str, coalition: Coalition, activity: Activity) -> str:
    host = urlsplit(base_url).hostname or "dossiers"
    return f"{coalition.slug}.{activity.id}@{host}"


def _event(
    coalition: Coalition, activity: Activity, lang: str, base_url: str, stamp: datetime
) -> icalendar.Event:
    label = Labels(lang)
    title, _ = activity.title.get(lang)
    event = icalendar.Event()
    event.add("uid", uid(base_url, coalition, activity))
    event.add("dtstamp", stamp)
    event.add("dtstart", aware(activity.start))
    if activity.end is not None:
        event.add("dtend", aware(activity.end))
    event.add("summary", title)
    lines = []
    if activity.description:
        lines.append(activity.description.get(lang)[0])
    lines.append(f"{label('coalition')}: {coalition.name}")
    organisers = refs(coalition).partner_names(activity.organisers)
    lines.append(f"{label('organisers')}: {', '.join(organisers)}")
    if activity.open_to_newcomers:
        lines.append(label("open_to_newcomers"))
    if activity.free is not None:
        lines.append(f"{label('free')}: {label('yes') if activity.free else label('no')}")
    if activity.how_to_join:
        lines.append(f"{label('how_to_join')}: {activity.how_to_join.get(lang)[0]}")
    if activity.registration:
        lines.append(f"{label('registration')}: {activity.registration}")
    # The page's address in the text too: Google Calendar and others ignore URL.
    page = activity_url(base_url, coalition, activity, lang)
    lines.append(f"{label('event_page')}: {page}")
    event.add("description", "\n\n".join(lines))
    # Only what the activity itself says: the calendar does not guess a place.
    place = next((p for p in coalition.places if p.id == activity.place), None)
    if place is not None:
        shown = place.name + (f", {place.address.get(lang)[0]}" if place.address else "")
        event.add("location", shown)
    elif activity.online:
        event.add("location", activity.online)
    event.add("url", page)
    theme = next((t for t in coalition.themes if t.id == activity.theme), None)
    if theme is not None:
        event.add("categories", [theme.name.get(lang)[0]])
    return event


Years = tuple[int, int]
"""The first and the last year a calendar's events touch: what its VTIMEZONE covers."""

# A calendar without events refers to no time, but RFC 5545 wants at least one
# component in it: the zone's rules as they have stood since 1996.
_NO_EVENTS: Years = (1996, 1997)


def _joined(spans: Iterable[Years | None]) -> Years | None:
    known = [span for span in spans if span is not None]
    if not known:
        return None
    return min(first for first, _ in known), max(last for _, last in known)


def _calendar(name: str, events: Iterable[str], years: Years | None) -> str:
    """A calendar around events already written as text (each is written once)."""
    # A coalition's name may hold a line break; icalendar refuses one in NAME.
    name = " ".join(name.split())
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    head, tail = bytes(calendar.to_ical()).decode("utf-8").rsplit("END:VCALENDAR", 1)
    zone = vtimezone(*(years or _NO_EVENTS))
    return head + zone + "".join(events) + "END:VCALENDAR" + tail


@dataclass(frozen=True)
class Event:
    """One activity written as a VEVENT, with what is needed to place it in a calendar."""

    order: tuple[datetime, str, str]  # start, coalition slug, activity id
    years: Years  # of its start and its end
    open_to_newcomers: bool
    text: str


def coalition_events(
    coalition: Coalition, lang: str, base_url: str, build_date: date
) -> tuple[Event, ...]:
    """Every public activity of one coalition as an event, in calendar order."""
    stamp = datetime.combine(build_date, datetime.min.time(), tzinfo=UTC)
    events = [
        Event(
            order=(a.start, coalition.slug, a.id),
            years=(a.start.year, (a.end or a.start).year),
            open_to_newcomers=a.open_to_newcomers,
            text=bytes(_event(coalition, a, lang, base_url, stamp).to_ical()).decode("utf-8"),
        )
        for a in coalition.agenda
    ]
    return tuple(sorted(events, key=lambda event: event.order))


def calendar(name: str, events: Sequence[Event]) -> str:
    """A calendar of events, with a time zone for the years they touch."""
    years = _joined(event.years for event in events)
    return _calendar(name, (event.text for event in events), years)


def coalition_calendar(coalition: Coalition, lang: str, events: Sequence[Event]) -> str:
    return calendar(f"{Labels(lang)('agenda')}: {coalition.name}", events)


def activity_calendars(
    coalition: Coalition, lang: str, events: Sequence[Event], activity_ids: Iterable[str]
) -> dict[str, str]:
    """{path: calendar} with one event each, for "add to my calendar" on the pages.

    Only for `activity_ids` (the upcoming ones: nobody adds a past activity),
    each the same event text as in the feeds, so it keeps its UID there too.
    """
    by_id = {event.order[2]: event for event in events}
    label = Labels(lang)
    found = {}
    for activity_id in activity_ids:
        event = by_id[activity_id]
        found[paths.activity_feed(coalition.slug, activity_id, lang)] = calendar(
            f"{label('agenda')}: {coalition.name}", [event]
        )
    return found


class FeedPart(NamedTuple):
    """One coalition's share of the calendars across coalitions: its events as text."""

    every: str
    every_years: Years | None  # the years its events touch (None without events)
    open: str  # the events open to newcomers
    open_years: Years | None


def feed_part(events: Sequence[Event]) -> FeedPart:
    shown = [e for e in events if e.open_to_newcomers]
    return FeedPart(
        every="".join(e.text for e in events),
        every_years=_joined(e.years for e in events),
        open="".join(e.text for e in shown),
        open_years=_joined(e.years for e in shown),
    )


def overview_calendars(lang: str, parts: Sequence[FeedPart]) -> dict[str, str]:
    """{path: iCalendar text} of the two calendars across coalitions.

    `parts` holds each coalition's ``feed_part``, in the site's order. Its
    events go one coalition after the other, not sorted by time across
    coalitions: calendar programs order events themselves, and a changed
    dossier then changes only its own stretch of the feed.
    """
    label = Labels(lang)
    feeds = paths.overview_feeds(lang)
    return {
        feeds["all"]: _calendar(
            f"{label('agenda')}: {label('all_coalitions')}",
            [p.every for p in parts],
            _joined(p.every_years for p in parts),
        ),
        feeds["newcomers"]: _calendar(
            label("open_activities"),
            [p.open for p in parts],
            _joined(p.open_years for p in parts),
        ),
    }
