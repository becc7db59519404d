"""*Failures in a row* (docs/sync-algorithm.md): the executor's circuit breaker.

A server that refuses every upload the same way (a read-only share, a server-side rule,
a broken server) would otherwise get one doomed request per item: 200,000 of them. After
``TRIP_AFTER`` failures in a row of one kind of action with one *signature* (the error's
class and the HTTP status it translates, never its path), with no success in between,
the breaker *trips* for that kind: the actions of that kind left in the pass are not
tried, each is recorded as failed with the error that tripped it (``not_tried``), and the
next pass tries them again.

What counts: only answers that say something about the server or a folder, not about
one item (403, 405, any 5xx). A 404, 409, 412, 413, 415 or 423, a local error, an item
changed meanwhile: each ends the streak, as a success does. Once tripped, the first
action of each folder not seen failing yet is still tried (a *probe*): a read-only
folder must not hold back the uploads of a writable one; a probe that succeeds closes
the breaker. Other kinds of actions are never held back (downloads go on while uploads
are refused), and nothing here marks an item synced or deletes anything.

Pure: no I/O, no clock, no threads (the executor calls it under a lock).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cozysync.errors import CozySyncError, ItemChangedError, PreconditionFailedError, SyncError
from cozysync.models import ActionKind

__all__ = ["TRIP_AFTER", "FailureBreaker", "Signature", "not_tried", "signature_of"]

TRIP_AFTER = 50

# HTTP statuses that refuse for the server or the folder, not for one item
_SERVER_WIDE = frozenset({403, 405})

_WHAT = {
    ActionKind.UPLOAD: "uploads",
    ActionKind.DOWNLOAD: "downloads",
    ActionKind.MKDIR_REMOTE: "new folders",
    ActionKind.MOVE_REMOTE: "moves",
    ActionKind.DELETE_REMOTE: "deletions",
    ActionKind.COMPARE_CONTENT: "content comparisons",
}


@dataclass(frozen=True, slots=True)
class Signature:
    """How an action failed, without the item: the error's class and HTTP status."""

    error_class: type[CozySyncError]
    http_status: int


def signature_of(error: CozySyncError | None) -> Signature | None:
    """The signature that counts towards a trip, or None (a success, or a failure that
    says something about its item only)."""
    if error is None or not isinstance(error, SyncError):
        return None
    if isinstance(error, ItemChangedError | PreconditionFailedError):
        return None
    status = error.http_status
    if status is None or not (status in _SERVER_WIDE or 500 <= status <= 599):
        return None
    return Signature(type(error), status)


@dataclass(slots=True)
class _Streak:
    signature: Signature | None = None
    count: int = 0
    last: CozySyncError | None = None  # its last failure: what the items not tried show
    folders: set[str] = field(default_factory=set)  # seen failing since the streak began


class FailureBreaker:
    """One streak per kind of action, for one pass (``reset`` at the next)."""

    def __init__(self, trip_after: int = TRIP_AFTER) -> None:
        self.trip_after = trip_after
        self._streaks: dict[ActionKind, _Streak] = {}

    def reset(self) -> None:
        self._streaks.clear()

    def tripped_by(self, kind: ActionKind, folder: str) -> CozySyncError | None:
        """None: try the action (the breaker is closed, or it is a folder's probe).
        Else the failure that tripped the breaker: the action is not tried."""
        streak = self._streaks.get(kind)
        if streak is None or streak.count < self.trip_after:
            return None
        if folder not in streak.folders:
            streak.folders.add(folder)  # its probe: one per folder
            return None
        return streak.last

    def record(self, kind: ActionKind, folder: str, error: CozySyncError | None) -> None:
        """An action that was tried ended: ``error`` None for a success."""
        signature = signature_of(error)
        streak = self._streaks.get(kind)
        if signature is None:
            self._streaks.pop(kind, None)  # a success, or another kind of failure
        elif streak is None or streak.signature != signature:
            self._streaks[kind] = _Streak(signature, 1, error, {folder})
        else:
            streak.count += 1
            streak.last = error
            streak.folders.add(folder)

    def is_tripped(self, kind: ActionKind) -> bool:
        streak = self._streaks.get(kind)
        return streak is not None and streak.count >= self.trip_after


def not_tried(tripped: CozySyncError, kind: ActionKind, path: str, count: int) -> CozySyncError:
    """The error recorded for an action the breaker held back: the tripping error's
    class, status and hint, a title of its own."""
    what = _WHAT.get(kind, f"{kind.value} actions")
    title = (
        f"not tried: the server refused the last {count} {what} the same way "
        f"(HTTP {tripped.http_status}); it will be tried again at the next pass"
    )
    error = type(tripped)(title, hint=tripped.hint, path=path)
    error.http_status = tripped.http_status
    return error
