"""The partner matrix's layout: for any partner set, arrows keep clear of other
partners' markers, partners at one position keep their own marker (and so their
colour), and the sector key lists only the sectors on the chart."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import matrix_layout
from generator.render.matrix_layout import MARKER_RADIUS, distance

Move = tuple[tuple[int, int], tuple[int, int] | None]
_GRID = st.tuples(st.integers(1, 5), st.integers(1, 5))
_PARTNERS = st.lists(st.tuples(_GRID, st.none() | _GRID), min_size=1, max_size=10)


@settings(max_examples=300, deadline=None)
@given(_PARTNERS)
def test_no_arrow_crosses_another_partners_marker(partners: list[Move]) -> None:
    now = [n for n, _ in partners]
    seats = matrix_layout.seats(now, [t for _, t in partners])
    for n, seat in enumerate(seats):
        others = [s.at for m, s in enumerate(seats) if m != n]
        for a, b in zip(seat.route, seat.route[1:], strict=False):
            for p in others:
                assert distance(p, a, b) >= MARKER_RADIUS, (n, a, b, p)
        if seat.route:
            assert seat.route[0] == seat.at
            tip = seat.route[-1]
            target = partners[n][1]
            assert target is not None
            # It points at the target: its tip is nearer to it than its start is.
            assert math.dist(tip, target) < math.dist(seat.at, target)


@settings(max_examples=300, deadline=None)
@given(_PARTNERS)
def test_partners_at_one_position_each_keep_a_marker_of_their_own(
    partners: list[Move],
) -> None:
    now = [n for n, _ in partners]
    seats = matrix_layout.seats(now, [None] * len(now))
    for n, seat in enumerate(seats):
        # Near its own position, and apart from every other marker.
        assert math.dist(seat.at, now[n]) <= 0.45
        for m, other in enumerate(seats):
            if m != n:
                assert math.dist(seat.at, other.at) >= 2 * MARKER_RADIUS, (n, m)


def test_a_lone_partner_stands_on_its_position() -> None:
    assert matrix_layout.seats([(2, 3)], [None])[0].at == (2, 3)
