"""The shipped example dossiers: valid, complete, and with private items of every kind.

They are the site's default content and the authors' best reference, so they
must use every field of the schema and show every kind of non-public item.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator import vocabulary
from generator.load import load_folder
from generator.model import Dossier
from generator.validate import ValidDossier, validate_all

from .conftest import ROOT, run_cli
from .test_publish import _models

# The status of a whole dossier: the examples show active and draft ones.
UNUSED_ENUMS = {vocabulary.DossierStatus, vocabulary.Approach}


def _examples() -> list[ValidDossier]:
    raws, problems, _ = load_folder(ROOT / "coalitions")
    valid, invalid = validate_all(raws)
    assert problems + invalid == []
    return valid


def _walk(value: Any, fields: set[tuple[str, str]], members: set[enum.Enum]) -> None:
    if isinstance(value, BaseModel):
        for name in value.model_fields_set:
            fields.add((type(value).__name__, name))
        for name in type(value).model_fields:
            _walk(getattr(value, name), fields, members)
    elif isinstance(value, list | tuple):
        for item in value:
            _walk(item, fields, members)
    elif isinstance(value, enum.Enum):
        members.add(value)


def test_check_on_the_examples_exits_zero() -> None:
    result = run_cli("check", cwd=ROOT)
    assert (result.code, result.stdout) == (0, "")
    assert result.stderr.startswith("checked 5 dossiers: all valid (1 draft, not published)")


def test_examples_use_every_field_and_every_value() -> None:
    fields: set[tuple[str, str]] = set()
    members: set[enum.Enum] = set()
    for valid in _examples():
        _walk(valid.dossier, fields, members)
    schema = [*_models(), *(m for m in _text_models())]
    unused = [
        f"{m.__name__}.{name}"
        for m in schema
        for name in m.model_fields
        if (m.__name__, name) not in fields
    ]
    assert unused == []
    enums = [
        e
        for e in vars(vocabulary).values()
        if isinstance(e, type) and issubclass(e, enum.Enum) and e.__module__ == vocabulary.__name__
    ]
    missing = [m for e in enums if e not in UNUSED_ENUMS for m in e if m not in members]
    assert missing == []


def _text_models() -> list[type[BaseModel]]:
    from generator.types import LocalizedText

    return [LocalizedText]


def test_examples_hold_private_items_of_every_kind() -> None:
    published = [v.dossier for v in _examples() if v.dossier.status.value != "draft"]
    drafts = [v for v in _examples() if v.dossier.status.value == "draft"]
    assert len(drafts) == 1

    def anywhere(check: Any) -> bool:
        return any(check(d) for d in published)

    kinds = {
        "dossier notes": anywhere(lambda d: d.notes),
        "partner notes": anywhere(lambda d: any(p.notes for p in d.partners)),
        "activity notes": anywhere(lambda d: any(a.notes for a in d.agenda)),
        "agreement notes": anywhere(lambda d: any(a.notes for a in d.agreements)),
        "non-public activity": anywhere(lambda d: any(not a.public for a in d.agenda)),
        "non-public agreement": anywhere(
            lambda d: any(not a.public and a.status.value != "draft" for a in d.agreements)
        ),
        "draft agreement": anywhere(lambda d: any(a.status.value == "draft" for a in d.agreements)),
        "non-public contact": anywhere(lambda d: any(not c.public for c in d.contacts)),
        "public contact, private phone": anywhere(
            lambda d: any(c.public and c.phone and not c.phone_public for c in d.contacts)
        ),
        "public contact, private e-mail": anywhere(
            lambda d: any(c.public and c.email and not c.email_public for c in d.contacts)
        ),
        "non-public place": anywhere(lambda d: any(not p.public for p in d.places)),
    }
    assert [kind for kind, present in kinds.items() if not present] == []


def test_every_type_of_cooperation_has_a_published_example() -> None:
    types = {v.dossier.type for v in _examples() if v.dossier.status.value != "draft"}
    assert types == set(vocabulary.CooperationType)


def test_organisations_are_shared_across_coalitions() -> None:
    seen: dict[str, set[str]] = {}
    for valid in _examples():
        for partner in valid.dossier.partners:
            seen.setdefault(partner.organisation_id, set()).add(valid.slug)
    assert sum(1 for slugs in seen.values() if len(slugs) > 1) >= 3


def test_dossier_type_is_the_root_of_the_walk() -> None:
    assert _models()[0].__module__ == "generator.model"
    assert Dossier in _models()
    assert Path(ROOT / "coalitions").is_dir()
