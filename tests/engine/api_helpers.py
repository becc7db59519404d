"""A ``SyncService`` with every file under ``tmp_path`` (settings, journals, the OS
trash), linked to a real WsgiDAV server, and an event recorder."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from send2trash import plat_other

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync.events import Event
from tests.servers import WsgiDavServer

__all__ = ["Recorder", "linked_service", "private_home"]


def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Locations:
    monkeypatch.setenv("COZYSYNC_HOME", str(tmp_path / "home"))
    data_home = os.fsencode(tmp_path / "xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", os.fsdecode(data_home))
    monkeypatch.setattr(plat_other, "XDG_DATA_HOME", data_home)
    monkeypatch.setattr(plat_other, "HOMETRASH_B", os.path.join(data_home, b"Trash"))
    monkeypatch.setattr(plat_other, "HOMETRASH", os.fsdecode(os.path.join(data_home, b"Trash")))
    return Locations.from_env()


def linked_service(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    server: WsgiDavServer,
    *,
    mode: str = "two-way",
    emit: Callable[[Event], None] | None = None,
) -> tuple[SyncService, Path]:
    """A service with one folder "docs" (``tmp_path/local``) linked to ``server``."""
    service = SyncService(private_home(tmp_path, monkeypatch), emit=emit)
    local = tmp_path / "local"
    local.mkdir(exist_ok=True)
    service.link(
        local, server.url, user=server.user, password=server.password, name="docs",
        allow_file_store=True, mode=mode, device_name="laptop",
    )  # fmt: skip
    return service, local


class Recorder:
    """Every event, in order, from any thread; ``also`` runs on each one."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._lock = threading.Lock()
        self.also: Callable[[Event], None] | None = None

    def __call__(self, event: Event) -> None:
        with self._lock:
            self.events.append(event)
        if self.also is not None:
            self.also(event)

    def of(self, kind: type[Event]) -> list[Event]:
        with self._lock:
            return [e for e in self.events if isinstance(e, kind)]
