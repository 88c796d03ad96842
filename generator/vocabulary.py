"""The fixed vocabularies of the domain, shared by the dossier and the public model.

Renderers import this module and ``public.py``, never ``model.py``.
"""

from __future__ import annotations

from enum import StrEnum


class CooperationType(StrEnum):
    """The four types of cooperation; each implies an approach (seed 003)."""

    PRODUCTS = "products"  # deliver products or services together
    GOALS = "goals"  # realise a set of goals
    MOVEMENT = "movement"  # start a movement
    PLATFORM = "platform"  # a platform for meeting and learning

    @property
    def approach(self) -> Approach:
        return _APPROACH[self]


class Approach(StrEnum):
    PROJECT_MANAGEMENT = "project-management"
    PROGRAMME_MANAGEMENT = "programme-management"
    NETWORK_GOVERNANCE = "network-governance"
    COMMUNITY_BUILDING = "community-building"


_APPROACH = {
    CooperationType.PRODUCTS: Approach.PROJECT_MANAGEMENT,
    CooperationType.GOALS: Approach.PROGRAMME_MANAGEMENT,
    CooperationType.MOVEMENT: Approach.NETWORK_GOVERNANCE,
    CooperationType.PLATFORM: Approach.COMMUNITY_BUILDING,
}


class DossierStatus(StrEnum):
    DRAFT = "draft"  # never published
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class Sector(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"
    CIVIL_SOCIETY = "civil-society"
    EDUCATION = "education"
    KNOWLEDGE = "knowledge"


class ObjectiveStatus(StrEnum):
    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class GovernmentRole(StrEnum):
    """The roles a government can take in a coalition (seed 002)."""

    INITIATOR = "initiator"
    COMMISSIONER = "commissioner"
    PARTNER = "partner"
    FUNDER = "funder"
    REFEREE = "referee"


class Relationship(StrEnum):
    """With or without a multi-year commitment to work together (seed 001)."""

    MULTI_YEAR_PARTNERSHIP = "multi-year-partnership"
    BUSINESS = "business"


class Funding(StrEnum):
    """How a partner's part is paid for (seed 001)."""

    CONTRACT = "contract"
    SUBSIDY = "subsidy"
    OWN_FUNDS = "own-funds"


class Mandate(StrEnum):
    """What a member may do on behalf of the group (seed 004, lesson 2)."""

    SPEAK = "speak"
    SIGN = "sign"
    SPEND = "spend"


class AgreementKind(StrEnum):
    COVENANT = "covenant"
    CONTRACT = "contract"
    LETTER_OF_INTENT = "letter-of-intent"
    COOPERATION_AGREEMENT = "cooperation-agreement"
    SUBSIDY_DECISION = "subsidy-decision"
    OTHER = "other"


class AgreementStatus(StrEnum):
    DRAFT = "draft"  # never published
    SIGNED = "signed"
    IN_FORCE = "in-force"
    ENDED = "ended"
    TERMINATED = "terminated"


class Period(StrEnum):
    ONCE = "once"
    MONTH = "month"
    YEAR = "year"
