"""Keeping both versions when both sides changed (the *conflict copy* step).

Two-way and download-only: the server's version keeps the name and this computer's
becomes ``<stem> (conflict <device> <YYYY-MM-DD HHMMSS>)<ext>`` (uploaded next pass in
two-way, kept here only in download-only).  Backup: this computer's version keeps the
name and the server's version is moved to a conflict copy *on the server* (the backup
mirrors this computer; nothing on the server is lost).

Before declaring a conflict the server's bytes are compared with this computer's: equal
bytes are no conflict; server bytes equal to the last synced ones mean only this side
changed (the ETag moved without a content change); and where the server keeps old
versions (``VersionHistory``), this computer holding one of them means only the server
changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, cast

from cozysync.errors import ItemChangedError
from cozysync.events import ItemAction
from cozysync.models import Action, Conflict, JournalEntry, LocalState, RemoteState
from cozysync.paths import conflict_copy_name
from cozysync.ports import Clock, LocalFS, Progress, Remote
from cozysync.sync.hashing import HashingWriter
from cozysync.sync.modes import TWO_WAY, ModePolicy

__all__ = ["SERVER_DEVICE_NAME", "ConflictKeeper", "JournalUpdate"]

SERVER_DEVICE_NAME = "cloud"  # names the server's version in a conflict copy made there


@dataclass
class JournalUpdate:
    """What one successful action changes in the journal, applied by the caller."""

    put: JournalEntry | None = None
    relocate: tuple[str, str, str, str] | None = None  # old key, new key, local, remote
    forget: str | None = None
    conflict: Conflict | None = None
    done: ItemAction | None = None  # for the activity log (None: nothing to show)
    related_path: str | None = None  # a move's source, a conflict copy made on the server
    unconfirmed: bool = False  # ``put`` lacks the server's new ETag (``confirm_uploads``)


class ConflictKeeper:
    """Keeps both versions where the policy of the item's place says (``policy_for``:
    the policy of a key, the folder's mode or a read-only share inside it)."""

    def __init__(
        self,
        local: LocalFS,
        remote: Remote,
        clock: Clock,
        *,
        device_name: str,
        policy_for: Callable[[str], ModePolicy] = lambda key: TWO_WAY,
    ) -> None:
        self.local = local
        self.remote = remote
        self.clock = clock
        self.device_name = device_name
        self.policy_for = policy_for
        self.progress_for: Callable[[Action], Progress] | None = None  # set by the executor

    def compare_content(
        self, a: Action, current: LocalState, upload: Callable[[Action], JournalUpdate]
    ) -> JournalUpdate:
        """Both sides changed (or both are new): same bytes → record; the server's bytes
        are the last synced ones → this computer's edit wins; else keep both."""
        policy = self.policy_for(a.key)
        local_hash = current.content_hash or self.local.hash_file(a.local_path)
        current = dataclasses.replace(current, content_hash=local_hash)
        with self.local.temp_file(a.local_path) as (temp_path, sink):
            writer = HashingWriter(sink, a.remote.size if a.remote else 0)
            progress = self.progress_for(a) if self.progress_for is not None else None
            state = self.remote.download(
                a.remote_path, cast(BinaryIO, writer), expected=a.remote, progress=progress
            )
            sink.flush()
            if writer.hexdigest == local_hash:
                return JournalUpdate(put=JournalEntry.from_states(a.key, current, state))
            if a.journal is not None and writer.hexdigest == a.journal.content_hash:
                if not policy.sends_local_changes:  # the edit here stays here
                    entry = dataclasses.replace(
                        a.journal, etag=state.etag, remote_size=state.size,
                        remote_mtime=state.mtime, remote_id=state.remote_id,
                    )  # fmt: skip
                    return JournalUpdate(put=entry)
                return upload(dataclasses.replace(a, remote=state, local=current))
            if self._is_old_server_version(policy, a.remote_path, local_hash):
                # Not a conflict: this computer holds a version the server already had,
                # and the server's is newer.  The newer one replaces it.
                new = self.local.commit_temp(
                    temp_path, a.local_path, expected=current, mtime=state.mtime
                )
                new = dataclasses.replace(new, content_hash=writer.hexdigest)
                return JournalUpdate(
                    put=JournalEntry.from_states(a.key, new, state), done=ItemAction.DOWNLOADED
                )
            if policy.keeps_conflict_copy_on_server:
                return self._server_version_aside(a, state, upload, current)
            copy_path = self.free_local_name(a.local_path)
            self._check_unchanged(a.local_path, current)
            self.local.move(a.local_path, copy_path)
            new = self.local.commit_temp(temp_path, a.local_path, expected=None, mtime=state.mtime)
        new = dataclasses.replace(new, content_hash=writer.hexdigest)
        conflict = Conflict(a.local_path, copy_path, detected_at=self.clock.now())
        return JournalUpdate(
            put=JournalEntry.from_states(a.key, new, state),
            conflict=conflict,
            done=ItemAction.CONFLICT_COPY,
            related_path=copy_path,
        )

    def _is_old_server_version(self, policy: ModePolicy, remote_path: str, local_hash: str) -> bool:
        history = self.remote.features.version_history
        if not policy.brings_remote_changes or history is None:
            return False  # a backup never replaces this computer's version
        return local_hash in history.known_versions(remote_path)

    def keep_both(self, a: Action) -> JournalUpdate:
        """A file and a folder have one name: rename one of them to a conflict copy."""
        if self.policy_for(a.key).keeps_conflict_copy_on_server:
            copy = self._remote_copy_name(a.remote_path)
            expected = a.remote if a.remote is not None and not a.remote.is_dir else None
            self.remote.move(a.remote_path, copy, expected=expected)
            return JournalUpdate(
                forget=a.key, done=ItemAction.TYPE_CLASH_COPY_REMOTE, related_path=copy
            )
        copy_path = self.free_local_name(a.local_path)
        self.local.move(a.local_path, copy_path)
        conflict = Conflict(a.local_path, copy_path, detected_at=self.clock.now())
        return JournalUpdate(
            forget=a.key, conflict=conflict, done=ItemAction.TYPE_CLASH_COPY, related_path=copy_path
        )

    def _server_version_aside(
        self,
        a: Action,
        state: RemoteState,
        upload: Callable[[Action], JournalUpdate],
        current: LocalState,
    ) -> JournalUpdate:
        """Backup: the server's version becomes a conflict copy there; ours takes the name."""
        copy = self._remote_copy_name(a.remote_path)
        self.remote.move(a.remote_path, copy, expected=state)
        update = upload(dataclasses.replace(a, remote=None, local=current))
        update.done, update.related_path = ItemAction.CONFLICT_COPY_REMOTE, copy
        return update

    def free_local_name(self, path: str) -> str:
        """The conflict-copy name for now, a second later if that one is taken."""
        return self._free_name(path, self.device_name, lambda p: self.local.stat(p) is None)

    def _remote_copy_name(self, path: str) -> str:
        return self._free_name(path, SERVER_DEVICE_NAME, lambda p: self.remote.stat(p) is None)

    def _free_name(self, path: str, device: str, is_free: Callable[[str], bool]) -> str:
        now = self.clock.now()
        for offset in range(120):
            candidate = conflict_copy_name(path, device, datetime.fromtimestamp(now + offset))
            if is_free(candidate):
                return candidate
        raise ItemChangedError("too many conflict copies of this file", path=path)

    def _check_unchanged(self, path: str, planned: LocalState) -> None:
        now = self.local.stat(path)
        if now is None or (now.inode, now.size, now.mtime_ns) != (
            planned.inode, planned.size, planned.mtime_ns,
        ):  # fmt: skip
            raise ItemChangedError("it changed while syncing", path=path)
