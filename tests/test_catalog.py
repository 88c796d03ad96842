"""The DCAT catalogue of the open data (open-data/catalog.jsonld).

Checked by an outside validator: pyshacl against the SHACL shapes of DCAT-AP
3.0.0 and DCAT-AP-NL 3.0.0, shipped in tests/fixtures/dcat/ (see its README),
so the check runs offline. The catalogue's context is inline, so rdflib reads
it without fetching anything.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import rdflib
from pyshacl import validate

from generator.render.catalog import PATH, catalog
from generator.render.exports import FOLDER, TABLES
from generator.settings import Publisher, Settings
from generator.site import generate
from generator.sitefile import read_settings

from .conftest import FIXTURES

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

SHAPES = sorted((FIXTURES / "dcat").glob("*.ttl"))
SITE_URL = "https://example.org/"
DAY = date(2026, 6, 1)
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


@cache
def _files() -> dict[str, dict[str, str]]:
    return generate(FIXTURES / "golden", DAY, SITE_URL).files


@cache
def _shapes() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in SHAPES:
        graph.parse(path, format="turtle")
    return graph


def _graph(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="json-ld")


def _report(text: str) -> tuple[bool, str]:
    conforms, _, report = validate(
        _graph(text), shacl_graph=_shapes(), inference="none", allow_warnings=True
    )
    return bool(conforms), str(report)


def test_shapes_of_both_profiles_are_shipped() -> None:
    names = {p.name for p in SHAPES}
    assert {"dcat-ap-3.0.0-shapes.ttl", "dcat-ap-nl-3.0.0-shapes.ttl"} <= names


def test_the_catalogue_meets_dcat_ap_and_dcat_ap_nl() -> None:
    conforms, report = _report(_files()["nl"][PATH])
    assert conforms, report


def test_the_validator_finds_what_the_dutch_profile_requires() -> None:
    """Without a contact point and a theme the same catalogue fails: the shapes bite."""
    document = json.loads(_files()["nl"][PATH])
    for node in document["@graph"]:
        node.pop("dcat:contactPoint", None)
        node.pop("dcat:theme", None)
    conforms, report = _report(json.dumps(document))
    assert not conforms
    assert "contactPoint" in report and "theme" in report


def test_a_distribution_per_file_of_the_whole_set_with_its_facts() -> None:
    graph = _graph(_files()["nl"][PATH])
    found = {}
    for dist in graph.subjects(rdflib.RDF.type, DCAT.Distribution):
        url = str(graph.value(dist, DCAT.downloadURL))
        assert url.startswith(f"{SITE_URL}{FOLDER}/")
        found[url.removeprefix(SITE_URL)] = dist
    expected = {f"{FOLDER}/dossiers.json"} | {f"{FOLDER}/{name}.csv" for name in TABLES}
    assert set(found) == expected
    for path, dist in found.items():  # path: as published, in both languages' folders
        assert str(graph.value(dist, DCT.modified)) == DAY.isoformat()
        assert graph.value(dist, DCT.license) is not None
        media = str(graph.value(dist, DCAT.mediaType))
        assert media.endswith("/text/csv" if path.endswith(".csv") else "/application/json")


def test_the_same_catalogue_in_both_languages() -> None:
    assert _files()["nl"][PATH] == _files()["en"][PATH]


def _node(document: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(n for n in document["@graph"] if n["@type"] == kind)


def test_publisher_and_contact_point_come_from_the_settings() -> None:
    tooi = "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    settings = Settings(
        publisher=Publisher(
            name="Team Dossiers", organisation="Gemeente Amsterdam", email="d@a.nl", uri=tooi
        )
    )
    files = {f"{FOLDER}/dossiers.json": "{}\n"}
    document = json.loads(catalog(settings, SITE_URL, DAY, files))
    dataset = _node(document, "dcat:Dataset")
    assert dataset["dct:publisher"] == {"@id": tooi}
    agent = next(n for n in document["@graph"] if n["@id"] == tooi)
    assert agent["foaf:name"] == "Gemeente Amsterdam"
    contact = next(n for n in document["@graph"] if n["@id"] == "_:contact")
    assert contact["vcard:hasEmail"] == {"@id": "mailto:d@a.nl"}
    assert contact["vcard:fn"] == "Team Dossiers"
    conforms, report = _report(json.dumps(document))
    assert conforms, report


@pytest.mark.parametrize("value", ["gm0363", "ftp://example.nl/x", "https://a b.nl/", "https://"])
def test_a_publisher_uri_that_is_not_a_web_address_is_a_positioned_problem(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "site.yml"
    path.write_text(f'publisher:\n  uri: "{value}"\n', encoding="utf-8")
    _, problems = read_settings(path)
    assert [(p.path, p.line, p.column) for p in problems] == [("publisher.uri", 2, 8)]
    assert "TOOI" in problems[0].message


def test_of_the_recommended_properties_only_a_data_service_is_missing() -> None:
    """DCAT-AP-NL recommends more than it requires (its warnings): the catalogue has
    all of it but an access service, as the site has files and no API."""
    _, _, report = validate(_graph(_files()["nl"][PATH]), shacl_graph=_shapes(), inference="none")
    shapes = set(re.findall(r"Source Shape: (\S+)", str(report)))
    assert shapes == {"dcatapnl-sh:DistributionShape_accessService_aanbevolen_minCount"}


def test_a_tooi_uri_in_site_yml_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "site.yml"
    tooi = "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    path.write_text(f"publisher:\n  uri: {tooi}\n", encoding="utf-8")
    settings, problems = read_settings(path)
    assert problems == [] and settings.publisher.uri == tooi
