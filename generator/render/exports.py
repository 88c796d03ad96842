"""Open data: the public part of all dossiers as JSON and CSV, with a JSON Schema.

Pure functions of the public model, so an export holds exactly what the site
shows and nothing more. The CSV columns are defined once, here, with their
meaning in both languages; the data dictionary page is made from the same
definitions, so the two cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from ..amsterdam import rfc3339
from ..public import Coalition, PublicSite, Text

FOLDER = "open-data"
LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"


@dataclass(frozen=True)
class Export:
    """The published data set: every public coalition, with licence and build date."""

    licence: str
    licence_url: str
    build_date: date
    coalitions: tuple[Coalition, ...]


_EXPORT = TypeAdapter(Export)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@cache
def _schema_text() -> str:
    return _json(export_schema())


def export_schema() -> dict[str, Any]:
    """The JSON Schema every JSON export meets (one coalition files hold one)."""
    schema = _EXPORT.json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Open data of the coalitions' dossiers",
        **schema,
    }


def _export(site: PublicSite, coalitions: tuple[Coalition, ...]) -> str:
    data = Export(LICENCE, LICENCE_URL, site.build_date, coalitions)
    return _json(_EXPORT.dump_python(data, mode="json"))


@dataclass(frozen=True)
class Column:
    name: str
    nl: str
    en: str
    value: Callable[[Any], object]


def _t(text: Text | None, lang: str = "nl") -> str:
    if text is None:
        return ""
    return text.nl if lang == "nl" else (text.en or "")


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _yes(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


# Each table: its rows (from the site), and its columns.
Row = tuple[Coalition, Any]
TABLES: dict[str, tuple[str, str, Callable[[PublicSite], list[Row]], tuple[Column, ...]]] = {
    "coalitions": (
        "Eén rij per samenwerkingsverband.",
        "One row per coalition.",
        lambda site: [(c, c) for c in site.coalitions],
        (
            Column(
                "slug",
                "Kenmerk van het verband, ook het adres op de site",
                "Identifier of the coalition, also its address on the site",
                lambda r: r[0].slug,
            ),
            Column("name", "Naam", "Name", lambda r: r[0].name),
            Column(
                "type",
                "Soort samenwerking: products, goals, movement of platform",
                "Type of cooperation: products, goals, movement or platform",
                lambda r: r[0].type.value,
            ),
            Column(
                "approach",
                "Aanpak die bij de soort hoort",
                "Approach that goes with the type",
                lambda r: r[0].type.approach.value,
            ),
            Column(
                "status",
                "active, paused of ended",
                "active, paused or ended",
                lambda r: r[0].status.value,
            ),
            Column(
                "started",
                "Startdatum (JJJJ-MM-DD)",
                "Start date (YYYY-MM-DD)",
                lambda r: _d(r[0].started),
            ),
            Column("website", "Website", "Website", lambda r: r[0].website or ""),
            Column(
                "societal_question_nl",
                "Maatschappelijke opgave (Nederlands)",
                "Societal question (Dutch)",
                lambda r: _t(r[0].societal_question),
            ),
            Column(
                "ambition_nl",
                "Ambitie (Nederlands)",
                "Ambition (Dutch)",
                lambda r: _t(r[0].ambition.statement),
            ),
            Column(
                "ambition_en",
                "Ambitie (Engels, als gegeven)",
                "Ambition (English, if given)",
                lambda r: _t(r[0].ambition.statement, "en"),
            ),
            Column(
                "partners", "Aantal partners", "Number of partners", lambda r: len(r[0].partners)
            ),
        ),
    ),
    "memberships": (
        "Eén rij per partner per samenwerkingsverband, met de partneranalyse.",
        "One row per partner per coalition, with the partner analysis.",
        lambda site: [(c, p) for c in site.coalitions for p in c.partners],
        (
            Column(
                "coalition", "Kenmerk van het verband", "Coalition identifier", lambda r: r[0].slug
            ),
            Column(
                "organisation",
                "Kenmerk van de organisatie over alle verbanden heen",
                "Organisation identifier across all coalitions",
                lambda r: r[1].organisation,
            ),
            Column(
                "partner",
                "Kenmerk van de partner binnen dit dossier",
                "Partner identifier within this dossier",
                lambda r: r[1].id,
            ),
            Column("name", "Naam van de partner", "Partner name", lambda r: r[1].name),
            Column(
                "sector",
                "public, private, civil-society, education of knowledge",
                "public, private, civil-society, education or knowledge",
                lambda r: r[1].sector.value,
            ),
            Column(
                "member",
                "Hoort bij het 'wij' (true/false)",
                "Belongs to the 'we' (true/false)",
                lambda r: _yes(r[1].id in r[0].we.members),
            ),
            Column(
                "steering_group",
                "Zit in de stuurgroep (true/false)",
                "On the steering group (true/false)",
                lambda r: _yes(r[1].id in r[0].governance.steering_group.members),
            ),
            Column(
                "influence",
                "Invloed op het maatschappelijke doel, 1 tot 5",
                "Influence on the societal goal, 1 to 5",
                lambda r: r[1].now.influence,
            ),
            Column(
                "dependency",
                "Afhankelijkheid, 1 (veel alternatieven) tot 5 (geen)",
                "Dependency, 1 (many alternatives) to 5 (none)",
                lambda r: r[1].now.dependency,
            ),
            Column(
                "below_ambition_line",
                "Invloed lager dan afhankelijkheid (true/false)",
                "Influence lower than dependency (true/false)",
                lambda r: _yes(r[1].below_ambition_line),
            ),
            Column(
                "target_influence",
                "Beoogde invloed",
                "Target influence",
                lambda r: r[1].target.influence if r[1].target else "",
            ),
            Column(
                "target_dependency",
                "Beoogde afhankelijkheid",
                "Target dependency",
                lambda r: r[1].target.dependency if r[1].target else "",
            ),
            Column(
                "relationship",
                "multi-year-partnership of business",
                "multi-year-partnership or business",
                lambda r: r[1].relationship.value if r[1].relationship else "",
            ),
            Column(
                "funding",
                "contract, subsidy of own-funds",
                "contract, subsidy or own-funds",
                lambda r: r[1].funding.value if r[1].funding else "",
            ),
            Column(
                "days_per_week",
                "Tijdsinvestering in dagen per week",
                "Time invested in days per week",
                lambda r: f"{r[1].time.days_per_week:g}" if r[1].time else "",
            ),
            Column(
                "leads",
                "Thema's of onderdelen die de partner trekt (kenmerken, ; gescheiden)",
                "Themes or deliverables the partner leads (identifiers, ; separated)",
                lambda r: ";".join(x.subject for x in r[0].roles if x.lead == r[1].id),
            ),
            Column(
                "kvk", "KvK-nummer", "Chamber of Commerce (KvK) number", lambda r: r[1].kvk or ""
            ),
            Column(
                "oin",
                "Organisatie-identificatienummer (OIN)",
                "Organisation Identification Number (OIN)",
                lambda r: r[1].oin or "",
            ),
            Column(
                "tooi",
                "TOOI-URI van een overheidsorganisatie",
                "TOOI URI of a government body",
                lambda r: r[1].tooi or "",
            ),
            Column("since", "Partner sinds", "Partner since", lambda r: _d(r[1].since)),
            Column("until", "Partner tot", "Partner until", lambda r: _d(r[1].until)),
        ),
    ),
    "objectives": (
        "Eén rij per doel.",
        "One row per objective.",
        lambda site: [(c, o) for c in site.coalitions for o in c.objectives],
        (
            Column(
                "coalition", "Kenmerk van het verband", "Coalition identifier", lambda r: r[0].slug
            ),
            Column("id", "Kenmerk van het doel", "Objective identifier", lambda r: r[1].id),
            Column("title_nl", "Doel (Nederlands)", "Objective (Dutch)", lambda r: _t(r[1].title)),
            Column("indicator_nl", "Indicator", "Indicator", lambda r: _t(r[1].indicator)),
            Column("baseline_nl", "Nulmeting", "Baseline", lambda r: _t(r[1].baseline)),
            Column("target_nl", "Streefwaarde", "Target", lambda r: _t(r[1].target)),
            Column(
                "deadline",
                "Deadline (JJJJ-MM-DD)",
                "Deadline (YYYY-MM-DD)",
                lambda r: _d(r[1].deadline),
            ),
            Column(
                "status",
                "not-started, on-track, at-risk, off-track, achieved of dropped",
                "not-started, on-track, at-risk, off-track, achieved or dropped",
                lambda r: r[1].status.value,
            ),
        ),
    ),
    "activities": (
        "Eén rij per openbare activiteit.",
        "One row per public activity.",
        lambda site: [(c, a) for c in site.coalitions for a in c.agenda],
        (
            Column(
                "coalition", "Kenmerk van het verband", "Coalition identifier", lambda r: r[0].slug
            ),
            Column("id", "Kenmerk van de activiteit", "Activity identifier", lambda r: r[1].id),
            Column("title_nl", "Titel (Nederlands)", "Title (Dutch)", lambda r: _t(r[1].title)),
            Column(
                "start",
                "Begin, Nederlandse tijd met het verschil met UTC (RFC 3339, "
                "JJJJ-MM-DDTUU:MM+02:00 in de zomer, +01:00 in de winter)",
                "Start, Dutch local time with its offset from UTC (RFC 3339, "
                "YYYY-MM-DDTHH:MM+02:00 in summer, +01:00 in winter)",
                lambda r: rfc3339(r[1].start, "minutes"),
            ),
            Column(
                "end",
                "Einde, Nederlandse tijd met het verschil met UTC, zoals start",
                "End, Dutch local time with its offset from UTC, as start",
                lambda r: rfc3339(r[1].end, "minutes") if r[1].end else "",
            ),
            Column(
                "place",
                "Plek",
                "Place",
                lambda r: next((p.name for p in r[0].places if p.id == r[1].place), ""),
            ),
            Column("online", "Online adres", "Online address", lambda r: r[1].online or ""),
            Column(
                "open_to_newcomers",
                "Open voor nieuwkomers (true/false)",
                "Open to newcomers (true/false)",
                lambda r: _yes(r[1].open_to_newcomers),
            ),
            Column(
                "free",
                "Gratis (true/false, leeg als onbekend)",
                "Free of charge (true/false, empty if unknown)",
                lambda r: _yes(r[1].free),
            ),
            Column(
                "how_to_join_nl", "Hoe je meedoet", "How to join", lambda r: _t(r[1].how_to_join)
            ),
            Column("registration", "Aanmelden", "Registration", lambda r: r[1].registration or ""),
        ),
    ),
    "agreements": (
        "Eén rij per openbare afspraak.",
        "One row per public agreement.",
        lambda site: [(c, a) for c in site.coalitions for a in c.agreements],
        (
            Column(
                "coalition", "Kenmerk van het verband", "Coalition identifier", lambda r: r[0].slug
            ),
            Column("id", "Kenmerk van de afspraak", "Agreement identifier", lambda r: r[1].id),
            Column("title_nl", "Titel (Nederlands)", "Title (Dutch)", lambda r: _t(r[1].title)),
            Column(
                "kind",
                "Soort, zoals covenant of contract",
                "Kind, such as covenant or contract",
                lambda r: r[1].kind.value,
            ),
            Column(
                "status",
                "signed, in-force, ended of terminated",
                "signed, in-force, ended or terminated",
                lambda r: r[1].status.value,
            ),
            Column(
                "parties",
                "Partijen (kenmerken, ; gescheiden)",
                "Parties (identifiers, ; separated)",
                lambda r: ";".join(r[1].parties),
            ),
            Column("signed", "Getekend op", "Signed on", lambda r: _d(r[1].signed)),
            Column("valid_from", "Geldig vanaf", "Valid from", lambda r: _d(r[1].valid_from)),
            Column("valid_until", "Geldig tot", "Valid until", lambda r: _d(r[1].valid_until)),
            Column(
                "document",
                "Link naar het document",
                "Link to the document",
                lambda r: r[1].document or "",
            ),
        ),
    ),
}


def _csv_lines(lines: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(lines)
    return out.getvalue()


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP's
# "CSV injection" list), and runs it when a reader opens the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as the text it is, never runs as a formula.

    Text that starts like a formula gets a leading apostrophe, which spreadsheets
    take as "this is text" (Excel hides it, LibreOffice shows it); numbers stay
    numbers. The JSON exports
    keep the exact text, and the data dictionary says how to undo this.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_rows(columns: tuple[Column, ...], rows: list[Row]) -> str:
    return _csv_lines([[safe_cell(c.value(row)) for c in columns] for row in rows])


def _csv_header(columns: tuple[Column, ...]) -> str:
    return _csv_lines([[c.name for c in columns]])


_COALITION = TypeAdapter(Coalition)
_EMPTY = '"coalitions": []'


@dataclass(frozen=True)
class CoalitionExport:
    """One coalition's share of the open data: its JSON, and its rows of each table."""

    json: str  # the coalition as it appears inside the "coalitions" list
    rows: dict[str, str]  # table name: CSV rows without the header
    file: str  # open-data/coalitions/<slug>.json


def coalition_export(coalition: Coalition, build_date: date) -> CoalitionExport:
    single = PublicSite(coalitions=(coalition,), build_date=build_date)
    text = json.dumps(
        _COALITION.dump_python(coalition, mode="json"), ensure_ascii=False, indent=1, sort_keys=True
    )
    inner = "\n".join("  " + line for line in text.split("\n"))
    return CoalitionExport(
        json=inner,
        file=_assemble(build_date, [inner]),
        rows={
            name: _csv_rows(columns, rows(single)) for name, (_, _, rows, columns) in TABLES.items()
        },
    )


def _assemble(build_date: date, parts: list[str]) -> str:
    """The JSON export of these coalitions, put together from their parts' JSON."""
    empty = _json(_EXPORT.dump_python(Export(LICENCE, LICENCE_URL, build_date, ()), mode="json"))
    if not parts:
        return empty
    head, tail = empty.split(_EMPTY, 1)
    # One join, so the text (over 100 MB on a national site) is copied once.
    pieces = [head, '"coalitions": [\n']
    for part in parts:
        pieces += (part, ",\n")
    pieces[-1] = "\n ]"
    pieces.append(tail)
    return "".join(pieces)


def assemble_exports(
    build_date: date, coalitions: tuple[Coalition, ...], parts: list[CoalitionExport]
) -> dict[str, str]:
    """{path: text} of every open-data file, from each coalition's part (same order)."""
    files = {
        f"{FOLDER}/dossiers.json": _assemble(build_date, [part.json for part in parts]),
        f"{FOLDER}/dossiers.schema.json": _schema_text(),
    }
    for coalition, part in zip(coalitions, parts, strict=True):
        files[f"{FOLDER}/coalitions/{coalition.slug}.json"] = part.file
    for name, (_, _, _, columns) in TABLES.items():
        files[f"{FOLDER}/{name}.csv"] = _csv_header(columns) + "".join(p.rows[name] for p in parts)
    return files
