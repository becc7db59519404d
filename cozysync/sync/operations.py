"""How each kind of action is carried out on one item: check that the item is still
what the planner saw (*check before overwrite*), transfer or change it through the ports,
and say what the journal must record (``JournalUpdate``).  ``Executor`` (``execute.py``)
dispatches each action to its handler (``ItemOperations.handlers``), runs them on its pool
and writes the journal (*journal after success*)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import BinaryIO, cast

from cozysync.errors import (
    ItemChangedError,
)
from cozysync.events import ItemAction
from cozysync.models import (
    Action,
    ActionKind,
    JournalEntry,
    LocalState,
    PendingTransfer,
    RemoteState,
)
from cozysync.paths import is_same_or_under, other_spellings, path_key, rebase
from cozysync.ports import IgnoreRules, LocalFS, Remote
from cozysync.sync.changes import is_local_unchanged, is_remote_unchanged
from cozysync.sync.conflicts import ConflictKeeper, JournalUpdate
from cozysync.sync.executable import Side, executable_side
from cozysync.sync.hashing import HashingReader, HashingWriter
from cozysync.sync.progress import PassProgress
from cozysync.sync.transfers import (
    IntentReader,
    download_intent,
    known_hash,
    upload_intent,
)

__all__ = ["STAGE_KINDS", "Handler", "ItemOperations", "key_below"]


Handler = Callable[[Action], JournalUpdate]

# every kind a plan stage can hold (``plan.assemble``); a REPORT only goes to ``Plan.reports``
STAGE_KINDS = frozenset(ActionKind) - {ActionKind.REPORT}


class ItemOperations:
    """How each kind of action is carried out on one item, as ``handlers()`` maps them.

    Runs on the executor's workers: it is never handed the journal.  A pending transfer
    learnt while an action runs goes to ``remember``, which the executor runs on the
    journal's thread (``JournalThread.call``)."""

    def __init__(
        self,
        local: LocalFS,
        remote: Remote,
        ignore: IgnoreRules,
        *,
        conflicts: ConflictKeeper,
        progress: PassProgress,
        remember: Callable[[PendingTransfer], None],
    ) -> None:
        self.local = local
        self.remote = remote
        self.ignore = ignore
        self.conflicts = conflicts
        self.progress = progress
        self.remember = remember
        # set by the executor before each stage, read by its workers
        self.journal_snapshot: dict[str, JournalEntry] = {}  # read when a stage deletes a folder
        self.batched = False  # the uploads of this stage are confirmed together, after it

    def handlers(self) -> dict[ActionKind, Handler]:
        """One handler per kind of action a plan stage can hold (``STAGE_KINDS``)."""
        return {
            ActionKind.UPLOAD: self.upload,
            ActionKind.DOWNLOAD: self.download,
            ActionKind.COMPARE_CONTENT: self.compare_content,
            ActionKind.MKDIR_REMOTE: self.mkdir_remote,
            ActionKind.MKDIR_LOCAL: self.mkdir_local,
            ActionKind.MOVE_REMOTE: self.move_remote,
            ActionKind.MOVE_LOCAL: self.move_local,
            ActionKind.DELETE_REMOTE: self.delete_remote,
            ActionKind.TRASH_LOCAL: self.trash_local,
            ActionKind.KEEP_BOTH: self.keep_both,
            ActionKind.RECORD: self.record,
            ActionKind.FORGET: self.forget,
        }

    def upload(self, a: Action) -> JournalUpdate:
        """*Uploads*: stream the file as planned to the server; its pending transfer is
        remembered once its body was read to the end (unless known before the stage)."""
        current = self._local_as_planned(a)
        readers: list[HashingReader] = []
        hash_known = known_hash(current) is not None  # then remembered before the stage

        def read_whole(reader: HashingReader) -> None:
            # the body was read to its end: only now can the upload land on the server
            intent = upload_intent(a.key, current, a.remote_path, reader.hexdigest, a.remote)
            self.remember(intent)

        def open_source() -> BinaryIO:
            source = self.local.open_read(a.local_path)
            on_end = None if hash_known else read_whole
            readers.append(IntentReader(source, current.size, on_end))
            return cast(BinaryIO, readers[-1])

        if a.remote is None:
            self._check_name_free_on_server(a.remote_path)
        send = self.remote.upload
        confirmer = self.remote.features.confirms_uploads if self.batched else None
        if confirmer is not None:
            send = confirmer.upload_unconfirmed
        try:
            state = send(
                a.remote_path,
                open_source,
                current.size,
                replace=a.remote,
                mtime=current.mtime_ns // 1_000_000_000,
                content_hash=a.local.content_hash if a.local else None,
                progress=self.progress.for_item(a),
            )
        finally:
            for reader in readers:
                reader.close()
        sent = dataclasses.replace(current, content_hash=readers[-1].hexdigest)
        return JournalUpdate(
            put=JournalEntry.from_states(a.key, sent, state),
            done=ItemAction.UPLOADED,
            unconfirmed=confirmer is not None,
        )

    def download(self, a: Action) -> JournalUpdate:
        """*Temp file + atomic replace*: the server's file into a temp file, remembered
        as a pending transfer, then renamed over the target if it did not change."""
        expected = a.local if a.local is not None and not a.local.is_dir else None
        with self.local.temp_file(a.local_path) as (temp_path, sink):
            writer = HashingWriter(sink, a.remote.size if a.remote else 0)
            state = self.remote.download(
                a.remote_path,
                cast(BinaryIO, writer),
                expected=a.remote,
                progress=self.progress.for_item(a),
            )
            sink.flush()
            temp = self.local.stat(temp_path)
            if temp is not None:  # the next pass must know what may land at the name
                self.remember(download_intent(a.key, a.local_path, temp, state, writer.hexdigest))
            new = self.local.commit_temp(
                temp_path, a.local_path, expected=expected, mtime=state.mtime
            )
        if state.executable is not None and new.executable != state.executable:
            new = self.local.set_executable(a.local_path, state.executable, expected=new)
        new = dataclasses.replace(new, content_hash=writer.hexdigest)
        return JournalUpdate(
            put=JournalEntry.from_states(a.key, new, state), done=ItemAction.DOWNLOADED
        )

    def mkdir_remote(self, a: Action) -> JournalUpdate:
        """A folder made here, made on the server (*one name, one spelling*)."""
        local = self.local.stat(a.local_path)
        if local is None or not local.is_dir:
            raise ItemChangedError("the folder is not there any more", path=a.local_path)
        self._check_name_free_on_server(a.remote_path)
        state = self.remote.mkdir(a.remote_path)
        return JournalUpdate(
            put=JournalEntry.from_states(a.key, local, state), done=ItemAction.FOLDER_CREATED_REMOTE
        )

    def mkdir_local(self, a: Action) -> JournalUpdate:
        """A folder made on the server, made here, if the server still has it."""
        remote = (
            a.remote if a.remote is not None and a.remote.etag else self.remote.stat(a.remote_path)
        )
        if remote is None or not remote.is_dir:
            raise ItemChangedError("the folder is not on the server any more", path=a.local_path)
        local = self.local.mkdir(a.local_path)
        return JournalUpdate(
            put=JournalEntry.from_states(a.key, local, remote), done=ItemAction.FOLDER_CREATED_LOCAL
        )

    def move_remote(self, a: Action) -> JournalUpdate:
        """A move made here, made on the server (*one name, one spelling*)."""
        assert a.source_key is not None and a.source_path is not None and a.journal is not None
        expected = a.remote if a.remote is not None and not a.remote.is_dir else None
        self._check_name_free_on_server(a.remote_path, besides=a.source_path)
        state = self.remote.move(a.source_path, a.remote_path, expected=expected)
        entry = dataclasses.replace(
            a.journal, key=a.key, local_path=a.local_path, remote_path=state.path
        )
        if a.remote is not None and is_remote_unchanged(a.journal, a.remote):
            # The server may give a moved item a new ETag: learn it, but only if the
            # content there is still the synced one (else its change must stay visible).
            entry = dataclasses.replace(entry, etag=state.etag, remote_mtime=state.mtime)
        return JournalUpdate(
            relocate=(a.source_key, a.key, a.local_path, state.path),
            put=entry,
            done=ItemAction.MOVED_REMOTE,
            related_path=a.source_path,
        )

    def move_local(self, a: Action) -> JournalUpdate:
        """A move made on the server, made here (*check before overwrite*)."""
        assert a.source_key is not None and a.source_path is not None and a.journal is not None
        if a.local is not None and not a.local.is_dir:
            self._check_local(a.source_path, a.local)
        new = self.local.move(a.source_path, a.local_path)
        entry = dataclasses.replace(
            a.journal, key=a.key, local_path=a.local_path, remote_path=a.remote_path
        )
        if a.local is not None and is_local_unchanged(a.journal, a.local):
            entry = dataclasses.replace(
                entry, inode=new.inode, device=new.device, mtime_ns=new.mtime_ns
            )
        return JournalUpdate(
            relocate=(a.source_key, a.key, a.local_path, a.remote_path),
            put=entry,
            done=ItemAction.MOVED_LOCAL,
            related_path=a.source_path,
        )

    def delete_remote(self, a: Action) -> JournalUpdate:
        """A deletion made here, on the server; a folder only if all of it is known."""
        if a.is_dir:
            self._check_remote_folder_known(a)
            self.remote.delete(a.remote_path, expected=None)
        else:
            self.remote.delete(a.remote_path, expected=a.remote)
        return JournalUpdate(forget=a.key, done=ItemAction.DELETED_REMOTE)

    def trash_local(self, a: Action) -> JournalUpdate:
        """*Trash, not oblivion*: to the OS trash; a folder only if all of it is known."""
        if a.is_dir:
            self._check_local_folder_known(a)
        elif a.local is not None:
            self._check_local(a.local_path, a.local)
        self.local.trash(a.local_path)
        return JournalUpdate(forget=a.key, done=ItemAction.DELETED_LOCAL_TO_TRASH)

    def compare_content(self, a: Action) -> JournalUpdate:
        """Both sides changed: compare, else keep both (*conflict copy*)."""
        return self.conflicts.compare_content(a, self._local_as_planned(a), self.upload)

    def keep_both(self, a: Action) -> JournalUpdate:
        """A file and a folder have one name: one becomes a conflict copy."""
        return self.conflicts.keep_both(a)

    def record(self, a: Action) -> JournalUpdate:
        """Both sides already agree: only the journal learns it."""
        update = JournalUpdate()
        if a.source_key is not None:
            update.relocate = (a.source_key, a.key, a.local_path, a.remote_path)
        elif a.is_dir and a.journal is not None and _respelled(a.journal, a):
            # a folder spelled anew on a side (deleted and made again in another Unicode
            # form): what the journal knows below it lives below the new spelling
            update.relocate = (a.key, a.key, a.local_path, a.remote_path)
        if a.local is not None and a.remote is not None:
            local, remote = self._carry_executable(a, a.local, a.remote)
            if not local.is_dir and local.content_hash is None:
                local = dataclasses.replace(local, content_hash=self.local.hash_file(a.local_path))
            update.put = JournalEntry.from_states(a.key, local, remote)
        return update

    def _carry_executable(
        self, a: Action, local: LocalState, remote: RemoteState
    ) -> tuple[LocalState, RemoteState]:
        """A ``chmod +x`` (or ``-x``) alone, carried to the side that did not make it
        (``cozysync.sync.executable``); the content is not sent again."""
        side = executable_side(a.journal, local, remote)
        policy = self.conflicts.policy_for(a.key)  # the folder's mode, or a share's
        if side is Side.LOCAL and policy.brings_remote_changes:
            assert remote.executable is not None
            done = self.local.set_executable(a.local_path, remote.executable, expected=local)
            return dataclasses.replace(done, content_hash=local.content_hash), remote
        keeper = self.remote.features.executable_bit
        if side is Side.REMOTE and keeper is not None and policy.sends_local_changes:
            return local, keeper.set_executable(a.remote_path, local.executable, expected=remote)
        return local, remote  # kept apart (a one-way mode): the journal learns both bits

    def forget(self, a: Action) -> JournalUpdate:
        """Gone on both sides: only the journal forgets it."""
        return JournalUpdate(forget=a.key)

    def _local_as_planned(self, a: Action) -> LocalState:
        if a.local is None:
            raise ItemChangedError("it is not on this computer any more", path=a.local_path)
        current = self._check_local(a.local_path, a.local)
        return dataclasses.replace(current, content_hash=a.local.content_hash)

    def _check_local(self, path: str, planned: LocalState) -> LocalState:
        current = self.local.stat(path)
        if (
            current is None
            or current.is_dir != planned.is_dir
            or (
                not current.is_dir
                and (current.inode, current.size, current.mtime_ns)
                != (planned.inode, planned.size, planned.mtime_ns)
            )
        ):
            raise ItemChangedError("it changed while syncing", path=path)
        return current

    def _known_entries(self, key: str) -> dict[str, JournalEntry]:
        return {k: e for k, e in self.journal_snapshot.items() if is_same_or_under(k, key)}

    def _same_local_content(self, entry: JournalEntry, item: LocalState) -> bool:
        """Untouched since the last sync, or rewritten with the same bytes."""
        if is_local_unchanged(entry, item):
            return True
        return (
            entry.content_hash is not None and self.local.hash_file(item.path) == entry.content_hash
        )

    def _check_name_free_on_server(self, path: str, *, besides: str | None = None) -> None:
        """A new name on the server must not be the same name in another Unicode form
        (NFC from here, NFD from a Mac): the server would keep two items that are one to
        the sync.  It may have appeared there since the listing; the next pass compares
        the two.  One stat per other form, only for a non-ASCII name."""
        for other in other_spellings(path):
            if other != besides and self.remote.stat(other) is not None:
                raise ItemChangedError(
                    f"{path} appeared on the server meanwhile under another Unicode "
                    "spelling; nothing was sent",
                    path=path,
                )

    def _check_remote_folder_known(self, a: Action) -> None:
        known = self._known_entries(a.key)
        for item in self.remote.list_below(a.remote_path):
            entry = known.get(key_below(a.key, a.remote_path, item.path))
            if entry is None or (not item.is_dir and not _same_remote_content(entry, item)):
                raise ItemChangedError(
                    "the folder was not deleted on the server: something inside it is new "
                    f"or changed ({item.path})",
                    path=a.local_path,
                )

    def _check_local_folder_known(self, a: Action) -> None:
        known = self._known_entries(a.key)
        items, held = self.local.scan_held(self.ignore, under=a.local_path)
        if held:  # a link, a pipe or a folder that cannot be read: never trashed unseen
            raise ItemChangedError(
                "the folder was not moved to the trash: it holds an item cozysync does not "
                f"sync ({held[0].path}: {held[0].reason})",
                path=a.local_path,
            )
        for item in items:
            entry = known.get(key_below(a.key, a.local_path, item.path))
            if entry is None or (not item.is_dir and not self._same_local_content(entry, item)):
                raise ItemChangedError(
                    "the folder was not moved to the trash: something inside it is new or "
                    f"changed ({item.path})",
                    path=a.local_path,
                )


def _same_remote_content(entry: JournalEntry, item: RemoteState) -> bool:
    """Unchanged since the last sync, or rewritten with the same bytes (the server's
    content hash is the recorded one), as the planner reads it (``changes.remote_change``):
    otherwise a folder deleted here whose file the server rewrote with the same bytes (a
    new ETag) was planned for deletion and refused at every pass."""
    if is_remote_unchanged(entry, item):
        return True
    return item.content_hash is not None and item.content_hash == entry.content_hash


def key_below(key: str, folder_path: str, item_path: str) -> str:
    """The journal key of ``item_path``, found below the folder at ``folder_path`` whose
    key is ``key``.  Known items are matched on keys, not on the paths the journal
    recorded: either side may have respelled a name in another Unicode form since."""
    return path_key(rebase(item_path, folder_path, key))


def _respelled(entry: JournalEntry, a: Action) -> bool:
    return (entry.local_path, entry.remote_path) != (a.local_path, a.remote_path)
