"""Open data: valid against its own schema, CSV as documented, reproducible."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import frictionless
import jsonschema
import pytest
from pydantic import TypeAdapter

from generator.public import Coalition, PublicSite
from generator.render.exports import (
    LICENCE,
    LICENCE_URL,
    TABLES,
    Export,
    export_schema,
    safe_cell,
)
from generator.render.jsonld import event
from generator.site import generate, render_site

from .composed import exports, files
from .conftest import ROOT
from .site_build import BuiltSite

DAY = date(2026, 11, 23)
# JSON files in open-data/ that describe the exports rather than hold them.
_NOT_EXPORTS = ("schema.json", "datapackage.json")


def _site() -> PublicSite:
    return generate(ROOT / "coalitions", DAY).site


def test_json_exports_meet_their_own_schema() -> None:
    site = _site()
    files = exports(site)
    schema = json.loads(files["open-data/dossiers.schema.json"])
    assert schema == export_schema()
    validator = jsonschema.Draft202012Validator(schema)
    validator.check_schema(schema)
    exported = [p for p in files if p.endswith(".json") and not p.endswith(_NOT_EXPORTS)]
    assert len(exported) == len(site.coalitions) + 1
    for path in exported:
        data = json.loads(files[path])
        assert list(validator.iter_errors(data)) == [], path
        assert data["licence"] == "CC0-1.0" and data["build_date"] == "2026-11-23"
    everything = json.loads(files["open-data/dossiers.json"])
    assert [c["slug"] for c in everything["coalitions"]] == [c.slug for c in site.coalitions]


def _check_jsonschema(schema: Path, documents: list[Path]) -> subprocess.CompletedProcess[str]:
    """check-jsonschema, which asserts formats such as date-time, on these files."""
    program = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(program), "--schemafile", str(schema), *map(str, documents)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_json_exports_pass_an_outside_validator_with_formats(tmp_path: Path) -> None:
    """Times carry their offset, so they are the RFC 3339 date-times the schema promises."""
    written = exports(_site())
    for path, text in written.items():
        if path.endswith(".json"):
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
    schema = tmp_path / "open-data" / "dossiers.schema.json"
    documents = sorted(p for p in tmp_path.rglob("*.json") if not p.name.endswith(_NOT_EXPORTS))
    done = _check_jsonschema(schema, documents)
    assert done.returncode == 0, done.stdout + done.stderr
    everything = json.loads((tmp_path / "open-data" / "dossiers.json").read_text("utf-8"))
    starts = [a["start"] for c in everything["coalitions"] for a in c["agenda"]]
    assert starts and all(s.endswith(("+01:00", "+02:00")) for s in starts), starts
    # A time without its offset, as the exports wrote before, fails the same check.
    first = everything["coalitions"][0]["agenda"][0]
    first["start"] = first["start"][: -len("+02:00")]
    broken = tmp_path / "naive.json"
    broken.write_text(json.dumps(everything), "utf-8")
    done = _check_jsonschema(schema, [broken])
    assert done.returncode == 1 and "date-time" in done.stdout + done.stderr


def test_csv_times_carry_their_offset() -> None:
    rows = list(csv.DictReader(io.StringIO(exports(_site())["open-data/activities.csv"])))
    by_id = {(r["coalition"], r["id"]): r for r in rows}
    for coalition in _site().coalitions:
        for activity in coalition.agenda:
            row = by_id[(coalition.slug, activity.id)]
            moment = datetime.fromisoformat(row["start"])
            assert moment.utcoffset() is not None, row["start"]
            assert moment.replace(tzinfo=None) == activity.start.replace(second=0)


def test_schema_rejects_what_does_not_belong() -> None:
    validator = jsonschema.Draft202012Validator(export_schema())
    assert list(validator.iter_errors({"licence": "CC0-1.0"}))  # coalitions etc. missing


def test_csv_tables_parse_back_as_documented() -> None:
    site = _site()
    files = exports(site)
    for name, (_, _, rows, columns) in TABLES.items():
        reader = csv.DictReader(io.StringIO(files[f"open-data/{name}.csv"]))
        parsed = list(reader)
        assert reader.fieldnames == [c.name for c in columns], name
        assert len(parsed) == len(rows(site)), name
    activities = list(csv.DictReader(io.StringIO(files["open-data/activities.csv"])))
    assert len(activities) == sum(len(c.agenda) for c in site.coalitions)
    assert {a["open_to_newcomers"] for a in activities} == {"true", "false"}


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (
            '=HYPERLINK("https://elders.example","klik")',
            '\'=HYPERLINK("https://elders.example","klik")',
        ),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Open dag = feest", "Open dag = feest"),
        ("", ""),
        (-2, -2),
        (3, 3),
    ],
)
def test_a_cell_that_starts_like_a_formula_stays_text(value: object, cell: object) -> None:
    assert safe_cell(value) == cell


def test_data_dictionary_describes_every_column() -> None:
    for lang in ("nl", "en"):
        page = files(_site(), lang)["open-data/index.md"]
        for name, (_, _, _, columns) in TABLES.items():
            assert f"## {name}.csv" in page
            for column in columns:
                assert f"`{column.name}`" in page, (lang, column.name)


def _direct(site: PublicSite) -> dict[str, str]:
    """The open data made in one go from the whole site, without per-coalition parts."""
    adapter = TypeAdapter(Export)

    def whole(coalitions: tuple[Coalition, ...]) -> str:
        data = Export(LICENCE, LICENCE_URL, site.build_date, coalitions)
        dumped = adapter.dump_python(data, mode="json")
        return json.dumps(dumped, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    files = {"open-data/dossiers.json": whole(site.coalitions)}
    files.update({f"open-data/coalitions/{c.slug}.json": whole((c,)) for c in site.coalitions})
    for name, (_, _, rows, columns) in TABLES.items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.name for c in columns])
        writer.writerows([safe_cell(c.value(row)) for c in columns] for row in rows(site))
        files[f"open-data/{name}.csv"] = out.getvalue()
    return files


@pytest.mark.parametrize("count", [0, 1, 4])
def test_exports_put_together_from_parts_equal_the_whole(count: int) -> None:
    """The pipeline caches each coalition's part; joined, they must be the one-go export."""
    full = _site()
    site = PublicSite(coalitions=full.coalitions[:count], build_date=DAY)
    assert len(site.coalitions) == count  # the examples publish four
    assembled = exports(site)
    direct = _direct(site)
    assert {p: assembled[p] for p in direct} == direct
    assert set(assembled) - set(direct) == {
        "open-data/dossiers.schema.json",
        "open-data/datapackage.json",
        "open-data/catalog.jsonld",
    }


def test_two_builds_give_identical_files() -> None:
    first = render_site(generate(ROOT / "coalitions", DAY).site)
    second = render_site(generate(ROOT / "coalitions", DAY).site)
    assert first == second and first["nl"].files
    assert any(p.endswith(".ics") for p in first["nl"].files)
    assert any(p.endswith(".csv") for p in first["nl"].files)


@pytest.mark.slow
def test_exports_are_published_with_the_site(built_site: BuiltSite) -> None:
    for path in (
        "open-data/dossiers.json",
        "open-data/activities.csv",
        "open-data/coalitions/gelijke-kansen-oost.json",
        "en/open-data/dossiers.json",
        "agenda/alle-activiteiten.ics",
        "en/agenda/for-newcomers.ics",
        "coalities/gezonde-haven.ics",
        "open-data/index.html",
    ):
        assert (built_site.site / path).is_file(), path


def _package(folder: Path, lang: str, site: PublicSite | None = None) -> Path:
    """One language's data package and its CSV files, written to a folder."""
    for path, text in files(site or _site(), lang).items():
        if path.startswith("open-data/") and path.endswith((".csv", "datapackage.json")):
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
    return folder / "open-data" / "datapackage.json"


def _problems(package: Path) -> list[str]:
    report = frictionless.validate(str(package))
    return [error.type for task in report.tasks for error in task.errors] + [
        error.type for error in report.errors
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_data_package_describes_the_tables_and_frictionless_accepts_them(
    lang: str, tmp_path: Path
) -> None:
    package = _package(tmp_path, lang)
    data = json.loads(package.read_text("utf-8"))
    assert [r["name"] for r in data["resources"]] == list(TABLES)
    for resource, (_, _, _, columns) in zip(data["resources"], TABLES.values(), strict=True):
        described = [(f["name"], f["description"]) for f in resource["schema"]["fields"]]
        assert described == [(c.name, c.nl if lang == "nl" else c.en) for c in columns]
    assert data["licenses"][0]["name"] == LICENCE
    assert _problems(package) == []


def test_frictionless_finds_a_row_that_breaks_the_package(tmp_path: Path) -> None:
    """The validation above can fail: a wrong type and a dangling coalition are found."""
    package = _package(tmp_path, "nl")
    activities = package.parent / "activities.csv"
    lines = activities.read_text("utf-8").splitlines()
    row = next(csv.reader([lines[1]]))
    row[0] = "bestaat-niet"  # no such coalition
    row[3] = row[3][: -len("+02:00")]  # a time without its offset
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    activities.write_text("\n".join([lines[0], out.getvalue().rstrip(), *lines[2:]]) + "\n")
    assert {"type-error", "foreign-key"} <= set(_problems(package))


def test_organisation_identifiers_reach_the_tables_and_the_events() -> None:
    """KvK, OIN and TOOI as the dossier gives them: in the memberships table and JSON-LD."""
    site = _site()
    rows = list(csv.DictReader(io.StringIO(exports(site)["open-data/memberships.csv"])))
    by_partner = {(r["coalition"], r["partner"]): r for r in rows}
    given = [
        (c, p) for c in site.coalitions for p in c.partners if p.kvk or p.oin or p.tooi or p.since
    ]
    assert given  # the examples give some
    for coalition, partner in given:
        row = by_partner[(coalition.slug, partner.id)]
        assert (row["kvk"], row["oin"], row["tooi"]) == (
            partner.kvk or "",
            partner.oin or "",
            partner.tooi or "",
        )
        assert row["since"] == (partner.since.isoformat() if partner.since else "")
        for activity in coalition.agenda:
            if partner.id not in activity.organisers:
                continue
            organiser = next(
                o
                for o in event(coalition, activity, "nl", "https://example.org/")["organizer"]
                if o["name"] == partner.name
            )
            identifiers = organiser.get("identifier", [])
            if partner.kvk:
                assert {"@type": "PropertyValue", "propertyID": "KvK", "value": partner.kvk} in (
                    identifiers
                )
            if partner.tooi:
                assert partner.tooi in identifiers and organiser["sameAs"] == partner.tooi
