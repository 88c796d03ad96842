"""The browser editor's files in the built site: ``site/admin/``.

The page (``admin/index.html``, with its own Content-Security-Policy) is copied
as it is, the configuration is made afresh from the model and the settings
(``cms.py``; ``admin/config.yml`` is its committed copy, kept in step by
``make cms`` and a test), and the editor itself (Sveltia CMS) comes from
``node_modules``, pinned in package.json: the site never loads it from a CDN.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .cms import config_text
from .settings import Settings

PAGE = Path("admin/index.html")
BUNDLE = Path("node_modules/@sveltia/cms/dist/sveltia-cms.js")
LICENCE = Path("node_modules/@sveltia/cms/LICENSE.txt")
GUIDE = Path("nl/dossier-schrijven.md")


class EditorMissing(Exception):
    """The editor's bundle is not installed (npm ci has not run)."""


def add_editor(site: Path, content: Path, settings: Settings) -> int:
    """Write the editor into `site`/admin; the number of bytes written."""
    if not BUNDLE.is_file():
        raise EditorMissing(
            f"{BUNDLE} is missing: the browser editor at /admin/ comes from npm; "
            "run 'npm ci' (make site does) and build again"
        )
    folder = site / "admin"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PAGE, folder / "index.html")
    shutil.copyfile(BUNDLE, folder / "sveltia-cms.js")
    shutil.copyfile(LICENCE, folder / "LICENSE-sveltia-cms.txt")
    guide = (content / GUIDE).read_text(encoding="utf-8")
    text = config_text(guide, settings.editor.repository, settings.editor.branch)
    (folder / "config.yml").write_text(text, encoding="utf-8")
    return sum(file.stat().st_size for file in folder.iterdir())
