"""Figures the proof tests report, printed together at the end of the test run.

A test calls ``record("hostile strings x fields tried", n)``; values with the
same name add up. ``conftest.py`` prints the table after the run, so the
numbers behind "nothing leaks, nothing breaks" are visible in every CI log.
"""

from __future__ import annotations

_FIGURES: dict[str, int] = {}


def record(name: str, value: int) -> None:
    """Add ``value`` to the figure called ``name`` (created at 0)."""
    _FIGURES[name] = _FIGURES.get(name, 0) + value


def recorded() -> dict[str, int]:
    return dict(_FIGURES)
