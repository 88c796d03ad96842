"""Every address the generator writes points at something that exists.

Calendars, JSON-LD and search entries link to activities by anchor; the
anchor must be on the coalition page, for past activities as well as
upcoming ones (a calendar keeps past events, and so do the people who
subscribed to it).
"""

from __future__ import annotations

import json
import re
from datetime import date

import icalendar

from generator.site import DEFAULT_SITE_URL, generate, language_url

from .conftest import ROOT

DAY = date(2026, 11, 23)
_JSON_LD = r'<script type="application/ld\+json">(.*?)</script>'


def test_every_activity_link_finds_its_anchor() -> None:
    made = generate(ROOT / "coalitions", DAY)
    past = upcoming = 0
    for lang, files in made.files.items():
        base = language_url(DEFAULT_SITE_URL, lang)
        ids: dict[str, set[str]] = {}
        for path, text in files.items():
            if path.endswith(".md"):
                page = path.removesuffix(".md") + "/"
                ids[page] = set(re.findall(r'\bid="([^"]+)"', text))
        links: list[str] = []
        for path, text in files.items():
            if path.endswith(".ics"):
                calendar = icalendar.Calendar.from_ical(text)
                links += [str(e["URL"]) for e in calendar.walk("VEVENT")]
            if path.endswith(".md"):
                for block in re.findall(
                    r"<script type=\"application/ld\+json\">(.*?)</script>", text, re.S
                ):
                    data = json.loads(block)
                    events = data if isinstance(data, list) else data.get("@graph", [data])
                    # the activities' Events (the open-data page's Dataset links no activity)
                    links += [e["url"] for e in events if e.get("@type") == "Event"]
        assert links
        for link in links:
            assert link.startswith(base), link
            page, anchor = link.removeprefix(base).split("#", 1)
            assert anchor in ids[page], f"{link}: no such anchor on {page}"
        for c in made.site.coalitions:
            for a in c.agenda:
                if (a.end or a.start).date() < DAY:
                    past += 1
                else:
                    upcoming += 1
    assert past and upcoming  # both kinds were there to be linked
