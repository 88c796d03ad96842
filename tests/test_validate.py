"""Schema rules and cross-checks, one rule per test, on the minimal dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.errors import Problem
from generator.load import RawDossier, read_dossier
from generator.validate import ValidDossier, validate
from generator.vocabulary import Approach, CooperationType

from .conftest import FIXTURES


def _raw(text: str, tmp_path: Path) -> RawDossier:
    path = tmp_path / "samen-lezen.yml"
    path.write_text(text, encoding="utf-8")
    raw = read_dossier(path, "samen-lezen.yml")
    assert isinstance(raw, RawDossier), raw
    return raw


def _minimal(tmp_path: Path) -> RawDossier:
    return _raw((FIXTURES / "minimal.yml").read_text(encoding="utf-8"), tmp_path)


def _problems(tmp_path: Path, change: dict[str, Any]) -> list[str]:
    """Validate the minimal dossier with top-level fields replaced; 'path: message' lines."""
    raw = _minimal(tmp_path)
    data = {**raw.data, **change}
    result = validate(RawDossier(raw.file, raw.slug, data, raw.positions))
    assert not isinstance(result, ValidDossier), "expected problems"
    return [f"{p.path}: {p.message}" for p in result]


PARTNERS = [
    {
        "id": "bieb",
        "name": "Bibliotheek Noord",
        "sector": "civil-society",
        "influence": 4,
        "dependency": 5,
    },
    {
        "id": "gemeente",
        "name": "Gemeente Noord",
        "sector": "public",
        "influence": 3,
        "dependency": 2,
    },
]


def test_minimal_dossier_is_valid(tmp_path: Path) -> None:
    result = validate(_minimal(tmp_path))
    assert isinstance(result, ValidDossier)
    assert result.slug == "samen-lezen"
    assert result.dossier.partners[0].organisation_id == "bibliotheek-noord"


def test_each_type_implies_its_approach() -> None:
    assert {t: t.approach for t in CooperationType} == {
        CooperationType.PRODUCTS: Approach.PROJECT_MANAGEMENT,
        CooperationType.GOALS: Approach.PROGRAMME_MANAGEMENT,
        CooperationType.MOVEMENT: Approach.NETWORK_GOVERNANCE,
        CooperationType.PLATFORM: Approach.COMMUNITY_BUILDING,
    }


def test_text_may_be_dutch_only_or_both_languages(tmp_path: Path) -> None:
    raw = _minimal(tmp_path)
    data = {**raw.data, "summary": {"nl": "Samen lezen.", "en": "Reading together."}}
    result = validate(RawDossier(raw.file, raw.slug, data, raw.positions))
    assert isinstance(result, ValidDossier)
    assert result.dossier.summary is not None
    assert result.dossier.summary.get("en") == ("Reading together.", "en")
    assert result.dossier.societal_question.get("en")[1] == "nl"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"summary": {"en": "only English"}}, "summary.nl: required field 'nl' is missing"),
        ({"summary": {"nl": "x", "fr": "y"}}, "summary.fr: unknown field 'fr'"),
        ({"summary": 12}, "summary: expected text, or a mapping with 'nl' and 'en'"),
        ({"status": "concept"}, "status: must be one of: draft, active, paused, ended"),
        ({"website": "javascript:alert(1)"}, "website: 'javascript:alert(1)' is not a web address"),
        ({"started": 20260101}, "started: expected a date as YYYY-MM-DD, got a number"),
        ({"started": "2026-13-01"}, "started: 2026-13-01 is not a real date: there is no month 13"),
        (
            {"started": "0000-02-01"},
            "started: must be from 1950-01-01 to 2199-12-31, got 0000-02-01",
        ),
        ({"started": "\uff12\uff10\uff12\uff16-01-15"}, "started: expected a date as YYYY-MM-DD"),
        (
            {
                "agenda": [
                    {
                        "id": "a",
                        "title": "x",
                        "start": "2026-12-01T24:00",
                        "organisers": ["bieb"],
                        "public": True,
                    }
                ]
            },
            "agenda[0].start: 2026-12-01T24:00 is not a real time: use 00:00 to 23:59",
        ),
    ],
)
def test_schema_messages(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    problems = _problems(tmp_path, change)
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"partners": [*PARTNERS, {**PARTNERS[0], "name": "Tweede"}]},
            "partners[2].id: partner id 'bieb' is used twice (also partners[0])",
        ),
        (
            {
                "governance": {
                    "steering_group": {"members": ["bieb"]},
                    "referee": {"name": "Gemeente Noord"},
                }
            },
            "governance.referee.name: the referee must be independent, but 'Gemeente Noord' "
            "is a partner",
        ),
        (
            {
                "results": [
                    {"id": "r", "title": "x", "date": "2026-01-01", "objectives": ["bestaat-niet"]}
                ]
            },
            "results[0].objectives[0]: unknown objective 'bestaat-niet'; the dossier defines "
            "no objectives",
        ),
        (
            {"we": {"members": ["bieb"], "mandates": [{"partner": "gemeente", "may": ["sign"]}]}},
            "we.mandates[0].partner: 'gemeente' has a mandate but is not one of we.members",
        ),
        (
            {"themes": [{"id": "lezen", "name": "Lezen"}, {"id": "schrijven", "name": "S"}]},
            "themes[1].id: theme 'schrijven' has no lead: add it to 'roles'",
        ),
        (
            {"roles": [{"theme": "lezen", "lead": "bieb", "informed": ["bieb"]}]},
            "roles[0]: 'bieb' has more than one role here; give one",
        ),
        (
            {"roles": [{"lead": "bieb"}]},
            "roles[0]: give either 'theme' or 'deliverable' (exactly one)",
        ),
        (
            {"type": "goals", "objectives": [{"id": "o", "title": "Doel"}]},
            "objectives[0]: objective 'o' needs 'indicator': a 'goals' coalition works "
            "result-oriented",
        ),
        ({"type": "products"}, "type: a 'products' coalition names what it delivers"),
        ({"type": "platform"}, "type: a 'platform' coalition names its meeting place"),
        (
            {
                "agenda": [
                    {
                        "id": "a",
                        "title": "x",
                        "start": "2026-12-01T10:00",
                        "organisers": ["bieb"],
                        "public": False,
                    }
                ]
            },
            "agenda: a 'movement' coalition has at least one public activity open to newcomers",
        ),
        (
            {
                "places": [{"id": "thuis", "name": "Thuis", "public": False}],
                "meeting_place": {"place": "thuis"},
            },
            "meeting_place.place: the meeting place must be a public place",
        ),
        (
            {"deliverables": [{"id": "lezen", "name": "Lezen"}]},
            "deliverables[0].id: theme or deliverable id 'lezen' is used twice (also a theme)",
        ),
        (
            {"partners": [*PARTNERS, {**PARTNERS[0], "id": "x", "name": "Index"}]},
            "partners[2].name: the organisation id 'index' is reserved for an overview page",
        ),
        (
            {"ambition": {"statement": "x", "endorsed_by": []}},
            "ambition.endorsed_by: must have at least 1 item",
        ),
    ],
)
def test_cross_checks(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    problems = _problems(tmp_path, change)
    assert any(p.startswith(expected) for p in problems), problems


ACTIVITY = {"id": "a", "title": "x", "start": "2026-12-01T10:00", "organisers": ["bieb"]}


@pytest.mark.parametrize(
    ("activity", "expected"),
    [
        (
            {"public": True, "place": "thuis"},
            "agenda[1].place: a public activity cannot meet at 'thuis', which is not public; "
            "make the place public or the activity not",
        ),
        (
            {"public": False, "open_to_newcomers": True, "how_to_join": "x"},
            "agenda[1].open_to_newcomers: an activity open to newcomers must be public",
        ),
        (
            {"public": True, "open_to_newcomers": True},
            "agenda[1].how_to_join: an activity open to newcomers needs 'how_to_join' or "
            "'registration'",
        ),
        ({"public": True, "end": "2026-12-01T09:00"}, "agenda[1]: 'end' must be after 'start'"),
        ({"public": "ja"}, "agenda[1].public: expected true or false, got text ('ja')"),
        (
            {"public": True, "start": "2027-03-28T02:30"},
            "agenda[1].start: 2027-03-28T02:30 does not exist in Dutch time: the clocks jump from "
            "02:00 to 03:00 that night",
        ),
        ({}, "agenda[1].public: required field 'public' is missing"),
    ],
)
def test_activity_rules(tmp_path: Path, activity: dict[str, Any], expected: str) -> None:
    raw = _minimal(tmp_path)
    data = {
        **raw.data,
        "places": [{"id": "thuis", "name": "Thuis", "public": False}],
        "agenda": [*raw.data["agenda"], {**ACTIVITY, **activity, "id": "b"}],
    }
    result = validate(RawDossier(raw.file, raw.slug, data, raw.positions))
    assert isinstance(result, list)
    assert expected in [f"{p.path}: {p.message}" for p in result]


AGREEMENT = {"id": "c", "title": "Convenant", "kind": "covenant", "parties": ["bieb", "gemeente"]}


@pytest.mark.parametrize(
    ("agreement", "expected"),
    [
        (
            {"status": "draft", "public": True},
            "a draft agreement is never published: set 'public: false', or give the status it "
            "has once signed",
        ),
        (
            {"status": "signed", "public": True},
            "an agreement with status 'signed' needs a 'signed' date",
        ),
        (
            {
                "status": "draft",
                "public": False,
                "valid_from": "2027-01-01",
                "valid_until": "2026-01-01",
            },
            "'valid_until' must not be before 'valid_from'",
        ),
        (
            {"status": "draft", "public": False, "parties": ["bieb"]},
            "must have at least 2 items, got 1",
        ),
    ],
)
def test_agreement_rules(tmp_path: Path, agreement: dict[str, Any], expected: str) -> None:
    problems = _problems(tmp_path, {"agreements": [{**AGREEMENT, **agreement}]})
    assert any(p.endswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        (
            {"public": False, "email": "a@b.example", "email_public": True},
            "'email_public: true' needs 'public: true' on the contact too",
        ),
        ({"public": True, "phone_public": True}, "'phone_public: true' but there is no phone"),
        (
            {"public": True, "phone": 612345678},
            "a phone number must be quoted so its leading 0 is kept",
        ),
        ({"public": True, "email": "geen adres"}, "expected an e-mail address"),
    ],
)
def test_contact_rules(tmp_path: Path, contact: dict[str, Any], expected: str) -> None:
    problems = _problems(tmp_path, {"contacts": [{"name": "Sanne", **contact}]})
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("amount", [".nan", ".inf", "-.inf", "1e400"])
def test_numbers_must_be_finite(tmp_path: Path, amount: str) -> None:
    text = (FIXTURES / "minimal.yml").read_text(encoding="utf-8")
    text += (
        "agreements:\n  - {id: c, title: C, kind: covenant, parties: [bieb, gemeente],\n"
        f"     status: signed, signed: 2026-01-01, public: true,\n"
        f"     investments: [{{partner: bieb, amount: {amount}}}]}}\n"
    )
    result = validate(_raw(text, tmp_path))
    assert isinstance(result, list)
    assert [p.path for p in result] == ["agreements[0].investments[0].amount"]
    assert result[0].message.startswith("expected a finite number")


def test_dutch_thousands_separator_is_not_taken_as_a_decimal_point(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yml").read_text(encoding="utf-8")
    text += (
        "agreements:\n  - {id: c, title: C, kind: covenant, parties: [bieb, gemeente],\n"
        "     status: signed, signed: 2026-01-01, public: true,\n"
        "     investments: [{partner: bieb, amount: 250.000}, {partner: bieb, amount: 12.5}]}\n"
    )
    result = validate(_raw(text, tmp_path))
    assert [f"{p.path}: {p.message}" for p in result] == [  # type: ignore[union-attr]
        "agreements[0].investments[0].amount: '250.000' would read as 250, because a dot is "
        "a decimal point in YAML; write 250000, without thousands separators"
    ]


def test_phone_number_quoted_is_kept_exactly(tmp_path: Path) -> None:
    raw = _minimal(tmp_path)
    data = {**raw.data, "contacts": [{"name": "S", "phone": "0612345678", "public": False}]}
    result = validate(RawDossier(raw.file, raw.slug, data, raw.positions))
    assert isinstance(result, ValidDossier)
    assert result.dossier.contacts[0].phone == "0612345678"


def test_no_and_yes_stay_text_where_text_is_expected(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yml").read_text(encoding="utf-8")
    text = text.replace("name: Lezen", "name: NO").replace(
        "how_to_join: Loop binnen.", "how_to_join: yes"
    )
    result = validate(_raw(text + "summary: on\n", tmp_path))
    assert isinstance(result, ValidDossier), result
    assert result.dossier.themes[0].name.nl == "NO"
    assert result.dossier.agenda[0].how_to_join is not None
    assert result.dossier.agenda[0].how_to_join.nl == "yes"
    assert result.dossier.summary is not None and result.dossier.summary.nl == "on"


def test_problems_point_at_the_line_of_the_field(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yml").read_text(encoding="utf-8")
    result = validate(_raw(text.replace("dependency: 2", "dependency: 9"), tmp_path))
    assert result == [
        Problem("samen-lezen.yml", 21, 17, "partners[1].dependency", "must be 1 to 5, got 9")
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"kvk": 12345678},
            "partners[0].kvk: the KvK number must be quoted so a leading 0 is kept",
        ),
        ({"kvk": "1234567"}, "partners[0].kvk: expected the KvK number as 8 digits, like 12345678"),
        ({"oin": "0000000100"}, "partners[0].oin: expected the OIN as 20 digits"),
        (
            {"tooi": "https://example.org/gemeente/gm0363"},
            "partners[0].tooi: expected a TOOI URI like https://identifier.overheid.nl/tooi/id/",
        ),
        (
            {"since": "2026-05-01", "until": "2025-01-01"},
            "partners[0]: 'until' must not be before 'since'",
        ),
    ],
)
def test_organisation_identifiers_are_checked_for_their_format(
    tmp_path: Path, fields: dict[str, Any], expected: str
) -> None:
    partners = [{**PARTNERS[0], **fields}, PARTNERS[1]]
    problems = _problems(tmp_path, {"partners": partners})
    assert any(p.startswith(expected) for p in problems), problems


def test_organisation_identifiers_are_kept(tmp_path: Path) -> None:
    raw = _minimal(tmp_path)
    given = {
        "kvk": "01234567",
        "oin": "00000001001234567000",
        "tooi": "https://identifier.overheid.nl/tooi/id/gemeente/gm0363",
        "since": "2024-01-01",
    }
    partners = [{**raw.data["partners"][0], **given}, *raw.data["partners"][1:]]
    result = validate(
        RawDossier(raw.file, raw.slug, {**raw.data, "partners": partners}, raw.positions)
    )
    assert isinstance(result, ValidDossier), result
    partner = result.dossier.partners[0]
    assert (partner.kvk, partner.oin, partner.tooi) == (given["kvk"], given["oin"], given["tooi"])
    assert partner.since is not None and partner.since.isoformat() == "2024-01-01"


def test_a_number_too_long_to_write_is_described_by_its_length() -> None:
    from generator.types import describe

    assert describe(10**5000) == "a number (~5001 digits)"
    assert describe(12) == "a number (12)"


REACH = "an active coalition needs a public way to reach it"


@pytest.mark.parametrize(
    "contacts",
    [
        [],
        [{"name": "Sanne", "public": True}],  # a name alone is no way to reach anyone
        [{"name": "Sanne", "public": False, "email": "s@bieb.example"}],
        [{"name": "Sanne", "public": True, "email": "s@bieb.example"}],  # e-mail kept private
    ],
)
def test_an_active_coalition_without_a_public_way_to_reach_it_is_an_error(
    tmp_path: Path, contacts: list[dict[str, Any]]
) -> None:
    raw = _minimal(tmp_path)
    data = {k: v for k, v in raw.data.items() if k != "website"} | {"contacts": contacts}
    result = validate(RawDossier(raw.file, raw.slug, data, raw.positions))
    assert not isinstance(result, ValidDossier)
    assert [p.path for p in result if REACH in p.message] == ["contacts" if contacts else "status"]


@pytest.mark.parametrize(
    "change",
    [
        {"contacts": [{"name": "Sanne", "public": True, "email": "s@b.nl", "email_public": True}]},
        {
            "contacts": [
                {"name": "Sanne", "public": True, "phone": "06 1234 5678", "phone_public": True}
            ]
        },
        {"website": "https://www.bibliotheeknoord.nl"},
        {"status": "paused"},  # a paused or ended coalition need not be reached
        {"status": "ended"},
    ],
)
def test_a_public_way_to_reach_an_active_coalition_is_enough(
    tmp_path: Path, change: dict[str, Any]
) -> None:
    raw = _minimal(tmp_path)
    data = {k: v for k, v in raw.data.items() if k != "website"} | change
    assert isinstance(validate(RawDossier(raw.file, raw.slug, data, raw.positions)), ValidDossier)
