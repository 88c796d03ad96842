"""What the site's search finds among the generated pages, and nothing more.

Material's search plugin indexes the full text of every page. At national
scale that is over 100 MB per language, more than a browser should download,
and about a third of the engine's time. So every generated page says
``search: exclude`` in its front matter (``markdown.front_matter``) and this
module lists what is worth finding instead:

- each coalition by name, with its type, themes and the start of its
  societal question;
- each activity of the coming 90 days by title, with its date and coalition
  (later ones are found through their coalition, and are on its page and in
  the feeds: a national agenda holds about 100,000 activities, far more than
  an index a browser should download);
- each organisation by name, with its sectors and number of coalitions;
- the home page and each overview page by title and introduction.

``dossiers build`` (and the serve hook) add these entries to the index the
plugin writes for the hand-written pages (``engine.add_to_index``). Entries use the plugin's format:
locations relative to the language's root, title and text as escaped HTML,
as the plugin's own parser produces them (the search dialog shows them as
HTML).
"""

from __future__ import annotations

import html
from datetime import timedelta

from ..public import PublicSite
from . import paths
from .labels import Labels
from .organisations import Organisation
from .pages import AgendaItem

QUESTION_CHARS = 200
ACTIVITY_DAYS = 90


def _text(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=False)


def _short(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= QUESTION_CHARS else flat[: QUESTION_CHARS - 1].rstrip() + "…"


def search_entries(
    site: PublicSite, orgs: tuple[Organisation, ...], upcoming: list[AgendaItem], lang: str
) -> list[dict[str, str]]:
    """The search entries of every generated page of one language (`orgs` and
    `upcoming`: the site's organisations and upcoming agenda, made once per build)."""
    label = Labels(lang)
    section = label.section
    entries: list[dict[str, str]] = []

    def add(location: str, title: str, *text: str) -> None:
        entries.append(
            {
                "location": location,
                "title": _text(title),
                "text": _text(" · ".join(t for t in text if t)),
            }
        )

    add("", label("home"), label("home_intro"))
    for page, intro in (
        ("coalitions", "coalitions_intro"),
        ("organisations", "organisations_intro"),
        ("agenda", "agenda_intro"),
        ("take_part", "take_part_intro"),
        ("open_data", "open_data_intro"),
    ):
        add(f"{section[page]}/", label(page), label(intro))
    for c in site.coalitions:
        themes = ", ".join(t.name.get(lang)[0] for t in c.themes)
        add(
            f"{section['coalitions']}/{c.slug}/",
            c.name,
            label.term("type", c.type),
            themes,
            _short(c.societal_question.get(lang)[0]),
        )
    horizon = site.build_date + timedelta(days=ACTIVITY_DAYS)
    for item in (i for i in upcoming if i.activity.start.date() <= horizon):
        c, a = item.coalition, item.activity
        add(
            paths.activity_location(c.slug, a.id, lang),
            a.title.get(lang)[0],
            label.datetime(a.start, a.end),
            c.name,
        )
    for org in orgs:
        count = len(org.memberships)
        add(
            f"{section['organisations']}/{org.id}/",
            org.name,
            ", ".join(label.term("sector", s) for s in org.sectors),
            f"{count} {label('coalitions').lower() if count != 1 else label('coalition').lower()}",
        )
    return entries
