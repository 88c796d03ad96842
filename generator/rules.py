"""The rules a dossier must meet beyond its schema: ids, references, and the
rules of each type of cooperation.

Three tables, walked by typed functions:

- ``UNIQUE``: lists whose ids must differ (after case folding);
- ``REFERENCES``: every field that names an id defined elsewhere in the
  dossier, as a path (``agenda[].organisers[]``) and the kind of id it names;
- ``RULES``: the other rules, each a small named function from a dossier to
  its problems.

``cross_check`` runs them all. A problem is a field path and a message; the
validator adds file, line and column.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from . import amsterdam
from .errors import Path
from .i18n import N_, _
from .load import RESERVED
from .model import Dossier
from .private_text import private_values_stay_private
from .vocabulary import CooperationType, DossierStatus

Found = list[tuple[Path, str]]

# The kinds of id a dossier defines, and where.
IDS: dict[str, Callable[[Dossier], list[str]]] = {
    "partner": lambda d: [p.id for p in d.partners],
    "theme": lambda d: [t.id for t in d.themes],
    "deliverable": lambda d: [x.id for x in d.deliverables],
    "objective": lambda d: [o.id for o in d.objectives],
    "place": lambda d: [p.id for p in d.places],
}

# (list, kind): the ids of each list must differ.
UNIQUE = (
    ("partners", N_("partner")),
    ("themes", N_("theme")),
    ("deliverables", N_("deliverable")),
    ("objectives", N_("objective")),
    ("results", N_("result")),
    ("places", N_("place")),
    ("agenda", N_("activity")),
    ("agreements", N_("agreement")),
)


@dataclass(frozen=True)
class Reference:
    """A field that names an id of `kind`; `path` uses ``[]`` for every item of a list."""

    path: str
    kind: str


REFERENCES = (
    Reference("ambition.endorsed_by[].partner", "partner"),
    Reference("results[].objectives[]", "objective"),
    Reference("we.members[]", "partner"),
    Reference("we.mandates[].partner", "partner"),
    Reference("commissioning.commissioners[]", "partner"),
    Reference("commissioning.represented_by", "partner"),
    Reference("government[].partner", "partner"),
    Reference("governance.steering_group.members[]", "partner"),
    Reference("governance.steering_group.chair", "partner"),
    Reference("deliverables[].theme", "theme"),
    Reference("roles[].theme", "theme"),
    Reference("roles[].deliverable", "deliverable"),
    Reference("roles[].lead", "partner"),
    Reference("roles[].contributes[]", "partner"),
    Reference("roles[].consulted[]", "partner"),
    Reference("roles[].informed[]", "partner"),
    Reference("agenda[].theme", "theme"),
    Reference("agenda[].place", "place"),
    Reference("agenda[].organisers[]", "partner"),
    Reference("meeting_place.place", "place"),
    Reference("agreements[].parties[]", "partner"),
    Reference("agreements[].investments[].partner", "partner"),
    Reference("agreements[].risks[].borne_by[]", "partner"),
    Reference("contacts[].partner", "partner"),
)


def cross_check(dossier: Dossier) -> Found:
    """Every id unique, every reference resolved, every rule met."""
    found: Found = []
    for items, kind in UNIQUE:
        found += _unique(items, [item.id for item in getattr(dossier, items)], kind)
    # A deliverable may not take a theme's id either: roles name one or the other.
    themes = [t.id for t in dossier.themes]
    found += _unique(
        "deliverables",
        themes + [d.id for d in dossier.deliverables],
        N_("theme or deliverable"),
        offset=len(themes),
    )
    known = {kind: ids(dossier) for kind, ids in IDS.items()}
    for reference in REFERENCES:
        for path, ident in values_at(dossier, reference.path):
            found += _refer(path, ident, known[reference.kind], reference.kind)
    for rule in RULES:
        found += rule(dossier)
    return found


def values_at(model: BaseModel, pattern: str) -> Iterator[tuple[Path, str]]:
    """Every (field path, text) that `pattern` names in `model`; absent values are skipped."""

    def walk(value: object, parts: list[str], path: Path) -> Iterator[tuple[Path, str]]:
        if value is None:
            return
        if not parts:
            if isinstance(value, str):
                yield path, value
            return
        name, rest = parts[0], parts[1:]
        many = name.endswith("[]")
        field = name.removesuffix("[]")
        inner = getattr(value, field)
        if not many:
            yield from walk(inner, rest, (*path, field))
            return
        for index, item in enumerate(inner or ()):
            yield from walk(item, rest, (*path, field, index))

    yield from walk(model, pattern.split("."), ())


def _unique(items: str, ids: list[str], what: str, offset: int = 0) -> Found:
    """Ids must differ after case folding; `offset` skips ids listed elsewhere first."""
    found: Found = []
    seen: dict[str, int] = {}
    for index, ident in enumerate(ids):
        key = ident.casefold()
        if key in seen and index >= offset:
            where = f"{items}[{seen[key] - offset}]" if seen[key] >= offset else _("a theme")
            found.append(
                (
                    (items, index - offset, "id"),
                    _("{what} id '{ident}' is used twice (also {where})").format(
                        what=_(what), ident=ident, where=where
                    ),
                )
            )
        seen.setdefault(key, index)
    return found


# The kinds of id, named in messages; N_ marks them for the catalogue.
KIND_NAMES = {
    "partner": (N_("unknown partner '{ident}'"), N_("; the dossier defines no partners")),
    "theme": (N_("unknown theme '{ident}'"), N_("; the dossier defines no themes")),
    "deliverable": (
        N_("unknown deliverable '{ident}'"),
        N_("; the dossier defines no deliverables"),
    ),
    "objective": (N_("unknown objective '{ident}'"), N_("; the dossier defines no objectives")),
    "place": (N_("unknown place '{ident}'"), N_("; the dossier defines no places")),
}


def _refer(path: Path, ident: str, known: list[str], what: str) -> Found:
    if ident in known:
        return []
    unknown, none = KIND_NAMES[what]
    guess = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
    hint = (
        _("; did you mean '{guess}'?").format(guess=guess[0])
        if guess
        else (_("; known: {ids}").format(ids=", ".join(known)) if known else _(none))
    )
    return [(path, _(unknown).format(ident=ident) + hint)]


# --- the rules ---------------------------------------------------------------------


def organisation_ids_are_not_reserved(dossier: Dossier) -> Found:
    return [
        (
            ("partners", i, "organisation" if partner.organisation else "name"),
            _(
                "the organisation id '{ident}' is reserved for an overview page; "
                "give 'organisation:' another id"
            ).format(ident=partner.organisation_id),
        )
        for i, partner in enumerate(dossier.partners)
        if partner.organisation_id in RESERVED
    ]


def mandates_go_to_members(dossier: Dossier) -> Found:
    partners = IDS["partner"](dossier)
    return [
        (
            ("we", "mandates", i, "partner"),
            _("'{partner}' has a mandate but is not one of we.members").format(partner=m.partner),
        )
        for i, m in enumerate(dossier.we.mandates)
        if m.partner in partners and m.partner not in dossier.we.members
    ]


def the_referee_is_independent(dossier: Dossier) -> Found:
    referee = dossier.governance.referee
    if not referee:
        return []
    partners = IDS["partner"](dossier)
    names = {p.name.casefold() for p in dossier.partners}
    return [
        (
            ("governance", "referee", field),
            _("the referee must be independent, but '{value}' is a partner").format(value=value),
        )
        for field, value in (("name", referee.name), ("organisation", referee.organisation))
        if value and (value.casefold() in names or value in partners)
    ]


def each_partner_has_one_role(dossier: Dossier) -> Found:
    found: Found = []
    for i, role in enumerate(dossier.roles):
        named = [role.lead, *role.contributes, *role.consulted, *role.informed]
        for twice in sorted({p for p in named if named.count(p) > 1}):
            found.append(
                (
                    ("roles", i),
                    _("'{partner}' has more than one role here; give one").format(partner=twice),
                )
            )
    return found


def each_subject_has_one_lead(dossier: Dossier) -> Found:
    found: Found = []
    leads: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, role in enumerate(dossier.roles):
        leads[role.subject] += 1
        if leads[role.subject] > 1:
            found.append(
                (
                    ("roles", i, "lead"),
                    _(
                        "'{subject}' already has a lead (roles[{first}]); "
                        "each theme or deliverable has exactly one lead"
                    ).format(subject=role.subject, first=first[role.subject]),
                )
            )
        first.setdefault(role.subject, i)
    found += [
        (
            ("themes", i, "id"),
            _("theme '{theme}' has no lead: add it to 'roles'").format(theme=theme.id),
        )
        for i, theme in enumerate(dossier.themes)
        if theme.id not in leads
    ]
    return found


def activity_times_exist(dossier: Dossier) -> Found:
    return [
        (
            ("agenda", i, field),
            _(
                "{moment} does not exist in Dutch time: the clocks jump from 02:00 to 03:00 "
                "that night"
            ).format(moment=f"{moment:%Y-%m-%dT%H:%M}"),
        )
        for i, a in enumerate(dossier.agenda)
        for field, moment in (("start", a.start), ("end", a.end))
        if moment is not None and not amsterdam.exists(moment)
    ]


def public_activities_meet_in_public_places(dossier: Dossier) -> Found:
    places = {p.id: p for p in dossier.places}
    found: Found = []
    for i, a in enumerate(dossier.agenda):
        place = places.get(a.place or "")
        if a.public and place is not None and not place.public:
            found.append(
                (
                    ("agenda", i, "place"),
                    _(
                        "a public activity cannot meet at '{place}', which is not public; "
                        "make the place public or the activity not"
                    ).format(place=a.place),
                )
            )
    return found


def newcomers_can_find_and_join(dossier: Dossier) -> Found:
    found: Found = []
    for i, a in enumerate(dossier.agenda):
        if a.open_to_newcomers and not a.public:
            found.append(
                (
                    ("agenda", i, "open_to_newcomers"),
                    _("an activity open to newcomers must be public"),
                )
            )
        if a.open_to_newcomers and a.how_to_join is None and a.registration is None:
            found.append(
                (
                    ("agenda", i, "how_to_join"),
                    _("an activity open to newcomers needs 'how_to_join' or 'registration'"),
                )
            )
    return found


def the_meeting_place_is_public(dossier: Dossier) -> Found:
    if not dossier.meeting_place:
        return []
    place = {p.id: p for p in dossier.places}.get(dossier.meeting_place.place)
    if place is not None and not place.public:
        return [(("meeting_place", "place"), _("the meeting place must be a public place"))]
    return []


def goals_are_measurable(dossier: Dossier) -> Found:
    """A 'goals' coalition works result-oriented (seed 003)."""
    if dossier.type is not CooperationType.GOALS:
        return []
    if not dossier.objectives:
        return [
            (
                ("objectives",),
                _("a 'goals' coalition needs objectives with indicator, target and deadline"),
            )
        ]
    return [
        (
            ("objectives", i),
            _(
                "objective '{objective}' needs '{field}': a 'goals' coalition works result-oriented"
            ).format(objective=o.id, field=field),
        )
        for i, o in enumerate(dossier.objectives)
        for field in ("indicator", "target", "deadline")
        if getattr(o, field) is None
    ]


def products_name_their_deliverables(dossier: Dossier) -> Found:
    if dossier.type is CooperationType.PRODUCTS and not dossier.deliverables:
        return [(("type",), _("a 'products' coalition names what it delivers in 'deliverables'"))]
    return []


def platforms_name_their_meeting_place(dossier: Dossier) -> Found:
    if dossier.type is CooperationType.PLATFORM and dossier.meeting_place is None:
        return [(("type",), _("a 'platform' coalition names its meeting place in 'meeting_place'"))]
    return []


def movements_are_open_to_newcomers(dossier: Dossier) -> Found:
    if (
        dossier.type is CooperationType.MOVEMENT
        and dossier.status is not DossierStatus.DRAFT
        and not any(a.public and a.open_to_newcomers for a in dossier.agenda)
    ):
        return [
            (
                ("agenda",),
                _("a 'movement' coalition has at least one public activity open to newcomers"),
            )
        ]
    return []


def active_coalitions_can_be_reached(dossier: Dossier) -> Found:
    """A newcomer to an active coalition finds at least one public way to reach it:
    its website, or a public contact with a public e-mail address or phone number."""
    if dossier.status is not DossierStatus.ACTIVE or dossier.website is not None:
        return []
    if any(c.public and (c.email_public or c.phone_public) for c in dossier.contacts):
        return []
    return [
        (
            ("contacts",) if dossier.contacts else ("status",),
            _(
                "an active coalition needs a public way to reach it: give 'website:', or a "
                "contact with 'public: true' and a public e-mail address or phone number "
                "('email_public: true' or 'phone_public: true')"
            ),
        )
    ]


RULES: tuple[Callable[[Dossier], Found], ...] = (
    organisation_ids_are_not_reserved,
    mandates_go_to_members,
    the_referee_is_independent,
    each_partner_has_one_role,
    each_subject_has_one_lead,
    activity_times_exist,
    public_activities_meet_in_public_places,
    newcomers_can_find_and_join,
    the_meeting_place_is_public,
    goals_are_measurable,
    products_name_their_deliverables,
    platforms_name_their_meeting_place,
    movements_are_open_to_newcomers,
    active_coalitions_can_be_reached,
    private_values_stay_private,
)
