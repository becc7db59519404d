"""What ``cozysync.service`` asks the composition root for.

The service never builds an adapter nor imports an adapter package (an import-linter
contract in ``pyproject.toml`` says so): ``cozysync.composition.Composition``, the one
composition root, builds every adapter and hands them over as the ports of
``cozysync.ports``, through the ``Adapters`` protocol below.  A test gives the service
another ``Adapters`` (in-memory ports, a remote that fails on demand) the same way.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Protocol

from cozysync.config import FolderConfig, Locations
from cozysync.paths import NameRules
from cozysync.ports import ChangeWatcher, IgnoreRules, Journal, Remote, Secrets, SyncFolder

__all__ = ["Adapters", "FolderLock"]


class FolderLock(Protocol):
    """The folder held by this process (an OS lock): one sync per folder at a time."""

    def acquire(self, *, wait_s: float = 0.0) -> None:
        """Take it, waiting up to ``wait_s``; ``AlreadyRunningError`` if another holds it."""

    def release(self) -> None: ...

    def __enter__(self) -> FolderLock: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class Adapters(Protocol):
    """Builds the ports of a linked folder (see the module)."""

    @property
    def locations(self) -> Locations: ...

    @property
    def marker_name(self) -> str:
        """The file that binds a local folder to its link (``.cozysync``)."""

    def read_marker(self, root: Path) -> str | None:
        """The link id the folder's marker holds, None without one."""

    def secrets(self, folder: FolderConfig) -> Secrets: ...

    def remote(self, folder: FolderConfig) -> Remote:
        """The folder's server side (the secret store opened only if a secret is needed)."""

    def name_rules(self, folder: FolderConfig) -> NameRules:
        """The names the folder's server can store."""

    def open_journal(self, folder: FolderConfig) -> Journal:
        """The folder's journal, created if missing (in a folder only the user reads)."""

    def sync_folder(self, root: Path) -> SyncFolder:
        """The local folder at ``root`` (the synced one, or a restore's destination)."""

    def ignore_rules(self, root: Path) -> IgnoreRules:
        """The built-in rules and the folder's ``.cozyignore``, read again when it changes."""

    def folder_lock(self, folder: FolderConfig | None, lock_path: Path) -> FolderLock:
        """The lock at ``lock_path`` (not taken yet); ``folder`` names it in the error."""

    def watcher(self, root: Path, ignore: IgnoreRules) -> ChangeWatcher:
        """The folder's changes as they happen (not started yet)."""

    def move_into_place(self, src: Path, dst: Path) -> None:
        """Rename ``src`` to ``dst``, never replacing anything there (``OSError``), and
        flush ``dst``'s folder so that the rename survives a crash."""

    def set_bandwidth(self, up: int | None, down: int | None) -> None:
        """The app's upload and download limits, in bytes per second (None: no limit)."""
