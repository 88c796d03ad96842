"""The site's own settings (site.yml): who publishes it and how to reach them.

One small file beside the dossiers (read by ``sitefile.py`` with the dossier
loader and checked like a dossier: ``extra="forbid"``, positioned problems). A
missing file means the defaults below; the accessibility statement and the
footer are made from these settings, so they are never written by hand in two
places. Everything here is meant to be published, so renderers may import
this module (it imports nothing of the dossier model).
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .i18n import _
from .types import Handle

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_URI = re.compile(r"^https?://[^\s/?#<>\"{}|\\^`]+(/[^\s<>\"{}|\\^`]*)?$")


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(
            _("'{value}' is not an e-mail address (name@example.nl)").format(value=value)
        )
    return value


def _date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("'{value}' is not a date as YYYY-MM-DD").format(value=value)) from None
    return value


def _uri(value: str) -> str:
    if not _URI.match(value):
        raise ValueError(
            _(
                "'{value}' is not a web address (https://...); for a government body use its "
                "TOOI URI, e.g. https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
            ).format(value=value)
        )
    return value


def _colour(value: str) -> str:
    if not _COLOUR.match(value):
        raise ValueError(_("'{value}' is not a colour as #rrggbb").format(value=value))
    if contrast(value, "#ffffff") < 4.5:
        raise ValueError(
            _(
                "white text on {value} has contrast {contrast}:1; "
                "WCAG AA needs at least 4.5:1, so choose a darker colour"
            ).format(value=value, contrast=f"{contrast(value, '#ffffff'):.1f}")
        )
    return value


Email = Annotated[str, AfterValidator(_email)]
IsoDate = Annotated[str, AfterValidator(_date)]
Colour = Annotated[str, AfterValidator(_colour)]
Uri = Annotated[str, Field(max_length=300), AfterValidator(_uri)]
Text = Annotated[str, Field(min_length=1, max_length=200)]


class AuditStatus(StrEnum):
    """The statuses of the Dutch accessibility statement model (digitoegankelijk.nl)."""

    A = "A"  # complies fully
    B = "B"  # complies partly
    C = "C"  # first measures taken (no audit yet)
    D = "D"  # intends to take measures
    E = "E"  # no measures


class Audit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    status: AuditStatus
    date: IsoDate
    by: Text | None = None  # who did the audit


class Publisher(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text = "Samenwerkingsverbanden"
    organisation: Text = "Gemeente Voorbeeld"
    email: Email = "info@example.nl"
    # Who the publishing organisation is, as a URI (for a government body its TOOI
    # URI): the open-data catalogue names it as publisher, so that data.overheid.nl
    # and other harvesters can join it with the register. Without one the
    # catalogue names the organisation only.
    uri: Uri | None = None


class Accessibility(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    email: Email = "toegankelijkheid@example.nl"
    response_days: Annotated[int, Field(ge=1, le=60)] = 5  # working days
    audit: Audit | None = None


_REPOSITORY = r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$"


class Editor(BaseModel):
    """The browser editor at /admin/ (Sveltia CMS): the GitHub repository it
    opens pull requests on, and the branch they go to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repository: Annotated[str, Field(pattern=_REPOSITORY)] = "OWNER/REPOSITORY"
    branch: Annotated[str, Field(pattern=r"^[A-Za-z0-9._/-]{1,100}$")] = "main"


class Settings(BaseModel):
    """Everything site.yml may hold; every field has a default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    publisher: Publisher = Publisher()
    accessibility: Accessibility = Accessibility()
    licence: Text = "CC BY 4.0"
    colour: Colour | None = None
    # Git hosting handles that own the whole repository in CODEOWNERS (code,
    # workflows, every dossier beside its partners' reviewers). Not published.
    maintainers: Annotated[tuple[Handle, ...], Field(max_length=20)] = ()
    editor: Editor = Editor()

    @property
    def status(self) -> AuditStatus:
        """The statement's status: C when no audit is recorded (the Dutch model)."""
        audit = self.accessibility.audit
        return audit.status if audit else AuditStatus.C


DEFAULTS = Settings()


def _luminance(colour: str) -> float:
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, two: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)
