"""Benchmark: the generator stage by stage on a synthetic corpus, against a floor.

For each N it writes N synthetic dossiers (benchmarks/corpus.py), then prints:
- the floor: parse the same files with libyaml's C loader and write as many bytes;
- our time per stage (load, validate, publish, pages, chart specs, feeds,
  exports, write) and the ratio of their sum to the floor;
- chart drawing, cold and warm, on a sample (a full cold run is minutes);
- the site engine's build of both languages, with --engine;
- peak memory of the process.

Usage: python benchmarks/bench_build.py [N ...] [--engine] [--charts K]
Default N: 100 and 1000. Not part of the test run: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import write_corpus
from generator.chartsvg import render_svgs, spec_text
from generator.load import load_folder
from generator.publish import publish
from generator.render.charts import charts
from generator.render.exports import render_exports
from generator.render.feeds import render_feeds
from generator.render.pages import render_pages
from generator.validate import validate_all
from generator.write import write_tree

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def _timed(stages: dict[str, float], name: str, action: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = action()
    stages[name] = time.perf_counter() - start
    return result


def _floor(folder: Path, out: Path, size: int) -> float:
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    for path in sorted(folder.glob("*.yml")):
        yaml.load(path.read_bytes(), Loader=loader)
    out.mkdir(parents=True, exist_ok=True)
    chunk = b"x" * 65536
    with (out / "floor.bin").open("wb") as handle:
        for _ in range(size // len(chunk) + 1):
            handle.write(chunk)
    return time.perf_counter() - start


def run(count: int, engine: bool, sample: int) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"bench-{count}-"))
    try:
        folder = work / "coalitions"
        write_corpus(count, folder)
        stages: dict[str, float] = {}
        raws, problems, _ = _timed(stages, "load", lambda: load_folder(folder))
        valid, invalid = _timed(stages, "validate", lambda: validate_all(raws))
        assert not problems and not invalid, (problems + invalid)[:3]
        site = _timed(stages, "publish", lambda: publish(valid, date(2026, 11, 23)))
        base = "http://localhost:8000/"
        files: dict[str, dict[str, str]] = {"nl": {}, "en": {}}
        found: dict[str, Any] = {}
        exports = _timed(stages, "exports (once)", partial(render_exports, site))
        for lang in ("nl", "en"):
            files[lang].update(
                _timed(stages, f"pages {lang}", partial(render_pages, site, lang, base))
            )
            found[lang] = _timed(stages, f"chart specs {lang}", partial(charts, site, lang))
            files[lang].update({f"{c.path}.vl.json": spec_text(c) for c in found[lang]})
            files[lang].update(
                _timed(stages, f"feeds {lang}", partial(render_feeds, site, lang, base))
            )
            files[lang].update(exports)
        size = sum(len(t.encode()) for f in files.values() for t in f.values())
        content = work / "content"
        for name in ("nl", "en"):
            shutil.copytree(
                ROOT / "content" / name,
                content / name,
                ignore=shutil.ignore_patterns(
                    "coalities",
                    "organisaties",
                    "agenda",
                    "meedoen",
                    "open-data",
                    "coalitions",
                    "organisations",
                    "take-part",
                    ".generated",
                ),
            )
        start = time.perf_counter()
        for lang in ("nl", "en"):
            write_tree(content / lang, files[lang])
        stages["write"] = time.perf_counter() - start
        start = time.perf_counter()
        for lang in ("nl", "en"):
            write_tree(content / lang, files[lang])
        rewrite = time.perf_counter() - start
        floor = _floor(folder, work / "floor", size)
        ours = sum(stages.values())
        all_charts = found["nl"] + found["en"]
        print(
            f"\nN = {count}: {len(all_charts)} charts, "
            f"{sum(len(f) for f in files.values())} files, {size / 1e6:.1f} MB"
        )
        print(f"  floor (parse with libyaml + write {size / 1e6:.1f} MB): {floor:8.2f} s")
        for name, seconds in stages.items():
            print(f"  {name:<22} {seconds:8.2f} s")
        print(f"  generator total         {ours:8.2f} s = {ours / floor:.1f}x the floor")
        print(f"  second write (nothing changed) {rewrite:.2f} s")
        batch = all_charts[:sample]
        start = time.perf_counter()
        render_svgs(batch, work / "cache")
        cold_time = time.perf_counter() - start
        start = time.perf_counter()
        render_svgs(batch, work / "cache")
        warm = time.perf_counter() - start
        print(
            f"  charts, sample of {len(batch)}: cold {len(batch) / cold_time:.1f}/s, "
            f"warm {len(batch) / max(warm, 1e-9):,.0f}/s; all {len(all_charts)} cold would "
            f"take about {len(all_charts) * cold_time / len(batch) / 60:.1f} min"
        )
        if engine:
            for config in ("mkdocs.yml", "mkdocs.en.yml"):
                shutil.copy(ROOT / config, work / config)
            shutil.copy(ROOT / "mkdocs.base.yml", work / "mkdocs.base.yml")
            shutil.copytree(ROOT / "overrides", work / "overrides")
            for lang in ("nl", "en"):
                render = {
                    k: "<svg xmlns='http://www.w3.org/2000/svg'/>"
                    for k in (f"{c.path}.svg" for c in found[lang])
                }
                write_tree(content / lang, {**files[lang], **render})
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            for config in ("mkdocs.yml", "mkdocs.en.yml"):
                start = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config],
                    cwd=work,
                    env=env,
                    check=True,
                )
                seconds = time.perf_counter() - start
                pages = len([p for p in files["nl"] if p.endswith(".md")])
                print(
                    f"  engine {config:<14} {seconds:8.1f} s = "
                    f"{1000 * seconds / pages:.0f} ms per page"
                )
            index = work / "site" / "search" / "search_index.json"
            print(f"  search index (nl): {index.stat().st_size / 1e6:.1f} MB")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak memory of this process so far: {peak:.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--engine", action="store_true", help="also time the MkDocs build")
    parser.add_argument("--charts", type=int, default=20, help="charts to draw as a sample")
    args = parser.parse_args()
    for count in args.counts:
        run(count, args.engine, args.charts)


if __name__ == "__main__":
    main()
