"""``undelete --to DIR`` on a Cozy while this process serves the folder (the app) (issue
18, item 3 leftover).  The stack's ``POST /files/trash/:file-id`` takes no destination
(cozy/cozy-stack web/files/files.go:1495-1531 ``Restore``: the file id only, then
``vfs.RestoreFile``/``RestoreDir`` into ``restore_path``), so a put-back elsewhere is a
restore, then a move (remotes/cozy_trash.py).  A pass between the two would bring the
item down at its first place (with the stack's " (NNN)" suffix when taken) and move it
after: both steps run on the folder's loop thread, which runs such calls only between
passes (WatchLoop.call_soon)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from cozysync.api import SyncService
from cozysync.events import PassFinished
from cozysync.models import ServerTrashItem
from cozysync.remotes.cozy_trash import CozyTrash
from tests.engine.api_helpers import Recorder
from tests.engine.cozy_world import Linked
from tests.engine.inprocess_cli import in_process
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401


def _wait_for(check: Callable[[], object], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@contextmanager
def _serving(service: SyncService, events: Recorder) -> Iterator[threading.Thread]:
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=("docs", stop), name="docs-loop")
    runner.start()
    try:
        _wait_for(lambda: events.of(PassFinished))  # the loop's first pass is done
        yield runner
    finally:
        stop.set()
        runner.join(timeout=30)
    assert not runner.is_alive()


def test_a_put_back_in_another_folder_runs_between_two_passes_of_the_app(
    linked: Linked, monkeypatch: pytest.MonkeyPatch
):
    run = in_process(linked.cli)
    linked.user.write("essai.txt", b"the old one")
    linked.user.trash("essai.txt")
    linked.user.write("essai.txt", b"a new one took the name")
    linked.user.mkdir("Archives")
    assert run.sync().code == 0

    threads: list[threading.Thread] = []
    real_restore = CozyTrash.restore

    def watched_restore(self: CozyTrash, item: ServerTrashItem, to: str | None = None) -> str:
        threads.append(threading.current_thread())  # the real restore, then its move
        return real_restore(self, item, to)

    monkeypatch.setattr(CozyTrash, "restore", watched_restore)
    events = Recorder()
    service = SyncService(linked.cli.locations, emit=events)
    with _serving(service, events) as loop_thread:
        done = service.undelete("essai.txt", "docs", to="Archives")
        assert done.path == "Archives/essai.txt" and not done.queued
        assert threads == [loop_thread]  # restore and move on the loop, between passes
        _wait_for(lambda: (linked.local / "Archives" / "essai.txt").exists())
    tree = linked.cozy.tree()
    assert tree["Archives/essai.txt"] == b"the old one"
    assert tree["essai.txt"] == b"a new one took the name"
    assert linked.local_tree() == tree  # no suffixed copy left anywhere


def test_without_the_app_it_runs_here(linked: Linked, monkeypatch: pytest.MonkeyPatch):
    run = in_process(linked.cli)
    linked.user.write("essai.txt", b"E")
    linked.user.trash("essai.txt")
    linked.user.mkdir("Archives")
    assert run.sync().code == 0
    threads: list[threading.Thread] = []
    real_restore = CozyTrash.restore

    def watched_restore(self: CozyTrash, item: ServerTrashItem, to: str | None = None) -> str:
        threads.append(threading.current_thread())
        return real_restore(self, item, to)

    monkeypatch.setattr(CozyTrash, "restore", watched_restore)
    done = SyncService(linked.cli.locations).undelete("essai.txt", "docs", to="Archives")
    assert threads == [threading.current_thread()] and done.synced
    assert (linked.local / "Archives" / "essai.txt").read_bytes() == b"E"
