"""A worker process that checks hostile dossier files under a real memory limit.

The fuzz tests (``test_fuzz.py``) and the atheris harness (``fuzz_atheris.py``)
hand each input to this worker. It runs with ``RLIMIT_AS`` at 512 MiB, so an
input that needs more memory fails with ``MemoryError`` (reported as a crash)
or kills the worker, and either fails the test. It puts the bytes in a fresh
``coalitions/`` folder and runs the pipeline's own entry point, ``generate``:
check, publish and render every page, feed and chart spec (no SVG drawing).

Protocol: the parent writes a 4-byte big-endian length and the bytes; the
worker answers with one JSON line (see ``examine``).
"""

from __future__ import annotations

import json
import os
import re
import resource
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

MEMORY_LIMIT = 512 * 1024 * 1024
FILE_NAME = "samen-lezen.yml"
DISPLAY = f"coalitions/{FILE_NAME}"
# Line breaks as libyaml counts them; an error's line may not lie beyond the last.
_BREAKS = re.compile(rb"\r\n|\r|\n|\xc2\x85|\xe2\x80\xa8|\xe2\x80\xa9")
# The path may hold a ':' of its own: it names the keys the author wrote.
_POSITIONED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): \S.*: \S", re.S)
# A longer message echoes the input wholesale, which is no clear error
# (generator/errors.py shortens path and message to 1,000 characters each).
MAX_MESSAGE = 2 * 1000 + 30  # path and message, positions, separators


def examine(folder: Path, content: bytes) -> dict[str, Any]:
    """Run the pipeline on one dossier file; what happened, as plain data."""
    from generator.errors import DossierError
    from generator.site import generate
    from generator.write import WriteError, check_path

    (folder / FILE_NAME).write_bytes(content)
    started = time.perf_counter()
    try:
        outputs = generate(folder, date(2026, 11, 23))
        for files in outputs.files.values():
            for relative in files:
                check_path(relative)
        kind, problems = "valid", []
    except DossierError as err:
        kind, problems = "problems", [p.text() for p in err.problems]
    except WriteError as err:
        kind, problems = "crash", [f"unsafe output path: {err}"]
    except BaseException:
        kind, problems = "crash", [traceback.format_exc()]
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"kind": kind, "problems": problems, "ms": elapsed * 1000, "peak_kib": peak_kib}


def serve() -> None:
    """The worker's loop: one input in, one JSON line out, until stdin closes."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    import generator.site  # noqa: F401  (import once, before the first input)

    stdin, stdout = sys.stdin.buffer, sys.stdout
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # problems name the file as a user sees it: coalitions/...
        folder = Path("coalitions")
        folder.mkdir()
        while header := stdin.read(4):
            (size,) = struct.unpack(">I", header)
            outcome = examine(folder, stdin.read(size))
            stdout.write(json.dumps(outcome) + "\n")
            stdout.flush()


def problems_are_clear(content: bytes, problems: list[str]) -> str | None:
    """Why a list of problem lines is not a clear, positioned error; None if it is."""
    if not problems:
        return "no dossier and no problem"
    lines = len(_BREAKS.findall(content)) + 1
    for text in problems:
        found = _POSITIONED.match(text)
        if not found:
            return f"not 'file:line:col: path: message': {text[:300]!r}"
        if found["file"] != DISPLAY:
            return f"names another file: {text[:300]!r}"
        if not 1 <= int(found["line"]) <= lines or int(found["col"]) < 1:
            return f"position outside the file ({lines} lines): {text[:300]!r}"
        if "Traceback" in text or len(text) > len(DISPLAY) + MAX_MESSAGE:
            return f"not a clear message ({len(text)} characters): {text[:300]!r}"
    return None


@dataclass
class Figures:
    inputs: int = 0
    valid: int = 0
    slowest_ms: float = 0.0
    peak_kib: int = 0


class Worker:
    """The parent's end: a worker process, restarted after any crash."""

    def __init__(self, hang_after: float = 20.0) -> None:
        self.hang_after = hang_after
        self.figures = Figures()
        self.process: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.fuzz_worker"],
                cwd=Path(__file__).resolve().parent.parent,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        return self.process

    def stop(self) -> None:
        if self.process is not None:
            process, self.process = self.process, None
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def check(self, content: bytes) -> dict[str, Any]:
        """The worker's outcome for one input; a crash, death or hang is kind 'crash'."""
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        reply: list[bytes] = []

        def exchange() -> None:
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(struct.pack(">I", len(content)) + content)
                process.stdin.flush()
                reply.append(process.stdout.readline())
            except OSError:
                pass  # the worker died: told below

        talker = threading.Thread(target=exchange, daemon=True)
        talker.start()
        talker.join(self.hang_after)
        if talker.is_alive() or not reply or not reply[0]:
            hung = talker.is_alive()
            process.kill()
            code = process.wait()
            self.process = None
            why = f"no answer within {self.hang_after:.0f} s (a hang)" if hung else "worker died"
            return {"kind": "crash", "problems": [f"{why}; exit code {code}"], "ms": 0.0}
        outcome: dict[str, Any] = json.loads(reply[0])
        if outcome["kind"] == "crash":
            self.stop()  # after a MemoryError the worker's state is not to be trusted
        self.figures.inputs += 1
        self.figures.valid += outcome["kind"] == "valid"
        self.figures.slowest_ms = max(self.figures.slowest_ms, outcome["ms"])
        self.figures.peak_kib = max(self.figures.peak_kib, outcome.get("peak_kib", 0))
        return outcome

    def verdict(self, content: bytes) -> str | None:
        """None if the input ended as a valid dossier or clear problems; else why not."""
        outcome = self.check(content)
        if outcome["kind"] == "crash":
            return "crash: " + "\n".join(outcome["problems"])
        if outcome["kind"] == "valid":
            return None
        return problems_are_clear(content, outcome["problems"])


if __name__ == "__main__":
    serve()
