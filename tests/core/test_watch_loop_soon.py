"""The watch loop makes a full pass soon when asked while a full pass runs (issue 13,
item 2): the tray's answer to a deletion guard can arrive while the pass that stopped is
still ending, and must not wait for the next periodic full rescan (10 minutes)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

from cozysync.errors import FolderEmptiedError
from cozysync.events import StatusKind
from cozysync.service.watch_loop import WatchLoop

SAFETY_S = 20.0  # only ends the loop if the answer is never applied


@dataclass
class Pass:
    confirm_deletes: bool
    put_back: bool
    list_remote: bool


@dataclass
class GuardedSession:
    """A FolderSession double: its first pass is stopped by a deletion guard, and the
    user answers "put back" just before that pass ends; the next pass ends the loop."""

    stop: threading.Event
    loop: WatchLoop | None = None
    passes: list[Pass] = field(default_factory=list)

    folder: Any = field(default_factory=lambda: SimpleNamespace(name="docs"))

    def paused_until(self) -> float | None:
        return None

    def sync(self, **options: Any) -> object:
        self.passes.append(
            Pass(
                options.get("confirm_deletes", False),
                options.get("put_back", False),
                options.get("list_remote", True),
            )
        )
        if len(self.passes) == 1:
            assert self.loop is not None
            self.loop.answer_deletions("put-back")  # the tray, from its own thread
            raise FolderEmptiedError("the server now lists the folder Classe as empty")
        self.stop.set()
        return SimpleNamespace(status="up to date", kind=StatusKind.UP_TO_DATE)


class QuietWatcher:
    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop

    def wait(self, timeout: float) -> set[str]:
        self.stop.wait(min(timeout, 0.01))
        return set()


def test_an_answer_given_while_the_stopped_pass_ends_is_applied_at_once():
    stop = threading.Event()
    session = GuardedSession(stop)
    loop = WatchLoop(cast(Any, session), cast(Any, QuietWatcher(stop)), stop, poll_s=3600.0)
    session.loop = loop
    safety = threading.Timer(SAFETY_S, stop.set)
    safety.start()
    try:
        loop.run()
    finally:
        safety.cancel()
        safety.join()
    assert len(session.passes) == 2, "the answer waited for the next full rescan"
    assert session.passes[1] == Pass(confirm_deletes=False, put_back=True, list_remote=True)
