"""The two versions of a conflicting file for ``ConflictDialog``: name, size,
modification time and device (the engine's), and a short preview (read from disk)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cozysync.api import ConflictInfo
from cozysync.api import VersionInfo as EngineVersion

__all__ = ["VersionInfo", "conflict_device", "read_versions"]

PREVIEW_BYTES = 4096
IMAGE_MAX_BYTES = 20 * 1024 * 1024
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".svg"}
_CONFLICT = re.compile(r" \(conflict (?P<device>.+) \d{4}-\d{2}-\d{2} \d{6}\)")


@dataclass(frozen=True, slots=True)
class VersionInfo:
    name: str
    local_path: Path
    is_mine: bool  # this computer's version (else the cloud's)
    device: str  # the device it comes from; "" for the cloud
    exists: bool
    size: int = 0
    modified_at: float = 0.0
    text_preview: str | None = None
    is_image: bool = False


def conflict_device(conflict_path: str) -> str:
    """The device named in a conflict copy's name, or ""."""
    match = _CONFLICT.search(Path(conflict_path).name)
    return match.group("device") if match else ""


def read_versions(conflict: ConflictInfo, local_root: Path) -> tuple[VersionInfo, VersionInfo]:
    """(mine, theirs): mine is the conflict copy, theirs the file that kept the name.
    Size, time and device come from the engine (``ConflictInfo``'s versions); the
    preview from the file on disk."""
    mine = _read(
        local_root / conflict.conflict_path, True, conflict.local_version,
        conflict_device(conflict.conflict_path),
    )  # fmt: skip
    theirs = _read(local_root / conflict.path, False, conflict.remote_version, "")
    return mine, theirs


def _read(
    path: Path, is_mine: bool, known: EngineVersion | None, device_in_name: str
) -> VersionInfo:
    device = device_in_name
    if known is not None and not known.is_cloud:
        device = known.device or device_in_name
    try:
        stat = path.stat()
    except OSError:
        return VersionInfo(path.name, path, is_mine, device, exists=False)
    if known is not None and known.size is not None:
        size, modified = known.size, known.modified_at or stat.st_mtime
    else:
        size, modified = stat.st_size, stat.st_mtime
    is_image = path.suffix.lower() in IMAGE_SUFFIXES and stat.st_size <= IMAGE_MAX_BYTES
    return VersionInfo(
        path.name,
        path,
        is_mine,
        device,
        True,
        size,
        modified,
        None if is_image else _text_preview(path),
        is_image,
    )


def _text_preview(path: Path) -> str | None:
    """The start of a text file, or None for a binary one."""
    try:
        with path.open("rb") as stream:
            head = stream.read(PREVIEW_BYTES)
    except OSError:
        return None
    if b"\0" in head:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # cut in the middle of a character
            return head[: exc.start].decode("utf-8")
        return None
