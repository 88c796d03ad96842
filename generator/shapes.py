"""The dossier's fields as a tree of shapes, read from the model's JSON Schema.

The JSON Schema (``model.json_schema``) is the one description of what a
dossier may hold that outside tools already read. The browser editor's
configuration (``cms.py``) and the canonical layout (``layout.py``) both need
the same facts from it: the fields in the model's order, which are required,
their defaults, and what kind of value each takes. This module reads them once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import json_schema

# A field without a default (required, or optional and simply absent).
NO_DEFAULT: Any = object()

KINDS = (
    "text",  # {nl, en} text, or plain Dutch text
    "string",
    "date",
    "datetime",
    "integer",
    "number",
    "boolean",
    "enum",
    "object",
    "list",
)


@dataclass(frozen=True)
class Shape:
    """What one field holds. ``fields`` for an object, ``item`` for a list."""

    kind: str
    required: bool = False
    default: Any = NO_DEFAULT
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    enum: str | None = None  # the vocabulary's class name, e.g. "Sector"
    values: tuple[str, ...] = ()
    fields: tuple[tuple[str, Shape], ...] = ()
    item: Shape | None = None
    min_items: int = 0
    description: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def field(self, name: str) -> Shape | None:
        for key, shape in self.fields:
            if key == name:
                return shape
        return None


def _is_text(node: dict[str, Any]) -> bool:
    options = node.get("anyOf", [])
    return any(
        option.get("type") == "object" and set(option.get("properties", {})) == {"nl", "en"}
        for option in options
    )


def _shape(node: dict[str, Any], defs: dict[str, Any], required: bool) -> Shape:
    default = node.get("default", NO_DEFAULT)
    description = node.get("description")
    if "$ref" in node:
        return _ref(node["$ref"], defs, required, default, description)
    if _is_text(node):
        return Shape("text", required, default, description=description)
    options = [option for option in node.get("anyOf", []) if option.get("type") != "null"]
    if options and len(options) < len(node.get("anyOf", [])):  # X | None
        inner = _shape(options[0], defs, required)
        return Shape(
            inner.kind,
            required,
            default,
            inner.pattern,
            inner.minimum,
            inner.maximum,
            inner.enum,
            inner.values,
            inner.fields,
            inner.item,
            inner.min_items,
            description or inner.description,
        )
    kind = node.get("type")
    if kind == "array":
        item = _shape(node["items"], defs, True)
        return Shape(
            "list", required, default, item=item, min_items=node.get("minItems", 0),
            description=description,
        )  # fmt: skip
    if kind == "boolean":
        return Shape("boolean", required, default, description=description)
    if kind in ("integer", "number"):
        return Shape(
            kind,
            required,
            default,
            minimum=node.get("minimum", node.get("exclusiveMinimum")),
            maximum=node.get("maximum"),
            description=description,
        )
    if kind == "string":
        pattern = node.get("pattern")
        if node.get("format") == "date":
            return Shape("date", required, default, pattern, description=description)
        if pattern and "[T ]" in pattern:
            return Shape("datetime", required, default, pattern, description=description)
        return Shape("string", required, default, pattern, description=description)
    raise ValueError(f"a schema node the shapes do not know: {node}")


def _ref(ref: str, defs: dict[str, Any], required: bool, default: Any, note: Any) -> Shape:
    name = ref.rsplit("/", 1)[-1]
    node = defs[name]
    if "enum" in node:
        return Shape(
            "enum", required, default, enum=name, values=tuple(node["enum"]), description=note
        )
    return _object(node, defs, required, default)


def _object(node: dict[str, Any], defs: dict[str, Any], required: bool, default: Any) -> Shape:
    needed = set(node.get("required", []))
    fields = tuple(
        (key, _shape(child, defs, key in needed)) for key, child in node["properties"].items()
    )
    return Shape("object", required, default, fields=fields, description=node.get("description"))


def dossier_shape() -> Shape:
    """The whole dossier, fields in the model's (and the templates') order."""
    schema = json_schema()
    return _object(schema, schema["$defs"], True, NO_DEFAULT)


def walk(shape: Shape, path: str = "") -> list[tuple[str, Shape]]:
    """Every field below `shape` as (path, shape), paths like 'agenda[].title'."""
    found: list[tuple[str, Shape]] = []
    for key, child in shape.fields:
        here = f"{path}.{key}" if path else key
        found.append((here, child))
        if child.kind == "object":
            found.extend(walk(child, here))
        elif child.kind == "list" and child.item is not None and child.item.kind == "object":
            found.extend(walk(child.item, here + "[]"))
    return found
