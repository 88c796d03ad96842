"""MkDocs hook for `make serve`: regenerate the pages when a dossier changes.

MkDocs loads this file by its path, not as part of the package, hence the
absolute imports.

A thin adapter, used only by mkdocs.serve.yml: the site itself never depends
on it (`dossiers build` writes the same pages), so another engine can build
the content without it.
"""

from __future__ import annotations

import logging
import time
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.cache import CACHE_DIR, CHART_CACHE, last_written, shared_memo
from generator.errors import DossierError
from generator.public import PublicSite
from generator.render.search import add_to_index, search_entries
from generator.site import DEFAULT_SITE_URL, generate, with_svgs
from generator.write import WriteError, write_tree

log = logging.getLogger("mkdocs.dossiers")


_last: dict[str, PublicSite] = {}


def on_pre_build(config: Any, **_: Any) -> None:
    docs = Path(config["docs_dir"])
    memo = shared_memo()  # kept between rebuilds: only a changed dossier's work is redone
    started = time.monotonic()
    try:
        outputs = generate(
            Path("coalitions"),
            date.today(),
            config["site_url"] or DEFAULT_SITE_URL,
            memo,
            (docs.name,),  # the served language only
        )
    except DossierError as err:
        for problem in err.problems:
            log.error(problem.text())
        raise PluginError(
            "the dossiers have problems; the site shows the last good version"
        ) from None
    memo.save()
    memo.forget_unused()
    _last["site"] = outputs.site
    # MkDocs loads this file afresh for every rebuild; what lasts lives in generator.cache.
    written = last_written()
    files, _drawn = with_svgs(outputs, CACHE_DIR / CHART_CACHE, (docs.name,), written)
    try:
        done = write_tree(docs, files[docs.name], written.get(docs.name))
        written[docs.name] = files[docs.name]
    except WriteError as err:
        raise PluginError(str(err)) from None
    log.info(
        f"dossiers: {done.written} files written, {done.removed} removed "
        f"in {time.monotonic() - started:.1f} s"
    )


def on_post_build(config: Any, **_: Any) -> None:
    """Add the generated pages' search entries, as `dossiers build` does."""
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if "site" in _last and index.exists():
        add_to_index(index, search_entries(_last["site"], Path(config["docs_dir"]).name))
