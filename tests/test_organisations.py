"""Organisations across coalitions: brought up to date after a change, they are
exactly what gathering them afresh gives."""

from __future__ import annotations

import dataclasses
import random
from datetime import date

import pytest

from generator.public import Coalition, PublicSite
from generator.render import organisations as gathering
from generator.render.organisations import organisations
from generator.site import generate

from .conftest import ROOT

DAY = date(2026, 11, 23)


def _site() -> PublicSite:
    return generate(ROOT / "coalitions", DAY).site


def _with(site: PublicSite, coalitions: list[Coalition]) -> PublicSite:
    return PublicSite(tuple(sorted(coalitions, key=lambda c: c.slug)), site.build_date)


def _renamed(c: Coalition, rng: random.Random) -> Coalition:
    """One partner renamed, or moved to another organisation, or dropped."""
    partners = list(c.partners)
    n = rng.randrange(len(partners))
    change = rng.choice(("name", "organisation", "drop"))
    if change == "name":
        partners[n] = dataclasses.replace(partners[n], name=partners[n].name + " (nieuw)")
    elif change == "organisation":
        partners[n] = dataclasses.replace(partners[n], organisation=rng.choice(("org-x", "org-y")))
    elif len(partners) > 1:
        del partners[n]
    return dataclasses.replace(c, partners=tuple(partners))


@pytest.mark.parametrize("seed", range(12))
def test_updated_organisations_equal_gathered_ones(seed: int) -> None:
    rng = random.Random(seed)
    site = _site()
    # Start from twenty coalitions (copies of the examples), so that one change
    # is small enough to be brought up to date rather than gathered again.
    base = [dataclasses.replace(c, slug=f"{c.slug}-{n}") for n in range(5) for c in site.coalitions]
    current = _with(site, base)
    orgs = organisations(current)
    for _ in range(6):
        coalitions = list(current.coalitions)
        n = rng.randrange(len(coalitions))
        step = rng.choice(("change", "remove", "add"))
        if step == "change":
            coalitions[n] = _renamed(coalitions[n], rng)
        elif step == "remove":
            del coalitions[n]
        else:
            coalitions.append(dataclasses.replace(coalitions[n], slug=f"nieuw-{rng.random():.6f}"))
        before, current = current, _with(site, coalitions)
        old = {c.slug: c for c in before.coalitions}
        new = {c.slug: c for c in current.coalitions}
        touched = frozenset(s for s in old.keys() | new.keys() if old.get(s) is not new.get(s))
        assert len(touched) == 1
        updated = gathering.gather(current, (before, orgs), touched)
        assert updated == gathering._gathered(current), step
        moved = {
            p.organisation
            for c in (*before.coalitions, *current.coalitions)
            if c.slug in touched
            for p in c.partners
        }
        kept = {o.id for o in orgs} - moved
        # Untouched organisations are the very same objects (the identity rule).
        assert all(o is next(p for p in orgs if p.id == o.id) for o in updated if o.id in kept)
        orgs = updated


def test_a_large_change_gathers_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site()
    orgs = organisations(site)
    other = _with(site, [_renamed(c, random.Random(1)) for c in site.coalitions])
    touched = frozenset(c.slug for c in site.coalitions)
    calls: list[PublicSite] = []
    real = gathering._gathered

    def counted(s: PublicSite) -> tuple[gathering.Organisation, ...]:
        calls.append(s)
        return real(s)

    monkeypatch.setattr(gathering, "_gathered", counted)
    assert gathering.gather(other, (site, orgs), touched) == real(other)
    assert calls == [other]
