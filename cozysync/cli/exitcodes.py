"""The CLI's exit codes (documented in ``cozysync --help``); scripts rely on them."""

from __future__ import annotations

from cozysync.api import SyncOutcome
from cozysync.errors import (
    AlreadyRunningError,
    AuthError,
    CozySyncError,
    MassDeletionError,
    OfflineError,
    RootGuardError,
    StoppedError,
)

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
    if isinstance(error, OfflineError):
        return EXIT_OFFLINE
    if isinstance(error, AuthError):
        return EXIT_AUTH
    if isinstance(error, RootGuardError | MassDeletionError):
        return EXIT_GUARD
    if isinstance(error, AlreadyRunningError):
        return EXIT_ALREADY_RUNNING
    if isinstance(error, StoppedError):
        return EXIT_INTERRUPTED
    return EXIT_FAILED


def exit_code_for_outcome(outcome: SyncOutcome) -> int:
    if outcome.status == "offline":
        return EXIT_OFFLINE
    if outcome.status == "paused":
        return EXIT_PAUSED
    return EXIT_OK if outcome.status == "up to date" else EXIT_FAILED
