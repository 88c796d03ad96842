"""Generated dossiers with a unique marker in every place that is never published.

A hypothesis strategy draws a *plan*: one of the shipped example dossiers (or
the minimal fixture) as the public skeleton, every non-public value in it
replaced by a ``Slot``, and extra private items added: activities,
agreements (private and draft), contacts, places, contact details that are
not marked public. Whole draft dossiers are planned too, every text in them a
slot. ``realise`` then fills the slots from a ``Markers`` namespace, so the
same plan can be filled twice with different private values (the
byte-identical test) while its public values stay the same.

Private text markers start with ``zqlk``; private phone numbers and amounts
are 11-digit numbers starting with 970. Public markers (to prove the scan
sees) start with ``zqpb``; public phone numbers start with 0980.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from generator.load import RawDossier, read_dossier
from generator.scaffold import PLACEHOLDER

from .conftest import FIXTURES, ROOT
from .site_build import _free_text_paths

PRIVATE_PREFIX = "zqlk"
OTHER_PRIVATE_PREFIX = "zqlm"
PUBLIC_PREFIX = "zqpb"


@dataclass(frozen=True)
class Slot:
    """A value still to be filled. Slots with the same key get the same value."""

    key: int
    kind: str  # text, name, id, url, email, phone, handle, amount
    public: bool = False
    before: str = ""
    after: str = ""


@dataclass
class Markers:
    """Where markers come from: a prefix for text and a first digit block for numbers."""

    prefix: str = PRIVATE_PREFIX
    number_base: int = 970_000_000_00  # 11 digits: 970 then 8 digits
    formats: int = 0  # which of several phone layouts to use first
    counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    text: set[str] = field(default_factory=set)  # every text marker handed out
    numbers: set[str] = field(default_factory=set)  # digits a scan must not find
    filled: dict[int, Any] = field(default_factory=dict)

    def marker(self, kind: str) -> str:
        value = f"{self.prefix}{next(self.counter):06d}{kind[0]}"
        self.text.add(value)
        return value

    def number(self) -> int:
        return self.number_base + next(self.counter) * 7919 % 99_999_999


PUBLIC = Markers(prefix=PUBLIC_PREFIX, number_base=980_000_000_00)


def phone_text(digits: str, layout: int) -> str:
    """A phone number written as authors do: spaces, hyphens, brackets or +31."""
    national = digits[1:]  # the number starts with 0
    layouts = (
        f"0{national[:3]} {national[3:6]} {national[6:]}",
        f"0{national[:3]}-{national[3:]}",
        f"+31 (0){national[:3]} {national[3:]}",
        f"+31 {national[:3]} {national[3:7]} {national[7:]}",
        f"0{national[:3]}-{national[3:5]} {national[5:8]} {national[8:]}",
    )
    return layouts[layout % len(layouts)]


def _fill(slot: Slot, markers: Markers) -> Any:
    if slot.key in markers.filled:
        return markers.filled[slot.key]
    kind = slot.kind
    if kind in ("text", "name"):
        mark = markers.marker(kind)
        if slot.public:
            # Public text markers need HTML and JSON escaping, so the not-blind test
            # shows that the scan decodes both.
            markers.text.discard(mark)
            mark += "&é"
            markers.text.add(mark)
        value: Any = " ".join(part for part in (slot.before, mark, slot.after) if part)
    elif kind == "id":
        value = markers.marker(kind)
    elif kind == "url":
        value = f"https://{markers.marker(kind)}.example/{markers.marker(kind)}"
    elif kind == "email":
        value = f"{markers.marker(kind)}@{markers.marker(kind)}.example"
    elif kind == "handle":
        value = f"@{markers.marker(kind)}"
    elif kind == "phone":
        digits = f"0{markers.number()}"
        markers.numbers.add(digits[1:])
        value = phone_text(digits, slot.key + markers.formats)
    elif kind == "amount":
        amount = markers.number()
        markers.numbers.add(str(amount))
        value = amount
    else:
        raise ValueError(kind)
    markers.filled[slot.key] = value
    return value


def realise(plan: Any, private: Markers, public: Markers = PUBLIC) -> Any:
    """The plan with every slot filled: private slots from `private`, public from `public`."""
    if isinstance(plan, Slot):
        return _fill(plan, public if plan.public else private)
    if isinstance(plan, dict):
        return {key: realise(value, private, public) for key, value in plan.items()}
    if isinstance(plan, list):
        return [realise(value, private, public) for value in plan]
    return plan


# ---------------------------------------------------------------- the plans


@cache
def _bases() -> dict[str, RawDossier]:
    found = {}
    for path in [*sorted((ROOT / "coalitions").glob("*.yml")), FIXTURES / "minimal.yml"]:
        raw = read_dossier(path, path.name)
        assert isinstance(raw, RawDossier), raw
        found[path.stem] = raw
    return found


PUBLIC_BASES = tuple(name for name, raw in _bases().items() if raw.data["status"] != "draft")


@cache
def free_text_paths(base: str) -> frozenset[tuple[Any, ...]]:
    return frozenset(_free_text_paths(_bases()[base]))


_keys = itertools.count(1)
_around = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\\"),
    max_size=6,
).map(str.strip)
# "VUL IN" is the placeholder a new dossier asks authors to replace: refused on purpose.
_around = _around.filter(lambda text: PLACEHOLDER not in text)


@st.composite
def _slot(draw: st.DrawFn, kind: str, public: bool = False) -> Slot:
    if kind in ("text", "name"):
        return Slot(next(_keys), kind, public, draw(_around), draw(_around))
    return Slot(next(_keys), kind, public)


@st.composite
def _text(draw: st.DrawFn, public: bool = False) -> Any:
    """Localized text: Dutch only, or Dutch and English, each with its own marker."""
    if draw(st.booleans()):
        return {"nl": draw(_slot("text", public)), "en": draw(_slot("text", public))}
    return draw(_slot("text", public))


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [str(item["id"]) for item in items]


@st.composite
def _private_activity(draw: st.DrawFn, partners: list[str], places: list[str]) -> dict[str, Any]:
    day = draw(st.integers(1, 28))
    activity: dict[str, Any] = {
        "id": draw(_slot("id")),
        "title": draw(_text()),
        "start": f"2027-{draw(st.integers(1, 12)):02d}-{day:02d}T{draw(st.integers(8, 20)):02d}:00",
        "organisers": [draw(st.sampled_from(partners))],
        "public": False,
    }
    optional: dict[str, st.SearchStrategy[Any]] = {
        "description": _text(),
        "how_to_join": _text(),
        "online": _slot("url"),
        "registration": _slot("url"),
        "notes": _slot("text"),
        "free": st.booleans(),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            activity[name] = draw(strategy)
    if draw(st.booleans()) and places:
        activity["place"] = draw(st.sampled_from(places))
    return activity


@st.composite
def _private_agreement(draw: st.DrawFn, partners: list[str]) -> dict[str, Any]:
    status = draw(st.sampled_from(["draft", "signed", "in-force", "ended", "terminated"]))
    kinds = ["covenant", "contract", "letter-of-intent", "cooperation-agreement", "other"]
    agreement: dict[str, Any] = {
        "id": draw(_slot("id")),
        "title": draw(_text()),
        "kind": draw(st.sampled_from(kinds)),
        "parties": partners[:2],
        "status": status,
        # A draft is never published, whatever the flag; public: true on a draft is an error.
        "public": False,
    }
    if status != "draft":
        agreement["signed"] = "2026-03-01"
    optional: dict[str, st.SearchStrategy[Any]] = {
        "summary": _text(),
        "ownership": _text(),
        "exploitation": _text(),
        "document": _slot("url"),
        "notes": _slot("text"),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            agreement[name] = draw(strategy)
    agreement["investments"] = [
        {"partner": partners[0], "amount": draw(_slot("amount")), "description": draw(_text())}
        for _ in range(draw(st.integers(0, 2)))
    ]
    agreement["risks"] = [
        {"what": draw(_text()), "borne_by": partners[:1], "mitigation": draw(_text())}
        for _ in range(draw(st.integers(0, 2)))
    ]
    return agreement


@st.composite
def _private_contact(draw: st.DrawFn, partners: list[str]) -> dict[str, Any]:
    contact: dict[str, Any] = {"name": draw(_slot("name")), "public": False}
    if draw(st.booleans()):
        contact["role"] = draw(_text())
    if draw(st.booleans()):
        contact["partner"] = draw(st.sampled_from(partners))
    contact["email"] = draw(_slot("email"))
    contact["phone"] = draw(_slot("phone"))
    return contact


@st.composite
def _public_contact_with_private_details(draw: st.DrawFn) -> dict[str, Any]:
    """A public name and role; the e-mail address and phone number not marked public."""
    contact: dict[str, Any] = {"name": draw(_slot("name", public=True)), "public": True}
    contact["email"] = draw(_slot("email"))
    contact["phone"] = draw(_slot("phone"))
    if draw(st.booleans()):  # one of the two public, the other still private
        which = draw(st.sampled_from(["email", "phone"]))
        contact[which] = draw(_slot(which, public=True))
        contact[f"{which}_public"] = True
    return contact


@st.composite
def _private_place(draw: st.DrawFn) -> dict[str, Any]:
    place: dict[str, Any] = {"id": draw(_slot("id")), "name": draw(_slot("name")), "public": False}
    for name, strategy in {
        "address": _text(),
        "url": _slot("url"),
        "accessibility": _text(),
    }.items():
        if draw(st.booleans()):
            place[name] = draw(strategy)
    return place


def _privatise_existing(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Every non-public value already in the skeleton becomes a slot."""
    data["notes"] = draw(_slot("text"))
    for partner in data["partners"]:
        partner["notes"] = draw(_slot("text"))
        partner["reviewers"] = [draw(_slot("handle")) for _ in range(draw(st.integers(0, 2)))]
    renamed: dict[str, Slot] = {}
    for place in data.get("places", []):
        if not place["public"]:
            renamed[place["id"]] = draw(_slot("id"))
            place.update(id=renamed[place["id"]], name=draw(_slot("name")))
            for name in ("address", "accessibility"):
                if name in place:
                    place[name] = draw(_text())
            if "url" in place:
                place["url"] = draw(_slot("url"))
    for activity in data.get("agenda", []):
        activity["notes"] = draw(_slot("text"))
        if activity["public"]:
            continue
        activity["id"] = draw(_slot("id"))
        activity["place"] = renamed.get(activity.get("place", ""), activity.get("place"))
        if activity["place"] is None:
            del activity["place"]
        for name in ("title", "description", "how_to_join"):
            if name in activity:
                activity[name] = draw(_text())
        for name in ("online", "registration"):
            if name in activity:
                activity[name] = draw(_slot("url"))
    for agreement in data.get("agreements", []):
        agreement["notes"] = draw(_slot("text"))
        if agreement["public"] and agreement["status"] != "draft":
            continue
        agreement["id"] = draw(_slot("id"))
        for name in ("title", "summary", "ownership", "exploitation"):
            if name in agreement:
                agreement[name] = draw(_text())
        if "document" in agreement:
            agreement["document"] = draw(_slot("url"))
        for investment in agreement.get("investments", []):
            investment["amount"] = draw(_slot("amount"))
            investment["description"] = draw(_text())
        for risk in agreement.get("risks", []):
            risk["what"] = draw(_text())
            risk["mitigation"] = draw(_text())
    for contact in data.get("contacts", []):
        if not contact["public"]:
            contact["name"] = draw(_slot("name"))
            if "role" in contact:
                contact["role"] = draw(_text())
        for detail in ("email", "phone"):
            if detail in contact and not contact.get(f"{detail}_public", False):
                contact[detail] = draw(_slot(detail))


@dataclass(frozen=True)
class Plan:
    """One dossier to write: its slug and its data, with slots still to fill."""

    slug: Any  # a str, or a Slot for a draft's file name
    data: dict[str, Any]
    draft: bool


@st.composite
def public_dossier(draw: st.DrawFn) -> Plan:
    """A published dossier from a real skeleton, with markers in every non-public place."""
    base = draw(st.sampled_from(PUBLIC_BASES))
    data = copy.deepcopy(_bases()[base].data)
    _privatise_existing(draw, data)
    partners = _ids(data["partners"])
    places = [
        draw(_private_place()) for _ in range(draw(st.integers(0 if data.get("places") else 1, 2)))
    ]
    data["places"] = [*data.get("places", []), *places]
    private_places = [p["id"] for p in data["places"] if not p["public"]]
    data["agenda"] = [
        *data.get("agenda", []),
        *draw(st.lists(_private_activity(partners, private_places), min_size=1, max_size=3)),
    ]
    if len(partners) >= 2:
        data["agreements"] = [
            *data.get("agreements", []),
            *draw(st.lists(_private_agreement(partners), min_size=1, max_size=2)),
        ]
    data["contacts"] = [
        *data.get("contacts", []),
        *draw(st.lists(_private_contact(partners), min_size=1, max_size=2)),
        draw(_public_contact_with_private_details()),
    ]
    # A public marker in the name: the scan must find it (it is not blind).
    data["name"] = Slot(next(_keys), "name", public=True, before=data["name"])
    return Plan(slug=f"{base}-{draw(st.integers(0, 10**6))}", data=data, draft=False)


@st.composite
def draft_dossier(draw: st.DrawFn) -> Plan:
    """A whole dossier with status: draft; every text in it, and its file name, a marker."""
    base = draw(st.sampled_from(sorted(_bases())))
    data: Any = copy.deepcopy(_bases()[base].data)
    free = free_text_paths(base)

    def walk(value: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, str) and path in free:
            return draw(_slot("text"))
        return value

    data = walk(data, ())
    data["status"] = "draft"
    data["name"] = draw(_slot("name"))
    for partner in data["partners"]:
        partner["organisation"] = draw(_slot("id"))
    _privatise_existing(draw, data)
    return Plan(slug=draw(_slot("id")), data=data, draft=True)


def files_of(plans: list[Plan], private: Markers, public: Markers = PUBLIC) -> dict[str, Any]:
    """{slug: data} with every slot filled; markers stay unique across the batch."""
    found = {}
    for plan in plans:
        slug = realise(plan.slug, private, public)
        found[str(slug)] = realise(plan.data, private, public)
    return found


def dossier_dir(folder: Path, dossiers: dict[str, Any]) -> Path:
    from .dossiers import dump_dossier

    folder.mkdir(parents=True, exist_ok=True)
    for slug, data in dossiers.items():
        (folder / f"{slug}.yml").write_text(dump_dossier(data), encoding="utf-8")
    return folder
