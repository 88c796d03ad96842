"""The browser editor (/admin/, Sveltia CMS) in headless Chromium, with the real bundle.

No GitHub: the editor's local repository mode, given a folder from the
browser's own origin-private file system (``showDirectoryPicker`` is replaced
by one that returns it, as the issue suggests). Each example dossier, in the
canonical layout, is opened, an activity's title, start and public switch are
changed and a partner is added, and saved; the saved file, put into the
canonical layout again (what the workflow does with a pull request from the
editor), differs from the original in exactly those lines, passes the check,
and ``dossiers diff`` reports the changes.

The page is served as GitHub Pages serves it (no policy header), so the page's
own policy (admin/index.html) is the one in force. Every request for another
origin is refused here and recorded, and must not happen.
"""

from __future__ import annotations

import difflib
import functools
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page

from generator.admin import PAGE, add_editor
from generator.diff import summarise
from generator.layout import canonical
from generator.load import RawDossier, read_bytes
from generator.settings import DEFAULTS
from generator.validate import ValidDossier, validate

from .builds import PROOF_SCALE
from .conftest import ROOT
from .screens import screenshot
from .test_browser import AXE, AXE_TAGS, browser  # noqa: F401  (a fixture)

pytestmark = pytest.mark.slow

EXAMPLES = sorted((ROOT / "coalitions").glob("*.yml"))
# A save is tried on the largest example and on the draft; PROOF_SCALE > 1 tries every
# one (tests/test_format.py checks that each is already written the way the editor writes).
SAVED = (
    EXAMPLES
    if PROOF_SCALE > 1
    else [p for p in EXAMPLES if p.stem in ("gezonde-haven", "jongeren-op-koers")]
)
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}

# The browser's own file system as the "local repository" the editor asks for.
_PICKER = """
window.showDirectoryPicker = async () => {
  const root = await navigator.storage.getDirectory();
  await root.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(%s)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const file = await dir.getFileHandle(parts.at(-1), {create: true});
    const out = await file.createWritable();
    await out.write(text);
    await out.close();
  }
  return root;
};
"""

_READ = """async (name) => {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle('coalitions');
  return await (await (await dir.getFileHandle(name)).getFile()).text();
}"""


class _Editor(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The editor's folder as the build writes it, served on this machine."""
    site = tmp_path_factory.mktemp("editor-site")
    add_editor(site, DEFAULTS)
    assert (site / "admin" / "index.html").read_bytes() == PAGE.read_bytes()  # as it is
    (site / "admin" / "axe.min.js").write_bytes(AXE.read_bytes())  # for the test only
    handler = functools.partial(_Editor, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/admin/"
    httpd.shutdown()


def _open(chromium: Browser, url: str, width: str, files: dict[str, str]) -> tuple[Page, list[str]]:
    wide, high = WIDTHS[width]
    context = chromium.new_context(viewport={"width": wide, "height": high}, locale="nl-NL")
    context.add_init_script(_PICKER % json.dumps(files))
    foreign: list[str] = []

    def route(found: Any) -> None:
        if found.request.url.startswith(url.rsplit("/admin/", 1)[0]):
            found.continue_()
        else:
            foreign.append(found.request.url)
            found.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.get_by_role("button", name="Werken met een lokale repository").wait_for()
    return page, foreign


def _axe(page: Page, url: str) -> list[str]:
    page.add_script_tag(url=url + "axe.min.js")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def _field(page: Page, path: str) -> Locator:
    """A field of the form, scrolled into view (the editor draws fields as they appear)."""
    target = page.locator(f'section.field[data-key-path="{path}"]')
    parts = path.split(".")
    parents = [".".join(parts[:end]) + "." for end in range(len(parts) - 1, 0, -1)]
    for _ in range(60):
        if target.count():
            target.first.scroll_into_view_if_needed()
            return target.first
        # Scroll to the last field drawn of the nearest part that is there.
        for parent in parents:
            near = page.locator(f'section.field[data-key-path^="{parent}"]')
            if near.count():
                near.last.scroll_into_view_if_needed()
                break
        page.mouse.wheel(0, 400)
        time.sleep(0.25)
    shown = page.eval_on_selector_all(
        "section.field[data-key-path]", "els => els.map(e => e.dataset.keyPath)"
    )
    raise AssertionError(f"no field {path} in the editor; it shows {shown}")


def _open_dossier(page: Page, name: str) -> None:
    page.get_by_role("button", name="Werken met een lokale repository").click()
    entry = page.get_by_text(name).first
    collection = page.get_by_text("Dossiers", exact=True).first
    for _ in range(40):  # on a phone the collections come first
        if entry.is_visible():
            break
        if collection.is_visible():
            collection.click()
        time.sleep(0.25)
    entry.click()
    _field(page, "name")


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_editor_passes_axe_and_asks_no_other_origin(
    browser: Browser,  # noqa: F811
    editor: str,
    width: str,
) -> None:
    text = canonical(_raw(EXAMPLES[0]).data, EXAMPLES[0].read_text(encoding="utf-8"))
    page, foreign = _open(browser, editor, width, {f"coalitions/{EXAMPLES[0].name}": text})
    screenshot(page, f"admin-sign-in-{width}.png")
    found = _axe(page, editor)
    _open_dossier(page, _raw(EXAMPLES[0]).data["name"])
    time.sleep(1)
    screenshot(page, f"admin-dossier-{width}.png")
    found += _axe(page, editor)
    page.context.close()
    assert foreign == []
    assert found == []


def _raw(path: Path) -> Any:
    raw = read_bytes(path.read_bytes(), path.name, str(path))
    assert not isinstance(raw, Exception) and hasattr(raw, "data"), raw
    return raw


def _valid(text: str, name: str) -> ValidDossier:
    raw = read_bytes(text.encode(), name, f"coalitions/{name}")
    assert isinstance(raw, RawDossier), raw
    valid = validate(raw)
    assert isinstance(valid, ValidDossier), valid
    return valid


@pytest.mark.parametrize("example", SAVED, ids=[p.stem for p in SAVED])
def test_a_save_from_the_editor_changes_only_what_was_edited(
    browser: Browser,  # noqa: F811
    editor: str,
    example: Path,
) -> None:
    raw = _raw(example)
    before = canonical(raw.data, example.read_text(encoding="utf-8"))
    page, foreign = _open(browser, editor, "desktop", {f"coalitions/{example.name}": before})
    _open_dossier(page, raw.data["name"])

    # An activity whose switch the check allows to turn: public and not open to
    # newcomers; else public and open (then that switch goes off too); else the first.
    kinds = [(a["public"], bool(a.get("open_to_newcomers"))) for a in raw.data["agenda"]]
    order = [(True, False), (True, True), (False, False)]
    index = next((kinds.index(k) for k in order if k in kinds), 0)
    item = raw.data["agenda"][index]
    agenda = _field(page, "agenda")
    at = f"agenda.{index}"
    everything = agenda.locator('button[data-label="Alles uitvouwen"]')
    for _ in range(4):  # the list, then its items
        if page.locator(f'section.field[data-key-path="{at}.title"]').count():
            break
        if everything.count() and everything.first.is_enabled():
            everything.first.click()
        else:
            agenda.locator('button[aria-expanded="false"]').first.click()
        time.sleep(0.3)
    _field(page, f"{at}.title.nl").locator("textarea").fill("Nieuwe titel van de activiteit")
    # Earlier on the same day: still before the activity's end.
    start = f"{str(item['start'])[:10]}T00:05"
    _field(page, f"{at}.start").locator("input").first.fill(start)
    was_public = item["public"]
    _field(page, f"{at}.public").locator('[role="switch"], [role="checkbox"]').first.click()
    was_open = bool(item.get("open_to_newcomers"))
    if was_open:
        switch = _field(page, f"{at}.open_to_newcomers").locator('[role="switch"]')
        switch.first.click()

    count = len(raw.data["partners"])
    partners = _field(page, "partners")
    partners.locator('button[data-label$="toevoegen"]').last.click()
    new = f"partners.{count}"
    _field(page, f"{new}.id").locator("input").fill("nieuwe-partner")
    _field(page, f"{new}.name").locator("input").fill("Nieuwe Partner BV")
    _field(page, f"{new}.sector").get_by_text("Bedrijfsleven", exact=True).click()
    _field(page, f"{new}.influence").locator("input").fill("3")
    _field(page, f"{new}.dependency").locator("input").fill("2")

    screenshot(_field(page, f"{at}.public"), f"admin-{example.stem}.png")
    page.get_by_role("button", name="Opslaan").click()
    saved = ""
    for _ in range(40):
        saved = page.evaluate(_READ, example.name)
        if saved != before:
            break
        time.sleep(0.25)
    page.context.close()
    assert foreign == []

    after = canonical(_raw_text(saved, example.name), saved)
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    expected_new = {
        "+      nl: Nieuwe titel van de activiteit",
        f"+    start: {start}",
        f"+    public: {str(not was_public).lower()}",
        "+  - id: nieuwe-partner",
        "+    name: Nieuwe Partner BV",
        "+    sector: private",
        "+    influence: 3",
        "+    dependency: 2",
    }
    added = {line for line in changed if line.startswith("+")}
    removed = [line for line in changed if line.startswith("-")]
    # The editor keeps no comment but the first line, which the layout puts back.
    assert added == expected_new, "\n".join(changed)
    assert ("-    open_to_newcomers: true" in removed) == was_open
    assert len(removed) == 3 + was_open + sum(
        1 for line in before.splitlines()[1:] if line.startswith("#")
    ), "\n".join(changed)

    old, new_dossier = _valid(before, example.name), _valid(after, example.name)
    summary = summarise([old], [new_dossier], "nl")
    assert "Nieuwe titel van de activiteit" in summary
    assert "Nieuwe Partner BV" in summary


def _raw_text(text: str, name: str) -> Any:
    raw = read_bytes(text.encode(), name, f"coalitions/{name}")
    assert hasattr(raw, "data"), raw
    return raw.data
