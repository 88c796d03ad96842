"""The orchestrator: one build, top to bottom, in stage order.

read and publish → render (per language) → draw → write → engine

``dossiers build`` runs ``build`` once; ``make serve`` runs ``serve_pages``
for the served language on every save, with the ``BuildState`` it keeps.
Both go through the same stages; only the engine step differs (MkDocs serve
runs the engine itself). Progress goes to the `say` callback, so the command
line decides how it is shown.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import engine, i18n
from .cache import CACHE_DIR, CONTENT_CACHE, Memo, refuse_tracked
from .chartsvg import Drawings, chart_store
from .errors import DossierError
from .render.statement import statement_pages
from .settings import Settings
from .site import DEFAULT_SITE_URL, PublishedFolder, publish_folder, render_languages
from .sitefile import SETTINGS_FILE, read_settings
from .state import BuildState
from .write import WriteSummary, write_tree

LOCK_FILE = ".build-lock"  # in the content folder, beside nl/ and en/ (git-ignored)

Say = Callable[[str], None]


class BusyError(Exception):
    """Another build is writing the same folder."""


@dataclass(frozen=True)
class BuildOptions:
    dossiers: Path = Path("coalitions")
    content: Path = Path("content")
    build_date: date | None = None  # None: today
    site_url: str = DEFAULT_SITE_URL
    cache: Path = CACHE_DIR
    content_cache: bool = True  # False: neither read nor write the content cache
    pages_only: bool = False  # write the pages, do not run the engine
    site: Path = engine.SITE_DIR
    settings: Path = SETTINGS_FILE  # site.yml: publisher, contact, audit status
    history: bool = True  # read each coalition's history from git (history.py)


def site_settings(path: Path, say: Say) -> Settings:
    """The site settings; DossierError with their problems, like a dossier's."""
    settings, problems = read_settings(path)
    if problems:
        raise DossierError(problems)
    if not path.exists():
        say(
            i18n._("{path} not found: using the default site settings (audit status C)").format(
                path=path
            )
        )
    return settings


def build(options: BuildOptions, say: Say) -> PublishedFolder:
    """Check, publish, render, draw and write every language, then build the site.

    Raises DossierError (problems in the dossiers: nothing is written),
    CacheError, BusyError, WriteError or EngineError.
    """
    build_date = options.build_date or date.today()
    settings = site_settings(options.settings, say)
    with one_build_at_a_time(options.content):
        refuse_tracked(options.cache)
        # A one-off build keeps nothing in memory that it does not still need.
        store = Memo(
            options.cache / CONTENT_CACHE if options.content_cache else None, remember=False
        )
        drawings = chart_store(options.cache)
        try:
            done = _build(options, build_date, settings, BuildState(store), drawings, say)
        finally:
            store.close()
            drawings.close()
            for warning in store.warnings + drawings.warnings:
                say(i18n._("warning: {warning}").format(warning=warning))
    return done


def _build(
    options: BuildOptions,
    build_date: date,
    settings: Settings,
    state: BuildState,
    drawings: Memo,
    say: Say,
) -> PublishedFolder:
    started = time.monotonic()
    done = publish_folder(options.dossiers, build_date, state, options.history)
    say(done.report.summary())
    for note in done.notes:
        say(note)
    say(
        i18n._("published {count} coalitions (build date {date}) in {seconds} s").format(
            count=len(done.site.coalitions),
            date=build_date,
            seconds=f"{time.monotonic() - started:.1f}",
        )
    )
    # What was read lives for the whole build: keep the garbage collector from
    # walking it again and again (with a national site that is seconds each time).
    gc.freeze()
    started = time.monotonic()
    # One language at a time, written before the next is made: only one is in memory.
    for made in render_languages(state, options.site_url, settings=settings):
        store = state.store
        say(
            i18n._(
                "pages ({lang}): {hits} parts from the content cache, {misses} made ({seconds} s)"
            ).format(
                lang=made.lang,
                hits=store.hits,
                misses=store.misses,
                seconds=f"{time.monotonic() - started:.1f}",
            )
        )
        store.save()
        store.hits = store.misses = 0
        started = time.monotonic()
        made.files.update(statement_pages(settings, build_date)[made.lang])
        files = Drawings(made.specs(), drawings, made.files, say=say)
        files.draw_missing()
        folder = options.content / made.lang
        written = write_tree(folder, files)
        drawings.save()
        say(
            i18n._("charts ({lang}): {drawn} drawn, {cached} from the cache ({seconds} s)").format(
                lang=made.lang,
                drawn=files.summary.rendered,
                cached=files.summary.cached,
                seconds=f"{time.monotonic() - started:.1f}",
            )
        )
        say(_written(folder, len(files), written))
        del made, files  # written: let go of this language's text
        started = time.monotonic()
    if not options.pages_only:
        engine.build_sites(build_date, settings, options.content, say, options.site)
        say(i18n._("site ready in site/: run 'make serve' to look at it in a browser"))
    return done


def serve_pages(
    state: BuildState,
    drawings: Memo,
    dossiers: Path,
    content: Path,
    langs: tuple[str, ...],
    build_date: date,
    site_url: str,
    settings: Settings | None = None,
) -> dict[str, WriteSummary]:
    """One rebuild of ``make serve``: publish into the state and write the served
    languages into ``content/<lang>``, reusing what the state holds. Raises as
    ``build`` (on DossierError nothing is written and the state keeps its last
    good site)."""
    done: dict[str, WriteSummary] = {}
    with one_build_at_a_time(content):
        state.forget_unused()  # what the last rebuild did not use
        publish_folder(dossiers, build_date, state, history=True)
        # The session's state is large and long-lived: keep the garbage collector from
        # walking it on every rebuild (at national scale a full collection takes seconds).
        gc.freeze()
        for made in render_languages(state, site_url, langs, settings or Settings()):
            docs = content / made.lang
            made.files.update(statement_pages(settings or Settings(), build_date)[made.lang])
            last = state.written.get(str(docs))
            files = Drawings(made.specs(), drawings, made.files, last)
            files.draw_missing()
            done[made.lang] = write_tree(docs, files, last)
            state.written[str(docs)] = {path: files[path] for path in files}
        state.store.save()
        drawings.save()
    return done


def _written(folder: Path, count: int, done: WriteSummary) -> str:
    return i18n._(
        "{folder}: {count} files ({written} written, {unchanged} unchanged, {removed} removed)"
    ).format(
        folder=folder,
        count=count,
        written=done.written,
        unchanged=done.unchanged,
        removed=done.removed,
    )


@contextmanager
def one_build_at_a_time(content: Path) -> Iterator[None]:
    """Hold the build lock of a docs folder; BusyError if another build holds it."""
    try:
        import fcntl
    except ImportError:  # not on a POSIX system: no lock
        yield
        return
    content.mkdir(parents=True, exist_ok=True)
    lock = content / LOCK_FILE
    if lock.is_symlink():
        lock.unlink()
    with open(lock, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(
                i18n._(
                    "another build is writing {folder} (make site or make serve in this "
                    "folder); wait for it to finish, or stop it, and run this again"
                ).format(folder=content)
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
