"""The rule tables name real fields: a typo would silently check nothing."""

from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from generator import model
from generator.rules import IDS, REFERENCES, UNIQUE, Reference


def _inner(annotation: Any) -> Any:
    """The model class or str inside Optional, tuple[...] and Annotated."""
    args = [a for a in typing.get_args(annotation) if a is not type(None) and a is not Ellipsis]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return _inner(args[0]) if args else annotation


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda r: r.path)
def test_every_reference_path_names_a_field_of_the_model(reference: Reference) -> None:
    current: Any = model.Dossier
    for part in reference.path.split("."):
        name = part.removesuffix("[]")
        assert isinstance(current, type) and issubclass(current, BaseModel), reference.path
        assert name in current.model_fields, f"{reference.path}: no field {name!r}"
        annotation = current.model_fields[name].annotation
        if part.endswith("[]"):
            assert typing.get_origin(_strip_optional(annotation)) in (tuple, list), reference.path
        current = _inner(annotation)
    assert reference.kind in IDS


def _strip_optional(annotation: Any) -> Any:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return args[0]
    return annotation


def test_every_unique_list_is_a_list_of_items_with_ids() -> None:
    for items, _ in UNIQUE:
        field = model.Dossier.model_fields[items]
        item = _inner(field.annotation)
        assert "id" in item.model_fields, items
