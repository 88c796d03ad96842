"""The committed JSON Schema matches the model, and the shipped dossiers meet it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.cli import schema_text
from generator.load import read_dossier

from .conftest import ROOT

SCHEMA = ROOT / "schema" / "dossier.schema.json"
EXAMPLES = sorted((ROOT / "coalitions").glob("*.yml"))
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/dossier.schema.json\n"


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "schema/dossier.schema.json is out of date: run 'make schema' and commit it"
    )


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_meets_the_json_schema_editors_use(path: Path) -> None:
    raw = read_dossier(path, path.name)
    assert not isinstance(raw, Exception) and hasattr(raw, "data"), raw
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(raw.data)]
    assert errors == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_starts_with_the_schema_line(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith(SCHEMA_LINE)


def test_schema_rejects_what_the_model_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    partner = {"id": "a", "name": "A", "sector": "public", "influence": 7, "dependency": 1}
    errors = list(validator.iter_errors({"partners": [partner]}))
    assert any(list(e.absolute_path) == ["partners", 0, "influence"] for e in errors)
