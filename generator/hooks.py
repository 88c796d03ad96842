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

from generator.cache import CACHE_DIR, CHART_CACHE, shared_memo
from generator.errors import DossierError
from generator.site import DEFAULT_SITE_URL, generate, with_svgs
from generator.write import WriteError, write_tree

log = logging.getLogger("mkdocs.dossiers")


def on_pre_build(config: Any, **_: Any) -> None:
    docs = Path(config["docs_dir"])
    memo = shared_memo()  # kept between rebuilds: only a changed dossier's work is redone
    started = time.monotonic()
    try:
        outputs = generate(
            Path("coalitions"), date.today(), config["site_url"] or DEFAULT_SITE_URL, memo
        )
    except DossierError as err:
        for problem in err.problems:
            log.error(problem.text())
        raise PluginError(
            "the dossiers have problems; the site shows the last good version"
        ) from None
    memo.save()
    memo.forget_unused()
    files, _drawn = with_svgs(outputs, CACHE_DIR / CHART_CACHE)
    try:
        done = write_tree(docs, files[docs.name])
    except WriteError as err:
        raise PluginError(str(err)) from None
    log.info(
        f"dossiers: {done.written} files written, {done.removed} removed "
        f"in {time.monotonic() - started:.1f} s"
    )
