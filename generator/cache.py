"""The content cache: work already done for the same input, reused.

Every entry is the result of a pure function, stored under a key made of
everything that function reads: the code's version, the exact bytes of the
dossier, and for rendered output the build date, site address and language.
Changing any input changes the key, so an entry is never stale; it is only
unused. Two layers:

- in memory, for the life of the process: `make serve` keeps it between
  rebuilds, so a changed dossier costs only its own work;
- a SQLite file (``.cache/content.sqlite``) between builds. It is safe to
  delete: a build without it does all the work and writes the same bytes.
  Entries unused for a week are dropped when a build closes the cache.

Values are pickled. The file is as trusted as the code next to it (it lives
in the working copy, written by this program); never restore it from
somewhere less trusted, such as a cache shared with pull requests.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import pickle
import sqlite3
import time
from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

from .parallel import run_all

T = TypeVar("T")

CACHE_DIR = Path(".cache")  # in the working copy, git-ignored
CONTENT_CACHE = "content.sqlite"
CHART_CACHE = "charts"  # drawn charts, see chartsvg.py
DEFAULT_PATH = CACHE_DIR / CONTENT_CACHE
_KEEP_SECONDS = 7 * 24 * 3600
_FLUSH_BYTES = 256 * 1024 * 1024
_PACKAGES = ("pydantic", "Jinja2", "icalendar", "PyYAML")


@cache
def code_version() -> str:
    """A digest of the generator's own files and the libraries that shape its output."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".j2") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    for name in _PACKAGES:
        digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
    return digest.hexdigest()


def key(*parts: str | bytes) -> str:
    """A cache key over the code's version and the given parts, in order."""
    digest = _versioned().copy()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    result: str = digest.hexdigest()
    return result


@cache
def _versioned() -> Any:  # a hashlib object: each key starts from a copy
    return hashlib.sha256(code_version().encode())


class Memo:
    """Results by key, in memory and (with a path) in a SQLite file."""

    def __init__(self, path: Path | None = None, remember: bool = True) -> None:
        """`remember=False` keeps nothing in memory (a one-off build): results are
        handed out, stored in the file, and forgotten, so the memory a build needs
        does not grow with everything it ever made."""
        self._remember = remember or path is None
        self._pending = 0
        self._memory: dict[str, Any] = {}
        self._files: dict[str, tuple[object, str]] = {}
        self._used: set[str] = set()
        self._new: dict[str, bytes] = {}
        self._db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = _open(path)
            except sqlite3.DatabaseError:
                path.unlink()  # not a cache we can read: start afresh
                self._db = _open(path)
        self.hits = 0
        self.misses = 0

    def get_all(
        self,
        work: Sequence[tuple[str, Callable[[], T]]],
        keep: Callable[[T], bool] = lambda _: True,
    ) -> list[T]:
        """The stored result for each name, the missing ones made (in parallel) and stored.

        Results for which `keep` is false are returned but not stored.
        """
        found: list[Any] = [self.find(name) for name, _ in work]
        missing = [n for n, value in enumerate(found) if value is None]
        # Made and pickled in the workers: only bytes travel back, and the
        # same bytes go into the file, so nothing is pickled twice.
        blobs = run_all([partial(_pickled, work[n][1]) for n in missing])
        for n, blob in zip(missing, blobs, strict=True):
            value = pickle.loads(blob)
            if keep(value):
                self.misses += 1
                if self._remember:
                    self._memory[work[n][0]] = value
                if self._db is not None:
                    self._new[work[n][0]] = blob
                    self._pending += len(blob)
            found[n] = value
        if self._pending > _FLUSH_BYTES:
            self._flush()
        return found

    def find(self, name: str) -> Any | None:
        """The stored result for `name`, or None."""
        self._used.add(name)
        if name in self._memory:
            self.hits += 1
            return self._memory[name]
        if self._db is not None:
            row = self._db.execute("SELECT value FROM entries WHERE key = ?", (name,)).fetchone()
            if row is not None:
                self.hits += 1
                value = pickle.loads(row[0])
                if self._remember:
                    self._memory[name] = value
                return value
        return None

    def file_digest(self, path: Path) -> tuple[str | None, object]:
        """The key of a file read before by this memo, if its size and time are unchanged,
        and the file's signature to remember it by after reading it (``remember_file``).

        Only while the entry for that key is at hand: a digest returned here is a
        promise that the file need not be read, so it must lead to a result.
        """
        try:
            stat = path.stat()
        except OSError:
            return None, None
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        seen = self._files.get(str(path))
        if seen is None or seen[0] != signature or seen[1] not in self._memory:
            return None, signature
        return seen[1], signature

    def remember_file(self, path: Path, signature: object, digest: str) -> None:
        if signature is not None:
            self._files[str(path)] = (signature, digest)

    def forget_unused(self) -> None:
        """Drop from memory what the last run did not use (between `make serve` rebuilds)."""
        self._memory = {k: v for k, v in self._memory.items() if k in self._used}
        self._used = set()
        self.hits = self.misses = 0

    def save(self) -> None:
        """Store new entries, mark used ones, drop those unused for a week."""
        if self._db is None:
            return
        self._flush()
        now = int(time.time())
        with self._db:
            self._db.executemany(
                "UPDATE entries SET used = ? WHERE key = ?",
                ((now, k) for k in self._used - self._new.keys()),
            )
            self._db.execute("DELETE FROM entries WHERE used < ?", (now - _KEEP_SECONDS,))

    def _flush(self) -> None:
        """Write new entries to the file, so their bytes need not stay in memory."""
        if self._db is None or not self._new:
            return
        now = int(time.time())
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO entries (key, value, used) VALUES (?, ?, ?)",
                ((k, v, now) for k, v in self._new.items()),
            )
        self._new = {}
        self._pending = 0


def _pickled(make: Callable[[], Any]) -> bytes:
    return pickle.dumps(make(), protocol=pickle.HIGHEST_PROTOCOL)


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(
        "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB, used INTEGER)"
    )
    return db


@cache
def shared_memo() -> Memo:
    """One memo for the life of the process, in the default place (for `make serve`)."""
    return Memo(DEFAULT_PATH)


@cache
def last_written() -> dict[str, dict[str, str]]:
    """What `make serve` wrote last, by docs folder, so unchanged files are not reread."""
    return {}
