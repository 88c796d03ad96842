"""The dossier schema: one coalition (samenwerkingsverband) per YAML file.

Every concept of the domain has a home here. The models are frozen and reject
unknown fields. What may be published is explicit (a required ``public`` flag
on activities, agreements, contacts and places; ``notes`` never; drafts never);
``publish.py`` is the one place that applies it, and
``content/nl/dossier-schrijven.md`` explains it to authors.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from .i18n import _
from .types import (
    Amount,
    Bool,
    DaysPerWeek,
    Email,
    Frozen,
    Handle,
    Id,
    IdList,
    IsoDate,
    Kvk,
    LocalDateTime,
    Name,
    Oin,
    Phone,
    Score,
    Text,
    Tooi,
    Url,
    slugify,
)
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

SCHEMA_VERSION = 1


# ---------------------------------------------------------------- parts


Notes = Annotated[
    str | None,
    Field(
        default=None,
        description="Internal notes for the partners. Never published.",
    ),
]


# Fields of the dossier that are never published, and why: the privacy gate
# (publish.py) copies every other field by name, and a test fails for a field
# that is in neither the public model nor this list.
NEVER_PUBLISHED: dict[str, str] = {
    "notes": "internal notes of the coalition",
    "public": "the switch itself; only items set to public are copied",
    "email_public": "the switch itself; the address is copied only when it is true",
    "phone_public": "the switch itself; the number is copied only when it is true",
    "reviewers": "git hosting handles, for CODEOWNERS in the repository, not for the site",
}


class Endorsement(Frozen):
    """A partner endorses the ambition, since a date: demonstrable ownership (seed 000)."""

    partner: Id
    since: IsoDate


class Ambition(Frozen):
    statement: Text = Field(description="A short, clear statement of the shared ambition.")
    endorsed_by: list[Endorsement] = Field(min_length=1)
    explanation: Text | None = None


class Value(Frozen):
    """A shared value the "we" rests on (seed 004, lesson 3)."""

    name: Text
    meaning: Text | None = None


class Objective(Frozen):
    """A result-oriented objective, traceable to the ambition (seed 000)."""

    id: Id
    title: Text
    contribution: Text | None = Field(
        default=None, description="How this objective serves the ambition."
    )
    indicator: Text | None = None
    baseline: Text | None = None
    target: Text | None = None
    deadline: IsoDate | None = None
    status: ObjectiveStatus = ObjectiveStatus.NOT_STARTED


class Result(Frozen):
    """Something achieved, linked to the objectives it advances."""

    id: Id
    title: Text
    date: IsoDate
    objectives: IdList = Field(min_length=1)
    description: Text | None = None
    evidence: Url | None = Field(default=None, description="Link to a report or source.")


class Target(Frozen):
    """The intended position of a partner in the partner matrix."""

    influence: Score
    dependency: Score


class TimeInvestment(Frozen):
    """What a partner puts in, and whether it is paid for (seed 002)."""

    days_per_week: DaysPerWeek
    compensated: Bool
    note: Text | None = None


class Partner(Frozen):
    """An organisation taking part, with the partner analysis of seed 001."""

    id: Id = Field(description="Short id used in this dossier, e.g. 'gemeente'.")
    name: Name
    organisation: Id | None = Field(
        default=None,
        description=(
            "Id of the organisation across all coalitions (for the network and the "
            "organisation pages). Defaults to the partner's name as an id, "
            "e.g. 'Bibliotheek Oost' becomes 'bibliotheek-oost'."
        ),
    )
    sector: Sector
    website: Url | None = None
    kvk: Kvk | None = Field(default=None, description="Chamber of Commerce (KvK) number, 8 digits.")
    oin: Oin | None = Field(
        default=None, description="Organisation Identification Number (OIN), 20 digits."
    )
    tooi: Tooi | None = Field(
        default=None,
        description="A government body's TOOI URI, https://identifier.overheid.nl/tooi/id/...",
    )
    since: IsoDate | None = Field(default=None, description="Partner since (YYYY-MM-DD).")
    until: IsoDate | None = Field(default=None, description="Partner until (YYYY-MM-DD).")
    description: Text | None = None
    influence: Score = Field(description="Influence on the societal goal, 1 (little) to 5.")
    dependency: Score = Field(
        description="Our dependency on this partner, 1 (many alternatives) to 5 (none)."
    )
    target: Target | None = None
    strategy: Text | None = Field(default=None, description="The development strategy.")
    relationship: Relationship | None = None
    funding: Funding | None = None
    time: TimeInvestment | None = None
    reviewers: list[Handle] = Field(
        default_factory=list,
        description="Git hosting handles who review changes to this dossier for this partner.",
    )
    notes: Notes = None

    @model_validator(mode="after")
    def _until_after_since(self) -> Partner:
        if self.since is not None and self.until is not None and self.until < self.since:
            raise ValueError(_("'until' must not be before 'since'"))
        return self

    @property
    def organisation_id(self) -> str:
        return self.organisation or slugify(self.name) or self.id


class MandateGrant(Frozen):
    """A member's mandate to act for the group, and its scope."""

    partner: Id
    may: list[Mandate] = Field(min_length=1)
    scope: Text | None = None


class We(Frozen):
    """Who belongs to the "we", and who may speak or act for it (seed 004, lesson 2)."""

    description: Text | None = None
    members: IdList = Field(min_length=1)
    mandates: list[MandateGrant] = Field(default_factory=list)


class Commissioning(Frozen):
    """Shared commissioning: who commissions, who represents them (seed 004, lesson 4)."""

    commissioners: IdList = Field(min_length=1)
    represented_by: Id
    description: Text | None = None


class GovernmentInvolvement(Frozen):
    """A government partner's role(s), and how it stays involved (seed 002)."""

    partner: Id
    roles: list[GovernmentRole] = Field(min_length=1)
    involvement: Text | None = None


class SteeringGroup(Frozen):
    members: IdList = Field(min_length=1)
    chair: Id | None = None
    meets: Text | None = None


class Referee(Frozen):
    """An independent referee for conflicts; not one of the partners."""

    name: Name
    organisation: Name | None = None
    role: Text | None = None


class Governance(Frozen):
    steering_group: SteeringGroup
    referee: Referee | None = None
    escalation: list[Text] = Field(default_factory=list, description="Steps, in order.")
    description: Text | None = None


class Theme(Frozen):
    id: Id
    name: Text
    description: Text | None = None


class Deliverable(Frozen):
    """A piece of the puzzle a coalition delivers (products type especially)."""

    id: Id
    name: Text
    theme: Id | None = None
    description: Text | None = None


class RoleAssignment(Frozen):
    """Who leads, contributes to, is consulted on or informed about a theme or deliverable."""

    theme: Id | None = None
    deliverable: Id | None = None
    lead: Id
    contributes: IdList = Field(default_factory=list)
    consulted: IdList = Field(default_factory=list)
    informed: IdList = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_subject(self) -> RoleAssignment:
        if (self.theme is None) == (self.deliverable is None):
            raise ValueError(_("give either 'theme' or 'deliverable' (exactly one)"))
        return self

    @property
    def subject(self) -> str:
        return self.theme or self.deliverable or ""


class Place(Frozen):
    """A place where people meet."""

    id: Id
    name: Name
    address: Text | None = None
    url: Url | None = None
    accessibility: Text | None = Field(
        default=None, description="Step-free access, hearing loop, public transport."
    )
    public: Bool = Field(description="Required: may this place be shown on the site?")


class MeetingPlace(Frozen):
    """The coalition's meeting place (ontmoetingsplek, seed 000)."""

    place: Id
    description: Text | None = None


class Activity(Frozen):
    """An item on the common agenda."""

    id: Id
    title: Text
    start: LocalDateTime
    end: LocalDateTime | None = None
    description: Text | None = None
    theme: Id | None = None
    place: Id | None = None
    online: Url | None = None
    organisers: IdList = Field(min_length=1)
    public: Bool = Field(description="Required: is this activity published?")
    open_to_newcomers: Bool = False
    free: Bool | None = Field(default=None, description="Is taking part free of charge?")
    how_to_join: Text | None = None
    registration: Url | None = None
    notes: Notes = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Activity:
        if self.end is not None and self.end <= self.start:
            raise ValueError(_("'end' must be after 'start'"))
        return self


class Investment(Frozen):
    partner: Id
    amount: Amount
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    per: Period = Period.ONCE
    description: Text | None = None


class Risk(Frozen):
    what: Text
    borne_by: IdList = Field(min_length=1)
    mitigation: Text | None = None


class Agreement(Frozen):
    """An agreement between partners; covenants fall under active disclosure (Woo)."""

    id: Id
    title: Text
    kind: AgreementKind
    parties: IdList = Field(min_length=2)
    status: AgreementStatus
    public: Bool = Field(description="Required: is this agreement published? Drafts never are.")
    signed: IsoDate | None = None
    valid_from: IsoDate | None = None
    valid_until: IsoDate | None = None
    summary: Text | None = None
    document: Url | None = None
    investments: list[Investment] = Field(default_factory=list)
    ownership: Text | None = None
    exploitation: Text | None = None
    risks: list[Risk] = Field(default_factory=list)
    notes: Notes = None

    @model_validator(mode="after")
    def _consistent(self) -> Agreement:
        if self.status is AgreementStatus.DRAFT and self.public:
            raise ValueError(
                _(
                    "a draft agreement is never published: set 'public: false', "
                    "or give the status it has once signed"
                )
            )
        if self.status is not AgreementStatus.DRAFT and self.signed is None:
            raise ValueError(
                _("an agreement with status '{status}' needs a 'signed' date").format(
                    status=self.status
                )
            )
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError(_("'valid_until' must not be before 'valid_from'"))
        return self


class Contact(Frozen):
    """A contact person. Their e-mail and phone are private unless marked public."""

    name: Name
    role: Text | None = None
    partner: Id | None = None
    email: Email | None = None
    phone: Phone | None = None
    public: Bool = Field(description="Required: may this contact's name and role be shown?")
    email_public: Bool = False
    phone_public: Bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Contact:
        for field in ("email", "phone"):
            if getattr(self, f"{field}_public") and not self.public:
                raise ValueError(
                    _("'{field}_public: true' needs 'public: true' on the contact too").format(
                        field=field
                    )
                )
            if getattr(self, f"{field}_public") and getattr(self, field) is None:
                raise ValueError(
                    _("'{field}_public: true' but there is no {field}").format(field=field)
                )
        return self


# ---------------------------------------------------------------- the dossier


class Dossier(Frozen):
    """One coalition's dossier. The slug comes from the file name."""

    name: Name
    status: DossierStatus
    type: CooperationType
    summary: Text | None = Field(default=None, description="One or two sentences for overviews.")
    started: IsoDate | None = None
    website: Url | None = None
    societal_question: Text = Field(
        description="The interest of residents or clients that the coalition serves."
    )
    ambition: Ambition
    values: list[Value] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    partners: list[Partner] = Field(min_length=1)
    we: We
    commissioning: Commissioning | None = None
    government: list[GovernmentInvolvement] = Field(default_factory=list)
    governance: Governance
    themes: list[Theme] = Field(default_factory=list)
    deliverables: list[Deliverable] = Field(default_factory=list)
    roles: list[RoleAssignment] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    meeting_place: MeetingPlace | None = None
    agenda: list[Activity] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    notes: Notes = None

    model_config = Frozen.model_config | {"title": "Dossier of a coalition"}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a dossier, for editors (yaml-language-server)."""
    schema = Dossier.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "dossier.schema.json",
        **schema,
    }
