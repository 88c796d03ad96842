"""Dutch local time: the Europe/Amsterdam zone, and the years a dossier may name.

Every date and time in a dossier lies in the years ``FIRST_YEAR`` to
``LAST_YEAR`` (1950 to 2199), one range for plain dates and for times alike.
Before 1937 Dutch time was UTC+00:19:32 and until 1940 UTC+00:20: JSON-LD
(RFC 3339) cannot write seconds in an offset, and calendar programs handle such
offsets badly; from 1945 on every offset is a whole hour. The upper end lies
beyond any plan, and far from year 9999, where date arithmetic overflows.

Times in a dossier are naive: the wall-clock time in the Netherlands. This
module is the one place that knows how that maps onto UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

TZID = "Europe/Amsterdam"
ZONE = ZoneInfo(TZID)

FIRST_YEAR = 1950
LAST_YEAR = 2199
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)


def in_range(day: date) -> bool:
    """Whether a date (or the day of a date and time) lies in the years a dossier may name."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def aware(moment: datetime) -> datetime:
    """A Dutch wall-clock time as an aware datetime.

    A time that occurs twice (the night summer time ends) is taken the first
    time, in summer time: ``fold=0``, as RFC 5545 reads such a local time.
    """
    return moment.replace(tzinfo=ZONE, fold=0)


def rfc3339(moment: datetime, timespec: str = "seconds") -> str:
    """A Dutch wall-clock time as RFC 3339 text with its offset: 2026-06-18T15:30:00+02:00."""
    return aware(moment).isoformat(timespec=timespec)


def exists(moment: datetime) -> bool:
    """False for a wall-clock time skipped when summer time starts (02:00 to 03:00)."""
    there = aware(moment)
    back = there.astimezone(UTC).astimezone(ZONE).replace(tzinfo=None)
    return back == moment.replace(tzinfo=None, fold=0)


# ---------------------------------------------------------------- transitions


@dataclass(frozen=True)
class Transition:
    """A moment the clocks change, as the time zone database has it."""

    utc: datetime  # the instant, aware, in UTC
    offset_from: timedelta  # ahead of UTC until then
    offset_to: timedelta  # ahead of UTC from then on
    name: str  # the abbreviation from then on: CET or CEST
    summer: bool  # summer (daylight saving) time from then on

    @property
    def local(self) -> datetime:
        """The wall-clock time just before the change (RFC 5545's DTSTART of an observance)."""
        return (self.utc + self.offset_from).replace(tzinfo=None)


# Looking back for the change in force at a year's start stops here; the zone
# has changed within a few decades of any year a dossier may name.
_EARLIEST = 1900


def transitions(first_year: int, last_year: int) -> tuple[Transition, ...]:
    """Every change of Dutch time in these years, led by the one in force as they begin.

    The first item took effect before 1 January of `first_year` (local time);
    if the zone never changed since 1900, it is a stand-in at 1900 that keeps
    the offset of that day.
    """
    start = aware(datetime(first_year, 1, 1)).astimezone(UTC)
    year = first_year
    while year >= _EARLIEST:
        earlier = [t for t in _changes(year) if t.utc <= start]
        if earlier:
            lead = earlier[-1]
            break
        year -= 1
    else:
        offset, name, summer = _state(start)
        lead = Transition(
            datetime(_EARLIEST, 1, 1, tzinfo=UTC) - offset, offset, offset, name, summer
        )
    later = [t for y in range(first_year, last_year + 1) for t in _changes(y) if t.utc > start]
    return (lead, *later)


def _state(instant: datetime) -> tuple[timedelta, str, bool]:
    local = instant.astimezone(ZONE)
    offset, summer = local.utcoffset(), local.dst()
    assert offset is not None and summer is not None  # a ZoneInfo always answers
    return offset, local.tzname() or "", bool(summer)


@cache
def _changes(year: int) -> tuple[Transition, ...]:
    """The changes of one year (in UTC): the zone sampled daily, each change found to the second.

    zoneinfo offers no list of its transitions. In the years a dossier may
    name, two changes are months apart, so a daily sample sees each of them.
    """
    found: list[Transition] = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    before = _state(day)
    while day < end:
        following = day + timedelta(days=1)
        after = _state(following)
        if after != before:
            low, high = 0, 86_400  # seconds after `day`: state `before` at low, `after` at high
            while high - low > 1:
                middle = (low + high) // 2
                if _state(day + timedelta(seconds=middle)) == before:
                    low = middle
                else:
                    high = middle
            found.append(
                Transition(day + timedelta(seconds=high), before[0], after[0], after[1], after[2])
            )
        day, before = following, after
    return tuple(found)
