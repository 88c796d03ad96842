"""Hostile files: any bytes end as a valid dossier or clear, positioned problems.

Every input goes through the pipeline's own entry point (check, publish,
render) in a worker process limited to 512 MiB of address space
(``fuzz_worker.py``); a crash, a death of the worker or an answer that is not
``file:line:col: path: message`` fails the test. A hang fails it too (no
answer within 20 s); the slowest input is reported, not asserted, because
timings on a shared machine are no proof. The families: any bytes, the
example dossiers mutated byte by byte, YAML token soup, deep nesting, huge
scalars, and broken encodings (BOMs, invalid UTF-8, NUL bytes).

``--fuzz-scale N`` (or ``FUZZ_SCALE=N``) tries N times as many inputs.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.load import MAX_BYTES, MAX_DEPTH, RawDossier, read_bytes
from generator.validate import validate

from .conftest import FIXTURES, ROOT
from .figures import record
from .fuzz_worker import DISPLAY, FILE_NAME, MEMORY_LIMIT, Figures, Worker, problems_are_clear

# Fuzzing: thousands of hostile files through memory-limited workers.
# `pytest -m "not slow"` leaves them out.
pytestmark = pytest.mark.slow

SEEDS = [p.read_bytes() for p in sorted((ROOT / "coalitions").glob("*.yml"))] + [
    (FIXTURES / "minimal.yml").read_bytes()
]
MINIMAL = (FIXTURES / "minimal.yml").read_bytes()

_figures = Figures()
_crashes: set[bytes] = set()


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    """One worker for the module; its figures are recorded once, at the end."""
    process = Worker()
    yield process
    process.stop()
    done = process.figures
    _figures.inputs += done.inputs
    _figures.slowest_ms = max(_figures.slowest_ms, done.slowest_ms)
    _figures.peak_kib = max(_figures.peak_kib, done.peak_kib)
    record("fuzz: inputs tried", _figures.inputs)
    record("fuzz: crashes (must be 0)", len(_crashes))
    record("fuzz: slowest input (ms)", round(_figures.slowest_ms))
    record("fuzz: peak memory (MiB)", round(_figures.peak_kib / 1024))


def _assert_survives(worker: Worker, content: bytes) -> None:
    why = worker.verdict(content)
    if why is not None and why.startswith("crash"):
        _crashes.add(content)
    assert why is None, f"{why}\ninput ({len(content)} bytes): {content[:200]!r}"


def _settings(examples: int, scale: int) -> settings:
    return settings(
        max_examples=examples * scale,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ---------------------------------------------------------------- the families

# Bytes that matter to YAML, to the decoder or to the loader's limits.
INTERESTING = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xfe\xff",
    b"\xed\xa0\x80",  # a UTF-16 surrogate, not allowed in UTF-8
    b"\xc0\xaf",  # an overlong '/'
    b"\xe2\x80\xa8",  # LINE SEPARATOR, a line break to libyaml
    b"\r",
    b"\t",
    b"\n",
    b"\n- ",
    b": ",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"<<: ",
    b"? ",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"'",
    b'"',
    b"\\",
    b"{",
    b"[",
    b"|",
    b">",
    b"#",
    b"@",
    b"`",
    b"0x" + b"f" * 40,
    b"9" * 40,
    b"1e999",
    b".nan",
    b"2026-02-30",
    b"VUL IN",
]

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 2**20), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, 2**20), st.sampled_from(INTERESTING)),
    st.tuples(st.just("insert"), st.integers(0, 2**20), st.binary(min_size=1, max_size=12)),
    st.tuples(st.just("delete"), st.integers(0, 2**20), st.integers(1, 40)),
    st.tuples(st.just("truncate"), st.integers(0, 2**20), st.just(0)),
    st.tuples(st.just("copy line"), st.integers(0, 2**20), st.integers(0, 2**20)),
    st.tuples(st.just("indent"), st.integers(0, 2**20), st.integers(-4, 4)),
)


def mutate(seed: bytes, changes: list[tuple[str, int, object]]) -> bytes:
    """A seed dossier with byte flips, insertions, deletions, truncation and moved lines."""
    data = bytearray(seed)
    for kind, where, what in changes:
        at = where % (len(data) + 1)
        if kind == "flip" and data:
            assert isinstance(what, int)
            data[at % len(data)] ^= what
        elif kind == "insert":
            assert isinstance(what, bytes)
            data[at:at] = what
        elif kind == "delete":
            assert isinstance(what, int)
            del data[at : at + what]
        elif kind == "truncate":
            del data[at:]
        elif kind in ("copy line", "indent"):
            lines = bytes(data).split(b"\n")
            line = where % len(lines)
            assert isinstance(what, int)
            if kind == "copy line":
                lines.insert(what % (len(lines) + 1), lines[line])
            elif what > 0:
                lines[line] = b" " * what + lines[line]
            else:
                lines[line] = lines[line][-what:]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


TOKENS = [
    *INTERESTING,
    b"name",
    b"status",
    b"partners",
    b"id",
    b"bieb",
    b"active",
    b"draft",
    b"true",
    b"null",
    b"~",
    b"- id: x\n",
    b"  ",
    b"    ",
    b",",
    b"}",
    b"]",
    b"!",
    b"%",
    b"&",
    b"*",
    b"-",
    b"'x'",
    b'"\\u0000"',
    b'"\\x85"',
    b'"\\ud800"',
    b"\xc3\xa9",
    b"\xf0\x9f\x98\x80",
]

DEPTH_STYLES = {
    "flow list": (b"[", b"]"),
    "flow map": (b"{a: ", b"}"),
    "block list": (b"- ", b""),
    "explicit key": (b"? ", b""),
}


@st.composite
def deep(draw: st.DrawFn) -> bytes:
    """Nesting from one level to a hundred thousand, with or without the closing half."""
    opening, closing = DEPTH_STYLES[draw(st.sampled_from(sorted(DEPTH_STYLES)))]
    levels = draw(
        st.one_of(
            st.integers(1, 3 * MAX_DEPTH),
            st.sampled_from([MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 10_000, 100_000]),
        )
    )
    prefix = draw(st.sampled_from([b"", b"name: ", b"partners:\n  - "]))
    closed = draw(st.booleans())
    return prefix + opening * levels + b"x" + (closing * levels if closed else b"")


@st.composite
def indented(draw: st.DrawFn) -> bytes:
    """Block mappings nested by indentation, one level a line."""
    levels = draw(st.integers(1, 3 * MAX_DEPTH))
    step = draw(st.integers(1, 3))
    return (
        b"".join(b" " * (step * i) + b"k%d:\n" % i for i in range(levels))
        + b" " * (step * levels)
        + b"x"
    )


@st.composite
def huge(draw: st.DrawFn) -> bytes:
    """One scalar (value, key, id, tag, anchor, number) from a few bytes up to just over 1 MiB."""
    size = draw(
        st.one_of(
            st.integers(1, 5_000),
            st.sampled_from([MAX_BYTES - 200, MAX_BYTES - 40, MAX_BYTES, MAX_BYTES + 1]),
        )
    )
    fill = draw(st.sampled_from([b"a", b"9", b"f", b"\xc3\xa9", b"- ", b"x "]))
    run = (fill * (size // len(fill) + 1))[:size]
    template = draw(
        st.sampled_from(
            [
                b"%s",
                b"name: %s\n",
                b"name: '%s'\n",
                b"%s: 1\n",
                b"name: 0x%s\n",
                b"status: !%s x\n",
                b"name: &%s x\nstatus: *%s\n",
                b"name: |\n  %s\n",
                MINIMAL.replace(b"id: bieb", b"id: %s"),
                MINIMAL.replace(b"status: active", b"status: %s"),
                MINIMAL + b"\n%s: 1\n",
            ]
        )
    )
    return template.replace(b"%s", run)


@st.composite
def encodings(draw: st.DrawFn) -> bytes:
    """A dossier with a byte-order mark, in another encoding, or with broken UTF-8."""
    text = draw(st.sampled_from(SEEDS)).decode("utf-8")
    kind = draw(st.sampled_from(["bom", "codec", "splice"]))
    if kind == "codec":
        codec = draw(st.sampled_from(["utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252"]))
        return text.encode(codec, errors="replace")
    data = text.encode("utf-8")
    at = draw(st.integers(0, len(data)))
    piece = draw(
        st.sampled_from(
            [
                b"\xef\xbb\xbf",
                b"\xef\xbb\xbf\xef\xbb\xbf",
                b"\xff\xfe",
                b"\x00",
                b"\x00\x00\x00",
                b"\xed\xa0\x80",
                b"\xf4\x90\x80\x80",
                b"\xc3",
                b"\x80",
                b"\xe2\x80\xae",  # RIGHT-TO-LEFT OVERRIDE
                b"\x1b[2J",
                b"\x7f",
            ]
        )
    )
    return piece + data if kind == "bom" else data[:at] + piece + data[at:]


# ---------------------------------------------------------------- the tests


def test_any_bytes(worker: Worker, fuzz_scale: int) -> None:
    @_settings(1500, fuzz_scale)
    @given(st.binary(max_size=4096))
    def run(content: bytes) -> None:
        _assert_survives(worker, content)

    run()


def test_mutated_example_dossiers(worker: Worker, fuzz_scale: int) -> None:
    @_settings(1000, fuzz_scale)
    @given(st.integers(0, len(SEEDS) - 1), st.lists(mutation, min_size=1, max_size=6))
    def run(seed: int, changes: list[tuple[str, int, object]]) -> None:
        _assert_survives(worker, mutate(SEEDS[seed], changes))

    run()


def test_yaml_token_soup(worker: Worker, fuzz_scale: int) -> None:
    @_settings(1000, fuzz_scale)
    @given(st.lists(st.sampled_from(TOKENS), max_size=80))
    def run(tokens: list[bytes]) -> None:
        _assert_survives(worker, b"".join(tokens))

    run()


def test_deep_nesting(worker: Worker, fuzz_scale: int) -> None:
    @_settings(300, fuzz_scale)
    @given(st.one_of(deep(), indented()))
    def run(content: bytes) -> None:
        _assert_survives(worker, content)

    run()


def test_huge_scalars(worker: Worker, fuzz_scale: int) -> None:
    @_settings(150, fuzz_scale)
    @given(huge())
    def run(content: bytes) -> None:
        _assert_survives(worker, content)

    run()


def test_broken_encodings(worker: Worker, fuzz_scale: int) -> None:
    @_settings(400, fuzz_scale)
    @given(encodings())
    def run(content: bytes) -> None:
        _assert_survives(worker, content)

    run()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(MINIMAL.replace(b"id: bieb", b"id: " + b"Q" * 300_000), id="long id"),
        pytest.param(b"name: !" + b"t" * 300_000 + b" x\n", id="long tag"),
        pytest.param(b"a: &" + b"x" * 100_000 + b" 1\nb: *" + b"x" * 100_000, id="long alias"),
        # libyaml takes keys of up to 1,024 characters without '? '
        pytest.param(b"k" * 1_000 + b": 1\n" + b"k" * 1_000 + b": 2\n", id="long twice"),
        pytest.param(MINIMAL + b"k" * 1_000 + b": 1\n", id="long unknown field"),
        pytest.param(MINIMAL + b"? " + b"k" * 200_000 + b"\n: 1\n", id="long explicit key"),
    ],
)
def test_long_values_are_shortened_in_messages(worker: Worker, content: bytes) -> None:
    """Found by this suite: an error line once quoted a 300,000-character id whole."""
    outcome = worker.check(content)
    assert outcome["kind"] == "problems"
    assert problems_are_clear(content, outcome["problems"]) is None
    assert all("…" in text for text in outcome["problems"] if "samen-lezen" in text)


@pytest.mark.parametrize("content", [b"[", b"name: [\n  x", b"name: 'x", b"a:\n  - {"])
def test_an_error_at_the_end_of_the_file_points_inside_it(content: bytes) -> None:
    """Found by this suite: libyaml put an unclosed '[' on a line after the last."""
    found = read_bytes(content, FILE_NAME, DISPLAY)
    assert isinstance(found, Problem)
    lines = content.decode().splitlines()
    assert found.line == len(lines) and found.column == len(lines[-1]) + 1, found
    assert f"starts on line {len(lines) + 1}" not in found.message


@pytest.mark.parametrize("content", [b"? name", b"name:", b"name: x\nstatus:"])
def test_an_empty_value_at_the_end_of_the_file_points_inside_it(content: bytes) -> None:
    """Found by this suite: the empty value of '? name' was placed on line 2 of 1."""
    raw = read_bytes(content, FILE_NAME, DISPLAY)
    assert isinstance(raw, RawDossier)
    outcome = validate(raw)
    assert isinstance(outcome, list)
    assert problems_are_clear(content, [p.text() for p in outcome]) is None


def test_a_file_at_the_size_limit_is_read_and_one_byte_more_is_refused(worker: Worker) -> None:
    padding = b"# " + b"x" * (MAX_BYTES - len(MINIMAL) - 3) + b"\n"
    at_limit = padding + MINIMAL
    assert len(at_limit) == MAX_BYTES
    assert worker.check(at_limit)["kind"] == "valid"
    over = worker.check(b"#" + at_limit)
    assert over["kind"] == "problems"
    assert "at most 1 MiB" in over["problems"][0]


# ---------------------------------------------------------------- the harness itself


def test_the_clarity_check_can_fail() -> None:
    good = Problem("coalitions/samen-lezen.yml", 2, 3, "name", "must not be empty").text()
    assert problems_are_clear(b"a\nb\n", [good]) is None
    assert problems_are_clear(b"a", [])  # no dossier and no problem
    assert problems_are_clear(b"a", ["Traceback (most recent call last):"])
    assert problems_are_clear(b"a", [good])  # line 2 of a one-line file
    assert problems_are_clear(b"a\nb", [good.replace("samen-lezen", "ander")])
    assert problems_are_clear(b"a\nb", [good + "x" * 3000])


def test_the_worker_runs_under_the_memory_limit(worker: Worker) -> None:
    worker.check(MINIMAL)
    assert worker.process is not None
    limits = Path(f"/proc/{worker.process.pid}/limits").read_text(encoding="utf-8")
    found = re.search(r"^Max address space\s+(\d+)\s+(\d+)", limits, re.M)
    assert found and int(found[1]) == int(found[2]) == MEMORY_LIMIT


def test_the_memory_limit_stops_a_greedy_process() -> None:
    """The limit the worker sets is real: 600 MiB cannot be had under it."""
    code = (
        "import resource\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))\n"
        "try:\n    b = bytearray(600 * 1024 * 1024)\nexcept MemoryError:\n    raise SystemExit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], timeout=60, check=False)
    assert done.returncode == 3


def test_a_worker_that_dies_is_a_crash() -> None:
    process = Worker()
    try:
        process.check(MINIMAL)
        assert process.process is not None
        process.process.kill()
        process.process.wait()
        verdict = process.verdict(MINIMAL)
        assert verdict is not None and verdict.startswith("crash: worker died")
        assert process.verdict(MINIMAL) is None  # and the next input gets a fresh worker
    finally:
        process.stop()


def test_mutations_change_the_seed() -> None:
    assert mutate(b"abc", [("flip", 0, 1)]) == b"`bc"
    assert mutate(b"abc", [("insert", 1, b"X")]) == b"aXbc"
    assert mutate(b"abc", [("delete", 1, 1)]) == b"ac"
    assert mutate(b"abc", [("truncate", 2, 0)]) == b"ab"
    assert mutate(b"a\nb", [("copy line", 1, 0)]) == b"b\na\nb"
    assert mutate(b"a\nb", [("indent", 0, 2)]) == b"  a\nb"


# ---------------------------------------------------------------- atheris

ATHERIS_RUNS = 600


@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed (Linux x86-64 only: pip install -e '.[fuzz]')",
)
def test_atheris_smoke_run(fuzz_scale: int) -> None:
    """A short coverage-guided run of tests/fuzz_atheris.py; `make fuzz` runs it longer."""
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.fuzz_atheris",
                f"-runs={ATHERIS_RUNS * fuzz_scale}",
                f"-artifact_prefix={tmp}/",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert done.returncode == 0, done.stderr[-3000:]
    units = re.search(r"stat::number_of_executed_units:\s*(\d+)", done.stderr)
    peak = re.search(r"stat::peak_rss_mb:\s*(\d+)", done.stderr)
    assert units and peak, done.stderr[-3000:]
    _figures.inputs += int(units[1])
    _figures.peak_kib = max(_figures.peak_kib, int(peak[1]) * 1024)
    assert int(units[1]) >= ATHERIS_RUNS * fuzz_scale
