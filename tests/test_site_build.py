"""The built site: nothing private in any file, no injected markup, all pages there."""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from .dossiers import PRIVATE_MARKERS, PRIVATE_PHONES
from .site_build import BuiltSite

_INLINE_SCRIPTS = (
    "__md_scope=new URL(",
    "var target=document.getElementById(location.hash.slice(1))",
)
_BUNDLE = re.compile(r"^(\.\./)*(/en/|/)?assets/javascripts/(bundle\.[0-9a-f]+\.min|dossiers)\.js$")
_ALLOWED_LINK = re.compile(r"^(https?://|mailto:|tel:|#|\.|/|[a-z0-9_-])", re.IGNORECASE)


def _files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def _readings(path: Path) -> list[str]:
    """The file's text, and the same text decoded every way a value could hide."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    json_decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    forms = [text, html.unescape(text), json_decoded.replace("\\/", "/"), unquote(text)]
    forms.append(html.unescape(unquote(html.unescape(json_decoded))))
    return [unicodedata.normalize("NFKC", form).casefold() for form in forms]


def test_no_private_value_in_any_built_file(built_site: BuiltSite) -> None:
    files = _files(built_site.site)
    assert len(files) > 50
    hits = []
    for path in files:
        name = str(path.relative_to(built_site.site)).casefold()
        readings = _readings(path)
        digits = re.sub(r"\D", "", readings[1])
        for marker in PRIVATE_MARKERS:
            if marker in name or any(marker in form for form in readings):
                hits.append(f"{path}: {marker}")
        hits += [f"{path}: {phone}" for phone in PRIVATE_PHONES if phone in digits]
    assert hits == []


def test_the_scan_finds_what_is_public(built_site: BuiltSite) -> None:
    """The same scan finds public markers, so a miss above means absence."""
    joined = "\n".join(form for path in _files(built_site.site) for form in _readings(path)[:2])
    for marker in ("public-place", "public-agreement", "public-email@bieb.example"):
        assert marker in joined, marker
    assert "0205550199" in re.sub(r"\D", "", joined)


def test_generated_docs_hold_no_private_value(built_site: BuiltSite) -> None:
    for lang in ("nl", "en"):
        for path in _files(built_site.project / "content" / lang):
            text = path.read_text(encoding="utf-8").casefold()
            assert not any(marker in text for marker in PRIVATE_MARKERS), path


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            linked = name in ("href", "src", "action", "formaction", "xlink:href")
            if linked and value and not _ALLOWED_LINK.match(value.strip()):
                self.problems.append(f"<{tag} {name}={value!r}>")
        # The theme uses none of these; a dossier must not add them.
        forbidden = tag in ("iframe", "object", "embed", "style", "base", "math", "frame")
        if forbidden or (tag == "meta" and values.get("http-equiv")):
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


def test_hostile_text_stays_text(built_site: BuiltSite) -> None:
    assert built_site.hostile_values > 100
    pages = [p for p in _files(built_site.site) if p.suffix == ".html"]
    problems = []
    for page in pages:
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(built_site.site)}: {p}" for p in parser.problems]
    assert problems == []


def test_hostile_strings_show_as_written(built_site: BuiltSite) -> None:
    page = built_site.site / "coalities" / "vijandig" / "index.html"
    shown = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    for fragment in (
        "<script>alert('x')</script>",
        "[klik](javascript:alert(1))",
        "{{ 7*7 }} {% raw %}",
        '{: onclick="alert(1)" }',
    ):
        assert fragment in shown, fragment


def test_every_kind_of_page_is_built_in_both_languages(built_site: BuiltSite) -> None:
    site = built_site.site
    for page in (
        "index.html",
        "coalities/index.html",
        "coalities/gelijke-kansen-oost/index.html",
        "organisaties/index.html",
        "organisaties/gemeente-dijkhaven/index.html",
        "agenda/index.html",
        "meedoen/index.html",
        "uitleg/index.html",
        "dossier-schrijven/index.html",
        "toegankelijkheid/index.html",
        "en/index.html",
        "en/coalitions/index.html",
        "en/coalitions/gelijke-kansen-oost/index.html",
        "en/organisations/gemeente-dijkhaven/index.html",
        "en/agenda/index.html",
        "en/take-part/index.html",
        "en/explanation/index.html",
        "en/accessibility/index.html",
        "search/search_index.json",
        "en/search/search_index.json",
    ):
        assert (site / page).is_file(), page
    assert not (site / "coalities" / "concept-dossier").exists()
    assert '<html lang="en"' in (site / "en/index.html").read_text(encoding="utf-8")
    english = (site / "en/coalitions/wijkzorg-samen/index.html").read_text(encoding="utf-8")
    assert 'lang="nl"' in english  # Dutch-only text is marked as Dutch


def test_stylesheets_load_nothing_from_another_origin(built_site: BuiltSite) -> None:
    sheets = [p for p in _files(built_site.site) if p.suffix == ".css"]
    assert sheets
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        assert not re.search(r"""(@import|url\()\s*["']?(https?:)?//""", text), sheet
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, sheet
