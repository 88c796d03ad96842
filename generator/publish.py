"""The privacy gate: validated dossiers in, the public model out.

This is the one place where "public or not" is decided; no renderer ever sees
a ``Dossier``. The rules (also in README.md and content/dossier-schrijven.md):

- a dossier with ``status: draft`` is left out entirely;
- ``notes`` are never copied;
- activities, agreements, contacts and places are copied only with
  ``public: true``; agreements with ``status: draft`` never are;
- a contact's e-mail and phone only with ``email_public`` / ``phone_public``.

Each public object is built field by field, so a new dossier field is private
until it is added here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from . import model, public
from .types import LocalizedText
from .validate import ValidDossier
from .vocabulary import AgreementStatus, DossierStatus


def publish_one(valid: ValidDossier) -> public.Coalition | None:
    """One dossier's public part; None for a draft, which is not published at all."""
    if valid.dossier.status is DossierStatus.DRAFT:
        return None
    return _coalition(valid.slug, valid.dossier)


def publish_site(coalitions: Iterable[public.Coalition], build_date: date) -> public.PublicSite:
    """The public site of published coalitions, sorted by slug."""
    return public.PublicSite(
        coalitions=tuple(sorted(coalitions, key=lambda c: c.slug)), build_date=build_date
    )


def _text(text: LocalizedText) -> public.Text:
    return public.Text(nl=text.nl, en=text.en)


def _opt(text: LocalizedText | None) -> public.Text | None:
    return None if text is None else _text(text)


def _coalition(slug: str, d: model.Dossier) -> public.Coalition:
    places = tuple(_place(p) for p in d.places if p.public)
    public_places = {p.id for p in places}
    return public.Coalition(
        slug=slug,
        name=d.name,
        status=d.status,
        type=d.type,
        summary=_opt(d.summary),
        started=d.started,
        website=d.website,
        societal_question=_text(d.societal_question),
        ambition=public.Ambition(
            statement=_text(d.ambition.statement),
            endorsed_by=tuple(
                public.Endorsement(partner=e.partner, since=e.since) for e in d.ambition.endorsed_by
            ),
            explanation=_opt(d.ambition.explanation),
        ),
        values=tuple(public.Value(name=_text(v.name), meaning=_opt(v.meaning)) for v in d.values),
        objectives=tuple(_objective(o) for o in d.objectives),
        results=tuple(sorted((_result(r) for r in d.results), key=lambda r: (r.date, r.id))),
        partners=tuple(_partner(p) for p in d.partners),
        we=public.We(
            description=_opt(d.we.description),
            members=tuple(d.we.members),
            mandates=tuple(
                public.MandateGrant(partner=m.partner, may=tuple(m.may), scope=_opt(m.scope))
                for m in d.we.mandates
            ),
        ),
        commissioning=None
        if d.commissioning is None
        else public.Commissioning(
            commissioners=tuple(d.commissioning.commissioners),
            represented_by=d.commissioning.represented_by,
            description=_opt(d.commissioning.description),
        ),
        government=tuple(
            public.GovernmentInvolvement(
                partner=g.partner, roles=tuple(g.roles), involvement=_opt(g.involvement)
            )
            for g in d.government
        ),
        governance=_governance(d.governance),
        themes=tuple(
            public.Theme(id=t.id, name=_text(t.name), description=_opt(t.description))
            for t in d.themes
        ),
        deliverables=tuple(
            public.Deliverable(
                id=x.id, name=_text(x.name), theme=x.theme, description=_opt(x.description)
            )
            for x in d.deliverables
        ),
        roles=tuple(
            public.RoleAssignment(
                subject=r.subject,
                is_theme=r.theme is not None,
                lead=r.lead,
                contributes=tuple(r.contributes),
                consulted=tuple(r.consulted),
                informed=tuple(r.informed),
            )
            for r in d.roles
        ),
        places=places,
        meeting_place=None
        if d.meeting_place is None or d.meeting_place.place not in public_places
        else public.MeetingPlace(
            place=d.meeting_place.place, description=_opt(d.meeting_place.description)
        ),
        agenda=tuple(
            sorted(
                (_activity(a, public_places) for a in d.agenda if a.public),
                key=lambda a: (a.start, a.id),
            )
        ),
        agreements=tuple(
            _agreement(a)
            for a in d.agreements
            if a.public and a.status is not AgreementStatus.DRAFT
        ),
        contacts=tuple(_contact(c) for c in d.contacts if c.public),
    )


def _objective(o: model.Objective) -> public.Objective:
    return public.Objective(
        id=o.id,
        title=_text(o.title),
        contribution=_opt(o.contribution),
        indicator=_opt(o.indicator),
        baseline=_opt(o.baseline),
        target=_opt(o.target),
        deadline=o.deadline,
        status=o.status,
    )


def _result(r: model.Result) -> public.Result:
    return public.Result(
        id=r.id,
        title=_text(r.title),
        date=r.date,
        objectives=tuple(r.objectives),
        description=_opt(r.description),
        evidence=r.evidence,
    )


def _partner(p: model.Partner) -> public.Partner:
    return public.Partner(
        id=p.id,
        name=p.name,
        organisation=p.organisation_id,
        sector=p.sector,
        website=p.website,
        kvk=p.kvk,
        oin=p.oin,
        tooi=p.tooi,
        since=p.since,
        until=p.until,
        description=_opt(p.description),
        now=public.Position(influence=p.influence, dependency=p.dependency),
        target=None
        if p.target is None
        else public.Position(influence=p.target.influence, dependency=p.target.dependency),
        strategy=_opt(p.strategy),
        relationship=p.relationship,
        funding=p.funding,
        time=None
        if p.time is None
        else public.TimeInvestment(
            days_per_week=p.time.days_per_week,
            compensated=p.time.compensated,
            note=_opt(p.time.note),
        ),
    )


def _governance(g: model.Governance) -> public.Governance:
    return public.Governance(
        steering_group=public.SteeringGroup(
            members=tuple(g.steering_group.members),
            chair=g.steering_group.chair,
            meets=_opt(g.steering_group.meets),
        ),
        referee=None
        if g.referee is None
        else public.Referee(
            name=g.referee.name, organisation=g.referee.organisation, role=_opt(g.referee.role)
        ),
        escalation=tuple(_text(step) for step in g.escalation),
        description=_opt(g.description),
    )


def _place(p: model.Place) -> public.Place:
    return public.Place(
        id=p.id,
        name=p.name,
        address=_opt(p.address),
        url=p.url,
        accessibility=_opt(p.accessibility),
    )


def _activity(a: model.Activity, public_places: set[str]) -> public.Activity:
    return public.Activity(
        id=a.id,
        title=_text(a.title),
        start=a.start,
        end=a.end,
        description=_opt(a.description),
        theme=a.theme,
        # Validation already refuses a public activity at a private place; this
        # keeps the gate safe on its own.
        place=a.place if a.place in public_places else None,
        online=a.online,
        organisers=tuple(a.organisers),
        open_to_newcomers=a.open_to_newcomers,
        free=a.free,
        how_to_join=_opt(a.how_to_join),
        registration=a.registration,
    )


def _agreement(a: model.Agreement) -> public.Agreement:
    return public.Agreement(
        id=a.id,
        title=_text(a.title),
        kind=a.kind,
        parties=tuple(a.parties),
        status=a.status,
        signed=a.signed,
        valid_from=a.valid_from,
        valid_until=a.valid_until,
        summary=_opt(a.summary),
        document=a.document,
        investments=tuple(
            public.Investment(
                partner=i.partner,
                amount=i.amount,
                currency=i.currency,
                per=i.per,
                description=_opt(i.description),
            )
            for i in a.investments
        ),
        ownership=_opt(a.ownership),
        exploitation=_opt(a.exploitation),
        risks=tuple(
            public.Risk(
                what=_text(r.what), borne_by=tuple(r.borne_by), mitigation=_opt(r.mitigation)
            )
            for r in a.risks
        ),
    )


def _contact(c: model.Contact) -> public.Contact:
    return public.Contact(
        name=c.name,
        role=_opt(c.role),
        partner=c.partner,
        email=c.email if c.email_public else None,
        phone=c.phone if c.phone_public else None,
    )
