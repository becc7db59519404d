"""Pending transfers: remembering a transfer whose journal write may never have happened.

A transfer lands first and is journalled after (*journal after success*).  If the process
dies in between, or the answer to the request that made it land is lost, nothing says
that both sides now hold the same item.  The next pass then meets it on both sides as two
unrelated items; harmless while nobody touches it (equal bytes compare equal, two
folders of one name are one folder), but a later change on either side meets the other
side's copy as a second change: a false conflict copy.

So before an item can land the executor writes a ``PendingTransfer`` (paths, direction,
size and MD5 of the bytes, the local item's identity, the server version involved), and
removes it with the journal write of its success.  At the next full pass, once both
trees are read and before planning, each leftover one is *settled*:

- a download landed when a local file is the temp file it wrote, wherever the user moved
  it since: same inode and device (only the rename can have put that inode in the
  folder), and the same size and MD5 (an inode number is reused once its file is gone:
  an edit made since cannot be told from an unrelated file, so it is not proven); the
  server version it fetched becomes the synced base;
- an upload landed when the server's file at its path has its size and its MD5 (the one
  the server reports, else the file is downloaded and hashed: rare, and bounded by one
  transfer) and is not the version it was to replace: the file that was sent becomes the
  synced base;
- a folder made on one side landed when that side has a folder at its path;
- anything else drops the intent: the usual rules apply (compare, keep both), which are
  safe, only less precise.

The base recorded is the transferred item, not what each side holds now: a change made
since on the other side (an edit, a move) is then seen as an ordinary one-sided change.
The decisions are pure (``proven_entry``); ``TransferSettler`` finds the items and hashes
through the ports.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from typing import BinaryIO, cast

from cozysync.errors import CozySyncError, FatalError
from cozysync.models import (
    Action,
    ActionKind,
    JournalEntry,
    LocalState,
    PendingTransfer,
    RemoteState,
)
from cozysync.paths import path_key
from cozysync.ports import Journal, LocalFS, Remote
from cozysync.sync.hashing import HashingReader, HashingWriter

__all__ = [
    "DOWNLOAD",
    "EMPTY_MD5",
    "MKDIR_LOCAL",
    "MKDIR_REMOTE",
    "UPLOAD",
    "IntentReader",
    "TransferSettler",
    "download_intent",
    "folder_intent",
    "intent_before",
    "known_hash",
    "proven_entry",
    "upload_intent",
    "upload_may_have_landed",
]

log = logging.getLogger(__name__)

UPLOAD = "upload"
DOWNLOAD = "download"
MKDIR_REMOTE = "mkdir-remote"
MKDIR_LOCAL = "mkdir-local"
EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e"


def upload_intent(
    key: str, sent: LocalState, remote_path: str, content_hash: str, replaced: RemoteState | None
) -> PendingTransfer:
    """The intent of uploading ``sent`` (whose bytes hash to ``content_hash``)."""
    return PendingTransfer(
        key=key,
        direction=UPLOAD,
        local_path=sent.path,
        remote_path=remote_path,
        size=sent.size,
        content_hash=content_hash,
        inode=sent.inode,
        device=sent.device,
        mtime_ns=sent.mtime_ns,
        etag=replaced.etag if replaced is not None else None,
        remote_id=replaced.remote_id if replaced is not None else None,
        remote_mtime=replaced.mtime if replaced is not None else None,
    )


def download_intent(
    key: str, local_path: str, temp: LocalState, fetched: RemoteState, content_hash: str
) -> PendingTransfer:
    """The intent of putting the temp file ``temp`` (holding ``fetched``) at ``local_path``;
    its mtime is the one the rename into place gives it (the server's, when known)."""
    mtime_ns = fetched.mtime * 1_000_000_000 if fetched.mtime is not None else temp.mtime_ns
    return PendingTransfer(
        key=key,
        direction=DOWNLOAD,
        local_path=local_path,
        remote_path=fetched.path,
        size=temp.size,
        content_hash=content_hash,
        inode=temp.inode,
        device=temp.device,
        mtime_ns=mtime_ns,
        etag=fetched.etag,
        remote_id=fetched.remote_id,
        remote_mtime=fetched.mtime,
    )


def folder_intent(
    key: str, direction: str, local_path: str, remote_path: str, local: LocalState | None
) -> PendingTransfer:
    """The intent of making a folder on the server (``MKDIR_REMOTE``, ``local`` is the
    folder here) or here (``MKDIR_LOCAL``)."""
    return PendingTransfer(
        key=key,
        direction=direction,
        local_path=local_path,
        remote_path=remote_path,
        size=0,
        content_hash="",
        inode=local.inode if local is not None else 0,
        device=local.device if local is not None else 0,
        mtime_ns=local.mtime_ns if local is not None else 0,
        etag=None,
        remote_id=None,
        remote_mtime=None,
    )


def upload_may_have_landed(t: PendingTransfer, remote: RemoteState | None) -> bool:
    """The server's file may hold the uploaded bytes (its MD5 must still be checked when
    the server does not report it)."""
    if remote is None or remote.is_dir or remote.size != t.size:
        return False
    if t.etag is not None and remote.etag == t.etag:
        return False  # still the version the upload was to replace
    return remote.content_hash is None or remote.content_hash == t.content_hash


def proven_entry(
    t: PendingTransfer, local: LocalState | None, remote: RemoteState | None
) -> JournalEntry | None:
    """The journal entry a pending transfer proves, or None: nothing proven.

    ``local``: for a download, the local file with the temp file's inode and device
    (wherever it is now) with the MD5 of its bytes; for a folder made here, the local
    item at its path (the server's folder it copied may be gone since: only the side it
    was made on proves it).
    ``remote``: the server's item at its path, for an upload with the MD5 of its bytes."""
    if t.direction == DOWNLOAD:
        if not _may_be_the_download(t, local) or local is None:
            return None
        if local.content_hash != t.content_hash:
            return None
        fetched = RemoteState(
            t.remote_path, False, t.size, t.remote_mtime, t.etag, t.remote_id, t.content_hash
        )
        return _bit_unknown(JournalEntry.from_states(t.key, _sent(t), fetched))
    if t.direction == UPLOAD:
        if not upload_may_have_landed(t, remote) or remote is None:
            return None
        if remote.content_hash != t.content_hash:
            return None
        return _bit_unknown(JournalEntry.from_states(t.key, _sent(t), remote))
    if t.direction == MKDIR_REMOTE:
        if remote is None or not remote.is_dir:
            return None
        folder = LocalState(t.local_path, True, 0, t.mtime_ns, t.inode, t.device)
        return JournalEntry.from_states(t.key, folder, remote)
    if t.direction == MKDIR_LOCAL:
        if local is None or not local.is_dir:
            return None
        if remote is None or not remote.is_dir:
            # The server's folder, there when the mkdir was planned, went since (deleted,
            # replaced by a file): a change there, judged against the folder (seed 60038).
            remote = RemoteState(t.remote_path, True, 0, None, None)
        return JournalEntry.from_states(t.key, local, remote)
    return None


def _may_be_the_download(t: PendingTransfer, local: LocalState | None) -> bool:
    return (
        local is not None
        and not local.is_dir
        and (local.inode, local.device, local.size) == (t.inode, t.device, t.size)
    )


def _bit_unknown(entry: JournalEntry) -> JournalEntry:
    """A transfer does not note the file's x bit here: the journal learns it next time."""
    return dataclasses.replace(entry, executable=None)


def _sent(t: PendingTransfer) -> LocalState:
    """The transferred file as it stood here."""
    return LocalState(t.local_path, False, t.size, t.mtime_ns, t.inode, t.device, t.content_hash)


def known_hash(local: LocalState) -> str | None:
    return local.content_hash or (EMPTY_MD5 if local.size == 0 else None)


def intent_before(a: Action) -> PendingTransfer | None:
    """The pending transfer of an action whose facts are known before it runs."""
    if a.kind is ActionKind.UPLOAD and a.local is not None and not a.local.is_dir:
        known = known_hash(a.local)
        if known is not None:
            return upload_intent(a.key, a.local, a.remote_path, known, a.remote)
    elif a.kind is ActionKind.MKDIR_REMOTE:
        return folder_intent(a.key, MKDIR_REMOTE, a.local_path, a.remote_path, a.local)
    elif a.kind is ActionKind.MKDIR_LOCAL:
        return folder_intent(a.key, MKDIR_LOCAL, a.local_path, a.remote_path, None)
    return None


class IntentReader(HashingReader):
    """A ``HashingReader`` that calls ``on_end`` once the whole file was read (the
    upload's bytes are known, and cannot have landed yet).  What ``on_end`` raises (the
    journal's disk is full...) goes up through the request, which is then never
    complete: an upload that could not be remembered does not land (seed 40072)."""

    def __init__(
        self,
        stream: BinaryIO,
        size: int,
        on_end: Callable[[HashingReader], None] | None,
    ) -> None:
        super().__init__(stream, size)
        self._size = size
        self._on_end = on_end

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        if not data and self._on_end is not None and self.count == self._size:
            on_end, self._on_end = self._on_end, None
            on_end(self)
        return data


class _Discard:
    """A sink that keeps nothing (only the hash of what goes through matters)."""

    def write(self, data: bytes) -> int:
        return len(data)

    def flush(self) -> None:
        return None


class TransferSettler:
    """Settles the journal's pending transfers against both trees of a full pass (the
    hashing through the ports; see the module)."""

    def __init__(self, local: LocalFS, remote: Remote, journal: Journal) -> None:
        self.local = local
        self.remote = remote
        self.journal = journal

    def settle(self, local: Iterable[LocalState], remote: Iterable[RemoteState]) -> int:
        """Settle every pending transfer; how many became journal entries.

        A ``FatalError`` (offline, disk full...) stops the pass and keeps the intents
        for the next one; any other failure only drops the intent it concerns."""
        transfers = self.journal.transfers()
        if not transfers:
            return 0
        local_by_key = {path_key(s.path): s for s in local}
        local_by_inode = {(s.device, s.inode): s for s in local_by_key.values() if not s.is_dir}
        remote_by_key = {path_key(r.path): r for r in remote}
        recorded = 0
        for t in transfers:
            here = (
                local_by_inode.get((t.device, t.inode))
                if t.direction == DOWNLOAD
                else local_by_key.get(t.key)
            )
            there = remote_by_key.get(t.key)
            try:
                entry = proven_entry(t, self._local_hash(t, here), self._with_hash(t, there))
            except FatalError:
                raise
            except CozySyncError as exc:
                log.info("%s: pending %s not settled: %s", t.local_path, t.direction, exc.title)
                entry = None
            with self.journal.transaction():
                if entry is not None:
                    self.journal.put(entry)
                    recorded += 1
                self.journal.remove_transfer(t.key)
            log.info("%s: pending %s %s", t.local_path, t.direction,
                     "settled: it had landed" if entry else "dropped")  # fmt: skip
        return recorded

    def _local_hash(self, t: PendingTransfer, local: LocalState | None) -> LocalState | None:
        """The local file with the MD5 of its bytes, if it may be the download's."""
        if t.direction != DOWNLOAD or local is None or not _may_be_the_download(t, local):
            return local
        return dataclasses.replace(local, content_hash=self.local.hash_file(local.path))

    def _with_hash(self, t: PendingTransfer, remote: RemoteState | None) -> RemoteState | None:
        """The server's file with the MD5 of its bytes, hashed here if it may be the
        upload's and the server does not say."""
        if t.direction != UPLOAD or remote is None or not upload_may_have_landed(t, remote):
            return remote
        if remote.content_hash is not None:
            return remote
        writer = HashingWriter(cast(BinaryIO, _Discard()))
        fetched = self.remote.download(
            remote.path, cast(BinaryIO, writer), expected=remote, progress=None
        )
        return dataclasses.replace(fetched, content_hash=writer.hexdigest)
