"""A private value typed into public text is a check error at that text (never published)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.load import RawDossier, read_dossier
from generator.private_text import phone_digits, secrets
from generator.validate import ValidDossier, validate

from .conftest import FIXTURES
from .dossiers import dossier_with_markers, dump_dossier

RUUD = {
    "name": "Ruud Verschoor",
    "partner": "bieb",
    "email": "Ruud.Prive@example.org",
    "phone": "+31 (0)6-12345678",
    "public": False,
}
HIDDEN_PLACE = {
    "id": "keuken",
    "name": "De keuken",
    "address": "Achterstraat 12, Noord",
    "public": False,
}
HIDDEN_ACTIVITY = {
    "id": "gesprek",
    "title": "Gesprek over de subsidie van Noord",
    "start": "2026-12-07T10:00",
    "organisers": ["bieb"],
    "public": False,
}


def _check(tmp_path: Path, change: Any) -> list[tuple[int, int, str, str]]:
    """(line, column, field, message) of every problem of the minimal dossier after `change`."""
    data = yaml.safe_load((FIXTURES / "minimal.yml").read_text("utf-8"))
    data["contacts"] = [RUUD]
    data["places"] = [HIDDEN_PLACE]
    data["agenda"].append(HIDDEN_ACTIVITY)
    change(data)
    path = tmp_path / "samen-lezen.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    raw = read_dossier(path, "samen-lezen.yml")
    assert isinstance(raw, RawDossier), raw
    result = validate(raw)
    if isinstance(result, ValidDossier):
        return []
    return [(p.line, p.column, p.path, p.message) for p in result]


def _line_of(tmp_path: Path, text: str) -> int:
    lines = (tmp_path / "samen-lezen.yml").read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_the_examples_as_given_pass(tmp_path: Path) -> None:
    assert _check(tmp_path, lambda data: None) == []


@pytest.mark.parametrize(
    ("where", "typed", "secret"),
    [
        (("agenda", 0, "description"), "Bel Ruud op 06 1234 5678.", "contacts[0].phone"),
        (("agenda", 0, "how_to_join"), "Bel 0031 6 12345678", "contacts[0].phone"),
        (("societal_question",), "Mail ruud.prive@EXAMPLE.org voor meer.", "contacts[0].email"),
        (("ambition", "statement"), "Met ruud verschoor erbij.", "contacts[0].name"),
        (
            ("partners", 0, "description"),
            "Wij zitten aan de Achterstraat 12, Noord.",
            "places[0].address.nl",
        ),
        (("themes", 0, "name"), "Gesprek over de subsidie van Noord", "agenda[1].title.nl"),
    ],
)
def test_a_private_value_in_public_text_is_found_at_that_text(
    tmp_path: Path, where: tuple[Any, ...], typed: str, secret: str
) -> None:
    def plant(data: Any) -> None:
        target = data
        for key in where[:-1]:
            target = target[key]
        target[where[-1]] = typed

    problems = _check(tmp_path, plant)
    assert len(problems) == 1, problems
    line, column, field, message = problems[0]
    expected = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in where).lstrip(".")
    assert field.removesuffix(".nl") == expected
    assert line == _line_of(tmp_path, typed.split()[0]) and column > 1
    kind = (
        "phone number" if "phone" in secret else "e-mail address" if "email" in secret else "text"
    )
    assert f"holds the {kind} of {secret}, which is not public" in message
    # The message names the item, never the private value itself.
    assert all(part not in message for part in ("12345678", "prive", "Verschoor", "Achterstraat"))


def test_a_detail_made_public_may_be_repeated(tmp_path: Path) -> None:
    def plant(data: Any) -> None:
        data["contacts"][0] |= {"public": True, "phone_public": True}
        data["agenda"][0]["description"] = "Bel Ruud Verschoor op 06-12345678."

    assert _check(tmp_path, plant) == []


def test_private_items_may_repeat_their_own_values(tmp_path: Path) -> None:
    """Text inside a private item is not published, so it may say anything private."""

    def plant(data: Any) -> None:
        data["agenda"][1]["description"] = "Met Ruud Verschoor, 06-12345678, Achterstraat 12, Noord"

    assert _check(tmp_path, plant) == []


def test_one_word_titles_and_other_numbers_are_not_taken_for_secrets(tmp_path: Path) -> None:
    def plant(data: Any) -> None:
        data["agenda"][1]["title"] = "Stuurgroep"
        data["agenda"][0]["description"] = "De stuurgroep belt 06-87654321; Ruud komt ook."

    assert _check(tmp_path, plant) == []


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("+31 (0)6-12345678", "0612345678"),
        ("06 1234 5678", "0612345678"),
        ("0031 6 12345678", "0612345678"),
        ("+32 2 123 45 67", "3221234567"),
    ],
)
def test_phone_numbers_compare_on_the_digits_a_reader_dials(written: str, digits: str) -> None:
    assert phone_digits(written) == digits


def test_every_planted_private_value_in_public_text_is_refused(tmp_path: Path) -> None:
    """The leak suite's dossier: each of its private values, typed into public text, fails."""
    data = dossier_with_markers()
    path = tmp_path / "samen-lezen.yml"
    path.write_text(dump_dossier(data), "utf-8")
    raw = read_dossier(path, "samen-lezen.yml")
    assert isinstance(raw, RawDossier), raw
    valid = validate(raw)
    assert isinstance(valid, ValidDossier), valid
    hidden = secrets(valid.dossier)
    assert {s.kind for s in hidden} == {"phone", "email", "text"}
    for secret in hidden:
        planted = {**data, "societal_question": f"Zie ook: {secret.value}."}
        path.write_text(dump_dossier(planted), "utf-8")
        raw = read_dossier(path, "samen-lezen.yml")
        assert isinstance(raw, RawDossier), raw
        result = validate(raw)
        assert not isinstance(result, ValidDossier), secret.path
        assert [p.path for p in result] == ["societal_question.nl"], (secret.path, result)
