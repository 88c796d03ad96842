"""Where every generated file lives and how every link to it is written.

Paths are relative to a language's docs folder (``content/<lang>``); URLs
add the language's base address (``site.language_url``). Pages, feeds,
charts, search entries and JSON-LD all ask here, so an address is made in
one place and a link cannot point at an anchor no page has.
"""

from __future__ import annotations

import re

from .labels import Labels

_ANCHOR = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_FEEDS = {
    "nl": ("alle-activiteiten", "voor-nieuwkomers"),
    "en": ("all-activities", "for-newcomers"),
}


def section(lang: str, name: str) -> str:
    """The folder of a section (``coalitions``, ``organisations``, ``agenda`` ...)."""
    return Labels(lang).section[name]


def home() -> str:
    """The language's home page, at the root of its docs folder."""
    return "index.md"


def coalition_page(slug: str, lang: str) -> str:
    return f"{section(lang, 'coalitions')}/{slug}.md"


def organisation_page(org_id: str, lang: str) -> str:
    return f"{section(lang, 'organisations')}/{org_id}.md"


def coalition_feed(slug: str, lang: str) -> str:
    return f"{section(lang, 'coalitions')}/{slug}.ics"


def activity_feed(slug: str, activity_id: str, lang: str) -> str:
    """One activity's own calendar file, for "add to my calendar", beside its coalition's.

    Neither slugs nor ids hold a dot, so this cannot meet another coalition's feed
    (``<slug>.ics``) or a chart (``<slug>.partners.svg``).
    """
    activity_anchor(slug, activity_id)  # the same characters are safe in a file name
    return f"{section(lang, 'coalitions')}/{slug}.{activity_id}.ics"


def overview_feeds(lang: str) -> dict[str, str]:
    """Where the two feeds across coalitions live: all activities, and for newcomers."""
    folder = section(lang, "agenda")
    names = _FEEDS[lang]
    return {"all": f"{folder}/{names[0]}.ics", "newcomers": f"{folder}/{names[1]}.ics"}


def coalition_chart(slug: str, kind: str, lang: str) -> str:
    """A coalition's chart (``partners`` or ``roles``), without extension."""
    return f"{section(lang, 'coalitions')}/{slug}.{kind}"


def network_chart(lang: str) -> str:
    return f"{section(lang, 'organisations')}/network"


def activity_anchor(slug: str, activity_id: str) -> str:
    """The HTML id of an activity on its coalition's page (upcoming or past).

    '_' occurs in neither slugs nor ids, so no two activities share an anchor;
    both are validated, so nothing needs escaping.
    """
    value = f"{slug}_{activity_id}"
    if not _ANCHOR.match(value):
        raise ValueError(f"unsafe anchor {value!r}")
    return value


def section_anchor(label: str) -> str:
    """The HTML id of a section heading on a generated page, made from its label.

    The heading carries it explicitly, so the id is the one MkDocs' toc would
    give the label ("Wie wij zijn" -> ``wie-wij-zijn``), but a dossier heading
    earlier on the page with the same text cannot take it.
    """
    value = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    if not _ANCHOR.match(value):
        raise ValueError(f"unsafe anchor {value!r}")
    return value


def activity_location(slug: str, activity_id: str, lang: str) -> str:
    """The activity's address relative to the language's root."""
    return f"{section(lang, 'coalitions')}/{slug}/#{activity_anchor(slug, activity_id)}"


def coalition_history_feed(slug: str, lang: str) -> str:
    """A coalition's Atom feed of changes, beside its calendar (``<slug>.ics``)."""
    return f"{section(lang, 'coalitions')}/{slug}.atom"


def history_feed(lang: str) -> str:
    """The Atom feed of changes across coalitions, at the language's root (no section
    is a file there, and a slug's feed lives in the coalitions folder)."""
    return "wijzigingen.atom" if lang == "nl" else "changes.atom"


def revision_anchor(commit: str) -> str:
    """The HTML id of a revision in a coalition's Changes section (git ids are hex)."""
    value = f"wijziging-{commit[:12]}"
    if not _ANCHOR.match(value):
        raise ValueError(f"unsafe anchor {value!r}")
    return value


def coalition_location(slug: str, lang: str) -> str:
    """The coalition page's address relative to the language's root."""
    return f"{section(lang, 'coalitions')}/{slug}/"
