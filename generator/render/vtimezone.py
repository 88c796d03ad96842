"""The VTIMEZONE of Europe/Amsterdam (RFC 5545), made from the time zone database.

icalendar's own ``Timezone.from_tzid`` starts summer time at 03:00 local time
with TZOFFSETFROM +0100, an hour late, and lists every change as an RDATE (an
activity in 9000 gave a 235 KB VTIMEZONE). This one is built from zoneinfo's
transitions: each observance starts at the wall-clock time *before* the change
(RFC 5545, 3.6.5), and the changes that repeat yearly on the same weekday of
the same month (the last Sunday of March, for instance) share one RRULE.

It covers the years of a calendar's events: its first observance is the one in
force on 1 January of the first event's year. A rule still running in the
last year has no UNTIL, as the database, too, lets its rule run on.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from functools import cache

import icalendar

from ..amsterdam import TZID, Transition, transitions

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@cache
def vtimezone(first_year: int, last_year: int) -> str:
    """The VTIMEZONE for events from `first_year` to `last_year`, as iCalendar text."""
    changes = transitions(first_year, last_year)
    zone = icalendar.Timezone()
    zone.add("tzid", TZID)
    for run in _runs(changes):
        zone.add_component(_observance(run, last_year))
    return bytes(zone.to_ical()).decode("utf-8")


@dataclass
class _Run:
    """Changes of one kind in consecutive years, on one weekday rule, or a single change."""

    changes: list[Transition]
    days: set[str] = field(default_factory=set)  # BYDAY values every change fits


def _byday(change: Transition) -> set[str]:
    """The BYDAY values a change's day fits: its n-th weekday, and -1 when it is the last."""
    local = change.local
    weekday = _WEEKDAYS[local.weekday()]
    days = {f"{(local.day - 1) // 7 + 1}{weekday}"}
    if local.day + 7 > calendar.monthrange(local.year, local.month)[1]:
        days.add(f"-1{weekday}")
    return days


def _kind(change: Transition) -> tuple[object, ...]:
    return (change.offset_from, change.offset_to, change.name, change.summer)


def _runs(changes: tuple[Transition, ...]) -> list[_Run]:
    runs: list[_Run] = []
    for change in changes:
        days = _byday(change)
        for run in reversed(runs):
            last = run.changes[-1].local
            if (
                _kind(run.changes[-1]) == _kind(change)
                and last.year + 1 == change.local.year
                and (last.month, last.time()) == (change.local.month, change.local.time())
                and run.days & days
            ):
                run.changes.append(change)
                run.days &= days
                break
        else:
            runs.append(_Run([change], days))
    return sorted(runs, key=lambda run: run.changes[0].utc)


def _observance(run: _Run, last_year: int) -> icalendar.Component:
    first = run.changes[0]
    observance = icalendar.TimezoneDaylight() if first.summer else icalendar.TimezoneStandard()
    observance.add("dtstart", first.local)
    if len(run.changes) > 1:
        rule: dict[str, object] = {
            "freq": "yearly",
            "bymonth": first.local.month,
            # The last weekday of a month where the rule allows it: that is how
            # the EU rule reads, and it stays right in a month of five Sundays.
            "byday": min(run.days, key=lambda day: (not day.startswith("-"), day)),
        }
        if run.changes[-1].local.year < last_year:
            # In UTC, as RFC 5545 wants, but at the end of the last change's day:
            # some readers (dateutil) compare UNTIL with the local onset and would
            # otherwise drop the last change, an hour or two after UNTIL.
            rule["until"] = datetime.combine(run.changes[-1].utc.date(), time(23, 59, 59), UTC)
        observance.add("rrule", rule)
    observance.add("tzname", first.name)
    observance.add("tzoffsetfrom", first.offset_from)
    observance.add("tzoffsetto", first.offset_to)
    return observance
