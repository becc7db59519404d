"""A stop reaches the engine's own long work too, not only the transfers: the lazy
hashing of the local files a pass plans with stops at the next file (real adapters:
local folder, WsgiDAV on 127.0.0.1, SQLite journal)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.errors import StoppedError
from cozysync.local.fs import LocalFolder
from cozysync.sync.cancel import CancelToken, StopEvent
from cozysync.sync.engine import SyncEngine
from tests.engine.real_engine import real_engine
from tests.servers import WsgiDavServer


class StoppingFolder(LocalFolder):
    """A local folder whose first hash asks the pass to stop (as Ctrl-C would then)."""

    def __init__(self, root: Path, stop: StopEvent) -> None:
        super().__init__(root)
        self.stop = stop
        self.hashed: list[str] = []

    def hash_file(self, rel: str) -> str:
        self.hashed.append(rel)
        self.stop.set()
        return super().hash_file(rel)


@pytest.fixture
def stop() -> StopEvent:
    return StopEvent()


@pytest.fixture
def engine(tmp_path: Path, wsgidav_server: WsgiDavServer, stop: StopEvent) -> Iterator[SyncEngine]:
    def folder(root: Path) -> StoppingFolder:
        return StoppingFolder(root, stop)

    with real_engine(tmp_path, wsgidav_server, local=folder, cancel=CancelToken(stop)) as engine:
        yield engine


def test_a_stop_during_lazy_hashing_ends_the_pass_at_the_next_file(
    engine: SyncEngine, wsgidav_server: WsgiDavServer, stop: StopEvent
) -> None:
    root = engine.local.root
    for name in ("a.txt", "b.txt", "c.txt"):
        (root / name).write_text(f"{name} as synced")
    assert engine.sync_once().in_sync
    folder = engine.local
    assert isinstance(folder, StoppingFolder)
    folder.hashed.clear()
    stop.clear()
    for name in ("a.txt", "b.txt", "c.txt"):
        (root / name).write_text(f"{name} edited since")  # each needs hashing again

    with pytest.raises(StoppedError):
        engine.sync_once()

    assert len(folder.hashed) == 1  # the other two were not read
    assert (wsgidav_server.root / "a.txt").read_text() == "a.txt as synced"
