"""Events the engine reports, as frozen dataclasses with increasing ids, and a bounded log
that readers (the CLI, the tray) poll with "what happened since id N"."""

from __future__ import annotations

import itertools
import threading
from collections import deque
from dataclasses import dataclass, field

__all__ = [
    "ConflictFound",
    "ErrorRaised",
    "Event",
    "EventLog",
    "ItemSynced",
    "PassFinished",
    "StatusChanged",
]

_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Event:
    id: int = field(default_factory=lambda: next(_ids), kw_only=True)


@dataclass(frozen=True, slots=True)
class ItemSynced(Event):
    path: str
    what: str  # "uploaded", "downloaded", "moved on the server", ...


@dataclass(frozen=True, slots=True)
class ConflictFound(Event):
    path: str
    conflict_path: str


@dataclass(frozen=True, slots=True)
class ErrorRaised(Event):
    path: str | None
    title: str
    hint: str


@dataclass(frozen=True, slots=True)
class StatusChanged(Event):
    status: str  # "up to date", "syncing", "offline", "paused", "needs attention"
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PassFinished(Event):
    actions: int
    errors: int
    in_sync: bool


class EventLog:
    """Thread-safe, bounded; ``since(n)`` returns the events with ids above n."""

    def __init__(self, size: int = 1000) -> None:
        self._events: deque[Event] = deque(maxlen=size)
        self._lock = threading.Lock()

    def emit(self, event: Event) -> None:
        with self._lock:
            self._events.append(event)

    def since(self, event_id: int = 0) -> list[Event]:
        with self._lock:
            return [e for e in self._events if e.id > event_id]
