"""Benchmark: charts drawn per second, in one process and in spawned processes.

Takes the example coalitions, makes COPIES variants of each (renamed, so every
spec differs), builds every chart of both languages and draws them into fresh
cache folders: cold in this one process, cold in spawned drawing processes on
all cores (``generator.chartpool``), then warm. It then measures where the
drawing processes start to pay: small batches drawn both ways, with this
process's renderer already started (as in a build's second language), and
the break-even that follows from them (``chartpool.MIN_CHARTS`` is set from it).

Usage: python benchmarks/bench_charts.py [COPIES]   (default 20: a few hundred charts)
Not part of the test run: timings depend on the machine (and on what else runs on it).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from generator.chartdraw import draw
from generator.chartpool import MIN_CHARTS, draw_in_workers
from generator.chartsvg import chart_store, draw_all
from generator.parallel import cores
from generator.public import PublicSite
from generator.render.charts import VEGA_LITE_VERSION
from generator.site import generate, render_site

SMALL = (8, 16, 32, 64)


def _copies(site: PublicSite, copies: int) -> PublicSite:
    coalitions = tuple(
        dataclasses.replace(c, slug=f"{c.slug}-{n}", name=f"{c.name} {n}")
        for n in range(copies)
        for c in site.coalitions
    )
    return dataclasses.replace(site, coalitions=coalitions)


def _cold(found: dict[str, str], workers: int) -> float:
    """Seconds to draw every chart into an empty cache."""
    with tempfile.TemporaryDirectory() as folder:
        store = chart_store(Path(folder))
        start = time.perf_counter()
        _, summary = draw_all(found, store, workers=workers)
        store.close()
        seconds = time.perf_counter() - start
    assert summary.rendered == len(found)
    return seconds


def _warm(found: dict[str, str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        store = chart_store(Path(folder))
        draw_all(found, store)
        store.close()
        store = chart_store(Path(folder))
        start = time.perf_counter()
        _, summary = draw_all(found, store)
        store.close()
        seconds = time.perf_counter() - start
    assert summary.cached == len(found)
    return seconds


def _break_even(texts: list[str], workers: int) -> None:
    """Small batches both ways; the break-even from the start-up cost and the two rates."""
    draw(texts[0], VEGA_LITE_VERSION)  # this process's renderer is started
    rows = []
    for count in SMALL:
        batch = [json.dumps({**json.loads(t), "usermeta": {"batch": count}}) for t in texts[:count]]
        start = time.perf_counter()
        for text in batch:
            draw(text, VEGA_LITE_VERSION)
        here = time.perf_counter() - start
        start = time.perf_counter()
        for _ in draw_in_workers(batch, VEGA_LITE_VERSION, workers):
            pass
        there = time.perf_counter() - start
        rows.append((count, here, there))
        print(f"  {count:3} charts: {here:6.2f} s here, {there:6.2f} s in {workers} processes")
    # here = n / r1; there = s + n / rw: fitted on the smallest and the largest batch.
    (n0, h0, t0), (n1, h1, t1) = rows[0], rows[-1]
    per_here = (h1 - h0) / (n1 - n0)
    per_there = (t1 - t0) / (n1 - n0)
    start_up = t0 - n0 * per_there
    if per_there < per_here:
        even = start_up / (per_here - per_there)
        print(
            f"  start-up {start_up:.2f} s; processes pay from about {even:.0f} charts "
            f"(MIN_CHARTS is {MIN_CHARTS})"
        )
    else:
        print("  the processes do not pay on this machine now (too busy?)")


def main(argv: list[str]) -> None:
    copies = int(argv[0]) if argv else 20
    site = _copies(generate(Path("coalitions"), date(2026, 11, 23)).site, copies)
    found = {
        f"{lang}/{path}": text
        for lang, made in render_site(site).items()
        for path, text in made.specs().items()
    }
    workers = cores()
    print(f"{len(site.coalitions)} coalitions, {len(found)} charts (both languages)")
    one = _cold(found, 0)
    print(f"cold cache, one process: {one:.2f} s = {len(found) / one:.1f} charts/s")
    if workers < 2:
        print("one core: no drawing processes")
    else:
        many = _cold(found, workers)
        print(
            f"cold cache, {workers} spawned processes: {many:.2f} s = "
            f"{len(found) / many:.1f} charts/s ({one / many:.2f}x)"
        )
    warm = _warm(found)
    print(f"warm cache: {warm:.2f} s = {len(found) / warm:,.0f} charts/s")
    if workers >= 2:
        print("break-even (this process's renderer already started):")
        _break_even(list(found.values()), workers)


if __name__ == "__main__":
    main(sys.argv[1:])
