"""The journal's thread: journal writes on one thread by design.

The executor runs the actions of a stage on a pool of workers, but the journal (a SQLite
connection, which belongs to the thread that opened it) is written on one thread only:
the one that runs the pass and collects the stage's outcomes.  Every journal write of
the executor happens there:

- the *pending transfers* known before a stage, in one transaction before it starts;
- the pending transfers a worker learns while it runs (an upload's MD5 once its body
  was read to the end, a download's temp file before it is renamed into place): the
  worker asks this thread through a mailbox (``JournalThread.call``) and waits for the
  answer, so that the transfer is remembered before its bytes can land;
- *journal after success*: each action's outcome, in one transaction per stage, once
  every action of the stage is done.

Workers are never handed the journal (``ItemOperations`` does not receive it), only
``JournalThread.call``; what they check against (the entries below a folder to delete)
is read on this thread before the stage starts.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from cozysync.errors import FatalError
from cozysync.phrases import phrase

__all__ = ["JournalThread"]

T = TypeVar("T")
R = TypeVar("R")
_Call = tuple[Callable[[], object], "Future[object]"]


class JournalThread:
    """The thread that owns the journal, and the mailbox through which workers ask it
    to run a journal write (one mailbox per stage)."""

    def __init__(self) -> None:
        self._owner = threading.get_ident()
        self._mailbox: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._serving = False

    def claim(self) -> None:
        """The calling thread owns the journal from now on (the start of a run)."""
        self._owner = threading.get_ident()

    def is_current(self) -> bool:
        return threading.get_ident() == self._owner

    def run_all(
        self, pool: ThreadPoolExecutor, work: Callable[[T], R], items: Sequence[T]
    ) -> list[R]:
        """``work`` of each item on the pool, serving the workers' journal writes
        (``call``) on this thread until every item is done; the results in order."""
        mailbox: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        with self._lock:
            self._mailbox, self._serving = mailbox, True
        futures = [pool.submit(work, item) for item in items]
        for future in futures:
            future.add_done_callback(lambda _: mailbox.put(None))
        running = len(futures)
        try:
            while running:
                call = mailbox.get()
                if call is None:
                    running -= 1
                    continue
                function, reply = call
                try:
                    reply.set_result(function())
                except BaseException as exc:  # handed to the worker that asked
                    reply.set_exception(exc)
        finally:
            self._stop_serving(mailbox)  # interrupted (Ctrl-C): no worker waits forever
        return [future.result() for future in futures]

    def call(self, function: Callable[[], None]) -> None:
        """Run ``function`` on the thread that owns the journal, and wait for it."""
        if self.is_current():
            function()
            return
        reply: Future[object] = Future()
        with self._lock:
            if not self._serving:
                raise FatalError(phrase("the sync was stopped"))
            self._mailbox.put((function, reply))
        reply.result()

    def _stop_serving(self, mailbox: queue.SimpleQueue[_Call | None]) -> None:
        with self._lock:
            self._serving = False
        while not mailbox.empty():
            call = mailbox.get()
            if call is not None:
                call[1].set_exception(FatalError(phrase("the sync was stopped")))
