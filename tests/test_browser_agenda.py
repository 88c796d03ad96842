"""The agenda, take-part and table layouts in a real browser, at phone and desktop width.

Uses the browser, server and build of ``test_browser.py``; the pages are the
built example site.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .screens import screenshot
from .test_browser import _context, _finish, _watch, browser, server

__all__ = ["browser", "server"]  # the fixtures, imported for pytest to find

pytestmark = pytest.mark.slow

# 375 px is the narrowest phone the issue measures; 1280 px a desktop.
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
TABLE_PAGES = (
    "coalities/gelijke-kansen-oost/",
    "coalities/palliatieve-zorg-netwerk/",
    "organisaties/",
    "open-data/",
    "en/coalitions/gelijke-kansen-oost/",
    "en/coalitions/palliatieve-zorg-netwerk/",
    "en/organisations/",
)

# Per table: how far it is wider than the box it sits in, and whether that box
# scrolls sideways and draws the edge shadows that say so.
_TABLES = """() => [...document.querySelectorAll('.md-content table')].map(table => {
  const box = table.closest('.md-typeset__scrollwrap') || table;
  const style = getComputedStyle(box);
  return {
    head: table.querySelector('th') ? table.querySelector('th').textContent.trim() : '',
    hidden: table.scrollWidth - box.clientWidth,
    scrolls: ['auto', 'scroll'].includes(style.overflowX),
    cue: style.backgroundImage.includes('radial-gradient'),
    past_edge: box.getBoundingClientRect().right - document.documentElement.clientWidth,
  };
})"""


@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("page_path", TABLE_PAGES)
def test_no_table_hides_columns_without_a_cue(
    browser: Browser, server: str, page_path: str, width: str, script: bool
) -> None:
    """A table wider than its box scrolls and shows a shadow at the hidden edge, with
    or without JavaScript (which wraps tables); at 1280 px the tables of a coalition
    page fit whole (up to "Financiering")."""
    context = _context(browser, width, java_script_enabled=script)
    wide, high = WIDTHS[width]
    page = context.new_page()
    page.set_viewport_size({"width": wide, "height": high})
    page.goto(server + page_path, wait_until="load")
    tables = page.evaluate(_TABLES)
    name = page_path.strip("/").replace("/", "_")
    if script:
        screenshot(page, f"tables_{name}_{wide}.png", full_page=True)
    context.close()
    assert tables, page_path
    for table in tables:
        assert table["past_edge"] <= 1, table  # the box itself stays on the screen
        if table["hidden"] > 1:
            assert table["scrolls"] and table["cue"], table
    if width == "desktop" and "/coalit" in page_path:
        assert [t for t in tables if t["hidden"] > 1] == []


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("page_path", ["agenda/", "meedoen/", "en/agenda/", "en/take-part/"])
def test_the_agenda_lists_and_folds_and_passes_the_checks(
    browser: Browser, server: str, page_path: str, width: str
) -> None:
    """Subscribe comes first; each activity is one line (date, title, place, badges) that
    opens to its details; its own calendar file loads; axe-core and the policy pass."""
    context = _context(browser, width)
    wide, high = WIDTHS[width]
    page, found = _watch(context, server)
    page.set_viewport_size({"width": wide, "height": high})
    page.goto(server + page_path, wait_until="load")
    webcal = page.locator("a[href^='webcal:']")
    assert webcal.count() >= 1
    first_feed = webcal.first.evaluate("a => a.getBoundingClientRect().top")
    items = page.locator("details.agenda-item")
    assert items.count() >= 2
    first_item = items.first.evaluate("d => d.getBoundingClientRect().top")
    assert first_feed < first_item
    assert first_feed < 2 * high  # within two screens of the top, also on a phone
    closed = items.first.evaluate("d => d.getBoundingClientRect().height")
    summary = items.first.locator("summary")
    assert summary.locator(".agenda-when").inner_text().strip()
    assert summary.locator(".agenda-title").inner_text().strip()
    summary.click()
    opened = items.first.evaluate("d => d.getBoundingClientRect().height")
    assert opened > closed
    link = items.first.locator("a[href$='.ics']").first
    href = link.get_attribute("href") or ""
    response = page.request.get(page.url.split("#")[0].rsplit("/", 1)[0] + "/" + href)
    assert response.ok and response.body().startswith(b"BEGIN:VCALENDAR"), href
    name = page_path.strip("/").replace("/", "_")
    screenshot(page, f"agenda_{name}_{wide}.png", full_page=True)
    _finish(page, found, server)
    context.close()
    assert found.violations == [] and found.foreign == [] and found.errors == []
    assert found.axe == []
