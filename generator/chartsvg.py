"""Chart specs to SVG with vl-convert, cached by the content of the spec.

The one impure step between rendering and writing: it reads and writes the
cache folder. The cache key covers the spec and the renderer's versions, so
an unchanged chart is never rendered twice, and deleting the folder is safe.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import vl_convert

from .render.charts import VEGA_LITE_VERSION, Chart

_RENDERER = importlib.metadata.version("vl-convert-python")


@dataclass(frozen=True)
class SvgSummary:
    rendered: int
    cached: int


def spec_text(chart: Chart) -> str:
    """The spec as published next to the page: stable key order, compact.

    Compact because Python's JSON encoder runs in C only without indentation,
    and a national site has tens of thousands of specs.
    """
    return json.dumps(chart.spec, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _key(text: str) -> str:
    versions = f"{_RENDERER}:{VEGA_LITE_VERSION}:"
    return hashlib.sha256((versions + text).encode("utf-8")).hexdigest()


def render_svgs(charts: Iterable[Chart], cache: Path) -> tuple[dict[str, str], SvgSummary]:
    """{path.svg: svg} for every chart, rendering only what the cache lacks."""
    return draw({chart.path: spec_text(chart) for chart in charts}, cache)


class Drawings(Mapping[str, str]):
    """Other files plus {path.svg: svg}, each drawing read from the chart cache only
    when asked for.

    A one-off build writes drawings one by one from here instead of holding
    them all: at national scale that is 20,000 drawings, about 700 MB.
    """

    def __init__(self, stored: dict[str, Path], others: Mapping[str, str]) -> None:
        self._stored = stored
        self._others = others

    def __getitem__(self, name: str) -> str:
        if name in self._stored:
            return self._stored[name].read_text(encoding="utf-8")
        return self._others[name]

    def __iter__(self) -> Iterator[str]:
        yield from self._others
        yield from (name for name in self._stored if name not in self._others)

    def __len__(self) -> int:
        return len(self._others) + sum(1 for name in self._stored if name not in self._others)


def draw_to_cache(
    specs: Mapping[str, str], cache: Path, others: Mapping[str, str]
) -> tuple[Drawings, SvgSummary]:
    """Make sure every chart is drawn in the cache: `others` plus the drawings, read when
    needed."""
    cache.mkdir(parents=True, exist_ok=True)
    stored: dict[str, Path] = {}
    rendered = cached = 0
    for path, text in specs.items():
        target = cache / f"{_key(text)}.svg"
        if target.is_file():
            cached += 1
        else:
            _draw(text, target)
            rendered += 1
        stored[f"{path}.svg"] = target
    return Drawings(stored, others), SvgSummary(rendered=rendered, cached=cached)


def _draw(text: str, stored: Path) -> str:
    svg = vl_convert.vegalite_to_svg(json.loads(text), vl_version=VEGA_LITE_VERSION)
    # Write beside it, then rename: a build stopped halfway leaves no broken drawing.
    partial = stored.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(svg, encoding="utf-8")
    os.replace(partial, stored)
    return svg


def draw(
    specs: Mapping[str, str], cache: Path, last: Mapping[str, str] | None = None
) -> tuple[dict[str, str], SvgSummary]:
    """{path.svg: svg} for every chart spec (text, by chart path), drawing what the cache lacks.

    `last` holds the files written last time (make serve): a chart whose spec
    is the same again keeps its drawing without a cache read.
    """
    cache.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    rendered = cached = 0
    for path, text in specs.items():
        if last is not None and last.get(f"{path}.vl.json") == text:
            drawn = last.get(f"{path}.svg")
            if drawn is not None:
                files[f"{path}.svg"] = drawn
                cached += 1
                continue
        stored = cache / f"{_key(text)}.svg"
        if stored.is_file():
            svg = stored.read_text(encoding="utf-8")
            cached += 1
        else:
            svg = _draw(text, stored)
            rendered += 1
        files[f"{path}.svg"] = svg
    return files, SvgSummary(rendered=rendered, cached=cached)
