"""Pure work spread over the machine's cores, when there is enough of it.

``run_all(thunks)`` returns ``[thunk() for thunk in thunks]``, computed in
forked worker processes when that pays: at least ``MIN_ITEMS`` pieces, more
than one core, and a single-threaded caller (forking a threaded process,
such as ``mkdocs serve``, is unsafe). Workers inherit the thunks through
fork, so only the results travel back (pickled); thunks must be pure.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

MIN_ITEMS = 64
_WORK: Sequence[Callable[[], Any]] = ()


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run(index: int) -> Any:
    return _WORK[index]()


def run_all(thunks: Sequence[Callable[[], T]]) -> list[T]:
    """Every thunk's result, in order."""
    workers = min(cores(), max(1, len(thunks) // (MIN_ITEMS // 2)))
    if (
        workers < 2
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [thunk() for thunk in thunks]
    global _WORK
    _WORK = thunks
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, len(thunks) // (workers * 8))
            return pool.map(_run, range(len(thunks)), chunksize=chunk)
    finally:
        _WORK = ()
