"""The bounded chaos batch for CI: whole-engine histories with injected faults.

Fixed seeds (chosen to cover most fault kinds; the test checks that watch mode and the
full disk stay among them) plus a few random ones whose first seed is printed (``-s``
shows it; ``COZYSYNC_CHAOS_SEED=N`` fixes it).  The
histories run four at a time (they mostly wait on timeouts, retries and subprocess
start-up, not on the CPU).  A failing history is reported with its seed and the command
that replays it; the long soak is ``python -m tests.chaos --histories 2000 --jobs 4``.

A history whose only failures are a product bug already named in
``tests/chaos/test_chaos_regressions.py`` (``KNOWN_BUGS``) is an expected failure: it
says so, and the batch does not fail for it.
"""

from __future__ import annotations

import os
import random
from collections import Counter

import pytest

from tests.chaos.__main__ import KNOWN_BUGS, failure_kind, run_many, summary_table
from tests.chaos.history import ChaosOptions, HistoryResult

FIXED_SEEDS = [100, 101, 102, 103, 104, 105, 108, 109]
RANDOM_HISTORIES = 4
JOBS = 4


def _run(seeds: list[int]) -> list[HistoryResult]:
    return sorted(run_many(seeds, ChaosOptions(), JOBS), key=lambda r: r.seed)


def _judge(results: list[HistoryResult]) -> None:
    print(summary_table(results, sum(r.seconds for r in results) / JOBS))
    _fail_on_product_bugs(results)


def _fail_on_product_bugs(results: list[HistoryResult]) -> None:
    unexpected = [
        r for r in results if any(not failure_kind(f).startswith("known:") for f in r.failures)
    ]
    known = [r for r in results if r.failures and r not in unexpected]
    if unexpected:
        pytest.fail("\n\n".join(r.report() for r in unexpected), pytrace=False)
    if known:
        seeds = " ".join(str(r.seed) for r in known)
        pytest.xfail(f"seeds {seeds} hit open product bugs only: {sorted(KNOWN_BUGS.values())}")


@pytest.mark.timeout(900)
def test_chaos_fixed_seeds() -> None:
    results = _run(FIXED_SEEDS)
    print(summary_table(results, sum(r.seconds for r in results) / JOBS))
    _fail_on_product_bugs(results)
    faults: Counter[str] = Counter()
    for result in results:
        faults.update(result.faults)
    assert faults["kill:watch-mode"] > 0, "the fixed seeds no longer kill a watch-mode run"
    skipped = [line for r in results for line in r.log if "disk-full fault skipped" in line]
    if not skipped:
        assert faults["disk:full"] > 0, "the fixed seeds no longer fill the disk"
    else:
        pytest.skip(f"the histories passed, but without the disk-full fault: {skipped[0]}")


@pytest.mark.timeout(600)
def test_chaos_random_seeds() -> None:
    first = int(os.environ.get("COZYSYNC_CHAOS_SEED") or random.randrange(10**6, 10**9))
    print(f"chaos random seeds {first}..{first + RANDOM_HISTORIES - 1} (COZYSYNC_CHAOS_SEED)")
    _judge(_run(list(range(first, first + RANDOM_HISTORIES))))
