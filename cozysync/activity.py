"""What was synced lately, kept across restarts: one small JSON-lines file per folder in
the state folder (``activity/<folder_id>.jsonl``, mode 0600, as every file of cozysync's).

Each line is one ``ItemSynced`` the engine emitted: its time, the item's path inside the
folder, what was done (``ItemAction``) and the other path of a move or a copy. Nothing
of a file's contents, no password, no server address.  A file keeps the last ``keep``
items of its folder: appends are cheap, and once it holds twice as many lines it is
rewritten atomically with the newest ``keep``.  A line cut short by a crash, or one an
older version wrote differently, is skipped when read.  Writing never stops a sync: a
file that cannot be written is logged and the item is left out.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from cozysync.atomic import write_atomically
from cozysync.events import ItemAction, ItemSynced
from cozysync.private import FILE_MODE, private_folder

__all__ = ["KEEP_PER_FOLDER", "ActivityEntry", "ActivityLog"]

log = logging.getLogger(__name__)

KEEP_PER_FOLDER = 300  # items kept per folder


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    """One item synced: when (unix time), in which folder (its name), the item's path in
    the folder, what was done, and the other path of a move or a copy."""

    at: float
    folder: str
    path: str
    action: ItemAction
    related_path: str | None = None


class ActivityLog:
    """Every folder's recent activity, in ``state_dir/activity``; thread-safe."""

    def __init__(self, state_dir: Path, keep: int = KEEP_PER_FOLDER) -> None:
        if keep < 1:
            raise ValueError(f"keep must be at least 1, not {keep}")
        self.folder_path = state_dir / "activity"
        self.keep = keep
        self._lock = threading.Lock()
        self._lines: dict[str, int] = {}  # lines in each file written to, once counted

    def file_of(self, folder_id: str) -> Path:
        return self.folder_path / f"{folder_id}.jsonl"

    def record(self, folder_id: str, event: ItemSynced, at: float) -> None:
        """Note ``event`` (an item of folder ``folder_id`` synced at ``at``); an event
        without an ``action`` says nothing a person could be shown, and is left out."""
        if event.action is None:
            return
        line = _line(event, at)
        with self._lock:
            try:
                self._append(folder_id, line)
            except OSError as exc:
                log.warning("the recent activity could not be written: %s", exc)

    def read(self, folder_id: str, folder: str, limit: int | None = None) -> list[ActivityEntry]:
        """Folder ``folder_id``'s kept items, newest first (at most ``limit``), named as
        in folder ``folder``."""
        with self._lock:
            entries = [e for e in map(_entry_of(folder), self._read_lines(folder_id)) if e]
        entries.reverse()
        return entries if limit is None else entries[:limit]

    def remove(self, folder_id: str) -> None:
        """Forget folder ``folder_id``'s activity (unlink); raises ``OSError`` as is."""
        with self._lock:
            self._lines.pop(folder_id, None)
            with suppress(FileNotFoundError):
                self.file_of(folder_id).unlink()
            with suppress(OSError):  # not empty: other folders still have theirs
                self.folder_path.rmdir()  # the last folder's gone: nothing left behind

    def _append(self, folder_id: str, line: str) -> None:
        path = self.file_of(folder_id)
        if folder_id not in self._lines:
            private_folder(self.folder_path)
            self._lines[folder_id] = len(self._read_lines(folder_id))
            if _ends_cut_short(path):
                line = f"\n{line}"  # a crash cut the last line: start a new one
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC
        fd = os.open(path, flags, FILE_MODE)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        self._lines[folder_id] += 1
        if self._lines[folder_id] >= 2 * self.keep:
            kept = self._read_lines(folder_id)[-self.keep :]
            write_atomically(path, "".join(f"{text}\n" for text in kept).encode("utf-8"))
            self._lines[folder_id] = len(kept)

    def _read_lines(self, folder_id: str) -> list[str]:
        try:
            text = self.file_of(folder_id).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        except OSError as exc:
            log.warning("the recent activity could not be read: %s", exc)
            return []
        return [line for line in text.split("\n") if line.strip()]


def _ends_cut_short(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            if file.seek(0, os.SEEK_END) == 0:
                return False
            file.seek(-1, os.SEEK_END)
            return file.read(1) != b"\n"
    except FileNotFoundError:
        return False


def _line(event: ItemSynced, at: float) -> str:
    fields: dict[str, object] = {"at": round(at, 3), "path": event.path, "action": event.action}
    if event.related_path:
        fields["related"] = event.related_path
    return json.dumps(fields, ensure_ascii=False) + "\n"


def _entry_of(folder: str) -> Callable[[str], ActivityEntry | None]:
    def parse(line: str) -> ActivityEntry | None:
        try:
            fields = json.loads(line)
            related = fields.get("related")
            return ActivityEntry(
                float(fields["at"]),
                folder,
                str(fields["path"]),
                ItemAction(fields["action"]),
                str(related) if related else None,
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None  # cut short by a crash, or not ours

    return parse
