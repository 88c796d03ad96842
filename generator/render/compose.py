"""The one composition of a language's files: per-coalition parts, per-organisation
parts, and the join.

Every build goes through these three functions, whether from the content
cache or not (``site.py`` decides what is made and what is reused), so the
tests, the serve hook and the benchmark exercise exactly what ships:

- ``coalition_part``: everything of one coalition in one language that
  depends on it alone (its page, calendar, chart specs, and its share of the
  pages across coalitions);
- ``organisation_part``: one organisation's page and overview row, from its
  coalitions' shares;
- ``join``: the home page and the pages, calendars and network chart across coalitions, put
  together from the parts above, never rendered coalition by coalition again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..public import Coalition, PublicSite
from ..settings import DEFAULTS, Settings
from . import paths
from .charts import Chart, coalition_charts, network_chart
from .datapackage import datapackage_file
from .feeds import (
    FeedPart,
    activity_calendars,
    coalition_calendar,
    coalition_events,
    feed_part,
    overview_calendars,
)
from .organisations import Organisation
from .pages import (
    OverviewParts,
    coalition_page,
    coalition_page_path,
    member_parts,
    organisation_page_path,
    organisation_parts,
    overview_pages,
    overview_parts,
    schedule,
)


@dataclass(frozen=True)
class CoalitionPart:
    """Everything of one coalition in one language that depends on it alone."""

    files: dict[str, str]
    feed: FeedPart  # its events, for the calendars across coalitions
    charts: tuple[str, ...]  # paths: the specs themselves are in `files`, as text
    overview: OverviewParts  # its share of the pages across coalitions


@dataclass(frozen=True)
class LanguageFiles:
    """One language's generated files ({path in its docs folder: text}), and the
    charts still to be drawn as SVG beside them (each spec is files[f"{path}.vl.json"])."""

    lang: str
    files: dict[str, str]
    charts: list[str]

    def specs(self) -> dict[str, str]:
        """{chart path: its spec as text}."""
        return {path: self.files[f"{path}.vl.json"] for path in self.charts}


def spec_text(chart: Chart) -> str:
    """The spec as published next to the page: stable key order, compact.

    Compact because Python's JSON encoder runs in C only without indentation,
    and a national site has tens of thousands of specs.
    """
    return json.dumps(chart.spec, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def coalition_part(
    coalition: Coalition, lang: str, base_url: str, build_date: date
) -> CoalitionPart:
    events = coalition_events(coalition, lang, base_url, build_date)
    found = tuple(coalition_charts(coalition, lang))
    files = {
        coalition_page_path(coalition, lang): coalition_page(coalition, lang, base_url, build_date),
        paths.coalition_feed(coalition.slug, lang): coalition_calendar(coalition, lang, events),
        **{f"{chart.path}.vl.json": spec_text(chart) for chart in found},
        **activity_calendars(
            coalition,
            lang,
            events,
            (coalition.agenda[n].id for _, n in schedule(coalition, build_date).upcoming),
        ),
    }
    return CoalitionPart(
        files=files,
        feed=feed_part(events),
        charts=tuple(chart.path for chart in found),
        overview=overview_parts(coalition, lang, build_date),
    )


def organisation_part(
    org: Organisation, lang: str, by_slug: Mapping[str, OverviewParts]
) -> tuple[str, str]:
    """The organisation's page and its row on the overview."""
    return organisation_parts(org, lang, member_parts(org, by_slug))


def join(
    site: PublicSite,
    lang: str,
    orgs: tuple[Organisation, ...],
    coalitions: Sequence[CoalitionPart],
    organisations: Sequence[tuple[str, str]],
    exports: Mapping[str, str],
    base_url: str,
    settings: Settings = DEFAULTS,
) -> LanguageFiles:
    """Every file of one language, from the parts of its coalitions and organisations
    (in the order of ``site.coalitions`` and `orgs`) and the open data."""
    found: dict[str, str] = {}
    for part in coalitions:
        found.update(part.files)
    for org, (page, _) in zip(orgs, organisations, strict=True):
        found[organisation_page_path(org, lang)] = page
    found.update(overview_calendars(lang, [part.feed for part in coalitions]))
    found.update(
        overview_pages(
            site,
            lang,
            orgs,
            [p.overview for p in coalitions],
            [row for _, row in organisations],
            base_url,
            settings,
        )
    )
    network = network_chart(site, orgs, lang)
    found.update({f"{chart.path}.vl.json": spec_text(chart) for chart in network})
    charts = [path for part in coalitions for path in part.charts] + [c.path for c in network]
    pages = sum(1 for path in found if path.endswith(".md"))
    if pages != len(site.coalitions) + len(orgs) + 7:  # overviews, the finder included
        raise ValueError("two generated pages would share a path")  # the validator prevents it
    found.update(exports)  # the same data in both languages' folders
    found.update(datapackage_file(lang, site.build_date))  # described in this language
    return LanguageFiles(lang, dict(sorted(found.items())), charts)
