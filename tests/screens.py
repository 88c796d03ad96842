"""Screenshots of the browser tests, for people to look at: no test reads them.

Taken only when asked, with ``pytest --screenshots`` or ``SCREENSHOTS=1``, into
build/screenshots/. A full-page picture of a tall page costs seconds, and the
checks themselves never need one.
"""

from __future__ import annotations

from typing import Any

from .conftest import ROOT

SCREENSHOTS = ROOT / "build" / "screenshots"
_wanted = [False]


def want(on: bool) -> None:
    """Whether this run takes the screenshots (set from the option by conftest.py)."""
    _wanted[0] = on


def wanted() -> bool:
    return _wanted[0]


def screenshot(target: Any, name: str, *, full_page: bool = False) -> None:
    """`target` (a page, or a locator for one element) as build/screenshots/`name`,
    when this run takes screenshots; otherwise nothing."""
    if not _wanted[0]:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    options = {"full_page": True} if full_page else {}
    target.screenshot(path=str(SCREENSHOTS / name), **options)
