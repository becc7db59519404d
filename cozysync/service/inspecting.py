"""``SyncService``'s read side and pair tools: status, conflicts and their resolution,
restore, export, relink and login."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from cozysync.config import FolderConfig
from cozysync.errors import ConfigError
from cozysync.events import StatusKind
from cozysync.logs import pair_logging
from cozysync.messages import Message
from cozysync.phrases import phrase
from cozysync.service.conflicts import (
    apply_resolution,
    conflict_info,
    find_conflict,
    relative_to_root,
)
from cozysync.service.core import ServiceCore
from cozysync.service.export import export_from_server
from cozysync.service.login import login_pair
from cozysync.service.relink import relink_pair
from cozysync.service.restore import restore_from_server
from cozysync.service.results import ConflictInfo, ExportResult, FolderStatus, RestoreResult
from cozysync.service.root_guard import check_root
from cozysync.service.status import folder_status, read_status

__all__ = ["ServiceInspection"]


class ServiceInspection(ServiceCore):
    """Status, conflicts, restore, export, relink, login."""

    def status(self, name: str | None = None, *, look: bool = True) -> list[FolderStatus]:
        """Each folder's state with what it counts.  O(1) in the folder's size while an
        engine serves it (its counts are kept); ``look=False``: never scan a folder no
        engine serves yet either (the tray, whose engines start at once)."""
        folders = [self.folder(name)] if name else self.store.load()
        return [self._status(folder, look) for folder in folders]

    def _status(self, folder: FolderConfig, look: bool) -> FolderStatus:
        paused = self.pauses.paused_until(folder.name)
        with self._journal(folder) as journal:
            if journal is None:
                return folder_status(
                    folder, StatusKind.NEVER_SYNCED, detail="never synced", paused_until=paused
                )
            served = folder.name in self._loops  # a watch loop of this process
            return read_status(
                folder, journal, self.adapters, paused, served_here=served, look=look
            )

    def conflicts(self, name: str | None = None) -> list[ConflictInfo]:
        folders = [self.folder(name)] if name else self.store.load()
        found: list[ConflictInfo] = []
        for folder in folders:
            with self._journal(folder) as journal:
                if journal is not None:
                    found += [conflict_info(folder, c) for c in journal.conflicts()]
        return found

    def resolve(self, name: str | None, path: str, keep: str) -> ConflictInfo:
        """Settle a conflict: keep "local", "remote" or "both"; the next sync propagates."""
        if keep not in ("local", "remote", "both"):
            raise ConfigError(
                phrase("--keep must be local, remote or both, not {keep!r}", keep=keep)
            )
        folder = self.folder(name)
        with pair_logging(folder.folder_id):
            check_root(folder, self.adapters)
            rel = relative_to_root(path, folder.local_path)
            with self._journal(folder) as journal:
                conflict = find_conflict(journal, rel) if journal is not None else None
                if conflict is None or journal is None:
                    raise ConfigError(
                        phrase("no conflict is waiting for {rel!r}", rel=rel),
                        phrase("See: cozysync conflicts"),
                    )
                local = self.adapters.sync_folder(folder.local_path)
                apply_resolution(local, conflict.path, conflict.conflict_path, keep)
                journal.remove_conflict(conflict.path)
            return ConflictInfo(
                folder.name, conflict.path, conflict.conflict_path, conflict.detected_at
            )

    def restore(self, name: str, remote_path: str, local_dest: str | Path) -> RestoreResult:
        """Copy ``remote_path`` ("" for everything) from the server into ``local_dest``,
        outside the synced folder, never overwriting anything."""
        folder = self.folder(name)
        with pair_logging(folder.folder_id), closing(self._remote_for(folder)) as remote:
            dest = Path(local_dest)
            return restore_from_server(
                folder.name, remote, remote_path, dest, folder.local_path, self.adapters.sync_folder
            )

    def export(self, name: str, local_dest: str | Path, *, as_zip: bool = False) -> ExportResult:
        """A complete copy of the server folder in ``local_dest`` (or a .zip), with
        manifests of checksums."""
        folder = self.folder(name)
        with pair_logging(folder.folder_id), closing(self._remote_for(folder)) as remote:
            dest = Path(local_dest)
            return export_from_server(
                folder.name, folder.remote_url, remote, dest, self.adapters,
                as_zip=as_zip,
            )  # fmt: skip

    def relink(
        self, name: str, url: str, *, user: str | None = None, password: str | None = None,
        cozy: bool = False, open_browser: bool = True, print_url: Callable[[str], None] = print,
        on_notice: Callable[[Message], None] | None = None,
    ) -> FolderConfig:  # fmt: skip
        """Point a pair at another account or server, keeping every local file: the
        next pass compares both sides by content and deletes nothing.  The new server is
        probed first: if it fails, nothing changed.  ``on_notice``: what a Nextcloud
        said of the app password replaced (revoked, or still working there)."""
        folder = self.folder(name)
        with pair_logging(folder.folder_id):
            return relink_pair(
                folder, url, user, password, store=self.store, locations=self.locations,
                open_store=lambda: self._secrets(folder), adapters=self.adapters, cozy=cozy,
                open_browser=open_browser, print_url=print_url, on_notice=on_notice,
            )  # fmt: skip

    def login(
        self, name: str | None, password: str | None = None, *, open_browser: bool = True,
        print_url: Callable[[str], None] = print, cancel: threading.Event | None = None,
        on_notice: Callable[[Message], None] | None = None,
    ) -> FolderConfig:  # fmt: skip
        """Sign in again (a new password; the browser for a Cozy, and for a Nextcloud
        without a password), keeping the pair and its journal as they are; a pair
        running here or in another process takes the new login at once and syncs.
        Allowed while the pair runs.  ``cancel`` set ends a Nextcloud browser login.
        ``on_notice``: what a Nextcloud said of the app password replaced (revoked, or
        still working there: the new login is kept either way)."""
        folder = self.folder(name)
        with pair_logging(folder.folder_id):
            return login_pair(
                folder, password, store=self.store, locations=self.locations,
                open_store=lambda: self._secrets(folder), accounts=self.adapters.accounts,
                open_browser=open_browser, print_url=print_url, cancel=cancel,
                on_notice=on_notice,
            )  # fmt: skip
