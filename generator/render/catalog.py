"""The open data's DCAT catalogue: open-data/catalog.jsonld.

Data portals harvest catalogues, not pages: data.overheid.nl reads DCAT, and
this file describes the open data so that it can be listed there without
anyone typing it in again. It follows DCAT-AP-NL 3.0 (Geonovum, the Dutch
profile of DCAT-AP 3.0) where that profile is settled, and adds the one field
of DCAT-AP-DONL 1.1 that data.overheid.nl still asks for and DCAT-AP-NL does
not have: ``overheid:authority``, the body responsible for the data.

One Catalog with one Dataset that has both languages' titles (the data are the
same in both), and a Distribution per file of the whole data set: the JSON and
each CSV table, with media type, file type, download address, licence and
modification date. No dcat:byteSize (optional in both profiles): counting the
bytes means encoding the whole export again on every build and every save in
`make serve`, some 0.2 s at national scale (114 MB of dossiers.json). The
per-coalition JSON files are left out on purpose: each is a part of
``dossiers.json``, not another representation of the whole data set (what a
DCAT Distribution is), and a national site has thousands.

Publisher and contact point come from the site settings (site.yml). The file
is JSON-LD with its context written inline, so reading it needs no network.
Pure: the build date and the files are passed in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..settings import Settings
from .exports import FOLDER, LICENCE_URL, TABLES

PATH = f"{FOLDER}/catalog.jsonld"
PROFILE = "https://docs.geostandaarden.nl/dcat/dcat-ap-nl30/"  # DCAT-AP-NL 3.0

_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "overheid": "http://standaarden.overheid.nl/owms/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
_EU = "http://publications.europa.eu/resource/authority/"
_IANA = "https://www.iana.org/assignments/media-types/"
_LANGUAGES = [f"{_EU}language/NLD", f"{_EU}language/ENG"]
# Themes: the EU data theme that DCAT-AP-NL 3.0 requires, and the term of the
# overheid.nl taxonomy (TaxonomieBeleidsagenda) that data.overheid.nl files it under.
_THEMES = [f"{_EU}data-theme/GOVE", "http://standaarden.overheid.nl/owms/terms/Bestuur"]
# The themes as concepts with their labels (DCAT-AP wants skos:prefLabel).
_THEME_CONCEPTS = [
    {
        "@id": _THEMES[0],
        "@type": "skos:Concept",
        "skos:prefLabel": [
            {"@language": "nl", "@value": "Overheid en publieke sector"},
            {"@language": "en", "@value": "Government and public sector"},
        ],
    },
    {
        "@id": _THEMES[1],
        "@type": "skos:Concept",
        "skos:prefLabel": {"@language": "nl", "@value": "Bestuur"},
    },
]
_TITLE = {
    "nl": "Dossiers van samenwerkingsverbanden",
    "en": "Dossiers of coalitions",
}
_DESCRIPTION = {
    "nl": (
        "De openbare gegevens van publiek-private samenwerkingsverbanden: het maatschappelijk "
        "vraagstuk, de ambitie, doelen, partners, afspraken en de openbare agenda."
    ),
    "en": (
        "The public data of public-private coalitions: the societal question, the ambition, "
        "objectives, partners, agreements and the public agenda."
    ),
}
_CATALOG_TITLE = {"nl": "Open data van de dossiers", "en": "Open data of the dossiers"}
_KEYWORDS = {
    "nl": ["samenwerkingsverbanden", "publiek-private samenwerking", "agenda"],
    "en": ["coalitions", "public-private partnership", "agenda"],
}
# (file, media type, EU file type, description nl, description en) of every file
# that holds the whole data set.
_JSON = (
    "dossiers.json",
    "application/json",
    "JSON",
    "Alle dossiers in één bestand, met de licentie en de datum van de gegevens.",
    "All dossiers in one file, with the licence and the date of the data.",
)


def _both(texts: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"@language": lang, "@value": texts[lang]} for lang in ("nl", "en")]


def _date(value: date) -> dict[str, str]:
    return {"@type": "xsd:date", "@value": value.isoformat()}


def _ref(uri: str) -> dict[str, str]:
    return {"@id": uri}


def _term(terms: dict[str, set[str]], uri: str, kind: str) -> dict[str, str]:
    """A reference to a resource of class `kind`, noted in `terms` so that the
    catalogue says its classes: the profiles' range checks read them there."""
    terms.setdefault(uri, set()).add(kind)
    return _ref(uri)


def _typed(terms: dict[str, set[str]]) -> list[dict[str, Any]]:
    return [
        {"@id": uri, "@type": sorted(kinds) if len(kinds) > 1 else next(iter(kinds))}
        for uri, kinds in sorted(terms.items())
    ]


def _agent(settings: Settings) -> dict[str, Any]:
    """The publishing organisation: its URI from site.yml where given, else a blank node."""
    publisher = settings.publisher
    return {
        "@id": publisher.uri or "_:publisher",
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": publisher.organisation,
    }


def _contact(settings: Settings) -> dict[str, Any]:
    publisher = settings.publisher
    return {
        "@id": "_:contact",
        # vcard:Kind as well: the profiles check the class without inference.
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": publisher.name,
        "vcard:hasEmail": _ref(f"mailto:{publisher.email}"),
    }


def _files() -> list[tuple[str, str, str, str, str]]:
    tables = [(f"{name}.csv", "text/csv", "CSV", nl, en) for name, (nl, en, _, _) in TABLES.items()]
    return [_JSON, *tables]


def _distribution(
    terms: dict[str, set[str]],
    root: str,
    name: str,
    media: str,
    kind: str,
    about: Mapping[str, str],
    when: date,
) -> dict[str, Any]:
    url = f"{root}{FOLDER}/{name}"
    data: dict[str, Any] = {
        "@id": f"{url}#distribution",
        "@type": "dcat:Distribution",
        "dct:title": name,
        "dct:description": _both(about),
        "dcat:accessURL": _ref(url),
        "dcat:downloadURL": _ref(url),
        "dcat:mediaType": _term(terms, f"{_IANA}{media}", "dct:MediaType"),
        "dct:format": _term(terms, f"{_EU}file-type/{kind}", "dct:MediaTypeOrExtent"),
        "dct:license": _term(terms, LICENCE_URL, "dct:LicenseDocument"),
        "dct:modified": _date(when),
        "dct:language": _languages(terms),
    }
    # The schema each file meets: the JSON Schema, or the tables' Table Schemas in the
    # data package.
    schema = "dossiers.schema.json" if name == "dossiers.json" else "datapackage.json"
    data["dct:conformsTo"] = _term(terms, f"{root}{FOLDER}/{schema}", "dct:Standard")
    return data


def _languages(terms: dict[str, set[str]]) -> list[dict[str, str]]:
    return [_term(terms, lang, "dct:LinguisticSystem") for lang in _LANGUAGES]


def catalog(settings: Settings, root: str, build_date: date, exports: Mapping[str, str]) -> str:
    """The catalogue of the open data at site address `root` (ending in '/'), from the
    export files ({path: text}) that it describes."""
    agent = _agent(settings)
    landing = f"{root}{FOLDER}/"
    dataset_id = f"{landing}#dataset"
    terms: dict[str, set[str]] = {}  # {uri: its classes}, of every resource referred to
    distributions = [
        _distribution(
            terms,
            root,
            name,
            media,
            kind,
            {"nl": nl, "en": en},
            build_date,
        )
        for name, media, kind, nl, en in _files()
        if f"{FOLDER}/{name}" in exports
    ]
    dataset: dict[str, Any] = {
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:identifier": dataset_id,
        "dct:title": _both(_TITLE),
        "dct:description": _both(_DESCRIPTION),
        "dcat:keyword": [
            {"@language": lang, "@value": word} for lang in ("nl", "en") for word in _KEYWORDS[lang]
        ],
        "dct:publisher": _ref(agent["@id"]),
        "dct:creator": _ref(agent["@id"]),
        "dct:conformsTo": _term(terms, f"{landing}dossiers.schema.json", "dct:Standard"),
        "overheid:authority": _ref(agent["@id"]),  # DCAT-AP-DONL 1.1: the responsible body
        "dcat:contactPoint": _ref("_:contact"),
        "dcat:theme": [_ref(theme) for theme in _THEMES],
        "dct:accessRights": _term(terms, f"{_EU}access-right/PUBLIC", "dct:RightsStatement"),
        "dct:language": _languages(terms),
        "dct:license": _term(terms, LICENCE_URL, "dct:LicenseDocument"),
        "dct:spatial": _term(terms, f"{_EU}country/NLD", "dct:Location"),
        "dct:modified": _date(build_date),
        "dcat:landingPage": _term(terms, landing, "foaf:Document"),
        # The tables' columns, types and keys (Frictionless Data Package).
        "foaf:page": _term(terms, f"{landing}datapackage.json", "foaf:Document"),
        "dcat:distribution": distributions,
    }
    document = {
        "@context": _CONTEXT,
        "@graph": [
            {
                "@id": f"{root}{PATH}",
                "@type": "dcat:Catalog",
                "dct:title": _both(_CATALOG_TITLE),
                "dct:description": _both(_DESCRIPTION),
                "dct:publisher": _ref(agent["@id"]),
                "dct:creator": _ref(agent["@id"]),
                "dcat:contactPoint": _ref("_:contact"),
                "foaf:homepage": _term(terms, root, "foaf:Document"),
                "dct:language": _languages(terms),
                "dct:license": _term(terms, LICENCE_URL, "dct:LicenseDocument"),
                "dct:modified": _date(build_date),
                "dct:conformsTo": _term(terms, PROFILE, "dct:Standard"),
                "dcat:dataset": [_ref(dataset_id)],
            },
            dataset,
            agent,
            _contact(settings),
            *_THEME_CONCEPTS,
            *_typed(terms),
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def catalog_file(
    settings: Settings, root: str, build_date: date, exports: Mapping[str, str]
) -> dict[str, str]:
    return {PATH: catalog(settings, root, build_date, exports)}
