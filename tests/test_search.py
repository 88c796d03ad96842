"""Search: short entries for generated pages, the full text of hand-written ones."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from generator.build import served_search_entries
from generator.public import PublicSite
from generator.render.organisations import organisations
from generator.render.pages import agenda
from generator.render.search import ACTIVITY_DAYS
from generator.site import generate

from .conftest import ROOT
from .site_build import BuiltSite


def _site() -> PublicSite:
    return generate(ROOT / "coalitions", date(2026, 11, 23)).site


def _index(site_dir: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(
        (site_dir / "search" / "search_index.json").read_text("utf-8")
    )["docs"]
    return docs


def test_every_coalition_upcoming_activity_and_organisation_is_findable() -> None:
    site = _site()
    for lang, folder, orgs in (
        ("nl", "coalities", "organisaties"),
        ("en", "coalitions", "organisations"),
    ):
        locations = {e["location"] for e in served_search_entries(site, organisations(site), lang)}
        for c in site.coalitions:
            assert f"{folder}/{c.slug}/" in locations
        upcoming, past = agenda(site)
        horizon = site.build_date + timedelta(days=ACTIVITY_DAYS)
        soon = [i for i in upcoming if i.activity.start.date() <= horizon]
        assert soon and past
        for item in soon:
            assert (
                f"{folder}/{item.coalition.slug}/#{item.coalition.slug}_{item.activity.id}"
                in locations
            )
        for item in past:
            assert not any(loc.endswith(f"_{item.activity.id}") for loc in locations)
        for org in organisations(site):
            assert f"{orgs}/{org.id}/" in locations


def test_activities_beyond_the_horizon_are_found_through_their_coalition() -> None:
    site = _site()
    upcoming, _ = agenda(site)
    last = max(i.activity.start.date() for i in upcoming)
    earlier = PublicSite(
        coalitions=site.coalitions, build_date=last - timedelta(days=ACTIVITY_DAYS + 1)
    )
    entries = served_search_entries(earlier, organisations(earlier), "nl")
    locations = {e["location"] for e in entries}
    latest = next(i for i in upcoming if i.activity.start.date() == last)
    assert f"coalities/{latest.coalition.slug}/" in locations
    assert not any(loc.endswith(f"_{latest.activity.id}") for loc in locations)


@pytest.mark.slow
def test_entries_are_escaped_html(built_site: BuiltSite) -> None:
    """The search dialog shows entries as HTML: hostile names must arrive escaped."""
    for site_dir in (built_site.site, built_site.site / "en"):
        for entry in _index(site_dir):
            if "vijandig" in entry["location"] or entry["location"].startswith(
                ("organisaties/", "organisations/")
            ):
                assert "<" not in entry["title"] and "<" not in entry["text"], entry


@pytest.mark.slow
def test_the_built_index_points_at_pages_and_anchors_that_exist(built_site: BuiltSite) -> None:
    for site_dir in (built_site.site, built_site.site / "en"):
        docs = _index(site_dir)
        generated = [
            e
            for e in docs
            if re.match(r"(coalities|coalitions|organisaties|organisations)/.", e["location"])
        ]
        assert len(generated) > 20
        for entry in generated:
            page, _, anchor = entry["location"].partition("#")
            html = (site_dir / page / "index.html").read_text("utf-8")
            if anchor:
                assert f'id="{anchor}"' in html, entry["location"]


@pytest.mark.slow
def test_generated_pages_are_not_indexed_in_full(built_site: BuiltSite) -> None:
    """Only our short entries: one per page or activity, no section-by-section text."""
    docs = _index(built_site.site)
    coalition = [e for e in docs if e["location"].startswith("coalities/gelijke-kansen-oost/")]
    assert coalition and all(
        e["location"] == "coalities/gelijke-kansen-oost/"
        or "#gelijke-kansen-oost_" in e["location"]
        for e in coalition
    )
    joined = json.dumps(
        [e for e in docs if e["location"].startswith(("coalities/", "organisaties/"))],
        ensure_ascii=False,
    )
    source = next(c for c in _site().coalitions if c.slug == "gelijke-kansen-oost")
    assert source.agreements and source.objectives
    for hidden in (source.agreements[0].title, source.objectives[0].title):
        assert hidden.get("nl")[0] not in joined  # on the page, not in the index
    # Hand-written pages keep their full text, section by section.
    assert any(e["location"].startswith("dossier-schrijven/#") for e in docs)
