"""Plain data shared by every stage: the three views of the tree, changes and plans.

Paths are *relative paths*: POSIX style, no leading or trailing slash, ``""`` for the sync
root.  Each side keeps its own spelling of a path (``local_path``, ``remote_path``); the
three views are matched on the *key* of a path (see ``cozysync.paths.path_key``), which
is its Unicode NFC form, so that a name spelled NFD on one side and NFC on the other is
one item, not two.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

__all__ = [
    "Action",
    "ActionKind",
    "Conflict",
    "Decision",
    "Invitation",
    "ItemError",
    "JournalEntry",
    "LocalState",
    "PendingTransfer",
    "Plan",
    "ReadOnlyShare",
    "RemoteCapabilities",
    "RemoteState",
    "ServerTrashItem",
    "SkipKind",
    "SkippedItem",
    "StorageQuota",
    "SyncMode",
]


@dataclass(frozen=True, slots=True)
class LocalState:
    """One item of the local folder as the scan saw it."""

    path: str
    is_dir: bool
    size: int
    mtime_ns: int
    inode: int
    device: int
    content_hash: str | None = None  # hex MD5, filled only when needed
    executable: bool = False  # a file with its owner's x bit (chmod +x)


class SkipKind(enum.Enum):
    """Why the scan saw an item of the local folder and did not take it as a sync item."""

    LINK = "link"  # a symbolic link: never followed
    SPECIAL = "special"  # a device, pipe or socket
    BAD_NAME = "bad-name"  # a name that is not valid UTF-8
    UNREADABLE = "unreadable"  # a folder whose content cannot be listed
    READ_ONLY_SHARE = "read-only-share"  # a change inside a folder shared with us read-only


@dataclass(frozen=True, slots=True)
class SkippedItem:
    """An item the local scan saw but does not sync; the engine *holds it back*: its
    journal row and its server copy are left alone, and it is reported by name."""

    path: str
    kind: SkipKind
    reason: str
    share: ReadOnlyShare | None = None  # kind READ_ONLY_SHARE: the share it is in


@dataclass(frozen=True, slots=True)
class RemoteState:
    """One item on the server as the listing saw it."""

    path: str
    is_dir: bool
    size: int
    mtime: int | None  # unix seconds, when the server gives one
    etag: str | None  # normalised: no quotes, no W/
    remote_id: str | None = None  # a stable id (Nextcloud oc:fileid, Cozy _id)
    content_hash: str | None = None  # hex MD5 when the server gives one
    executable: bool | None = None  # a Cozy's ``executable``; None: the server keeps none


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """The last synced state of one item: what both sides agreed on."""

    key: str
    local_path: str
    remote_path: str
    is_dir: bool
    # local side at last sync
    inode: int
    device: int
    size: int
    mtime_ns: int
    content_hash: str | None
    # remote side at last sync
    etag: str | None
    remote_id: str | None
    remote_size: int
    remote_mtime: int | None
    # the x bit of each side at last sync (None: not known: a folder, a server that keeps
    # none, or a journal from before v5)
    executable: bool | None = None
    remote_executable: bool | None = None

    @staticmethod
    def from_states(key: str, local: LocalState, remote: RemoteState) -> JournalEntry:
        return JournalEntry(
            key=key,
            local_path=local.path,
            remote_path=remote.path,
            is_dir=local.is_dir,
            inode=local.inode,
            device=local.device,
            size=local.size,
            mtime_ns=local.mtime_ns,
            content_hash=local.content_hash,
            etag=remote.etag,
            remote_id=remote.remote_id,
            remote_size=remote.size,
            remote_mtime=remote.mtime,
            executable=None if local.is_dir else local.executable,
            remote_executable=None if remote.is_dir else remote.executable,
        )


@dataclass(frozen=True, slots=True)
class RemoteCapabilities:
    """What a server supports, probed once per link."""

    depth_infinity: bool = False
    if_match: bool = True
    set_mtime: bool = False
    content_hashes: bool = False
    stable_ids: bool = False
    trash: bool = False  # deletions go to a server-side trash
    case_insensitive: bool = False


class SyncMode(enum.Enum):
    """What a linked folder does (docs/sync-algorithm.md, "Modes")."""

    TWO_WAY = "two-way"  # everything both ways
    BACKUP = "backup"  # this computer → server; nothing on the server is deleted or changed
    DOWNLOAD_ONLY = "download-only"  # server → this computer; nothing is written to the server


@dataclass(frozen=True, slots=True)
class ReadOnlyShare:
    """A folder under the synced root that another user shares with this account
    read-only: the server takes a change made in it but never passes it on to the owner,
    whose next update replaces it (docs/cozy-stack.md, "Read-only shares")."""

    path: str  # relative to the synced root, as the server spells it ("" = the root itself)
    name: str  # the shared folder's name, as the owner titled it
    owner: str  # the owner's public name


@dataclass(frozen=True, slots=True)
class Invitation:
    """A folder another user offers to share with this account, not accepted yet (a
    Cozy's pending sharing: docs/cozy-stack.md, "Invitations")."""

    sharing_id: str
    title: str  # the shared folder's name, as the owner titled it
    owner: str  # the owner's public name
    owner_address: str  # the owner's Cozy
    read_only: bool  # offered read-only
    shortcut_id: str = ""  # the ".url" file the server put in "Shared with me" for it


@dataclass(frozen=True, slots=True)
class StorageQuota:
    """The account's space as its server tells it (RFC 4331 on WebDAV, a Cozy's disk
    usage).  A ``None`` field is one the server did not tell."""

    used_bytes: int | None
    available_bytes: int | None  # None: not told, or no limit (``is_unlimited``)
    is_unlimited: bool = False


class Decision(enum.Enum):
    """What the reconciler decided for one item (key)."""

    NOTHING = "nothing"  # in sync
    RECORD = "record"  # both sides agree, only the journal needs updating
    FORGET = "forget"  # gone on both sides: drop from the journal
    UPLOAD = "upload"
    DOWNLOAD = "download"
    MKDIR_REMOTE = "mkdir-remote"
    MKDIR_LOCAL = "mkdir-local"
    MOVE_REMOTE = "move-remote"
    MOVE_LOCAL = "move-local"
    DELETE_REMOTE = "delete-remote"
    TRASH_LOCAL = "trash-local"
    COMPARE_CONTENT = "compare-content"  # both changed or both new: same bytes? else KEEP_BOTH
    KEEP_BOTH = "keep-both"  # type clash: the local item is renamed to a conflict copy
    UNSTORABLE = "unstorable"  # the other side cannot store the name: local only, reported
    NAME_CLASH = "name-clash"  # two names differ only by case or normalisation: reported


class ActionKind(enum.Enum):
    RECORD = "record"
    FORGET = "forget"
    UPLOAD = "upload"
    DOWNLOAD = "download"
    MKDIR_REMOTE = "mkdir-remote"
    MKDIR_LOCAL = "mkdir-local"
    MOVE_REMOTE = "move-remote"
    MOVE_LOCAL = "move-local"
    DELETE_REMOTE = "delete-remote"
    TRASH_LOCAL = "trash-local"
    COMPARE_CONTENT = "compare-content"
    KEEP_BOTH = "keep-both"
    REPORT = "report"


DELETIONS = frozenset({ActionKind.DELETE_REMOTE, ActionKind.TRASH_LOCAL})


@dataclass(frozen=True, slots=True)
class Action:
    """One step of a plan, fully resolved: it names the path on each side it touches.

    ``local``/``remote``/``journal`` are the states the planner saw; the executor checks
    that the item still matches them before it overwrites or deletes anything.
    """

    kind: ActionKind
    key: str
    local_path: str
    remote_path: str
    is_dir: bool = False
    local: LocalState | None = None
    remote: RemoteState | None = None
    journal: JournalEntry | None = None
    # moves: where the item comes from (its old key and old path on the side that moves)
    source_key: str | None = None
    source_path: str | None = None
    reason: str = ""

    @property
    def is_deletion(self) -> bool:
        return self.kind in DELETIONS


@dataclass(frozen=True, slots=True)
class Plan:
    """An ordered list of actions, grouped in stages that run one after the other.

    Inside one stage, actions are independent of each other (they may run in parallel):
    folder creations parent before child, then moves in a safe order, then transfers,
    then deletions deepest first.
    """

    stages: tuple[tuple[Action, ...], ...] = ()
    reports: tuple[Action, ...] = ()  # unstorable names and clashes, nothing to execute
    # what the local scan held back (``SkippedItem``, the reason as reported): known to the
    # journal or the server (needs the user), or never synced (a link, a pipe: listed)
    held_back: tuple[SkippedItem, ...] = ()
    not_synced: tuple[SkippedItem, ...] = ()
    kept_on_server: int = 0  # backup: files on the server only

    @property
    def actions(self) -> list[Action]:
        return [a for stage in self.stages for a in stage]

    @property
    def is_empty(self) -> bool:
        return not any(self.stages)

    def count(self, *kinds: ActionKind) -> int:
        return sum(1 for a in self.actions if a.kind in kinds)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two versions of one file: the remote one kept the name, the local one was copied."""

    path: str  # local path of the file that kept the name (the remote version)
    conflict_path: str  # local path of the conflict copy (the local version)
    detected_at: float  # unix time


@dataclass(frozen=True, slots=True)
class ItemError:
    """A per-item failure, recorded and retried with back-off."""

    path: str
    title: str
    hint: str
    attempts: int = 1
    next_retry_at: float = 0.0
    kind: str = field(default="error")  # "error" or "unstorable" / "clash" (waits for the user)
    message_id: str = ""  # the error's stable id (cozysync.messages); "" if unknown


@dataclass(frozen=True, slots=True)
class PendingTransfer:
    """A transfer that may have landed without its journal entry being written.

    Written before the transferred bytes can land (an upload's body fully read, a
    download's temp file about to replace the target) and removed with the journal write
    of its success; one left over means the process died or lost the answer in between.
    The next pass *settles* it (``cozysync.sync.transfers``): a side proven to hold exactly
    these bytes becomes the synced base, so a later change on the other side is a plain
    one-sided change, not a conflict.

    ``inode``/``device``/``mtime_ns``: for an upload, the local file that was sent; for a
    download, the temp file written (its inode survives the atomic rename).  ``etag``,
    ``remote_id`` and ``remote_mtime``: for a download, the server version fetched; for an
    upload, the version it replaced (``etag`` None: it created the file)."""

    key: str
    direction: str  # "upload" or "download"
    local_path: str
    remote_path: str
    size: int
    content_hash: str  # hex MD5 of the transferred bytes
    inode: int
    device: int
    mtime_ns: int
    etag: str | None
    remote_id: str | None
    remote_mtime: int | None


@dataclass(frozen=True, slots=True)
class ServerTrashItem:
    """An item of the server's trash that was in the synced folder (``ServerTrash``).

    ``trash_id``: what the server restores it by (a Cozy doc id, a Nextcloud trash
    entry's name); ``path``: where it was, relative to the synced root; ``deleted_at``
    (unix time) and ``deleted_by`` (a person or app): when the server says."""

    trash_id: str
    path: str
    is_dir: bool
    size: int | None = None
    deleted_at: float | None = None
    deleted_by: str | None = None
