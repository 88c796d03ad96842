"""The site's chrome in a real browser: the language switch under a sub-path,
the 404 page as GitHub Pages and a plain web server serve it, and the footer.

The built site is served under /repo/ (as the shipped Pages workflow publishes
it), with the same policy header as tests/test_browser.py and the 404 page for
every missing address.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser

from generator.render.labels import SECTIONS

from .conftest import ROOT
from .screens import screenshot
from .site_build import BuiltSite
from .test_browser import (
    _AXE_URL,
    AXE,
    POLICY,
    _context,
    _finish,
    _watch,
    browser,  # noqa: F401  (a fixture)
)

pytestmark = pytest.mark.slow

PREFIX = "/repo/"

# Dutch page -> its English counterpart, as a reader expects the switch to go.
COUNTERPARTS = [
    ("", "en/"),
    ("coalities/", "en/coalitions/"),
    ("coalities/gelijke-kansen-oost/", "en/coalitions/gelijke-kansen-oost/"),
    ("organisaties/gemeente-dijkhaven/", "en/organisations/gemeente-dijkhaven/"),
    ("agenda/", "en/agenda/"),
    ("meedoen/", "en/take-part/"),
    ("open-data/", "en/open-data/"),
    ("uitleg/", "en/explanation/"),
    ("bijdragen/", "en/contributing/"),
    ("toegankelijkheid/", "en/accessibility/"),
]


class _Pages(http.server.SimpleHTTPRequestHandler):
    """The site under `prefix`, each response with the policy; a missing address
    gets the 404 page (the English one under en/, as a plain server is set up)."""

    def __init__(self, *args: Any, site: Path, prefix: str, **kwargs: Any) -> None:
        self.site, self.prefix = site, prefix
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", POLICY)
        super().end_headers()

    def do_GET(self) -> None:
        if self.path == _AXE_URL:
            self._send(200, "text/javascript", AXE.read_bytes())
            return
        if self.path.startswith(self.prefix):
            inner = self.path[len(self.prefix) :].split("?")[0]
            target = self.site / inner
            if target.is_file() or (target / "index.html").is_file():
                self.path = "/" + self.path[len(self.prefix) :]
                super().do_GET()
                return
            missing = self.site / ("en/404.html" if inner.startswith("en/") else "404.html")
        else:
            missing = self.site / "404.html"
        self._send(404, "text/html; charset=utf-8", missing.read_bytes())

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(site: Path, prefix: str) -> Iterator[str]:
    handler = functools.partial(_Pages, site=site, prefix=prefix)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def sub_path(built_site: BuiltSite) -> Iterator[str]:
    yield from _serve(built_site.site, PREFIX)


@pytest.fixture(scope="module")
def at_root(built_site: BuiltSite) -> Iterator[str]:
    yield from _serve(built_site.site, "/")


def test_the_switch_map_covers_every_section() -> None:
    """The map in mkdocs.yml / mkdocs.en.yml names every generated section."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    nl = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), _Loader)["extra"]["counterpart"]
    en = yaml.load((ROOT / "mkdocs.en.yml").read_text("utf-8"), _Loader)["extra"]["counterpart"]
    for key, folder in SECTIONS["nl"].items():
        assert nl[folder] == SECTIONS["en"][key]
    assert {v: k for k, v in nl.items()} == en


@pytest.mark.parametrize(("dutch", "english"), COUNTERPARTS)
def test_language_switch_lands_on_the_matching_page_under_a_sub_path(
    browser: Browser,  # noqa: F811
    sub_path: str,
    dutch: str,
    english: str,
) -> None:
    context = _context(browser, "desktop")
    page, found = _watch(context, sub_path.removesuffix(PREFIX.lstrip("/")))
    for here, there in ((dutch, english), (english, dutch)):
        response = page.goto(sub_path + here, wait_until="load")
        assert response is not None and response.status == 200, here
        link = page.locator(
            ".md-select__link[hreflang='{}']".format("nl" if here.startswith("en/") else "en")
        )
        page.goto(link.first.evaluate("a => a.href"), wait_until="load")
        assert page.url == sub_path + there, f"from {here}"
        assert page.title()  # a real page, not the 404
        assert "404" not in (page.locator("h1").first.text_content() or "")
    context.close()
    assert found.foreign == []


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize(
    ("missing", "first", "second"),
    [
        ("no/such/page/", "nl", "en"),  # GitHub Pages: the one top-level 404.html
        ("en/no/such/page/", "en", "nl"),  # a plain server: /en/404.html
    ],
)
def test_404_page_says_it_in_its_language_and_offers_a_way_on(
    browser: Browser,  # noqa: F811
    at_root: str,
    missing: str,
    first: str,
    second: str,
    width: str,
) -> None:
    context = _context(browser, width)
    page, found = _watch(context, at_root)
    response = page.goto(at_root + missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    sections = page.locator("section.dossiers-404")
    assert sections.count() == 2
    assert sections.nth(0).get_attribute("lang") == first
    assert sections.nth(1).get_attribute("lang") == second
    heading = sections.nth(0).locator("h1").text_content() or ""
    assert heading == ("Deze pagina bestaat niet" if first == "nl" else "This page does not exist")
    # Chromium logs the page's own 404 status as an error: that one is expected, once.
    status = [error for error in found.errors if "status of 404" in error]
    assert len(status) == 1, found.errors
    found.errors.remove(status[0])
    _finish(page, found, at_root)
    screenshot(page, f"404-{first}-{width}.png", full_page=True)
    # Every way onward works from this depth: home, the coalitions, and search.
    hrefs = sections.nth(0).locator("a").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) == 2
    for href in hrefs:
        assert page.request.get(href).status == 200, href
    form = sections.nth(0).locator("form[role=search]")
    assert page.request.get(form.evaluate("f => f.action")).status == 200
    context.close()
    assert found.violations == []
    assert found.errors == []
    assert found.foreign == []
    assert found.axe == []


@pytest.mark.parametrize(
    ("path", "statement", "words"),
    [
        ("coalities/", "toegankelijkheid/", "Bijgewerkt op"),
        ("en/organisations/gemeente-dijkhaven/", "en/accessibility/", "Updated on"),
    ],
)
def test_footer_shows_publisher_contact_and_links_that_work(
    browser: Browser,  # noqa: F811
    sub_path: str,
    path: str,
    statement: str,
    words: str,
) -> None:
    settings = yaml.safe_load((ROOT / "site.yml").read_text("utf-8"))
    context = _context(browser, "phone")
    page, _ = _watch(context, sub_path)
    page.goto(sub_path + path, wait_until="load")
    footer = page.locator(".dossiers-footer")
    text = footer.text_content() or ""
    assert settings["publisher"]["organisation"] in text
    assert words in text and "2026" in text
    mail = footer.locator("a[href^='mailto:']").get_attribute("href")
    assert mail == "mailto:" + settings["publisher"]["email"]
    links = footer.locator("a[href]:not([href^='mailto:']):not([href^='https:'])")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert sub_path + statement in hrefs
    for href in hrefs:
        assert page.request.get(href).status == 200, href
    page.goto(sub_path + statement, wait_until="load")
    body = page.locator("article").text_content() or ""
    assert "ombudsman" in body and settings["accessibility"]["email"] in body
    context.close()
