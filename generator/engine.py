"""Everything that knows the site engine (MkDocs with Material), in one place.

The generator writes plain Markdown, SVG and data files; this module turns
the docs folders into the site: it runs MkDocs once per language, adds the
generated pages' entries to each language's search index, and puts the
result in place. Another engine (ProperDocs, Zensical) is a change here and
in ``hooks.py`` beside it, nowhere else.

Publishing is all or nothing. Every language is built into a staging folder
(``.site-new``, English under ``.site-new-en``), the built pages of the
generated sections are checked against what the generator wrote (the
manifests), and only then does the staging folder replace ``site/``: two
renames. A build stopped at any moment leaves the last good site, or none,
never a mix; the next build clears what was left. No output folder may be a
symbolic link, since MkDocs empties the folder it builds into.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from .parallel import cores
from .render.labels import LANGS, Labels
from .render.statement import day_text
from .settings import Settings
from .write import read_manifest

CONFIGS = {"nl": "mkdocs.yml", "en": "mkdocs.en.yml"}
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


def add_to_index(index: Path, entries: list[dict[str, str]]) -> int:
    """Append entries to the search index MkDocs wrote; returns its size in bytes."""
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"] = [*data["docs"], *entries]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    index.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def search_index(site_dir: Path) -> Path:
    return site_dir / "search" / "search_index.json"


def build_sites(
    build_date: date,
    settings: Settings,
    content: Path,
    entries: Callable[[str], list[dict[str, str]]],
    say: Callable[[str], None],
    site: Path = SITE_DIR,
) -> None:
    """Build every language's site from its docs folder (``content/<lang>``) and
    publish it into `site` (English at site/en/). `entries(lang)` gives the search
    entries of the generated pages. Raises EngineError; `site` is then untouched."""
    staging = Staging(site)
    for folder in staging.folders():
        if folder.is_symlink():
            raise EngineError(
                f"{folder} is a symbolic link; the build empties and replaces that folder, "
                "so it must not be a link: remove the link and build again"
            )
    for folder in staging.folders()[1:]:
        shutil.rmtree(folder, ignore_errors=True)  # what a stopped build left
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dossiers-engine-") as logs:
        running = [
            _start(lang, staging.language(lang), build_date, settings, say, Path(logs) / lang)
            for lang in LANGS
        ]
        failed = [(lang, run.wait() != 0) for lang, run in running]
        told = {
            lang: (Path(logs) / lang).read_text(encoding="utf-8", errors="replace")
            for lang in LANGS
        }
    for lang, _ in failed:
        for line in told[lang].splitlines():
            if line.startswith("Traceback"):
                break  # summed up in one line below
            say(f"  MkDocs ({lang}): {line}")
    broken = [CONFIGS[lang] for lang, bad in failed if bad]
    if broken:
        reasons = " ".join(told[lang] for lang, bad in failed if bad)
        if "No space left on device" in reasons:
            raise EngineError(
                "the disk is full while MkDocs builds the site: make room and build again; "
                "the site was not changed"
            )
        raise EngineError(f"MkDocs failed for {', '.join(broken)}; the site was not changed")
    for lang in LANGS:
        out = staging.language(lang)
        _check_pages(out, content / lang, lang)
        size = add_to_index(search_index(out), entries(lang))
        say(
            f"  {lang} done after {time.monotonic() - started:.1f} s; "
            f"search index {size / 1e6:.1f} MB"
        )
    for lang in LANGS:
        if staging.language(lang) != staging.new:
            staging.language(lang).rename(staging.new / lang)
    if site.exists():
        site.rename(staging.old)
    staging.new.rename(site)
    shutil.rmtree(staging.old, ignore_errors=True)


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
    say(f"building the site ({lang}) with MkDocs ...")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"]
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
                f"{docs / folder} holds pages no dossier made ({', '.join(extra)}); they "
                f"would be published. Remove them from {docs / folder}/ and build again"
            )
        if missing:
            raise EngineError(
                f"MkDocs did not build these pages of {docs / folder}: {', '.join(missing)}; "
                "the site was not changed"
            )


def prune_pages(built: Path, docs: Path, lang: str) -> int:
    """Remove from a built site the pages of generated sections that the generator
    no longer writes (``mkdocs serve --dirty`` keeps them); returns how many."""
    removed = 0
    for folder, extra, _ in _compared(built, docs, lang):
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
                f"poort {port} op {host} is al in gebruik (draait 'make serve' al in een ander "
                f"venster?). Stop dat met Ctrl+C, of kies een andere poort: "
                f"make serve PORT={port + 1}"
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
