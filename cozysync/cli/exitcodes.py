"""The CLI's exit codes (documented in ``cozysync --help``); scripts rely on them."""

from __future__ import annotations

from collections.abc import Sequence

from cozysync.api import FolderStatus, SyncOutcome
from cozysync.errors import (
    AlreadyRunningError,
    AuthError,
    CozySyncError,
    MassDeletionError,
    OfflineError,
    RootGuardError,
    StoppedError,
)
from cozysync.events import StatusKind
from cozysync.messages import Message

__all__ = [
    "EXIT_ALREADY_RUNNING",
    "EXIT_AUTH",
    "EXIT_FAILED",
    "EXIT_GUARD",
    "EXIT_INTERRUPTED",
    "EXIT_OFFLINE",
    "EXIT_OK",
    "EXIT_PAUSED",
    "EXIT_USAGE",
    "exit_code_for",
    "exit_code_for_outcome",
    "exit_code_for_state",
    "exit_code_for_statuses",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_OFFLINE = 3
EXIT_AUTH = 4
EXIT_GUARD = 5
EXIT_ALREADY_RUNNING = 6
EXIT_PAUSED = 7  # not a failure, but nothing was synced: a script must not read "in sync"
EXIT_INTERRUPTED = 130  # stopped by Ctrl-C (128 + SIGINT, as shells report it)


def exit_code_for(error: CozySyncError) -> int:
    return _code_for_class(type(error))


def _code_for_class(kind: type[CozySyncError]) -> int:
    if issubclass(kind, OfflineError):
        return EXIT_OFFLINE
    if issubclass(kind, AuthError):
        return EXIT_AUTH
    if issubclass(kind, RootGuardError | MassDeletionError):
        return EXIT_GUARD
    if issubclass(kind, AlreadyRunningError):
        return EXIT_ALREADY_RUNNING
    if issubclass(kind, StoppedError):
        return EXIT_INTERRUPTED
    return EXIT_FAILED


_BY_KIND = {
    StatusKind.UP_TO_DATE: EXIT_OK,
    StatusKind.SYNCING: EXIT_OK,  # ``status`` while a pass runs: nothing is wrong
    StatusKind.OFFLINE: EXIT_OFFLINE,
    StatusKind.PAUSED: EXIT_PAUSED,
    StatusKind.NEEDS_ATTENTION: EXIT_FAILED,
    StatusKind.NEVER_SYNCED: EXIT_FAILED,  # nothing is in sync yet
}


def _error_classes(root: type[CozySyncError]) -> list[type[CozySyncError]]:
    found = [root]
    for sub in root.__subclasses__():
        found += _error_classes(sub)
    return found


def _code_for_stop(stopped_by: Message) -> int:
    """The exit code of the error class whose message id stopped the pass, as
    ``exit_code_for`` gives it when the pass raised it."""
    for kind in _error_classes(CozySyncError):
        if kind.message_id == stopped_by.id:
            return _code_for_class(kind)
    return EXIT_FAILED


def exit_code_for_outcome(outcome: SyncOutcome) -> int:
    """A pass's outcome as ``sync`` exits with it."""
    return exit_code_for_state(outcome.kind, outcome.stopped_by)


def exit_code_for_state(kind: StatusKind, stopped_by: Message | None = None) -> int:
    """A folder's state as ``sync`` and ``status`` exit with it: what stopped its last
    pass (the login refused: 4, a guard: 5) if it needs attention for that."""
    if kind is StatusKind.NEEDS_ATTENTION and stopped_by is not None:
        return _code_for_stop(stopped_by)
    return _BY_KIND[kind]


def exit_code_for_statuses(statuses: Sequence[FolderStatus]) -> int:
    """``status``'s exit code: 0 when every folder is up to date (or syncing), else the
    first folder's code that is not 0 (in the order listed)."""
    for status in statuses:
        code = exit_code_for_state(status.kind, status.stopped_by)
        if code != EXIT_OK:
            return code
    return EXIT_OK
