"""The browser editor's files in the built site: ``site/admin/``.

The page (``admin/index.html``, with its own Content-Security-Policy) is copied
as it is, the configuration is made afresh from the model and the settings
(``cms.py``; ``admin/config.yml`` is its committed copy, kept in step by
``make cms`` and a test), and the editor itself (Sveltia CMS) comes from
``node_modules``, pinned in package.json: the site never loads it from a CDN.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from .cms import config_text
from .settings import Settings

# The project's own files (the package is installed editable, `pip install -e`),
# wherever the build runs: the editor belongs to the generator, not to a site folder.
PROJECT = Path(__file__).resolve().parent.parent
PAGE = PROJECT / "admin/index.html"
BUNDLE = PROJECT / "node_modules/@sveltia/cms/dist/sveltia-cms.js"
LICENCE = PROJECT / "node_modules/@sveltia/cms/LICENSE.txt"
GUIDE = PROJECT / "content/nl/dossier-schrijven.md"
_FONTS = PROJECT / "node_modules"

# Where the editor looks for its own files (translations, the newest version): a
# CDN's address of its package, whichever host the bundle names.
_HOME = re.compile(r"iP=`https://[a-z0-9.-]+/@sveltia/cms`")

# The editor's stylesheet loads three fonts from a CDN; the page's policy blocks
# that, and without the icon font every button shows its icon's name. So the
# build points those addresses at the same fonts from npm (pinned in
# package.json), copied beside the bundle. An upgrade of the editor that names
# other addresses fails the build here, rather than quietly losing the icons.
# Keys are the addresses' paths; the host is whatever CDN the bundle names.
FONTS = {
    "fontsource/fonts/material-symbols-outlined:vf@5.3.7/"
    "latin-wght-normal.woff2": "@fontsource-variable/material-symbols-outlined/files/"
    "material-symbols-outlined-latin-wght-normal.woff2",
    "fontsource/fonts/source-sans-3:vf@5.3.0/"
    "latin-wght-normal.woff2": "@fontsource-variable/source-sans-3/files/"
    "source-sans-3-latin-wght-normal.woff2",
    "fontsource/fonts/noto-mono@5.3.0/"
    "latin-400-normal.woff2": "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2",
}


class EditorMissing(Exception):
    """The editor's bundle is not installed (npm ci has not run)."""


def add_editor(site: Path, settings: Settings) -> int:
    """Write the editor into `site`/admin; the number of bytes written."""
    if not BUNDLE.is_file():
        raise EditorMissing(
            f"{BUNDLE.relative_to(PROJECT)} is missing: the browser editor at /admin/ "
            "comes from npm; "
            "run 'npm ci' (make site does) and build again"
        )
    folder = site / "admin"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PAGE, folder / "index.html")
    shutil.copyfile(PAGE.with_name("zoom.js"), folder / "zoom.js")
    (folder / "sveltia-cms.js").write_text(local_fonts(folder), encoding="utf-8")
    shutil.copyfile(LICENCE, folder / "LICENSE-sveltia-cms.txt")
    guide = GUIDE.read_text(encoding="utf-8")
    text = config_text(guide, settings.editor.repository, settings.editor.branch)
    (folder / "config.yml").write_text(text, encoding="utf-8")
    return sum(file.stat().st_size for file in folder.iterdir())


def local_fonts(folder: Path) -> str:
    """The bundle's text with its font addresses on this site; copies the fonts."""
    bundle = BUNDLE.read_text(encoding="utf-8")
    for path, font in FONTS.items():
        source = _FONTS / font
        address = re.compile(r"https://[a-z0-9.-]+/" + re.escape(path))
        if not address.search(bundle) or not source.is_file():
            raise EditorMissing(
                f"the editor's bundle no longer loads {path}, or {font} is not installed: "
                "bring FONTS in generator/admin.py and package.json up to date"
            )
        shutil.copyfile(source, folder / source.name)
        shutil.copyfile(source.parent.parent / "LICENSE", folder / f"LICENSE-{source.stem}.txt")
        bundle = address.sub(source.name, bundle)
    # Its own files (the Dutch texts, its version) from the same folder, not a CDN.
    if not _HOME.search(bundle):
        raise EditorMissing(
            "the editor's bundle no longer names its home as before: bring _HOME in "
            "generator/admin.py up to date"
        )
    package = BUNDLE.parent.parent
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    # File by file, not copytree: that gathers every failure into one shutil.Error,
    # where a full disk should stop the build as the OSError it is.
    locales = folder / f"sveltia-cms@{version}" / "locales"
    locales.mkdir(parents=True, exist_ok=True)
    for source in sorted((package / "locales").iterdir()):
        if source.is_file():
            shutil.copyfile(source, locales / source.name)
    (folder / "sveltia-cms").mkdir(exist_ok=True)
    shutil.copyfile(package / "package.json", folder / "sveltia-cms" / "package.json")
    return _HOME.sub("iP=`sveltia-cms`", bundle)
