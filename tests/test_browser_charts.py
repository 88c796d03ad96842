"""Charts on a phone (375 px): drawn at their own size, so no chart text is smaller
than about 10 CSS px; every chart links to its full-size drawing; axe and the
content policy stay clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, ViewportSize

from .test_browser import _LISTEN, _finish, _watch, browser, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow

PHONE: ViewportSize = {"width": 375, "height": 812}
SMALLEST = 9.5  # CSS px: "about 10"
CHART_PAGES = (
    "coalities/gezonde-haven/",
    "coalities/gelijke-kansen-oost/",
    "organisaties/",
    "en/coalitions/palliatieve-zorg-netwerk/",
    "en/organisations/",
)
_FONT = re.compile(r'font-size="([0-9.]+)px"')

# Per chart: the drawing's smallest font, the scale it is shown at, and its links.
_MEASURE = """
async figures => Promise.all(figures.map(async figure => {
  const img = figure.querySelector("img");
  const around = img.closest("a");
  const caption = [...figure.querySelectorAll("figcaption a")].map(a => a.href);
  const drawing = await (await fetch(img.src)).text();
  return {
    src: img.src,
    shown: img.getBoundingClientRect().width,
    natural: img.naturalWidth,
    around: around ? around.href : null,
    caption: caption,
    drawing: drawing,
  };
}))
"""


@pytest.mark.parametrize("page_path", CHART_PAGES)
def test_chart_text_stays_readable_on_a_phone_and_opens_full_size(
    browser: Browser,  # noqa: F811
    server: str,  # noqa: F811
    page_path: str,
) -> None:
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(_LISTEN)
    page, found = _watch(context, server)
    page.goto(server + page_path, wait_until="networkidle")
    charts = page.locator("figure").evaluate_all(_MEASURE)
    _finish(page, found, server)
    context.close()
    assert charts, "a chart page without charts"
    smallest = []
    for chart in charts:
        assert chart["src"].endswith(".svg")
        assert chart["around"] == chart["src"], "the figure opens its drawing"
        assert chart["src"] in chart["caption"], "the caption links the drawing"
        fonts = [float(size) for size in _FONT.findall(chart["drawing"])]
        assert fonts, chart["src"]
        smallest.append(min(fonts) * chart["shown"] / chart["natural"])
    assert min(smallest) >= SMALLEST, smallest
    assert found.violations == []
    assert found.foreign == []
    assert found.axe == []
