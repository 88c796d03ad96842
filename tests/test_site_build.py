"""The built site: nothing private in any file, no injected markup, all pages there."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from generator.write import MANIFEST

from .conftest import ROOT
from .dossiers import PRIVATE_MARKERS, PRIVATE_PHONES
from .scan import PAGEFIND_LIBRARY, files, page_problems, readings
from .site_build import BuiltSite, copy_project, run_build

# Real MkDocs builds of the whole site. `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow


def test_no_private_value_in_any_built_file(built_site: BuiltSite) -> None:
    built = files(built_site.site)
    assert len(built) > 50
    hits = []
    for path in built:
        name = str(path.relative_to(built_site.site)).casefold()
        if PAGEFIND_LIBRARY.search(name):
            continue  # search library code ("private-use area"), not data
        forms = readings(path)
        digits = re.sub(r"\D", "", forms[1])
        for marker in PRIVATE_MARKERS:
            if marker in name or any(marker in form for form in forms):
                hits.append(f"{path}: {marker}")
        hits += [f"{path}: {phone}" for phone in PRIVATE_PHONES if phone in digits]
    assert hits == []


def test_the_scan_finds_what_is_public(built_site: BuiltSite) -> None:
    """The same scan finds public markers, so a miss above means absence."""
    joined = "\n".join(form for path in files(built_site.site) for form in readings(path)[:2])
    for marker in ("public-place", "public-agreement", "public-email@bieb.example"):
        assert marker in joined, marker
    assert "0205550199" in re.sub(r"\D", "", joined)


def test_generated_docs_hold_no_private_value(built_site: BuiltSite) -> None:
    for lang in ("nl", "en"):
        for path in files(built_site.project / "content" / lang):
            text = path.read_text(encoding="utf-8").casefold()
            assert not any(marker in text for marker in PRIVATE_MARKERS), path


def test_hostile_text_stays_text(built_site: BuiltSite) -> None:
    assert built_site.hostile_values > 100
    # Not the browser editor's page: a copy of admin/index.html (tests/test_browser_cms.py).
    editor = built_site.site / "admin" / "index.html"
    pages = [p for p in files(built_site.site) if p.suffix == ".html" and p != editor]
    problems = []
    for page in pages:
        found = page_problems(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(built_site.site)}: {p}" for p in found]
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
        "pagefind/pagefind-entry.json",
        "en/pagefind/pagefind-entry.json",
    ):
        assert (site / page).is_file(), page
    assert not (site / "coalities" / "concept-dossier").exists()
    # Only the search library the finder uses; Pagefind's ready-made UIs are not served.
    for lang in ("", "en/"):
        assert (site / lang / "pagefind/pagefind.js").is_file()
        assert not list((site / lang / "pagefind").glob("pagefind-*ui*"))
        # Pagefind writes no empty file; an empty one is a write its program did not finish.
        index = [f for f in (site / lang / "pagefind").rglob("*") if f.is_file()]
        assert len(index) > 20
        assert [str(f) for f in index if not f.stat().st_size] == []
    # English is built beside Dutch in a folder of its own, then moved under site/.
    assert not list(built_site.project.glob(".site-*"))
    assert '<html lang="en"' in (site / "en/index.html").read_text(encoding="utf-8")
    english = (site / "en/coalitions/wijkzorg-samen/index.html").read_text(encoding="utf-8")
    assert 'lang="nl"' in english  # Dutch-only text is marked as Dutch


def test_stylesheets_load_nothing_from_another_origin(built_site: BuiltSite) -> None:
    sheets = [p for p in files(built_site.site) if p.suffix == ".css"]
    assert sheets
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        assert not re.search(r"""(@import|url\()\s*["']?(https?:)?//""", text), sheet
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, sheet


def test_a_failing_engine_build_fails_the_build(tmp_path: Path) -> None:
    """The two languages build side by side; either one failing is reported, exit 1,
    and nothing is published: site/ is replaced only when every language is built."""
    copy_project(tmp_path)
    config = tmp_path / "mkdocs.en.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnav: 5\n", encoding="utf-8")
    done = run_build(tmp_path)
    assert done.returncode == 1, done.stderr
    assert "MkDocs failed for mkdocs.en.yml" in done.stderr
    assert "the site was not changed" in done.stderr
    assert not (tmp_path / "site").exists()


_HREFLANG = re.compile(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link">')


def test_hreflang_links_name_the_matching_page_both_ways(built_site: BuiltSite) -> None:
    """The language switch of each page names the page itself and its other-language
    page (or that language's home); a counterpart exists and names this one back.
    The links are relative, so they hold under any site path. No <link
    rel="alternate" hreflang> in <head>: Material's would say "/" and "/en/"
    whatever the page and the site's path."""
    site = "https://example.org/repo/"  # as if published under a sub-path
    # Not the browser editor (admin/), which is Dutch-only and no page of the site.
    editor = built_site.site / "admin" / "index.html"
    pages = [p for p in files(built_site.site) if p.name == "index.html" and p != editor]
    links: dict[str, dict[str, str]] = {}
    for page in pages:
        address = urljoin(site, page.parent.relative_to(built_site.site).as_posix() + "/")
        text = page.read_text("utf-8")
        assert '<link rel="alternate" href' not in text, page
        links[address] = {lang: urljoin(address, href) for href, lang in _HREFLANG.findall(text)}
    paired = 0
    for address, named in links.items():
        lang = "en" if address.startswith(site + "en/") else "nl"
        assert named.get(lang) == address, (address, named)
        for other, target in named.items():
            assert target in links, (address, target)  # a page that was built
            home = site if lang == "nl" else site + "en/"
            if links[target].get(lang) != home:  # not a page without a counterpart
                assert links[target].get(lang) == address, (address, target)
                paired += other != lang
    assert paired >= 40  # the generated pages and the content pages with a counterpart


@pytest.mark.slow
def test_no_generated_file_is_committed(built_site: Any) -> None:
    """A page or feed the build writes must not also be in git: a fresh clone would then
    hold a stale copy, and the build refuses to overwrite a file it did not write."""
    tracked = set(
        subprocess.run(
            ["git", "ls-files", "-z", "content"], cwd=ROOT, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    generated = [
        f"content/{lang}/{line.strip()}"
        for lang in ("nl", "en")
        for line in (built_site.project / "content" / lang / MANIFEST)
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    assert len(generated) > 50
    assert [name for name in generated if name in tracked] == []
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        cwd=ROOT,
        input="\n".join(generated),
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert sorted(set(generated) - set(ignored)) == []
