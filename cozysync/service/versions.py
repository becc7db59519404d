"""Old versions of a file (issue 18, item 1): list them, read one, restore one.

The engine stays the only writer of the synced folder (issue 18, item 4): a restore is a
change made *on the server* (the old version becomes the current one there, or, as a
copy, a new file beside it), which the next pass brings down as any change made there,
with every guarantee of a pass (a file edited here meanwhile becomes a conflict copy,
never an overwrite).  The server keeps what a restore replaces as one more old version.

Offline, a restore is *queued* and done by the folder's next pass that reaches the
server (``service/version_restores.py``); nothing changes before that, here or there.

What a remote can do is declared (``RemoteFeatures.versions``): a server that keeps no
versions (plain WebDAV) says so before anything is asked of it.
"""

from __future__ import annotations

import io
import logging
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from cozysync.config import FolderConfig
from cozysync.errors import AlreadyRunningError, ConfigError, OfflineError
from cozysync.file_versions import FileVersion
from cozysync.phrases import phrase
from cozysync.service.conflicts import relative_to_root
from cozysync.service.core import ServiceCore
from cozysync.service.results import SyncOutcome
from cozysync.service.version_restores import (
    NoVersionsError,
    UnknownVersionError,
    check_version_id,
    keeper_of,
    queue_restore,
    restore_on_server,
)

__all__ = [
    "PREVIEW_MAX_BYTES",
    "FileVersion",
    "FileVersions",
    "NoVersionsError",
    "RestoreState",
    "ServiceVersions",
    "UnknownVersionError",
    "VersionRestore",
]

log = logging.getLogger(__name__)

PREVIEW_MAX_BYTES = 20 * 1024 * 1024  # what a preview reads of a version at most


class RestoreState:
    """How far a restore went (plain strings: they cross into ``--json`` as is)."""

    SYNCED = "synced"  # done on the server, and this folder's pass brought it down
    ON_SERVER = "on-server"  # done on the server; the cozysync serving the folder brings it
    QUEUED = "queued"  # offline: done by the next pass that reaches the server


@dataclass(frozen=True, slots=True)
class FileVersions:
    """A file's old versions on the server, newest first (the current one apart)."""

    folder: str
    path: str  # inside the synced folder
    versions: tuple[FileVersion, ...]


@dataclass(frozen=True, slots=True)
class VersionRestore:
    """What ``restore_version`` did."""

    folder: str
    path: str
    version_id: str
    as_copy: bool
    state: str  # a ``RestoreState``
    copy_path: str | None = None  # the copy made beside it (None: not a copy, or queued)
    outcome: SyncOutcome | None = None  # the pass that brought it down (state SYNCED)


# --- the facade's part ---------------------------------------------------------------------


class ServiceVersions(ServiceCore):
    """``SyncService``'s versions commands (plain data in and out)."""

    def keeps_versions(self, name: str | None = None, *, path: str | None = None) -> bool:
        """Whether the server of folder ``name`` (or of the folder holding ``path``)
        keeps old versions of files (no request)."""
        remote = self._remote_for(self._folder_of(path, name))
        try:
            return remote.features.versions is not None
        finally:
            remote.close()

    def _folder_of(self, path: str | None, name: str | None) -> FolderConfig:
        """Folder ``name``; without a name, the linked folder that holds ``path`` (an
        absolute path, or one from the current folder), else the only linked folder."""
        if name is None and path is not None:
            where = Path(path).expanduser().absolute()
            for folder in self.list_folders():
                if where.is_relative_to(folder.local_path):
                    return folder
        return self.folder(name)

    def _rel(self, folder: FolderConfig, path: str) -> str:
        rel = relative_to_root(path, folder.local_path)
        if not rel or rel.startswith("../") or rel == "..":
            raise ConfigError(
                phrase("{path!r} is not a file of the folder {name!r}", path=path, name=folder.name)
            )
        return rel

    def list_versions(self, path: str, name: str | None = None) -> FileVersions:
        """The old versions the server keeps of ``path`` (a file of folder ``name``, as
        the user gives it: absolute, from the current folder or from the synced root)."""
        folder = self._folder_of(path, name)
        rel = self._rel(folder, path)
        remote = self._remote_for(folder)
        try:
            found = keeper_of(remote).list_versions(rel)
        finally:
            remote.close()
        return FileVersions(folder.name, rel, tuple(found))

    def read_version(
        self, path: str, version_id: str, name: str | None = None, *,
        limit: int = PREVIEW_MAX_BYTES,
    ) -> bytes:  # fmt: skip
        """The content of that old version (at most ``limit`` bytes: a preview)."""
        folder = self._folder_of(path, name)
        rel = self._rel(folder, path)
        remote = self._remote_for(folder)
        try:
            sink = _Capped(limit)
            with suppress(_Full):
                keeper_of(remote).download_version(rel, check_version_id(version_id), sink)
            return sink.getvalue()
        finally:
            remote.close()

    def restore_version(
        self, path: str, version_id: str, name: str | None = None, *, as_copy: bool = False
    ) -> VersionRestore:
        """Make that old version the file's content on the server (``as_copy``: a new file
        beside it), then sync the folder, which brings it down.  Offline: queued for the
        next pass that reaches the server (state ``QUEUED``), nothing changed meanwhile."""
        folder = self._folder_of(path, name)
        rel = self._rel(folder, path)
        check_version_id(version_id)
        remote = self._remote_for(folder)
        try:
            keeper_of(remote)
            copy = restore_on_server(remote, folder.local_path, rel, version_id, as_copy=as_copy)
        except OfflineError:
            queue_restore(self.locations, folder, rel, version_id, as_copy=as_copy)
            return VersionRestore(folder.name, rel, version_id, as_copy, RestoreState.QUEUED)
        finally:
            remote.close()
        log.info("%s: a version of %s restored on the server", folder.name, rel)
        loop = self._loops.get(folder.name)
        if loop is not None:  # this process serves the folder (the app): its next pass
            loop.sync_soon()
            return VersionRestore(
                folder.name, rel, version_id, as_copy, RestoreState.ON_SERVER, copy
            )
        try:
            outcome = self.sync_folder(folder)
        except AlreadyRunningError:  # the cozysync serving the folder brings it down
            return VersionRestore(
                folder.name, rel, version_id, as_copy, RestoreState.ON_SERVER, copy
            )
        return VersionRestore(
            folder.name, rel, version_id, as_copy, RestoreState.SYNCED, copy, outcome
        )

    def sync_folder(self, folder: FolderConfig) -> SyncOutcome:
        """One pass of ``folder`` (the pass that brings a restore down)."""
        with self._session(folder, None) as session:
            return session.sync()


class _Full(Exception):
    pass


class _Capped(io.BytesIO):
    """A sink that stops the download once it holds ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: bytes) -> int:  # type: ignore[override]
        room = self.limit - self.tell()
        super().write(bytes(data[: max(room, 0)]))
        if len(data) > room:
            raise _Full
        return len(data)
