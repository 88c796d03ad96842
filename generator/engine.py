"""Everything that knows the site engine (MkDocs with Material), in one place.

The generator writes plain Markdown, SVG and data files; this module turns
the docs folders into the site: it runs MkDocs once per language, indexes each
built language with Pagefind (its own index in ``pagefind/``, English under
``en/pagefind/``), and puts the result in place. Another engine (ProperDocs,
Zensical) is a change here and in ``hooks.py`` beside it, nowhere else.

Publishing is all or nothing. Every language is built into a staging folder
(``.site-new``, English under ``.site-new-en``), the built pages of the
generated sections are checked against what the generator wrote (the
manifests), and only then does the staging folder replace ``site/``: two
renames. A build stopped at any moment leaves the last good site, or none,
never a mix; the next build clears what was left. No output folder may be a
symbolic link, since MkDocs empties the folder it builds into.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

from .admin import EditorMissing, add_editor
from .i18n import _
from .parallel import cores
from .render.labels import LANGS, SEARCH_FILTERS, Labels
from .render.statement import day_text
from .searchindex import IndexerError, indexer
from .settings import Settings
from .write import read_manifest

CONFIGS = {"nl": "mkdocs.yml", "en": "mkdocs.en.yml"}
# The engines that build our configs as they are: MkDocs 1.6, and ProperDocs,
# its community fork (same options, hooks and themes; the plan for Material's
# end of life, see docs/performance.md). DOSSIERS_ENGINE picks one for a build.
ENGINES = ("mkdocs", "properdocs")
ENGINE_VARIABLE = "DOSSIERS_ENGINE"


def engine_name() -> str:
    """The engine this build runs: DOSSIERS_ENGINE, MkDocs when unset."""
    chosen = os.environ.get(ENGINE_VARIABLE) or ENGINES[0]
    if chosen not in ENGINES:
        raise EngineError(
            f"{ENGINE_VARIABLE}={chosen} is not an engine this site builds with; "
            f"choose one of: {', '.join(ENGINES)}"
        )
    return chosen


SITE_DIR = Path("site")
_GENERATED_SECTIONS = ("coalitions", "organisations")  # one page per dossier / organisation


class EngineError(Exception):
    """The site could not be built or put in place."""


@dataclass(frozen=True)
class Staging:
    """Where each language is built before it is published."""

    site: Path

    @property
    def new(self) -> Path:
        return self.site.with_name(f".{self.site.name}-new")

    @property
    def old(self) -> Path:
        return self.site.with_name(f".{self.site.name}-old")

    def language(self, lang: str) -> Path:
        return self.new if lang == "nl" else self.site.with_name(f".{self.site.name}-new-{lang}")

    def folders(self) -> list[Path]:
        return [self.site, self.new, self.old, *(self.language(lang) for lang in LANGS)]


_CARD = 'data-search-activity="'  # in markup only: a quote in any text is escaped


class _AllCardsRead(Exception):
    """Raised by the parser once the last card of the page has closed."""


class _Cards(HTMLParser):
    """The activity cards of a built page: their ``data-search-*`` attributes and text.

    `read(page)` parses from the first card to the end of the last one only: the rest
    of a coalition page (most of it) has no card, and Python's HTML parser costs about
    20 ms per page, which at national scale was most of the index's time."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: list[tuple[str, dict[str, str], list[str]]] = []
        self._depth = 0  # of <div>s inside the open card; 0 when none is open
        self._expected = 0

    def read(self, page: str) -> None:
        first = page.find(_CARD)
        if first < 0:
            return
        self._expected = page.count(_CARD)
        try:
            self.feed(page[page.rfind("<div", 0, first) :])
            self.close()
        except _AllCardsRead:
            pass

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        if self._depth:
            self._depth += 1
            return
        found = {key: value or "" for key, value in attrs}
        if "data-search-activity" in found:
            facets = {
                key.removeprefix("data-search-"): value
                for key, value in found.items()
                if key.startswith("data-search-")
            }
            self.cards.append((found.get("id", ""), facets, []))
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
            if not self._depth and len(self.cards) == self._expected:
                raise _AllCardsRead

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.cards[-1][2].append(data)


def activity_records(
    built: Path, lang: str, build_date: date
) -> list[tuple[str, str, dict[str, str], dict[str, list[str]]]]:
    """One search record per activity card on the coalition pages: its address, its
    text, its title and date, and its filters (named and valued in the page's language)."""
    label = Labels(lang)
    section = label.section["coalitions"]
    yes_no = {"yes": label("yes"), "no": label("no")}
    records = []
    for page in sorted((built / section).glob("*/index.html")):
        cards = _Cards()
        cards.read(page.read_text(encoding="utf-8"))
        url = f"/{section}/{page.parent.name}/"
        for anchor, facets, text in cards.cards:
            start = facets.get("start", "")
            values = {
                "theme": facets.get("theme", ""),
                "where": facets.get("place", ""),
                "type": facets.get("type", ""),
                "coalition": facets.get("coalition", ""),
                "open_to_newcomers": yes_no.get(facets.get("newcomers", ""), ""),
                "free": yes_no.get(facets.get("free", ""), ""),
                "when": label("upcoming")
                if start[:10] >= build_date.isoformat()
                else label("past"),
            }
            filters = {label(key): [values[key]] for key in SEARCH_FILTERS}
            title = facets.get("title", "")
            words = " ".join(" ".join(text).split())
            records.append(
                (
                    f"{url}#{anchor}",
                    words,
                    {"title": title, "date": start[:10]},
                    {name: values for name, values in filters.items() if values != [""]},
                )
            )
    return records


# What a browser needs of Pagefind's library: these are always written.
_LIBRARY_FILES = "pagefind.js pagefind-worker.js pagefind-entry.json wasm.{lang}.pagefind"
_STALLED_SECONDS = 5.0


def _written(output: Path) -> list[str]:
    """The files in `output` that stay empty, by name.

    Pagefind's program answers "written" once it has created every file and handed
    their contents to background writers; those finish shortly after, and are lost
    if the program is stopped first (seen as empty files under load). So this waits
    until no file is empty. Every file Pagefind writes has content; files that stay
    empty for a few seconds while no other file fills could not be written (a full
    disk)."""
    empty: list[str] = []
    last_change = time.monotonic()
    while True:
        now = [f.name for f in output.rglob("*") if f.is_file() and not f.stat().st_size]
        if not now:
            return now
        if len(now) != len(empty):
            empty, last_change = now, time.monotonic()
        elif time.monotonic() - last_change > _STALLED_SECONDS:
            return now
        time.sleep(0.02)


_UNUSED_UI = re.compile(r"^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$")


def index_site(built: Path, lang: str, build_date: date) -> tuple[int, int]:
    """Write Pagefind's index of one language's built site into its ``pagefind/``
    folder: every page's text, and one record per activity with its filters. Returns
    how many pages and records it holds, and its size in bytes."""

    output = built / "pagefind"
    shutil.rmtree(output, ignore_errors=True)
    records = activity_records(built, lang, build_date)
    try:
        with indexer() as pagefind:
            [made] = pagefind.ask([{"type": "NewIndex", "config": {"force_language": lang}}])
            index = made["index_id"]
            [pages] = pagefind.ask([{"type": "AddDir", "index_id": index, "path": str(built)}])
            pagefind.ask(
                [
                    {
                        "type": "AddRecord",
                        "index_id": index,
                        "url": url,
                        "content": content,
                        "language": lang,
                        "meta": meta,
                        "filters": filters,
                        "sort": {"date": meta["date"]},
                    }
                    for url, content, meta, filters in records
                ]
            )
            pagefind.ask([{"type": "WriteFiles", "index_id": index, "output_path": str(output)}])
            unwritten = _written(output)
    except IndexerError as error:
        raise EngineError(
            _("the search index could not be made: Pagefind says: {reason}").format(reason=error)
        ) from None
    count = int(pages.get("page_count", 0)) + len(records)
    for name in _LIBRARY_FILES.format(lang=lang).split():
        if not (output / name).is_file():
            unwritten.append(name)
    if unwritten:
        raise EngineError(
            _(
                "the search index of the site is incomplete ({file} is empty or missing): "
                "is the disk full? Make room and build again; the site was not changed"
            ).format(file=", ".join(sorted(unwritten)[:3]))
        )
    # Pagefind also writes its ready-made search UIs; the finder page is a form of our
    # own over its API (assets/javascripts/search.js), so no page loads them.
    for unused in (built / "pagefind").glob("pagefind-*"):
        if _UNUSED_UI.match(unused.name):
            unused.unlink()
    size = sum(file.stat().st_size for file in (built / "pagefind").rglob("*") if file.is_file())
    return count, size


def build_sites(
    build_date: date,
    settings: Settings,
    content: Path,
    say: Callable[[str], None],
    site: Path = SITE_DIR,
) -> None:
    """Build every language's site from its docs folder (``content/<lang>``) and
    publish it into `site` (English at site/en/), each with its own search index.
    Raises EngineError; `site` is then untouched."""
    staging = Staging(site)
    for folder in staging.folders():
        if folder.is_symlink():
            raise EngineError(
                _(
                    "{folder} is a symbolic link; the build empties and replaces that folder, "
                    "so it must not be a link: remove the link and build again"
                ).format(folder=folder)
            )
    for folder in staging.folders()[1:]:
        shutil.rmtree(folder, ignore_errors=True)  # what a stopped build left
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dossiers-engine-") as logs:
        running = dict(
            _start(lang, staging.language(lang), build_date, settings, say, Path(logs) / lang)
            for lang in LANGS
        )
        try:
            failed = _index_as_each_ends(running, staging, content, build_date, say, started)
        finally:  # a check that failed leaves the other language's MkDocs running
            for run in running.values():
                if run.poll() is None:
                    run.kill()
                    run.wait()
        told = {
            lang: (Path(logs) / lang).read_text(encoding="utf-8", errors="replace")
            for lang in LANGS
        }
    for lang in LANGS:
        for line in told[lang].splitlines():
            if line.startswith("Traceback"):
                break  # summed up in one line below
            say(f"  MkDocs ({lang}): {line}")
    broken = [CONFIGS[lang] for lang in LANGS if failed[lang]]
    if broken:
        reasons = " ".join(told[lang] for lang in LANGS if failed[lang])
        if "No space left on device" in reasons:
            raise EngineError(
                _(
                    "the disk is full while MkDocs builds the site: make room and build again; "
                    "the site was not changed"
                )
            )
        raise EngineError(
            _("MkDocs failed for {configs}; the site was not changed").format(
                configs=", ".join(broken)
            )
        )
    try:
        size = add_editor(staging.new, settings)
    except EditorMissing as err:
        raise EngineError(str(err)) from None
    except OSError as err:
        if err.errno == errno.ENOSPC:
            raise EngineError(
                _(
                    "the disk is full while writing the browser editor: make room and build "
                    "again; the site was not changed"
                )
            ) from None
        raise EngineError(
            _("cannot write the browser editor ({error}); the site was not changed").format(
                error=err.strerror or err
            )
        ) from None
    say(f"  browser editor in admin/ ({size / 1e6:.1f} MB)")
    for lang in LANGS:
        if staging.language(lang) != staging.new:
            staging.language(lang).rename(staging.new / lang)
    if site.exists():
        site.rename(staging.old)
    staging.new.rename(site)
    shutil.rmtree(staging.old, ignore_errors=True)


def _index_as_each_ends(
    running: dict[str, subprocess.Popen[bytes]],
    staging: Staging,
    content: Path,
    build_date: date,
    say: Callable[[str], None],
    started: float,
) -> dict[str, bool]:
    """Wait for each language's MkDocs and, as soon as one has built its site well,
    check its pages and index it while the other language is still being built (the
    index of one and MkDocs of the other each keep a core busy). Returns, per
    language, whether MkDocs failed; once one has failed, no more are indexed."""
    failed: dict[str, bool] = {}
    while len(failed) < len(running):
        ended = [
            lang for lang, run in running.items() if lang not in failed and run.poll() is not None
        ]
        if not ended:
            time.sleep(0.05)
        for lang in ended:
            failed[lang] = running[lang].returncode != 0
            if any(failed.values()):
                continue
            out = staging.language(lang)
            _check_pages(out, content / lang, lang)
            indexing = time.monotonic()
            count, size = index_site(out, lang, build_date)
            say(
                f"  {lang} done after {time.monotonic() - started:.1f} s; search index of "
                f"{count} pages and activities {size / 1e6:.1f} MB in "
                f"{time.monotonic() - indexing:.1f} s"
            )
    return failed


def footer_env(settings: Settings, build_date: date, lang: str) -> dict[str, str]:
    """What the footer partial shows, as the environment mkdocs.base.yml reads
    (``extra.footer``): the settings file stays the one place they are written."""
    return {
        "DOSSIERS_PUBLISHER": settings.publisher.organisation,
        "DOSSIERS_EMAIL": settings.publisher.email,
        "DOSSIERS_LICENCE": settings.licence,
        "DOSSIERS_UPDATED": day_text(build_date, lang),
        "DOSSIERS_BUILD_DATE": build_date.isoformat(),
    }


def _start(
    lang: str,
    out: Path,
    build_date: date,
    settings: Settings,
    say: Callable[[str], None],
    log: Path,
) -> tuple[str, subprocess.Popen[bytes]]:
    """MkDocs started for one language; what it prints goes to `log`."""
    env = {
        # The sitemap's dates follow the build date, so two builds give the same bytes.
        "SOURCE_DATE_EPOCH": str(
            int(datetime.combine(build_date, datetime.min.time(), UTC).timestamp())
        ),
        **os.environ,
        **footer_env(settings, build_date, lang),
        # The engine's end-of-life banner is known and tracked in the README.
        "NO_MKDOCS_2_WARNING": "1",
    }
    say(_("building the site ({lang}) with MkDocs ...").format(lang=lang))
    command = [sys.executable, "-m", engine_name(), "build", "--quiet", "--strict"]
    with open(log, "wb") as told:
        run = subprocess.Popen(
            [*command, "-f", CONFIGS[lang], "-d", str(out)], env=env, stdout=told, stderr=told
        )
    if cores() < 2:
        run.wait()  # one core: one at a time
    return lang, run


def _check_pages(built: Path, docs: Path, lang: str) -> None:
    """EngineError unless the generated sections of the built site hold exactly the
    pages the generator wrote this time: none of a removed or draft dossier, none
    left out."""
    for folder, extra, missing in _compared(built, docs, lang):
        if extra:
            raise EngineError(
                _(
                    "{folder} holds pages no dossier made ({pages}); they would be published. "
                    "Remove them from {folder}/ and build again"
                ).format(folder=docs / folder, pages=", ".join(extra))
            )
        if missing:
            raise EngineError(
                _(
                    "MkDocs did not build these pages of {folder}: {pages}; "
                    "the site was not changed"
                ).format(folder=docs / folder, pages=", ".join(missing))
            )


def prune_pages(built: Path, docs: Path, lang: str) -> int:
    """Remove from a built site the pages of generated sections that the generator
    no longer writes (``mkdocs serve --dirty`` keeps them); returns how many."""
    removed = 0
    for folder, extra, _missing in _compared(built, docs, lang):
        for name in extra:
            page = built / folder / name
            if not page.is_symlink():
                shutil.rmtree(page, ignore_errors=True)
                removed += 1
    return removed


def _compared(built: Path, docs: Path, lang: str) -> list[tuple[str, list[str], list[str]]]:
    """Per generated section: the built pages the manifest does not list, and the
    listed pages that were not built."""
    written = read_manifest(docs)
    found_extra: list[tuple[str, list[str], list[str]]] = []
    for section in _GENERATED_SECTIONS:
        folder = Labels(lang).section[section]
        expected = {
            path.removeprefix(f"{folder}/").removesuffix(".md")
            for path in written
            if path.startswith(f"{folder}/") and path.endswith(".md") and path.count("/") == 1
        } - {"index"}  # the section's own index is its folder's index.html
        found = {
            page.parent.name
            for page in (built / folder).glob("*/index.html")
            if page.parent.parent == built / folder
        }
        found_extra.append((folder, sorted(found - expected), sorted(expected - found)))
    return found_extra


SERVE_CONFIG = "mkdocs.serve.yml"


class PortTaken(EngineError):
    """The address `make serve` should listen on is in use."""


def check_port(host: str, port: int) -> None:
    """PortTaken (with what to do, in Dutch) if nothing can listen on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            raise PortTaken(
                _(
                    "port {port} on {host} is in use already (is 'make serve' running in another "
                    "window?). Stop that with Ctrl+C, or choose another port: "
                    "make serve PORT={next}"
                ).format(port=port, host=host, next=port + 1)
            ) from None


DOSSIERS_ENV = "DOSSIERS_DIR"  # the folder of dossiers the serve hook reads and watches


def serve(host: str, port: int, dossiers: Path) -> int:
    """Run MkDocs' development server on the served language until Ctrl+C; its exit code.

    The hook in ``mkdocs.serve.yml`` (``hooks.py``) regenerates the pages on every
    save of a dossier.
    """
    check_port(host, port)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", DOSSIERS_ENV: str(dossiers)}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", SERVE_CONFIG]
    return subprocess.call([*command, "-a", f"{host}:{port}"], env=env)


def mark_stale(built_page: Path) -> None:
    """Make a built page older than any source, so ``mkdocs serve --dirty`` builds it again."""
    if built_page.is_file() and not built_page.is_symlink():
        os.utime(built_page, (0, 0))


SERVE_EN_CONFIG = "mkdocs.serve.en.yml"
PREVIEW_EN = "en"  # the English preview's folder inside the served site, as in a build


def preview_english(
    built: Path, problems_file: Path, settings: Settings, build_date: date, log: Path
) -> tuple[subprocess.Popen[bytes], Path]:
    """Start building the English preview (pages already written by the serve hook)
    into a staging folder beside it; ``finish_english`` moves it into ``built/en``,
    so a request for /en/ never meets a half-written page."""
    env = {
        **os.environ,
        **footer_env(settings, build_date, "en"),
        "NO_MKDOCS_2_WARNING": "1",
        "DOSSIERS_PROBLEMS": str(problems_file),
    }
    staging = built.with_name(f".{built.name}-en-{time.monotonic_ns()}")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", SERVE_EN_CONFIG]
    with open(log, "wb") as told:
        run = subprocess.Popen([*command, "-d", str(staging)], env=env, stdout=told, stderr=told)
    return run, staging


def finish_english(
    built: Path, run: subprocess.Popen[bytes], staging: Path, build_date: date
) -> bool:
    """Wait for the English preview's build, index it and swap it into ``built/en``;
    False (and the last English preview stays) if it failed or was stopped."""
    if run.wait() != 0 or not staging.is_dir():
        shutil.rmtree(staging, ignore_errors=True)
        return False
    index_site(staging, "en", build_date)
    target, old = built / PREVIEW_EN, built.with_name(f".{built.name}-en-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return True
