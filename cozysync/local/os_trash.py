"""Where the OS trash put an item cozysync sent there (issue 18, item 2).

send2trash does not say where the item went.  On the freedesktop trash (Linux, the BSDs:
https://specifications.freedesktop.org/trash-spec/1.0/) each trashed item is
``<trash>/files/<name>`` with ``<trash>/info/<name>.trashinfo`` holding its ``Path=``
(URL-quoted; absolute, or relative to the volume's top for a volume's own trash) and
``DeletionDate=``; a name already in the trash gets `` 2``, `` 3``... before its
extension.  The trashes looked at are the home trash (``$XDG_DATA_HOME/Trash``, read at
each call) and the volume's ``.Trash/<uid>`` and ``.Trash-<uid>``.  Elsewhere (macOS,
Windows) the place is not known: ``None``, and the item is restored from the OS trash
by hand.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

__all__ = ["TrashedPlace", "locate_trashed"]

INFO_SUFFIX = ".trashinfo"


@dataclass(frozen=True, slots=True)
class TrashedPlace:
    """The item in the OS trash (``files``) and its freedesktop ``.trashinfo``."""

    files_path: Path
    info_path: Path


def _home_trash() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return Path(os.path.expanduser(data_home)) / "Trash"


def _mount_point(path: Path) -> Path:
    path = Path(os.path.realpath(path))
    while not os.path.ismount(path) and path != path.parent:
        path = path.parent
    return path


def _trashes(original: Path) -> list[tuple[Path, Path | None]]:
    """(trash folder, the top its ``Path=`` values are relative to, or None)."""
    home = _home_trash()
    found: list[tuple[Path, Path | None]] = [(home, home.parent)]
    if hasattr(os, "getuid"):
        top = _mount_point(original.parent)
        uid = str(os.getuid())
        found += [(top / ".Trash" / uid, top), (top / f".Trash-{uid}", top)]
    return found


def _info_path_value(info: Path) -> str | None:
    try:
        text = info.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Path="):
            return unquote(line[5:].strip())
    return None


def _is_candidate(entry: str, stem: str, suffix: str) -> bool:
    """``essay.odt.trashinfo`` or ``essay 2.odt.trashinfo`` for ``essay.odt``."""
    if not entry.endswith(INFO_SUFFIX):
        return False
    name = entry[: -len(INFO_SUFFIX)]
    if not name.startswith(stem) or not name.endswith(suffix):
        return False
    middle = name[len(stem) : len(name) - len(suffix)]
    return middle == "" or (middle.startswith(" ") and middle[1:].isdigit())


def locate_trashed(original: Path) -> TrashedPlace | None:
    """Where the item that was at ``original`` (absolute) now is in the OS trash: the
    newest such entry whose ``files`` item exists; None if it cannot be told."""
    if sys.platform in ("darwin", "win32"):
        return None
    original = Path(os.path.abspath(original))
    stem, suffix = os.path.splitext(original.name)
    best: tuple[float, TrashedPlace] | None = None
    for trash, top in _trashes(original):
        info_dir = trash / "info"
        try:
            entries = os.listdir(info_dir)
        except OSError:
            continue
        for entry in entries:
            if not _is_candidate(entry, stem, suffix):
                continue
            info = info_dir / entry
            value = _info_path_value(info)
            if value is None:
                continue
            said = Path(value) if value.startswith("/") or top is None else top / value
            if os.path.realpath(said) != os.path.realpath(original):
                continue
            files = trash / "files" / entry[: -len(INFO_SUFFIX)]
            try:
                stamp = info.stat().st_mtime_ns / 1e9
            except OSError:
                continue
            if os.path.lexists(files) and (best is None or stamp >= best[0]):
                best = (stamp, TrashedPlace(files, info))
    return best[1] if best is not None else None
