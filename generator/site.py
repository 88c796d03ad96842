"""The whole pipeline between the two ends: folder of dossiers in, output files out.

Pure apart from reading the dossiers: the build date is passed in, and the
caller writes the files (``write.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .chartsvg import SvgSummary, render_svgs, spec_text
from .check import Report, check_folder
from .errors import DossierError
from .public import PublicSite
from .publish import publish
from .render.charts import Chart, charts
from .render.exports import render_exports
from .render.feeds import render_feeds
from .render.labels import LANGS
from .render.pages import render_pages


@dataclass(frozen=True)
class Outputs:
    """Generated files per language ({lang: {path in that docs folder: text}}), and
    the charts still to be drawn as SVG beside them."""

    report: Report
    site: PublicSite
    files: dict[str, dict[str, str]]
    charts: dict[str, list[Chart]]


DEFAULT_SITE_URL = "http://localhost:8000/"


def language_url(site_url: str, lang: str) -> str:
    """Where a language's site starts: Dutch at the root, English at /en/."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    return root if lang == "nl" else f"{root}{lang}/"


def render_site(
    site: PublicSite, site_url: str = DEFAULT_SITE_URL
) -> tuple[dict[str, dict[str, str]], dict[str, list[Chart]]]:
    """Every page, feed and chart spec of every language, from the public model alone."""
    files: dict[str, dict[str, str]] = {}
    specs: dict[str, list[Chart]] = {}
    exports = render_exports(site)  # the same data in both languages' folders
    for lang in LANGS:
        specs[lang] = charts(site, lang)
        files[lang] = {
            **render_pages(site, lang, language_url(site_url, lang)),
            **render_feeds(site, lang, language_url(site_url, lang)),
            **exports,
            **{f"{chart.path}.vl.json": spec_text(chart) for chart in specs[lang]},
        }
    return files, specs


def with_svgs(outputs: Outputs, cache: Path) -> tuple[dict[str, dict[str, str]], SvgSummary]:
    """The output files plus every chart drawn as SVG (through the chart cache)."""
    files = {lang: dict(found) for lang, found in outputs.files.items()}
    rendered = cached = 0
    for lang, found in outputs.charts.items():
        svgs, summary = render_svgs(found, cache)
        files[lang].update(svgs)
        rendered, cached = rendered + summary.rendered, cached + summary.cached
    return files, SvgSummary(rendered=rendered, cached=cached)


def generate(coalitions: Path, build_date: date, site_url: str = DEFAULT_SITE_URL) -> Outputs:
    """Check, publish and render; raises DossierError if any dossier has a problem."""
    report = check_folder(coalitions)
    if report.problems:
        raise DossierError(report.problems)
    site = publish(report.valid, build_date)
    files, specs = render_site(site, site_url)
    return Outputs(report=report, site=site, files=files, charts=specs)
