"""The open data's Frictionless Data Package: open-data/datapackage.json.

One resource per CSV table, described from the same column definitions as the
data dictionary page (``exports.TABLES``), with each column's type, the keys
that make a row unique, the link of every table to its coalition, and the
licence. Tools such as ``frictionless validate`` then check the CSV files
against it, and spreadsheets, R and pandas can load them with the right types.
Specification: https://datapackage.org (Data Package v1, Table Schema).
"""

from __future__ import annotations

import json
from datetime import date

from .exports import FOLDER, LICENCE, LICENCE_URL, TABLES

# Table Schema type per column name; every other column is a string. A name
# means the same in every table, so one map serves them all.
TYPES = {
    "started": "date",
    "deadline": "date",
    "signed": "date",
    "valid_from": "date",
    "valid_until": "date",
    "since": "date",
    "until": "date",
    "start": "datetime",
    "end": "datetime",
    "partners": "integer",
    "influence": "integer",
    "dependency": "integer",
    "target_influence": "integer",
    "target_dependency": "integer",
    "days_per_week": "number",
    "member": "boolean",
    "steering_group": "boolean",
    "below_ambition_line": "boolean",
    "open_to_newcomers": "boolean",
    "free": "boolean",
}
# RFC 3339 with minutes and the offset, as the exports write activity times.
_FORMATS = {"datetime": "%Y-%m-%dT%H:%M%z"}
# The columns that identify a row: every table but coalitions is per coalition.
PRIMARY_KEYS = {
    "coalitions": ["slug"],
    "memberships": ["coalition", "partner"],
    "objectives": ["coalition", "id"],
    "activities": ["coalition", "id"],
    "agreements": ["coalition", "id"],
}
_TITLES = {"nl": "Dossiers van samenwerkingsverbanden", "en": "Dossiers of coalitions"}
_DESCRIPTIONS = {
    "nl": "De openbare gegevens van de samenwerkingsverbanden op deze site, als tabellen.",
    "en": "The public data of the coalitions on this site, as tables.",
}

_AS_OF = {"nl": "Stand van", "en": "As of"}


def _field(name: str, nl: str, en: str, lang: str) -> dict[str, str]:
    field = {
        "name": name,
        "type": TYPES.get(name, "string"),
        "description": nl if lang == "nl" else en,
    }
    if field["type"] in _FORMATS:
        field["format"] = _FORMATS[field["type"]]
    return field


def datapackage(lang: str, build_date: date) -> str:
    """The data package of the CSV tables, described in this language."""
    resources = []
    for name, (nl, en, _, columns) in TABLES.items():
        schema: dict[str, object] = {
            "fields": [_field(c.name, c.nl, c.en, lang) for c in columns],
            "primaryKey": PRIMARY_KEYS[name],
            "missingValues": [""],
        }
        if name != "coalitions":
            schema["foreignKeys"] = [
                {"fields": "coalition", "reference": {"resource": "coalitions", "fields": "slug"}}
            ]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": nl if lang == "nl" else en,
                "schema": schema,
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "dossiers",
        "title": _TITLES[lang],
        "licenses": [{"name": LICENCE, "path": LICENCE_URL, "title": "CC0 1.0"}],
        # Data Package's "created" is a date and time; the build has a date, so it is said here.
        "description": f"{_DESCRIPTIONS[lang]} {_AS_OF[lang]} {build_date.isoformat()}.",
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def datapackage_file(lang: str, build_date: date) -> dict[str, str]:
    return {f"{FOLDER}/datapackage.json": datapackage(lang, build_date)}
