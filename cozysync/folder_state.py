"""A folder's state, decided from the facts by one rule.

A pass's outcome (``sync --once``), ``status`` (text and ``--json``) and the tray all
ask ``decide_state``, so that they never disagree, and a folder with anything waiting
(local changes not yet sent, items failing or held back, conflicts, names to change, a
pass a safety guard or a folder-wide error stopped, or one that ended before all was
done) is never "up to date".
"""

from __future__ import annotations

from dataclasses import dataclass

from cozysync.events import StatusKind

__all__ = ["FolderFacts", "decide_state", "state_text"]


@dataclass(frozen=True, slots=True)
class FolderFacts:
    """What is known of one folder now."""

    paused: bool = False
    syncing: bool = False  # a pass is under way
    never_synced: bool = False
    offline: bool = False  # the last pass could not reach the server
    # the last pass did not end in sync: a guard or a folder-wide error stopped it, or
    # items changed while they were synced (they go at the next pass)
    unfinished: bool = False
    pending_changes: int = 0  # local changes not sent yet
    errors: int = 0  # items failing (waiting for their retry)
    conflicts: int = 0
    names_to_change: int = 0
    held_back: int = 0  # items the sync holds back (their server copies kept)
    # a watch loop serves the folder (the tray, ``cozysync run``): changes waiting with
    # nothing else wrong go within seconds, which is syncing, not a reason for alarm
    watched: bool = False

    @property
    def is_waiting(self) -> bool:
        """Something is left to send, to retry or for the user to decide."""
        counts = (self.pending_changes, self.errors, self.conflicts)
        return self.unfinished or any(counts) or bool(self.names_to_change or self.held_back)


def decide_state(facts: FolderFacts) -> StatusKind:
    """The one rule: the first that applies of paused, syncing, never synced, offline
    (which says itself how many changes wait), needs attention (anything waiting), up
    to date."""
    if facts.paused:
        return StatusKind.PAUSED  # nothing moves until resumed, whatever waits
    if facts.syncing:
        return StatusKind.SYNCING
    if facts.never_synced:
        return StatusKind.NEVER_SYNCED
    if facts.offline:
        return StatusKind.OFFLINE
    only_changes_waiting = facts.pending_changes and not FolderFacts(
        unfinished=facts.unfinished, errors=facts.errors, conflicts=facts.conflicts,
        names_to_change=facts.names_to_change, held_back=facts.held_back,
    ).is_waiting  # fmt: skip
    if only_changes_waiting and facts.watched:
        return StatusKind.SYNCING  # the watcher sends them at once: no alarm in between
    if facts.is_waiting:
        return StatusKind.NEEDS_ATTENTION
    return StatusKind.UP_TO_DATE


def state_text(kind: StatusKind) -> str:
    """A state in the CLI's English words ("up to date", "needs attention", ...)."""
    return kind.value.replace("_", " ")
