"""Benchmark: each coalition's history from git, cold and warm.

Writes N synthetic dossiers (benchmarks/corpus.py) into a scratch git
repository with R commits, each moving one partner's influence in every
dossier (N x R revisions), and prints the cost of reading, validating and
comparing that history on top of checking and publishing the folder:

- cold: an empty content cache (every blob read and validated);
- warm: a new build process with the cache on disk, after one new commit
  that changes one dossier (the target: under a second on top of the same
  build without history).

Usage: python benchmarks/bench_history.py [N] [R]   (default 1000 20)
Not part of the test run: timings depend on the machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import write_corpus
from generator.cache import Memo
from generator.site import publish_folder
from generator.state import BuildState

DAY = date(2026, 11, 23)
_INFLUENCE = re.compile(r"influence: (\d)")


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


def _move(path: Path, step: int) -> None:
    text = path.read_text(encoding="utf-8")
    # 1 → 2 → ... → 5 → 1: every step is a change.
    moved = _INFLUENCE.sub(lambda m: f"influence: {int(m[1]) % 5 + 1}", text, count=1)
    path.write_text(moved, encoding="utf-8")


def _publish(folder: Path, cache: Path, history: bool) -> float:
    store = Memo(cache, remember=False)
    started = time.monotonic()
    publish_folder(folder, DAY, BuildState(store), history)
    seconds = time.monotonic() - started
    store.save()
    store.close()
    return seconds


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    revisions = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    with tempfile.TemporaryDirectory() as scratch:
        repo = Path(scratch)
        folder = repo / "coalitions"
        _git(repo, "init", "-q", "-b", "main")
        started = time.monotonic()
        paths = write_corpus(count, folder)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "r0")
        for step in range(1, revisions):
            for path in paths:
                _move(path, step)
            _git(repo, "commit", "-q", "-am", f"r{step}")
        made = time.monotonic() - started
        print(f"repository: {count} dossiers x {revisions} revisions ({made:.0f} s)")
        plain, with_history = repo / "plain.sqlite", repo / "history.sqlite"
        cold_plain = _publish(folder, plain, history=False)
        cold = _publish(folder, with_history, history=True)
        print(f"cold: check and publish {cold_plain:.2f} s; with history {cold:.2f} s")
        _move(paths[len(paths) // 2], revisions)
        _git(repo, "commit", "-q", "-am", "one more")
        warm_plain = _publish(folder, plain, history=False)
        warm = _publish(folder, with_history, history=True)
        print(
            f"warm after one commit changing one dossier: without history {warm_plain:.2f} s; "
            f"with history {warm:.2f} s (+{warm - warm_plain:.2f} s)"
        )


if __name__ == "__main__":
    main()
