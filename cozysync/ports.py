"""The small interfaces the sync pipeline talks to.  Adapters implement them:
``cozysync.local.fs.LocalFolder`` (LocalFS), ``cozysync.remotes.webdav.WebDavRemote``
(Remote), ``cozysync.journal.store.SqliteJournal`` (Journal), ``cozysync.secrets`` (Secrets).

Every method raises only ``cozysync.errors`` exceptions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from cozysync.file_versions import FileVersion
from cozysync.messages import Message
from cozysync.models import (
    Conflict,
    Invitation,
    ItemError,
    JournalEntry,
    LocalState,
    PendingTransfer,
    ReadOnlyShare,
    RemoteCapabilities,
    RemoteState,
    ServerTrashItem,
    SkippedItem,
    StorageQuota,
)
from cozysync.online import OpenOnline
from cozysync.share_models import LinkOptions, Share, Sharee

__all__ = [
    "RESCAN_ALL",
    "AbandonedTemps",
    "AccountSide",
    "ChangeFeed",
    "ChangeWatcher",
    "Clock",
    "ConfirmsUploads",
    "IgnoreRules",
    "Journal",
    "KeepsExecutableBit",
    "KeepsVersions",
    "LocalFS",
    "OpenOnline",
    "ProbeCache",
    "Remote",
    "RemoteFeatures",
    "ReportsSkippedItems",
    "Secrets",
    "ServerTemps",
    "ServerTrash",
    "Sharing",
    "Stoppable",
    "SyncFolder",
    "TellsInvitations",
    "TellsQuota",
    "TellsReadOnlyShares",
    "TellsUnchangedListing",
    "VersionHistory",
]

Progress = Callable[[int], None]  # called with the number of bytes just transferred


class Clock(Protocol):
    def now(self) -> float:
        """Wall-clock unix time."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class IgnoreRules(Protocol):
    def is_ignored(self, path: str, is_dir: bool) -> bool:
        """True if the relative path is excluded from sync (built-in or .cozyignore)."""


class LocalFS(Protocol):
    """The local sync folder.  Paths are relative to ``root``."""

    root: Path

    def scan(self, ignore: IgnoreRules, under: str = "") -> list[LocalState]:
        """Every item below ``under`` (not itself), without content hashes.

        Ignored items and our own temp files are left out; an unreadable root raises
        ``LocalPermissionError``; an unreadable folder below it is held back (never
        reported as empty: see ``scan_held``)."""

    def scan_held(
        self, ignore: IgnoreRules, under: str = ""
    ) -> tuple[list[LocalState], list[SkippedItem]]:
        """As ``scan``, plus what the scan *held back*: symbolic links, devices and
        pipes, folders that cannot be read (their content is not listed), names that
        are not UTF-8.  A held-back item is neither synced nor a deletion."""

    def stat(self, path: str) -> LocalState | None:
        """The item at ``path``, or None if there is none (no hash)."""

    def held_back_at(self, path: str) -> SkippedItem | None:
        """The held-back item at ``path`` (a link, a device or pipe), if that is what
        is there."""

    def hash_file(self, path: str) -> str:
        """Hex MD5 of the file's content, streamed."""

    def open_read(self, path: str) -> BinaryIO: ...

    def temp_file(self, path: str) -> AbstractContextManager[tuple[str, BinaryIO]]:
        """A new hidden temp file in the folder of ``path`` (created if missing is NOT
        done: the folder must exist).  Yields (temp relative path, writable file); the
        temp is removed on exit unless ``commit_temp`` consumed it."""

    def commit_temp(
        self, temp_path: str, path: str, *, expected: LocalState | None, mtime: int | None
    ) -> LocalState:
        """Atomically put the temp file at ``path``, only if ``path`` still matches
        ``expected`` (None: nothing must be there).  Else ``ItemChangedError``."""

    def mkdir(self, path: str) -> LocalState: ...

    def set_executable(self, path: str, executable: bool, *, expected: LocalState) -> LocalState:
        """Give the file the x bit or take it away, only if it is still ``expected``
        (``ItemChangedError`` else); content and mtime untouched."""

    def move(self, src: str, dst: str) -> LocalState:
        """Rename without ever replacing an existing ``dst`` (``ItemChangedError``)."""

    def trash(self, path: str) -> None:
        """Send the file or folder to the OS trash (never plain deletion)."""

    def is_case_insensitive(self) -> bool: ...


class ProbeCache(Protocol):
    """A remote whose capability probes cost requests: what they found is kept (in the
    folder's journal) and handed back, so that they are not sent at every start."""

    def check(self, known: str | None = None) -> None:
        """As ``Remote.check``; ``known``: a ``probe_record`` kept from an earlier run."""

    def probe_record(self) -> str | None:
        """What the probes found, to keep for the next ``check`` (None: nothing probed)."""


class ServerTemps(Protocol):
    """A remote that uploads through hidden temp files on the server (WebDAV)."""

    def cleanup_temp_files(self, older_than_seconds: float) -> int:
        """Delete our temps older than that (left by a run that was killed); how many."""


class AbandonedTemps(Protocol):
    """A remote that knows the temps of the uploads it cut short (a pause, a lost
    connection): handed over once, kept by the session, deleted at a later pass."""

    def take_abandoned_temps(self) -> set[str]: ...

    def delete_abandoned_temps(self, paths: Iterable[str]) -> set[str]:
        """Delete those temps; returns the ones to try again later."""


class ReportsSkippedItems(Protocol):
    """A remote whose listing can meet names this computer cannot represent at all
    (``/`` or NUL in a name, not UTF-8): left out of the listing, told here."""

    @property
    def skipped_items(self) -> tuple[SkippedItem, ...]:
        """What the last listing left out (``SkipKind.BAD_NAME``, with the reason)."""


class TellsReadOnlyShares(Protocol):
    """A remote where other users share folders with this account, some read-only: the
    server takes a change made in one, but never passes it on to the owner, whose next
    update replaces it (the Cozy; docs/cozy-stack.md, "Read-only shares")."""

    def read_only_shares(self) -> tuple[ReadOnlyShare, ...]:
        """The read-only shared folders at or under the synced root, as of the last
        ``list_tree`` (asked once per full pass, after it)."""


class TellsInvitations(Protocol):
    """A remote where other users offer folders to share, waiting for this account to
    accept or decline (a Cozy's pending sharings: docs/cozy-stack.md, "Invitations")."""

    def invitations(self) -> tuple[Invitation, ...]:
        """The invitations waiting now (asked from the server)."""

    def new_invitations(self) -> tuple[Invitation, ...]:
        """The invitations the last full pass saw and this object has not told yet (no
        request of its own)."""

    def accept_address(self, sharing_id: str) -> str:
        """The server's page where the user accepts ``sharing_id`` in a browser."""

    def decline(self, sharing_id: str) -> None:
        """Decline ``sharing_id``: it is no longer offered."""


class AccountSide(Protocol):
    """A server that tells things about the account (a Cozy's warnings, its free space
    before a big upload) and notes each pass (the Cozy's last-sync time of the device)."""

    def take_notices(self) -> list[Message]:
        """What to tell the user since the last call (typed; ``text()`` is English)."""

    def standing_warnings(self) -> tuple[Message, ...] | None:
        """The server's warnings about the account as last asked (a Cozy's terms to
        accept: they stand until dealt with; empty: none now); None when not asked yet."""

    def after_pass(self) -> None:
        """A pass ran to its end (best effort: never raises for the server's answer)."""


class KeepsExecutableBit(Protocol):
    """A server that keeps a file's executable bit (a Cozy's ``executable`` attribute):
    a ``chmod +x`` alone on either side is carried to the other."""

    def set_executable(self, path: str, executable: bool, *, expected: RemoteState) -> RemoteState:
        """Set the bit of the file at ``path``, only if it is still the ``expected``
        version (``PreconditionFailedError`` else); its content is not sent again."""


class TellsQuota(Protocol):
    """A server that tells how much space the account uses and has left (RFC 4331's
    ``quota-used-bytes``/``quota-available-bytes`` on WebDAV, a Cozy's disk usage)."""

    def storage_quota(self) -> StorageQuota | None:
        """What the server says now; None when it does not say (never raises for that:
        a network failure raises as everywhere else)."""


class Sharing(Protocol):
    """A server that shares files and folders (issue 17): public links, people and groups
    of its address book (a Cozy's permissions and sharings, Nextcloud's OCS share API).
    Paths are relative to the synced folder, as everywhere."""

    def share_link(self, path: str, options: LinkOptions) -> Share:
        """A new public link to ``path``."""

    def shares(self) -> tuple[Share, ...]:
        """What this account shares (links, people, groups) and what is shared with it."""

    def stop_share(self, share_id: str) -> None:
        """Stop one of this account's shares (``Share.share_id``)."""

    # after ``leave_share``, True: the item stays in the account (a Cozy keeps the
    # folder, renamed, no longer updated); False: it leaves it (Nextcloud: the mount goes)
    leaving_keeps_the_item: bool

    def leave_share(self, share_id: str) -> None:
        """Leave a share someone else made with this account (``Share.share_id`` of one
        not ``mine``)."""

    def find_sharees(self, query: str) -> tuple[Sharee, ...]:
        """The people and groups of the address book whose name holds ``query``."""

    def share_with(
        self, path: str, sharees: tuple[Sharee, ...], *, read_only: bool
    ) -> tuple[Share, ...]:
        """Share ``path`` with these people and groups (each gets an invitation)."""


class Stoppable(Protocol):
    def stop(self) -> None: ...


class ChangeFeed(Protocol):
    """A remote that can tell as they happen that things changed on the server (the
    Cozy's realtime websocket), so that a watch loop lists it without waiting a poll."""

    def watch_changes(self, on_change: Callable[[], None], name: str) -> Stoppable:
        """Start telling ``on_change`` (from another thread); stop with the result."""


@dataclass(frozen=True, slots=True)
class RemoteFeatures:
    """The optional capabilities a remote declares, each the object that has it (the
    adapter itself, most often), or None.  Declared rather than guessed: the session and
    the engine never ask an adapter's class or look for an attribute by name, and mypy
    checks that what an adapter declares has the capability's methods."""

    probe_cache: ProbeCache | None = None
    server_temps: ServerTemps | None = None
    abandoned_temps: AbandonedTemps | None = None
    skipped_items: ReportsSkippedItems | None = None
    change_feed: ChangeFeed | None = None
    read_only_shares: TellsReadOnlyShares | None = None
    invitations: TellsInvitations | None = None
    account: AccountSide | None = None
    quota: TellsQuota | None = None
    confirms_uploads: ConfirmsUploads | None = None
    unchanged_listing: TellsUnchangedListing | None = None
    version_history: VersionHistory | None = None
    open_online: OpenOnline | None = None  # cozysync.online
    sharing: Sharing | None = None
    server_trash: ServerTrash | None = None
    versions: KeepsVersions | None = None
    executable_bit: KeepsExecutableBit | None = None


class SyncFolder(LocalFS, Protocol):
    """The synced folder as a session opens it: a ``LocalFS`` that also tidies what a
    crash left and counts what ``.cozyignore`` left out of its last scan."""

    left_out_by_rules: int

    def cleanup_temp_files(self) -> list[str]:
        """Remove our temp files a crash left behind (before syncing starts)."""


RESCAN_ALL = ""  # a ``ChangeWatcher.wait`` path meaning "rescan the whole folder"


class ChangeWatcher(Protocol):
    """The local folder's changes as they happen (watch mode)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def wake(self) -> None:
        """The next (or current) ``wait`` returns at once."""

    def wait(self, timeout: float) -> set[str]:
        """The changed paths now stable, ``{RESCAN_ALL}`` to rescan everything, or an
        empty set after ``timeout`` seconds."""


class Remote(Protocol):
    """A remote folder tree (WebDAV collection, Cozy folder)."""

    @property
    def capabilities(self) -> RemoteCapabilities: ...

    @property
    def features(self) -> RemoteFeatures:
        """The optional capabilities it has (``RemoteFeatures``)."""

    def check(self) -> None:
        """Probe the server: raises OfflineError, AuthError, ProtocolError or ConfigError."""

    def list_tree(self) -> list[RemoteState]:
        """Every item below the root.  A listing that did not complete raises; it is
        never returned partial (a partial listing would look like deletions)."""

    def stat(self, path: str) -> RemoteState | None: ...

    def download(
        self, path: str, sink: BinaryIO, *, expected: RemoteState | None, progress: Progress | None
    ) -> RemoteState:
        """Stream the file into ``sink``; return the state of the version written.

        Raises ``PreconditionFailedError`` if it no longer matches ``expected``'s ETag,
        ``IntegrityError`` if the length (or checksum) does not match."""

    def upload(
        self,
        path: str,
        open_source: Callable[[], BinaryIO],
        size: int,
        *,
        replace: RemoteState | None,
        mtime: int | None,
        content_hash: str | None,
        progress: Progress | None,
    ) -> RemoteState:
        """Stream ``size`` bytes to ``path``.  ``replace`` None: create only (fail with
        ``PreconditionFailedError`` if something is there); else replace only that
        version (If-Match).  ``open_source`` is called again on every retry; a body that
        does not have exactly ``size`` bytes is refused (``ItemChangedError``).  Raises
        ``IntegrityError`` when the server did not store what was sent (*upload
        verification*: its size, and MD5 where the server gives one)."""

    def mkdir(self, path: str) -> RemoteState: ...

    def move(self, src: str, dst: str, *, expected: RemoteState | None) -> RemoteState:
        """Move without replacing an existing ``dst``."""

    def delete(self, path: str, *, expected: RemoteState | None) -> None:
        """Delete (to the server's trash where it has one)."""

    def list_below(self, path: str) -> list[RemoteState]:
        """Every item below the folder ``path`` (used to check a folder before deleting)."""

    def close(self) -> None: ...


class VersionHistory(Protocol):
    """A remote that keeps old versions of files (the Cozy Stack does)."""

    def known_versions(self, path: str) -> set[str]:
        """Hex MD5s of the file's current and old versions on the server."""


class KeepsVersions(Protocol):
    """A remote whose server keeps old versions of files that a user can list, read and
    restore (a Cozy's ``old_versions``, a Nextcloud's versions DAV collection).  Paths
    are the file's, relative to the synced root."""

    def list_versions(self, path: str) -> list[FileVersion]:
        """The file's old versions, newest first (the current one is not in it);
        ``RemoteItemMissingError`` when there is no file at ``path``."""

    def download_version(self, path: str, version_id: str, sink: BinaryIO) -> int:
        """Stream that old version's content into ``sink``; how many bytes."""

    def restore_version(self, path: str, version_id: str) -> None:
        """Make that old version the current content on the server (the content it
        replaces is kept as an old version there); the next pass brings it down."""


class ServerTrash(Protocol):
    """A server that keeps what is deleted in a trash the user can restore from (a
    Cozy's ``/files/trash``, Nextcloud's trash bin).  A restore is a change on the
    server: the next pass brings it down like any other."""

    def trashed_items(self) -> list[ServerTrashItem]:
        """The items of the trash that were in the synced folder, newest first."""

    def restore(self, item: ServerTrashItem, to_folder: str | None = None) -> str:
        """Put ``item`` back at its place, its missing parent folders made again (or
        into the folder ``to_folder``, relative to the synced root, which must exist);
        never over an existing item.  Returns its path now (the server may have given
        it another name).  Raises ``RemoteItemMissingError`` when it is no longer in the
        trash, ``ItemChangedError`` when the name is taken in ``to_folder``."""


class ConfirmsUploads(Protocol):
    """A remote whose uploads can leave reading the new version for later, so that a
    batch of uploads is confirmed with one listing per folder instead of one per file."""

    def upload_unconfirmed(
        self,
        path: str,
        open_source: Callable[[], BinaryIO],
        size: int,
        *,
        replace: RemoteState | None,
        mtime: int | None,
        content_hash: str | None,
        progress: Progress | None,
    ) -> RemoteState:
        """As ``Remote.upload``, but the state returned has no ETag yet (a placeholder):
        ``confirm_uploads`` gives the real one."""

    def confirm_uploads(self, paths: Iterable[str]) -> dict[str, RemoteState]:
        """The server's state of each path uploaded unconfirmed, if it is still the
        version this client sent; a path left out could not be confirmed (changed since,
        or unreadable) and must not be recorded as synced."""


class TellsUnchangedListing(Protocol):
    """A remote that can tell a listing it has already given without reading it again:
    ``list_tree_unless`` takes the ``listing_token`` of an earlier ``list_tree`` and
    returns None when the server's answer is exactly the one that token names (a
    watch-mode poll that finds nothing new then costs one request and no parse)."""

    listing_token: str | None  # of the last complete listing (None: none to offer)

    def list_tree_unless(self, token: str | None) -> list[RemoteState] | None: ...


class Journal(Protocol):
    """The last synced state of every item, plus per-folder bookkeeping."""

    def entries(self) -> dict[str, JournalEntry]: ...

    def put(self, entry: JournalEntry) -> None: ...

    def put_many(self, entries: Iterable[JournalEntry]) -> None: ...

    def remove_tree(self, key: str) -> None:
        """Forget ``key`` and everything below it."""

    def relocate(self, old_key: str, new_key: str, local_path: str, remote_path: str) -> None:
        """Move ``old_key`` and everything below it to ``new_key`` (both sides' paths)."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def get_meta(self, name: str) -> str | None: ...

    def set_meta(self, name: str, value: str | None) -> None: ...

    def add_conflict(self, conflict: Conflict) -> None: ...

    def conflicts(self) -> list[Conflict]: ...

    def remove_conflict(self, path: str) -> None: ...

    def record_error(self, error: ItemError) -> None: ...

    def clear_error(self, path: str) -> None: ...

    def error(self, path: str) -> ItemError | None:
        """The error recorded for ``path``, if any: one lookup by its key (the executor
        asks it once per failed item; reading ``errors()`` there was quadratic)."""

    def errors(self) -> list[ItemError]: ...

    def transfers(self) -> list[PendingTransfer]:
        """Transfers that may have landed without their journal write (key order)."""

    def put_transfer(self, transfer: PendingTransfer) -> None: ...

    def remove_transfer(self, key: str) -> None: ...

    def close(self) -> None: ...


class Secrets(Protocol):
    def get(self, account: str) -> str | None: ...

    def set(self, account: str, secret: str) -> None: ...

    def delete(self, account: str) -> None: ...
