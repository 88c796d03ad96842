"""Organisations across coalitions: who takes part where, gathered from the partners.

One organisation (``partners[].organisation``) may be a partner in many
coalitions, under slightly different names. The pages, the network chart and
the search entries take the gathering as an argument: the build makes it
once (``state.BuildState.publish``), anew only where coalitions changed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from ..public import Coalition, Partner, PublicSite


class Membership(NamedTuple):
    """One organisation's part in one coalition (a tuple: a national site has 75,000)."""

    coalition: Coalition
    partner: Partner


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str  # the name most of its coalitions use; ties go to the first by name
    sectors: tuple[str, ...]
    memberships: tuple[Membership, ...]  # in the order of the site's coalitions


def organisations(site: PublicSite) -> tuple[Organisation, ...]:
    """Organisations across all coalitions, sorted by name (then id)."""
    return gather(site, None, frozenset())


def gather(
    site: PublicSite,
    before: tuple[PublicSite, tuple[Organisation, ...]] | None,
    touched: frozenset[str],
) -> tuple[Organisation, ...]:
    """``organisations(site)``, brought up to date from those of the site `before`
    where only the coalitions `touched` (slugs added, changed or removed) differ.

    Organisations in none of those coalitions are kept as the same objects (the
    identity rule in ``state.py``); the others are gathered anew.
    """
    answer = None if before is None else _updated(site, *before, touched)
    return answer if answer is not None else _gathered(site)


def _gathered(site: PublicSite) -> tuple[Organisation, ...]:
    found: dict[str, list[Membership]] = {}
    for coalition in site.coalitions:
        for partner in coalition.partners:
            found.setdefault(partner.organisation, []).append(Membership(coalition, partner))
    return _sorted([_organisation(org_id, memberships) for org_id, memberships in found.items()])


def _updated(
    site: PublicSite, before: PublicSite, orgs: tuple[Organisation, ...], changed: frozenset[str]
) -> tuple[Organisation, ...] | None:
    """`orgs` of the site `before`, brought up to date; None if too much changed."""
    if not changed:
        return orgs
    old = {c.slug: c for c in before.coalitions if c.slug in changed}
    new = {c.slug: c for c in site.coalitions if c.slug in changed}
    if len(changed) > max(1, len(site.coalitions) // 10):
        return None  # gathering everything is as quick
    touched = {
        p.organisation
        for slug in changed
        for c in (old.get(slug), new.get(slug))
        if c is not None
        for p in c.partners
    }
    found: dict[str, list[Membership]] = {org_id: [] for org_id in touched}
    kept: list[Organisation] = []
    for org in orgs:
        if org.id in touched:
            found[org.id] += (m for m in org.memberships if m.coalition.slug not in changed)
        else:
            kept.append(org)  # none of its coalitions changed
    for slug in sorted(changed):
        coalition = new.get(slug)
        if coalition is None:
            continue  # removed
        for partner in coalition.partners:
            found[partner.organisation].append(Membership(coalition, partner))
    for org_id, memberships in found.items():
        if memberships:
            # In the site's order; a stable sort keeps each coalition's partners in theirs.
            memberships.sort(key=lambda m: m.coalition.slug)
            kept.append(_organisation(org_id, memberships))
    return _sorted(kept)


def _sorted(found: list[Organisation]) -> tuple[Organisation, ...]:
    return tuple(sorted(found, key=lambda o: (o.name.casefold(), o.id)))


def _organisation(org_id: str, memberships: list[Membership]) -> Organisation:
    sectors = tuple(sorted({m.partner.sector.value for m in memberships}))
    return Organisation(org_id, _name(memberships), sectors, tuple(memberships))


def _name(memberships: list[Membership]) -> str:
    first = memberships[0].partner.name
    if all(m.partner.name == first for m in memberships):
        return first  # the usual case, without counting
    names = Counter(m.partner.name for m in memberships)
    return min(names, key=lambda n: (-names[n], n))
