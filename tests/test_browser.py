"""Every kind of page in a real browser, under the site's Content-Security-Policy.

Debian's Chromium, driven by Playwright, loads the built site from a local
server at phone and desktop widths. The server sends the policy the pages ship
in their meta element (overrides/main.html) as a real response header too, so
the policy is enforced whatever the meta says. A page passes with no policy
violation, no request to another origin, no console error and no axe-core
WCAG 2.1 A/AA violation. axe-core (installed from npm by the Makefile, never
part of the site) is served by the test server only, from its own address.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import importlib.resources
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from .conftest import ROOT
from .figures import record
from .screens import screenshot
from .site_build import BuiltSite

# Real browser runs on a real MkDocs build. `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
PAGES = (
    "",
    "coalities/",
    "coalities/gelijke-kansen-oost/",
    "coalities/vijandig/",
    "organisaties/",
    "organisaties/gemeente-dijkhaven/",
    "agenda/",
    "meedoen/",
    "uitleg/",
    "dossier-schrijven/",
    "toegankelijkheid/",
    "open-data/",
    "bijdragen/",
    "404.html",
    "en/",
    "en/coalitions/",
    "en/coalitions/palliatieve-zorg-netwerk/",
    "en/organisations/",
    "en/organisations/bibliotheek-dijkhaven/",
    "en/agenda/",
    "en/take-part/",
    "en/explanation/",
    "en/accessibility/",
    "en/open-data/",
    "en/contributing/",
    "en/404.html",
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The policy every page ships (overrides/main.html): everything from this site
# only, images also as data: URLs (Material's icons), no inline script or
# style, no eval.
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

# Material 9.8.1's inline scripts (SHA-256, first 16 hex digits) in the two
# partials overrides/partials/javascripts/ replaces with files of the same code.
# content.html's first script serves the content.tabs.link feature, which this
# site does not enable, so the override leaves it out.
_MOVED_SCRIPTS = {
    "base.html": ["cbd97fa31ed6cc39"],
    "content.html": ["d74bb3b582599bb3", "ffcc0f7735fdab43"],
}

# Test-only files the server adds beside the site; the site never links them.
_TEST_FILES = "/__test__/"
_AXE_URL = _TEST_FILES + "axe.min.js"
_BROKEN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Breaks the policy</title></head>
<body><main><p style="color: red">Inline style.</p>
<img src="http://localhost:{port}/elsewhere.png">
<script>window.inlineRan = true;</script>
<script src="/__test__/eval.js"></script></main></body></html>
"""
_EVAL_SCRIPT = b"try { eval('window.evalRan = true'); } catch (error) {}\n"

# Records every policy violation into the page, before any of its own scripts.
_LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
      `in ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""


class _Server(http.server.SimpleHTTPRequestHandler):
    """The built site plus the test files, every response with the policy header."""

    def __init__(self, *args: Any, test_files: dict[str, tuple[str, bytes]], **kwargs: Any) -> None:
        self.test_files = test_files
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", POLICY)
        super().end_headers()

    def do_GET(self) -> None:
        extra = self.test_files.get(self.path)
        if extra is None:
            super().do_GET()
            return
        kind, body = extra
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if self.path == _AXE_URL:  # the same for every page: a context fetches it once
            self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server(built_site: BuiltSite) -> Iterator[str]:
    files: dict[str, tuple[str, bytes]] = {}
    handler = functools.partial(_Server, directory=str(built_site.site), test_files=files)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = httpd.server_address[1]
    files[_AXE_URL] = ("text/javascript", AXE.read_bytes())
    files[_TEST_FILES + "eval.js"] = ("text/javascript", _EVAL_SCRIPT)
    files[_TEST_FILES + "broken.html"] = ("text/html", _BROKEN_PAGE.format(port=port).encode())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: run 'make test', which installs it"
    assert AXE.exists(), "axe-core is missing: run 'make test', which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@dataclass
class Findings:
    """What went wrong on one page: each list must stay empty."""

    violations: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)


def _context(browser: Browser, width: str = "desktop", **options: Any) -> BrowserContext:
    """A browser context whose pages record each policy violation into the page."""
    wide, high = WIDTHS[width]
    context = browser.new_context(viewport={"width": wide, "height": high}, **options)
    context.add_init_script(_LISTEN)
    return context


def _watch(context: BrowserContext, server: str) -> tuple[Page, Findings]:
    """A new page whose policy violations, other origins and console errors are kept."""
    found = Findings()
    page = context.new_page()
    page.on("console", lambda m: found.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(server) else found.foreign.append(r.url))
    return page, found


def _axe(page: Page, server: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    page.add_script_tag(url=server.rstrip("/") + _AXE_URL)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def _finish(page: Page, found: Findings, server: str) -> None:
    """Run axe-core, then, once the page has made no request for 500 ms (its own
    scripts' requests after `load` included: they are caught as other-origin
    requests too), collect the policy violations and record the figures. axe takes
    longer than that, so the wait for the quiet network costs next to nothing here,
    where a `goto(..., wait_until="networkidle")` before axe would cost it in full."""
    found.axe += _axe(page, server)
    page.wait_for_load_state("networkidle")
    found.violations += page.evaluate("window.__violations")
    record("browser: pages checked", 1)
    record("browser: CSP violations (must be 0)", len(found.violations))
    record("browser: other-origin requests (must be 0)", len(found.foreign))
    record("browser: console errors (must be 0)", len(found.errors))
    record("browser: axe violations (must be 0)", len(found.axe))


def test_every_page_ships_the_policy(built_site: BuiltSite) -> None:
    """The meta element is the first thing in <head>, once, with exactly the policy."""
    # The browser editor's page has its own policy (tests/test_browser_cms.py).
    editor = built_site.site / "admin" / "index.html"
    pages = sorted(p for p in built_site.site.rglob("*.html") if p != editor)
    assert len(pages) > 50
    wrong = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        head = text[text.index("<head>") + len("<head>") :].lstrip()
        first = head.startswith('<meta http-equiv="Content-Security-Policy"')
        if _META.findall(text) != [POLICY] or not first:
            wrong.append(str(path.relative_to(built_site.site)))
    assert wrong == []


def test_material_still_has_the_inline_scripts_we_moved() -> None:
    """Our overrides replace two partials of Material with files of the same code.

    When an upgrade of Material changes either partial, this fails: bring
    overrides/assets/javascripts/material-*.js up to date, then the hashes here.
    """
    templates = importlib.resources.files("material") / "templates/partials/javascripts"
    for name, hashes in _MOVED_SCRIPTS.items():
        scripts = re.findall(r"<script>(.*?)</script>", (templates / name).read_text(), re.DOTALL)
        assert [hashlib.sha256(s.encode()).hexdigest()[:16] for s in scripts] == hashes, name
    assert "content.tabs.link" not in (ROOT / "mkdocs.base.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("page_path", PAGES)
def test_page_in_a_real_browser(browser: Browser, server: str, page_path: str, width: str) -> None:
    context = _context(browser, width)
    page, found = _watch(context, server)
    response = page.goto(server + page_path, wait_until="load")  # _finish waits for the rest
    assert response is not None and response.status == 200
    assert response.headers["content-security-policy"] == POLICY
    _finish(page, found, server)
    name = (page_path.strip("/").replace("/", "_") or "home") + f"-{width}.png"
    screenshot(page, name, full_page=True)
    context.close()
    assert found.violations == []
    assert found.errors == []
    assert found.foreign == []
    assert found.axe == []


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("start", ["", "en/"])
def test_search_dialog_finds_and_passes_axe(
    browser: Browser, server: str, start: str, width: str
) -> None:
    """Pagefind loads its WebAssembly and index chunks: all under the policy."""
    context = _context(browser, width)
    page, found = _watch(context, server)
    page.goto(server + start, wait_until="networkidle")
    page.keyboard.press("/")  # the keyboard shortcut focuses search at every width
    page.keyboard.type("Zilvermeeuw")
    page.keyboard.press("Enter")  # opens the finder page with the words
    page.wait_for_selector(".dossiers-finder__result", timeout=30_000)  # a shared machine is slow
    # Judge the results as a reader sees them: after Material's fade-in has ended.
    # (Polled with evaluate: wait_for_function evaluates in the page, which the policy forbids.)
    for _ in range(100):
        if page.evaluate("document.getAnimations().every(a => a.playState !== 'running')"):
            break
        page.wait_for_timeout(100)
    _finish(page, found, server)
    screenshot(page, f"search-{start.strip('/') or 'nl'}-{width}.png")
    titles = page.locator(".dossiers-finder__title").all_inner_texts()
    context.close()
    assert any("Zilvermeeuw" in title for title in titles), titles
    assert found.violations == []
    assert found.errors == []
    assert found.foreign == []
    assert found.axe == []


def test_the_checks_catch_a_page_that_breaks_the_policy(browser: Browser, server: str) -> None:
    """The listeners are live: inline script and style, eval and other origins all show."""
    context = _context(browser)
    page, found = _watch(context, server)
    page.goto(server + _TEST_FILES.lstrip("/") + "broken.html", wait_until="load")
    page.wait_for_function("window.__violations.length >= 4")
    blocked = page.evaluate("[window.inlineRan, window.evalRan]")
    violations = page.evaluate("window.__violations")
    context.close()
    directives = {v.split()[0] for v in violations}
    assert {"script-src-elem", "script-src", "style-src-attr", "img-src"} <= directives
    assert blocked == [None, None]
    assert found.errors  # Chromium reports each refusal on the console too

    # Without the policy the other-origin request goes out, and is caught.
    context = _context(browser, bypass_csp=True)
    page, found = _watch(context, server)
    page.goto(server + _TEST_FILES.lstrip("/") + "broken.html", wait_until="load")
    axe = _axe(page, server)
    context.close()
    assert any(url.endswith("/elsewhere.png") for url in found.foreign)
    assert any(v.startswith("image-alt") for v in axe)


@pytest.mark.parametrize(
    "page_path", ["coalities/gelijke-kansen-oost/", "en/coalitions/gezonde-haven/", "organisaties/"]
)
def test_charts_show_without_javascript(browser: Browser, server: str, page_path: str) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(server + page_path, wait_until="load")
    figures = page.locator("figure img")
    count = figures.count()
    sizes = [
        figures.nth(i).evaluate("img => img.complete ? img.naturalWidth : 0") for i in range(count)
    ]
    alts = [figures.nth(i).get_attribute("alt") for i in range(count)]
    captions = page.locator("figure figcaption").count()
    context.close()
    assert count >= 1
    assert all(width > 100 for width in sizes), sizes
    assert all(alts), alts
    assert captions == count


@pytest.mark.parametrize(
    ("page_path", "ids"),
    [
        ("coalities/gezonde-haven/", ["agenda", "contact"]),
        ("en/coalitions/gelijke-kansen-oost/", ["agenda", "contact"]),
    ],
)
def test_a_coalition_page_reaches_agenda_take_part_and_contact_from_the_top(
    browser: Browser, server: str, page_path: str, ids: list[str]
) -> None:
    """On a phone the card (with how to take part and whom to ask) and the contents
    ("Op deze pagina") end within two screens; one tap there reaches Agenda and Contact."""
    context = _context(browser, "phone")
    page = context.new_page()
    page.goto(server + page_path, wait_until="load")
    screen = WIDTHS["phone"][1]
    card_bottom = page.evaluate("document.querySelector('.glance').getBoundingClientRect().bottom")
    card_labels = page.locator(".glance strong").all_inner_texts()
    contents = page.locator("nav.page-contents")
    contents_bottom = contents.evaluate("nav => nav.getBoundingClientRect().bottom")
    targets = [a.get_attribute("href") for a in contents.locator("a").all()]
    for anchor in ids:
        page.locator(f"nav.page-contents a[href='#{anchor}']").click()
        page.wait_for_timeout(100)
        top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
        assert 0 <= top < screen - 100, (anchor, top)  # the last section cannot scroll higher
    missing = page.evaluate(
        "hrefs => hrefs.filter(h => !document.getElementById(h.slice(1)))", targets
    )
    context.close()
    assert card_bottom < 2 * screen
    assert contents_bottom < 2 * screen
    assert any(label.startswith(("Meedoen", "How to join")) for label in card_labels), card_labels
    assert any(label.startswith("Contact") for label in card_labels), card_labels
    assert {f"#{anchor}" for anchor in ids} <= set(targets)
    assert missing == []


@pytest.mark.parametrize("start", ["", "en/"])
def test_no_heading_breaks_inside_a_word_on_a_phone(
    browser: Browser, server: str, built_site: BuiltSite, start: str
) -> None:
    """A long Dutch word in a heading ("Samenwerkingsverbanden") stays whole at 390 px."""
    context = _context(browser, "phone")
    page = context.new_page()
    broken = {}
    for path in (
        ("", "coalities/", "organisaties/", "open-data/")
        if not start
        else ("", "coalitions/", "organisations/", "open-data/")
    ):
        page.goto(server + start + path, wait_until="load")
        words = page.evaluate(
            """() => [...document.querySelectorAll('.md-content h1, .md-content h2')].flatMap(h => {
                const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
                const split = [];
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const match of node.data.matchAll(/\\S+/g)) {
                        const range = document.createRange();
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + match[0].length);
                        const tops = [...range.getClientRects()].map(r => Math.round(r.top));
                        const lines = new Set(tops);
                        if (lines.size > 1) split.push(match[0]);
                    }
                }
                return split;
            })"""
        )
        if words:
            broken[path] = words
    context.close()
    assert broken == {}


def test_every_other_page_under_the_policy(
    browser: Browser, server: str, built_site: BuiltSite
) -> None:
    """The pages not in PAGES, once each at desktop width: the same four checks."""
    shown = {server + path for path in PAGES}
    addresses = sorted(
        server + str(path.relative_to(built_site.site)).removesuffix("index.html")
        for path in built_site.site.rglob("*.html")
        if path.parent.name != "admin"  # the editor: tests/test_browser_cms.py
    )
    context = _context(browser)
    failed = {}
    for address in addresses:
        if address in shown:
            continue
        page, found = _watch(context, server)
        response = page.goto(address, wait_until="load")
        assert response is not None and response.status == 200, address
        _finish(page, found, server)
        page.close()
        if found != Findings():
            failed[address] = found
    context.close()
    record("browser: site pages, every one checked", len(addresses))
    assert failed == {}
