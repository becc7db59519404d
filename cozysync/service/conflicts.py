"""Settling a conflict the user chose a side for: find it from the path they gave, then
keep "local", "remote" or "both"; the next sync propagates the choice."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from cozysync.config import FolderConfig
from cozysync.errors import ConfigError
from cozysync.models import Conflict
from cozysync.paths import path_key
from cozysync.phrases import phrase
from cozysync.ports import Journal, LocalFS
from cozysync.service.results import CLOUD, ConflictInfo, VersionInfo

__all__ = ["apply_resolution", "conflict_info", "find_conflict", "relative_to_root"]


def relative_to_root(path: str, root: Path) -> str:
    """``path`` as given by the user (absolute, from the current folder, or from the
    sync root) as a relative path inside the root."""
    candidate = Path(path).expanduser()
    for absolute in (candidate, Path.cwd() / candidate):
        if absolute.is_absolute():
            with suppress(ValueError):
                rel = Path(os.path.normpath(absolute)).relative_to(root).as_posix()
                if rel != "." and (absolute.exists() or candidate.is_absolute()):
                    return rel
    return Path(path).as_posix().strip("/")


def find_conflict(journal: Journal, rel: str) -> Conflict | None:
    key = path_key(rel)
    for conflict in journal.conflicts():
        if key in (path_key(conflict.path), path_key(conflict.conflict_path)):
            return conflict
    return None


def apply_resolution(local: LocalFS, path: str, conflict_path: str, keep: str) -> None:
    if keep == "both":
        return
    if local.stat(conflict_path) is None:
        raise ConfigError(
            phrase(
                "the conflict copy {conflict_path!r} is not there any more",
                conflict_path=conflict_path,
            ),
            phrase(
                "Nothing to choose: run cozysync resolve with --keep both to forget this conflict."
            ),
        )
    if keep == "remote":
        local.trash(conflict_path)
        return
    if local.stat(path) is not None:
        local.trash(path)
    local.move(conflict_path, path)


def conflict_info(folder: FolderConfig, conflict: Conflict) -> ConflictInfo:
    """The conflict with both versions as they are now on this computer: the server's
    version at ``path`` (from "the cloud") and this computer's in the copy."""
    return ConflictInfo(
        folder.name, conflict.path, conflict.conflict_path, conflict.detected_at,
        remote_version=_version(folder, conflict.path, CLOUD, is_cloud=True),
        local_version=_version(folder, conflict.conflict_path, folder.device_name),
    )  # fmt: skip


def _version(folder: FolderConfig, rel: str, device: str, *, is_cloud: bool = False) -> VersionInfo:
    try:
        info = (folder.local_path / rel).stat()
    except OSError:
        return VersionInfo(rel, None, None, device, is_cloud)
    return VersionInfo(rel, info.st_size, info.st_mtime, device, is_cloud)
