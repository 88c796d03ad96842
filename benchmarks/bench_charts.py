"""Benchmark: charts drawn per second, with a cold and a warm cache.

Takes the example coalitions, makes COPIES variants of each (renamed, so every
spec differs), builds every chart of both languages and draws them twice into
a fresh cache folder: first cold, then warm.

Usage: python benchmarks/bench_charts.py [COPIES]   (default 5)
Not part of the test run: timings depend on the machine.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from generator.chartsvg import render_svgs
from generator.public import PublicSite
from generator.render.charts import charts
from generator.site import generate


def _copies(site: PublicSite, copies: int) -> PublicSite:
    coalitions = tuple(
        dataclasses.replace(c, slug=f"{c.slug}-{n}", name=f"{c.name} {n}")
        for n in range(copies)
        for c in site.coalitions
    )
    return dataclasses.replace(site, coalitions=coalitions)


def main(argv: list[str]) -> None:
    copies = int(argv[0]) if argv else 5
    site = _copies(generate(Path("coalitions"), date(2026, 11, 23)).site, copies)
    found = [chart for lang in ("nl", "en") for chart in charts(site, lang)]
    print(f"{len(site.coalitions)} coalitions, {len(found)} charts (both languages)")
    with tempfile.TemporaryDirectory() as folder:
        for label in ("cold cache", "warm cache"):
            start = time.perf_counter()
            _, summary = render_svgs(found, Path(folder))
            seconds = time.perf_counter() - start
            print(
                f"{label}: {summary.rendered} drawn, {summary.cached} cached in "
                f"{seconds:.2f} s = {len(found) / seconds:,.0f} charts/s"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
