"""What cozysync itself sent to the OS trash, kept so that it can be listed and put
back (issue 18, item 2): one small JSON-lines file per folder in the state folder
(``trashed/<folder_id>.jsonl``, mode 0600, as every file of cozysync's).

Each line is one item the engine trashed: when, its path inside the folder, whether it
was a folder, its size, and where the OS trash put it (the item and its freedesktop
``.trashinfo``; None where the OS does not say).  Nothing of a file's contents.  A line
cut short by a crash is skipped when read.  Writing never stops a sync: a record that
cannot be written is logged, and the item is still in the OS trash.  A file keeps the
newest ``KEEP_PER_FOLDER`` records.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from cozysync.atomic import write_atomically
from cozysync.private import FILE_MODE, private_folder

__all__ = ["KEEP_PER_FOLDER", "TrashRecord", "TrashRecords"]

log = logging.getLogger(__name__)

KEEP_PER_FOLDER = 2000
TRIM_BYTES_PER_RECORD = 600  # a file this many bytes a record is read and trimmed


@dataclass(frozen=True, slots=True)
class TrashRecord:
    """One item of folder ``folder_id`` that cozysync sent to the OS trash."""

    record_id: str
    folder_id: str
    path: str  # relative to the synced folder, where it was
    is_dir: bool
    size: int | None
    trashed_at: float  # unix time
    trash_path: str | None  # the item in the OS trash (None: the OS does not say)
    info_path: str | None  # its freedesktop .trashinfo, if any

    def is_still_there(self) -> bool:
        """Its copy is still in the OS trash (not emptied, not put back by hand)."""
        return self.trash_path is not None and os.path.lexists(self.trash_path)


def _record(line: str) -> TrashRecord | None:
    try:
        data = json.loads(line)
        return TrashRecord(**{k: data[k] for k in TrashRecord.__slots__})
    except (ValueError, KeyError, TypeError):
        return None


class TrashRecords:
    """Every folder's trash records, in ``state_dir/trashed``; thread-safe."""

    def __init__(self, state_dir: Path) -> None:
        self.folder_path = state_dir / "trashed"
        self._lock = threading.Lock()

    def file_of(self, folder_id: str) -> Path:
        return self.folder_path / f"{folder_id}.jsonl"

    def new_record(
        self, folder_id: str, path: str, *, is_dir: bool, size: int | None, at: float,
        trash_path: Path | None, info_path: Path | None,
    ) -> TrashRecord:  # fmt: skip
        return TrashRecord(
            record_id=secrets.token_hex(6), folder_id=folder_id, path=path, is_dir=is_dir,
            size=size, trashed_at=at, trash_path=str(trash_path) if trash_path else None,
            info_path=str(info_path) if info_path else None,
        )  # fmt: skip

    def add(self, record: TrashRecord) -> None:
        """Append ``record`` (logged, never raised, when it cannot be written)."""
        line = json.dumps(asdict(record), ensure_ascii=False) + "\n"
        with self._lock:
            try:
                private_folder(self.folder_path)
                path = self.file_of(record.folder_id)
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
                with os.fdopen(fd, "a", encoding="utf-8") as file:
                    file.write(line)
                self._trim(record.folder_id)
            except OSError as exc:
                log.warning("what was sent to the trash could not be noted: %s", exc)

    def read(self, folder_id: str) -> list[TrashRecord]:
        """Folder ``folder_id``'s records, newest first."""
        with self._lock:
            records = self._read(folder_id)
        records.sort(key=lambda r: r.trashed_at, reverse=True)
        return records

    def remove(self, folder_id: str, record_ids: set[str]) -> None:
        """Forget those records (put back, or gone from the OS trash)."""
        with self._lock:
            kept = [r for r in self._read(folder_id) if r.record_id not in record_ids]
            self._write(folder_id, kept)

    def forget_folder(self, folder_id: str) -> None:
        with self._lock, suppress(FileNotFoundError):
            self.file_of(folder_id).unlink()

    def _read(self, folder_id: str) -> list[TrashRecord]:
        try:
            text = self.file_of(folder_id).read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        return [r for r in map(_record, text.splitlines()) if r is not None]

    def _write(self, folder_id: str, records: list[TrashRecord]) -> None:
        content = "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in records)
        private_folder(self.folder_path)
        write_atomically(self.file_of(folder_id), content.encode("utf-8"))

    def _trim(self, folder_id: str) -> None:
        """Once the file is big (its size checked, not its lines read), keep the newest."""
        if self.file_of(folder_id).stat().st_size < KEEP_PER_FOLDER * TRIM_BYTES_PER_RECORD:
            return
        records = self._read(folder_id)
        if len(records) > KEEP_PER_FOLDER:
            records.sort(key=lambda r: r.trashed_at)
            self._write(folder_id, records[-KEEP_PER_FOLDER:])
