"""Engine events → Qt signals on the GUI thread.

The engine calls the emitter from its own threads; ``EngineBridge`` lives in the GUI
thread, so each signal is queued and its slots run there.  Each signal carries the
folder's name (the engine's events do not) and the frozen event itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from cozysync.events import (
    ConflictFound,
    ErrorRaised,
    Event,
    ItemSynced,
    PassFinished,
    ProgressChanged,
    StatusChanged,
)

__all__ = ["EngineBridge"]


class EngineBridge(QObject):
    """Turn the engine's events into typed signals, delivered on the GUI thread."""

    item_synced = Signal(str, object)  # folder, ItemSynced
    conflict_found = Signal(str, object)  # folder, ConflictFound
    error_raised = Signal(str, object)  # folder, ErrorRaised
    status_changed = Signal(str, object)  # folder, StatusChanged
    pass_finished = Signal(str, object)  # folder, PassFinished
    progress_changed = Signal(str, object)  # folder, ProgressChanged

    _received = Signal(str, object)  # emitted from any thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._received.connect(self._dispatch)  # queued when emitted from another thread

    def emitter(self, folder: str) -> Callable[[Event], None]:
        """The ``progress`` callback to give ``SyncService.run``/``sync_once`` for ``folder``;
        safe to call from any thread."""

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
        }.get(type(event))
        if signal is not None:
            signal.emit(folder, event)
