"""The dossiers as they were at a git revision, or as they are in the working tree."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import Problem
from .load import EXTENSION, load_folder, read_bytes
from .validate import ValidDossier, validate_all


class RevisionError(Exception):
    """git could not give the dossiers at a revision."""


def _git(*args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or "git failed")
    return done.stdout


def dossiers_at(revision: str | None, folder: Path) -> tuple[list[ValidDossier], list[Problem]]:
    """Valid dossiers and problems at a revision; None means the working tree."""
    if revision is None:
        found, unreadable, _ = load_folder(folder)
        valid, invalid = validate_all(found)
        return valid, unreadable + invalid
    try:
        _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(f"unknown git revision '{revision}'") from None
    try:
        listing = _git("ls-tree", "-z", "--name-only", f"{revision}:{folder.as_posix()}")
    except RevisionError:
        listing = b""  # the folder did not exist yet at that revision
    raws = []
    problems: list[Problem] = []
    for name in sorted(n for n in listing.decode("utf-8").split("\0") if n.endswith(EXTENSION)):
        content = _git("show", f"{revision}:{folder.as_posix()}/{name}")
        result = read_bytes(content, name, f"{revision}:{folder.as_posix()}/{name}")
        if isinstance(result, Problem):
            problems.append(result)
        else:
            raws.append(result)
    valid, invalid = validate_all(raws)
    return valid, problems + invalid
