"""Markdown pages from the public model: pure functions, sorted, reproducible.

``render_pages(site, lang, base_url)`` returns ``{path: markdown}`` for one language,
paths relative to that language's docs folder. Templates live beside this
module; every value they print is escaped unless it is ``Md`` (see
``markdown.py``).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..public import Activity, Coalition, Partner, Place, PublicSite, Text
from ..vocabulary import CooperationType
from . import charts, exports, jsonld, markdown
from .feeds import feed_paths
from .labels import Labels
from .markdown import Md

ROLE_KINDS = ("lead", "contributes", "consulted", "informed")
_ANCHOR = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _finalize(value: Any) -> Any:
    """Jinja calls this on every printed value: escape all that is not Md."""
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    return markdown.escape(value)


_ENV = Environment(
    loader=PackageLoader("generator.render", "templates"),
    autoescape=False,  # HTML autoescape is wrong for Markdown; _finalize escapes instead
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,  # templates ship with the package; no stat per page
)


@dataclass(frozen=True)
class Membership:
    """One organisation's part in one coalition, for the organisation pages."""

    coalition: Coalition
    partner: Partner
    roles: tuple[tuple[str, Any], ...]  # (role kind, subject name) pairs


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    sectors: tuple[str, ...]
    memberships: tuple[Membership, ...] = field(default_factory=tuple)


def organisations(site: PublicSite) -> tuple[Organisation, ...]:
    """Organisations across all coalitions, by organisation id."""
    found: dict[str, list[Membership]] = {}
    for coalition in site.coalitions:
        roles = _roles(coalition)
        for partner in coalition.partners:
            found.setdefault(partner.organisation, []).append(
                Membership(coalition=coalition, partner=partner, roles=roles.get(partner.id, ()))
            )
    result = []
    for org_id, memberships in found.items():
        names = Counter(m.partner.name for m in memberships)
        name = sorted(names, key=lambda n: (-names[n], n))[0]
        sectors = tuple(sorted({m.partner.sector.value for m in memberships}))
        result.append(Organisation(org_id, name, sectors, tuple(memberships)))
    return tuple(sorted(result, key=lambda o: (o.name.casefold(), o.id)))


def _roles(coalition: Coalition) -> dict[str, tuple[tuple[str, Any], ...]]:
    """Each partner's (role kind, subject name) pairs, in the order of the role division."""
    subjects = _subject_names(coalition)
    found: dict[str, list[tuple[str, Any]]] = {}
    for role in coalition.roles:
        name = subjects.get(role.subject, role.subject)
        found.setdefault(role.lead, []).append(("lead", name))
        for kind in ROLE_KINDS[1:]:
            for partner_id in getattr(role, kind):
                found.setdefault(partner_id, []).append((kind, name))
    return {partner_id: tuple(pairs) for partner_id, pairs in found.items()}


def _subject_names(coalition: Coalition) -> dict[str, Any]:
    names: dict[str, Any] = {t.id: t.name for t in coalition.themes}
    names.update({d.id: d.name for d in coalition.deliverables})
    return names


@dataclass(frozen=True)
class AgendaItem:
    coalition: Coalition
    activity: Activity


_last_agenda: list[tuple[PublicSite, tuple[tuple[AgendaItem, ...], tuple[AgendaItem, ...]]]] = []


def agenda(site: PublicSite) -> tuple[tuple[AgendaItem, ...], tuple[AgendaItem, ...]]:
    """(upcoming soonest first, past latest first), relative to the build date.

    Both languages and the search entries ask for the same site's agenda: the
    last answer is kept (by identity: hashing a whole site would cost more).
    """
    if _last_agenda and _last_agenda[0][0] is site:
        return _last_agenda[0][1]
    result = _agenda(site)
    _last_agenda[:] = [(site, result)]
    return result


def _agenda(site: PublicSite) -> tuple[tuple[AgendaItem, ...], tuple[AgendaItem, ...]]:
    items = [AgendaItem(c, a) for c in site.coalitions for a in c.agenda]
    cutoff = datetime.combine(site.build_date, datetime.min.time())
    upcoming = sorted(
        (i for i in items if (i.activity.end or i.activity.start) >= cutoff),
        key=lambda i: (i.activity.start, i.coalition.slug, i.activity.id),
    )
    past = sorted(
        (i for i in items if (i.activity.end or i.activity.start) < cutoff),
        key=lambda i: (i.activity.start, i.coalition.slug, i.activity.id),
        reverse=True,
    )
    return tuple(upcoming), tuple(past)


class _Helpers:
    """What templates may call; each returns Md built from escaped parts."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.label = Labels(lang)

    def t(self, value: Any, block: bool = False) -> Md:
        return markdown.text(value, self.lang, block=block)

    def link(self, label: Any, address: str) -> Md:
        return markdown.link(label, address)

    def page(self, label: Any, path: str) -> Md:
        return markdown.page_link(label, path)

    def cell(self, value: Any) -> Md:
        return markdown.cell(value)

    def code(self, value: str) -> Md:
        return markdown.code(value)

    def mailto(self, email: str) -> Md:
        return markdown.mailto(email)

    def tel(self, phone: str) -> Md:
        return markdown.tel(phone)

    def join(self, parts: Any, sep: str = ", ") -> Md:
        return Md(sep.join(p if isinstance(p, Md) else markdown.escape(p) for p in parts))

    def anchor(self, coalition: Coalition, activity: Activity) -> Md:
        """An HTML id; slugs and ids are validated, so nothing needs escaping."""
        # '_' occurs in neither slugs nor ids, so no two activities share an anchor.
        value = f"{coalition.slug}_{activity.id}"
        if not _ANCHOR.match(value):
            raise ValueError(f"unsafe anchor {value!r}")
        return Md(value)

    def place(self, coalition: Coalition, activity: Activity) -> Place | None:
        return next((p for p in coalition.places if p.id == activity.place), None)

    def theme(self, coalition: Coalition, activity: Activity) -> Text | None:
        return next((t.name for t in coalition.themes if t.id == activity.theme), None)

    def organisers(self, coalition: Coalition, activity: Activity) -> Md:
        names = {p.id: p.name for p in coalition.partners}
        return Md(", ".join(markdown.escape(names[i]) for i in activity.organisers))

    def sectors(self, org: Organisation) -> list[str]:
        return [self.label.term("sector", s) for s in org.sectors]

    def leads(self, org: Organisation) -> Md:
        """What an organisation leads, across coalitions: 'Lezen (Gelijke kansen Oost)'."""
        folder = self.label.section["coalitions"]
        return Md(
            ", ".join(
                f"{markdown.text(subject, self.lang)} ("
                f"{markdown.page_link(m.coalition.name, f'../{folder}/{m.coalition.slug}.md')})"
                for m in org.memberships
                for kind, subject in m.roles
                if kind == "lead"
            )
        )

    def membership(self, m: Membership) -> Md:
        """'Samen doelen realiseren; lid van het verband; in de stuurgroep'."""
        facts = [self.label.term("type", m.coalition.type)]
        if m.partner.id in m.coalition.we.members:
            facts.append(self.label("member"))
        if m.partner.id in m.coalition.governance.steering_group.members:
            facts.append(self.label("steering"))
        return Md("; ".join(markdown.escape(f) for f in facts))

    def themes_of(self, coalition: Coalition) -> Md:
        return Md(", ".join(markdown.text(t.name, self.lang) for t in coalition.themes))

    def figure(self, file: str, alt: str, caption: str) -> Md:
        """A chart as a figure with a caption, and a link to its Vega-Lite spec.

        `file` is the chart's path beside the page, without extension; the SVG
        is an image, so nothing in it can run, and the table after the figure
        holds the same data as its text alternative.
        """
        if not _ANCHOR.match(file.replace(".", "-")):
            raise ValueError(f"unsafe chart file {file!r}")
        return Md(
            '<figure markdown="span">\n'
            f"  ![{markdown.escape(alt)}]({file}.svg)\n"
            # Raw HTML: the caption is not read as Markdown, so escape for HTML only.
            f"  <figcaption>{html.escape(caption)}</figcaption>\n"
            "</figure>\n\n"
            f"{markdown.page_link(self.label('chart_data'), f'{file}.vl.json')}"
        )

    def coalition_links(self, org: Organisation) -> Md:
        folder = self.label.section["coalitions"]
        return Md(
            ", ".join(
                markdown.page_link(m.coalition.name, f"../{folder}/{m.coalition.slug}.md")
                for m in org.memberships
            )
        )

    def strong(self, value: Any) -> Md:
        return Md(f"**{markdown.escape(value)}**")


class _CoalitionView:
    """Lookups a coalition page needs: partner names, links and translated terms."""

    def __init__(self, coalition: Coalition, orgs: dict[str, str], lang: str) -> None:
        self.lang = lang
        self.label = Labels(lang)
        self.names = {p.id: p.name for p in coalition.partners}
        self.orgs = orgs
        self.subjects = _subject_names(coalition)
        self.places = {p.id: p for p in coalition.places}
        self._objectives = {o.id: o.title for o in coalition.objectives}

    def who(self, ids: Any) -> Md:
        return Md(", ".join(markdown.escape(self.names[i]) for i in ids))

    def link(self, partner_id: str) -> Md:
        folder = self.label.section["organisations"]
        return markdown.page_link(self.names[partner_id], f"../{folder}/{self.orgs[partner_id]}.md")

    def links(self, ids: Any) -> Md:
        return Md(", ".join(self.link(i) for i in ids))

    def texts(self, values: Any) -> Md:
        return Md(", ".join(markdown.text(v, self.lang) for v in values))

    def terms(self, vocabulary: str, values: Any) -> Md:
        return Md(", ".join(markdown.escape(self.label.term(vocabulary, v)) for v in values))

    def objectives(self, ids: Any) -> Md:
        return self.texts(self._objectives[i] for i in ids)


def _render(template: str, lang: str, title: str, **context: Any) -> str:
    helpers = _Helpers(lang)
    body = _ENV.get_template(template).render(
        h=helpers, L=helpers.label, S=helpers.label.section, lang=lang, **context
    )
    return markdown.front_matter(title) + body


def _by_reach(orgs: tuple[Organisation, ...]) -> list[int]:
    """Positions of the organisations, those in the most coalitions first (as the network)."""
    return sorted(
        range(len(orgs)),
        key=lambda n: (-len(orgs[n].memberships), orgs[n].name.casefold(), orgs[n].id),
    )


def _by_type(site: PublicSite) -> list[tuple[str, list[Coalition]]]:
    groups: dict[str, list[Coalition]] = {}
    for coalition in site.coalitions:
        groups.setdefault(coalition.type.value, []).append(coalition)
    order = [t.value for t in CooperationType]
    return [(kind, groups[kind]) for kind in order if kind in groups]


def _by_theme(site: PublicSite, lang: str) -> list[tuple[Md, list[Md]]]:
    """Coalitions per theme name, across coalitions, in the page's language."""
    themes: dict[str, tuple[Md, list[Md]]] = {}
    for coalition in site.coalitions:
        for theme in coalition.themes:
            name = theme.name.get(lang)[0]
            entry = themes.setdefault(name.casefold(), (markdown.text(theme.name, lang), []))
            entry[1].append(markdown.page_link(coalition.name, f"{coalition.slug}.md"))
    return [themes[key] for key in sorted(themes)]


AGENDA_UPCOMING = 200  # activities on the agenda and take-part pages; all are in the feeds
AGENDA_PAST = 50


def coalition_page(coalition: Coalition, lang: str, base_url: str, build_date: date) -> str:
    """A coalition's page: depends on this coalition alone (and the build date)."""
    return _render(
        "coalition.md.j2",
        lang,
        coalition.name,
        c=coalition,
        v=_CoalitionView(coalition, {p.id: p.organisation for p in coalition.partners}, lang),
        upcoming=[a for a in coalition.agenda if (a.end or a.start).date() >= build_date],
        past=[a for a in coalition.agenda if (a.end or a.start).date() < build_date][::-1],
        build_date=build_date,
        events=jsonld.script(coalition, lang, base_url),
    )


def coalition_page_path(coalition: Coalition, lang: str) -> str:
    return f"{Labels(lang).section['coalitions']}/{coalition.slug}.md"


def contact_section(coalition: Coalition, lang: str) -> str:
    """A coalition's part of the take-part page: whom to contact."""
    helpers = _Helpers(lang)
    return _ENV.get_template("contacts.md.j2").render(
        h=helpers, L=helpers.label, S=helpers.label.section, c=coalition
    )


def organisation_page(org: Organisation, lang: str) -> str:
    """An organisation's page: depends on the coalitions it takes part in."""
    return _render("organisation.md.j2", lang, org.name, org=org)


def organisation_row(org: Organisation, lang: str) -> str:
    """The organisation's row in the table of all organisations (same dependencies)."""
    helpers = _Helpers(lang)
    return _ENV.get_template("organisation_row.md.j2").render(
        h=helpers, L=helpers.label, S=helpers.label.section, o=org
    )


def organisation_parts(org: Organisation, lang: str) -> tuple[str, str]:
    """The organisation's page and its row on the overview: cached as one."""
    return organisation_page(org, lang), organisation_row(org, lang)


def organisation_page_path(org: Organisation, lang: str) -> str:
    return f"{Labels(lang).section['organisations']}/{org.id}.md"


def overview_pages(
    site: PublicSite,
    lang: str,
    orgs: tuple[Organisation, ...],
    contacts: list[str],
    rows: list[str],
) -> dict[str, str]:
    """The pages across all coalitions: the indexes, agenda, take part and open data.

    `contacts` holds each coalition's contact section (``contact_section``), in
    the order of ``site.coalitions``; `rows` each organisation's row
    (``organisation_row``), in the order of `orgs`.
    """
    labels = Labels(lang)
    section = labels.section
    upcoming, past = agenda(site)
    open_items = [i for i in upcoming if i.activity.open_to_newcomers]
    pages: dict[str, str] = {}
    pages[f"{section['coalitions']}/index.md"] = _render(
        "coalitions.md.j2",
        lang,
        labels("coalitions"),
        by_type=_by_type(site),
        by_theme=_by_theme(site, lang),
    )
    pages[f"{section['organisations']}/index.md"] = _render(
        "organisations.md.j2",
        lang,
        labels("organisations"),
        orgs=orgs,
        rows=Md("".join(rows[n] for n in _by_reach(orgs))),
        limited=(charts.NETWORK_ORGANISATIONS, charts.NETWORK_COALITIONS)
        if charts.network_limited(site)
        else None,
    )
    pages[f"{section['agenda']}/index.md"] = _render(
        "agenda.md.j2",
        lang,
        labels("agenda"),
        feeds=feed_paths(lang),
        upcoming=upcoming[:AGENDA_UPCOMING],
        more=len(upcoming) - AGENDA_UPCOMING,
        past=past[:AGENDA_PAST],
        build_date=site.build_date,
    )
    pages[f"{section['take_part']}/index.md"] = _render(
        "take_part.md.j2",
        lang,
        labels("take_part"),
        feeds=feed_paths(lang),
        open_items=open_items[:AGENDA_UPCOMING],
        more=len(open_items) - AGENDA_UPCOMING,
        contacts=Md("".join(contacts)),
    )
    pages[f"{section['open_data']}/index.md"] = _render(
        "open_data.md.j2",
        lang,
        labels("open_data"),
        tables=list(exports.TABLES.items()),
        licence_url=exports.LICENCE_URL,
        build_date=site.build_date,
    )
    return pages


def render_pages(site: PublicSite, lang: str, base_url: str) -> dict[str, str]:
    """Every generated page of one language: {path in docs folder: Markdown}.

    The pipeline (``site.py``) calls the parts one by one, through the content
    cache; this puts them together without it.
    """
    orgs = organisations(site)
    pages = {
        coalition_page_path(c, lang): coalition_page(c, lang, base_url, site.build_date)
        for c in site.coalitions
    }
    pages.update({organisation_page_path(o, lang): organisation_page(o, lang) for o in orgs})
    contacts = [contact_section(c, lang) for c in site.coalitions]
    rows = [organisation_row(o, lang) for o in orgs]
    pages.update(overview_pages(site, lang, orgs, contacts, rows))
    if len(pages) != len(site.coalitions) + len(orgs) + 5:
        raise ValueError("two generated pages would share a path")  # the validator prevents it
    return dict(sorted(pages.items()))
