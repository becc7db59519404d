"""The share done and the time left of a pass (``ProgressEstimate``), on a clock the
test moves: each item weighs its bytes plus a fixed cost; no time left in the first
seconds nor once everything is done; a pass starting again starts the clock again."""

from __future__ import annotations

from cozysync.progress_estimate import ITEM_COST_BYTES, MIN_ELAPSED_S, Progress, ProgressEstimate

MB = 1 << 20


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_share_done_weighs_items_and_bytes():
    estimate = ProgressEstimate(Clock())
    # 2,000 small files: half of them done is about half the way, whatever their bytes
    assert estimate.update(1000, 2000, 5_000, 10_000).percent == 50
    # one big file half sent among small ones: its bytes count
    big = estimate.update(10, 11, 50 * MB, 100 * MB)
    expected = (10 * ITEM_COST_BYTES + 50 * MB) * 100 // (11 * ITEM_COST_BYTES + 100 * MB)
    assert big.percent == expected
    assert estimate.update(11, 11, 100 * MB, 100 * MB).percent == 100
    assert ProgressEstimate(Clock()).update(0, 0, 0, 0).percent == 0


def test_time_left_is_the_work_left_at_the_average_rate_once_known():
    clock = Clock()
    estimate = ProgressEstimate(clock)
    assert estimate.update(0, 10, 0, 10 * MB).seconds_left is None
    clock.now += MIN_ELAPSED_S / 2
    assert estimate.update(2, 10, 2 * MB, 10 * MB).seconds_left is None  # too soon to say
    clock.now += MIN_ELAPSED_S  # 1.5 × MIN_ELAPSED_S in all for a fifth of the work
    left = estimate.update(2, 10, 2 * MB, 10 * MB).seconds_left
    assert left is not None and abs(left - 4 * 1.5 * MIN_ELAPSED_S) < 1e-6
    clock.now += 10
    assert estimate.update(10, 10, 10 * MB, 10 * MB).seconds_left is None  # done


def test_a_new_pass_starts_the_clock_again():
    clock = Clock()
    estimate = ProgressEstimate(clock)
    estimate.update(0, 4, 0, 0)
    clock.now += 60
    estimate.update(4, 4, 0, 0)
    clock.now += 1000  # idle, then a new pass counts from 0
    estimate.update(0, 10, 0, 0)
    clock.now += MIN_ELAPSED_S
    left = estimate.update(5, 10, 0, 0).seconds_left
    assert left is not None and abs(left - MIN_ELAPSED_S) < 1e-6  # not 1,000 s of idling


def test_the_cli_words():
    from cozysync.cli.output import progress_words, time_left_words

    assert progress_words(Progress(120, 2000, 1_200_000, 30_000_000, 6, 150.0)) == (
        "120 of 2,000 files · 1.1 MB of 28.6 MB · 6% · about 2 min left"
    )
    assert progress_words(Progress(0, 1, 0, 0, 0, None)) == "0 of 1 file · 0%"
    assert time_left_words(59) == "less than a minute left"
    assert time_left_words(3 * 3600 + 5 * 60) == "about 3 h 05 min left"
