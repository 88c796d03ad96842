"""The message catalogue: every message has Dutch, and the compiled file matches.

The code writes messages in English and marks them with ``_()`` (or ``N_`` /
``ngettext``); generator/locale/nl/LC_MESSAGES/dossiers.po holds the Dutch.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator import i18n
from generator.hints import DUTCH_VALUES, dutch_hint
from generator.vocabulary import (
    AgreementKind,
    CooperationType,
    DossierStatus,
    ObjectiveStatus,
    Sector,
)

from .conftest import FIXTURES, ROOT, run_cli

PO = ROOT / "generator" / "locale" / "nl" / "LC_MESSAGES" / "dossiers.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
FIELD = re.compile(r"\{[a-z_]*\}")


@functools.cache
def _source_messages() -> frozenset[str]:
    """Every message marked in generator/ (read once: extraction parses every file)."""
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "generator", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return frozenset(found)


def test_every_message_in_the_code_has_a_dutch_translation() -> None:
    catalogue = read_po(PO.open("rb"))
    missing = sorted(m for m in _source_messages() if m not in catalogue or not catalogue[m].string)
    assert missing == [], f"add these to {PO.name}: {missing}"
    assert len(_source_messages()) >= 50


def test_the_catalogue_holds_no_stale_messages() -> None:
    stale = sorted(m.id if isinstance(m.id, str) else m.id[0] for m in read_po(PO.open("rb")))
    stale = [m for m in stale if m and m not in _source_messages()]
    assert stale == [], f"no longer in the code, remove from {PO.name}: {stale}"


def test_each_translation_keeps_the_fields_of_its_message() -> None:
    for message in read_po(PO.open("rb")):
        if not message.id:
            continue
        ids = [str(m) for m in (message.id if isinstance(message.id, tuple) else (message.id,))]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            fields = set(FIELD.findall(str(text)))
            assert fields == set(FIELD.findall(ids[-1])), message.id


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    """dossiers.mo is what 'make messages' makes from dossiers.po now."""
    compiled = io.BytesIO()
    write_mo(compiled, read_po(PO.open("rb")), use_fuzzy=True)
    fresh = _messages(gettext.GNUTranslations(io.BytesIO(compiled.getvalue())))
    shipped = _messages(gettext.GNUTranslations(MO.open("rb")))
    assert shipped == fresh, "run 'make messages' and commit dossiers.mo"


def _messages(catalogue: gettext.GNUTranslations) -> dict[object, str]:
    """The translations, without the header (Babel dates it on every compile)."""
    messages: dict[object, str] = catalogue._catalog  # type: ignore[attr-defined]
    return {key: text for key, text in messages.items() if key != ""}


def test_dutch_is_the_default_and_english_is_chosen_by_flag_or_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "coalitions"
    folder.mkdir()
    (folder / "samen-lezen.yml").write_text(
        (FIXTURES / "minimal.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.delenv(i18n.ENV)
    assert "1 dossier gecontroleerd: alles in orde" in run_cli("check", cwd=tmp_path).stderr
    english = run_cli("check", "--lang", "en", cwd=tmp_path).stderr
    assert "checked 1 dossier: all valid" in english
    monkeypatch.setenv(i18n.ENV, "en")
    assert "checked 1 dossier: all valid" in run_cli("check", cwd=tmp_path).stderr
    assert "gecontroleerd" in run_cli("check", "--lang", "nl", cwd=tmp_path).stderr


@pytest.mark.parametrize(
    ("word", "options", "meant"),
    [
        ("overheid", Sector, "public"),
        ("Onderwijs", Sector, "education"),
        ("intentieverklaring", AgreementKind, "letter-of-intent"),
        ("convenant", AgreementKind, "covenant"),
        ("beweging", CooperationType, "movement"),
        ("actief", DossierStatus, "active"),
        ("op koers", ObjectiveStatus, "on-track"),
        ("op-koers", ObjectiveStatus, "on-track"),
    ],
)
def test_a_dutch_word_suggests_the_schema_value(word: str, options: type, meant: str) -> None:
    assert dutch_hint(word, [o.value for o in options]) == meant  # type: ignore[attr-defined]


def test_a_dutch_word_suggests_only_values_allowed_in_that_field() -> None:
    assert dutch_hint("overheid", [s.value for s in DossierStatus]) is None
    assert all(DUTCH_VALUES.values())
