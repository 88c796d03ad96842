"""No dossier value can reach a Vega expression: chart specs are fixed templates plus data.

Specs are made from hostile dossiers (the corpus of tests/hostile.py in every
free-text field, published through the real gate) and from names hypothesis
draws. In every spec, a dossier string may only sit inside a ``data.values``
row or the literal chart title; never in an expression, a signal, a filter,
a test, a sort, a field name, a format, a scale or an axis. With the data
rows and the title taken out, every spec of one kind and language is the same
template, whatever the dossier.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.public import PublicSite, Text
from generator.render.charts import Chart
from generator.render.labels import Labels
from generator.site import generate

from .builds import PROOF_SCALE
from .composed import charts
from .conftest import ROOT
from .figures import record
from .test_hostile import ACCEPTED, _published, hostile_dossiers

# Every expression the templates use: a test on a number we computed ourselves.
FIXED_EXPRESSIONS = {"datum.strength <= 1"}
# Keys whose string value Vega or Vega-Lite evaluates or parses as code or a path.
EXPRESSION_KEYS = {
    "expr",
    "signal",
    "calculate",
    "test",
    "labelExpr",
    "update",
    "on",
    "bind",
    "url",
    "format",
    "formatType",
    "tooltip_expr",
}
FIELD_NAME = re.compile(r"^[a-z_]+$")
TEMPLATE_TITLE = "<title>"


def _kind(chart: Chart) -> str:
    return chart.path.rsplit(".", 1)[-1] if "." in chart.path else chart.path.rsplit("/", 1)[-1]


def template(spec: Any, top: bool = True) -> Any:
    """The spec with every data row taken out and the literal title replaced."""
    if isinstance(spec, dict):
        out: dict[str, Any] = {}
        for key, value in spec.items():
            if key == "data" and isinstance(value, dict) and "values" in value:
                out[key] = {**value, "values": []}
            elif key == "title" and top:
                out[key] = TEMPLATE_TITLE if isinstance(value, str) else value
            else:
                out[key] = template(value, top=False)
        return out
    if isinstance(spec, list):
        return [template(item, top=False) for item in spec]
    return spec


def _walk(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """(path, value) of every leaf, and of every key (as a leaf at the key's path)."""
    found: list[tuple[tuple[Any, ...], Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append(((*path, "<key>"), key))
            found += _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _walk(item, (*path, index))
    else:
        found.append((path, node))
    return found


def _in_data(path: tuple[Any, ...]) -> bool:
    return any(
        path[i] == "data" and path[i + 1] == "values" for i in range(len(path) - 1)
    ) or path == ("title",)


def problems_in(chart: Chart, dossier_strings: set[str]) -> list[str]:
    """Where a dossier string escaped the data, and any expression that is not ours."""
    problems = []
    for path, value in _walk(chart.spec):
        where = "/".join(map(str, path))
        key = path[-1] if path else None
        if key in EXPRESSION_KEYS and isinstance(value, str) and value not in FIXED_EXPRESSIONS:
            problems.append(f"{where}: expression {value[:60]!r}")
        if key == "field" and isinstance(value, str) and not FIELD_NAME.match(value):
            problems.append(f"{where}: field name {value[:60]!r}")
        if (
            path
            and path[-1] == "filter"
            and not (isinstance(value, dict) and set(value) == {"field", "equal"})
        ):
            problems.append(f"{where}: filter {value!r}")
        if isinstance(value, str) and not _in_data(path):
            leaked = [s for s in dossier_strings if s in value]
            if leaked:
                problems.append(f"{where}: dossier text {leaked[0][:40]!r} outside the data")
    # A filter is a dict; check it separately, since _walk only reports leaves.
    for path, value in _walk_dicts(chart.spec):
        if path[-1] == "filter" and set(value) != {"field", "equal"}:
            problems.append(f"{'/'.join(map(str, path))}: filter {value!r}")
        if path[-1] == "filter" and not isinstance(value.get("equal"), bool):
            problems.append(f"{'/'.join(map(str, path))}: filter on {value.get('equal')!r}")
        if path[-1] == "sort" and set(value) - {"field", "op", "order"}:
            problems.append(f"{'/'.join(map(str, path))}: sort {value!r}")
        if path[-1] == "title" and set(value) & {"expr", "signal", "text"}:
            problems.append(f"{'/'.join(map(str, path))}: title as an expression")
    return problems


def _walk_dicts(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    found: list[tuple[tuple[Any, ...], Any]] = []
    if isinstance(node, dict):
        if path:
            found.append((path, node))
        for key, value in node.items():
            found += _walk_dicts(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, dict | list):
                found += _walk_dicts(item, (*path, index))
            if path and path[-1] == "sort":
                found.append((path, {"<list>": item}))
    return found


def _row_keys(spec: Any) -> set[str]:
    keys: set[str] = set()
    for path, value in _walk(spec):
        if _in_data(path) and path[-1] == "<key>" and path != ("title",):
            keys.add(value)
    return keys


@cache
def _examples() -> PublicSite:
    return generate(ROOT / "coalitions", date(2026, 11, 23)).site


@cache
def _hostile() -> PublicSite:
    dossiers, _ = hostile_dossiers(1)
    return _published(dossiers)


def _dossier_strings(site: PublicSite) -> set[str]:
    """Every distinctive hostile string published in the site (long enough to be unique)."""
    published = set()
    text = json.dumps(dataclasses.asdict(site), default=str)
    for value in ACCEPTED:
        value = value.strip()
        if len(value) >= 6 and json.dumps(value)[1:-1] in text:
            published.add(value)
    return published


def _all_charts(site: PublicSite) -> list[tuple[str, Chart]]:
    return [(lang, chart) for lang in ("nl", "en") for chart in charts(site, lang)]


@cache
def _templates() -> dict[tuple[str, str], str]:
    """The one template of each kind and language, from the shipped examples."""
    found: dict[tuple[str, str], set[str]] = {}
    for lang, chart in _all_charts(_examples()):
        text = json.dumps(template(chart.spec), sort_keys=True)
        found.setdefault((_kind(chart), lang), set()).add(text)
    assert {kind for kind, _ in found} == {"partners", "roles", "network"}
    assert all(len(texts) == 1 for texts in found.values()), "examples give several templates"
    return {key: texts.pop() for key, texts in found.items()}


@pytest.mark.slow
def test_hostile_dossier_values_stay_in_the_data() -> None:
    site = _hostile()
    strings = _dossier_strings(site)
    assert len(strings) > 200  # the corpus is really in these charts' sources
    specs = _all_charts(site)
    problems = []
    in_data = 0
    for lang, chart in specs:
        problems += [f"{lang} {chart.path}: {p}" for p in problems_in(chart, strings)]
        text = json.dumps(chart.spec, ensure_ascii=False)
        in_data += sum(1 for s in strings if s in text)
        same = json.dumps(template(chart.spec), sort_keys=True)
        if same != _templates()[(_kind(chart), lang)]:
            problems.append(f"{lang} {chart.path}: not the template of its kind")
    record("charts: specs checked", len(specs))
    assert in_data > 100  # hostile names and themes did reach the charts, as data
    assert problems == []


def test_data_rows_have_fixed_fields() -> None:
    """A dossier value is never a key in a data row (a key is a field name)."""
    expected: dict[str, set[str]] = {}
    for _, chart in _all_charts(_examples()):
        expected.setdefault(_kind(chart), set()).update(_row_keys(chart.spec))
    for _, chart in _all_charts(_hostile()):
        assert _row_keys(chart.spec) <= expected[_kind(chart)], chart.path


def test_the_check_sees_an_expression_built_from_a_dossier() -> None:
    """Not blind: a spec that puts a name in an expression, a field or a sort is caught."""
    chart = next(c for c in charts(_examples(), "nl") if c.path.endswith(".roles"))
    name = chart.spec["data"]["values"][0]["partner"]
    bad_specs = [
        {**chart.spec, "transform": [{"filter": f"datum.partner == '{name}'"}]},
        {**chart.spec, "transform": [{"calculate": f"'{name}'", "as": "x"}]},
        {**chart.spec, "encoding": {"x": {"field": name}}},
        {**chart.spec, "encoding": {"x": {"field": "partner", "sort": [name]}}},
        {**chart.spec, "params": [{"name": "p", "expr": f"'{name}'"}]},
        {**chart.spec, "title": {"text": name, "subtitle": {"expr": "1"}}},
        {**chart.spec, "description": f"over {name}"},
    ]
    for bad in bad_specs:
        spec = Chart(chart.path, bad, chart.alt)
        found = problems_in(spec, {name})
        differs = json.dumps(template(bad), sort_keys=True) != _templates()[("roles", "nl")]
        assert found and differs, bad


_names = st.one_of(
    st.sampled_from([s for s in ACCEPTED if len(s) <= 200]),
    st.text(min_size=1, max_size=40).filter(str.strip),
)


@pytest.mark.slow
@settings(
    max_examples=40 * PROOF_SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.data())
def test_any_names_give_the_same_templates(data: st.DataObject) -> None:
    site = _examples()
    coalitions = []
    drawn: set[str] = set()
    for coalition in site.coalitions:
        partners = []
        for partner in coalition.partners:
            name = data.draw(_names)
            drawn.add(name)
            partners.append(dataclasses.replace(partner, name=name))
        themes = []
        for theme in coalition.themes:
            nl, en = data.draw(_names), data.draw(st.none() | _names)
            drawn |= {nl, *([en] if en else [])}
            themes.append(dataclasses.replace(theme, name=Text(nl=nl, en=en)))
        name = data.draw(_names)
        coalitions.append(
            dataclasses.replace(
                coalition, name=name, partners=tuple(partners), themes=tuple(themes)
            )
        )
    changed = dataclasses.replace(site, coalitions=tuple(coalitions))
    specs = _all_charts(changed)
    # Short drawn names can be parts of the template's own words; look for distinctive ones.
    strings = {s for s in drawn if len(s.strip()) >= 8 and s.strip() not in _template_words()}
    for lang, chart in specs:
        assert problems_in(chart, strings) == [], chart.path
        same = json.dumps(template(chart.spec), sort_keys=True)
        assert same == _templates()[(_kind(chart), lang)], chart.path
    record("charts: specs checked", len(specs))


@cache
def _template_words() -> str:
    labels = [json.dumps(t) for t in _templates().values()]
    return "\n".join(labels) + "\n".join(Labels(lang)("analysis") for lang in ("nl", "en"))
