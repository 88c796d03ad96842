"""A coalition's history in a real browser: the Wijzigingen section, the matrix trail
and the objectives' earlier states, at 375 and 1280 px.

The shared example build (``test_browser.py``'s ``server``) comes from a copy
without git history, so this module builds its own small project once: the
history of ``tests/test_history.py`` (a partner that moved twice, a draft
period, a rename, an invalid revision) and a dossier whose objective moved.
It is served like the shared build, with the policy as a response header and
axe-core from the test server's own address.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from .screens import screenshot
from .test_browser import (
    _AXE_URL,
    AXE,
    POLICY,
    _context,
    _finish,
    _Server,
    _watch,
    browser,
)
from .test_browser_agenda import _TABLES
from .test_history import _git, _objectives_into, build_project, project_with_history

__all__ = ["browser"]  # the fixture, imported for pytest to find

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not AXE.exists(), reason="no axe-core")]

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
PAGES = {
    "coalities/lezen-noord/": ("wijzigingen", "Eerdere posities"),
    "en/coalitions/lezen-noord/": ("changes", "Earlier positions"),
    "coalities/doelen-noord/": ("wijzigingen", "Eerdere stand van de doelen"),
    "en/coalitions/doelen-noord/": ("changes", "Objectives earlier"),
}

# The heading's section up to the next heading of any level: its tables and list items.
_SECTION = """([id, heading]) => {
  const start = id ? document.getElementById(id)
    : [...document.querySelectorAll('.md-content h3')].find(h => h.textContent.trim() === heading);
  if (!start) return null;
  const found = {tables: 0, items: 0, dates: 0, visible: start.getBoundingClientRect().height > 0};
  for (let node = start.nextElementSibling; node && !/^H[1-3]$/.test(node.tagName);
       node = node.nextElementSibling) {
    found.tables += node.querySelectorAll('table').length + (node.tagName === 'TABLE' ? 1 : 0);
    found.items += node.tagName === 'UL' ? node.querySelectorAll('li').length : 0;
    found.dates += node.classList.contains('history-date') ? 1 : 0;
  }
  return found;
}"""


@pytest.fixture(scope="module")
def history_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One real build of a project with history, served on a local port."""
    project = tmp_path_factory.mktemp("browser-history") / "project"
    project_with_history(project)
    _objectives_into(project, "doelen-noord.yml")
    assert _git(project, "status", "--porcelain", "--", "coalitions") == ""
    build_project(project)
    files = {_AXE_URL: ("text/javascript", AXE.read_bytes())}
    handler = functools.partial(_Server, directory=str(project / "site"), test_files=files)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("page_path", list(PAGES))
def test_the_history_reads_and_passes_the_checks(
    browser: Browser, history_server: str, page_path: str, width: str
) -> None:
    """The changes section lists dated revisions, the earlier-positions (or objectives)
    table is there, no table hides columns without a cue, and the page passes
    axe-core, the policy and the no-other-origin rule."""
    server = history_server
    changes, earlier = PAGES[page_path]
    context = _context(browser, width)
    wide, high = WIDTHS[width]
    page, found = _watch(context, server)
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.set_viewport_size({"width": wide, "height": high})
    response = page.goto(server + page_path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert response.headers["content-security-policy"] == POLICY
    section = page.evaluate(_SECTION, [changes, ""])
    table = page.evaluate(_SECTION, ["", earlier])
    tables = page.evaluate(_TABLES)
    _finish(page, found, server)
    name = page_path.strip("/").replace("/", "_")
    screenshot(page, f"history_{name}_{wide}.png", full_page=True)
    context.close()
    assert section is not None and section["visible"], section
    assert section["dates"] >= 3 and section["items"] >= section["dates"], section
    assert table is not None and table["visible"] and table["tables"] == 1, table
    for box in tables:
        assert box["past_edge"] <= 1, box  # the box itself stays on the screen
        if box["hidden"] > 1:
            assert box["scrolls"] and box["cue"], box
    assert missing == []
    assert found.violations == []
    assert found.errors == []
    assert found.foreign == []
    assert found.axe == []


def test_the_feed_link_in_the_head_loads(browser: Browser, history_server: str) -> None:
    """The page's <link rel="alternate"> names its Atom feed, which the server gives."""
    context = _context(browser, "desktop")
    page, _found = _watch(context, history_server)
    page.goto(history_server + "coalities/lezen-noord/", wait_until="load")
    href = page.evaluate(
        "document.querySelector('link[rel~=alternate][type=\"application/atom+xml\"]').href"
    )
    feed = page.request.get(href)
    status, body = feed.status, feed.body()
    context.close()
    assert status == 200
    assert b"<feed" in body and href.startswith(history_server)
