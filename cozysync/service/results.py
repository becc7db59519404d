"""The plain frozen dataclasses ``SyncService`` returns; they could cross a process
boundary unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field

from cozysync.events import StatusKind
from cozysync.folder_state import state_text
from cozysync.messages import Message

__all__ = [
    "CLOUD",
    "ConflictInfo",
    "ExportResult",
    "FolderStatus",
    "ItemProblem",
    "RestoreResult",
    "SyncOutcome",
    "UnlinkResult",
    "VersionInfo",
]

CLOUD = "the cloud"  # ``VersionInfo.device`` of the server's version


@dataclass(frozen=True, slots=True)
class ItemProblem:
    """A per-item error (kind "error") or a name waiting for the user ("unstorable",
    "clash").  ``title``/``hint`` are English; ``message`` is translatable."""

    path: str
    title: str
    hint: str
    kind: str = "error"
    message: Message | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One side of a conflict, as the conflict dialog shows it."""

    path: str  # inside the synced folder
    size: int | None  # None: the file is not there any more
    modified_at: float | None  # unix time
    device: str  # this computer's device name, or "the cloud" for the server's version
    is_cloud: bool


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    folder: str
    path: str  # the file that kept the name: the server's version
    conflict_path: str  # the copy: this computer's version
    detected_at: float
    remote_version: VersionInfo | None = field(default=None, kw_only=True)  # at ``path``
    local_version: VersionInfo | None = field(default=None, kw_only=True)  # the copy


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What one pass ended with: ``kind`` (up to date, offline, needs attention, paused)
    with the counts behind it; ``message`` is the English line the CLI prints."""

    folder: str
    kind: StatusKind
    in_sync: bool
    actions_done: int = 0
    pending_changes: int = 0
    conflicts: int = 0  # waiting for the user (all, not only new ones)
    errors: tuple[ItemProblem, ...] = ()
    unstorable: tuple[str, ...] = ()
    message: str = ""
    finished_at: float = 0.0
    kept_on_server: int = 0  # backup: files on the server only
    # items here the sync holds back (kind "held-back": a synced folder now a link, a
    # folder that cannot be read: their server copies are kept) and those never synced
    # (kind "not-synced": links, pipes); see ``held_problem``
    held_back: tuple[ItemProblem, ...] = field(default=(), kw_only=True)
    not_synced: tuple[ItemProblem, ...] = field(default=(), kw_only=True)
    # names waiting for the user, typed (kind "unstorable" or "clash", message
    # item.unstorable / item.name_clash, the reason as its detail); ``unstorable`` says
    # the same in the engine's words
    names_to_change: tuple[ItemProblem, ...] = field(default=(), kw_only=True)
    # the folder-wide error that stopped the pass (a safety guard, the login refused...)
    stopped_by: Message | None = field(default=None, kw_only=True)
    # items this computer's .cozyignore leaves out, as the engine's last full scan saw
    left_out_by_ignore: int = field(default=0, kw_only=True)

    @property
    def status(self) -> str:
        """``kind`` in the CLI's English words ("up to date"...), for printing: code
        compares ``kind``."""
        return state_text(self.kind)


@dataclass(frozen=True, slots=True)
class FolderStatus:
    """A folder's state (``kind``, decided by ``folder_state.decide_state``) with what
    it counts: ``pending_changes``, ``conflicts``, ``errors``, ``unstorable``,
    ``held_back``, and ``stopped_by`` (the folder-wide error that stopped the last
    pass): a folder that needs attention always has one of them to show."""

    name: str
    local_root: str
    remote_url: str
    kind: StatusKind
    pending_changes: int
    conflicts: int
    errors: tuple[ItemProblem, ...]
    unstorable: tuple[str, ...]
    last_sync_at: float | None
    detail: str
    mode: str = "two-way"
    kept_on_server: int = 0  # backup: files on the server only
    paused_until: float | None = field(default=None, kw_only=True)  # paused: None = resume
    message: Message | None = field(default=None, kw_only=True)  # ``kind`` translatable
    # items this computer's .cozyignore leaves out (an ignored folder counts once)
    left_out_by_ignore: int = field(default=0, kw_only=True)
    held_back: tuple[ItemProblem, ...] = field(default=(), kw_only=True)  # as SyncOutcome's
    not_synced: tuple[ItemProblem, ...] = field(default=(), kw_only=True)
    # names waiting for the user, typed (kind "unstorable" or "clash", message
    # item.unstorable / item.name_clash, the reason as its detail); ``unstorable`` says
    # the same in the engine's words
    names_to_change: tuple[ItemProblem, ...] = field(default=(), kw_only=True)
    stopped_by: Message | None = field(default=None, kw_only=True)
    # the server's standing warnings about the account (a Cozy's terms to accept, with
    # their ``link``), as the last start that asked found them
    warnings: tuple[Message, ...] = field(default=(), kw_only=True)

    @property
    def state(self) -> str:
        """``kind`` in the CLI's English words, for printing (``status --json`` writes
        it as "state"): code compares ``kind``."""
        return state_text(self.kind)


@dataclass(frozen=True, slots=True)
class UnlinkResult:
    name: str
    wiped_local: bool
    warnings: tuple[str, ...] = ()
    # what the server was told, typed: a Nextcloud app password revoked, or still working
    # there because the server could not be reached (service/app_password.py)
    notices: tuple[Message, ...] = ()


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What ``restore`` brought back from the server into ``local_dest``."""

    folder: str
    local_dest: str
    restored: tuple[str, ...]  # paths inside local_dest, files and folders made
    bytes_written: int
    already_there: tuple[str, ...] = ()  # the same bytes were there already
    not_overwritten: tuple[str, ...] = ()  # something else is there: left alone
    failed: tuple[ItemProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportResult:
    """A complete copy of a folder's server side, and its manifests."""

    folder: str
    local_dest: str  # the folder or the .zip written
    files: int
    folders: int
    bytes_written: int
    manifests: tuple[str, ...]  # names of the manifests inside the copy
