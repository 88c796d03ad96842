"""Charts drawn in spawned processes: the same drawings, the same errors, nothing left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from generator import chartpool, chartsvg, i18n
from generator.chartdraw import DrawingError
from generator.chartpool import DrawingStopped, draw_in_workers, workers_for
from generator.chartsvg import Drawings, chart_store, check_svg, draw_one, drawing_key
from generator.render.charts import VEGA_LITE_VERSION
from generator.site import generate, render_site

ROOT = Path(__file__).resolve().parent.parent
BROKEN = json.dumps({"title": {"text": "Kapotte grafiek"}, "mark": "nonsense"})
LINUX = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")


@pytest.fixture(scope="module")
def specs() -> dict[str, str]:
    """The Dutch chart specs of the example dossiers (every kind of chart the site has)."""
    site = generate(ROOT / "coalitions", date(2026, 11, 23)).site
    return render_site(site, langs=("nl",))["nl"].specs()


def test_drawings_from_the_workers_are_the_same_bytes(specs: dict[str, str]) -> None:
    texts = list(specs.values())
    here = [draw_one(text) for text in texts]
    there = dict(draw_in_workers(texts, VEGA_LITE_VERSION, 2))
    assert sorted(there) == list(range(len(texts)))
    for n, svg in there.items():
        assert svg == here[n], list(specs)[n]


def test_a_chart_that_cannot_be_drawn_gives_the_same_message_there() -> None:
    with pytest.raises(DrawingError) as here:
        draw_one(BROKEN)
    with pytest.raises(DrawingError) as there:
        list(draw_in_workers([BROKEN] * 3, VEGA_LITE_VERSION, 2))
    assert str(there.value) == str(here.value)
    assert "Kapotte grafiek" in str(there.value)
    assert "Traceback" not in str(there.value)
    assert there.value.__cause__ is None


def test_few_charts_are_drawn_here_and_many_on_all_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chartpool, "cores", lambda: 2)
    assert workers_for(chartpool.MIN_CHARTS - 1) == 0
    assert workers_for(chartpool.MIN_CHARTS) == 2
    monkeypatch.setattr(chartpool, "cores", lambda: 1)
    assert workers_for(100 * chartpool.MIN_CHARTS) == 0


def test_a_build_draws_what_the_store_lacks_in_the_workers(
    specs: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[int] = []

    def counted(texts: list[str], version: str, workers: int) -> Iterator[tuple[int, str]]:
        used.append(len(texts))
        yield from draw_in_workers(texts, version, workers)

    monkeypatch.setattr(chartsvg, "draw_in_workers", counted)
    monkeypatch.setattr(chartsvg, "workers_for", lambda count: 2 if count else 0)
    first = dict(list(specs.items())[:2])
    store = chart_store(tmp_path)
    drawings = Drawings(first, store, {})
    drawings.draw_missing()
    assert {name: drawings[name] for name in drawings} == {
        f"{path}.svg": draw_one(text) for path, text in first.items()
    }
    assert (drawings.summary.rendered, drawings.summary.cached) == (2, 0)
    store.close()
    # Again with more: only the charts not kept yet go to the workers.
    store = chart_store(tmp_path)
    again = Drawings(dict(list(specs.items())[:3]), store, {})
    again.draw_missing()
    assert len(dict(again.items())) == 3
    store.close()
    assert used == [2, 1]
    assert (again.summary.rendered, again.summary.cached) == (1, 2)


def test_unsafe_drawings_from_the_workers_are_refused(
    specs: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def planted(texts: list[str], version: str, workers: int) -> Iterator[tuple[int, str]]:
        yield 0, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    monkeypatch.setattr(chartsvg, "draw_in_workers", planted)
    monkeypatch.setattr(chartsvg, "workers_for", lambda count: 2)
    store = chart_store(tmp_path)
    with pytest.raises(chartsvg.UnsafeDrawing):
        Drawings(specs, store, {}).draw_missing()
    assert not any(store.contains(drawing_key(text)) for text in specs.values())
    store.close()


def test_drawings_from_a_threaded_process_are_the_same(specs: dict[str, str]) -> None:
    """make serve draws from one of its threads: spawning is safe there, forking is not."""
    texts = list(specs.values())[:3]
    found: dict[int, str] = {}
    thread = threading.Thread(
        target=lambda: found.update(draw_in_workers(texts, VEGA_LITE_VERSION, 2))
    )
    thread.start()
    thread.join()
    assert [found[n] for n in range(len(texts))] == [draw_one(text) for text in texts]


def test_long_drawing_says_how_far_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.ENV, "nl")
    monkeypatch.setattr(chartsvg, "PROGRESS_SECONDS", 0.0)
    plain = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="{n}"/></svg>'

    def drawn(texts: list[str], version: str, workers: int) -> Iterator[tuple[int, str]]:
        for n in range(len(texts)):
            yield n, plain.format(n=n)

    monkeypatch.setattr(chartsvg, "draw_in_workers", drawn)
    said: list[str] = []
    specs = {f"c{n}": json.dumps({"usermeta": n}) for n in range(1201)}
    store = chart_store(tmp_path)
    Drawings(specs, store, {}, say=said.append).draw_missing(workers=2)
    store.close()
    assert said[0] == "grafieken: 1 van 1.201 getekend"
    assert said[-1] == "grafieken: 1.200 van 1.201 getekend"  # the last is in the summary


def _copies(specs: dict[str, str], count: int) -> list[str]:
    """`count` different copies of every spec (the same drawing, another key)."""
    return [
        json.dumps({**json.loads(text), "usermeta": {"copy": n}})
        for n in range(count)
        for text in specs.values()
    ]


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found |= {int(n) for n in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _gone(pids: set[int]) -> set[int]:
    """The pids still running after a while (each drawing process ends in about a second)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(_running(pid) for pid in pids):
        time.sleep(0.2)
    return {pid for pid in pids if _running(pid)}


@pytest.mark.slow  # draws about a hundred charts
@LINUX
def test_a_drawing_process_that_dies_stops_the_drawing_plainly(
    specs: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.ENV, "nl")
    monkeypatch.setattr(chartsvg, "workers_for", lambda count: 2)
    texts = _copies(specs, 8)
    store = chart_store(tmp_path)
    drawings = Drawings({f"c{n}": t for n, t in enumerate(texts)}, store, {})
    killed: set[int] = set()

    def kill_one() -> None:
        if not killed:
            victim = min(_children(os.getpid()) & _workers())
            os.kill(victim, signal.SIGKILL)
            killed.add(victim)

    drawings._progress.step = kill_one  # type: ignore[method-assign]
    with pytest.raises(DrawingStopped) as stopped:
        drawings.draw_missing()
    assert "onverwacht gestopt" in str(stopped.value)
    assert stopped.value.__cause__ is None
    store.close()
    assert not _gone(_children(os.getpid()) & _workers())
    # What was kept before the stop is whole: each entry reads back as a safe drawing.
    store = chart_store(tmp_path)
    kept = [store.find(drawing_key(text)) for text in texts]
    assert any(kept)
    for svg in kept:
        if svg is not None:
            check_svg(svg)
    store.close()


def _workers() -> set[int]:
    """Running drawing processes (spawned by multiprocessing), on the whole machine."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                line = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in line:
                found.add(int(entry.name))
    return found


_DRAWING = textwrap.dedent(
    """
    import json, signal, sys
    # As in a terminal: a shell that starts the tests in the background makes its
    # children ignore Ctrl+C, and Python then installs no handler for it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from generator import chartsvg
    from generator.chartsvg import Drawings, chart_store
    chartsvg.workers_for = lambda count: 2
    texts = json.load(open(sys.argv[1]))
    store = chart_store(None)
    try:
        Drawings({f"c{n}": t for n, t in enumerate(texts)}, store, {}).draw_missing()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    """
)


@pytest.mark.slow  # starts builds that draw hundreds of charts
@LINUX
@pytest.mark.parametrize("stop", ["ctrl-c while starting", "ctrl-c while drawing", "kill"])
def test_no_drawing_process_outlives_its_build(
    specs: dict[str, str], tmp_path: Path, stop: str
) -> None:
    texts = _copies(specs, 20)
    (tmp_path / "specs.json").write_text(json.dumps(texts))
    build = subprocess.Popen(
        [sys.executable, "-c", _DRAWING, str(tmp_path / "specs.json")],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a terminal's Ctrl+C reaches it
    )
    try:
        workers: set[int] = set()
        while len(workers) < 2 and build.poll() is None:
            time.sleep(0.2)
            workers = _children(build.pid) & _workers()
        if stop == "ctrl-c while drawing":
            while build.poll() is None and min(_cpu_seconds(pid) for pid in workers) < 3:
                time.sleep(0.2)
        assert build.poll() is None
        if stop.startswith("ctrl-c"):
            os.killpg(build.pid, signal.SIGINT)  # the whole group, as a terminal does
            _, err = build.communicate(timeout=120)
            assert build.returncode == 130
            assert err.strip() == "interrupted"  # no traceback from any process
        else:
            build.kill()  # no chance to clean up: the workers end by themselves
            build.wait(timeout=120)
        assert not _gone(workers)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
