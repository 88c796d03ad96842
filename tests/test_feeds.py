"""Calendar feeds and event metadata: parse back, local time, escaping, stable UIDs."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml

from generator.load import RawDossier, read_dossier
from generator.public import PublicSite
from generator.site import generate
from generator.validate import ValidDossier, validate

from .composed import feeds as render_feeds
from .composed import publish
from .conftest import FIXTURES, ROOT
from .dossiers import dump_dossier
from .site_build import BuiltSite

BASE = "https://dossiers.example/"


def _events(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return [c for c in calendar.walk("VEVENT") if isinstance(c, icalendar.Event)]


def _site_with(activities: list[dict[str, Any]], tmp_path: Path, day: date) -> PublicSite:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "minimal.yml").read_text("utf-8"))
    data["agenda"] = [*data["agenda"], *activities]
    path = tmp_path / "samen-lezen.yml"
    path.write_text(dump_dossier(data), encoding="utf-8")
    raw = read_dossier(path, path.name)
    assert isinstance(raw, RawDossier)
    valid = validate(raw)
    assert isinstance(valid, ValidDossier), valid
    return publish([valid], day)


def test_feeds_hold_exactly_the_public_activities() -> None:
    site = generate(ROOT / "coalitions", date(2026, 11, 23)).site
    files = render_feeds(site, "nl", BASE)
    everything = {str(e["UID"]) for e in _events(files["agenda/alle-activiteiten.ics"])}
    expected = {f"{c.slug}.{a.id}@dossiers.example" for c in site.coalitions for a in c.agenda}
    assert everything == expected
    newcomers = {str(e["UID"]) for e in _events(files["agenda/voor-nieuwkomers.ics"])}
    assert newcomers == {
        f"{c.slug}.{a.id}@dossiers.example"
        for c in site.coalitions
        for a in c.agenda
        if a.open_to_newcomers
    }
    assert newcomers < everything
    for coalition in site.coalitions:
        own = {str(e["UID"]) for e in _events(files[f"coalities/{coalition.slug}.ics"])}
        assert own == {f"{coalition.slug}.{a.id}@dossiers.example" for a in coalition.agenda}
    # The examples' partners-only activities exist in the dossiers but nowhere here.
    joined = "".join(files.values())
    for private_id in ("stuurgroep-december", "intervisie-vrijwilligers"):
        assert private_id not in joined


def test_local_time_is_right_on_both_sides_of_the_clock_change(tmp_path: Path) -> None:
    base = {"organisers": ["bieb"], "public": True}
    site = _site_with(
        [
            {**base, "id": "zomertijd", "title": "Zomer", "start": "2026-10-24T19:30"},
            {
                **base,
                "id": "wintertijd",
                "title": "Winter",
                "start": "2026-10-26T19:30",
                "end": "2026-10-26T21:00",
            },
        ],
        tmp_path,
        date(2026, 10, 1),
    )
    events = {
        str(e["UID"]).split("@")[0]: e
        for e in _events(render_feeds(site, "nl", BASE)["agenda/alle-activiteiten.ics"])
    }
    summer = events["samen-lezen.zomertijd"].start
    winter = events["samen-lezen.wintertijd"].start
    assert isinstance(summer, datetime) and isinstance(winter, datetime)
    assert summer.utcoffset() == timedelta(hours=2)
    assert winter.utcoffset() == timedelta(hours=1)
    assert summer.astimezone(UTC) == datetime(2026, 10, 24, 17, 30, tzinfo=UTC)
    assert winter.astimezone(UTC) == datetime(2026, 10, 26, 18, 30, tzinfo=UTC)
    text = render_feeds(site, "nl", BASE)["agenda/alle-activiteiten.ics"]
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Amsterdam" in text


def test_awkward_text_survives_without_adding_properties(tmp_path: Path) -> None:
    title = "Regel 1\nregel 2; met, komma's 🎉\r\nEND:VEVENT\nBEGIN:VEVENT\nUID:ingebroken"
    site = _site_with(
        [
            {
                "id": "lastig",
                "title": title,
                "description": "DESCRIPTION:nep\n;x=y",
                "start": "2026-12-01T10:00",
                "organisers": ["bieb"],
                "public": True,
            }
        ],
        tmp_path,
        date(2026, 11, 23),
    )
    text = render_feeds(site, "nl", BASE)["agenda/alle-activiteiten.ics"]
    events = _events(text)
    assert len(events) == 2
    tricky = next(e for e in events if str(e["UID"]).startswith("samen-lezen.lastig"))
    # The loader keeps line breaks; icalendar keeps them as \n escapes.
    assert str(tricky["SUMMARY"]) == title.replace("\r\n", "\n")
    assert str(tricky["DESCRIPTION"]).startswith("DESCRIPTION:nep\n;x=y")
    assert "UID:ingebroken" not in re.findall(r"^UID:.*$", text, re.M)


def test_uids_stay_and_output_is_reproducible(tmp_path: Path) -> None:
    base = {"organisers": ["bieb"], "public": True, "title": "X"}
    first = _site_with(
        [{**base, "id": "a", "start": "2026-12-01T10:00"}], tmp_path, date(2026, 11, 23)
    )
    later = _site_with(
        [
            {**base, "id": "b", "start": "2026-11-30T10:00"},
            {**base, "id": "a", "start": "2026-12-01T10:00"},
        ],
        tmp_path,
        date(2027, 1, 5),
    )

    def uids(site: PublicSite) -> set[str]:
        return {
            str(e["UID"])
            for e in _events(render_feeds(site, "nl", BASE)["agenda/alle-activiteiten.ics"])
        }

    assert "samen-lezen.a@dossiers.example" in uids(first) & uids(later)
    assert render_feeds(first, "nl", BASE) == render_feeds(first, "nl", BASE)


@pytest.mark.slow
def test_every_public_activity_has_event_metadata(built_site: BuiltSite) -> None:
    page = built_site.site / "coalities" / "gezonde-haven" / "index.html"
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page.read_text("utf-8"), re.S
    )
    assert len(blocks) == 1
    graph = json.loads(blocks[0])["@graph"]
    coalition = generate(ROOT / "coalitions", date(2026, 11, 23)).site.coalitions
    expected = next(c for c in coalition if c.slug == "gezonde-haven").agenda
    assert len(graph) == len(expected)
    for item in graph:
        assert item["@type"] == "Event"
        for required in (
            "name",
            "startDate",
            "location",
            "url",
            "organizer",
            "eventAttendanceMode",
            "eventStatus",
        ):
            assert required in item, required
        datetime.fromisoformat(item["startDate"])
    newcomers = [i for i in graph if "audience" in i]
    assert newcomers and all(i["audience"]["@type"] == "Audience" for i in newcomers)


def test_times_long_after_2038_keep_summer_time(tmp_path: Path) -> None:
    site = _site_with(
        [
            {
                "id": "ver",
                "title": "Ver weg",
                "start": "2045-07-01T12:00",
                "organisers": ["bieb"],
                "public": True,
            }
        ],
        tmp_path,
        date(2026, 11, 23),
    )
    text = render_feeds(site, "nl", BASE)["agenda/alle-activiteiten.ics"]
    timezone = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")[0]
    assert isinstance(timezone, icalendar.Timezone)
    # Read the feed's own VTIMEZONE, not icalendar's copy of Europe/Amsterdam.
    own = timezone.to_tz(lookup_tzid=False)
    assert datetime(2045, 7, 1, 12, tzinfo=own).utcoffset() == timedelta(hours=2)
    assert datetime(2045, 12, 1, 12, tzinfo=own).utcoffset() == timedelta(hours=1)
