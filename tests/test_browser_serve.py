"""`make serve` in a real browser, as a coordinator uses it: a broken dossier
shows its Dutch problem on the open page within seconds (live reload, no
manual refresh), the fixed dossier shows the change, and the English site and
the language switch work in the preview.

The real command runs in a copy of the project; the browser is Debian's
Chromium driven by Playwright, as in tests/test_browser.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page

from .conftest import ROOT
from .figures import record
from .screens import screenshot
from .site_build import copy_project
from .test_browser import _context, browser  # noqa: F401  (a fixture)
from .test_serve import _free_port, _get

pytestmark = pytest.mark.slow

DOSSIER = "gezonde-haven"
PAGE = f"/coalities/{DOSSIER}/"
NOTICE = "De dossiers hebben 1 probleem"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The real `dossiers serve` (Dutch, the default) on a free port, and its project."""
    project = tmp_path_factory.mktemp("serve") / "project"
    copy_project(project)
    # mkdocs.serve*.yml name the hooks by their path in the repository.
    (project / "generator").symlink_to(ROOT / "generator", target_is_directory=True)
    for config in ("mkdocs.serve.yml", "mkdocs.serve.en.yml"):
        shutil.copy(ROOT / config, project / config)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DOSSIERS_LANG"} | {"PYTHONUNBUFFERED": "1"}
    log = (project / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _get(f"{base}/en/")[0] == 200, server, 180)  # English follows Dutch
        yield base, project
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        print((project / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:])


def _wait(check: object, server: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped"
        if callable(check) and check():
            return
        time.sleep(0.5)
    raise AssertionError("the preview did not come up in time")


# The server's log lines that mark its work on a save (MkDocs' and generator/hooks.py's).
_CHANGED = "Detected file changes"  # MkDocs saw a save and starts the Dutch rebuild
_DUTCH = "Documentation built in"  # ... which has ended
_ENGLISH = "de Engelse voorvertoning op /en/ is bijgewerkt"  # then the English preview too


def _events(project: Path, start: int) -> list[str]:
    """The log's rebuild events after byte offset `start`, in order."""
    with (project / "serve.log").open("rb") as log:
        log.seek(start)
        lines = log.read().decode("utf-8", errors="replace").splitlines()
    return [kind for line in lines for kind in (_CHANGED, _DUTCH, _ENGLISH) if kind in line]


def _mark(project: Path) -> int:
    """Where the log ends now: the saves after this are what `_settled` waits for."""
    return (project / "serve.log").stat().st_size


def _settled(project: Path, start: int, *, saved: bool, seconds: float = 120) -> None:
    """Until the server has finished what the saves since log offset `start` began,
    both languages: its last event is the English preview swapped in after the last
    Dutch rebuild, and stays so for one second (a second rebuild of the same save
    would come within it). With `saved`, a save must have been seen since `start`.
    Fails, with the events, if that takes longer than `seconds`: a server that
    rebuilds on and on, or an English preview that never comes, is a failure, and
    no figure taken after it would mean anything."""
    deadline = time.monotonic() + seconds
    since: float | None = None
    events: list[str] = []
    while time.monotonic() < deadline:
        events = _events(project, start)
        seen = _CHANGED in events or not saved
        if seen and events and events[-1] == _ENGLISH:
            if since is None:
                since = time.monotonic()
            elif time.monotonic() - since >= 1:
                return
        else:
            since = None
        time.sleep(0.1)
    counted = {kind: events.count(kind) for kind in (_CHANGED, _DUTCH, _ENGLISH)}
    raise AssertionError(
        f"the server did not settle within {seconds} s of a save: {counted}, "
        f"the last events {events[-6:]}"
    )


def _shows(page: Page, text: str, seconds: float) -> bool:
    """Whether the open page comes to show `text` within `seconds`, by itself."""
    try:
        page.get_by_text(text).first.wait_for(timeout=seconds * 1000)
        return True
    except Exception:
        return False


def test_a_broken_dossier_shows_in_dutch_on_the_open_page_and_goes_when_fixed(
    browser: Browser,  # noqa: F811
    served: tuple[str, Path],
) -> None:
    base, project = served
    dossier = project / "coalitions" / f"{DOSSIER}.yml"
    good = dossier.read_text(encoding="utf-8")
    for width in ("phone", "desktop"):
        context = _context(browser, width)
        page = context.new_page()
        assert (response := page.goto(base + PAGE, wait_until="load")) and response.ok
        assert page.get_by_text(NOTICE).count() == 0
        _settled(project, 0, saved=False)  # the start, or the last width's saves
        before = _mark(project)
        dossier.write_text(good + "\nonbekend_veld: 1\n", encoding="utf-8")
        # With no reload by hand. The issue asks for 5 s; that is a figure, recorded
        # (an idle machine gives 3-4 s), not a timing assert on a shared machine.
        saved = time.monotonic()
        assert _shows(page, NOTICE, 60), "the Dutch problem did not show by itself"
        record(
            f"serve: ms from save to the Dutch problem on the page ({width})",
            int((time.monotonic() - saved) * 1000),
        )
        alert = page.get_by_role("alert")
        text = alert.inner_text()
        assert f"coalitions/{DOSSIER}.yml:" in text and "onbekend veld 'onbekend_veld'" in text
        # The other language's rebuild may reload the page once more: when the server
        # has done both, the notice must still be there, and is what the screenshot shows.
        _settled(project, before, saved=True)
        assert _shows(page, NOTICE, 30), "the Dutch problem went while the dossier is broken"
        screenshot(page, f"serve-problem-{width}.png")
        # Fixed, and changed: the page drops the notice and shows the new name.
        before = _mark(project)
        dossier.write_text(good.replace("name: Gezonde Haven", "name: Gezonde Haven Noord", 1))
        assert _shows(page, "Gezonde Haven Noord", 30), "the fixed dossier did not show"
        assert page.get_by_text(NOTICE).count() == 0
        dossier.write_text(good, encoding="utf-8")
        page.get_by_role("heading", name="Gezonde Haven", exact=True).wait_for(timeout=30_000)
        context.close()
        _settled(project, before, saved=True)


def test_the_english_site_and_the_language_switch_work_in_the_preview(
    browser: Browser,  # noqa: F811
    served: tuple[str, Path],
) -> None:
    base, project = served
    _settled(project, 0, saved=False)  # no live reload navigates the page while it is read
    context = _context(browser, "desktop")
    page = context.new_page()
    page.goto(base + PAGE, wait_until="load")
    english = urljoin(
        page.url, page.locator(".md-select__link[hreflang='en']").first.get_attribute("href") or ""
    )
    response = page.goto(english, wait_until="load")
    assert response is not None and response.status == 200
    assert page.url == f"{base}/en/coalitions/{DOSSIER}/"
    assert page.locator("html").get_attribute("lang") == "en"
    dutch = urljoin(
        page.url, page.locator(".md-select__link[hreflang='nl']").first.get_attribute("href") or ""
    )
    assert (response := page.goto(dutch, wait_until="load")) and response.status == 200
    assert page.url == base + PAGE
    context.close()
