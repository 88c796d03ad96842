"""Each coalition's history from git: what changed in its published dossier, and when.

An edge of the pipeline, like ``load.py``: it reads git (plumbing only: one
``git log --raw`` over the folder, one ``git cat-file --batch`` for the
contents not yet in the content cache) and hands the pure part public
revisions.

The privacy rule: a revision contributes only its published projection
(``publish.publish_one``: a draft revision contributes nothing, a private
item of that time is not there), and that projection is filtered once more
by today's gate: an item that is not public today (private now, or gone)
is left out of every revision, and an item's title is today's. So history
can never show what the gate hides today. Sentences are the review
summary's (``diff.change_sentences``), between consecutive published
projections.

Each revision's projection is cached by its blob id (the content of the file
at that commit), so a build reads and validates only blobs it has not seen;
a coalition's whole history is cached by today's dossier and its chain of
revisions, so an unchanged coalition costs one dictionary look-up.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import cast

from . import public
from .cache import Memo, key, unpack
from .diff import Flat, change_sentences, flattened
from .errors import Problem
from .i18n import _
from .load import EXTENSION, read_bytes
from .model import Activity, Agreement, Contact, Dossier, Objective, Partner, Place
from .publish import publish_one
from .types import LocalizedText
from .validate import ValidDossier, validate

_FIRST = ("voor het eerst gepubliceerd", "first published")


class _GitMissing(Exception):
    pass


@dataclass(frozen=True)
class GitRevision:
    """A commit that changed a dossier file, and the file's blob after it."""

    commit: str
    committed: str  # ISO 8601, as git gives %cI
    blob: str
    path: str  # from the top of the repository


@dataclass(frozen=True)
class Histories:
    """The histories read, and the notes for the person building (at most a few)."""

    histories: tuple[public.CoalitionHistory, ...]
    digests: dict[str, str]  # per slug: a key over its revision chain
    notes: tuple[str, ...]


def _git(top: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(top), *args], input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise _GitMissing from None
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
    return done.stdout


def _repository(folder: Path) -> tuple[Path, str] | str:
    """The repository's top and the folder's path in it, or a note why there is none."""
    try:
        top = Path(os.fsdecode(_git(folder, "rev-parse", "--show-toplevel").strip()))
        shallow = _git(folder, "rev-parse", "--is-shallow-repository").strip() == b"true"
        _git(folder, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except _GitMissing:
        return _("git is not installed: the site has no history of changes")
    except subprocess.CalledProcessError:
        return _(
            "{folder} is not in a git repository with commits: the site has no history of changes"
        ).format(folder=folder)
    if shallow:
        return _(
            "the git repository is a shallow clone: the site has no history of changes "
            "(run 'git fetch --unshallow', or check out with fetch-depth: 0)"
        )
    inside = os.path.relpath(folder.resolve(), top.resolve()).replace(os.sep, "/")
    return top, "" if inside == "." else inside


def revisions(top: Path, inside: str, files: dict[str, str]) -> dict[str, list[GitRevision]]:
    """Per slug, the commits of the main line that changed its file, oldest first.

    `files` maps each file name (``slug.yml``) today to its slug; renames are
    followed back (``-M``), and a file added anew starts its history there.
    Merges count as the change they bring to the first parent.
    """
    prefix = f"{inside}/" if inside else ""
    log = _git(
        top,
        "-c",
        "core.quotePath=true",
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--raw",
        "-M",
        "--no-abbrev",
        "--format=%x01%H %cI",
        "--",
        inside or ".",
    )
    tracked = {f"{prefix}{name}": slug for name, slug in files.items()}
    found: dict[str, list[GitRevision]] = {slug: [] for slug in files.values()}
    commit = committed = ""
    for line in log.decode("utf-8", "replace").splitlines():
        if line.startswith("\x01"):
            commit, committed = line[1:].split(" ", 1)
            continue
        if not line.startswith(":"):
            continue
        meta, *names = line.split("\t")
        fields = meta.split()
        status, blob = fields[4], fields[3]
        after = names[-1]
        if after not in tracked:
            continue
        slug = tracked[after]
        found[slug].append(GitRevision(commit, committed, blob, after))
        if status.startswith("R"):
            del tracked[after]
            tracked[names[0]] = slug
        elif status == "A":
            del tracked[after]  # before this commit the file did not exist
    return {slug: found_[::-1] for slug, found_ in found.items()}


def _contents(top: Path, blobs: Sequence[str]) -> dict[str, bytes]:
    """The blobs' bytes, read in one ``git cat-file --batch``."""
    if not blobs:
        return {}
    out = _git(top, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    found: dict[str, bytes] = {}
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].decode().split(" ")
        if len(header) != 3:  # "<id> missing": gone from the repository
            at = end + 1
            continue
        name, _, size = header
        start = end + 1
        found[name] = out[start : start + int(size)]
        at = start + int(size) + 1
    return found


# What a revision leaves, cached per blob: its published projection as a dossier.
Snapshot = Dossier | str  # "draft" or "invalid" otherwise


def snapshot(content: bytes, name: str, shown: str) -> Snapshot:
    """A revision's dossier through that revision's own privacy gate."""
    raw = read_bytes(content, name, shown)
    if isinstance(raw, Problem):
        return "invalid"
    valid = validate(raw)
    if not isinstance(valid, ValidDossier):
        return "invalid"
    published = publish_one(valid)
    if published is None:
        return "draft"
    return _through(valid.dossier, published)


def _text(text: public.Text) -> LocalizedText:
    return LocalizedText.model_construct(nl=text.nl, en=text.en)


def _through(d: Dossier, gate: public.Coalition) -> Dossier:
    """The dossier with only the items `gate` (a public projection) shows, titled as
    there; every private field emptied, so no comparison can meet one."""
    agenda = {a.id: a for a in gate.agenda}
    agreements = {a.id: a for a in gate.agreements}
    places = {p.id: p for p in gate.places}
    contacts = {c.name: c for c in gate.contacts}
    objectives = {o.id: o for o in gate.objectives}
    partners = {p.id: p for p in gate.partners}

    def activity(a: Activity) -> Activity:
        shown = agenda[a.id]
        return a.model_copy(
            update={
                "title": _text(shown.title),
                "notes": None,
                "place": a.place if a.place in places else None,
            }
        )

    def agreement(a: Agreement) -> Agreement:
        return a.model_copy(update={"title": _text(agreements[a.id].title), "notes": None})

    def contact(c: Contact) -> Contact:
        shown = contacts[c.name]
        return c.model_copy(update={"email": shown.email, "phone": shown.phone})

    def place(p: Place) -> Place:
        return p.model_copy(update={"name": places[p.id].name})

    def objective(o: Objective) -> Objective:
        shown = objectives.get(o.id)
        return o if shown is None else o.model_copy(update={"title": _text(shown.title)})

    def partner(p: Partner) -> Partner:
        shown = partners.get(p.id)
        name = p.name if shown is None else shown.name
        return p.model_copy(update={"name": name, "notes": None, "reviewers": []})

    meeting = d.meeting_place
    return d.model_copy(
        update={
            "notes": None,
            # Partners and objectives are always public: kept, under today's name.
            "partners": [partner(p) for p in d.partners],
            "objectives": [objective(o) for o in d.objectives],
            "agenda": [activity(a) for a in d.agenda if a.id in agenda],
            "agreements": [agreement(a) for a in d.agreements if a.id in agreements],
            "places": [place(p) for p in d.places if p.id in places],
            "contacts": [contact(c) for c in d.contacts if c.name in contacts],
            "meeting_place": meeting if meeting and meeting.place in places else None,
        }
    )


def _public_text(text: LocalizedText | None) -> public.Text | None:
    return None if text is None else public.Text(nl=text.nl, en=text.en)


def chronicle(
    found: Sequence[tuple[GitRevision, Snapshot]], today: public.Coalition
) -> tuple[tuple[public.Revision, ...], tuple[GitRevision, ...]]:
    """Published revisions with their sentences, newest first, and the revisions
    skipped because they no longer validate. Pure."""
    out: list[public.Revision] = []
    skipped: list[GitRevision] = []
    last: Dossier | None = None
    last_flat: Flat = {}
    objectives_today = {o.id for o in today.objectives}
    for revision, shot in found:
        if shot == "invalid":
            skipped.append(revision)
            continue
        if not isinstance(shot, Dossier):
            continue  # a draft period contributes nothing
        now = _through(shot, today)
        now_flat = flattened(now)  # each version is compared twice, in two languages
        if last is None:
            sentences = {"nl": [_FIRST[0]], "en": [_FIRST[1]]}
        else:
            sentences = {
                lang: change_sentences(last, now, lang, (last_flat, now_flat))
                for lang in ("nl", "en")
            }
        last, last_flat = now, now_flat
        if not sentences["nl"]:
            continue
        out.append(
            public.Revision(
                commit=revision.commit,
                committed=datetime.fromisoformat(revision.committed),
                nl=tuple(sentences["nl"]),
                en=tuple(sentences["en"]),
                positions=tuple(
                    public.PartnerPosition(p.id, p.influence, p.dependency) for p in now.partners
                ),
                # Objectives that are gone today are not shown, as for every other item.
                objectives=tuple(
                    public.ObjectiveState(
                        o.id, o.status, _public_text(o.baseline), _public_text(o.target)
                    )
                    for o in now.objectives
                    if o.id in objectives_today
                ),
            )
        )
    return tuple(out[::-1]), tuple(skipped)


def _shot(found: object) -> Snapshot:
    return found if isinstance(found, Dossier | str) else "invalid"


class _Packed(public.CoalitionHistory):
    """A coalition's history as the content cache holds it, decoded when first asked
    for. An unchanged coalition's pages come from the cache as well, so most builds
    never decode most histories (at N = 1,000 decoding them all took seconds)."""

    def __init__(self, slug: str, blob: bytes, times: tuple[tuple[datetime, str], ...]) -> None:
        object.__setattr__(self, "slug", slug)
        object.__setattr__(self, "_blob", blob)
        object.__setattr__(self, "_times", times)

    @property
    def times(self) -> tuple[tuple[datetime, str], ...]:
        return cast(tuple[tuple[datetime, str], ...], self.__dict__["_times"])

    @property
    def revisions(self) -> tuple[public.Revision, ...]:
        found = self.__dict__.get("_revisions")
        if found is None:
            found = unpack(self.__dict__["_blob"])
            object.__setattr__(self, "_revisions", found)
        return cast(tuple[public.Revision, ...], found)

    def __eq__(self, other: object) -> bool:  # the same as a decoded history
        if not isinstance(other, public.CoalitionHistory):
            return NotImplemented
        return (self.slug, self.revisions) == (other.slug, other.revisions)

    __hash__ = public.CoalitionHistory.__hash__


def _cached(
    store: Memo, name: str, slug: str, times: tuple[tuple[datetime, str], ...]
) -> public.CoalitionHistory | None:
    if store.holds(name):  # in memory (make serve): nothing to decode
        found = store.find(name)
        return None if found is None else public.CoalitionHistory(slug, found)
    blob = store.find_packed(name)
    return None if blob is None else _Packed(slug, blob, times)


def read_histories(
    folder: Path, coalitions: Sequence[public.Coalition], digests: dict[str, str], store: Memo
) -> Histories:
    """The history of every published coalition whose dossier is in `folder`.

    Outside a git repository, without git, or in a shallow clone there is no
    history, and one note says so. `digests` are today's content keys.
    """
    found = _repository(folder)
    if isinstance(found, str):
        return Histories((), {}, (found,))
    top, inside = found
    files = {f"{c.slug}{EXTENSION}": c.slug for c in coalitions}
    try:
        chains = revisions(top, inside, files)
    except (subprocess.CalledProcessError, _GitMissing):
        return Histories((), {}, (_("git could not read the history: the site has none"),))
    wanted = {
        c.slug: key("history", digests[c.slug], *(f"{r.commit}{r.blob}" for r in chains[c.slug]))
        for c in coalitions
    }
    # Kept apart: the revisions (often not needed, see _Packed), and what is always
    # needed and small: the revisions skipped (for the notes; almost always none) and
    # each revision's time and commit (for the feed across coalitions).
    brief_key = {slug: key("history-brief", name) for slug, name in wanted.items()}
    made: dict[str, public.CoalitionHistory] = {}
    skipped: dict[str, tuple[GitRevision, ...]] = {}
    for c in coalitions:
        brief = store.find(brief_key[c.slug])
        if not isinstance(brief, tuple) or len(brief) != 2:
            continue
        history = _cached(store, wanted[c.slug], c.slug, brief[1])
        if history is not None:
            made[c.slug], skipped[c.slug] = history, brief[0]
    todo = [c for c in coalitions if c.slug not in made]
    blobs = sorted({(r.blob, r.path) for c in todo for r in chains[c.slug]})
    names = {blob: key("history-revision", blob, Path(path).name) for blob, path in blobs}
    known = {b: store.find(names[b]) for b, _ in blobs}
    missing = [(b, p) for b, p in blobs if known[b] is None]
    contents = _contents(top, sorted({b for b, _ in missing}))
    known.update(
        zip(
            [b for b, _ in missing],
            store.get_all(
                [
                    (
                        names[b],
                        partial(snapshot, contents.get(b, b""), Path(p).name, f"{p}@{b[:12]}"),
                    )
                    for b, p in missing
                ]
            ),
            strict=True,
        )
    )
    for c in todo:
        chain = [(r, _shot(known[r.blob])) for r in chains[c.slug]]
        history_made, skipped[c.slug] = chronicle(chain, c)
        store.store(wanted[c.slug], history_made)
        made[c.slug] = public.CoalitionHistory(c.slug, history_made)
        store.store(brief_key[c.slug], (skipped[c.slug], made[c.slug].times))
    notes = [
        _("{path} at {commit} ({date}) no longer validates: left out of the history").format(
            path=r.path, commit=r.commit[:12], date=r.committed[:10]
        )
        for c in coalitions
        for r in skipped[c.slug]
    ]
    return Histories(tuple(made[c.slug] for c in coalitions), wanted, tuple(notes))
