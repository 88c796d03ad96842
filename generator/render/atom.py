"""Atom feeds (RFC 4287) of what changed: one per coalition, one across coalitions.

Pure and reproducible: a feed's ``updated`` is its newest revision's commit
time, not the build date, so the same history gives the same bytes. Each
entry is one published revision (``public.Revision``), its id the coalition
page's address with the revision's anchor: permanent, and unique even when
one commit changed several dossiers. Entry text comes only from the public
model's revisions, which history.py filters through today's privacy gate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from ..public import Coalition, PublicSite, Revision
from . import paths
from .labels import Labels

OVERVIEW_ENTRIES = 50  # the feed across coalitions keeps the newest; each coalition's keeps all


def _stamp(value: datetime) -> str:
    return value.isoformat()


def _entry(coalition: Coalition, revision: Revision, lang: str, base_url: str) -> str:
    label = Labels(lang)
    address = (
        base_url
        + paths.coalition_location(coalition.slug, lang)
        + "#"
        + paths.revision_anchor(revision.commit)
    )
    items = "".join(f"<li>{escape(s)}</li>" for s in revision.sentences(lang))
    title = f"{coalition.name}: {label.date(revision.committed.date())}"
    return (
        "  <entry>\n"
        f"    <id>{escape(address)}</id>\n"
        f"    <title>{escape(title)}</title>\n"
        f"    <updated>{_stamp(revision.committed)}</updated>\n"
        f'    <link rel="alternate" type="text/html" href={quoteattr(address)}/>\n'
        f'    <content type="html">{escape(f"<ul>{items}</ul>")}</content>\n'
        "  </entry>\n"
    )


def _feed(
    lang: str,
    title: str,
    author: str,
    self_url: str,
    page_url: str,
    entries: Sequence[tuple[Coalition, Revision]],
    base_url: str,
) -> str:
    newest = max(r.committed for _, r in entries)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">\n'
        f"  <id>{escape(self_url)}</id>\n"
        f"  <title>{escape(title)}</title>\n"
        f"  <updated>{_stamp(newest)}</updated>\n"
        f"  <author><name>{escape(author)}</name></author>\n"
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>\n'
        f'  <link rel="alternate" type="text/html" href={quoteattr(page_url)}/>\n'
        + "".join(_entry(c, r, lang, base_url) for c, r in entries)
        + "</feed>\n"
    )


def coalition_history_feed(
    coalition: Coalition, history: Sequence[Revision], lang: str, base_url: str
) -> dict[str, str]:
    """The coalition's feed of changes: {path: text}; none without a history."""
    if not history:
        return {}
    path = paths.coalition_history_feed(coalition.slug, lang)
    title = f"{Labels(lang)('changes')}: {coalition.name}"
    return {
        path: _feed(
            lang,
            title,
            coalition.name,
            base_url + path,
            base_url + paths.coalition_location(coalition.slug, lang),
            [(coalition, r) for r in history],
            base_url,
        )
    }


def overview_history_feed(site: PublicSite, lang: str, base_url: str) -> dict[str, str]:
    """The newest changes across coalitions: {path: text}; none without any history."""
    by_slug = {c.slug: c for c in site.coalitions}
    histories = {h.slug: h for h in site.histories if h.slug in by_slug}
    # Chosen by time alone: only the histories of the coalitions chosen are read whole.
    newest = sorted(
        ((when, slug, commit) for slug, h in histories.items() for when, commit in h.times),
        reverse=True,
    )[:OVERVIEW_ENTRIES]
    if not newest:
        return {}
    chosen = {slug for _, slug, _ in newest}
    revisions = {(slug, r.commit): r for slug in chosen for r in histories[slug].revisions}
    entries = [(by_slug[slug], revisions[(slug, commit)]) for _, slug, commit in newest]
    label = Labels(lang)
    path = paths.history_feed(lang)
    return {
        path: _feed(
            lang,
            label("history_feed_title"),
            label("site_author"),
            base_url + path,
            base_url + paths.section(lang, "coalitions") + "/",
            entries,
            base_url,
        )
    }
