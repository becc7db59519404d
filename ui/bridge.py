"""Engine events → Qt signals on the GUI thread.

``follow(service)`` subscribes to the service's one event stream (style.md rule 2): the
engine's threads only wake the bridge; the bridge, in the GUI thread, reads what was
logged since the last id it saw and emits one signal per event, with the folder the
event carries.  Each signal carries the folder's name and the frozen event itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot

from cozysync.events import (
    ConflictFound,
    ErrorRaised,
    Event,
    InvitationReceived,
    ItemSynced,
    PassFinished,
    ProgressChanged,
    StatusChanged,
)

__all__ = ["EngineBridge", "EventSource"]


class EventSource(Protocol):
    """What the bridge follows (``SyncService``'s event stream)."""

    def events_since(self, event_id: int = 0) -> list[Event]: ...

    def on_event(self, wake: Callable[[], None]) -> Callable[[], None]: ...


class EngineBridge(QObject):
    """Turn the engine's events into typed signals, delivered on the GUI thread."""

    item_synced = Signal(str, object)  # folder, ItemSynced
    conflict_found = Signal(str, object)  # folder, ConflictFound
    error_raised = Signal(str, object)  # folder, ErrorRaised
    status_changed = Signal(str, object)  # folder, StatusChanged
    pass_finished = Signal(str, object)  # folder, PassFinished
    progress_changed = Signal(str, object)  # folder, ProgressChanged
    invitation_received = Signal(str, object)  # folder, InvitationReceived
    # events were lost (the reader fell more than the log's size behind): read the
    # folders' snapshots again
    missed = Signal()

    _received = Signal(str, object)  # emitted from any thread
    _woken = Signal()  # emitted from any thread: something was logged

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._received.connect(self._dispatch)  # queued when emitted from another thread
        self._woken.connect(self._read)
        self._source: EventSource | None = None
        self._unfollow: Callable[[], None] | None = None
        self.last_id = 0  # the id of the last event read from the stream
        self._wake_pending = False

    def follow(self, source: EventSource) -> None:
        """Receive every event ``source`` logs from now on (each folder's)."""
        self.stop_following()
        self._source = source
        self.last_id = max((e.id for e in source.events_since(0)), default=0)
        self._unfollow = source.on_event(self._wake)

    def stop_following(self) -> None:
        if self._unfollow is not None:
            self._unfollow()
        self._unfollow = self._source = None

    def _wake(self) -> None:  # on an engine thread: one queued read for many events
        if not self._wake_pending:
            self._wake_pending = True
            self._woken.emit()

    @Slot()
    def _read(self) -> None:
        self._wake_pending = False  # first: an event logged from now on wakes again
        if self._source is None:
            return
        events = self._source.events_since(self.last_id)
        if events and events[0].id > self.last_id + 1:
            self.missed.emit()
        for event in events:
            self.last_id = event.id
            self._dispatch(event.folder, event)

    def emitter(self, folder: str) -> Callable[[Event], None]:
        """A callback that delivers events of ``folder`` as the stream does (for events
        not logged by a followed service); safe to call from any thread."""

        def emit(event: Event) -> None:
            self._received.emit(folder, event)

        return emit

    @Slot(str, object)
    def _dispatch(self, folder: str, event: Event) -> None:
        signal = {
            ItemSynced: self.item_synced,
            ConflictFound: self.conflict_found,
            ErrorRaised: self.error_raised,
            StatusChanged: self.status_changed,
            PassFinished: self.pass_finished,
            ProgressChanged: self.progress_changed,
            InvitationReceived: self.invitation_received,
        }.get(type(event))
        if signal is not None:
            signal.emit(folder, event)
