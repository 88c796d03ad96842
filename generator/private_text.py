"""Private values typed into public text: a private phone number, e-mail
address, contact, place address or activity title that also stands in text
the site publishes.

The privacy gate (publish.py) leaves private items out, but it cannot know
that "Bel Ruud op 06-12345678" in a public description is Ruud's private
number. The check can: it holds every private value of the dossier, and looks
for each in every public text of the same dossier. Phones are compared on
their digits (+31 (0)6-12345678 is 06 12345678), e-mail addresses, names and
addresses case-insensitively. A problem names the private item by its field
path, never its value, so the message itself repeats nothing private.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from .errors import Path
from .i18n import N_, _
from .model import NEVER_PUBLISHED, Dossier

Found = list[tuple[Path, str]]


@dataclass(frozen=True)
class Secret:
    """A private value, where it is kept, and how to make it public."""

    path: Path
    kind: str  # "phone", "email" or "text"
    value: str
    remedy: str


# A run of digits as people write phone numbers: +31 (0)6-123 456 78, 020.123.4567.
_PHONE_LIKE = re.compile(r"\+?\d[\d ()./-]{4,}\d")
_SHORTEST_TEXT = 5  # shorter names or titles match too much ordinary text
_LONG_WORD = 12


def _specific(text: str | None) -> bool:
    """Text specific enough to look for: a full name, an address, a title of some words.

    A short one-word title ("Stuurgroep") or a first name alone stands in
    ordinary text too, so finding it there says nothing; a long single word
    ("Klachtbehandeling-Verschoor") is specific enough.
    """
    if text is None or len(text) < _SHORTEST_TEXT:
        return False
    return len(text.split()) >= 2 or len(text) >= _LONG_WORD


def phone_digits(phone: str) -> str:
    """The digits a Dutch reader would dial: +31 (0)6-1234 5678 and 06-12345678 agree."""
    written = phone.strip().replace("(0)", "")
    digits = re.sub(r"\D", "", written)
    if written.startswith("+31"):
        return "0" + digits[2:]
    if digits.startswith("0031"):
        return "0" + digits[4:]
    return digits


def _path_text(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def secrets(dossier: Dossier) -> list[Secret]:
    """Every private value of the dossier that could be typed into public text."""
    found: list[Secret] = []
    for i, c in enumerate(dossier.contacts):
        if c.phone is not None and not c.phone_public:
            found.append(Secret(("contacts", i, "phone"), "phone", c.phone, "phone_public: true"))
        if c.email is not None and not c.email_public:
            found.append(Secret(("contacts", i, "email"), "email", c.email, "email_public: true"))
        if not c.public and _specific(c.name):
            found.append(Secret(("contacts", i, "name"), "text", c.name, "public: true"))
    for i, p in enumerate(dossier.places):
        if not p.public and p.address is not None:
            for lang in ("nl", "en"):
                text = getattr(p.address, lang)
                if text is not None and _specific(text):
                    found.append(
                        Secret(("places", i, "address", lang), "text", text, "public: true")
                    )
    for i, a in enumerate(dossier.agenda):
        if not a.public:
            for lang in ("nl", "en"):
                text = getattr(a.title, lang)
                if text is not None and _specific(text):
                    found.append(Secret(("agenda", i, "title", lang), "text", text, "public: true"))
    return found


def public_texts(model: BaseModel, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every text the site may publish: none of a private item, a note or a private detail."""
    if getattr(model, "public", True) is False:
        return
    for name in type(model).model_fields:
        if name in NEVER_PUBLISHED or name in ("email", "phone"):
            # A contact's e-mail and phone are themselves the secrets, public or not.
            continue
        yield from _texts(getattr(model, name), (*path, name))


def _texts(value: object, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        yield from public_texts(value, path)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _holds(text: str, secret: Secret) -> bool:
    if secret.kind == "phone":
        wanted = phone_digits(secret.value)
        return len(wanted) >= 6 and any(
            phone_digits(m.group()) == wanted for m in _PHONE_LIKE.finditer(text)
        )
    folded = " ".join(text.casefold().split())
    needle = " ".join(secret.value.casefold().split())
    if secret.kind == "email":
        return needle in folded
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", folded) is not None


_WHAT = {
    "phone": N_(
        "holds the phone number of {where}, which is not public, so the site would publish "
        "it here; leave it out of this text, or make it public ({remedy})"
    ),
    "email": N_(
        "holds the e-mail address of {where}, which is not public, so the site would "
        "publish it here; leave it out of this text, or make it public ({remedy})"
    ),
    "text": N_(
        "holds the text of {where}, which is not public, so the site would publish it "
        "here; leave it out of this text, or make it public ({remedy})"
    ),
}


def private_values_stay_private(dossier: Dossier) -> Found:
    """A private value typed into public text is an error at that text."""
    hidden = secrets(dossier)
    if not hidden:
        return []
    found: Found = []
    for path, text in public_texts(dossier):
        for secret in hidden:
            if path[: len(secret.path) - 1] == secret.path[:-1] and secret.kind == "text":
                continue  # the private item's own field
            if _holds(text, secret):
                found.append(
                    (
                        path,
                        _(_WHAT[secret.kind]).format(
                            where=_path_text(secret.path), remedy=secret.remedy
                        ),
                    )
                )
    return found
