"""Property: any input ends as a valid dossier or clear, positioned problems.

Never an exception, whatever the bytes: arbitrary text, YAML-shaped text, and
the minimal dossier with values swapped for arbitrary ones.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.load import RawDossier, read_dossier
from generator.validate import ValidDossier, validate

from .conftest import FIXTURES
from .dossiers import replace_at

MINIMAL = yaml.safe_load((FIXTURES / "minimal.yml").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome(content: bytes) -> ValidDossier | list[Problem]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "samen-lezen.yml"
        path.write_bytes(content)
        raw = read_dossier(path, "samen-lezen.yml")
    if isinstance(raw, Problem):
        return [raw]
    return validate(raw)


def _assert_clear(outcome: ValidDossier | list[Problem], content: bytes) -> None:
    if isinstance(outcome, ValidDossier):
        return
    assert outcome, "no dossier and no problem"
    lines = content.count(b"\n") + 1
    for problem in outcome:
        assert 1 <= problem.line <= lines + 1, problem
        assert problem.column >= 1, problem
        assert problem.path and problem.message, problem
        assert "Traceback" not in problem.message


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["2026-02-30", "0612345678", "yes", "NO", "~"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes(content: bytes) -> None:
    _assert_clear(_outcome(content), content)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ab:- \n[]{}'\"#&*!|>,?%@`\t0")), max_size=200))
def test_yaml_punctuation_soup(text: str) -> None:
    content = text.encode("utf-8")
    _assert_clear(_outcome(content), content)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


ALL_PATHS = [p for p in _paths(MINIMAL) if p]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), values), min_size=1, max_size=3))
def test_dossier_with_arbitrary_values(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    data: Any = MINIMAL
    for path, new in changes:
        try:
            data = replace_at(data, path, new)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    content = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    outcome = _outcome(content)
    _assert_clear(outcome, content)


def test_minimal_round_trips_through_the_property_harness() -> None:
    content = yaml.safe_dump(MINIMAL, allow_unicode=True).encode("utf-8")
    assert isinstance(_outcome(content), ValidDossier)


def test_raw_dossier_type_is_what_the_loader_returns(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes((FIXTURES / "minimal.yml").read_bytes())
    assert isinstance(read_dossier(path, "a.yml"), RawDossier)
