"""Pure parts of the engine API: pass progress with a fake clock (throttling, totals,
failed items, the pause and stop checks) and the structured fields of events and messages."""

from __future__ import annotations

import pytest

from cozysync.errors import ItemChangedError, PausedError, QuotaExceededError, StoppedError
from cozysync.events import (
    ErrorRaised,
    Event,
    ItemAction,
    ItemSynced,
    ProgressChanged,
    StatusChanged,
    StatusKind,
)
from cozysync.messages import Message, MessageId, message
from cozysync.models import Action, ActionKind, LocalState, Plan, RemoteState
from cozysync.sync.cancel import CancelToken, StopEvent
from cozysync.sync.progress import PassProgress


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def now(self) -> float:
        return self.t

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds


def _upload(path: str, size: int) -> Action:
    local = LocalState(path, False, size, 0, 1, 1, None)
    return Action(ActionKind.UPLOAD, path, path, path, local=local)


def _download(path: str, size: int) -> Action:
    remote = RemoteState(path, False, size, None, "e", None, None)
    return Action(ActionKind.DOWNLOAD, path, path, path, remote=remote)


def _progress(
    stop: StopEvent | None = None,
) -> tuple[PassProgress, FakeClock, list[Event], list[bool]]:
    clock, seen, paused = FakeClock(), [], [False]
    cancel = CancelToken(stop, lambda: paused[0])
    tracker = PassProgress(clock, seen.append, cancel, interval_s=0.25)
    return tracker, clock, seen, paused


def test_totals_come_from_the_plan_and_records_do_not_count() -> None:
    tracker, _, seen, _ = _progress()
    record = Action(ActionKind.RECORD, "r", "r", "r")
    up, down = _upload("a", 1000), _download("b", 500)
    tracker.add_plan(Plan(stages=((record, up, down),)))
    assert seen == [ProgressChanged(0, 2, 0, 1500, id=seen[0].id)]


def test_bytes_are_throttled_by_the_clock_not_emitted_per_chunk() -> None:
    tracker, clock, seen, _ = _progress()
    up = _upload("a", 10_000)
    tracker.add_plan(Plan(stages=((up,),)))
    on_bytes = tracker.for_item(up)
    clock.t += 1
    on_bytes(100)  # due: the interval passed since the plan's event
    for _ in range(20):
        on_bytes(100)  # same instant: silent
    clock.t += 0.25
    on_bytes(100)
    done = [e.bytes_done for e in seen if isinstance(e, ProgressChanged)]
    assert done == [0, 100, 2200]


def test_a_finished_item_counts_its_planned_bytes_once_even_after_a_retry() -> None:
    tracker, clock, seen, _ = _progress()
    up, down = _upload("a", 300), _download("b", 200)
    tracker.add_plan(Plan(stages=((up, down),)))
    on_bytes = tracker.for_item(up)
    on_bytes(300)
    on_bytes(300)  # the remote sent the body again (a retry)
    tracker.finished(up, ok=True)
    assert tracker.snapshot().bytes_done == 300 and tracker.snapshot().files_done == 1
    tracker.for_item(down)(150)
    tracker.finished(down, ok=False)  # failed: it leaves this round's totals
    clock.t += 1
    last = tracker.snapshot()
    assert (last.files_done, last.files_total, last.bytes_done, last.bytes_total) == (
        1, 1, 300, 300,
    )  # fmt: skip
    assert isinstance(seen[-1], ProgressChanged) and seen[-1].files_left == 0


def test_a_transfer_stops_on_its_next_chunk_once_paused() -> None:
    tracker, _, _, paused = _progress()
    up = _upload("a", 10_000)
    on_bytes = tracker.for_item(up)
    on_bytes(100)
    paused[0] = True
    with pytest.raises(PausedError):
        on_bytes(100)
    with pytest.raises(PausedError):
        tracker.check_cancelled()


def test_a_transfer_stops_on_its_next_chunk_once_stopped_even_while_paused() -> None:
    stop = StopEvent()
    tracker, _, _, paused = _progress(stop)
    on_bytes = tracker.for_item(_upload("a", 10_000))
    on_bytes(100)
    paused[0] = True
    stop.set()
    with pytest.raises(StoppedError):  # a stop is not taken for a pause (nothing resumes it)
        on_bytes(100)
    with pytest.raises(StoppedError):
        tracker.check_cancelled()


def test_a_stop_event_wakes_its_sleepers_once_each_and_on_set_after_it_calls_at_once() -> None:
    stop, woken = StopEvent(), []
    remove = stop.on_set(lambda: woken.append("loop"))
    stop.on_set(lambda: woken.append("other"))()  # removed before the stop
    stop.set()
    assert woken == ["loop"] and stop.is_set()
    remove()
    stop.on_set(lambda: woken.append("late"))
    assert woken == ["loop", "late"]


def test_status_changed_carries_its_kind_and_says_it_as_a_message() -> None:
    assert StatusChanged(StatusKind.UP_TO_DATE).kind is StatusKind.UP_TO_DATE
    assert StatusChanged(StatusKind.NEEDS_ATTENTION).kind is StatusKind.NEEDS_ATTENTION
    offline = StatusChanged(StatusKind.OFFLINE, pending_changes=4)
    assert offline.message == message(
        MessageId.STATUS_OFFLINE, {"pending_changes": 4, "detail": ""}
    )
    assert offline.message is not None and offline.message.text() == "offline, 4 changes waiting"
    one = StatusChanged(StatusKind.OFFLINE, pending_changes=1).message
    assert one is not None and one.text() == "offline, 1 change waiting"  # its count's noun
    stop = QuotaExceededError("the server has no space left").message
    stopped = StatusChanged(StatusKind.NEEDS_ATTENTION, "full", stopped_by=stop)
    assert stopped.message is not None
    assert stopped.message.id == MessageId.STATUS_STOPPED
    assert stopped.message.args["error"] == MessageId.ERROR_QUOTA_EXCEEDED


def test_errors_have_stable_ids_and_keep_their_english_text() -> None:
    error = ItemChangedError("it changed while syncing", path="a.txt")
    assert error.message.id == "error.item_changed"
    assert error.message.text() == "it changed while syncing"
    event = ErrorRaised("a.txt", "cannot read it", "Close it.")  # as older callers build it
    assert event.message.id == MessageId.ERROR and event.message.args["hint"] == "Close it."
    assert {m.value for m in MessageId} >= {"error.paused", "status.paused"}
    assert Message("status.up_to_date").text() == "up to date"


@pytest.mark.parametrize(
    ("action", "related", "what"),
    [
        (ItemAction.UPLOADED, None, "uploaded"),
        (ItemAction.MOVED_LOCAL, "old.txt", "moved here from old.txt"),
        (ItemAction.DELETED_LOCAL_TO_TRASH, None, "moved to the trash"),
        (ItemAction.CONFLICT_COPY_REMOTE, "c.txt", "changed on both sides: the server's "
         "version was kept as c.txt"),
    ],
)  # fmt: skip
def test_item_synced_keeps_the_cli_text(action: ItemAction, related: str | None, what: str) -> None:
    event = ItemSynced.of("p", action, related)
    assert (event.what, event.action, event.related_path) == (what, action, related)
