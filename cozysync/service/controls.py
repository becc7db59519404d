"""``SyncService``'s controls for the tray and the CLI: pause and resume, the remote
check interval, bandwidth limits and selective sync.  Each applies at once to the pairs
this service runs and is saved, so it outlives the process and reaches other running ones."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from dataclasses import replace

from cozysync.config import AppSettings, FolderConfig
from cozysync.errors import ConfigError
from cozysync.phrases import phrase
from cozysync.service.core import ServiceCore
from cozysync.service.selection import RemoteFolder, check_folder_names, list_remote_folders

__all__ = ["MAX_POLL_S", "MIN_POLL_S", "ServiceControls"]

MIN_POLL_S = 10.0
MAX_POLL_S = 24 * 3600.0


class ServiceControls(ServiceCore):
    """Pause, poll interval, bandwidth, selective sync."""

    def pause(self, name: str | None = None, *, for_s: float | None = None) -> None:
        """Pause one pair (``name``) or every pair (None), until ``resume`` or for
        ``for_s`` seconds.  Takes effect at once in the pairs this service runs: a
        transfer in flight is dropped (temp file removed, nothing journalled) and made
        again after the pause; a ``StatusChanged`` of kind ``PAUSED`` follows.  Saved
        (an absolute end, see ``service/pause.py``): it holds in every process, across
        restarts, until ``resume`` or its end; a running ``cozysync run`` in another
        process stops within a second."""
        if name is not None:
            self.folder(name)  # a clear error for an unknown name
        self.pauses.pause(name, for_s=for_s)

    def resume(self, name: str | None = None) -> None:
        """Lift ``name``'s own pause; None lifts every pause.  A resumed pair runs a full
        pass within a second."""
        self.pauses.resume(name)

    def paused_until(self, name: str) -> float | None:
        """None if ``name`` syncs; else the unix time its pause ends (``math.inf``:
        until resumed)."""
        return self.pauses.paused_until(name)

    def set_poll_interval(self, name: str | None, seconds: float) -> list[FolderConfig]:
        """Check the server every ``seconds`` (10 s to 1 day) for ``name`` (None: every
        pair); saved in the pair's settings and applied at once to running pairs."""
        if not MIN_POLL_S <= seconds <= MAX_POLL_S:
            raise ConfigError(
                phrase(
                    "the remote check interval must be between {MIN_POLL_S:.0f} s and one "
                    "day, not {seconds!r}",
                    MIN_POLL_S=MIN_POLL_S,
                    seconds=seconds,
                )
            )
        folders = [self.folder(name)] if name is not None else self.store.load()
        changed = [replace(f, poll_interval_s=float(seconds)) for f in folders]
        for folder in changed:
            self.store.replace(folder)
            loop = self._loops.get(folder.name)
            if loop is not None:
                loop.set_poll_interval(folder.poll_interval_s)
        return changed

    def sync_soon(self, name: str) -> bool:
        """A full pass of ``name`` in the watch loop this service runs for it, at once or
        as soon as its pass under way ends (that one is not cut short: a stop would);
        False if this service runs no loop for it."""
        loop = self._loops.get(name)
        if loop is None:
            return False
        loop.sync_soon()
        loop.watcher.wake()
        return True

    def app_settings(self) -> AppSettings:
        """The app's settings (bandwidth limits), shared by every pair."""
        return self.app_store.load()

    def set_bandwidth_limits(self, *, up_kib: int | None, down_kib: int | None) -> AppSettings:
        """Limit uploads and downloads to ``up_kib``/``down_kib`` KiB/s (None or 0:
        unlimited; at least 1 KiB/s), summed over every transfer of every pair.  Saved
        in the app's settings and applied at once, also to transfers in flight."""
        for value in (up_kib, down_kib):
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ConfigError(
                    phrase(
                        "a bandwidth limit is a whole number of KiB/s, not {value!r}", value=value
                    ),
                    phrase("Give 0 for no limit."),
                )
        settings = replace(
            self.app_store.load(),
            upload_limit_kib=up_kib or None,
            download_limit_kib=down_kib or None,
        )
        self.app_store.save(settings)
        self.apply_bandwidth(settings)
        return settings

    def remote_folders(self, name: str | None = None) -> list[RemoteFolder]:
        """The server's top-level folders of pair ``name`` (and excluded names no longer
        there), each with whether it is excluded and whether it is here (one listing of
        the server; raises ``OfflineError`` when it cannot be reached)."""
        folder = self.folder(name)
        with closing(self._remote_for(folder)) as remote:
            return list_remote_folders(folder, remote)

    def set_excluded_folders(self, name: str | None, folders: Iterable[str]) -> FolderConfig:
        """Keep every top-level server folder here except ``folders`` (names as
        ``remote_folders`` gives them).  An excluded folder is never downloaded, and
        never deleted on the server; its copy here goes to the OS trash if fully synced,
        else it is left here as it is (see ``cozysync.sync.selective``).  Saved in the
        pair's settings; a pair this service runs applies it at its next pass (at once:
        on the pair's own thread, as ``LiveSettings`` does, never inside a pass)."""
        folder = replace(self.folder(name), excluded_folders=check_folder_names(folders))
        self.store.replace(folder)
        loop = self._loops.get(folder.name)
        if loop is not None:
            session = loop.session
            loop.call_soon(lambda: session.set_excluded_folders(folder))
            loop.sync_soon()
            loop.watcher.wake()
        return folder

    def exclude_folders(self, name: str | None, folders: Iterable[str]) -> FolderConfig:
        """Add ``folders`` to the pair's excluded folders (see ``set_excluded_folders``)."""
        current = self.folder(name)
        return self.set_excluded_folders(current.name, (*current.excluded_folders, *folders))

    def include_folders(self, name: str | None, folders: Iterable[str]) -> FolderConfig:
        """Keep ``folders`` here again: the next pass syncs them like new folders (what
        is on both sides is compared by content; nothing is overwritten)."""
        current = self.folder(name)
        again = set(check_folder_names(folders))
        kept = [n for n in current.excluded_folders if n not in again]
        return self.set_excluded_folders(current.name, kept)
