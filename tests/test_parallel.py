"""Work spread over processes gives the same results, in order."""

from __future__ import annotations

import os
from functools import partial

import pytest

from generator.parallel import MIN_ITEMS, cores, run_all


def _square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_back_in_order() -> None:
    results = run_all([partial(_square, n) for n in range(4 * MIN_ITEMS)])
    assert [value for value, _ in results] == [n * n for n in range(4 * MIN_ITEMS)]


@pytest.mark.skipif(cores() < 2, reason="one core: everything runs in this process")
def test_large_batches_use_other_processes_and_small_ones_do_not() -> None:
    large = run_all([partial(_square, n) for n in range(4 * MIN_ITEMS)])
    assert {pid for _, pid in large} - {os.getpid()}
    small = run_all([partial(_square, n) for n in range(MIN_ITEMS // 2)])
    assert {pid for _, pid in small} == {os.getpid()}
