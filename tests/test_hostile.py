"""Hostile strings in every free-text field: the site shows them as text, the data keeps them.

The corpus (tests/hostile.py, over 500 strings) is cycled over every string
field the schema accepts free text in (found by trying, tests/site_build.py),
in Dutch and English, across copies of every shipped example dossier, so each
string lands in at least one published field and each field gets many
strings. The whole lot is built once for real. Then every HTML page is parsed
(no element, attribute or link a dossier added), and every iCalendar and
JSON file is read back: the hostile values come back as written.
PROOF_SCALE=10 makes ten times as many copies, each with a different cut.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import subprocess
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest

from generator.errors import DossierError, render
from generator.load import RawDossier
from generator.public import PublicSite
from generator.render.exports import FORMULA_STARTS, TABLES, safe_cell
from generator.site import generate
from generator.validate import ValidDossier, validate

from .builds import PROOF_SCALE, Build, build
from .composed import feeds as render_feeds
from .composed import publish
from .dossiers import replace_at
from .figures import record
from .hostile import CORPUS
from .planted import PUBLIC_BASES, _bases, dossier_dir, free_text_paths
from .scan import files, page_problems
from .site_build import BUILD_DATE

Path_ = tuple[Any, ...]
# Written as YAML escapes, these reach a value; the schema refuses them with a clear problem
# (they broke the iCalendar feeds and crashed the chart renderer).
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
ACCEPTED_PLAIN = tuple(s for s in CORPUS if not _REFUSED.search(s))
REFUSED = tuple(s for s in CORPUS if _REFUSED.search(s))
# Text a reader could be misled by: bidi overrides anywhere, other bidi controls without
# right-to-left letters, or nothing visible at all (zero-width, fillers, combining marks).
_OVERRIDE = re.compile("[\u202d\u202e]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_DRAWN_NOTHING = "\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5"


def _misleads(text: str) -> bool:
    if not any(unicodedata.category(c)[0] in "LNPS" and c not in _DRAWN_NOTHING for c in text):
        return True
    rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)
    return bool(_OVERRIDE.search(text) or (_BIDI.search(text) and not rtl))


MISLEADING = tuple(s for s in ACCEPTED_PLAIN if _misleads(s))
ACCEPTED = tuple(s for s in ACCEPTED_PLAIN if not _misleads(s))
# RFC 5545: CONTROL characters (all of US-ASCII's but tab) may not appear in a content line.
SOFFICE = Path("/usr/bin/soffice")
_ICAL_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@cache
def _text_paths(base: str) -> frozenset[Path_]:
    """Free-text paths that take localized text ({nl, en}) of any length, not just a name."""
    raw = _bases()[base]
    found = set()
    for path in free_text_paths(base):
        if path[-1] in ("nl", "en"):
            found.add(path)
            continue
        probe = replace_at(raw.data, path, {"nl": "x" * 300, "en": "y"})
        if isinstance(validate(RawDossier(raw.file, raw.slug, probe, raw.positions)), ValidDossier):
            found.add(path)
    return frozenset(found)


def _is_private(data: Any, path: Path_) -> bool:
    """Whether the value at this path is never published (the rules of publish.py)."""
    if "notes" in path:
        return True
    if len(path) >= 2 and path[0] in ("agenda", "agreements", "contacts", "places"):
        item = data[path[0]][path[1]]
        if not item["public"]:
            return True
        if path[0] == "agreements" and item["status"] == "draft":
            return True
    return False


@dataclass
class Placement:
    slug: str
    path: Path_
    value: str
    public: bool


@dataclass(frozen=True)
class HostileSite:
    build: Build
    site: PublicSite
    placements: list[Placement]
    dossiers: dict[str, Any]


def _slots(base: str) -> list[tuple[Path_, bool]]:
    """(path, takes long text) for every free-text value of a skeleton, English added."""
    raw = _bases()[base]
    long_ok = _text_paths(base)
    slots = []
    for path in sorted(free_text_paths(base), key=repr):
        if path[-1] in ("nl", "en") or path not in long_ok:
            slots.append((path, path in long_ok))
        else:
            slots += [((*path, "nl"), True), ((*path, "en"), True)]
    assert raw.data
    return slots


class _Cycle:
    """The accepted corpus, round and round; strings too long for a name wait for a text."""

    def __init__(self, start: int = 0) -> None:
        self.position = start
        self.waiting: list[str] = []

    def next(self, long_ok: bool) -> str:
        fits = [s for s in self.waiting if long_ok or len(s) <= 200]
        if fits:
            self.waiting.remove(fits[0])
            return fits[0]
        while True:
            value = ACCEPTED[self.position % len(ACCEPTED)]
            self.position += 1
            if long_ok or len(value) <= 200:
                return value
            self.waiting.append(value)


def hostile_dossiers(copies: int) -> tuple[dict[str, Any], list[Placement]]:
    """Copies of every example with the corpus cycled over their free-text fields.

    Published fields and private ones (notes, private items) each cycle through
    the corpus on their own, so every string reaches a published field; as
    many copies as that takes, and at least `copies`. A field gets a different
    string in every copy.
    """
    dossiers: dict[str, Any] = {}
    placements: list[Placement] = []
    published, private = _Cycle(), _Cycle(len(ACCEPTED) // 2)
    n = 0
    while n < copies or published.position < len(ACCEPTED) or published.waiting:
        for base in PUBLIC_BASES:
            slug = f"vijandig-{n}-{base}"[:63]
            data = copy.deepcopy(_bases()[base].data)
            for path, long_ok in _slots(base):
                public = not _is_private(data, path)
                value = (published if public else private).next(long_ok)
                if not public:
                    # Marked as its own, so no public field of the dossier repeats it:
                    # that would be a private value typed into public text, which
                    # check refuses (tests/test_private_text.py).
                    value = f"{value} [privé {len(placements)}]"
                container = path[:-1]
                if path[-1] in ("nl", "en") and path not in free_text_paths(base):
                    # A plain string becomes {nl, en}: the first half of the pair fills nl.
                    current = _get(data, container)
                    if not isinstance(current, dict):
                        data = replace_at(data, container, {"nl": value})
                    else:
                        data = replace_at(data, container, {**current, path[-1]: value})
                else:
                    data = replace_at(data, path, value)
                placements.append(Placement(slug, path, value, public))
            dossiers[slug] = data
        n += 1
    return dossiers, placements


def _get(data: Any, path: Path_) -> Any:
    for key in path:
        data = data[key]
    return data


def _published(dossiers: dict[str, Any]) -> PublicSite:
    with tempfile.TemporaryDirectory() as folder:
        try:
            outputs = generate(dossier_dir(Path(folder), dossiers), date.fromisoformat(BUILD_DATE))
        except DossierError as err:
            raise AssertionError(render(err.problems, "text")) from None
    return outputs.site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    dossiers, placements = hostile_dossiers(2 * PROOF_SCALE)
    try:
        site = _published(dossiers)  # in-process first: a crash shows its traceback
        built = build(tmp_path_factory.mktemp("hostile"), dossiers)
    except Exception:
        record("crashes (must be 0)", 1)
        raise
    record("crashes (must be 0)", 0)
    record("hostile strings", len(CORPUS))
    record("hostile strings x fields tried", len(placements))
    return HostileSite(built, site, placements, dossiers)


def test_misleading_text_is_refused_with_a_position() -> None:
    """Invisible-only text and bidi tricks: a clear problem at the field, in every field tried."""
    assert len(MISLEADING) >= 3
    tried = 0
    for base in PUBLIC_BASES:
        raw = _bases()[base]
        for n, path in enumerate(sorted(free_text_paths(base), key=repr)):
            if "notes" in path:
                continue  # internal notes are never published, so any text will do
            value = MISLEADING[n % len(MISLEADING)]
            data = replace_at(raw.data, path, value)
            outcome = validate(RawDossier(raw.file, raw.slug, data, raw.positions))
            assert not isinstance(outcome, ValidDossier), (path, value)
            messages = " ".join(p.message for p in outcome)
            assert any(
                words in messages
                for words in ("invisible characters", "reorders the text", "text-direction")
            ), outcome
            assert all(p.line > 1 for p in outcome), outcome
            tried += 1
    record("hostile: misleading text refused", tried)


def test_control_characters_are_refused_with_a_position() -> None:
    """Strings with control characters: a clear problem at the field, in every field tried."""
    assert len(REFUSED) >= 10
    tried = 0
    for base in PUBLIC_BASES:
        raw = _bases()[base]
        for n, path in enumerate(sorted(free_text_paths(base), key=repr)):
            if "notes" in path:
                continue  # internal notes are never published, so any text will do
            value = REFUSED[n % len(REFUSED)]
            data = replace_at(raw.data, path, value)
            outcome = validate(RawDossier(raw.file, raw.slug, data, raw.positions))
            assert not isinstance(outcome, ValidDossier), (path, value)
            assert any("control character" in p.message for p in outcome), outcome
            assert all(p.line > 1 for p in outcome), outcome
            tried += 1
    record("hostile strings x fields tried", tried)
    record("hostile: control characters refused", tried)


@pytest.mark.slow
def test_every_string_lands_in_a_published_field(hostile_site: HostileSite) -> None:
    published = {p.value for p in hostile_site.placements if p.public}
    assert len(CORPUS) >= 500
    assert set(ACCEPTED) <= published
    fields = Counter(
        tuple("[]" if isinstance(k, int) else k for k in p.path) for p in hostile_site.placements
    )
    assert len(fields) > 60
    # Every kind of field gets several strings (a field in a list, once per item and copy).
    assert min(fields.values()) >= 2 * PROOF_SCALE


@pytest.mark.slow
def test_no_page_gains_markup_or_a_link(hostile_site: HostileSite) -> None:
    # The browser editor's page is admin/index.html copied as it is, no dossier text
    # in it (tests/test_browser_cms.py); its scripts are the editor's own.
    editor = hostile_site.build.site / "admin" / "index.html"
    pages = [p for p in files(hostile_site.build.site) if p.suffix == ".html" and p != editor]
    assert len(pages) > 40
    problems = []
    for page in pages:
        found = page_problems(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(hostile_site.build.site)}: {p}" for p in found]
    record("hostile: pages parsed", len(pages))
    assert problems == []


class _Heading(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.h1 = ""
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "title"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "h1":
            self.h1 += data
        elif self._in == "title":
            self.title += data


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.slow
def test_names_show_as_written_in_heading_and_title(hostile_site: HostileSite) -> None:
    checked = 0
    for coalition in hostile_site.site.coalitions:
        for folder, lang in (("coalities", ""), ("coalitions", "en/")):
            page = hostile_site.build.site / f"{lang}{folder}" / coalition.slug / "index.html"
            heading = _Heading()
            heading.feed(page.read_text(encoding="utf-8"))
            name = _flat(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "\ufffd", coalition.name))
            assert _flat(heading.h1) == name, page
            assert _flat(heading.title).startswith(name), page
            checked += 1
    assert checked == 2 * len(hostile_site.site.coalitions)


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return {s for item in value.values() for s in _strings(item)}
    if isinstance(value, list):
        return {s for item in value for s in _strings(item)}
    return set()


@pytest.mark.slow
def test_json_files_parse_and_keep_the_values(hostile_site: HostileSite) -> None:
    site = hostile_site.build.site
    found = [p for p in files(site) if p.suffix == ".json"]
    for path in found:
        json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads((site / "open-data" / "dossiers.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    everything = json.loads((site / "open-data" / "dossiers.json").read_text("utf-8"))
    assert list(validator.iter_errors(everything)) == []
    missing = []
    for slug in hostile_site.dossiers:
        data = json.loads((site / "open-data" / "coalitions" / f"{slug}.json").read_text("utf-8"))
        assert list(validator.iter_errors(data)) == [], slug
        published = _strings(data)
        for placement in hostile_site.placements:
            here = placement.slug == slug and placement.public
            if here and placement.value.strip() not in published:
                missing.append((slug, placement.path, placement.value[:40]))
    record("hostile: JSON files read back", len(found))
    assert missing == [], missing
    # Private placements never reach the data (the values repeat, so only where unique).
    counts = Counter(p.value for p in hostile_site.placements)
    private_only = {
        p.value.strip()
        for p in hostile_site.placements
        if not p.public and counts[p.value] == 1 and len(p.value.strip()) > 3
    }
    assert not private_only & _strings(everything)


@pytest.mark.slow
def test_calendars_parse_and_keep_the_values(hostile_site: HostileSite) -> None:
    site = hostile_site.build.site
    feeds = [p for p in files(site) if p.suffix == ".ics"]
    assert len(feeds) >= 2 * len(hostile_site.site.coalitions)
    titles = {}
    for coalition in hostile_site.site.coalitions:
        for activity in coalition.agenda:
            for lang in ("nl", "en"):
                titles[(coalition.slug, activity.id, lang)] = activity.title.get(lang)[0]
    problems = []
    events = 0
    for path in feeds:
        raw = path.read_bytes().decode("utf-8")
        lines = raw.split("\r\n")
        bad = [line for line in lines if _ICAL_CONTROL.search(line)]
        problems += [f"{path.name}: control character in {line[:50]!r}" for line in bad]
        calendar = icalendar.Calendar.from_ical(raw)
        lang = "en" if "/en/" in f"/{path.relative_to(site)}" else "nl"
        for component in calendar.walk():
            if component.name in ("VALARM", "VTODO", "VJOURNAL"):
                problems.append(f"{path.name}: injected {component.name}")
            for field in ("ATTENDEE", "ATTACH", "ORGANIZER"):
                if field in component:
                    problems.append(f"{path.name}: injected {field}")
            if component.name != "VEVENT":
                continue
            events += 1
            uid = str(component["UID"]).split("@", 1)[0]
            slug, activity_id = uid.split(".", 1)
            expected = titles[(slug, activity_id, lang)].replace("\r\n", "\n").replace("\r", "\n")
            if str(component["SUMMARY"]) != expected:
                problems.append(f"{path.name}: SUMMARY {component['SUMMARY']!r} != {expected!r}")
    public_events = sum(len(c.agenda) for c in hostile_site.site.coalitions)
    assert events >= 2 * public_events  # each in its coalition's feed, in both languages
    record("hostile: calendar events read back", events)
    assert problems == []


def _site_from(minimal_text: str) -> PublicSite | list[str]:
    from generator.load import read_bytes

    raw = read_bytes(minimal_text.encode("utf-8"), "samen-lezen.yml", "samen-lezen.yml")
    assert isinstance(raw, RawDossier), raw
    valid = validate(raw)
    if not isinstance(valid, ValidDossier):
        return [f"{p.line}:{p.column}: {p.path}: {p.message}" for p in valid]

    return publish([valid], date.fromisoformat(BUILD_DATE))


def _minimal() -> str:
    from .conftest import FIXTURES

    return (FIXTURES / "minimal.yml").read_text(encoding="utf-8")


def test_a_line_break_in_a_coalition_name_does_not_crash_the_feeds() -> None:
    """Found by this suite: icalendar refused the calendar NAME with a line break in it."""

    site = _site_from(_minimal().replace("name: Samen lezen", 'name: "Samen\\nlezen"', 1))
    assert isinstance(site, PublicSite), site
    for lang in ("nl", "en"):
        for path, text in render_feeds(site, lang, "http://localhost:8000/").items():
            calendar = icalendar.Calendar.from_ical(text)
            assert "\n" not in str(calendar["NAME"]), path
            if path.startswith(("coalities/", "coalitions/")):
                assert str(calendar["X-WR-CALNAME"]).endswith(": Samen lezen"), path


@pytest.mark.parametrize("escape", ["\\0", "\\x1b", "\\x7f", "\\uFFFE", "\\x0b"])
def test_a_control_character_written_as_an_escape_is_refused(escape: str) -> None:
    """Found by this suite: a NUL in a partner name aborted the chart renderer (a Rust
    panic that ends the process), and control characters went raw into the feeds."""
    for old, new in (
        ("name: Bibliotheek Noord", f'name: "Biblio{escape}theek"'),
        ("title: Voorleesochtend", f'title: "Voor{escape}lees"'),
        ("title: Voorleesochtend", f'title: {{nl: "Voor{escape}lees", en: Reading}}'),
        ("    name: Lezen", f'    name: {{nl: Lezen, en: "Read{escape}ing"}}'),
    ):
        text = _minimal().replace(old, new, 1)
        assert text != _minimal()
        line = next(n for n, row in enumerate(text.splitlines(), start=1) if new in row)
        problems = _site_from(text)
        assert isinstance(problems, list), new
        assert len(problems) == 1 and "control character" in problems[0], problems
        assert problems[0].startswith(f"{line}:"), (problems, line)


@pytest.mark.parametrize(
    "injected",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<a href="  JaVaScRiPt:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<a href="vbscript:x">x</a>',
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)></svg>",
        "<iframe src=x></iframe>",
        "<script>alert(1)</script>",
        "<script src=https://elders.example/x.js></script>",
        '<img src="https://elders.example/p.gif">',
        "<style>body{}</style>",
        '<meta http-equiv="refresh" content="0">',
    ],
)
def test_the_page_check_sees_each_injection(injected: str) -> None:
    """The HTML check is not blind: each injection, alone in a page, is reported."""
    assert page_problems(f"<html><body><p>tekst</p>{injected}</body></html>") != []
    assert (
        page_problems('<html><body><p><a href="https://x.example/">x</a></p></body></html>') == []
    )


class _Text(HTMLParser):
    """The text a reader sees on a page: no scripts, no markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _shown(value: str) -> str:
    """A value as a page shows it: white space collapsed, C1 controls replaced."""
    return re.sub(r"[\x80-\x9f]", "\ufffd", _flat(value))


# Published in the open data only; no page shows an objective's contribution (yet).
# Published in the open data, not on the pages: what a partner contributes to an
# objective, and a theme's description (the pages name the themes).
NOT_ON_PAGES = {("objectives", "contribution"), ("themes", "description")}


def _on_pages(hostile_site: HostileSite, p: Placement) -> bool:
    """Whether the pages show this value: a past activity is listed by its date and
    title only (its details stay in the open data and the calendars)."""
    if not p.public or p.path[::2][:2] in NOT_ON_PAGES:
        return False
    if p.path[0] == "agenda" and p.path[2] != "title":
        start = str(hostile_site.dossiers[p.slug]["agenda"][p.path[1]]["start"])
        return start[:10] >= BUILD_DATE
    return True


@pytest.mark.slow
def test_published_values_show_as_written(hostile_site: HostileSite) -> None:
    """Each published value is on some page as literal text: no Markdown, HTML or
    template syntax in it was acted on (that would have changed the text)."""
    shown = []
    for page in files(hostile_site.build.site):
        if page.suffix == ".html":
            reader = _Text()
            reader.feed(page.read_text(encoding="utf-8"))
            shown.append(_flat("".join(reader.parts)))
    text = "\n".join(shown)
    checked = [p for p in hostile_site.placements if _on_pages(hostile_site, p)]
    missing = sorted(
        {(repr(p.path), _shown(p.value)[:50]) for p in checked if _shown(p.value) not in text}
    )
    record("hostile: values found as text on the pages", len(checked) - len(missing))
    assert missing == [], missing


@pytest.mark.slow
def test_drawings_stay_drawings(hostile_site: HostileSite) -> None:
    """Every chart drawing is well-formed SVG with no script, handler or outside link."""
    import xml.etree.ElementTree as ET

    drawings = [p for p in files(hostile_site.build.site) if p.suffix == ".svg"]
    assert len(drawings) >= 2 * len(hostile_site.site.coalitions)
    problems = []
    for drawing in drawings:
        root = ET.fromstring(drawing.read_bytes())
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag in ("script", "foreignObject", "iframe", "use", "image", "a"):
                problems.append(f"{drawing.name}: <{tag}>")
            for name, value in element.attrib.items():
                local = name.rsplit("}", 1)[-1]
                if local.startswith("on") or (local == "href" and not value.startswith("#")):
                    problems.append(f"{drawing.name}: {local}={value[:40]!r}")
    record("hostile: drawings parsed", len(drawings))
    assert problems == []


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


@pytest.mark.slow
def test_csv_cells_never_start_like_a_formula(hostile_site: HostileSite) -> None:
    """Every CSV cell a spreadsheet could run (=, +, -, @, tab, CR first) is guarded as text."""
    site = hostile_site.build.site
    tables = sorted((site / "open-data").glob("*.csv")) + sorted(
        (site / "en" / "open-data").glob("*.csv")
    )
    assert len(tables) == 2 * len(TABLES)
    cells = [cell for table in tables for cell in _cells(table.read_text("utf-8"))]
    risky = [c for c in cells if c.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(c)]
    assert risky == []
    guarded = {c[1:] for c in cells if c.startswith("'") and c[1:].startswith(FORMULA_STARTS)}
    # Corpus strings that start like a formula reached the tables, whole behind the apostrophe.
    assert guarded and guarded <= {s.strip() for s in ACCEPTED} | set(ACCEPTED)
    record("hostile: CSV cells guarded against formulas", len(guarded))


def _formula_cells(folder: Path, tables: list[Path]) -> dict[str, int]:
    """How many cells LibreOffice Calc reads as formulas, per CSV file it opens."""
    assert SOFFICE.exists(), "LibreOffice Calc is missing: run 'make test', which installs it"
    out = folder / "calc"
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "fods",
            "--outdir",
            str(out),
            *map(str, tables),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {
        table.name: (out / f"{table.stem}.fods").read_text("utf-8").count("table:formula=")
        for table in tables
    }


@pytest.mark.slow
def test_a_spreadsheet_finds_no_formula_in_the_open_data(
    hostile_site: HostileSite, tmp_path: Path
) -> None:
    """Opened in LibreOffice Calc, the hostile site's CSV files hold text, not formulas."""
    site = hostile_site.build.site
    tables = []
    for lang, folder in (("nl", site / "open-data"), ("en", site / "en" / "open-data")):
        for table in sorted(folder.glob("*.csv")):
            copied = tmp_path / f"{lang}-{table.name}"
            copied.write_bytes(table.read_bytes())
            tables.append(copied)
    # Every string of the corpus in one column, guarded as the exports guard their cells.
    corpus = tmp_path / "corpus.csv"
    with corpus.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows([safe_cell(s)] for s in ACCEPTED)
    # The same check on the unguarded corpus finds formulas, so a zero below means something.
    control = tmp_path / "unguarded.csv"
    with control.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows([s] for s in ACCEPTED)
    found = _formula_cells(tmp_path, [control, corpus, *tables])
    assert found.pop(control.name) >= 2
    assert len(found) == 2 * len(TABLES) + 1
    assert found == dict.fromkeys(found, 0)
