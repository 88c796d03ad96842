"""The canonical layout of a dossier file (``dossiers format``).

A dossier saved by the browser editor, by hand or by another tool ends up in
one layout, so that a change makes a small diff that reads like the change:

- the comment lines at the top stay, and the first of them is always the
  ``# yaml-language-server: $schema=...`` line editors read;
- fields in the order of the model and the templates (``model.py``), one per
  line, lists and mappings in block style, two spaces, list items indented;
- every text field as ``nl:`` / ``en:`` (the form the editor's two boxes write);
- a switch or a choice at its default (``open_to_newcomers: false``,
  ``per: once``), which the editor always writes, and an empty optional field
  are left out, as the templates leave them out;
- plain scalars where YAML 1.2 reads them back as the same text, else quoted.

The layout changes no value: ``dossiers diff`` between the file before and
after reports nothing (a test holds it to that). Comments inside the file are
not kept; only the ones at the top are.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .load import WrittenFloat, resolve_plain
from .shapes import NO_DEFAULT, Shape, dossier_shape

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/dossier.schema.json"

# Characters that make a plain scalar mean something else, at the start or anywhere.
_START = set("-?:,[]{}#&*!|>'\"%@`") | {" "}
_RISKY = re.compile(r": |\s#|[\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]|:$")


def header(text: str) -> list[str]:
    """The comment lines at the top of a file, the schema line first."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.rstrip())
    kept = [line for line in lines if not line.startswith("# yaml-language-server:")]
    return [SCHEMA_LINE, *kept]


def arrange(data: Any, shape: Shape) -> Any:
    """`data` with the mapping keys in the model's order and defaults left out.
    Keys the model does not know stay, after the known ones (the check reports them)."""
    if shape.kind == "text":
        if isinstance(data, str):
            return {"nl": data}
        if isinstance(data, dict):
            return {key: data[key] for key in ("nl", "en") if key in data} | {
                key: value for key, value in data.items() if key not in ("nl", "en")
            }
        return data
    if shape.kind == "object" and isinstance(data, dict):
        out: dict[str, Any] = {}
        for name, child in shape.fields:
            if name not in data:
                continue
            value = data[name]
            if _left_out(value, child):
                continue
            out[name] = arrange(value, child)
        out.update({key: value for key, value in data.items() if shape.field(str(key)) is None})
        return out
    if shape.kind == "list" and isinstance(data, list) and shape.item is not None:
        return [arrange(item, shape.item) for item in data]
    return data


def _left_out(value: Any, shape: Shape) -> bool:
    if shape.required:
        return False
    if value is None or value == [] or value == {}:
        return True
    default = shape.default
    if default is NO_DEFAULT or default is None or shape.kind not in ("boolean", "enum"):
        return False  # the editor writes a switch's or a choice's default; nothing else
    return bool(value == default and type(value) is type(default))


def scalar(value: Any) -> str:
    """One scalar as YAML that the loader reads back as the same value."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, WrittenFloat):
        return value.written
    if isinstance(value, int | float):
        return str(value) if isinstance(value, int) else repr(float(value))
    text = str(value)
    if _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _START or _RISKY.search(text):
        return False
    try:
        return bool(resolve_plain(text) == text)
    except ValueError:  # a number too long to be one: quoted, it is text
        return False


def _emit(value: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, child in value.items():
            name = scalar(key)
            if isinstance(child, dict | list) and child:
                lines.append(f"{pad}{name}:")
                _emit(child, indent + 2, lines)
            else:
                lines.append(f"{pad}{name}: {_leaf(child)}")
        return
    for item in value:
        if isinstance(item, dict) and item:
            first = len(lines)
            _emit(item, indent + 2, lines)
            lines[first] = f"{pad}- " + lines[first][indent + 2 :]
        elif isinstance(item, list) and item:
            lines.append(f"{pad}-")
            _emit(item, indent + 2, lines)
        else:
            lines.append(f"{pad}- {_leaf(item)}")


def _leaf(value: Any) -> str:
    if value == {}:
        return "{}"
    if value == []:
        return "[]"
    return scalar(value)


def canonical(data: Any, text: str) -> str:
    """The canonical file for a dossier's `data`, read from `text`."""
    lines = header(text)
    _emit(arrange(data, dossier_shape()), 0, lines)
    return "\n".join(lines) + "\n"
