"""Chart specs to SVG with vl-convert, kept in a store by the content of the spec.

The one impure step between rendering and writing. A drawing's key covers
the spec and the renderer's versions, so an unchanged chart is never drawn
twice. Drawings live in a ``cache.Memo`` of their own (``.cache/charts.sqlite``),
so they are signed like every cache entry: a drawing planted or altered in
the cache is a miss and is drawn again. Every new drawing is checked before
it is kept or published (``check_svg``): no script, no event handler, no
reference outside the drawing itself. SVG files get no meta CSP, and opened
on their own they run on the site's origin.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import i18n
from .cache import Memo
from .chartdraw import DrawingError as DrawingError
from .chartdraw import draw
from .chartpool import DrawingStopped as DrawingStopped
from .chartpool import draw_in_workers, workers_for
from .render.charts import VEGA_LITE_VERSION

_RENDERER = importlib.metadata.version("vl-convert-python")
CHART_CACHE = "charts.sqlite"
_CHECK_VERSION = "1"  # raise when check_svg changes: drawings kept before are checked again

_SVG = "{http://www.w3.org/2000/svg}"
_XLINK = "{http://www.w3.org/1999/xlink}"
# What vl-convert draws for our charts; anything else is refused.
_ELEMENTS = frozenset(
    _SVG + name
    for name in (
        "svg",
        "g",
        "path",
        "rect",
        "line",
        "circle",
        "ellipse",
        "polygon",
        "polyline",
        "text",
        "tspan",
        "title",
        "desc",
        "defs",
        "clipPath",
        "style",
        "linearGradient",
        "radialGradient",
        "stop",
    )
)


# Attributes whose value is CSS that may load something (url(...)).
_PAINTED = frozenset(
    (
        *("style", "fill", "stroke", "clip-path", "mask", "filter"),
        *("marker-start", "marker-mid", "marker-end", "cursor"),
    )
)


class UnsafeDrawing(Exception):
    """A drawing holds something a published SVG must not."""


@dataclass
class SvgSummary:
    rendered: int = 0
    cached: int = 0


def drawing_key(text: str) -> str:
    versions = f"svg:{_RENDERER}:{VEGA_LITE_VERSION}:{_CHECK_VERSION}:"
    return hashlib.sha256((versions + text).encode("utf-8")).hexdigest()


def check_svg(svg: str) -> None:
    """UnsafeDrawing unless `svg` is plain drawing: known elements, no handlers,
    links only to its own parts (``#id``)."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as err:
        raise UnsafeDrawing(f"not well-formed SVG ({err})") from None
    for element in root.iter():
        if element.tag not in _ELEMENTS:
            raise UnsafeDrawing(f"element {element.tag!r} is not allowed in a drawing")
        for name, value in element.attrib.items():
            bare = name.rsplit("}", 1)[-1].lower()
            if bare.startswith("on"):
                raise UnsafeDrawing(f"event handler {bare!r} in a drawing")
            if name in ("href", _XLINK + "href") and not value.startswith("#"):
                raise UnsafeDrawing(f"link to {value!r} in a drawing")
            if bare in _PAINTED and _outside(value):
                raise UnsafeDrawing(f"outside reference {value!r} in a drawing")
        if element.tag == _SVG + "style" and (
            "@import" in (element.text or "") or _outside(element.text or "")
        ):
            raise UnsafeDrawing("a style sheet that reaches outside the drawing")


def _outside(css: str) -> bool:
    """Whether CSS text refers to anything but a part of the drawing itself."""
    flat = "".join(css.split()).lower()
    return flat.count("url(") != flat.count("url(#")


def draw_one(text: str) -> str:
    """The checked drawing of one spec (as text); DrawingError if it cannot be drawn."""
    svg = draw(text, VEGA_LITE_VERSION)
    check_svg(svg)
    return svg


PROGRESS_SECONDS = 10.0  # a line "charts: 1,200 of 4,002 drawn" at most this often

Say = Callable[[str], None]


class Drawings(Mapping[str, str]):
    """Other files plus {path.svg: drawing}, each drawing taken from the store, or
    drawn, only when asked for.

    A one-off build writes drawings one by one from here instead of holding
    them all: at national scale that is 20,000 drawings, about 700 MB.
    `last` holds the files written last time (make serve): a chart whose spec
    is the same again keeps its drawing without a store read. ``draw_missing``
    first draws what the store lacks on all cores, when there is enough of it.
    """

    def __init__(
        self,
        specs: Mapping[str, str],
        store: Memo,
        others: Mapping[str, str],
        last: Mapping[str, str] | None = None,
        say: Say | None = None,
    ) -> None:
        self._specs = {f"{path}.svg": text for path, text in specs.items()}
        self._store = store
        self._others = others
        self._last = last or {}
        self._fresh: set[str] = set()  # keys of drawings made by draw_missing
        self._progress = _Progress(0, say)
        self.summary = SvgSummary()

    def draw_missing(self, workers: int | None = None) -> None:
        """Draw into the store every chart it lacks, in spawned processes on all
        cores when there are enough of them (``chartpool``); else they are drawn
        one by one when asked for. Each drawing is checked here before it is kept.
        `workers` chooses the number of processes (0: all here), for measuring.
        Raises DrawingError (DrawingStopped: a drawing process died) or UnsafeDrawing.
        """
        missing: dict[str, str] = {}  # key: spec text
        for name, text in self._specs.items():
            if self._kept(name, text) is None:
                key = drawing_key(text)
                if key not in missing and not self._store.contains(key):
                    missing[key] = text
        self._progress.total = len(missing)
        if workers is None:
            workers = workers_for(len(missing))
        if not workers or not missing:
            return
        keys = list(missing)
        texts = [missing[key] for key in keys]
        # Closed however the loop ends (an unsafe drawing too): no drawing process is left.
        with contextlib.closing(draw_in_workers(texts, VEGA_LITE_VERSION, workers)) as drawn:
            for n, svg in drawn:
                check_svg(svg)
                self._store.store(keys[n], svg)
                self._fresh.add(keys[n])
                self._progress.step()

    def _kept(self, name: str, text: str) -> str | None:
        """The drawing written last time, if its spec is the same."""
        if self._last.get(name.removesuffix(".svg") + ".vl.json") == text:
            return self._last.get(name)
        return None

    def __getitem__(self, name: str) -> str:
        text = self._specs.get(name)
        if text is None:
            return self._others[name]
        drawn = self._kept(name, text)
        if drawn is not None:
            self.summary.cached += 1
            return drawn
        key = drawing_key(text)
        found = self._store.find(key)
        if isinstance(found, str):
            if key in self._fresh:
                self._fresh.discard(key)
                self.summary.rendered += 1
            else:
                self.summary.cached += 1
            return found
        svg = draw_one(text)
        self._store.store(key, svg)
        self.summary.rendered += 1
        self._progress.step()
        return svg

    def __iter__(self) -> Iterator[str]:
        yield from self._others
        yield from (name for name in self._specs if name not in self._others)

    def __len__(self) -> int:
        return len(self._others) + sum(1 for name in self._specs if name not in self._others)


class _Progress:
    """Says how far the drawing is, every PROGRESS_SECONDS while it goes on."""

    def __init__(self, total: int, say: Say | None) -> None:
        self.total = total
        self.done = 0
        self._say = say
        self._next = time.monotonic() + PROGRESS_SECONDS

    def step(self) -> None:
        self.done += 1
        if self._say is None or self.done >= self.total or time.monotonic() < self._next:
            return
        self._next = time.monotonic() + PROGRESS_SECONDS
        self._say(
            i18n._("charts: {done} of {total} drawn").format(
                done=_count(self.done), total=_count(self.total)
            )
        )


def _count(value: int) -> str:
    """A whole number with the language's thousands separator (1.200 in Dutch)."""
    shown = f"{value:,}"
    return shown.replace(",", ".") if i18n.language() == "nl" else shown


def chart_store(cache: Path | None) -> Memo:
    """The store of drawings in the cache folder (in memory only without one)."""
    return Memo(None if cache is None else cache / CHART_CACHE, remember=False)


def draw_all(
    specs: Mapping[str, str], store: Memo, say: Say | None = None, workers: int | None = None
) -> tuple[dict[str, str], SvgSummary]:
    """{path.svg: drawing} for every spec (text, by chart path), all at once
    (`workers` as for ``Drawings.draw_missing``)."""
    drawings = Drawings(specs, store, {}, say=say)
    drawings.draw_missing(workers)
    return {name: drawings[name] for name in drawings}, drawings.summary
