"""Markdown pages from the public model: pure functions, sorted, reproducible.

Each function returns one page (or its parts) of one language; ``compose.py``
puts them together, paths relative to that language's docs folder. Templates live beside this
module; every value they print is escaped unless it is ``Md`` (see
``markdown.py``).
"""

from __future__ import annotations

import heapq
import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any, NamedTuple

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..public import Activity, Coalition, Contact, Partner, Place, PublicSite, Revision, Text
from ..settings import DEFAULTS, Settings
from ..vocabulary import CooperationType
from . import charts, exports, jsonld, markdown, paths
from .labels import SEARCH_FILTERS, Labels
from .markdown import Md
from .organisations import Organisation
from .refs import refs
from .trail import objective_trails, trails

ROLE_KINDS = ("lead", "contributes", "consulted", "informed")
_SAFE_FILE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


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


def _roles(coalition: Coalition) -> dict[str, tuple[tuple[str, Any], ...]]:
    """Each partner's (role kind, subject name) pairs, in the order of the role division."""
    subjects = refs(coalition).subjects
    found: dict[str, list[tuple[str, Any]]] = {}
    for role in coalition.roles:
        name = subjects.get(role.subject, role.subject)
        found.setdefault(role.lead, []).append(("lead", name))
        for kind in ROLE_KINDS[1:]:
            for partner_id in getattr(role, kind):
                found.setdefault(partner_id, []).append((kind, name))
    return {partner_id: tuple(pairs) for partner_id, pairs in found.items()}


@dataclass(frozen=True)
class AgendaItem:
    coalition: Coalition
    activity: Activity


Order = tuple[datetime, str, str]  # start, coalition slug, activity id: the agenda's order


class Schedule(NamedTuple):
    """One coalition's activities relative to the build date, as (order, index in agenda)."""

    upcoming: tuple[tuple[Order, int], ...]  # soonest first
    open: tuple[tuple[Order, int], ...]  # the upcoming ones open to newcomers
    past: tuple[tuple[Order, int], ...]  # latest first


def schedule(coalition: Coalition, build_date: date) -> Schedule:
    """Which activities are upcoming (ending on or after the build date) and which past."""
    upcoming: list[tuple[Order, int]] = []
    past: list[tuple[Order, int]] = []
    for n, a in enumerate(coalition.agenda):
        entry = ((a.start, coalition.slug, a.id), n)
        (upcoming if (a.end or a.start).date() >= build_date else past).append(entry)
    upcoming.sort()
    past.sort(reverse=True)
    return Schedule(
        upcoming=tuple(upcoming),
        open=tuple(e for e in upcoming if coalition.agenda[e[1]].open_to_newcomers),
        past=tuple(past),
    )


def merged(
    coalitions: Sequence[Coalition],
    schedules: Sequence[Schedule],
    which: str,
    limit: int | None = None,
) -> list[AgendaItem]:
    """The first `limit` (or all) activities of one kind across coalitions, in agenda order.

    Each coalition's list is in order already, so this merges rather than
    sorts: the agenda's first 200 of 100,000 activities cost 200 steps.
    """
    reverse = which == "past"
    streams = [_stream(n, getattr(s, which)) for n, s in enumerate(schedules) if getattr(s, which)]
    found = heapq.merge(*streams, reverse=reverse)
    return [
        AgendaItem(coalitions[n], coalitions[n].agenda[index])
        for _, n, index in islice(found, limit)
    ]


def _stream(n: int, entries: tuple[tuple[Order, int], ...]) -> Iterator[tuple[Order, int, int]]:
    for order, index in entries:
        yield order, n, index


def agenda(site: PublicSite) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """(upcoming soonest first, past latest first), relative to the build date."""
    schedules = [schedule(c, site.build_date) for c in site.coalitions]
    return (
        merged(site.coalitions, schedules, "upcoming"),
        merged(site.coalitions, schedules, "past"),
    )


class _Helpers:
    """What templates may call; each returns Md built from escaped parts."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.label = Labels(lang)

    def t(self, value: Any, block: bool = False) -> Md:
        return markdown.text(value, self.lang, block=block)

    def coalition(self, coalition: Coalition) -> Md:
        """A link to a coalition's page from a page one folder deep (``paths``)."""
        return self.page(coalition.name, "../" + paths.coalition_page(coalition.slug, self.lang))

    def from_home(self, coalition: Coalition, activity: Activity | None = None) -> Md:
        """A link from the home page (at the root) to a coalition's page, or to one of
        its activities there, labelled with the coalition's name or the activity's title."""
        page = paths.coalition_page(coalition.slug, self.lang)
        if activity is None:
            return self.page(coalition.name, page)
        anchor = paths.activity_anchor(coalition.slug, activity.id)
        return self.page(self.t(activity.title), f"{page}#{anchor}")

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
        """An activity's HTML id (``paths.activity_anchor``)."""
        return Md(paths.activity_anchor(coalition.slug, activity.id))

    def facets(self, coalition: Coalition, activity: Activity) -> Md:
        """The activity card's attributes that the search index turns into filters and a
        sort key (``engine.activity_records``), so the data of the card is the data the
        filters use."""
        place = self.place(coalition, activity)
        theme = self.theme(coalition, activity)
        values = {
            "data-search-activity": activity.id,
            "data-search-title": activity.title.get(self.lang)[0],
            "data-search-start": activity.start.isoformat(),
            "data-search-coalition": coalition.name,
            "data-search-type": self.label.term("type", coalition.type),
            "data-search-theme": theme.get(self.lang)[0] if theme else "",
            "data-search-place": place.name if place else "",
            "data-search-newcomers": "yes" if activity.open_to_newcomers else "no",
            "data-search-free": {True: "yes", False: "no", None: ""}[activity.free],
        }
        return self.attributes(values)

    @staticmethod
    def attributes(values: dict[str, str]) -> Md:
        """HTML attributes, each value escaped for an attribute (not for Markdown: an
        attribute of raw HTML is not Markdown text)."""
        return Md(" ".join(f'{key}="{html.escape(value)}"' for key, value in values.items()))

    def finder(self) -> Md:
        """The finder form's settings for assets/javascripts/search.js: where the index
        is, the filters in order, the defaults (open to newcomers, upcoming) and its texts."""
        label = self.label
        values = {
            "data-pagefind": "../pagefind/pagefind.js",
            "data-lang": self.lang,
            "data-filters": "|".join(label(key) for key in SEARCH_FILTERS),
            "data-default-filters": f"{label('open_to_newcomers')}:{label('yes')}"
            f"|{label('when')}:{label('upcoming')}",
        }
        for key in ("all", "more", "none", "one", "many", "empty", "searching"):
            values[f"data-{key}"] = label(f"find_{key}")
        return self.attributes(values)

    def place(self, coalition: Coalition, activity: Activity) -> Place | None:
        return refs(coalition).places.get(activity.place or "")

    def theme(self, coalition: Coalition, activity: Activity) -> Text | None:
        return refs(coalition).themes.get(activity.theme or "")

    def organisers(self, coalition: Coalition, activity: Activity) -> Md:
        names = refs(coalition).partner_names(activity.organisers)
        return Md(", ".join(markdown.escape(name) for name in names))

    def sectors(self, org: Organisation) -> list[str]:
        return [self.label.term("sector", s) for s in org.sectors]

    def membership(self, coalition: Coalition, partner: Partner) -> Md:
        """'Samen doelen realiseren; lid van het verband; in de stuurgroep'."""
        facts = [self.label.term("type", coalition.type)]
        if partner.id in coalition.we.members:
            facts.append(self.label("member"))
        if partner.id in coalition.governance.steering_group.members:
            facts.append(self.label("steering"))
        return Md("; ".join(markdown.escape(f) for f in facts))

    def themes_of(self, coalition: Coalition) -> Md:
        return Md(", ".join(markdown.text(t.name, self.lang) for t in coalition.themes))

    def figure(self, file: str, alt: str, caption: str) -> Md:
        """A chart as a figure that opens its drawing full size, with a caption.

        `file` is the chart's path beside the page, without extension; the SVG
        is an image, so nothing in it can run, and the table after the figure
        holds the same data as its text alternative. The drawing is shown at its
        own size in a box that scrolls sideways, so a phone never shrinks its
        text; the Vega-Lite specs are listed on the open-data page.
        """
        if not _SAFE_FILE.match(file.replace(".", "-")):
            raise ValueError(f"unsafe chart file {file!r}")
        drawing = f"{file}.svg"
        return Md(
            '<figure class="chart" markdown="span">\n'
            f"  [![{markdown.escape(alt)}]({drawing})]({drawing})\n"
            f'  <figcaption markdown="span">{markdown.escape(caption)} '
            f"{markdown.escape(self.label('chart_scroll'))} "
            f"{markdown.page_link(self.label('chart_full'), drawing)}</figcaption>\n"
            "</figure>\n"
        )

    def feed(self, label: str, path: str, address: str) -> Md:
        """A calendar feed: a subscribe link (``webcal:``, absolute) beside the file itself."""
        return Md(
            f"{markdown.escape(label)}: {markdown.webcal(self.label('subscribe_link'), address)}"
            f" · {markdown.page_link(self.label('download_link'), path)} (iCalendar)"
        )

    def add_to_calendar(self, coalition: Coalition, activity: Activity, folder: str = "") -> Md:
        """A link to the activity's own calendar file, from a page in `folder` ('' beside it)."""
        name = paths.activity_feed(coalition.slug, activity.id, self.lang).split("/")[-1]
        return markdown.page_link(self.label("add_to_calendar"), folder + name)

    def badges(self, activity: Activity, newcomers: bool = True) -> Md:
        """Short marks for a scanning eye: open to newcomers (unless every one on the page
        is) and free of charge; the text says the same to a screen reader."""
        marks = []
        if newcomers and activity.open_to_newcomers:
            marks.append(("badge-open", self.label("badge_open")))
        if activity.free:
            marks.append(("badge-free", self.label("badge_free")))
        return Md(
            " ".join(
                f'<span class="badge {kind}">{html.escape(text)}</span>' for kind, text in marks
            )
        )

    def in_page(self, coalition: Coalition, activity: Activity) -> Md:
        """A link to the activity on its coalition's page, from a page one folder deep."""
        page = "../" + paths.coalition_page(coalition.slug, self.lang)
        return self.page(
            self.label("activity_page"),
            f"{page}#{paths.activity_anchor(coalition.slug, activity.id)}",
        )

    def revision_anchor(self, commit: str) -> Md:
        return Md(paths.revision_anchor(commit))

    def strong(self, value: Any) -> Md:
        return Md(f"**{markdown.escape(value)}**")

    def section(self, key: str) -> Md:
        """A section heading (h2) with its id fixed (``paths.section_anchor``), so the
        page's own contents list can link to it."""
        label = self.label(key)
        return Md(f'<h2 id="{paths.section_anchor(label)}" markdown>{markdown.escape(label)}</h2>')

    def contents(self, keys: Sequence[str]) -> Md:
        """Links to the page's own sections, in page order: a contents list in the
        Markdown, so it shows at every width and without JavaScript."""
        items = (
            f"- {markdown.page_link(self.label(k), '#' + paths.section_anchor(self.label(k)))}"
            for k in keys
        )
        return Md("\n".join(items))


class _CoalitionView:
    """Lookups a coalition page needs: partner names, links and translated terms."""

    def __init__(self, coalition: Coalition, lang: str) -> None:
        self.lang = lang
        self.label = Labels(lang)
        self.refs = refs(coalition)
        self.names = self.refs.names
        self.subjects = self.refs.subjects
        self.places = self.refs.places

    def who(self, ids: Any) -> Md:
        return Md(", ".join(markdown.escape(self.names[i]) for i in ids))

    def link(self, partner_id: str) -> Md:
        folder = self.label.section["organisations"]
        return markdown.page_link(
            self.names[partner_id], f"../{folder}/{self.refs.organisation(partner_id)}.md"
        )

    def links(self, ids: Any) -> Md:
        return Md(", ".join(self.link(i) for i in ids))

    def texts(self, values: Any) -> Md:
        return Md(", ".join(markdown.text(v, self.lang) for v in values))

    def terms(self, vocabulary: str, values: Any) -> Md:
        return Md(", ".join(markdown.escape(self.label.term(vocabulary, v)) for v in values))

    def objectives(self, ids: Any) -> Md:
        return self.texts(self.refs.objectives[i] for i in ids)

    def person(self, person: Contact) -> Md:
        """'**Name**, role (Partner). E-mail: link. Phone: link': the Contact section's line."""
        out = f"**{markdown.escape(person.name)}**"
        if person.role:
            out += f", {markdown.text(person.role, self.lang)}"
        if person.partner:
            out += f" ({markdown.escape(self.names[person.partner])})"
        if person.email:
            out += f". {markdown.escape(self.label('email'))}: {markdown.mailto(person.email)}"
        if person.phone:
            out += f". {markdown.escape(self.label('phone'))}: {markdown.tel(person.phone)}"
        return Md(out)


def _render(
    template: str,
    lang: str,
    title: str,
    hide: tuple[str, ...] = (),
    alternate: str | None = None,
    **context: Any,
) -> str:
    """A page from its template; `alternate` is an Atom feed the page's head links to
    (its path from the language's root, in the front matter as ``feed``)."""
    helpers = _Helpers(lang)
    body = _ENV.get_template(template).render(
        h=helpers, L=helpers.label, S=helpers.label.section, lang=lang, **context
    )
    return markdown.front_matter(title, hide, feed=alternate) + body


def _by_reach(orgs: tuple[Organisation, ...]) -> list[int]:
    """Positions of the organisations, those in the most coalitions first (as the network)."""
    return sorted(
        range(len(orgs)),
        key=lambda n: (-len(orgs[n].memberships), orgs[n].name.casefold(), orgs[n].id),
    )


FIND_WEEKS = timedelta(weeks=6)  # "the coming weeks" on the finder page
AGENDA_UPCOMING = 200  # activities on the agenda and take-part pages; all are in the feeds
AGENDA_PAST = 50
HOME_OPEN = 5  # activities open to newcomers on the home page
HOME_PER_THEME = 10  # coalitions per theme on the home page; all are on the coalitions index
SUMMARY_CHARS = 200  # the start of the societal question, where a coalition has no summary


def _start_of(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= SUMMARY_CHARS:
        return flat
    cut = flat[: SUMMARY_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def summary(coalition: Coalition) -> Text:
    """What the coalition is about in a line or two, for overviews: its summary, or
    else the start of its societal question."""
    if coalition.summary is not None:
        return coalition.summary
    question = coalition.societal_question
    return Text(nl=_start_of(question.nl), en=_start_of(question.en) if question.en else None)


def page_sections(coalition: Coalition) -> tuple[str, ...]:
    """The sections (h2) of a coalition's page, in page order: its contents list."""
    present = {
        "objectives": bool(coalition.objectives),
        "roles": bool(coalition.roles),
        "agreements": bool(coalition.agreements),
        "time": any(p.time for p in coalition.partners),
        "contact": bool(coalition.contacts),
    }
    order = (
        "societal_question",
        "ambition",
        "we",
        "objectives",
        "agenda",
        "roles",
        "agreements",
        "time",
        "analysis",
        "partners",
        "contact",
    )
    return tuple(key for key in order if present.get(key, True))


def coalition_page(
    coalition: Coalition,
    lang: str,
    base_url: str,
    build_date: date,
    history: tuple[Revision, ...] = (),
) -> str:
    """A coalition's page: depends on this coalition alone (and the build date).

    It opens with a card for a reader in a hurry (what the coalition does, its next
    activity open to newcomers, how to take part, whom to ask) and a contents list,
    so Agenda and Contact are one tap away on a phone, where Material shows no
    table of contents.
    """
    open_now = schedule(coalition, build_date).open
    return _render(
        "coalition.md.j2",
        lang,
        coalition.name,
        c=coalition,
        does=summary(coalition),
        next_open=coalition.agenda[open_now[0][1]] if open_now else None,
        sections=page_sections(coalition) + (("changes",) if history else ()),
        v=_CoalitionView(coalition, lang),
        history=history,
        trail=trails(coalition, history),
        objective_trail=objective_trails(coalition, history),
        history_feed=paths.coalition_history_feed(coalition.slug, lang).split("/")[-1],
        history_all=paths.history_feed(lang),
        upcoming=[a for a in coalition.agenda if (a.end or a.start).date() >= build_date],
        past=[a for a in coalition.agenda if (a.end or a.start).date() < build_date][::-1],
        build_date=build_date,
        events=jsonld.script(coalition, lang, base_url),
        feed_url=base_url + paths.coalition_feed(coalition.slug, lang),
        alternate=paths.coalition_history_feed(coalition.slug, lang) if history else None,
    )


def coalition_page_path(coalition: Coalition, lang: str) -> str:
    return paths.coalition_page(coalition.slug, lang)


class MemberSection(NamedTuple):
    """A partner's part of its organisation's page, below the heading and the name."""

    text: str  # its place in the coalition, its roles and its website
    leads: str  # what it leads there, with a link to the coalition ('' if nothing)


@dataclass(frozen=True)
class OverviewParts:
    """One coalition's share of the pages across coalitions, in one language.

    Made once per coalition (and cached with it), so the overview pages are put
    together from these without going through every coalition's data again.
    """

    index_row: str  # its row on the coalitions index
    themes: tuple[tuple[str, Md], ...]  # (sort key, theme name) for 'by theme'
    index_link: Md  # a link to its page from the coalitions index
    link: Md  # a link to its page from the organisation pages
    members: dict[str, MemberSection]  # its part of each partner's organisation page
    contacts: str  # its section on the take-part page
    schedule: Schedule
    home_entry: str  # its line on the home page: link and summary
    home_link: Md  # a link to its page from the home page, where its summary is shown already


def overview_parts(coalition: Coalition, lang: str, build_date: date) -> OverviewParts:
    helpers = _Helpers(lang)
    context = {"h": helpers, "L": helpers.label, "S": helpers.label.section, "c": coalition}
    link = markdown.page_link(
        coalition.name, f"../{helpers.label.section['coalitions']}/{coalition.slug}.md"
    )
    roles = _roles(coalition)
    members = {}
    for partner in coalition.partners:
        held = roles.get(partner.id, ())
        members[partner.id] = MemberSection(
            text=_ENV.get_template("organisation_membership.md.j2").render(
                **context, p=partner, roles=held
            ),
            leads=", ".join(
                f"{markdown.text(subject, lang)} ({link})"
                for kind, subject in held
                if kind == "lead"
            ),
        )
    short = markdown.text(summary(coalition), lang)
    return OverviewParts(
        index_row=_ENV.get_template("coalition_row.md.j2").render(**context, summary=short),
        themes=tuple(
            (t.name.get(lang)[0].casefold(), markdown.text(t.name, lang)) for t in coalition.themes
        ),
        index_link=markdown.page_link(coalition.name, f"{coalition.slug}.md"),
        link=link,
        members=members,
        contacts=_ENV.get_template("contacts.md.j2").render(**context),
        schedule=schedule(coalition, build_date),
        home_entry=f"- **{helpers.from_home(coalition)}**: {short}\n",
        home_link=helpers.from_home(coalition),
    )


def organisation_page(org: Organisation, lang: str, parts: Sequence[OverviewParts]) -> str:
    """An organisation's page, from the parts of its coalitions (in membership order)."""
    sections: list[str] = []
    leads: list[str] = []
    for m, part in zip(org.memberships, parts, strict=True):
        section = part.members[m.partner.id]
        sections.append(f"### {part.link}\n\n")
        if m.partner.name != org.name:
            sections.append(f"({markdown.escape(m.partner.name)})\n\n")
        sections.append(section.text)
        if section.leads:
            leads.append(section.leads)
    return _render(
        "organisation.md.j2",
        lang,
        org.name,
        org=org,
        led=Md(", ".join(leads)),
        sections=Md("".join(sections)),
    )


def organisation_row(org: Organisation, lang: str, parts: Sequence[OverviewParts]) -> str:
    """The organisation's row in the table of all organisations (same dependencies)."""
    helpers = _Helpers(lang)
    return _ENV.get_template("organisation_row.md.j2").render(
        h=helpers,
        L=helpers.label,
        S=helpers.label.section,
        o=org,
        links=Md(", ".join(part.link for part in parts)),
    )


def organisation_parts(
    org: Organisation, lang: str, parts: Sequence[OverviewParts]
) -> tuple[str, str]:
    """The organisation's page and its row on the overview: cached as one."""
    return organisation_page(org, lang, parts), organisation_row(org, lang, parts)


def organisation_page_path(org: Organisation, lang: str) -> str:
    return paths.organisation_page(org.id, lang)


def _home_themes(
    grouped: list[tuple[Md, list[OverviewParts]]],
) -> list[tuple[Md, Md, int]]:
    """(theme, its lines, how many more) for the home page: the first HOME_PER_THEME
    coalitions of each theme, each with its summary the first time it is shown."""
    shown: set[str] = set()  # by link, which names the coalition's page
    found = []
    for name, members in grouped:
        lines = []
        for part in members[:HOME_PER_THEME]:
            if part.home_link in shown:
                lines.append(f"- {part.home_link}\n")
            else:
                shown.add(part.home_link)
                lines.append(part.home_entry)
        found.append((name, Md("".join(lines)), len(members) - HOME_PER_THEME))
    return found


def overview_pages(
    site: PublicSite,
    lang: str,
    orgs: tuple[Organisation, ...],
    parts: Sequence[OverviewParts],
    rows: list[str],
    base_url: str,
    settings: Settings = DEFAULTS,
) -> dict[str, str]:
    """The pages across all coalitions: the home page, the indexes, agenda, take part
    and open data (`settings`: the publisher named in the open data's metadata).

    `parts` holds each coalition's ``overview_parts``, in the order of
    ``site.coalitions``; `rows` each organisation's row (``organisation_row``),
    in the order of `orgs`; `base_url` is the language's address, for the
    feeds' subscribe links.
    """
    feeds = paths.overview_feeds(lang)
    feed_urls = {kind: base_url + path for kind, path in feeds.items()}
    labels = Labels(lang)
    section = labels.section
    coalitions = site.coalitions
    schedules = [part.schedule for part in parts]
    pages: dict[str, str] = {}
    by_type: dict[str, list[str]] = {}
    themes: dict[str, tuple[Md, list[str]]] = {}
    home_themes: dict[str, list[OverviewParts]] = {}
    no_theme: list[OverviewParts] = []
    for coalition, part in zip(coalitions, parts, strict=True):
        by_type.setdefault(coalition.type.value, []).append(part.index_row)
        for sort_key, name in part.themes:
            themes.setdefault(sort_key, (name, []))[1].append(part.index_link)
            home_themes.setdefault(sort_key, []).append(part)
        if not part.themes:
            no_theme.append(part)
    grouped = [(themes[k][0], home_themes[k]) for k in sorted(themes)]
    if no_theme:
        grouped.append((markdown.escape(labels("home_no_theme")), no_theme))
    pages[paths.home()] = _render(
        "home.md.j2",
        lang,
        labels("home"),
        open_items=merged(coalitions, schedules, "open", HOME_OPEN),
        by_theme=_home_themes(grouped),
    )
    pages[f"{section['coalitions']}/index.md"] = _render(
        "coalitions.md.j2",
        lang,
        labels("coalitions"),
        by_type=[
            (kind.value, Md("".join(by_type[kind.value])))
            for kind in CooperationType
            if kind.value in by_type
        ],
        by_theme=[(themes[k][0], Md(", ".join(themes[k][1]))) for k in sorted(themes)],
    )
    pages[f"{section['organisations']}/index.md"] = _render(
        "organisations.md.j2",
        lang,
        labels("organisations"),
        orgs=orgs,
        rows=Md("".join(rows[n] for n in _by_reach(orgs))),
        limited=(charts.NETWORK_ORGANISATIONS, charts.NETWORK_COALITIONS)
        if charts.network_limited(site, orgs)
        else None,
    )
    pages[f"{section['agenda']}/index.md"] = _render(
        "agenda.md.j2",
        lang,
        labels("agenda"),
        feeds=feeds,
        feed_urls=feed_urls,
        upcoming=merged(coalitions, schedules, "upcoming", AGENDA_UPCOMING),
        more=sum(len(s.upcoming) for s in schedules) - AGENDA_UPCOMING,
        past=merged(coalitions, schedules, "past", AGENDA_PAST),
        build_date=site.build_date,
    )
    pages[f"{section['take_part']}/index.md"] = _render(
        "take_part.md.j2",
        lang,
        labels("take_part"),
        feeds=feeds,
        feed_urls=feed_urls,
        open_items=merged(coalitions, schedules, "open", AGENDA_UPCOMING),
        more=sum(len(s.open) for s in schedules) - AGENDA_UPCOMING,
        contacts=Md("".join(part.contacts for part in parts)),
    )
    soon = site.build_date + FIND_WEEKS
    pages[f"{section['find']}/index.md"] = _render(
        "find.md.j2",
        lang,
        labels("find"),
        hide=("toc",),  # its contents are those of the plain list, which the finder replaces
        open_items=[
            item
            for item in merged(coalitions, schedules, "open", AGENDA_UPCOMING)
            if item.activity.start.date() <= soon
        ],
    )
    pages[f"{section['open_data']}/index.md"] = _render(
        "open_data.md.j2",
        lang,
        labels("open_data"),
        tables=list(exports.TABLES.items()),
        specs=_chart_specs(site, lang),
        licence_url=exports.LICENCE_URL,
        build_date=site.build_date,
        dataset=jsonld.dataset_script(
            settings, lang, base_url, site.build_date, len(site.coalitions)
        ),
    )
    return pages


def _chart_specs(site: PublicSite, lang: str) -> list[tuple[str, str]]:
    """Every chart's Vega-Lite spec, as (title, path from the open-data page)."""
    label = Labels(lang)
    found = [(label("network_title"), paths.network_chart(lang))] if site.coalitions else []
    for c in site.coalitions:
        found.append(
            (f"{label('analysis')}: {c.name}", paths.coalition_chart(c.slug, "partners", lang))
        )
        if c.roles:
            found.append(
                (f"{label('roles')}: {c.name}", paths.coalition_chart(c.slug, "roles", lang))
            )
    return [(title, f"../{path}.vl.json") for title, path in found]


def member_parts(org: Organisation, by_slug: Mapping[str, OverviewParts]) -> list[OverviewParts]:
    """The parts of an organisation's coalitions, in the order of its memberships."""
    return [by_slug[m.coalition.slug] for m in org.memberships]
