"""The whole pipeline between the two ends: folder of dossiers in, output files out.

Pure apart from reading the dossiers and the content cache: the build date is
passed in, and the caller writes the files (``write.py``).

Work is split by what it depends on, so the content cache (``cache.py``) can
reuse it:

- per dossier file: reading, validating and publishing (its bytes);
- per coalition: its page, calendar, chart specs and open data, and its share
  of every page across coalitions (``pages.OverviewParts``: its index row, its
  part of each partner's organisation page, its contacts, which activities
  are upcoming; its events as feed text) (its dossier, the build date, the
  site address, the language);
- per organisation: its page and overview row, joined from its coalitions'
  shares (the dossiers of its coalitions);
- across coalitions: indexes, agenda, take part, the network chart and the
  calendars and open data of everything, joined and merged from the parts
  above, never rendered coalition by coalition again.

The parts and the join are ``render/compose.py``; this module only decides,
through the ``BuildState`` (``state.py``), what is made and what is reused:
it holds the keys, the parallelism and the casts, so the composition stays
a set of pure functions. A one-dossier change therefore redoes that
dossier's work and the pages of its organisations, and joins the overviews
anew; everything else comes from the cache. At N = 5,000 that is under a
second (``docs/performance.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar, cast

from .cache import key
from .check import Checked
from .errors import DossierError, Problem
from .history import read_histories
from .load import discover, display_path, read_bytes, read_file
from .public import Coalition, CoalitionHistory, PublicSite
from .publish import publish_one, publish_site
from .render.catalog import catalog_file
from .render.compose import (
    CoalitionPart,
    LanguageFiles,
    coalition_part,
    join,
    organisation_part,
)
from .render.exports import assemble_exports, coalition_export
from .render.labels import LANGS
from .render.organisations import Organisation
from .settings import DEFAULTS, Settings
from .state import BuildState, ChangeSet, Key
from .validate import ValidDossier, validate

T = TypeVar("T")

DEFAULT_SITE_URL = "http://localhost:8000/"


@dataclass(frozen=True)
class Published:
    """A valid dossier's public part (None for a draft): what the cache keeps per file."""

    coalition: Coalition | None


@dataclass(frozen=True)
class PublishedFolder:
    """The outcome of checking and publishing a folder of dossiers."""

    report: Checked
    site: PublicSite
    changes: ChangeSet  # against the state's last site
    notes: tuple[str, ...] = ()  # about the history: none read, revisions skipped


def language_url(site_url: str, lang: str) -> str:
    """Where a language's site starts: Dutch at the root, English at /en/."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    return root if lang == "nl" else f"{root}{lang}/"


def read_folder(
    directory: Path, state: BuildState
) -> tuple[Checked, list[Coalition], dict[str, str]]:
    """Read, validate and publish every dossier, reusing what the state holds.

    Returns how checking went, the published coalitions, and each published
    coalition's content key (a digest of its file) by slug.
    """
    paths, problems = discover(directory)
    count = len(paths) + len(problems)
    read: list[tuple[Path, str, bytes, str]] = []
    for path in paths:
        # A file seen before with the same size and time is not read again (make serve).
        known, signature = state.file_digest(path)  # taken before reading
        if known is not None:
            read.append((path, "", b"", known))  # its result is at hand: no name needed
            continue
        shown = display_path(path)
        content = read_file(path, shown)
        if isinstance(content, Problem):
            problems.append(content)
        else:
            digest = key("dossier", path.name, content)
            state.remember_file(path, signature, digest)
            read.append((path, shown, content, digest))
    # Problems are not stored: they name the file as shown, and are cheap to find again.
    entries = state.store.get_all(
        [
            (digest, partial(_check, content, path.name, shown))
            for path, shown, content, digest in read
        ],
        keep=lambda entry: isinstance(entry, Published),
    )
    coalitions: list[Coalition] = []
    digests: dict[str, str] = {}
    drafts = 0
    for (*_, digest), entry in zip(read, entries, strict=True):
        if isinstance(entry, list):
            problems.extend(entry)
        elif entry.coalition is None:
            drafts += 1
        else:
            coalitions.append(entry.coalition)
            digests[entry.coalition.slug] = digest
    report = Checked(files=count, drafts=drafts, problems=tuple(sorted(problems)))
    return report, coalitions, digests


def _check(content: bytes, name: str, shown: str) -> Published | list[Problem]:
    raw = read_bytes(content, name, shown)
    if isinstance(raw, Problem):
        return [raw]
    result = validate(raw)
    if not isinstance(result, ValidDossier):
        return result
    return Published(publish_one(result))


def publish_folder(
    coalitions: Path, build_date: date, state: BuildState, history: bool = False
) -> PublishedFolder:
    """Check and publish every dossier into the state; raises DossierError if any
    dossier has a problem (the state then keeps its last good site).

    With `history`, each coalition's published history is read from git
    (``history.py``); a coalition's content key then covers its history too.
    """
    report, published, digests = read_folder(coalitions, state)
    if report.problems:
        raise DossierError(report.problems)
    site = publish_site(published, build_date)
    notes: tuple[str, ...] = ()
    if history:
        found = read_histories(coalitions, site.coalitions, digests, state.store)
        notes = found.notes
        site = replace(site, histories=found.histories)
        digests = {slug: key(d, found.digests.get(slug, "")) for slug, d in digests.items()}
    changes = state.publish(site, digests)
    return PublishedFolder(report, site, changes, notes)


class _Parts:
    """The parts of one render, each through the content store under its key.

    A key reuses the last render's key where its inputs are the same
    (``make serve`` renders again on every save, and asks for some 20,000
    keys each time): by the identity rule in ``state.py``. An organisation's
    key covers the content keys of all its coalitions, thousands for the
    largest, so it is reused by the organisation object's identity.
    """

    def __init__(self, state: BuildState, stamp: str) -> None:
        self.state, self.stamp = state, stamp
        self.made: dict[Key, tuple[object, str]] = {}

    def get_all(self, work: Sequence[tuple[str, Callable[[], T]]]) -> list[T]:
        return self.state.store.get_all(work)

    def coalition_key(self, parts: tuple[str, ...], slug: str) -> str:
        digest = self.state.digests[slug]
        return self._reuse(
            (*parts, self.stamp, digest), None, lambda: key(*parts, self.stamp, digest)
        )

    def organisation_key(self, parts: tuple[str, ...], org: Organisation) -> str:
        digests = self.state.digests
        return self._reuse(
            (*parts, self.stamp, id(org)),
            org,
            # Content keys are all 64 hex digits long, so joined they stay apart.
            lambda: key(
                *parts, self.stamp, "".join([digests[m.coalition.slug] for m in org.memberships])
            ),
        )

    def _reuse(self, lookup: Key, source: object, make: Callable[[], str]) -> str:
        found = self.state.keys.get(lookup)
        if found is None or found[0] is not source:
            found = (source, make())
        self.made[lookup] = found
        return found[1]

    def keep(self) -> None:
        """Keep this render's keys for the next (only these: nothing piles up)."""
        self.state.keys = self.made


def render_languages(
    state: BuildState,
    site_url: str = DEFAULT_SITE_URL,
    langs: tuple[str, ...] = LANGS,
    settings: Settings = DEFAULTS,
) -> Iterator[LanguageFiles]:
    """Every page, feed and chart spec of the state's site, one language at a time
    (`settings`: the publisher and contact point of the open-data catalogue).

    A one-off build writes each language before the next is made, so only one
    is in memory (at national scale each is some 500 MB of text).
    """
    site = state.site
    if site is None:
        raise ValueError("nothing published yet: call publish_folder first")
    parts = _Parts(state, site.build_date.isoformat())
    exported = parts.get_all(
        [
            (
                parts.coalition_key(("export",), c.slug),
                partial(coalition_export, c, site.build_date),
            )
            for c in site.coalitions
        ]
    )
    exports = assemble_exports(site.build_date, site.coalitions, exported)
    # The catalogue describes the files above at the site's root (the Dutch copy):
    # the same bytes in both languages' folders, like the data it describes.
    exports.update(catalog_file(settings, language_url(site_url, "nl"), site.build_date, exports))
    for lang in langs:
        yield _render_language(site, state.organisations, lang, site_url, parts, exports, settings)
    parts.keep()


def _render_language(
    site: PublicSite,
    orgs: tuple[Organisation, ...],
    lang: str,
    site_url: str,
    parts: _Parts,
    exports: dict[str, str],
    settings: Settings,
) -> LanguageFiles:
    base = language_url(site_url, lang)
    history = {h.slug: h for h in site.histories}
    coalitions = cast(
        list[CoalitionPart],
        parts.get_all(
            [
                (
                    parts.coalition_key(("coalition", lang, base), c.slug),
                    partial(_coalition_part, c, lang, base, site.build_date, history.get(c.slug)),
                )
                for c in site.coalitions
            ]
        ),
    )
    # An organisation's page and row are made from its coalitions' parts.
    by_slug = {c.slug: p.overview for c, p in zip(site.coalitions, coalitions, strict=True)}
    made = cast(
        list[tuple[str, str]],
        parts.get_all(
            [
                (
                    parts.organisation_key(("organisation", org.id, lang, base), org),
                    partial(organisation_part, org, lang, by_slug),
                )
                for org in orgs
            ]
        ),
    )
    return join(site, lang, orgs, coalitions, made, exports, base, settings)


def _coalition_part(
    coalition: Coalition,
    lang: str,
    base: str,
    build_date: date,
    history: CoalitionHistory | None,
) -> CoalitionPart:
    """A coalition's part, its history read whole only here: a part from the cache
    never reads it (``history._Packed``)."""
    revisions = history.revisions if history is not None else ()
    return coalition_part(coalition, lang, base, build_date, revisions)


@dataclass(frozen=True)
class Outputs:
    """Every language's generated files, made in one go (tests and tools)."""

    report: Checked
    site: PublicSite
    files: dict[str, dict[str, str]]
    charts: dict[str, list[str]]


def generate(
    coalitions: Path,
    build_date: date,
    site_url: str = DEFAULT_SITE_URL,
    state: BuildState | None = None,
    langs: tuple[str, ...] = LANGS,
    settings: Settings = DEFAULTS,
    history: bool = False,
) -> Outputs:
    """Check, publish and render `langs` (without chart drawings) through the one
    composition; raises DossierError if any dossier has a problem.

    Without a state the work is kept in memory for this call only.
    """
    state = state if state is not None else BuildState()
    done = publish_folder(coalitions, build_date, state, history)
    made = list(render_languages(state, site_url, langs, settings))
    return Outputs(
        report=done.report,
        site=done.site,
        files={m.lang: m.files for m in made},
        charts={m.lang: m.charts for m in made},
    )


def render_site(
    site: PublicSite, site_url: str = DEFAULT_SITE_URL, langs: tuple[str, ...] = LANGS
) -> dict[str, LanguageFiles]:
    """Every language's files of a public site made elsewhere (tools, tests), through
    the one composition, in memory: each coalition object gets a key of its own."""
    state = BuildState()
    state.publish(site, {c.slug: key("coalition", c.slug, str(id(c))) for c in site.coalitions})
    return {made.lang: made for made in render_languages(state, site_url, langs)}
