"""The whole pipeline between the two ends: folder of dossiers in, output files out.

Pure apart from reading the dossiers: the build date is passed in, and the
caller writes the files (``write.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .check import Report, check_folder
from .errors import DossierError
from .public import PublicSite
from .publish import publish
from .render.labels import LANGS
from .render.pages import render_pages


@dataclass(frozen=True)
class Outputs:
    """Generated files per language: {lang: {path in that docs folder: text}}."""

    report: Report
    site: PublicSite
    files: dict[str, dict[str, str]]


def render_site(site: PublicSite) -> dict[str, dict[str, str]]:
    """Every generated file of every language, from the public model alone."""
    return {lang: render_pages(site, lang) for lang in LANGS}


def generate(coalitions: Path, build_date: date) -> Outputs:
    """Check, publish and render; raises DossierError if any dossier has a problem."""
    report = check_folder(coalitions)
    if report.problems:
        raise DossierError(report.problems)
    site = publish(report.valid, build_date)
    return Outputs(report=report, site=site, files=render_site(site))
