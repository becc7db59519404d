"""Server-side requests waiting for the connection (issue 18): a restore of an old version
or an undelete from the server's trash asked offline is kept here and done by the folder's
next pass that reaches the server, before it syncs (``run_waiting_requests``, called by
``FolderSession.sync``), which then brings the result down.  Nothing changes before that,
here or there.

One small JSON file per request in ``state/waiting-requests/<folder id>/``, named by the
time it was asked (oldest done first), written whole (temp + rename) and removed once
done: a CLI adding one while a running pass takes the others loses none.  Each request
has a ``kind``; the pass gives the function that does each kind.

A request that can no longer be done (its version, its trashed item gone; its place
taken) is told (``ErrorRaised``) and dropped; any other failure (offline again, a login
refused) goes on up and the rest waits for the next pass.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path

from cozysync.config import FolderConfig, Locations
from cozysync.errors import ConfigError, SyncError
from cozysync.events import ErrorRaised, Event
from cozysync.ports import Remote
from cozysync.private import private_folder

__all__ = ["Doer", "queue_request", "run_waiting_requests", "waiting_requests"]

log = logging.getLogger(__name__)

# does one request on the server: (remote, folder, its record) -> the path it concerns
Doer = Callable[[Remote, FolderConfig, Mapping[str, object]], str]


def _queue_dir(locations: Locations, folder: FolderConfig) -> Path:
    return locations.state_dir / "waiting-requests" / folder.folder_id


def queue_request(
    locations: Locations, folder: FolderConfig, kind: str, record: Mapping[str, object]
) -> Path:
    """Keep ``record`` (plain JSON data, with a ``path``) for the next pass online."""
    where = _queue_dir(locations, folder)
    private_folder(where.parent)
    private_folder(where)
    data = {**record, "kind": kind, "asked_at": time.time()}
    target = where / f"{time.time_ns():020d}-{secrets.token_hex(4)}.json"
    temp = where / f".{target.name}.tmp"
    temp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temp, target)  # a pass sees it whole or not at all
    return target


def waiting_requests(
    locations: Locations, folder: FolderConfig, kind: str | None = None
) -> list[tuple[Path, dict[str, object]]]:
    """The requests waiting for a connection (of ``kind``, or all), oldest first."""
    where = _queue_dir(locations, folder)
    if not where.is_dir():
        return []
    found: list[tuple[Path, dict[str, object]]] = []
    for entry in sorted(where.glob("*.json")):
        try:
            record = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(record, dict) or not isinstance(record.get("path"), str):
            continue
        if kind is None or record.get("kind") == kind:
            found.append((entry, record))
    return found


def run_waiting_requests(
    locations: Locations,
    folder: FolderConfig,
    remote: Remote,
    emit: Callable[[Event], None],
    doers: Mapping[str, Doer],
) -> int:
    """Do the requests asked offline, oldest first; how many were done.  A kind this
    version does not know (a newer cozysync's) is left waiting."""
    done = 0
    for entry, record in waiting_requests(locations, folder):
        doer = doers.get(str(record.get("kind")))
        if doer is None:
            continue
        rel = str(record["path"])
        try:
            doer(remote, folder, record)
        except (SyncError, ConfigError) as exc:  # this one cannot be done: told, dropped
            log.info("%s: a waiting request for %s failed: %s", folder.name, rel, exc.one_line())
            emit(ErrorRaised(exc.path or rel, exc.title, exc.hint, message=exc.message))
        else:
            done += 1
            log.info("%s: a waiting %s request for %s done", folder.name, record["kind"], rel)
        with suppress(FileNotFoundError):
            entry.unlink()
    return done
