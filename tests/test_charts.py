"""The matrices: golden specs, valid Vega-Lite, what the drawings must show."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.public import PublicSite
from generator.render.charts import Chart
from generator.render.compose import spec_text
from generator.site import generate

from .composed import charts, files, render_svgs
from .conftest import ROOT, compare_golden
from .site_build import BuiltSite

VEGA_LITE_SCHEMA = ROOT / "node_modules" / "vega-lite" / "build" / "vega-lite-schema.json"
# Every expression the templates use. A dossier value must never appear in one.
FIXED_EXPRESSIONS = {"datum.strength <= 1"}
EXPRESSION_KEYS = {"expr", "test", "signal", "calculate", "filter", "format", "url"}


@cache
def _site() -> PublicSite:
    return generate(ROOT / "coalitions", date(2026, 11, 23)).site


def _charts(lang: str = "nl") -> list[Chart]:
    return charts(_site(), lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_specs_match_their_golden_files(lang: str, update_golden: bool) -> None:
    for chart in _charts(lang):
        # Indented, so a reviewer reads a chart change line by line.
        shown = json.dumps(chart.spec, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        compare_golden(f"charts/{lang}/{chart.path.replace('/', '_')}.json", shown, update_golden)
        assert json.loads(spec_text(chart)) == chart.spec  # what is published is the same spec


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_specs_are_valid_vega_lite(lang: str) -> None:
    assert VEGA_LITE_SCHEMA.exists(), "run 'make test': it installs the Vega-Lite schema"
    validator = jsonschema.Draft7Validator(json.loads(VEGA_LITE_SCHEMA.read_text("utf-8")))
    for chart in _charts(lang):
        errors = [
            f"{list(e.absolute_path)}: {e.message[:120]}" for e in validator.iter_errors(chart.spec)
        ]
        assert errors == [], chart.path


def _expressions(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in EXPRESSION_KEYS and isinstance(value, str):
                found.append(value)
            found += _expressions(value)
    elif isinstance(node, list):
        for item in node:
            found += _expressions(item)
    return found


@pytest.mark.slow
def test_expressions_are_fixed_templates_even_for_hostile_dossiers(
    built_site: BuiltSite,
) -> None:
    specs = [json.loads(p.read_text("utf-8")) for p in built_site.site.rglob("*.vl.json")]
    assert len(specs) > 10
    hostile = [s for s in specs if "vijandig" in json.dumps(s) or "alert" in json.dumps(s)]
    assert hostile, "the hostile dossier's charts should be among the specs"
    for spec in specs:
        assert set(_expressions(spec)) <= FIXED_EXPRESSIONS


@cache
def _svgs() -> dict[str, str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        files, _ = render_svgs(_charts(), Path(folder))
    return files


_SVG = "{http://www.w3.org/2000/svg}"


def _marks(svg: str, mark: str) -> list[ET.Element]:
    """The drawn items of one named layer (Vega names its group '<name>_marks')."""
    root = ET.fromstring(svg)
    for group in root.iter(f"{_SVG}g"):
        if group.get("class", "").endswith(f"role-mark {mark}_marks"):
            return list(group)
    raise AssertionError(f"no layer {mark!r} in the drawing")


def _groups(svg: str, mark: str) -> int:
    """How many drawn groups one named layer has (a line mark draws one per move)."""
    root = ET.fromstring(svg)
    return sum(
        1
        for group in root.iter(f"{_SVG}g")
        if group.get("class", "").endswith(f"role-mark {mark}_marks")
    )


def _texts(svg: str, mark: str) -> list[str]:
    return ["".join(item.itertext()) for item in _marks(svg, mark)]


@pytest.mark.parametrize("slug", [c.slug for c in _site().coalitions])
def test_partner_matrix_shows_every_partner_the_line_and_the_moves(slug: str) -> None:
    coalition = next(c for c in _site().coalitions if c.slug == slug)
    svg = _svgs()[f"coalities/{slug}.partners.svg"]
    normal = _texts(svg, "partner_labels")
    bold = _texts(svg, "partner_labels_below")
    for number, partner in enumerate(coalition.partners, start=1):
        entry = f"{number}  {partner.name}"
        assert entry in (bold if partner.below_ambition_line else normal), entry
    assert len(_marks(svg, "ambition_line")) == 1
    moves = [p for p in coalition.partners if p.target and p.target != p.now]
    stays = [p for p in coalition.partners if p.target and p.target == p.now]
    assert _groups(svg, "target_arrows") == len(moves)
    assert len(_marks(svg, "target_heads")) == len(moves)
    assert len(_marks(svg, "target_stays")) == len(stays)
    assert len(moves) + len(stays) == sum(1 for p in coalition.partners if p.target)


def test_a_partner_below_the_line_is_marked_in_the_table_too() -> None:
    page = files(_site(), "nl")["coalities/gezonde-haven.md"]
    analysis = page.split(">Partneranalyse</h2>", 1)[1].splitlines()
    row = next(line for line in analysis if line.startswith("| Nordlaan Coatings |"))
    assert "**onder de lijn**" in row
    row = next(line for line in analysis if line.startswith("| Provincie Zuiderwaard |"))
    assert "op of boven de lijn" in row and "**" not in row


def test_role_matrix_writes_the_role_in_every_cell() -> None:
    svg = _svgs()["coalities/gelijke-kansen-oost.roles.svg"]
    coalition = next(c for c in _site().coalitions if c.slug == "gelijke-kansen-oost")
    cells = sum(
        1 + len(r.contributes) + len(r.consulted) + len(r.informed) for r in coalition.roles
    )
    texts = _texts(svg, "role_texts")
    assert len(texts) == cells
    assert set(texts) <= {"trekker", "draagt bij", "geraadpleegd", "geïnformeerd"}


def test_network_marks_the_organisations_in_the_most_coalitions() -> None:
    spec = next(c.spec for c in _charts() if c.path == "organisaties/network")
    totals = spec["hconcat"][1]["data"]["values"]
    assert totals[0] == {
        "organisation": "Gemeente Dijkhaven",
        "organisation_rank": 0,
        "coalitions": 4,
        "marked": "in de meeste verbanden",
    }
    assert [t["coalitions"] for t in totals] == sorted(
        (t["coalitions"] for t in totals), reverse=True
    )
    assert all(t["marked"] == "overige" for t in totals[1:])


def test_drawings_are_cached_by_content(tmp_path: Path) -> None:
    chart = _charts()[0]
    first, cold = render_svgs([chart], tmp_path)
    second, warm = render_svgs([chart], tmp_path)
    assert (cold.rendered, cold.cached, warm.rendered, warm.cached) == (1, 0, 0, 1)
    assert first == second
    changed = Chart(chart.path, {**chart.spec, "title": "Anders"}, chart.alt)
    _, again = render_svgs([changed], tmp_path)
    assert again.rendered == 1


def test_organisations_with_the_same_name_stay_apart() -> None:
    import dataclasses

    site = _site()
    first = site.coalitions[0]
    twin = dataclasses.replace(
        first.partners[0], organisation="een-andere-gemeente", name=first.partners[0].name
    )
    changed = dataclasses.replace(first, partners=(twin, *first.partners[1:]))
    other = dataclasses.replace(site, coalitions=(changed, *site.coalitions[1:]))
    spec = next(c.spec for c in charts(other, "nl") if c.path == "organisaties/network")
    labels = {t["organisation"] for t in spec["hconcat"][1]["data"]["values"]}
    assert f"{twin.name} (een-andere-gemeente)" in labels
    assert len(labels) == len(spec["hconcat"][1]["data"]["values"])


def test_sorting_never_puts_names_in_an_expression() -> None:
    for chart in _charts():
        text = json.dumps(chart.spec)
        for found in re.findall(r'"sort": (\[[^\]]*\])', text):
            raise AssertionError(f"{chart.path}: sort by a list of values {found[:60]}")


@pytest.mark.slow
def test_the_network_stays_readable_at_scale(tmp_path: Path) -> None:
    """With more organisations and coalitions than fit, the chart shows the best
    connected ones and says so; the table beside it still lists every organisation."""
    from benchmarks.corpus import write_corpus
    from generator.render.charts import NETWORK_COALITIONS, NETWORK_ORGANISATIONS

    write_corpus(60, tmp_path)
    site = generate(tmp_path, date(2026, 11, 23)).site
    network = next(c for c in charts(site, "nl") if c.path.endswith("network"))
    cells, totals = (part["data"]["values"] for part in network.spec["hconcat"])
    everyone = {p.organisation for c in site.coalitions for p in c.partners}
    assert len(everyone) > NETWORK_ORGANISATIONS and len(site.coalitions) > NETWORK_COALITIONS
    assert len({t["organisation"] for t in totals}) == NETWORK_ORGANISATIONS
    assert len({c["coalition"] for c in cells}) <= NETWORK_COALITIONS
    top = max(t["coalitions"] for t in totals)
    assert top == max(
        sum(1 for c in site.coalitions for p in c.partners if p.organisation == org)
        for org in everyone
    )
    page = files(site, "nl")["organisaties/index.md"]
    assert f"De {NETWORK_ORGANISATIONS} organisaties" in page
    assert sum(1 for line in page.splitlines() if line.startswith("| [")) == len(everyone)


@pytest.mark.slow
def test_names_beyond_the_basic_plane_draw_at_any_length(tmp_path: Path) -> None:
    """Vega cuts long labels by UTF-16 code units; a cut through an emoji or a
    mathematical letter must not stop the build (it did, with a traceback)."""
    import dataclasses

    site = _site()
    first = site.coalitions[0]
    names = [
        "Stichting Welzijn en Zorg Oost-Dijkh\U0001f91d Samen Sterk en Verder",
        "\U0001d54f" * 40,
        *("a" * n + "\U0001f91d" * 12 for n in range(28, 44, 3)),
    ]
    for name in names:
        partners = (dataclasses.replace(first.partners[0], name=name), *first.partners[1:])
        changed = dataclasses.replace(first, partners=partners)
        other = dataclasses.replace(site, coalitions=(changed,))
        found = charts(other, "nl")
        drawn, _ = render_svgs(found, tmp_path)  # drawn and checked, or it raises
        assert sorted(drawn) == sorted(f"{c.path}.svg" for c in found)


@pytest.mark.parametrize("slug", [c.slug for c in _site().coalitions])
def test_partner_matrix_keeps_every_colour_and_keys_only_present_sectors(slug: str) -> None:
    from collections import Counter

    from generator.render.charts import SECTOR_COLOURS
    from generator.render.labels import Labels

    coalition = next(c for c in _site().coalitions if c.slug == slug)
    svg = _svgs()[f"coalities/{slug}.partners.svg"]
    drawn = Counter(item.get("fill", "").upper() for item in _marks(svg, "partners"))
    wanted = Counter(SECTOR_COLOURS[p.sector].upper() for p in coalition.partners)
    assert drawn == wanted
    label = Labels("nl")
    present = {label.term("sector", p.sector) for p in coalition.partners}
    assert set(_texts(svg, "sector_names")) == present
