"""One chart spec drawn with vl-convert: everything a drawing process imports.

A spawned process starts from nothing and pays for every import it makes, so
this module needs only the standard library and vl-convert (not the rest of
the generator). The same functions draw in the build's own process
(``chartsvg.draw_one``) and in the drawing processes (``chartpool``): a chart
is drawn the same way, and fails with the same message, wherever it is drawn.
The drawing is checked (``chartsvg.check_svg``) by the build's own process.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from typing import Any

import vl_convert


class DrawingError(Exception):
    """A chart cannot be drawn."""


def draw(text: str, vl_version: str) -> str:
    """The (unchecked) drawing of one spec (as text); DrawingError if it cannot be drawn.

    Vega shortens long axis labels by UTF-16 code units, and a cut through a
    character outside the Basic Multilingual Plane (an emoji, a mathematical
    letter) makes the renderer fail. Such a chart is drawn again with labels
    at full length.
    """
    spec = json.loads(text)
    try:
        svg: str = vl_convert.vegalite_to_svg(spec, vl_version=vl_version)
    except ValueError:
        try:
            svg = vl_convert.vegalite_to_svg(_unlimited(spec), vl_version=vl_version)
        except ValueError as err:
            title = spec.get("title", {})
            name = title.get("text") if isinstance(title, dict) else title
            first = str(err).strip().splitlines()[0] if str(err).strip() else "no reason given"
            raise DrawingError(f"the chart {name!r} cannot be drawn: {first}") from None
    return svg


def _unlimited(value: Any) -> Any:
    """The spec with every label limit lifted (0: never shortened)."""
    if isinstance(value, dict):
        return {k: 0 if k == "labelLimit" else _unlimited(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unlimited(v) for v in value]
    return value


def draw_batch(texts: list[str], vl_version: str) -> list[tuple[bool, str]]:
    """For each spec, in order: (True, drawing) or (False, the message why it cannot
    be drawn). Runs in a drawing process; only plain strings travel back."""
    done: list[tuple[bool, str]] = []
    for text in texts:
        try:
            done.append((True, draw(text, vl_version)))
        except DrawingError as err:
            done.append((False, str(err)))
    return done


def start_worker(parent: int) -> None:
    """Set up a drawing process.

    Ctrl+C reaches every process of the terminal's group: the build's process
    stops its drawing processes itself, so they ignore it (no traceback from
    each). A drawing process whose build's process is gone (killed) ends by
    itself instead of waiting for work forever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # held back while starting (chartpool._deaf)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _end_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)
