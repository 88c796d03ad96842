"""The privacy gate: nothing non-public survives ``publish``.

A marker string is planted in every private place of a dossier; none may be
found anywhere in the public model. The same kind of marker in public places
must be found, so the search itself is shown to work.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from generator import model, public
from generator.load import RawDossier, read_dossier
from generator.validate import ValidDossier, validate

from .composed import publish
from .conftest import FIXTURES
from .dossiers import dossier_with_markers, draft_with_markers, dump_dossier

BUILD_DATE = date(2026, 11, 23)


def _valid(data: dict[str, Any], tmp_path: Path, slug: str = "samen-lezen") -> ValidDossier:
    path = tmp_path / f"{slug}.yml"
    path.write_text(dump_dossier(data), encoding="utf-8")
    raw = read_dossier(path, path.name)
    assert isinstance(raw, RawDossier), raw
    result = validate(raw)
    assert isinstance(result, ValidDossier), result
    return result


def _site(tmp_path: Path) -> public.PublicSite:
    return publish(
        [
            _valid(dossier_with_markers(), tmp_path),
            _valid(draft_with_markers(), tmp_path, "concept-dossier"),
        ],
        BUILD_DATE,
    )


def test_no_private_value_reaches_the_public_model(tmp_path: Path) -> None:
    dump = repr(_site(tmp_path)).lower()
    for marker in ("private-", "987654321", "555 0101", "5555 0102", "concept-dossier"):
        assert marker not in dump, marker


def test_public_values_do_reach_the_public_model(tmp_path: Path) -> None:
    dump = repr(_site(tmp_path))
    for marker in (
        "PUBLIC-place",
        "PUBLIC-agreement",
        "PUBLIC-contact",
        "PUBLIC-open-contact",
        "public-email@bieb.example",
        "020 555 0199",
        "samen-lezen",
    ):
        assert marker in dump, marker


def test_drafts_are_left_out_and_the_rest_is_sorted(tmp_path: Path) -> None:
    base: dict[str, Any] = yaml.safe_load((FIXTURES / "minimal.yml").read_text(encoding="utf-8"))
    site = publish(
        [
            _valid(base, tmp_path, "zuid"),
            _valid(draft_with_markers(), tmp_path, "midden"),
            _valid(base, tmp_path, "noord"),
        ],
        BUILD_DATE,
    )
    assert [c.slug for c in site.coalitions] == ["noord", "zuid"]
    assert site.build_date == BUILD_DATE


def test_public_activity_never_points_at_a_private_place(tmp_path: Path) -> None:
    coalition = _site(tmp_path).coalitions[0]
    assert [a.id for a in coalition.agenda] == ["voorleesochtend"]
    assert [p.id for p in coalition.places] == ["zaal"]


# Fields of the dossier schema that are deliberately not in the public model.
PRIVATE_FIELDS = set(model.NEVER_PUBLISHED)
# Fields whose public counterpart has another name or shape.
RENAMED = {
    ("Partner", "influence"): "now",
    ("Partner", "dependency"): "now",
    ("RoleAssignment", "theme"): "subject",
    ("RoleAssignment", "deliverable"): "subject",
}
PUBLIC_CLASS = {"Dossier": "Coalition", "Target": "Position"}


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    pending: list[Any] = [model.Dossier]
    while pending:
        current = pending.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            if current in found or current.__module__ != "generator.model":
                continue
            found.append(current)
            pending.extend(f.annotation for f in current.model_fields.values())
        else:
            pending.extend(typing.get_args(current))
    return sorted(found, key=lambda m: m.__name__)


@pytest.mark.parametrize("schema_class", _models(), ids=lambda m: m.__name__)
def test_every_dossier_field_is_either_published_or_declared_private(
    schema_class: type[BaseModel],
) -> None:
    public_name = PUBLIC_CLASS.get(schema_class.__name__, schema_class.__name__)
    public_class = getattr(public, public_name)
    public_fields = {f.name for f in dataclasses.fields(public_class)}
    for field in schema_class.model_fields:
        if field in PRIVATE_FIELDS:
            assert field not in public_fields, f"{public_name}.{field} must not be public"
            continue
        expected = RENAMED.get((schema_class.__name__, field), field)
        assert expected in public_fields, (
            f"{schema_class.__name__}.{field} is neither in public.{public_name} nor declared "
            "private in this test: decide whether it may be published"
        )
