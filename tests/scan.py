"""Scanning built files: every way a value could hide, and markup a dossier must not add.

Shared by the build test (tests/test_site_build.py), the leak suite
(tests/test_leaks.py) and the hostile-strings suite (tests/test_hostile.py).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, unquote_plus

_INLINE_SCRIPTS = (
    "__md_scope=new URL(",
    "var target=document.getElementById(location.hash.slice(1))",
)
_BUNDLE = re.compile(
    r"^(\.\./)*(/en/|/)?(assets/javascripts/"
    r"(bundle\.[0-9a-f]+\.min|dossiers|material-start|material-content|search)"
    r"|pagefind/pagefind-ui)\.js$"
)
# Pagefind's own library files: the same bytes whatever the dossiers say (its
# index files, pagefind-entry.json and *.pf_*, are data and are scanned).
PAGEFIND_LIBRARY = re.compile(
    r"(^|/)pagefind/(pagefind(-[a-z-]+)?\.(js|css)|wasm\.[a-z_-]+\.pagefind)$"
)
_ALLOWED_LINK = re.compile(r"^(https?://|mailto:|tel:|#|\.|/|[a-z0-9_-])", re.IGNORECASE)
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_LINK_SCHEMES = {"http", "https", "mailto", "tel"}
# The agenda's subscribe links: webcal: to a calendar file, nothing else.
_WEBCAL = re.compile(r"^webcal://[^?#\s]+\.ics$", re.IGNORECASE)
# \uXXXX (with surrogate pairs), \UXXXXXXXX (YAML), and the short JSON escapes.
_JSON_ESCAPE = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")
_SHORT_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "/": "/", '"': '"', "b": "\b", "f": "\f"}
_TAG = re.compile(r"<[^>]*>")
_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Runs of what a phone number or an amount may be written with: digits and separators.
_NUMBER_RUN = re.compile(r"[0-9][0-9 ()+.,\-\u00a0\u202f]*")


# Pagefind writes its filter and metadata files, their names and the entry file that
# names them in an order that changes from run to run (Pagefind issue #638: fragments
# and word indexes are stable, "filter/metadata indexes" are not). They are made from
# the built pages alone, which are compared byte for byte here, and the marker scan
# reads them decompressed.
PAGEFIND_UNSTABLE = re.compile(
    r"^(site/)?(en/)?pagefind/(filter/\w+\.pf_filter|pagefind\.\w+\.pf_meta|pagefind-entry\.json"
    r"|wasm\.unknown\.pagefind)$"
)


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _json_unescape(text: str) -> str:
    def pair(m: re.Match[str]) -> str:
        high, low = int(m.group(1), 16), int(m.group(2), 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    def single(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"

    text = _UNICODE_ESCAPE.sub(single, _JSON_ESCAPE.sub(pair, text))
    return re.sub(r"\\([ntr/\"bf])", lambda m: _SHORT_ESCAPES[m.group(1)], text)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def decode_text(data: bytes, gzipped: bool = False) -> list[str]:
    """A file's text, and the same text decoded every way a value could hide.

    Gzip, JSON and YAML escapes, HTML entities (twice, for escapes of escapes),
    URL encoding, markup between the characters, backslash escapes, invisible
    characters; every form normalised (NFKC) and case-folded.
    """
    if gzipped:
        # Pagefind's files end without gzip's end-of-stream marker, which
        # gzip.decompress refuses; a decompressor object reads them whole.
        data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data)
    text = data.decode("utf-8", errors="replace")
    json_decoded = _json_unescape(text)
    entities = html.unescape(text)
    everything = html.unescape(html.unescape(unquote(html.unescape(json_decoded))))
    forms = [
        text,
        entities,
        json_decoded,
        unquote(text),
        unquote_plus(entities),
        everything,
        html.unescape(_TAG.sub("", everything)),
        _INVISIBLE.sub("", re.sub(r"\\(.)", r"\1", html.unescape(_TAG.sub("", entities)))),
    ]
    return [_normal(form) for form in forms]


def readings(path: Path) -> list[str]:
    """decode_text() of a file, decompressed when it is gzip (by its name or its first bytes:
    the search index's fragments, indexes, filters and metadata are all gzip)."""
    data = path.read_bytes()
    return decode_text(data, gzipped=path.suffix == ".gz" or data[:2] == b"\x1f\x8b")


def number_runs(text: str) -> list[str]:
    """The digits of each run of digits and separators: how phone numbers are compared."""
    return [re.sub(r"\D", "", run) for run in _NUMBER_RUN.findall(text)]


def national_digits(phone: str) -> str:
    """A Dutch phone number's digits without the 0 or +31 in front, as it shows in any form."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+31") or digits.startswith("0031"):
        return digits.removeprefix("00").removeprefix("31")
    return digits.removeprefix("0")


class PageCheck(HTMLParser):
    """Markup a dossier must not add: elements, event handlers, foreign scripts, odd links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links = 0
        self._script: dict[str, str | None] | None = None
        self._script_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            linked = name in ("href", "src", "action", "formaction", "xlink:href", "srcset")
            if linked and value:
                self.links += 1
                # Browsers drop tabs and newlines inside a URL and trim the spaces around it.
                target = re.sub(r"[\t\n\r]", "", value).strip("\x00- ")
                scheme = _SCHEME.match(target)
                if _WEBCAL.match(target):
                    continue
                if not _ALLOWED_LINK.match(target) or (
                    scheme and scheme.group(1).lower() not in _LINK_SCHEMES
                ):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        # The theme uses none of these; a dossier must not add them.
        forbidden = tag in ("iframe", "object", "embed", "style", "base", "math", "frame", "applet")
        if forbidden or (tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh"):
            self.problems.append(f"<{tag}>")
        loaded = values.get("src") if tag != "link" else values.get("href")
        loads = tag in ("img", "script", "source", "audio", "video", "track", "embed") or (
            tag == "link" and values.get("rel") in ("stylesheet", "icon", "preload", "manifest")
        )
        if loads and loaded and re.match(r"^([a-z][a-z0-9+.-]*:|//)", loaded.strip(), re.I):
            self.problems.append(f"<{tag}> loads from another origin: {loaded}")
        if tag == "script":
            self._script, self._script_text = values, ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        src = self._script.get("src")
        if src is not None:
            if not _BUNDLE.match(src):
                self.problems.append(f"<script src={src!r}>")
        elif self._script.get("id") == "__config":
            json.loads(self._script_text)
        elif self._script.get("type") == "application/ld+json":
            json.loads(self._script_text)  # event metadata: data, never run
            if "</" in self._script_text:
                self.problems.append("</ inside JSON-LD")
        elif not self._script_text.strip().startswith(_INLINE_SCRIPTS):
            self.problems.append(f"<script>{self._script_text[:60]!r}")
        self._script = None


def page_problems(text: str) -> list[str]:
    parser = PageCheck()
    parser.feed(text)
    parser.close()
    return parser.problems
