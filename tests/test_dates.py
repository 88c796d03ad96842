"""One range for every date and time (1950 to 2199), and a VTIMEZONE that is right.

`check` refuses a date outside the range with a positioned message and never
crashes on one; whatever it accepts, `build` builds. The calendars' VTIMEZONE
is read back by two parsers (icalendar's and dateutil's) and must agree with
zoneinfo at every change of the clocks.
"""

from __future__ import annotations

import io
import json
import re
import typing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest
import yaml
from dateutil import tz as dateutil_tz  # type: ignore[import-untyped]  # no stubs pinned
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator import amsterdam
from generator.check import check_folder
from generator.errors import format_path
from generator.load import RawDossier, read_dossier
from generator.model import Dossier
from generator.render.exports import assemble_exports, coalition_export
from generator.render.jsonld import script
from generator.render.vtimezone import vtimezone
from generator.validate import ValidDossier, validate

from .composed import feeds as render_feeds
from .composed import publish
from .conftest import FIXTURES, ROOT, run_cli
from .dossiers import dump_dossier, replace_at

BASE = "https://dossiers.example/"
ZONE = amsterdam.ZONE

# Every date and date-time field of the model, at one place in the dossier below.
DATE_FIELDS: dict[str, tuple[Any, ...]] = {
    "started": ("started",),
    "ambition.endorsed_by[].since": ("ambition", "endorsed_by", 0, "since"),
    "objectives[].deadline": ("objectives", 0, "deadline"),
    "results[].date": ("results", 0, "date"),
    "agreements[].signed": ("agreements", 0, "signed"),
    "agreements[].valid_from": ("agreements", 0, "valid_from"),
    "agreements[].valid_until": ("agreements", 0, "valid_until"),
    "partners[].since": ("partners", 0, "since"),
    "partners[].until": ("partners", 0, "until"),
}
DATETIME_FIELDS: dict[str, tuple[Any, ...]] = {
    "agenda[].start": ("agenda", 0, "start"),
    "agenda[].end": ("agenda", 0, "end"),
}

LOW_DATE, HIGH_DATE = "1950-01-01", "2199-12-31"
LOW_TIMES = ("1950-01-01T00:00", "1950-01-01T01:00")  # start, end
HIGH_TIMES = ("2199-12-31T22:00", "2199-12-31T23:59")


def _dossier(day: str, start: str, end: str) -> dict[str, Any]:
    """The minimal dossier with every date field filled: each date `day`, the activity from
    `start` to `end`."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "minimal.yml").read_text("utf-8"))
    data["started"] = day
    data["ambition"]["endorsed_by"][0]["since"] = day
    data["objectives"] = [{"id": "lezen", "title": "Meer lezen", "deadline": day}]
    data["results"] = [{"id": "club", "title": "Leesclub", "date": day, "objectives": ["lezen"]}]
    data["agreements"] = [
        {
            "id": "convenant",
            "title": "Convenant",
            "kind": "covenant",
            "parties": ["bieb", "gemeente"],
            "status": "signed",
            "public": True,
            "signed": day,
            "valid_from": day,
            "valid_until": day,
        }
    ]
    # online: an Event needs a location to be in the JSON-LD, whose times are checked too
    data["agenda"][0] |= {"start": start, "end": end, "online": "https://example.org/live"}
    data["partners"][0] |= {"since": day, "until": day}
    return data


def _field_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of the model whose type is a date or a date and time, as 'a[].b'."""
    found: set[str] = set()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        types = [info.annotation]
        while types:
            kind = types.pop()
            if kind in (date, datetime):
                found.add(path)
            elif isinstance(kind, type) and issubclass(kind, BaseModel):
                found |= _field_paths(kind, f"{path}.")
            elif typing.get_origin(kind) is list:
                (item,) = typing.get_args(kind)
                if isinstance(item, type) and issubclass(item, BaseModel):
                    found |= _field_paths(item, f"{path}[].")
                else:
                    types.append(item)
            else:
                types.extend(typing.get_args(kind))
    return found


# ---------------------------------------------------------------- check


def _check(tmp_path: Path, data: dict[str, Any]) -> tuple[list[str], str]:
    """`check` on a folder with this one dossier: its problem lines, and the file's text."""
    folder = tmp_path / "coalitions"
    folder.mkdir(exist_ok=True)
    text = dump_dossier(data)
    (folder / "samen-lezen.yml").write_text(text, encoding="utf-8")
    report = check_folder(folder)
    return [p.text() for p in report.problems], text


def _position(text: str, value: str) -> tuple[int, int]:
    """Line and column (1-based) of the one place `value` is written in the file."""
    lines = [i for i, line in enumerate(text.splitlines()) if value in line]
    assert len(lines) == 1, (value, lines)
    line = text.splitlines()[lines[0]]
    col = line.index(value)
    if col and line[col - 1] in "'\"":
        col -= 1
    return lines[0] + 1, col + 1


OUTSIDE_DATES = ("1949-12-31", "2200-01-01", "0001-01-01", "0000-06-15", "9999-12-31")
OUTSIDE_TIMES = (
    "1949-12-31T23:59",
    "2200-01-01T00:00",
    "0001-01-01T00:00",
    "0000-01-01T00:00",
    "9998-05-01T10:00",
    "9999-12-31T23:59",
    "1936-06-01 12:00",
)


def _cases() -> list[Any]:
    cases = [
        pytest.param(field, path, value, f"{LOW_DATE} to {HIGH_DATE}", id=f"{field}={value}")
        for field, path in DATE_FIELDS.items()
        for value in OUTSIDE_DATES
    ]
    cases += [
        pytest.param(
            field,
            path,
            value,
            f"{LOW_DATE}T00:00 to {HIGH_DATE}T23:59",
            id=f"{field}={value}",
        )
        for field, path in DATETIME_FIELDS.items()
        for value in OUTSIDE_TIMES
    ]
    return cases


@pytest.mark.parametrize(("field", "path", "value", "expected"), _cases())
def test_check_refuses_a_date_outside_the_range_with_its_position(
    tmp_path: Path, field: str, path: tuple[Any, ...], value: str, expected: str
) -> None:
    data = replace_at(_dossier("2026-03-01", "2026-12-05T10:00", "2026-12-05T12:00"), path, value)
    problems, text = _check(tmp_path, data)
    line, col = _position(text, value)
    assert problems == [
        f"{tmp_path / 'coalitions' / 'samen-lezen.yml'}:{line}:{col}: {format_path(path)}: "
        f"must be from {expected}, got {value}"
    ]


JUST_OUTSIDE = {LOW_DATE: "1949-12-31", HIGH_DATE: "2200-01-01"}
JUST_OUTSIDE_TIMES = {LOW_TIMES: "1949-12-31T23:59", HIGH_TIMES: "2200-01-01T00:00"}


@pytest.mark.parametrize(
    ("day", "times"), [(LOW_DATE, LOW_TIMES), (HIGH_DATE, HIGH_TIMES)], ids=["low", "high"]
)
def test_every_date_field_is_accepted_at_an_end_of_the_range_and_refused_just_past_it(
    tmp_path: Path, day: str, times: tuple[str, str]
) -> None:
    assert _field_paths(Dossier) == set(DATE_FIELDS) | set(DATETIME_FIELDS), (
        "a date field of the model is missing here"
    )
    at_the_end = _dossier(day, *times)
    assert _check(tmp_path, at_the_end)[0] == []
    past = {path: JUST_OUTSIDE[day] for path in DATE_FIELDS.values()}
    past |= {path: JUST_OUTSIDE_TIMES[times] for path in DATETIME_FIELDS.values()}
    for path, value in past.items():
        problems, _ = _check(tmp_path, replace_at(at_the_end, path, value))
        assert len(problems) == 1 and f": {format_path(path)}: must be from " in problems[0], (
            path,
            problems,
        )


@pytest.mark.parametrize(
    "start", ["0001-01-01T00:00", "9998-05-01T10:00", "1936-06-01T12:00"], ids=str
)
def test_the_command_refuses_a_far_date_without_a_traceback(tmp_path: Path, start: str) -> None:
    folder = tmp_path / "coalitions"
    folder.mkdir()
    data = _dossier("2026-03-01", start, "2026-12-05T12:00")
    del data["agenda"][0]["end"]
    (folder / "samen-lezen.yml").write_text(dump_dossier(data), encoding="utf-8")
    result = run_cli("check", "--dir", str(folder), cwd=tmp_path, timeout=60)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.code == 1
    assert re.search(
        rf"samen-lezen\.yml:\d+:\d+: agenda\[0\]\.start: must be from 1950-01-01T00:00 to "
        rf"2199-12-31T23:59, got {start}",
        result.stdout + result.stderr,
    )


# ---------------------------------------------------------------- anything accepted builds


def _raw(tmp_path: Path, data: dict[str, Any]) -> RawDossier:
    path = tmp_path / "samen-lezen.yml"
    path.write_text(dump_dossier(data), encoding="utf-8")
    raw = read_dossier(path, path.name)
    assert isinstance(raw, RawDossier), raw
    return raw


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    year=st.integers(0, 9999),
    month=st.integers(0, 13),
    day=st.integers(0, 32),
    hour=st.integers(0, 24),
    minute=st.integers(0, 60),
    field=st.sampled_from(sorted(DATE_FIELDS | DATETIME_FIELDS)),
)
@example(year=1, month=1, day=1, hour=0, minute=0, field="agenda[].start")
@example(year=9998, month=5, day=1, hour=10, minute=0, field="agenda[].start")
@example(year=9999, month=12, day=31, hour=23, minute=59, field="agenda[].end")
@example(year=1936, month=6, day=1, hour=12, minute=0, field="agenda[].start")
def test_check_never_crashes_and_what_it_accepts_renders(
    tmp_path_factory: pytest.TempPathFactory,
    year: int,
    month: int,
    day: int,
    hour: int,
    minute: int,
    field: str,
) -> None:
    written = f"{year:04d}-{month:02d}-{day:02d}"
    if field in DATETIME_FIELDS:
        written += f"T{hour:02d}:{minute:02d}"
    path = (DATE_FIELDS | DATETIME_FIELDS)[field]
    data = _dossier("2026-03-01", "2026-12-05T10:00", "2026-12-05T12:00")
    data = replace_at(data, path, written)
    if field == "agenda[].start":
        del data["agenda"][0]["end"]
    if field in ("agreements[].valid_from", "agreements[].valid_until"):
        del data["agreements"][0]["valid_until" if "from" in field else "valid_from"]
    if field in ("partners[].since", "partners[].until"):
        del data["partners"][0]["until" if "since" in field else "since"]
    raw = _raw(tmp_path_factory.mktemp("dossier"), data)
    result = validate(raw)
    if not isinstance(result, ValidDossier):
        assert result, "a dossier is valid or has problems"
        return
    site = publish([result], date(2026, 6, 1))
    for lang in ("nl", "en"):
        feeds = render_feeds(site, lang, BASE)
        for text in feeds.values():
            icalendar.Calendar.from_ical(text)
        script(site.coalitions[0], lang, BASE)
    parts = [coalition_export(c, site.build_date) for c in site.coalitions]
    assemble_exports(site.build_date, site.coalitions, parts)


# ---------------------------------------------------------------- the build, at both ends


def _jsonld_times(page: str) -> list[str]:
    blocks = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    return [
        item[key]
        for block in blocks
        for item in json.loads(block).get("@graph", [])  # the open-data page: a Dataset
        for key in ("startDate", "endDate")
        if key in item
    ]


def test_build_builds_every_date_field_at_both_ends_of_the_range(tmp_path: Path) -> None:
    coalitions = tmp_path / "coalitions"
    coalitions.mkdir()
    for slug, (day, times) in {
        "vroeg": (LOW_DATE, LOW_TIMES),
        "laat": (HIGH_DATE, HIGH_TIMES),
    }.items():
        data = _dossier(day, *times) | {"name": slug.capitalize()}
        (coalitions / f"{slug}.yml").write_text(dump_dossier(data), encoding="utf-8")
    content = tmp_path / "content"
    for lang in ("nl", "en"):
        (content / lang).mkdir(parents=True)
    result = run_cli(
        "build",
        "--pages-only",
        "--no-cache",
        "--dir",
        str(coalitions),
        "--content",
        str(content),
        "--date",
        "2026-06-01",
        "--cache",
        str(tmp_path / "cache"),
        cwd=tmp_path,
        timeout=300,
    )
    assert result.code == 0, result.stdout[-3000:] + result.stderr[-3000:]

    every = (content / "nl" / "agenda" / "alle-activiteiten.ics").read_bytes().decode("utf-8")
    starts = sorted(_start(e) for e in _vevents(every))
    assert [s.astimezone(UTC) for s in starts] == [
        datetime(1949, 12, 31, 23, 0, tzinfo=UTC),
        datetime(2199, 12, 31, 21, 0, tzinfo=UTC),
    ]
    zone = _zone_text(every)
    assert len(zone) < 2000, "a VTIMEZONE from 1950 to 2199 stays small"
    assert min(_onsets(zone)) <= datetime(1950, 1, 1), "the first event has its observance"
    for ics in sorted(content.rglob("*.ics")):
        text = ics.read_bytes().decode("utf-8")
        parsed = _parsed_zones(_zone_text(text))
        for event in _vevents(text):
            start = _start(event)
            for other in parsed:
                assert start.replace(tzinfo=other).utcoffset() == start.utcoffset(), ics

    stamps = [t for page in content.rglob("*.md") for t in _jsonld_times(page.read_text("utf-8"))]
    assert sorted(stamps) == sorted(
        [
            *(f"{t}:00+01:00" for t in LOW_TIMES),
            *(f"{t}:00+01:00" for t in HIGH_TIMES),
        ]
        * 2  # both languages
    )
    exported = json.loads((content / "nl" / "open-data" / "dossiers.json").read_text("utf-8"))
    found = {
        c["slug"]: {
            *(_at(c, path) for path in DATE_FIELDS.values()),
            *(_at(c, path)[:10] for path in DATETIME_FIELDS.values()),
        }
        for c in exported["coalitions"]
    }
    assert found == {"vroeg": {LOW_DATE}, "laat": {HIGH_DATE}}


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


# ---------------------------------------------------------------- the VTIMEZONE


def _vevents(calendar: str) -> list[icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    return [e for e in parsed if isinstance(e, icalendar.Event)]


def _start(event: icalendar.Event) -> datetime:
    start = event.start
    assert isinstance(start, datetime) and start.tzinfo is not None
    return start


def _zone_text(calendar: str) -> str:
    start = calendar.index("BEGIN:VTIMEZONE")
    end = calendar.index("END:VTIMEZONE") + len("END:VTIMEZONE\r\n")
    return calendar[start:end]


def _onsets(zone: str) -> list[datetime]:
    return [
        datetime.strptime(line.split(":")[1], "%Y%m%dT%H%M%S")
        for line in zone.splitlines()
        if line.startswith("DTSTART:")
    ]


def _parsed_zones(zone: str) -> list[typing.Any]:
    """The VTIMEZONE read by icalendar (not its own Europe/Amsterdam) and by dateutil."""
    component = icalendar.Calendar.from_ical(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{zone}END:VCALENDAR\r\n"
    ).walk("VTIMEZONE")[0]
    assert isinstance(component, icalendar.Timezone)
    by_icalendar = component.to_tz(lookup_tzid=False)
    by_dateutil = dateutil_tz.tzical(io.StringIO(zone)).get()
    return [by_icalendar, by_dateutil]


def _feed(tmp_path: Path, starts: list[str]) -> str:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "minimal.yml").read_text("utf-8"))
    base = {"title": "X", "organisers": ["bieb"], "public": True}
    data["agenda"] = [
        *data["agenda"],
        *({**base, "id": f"a{n}", "start": start} for n, start in enumerate(starts)),
    ]
    valid = validate(_raw(tmp_path, data))
    assert isinstance(valid, ValidDossier), valid
    site = publish([valid], date(2026, 6, 1))
    return render_feeds(site, "nl", BASE)["agenda/alle-activiteiten.ics"]


def test_summer_time_starts_at_two_and_ends_at_three_local_time(tmp_path: Path) -> None:
    zone = _zone_text(_feed(tmp_path, []))
    daylight = zone.split("BEGIN:DAYLIGHT")[1].split("END:DAYLIGHT")[0]
    assert "DTSTART:20260329T020000" in daylight and "TZOFFSETFROM:+0100" in daylight
    standard = zone.split("BEGIN:STANDARD")[1].split("END:STANDARD")[0]
    assert "DTSTART:20251026T030000" in standard and "TZOFFSETFROM:+0200" in standard
    for parsed in _parsed_zones(zone):
        to_utc = {
            datetime(2026, 3, 29, 1, 59): datetime(2026, 3, 29, 0, 59),
            datetime(2026, 3, 29, 3, 0): datetime(2026, 3, 29, 1, 0),
            datetime(2026, 3, 29, 3, 30): datetime(2026, 3, 29, 1, 30),
            # Occurs twice: the first time, in summer time, as the feeds mean it (fold=0).
            datetime(2026, 10, 25, 2, 30): datetime(2026, 10, 25, 0, 30),
            datetime(2026, 10, 25, 3, 0): datetime(2026, 10, 25, 2, 0),
            datetime(2026, 7, 1, 12, 0): datetime(2026, 7, 1, 10, 0),
            datetime(2026, 12, 5, 10, 0): datetime(2026, 12, 5, 9, 0),
        }
        for local, utc in to_utc.items():
            assert local.replace(tzinfo=parsed).astimezone(UTC) == utc.replace(tzinfo=UTC), (
                parsed,
                local,
            )
        assert amsterdam.aware(datetime(2026, 10, 25, 2, 30)).astimezone(UTC) == datetime(
            2026, 10, 25, 0, 30, tzinfo=UTC
        )


def test_the_vtimezone_agrees_with_zoneinfo_at_every_change_from_1950_to_2199(
    tmp_path: Path,
) -> None:
    zone = _zone_text(_feed(tmp_path, ["1950-01-01T00:00", "2199-12-31T23:00"]))
    assert zone == vtimezone(amsterdam.FIRST_YEAR, amsterdam.LAST_YEAR)
    # The changes tell where to look; zoneinfo says what is right there.
    changes = amsterdam.transitions(amsterdam.FIRST_YEAR, amsterdam.LAST_YEAR)
    assert datetime(2026, 3, 29, 1, tzinfo=UTC) in {c.utc for c in changes}
    assert len(changes) == 1 + 2 * (2199 - 1977 + 1)  # summer time every year since 1977
    instants = [c.utc + d for c in changes[1:] for d in (timedelta(seconds=-1), timedelta(0))]
    instants += [
        datetime(year, month, day, 12, tzinfo=UTC)
        for year in range(1950, 2200)
        for month in range(1, 13)
        for day in (1, 15)
    ]
    for parsed in _parsed_zones(zone):
        for instant in instants:
            expected = instant.astimezone(ZONE).utcoffset()
            assert instant.astimezone(parsed).utcoffset() == expected, (parsed, instant)
        for change in changes[1:]:
            before = change.local - timedelta(minutes=1)  # local time, just before the change
            assert before.replace(tzinfo=parsed).utcoffset() == change.offset_from, before


def test_the_vtimezone_starts_with_the_observance_of_the_first_event(tmp_path: Path) -> None:
    zone = _zone_text(_feed(tmp_path, ["1950-01-01T00:00"]))
    assert min(_onsets(zone)) <= datetime(1950, 1, 1)
    only_now = _zone_text(_feed(tmp_path, []))  # the fixture's one activity, in 2026
    assert min(_onsets(only_now)) == datetime(2025, 10, 26, 3, 0)
    assert [d.year for d in _onsets(only_now)] == [2025, 2026]


def test_an_event_in_2199_gives_a_small_vtimezone(tmp_path: Path) -> None:
    feed = _feed(tmp_path, ["2199-12-31T23:00"])
    zone = _zone_text(feed)
    assert len(zone) < 800
    (start,) = [_start(e) for e in _vevents(feed) if _start(e).year == 2199]
    for parsed in _parsed_zones(zone):
        local = datetime(2199, 7, 1, 12).replace(tzinfo=parsed)
        assert local.utcoffset() == timedelta(hours=2)
        assert start.replace(tzinfo=parsed).astimezone(UTC) == datetime(
            2199, 12, 31, 22, 0, tzinfo=UTC
        )


def test_the_schema_editors_use_knows_the_range() -> None:
    schema = json.loads((ROOT / "schema" / "dossier.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    raw = read_dossier(FIXTURES / "minimal.yml", "minimal.yml")
    assert isinstance(raw, RawDossier)
    data = raw.data  # as the loader reads it: dates are text
    ends = {0, 1, 999, 1000, 1900, 1949, 1950, 1999, 2000, 2099, 2100, 2199, 2200, 2999, 9999}
    for year in sorted(ends | set(range(0, 10_000, 97))):
        dossier = {**data, "started": f"{year:04d}-06-15"}
        dossier["agenda"] = [{**data["agenda"][0], "start": f"{year:04d}-06-15T10:00"}]
        errors = {e.absolute_path[0] for e in validator.iter_errors(dossier)}
        inside = amsterdam.FIRST_YEAR <= year <= amsterdam.LAST_YEAR
        assert errors == (set() if inside else {"started", "agenda"}), year
