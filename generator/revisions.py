"""The dossiers as they were at a git revision, or as they are in the working tree."""

from __future__ import annotations

import os
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
    # git names paths from the top of the repository; --dir is from where we run.
    top = Path(os.fsdecode(_git("rev-parse", "--show-toplevel").strip()))
    inside = os.path.relpath(folder.resolve(), top.resolve()).replace(os.sep, "/")
    if inside.startswith(".."):
        raise RevisionError(f"{folder} is not inside the git repository at {top}")
    relative = inside
    try:
        _git("-C", str(top), "cat-file", "-e", f"{revision}:{relative}")
    except RevisionError:
        return [], []  # the folder did not exist yet at that revision
    # From a subfolder, ls-tree would list only that subfolder: run it from the top.
    listing = _git("-C", str(top), "ls-tree", "-z", "--name-only", f"{revision}:{relative}")
    raws = []
    problems: list[Problem] = []
    for raw_name in sorted(n for n in listing.split(b"\0") if n.endswith(EXTENSION.encode())):
        # A name that is not UTF-8 goes to git as its own bytes (fsdecode) and is
        # shown with replacement characters; read_bytes then refuses it as a name.
        name = raw_name.decode("utf-8", "replace")
        shown = f"{revision}:{relative}/{name}"
        content = _git("-C", str(top), "show", f"{revision}:{relative}/{os.fsdecode(raw_name)}")
        result = read_bytes(content, name, shown)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            raws.append(result)
    valid, invalid = validate_all(raws)
    return valid, problems + invalid
