"""Benchmark: the whole build at national scale, against a floor.

For each N it writes N synthetic dossiers (benchmarks/corpus.py) into a
scratch project and prints:

- the floor: parse the same files with libyaml's C loader and write as many
  bytes as the generator writes;
- each stage on its own, in one process without any cache (load, validate,
  publish, pages, chart specs, feeds, exports);
- the generator as users run it (`dossiers build --pages-only`, all cores):
  cold (empty content cache) and warm (nothing changed), with peak memory.
  Drawing charts cold is left out of both: the chart cache is filled with
  stand-in drawings first, and drawing is timed on a sample instead;
- one changed dossier, regenerated the way `make serve` does it (the cache
  kept in memory between rebuilds);
- with --engine: MkDocs for both languages (time per page, search index
  size), and MkDocs' --dirty rebuild after the one change.

- with --deploy: a deploy from a warm CI cache (a fresh checkout, the cache
  folder restored, then the whole `dossiers build`), as the Pages workflow
  runs it after a push to main.

Usage: python benchmarks/bench_build.py [N ...] [--engine] [--deploy] [--charts K]
Default N: 100 and 1000. Not part of the test run: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import http.server
import os
import platform
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
from generator.build import serve_pages
from generator.cache import CONTENT_CACHE, Memo
from generator.chartsvg import chart_store, draw_all, drawing_key
from generator.engine import index_site
from generator.load import load_folder
from generator.parallel import cores
from generator.publish import publish_one, publish_site
from generator.site import generate, render_site
from generator.state import BuildState
from generator.validate import validate_all

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 11, 23)
BASE = "http://localhost:8000/"
CHANGES = 5  # saves of one dossier timed, as make serve regenerates
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


def _project(work: Path, count: int) -> Path:
    """A scratch copy of the project around a corpus of `count` dossiers."""
    project = work / "project"
    project.mkdir()
    for name in ("mkdocs.base.yml", "mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(
        ROOT / "content",
        project / "content",
        ignore=shutil.ignore_patterns(".generated", ".build-lock", *_GENERATED),
    )
    # Hand-written pages only: a developer's earlier build left generated ones beside them.
    for lang in ("nl", "en"):
        manifest = ROOT / "content" / lang / ".generated"
        if manifest.exists():
            for line in manifest.read_text(encoding="utf-8").split():
                (project / "content" / lang / line).unlink(missing_ok=True)
    write_corpus(count, project / "coalitions")
    return project


_GENERATED = {
    "coalities",
    "organisaties",
    "agenda",
    "meedoen",
    "open-data",
    "coalitions",
    "organisations",
    "take-part",
}


def _stages(folder: Path) -> tuple[dict[str, float], int, list[Any]]:
    """Each stage alone, one process, no cache; returns times, bytes and the chart specs."""
    stages: dict[str, float] = {}
    raws, problems, _ = _timed(stages, "load", lambda: load_folder(folder))
    valid, invalid = _timed(stages, "validate", lambda: validate_all(raws))
    assert not problems and not invalid, (problems + invalid)[:3]
    site = _timed(
        stages,
        "publish",
        lambda: publish_site([c for v in valid if (c := publish_one(v)) is not None], DAY),
    )
    size = 0
    found: list[Any] = []
    for lang in ("nl", "en"):
        # The one composition, in one process: pages, feeds, chart specs, open data.
        made = _timed(stages, f"render {lang}", partial(render_site, site, BASE, (lang,)))[lang]
        size += sum(len(t.encode()) for t in made.files.values())
        found += made.specs().items()
    return stages, size, found


def _run_build(project: Path, *extra: str, pages_only: bool = True) -> tuple[float, float, str]:
    """`dossiers build [--pages-only]` in a fresh process: seconds, its peak MiB (MkDocs'
    processes not counted), its report."""
    code = (
        "import resource, sys\n"
        "from generator.cli import main\n"
        "code = main(sys.argv[1:])\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
        "peak = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "print(f'peak {peak.split()[1]}', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "build",
            *(["--pages-only"] if pages_only else []),
            "--date",
            DAY.isoformat(),
            *extra,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        # English messages: the report below is read from them.
        env={**os.environ, "PYTHONPATH": str(ROOT), "DOSSIERS_LANG": "en"},
    )
    seconds = time.perf_counter() - start
    peak = next(line for line in done.stderr.splitlines() if line.startswith("peak "))
    # "pages (nl): 12 parts from the content cache, 0 made (0.4 s)", one line per language
    report = "; ".join(
        f"{line[7:9]}: " + line.split(": ", 1)[1].rsplit(" (", 1)[0]
        for line in done.stderr.splitlines()
        if line.startswith("pages (")
    )
    return seconds, int(peak.split()[1]) / 1024, report


def _engine(project: Path, config: str, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, *extra],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    return time.perf_counter() - start


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


QUERY = {"nl": "voorlezen", "en": "reading"}  # a theme: matches many pages


def _query_bytes(site: Path, lang: str) -> int:
    """The bytes Chromium downloads, from a cold cache over a local server, to show the
    first results of one typical query: the search library, its WebAssembly, the index
    chunks the query needs and the fragments of the first five results."""
    import functools
    import threading

    from playwright.sync_api import sync_playwright

    prefix = "" if lang == "nl" else "/en"
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        sizes: list[int] = []
        page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
        page.goto(f"{base}{prefix}/404.html")
        sizes.clear()  # the page itself is not the query
        page.evaluate(
            """async ([bundle, query]) => {
                const pagefind = await import(bundle);
                const found = await pagefind.search(query);
                await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
            }""",
            [f"{prefix}/pagefind/pagefind.js", QUERY[lang]],
        )
        page.wait_for_load_state("networkidle")
        browser.close()
    httpd.shutdown()
    return sum(sizes)


def _change_one(project: Path) -> None:
    """What a coordinator does: rename one public activity in one dossier."""
    paths = sorted((project / "coalitions").glob("*.yml"))
    path = paths[len(paths) // 2]
    text = path.read_text(encoding="utf-8")
    marker = "- id: act-1\n  title: "  # the corpus makes every activity but each fourth public
    at = text.index(marker) + len(marker)
    path.write_text(text[:at] + "Gewijzigd - " + text[at:], "utf-8")


def _deploy(work: Path, count: int, cache: Path) -> None:
    """A deploy from a warm CI cache: a fresh checkout (no content/, no site/), the
    cache folder restored from main's last run, then the whole `dossiers build`
    (the generator and MkDocs for both languages). Checkout, installing and the
    cache download itself are left out: they depend on the CI runner."""
    fresh = work / "checkout"
    fresh.mkdir()
    project = _project(fresh, count)
    restored = fresh / "cache"
    shutil.copytree(cache, restored)
    seconds, peak, report = _run_build(project, "--cache", str(restored), pages_only=False)
    print(
        f"  deploy from a warm CI cache (fresh checkout, cache folder restored, whole "
        f"dossiers build): {seconds:.1f} s; peak {peak:.0f} MiB ({report})"
    )
    shutil.rmtree(fresh, ignore_errors=True)


def run(
    count: int, engine: bool, sample: int, stages_too: bool = True, deploy: bool = False
) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"bench-{count}-"))
    try:
        project = _project(work, count)
        folder = project / "coalitions"
        cache = work / "cache"
        stages, size, found = _stages(folder)
        floor = _floor(folder, work / "floor", size)
        alone = sum(stages.values())
        print(f"\nN = {count}: {len(found)} charts, {size / 1e6:.0f} MB of pages, feeds and data")
        print(f"  floor (parse with libyaml, write {size / 1e6:.0f} MB)  {floor:8.1f} s")
        if stages_too:
            print("  each stage alone, one process, no cache:")
            for name, seconds in stages.items():
                print(f"    {name:<28} {seconds:8.2f} s")
            print(f"    {'sum':<28} {alone:8.2f} s = {alone / floor:.1f}x the floor")

        # Charts: a sample drawn for real; then every chart's cache entry filled with
        # a stand-in of the sample's size, as if drawn before.
        batch = dict(found[:sample])
        sample_store = chart_store(work / "sample")
        start = time.perf_counter()
        drawn, _ = draw_all(batch, sample_store)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        draw_all(batch, sample_store)
        warm = time.perf_counter() - start
        sample_store.close()
        print(
            f"  charts drawn, sample of {len(batch)}: cold {len(batch) / cold:.1f}/s, "
            f"warm {len(batch) / max(warm, 1e-9):,.0f}/s; all {len(found)} cold: about "
            f"{len(found) * cold / len(batch) / 60:.0f} min (once; then cached)"
        )
        stand_in = sorted(drawn.values(), key=len)[len(drawn) // 2]  # the median drawing
        stand_ins = chart_store(cache)
        for _, text in found:
            stand_ins.store(drawing_key(text), stand_in)
        stand_ins.close()
        del found, drawn

        cold_s, cold_peak, _ = _run_build(project, "--cache", str(cache))
        warm_s, warm_peak, warm_report = _run_build(project, "--cache", str(cache))
        print(
            f"  generator, cold content cache, {cores()} cores: {cold_s:7.1f} s = "
            f"{cold_s / floor:.1f}x the floor; peak {cold_peak:.0f} MiB"
        )
        print(
            f"  generator, warm (nothing changed):     {warm_s:7.1f} s = "
            f"{warm_s / floor:.1f}x the floor; peak {warm_peak:.0f} MiB"
        )
        print(f"    ({warm_report})")
        if deploy:
            _deploy(work, count, cache)

        if engine:
            state = BuildState(Memo(cache / CONTENT_CACHE, remember=False))
            site = generate(folder, DAY, BASE, state, langs=()).site
            pages = len(site.coalitions) + len(state.organisations) + 5
            for lang, config, target in (
                ("nl", "mkdocs.yml", "site"),
                ("en", "mkdocs.en.yml", "site/en"),
            ):
                seconds = _engine(project, config)
                started = time.perf_counter()
                records, index_size = index_site(project / target, lang, DAY)
                indexing = time.perf_counter() - started
                query = _query_bytes(project / "site", lang)
                print(
                    f"  engine, {lang}: {seconds:7.1f} s for {pages} generated pages = "
                    f"{1000 * seconds / pages:.0f} ms per page; search index of {records} "
                    f"pages and activities built in {indexing:.1f} s, {index_size / 1e6:.1f} MB "
                    f"on disk; one query ({QUERY[lang]!r}) downloads {query / 1e3:.0f} kB"
                )
            del site, state
            whole, _, _ = _run_build(project, "--cache", str(cache), pages_only=False)
            print(
                f"  whole warm build (dossiers build: the generator, then MkDocs for both "
                f"languages side by side): {whole:.1f} s"
            )
        # make serve: a process that keeps one BuildState between rebuilds, for the
        # language it serves, through the hook's own call; one dossier is saved again
        # and again.
        for langs, name in ((("nl",), "Dutch only, as make serve"), (("nl", "en"), "both")):
            memo = Memo(cache / CONTENT_CACHE)
            state, drawings = BuildState(memo), chart_store(cache)
            rebuild = partial(_rebuild, state, drawings, folder, project / "content", langs)
            start = time.perf_counter()
            rebuild()
            first = time.perf_counter() - start
            times: list[float] = []
            for _ in range(CHANGES):  # a coordinator saving again and again
                _change_one(project)
                memo.hits = memo.misses = 0
                start = time.perf_counter()
                written = rebuild()
                times.append(time.perf_counter() - start)
                made = memo.misses
            one = sorted(times)[len(times) // 2]
            print(
                f"  one dossier changed, cache in memory, {name}: median {one:.2f} s of "
                f"{', '.join(f'{t:.2f}' for t in times)}; {made} parts made, "
                f"{sum(written.values())} files written (first build of that process, "
                f"from the cache file: {first:.1f} s)"
            )
            if langs == ("nl",):
                serve_one = one
            memo.close()
            drawings.close()
            del memo, state, drawings
        if engine:
            seconds = _engine(project, "mkdocs.yml", "--dirty")
            print(
                f"  one dossier changed, MkDocs --dirty rebuild (nl): {seconds:.1f} s; "
                f"with the generator: {serve_one + seconds:.1f} s"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak memory of this benchmark process: {peak:.0f} MiB")
        print(f"  median chart drawing: {len(stand_in) / 1024:.0f} kB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _rebuild(
    state: BuildState, drawings: Memo, folder: Path, content: Path, langs: tuple[str, ...]
) -> dict[str, int]:
    """One rebuild of make serve, through the hook's own call: files written per language."""
    done = serve_pages(state, drawings, folder, content, langs, DAY, BASE)
    return {lang: summary.written for lang, summary in done.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--engine", action="store_true", help="also time MkDocs")
    parser.add_argument("--charts", type=int, default=20, help="charts to draw as a sample")
    parser.add_argument(
        "--no-stages", action="store_true", help="do not print the stages one by one"
    )
    parser.add_argument(
        "--deploy",
        action="store_true",
        help="also time a deploy: fresh checkout, restored cache folder, whole build",
    )
    args = parser.parse_args()
    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{cores()} cores, {os.getloadavg()[0]:.1f} load at start"
    )
    for count in args.counts:
        run(count, args.engine, args.charts, not args.no_stages, args.deploy)


if __name__ == "__main__":
    main()
