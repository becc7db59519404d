"""Events the engine reports, as frozen dataclasses, and the one folder-tagged stream
(``EventLog``) that readers (the CLI, the tray) follow with "what happened since id N":
the log gives each event its folder and an id, increasing in the order it was logged.

A folder's state is an enum from the engine to the pixel (``StatusChanged.kind``, a
``StatusKind``), never English to parse; events also carry translatable ``Message``
values (a stable id plus parameters, see ``cozysync.messages``) and, for the CLI, the
English of what happened (``what``, ``title``, ``detail``).
"""

from __future__ import annotations

import enum
import itertools
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from cozysync.messages import Message, MessageId, message

__all__ = [
    "ConflictFound",
    "ErrorRaised",
    "Event",
    "EventLog",
    "InvitationReceived",
    "ItemAction",
    "ItemSynced",
    "PassFinished",
    "ProgressChanged",
    "StatusChanged",
    "StatusKind",
]

_ids = itertools.count(1)


class StatusKind(enum.StrEnum):
    """A folder's state at a glance (the tray's icon)."""

    UP_TO_DATE = "up_to_date"
    SYNCING = "syncing"
    OFFLINE = "offline"  # with ``pending_changes`` waiting to go up
    PAUSED = "paused"
    NEEDS_ATTENTION = "needs_attention"  # conflicts, per-item errors, or a stopped pass
    NEVER_SYNCED = "never_synced"  # only in ``FolderStatus`` snapshots


class ItemAction(enum.StrEnum):
    """What a pass did to one item (``ItemSynced.action``)."""

    UPLOADED = "uploaded"
    DOWNLOADED = "downloaded"
    FOLDER_CREATED_REMOTE = "folder_created_remote"
    FOLDER_CREATED_LOCAL = "folder_created_local"
    MOVED_REMOTE = "moved_remote"  # related_path: where it was
    MOVED_LOCAL = "moved_local"  # related_path: where it was
    DELETED_REMOTE = "deleted_remote"
    DELETED_LOCAL_TO_TRASH = "deleted_local_to_trash"
    CONFLICT_COPY = "conflict_copy"  # both changed: this computer's version is a copy here
    CONFLICT_COPY_REMOTE = "conflict_copy_remote"  # backup: the server's version, a copy there
    TYPE_CLASH_COPY = "type_clash_copy"  # a file and a folder had one name: both kept here
    TYPE_CLASH_COPY_REMOTE = "type_clash_copy_remote"  # backup: the server's item, a copy there


_ACTION_TEXT = {
    ItemAction.UPLOADED: "uploaded",
    ItemAction.DOWNLOADED: "downloaded",
    ItemAction.FOLDER_CREATED_REMOTE: "folder created on the server",
    ItemAction.FOLDER_CREATED_LOCAL: "folder created",
    ItemAction.MOVED_REMOTE: "moved on the server from {related}",
    ItemAction.MOVED_LOCAL: "moved here from {related}",
    ItemAction.DELETED_REMOTE: "deleted on the server",
    ItemAction.DELETED_LOCAL_TO_TRASH: "moved to the trash",
    ItemAction.CONFLICT_COPY: "changed on both sides: both versions kept",
    ItemAction.CONFLICT_COPY_REMOTE: (
        "changed on both sides: the server's version was kept as {related}"
    ),
    ItemAction.TYPE_CLASH_COPY: "a file and a folder had one name: both kept",
    ItemAction.TYPE_CLASH_COPY_REMOTE: "the server's item was kept as {related}",
}


@dataclass(frozen=True, slots=True)
class Event:
    """``id`` increases with each event made (an ``EventLog`` gives each its own, in the
    order logged); ``folder`` is the name of the folder it happened to (set by the log)."""

    id: int = field(default_factory=lambda: next(_ids), kw_only=True)
    folder: str = field(default="", kw_only=True)


@dataclass(frozen=True, slots=True)
class ItemSynced(Event):
    """One item was synced.  ``what`` is English; ``action`` says it for a UI."""

    path: str
    what: str  # "uploaded", "downloaded", "moved on the server from a.txt", ...
    action: ItemAction | None = field(default=None, kw_only=True)
    related_path: str | None = field(default=None, kw_only=True)  # move source, copy name

    @staticmethod
    def of(path: str, action: ItemAction, related_path: str | None = None) -> ItemSynced:
        """The event for ``action`` on ``path``, with its English ``what``."""
        what = _ACTION_TEXT[action].format(related=related_path or "")
        return ItemSynced(path, what, action=action, related_path=related_path)


@dataclass(frozen=True, slots=True)
class ConflictFound(Event):
    path: str
    conflict_path: str


@dataclass(frozen=True, slots=True)
class ErrorRaised(Event):
    """One item could not be synced.  ``message`` carries the error class's stable id
    (``error.*``) with ``path``, ``detail`` (the English title) and ``hint``."""

    path: str | None
    title: str
    hint: str
    message: Message = field(default=Message(MessageId.ERROR), kw_only=True)

    def __post_init__(self) -> None:
        if self.message == Message(MessageId.ERROR):
            params = {"path": self.path, "detail": self.title, "hint": self.hint}
            object.__setattr__(self, "message", message(MessageId.ERROR, params))


@dataclass(frozen=True, slots=True)
class StatusChanged(Event):
    """A folder's state changed: ``kind``, with the counts behind it; ``message`` says
    it as a translatable message; ``detail`` is the English line the CLI prints;
    ``stopped_by`` is the folder-wide error that stopped the pass (login refused, cloud
    full, ...; None after a pass that ran to its end)."""

    kind: StatusKind
    detail: str = ""
    pending_changes: int = field(default=0, kw_only=True)  # offline: changes waiting
    conflicts: int = field(default=0, kw_only=True)
    errors: int = field(default=0, kw_only=True)
    paused_until: float | None = field(default=None, kw_only=True)  # None: until resumed
    kept_on_server: int = field(default=0, kw_only=True)  # backup: files on the server only
    message: Message | None = field(default=None, kw_only=True)  # None: from ``kind``
    stopped_by: Message | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        if not isinstance(self.kind, StatusKind):
            raise TypeError(f"StatusChanged needs a StatusKind, not {self.kind!r}")
        if self.message is None:
            object.__setattr__(self, "message", status_message(self.kind, self))


def status_message(kind: StatusKind, event: StatusChanged | None = None) -> Message:
    """The translatable message of a state, with the counts ``event`` carries."""
    pending = event.pending_changes if event else 0
    by_kind: dict[StatusKind, Message] = {
        StatusKind.UP_TO_DATE: message(
            MessageId.STATUS_UP_TO_DATE, {"kept_on_server": event.kept_on_server if event else 0}
        ),
        StatusKind.SYNCING: message(MessageId.STATUS_SYNCING),
        StatusKind.OFFLINE: message(
            MessageId.STATUS_OFFLINE,
            {"pending_changes": pending, "detail": event.detail if event else None},
        ),
        StatusKind.PAUSED: message(
            MessageId.STATUS_PAUSED, {"until": (event.paused_until or 0) if event else 0}
        ),
        StatusKind.NEVER_SYNCED: message(MessageId.STATUS_NEVER_SYNCED),
    }
    if kind in by_kind:
        return by_kind[kind]
    if event is not None and event.stopped_by is not None:
        params = dict(event.stopped_by.args)
        return message(MessageId.STATUS_STOPPED, {"error": event.stopped_by.id, **params})
    counts = {
        "conflicts": event.conflicts if event else 0,
        "errors": event.errors if event else 0,
        "detail": event.detail if event else None,
    }
    return message(MessageId.STATUS_NEEDS_ATTENTION, counts)


@dataclass(frozen=True, slots=True)
class ProgressChanged(Event):
    """Where the current pass stands: items and bytes done and planned (the totals grow
    when a pass plans another round).  ``files_*`` count every planned change (a file
    transfer, a folder made, a move, a deletion); ``bytes_*`` only what transfers move;
    an item that fails leaves the totals (it is planned again in a later round).
    Emitted at most every ``PROGRESS_INTERVAL_S`` while bytes flow, and when a plan
    starts or the last item finishes; never per chunk."""

    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current_path: str | None = None  # the item a transfer last moved bytes for

    @property
    def files_left(self) -> int:
        return max(0, self.files_total - self.files_done)

    @property
    def bytes_left(self) -> int:
        return max(0, self.bytes_total - self.bytes_done)


@dataclass(frozen=True, slots=True)
class InvitationReceived(Event):
    """Another user offers a folder to share with this account (a Cozy's pending sharing,
    told once per process); ``cozysync invitations`` accepts or declines it."""

    sharing_id: str
    title: str
    owner: str
    read_only: bool = False
    message: Message = field(default=Message(MessageId.NOTICE_INVITATION), kw_only=True)

    def __post_init__(self) -> None:
        if self.message == Message(MessageId.NOTICE_INVITATION):
            params = {"title": self.title, "owner": self.owner}
            object.__setattr__(self, "message", message(MessageId.NOTICE_INVITATION, params))


@dataclass(frozen=True, slots=True)
class PassFinished(Event):
    actions: int
    errors: int
    in_sync: bool


class EventLog:
    """The one event stream of every folder: thread-safe and bounded.  ``emit`` tags an
    event with its folder and an id above every id logged before (ids made on several
    threads would arrive out of order); ``since(n)`` returns the events logged after id
    n, oldest first.  A reader that fell more than ``size`` events behind sees a gap in
    the ids (``first_id`` > n + 1): it then reads the folders' snapshots again.

    Listeners are told that something was logged (from the emitting thread); they read
    what with ``since``: a wake-up, not a second channel."""

    def __init__(self, size: int = 10_000) -> None:
        self._events: deque[Event] = deque(maxlen=size)
        self._lock = threading.Lock()
        self._next_id = itertools.count(1)
        self._listeners: list[Callable[[], None]] = []

    def emit(self, event: Event, folder: str = "") -> Event:
        """Log ``event`` for ``folder`` (its own folder if it names one); the event as
        logged, with its folder and id."""
        with self._lock:
            logged = replace(event, id=next(self._next_id), folder=folder or event.folder)
            self._events.append(logged)
            listeners = list(self._listeners)
        for wake in listeners:
            wake()
        return logged

    def since(self, event_id: int = 0) -> list[Event]:
        with self._lock:
            if not self._events or self._events[-1].id <= event_id:
                return []
            return [e for e in self._events if e.id > event_id]

    @property
    def last_id(self) -> int:
        """The id of the last event logged (0: none yet)."""
        with self._lock:
            return self._events[-1].id if self._events else 0

    def listen(self, wake: Callable[[], None]) -> Callable[[], None]:
        """Call ``wake()`` after each event logged; returns what stops it."""
        with self._lock:
            self._listeners.append(wake)

        def stop() -> None:
            with self._lock:
                if wake in self._listeners:
                    self._listeners.remove(wake)

        return stop
