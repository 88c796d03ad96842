"""Every kind of page in a real browser: no errors, no other origins, no axe violations.

Debian's Chromium, driven by Playwright, loads the built site from a local
server at phone and desktop widths. axe-core (installed from npm by the
Makefile, never served with the site) checks WCAG 2.1 A and AA.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from .conftest import ROOT
from .site_build import BuiltSite

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"
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
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_site.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
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


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("page_path", PAGES)
def test_page_in_a_real_browser(browser: Browser, server: str, page_path: str, width: str) -> None:
    wide, high = WIDTHS[width]
    context = browser.new_context(viewport={"width": wide, "height": high})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(server) else None)
    response = page.goto(server + page_path, wait_until="networkidle")
    assert response is not None and response.status == 200
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = (page_path.strip("/").replace("/", "_") or "home") + f"-{width}.png"
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
    context.close()
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert errors == []
    assert foreign == []
    assert violations == []


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("start", ["", "en/"])
def test_search_dialog_finds_and_passes_axe(
    browser: Browser, server: str, start: str, width: str
) -> None:
    wide, high = WIDTHS[width]
    context = browser.new_context(viewport={"width": wide, "height": high})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + start, wait_until="networkidle")
    page.keyboard.press("/")  # the keyboard shortcut opens search at every width
    page.keyboard.type("Dijkhaven")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-{start.strip('/') or 'nl'}-{width}.png"))
    found = page.locator(".md-search-result__item").count()
    context.close()
    assert found > 0
    assert errors == []
    assert [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
    ] == []


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
