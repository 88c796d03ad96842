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

A one-dossier change therefore redoes that dossier's work and the pages of
its organisations, and joins the overviews anew; everything else comes from
the cache. At N = 5,000 that is under a second (``docs/performance.md``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import ClassVar, cast

from .cache import Memo, key
from .chartsvg import SvgSummary, draw, draw_to_cache, spec_text
from .check import Checked
from .errors import DossierError, Problem
from .load import discover, display_path, read_bytes, read_file
from .public import Coalition, PublicSite
from .publish import publish_one, publish_site
from .render.charts import coalition_charts, network_chart
from .render.exports import CoalitionExport, assemble_exports, coalition_export
from .render.feeds import (
    FeedPart,
    coalition_calendar,
    coalition_events,
    coalition_feed_path,
    feed_part,
    overview_calendars,
)
from .render.labels import LANGS
from .render.organisations import Organisation, organisations
from .render.pages import (
    OverviewParts,
    coalition_page,
    coalition_page_path,
    member_parts,
    organisation_page_path,
    organisation_parts,
    overview_pages,
    overview_parts,
)
from .validate import ValidDossier, validate


@dataclass(frozen=True)
class Outputs:
    """Generated files per language ({lang: {path in that docs folder: text}}), and
    the charts still to be drawn as SVG beside them."""

    report: Checked
    site: PublicSite
    files: dict[str, dict[str, str]]
    charts: dict[str, list[str]]  # chart paths; each spec is files[f"{path}.vl.json"]


@dataclass(frozen=True)
class Published:
    """A valid dossier's public part (None for a draft): what the cache keeps per file."""

    coalition: Coalition | None


@dataclass(frozen=True)
class CoalitionOutput:
    """Everything of one coalition in one language that depends on it alone."""

    files: dict[str, str]
    feed: FeedPart  # its events, for the calendars across coalitions
    charts: tuple[str, ...]  # paths: the specs themselves are in `files`, as text
    overview: OverviewParts  # its share of the pages across coalitions


DEFAULT_SITE_URL = "http://localhost:8000/"


def language_url(site_url: str, lang: str) -> str:
    """Where a language's site starts: Dutch at the root, English at /en/."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    return root if lang == "nl" else f"{root}{lang}/"


def read_folder(directory: Path, memo: Memo) -> tuple[Checked, list[Coalition], dict[str, str]]:
    """Read, validate and publish every dossier, reusing what the cache holds.

    Returns how checking went, the published coalitions, and each published
    coalition's content key (a digest of its file) by slug.
    """
    paths, problems = discover(directory)
    count = len(paths) + len(problems)
    read: list[tuple[Path, str, bytes, str]] = []
    for path in paths:
        # A file seen before with the same size and time is not read again (make serve).
        known, signature = memo.file_digest(path)  # taken before reading
        if known is not None:
            read.append((path, "", b"", known))  # its result is at hand: no name needed
            continue
        shown = display_path(path)
        content = read_file(path, shown)
        if isinstance(content, Problem):
            problems.append(content)
        else:
            digest = key("dossier", path.name, content)
            memo.remember_file(path, signature, digest)
            read.append((path, shown, content, digest))
    # Problems are not stored: they name the file as shown, and are cheap to find again.
    entries = memo.get_all(
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


def _coalition_output(
    coalition: Coalition, lang: str, base_url: str, build_date: date
) -> CoalitionOutput:
    events = coalition_events(coalition, lang, base_url, build_date)
    found = tuple(coalition_charts(coalition, lang))
    files = {
        coalition_page_path(coalition, lang): coalition_page(coalition, lang, base_url, build_date),
        coalition_feed_path(coalition.slug, lang): coalition_calendar(coalition, lang, events),
        **{f"{chart.path}.vl.json": spec_text(chart) for chart in found},
    }
    return CoalitionOutput(
        files=files,
        feed=feed_part(events),
        charts=tuple(chart.path for chart in found),
        overview=overview_parts(coalition, lang, build_date),
    )


def render_site(
    site: PublicSite,
    site_url: str = DEFAULT_SITE_URL,
    memo: Memo | None = None,
    digests: dict[str, str] | None = None,
    langs: tuple[str, ...] = LANGS,
) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """Every page, feed and chart spec of every language, from the public model alone.

    With a memo and each coalition's content key (``read_folder``), work on
    unchanged coalitions is taken from the cache; without them, all is made.
    """
    files: dict[str, dict[str, str]] = {}
    specs: dict[str, list[str]] = {}
    for lang, found, charts in render_languages(site, site_url, memo, digests, langs):
        files[lang], specs[lang] = found, charts
    return files, specs


def render_languages(
    site: PublicSite,
    site_url: str = DEFAULT_SITE_URL,
    memo: Memo | None = None,
    digests: dict[str, str] | None = None,
    langs: tuple[str, ...] = LANGS,
) -> Iterator[tuple[str, dict[str, str], list[str]]]:
    """``render_site`` one language at a time: (language, its files, its chart paths).

    A one-off build writes each language before the next is made, so only one
    is in memory (at national scale each is some 500 MB of text).
    """
    if memo is None or digests is None:
        memo, digests = Memo(), None  # nothing to reuse: names only need to be unique here
    keys = _Keys(site.build_date.isoformat(), digests)
    work: list[tuple[str, Callable[[], object]]] = [
        (keys.coalition(("export",), c.slug), partial(coalition_export, c, site.build_date))
        for c in site.coalitions
    ]
    exports = assemble_exports(
        site.build_date, site.coalitions, cast(list[CoalitionExport], memo.get_all(work))
    )
    for lang in langs:
        yield lang, *_render_language(site, lang, site_url, memo, keys, exports)
    keys.keep()


def _render_language(
    site: PublicSite,
    lang: str,
    site_url: str,
    memo: Memo,
    keys: _Keys,
    exports: dict[str, str],
) -> tuple[dict[str, str], list[str]]:
    coalitions, orgs = site.coalitions, organisations(site)
    base = language_url(site_url, lang)
    outputs = cast(
        list[CoalitionOutput],
        memo.get_all(
            [
                (
                    keys.coalition(("coalition", lang, base), c.slug),
                    partial(_coalition_output, c, lang, base, site.build_date),
                )
                for c in coalitions
            ]
        ),
    )
    # An organisation's page and row are made from its coalitions' parts.
    by_slug = {c.slug: o.overview for c, o in zip(coalitions, outputs, strict=True)}
    made = cast(
        list[tuple[str, str]],
        memo.get_all(
            [
                (
                    keys.organisation(("organisation", org.id, lang, base), org),
                    partial(_organisation, org, lang, by_slug),
                )
                for org in orgs
            ]
        ),
    )
    found: dict[str, str] = {}
    for output in outputs:
        found.update(output.files)
    for org, (page, _) in zip(orgs, made, strict=True):
        found[organisation_page_path(org, lang)] = page
    found.update(overview_calendars(lang, [o.feed for o in outputs]))
    found.update(
        overview_pages(site, lang, orgs, [o.overview for o in outputs], [r for _, r in made])
    )
    network = network_chart(site, lang)
    found.update({f"{chart.path}.vl.json": spec_text(chart) for chart in network})
    specs = [path for o in outputs for path in o.charts] + [c.path for c in network]
    pages = sum(1 for path in found if path.endswith(".md"))
    if pages != len(coalitions) + len(orgs) + 5:
        raise ValueError("two generated pages would share a path")  # the validator prevents it
    found.update(exports)  # the same data in both languages' folders
    return dict(sorted(found.items())), specs


class _Keys:
    """The cache key of each part, reusing the last render's keys where their
    inputs are the same (``make serve`` renders again on every save, and asks
    for some 20,000 keys each time).

    An organisation's key covers the content keys of all its coalitions,
    thousands for the largest. An organisation object that is the same object
    as last time has the same coalitions (``organisations.py`` makes a new one
    when one of them changes), and a coalition object belongs to one content
    key, so its key is reused by identity.
    """

    _last: ClassVar[dict[tuple[object, ...], tuple[object, str]]] = {}

    def __init__(self, stamp: str, digests: dict[str, str] | None) -> None:
        self.stamp, self.digests = stamp, digests
        self.made: dict[tuple[object, ...], tuple[object, str]] = {}

    def coalition(self, parts: tuple[str, ...], slug: str) -> str:
        if self.digests is None:  # nothing to reuse: names only need to be unique
            return "\0".join((*parts, slug))
        digest = self.digests[slug]
        return self._reuse(
            (*parts, self.stamp, digest), None, lambda: key(*parts, self.stamp, digest)
        )

    def organisation(self, parts: tuple[str, ...], org: Organisation) -> str:
        slugs = [m.coalition.slug for m in org.memberships]
        if self.digests is None:
            return "\0".join((*parts, *slugs))
        digests = self.digests
        return self._reuse(
            (*parts, self.stamp, id(org)),
            org,
            # Content keys are all 64 hex digits long, so joined they stay apart.
            lambda: key(*parts, self.stamp, "".join([digests[s] for s in slugs])),
        )

    def _reuse(self, lookup: tuple[object, ...], source: object, make: Callable[[], str]) -> str:
        found = self._last.get(lookup)
        if found is None or found[0] is not source:
            found = (source, make())
        self.made[lookup] = found
        return found[1]

    def keep(self) -> None:
        """Keep this render's keys for the next (only these: nothing piles up)."""
        if self.digests is not None:
            _Keys._last = self.made


def _organisation(
    org: Organisation, lang: str, by_slug: dict[str, OverviewParts]
) -> tuple[str, str]:
    return organisation_parts(org, lang, member_parts(org, by_slug))


def with_svgs(
    outputs: Outputs,
    cache: Path,
    langs: tuple[str, ...] = LANGS,
    last: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[dict[str, dict[str, str]], SvgSummary]:
    """The output files of `langs`, plus their charts drawn as SVG (through the chart cache).

    `last` holds what was written last time per language (make serve keeps it).
    """
    files = {lang: dict(outputs.files[lang]) for lang in langs}
    rendered = cached = 0
    for lang in langs:
        before = last.get(lang) if last is not None else None
        svgs, summary = draw(_specs(outputs, lang), cache, before)
        files[lang].update(svgs)
        rendered, cached = rendered + summary.rendered, cached + summary.cached
    return files, SvgSummary(rendered=rendered, cached=cached)


def with_svgs_lazily(
    outputs: Outputs, cache: Path, lang: str
) -> tuple[Mapping[str, str], SvgSummary]:
    """One language's output files with its charts drawn, each drawing read when written."""
    return draw_to_cache(_specs(outputs, lang), cache, outputs.files[lang])


def _specs(outputs: Outputs, lang: str) -> dict[str, str]:
    return {path: outputs.files[lang][f"{path}.vl.json"] for path in outputs.charts[lang]}


def publish_folder(
    coalitions: Path, build_date: date, memo: Memo
) -> tuple[Checked, PublicSite, dict[str, str]]:
    """Check and publish every dossier: how checking went, the public site, and each
    coalition's content key. Raises DossierError if any dossier has a problem."""
    report, published, digests = read_folder(coalitions, memo)
    if report.problems:
        raise DossierError(report.problems)
    site = publish_site(published, build_date)
    # What was read lives for the whole build: keep the garbage collector from
    # walking it again and again (with a national site that is seconds each time).
    gc.freeze()
    return report, site, digests


def generate(
    coalitions: Path,
    build_date: date,
    site_url: str = DEFAULT_SITE_URL,
    memo: Memo | None = None,
    langs: tuple[str, ...] = LANGS,
) -> Outputs:
    """Check, publish and render `langs`; raises DossierError if any dossier has a problem.

    Without a memo the work is cached in memory for this call only.
    """
    memo = memo if memo is not None else Memo()
    report, site, digests = publish_folder(coalitions, build_date, memo)
    files, specs = render_site(site, site_url, memo, digests, langs)
    return Outputs(report=report, site=site, files=files, charts=specs)
