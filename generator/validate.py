"""From raw dossier data to a validated ``Dossier``, with every problem found.

Two passes: the schema (types, ranges, required and unknown fields), then,
when the schema is met, the cross-references that need the whole dossier.
Every problem carries the file, line, column and field path.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Path, Problem, format_path
from .hints import dutch_hint
from .i18n import _, ngettext
from .load import RawDossier, strings
from .model import Dossier
from .rules import cross_check
from .scaffold import PLACEHOLDER
from .types import describe


@dataclass(frozen=True)
class ValidDossier:
    """A dossier that met the schema and every cross-check."""

    slug: str
    file: str
    dossier: Dossier


def validate(raw: RawDossier) -> ValidDossier | list[Problem]:
    """Validate one raw dossier: the dossier, or all its problems."""
    unfilled = _placeholders(raw)
    if unfilled:
        return list(raw.problems) + unfilled
    try:
        dossier = Dossier.model_validate(raw.data)
    except ValidationError as err:
        errors = err.errors(include_url=False)
        return list(raw.problems) + _without_echoes(
            [_schema_problem(raw, e) for e in errors], errors
        )
    found = list(raw.problems) + [
        Problem(raw.file, *raw.positions.of_value(path), format_path(path), message)
        for path, message in cross_check(dossier)
    ]
    return found or ValidDossier(slug=raw.slug, file=raw.file, dossier=dossier)


def _placeholders(raw: RawDossier) -> list[Problem]:
    """Text a new dossier asks the author to replace (see scaffold.py)."""
    return [
        Problem(
            raw.file,
            *raw.positions.of_value(path),
            format_path(path),
            _("not filled in yet: replace '{value}'").format(value=value),
        )
        for path, value in strings(raw.data)
        if PLACEHOLDER in value
    ]


def validate_all(raws: Iterable[RawDossier]) -> tuple[list[ValidDossier], list[Problem]]:
    valid: list[ValidDossier] = []
    problems: list[Problem] = []
    for raw in raws:
        result = validate(raw)
        if isinstance(result, ValidDossier):
            valid.append(result)
        else:
            problems.extend(result)
    return valid, problems


# ---------------------------------------------------------------- schema errors


def _schema_problem(
    raw: RawDossier, error: ErrorDetails, model: type[BaseModel] = Dossier
) -> Problem:
    loc: Path = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        line, col = raw.positions.of_key(loc)
        field = str(loc[-1])
        allowed = _fields_at(model, loc[:-1])
        guess = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint = (
            _("; did you mean '{guess}'?").format(guess=guess[0])
            if guess
            else _("; allowed here: {fields}").format(fields=", ".join(sorted(allowed)))
            if allowed
            else ""
        )
        message = _("unknown field '{field}'").format(field=field) + hint
        return Problem(raw.file, line, col, format_path(loc), message)
    if kind == "missing":
        parent = loc[:-1]
        line, col = raw.positions.of_key(parent) if parent else (1, 1)
        return Problem(
            raw.file,
            line,
            col,
            format_path(loc),
            _("required field '{field}' is missing").format(field=loc[-1]),
        )
    line, col = raw.positions.of_value(loc)
    return Problem(raw.file, line, col, format_path(loc) or "(dossier)", _message(error))


def _without_echoes(problems: list[Problem], errors: list[ErrorDetails]) -> list[Problem]:
    """Drop "required field 'x' is missing" where a misspelt key already suggests 'x'.

    Decided on the errors themselves, so it holds in every language.
    """
    suggested: set[Path] = set()
    for error in errors:
        loc: Path = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            allowed = _fields_at(Dossier, loc[:-1])
            for guess in difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6):
                suggested.add((*loc[:-1], guess))
    return [
        problem
        for problem, error in zip(problems, errors, strict=True)
        if not (error["type"] == "missing" and tuple(error["loc"]) in suggested)
    ]


def _message(error: ErrorDetails) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    got = describe(value)
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "assertion_error":
        return error["msg"].removeprefix("Assertion failed, ")
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        options = [o.strip() for o in expected.split(",") if o.strip()]
        guess = dutch_hint(value, options) or next(
            iter(difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)), None
        )
        hint = _("; did you mean '{guess}'?").format(guess=guess) if guess else ""
        return (
            _("must be one of: {options}; got {got}").format(options=", ".join(options), got=got)
            + hint
        )
    if kind in ("string_type", "str_type"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _("expected text, got {got}; put it in quotes").format(got=got)
        return _("expected text, got {got}").format(got=got)
    if kind == "list_type":
        return _("expected a list (lines starting with '- '), got {got}").format(got=got)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("expected a mapping of fields (key: value), got {got}").format(got=got)
    if kind == "too_short" and isinstance(value, str):
        return _("must not be empty: write some text")
    if kind == "too_short":
        least = int(ctx.get("min_length", 1))
        text = ngettext(
            "must have at least {least} item", "must have at least {least} items", least
        ).format(least=least)
        actual = ctx.get("actual_length")
        return text + (_(", got {actual}").format(actual=actual) if actual is not None else "")
    if kind == "string_too_short":
        return _("must not be empty")
    if kind == "string_too_long":
        return _("is too long: at most {most} characters").format(most=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        return _("does not have the expected form ({pattern}); got {got}").format(
            pattern=ctx.get("pattern"), got=got
        )
    return _("{message}; got {got}").format(message=error["msg"], got=got)


def _fields_at(model: type[BaseModel], loc: Path) -> list[str]:
    """The field names allowed at a location, for 'did you mean' hints."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated to reach a model or a list type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


# ---------------------------------------------------------------- cross-checks
