"""The pages' schema.org JSON-LD, read as a consumer reads it: expanded by a JSON-LD
processor (pyld) and checked for what schema.org and its consumers need of an
Event and a Dataset.

No network: the document loader serves a local schema.org context
(tests/fixtures/jsonld/, see its README) and refuses anything else.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from functools import cache
from typing import Any

import pytest
from pyld import jsonld

from generator.public import Coalition
from generator.render.feeds import activity_url
from generator.render.jsonld import located, script
from generator.site import generate

from .conftest import FIXTURES

SCHEMA = "http://schema.org/"
CONTEXT = json.loads((FIXTURES / "jsonld" / "schemaorg-context.jsonld").read_text("utf-8"))
SITE_URL = "https://example.org/"
DAY = date(2026, 6, 1)
_BLOCK = re.compile(r'<script type="application/ld\+json">\n(.*?)\n</script>', re.S)


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the test would fetch {url}")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": CONTEXT,
    }


def expand(document: Any) -> list[dict[str, Any]]:
    return list(jsonld.expand(document, {"documentLoader": _loader}))


def _of(node: dict[str, Any], term: str) -> list[Any]:
    return list(node.get(SCHEMA + term, []))


def _value(node: dict[str, Any], term: str) -> Any:
    (first,) = _of(node, term)[:1] or [None]
    if first is None:
        return None
    return first.get("@value", first.get("@id"))


def _typed(nodes: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """Every node of a type, at any depth of the expanded graph."""
    found = []
    for node in nodes:
        if SCHEMA + kind in node.get("@type", []):
            found.append(node)
        for values in node.values():
            if isinstance(values, list):
                found += _typed([v for v in values if isinstance(v, dict)], kind)
            elif isinstance(values, dict):
                found += _typed([values], kind)
    return found


@cache
def _files() -> dict[str, dict[str, str]]:
    return generate(FIXTURES / "golden", DAY, SITE_URL).files


def _blocks(lang: str) -> list[Any]:
    return [
        json.loads(block)
        for path, text in sorted(_files()[lang].items())
        if path.endswith(".md")
        for block in _BLOCK.findall(text)
    ]


def test_the_loader_serves_only_the_local_context() -> None:
    with pytest.raises(jsonld.JsonLdError, match="loading remote context failed"):
        expand({"@context": "https://example.org/context.jsonld", "name": "x"})
    (node,) = expand({"@context": "https://schema.org", "@type": "Event", "url": "https://e.org/"})
    assert node[SCHEMA + "url"] == [{"@id": "https://e.org/"}]  # from the local context


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_event_has_its_essentials_and_a_location(lang: str) -> None:
    events = [e for block in _blocks(lang) for e in _typed(expand(block), "Event")]
    site = generate(FIXTURES / "golden", DAY, SITE_URL).site
    expected = sum(located(c, a) for c in site.coalitions for a in c.agenda)
    assert len(events) == expected > 0
    for event in events:
        assert _value(event, "name") and event["@id"].startswith(SITE_URL)
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", _value(event, "startDate")
        )
        assert _value(event, "url") == event["@id"]
        locations = _of(event, "location")
        assert locations, event["@id"]
        for where in locations:
            if SCHEMA + "Place" in where["@type"]:
                assert _value(where, "name")
            else:
                assert where["@type"] == [SCHEMA + "VirtualLocation"]
                assert _value(where, "url").startswith("https://")
        assert _of(event, "organizer")


def _coalition(slug: str) -> Coalition:
    site = generate(FIXTURES / "golden", DAY, SITE_URL).site
    return next(c for c in site.coalitions if c.slug == slug)


def test_an_activity_without_place_or_link_is_at_the_meeting_place() -> None:
    coalition = _coalition("lezen-in-oost")
    meeting_place = coalition.meeting_place
    assert meeting_place is not None
    bare = dataclasses.replace(coalition.agenda[0], place=None, online=None)
    coalition = dataclasses.replace(coalition, agenda=(bare,))
    (event,) = _typed(
        expand(json.loads(_BLOCK.findall(script(coalition, "nl", SITE_URL))[0])), "Event"
    )
    (where,) = _of(event, "location")
    meeting = next(p for p in coalition.places if p.id == meeting_place.place)
    assert _value(where, "name") == meeting.name


def test_an_activity_with_nowhere_to_say_is_left_out() -> None:
    coalition = _coalition("lezen-in-oost")
    bare = dataclasses.replace(coalition.agenda[0], place=None, online=None)
    kept = coalition.agenda[1]
    assert kept.place is not None
    coalition = dataclasses.replace(coalition, agenda=(bare, kept), meeting_place=None)
    (block,) = _BLOCK.findall(script(coalition, "nl", SITE_URL))
    events = _typed(expand(json.loads(block)), "Event")
    assert [e["@id"] for e in events] == [activity_url(SITE_URL, coalition, kept, "nl")]
    assert script(dataclasses.replace(coalition, agenda=(bare,)), "nl", SITE_URL) == ""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_open_data_page_describes_a_dataset_with_its_downloads(lang: str) -> None:
    files = _files()[lang]
    page = next(text for path, text in files.items() if path.endswith("open-data/index.md"))
    (block,) = _BLOCK.findall(page)
    (dataset,) = _typed(expand(json.loads(block)), "Dataset")
    assert _value(dataset, "name") and _value(dataset, "description")
    assert _value(dataset, "license") == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert _of(dataset, "publisher") and _of(dataset, "creator")
    base = SITE_URL if lang == "nl" else f"{SITE_URL}en/"
    downloads = _of(dataset, "distribution")
    assert len(downloads) == 6  # dossiers.json and the five tables
    for download in downloads:
        assert download["@type"] == [SCHEMA + "DataDownload"]
        url = _value(download, "contentUrl")
        assert url.startswith(base) and url.removeprefix(base) in files
        assert _value(download, "encodingFormat") in ("application/json", "text/csv")
