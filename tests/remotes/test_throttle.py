"""Bandwidth limits by bytes/time budget on a fake clock (no wall time): the token
bucket, its use by the streaming bodies of ``remotes/http.py``, and the app setting
applied to a real sync on WsgiDAV."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cozysync.errors import ConfigError
from cozysync.remotes import throttle
from cozysync.remotes.http import copy_body, exact_body
from cozysync.remotes.throttle import BANDWIDTH, TokenBucket
from tests.engine.api_helpers import linked_service
from tests.servers import WsgiDavServer

KiB = 1024


class FakeClock:
    """Time moves only when someone sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.t = 50.0
        self.slept: list[float] = []
        self._lock = threading.Lock()

    def now(self) -> float:
        return self.t

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept.append(seconds)
            self.t += seconds


def test_unlimited_never_sleeps() -> None:
    clock = FakeClock()
    bucket = TokenBucket(clock)
    bucket.take(10 * 1024 * KiB)
    assert clock.slept == [] and list(bucket.slices(b"x" * 9)) == [b"x" * 9]


def test_a_burst_passes_then_the_rate_holds() -> None:
    clock = FakeClock()
    bucket = TokenBucket(clock, 1000, burst_s=0.5)  # 1000 B/s, 500 B of burst
    bucket.take(500)
    assert clock.slept == []  # the burst
    bucket.take(1000)
    assert clock.slept == [pytest.approx(1.0)]
    for _ in range(10):
        bucket.take(100)
    # 2500 bytes in all, 500 of burst: 2 s of budget, whatever the piece sizes
    assert clock.t - 50.0 == pytest.approx(2.0)


def test_an_idle_bucket_refills_only_up_to_its_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(clock, 1000, burst_s=0.5)
    bucket.take(500)
    clock.t += 60  # a quiet minute
    bucket.take(1500)
    assert sum(clock.slept) == pytest.approx(1.0)  # only 500 B were saved up


def test_concurrent_takers_queue_their_debts() -> None:
    clock = FakeClock()
    bucket = TokenBucket(clock, 1000, burst_s=0.0)
    waits = []
    for _ in range(3):  # three takes before anyone's sleep moved the clock
        before = len(clock.slept)
        clock.sleep, real_sleep = (lambda s: waits.append(s)), clock.sleep  # type: ignore[method-assign]
        bucket.take(1000)
        clock.sleep = real_sleep  # type: ignore[method-assign]
        assert len(clock.slept) == before
    assert waits == [pytest.approx(1.0), pytest.approx(2.0), pytest.approx(3.0)]


def test_slices_are_a_quarter_second_of_transfer() -> None:
    bucket = TokenBucket(FakeClock(), 64 * KiB)
    pieces = list(bucket.slices(b"a" * (100 * KiB)))
    assert [len(p) for p in pieces] == [16 * KiB] * 6 + [4 * KiB]
    slow = TokenBucket(FakeClock(), 1 * KiB)
    assert len(next(slow.slices(b"b" * 10_000))) == throttle.MIN_SLICE
    with pytest.raises(ValueError):
        slow.set_rate(-1)


def test_a_download_body_is_paced_and_reported_per_slice() -> None:
    clock = FakeClock()
    bucket = TokenBucket(clock, 4 * KiB, burst_s=0.5)
    data = os.urandom(10 * KiB)
    sink, seen = io.BytesIO(), []
    written, _ = copy_body(httpx.Response(200, content=data), sink, seen.append, bucket)
    assert written == len(data) and sink.getvalue() == data
    assert sum(clock.slept) == pytest.approx((10 * KiB - 2 * KiB) / (4 * KiB))
    assert seen == [4 * KiB, 4 * KiB, 2 * KiB]  # progress per slice (MIN_SLICE here)


def test_an_upload_body_is_paced_before_each_slice_is_sent() -> None:
    clock = FakeClock()
    bucket = TokenBucket(clock, 8 * KiB, burst_s=0.5)
    data = os.urandom(20 * KiB)
    body = exact_body(lambda: io.BytesIO(data), len(data), None, bucket)
    sent = b""
    for piece in body:
        sent += piece
    assert sent == data
    assert sum(clock.slept) == pytest.approx((20 * KiB - 4 * KiB) / (8 * KiB))


@pytest.fixture
def fake_bandwidth_clocks(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeClock, FakeClock]]:
    """One fake clock per direction: the upload and the download run at the same time,
    and a shared fake clock would let one direction's sleeps refill the other's bucket."""
    up, down = FakeClock(), FakeClock()
    monkeypatch.setattr(BANDWIDTH.up, "clock", up)
    monkeypatch.setattr(BANDWIDTH.down, "clock", down)
    yield up, down
    BANDWIDTH.set_limits(None, None)


def test_the_app_limits_pace_a_real_sync_both_ways(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wsgidav_server: WsgiDavServer,
    fake_bandwidth_clocks: tuple[FakeClock, FakeClock],
) -> None:
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    service.set_bandwidth_limits(up_kib=64, down_kib=32)
    assert service.app_settings().upload_limit_kib == 64
    assert (tmp_path / "home" / "config" / "settings.json").exists()
    up_data, down_data = os.urandom(256 * KiB), os.urandom(128 * KiB)
    (local / "up.bin").write_bytes(up_data)
    wsgidav_server.write("down.bin", down_data)

    assert service.sync_once("docs").in_sync

    assert (wsgidav_server.root / "up.bin").read_bytes() == up_data
    assert (local / "down.bin").read_bytes() == down_data
    # budget: (256 - 32 burst) KiB at 64 KiB/s up = 3.5 s, (128 - 16) KiB at 32 KiB/s
    # down = 3.5 s
    up_clock, down_clock = fake_bandwidth_clocks
    assert sum(up_clock.slept) == pytest.approx(3.5, abs=0.3)
    assert sum(down_clock.slept) == pytest.approx(3.5, abs=0.3)

    service.set_bandwidth_limits(up_kib=0, down_kib=None)
    assert BANDWIDTH.up.rate is None and BANDWIDTH.down.rate is None
    with pytest.raises(ConfigError, match="KiB/s"):
        service.set_bandwidth_limits(up_kib=-5, down_kib=None)
