"""Field types shared by the dossier schema.

Every type here is strict about what YAML may give it: a date must be written
as text in ISO form, a yes/no field takes only ``true`` or ``false``, and a
phone number must be quoted. Each type raises ``ValueError`` with a message a
dossier author can act on; ``validate.py`` adds the file, line and field path.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

from .amsterdam import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR
from .i18n import N_, _

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
_ID_RE = re.compile(ID_PATTERN)
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATETIME_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?$")
# For editors: the same forms, in the years FIRST_YEAR to LAST_YEAR (a test keeps them in step).
_YEARS = "(19[5-9][0-9]|2[01][0-9]{2})"
_DATE_SCHEMA_RE = f"^{_YEARS}-[0-9]{{2}}-[0-9]{{2}}$"
_DATETIME_SCHEMA_RE = f"^{_YEARS}-[0-9]{{2}}-[0-9]{{2}}[T ][0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}})?$"
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}$")
_EMAIL_RE = re.compile(r"^[^@\s<>\"'()\x00-\x1f\x7f]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d+)?(/[^\s<>\"'`]*)?$")
_HANDLE_RE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(/[A-Za-z0-9._-]+)?$")


class Frozen(BaseModel):
    """Base of every dossier model: immutable, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def describe(value: Any) -> str:
    """Say what kind of YAML value an author wrote, for error messages."""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("{value} (yes/no)").format(value=str(value).lower())
    if isinstance(value, int) and value.bit_length() > 128:
        # Python will not even write an integer of over 4,300 digits as text.
        digits = int(value.bit_length() * 0.30103) + 1
        return _("a number ({value})").format(value=_("~{digits} digits").format(digits=digits))
    if isinstance(value, int | float):
        return _("a number ({value})").format(value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _("text ({value})").format(value=repr(shown))
    if isinstance(value, dict):
        return _("a mapping (key: value pairs)")
    if isinstance(value, list):
        return _("a list")
    return type(value).__name__


# ---------------------------------------------------------------- text


# The loader refuses these in a file; a YAML escape ("\0", "\x1b", "\uFFFE") still
# writes them into a value, and they break iCalendar feeds and the chart renderer.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _no_control(value: str) -> str:
    bad = _CONTROL_RE.search(value)
    if bad:
        raise ValueError(
            _(
                "holds a control character ({char}), written as an escape in quotes; remove it"
            ).format(char=f"U+{ord(bad.group()):04X}")
        )
    return value


# Bidi controls reorder the text around them: U+202E makes "gpj.exe" display as
# "exe.jpg". Overrides are never needed; embeddings and isolates only in text
# with right-to-left letters (Arabic, Hebrew), and the pages isolate such text.
_OVERRIDES = frozenset("\u202d\u202e")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters and symbols that draw nothing: Hangul and Halfwidth fillers, the blank
# Braille pattern, Khmer inherent vowels.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')}"


def _visible(char: str) -> bool:
    """Whether a character draws something: a letter, digit, punctuation mark or symbol."""
    return unicodedata.category(char)[0] in "LNPS" and char not in _FILLERS


def _readable(value: str, names: bool = False) -> str:
    """Text a reader can see, whose bidi controls cannot disguise what it says.

    `names`: a name, title or web address, where no bidi control is allowed at all.
    """
    if value and not any(_visible(c) for c in value):
        found = ", ".join(_char_name(c) for c in dict.fromkeys(value) if not c.isspace())
        raise ValueError(
            _("holds only invisible characters ({found}); write text a reader can see").format(
                found=found
            )
        )
    bidi = [c for c in dict.fromkeys(value) if c in _BIDI]
    if not bidi:
        return value
    if names or _OVERRIDES.intersection(bidi):
        raise ValueError(
            _("holds a character that reverses or reorders the text ({char}); remove it").format(
                char=_char_name(bidi[0])
            )
        )
    if not any(unicodedata.bidirectional(c) in ("R", "AL") for c in value):
        raise ValueError(
            _(
                "holds a text-direction character ({char}) without any "
                "right-to-left letters it could be needed for; remove it"
            ).format(char=_char_name(bidi[0]))
        )
    return value


def _text_part(value: str) -> str:
    return _readable(_no_control(value))


PlainStr = Annotated[str, AfterValidator(_text_part)]


class LocalizedText(Frozen):
    """Free text in Dutch, optionally with an English translation."""

    nl: Annotated[PlainStr, Field(min_length=1, description="Dutch text (required).")]
    en: Annotated[
        PlainStr | None, Field(default=None, min_length=1, description="English text.")
    ] = None

    def get(self, lang: str) -> tuple[str, str]:
        """Return (text, language of that text) for the wanted language."""
        if lang == "en" and self.en:
            return self.en, "en"
        return self.nl, "nl"


def _to_localized(value: Any) -> Any:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError(_("must not be empty"))
        _no_control(value)
        return {"nl": value}
    if isinstance(value, dict):
        return value
    raise ValueError(
        _("expected text, or a mapping with 'nl' and 'en'; got {got}").format(got=describe(value))
    )


_TEXT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {
                "nl": {"type": "string", "minLength": 1},
                "en": {"type": "string", "minLength": 1},
            },
            "required": ["nl"],
            "additionalProperties": False,
        },
    ],
    "description": "Text in Dutch, or {nl: ..., en: ...} with an English translation.",
}

Text = Annotated[LocalizedText, BeforeValidator(_to_localized), WithJsonSchema(_TEXT_SCHEMA)]


def _plain_text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(_("expected text, got {got}").format(got=describe(value)))
    if not value.strip():
        raise ValueError(_("must not be empty"))
    return _readable(_no_control(value), names=True)


Name = Annotated[str, BeforeValidator(_plain_text), Field(max_length=200)]
"""A short single-language label: a person's or organisation's name."""


# ---------------------------------------------------------------- scalars


def _strict_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    raise ValueError(_("expected true or false, got {got}").format(got=describe(value)))


Bool = Annotated[bool, BeforeValidator(_strict_bool), WithJsonSchema({"type": "boolean"})]


def _score(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            _("must be a whole number from 1 to 5, got {got}").format(got=describe(value))
        )
    if not 1 <= value <= 5:
        raise ValueError(_("must be 1 to 5, got {got}").format(got=value))
    return value


Score = Annotated[
    int,
    BeforeValidator(_score),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 5}),
]


_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def _number(minimum: float, maximum: float | None) -> Any:
    def check(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(_("expected a number, got {got}").format(got=describe(value)))
        if not math.isfinite(value):
            raise ValueError(_("expected a finite number, got {got}").format(got=value))
        written = getattr(value, "written", "")
        if _THOUSANDS.match(written):
            plain = written.replace(".", "")
            raise ValueError(
                _(
                    "'{written}' would read as {value}, because a dot is a decimal point in "
                    "YAML; write {plain}, without thousands separators"
                ).format(written=written, value=f"{value:g}", plain=plain)
            )
        if value < minimum or (maximum is not None and value > maximum):
            message = (
                _("must be {least} to {most}, got {got}")
                if maximum is not None
                else _("must be {least} or more, got {got}")
            )
            raise ValueError(
                message.format(least=f"{minimum:g}", most=f"{maximum or 0:g}", got=f"{value:g}")
            )
        return value

    return check


DaysPerWeek = Annotated[
    float,
    BeforeValidator(_number(0, 7)),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 7}),
]
Amount = Annotated[
    float,
    BeforeValidator(_number(0, None)),
    WithJsonSchema({"type": "number", "minimum": 0}),
]


# Every date and time of a dossier lies in these years (see amsterdam.py for why);
# the year is checked before the date itself, so no year can reach a calculation
# that fails on it.
_DATE_RANGE = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
_DATETIME_RANGE = f"{FIRST_DAY.isoformat()}T00:00 to {LAST_DAY.isoformat()}T23:59"


def _in_years(year: int, written: str, expected: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(_("must be from {range}, got {got}").format(range=expected, got=written))


def _iso_date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        _in_years(value.year, value.isoformat(), _DATE_RANGE)
        return value
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError(_("expected a date as YYYY-MM-DD, got {got}").format(got=describe(value)))
    _in_years(int(value[:4]), value, _DATE_RANGE)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(_not_a_date(value)) from None


def _not_a_date(text: str) -> str:
    year, month, day = (int(part) for part in text[:10].split("-"))
    if not 1 <= month <= 12:
        return _("{text} is not a real date: there is no month {month}").format(
            text=text, month=month
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return _("{text} is not a real date: {month} {year} has {days} days").format(
            text=text, month=_(MONTHS[month - 1]), year=year, days=days
        )
    if len(text) > 10:
        return _("{text} is not a real time: use 00:00 to 23:59").format(text=text)
    return _("{text} is not a real date").format(text=text)


MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": _DATE_SCHEMA_RE,
            "description": f"A date from {_DATE_RANGE}, YYYY-MM-DD.",
        }
    ),
]


def _local_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        _in_years(value.year, value.isoformat(timespec="minutes"), _DATETIME_RANGE)
        return value
    if not isinstance(value, str) or not _DATETIME_RE.match(value):
        raise ValueError(
            _("expected a date and time as YYYY-MM-DDTHH:MM (Dutch local time), got {got}").format(
                got=describe(value)
            )
        )
    _in_years(int(value[:4]), value, _DATETIME_RANGE)
    try:
        return datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        raise ValueError(_not_a_date(value)) from None


LocalDateTime = Annotated[
    datetime,
    BeforeValidator(_local_datetime),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _DATETIME_SCHEMA_RE,
            "description": (
                f"Local time in the Netherlands, YYYY-MM-DDTHH:MM, from {_DATETIME_RANGE}."
            ),
        }
    ),
]


def slugify(text: str) -> str:
    """Turn a name into an id: 'Bibliotheek Oost' becomes 'bibliotheek-oost'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:63].rstrip("-")


def _identifier(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(
            _("expected an id (lowercase text), got {got}").format(got=describe(value))
        )
    if not _ID_RE.match(value):
        hint = slugify(value)
        suggestion = (
            _("; did you mean '{guess}'?").format(guess=hint) if hint and _ID_RE.match(hint) else ""
        )
        raise ValueError(
            _(
                "'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
                "starting with a letter or digit, at most 63 characters"
            ).format(value=value)
            + suggestion
        )
    return value


Id = Annotated[
    str,
    BeforeValidator(_identifier),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]


def _url(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(_("expected a web address, got {got}").format(got=describe(value)))
    _readable(value, names=True)
    if not _URL_RE.match(value):
        raise ValueError(
            _(
                "'{value}' is not a web address: it must start with https:// or http:// "
                "and contain no spaces or quotes"
            ).format(value=value)
        )
    return value


Url = Annotated[
    str, BeforeValidator(_url), WithJsonSchema({"type": "string", "pattern": _URL_RE.pattern})
]


def _email(value: Any) -> Any:
    if not isinstance(value, str) or not _EMAIL_RE.match(value):
        raise ValueError(
            _("expected an e-mail address like naam@voorbeeld.nl, got {got}").format(
                got=describe(value)
            )
        )
    return value


Email = Annotated[
    str, BeforeValidator(_email), WithJsonSchema({"type": "string", "format": "email"})
]


def _phone(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            _('a phone number must be quoted so its leading 0 is kept: write phone: "020 123 4567"')
        )
    if not isinstance(value, str) or not _PHONE_RE.match(value):
        raise ValueError(
            _(
                "expected a phone number of digits, spaces and hyphens, optionally starting "
                "with +, got {got}"
            ).format(got=describe(value))
        )
    return value


Phone = Annotated[
    str,
    BeforeValidator(_phone),
    WithJsonSchema({"type": "string", "pattern": _PHONE_RE.pattern}),
]


def _digits(name: str, count: int, example: str) -> Any:
    """A register number of exactly `count` digits, written as quoted text."""

    def check(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueError(
                _('the {name} must be quoted so a leading 0 is kept: write "{example}"').format(
                    name=_(name), example=example
                )
            )
        if not isinstance(value, str) or not re.fullmatch(f"[0-9]{{{count}}}", value):
            raise ValueError(
                _("expected the {name} as {count} digits, like {example}, got {got}").format(
                    name=_(name), count=count, example=example, got=describe(value)
                )
            )
        return value

    return check


# The Dutch registers' identifiers of an organisation: the Chamber of Commerce
# number (KvK, 8 digits), the government's Organisation Identification Number
# (OIN, 20 digits) and a government body's TOOI URI (the government's own
# list of its organisations, identifier.overheid.nl).
Kvk = Annotated[
    str,
    BeforeValidator(_digits(N_("KvK number"), 8, "12345678")),
    WithJsonSchema({"type": "string", "pattern": "^[0-9]{8}$"}),
]
Oin = Annotated[
    str,
    BeforeValidator(_digits(N_("OIN"), 20, "00000001001234567000")),
    WithJsonSchema({"type": "string", "pattern": "^[0-9]{20}$"}),
]
_TOOI_RE = re.compile(r"^https://identifier\.overheid\.nl/tooi/id/[a-z0-9_]+/[a-z0-9_]+$")


def _tooi(value: Any) -> Any:
    if not isinstance(value, str) or not _TOOI_RE.match(value):
        raise ValueError(
            _(
                "expected a TOOI URI like https://identifier.overheid.nl/tooi/id/gemeente/gm0363, "
                "got {got}"
            ).format(got=describe(value))
        )
    return value


Tooi = Annotated[
    str, BeforeValidator(_tooi), WithJsonSchema({"type": "string", "pattern": _TOOI_RE.pattern})
]


def _handle(value: Any) -> Any:
    if not isinstance(value, str) or not _HANDLE_RE.match(value):
        raise ValueError(
            _("expected a git hosting handle like @naam or @organisatie/team, got {got}").format(
                got=describe(value)
            )
        )
    return value


Handle = Annotated[
    str, BeforeValidator(_handle), WithJsonSchema({"type": "string", "pattern": _HANDLE_RE.pattern})
]


def _unique(items: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    for item in items:
        key = item.casefold() if isinstance(item, str) else item
        if key in seen:
            raise ValueError(_("'{item}' is listed twice").format(item=item))
        seen.add(key)
    return items


IdList = Annotated[list[Id], AfterValidator(_unique)]
