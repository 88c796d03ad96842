"""Where the partner matrix draws its markers and arrows: pure geometry, in axis units.

Partners that share a position stand on a small ring around it, so each keeps
its own sector colour. An arrow runs from its partner's marker towards the
target and never through another partner's marker: when the straight way is
blocked it bends once around the marker in the way. It stops short of the
target, outside any markers standing there, so its head stays visible.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

Point = tuple[float, float]

MARKER_RADIUS = 0.09  # a marker's radius plus its outline, in axis units (76 px each)
HEAD_RADIUS = 0.07  # an arrow head's radius
_CLEAR = MARKER_RADIUS + 0.02  # an arrow's centre line keeps this far from a marker's centre
_GAP = 0.2  # how far a ring's markers stand apart, centre to centre
_RING = 0.16  # the smallest ring
_LOW, _HIGH = 0.55, 5.45  # the plot's edges


@dataclass(frozen=True)
class Seat:
    """One partner's place on the drawing (`at`) and its move, if any."""

    at: Point
    route: tuple[Point, ...]  # from `at` to the arrow's tip; empty without a move
    angle: float  # the head's direction, clockwise from straight up


def ring_radius(count: int) -> float:
    """The radius of the ring for `count` partners at one position (0 for one)."""
    if count <= 1:
        return 0.0
    return max(_RING, count * _GAP / (2 * math.pi))


def seats(now: Sequence[Point], targets: Sequence[Point | None]) -> list[Seat]:
    """Places and routes for partners at grid positions `now`, moving to `targets`.

    A target equal to the position is no move (the chart draws it as a stay).
    """
    groups: dict[Point, list[int]] = {}
    for n, spot in enumerate(now):
        groups.setdefault(spot, []).append(n)
    places: list[Point] = [(0.0, 0.0)] * len(now)
    for (cx, cy), members in groups.items():
        radius = ring_radius(len(members))
        for k, n in enumerate(members):
            turn = 2 * math.pi * k / len(members)
            # The first at the top, then clockwise.
            x, y = cx + radius * math.sin(turn), cy + radius * math.cos(turn)
            places[n] = (round(x, 3), round(y, 3))
    found = []
    for n, target in enumerate(targets):
        start = places[n]
        if target is None or target == now[n]:
            found.append(Seat(start, (), 0.0))
            continue
        others = [p for m, p in enumerate(places) if m != n]
        near = groups.get(target, [])
        stop = ring_radius(len(near)) + MARKER_RADIUS + HEAD_RADIUS + 0.02 if near else 0.1
        route = _route(start, target, stop, others)
        (ax, ay), (bx, by) = route[-2], route[-1]
        angle = round(math.degrees(math.atan2(bx - ax, by - ay)), 1) % 360
        found.append(Seat(start, route, angle))
    return found


def _route(start: Point, target: Point, stop: float, others: Sequence[Point]) -> tuple[Point, ...]:
    """The shortest clear path among a few: straight, or bent once."""
    for bend in _bends(start, target):
        path = (start, *bend, target)
        tip = _shorten(path[-2], target, stop)
        if tip is None:
            continue
        path = (*path[:-1], tip)
        if clear(path, others):
            return tuple((round(x, 3), round(y, 3)) for x, y in path)
    raise ValueError("no clear route")  # cannot happen on the 5 x 5 grid (see tests)


def _bends(start: Point, target: Point) -> Iterator[tuple[Point, ...]]:
    """Straight first, then one bend near the straight line, then anywhere on the plot."""
    yield ()
    (sx, sy), (tx, ty) = start, target
    length = math.hypot(tx - sx, ty - sy)
    nx, ny = -(ty - sy) / length, (tx - sx) / length
    for s in (0.15, -0.15, 0.25, -0.25, 0.35, -0.35, 0.5, -0.5, 0.7, -0.7):
        for t in (0.5, 0.3, 0.7, 0.15, 0.85):
            bend = (sx + t * (tx - sx) + s * nx, sy + t * (ty - sy) + s * ny)
            if all(_LOW <= v <= _HIGH for v in bend):
                yield (bend,)
    steps = [_LOW + 0.1 * i for i in range(round((_HIGH - _LOW) / 0.1) + 1)]
    anywhere = sorted(
        ((x, y) for x in steps for y in steps),
        key=lambda b: math.dist(start, b) + math.dist(b, target),
    )
    for bend in anywhere:
        yield (bend,)


def _shorten(a: Point, b: Point, stop: float) -> Point | None:
    length = math.dist(a, b)
    if length <= stop + 0.05:
        return None
    f = (length - stop) / length
    return (a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]))


def distance(p: Point, a: Point, b: Point) -> float:
    """The distance from point `p` to the segment from `a` to `b`."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    span = dx * dx + dy * dy
    t = 0.0 if span == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / span))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def clear(path: Sequence[Point], others: Sequence[Point]) -> bool:
    """Whether no segment of `path` and not its tip's head touch a marker in `others`."""
    for a, b in itertools.pairwise(path):
        if any(distance(p, a, b) < _CLEAR for p in others):
            return False
    tip = path[-1]
    return all(math.dist(tip, p) >= MARKER_RADIUS + HEAD_RADIUS for p in others)
