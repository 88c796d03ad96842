"""Many charts drawn at once in spawned processes, one per core.

vl-convert runs V8, and a process forked after V8 started is unsafe; a
threaded process (``make serve``) must not fork at all. So the drawing
processes are *spawned*: fresh interpreters that import only
``generator.chartdraw`` (not the rest of the generator, nor the command that
started the build), start their own V8, and draw batches of specs. Only spec
texts go out and drawings (or the message why one cannot be drawn) come
back; the caller checks every drawing before it keeps it.

A spawned process takes about a second before it draws (the interpreter,
then V8), so this pays only for enough charts: ``MIN_CHARTS`` (measured with
``make bench``); fewer are drawn in the build's own process.

A drawing process that dies (out of memory, killed) stops the drawing with
``DrawingStopped``; Ctrl+C stops every drawing process before it goes on.
Nothing half-drawn is handed out, so whatever the caller kept is whole.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import types
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from . import i18n
from .chartdraw import DrawingError, draw_batch, start_worker
from .parallel import cores

MIN_CHARTS = 64  # below this, one process is as fast (measured: docs/performance.md)
_BATCH = 8  # specs per task: large enough to make the traffic small, small for an even spread
_AHEAD = 3  # tasks queued per process, so none waits for the next batch


class DrawingStopped(DrawingError):
    """A drawing process stopped before it was done (out of memory, killed)."""


def workers_for(count: int) -> int:
    """How many drawing processes `count` missing charts are worth (0: draw in this one)."""
    if count < MIN_CHARTS:
        return 0
    workers = min(cores(), count // (MIN_CHARTS // 2))
    return workers if workers >= 2 else 0


def draw_in_workers(
    texts: Sequence[str], vl_version: str, workers: int
) -> Generator[tuple[int, str], None, None]:
    """(index in `texts`, unchecked drawing) for every spec, in the order they
    are done. DrawingError with the same message as in this process for a spec
    that cannot be drawn; DrawingStopped if a drawing process dies."""
    size = max(1, min(_BATCH, len(texts) // (workers * 4)))
    batches = [range(start, min(start + size, len(texts))) for start in range(0, len(texts), size)]
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_worker,
        initargs=(os.getpid(),),
    )
    running: dict[Future[list[tuple[bool, str]]], range] = {}
    try:
        waiting = iter(batches)

        def submit(count: int) -> None:
            for batch in _take(waiting, count):
                try:
                    future = pool.submit(draw_batch, [texts[n] for n in batch], vl_version)
                except BrokenProcessPool:  # a process died after the last batch came back
                    raise _stopped() from None
                running[future] = batch

        with _bare_main(), _deaf():  # the processes start on the first submissions
            submit(workers * _AHEAD)
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                batch = running.pop(future)
                for n, (drawn, result) in zip(batch, _result(future), strict=True):
                    if not drawn:
                        raise DrawingError(result)
                    yield n, result
            submit(len(done))
    except BaseException:
        # Stopped early (an error, Ctrl+C, the caller gave up): no process outlives it.
        _stop(pool)
        raise
    pool.shutdown()


def _take(items: Iterator[range], count: int) -> list[range]:
    return [item for _, item in zip(range(count), items, strict=False)]


def _result(future: Future[list[tuple[bool, str]]]) -> list[tuple[bool, str]]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise _stopped() from None
    except Exception as err:  # anything else from a drawing process: no traceback
        raise DrawingError(i18n._("a chart cannot be drawn: {reason}").format(reason=err)) from None


def _stopped() -> DrawingStopped:
    return DrawingStopped(
        i18n._(
            "a process drawing the charts stopped unexpectedly (out of memory, or "
            "stopped from outside), so the build stopped; the charts drawn before "
            "are kept in the cache: run the build again"
        )
    )


def _stop(pool: ProcessPoolExecutor) -> None:
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.join()


@contextlib.contextmanager
def _deaf() -> Iterator[None]:
    """Start processes with Ctrl+C held back (a spawned process keeps the mask).

    A Ctrl+C that reached a drawing process while its interpreter starts would
    end it with a fatal error on the terminal; held back, it is dropped once
    the process ignores it (``chartdraw.start_worker``). This process gets its
    own Ctrl+C as soon as the processes are started.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextlib.contextmanager
def _bare_main() -> Iterator[None]:
    """Start processes without the command's main module.

    A spawned process first imports the main module of the process that
    started it (``dossiers``: the whole command line, about a second). The
    drawing processes need none of it, so while they start, the main module
    is a bare stand-in.
    """
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main
