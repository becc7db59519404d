"""The real ``SyncEngine`` on real adapters — a folder under ``tmp_path``, a SQLite
journal, a ``WebDavRemote`` on a server the test started — for the engine tests that
drive passes in-process (narrowed passes, stops, failures, transfers)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cozysync.clock import SystemClock
from cozysync.journal.store import SqliteJournal
from cozysync.local.fs import LocalFolder
from cozysync.local.ignore import IgnoreMatcher
from cozysync.paths import LOCAL_NAME_RULES, WEBDAV_NAME_RULES
from cozysync.ports import LocalFS
from cozysync.remotes.webdav import WebDavRemote
from cozysync.sync.engine import SyncEngine
from cozysync.sync.views import ReconcileContext
from tests.servers import DavServer

__all__ = ["real_engine"]


@contextmanager
def real_engine(
    tmp_path: Path,
    server: DavServer,
    *,
    remote: WebDavRemote | None = None,
    journal: Callable[[Path], SqliteJournal] = SqliteJournal,
    local: Callable[[Path], LocalFS] = LocalFolder,
    **options: Any,
) -> Iterator[SyncEngine]:
    """An engine on ``tmp_path/local`` (made if missing) and ``server``; ``remote`` (not
    probed here) replaces the default one (probed); ``journal`` and ``local`` build the
    journal and the folder (a subclass that records or refuses); ``options`` go to
    ``SyncEngine`` (``workers``, ``cancel``...).  Closed on exit."""
    root = tmp_path / "local"
    root.mkdir(exist_ok=True)
    if remote is None:
        remote = WebDavRemote(server.url, server.user, server.password)
        remote.check()
    opened = journal(tmp_path / "journal.sqlite")
    ctx = ReconcileContext(local_rules=LOCAL_NAME_RULES, remote_rules=WEBDAV_NAME_RULES)
    engine = SyncEngine(
        local(root), remote, opened, IgnoreMatcher(root), ctx, SystemClock(),
        device_name="laptop", **options,
    )  # fmt: skip
    try:
        yield engine
    finally:
        remote.close()
        opened.close()
