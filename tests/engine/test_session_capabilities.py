"""The session uses what a remote declares in ``Remote.features`` (issue 14, item 2), and
nothing it does not: a ``SyncService`` whose composition root gives an in-memory server
(everything else real: the folder, the SQLite journal, the lock).

- ``ProbeCache``: the probe record of one session is handed to the next one's ``check``;
- ``AbandonedTemps``: temps a pass cut short are kept in the journal and deleted by the
  next pass;
- ``ServerTemps``: the server's old temps are cleaned once a day, not at every pass;
- a remote that declares none of them is only ``check``ed, and still syncs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from cozysync.api import SyncService
from cozysync.composition import Composition
from cozysync.config import FolderConfig
from cozysync.ports import Remote, RemoteFeatures
from tests.engine.api_helpers import linked_service
from tests.memory_ports import MemoryServer
from tests.servers import WsgiDavServer


class ProbingServer(MemoryServer):
    """A memory server with WebDAV's capabilities, recording how the session uses them."""

    def __init__(self) -> None:
        super().__init__()
        self.known_given: list[str | None] = []
        self.cut_short: set[str] = set()  # temps the next take_abandoned_temps hands over
        self.deleted_temps: list[list[str]] = []
        self.cleanups = 0

    @property
    def features(self) -> RemoteFeatures:
        return RemoteFeatures(probe_cache=self, server_temps=self, abandoned_temps=self)

    def check(self, known: str | None = None) -> None:
        self.known_given.append(known)

    def probe_record(self) -> str | None:
        return '{"probed": "once"}'

    def cleanup_temp_files(self, older_than_seconds: float) -> int:
        assert older_than_seconds == 24 * 3600
        self.cleanups += 1
        return 0

    def take_abandoned_temps(self) -> set[str]:
        taken, self.cut_short = self.cut_short, set()
        return taken

    def delete_abandoned_temps(self, paths: Iterable[str]) -> set[str]:
        self.deleted_temps.append(list(paths))
        return set()


class PlainServer(MemoryServer):
    """A remote that declares no capability: ``check()`` takes no probe record."""

    def __init__(self) -> None:
        super().__init__()
        self.checks = 0

    @property
    def features(self) -> RemoteFeatures:
        return RemoteFeatures()

    def check(self) -> None:
        self.checks += 1


class RootWith(Composition):
    """The real composition root, but for the remote: ``server``, whatever the folder."""

    def __init__(self, service: SyncService, server: MemoryServer) -> None:
        super().__init__(service.locations)
        self.server = server

    def remote(self, folder: FolderConfig) -> Remote:
        return self.server


def _service_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dav: WsgiDavServer, server: MemoryServer
) -> tuple[SyncService, Path]:
    linked, local = linked_service(tmp_path, monkeypatch, dav)  # link probes a real server
    return SyncService(linked.locations, adapters=RootWith(linked, server)), local


def test_the_probe_record_of_one_session_is_given_to_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
):
    server = ProbingServer()
    service, local = _service_on(tmp_path, monkeypatch, wsgidav_server, server)
    (local / "a.txt").write_bytes(b"A")
    assert service.sync_once("docs").in_sync
    assert service.sync_once("docs").in_sync
    assert server.known_given == [None, '{"probed": "once"}']
    assert server.nodes["a.txt"].content == b"A"


def test_temps_a_pass_cut_short_are_deleted_by_the_next_and_old_ones_cleaned_daily(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
):
    server = ProbingServer()
    service, _ = _service_on(tmp_path, monkeypatch, wsgidav_server, server)
    server.cut_short = {"a/.cozysync-1-x.tmp"}
    service.sync_once("docs")
    assert server.deleted_temps == []  # kept in the journal: the server may still write
    service.sync_once("docs")
    assert server.deleted_temps == [["a/.cozysync-1-x.tmp"]]
    service.sync_once("docs")
    assert server.deleted_temps == [["a/.cozysync-1-x.tmp"]]  # deleted: forgotten
    assert server.cleanups == 1  # the whole-tree walk: once a day, not at every pass


def test_a_remote_that_declares_no_capability_is_only_checked_and_syncs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
):
    server = PlainServer()
    service, local = _service_on(tmp_path, monkeypatch, wsgidav_server, server)
    (local / "b.txt").write_bytes(b"B")
    assert service.sync_once("docs").in_sync
    assert server.checks == 1
    assert server.nodes["b.txt"].content == b"B"
