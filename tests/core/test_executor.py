"""The executor's own structure (issue 14, item 5): one handler per kind of action, from a
table built and checked once; journal writes on one thread, the one that runs the pass,
while the stage's actions run on the workers."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from cozysync.errors import ServerError
from cozysync.models import Action, ActionKind, RemoteState
from cozysync.sync.engine import SyncEngine
from cozysync.sync.execute import Executor, dispatch_table
from cozysync.sync.operations import STAGE_KINDS
from cozysync.sync.plan import assemble
from tests.core.world import World
from tests.memory_ports import (
    FakeClock,
    MemoryFolder,
    MemoryJournal,
    MemoryServer,
    MemoryServerConfirming,
    NoIgnore,
)

MOVES = {ActionKind.MOVE_LOCAL, ActionKind.MOVE_REMOTE}


def executor() -> Executor:
    return Executor(
        MemoryFolder(), MemoryServer(), MemoryJournal(), NoIgnore(), FakeClock(), device_name="pc"
    )


def test_every_kind_a_plan_stage_can_hold_has_a_handler() -> None:
    one_of_each = [Action(kind, kind.value, kind.value, kind.value) for kind in ActionKind]
    moves = [a for a in one_of_each if a.kind in MOVES]
    reports = [a for a in one_of_each if a.kind is ActionKind.REPORT]
    rest = [a for a in one_of_each if a not in moves and a not in reports]

    plan = assemble(moves, rest, reports)

    in_stages = {action.kind for stage in plan.stages for action in stage}
    assert in_stages == STAGE_KINDS  # a REPORT goes to ``plan.reports`` only
    assert set(executor().handlers) == STAGE_KINDS


def test_a_kind_without_a_handler_is_an_error_at_startup() -> None:
    handlers = executor().operations.handlers()
    del handlers[ActionKind.TRASH_LOCAL]

    with pytest.raises(TypeError, match="no handler for: trash-local"):
        dispatch_table(handlers)


# -- journal writes on one thread -------------------------------------------------------------

_WRITES = (
    "put", "put_many", "remove_tree", "relocate", "set_meta", "add_conflict",
    "remove_conflict", "record_error", "clear_error", "put_transfer", "remove_transfer",
)  # fmt: skip


class RecordingJournal(MemoryJournal):
    """The in-memory journal, noting the thread of each write: (method, thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[tuple[str, int]] = []

    def __getattribute__(self, name: str) -> Any:
        found = super().__getattribute__(name)
        if name not in _WRITES:
            return found

        def noted(*args: Any, **kwargs: Any) -> Any:
            self.writes.append((name, threading.get_ident()))
            return found(*args, **kwargs)

        return noted


class ThreadNotingServer(MemoryServerConfirming):
    """The server, noting the threads its transfers ran on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[int] = set()

    def download(self, *args: Any, **kwargs: Any) -> RemoteState:
        self.threads.add(threading.get_ident())
        return super().download(*args, **kwargs)

    def upload(self, *args: Any, **kwargs: Any) -> RemoteState:
        self.threads.add(threading.get_ident())
        return super().upload(*args, **kwargs)


def test_journal_writes_happen_on_the_thread_that_runs_the_pass_not_on_the_workers() -> None:
    world = World()
    world.server = server = ThreadNotingServer()
    world.store = journal = RecordingJournal()
    engine = SyncEngine(
        world.folder, server, journal, NoIgnore(), world.context(), world.clock,
        device_name="laptop", workers=4,
    )  # fmt: skip
    for i in range(6):
        world.local_write(f"up{i}.txt", f"up {i}\n".encode() * (i + 1))
        world.remote_write(f"down{i}.txt", f"down {i}\n".encode() * (i + 1))
    for side in ("here", "there"):
        world.local_write(f"{side}-local/a.txt", b"a")
        world.remote_write(f"{side}-remote/b.txt", b"b")
    server.fail_next("upload", "up5.txt", ServerError("boom"))

    engine.sync_once(confirm_deletes=True)  # uploads, downloads, folders, a failure
    world.local_write("up0.txt", b"edited here\n")  # both sides: a conflict copy
    world.remote_write("up0.txt", b"edited there\n")
    world.local_delete("here-local/a.txt")
    world.local_delete("here-local")
    world.remote_move("down1.txt", "moved.txt")
    second = engine.sync_once(confirm_deletes=True)

    assert second.conflicts
    written = {method for method, _ in journal.writes}
    assert {"put", "put_transfer", "remove_transfer", "record_error", "clear_error"} <= written
    assert {"add_conflict", "remove_tree", "relocate"} <= written
    assert {thread for _, thread in journal.writes} == {threading.get_ident()}
    assert server.threads - {threading.get_ident()}  # the transfers ran on the workers
