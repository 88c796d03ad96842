"""Calendar feeds (RFC 5545): one per coalition, one of everything, one for newcomers.

Pure: the build date gives DTSTAMP, so two builds of the same dossiers give
byte-identical files. Times are Dutch local time with a VTIMEZONE for
Europe/Amsterdam. A UID is the coalition's slug and the activity's id, so an
activity keeps its UID from build to build. Only public activities exist in
the public model, so only they can appear here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from ..public import Activity, Coalition, PublicSite
from .labels import Labels

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Dossiers van samenwerkingsverbanden//dossiers//NL"


def feed_paths(lang: str) -> dict[str, str]:
    """Where the two feeds across coalitions live in a language's docs folder."""
    folder = Labels(lang).section["agenda"]
    names = {
        "nl": ("alle-activiteiten", "voor-nieuwkomers"),
        "en": ("all-activities", "for-newcomers"),
    }[lang]
    return {"all": f"{folder}/{names[0]}.ics", "newcomers": f"{folder}/{names[1]}.ics"}


def coalition_feed_path(slug: str, lang: str) -> str:
    return f"{Labels(lang).section['coalitions']}/{slug}.ics"


def activity_url(base_url: str, coalition: Coalition, activity: Activity, lang: str) -> str:
    """The activity on the site: its coalition's page, at the activity's anchor."""
    folder = Labels(lang).section["coalitions"]
    return f"{base_url}{folder}/{coalition.slug}/#{coalition.slug}_{activity.id}"


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
    event.add("dtstart", activity.start.replace(tzinfo=AMSTERDAM))
    if activity.end is not None:
        event.add("dtend", activity.end.replace(tzinfo=AMSTERDAM))
    event.add("summary", title)
    lines = []
    if activity.description:
        lines.append(activity.description.get(lang)[0])
    lines.append(f"{label('coalition')}: {coalition.name}")
    names = {p.id: p.name for p in coalition.partners}
    lines.append(f"{label('organisers')}: {', '.join(names[i] for i in activity.organisers)}")
    if activity.open_to_newcomers:
        lines.append(label("open_to_newcomers"))
    if activity.free is not None:
        lines.append(f"{label('free')}: {label('yes') if activity.free else label('no')}")
    if activity.how_to_join:
        lines.append(f"{label('how_to_join')}: {activity.how_to_join.get(lang)[0]}")
    if activity.registration:
        lines.append(f"{label('registration')}: {activity.registration}")
    event.add("description", "\n\n".join(lines))
    place = next((p for p in coalition.places if p.id == activity.place), None)
    if place is not None:
        where = place.name + (f", {place.address.get(lang)[0]}" if place.address else "")
        event.add("location", where)
    elif activity.online:
        event.add("location", activity.online)
    event.add("url", activity_url(base_url, coalition, activity, lang))
    theme = next((t for t in coalition.themes if t.id == activity.theme), None)
    if theme is not None:
        event.add("categories", [theme.name.get(lang)[0]])
    return event


def _calendar(name: str, events: Iterable[str], until: int) -> str:
    """A calendar around events already written as text (each is written once)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add_component(_amsterdam(until))
    head, tail = bytes(calendar.to_ical()).decode("utf-8").rsplit("END:VCALENDAR", 1)
    return head + "".join(events) + "END:VCALENDAR" + tail


@cache
def _amsterdam(until: int) -> icalendar.Timezone:
    """The VTIMEZONE for Europe/Amsterdam up to a year, made once per build."""
    return icalendar.Timezone.from_tzid("Europe/Amsterdam", last_date=date(until, 1, 1))


def render_feeds(site: PublicSite, lang: str, base_url: str) -> dict[str, str]:
    """{path: iCalendar text} for one language: per coalition, all, for newcomers."""
    label = Labels(lang)
    stamp = datetime.combine(site.build_date, datetime.min.time(), tzinfo=UTC)
    items = sorted(
        ((c, a) for c in site.coalitions for a in c.agenda),
        key=lambda pair: (pair[1].start, pair[0].slug, pair[1].id),
    )
    text = {
        (c.slug, a.id): bytes(_event(c, a, lang, base_url, stamp).to_ical()).decode("utf-8")
        for c, a in items
    }
    # The time zone must cover the last activity (icalendar's default stops at 2038).
    until = max([2038, *((a.end or a.start).year + 2 for _, a in items)])
    own: dict[str, list[str]] = {c.slug: [] for c in site.coalitions}
    for c, a in items:
        own[c.slug].append(text[(c.slug, a.id)])
    files = {
        coalition_feed_path(c.slug, lang): _calendar(
            f"{label('agenda')}: {c.name}", own[c.slug], until
        )
        for c in site.coalitions
    }
    paths = feed_paths(lang)
    files[paths["all"]] = _calendar(
        f"{label('agenda')}: {label('all_coalitions')}",
        (text[(c.slug, a.id)] for c, a in items),
        until,
    )
    files[paths["newcomers"]] = _calendar(
        label("open_activities"),
        (text[(c.slug, a.id)] for c, a in items if a.open_to_newcomers),
        until,
    )
    return files
