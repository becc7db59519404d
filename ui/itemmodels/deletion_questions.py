"""Which folders a deletion guard stopped, and when to ask the user about it.

The watch loop retries a stopped folder at each poll and the engine says the same stop
again each time: it is asked once.  It is asked again when the stop changed (other
items, another count), or when the pass that applied the user's answer stopped again.
"Decide later" is remembered until the stop changes (or the app restarts); the folder
stays stopped and ``pending`` keeps its question for the "Review deletions…" entries."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Signal

from cozysync.events import StatusChanged, StatusKind
from cozysync_ui.dialogs.deletion_question import DeletionQuestion, deletion_question

__all__ = ["DeletionQuestions"]


class _Answer(Enum):
    SENT = "sent"  # on its way to the engine: a stop said meanwhile is from before it
    DELIVERED = "delivered"  # the folder's next pass applies it
    APPLYING = "applying"  # that pass is running: a stop now is a new one


@dataclass(slots=True)
class _Folder:
    stop: DeletionQuestion | None = None  # the guard stop the folder is in now
    asked: DeletionQuestion | None = None
    deferred: DeletionQuestion | None = None
    answer: _Answer | None = None


class DeletionQuestions(QObject):
    """Fed with the folders' ``StatusChanged``; ``changed`` when a folder's stop (or
    its answer) changed."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folders: dict[str, _Folder] = {}

    def on_status_changed(self, folder: str, event: StatusChanged) -> DeletionQuestion | None:
        """The question to ask now, if ``event`` calls for one."""
        state = self._folders.setdefault(folder, _Folder())
        if event.kind is StatusKind.SYNCING:
            if state.answer is _Answer.DELIVERED:
                state.answer = _Answer.APPLYING
            return None
        question = deletion_question(folder, event.stopped_by)
        if question is not None:
            return self._stopped(state, question)
        if event.kind in (StatusKind.UP_TO_DATE, StatusKind.NEEDS_ATTENTION):
            self._went_on(state)
        return None  # paused or offline: the stop stands

    def _went_on(self, state: _Folder) -> None:
        """A pass ran to its end (or stopped on something else): the guard's stop is
        over (the same stop later is asked again).  What the user deferred stays
        deferred; an answer not applied yet stays on its way (a pass that did not list
        the cloud can end before it)."""
        if state.answer is _Answer.APPLYING:
            state.answer = None
        state.asked = None
        if state.stop is not None:
            state.stop = None
            self.changed.emit()

    def _stopped(self, state: _Folder, question: DeletionQuestion) -> DeletionQuestion | None:
        was_new = state.stop is None or state.stop.key != question.key
        state.stop = question
        if state.answer in (_Answer.SENT, _Answer.DELIVERED):
            return None  # a pass from before the answer
        answered, state.answer = state.answer is _Answer.APPLYING, None
        if was_new or answered:
            self.changed.emit()
        if state.deferred is not None and state.deferred.key == question.key:
            return None
        if not answered and state.asked is not None and state.asked.key == question.key:
            return None
        state.asked = question
        return question

    def pending(self, folder: str) -> DeletionQuestion | None:
        """The question ``folder`` waits on (None while its answer is being applied)."""
        state = self._folders.get(folder)
        if state is None or state.answer is not None:
            return None
        return state.stop

    def stopped_folders(self) -> list[str]:
        return [name for name in self._folders if self.pending(name) is not None]

    def deferred(self, question: DeletionQuestion) -> None:
        """The user chose "Decide later"."""
        self._folders.setdefault(question.folder, _Folder()).deferred = question

    def answered(self, question: DeletionQuestion) -> None:
        """The user answered; it is on its way to the engine."""
        state = self._folders.setdefault(question.folder, _Folder())
        state.answer, state.deferred = _Answer.SENT, None
        self.changed.emit()

    def delivered(self, folder: str) -> None:
        """The engine has the answer: the folder's next pass applies it."""
        state = self._folders.get(folder)
        if state is not None and state.answer is _Answer.SENT:
            state.answer = _Answer.DELIVERED

    def undelivered(self, folder: str) -> None:
        """The answer did not reach the engine: the question stands."""
        state = self._folders.get(folder)
        if state is not None:
            state.answer = None
            self.changed.emit()
