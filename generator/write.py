"""Writing generated files into a docs folder, safely.

- Only inside the folder: every path is checked before anything is written.
- Never over a hand-written file: a manifest (``.generated``, ignored by
  MkDocs as a dot-file) lists what we wrote last time; any other existing
  file is left alone and reported.
- Files of a removed dossier disappear; unchanged files are not rewritten, so
  MkDocs' live reload does not loop.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".generated"
_SAFE_PART = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class WriteError(Exception):
    """A generated file cannot be written where it should go."""


@dataclass(frozen=True)
class WriteSummary:
    written: int
    unchanged: int
    removed: int


def check_path(relative: str) -> tuple[str, ...]:
    """The parts of a safe relative path, or WriteError."""
    parts = tuple(relative.split("/"))
    if not relative or relative.startswith("/") or "\\" in relative:
        raise WriteError(f"unsafe output path {relative!r}")
    for part in parts:
        if not _SAFE_PART.match(part) or ".." in part:
            raise WriteError(f"unsafe output path {relative!r}")
    return parts


def write_tree(
    root: Path, files: Mapping[str, str], last_written: Mapping[str, str] | None = None
) -> WriteSummary:
    """Make the generated part of root hold exactly `files`.

    `last_written` is what this process wrote into root last time (``make serve``
    keeps it): a file with the same text again is left alone without reading it.
    """
    for relative in files:
        if last_written is None or relative not in last_written:  # those were checked then
            check_path(relative)
    manifest = root / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    clashes = sorted(p for p in files if p not in previous and (root / p).exists())
    if clashes:
        raise WriteError(
            "these files exist but were not generated, so they are not overwritten: "
            + ", ".join(str(root / p) for p in clashes)
            + "; rename or remove them"
        )
    written = unchanged = removed = 0
    inside = root.resolve()
    for relative in sorted(files):
        text = files[relative]  # one at a time: `files` may read them lazily
        before = last_written.get(relative) if last_written is not None else None
        if before == text:
            unchanged += 1
            continue
        target = root / relative
        if not target.resolve().is_relative_to(inside):
            raise WriteError(f"{target} leads outside {root} (a symbolic link?)")
        data = text.encode("utf-8")
        # Written by us with other text: no need to read it (a national feed is 30 MB).
        if before is None and target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    for stale in sorted(previous - set(files)):
        try:
            check_path(stale)
        except WriteError:
            continue  # a tampered manifest never makes us delete outside the folder
        target = root / stale
        if target.is_file() and target.resolve().is_relative_to(inside):
            target.unlink()
            removed += 1
            _remove_empty_parents(target.parent, root)
    listing = "".join(f"{p}\n" for p in sorted(files))
    if not manifest.exists() or manifest.read_text(encoding="utf-8") != listing:
        root.mkdir(parents=True, exist_ok=True)
        manifest.write_text(listing, encoding="utf-8")
    return WriteSummary(written=written, unchanged=unchanged, removed=removed)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while (
        folder != root and not folder.is_symlink() and folder.is_dir() and not any(folder.iterdir())
    ):
        folder.rmdir()
        folder = folder.parent
