"""Writing generated files into a docs folder, safely and crash-consistently.

- Only inside the folder: every path is checked before anything is written,
  and no symbolic link is followed or written through (not the folder
  itself, not a folder or file inside it).
- Never over a hand-written file: a manifest (``.generated``, ignored by
  MkDocs as a dot-file) lists every file we may have written; any other
  existing file is left alone and reported.
- Crash-consistent: before the first file is touched, the manifest is
  widened to everything already listed plus everything about to be written,
  and each file is written beside its place and renamed over it. A build
  killed at any moment, or stopped by a full disk, therefore leaves only
  files the manifest lists, none half-written; the next build overwrites or
  removes them as it would any generated file, and the folder ends exactly
  as a clean build leaves it.
- Files of a removed dossier disappear; unchanged files are not rewritten, so
  MkDocs' live reload does not loop.
"""

from __future__ import annotations

import errno
import os
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


def refuse_links(folder: Path) -> None:
    """WriteError if the output folder, or any folder on its way given relatively
    (``content/nl``: both ``content`` and ``content/nl``), is a symbolic link."""
    steps = [folder] if folder.is_absolute() else [folder, *folder.parents][:-1]
    for step in steps:
        if step.is_symlink():
            raise WriteError(
                f"{step} is a symbolic link; the build writes and removes files there, so it "
                "must be a real folder: remove the link and build again"
            )


def read_manifest(root: Path) -> set[str]:
    """What the manifest lists (only safe paths: a tampered line is ignored)."""
    manifest = root / MANIFEST
    if manifest.is_symlink() or not manifest.is_file():
        return set()
    listed = set(manifest.read_text(encoding="utf-8", errors="replace").split())
    return {path for path in listed if _is_safe(path)}


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
    refuse_links(root)
    previous = read_manifest(root)
    clashes = sorted(p for p in files if p not in previous and _exists(root / p))
    if clashes:
        raise WriteError(
            "these files exist but were not generated, so they are not overwritten: "
            + ", ".join(str(root / p) for p in clashes)
            + "; rename or remove them"
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
        # Intent first: from here on, whatever happens, every file we touch is listed.
        if not set(files) <= previous:
            _replace(root / MANIFEST, _listing(previous | set(files)))
        written = unchanged = 0
        safe: set[Path] = set()  # folders found not to be links
        for relative in sorted(files):
            text = files[relative]  # one at a time: `files` may read them lazily
            before = last_written.get(relative) if last_written is not None else None
            if before == text:
                unchanged += 1
                continue
            target = _target(root, relative, safe)
            data = text.encode("utf-8")
            # Written by us with other text: no need to read it (a national feed is 30 MB).
            if before is None and target.is_file() and target.read_bytes() == data:
                unchanged += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            _replace(target, data)
            written += 1
        removed = _remove_stale(root, previous - set(files))
        listing = _listing(set(files))
        manifest = root / MANIFEST
        if manifest.is_symlink() or not manifest.is_file() or manifest.read_bytes() != listing:
            _replace(manifest, listing)  # the same again: left alone, or live reload loops
    except OSError as err:
        raise WriteError(_explain(err, root)) from None
    return WriteSummary(written=written, unchanged=unchanged, removed=removed)


def _remove_stale(root: Path, stale: set[str]) -> int:
    removed = 0
    for relative in sorted(stale):
        target = root / relative
        if _through_link(root, target):
            continue  # through a linked folder: not ours to touch
        _leftover(target).unlink(missing_ok=True)
        if target.is_symlink() or not target.is_file():
            continue  # never follow a link, not even to remove it
        target.unlink()
        removed += 1
        _remove_empty_parents(target.parent, root)
    return removed


def _target(root: Path, relative: str, safe: set[Path]) -> Path:
    """Where `relative` goes; WriteError if a link is on the way. With no link in
    any folder between, nor at the file itself, the file is inside `root`."""
    target = root / relative
    if _through_link(root, target, safe) or target.is_symlink():
        raise WriteError(f"{target} leads outside {root} (a symbolic link?)")
    return target


def _through_link(root: Path, target: Path, safe: set[Path] | None = None) -> bool:
    """Whether a folder between `root` and `target` is a symbolic link (`safe`: folders
    already found not to be, in this write)."""
    folder = target.parent
    while folder != root:
        if safe is not None and folder in safe:
            return False
        if folder.is_symlink():
            return True
        folder = folder.parent
    if safe is not None:
        folder = target.parent
        while folder != root and folder not in safe:
            safe.add(folder)
            folder = folder.parent
    return False


def _leftover(target: Path) -> Path:
    """Where a file is written before it is renamed into place (a dot-file: MkDocs skips it)."""
    return target.with_name(f".{target.name}.partial")


def _replace(target: Path, data: bytes) -> None:
    """Write `data` beside `target`, then rename it over: never a half-written file.

    The file beside it is made anew (whatever was there, a link included, is
    removed first, and the new one is never opened through a link), so a
    planted ``.name.partial`` cannot turn the write into one elsewhere.
    """
    partial = _leftover(target)
    partial.unlink(missing_ok=True)  # a stopped build's leftover, or a planted link
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(partial, flags, 0o644)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def _listing(paths: set[str]) -> bytes:
    return "".join(f"{p}\n" for p in sorted(paths)).encode("utf-8")


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _is_safe(relative: str) -> bool:
    try:
        check_path(relative)
    except WriteError:
        return False
    return True


def _explain(err: OSError, root: Path) -> str:
    where = err.filename or root
    if err.errno == errno.ENOSPC:
        return (
            f"the disk is full while writing {where}: make room and build again "
            "(what was written so far is cleaned up by the next build)"
        )
    return f"cannot write {where}: {err.strerror or err}"


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while (
        folder != root and not folder.is_symlink() and folder.is_dir() and not any(folder.iterdir())
    ):
        folder.rmdir()
        folder = folder.parent
