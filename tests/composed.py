"""Test helpers over the one composition the build ships (``site.render_site``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from generator.chartsvg import SvgSummary, chart_store, draw_all
from generator.public import PublicSite
from generator.publish import publish_one, publish_site
from generator.render.charts import Chart
from generator.render.compose import spec_text
from generator.site import DEFAULT_SITE_URL, render_site
from generator.validate import ValidDossier


def publish(dossiers: Iterable[ValidDossier], build_date: date) -> PublicSite:
    """The public site of valid dossiers, as the build publishes them one by one."""
    published = (publish_one(valid) for valid in dossiers)
    return publish_site([c for c in published if c is not None], build_date)


def files(site: PublicSite, lang: str, site_url: str = DEFAULT_SITE_URL) -> dict[str, str]:
    """One language's generated files, as a build writes them (without drawings)."""
    return render_site(site, site_url, (lang,))[lang].files


def charts(site: PublicSite, lang: str) -> list[Chart]:
    """One language's charts, read back from the specs the build writes."""
    made = render_site(site, DEFAULT_SITE_URL, (lang,))[lang]
    return [Chart(path, json.loads(text), "") for path, text in made.specs().items()]


def exports(site: PublicSite) -> dict[str, str]:
    """The open-data files (the same in both languages' folders)."""
    return {
        p: t
        for p, t in files(site, "nl").items()
        if p.startswith("open-data/") and not p.endswith(".md")
    }


def feeds(site: PublicSite, lang: str, site_url: str = DEFAULT_SITE_URL) -> dict[str, str]:
    """One language's calendar feeds."""
    return {p: t for p, t in files(site, lang, site_url).items() if p.endswith(".ics")}


def render_svgs(found: list[Chart], folder: Path) -> tuple[dict[str, str], SvgSummary]:
    """The charts drawn through a drawings store in `folder`, as a build draws them."""
    store = chart_store(folder)
    try:
        return draw_all({chart.path: spec_text(chart) for chart in found}, store)
    finally:
        store.close()
