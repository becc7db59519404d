"""*Failures in a row* (``sync/breaker.py``), as a table: a sequence of tried actions
(kind, folder, how it ended) and what the breaker says of the next action."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from cozysync.errors import (
    CozySyncError,
    IntegrityError,
    ItemChangedError,
    LocalPermissionError,
    RemoteLockedError,
    ServerError,
    SyncError,
)
from cozysync.models import ActionKind
from cozysync.sync.breaker import FailureBreaker, not_tried, signature_of


class AccessRefusedError(SyncError):
    """As the HTTP adapter's (an HTTP 403), without importing an adapter here."""


UP, DOWN, MKDIR = ActionKind.UPLOAD, ActionKind.DOWNLOAD, ActionKind.MKDIR_REMOTE
N = 3  # trip_after, small for the table


def http(kind: type[CozySyncError], status: int) -> CozySyncError:
    error = kind(f"refused (HTTP {status})", path="x")
    error.http_status = status
    return error


R403 = http(AccessRefusedError, 403)
R405 = http(ServerError, 405)
R500 = http(ServerError, 500)
R503 = http(ServerError, 503)
R423 = http(RemoteLockedError, 423)
R413 = http(ServerError, 413)
LOCAL = LocalPermissionError("cannot read it", path="x")
CHANGED = ItemChangedError("changed", path="x")
DAMAGED = IntegrityError("short", path="x")

Step = tuple[ActionKind, str, CozySyncError | None]


@dataclass(frozen=True)
class Row:
    name: str
    steps: Sequence[Step]
    next: tuple[ActionKind, str]
    held: bool  # the next action is not tried


ROWS = [
    Row("closed at first", [], (UP, ""), False),
    Row("fewer than N refusals", [(UP, "", R403)] * (N - 1), (UP, ""), False),
    Row("N refusals alike trip it", [(UP, "", R403)] * N, (UP, ""), True),
    Row("a 405 alike too", [(UP, "", R405)] * N, (UP, ""), True),
    Row("a 5xx alike too", [(UP, "", R500)] * N, (UP, ""), True),
    Row(
        "500s then 503s: two signatures",
        [(UP, "", R500)] * (N - 1) + [(UP, "", R503)],
        (UP, ""),
        False,
    ),
    Row(
        "a success in between resets",
        [(UP, "", R403)] * (N - 1) + [(UP, "", None)] + [(UP, "", R403)] * (N - 1),
        (UP, ""),
        False,
    ),
    Row(
        "a probe's success after the trip closes it",
        [(UP, "", R403)] * N + [(UP, "b", None)],
        (UP, ""),
        False,
    ),
    Row("another kind is never held", [(UP, "", R403)] * N, (DOWN, ""), False),
    Row("kinds count apart", [(UP, "", R403), (DOWN, "", R403)] * (N - 1), (UP, ""), False),
    Row("per kind: folders too", [(MKDIR, "", R403)] * N, (MKDIR, ""), True),
    Row("an item's own answer does not count (423)", [(UP, "", R423)] * N, (UP, ""), False),
    Row("nor a 413", [(UP, "", R413)] * N, (UP, ""), False),
    Row("nor a local error", [(UP, "", LOCAL)] * N, (UP, ""), False),
    Row("nor an item changed meanwhile", [(UP, "", CHANGED)] * N, (UP, ""), False),
    Row("nor a damaged upload (no status)", [(UP, "", DAMAGED)] * N, (UP, ""), False),
    Row(
        "another kind of failure ends the streak",
        [(UP, "", R403)] * (N - 1) + [(UP, "", LOCAL)] + [(UP, "", R403)],
        (UP, ""),
        False,
    ),
    Row(
        "the path is not part of it",
        [(UP, "a", R403), (UP, "b", R403), (UP, "a", R403)],
        (UP, "a"),
        True,
    ),
    Row("a folder not seen failing gets a probe", [(UP, "a", R403)] * N, (UP, "b"), False),
]


def breaker_after(steps: Sequence[Step]) -> FailureBreaker:
    breaker = FailureBreaker(trip_after=N)
    for kind, folder, error in steps:
        assert breaker.tripped_by(kind, folder) is None  # every step was tried
        breaker.record(kind, folder, error)
    return breaker


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_breaker(row: Row) -> None:
    breaker = breaker_after(row.steps)
    held = breaker.tripped_by(*row.next)
    assert (held is not None) is row.held


def test_one_probe_per_folder_then_held() -> None:
    breaker = breaker_after([(UP, "a", R403)] * N)
    assert breaker.tripped_by(UP, "b") is None  # the probe
    assert breaker.tripped_by(UP, "b") is R403  # the others wait for its answer
    breaker.record(UP, "b", R403)
    assert breaker.tripped_by(UP, "b") is R403
    assert breaker.tripped_by(UP, "c") is None


def test_a_probe_that_succeeds_closes_it() -> None:
    breaker = breaker_after([(UP, "a", R403)] * N)
    assert breaker.tripped_by(UP, "b") is None
    breaker.record(UP, "b", None)
    assert breaker.tripped_by(UP, "a") is None


def test_reset_at_the_next_pass() -> None:
    breaker = breaker_after([(UP, "", R403)] * N)
    breaker.reset()
    assert breaker.tripped_by(UP, "") is None


def test_signature_is_class_and_status_not_path() -> None:
    one, other = http(AccessRefusedError, 403), http(AccessRefusedError, 403)
    one.path, other.path = "a.txt", "b/c.txt"
    assert signature_of(one) == signature_of(other) is not None
    assert signature_of(R500) != signature_of(R503)
    assert signature_of(None) is None


def test_an_action_not_tried_keeps_the_error_class_status_and_hint() -> None:
    error = not_tried(R403, UP, "f.txt", 50)
    assert type(error) is AccessRefusedError
    assert (error.path, error.http_status, error.hint) == ("f.txt", 403, R403.hint)
    assert error.title == (
        "not tried: the server refused the last 50 uploads the same way (HTTP 403); "
        "it will be tried again at the next pass"
    )
