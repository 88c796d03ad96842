"""Markdown that dossier text cannot break out of.

Every value a template prints is escaped for Markdown and HTML unless it is an
``Md``: Markdown we built ourselves from escaped parts. Links are built here
only, from addresses the schema already limited to http(s), and from e-mail
addresses and phone numbers, so a dossier cannot add a ``javascript:`` or
``data:`` link, raw HTML, an attribute list or a Markdown link of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from ..public import Text

# Characters Python-Markdown treats as markup and accepts a backslash before.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_HTML_TABLE = str.maketrans(_HTML)
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SAFE_SCHEMES = ("https://", "http://", "mailto:", "tel:")


class Md(str):
    """Markdown that is safe to print as is: built here from escaped parts."""

    __slots__ = ()


def escape(text: object) -> Md:
    """One line of plain text, safe in a paragraph, heading or table cell."""
    if isinstance(text, Md):
        return text
    return _escape(str(text))


@lru_cache(maxsize=1 << 16)
def _escape(text: str) -> Md:
    """escape() for plain strings; names and labels repeat on many pages, hence the cache."""
    # Control characters never reach here from a dossier (the loader refuses them),
    # but Python-Markdown uses \x02 and \x03 as placeholders, so never pass them on.
    flat = _isolate(_CONTROL.sub("\ufffd", _SPACE.sub(" ", text).strip()))
    marked = _MARKDOWN_SPECIALS.sub(r"\\\1", flat)
    return Md(marked.translate(_HTML_TABLE))


# Bidi embeddings and isolates (the check allows them only in right-to-left text).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _isolate(text: str) -> str:
    """Text with bidi controls, wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE.

    Whatever its controls do, they then end with the text: they cannot reorder
    the label, link or sentence around it. Characters, not markup, so this holds
    in a <title> and an attribute too.
    """
    return f"\u2068{text}\u2069" if _BIDI.search(text) else text


def front_matter(title: str, hide: tuple[str, ...] = ()) -> Md:
    """YAML front matter that sets the page title.

    MkDocs would otherwise take the title from the H1, undo our escaping, and
    the theme prints it into <title> and the header without escaping it. So
    the title is given here, HTML-escaped. `hide` names parts of the page
    Material leaves out (its own words: "toc", "navigation"). Every character outside printable
    ASCII is written as a YAML escape (\\uXXXX or \\UXXXXXXXX), because front
    matter that fails to parse would be shown as page text instead.
    """
    flat = _isolate(_SPACE.sub(" ", title).strip())
    escaped = flat.translate(_HTML_TABLE).replace("'", "&#39;")
    hidden = "".join(f"  - {part}\n" for part in hide)  # Material's parts, e.g. "toc"
    return Md(
        f'---\ntitle: "{_yaml_escape(escaped)}"\n'
        + (f"hide:\n{hidden}" if hide else "")
        + "---\n\n"
    )


def _yaml_escape(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out)


def paragraphs(text: str) -> Md:
    """Text with blank lines between paragraphs, each escaped."""
    parts = [escape(part) for part in re.split(r"\n\s*\n", text) if part.strip()]
    return Md("\n\n".join(parts))


def text(value: Text | None, lang: str, block: bool = False) -> Md:
    """Localized text in the page's language; Dutch marked lang="nl" on an English page."""
    if value is None:
        return Md("")
    content, content_lang = value.get(lang)
    if block:
        body = paragraphs(content)
        if content_lang != lang:
            return Md(f'<div lang="{content_lang}" markdown>\n\n{body}\n\n</div>')
        return body
    line = escape(content)
    if content_lang != lang:
        return Md(f'<span lang="{content_lang}">{line}</span>')
    return line


def url(address: str) -> str:
    """An address safe inside a Markdown link: allowed scheme, no breaking characters."""
    if not address.startswith(_SAFE_SCHEMES):
        raise ValueError(f"refusing to link to {address!r}")
    return quote(address, safe=":/?#@!$&'*+,;=%-._~")


def link(label: object, address: str) -> Md:
    return Md(f"[{escape(label)}]({url(address)})")


def webcal(label: object, address: str) -> Md:
    """A subscribe link to a calendar feed at an absolute http(s) address: calendar
    programs open ``webcal:`` as a subscription that keeps itself up to date."""
    if not address.startswith(("https://", "http://")):
        raise ValueError(f"refusing to subscribe to {address!r}")
    return Md(f"[{escape(label)}](webcal://{url(address).split('://', 1)[1]})")


def mailto(email: str) -> Md:
    return link(email, f"mailto:{email}")


def tel(phone: str) -> Md:
    digits = re.sub(r"[^0-9+]", "", phone)
    return link(phone, f"tel:{digits}")


def page_link(label: object, path: str) -> Md:
    """A link to another generated page, by its path relative to this page."""
    return Md(f"[{escape(label)}]({quote(path, safe='/.#-_')})")


def code(value: str) -> Md:
    """Inline code: shown as is, so no escapes inside; a backtick cannot close it early."""
    return Md(f"`{value.replace('`', chr(0x2018))}`")


def cell(value: object) -> Md:
    """A table cell: escaped text, or trusted Markdown, never empty."""
    shown = value if isinstance(value, Md) else escape(value)
    return shown if shown.strip() else Md("–")
