"""What outlives one build: the one place incremental building keeps memory.

A one-off ``dossiers build`` makes one ``BuildState`` and drops it; ``make
serve`` keeps one for the whole session (``hooks.py``), and the benchmark
drives one the same way. Nothing else in the generator remembers a "last
time": renderers are pure functions of their arguments.

The state holds

- the content store (``cache.Memo``): results of pure work by content key;
- file signatures: a dossier file whose size, time and inode are as they
  were is not read again, while its result is still in memory;
- the last published site, its organisations and each coalition's content
  key, from which ``publish`` returns an explicit ``ChangeSet``;
- the cache keys of the last render, reused where their inputs are the same;
- what was last written into each docs folder, so unchanged files are not
  read back.

**The identity rule** (relied on by organisations, keys and the change set):
the public model is immutable, and a ``Coalition`` object is made from exactly
one content key (the digest of its dossier file, see ``cache.key``). So the
same coalition object means the same content, and an ``Organisation`` object
that is the same object as last time has the same coalitions (``gather``
makes a new one whenever one of its coalitions changed). Keys are reused by
that identity, because hashing a national site on every save costs more than
the save.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .cache import Memo
from .public import PublicSite
from .render.organisations import Organisation, gather


@dataclass(frozen=True)
class ChangeSet:
    """Which coalitions (by slug) differ from the last published site."""

    added: frozenset[str]
    changed: frozenset[str]
    removed: frozenset[str]

    @property
    def touched(self) -> frozenset[str]:
        return self.added | self.changed | self.removed

    @staticmethod
    def between(before: Mapping[str, str], after: Mapping[str, str]) -> ChangeSet:
        """From two {slug: content key} maps."""
        return ChangeSet(
            added=frozenset(after.keys() - before.keys()),
            changed=frozenset(s for s in after.keys() & before.keys() if after[s] != before[s]),
            removed=frozenset(before.keys() - after.keys()),
        )


Key = tuple[object, ...]


class BuildState:
    """Everything that outlives one build (see the module's docstring)."""

    def __init__(self, store: Memo | None = None) -> None:
        self.store = store if store is not None else Memo()
        self._files: dict[str, tuple[object, str]] = {}
        self.site: PublicSite | None = None
        self.organisations: tuple[Organisation, ...] = ()
        self.digests: dict[str, str] = {}  # slug: content key, of `site`
        self.keys: dict[Key, tuple[object, str]] = {}  # lookup: (source, key), last render
        self.written: dict[str, dict[str, str]] = {}  # docs folder: {path: text}

    def file_digest(self, path: Path) -> tuple[str | None, object]:
        """The content key of a file read before, if its size, time and inode are
        unchanged and its result is still in memory; and the file's signature to
        remember it by after reading it (``remember_file``).

        A key returned here is a promise that the file need not be read, so it
        must lead to a result: hence "still in memory".
        """
        try:
            stat = path.stat()
        except OSError:
            return None, None
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        seen = self._files.get(str(path))
        if seen is None or seen[0] != signature or not self.store.holds(seen[1]):
            return None, signature
        return seen[1], signature

    def remember_file(self, path: Path, signature: object, digest: str) -> None:
        if signature is not None:
            self._files[str(path)] = (signature, digest)

    def publish(self, site: PublicSite, digests: dict[str, str]) -> ChangeSet:
        """Take `site` as the current one: its organisations are gathered (anew only
        where coalitions changed), and the change against the last site is returned."""
        changes = ChangeSet.between(self.digests, digests)
        before = None if self.site is None else (self.site, self.organisations)
        self.organisations = gather(site, before, changes.touched)
        self.site, self.digests = site, dict(digests)
        return changes

    def forget_unused(self) -> None:
        """Between two builds of one session: drop what the last one did not use."""
        self.store.forget_unused()
