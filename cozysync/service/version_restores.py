"""Restoring an old version of a file on the server, now or, offline, later (issue 18,
item 1; the facade's part is ``service/versions.py``).

The restore itself is a change made *on the server* (``restore_on_server``): the old
version becomes the current one there, or, as a copy, a new file beside it under a name
free on both sides; the next pass brings it down as any change made there.

Offline, a restore is *queued* (``queue_restore``) among the server-side requests
waiting for the connection (``service/waiting_requests.py``, shared with undeletes from
the server's trash) and done by the folder's next pass that reaches the server, before it
syncs (``do_queued_restore``); nothing changes before that, here or there.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from cozysync.config import FolderConfig, Locations
from cozysync.errors import ConfigError, PreconditionFailedError, RemoteItemMissingError
from cozysync.file_versions import FileVersion
from cozysync.paths import join, name_of, parent_of, split_ext
from cozysync.phrases import phrase
from cozysync.ports import KeepsVersions, Remote
from cozysync.service.waiting_requests import queue_request

__all__ = [
    "NoVersionsError",
    "UnknownVersionError",
    "check_version_id",
    "copy_name",
    "do_queued_restore",
    "keeper_of",
    "queue_restore",
    "restore_on_server",
]

log = logging.getLogger(__name__)

_VERSION_ID = re.compile(r"[A-Za-z0-9_.-]{1,200}")  # a Cozy's rev or id, a Nextcloud time


class NoVersionsError(ConfigError):
    """The folder's server keeps no old versions of files (plain WebDAV)."""


class UnknownVersionError(RemoteItemMissingError):
    """No such old version of that file on the server (any more)."""


def copy_name(path: str, modified_at: float, is_free: Callable[[str], bool]) -> str:
    """``dir/<stem> (version <YYYY-MM-DD HHMM>)<ext>``, the version's local date; a name
    taken here or there gets " 2", " 3"... inside the brackets: nothing is overwritten."""
    stem, ext = split_ext(name_of(path))
    stamp = datetime.fromtimestamp(modified_at).strftime("%Y-%m-%d %H%M")
    for n in range(1, 1000):
        tail = "" if n == 1 else f" {n}"
        candidate = join(parent_of(path), f"{stem} (version {stamp}{tail}){ext}")
        if is_free(candidate):
            return candidate
    raise ConfigError(phrase("too many copies of this version of {path!r}", path=path))


def check_version_id(version_id: str) -> str:
    if not _VERSION_ID.fullmatch(version_id) or version_id in (".", ".."):
        raise ConfigError(
            phrase("{version_id!r} is not a version's id", version_id=version_id),
            phrase("See the ids with: cozysync versions PATH"),
        )
    return version_id


def keeper_of(remote: Remote) -> KeepsVersions:
    keeper = remote.features.versions
    if keeper is None:
        raise NoVersionsError(
            phrase("this server keeps no old versions of files"),
            phrase("Only a Cozy or a Nextcloud keeps them; a plain WebDAV server does not."),
        )
    return keeper


def _find(keeper: KeepsVersions, rel: str, version_id: str) -> FileVersion:
    for version in keeper.list_versions(rel):
        if version.version_id == version_id:
            return version
    raise UnknownVersionError(
        phrase(
            "the server keeps no version {version_id!r} of {rel!r}", version_id=version_id, rel=rel
        ),
        phrase("See the versions kept now with: cozysync versions PATH"),
        path=rel,
    )


@contextmanager
def _spooled(keeper: KeepsVersions, rel: str, version_id: str) -> Iterator[tuple[Path, int]]:
    """The version's content in a private temp file outside the synced folder."""
    fd, name = tempfile.mkstemp(prefix="cozysync-version-")
    try:
        with os.fdopen(fd, "wb") as sink:
            size = keeper.download_version(rel, version_id, sink)
        yield Path(name), size
    finally:
        with suppress(FileNotFoundError):
            os.unlink(name)


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def restore_on_server(
    remote: Remote, local_root: Path, rel: str, version_id: str, *, as_copy: bool
) -> str | None:
    """The restore itself, on the server: the old version becomes the file's content, or
    (``as_copy``) a new file beside it, under a name free on both sides (its path)."""
    keeper = keeper_of(remote)
    version = _find(keeper, rel, version_id)
    if not as_copy:
        keeper.restore_version(rel, version_id)
        return None

    def is_free(candidate: str) -> bool:
        return not os.path.lexists(local_root / candidate) and remote.stat(candidate) is None

    with _spooled(keeper, rel, version_id) as (spool, size):
        md5 = _md5(spool)
        for _ in range(5):  # taken between the look and the upload: the next name
            target = copy_name(rel, version.modified_at, is_free)
            try:
                remote.upload(
                    target, lambda: spool.open("rb"), size, replace=None,
                    mtime=int(version.modified_at), content_hash=md5, progress=None,
                )  # fmt: skip
            except PreconditionFailedError:
                continue
            return target
    raise ConfigError(phrase("no free name was found for a copy of {rel!r}", rel=rel))


# --- restores asked offline (service/waiting_requests.py keeps them) ------------------------

KIND = "restore-version"


def queue_restore(
    locations: Locations, folder: FolderConfig, rel: str, version_id: str, *, as_copy: bool
) -> Path:
    record = {"path": rel, "version_id": version_id, "as_copy": as_copy}
    return queue_request(locations, folder, KIND, record)


def do_queued_restore(remote: Remote, folder: FolderConfig, record: Mapping[str, object]) -> str:
    """One restore asked offline, done now.  A crash between a restore and its request's
    removal makes the next pass ask it again: the server then says that version is gone
    (a Cozy's revert turns it into the current content), told and dropped, nothing lost."""
    rel = str(record["path"])
    restore_on_server(
        remote, folder.local_path, rel, check_version_id(str(record.get("version_id", ""))),
        as_copy=bool(record.get("as_copy")),
    )  # fmt: skip
    return rel
