"""MkDocs hook for `make serve`: regenerate the pages when a dossier changes.

MkDocs loads this file by its path, not as part of the package, hence the
absolute imports, and afresh for every rebuild: the session it drives lives
in ``generator.serving``.

A thin adapter, used only by mkdocs.serve.yml: the site itself never depends
on it (`dossiers build` writes the same pages), so another engine can build
the content without it. While a dossier has problems, the last good pages
stay and every page shows the problems at its top, instead of the server
stopping (MkDocs would hang every request until the problem is fixed).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator import engine, i18n
from generator.build import BusyError, serve_pages
from generator.cache import CACHE_DIR
from generator.chartsvg import DrawingError, UnsafeDrawing
from generator.errors import DossierError
from generator.serving import problems_notice, session, write_problems
from generator.site import DEFAULT_SITE_URL
from generator.sitefile import SETTINGS_FILE, read_settings
from generator.write import WriteError

log = logging.getLogger("mkdocs.dossiers")


def on_config(config: Any, **_: Any) -> Any:
    """The footer shows the site settings in the preview too, as a build does."""
    settings, _problems = read_settings(SETTINGS_FILE)  # problems: shown by on_pre_build
    config["extra"]["footer"] = {
        key.removeprefix("DOSSIERS_").lower(): value
        for key, value in engine.footer_env(
            settings, date.today(), Path(config["docs_dir"]).name
        ).items()
    }
    return config


def on_pre_build(config: Any, **_: Any) -> None:
    served = session()
    docs = Path(config["docs_dir"])
    started = time.monotonic()
    try:
        settings, problems = read_settings(SETTINGS_FILE)
        if problems:
            raise DossierError(problems)
        # Both languages: the English preview is built from content/en after this.
        langs = (docs.name, engine.PREVIEW_EN) if docs.name != engine.PREVIEW_EN else (docs.name,)
        done = serve_pages(
            served.state,
            served.drawings,
            Path(os.environ.get(engine.DOSSIERS_ENV, "coalitions")),
            docs.parent,
            langs,
            date.today(),
            config["site_url"] or DEFAULT_SITE_URL,
            settings,
        )[docs.name]
    except DossierError as err:
        served.problems = err.problems
        for problem in err.problems:
            log.warning(problem.text())
        log.warning(i18n._("dossiers: the preview shows the last good version until this is fixed"))
        return
    except (WriteError, BusyError, DrawingError, UnsafeDrawing) as err:
        raise PluginError(str(err)) from None
    served.problems = ()
    log.info(
        i18n._("dossiers: {written} files written, {removed} removed in {seconds} s").format(
            written=done.written, removed=done.removed, seconds=f"{time.monotonic() - started:.1f}"
        )
    )


def on_files(files: Any, config: Any, **_: Any) -> Any:
    """When the problems to show change, every page is built again: ``--dirty``
    would otherwise rebuild only pages whose source changed, and the others
    would keep showing (or not showing) the notice."""
    served = session()
    if served.problems != served.shown:
        for file in files.documentation_pages():
            engine.mark_stale(Path(file.abs_dest_path))
        served.shown = served.problems
    return files


def on_page_markdown(markdown: str, config: Any, **_: Any) -> str:
    problems = session().problems
    if not problems:
        return markdown
    lang = Path(config["docs_dir"]).name
    return problems_notice(problems, lang if lang in ("nl", "en") else "nl") + markdown


def on_post_build(config: Any, **_: Any) -> None:
    """Drop pages of removed dossiers from the served site, and index the served
    language again, as `dossiers build` does, so search finds what the preview shows."""
    built, docs = Path(config["site_dir"]), Path(config["docs_dir"])
    engine.prune_pages(built, docs, docs.name)
    started = time.monotonic()
    indexed = engine.index_site(built, docs.name, date.today())[0]
    seconds = time.monotonic() - started
    log.info(
        i18n._("search: {count} pages and activities indexed in {seconds} s").format(
            count=indexed, seconds=f"{seconds:.1f}"
        )
    )
    _start_english(built)


def _start_english(built: Path) -> None:
    """Build the English preview into built/en in the background: the Dutch page
    is served at once, /en/ follows a few seconds later. A build still running
    from the last save is stopped first; only the newest is moved into place."""
    served = session()
    if served.english is not None and served.english.poll() is None:
        served.english.terminate()
        served.english.wait()
    CACHE_DIR.mkdir(exist_ok=True)
    problems_file = CACHE_DIR / "preview-problems.json"  # not in the served folder
    write_problems(served.problems, problems_file)
    settings, _problems = read_settings(SETTINGS_FILE)
    log_file = CACHE_DIR / "preview-en.log"
    run, staging = engine.preview_english(built, problems_file, settings, date.today(), log_file)
    served.english = run

    def finish() -> None:
        with served.swapping:  # one swap at a time, should two builds end together
            if run is not served.english:  # a newer save's build is on its way
                run.wait()
                shutil.rmtree(staging, ignore_errors=True)
                return
            done = engine.finish_english(built, run, staging, date.today())
        if done:
            log.info(i18n._("the English preview is up to date at /en/"))

    threading.Thread(target=finish, daemon=True).start()
