"""The content cache: work already done for the same input, reused.

Every entry is the result of a pure function, stored under a key made of
everything that function reads: the code's version, the exact bytes of the
dossier, and for rendered output the build date, site address and language.
Changing any input changes the key, so an entry is never stale; it is only
unused. Two layers:

- in memory, for the life of the process: `make serve` keeps it between
  rebuilds (in its ``BuildState``), so a changed dossier costs only its own work;
- a SQLite file (``.cache/content.sqlite``) between builds. It is safe to
  delete: a build without it does all the work and writes the same bytes.
  Entries unused for a week are dropped when a build closes the cache.

The cache is only a speed-up, and it may be damaged or planted:

- every entry carries an HMAC of its key and value under a secret that lives
  outside the repository (in the user's cache folder, ``secret_path``). An
  entry whose HMAC does not match (written elsewhere, altered, swapped with
  another entry's value, truncated) is a miss, removed and made again;
  nothing is unpickled before its HMAC is checked, so a planted pickle never
  runs;
- a file that is not our SQLite schema (garbage, a foreign table, another
  version) is replaced by an empty cache; one that cannot be written (a
  read-only folder, a full disk) is left alone and the build goes on without
  it, with a warning;
- a cache folder that git tracks is refused (``refuse_tracked``): it would
  travel in a clone to CI and to every partner.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.metadata
import os
import pickle
import secrets
import sqlite3
import subprocess
import sys
import time
import unicodedata
import zoneinfo
from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

from .parallel import run_all

T = TypeVar("T")

CACHE_DIR = Path(".cache")  # in the working copy, git-ignored
CONTENT_CACHE = "content.sqlite"
DEFAULT_PATH = CACHE_DIR / CONTENT_CACHE
SCHEMA_VERSION = 3  # PRAGMA user_version of the file; another number is a foreign file
_KEEP_SECONDS = 7 * 24 * 3600
_FLUSH_BYTES = 256 * 1024 * 1024
_PACKAGES = ("pydantic", "pydantic_core", "Jinja2", "MarkupSafe", "icalendar", "PyYAML")
_COLUMNS = ["key", "used", "mac", "value"]  # small columns first: a scan skips the values


class CacheError(Exception):
    """The cache cannot be used as it is, and the user must act (a tracked cache)."""


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
    # Case folding, normalisation and Dutch time shape output too.
    digest.update(f"{sys.version}:{unicodedata.unidata_version}".encode())
    digest.update(_zone_data())
    return digest.hexdigest()


def _zone_data() -> bytes:
    """The time-zone rules Europe/Amsterdam is read from (system or tzdata package)."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "Europe" / "Amsterdam"
        if path.is_file():
            return path.read_bytes()
    try:
        return f"tzdata=={importlib.metadata.version('tzdata')}".encode()
    except importlib.metadata.PackageNotFoundError:
        return b""


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


def secret_path() -> Path:
    """Where the cache's HMAC secret lives: the user's cache folder, never the repository."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dossiers" / "cache-secret"


@cache
def _secret() -> bytes:
    """The secret that signs this user's cache entries, made on first use.

    If it cannot be kept (no writable home), a secret for this process only:
    the cache then works within one run and every earlier entry is a miss.
    """
    path = secret_path()
    try:
        found = path.read_bytes()
        if len(found) >= 32:
            return found
    except OSError:
        pass
    made = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial_path = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(partial_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(made)
        os.replace(partial_path, path)
    except OSError:
        pass
    return made


def _mac(name: str, value: bytes) -> bytes:
    signer = hmac.new(_secret(), digestmod=hashlib.sha256)
    data = name.encode("utf-8")
    signer.update(len(data).to_bytes(8, "big"))
    signer.update(data)
    signer.update(value)
    return signer.digest()


def tracked_files(folder: Path) -> list[str]:
    """The files under `folder` that git tracks (none outside a repository)."""
    try:
        done = subprocess.run(
            # safe.directory: a checkout owned by another user (CI containers) is still read.
            ["git", "-c", "safe.directory=*", "ls-files", "-z", "--", "."],
            cwd=folder,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except FileNotFoundError:
        return []  # no git on this machine: nothing can be tracked
    except (OSError, subprocess.SubprocessError) as err:
        raise CacheError(f"cannot tell whether git tracks {folder}/ ({err})") from None
    if done.returncode != 0:
        told = done.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in told:
            return []
        first = told.splitlines()[0] if told else f"git exited with {done.returncode}"
        raise CacheError(
            f"cannot tell whether git tracks {folder}/ ({first}); fix that, or build with "
            "--no-cache"
        )
    return [name for name in done.stdout.decode("utf-8", "replace").split("\0") if name]


def refuse_tracked(folder: Path) -> None:
    """CacheError if git tracks anything in the cache folder."""
    if not folder.is_dir():
        return
    found = tracked_files(folder)
    if found:
        raise CacheError(
            f"{folder}/ is committed to git ({len(found)} files, e.g. {found[0]}); a cache "
            "must never travel with the repository. Remove it from git with "
            f"'git rm -r --cached {folder}' and commit that, or build with --no-cache"
        )


class Memo:
    """Results by key, in memory and (with a path) in a SQLite file."""

    def __init__(self, path: Path | None = None, remember: bool = True) -> None:
        """`remember=False` keeps nothing in memory (a one-off build): results are
        handed out, stored in the file, and forgotten, so the memory a build needs
        does not grow with everything it ever made."""
        self._remember = remember or path is None
        self._pending = 0
        self._memory: dict[str, Any] = {}
        self._used: set[str] = set()
        self._stamped: set[str] = set()  # marked as used in the file by this process already
        self._new: dict[str, bytes] = {}
        self._db: sqlite3.Connection | None = None
        self.warnings: list[str] = []  # what went wrong with the file, for the user
        self.hits = 0
        self.misses = 0
        self.rejected = 0  # entries in the file that failed their check
        self._path = path
        if path is not None:
            self._db = self._open(path)

    def _open(self, path: Path) -> sqlite3.Connection | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return _connect(path)
        except sqlite3.DatabaseError as err:
            if not _damaged(err):
                return self._give_up(path, err)  # in use, locked: leave it alone
        except OSError as err:
            return self._give_up(path, err)
        try:  # not a cache we can read (garbage, a foreign schema): start afresh
            _remove(path)
            return _connect(path)
        except (OSError, sqlite3.Error) as err:
            return self._give_up(path, err)

    def _give_up(self, path: Path, err: Exception) -> sqlite3.Connection | None:
        self.warnings.append(
            f"the content cache {path} cannot be used ({err}); building without it"
        )
        return None

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
            value = pickle.loads(blob)  # made by this process's own workers
            if keep(value):
                self._keep(work[n][0], value, blob)
            found[n] = value
        return found

    def store(self, name: str, value: object) -> None:
        """Keep one result made outside ``get_all`` (a chart drawing)."""
        self._keep(name, value, _pickled(lambda: value))

    def _keep(self, name: str, value: object, blob: bytes) -> None:
        self.misses += 1
        self._used.add(name)
        if self._remember:
            self._memory[name] = value
        if self._db is not None:
            self._new[name] = blob
            self._pending += len(blob)
            if self._pending > _FLUSH_BYTES:
                self._flush()

    def holds(self, name: str) -> bool:
        """Whether the result for `name` is in memory (no file read needed)."""
        return name in self._memory

    def contains(self, name: str) -> bool:
        """Whether a result for `name` is kept (it is checked only when read: one that
        fails its check is still a miss then)."""
        if name in self._memory or name in self._new:
            return True
        if self._db is None:
            return False
        try:
            row = self._db.execute("SELECT 1 FROM entries WHERE key = ?", (name,)).fetchone()
        except sqlite3.Error as err:
            self._broken(err)
            return False
        return row is not None

    def find(self, name: str) -> Any | None:
        """The stored result for `name`, or None (also for an entry that fails its check)."""
        self._used.add(name)
        if name in self._memory:
            self.hits += 1
            return self._memory[name]
        blob = self._new.get(name)
        if blob is None:
            blob = self._read(name)
        if blob is None:
            return None
        self.hits += 1
        value = pickle.loads(blob)  # checked: written by this user's own builds
        if self._remember:
            self._memory[name] = value
        return value

    def find_packed(self, name: str) -> bytes | None:
        """The checked bytes of the stored result for `name`, not yet decoded, or None.

        For a result a build often does not need at all (a coalition's history, when
        its pages come from the cache too): ``unpack`` decodes it when it is needed.
        A result in memory only (not yet in the file) is not found here.
        """
        self._used.add(name)
        blob = self._new.get(name)
        if blob is None:
            blob = self._read(name)
        if blob is not None:
            self.hits += 1
        return blob

    def _read(self, name: str) -> bytes | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT value, mac FROM entries WHERE key = ?", (name,)
            ).fetchone()
        except sqlite3.Error as err:
            self._broken(err)
            return None
        if row is None:
            return None
        value, mac = row
        if (
            isinstance(value, bytes)
            and isinstance(mac, bytes)
            and hmac.compare_digest(mac, _mac(name, value))
        ):
            return value
        self.rejected += 1  # planted, altered or swapped: made again, and replaced
        return None

    def _broken(self, err: sqlite3.Error) -> None:
        """The file failed while in use: go on in memory, and say so once. A damaged
        file is removed, so the next build starts a new one."""
        db, self._db = self._db, None
        self._new = {}
        self._pending = 0
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()
        if self._path is not None and _damaged(err):
            with contextlib.suppress(OSError):
                _remove(self._path)
            self.warnings.append(
                f"the content cache was damaged ({err}); it is made anew by the next build"
            )
            return
        self.warnings.append(f"the content cache failed ({err}); going on without it")

    def forget_unused(self) -> None:
        """Drop from memory what the last run did not use (between `make serve` rebuilds)."""
        self._memory = {k: v for k, v in self._memory.items() if k in self._used}
        self._used = set()
        self.hits = self.misses = self.rejected = 0

    def save(self) -> None:
        """Store new entries and mark used ones (``close`` drops those unused for a week)."""
        if self._db is None:
            return
        self._flush()
        if self._db is None:
            return  # the flush found the file unusable
        now = int(time.time())
        try:
            # Once per process is enough for a week's clean-up: make serve saves on every
            # rebuild, and marking 20,000 entries each time would cost more than the rebuild.
            fresh = self._used - self._stamped
            with self._db:
                self._db.executemany(
                    "UPDATE entries SET used = ? WHERE key = ?", ((now, k) for k in fresh)
                )
        except sqlite3.Error as err:
            self._broken(err)
            return
        self._stamped |= fresh

    def close(self) -> None:
        """Save, drop entries unused for a week, fold the write-ahead log into the file,
        and let go of it."""
        self.save()
        if self._db is None:
            return
        try:
            with self._db:
                cutoff = int(time.time()) - _KEEP_SECONDS
                self._db.execute("DELETE FROM entries WHERE used < ?", (cutoff,))
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()
        except sqlite3.Error as err:
            self._broken(err)
        self._db = None

    def _flush(self) -> None:
        """Write new entries to the file, so their bytes need not stay in memory."""
        if self._db is None or not self._new:
            return
        now = int(time.time())
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO entries (key, used, mac, value) VALUES (?, ?, ?, ?)",
                    ((k, now, _mac(k, v), v) for k, v in self._new.items()),
                )
        except sqlite3.Error as err:
            self._broken(err)  # a full disk or a read-only file: the build goes on
            return
        self._new = {}
        self._pending = 0


def unpack(blob: bytes) -> Any:
    """A result from the bytes ``Memo.find_packed`` gave (checked when they were read)."""
    return pickle.loads(blob)


def _pickled(make: Callable[[], Any]) -> bytes:
    return pickle.dumps(make(), protocol=pickle.HIGHEST_PROTOCOL)


class _Foreign(sqlite3.DatabaseError):
    """A readable SQLite file that is not a content cache of this version."""


def _damaged(err: sqlite3.Error) -> bool:
    """Whether the file itself is bad (corrupt, not a database, not ours), not merely busy."""
    code = getattr(err, "sqlite_errorcode", None)
    return isinstance(err, _Foreign) or (
        code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    )


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _connect(path: Path) -> sqlite3.Connection:
    """Our cache file, made if missing; DatabaseError for any other file."""
    db = sqlite3.connect(path)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = [
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        if not tables:
            db.execute(
                "CREATE TABLE entries (key TEXT PRIMARY KEY, used INTEGER, mac BLOB, value BLOB)"
            )
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.commit()
        else:
            columns = [row[1] for row in db.execute("PRAGMA table_info(entries)")]
            if version != SCHEMA_VERSION or columns != _COLUMNS or tables != ["entries"]:
                raise _Foreign("not a content cache of this version")
        db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db
