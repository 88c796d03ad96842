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

from generator.chartsvg import chart_store, draw_all
from generator.public import PublicSite
from generator.site import generate, render_site


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
    found = {
        f"{lang}/{path}": text
        for lang, made in render_site(site).items()
        for path, text in made.specs().items()
    }
    print(f"{len(site.coalitions)} coalitions, {len(found)} charts (both languages)")
    with tempfile.TemporaryDirectory() as folder:
        for label in ("cold cache", "warm cache"):
            start = time.perf_counter()
            store = chart_store(Path(folder))
            _, summary = draw_all(found, store)
            store.close()
            seconds = time.perf_counter() - start
            print(
                f"{label}: {summary.rendered} drawn, {summary.cached} cached in "
                f"{seconds:.2f} s = {len(found) / seconds:,.0f} charts/s"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
