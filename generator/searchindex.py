"""Pagefind's indexing program, driven over its service protocol.

The `pagefind` package's own Python client waits a tenth of a second before it
reads each answer, so indexing one record per activity took 0.1 s a record: at
N = 1,000 (20,000 activities a language) more than half an hour. This client
speaks the same protocol (base64 JSON messages, each ended by a comma, on the
program's stdin and stdout) with the requests sent in one stream and the answers
read as they come, and it ends the program by closing its input, without killing
it while it still writes.

Only the binary and its protocol are used; the version is pinned with the
package (requirements/), and tests/test_search_index.py runs it for real.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import IO, Any

from pagefind.service import get_executable


class IndexerError(Exception):
    """Pagefind's program refused a request or stopped; the message says which."""


class Indexer:
    """One running Pagefind program (``pagefind --service``)."""

    def __init__(self, run: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
        self._run = run
        self._errors = errors
        self._next = 0
        self._pending = b""

    def ask(self, payloads: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send every payload, then return their answers in the same order."""
        first = self._next
        self._next += len(payloads)
        requests = [
            base64.b64encode(json.dumps({"message_id": first + i, "payload": p}).encode()) + b","
            for i, p in enumerate(payloads)
        ]
        # Written from a thread while the answers are read here: neither pipe can fill up.
        writer = threading.Thread(target=self._write, args=(requests,), daemon=True)
        writer.start()
        answers: dict[int, dict[str, Any]] = {}
        while len(answers) < len(payloads):
            message = json.loads(base64.b64decode(self._read_message()))
            payload = message.get("payload", {})
            if payload.get("type") == "Error":
                raise IndexerError(str(payload.get("message", "")))
            answers[int(message["message_id"])] = payload
        writer.join()
        return [answers[first + i] for i in range(len(payloads))]

    def _write(self, requests: list[bytes]) -> None:
        assert self._run.stdin is not None
        try:
            for request in requests:
                self._run.stdin.write(request)
            self._run.stdin.flush()
        except BrokenPipeError:
            pass  # the program stopped; the reader says so

    def _read_message(self) -> bytes:
        assert self._run.stdout is not None
        while b"," not in self._pending:
            chunk = os.read(self._run.stdout.fileno(), 1 << 16)
            if not chunk:
                self._errors.seek(0)
                told = self._errors.read().decode("utf-8", "replace").strip()
                raise IndexerError(told.splitlines()[-1] if told else "the program stopped")
            self._pending += chunk
        message, _, self._pending = self._pending.partition(b",")
        return message


@contextmanager
def indexer() -> Iterator[Indexer]:
    """A running Pagefind program, ended when the block ends: by closing its input,
    so it finishes every write first (killed only if it has not ended in a minute)."""
    program = get_executable()
    if program is None:
        raise IndexerError("Pagefind's program is not installed (the pagefind[bin] package)")
    with tempfile.TemporaryFile() as errors:
        run = subprocess.Popen(
            [str(program), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        try:
            yield Indexer(run, errors)
        finally:
            assert run.stdin is not None
            with suppress(BrokenPipeError):
                run.stdin.close()
            try:
                run.wait(timeout=60)
            except subprocess.TimeoutExpired:
                run.kill()
                run.wait()
