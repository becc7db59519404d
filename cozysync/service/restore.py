"""``restore``: bring a backed-up folder, one file or everything back from the server to
any local folder, without touching the synced folder.

Each file streams into a hidden temp file beside its target and is put in place by an
atomic rename that never replaces anything (``LocalFS.temp_file`` and
``commit_temp`` on a local folder rooted at the destination).  What is already there
is never overwritten: the same bytes count as already restored, anything else is left
alone and reported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cozysync.errors import ConfigError, ItemChangedError, SyncError
from cozysync.models import RemoteState
from cozysync.paths import is_same_or_under
from cozysync.phrases import phrase
from cozysync.ports import LocalFS, Remote
from cozysync.service.fetch import (
    check_outside,
    download_fresh,
    local_name,
    remote_items,
)
from cozysync.service.results import ItemProblem, RestoreResult
from cozysync.sync.hashing import HashingWriter

__all__ = ["restore_from_server"]

log = logging.getLogger(__name__)


@dataclass
class _Tally:
    restored: list[str] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    not_overwritten: list[str] = field(default_factory=list)
    failed: list[ItemProblem] = field(default_factory=list)
    bytes_written: int = 0


def restore_from_server(
    folder_name: str,
    remote: Remote,
    remote_path: str,
    local_dest: Path,
    synced_root: Path,
    open_local: Callable[[Path], LocalFS],
) -> RestoreResult:
    """Copy ``remote_path`` ("" for everything) from the server into ``local_dest``."""
    local_dest = local_dest.expanduser().absolute()
    check_outside(local_dest, synced_root)
    if local_dest.exists() and not local_dest.is_dir():
        raise ConfigError(phrase("{local_dest} is a file, not a folder", local_dest=local_dest))
    items = remote_items(remote, remote_path)
    try:
        local_dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            phrase(
                "cannot create the folder {local_dest}: {strerror}",
                local_dest=local_dest,
                strerror=exc.strerror,
            )
        ) from exc
    local = open_local(local_dest)
    tally = _Tally()
    blocked: list[str] = []  # folders that could not be made: nothing goes below them
    for item in items:
        try:
            rel = local_name(item.path, remote_path)
        except ConfigError as exc:
            tally.failed.append(ItemProblem(item.path, exc.title, exc.hint))
            continue
        if any(is_same_or_under(rel, b) for b in blocked):
            tally.not_overwritten.append(rel)
        elif item.is_dir:
            if not _make_folder(local, rel, tally):
                blocked.append(rel)
        else:
            _restore_file(remote, local, item, rel, tally)
    log.info("restored %d items of %s into %s", len(tally.restored), folder_name, local_dest)
    return RestoreResult(
        folder_name, str(local_dest), tuple(tally.restored), tally.bytes_written,
        tuple(tally.already_there), tuple(tally.not_overwritten), tuple(tally.failed),
    )  # fmt: skip


def _make_folder(local: LocalFS, rel: str, tally: _Tally) -> bool:
    existing = local.stat(rel)
    if existing is not None:
        if existing.is_dir:
            return True
        tally.not_overwritten.append(rel)
        return False
    local.mkdir(rel)
    tally.restored.append(rel)
    return True


def _restore_file(
    remote: Remote, local: LocalFS, item: RemoteState, rel: str, tally: _Tally
) -> None:
    existing = local.stat(rel)
    if existing is not None and existing.is_dir:
        tally.not_overwritten.append(rel)
        return
    try:
        with local.temp_file(rel) as (temp_path, out):
            sink = HashingWriter(out)
            got = download_fresh(remote, item, sink)
            if got is None:
                return  # deleted on the server meanwhile: nothing to restore
            if existing is not None:
                same = not existing.is_dir and local.hash_file(rel) == sink.hexdigest
                (tally.already_there if same else tally.not_overwritten).append(rel)
                return
            local.commit_temp(temp_path, rel, expected=None, mtime=got.mtime)
    except ItemChangedError:  # something appeared at rel meanwhile: it is kept
        tally.not_overwritten.append(rel)
        return
    except SyncError as exc:
        tally.failed.append(ItemProblem(item.path, exc.title, exc.hint or ""))
        return
    tally.restored.append(rel)
    tally.bytes_written += sink.count
