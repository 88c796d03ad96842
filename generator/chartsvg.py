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

import hashlib
import importlib.metadata
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vl_convert

from .cache import Memo
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


class DrawingError(Exception):
    """A chart cannot be drawn."""


def draw_one(text: str) -> str:
    """The checked drawing of one spec (as text).

    Vega shortens long axis labels by UTF-16 code units, and a cut through a
    character outside the Basic Multilingual Plane (an emoji, a mathematical
    letter) makes the renderer fail. Such a chart is drawn again with labels
    at full length.
    """
    spec = json.loads(text)
    try:
        svg: str = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)
    except ValueError:
        try:
            svg = vl_convert.vegalite_to_svg(_unlimited(spec), vl_version=VEGA_LITE_VERSION)
        except ValueError as err:
            title = spec.get("title", {})
            name = title.get("text") if isinstance(title, dict) else title
            first = str(err).strip().splitlines()[0] if str(err).strip() else "no reason given"
            raise DrawingError(f"the chart {name!r} cannot be drawn: {first}") from None
    check_svg(svg)
    return svg


def _unlimited(value: Any) -> Any:
    """The spec with every label limit lifted (0: never shortened)."""
    if isinstance(value, dict):
        return {k: 0 if k == "labelLimit" else _unlimited(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unlimited(v) for v in value]
    return value


class Drawings(Mapping[str, str]):
    """Other files plus {path.svg: drawing}, each drawing taken from the store, or
    drawn, only when asked for.

    A one-off build writes drawings one by one from here instead of holding
    them all: at national scale that is 20,000 drawings, about 700 MB.
    `last` holds the files written last time (make serve): a chart whose spec
    is the same again keeps its drawing without a store read.
    """

    def __init__(
        self,
        specs: Mapping[str, str],
        store: Memo,
        others: Mapping[str, str],
        last: Mapping[str, str] | None = None,
    ) -> None:
        self._specs = {f"{path}.svg": text for path, text in specs.items()}
        self._store = store
        self._others = others
        self._last = last or {}
        self.summary = SvgSummary()

    def __getitem__(self, name: str) -> str:
        text = self._specs.get(name)
        if text is None:
            return self._others[name]
        if self._last.get(name.removesuffix(".svg") + ".vl.json") == text:
            drawn = self._last.get(name)
            if drawn is not None:
                self.summary.cached += 1
                return drawn
        key = drawing_key(text)
        found = self._store.find(key)
        if isinstance(found, str):
            self.summary.cached += 1
            return found
        svg = draw_one(text)
        self._store.store(key, svg)
        self.summary.rendered += 1
        return svg

    def __iter__(self) -> Iterator[str]:
        yield from self._others
        yield from (name for name in self._specs if name not in self._others)

    def __len__(self) -> int:
        return len(self._others) + sum(1 for name in self._specs if name not in self._others)


def chart_store(cache: Path | None) -> Memo:
    """The store of drawings in the cache folder (in memory only without one)."""
    return Memo(None if cache is None else cache / CHART_CACHE, remember=False)


def draw_all(specs: Mapping[str, str], store: Memo) -> tuple[dict[str, str], SvgSummary]:
    """{path.svg: drawing} for every spec (text, by chart path), all at once."""
    drawings = Drawings(specs, store, {})
    return {name: drawings[name] for name in drawings}, drawings.summary
