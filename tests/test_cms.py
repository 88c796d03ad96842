"""The browser editor's configuration (generator/cms.py) and the admin page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator import cms
from generator.cli import main
from generator.shapes import dossier_shape, walk

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "content/nl/dossier-schrijven.md").read_text(encoding="utf-8")
SVELTIA_SCHEMA = ROOT / "node_modules/@sveltia/cms/schema/sveltia-cms.json"


def _config() -> dict[str, Any]:
    return cms.cms_config(GUIDE, "gemeente-voorbeeld/dossiers")


def _widgets(fields: list[dict[str, Any]], path: str = "") -> dict[str, dict[str, Any]]:
    """Every configured field by dossier path ('agenda[].title')."""
    found: dict[str, dict[str, Any]] = {}
    for field in fields:
        here = f"{path}.{field['name']}" if path else field["name"]
        found[here] = field
        if field.get("widget") == "object" and set(_names(field)) != {"nl", "en"}:
            found.update(_widgets(field["fields"], here))
        elif field.get("widget") == "list" and "fields" in field:
            found.update(_widgets(field["fields"], here + "[]"))
    return found


def _names(field: dict[str, Any]) -> list[str]:
    return [child["name"] for child in field.get("fields", [])]


def test_every_model_field_has_a_widget() -> None:
    widgets = _widgets(_config()["collections"][0]["fields"])
    missing = [path for path in cms.every_field() if path not in widgets]
    assert missing == []
    assert set(widgets) == set(cms.every_field())  # and nothing the model does not have


def test_the_check_finds_a_field_without_a_widget() -> None:
    fields = _config()["collections"][0]["fields"]
    agenda = next(field for field in fields if field["name"] == "agenda")
    agenda["fields"] = [field for field in agenda["fields"] if field["name"] != "public"]
    widgets = _widgets(fields)
    assert [path for path in cms.every_field() if path not in widgets] == ["agenda[].public"]


def test_every_field_has_a_dutch_label_and_the_guides_help() -> None:
    widgets = _widgets(_config()["collections"][0]["fields"])
    for path, widget in widgets.items():
        assert (widget["label"] and widget["label"] != widget["name"]) or widget["name"] == "id"
        assert widget.get("hint"), f"{path}: no help from content/nl/dossier-schrijven.md"
    assert widgets["agenda[].title"]["hint"] == "De titel."


def test_public_is_required_and_explained_on_every_item_that_has_it() -> None:
    widgets = _widgets(_config()["collections"][0]["fields"])
    publics = {path: w for path, w in widgets.items() if path.endswith("[].public")}
    assert set(publics) == {
        "places[].public",
        "agenda[].public",
        "agreements[].public",
        "contacts[].public",
    }
    for widget in publics.values():
        assert widget["widget"] == "boolean"
        assert widget.get("required", True) is True
        assert widget["hint"].startswith("Verplicht")


def test_choices_are_selects_with_the_sites_dutch_names() -> None:
    widgets = _widgets(_config()["collections"][0]["fields"])
    sector = widgets["partners[].sector"]
    assert sector["widget"] == "select"
    assert {"label": "Maatschappelijke organisatie", "value": "civil-society"} in sector["options"]
    may = widgets["we.mandates[].may"]
    assert may["widget"] == "select" and may["multiple"] is True


def test_dates_and_times_are_pickers_in_the_dossiers_form() -> None:
    widgets = _widgets(_config()["collections"][0]["fields"])
    assert widgets["agenda[].start"] | {"hint": ""} == widgets["agenda[].start"] | {
        "widget": "datetime",
        "type": "datetime-local",
        "format": "YYYY-MM-DDTHH:mm",
        "hint": "",
    }
    assert widgets["agreements[].signed"]["type"] == "date"
    assert widgets["agreements[].signed"]["format"] == "YYYY-MM-DD"


def test_text_is_two_fields_dutch_required() -> None:
    widgets = _widgets(_config()["collections"][0]["fields"])
    title = widgets["agenda[].title"]
    nl, en = title["fields"]
    assert (nl["name"], nl.get("required", True)) == ("nl", True)
    assert (en["name"], en.get("required")) == ("en", False)


def test_every_save_is_a_pull_request() -> None:
    config = _config()
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] | {"commit_messages": None} == {
        "name": "github",
        "repo": "gemeente-voorbeeld/dossiers",
        "branch": "main",
        "auth_methods": ["token"],
        "commit_messages": None,
    }


@pytest.mark.skipif(not SVELTIA_SCHEMA.exists(), reason="npm ci has not run")
def test_the_configuration_is_valid_for_sveltia() -> None:
    # The editor's own JSON Schema of its configuration, from the pinned package.
    schema = json.loads(SVELTIA_SCHEMA.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(_config()))
    assert [error.message for error in errors] == []


def test_patterns_are_the_models() -> None:
    widgets = _widgets(_config()["collections"][0]["fields"])
    pattern, _message = widgets["partners[].id"]["pattern"]
    assert re.match(pattern, "bibliotheek-oost") and not re.match(pattern, "Bibliotheek")


def test_the_committed_configuration_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cms", "--check", "--output", str(ROOT / "admin/config.yml")]) == 0


def test_the_shapes_cover_the_model() -> None:
    kinds = {shape.kind for _path, shape in walk(dossier_shape())}
    assert kinds <= set(("text", "string", "date", "datetime", "integer", "number"))| {
        "boolean", "enum", "object", "list"
    }  # fmt: skip


def test_the_admin_page_has_its_own_policy() -> None:
    page = (ROOT / "admin/index.html").read_text(encoding="utf-8")
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    directives = dict(part.strip().split(" ", 1) for part in policy.group(1).split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self' data: https://api.github.com"
    assert "unsafe-eval" not in policy.group(1)
    others = re.findall(r"https?://[^\s;'\"]+", policy.group(1))
    assert others == ["https://api.github.com"]
    main_html = (ROOT / "overrides/main.html").read_text(encoding="utf-8")
    site_policy = re.search(r'Content-Security-Policy" content="([^"]+)"', main_html)
    assert site_policy is not None  # the rest of the site keeps its policy
    assert "unsafe-inline" not in site_policy.group(1)
    assert "api.github.com" not in site_policy.group(1)
    assert yaml.safe_load((ROOT / "admin/config.yml").read_text(encoding="utf-8"))
