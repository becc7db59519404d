"""``python -m tests.chaos.client ARGS``: ``python -m cozysync ARGS`` with three test hooks.

The CLI offers no setting for the HTTP timeout (``WebDavRemote(timeout=60.0)`` is built
by the composition root, ``Composition.remote``, without one), so a chaos run sets it
here, before the CLI runs, from environment variables only the chaos checker sets:

- ``CHAOS_HTTP_TIMEOUT``: seconds for ``WebDavRemote``'s read/write timeout (a proxy that
  hangs costs this much per attempt, instead of a minute);
- ``CHAOS_KILL_AFTER_REQUESTS=N``: SIGKILL this process right after its N-th HTTP answer
  came back (a crash at an arbitrary point: after a MOVE landed, between a listing and
  the transfers, between a transfer and its journal write...);
- ``CHAOS_OUTCOME=FILE``: write the ``SyncOutcome`` of ``sync`` as JSON to FILE (the
  checker reads ``actions_done``, ``in_sync`` and ``errors`` from it).

``COZYSYNC_FAILPOINTS`` works as usual (``cozysync.failpoints``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
import threading
from typing import Any


def _set_timeout(seconds: float) -> None:
    from cozysync.remotes.webdav import WebDavRemote

    defaults = dict(WebDavRemote.__init__.__kwdefaults__ or {})
    defaults["timeout"] = seconds
    WebDavRemote.__init__.__kwdefaults__ = defaults


def _kill_after(requests: int) -> None:
    import httpx

    original = httpx.Client.send
    lock = threading.Lock()
    seen = [0]

    def send(self: httpx.Client, *args: Any, **kwargs: Any) -> httpx.Response:
        response = original(self, *args, **kwargs)
        with lock:
            seen[0] += 1
            if seen[0] >= requests:
                os.kill(os.getpid(), signal.SIGKILL)
        return response

    httpx.Client.send = send  # type: ignore[method-assign]


def _record_outcome(path: str) -> None:
    from cozysync.api import SyncService

    original = SyncService.sync_once

    def sync_once(self: SyncService, *args: Any, **kwargs: Any) -> Any:
        outcome = original(self, *args, **kwargs)
        with open(path, "w", encoding="utf-8") as out:
            json.dump(dataclasses.asdict(outcome), out)
        return outcome

    SyncService.sync_once = sync_once  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    if timeout := os.environ.get("CHAOS_HTTP_TIMEOUT"):
        _set_timeout(float(timeout))
    if kill_after := os.environ.get("CHAOS_KILL_AFTER_REQUESTS"):
        _kill_after(int(kill_after))
    if outcome := os.environ.get("CHAOS_OUTCOME"):
        _record_outcome(outcome)
    from cozysync.cli.main import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
