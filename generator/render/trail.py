"""Each partner's earlier positions on the partner matrix, from the coalition's history.

Seed 001 asks a coalition to set a development strategy per partner and to
look back on it; the trail shows whether a partner moved the way the target
says. The same for the objectives (seed 000: result-oriented): their earlier
status, baseline and target. Pure: made from the public revisions
(``public.Revision.positions`` and ``.objectives``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..public import Coalition, Revision, Text
from ..vocabulary import ObjectiveStatus


@dataclass(frozen=True)
class Step:
    """A position a partner held, from the date of the revision that put it there."""

    since: date
    influence: int
    dependency: int


def trails(coalition: Coalition, history: Sequence[Revision]) -> dict[str, tuple[Step, ...]]:
    """Per partner id, its earlier positions, oldest first; partners that never moved
    (or have no history) are left out. The position a partner holds now is not a step."""
    runs: dict[str, list[Step]] = {}
    for revision in reversed(history):  # history is newest first
        for position in revision.positions:
            steps = runs.setdefault(position.partner, [])
            if not steps or (steps[-1].influence, steps[-1].dependency) != (
                position.influence,
                position.dependency,
            ):
                steps.append(
                    Step(revision.committed.date(), position.influence, position.dependency)
                )
    found: dict[str, tuple[Step, ...]] = {}
    for partner in coalition.partners:
        steps = runs.get(partner.id, [])
        if steps and (steps[-1].influence, steps[-1].dependency) == (
            partner.now.influence,
            partner.now.dependency,
        ):
            steps = steps[:-1]
        if steps:
            found[partner.id] = tuple(steps)
    return found


@dataclass(frozen=True)
class ObjectiveStep:
    """How an objective stood, from the date of the revision that recorded it."""

    since: date
    status: ObjectiveStatus
    baseline: Text | None
    target: Text | None


def objective_trails(
    coalition: Coalition, history: Sequence[Revision]
) -> dict[str, tuple[ObjectiveStep, ...]]:
    """Per objective id, how it stood earlier, oldest first; objectives that never
    changed (or have no history) are left out. Where an objective stands now is not
    a step."""
    runs: dict[str, list[ObjectiveStep]] = {}
    for revision in reversed(history):  # history is newest first
        for state in revision.objectives:
            steps = runs.setdefault(state.objective, [])
            step = ObjectiveStep(
                revision.committed.date(), state.status, state.baseline, state.target
            )
            if not steps or _values(steps[-1]) != _values(step):
                steps.append(step)
    found: dict[str, tuple[ObjectiveStep, ...]] = {}
    for objective in coalition.objectives:
        steps = runs.get(objective.id, [])
        now = (objective.status, objective.baseline, objective.target)
        if steps and _values(steps[-1]) == now:
            steps = steps[:-1]
        if steps:
            found[objective.id] = tuple(steps)
    return found


def _values(step: ObjectiveStep) -> tuple[ObjectiveStatus, Text | None, Text | None]:
    return step.status, step.baseline, step.target
