"""One policy per mode: what the stages ask instead of comparing modes (pure).  The
table is docs/sync-algorithm.md, "Modes"; each rule says why.

- **two-way**: everything both ways.
- **backup**: this computer → server.  Creations, edits and moves here go up; nothing on
  the server is ever deleted or changed by a deletion here, and nothing comes down.  A
  file edited on both sides keeps both versions *on the server* (the executor moves the
  server's version to a conflict copy there, then uploads this computer's).
- **download-only**: server → this computer.  Nothing is written to the server; changes
  made here stay here; when the server changes a file edited here, both are kept here.
- **read-only share**: a folder another user shares with this account read-only, inside
  a folder of any mode.  The server would take a change made in it, but never passes it
  on to the owner, whose next update replaces it: so nothing made here is sent from it
  (download-only there), and a change kept here is reported with the share's name and
  owner.  Inside a backup folder, nothing goes either way there.

A policy answers: does a change here go up (``sends_local_changes``), does a change
there come down (``brings_remote_changes``), which side's moves are detected, whether a
deletion propagates, where a both-sides edit keeps its copy, and ``adjust``: what
becomes of a two-way decision.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from cozysync.models import Decision, JournalEntry, LocalState, ReadOnlyShare, RemoteState, SyncMode

__all__ = [
    "BACKUP",
    "DOWNLOAD_ONLY",
    "TWO_WAY",
    "ModePolicy",
    "policy_of",
    "read_only_share_policy",
]


@dataclass(frozen=True, slots=True)
class ModePolicy:
    """What a folder (or a subtree of it) lets through, asked by every stage."""

    mode: SyncMode
    sends_local_changes: bool  # a creation, edit, move or deletion here goes up
    brings_remote_changes: bool  # a creation, edit, move or deletion there comes down
    share: ReadOnlyShare | None = None  # a read-only share's subtree: whose, and its name

    @property
    def detects_local_moves(self) -> bool:
        """A side whose changes are not propagated has no moves to propagate: its moves
        read as a deletion plus a creation, which the policy then handles."""
        return self.sends_local_changes

    @property
    def detects_remote_moves(self) -> bool:
        return self.brings_remote_changes

    @property
    def propagates_local_deletions(self) -> bool:
        """Backup: a deletion here never deletes the backup."""
        return self.sends_local_changes and self.brings_remote_changes

    @property
    def propagates_remote_deletions(self) -> bool:
        return self.brings_remote_changes

    @property
    def keeps_conflict_copy_on_server(self) -> bool:
        """Where a both-sides edit keeps the other version: on the server in backup (the
        backup mirrors this computer), else here (the server's version takes the name)."""
        return self.sends_local_changes and not self.brings_remote_changes

    @property
    def keeps_server_only_files(self) -> bool:
        """Files on the server only are kept there, and counted (backup)."""
        return not self.brings_remote_changes

    @property
    def is_two_way(self) -> bool:
        """Every two-way decision stands (``adjust`` is the identity)."""
        return self.sends_local_changes and self.brings_remote_changes

    def adjust(
        self,
        decision: Decision,
        journal: JournalEntry | None,
        local: LocalState | None,
        remote: RemoteState | None,
    ) -> Decision:
        """The two-way ``decision`` as this policy carries it out."""
        if not self.brings_remote_changes:
            decision = _nothing_comes_down(decision, journal, local)
        if not self.sends_local_changes:
            decision = _nothing_goes_up(decision, journal, remote)
        neither_way = not (self.sends_local_changes or self.brings_remote_changes)
        if neither_way and decision in (Decision.COMPARE_CONTENT, Decision.KEEP_BOTH):
            return Decision.NOTHING  # both versions stay where they are
        return decision


TWO_WAY = ModePolicy(SyncMode.TWO_WAY, sends_local_changes=True, brings_remote_changes=True)
BACKUP = ModePolicy(SyncMode.BACKUP, sends_local_changes=True, brings_remote_changes=False)
DOWNLOAD_ONLY = ModePolicy(
    SyncMode.DOWNLOAD_ONLY, sends_local_changes=False, brings_remote_changes=True
)
_BY_MODE = {policy.mode: policy for policy in (TWO_WAY, BACKUP, DOWNLOAD_ONLY)}


def policy_of(mode: SyncMode) -> ModePolicy:
    """The policy of a whole folder in ``mode``."""
    return _BY_MODE[mode]


def read_only_share_policy(folder: ModePolicy, share: ReadOnlyShare) -> ModePolicy:
    """The policy inside a read-only share of a folder whose policy is ``folder``: as
    the folder's, less sending (what is changed here would be replaced by the owner's
    next update, and never reaches the owner)."""
    return dataclasses.replace(folder, sends_local_changes=False, share=share)


def _nothing_comes_down(
    decision: Decision, journal: JournalEntry | None, local: LocalState | None
) -> Decision:
    """Backup's rules: nothing on the server changes this computer, and a deletion here
    never deletes the backup."""
    match decision:
        case Decision.DOWNLOAD | Decision.MKDIR_LOCAL:
            if journal is not None and local is None:
                return Decision.FORGET  # deleted here: the server copy stays, unlinked
            return Decision.NOTHING  # nothing comes down (a server edit waits there)
        case Decision.DELETE_REMOTE:
            return Decision.FORGET  # a deletion here never deletes the backup
        case Decision.TRASH_LOCAL:
            # Gone from the server but still here: the backup is made again.
            assert local is not None
            return Decision.MKDIR_REMOTE if local.is_dir else Decision.UPLOAD
    return decision


def _nothing_goes_up(
    decision: Decision, journal: JournalEntry | None, remote: RemoteState | None
) -> Decision:
    """Download-only's rules: nothing is written to the server; a change here stays here
    (still detectable, so it is reported where the policy has a reason to give)."""
    match decision:
        case Decision.UPLOAD | Decision.MKDIR_REMOTE:
            if journal is not None and remote is None:
                return Decision.FORGET  # gone there, kept here: no longer synced
            return Decision.NOTHING  # a change here stays here
        case Decision.DELETE_REMOTE:
            # deleted here: the server keeps it (it comes back if it changes)
            return Decision.NOTHING
    return decision
