"""The language of the command's messages: Dutch first, English on request.

Messages are written in English in the code and looked up in a gettext
catalogue (``generator/locale/nl/LC_MESSAGES/dossiers.po``, compiled to the
``.mo`` next to it by ``make messages``). Python's own ``gettext`` reads the
catalogue, so running the command needs nothing beyond the standard library;
Babel, already installed for the site, compiles it.

The language is, in order: ``--lang``, the environment variable
``DOSSIERS_LANG``, then Dutch, the language of the project and its guide.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
ENV = "DOSSIERS_LANG"
DOMAIN = "dossiers"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def language() -> str:
    """The language messages are given in now."""
    chosen = os.environ.get(ENV, "").strip().lower()[:2]
    return chosen if chosen in LANGUAGES else DEFAULT


def set_language(lang: str | None) -> None:
    """Choose the language; through the environment, so worker processes follow."""
    if lang is not None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        os.environ[ENV] = lang


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """The message in the current language (the English text if it has no translation)."""
    return _catalogue(language()).gettext(message)


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is defined; ``_()`` translates it where used."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _catalogue(language()).ngettext(singular, plural, count)
