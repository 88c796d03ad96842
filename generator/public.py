"""The public model: only what may be shown on the site, in feeds and exports.

Built by ``publish.py`` and nothing else. Every class here names its fields
one by one; there is no way to copy a dossier object wholesale, so a field
added to the dossier schema stays private until someone adds it here on
purpose. Renderers import this module and ``vocabulary.py`` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from pydantic import PlainSerializer, WithJsonSchema

from .amsterdam import rfc3339
from .vocabulary import (
    AgreementKind,
    AgreementStatus,
    CooperationType,
    DossierStatus,
    Funding,
    GovernmentRole,
    Mandate,
    ObjectiveStatus,
    Period,
    Relationship,
    Sector,
)

# A time in a dossier is Dutch wall-clock time; its JSON form (the open data)
# carries the offset, so it is an RFC 3339 date-time as the export schema says.
LocalTime = Annotated[
    datetime,
    PlainSerializer(rfc3339, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization"),
]


@dataclass(frozen=True)
class Text:
    """Free text in Dutch, with an English translation where the dossier gives one."""

    nl: str
    en: str | None = None

    def get(self, lang: str) -> tuple[str, str]:
        """(text, its language) for the wanted language; Dutch when there is no English."""
        if lang == "en" and self.en:
            return self.en, "en"
        return self.nl, "nl"


@dataclass(frozen=True)
class Endorsement:
    partner: str
    since: date


@dataclass(frozen=True)
class Ambition:
    statement: Text
    endorsed_by: tuple[Endorsement, ...]
    explanation: Text | None


@dataclass(frozen=True)
class Value:
    name: Text
    meaning: Text | None


@dataclass(frozen=True)
class Objective:
    id: str
    title: Text
    contribution: Text | None
    indicator: Text | None
    baseline: Text | None
    target: Text | None
    deadline: date | None
    status: ObjectiveStatus


@dataclass(frozen=True)
class Result:
    id: str
    title: Text
    date: date
    objectives: tuple[str, ...]
    description: Text | None
    evidence: str | None


@dataclass(frozen=True)
class Position:
    influence: int
    dependency: int


@dataclass(frozen=True)
class TimeInvestment:
    days_per_week: float
    compensated: bool
    note: Text | None


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    organisation: str
    sector: Sector
    website: str | None
    kvk: str | None
    oin: str | None
    tooi: str | None
    since: date | None
    until: date | None
    description: Text | None
    now: Position
    target: Position | None
    strategy: Text | None
    relationship: Relationship | None
    funding: Funding | None
    time: TimeInvestment | None

    @property
    def below_ambition_line(self) -> bool:
        """Seed 001: the influence needed rises with our dependency on a partner."""
        return self.now.influence < self.now.dependency


@dataclass(frozen=True)
class MandateGrant:
    partner: str
    may: tuple[Mandate, ...]
    scope: Text | None


@dataclass(frozen=True)
class We:
    description: Text | None
    members: tuple[str, ...]
    mandates: tuple[MandateGrant, ...]


@dataclass(frozen=True)
class Commissioning:
    commissioners: tuple[str, ...]
    represented_by: str
    description: Text | None


@dataclass(frozen=True)
class GovernmentInvolvement:
    partner: str
    roles: tuple[GovernmentRole, ...]
    involvement: Text | None


@dataclass(frozen=True)
class SteeringGroup:
    members: tuple[str, ...]
    chair: str | None
    meets: Text | None


@dataclass(frozen=True)
class Referee:
    name: str
    organisation: str | None
    role: Text | None


@dataclass(frozen=True)
class Governance:
    steering_group: SteeringGroup
    referee: Referee | None
    escalation: tuple[Text, ...]
    description: Text | None


@dataclass(frozen=True)
class Theme:
    id: str
    name: Text
    description: Text | None


@dataclass(frozen=True)
class Deliverable:
    id: str
    name: Text
    theme: str | None
    description: Text | None


@dataclass(frozen=True)
class RoleAssignment:
    subject: str
    is_theme: bool
    lead: str
    contributes: tuple[str, ...]
    consulted: tuple[str, ...]
    informed: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    address: Text | None
    url: str | None
    accessibility: Text | None


@dataclass(frozen=True)
class MeetingPlace:
    place: str
    description: Text | None


@dataclass(frozen=True)
class Activity:
    id: str
    title: Text
    start: LocalTime
    end: LocalTime | None
    description: Text | None
    theme: str | None
    place: str | None
    online: str | None
    organisers: tuple[str, ...]
    open_to_newcomers: bool
    free: bool | None
    how_to_join: Text | None
    registration: str | None


@dataclass(frozen=True)
class Investment:
    partner: str
    amount: float
    currency: str
    per: Period
    description: Text | None


@dataclass(frozen=True)
class Risk:
    what: Text
    borne_by: tuple[str, ...]
    mitigation: Text | None


@dataclass(frozen=True)
class Agreement:
    id: str
    title: Text
    kind: AgreementKind
    parties: tuple[str, ...]
    status: AgreementStatus
    signed: date | None
    valid_from: date | None
    valid_until: date | None
    summary: Text | None
    document: str | None
    investments: tuple[Investment, ...]
    ownership: Text | None
    exploitation: Text | None
    risks: tuple[Risk, ...]


@dataclass(frozen=True)
class Contact:
    name: str
    role: Text | None
    partner: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class Coalition:
    slug: str
    name: str
    status: DossierStatus
    type: CooperationType
    summary: Text | None
    started: date | None
    website: str | None
    societal_question: Text
    ambition: Ambition
    values: tuple[Value, ...]
    objectives: tuple[Objective, ...]
    results: tuple[Result, ...]
    partners: tuple[Partner, ...]
    we: We
    commissioning: Commissioning | None
    government: tuple[GovernmentInvolvement, ...]
    governance: Governance
    themes: tuple[Theme, ...]
    deliverables: tuple[Deliverable, ...]
    roles: tuple[RoleAssignment, ...]
    places: tuple[Place, ...]
    meeting_place: MeetingPlace | None
    agenda: tuple[Activity, ...]
    agreements: tuple[Agreement, ...]
    contacts: tuple[Contact, ...]

    def partner(self, partner_id: str) -> Partner:
        return next(p for p in self.partners if p.id == partner_id)


@dataclass(frozen=True)
class PublicSite:
    """Everything the renderers may use: published coalitions and the build date."""

    coalitions: tuple[Coalition, ...]
    build_date: date
    # Each coalition's published history from git (history.py), newest first; empty
    # when the site is built without it.
    histories: tuple[CoalitionHistory, ...] = ()

    def history_of(self, slug: str) -> tuple[Revision, ...]:
        """The coalition's published revisions, newest first (none without history)."""
        for found in self.histories:
            if found.slug == slug:
                return found.revisions
        return ()


@dataclass(frozen=True)
class PartnerPosition:
    """Where a partner stood on the matrix at a revision."""

    partner: str
    influence: int
    dependency: int


@dataclass(frozen=True)
class ObjectiveState:
    """Where an objective stood at a revision: its status and the values it records."""

    objective: str
    status: ObjectiveStatus
    baseline: Text | None
    target: Text | None


@dataclass(frozen=True)
class Revision:
    """One published revision of a coalition's dossier, as git recorded it.

    The sentences compare published projections only, each filtered by today's
    privacy gate as well (history.py), so they speak of nothing private now.
    """

    commit: str
    committed: datetime  # with its offset, as git recorded it
    nl: tuple[str, ...]  # plain text, one sentence each
    en: tuple[str, ...]
    positions: tuple[PartnerPosition, ...]
    objectives: tuple[ObjectiveState, ...] = ()

    def sentences(self, lang: str) -> tuple[str, ...]:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class CoalitionHistory:
    slug: str
    revisions: tuple[Revision, ...]  # newest first

    @property
    def times(self) -> tuple[tuple[datetime, str], ...]:
        """(commit time, commit) of each revision, newest first: what a list across
        coalitions sorts by, without the revisions' contents."""
        return tuple((r.committed, r.commit) for r in self.revisions)
