"""From raw dossier data to a validated ``Dossier``, with every problem found.

Two passes: the schema (types, ranges, required and unknown fields), then,
when the schema is met, the cross-references that need the whole dossier.
Every problem carries the file, line, column and field path.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from . import amsterdam
from .errors import Path, Problem, format_path
from .load import RESERVED, RawDossier, strings
from .model import Dossier
from .scaffold import PLACEHOLDER
from .types import describe
from .vocabulary import CooperationType, DossierStatus


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
        return unfilled
    try:
        dossier = Dossier.model_validate(raw.data)
    except ValidationError as err:
        return _without_echoes([_schema_problem(raw, e) for e in err.errors(include_url=False)])
    found = [
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
            f"not filled in yet: replace '{value}'",
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


def _schema_problem(raw: RawDossier, error: ErrorDetails) -> Problem:
    loc: Path = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        line, col = raw.positions.of_key(loc)
        field = str(loc[-1])
        allowed = _fields_at(Dossier, loc[:-1])
        guess = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{guess[0]}'?"
            if guess
            else (f"; allowed here: {', '.join(sorted(allowed))}" if allowed else "")
        )
        return Problem(raw.file, line, col, format_path(loc), f"unknown field '{field}'{hint}")
    if kind == "missing":
        parent = loc[:-1]
        line, col = raw.positions.of_key(parent) if parent else (1, 1)
        return Problem(
            raw.file, line, col, format_path(loc), f"required field '{loc[-1]}' is missing"
        )
    line, col = raw.positions.of_value(loc)
    return Problem(raw.file, line, col, format_path(loc) or "(dossier)", _message(error))


def _without_echoes(problems: list[Problem]) -> list[Problem]:
    """Drop "required field 'x' is missing" where a misspelt key already suggests 'x'."""
    suggested = {
        (p.file, p.path.rpartition(".")[0], p.message.rsplit("'", 2)[-2])
        for p in problems
        if p.message.startswith("unknown field") and "did you mean" in p.message
    }
    return [
        p
        for p in problems
        if not (
            p.message.startswith("required field")
            and (p.file, p.path.rpartition(".")[0], p.path.rpartition(".")[2]) in suggested
        )
    ]


def _message(error: ErrorDetails) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "assertion_error":
        return error["msg"].removeprefix("Assertion failed, ")
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        options = [o.strip() for o in expected.split(",") if o.strip()]
        guess = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        return f"must be one of: {', '.join(options)}; got {describe(value)}{hint}"
    if kind in ("string_type", "str_type"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"expected text, got {describe(value)}; put it in quotes"
        return f"expected text, got {describe(value)}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), got {describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields (key: value), got {describe(value)}"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"must have at least {least} item{'s' if least != 1 else ''}" + (
            f", got {ctx.get('actual_length')}" if ctx.get("actual_length") is not None else ""
        )
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return f"does not have the expected form ({ctx.get('pattern')}); got {describe(value)}"
    return f"{error['msg']}; got {describe(value)}"


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


def cross_check(dossier: Dossier) -> list[tuple[Path, str]]:
    """Every reference resolves, ids are unique, and the type's own rules hold."""
    found: list[tuple[Path, str]] = []

    def unique(items: str, ids: list[str], what: str, offset: int = 0) -> None:
        """Ids must differ after case folding; `offset` skips ids listed elsewhere first."""
        seen: dict[str, int] = {}
        for index, ident in enumerate(ids):
            key = ident.casefold()
            if key in seen and index >= offset:
                where = f"{items}[{seen[key] - offset}]" if seen[key] >= offset else "a theme"
                found.append(
                    (
                        (items, index - offset, "id"),
                        f"{what} id '{ident}' is used twice (also {where})",
                    )
                )
            seen.setdefault(key, index)

    unique("partners", [p.id for p in dossier.partners], "partner")
    unique("themes", [t.id for t in dossier.themes], "theme")
    unique("deliverables", [d.id for d in dossier.deliverables], "deliverable")
    unique("objectives", [o.id for o in dossier.objectives], "objective")
    unique("results", [r.id for r in dossier.results], "result")
    unique("places", [p.id for p in dossier.places], "place")
    unique("agenda", [a.id for a in dossier.agenda], "activity")
    unique("agreements", [a.id for a in dossier.agreements], "agreement")

    unique(
        "deliverables",
        [t.id for t in dossier.themes] + [d.id for d in dossier.deliverables],
        "theme or deliverable",
        offset=len(dossier.themes),
    )
    for i, partner in enumerate(dossier.partners):
        if partner.organisation_id in RESERVED:
            field = "organisation" if partner.organisation else "name"
            found.append(
                (
                    ("partners", i, field),
                    f"the organisation id '{partner.organisation_id}' is reserved for an "
                    "overview page; give 'organisation:' another id",
                )
            )

    partners = [p.id for p in dossier.partners]
    themes = [t.id for t in dossier.themes]
    places = {p.id: p for p in dossier.places}

    def refer(path: Path, ident: str | None, known: list[str], what: str) -> None:
        if ident is None or ident in known:
            return
        guess = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{guess[0]}'?"
            if guess
            else (f"; known: {', '.join(known)}" if known else f"; the dossier defines no {what}s")
        )
        found.append((path, f"unknown {what} '{ident}'{hint}"))

    def refer_all(path: Path, idents: Iterable[str], known: list[str], what: str) -> None:
        for index, ident in enumerate(idents):
            refer((*path, index), ident, known, what)

    for i, e in enumerate(dossier.ambition.endorsed_by):
        refer(("ambition", "endorsed_by", i, "partner"), e.partner, partners, "partner")
    for i, r in enumerate(dossier.results):
        refer_all(
            ("results", i, "objectives"),
            r.objectives,
            [o.id for o in dossier.objectives],
            "objective",
        )
    refer_all(("we", "members"), dossier.we.members, partners, "partner")
    for i, m in enumerate(dossier.we.mandates):
        refer(("we", "mandates", i, "partner"), m.partner, partners, "partner")
        if m.partner in partners and m.partner not in dossier.we.members:
            found.append(
                (
                    ("we", "mandates", i, "partner"),
                    f"'{m.partner}' has a mandate but is not one of we.members",
                )
            )
    if dossier.commissioning:
        c = dossier.commissioning
        refer_all(("commissioning", "commissioners"), c.commissioners, partners, "partner")
        refer(("commissioning", "represented_by"), c.represented_by, partners, "partner")
    for i, g in enumerate(dossier.government):
        refer(("government", i, "partner"), g.partner, partners, "partner")
    steering = dossier.governance.steering_group
    refer_all(("governance", "steering_group", "members"), steering.members, partners, "partner")
    refer(("governance", "steering_group", "chair"), steering.chair, partners, "partner")
    referee = dossier.governance.referee
    if referee:
        names = {p.name.casefold(): p.id for p in dossier.partners}
        for field, value in (("name", referee.name), ("organisation", referee.organisation)):
            if value and (value.casefold() in names or value in partners):
                found.append(
                    (
                        ("governance", "referee", field),
                        f"the referee must be independent, but '{value}' is a partner",
                    )
                )
    for i, d in enumerate(dossier.deliverables):
        refer(("deliverables", i, "theme"), d.theme, themes, "theme")

    _check_roles(dossier, found, refer, refer_all)

    for i, a in enumerate(dossier.agenda):
        for field, moment in (("start", a.start), ("end", a.end)):
            if moment is not None and not amsterdam.exists(moment):
                found.append(
                    (
                        ("agenda", i, field),
                        f"{moment:%Y-%m-%dT%H:%M} does not exist in Dutch time: the "
                        "clocks jump from 02:00 to 03:00 that night",
                    )
                )
        refer(("agenda", i, "theme"), a.theme, themes, "theme")
        refer(("agenda", i, "place"), a.place, list(places), "place")
        refer_all(("agenda", i, "organisers"), a.organisers, partners, "partner")
        place = places.get(a.place or "")
        if a.public and place is not None and not place.public:
            found.append(
                (
                    ("agenda", i, "place"),
                    f"a public activity cannot meet at '{a.place}', which is not public; "
                    "make the place public or the activity not",
                )
            )
        if a.open_to_newcomers and not a.public:
            found.append(
                (("agenda", i, "open_to_newcomers"), "an activity open to newcomers must be public")
            )
        if a.open_to_newcomers and a.how_to_join is None and a.registration is None:
            found.append(
                (
                    ("agenda", i, "how_to_join"),
                    "an activity open to newcomers needs 'how_to_join' or 'registration'",
                )
            )
    if dossier.meeting_place:
        refer(("meeting_place", "place"), dossier.meeting_place.place, list(places), "place")
        place = places.get(dossier.meeting_place.place)
        if place is not None and not place.public:
            found.append((("meeting_place", "place"), "the meeting place must be a public place"))

    for i, ag in enumerate(dossier.agreements):
        refer_all(("agreements", i, "parties"), ag.parties, partners, "partner")
        for j, inv in enumerate(ag.investments):
            refer(("agreements", i, "investments", j, "partner"), inv.partner, partners, "partner")
        for j, risk in enumerate(ag.risks):
            refer_all(("agreements", i, "risks", j, "borne_by"), risk.borne_by, partners, "partner")
    for i, contact in enumerate(dossier.contacts):
        refer(("contacts", i, "partner"), contact.partner, partners, "partner")

    _check_type(dossier, found)
    return found


def _check_roles(
    dossier: Dossier, found: list[tuple[Path, str]], refer: Any, refer_all: Any
) -> None:
    partners = [p.id for p in dossier.partners]
    leads: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, role in enumerate(dossier.roles):
        if role.theme is not None:
            refer(("roles", i, "theme"), role.theme, [t.id for t in dossier.themes], "theme")
        else:
            refer(
                ("roles", i, "deliverable"),
                role.deliverable,
                [d.id for d in dossier.deliverables],
                "deliverable",
            )
        refer(("roles", i, "lead"), role.lead, partners, "partner")
        for kind in ("contributes", "consulted", "informed"):
            refer_all(("roles", i, kind), getattr(role, kind), partners, "partner")
        named = [role.lead, *role.contributes, *role.consulted, *role.informed]
        for twice in sorted({p for p in named if named.count(p) > 1}):
            found.append((("roles", i), f"'{twice}' has more than one role here; give one"))
        leads[role.subject] += 1
        if leads[role.subject] > 1:
            found.append(
                (
                    ("roles", i, "lead"),
                    f"'{role.subject}' already has a lead (roles[{first[role.subject]}]); "
                    "each theme or deliverable has exactly one lead",
                )
            )
        first.setdefault(role.subject, i)
    for i, theme in enumerate(dossier.themes):
        if theme.id not in leads:
            found.append(
                (("themes", i, "id"), f"theme '{theme.id}' has no lead: add it to 'roles'")
            )


def _check_type(dossier: Dossier, found: list[tuple[Path, str]]) -> None:
    """Rules that follow from the type of cooperation (seed 003)."""
    kind = dossier.type
    if kind is CooperationType.GOALS:
        if not dossier.objectives:
            found.append(
                (
                    ("objectives",),
                    "a 'goals' coalition needs objectives with indicator, target and deadline",
                )
            )
        for i, o in enumerate(dossier.objectives):
            for field in ("indicator", "target", "deadline"):
                if getattr(o, field) is None:
                    found.append(
                        (
                            ("objectives", i),
                            f"objective '{o.id}' needs '{field}': a 'goals' coalition "
                            "works result-oriented",
                        )
                    )
    if kind is CooperationType.PRODUCTS and not dossier.deliverables:
        found.append((("type",), "a 'products' coalition names what it delivers in 'deliverables'"))
    if kind is CooperationType.PLATFORM and dossier.meeting_place is None:
        found.append(
            (("type",), "a 'platform' coalition names its meeting place in 'meeting_place'")
        )
    if (
        kind is CooperationType.MOVEMENT
        and dossier.status is not DossierStatus.DRAFT
        and not any(a.public and a.open_to_newcomers for a in dossier.agenda)
    ):
        found.append(
            (
                ("agenda",),
                "a 'movement' coalition has at least one public activity open to newcomers",
            )
        )
