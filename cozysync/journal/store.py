"""``SqliteJournal``: the ``Journal`` port on one SQLite file (see ``schema``).

Rows become ``cozysync.models`` dataclasses here; nothing above this module sees a
database row or a database exception.  Every database failure is translated: disk full
→ ``DiskFullError``, damaged file → ``FatalError`` with a hint, locked → retried (only
outside a transaction, where a retry repeats the whole statement), then ``FatalError``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from cozysync.errors import CozySyncError
from cozysync.journal.schema import (
    DATABASE_ERRORS,
    ConflictRow,
    JournalBusyError,
    JournalDatabase,
    MetaRow,
    Row,
    translate_error,
)
from cozysync.models import Conflict, ItemError, JournalEntry, PendingTransfer

__all__ = ["SqliteJournal"]

T = TypeVar("T")

_ITEM_COLUMNS = (
    "key, local_path, remote_path, is_dir, inode, device, size, mtime_ns,"
    " content_hash, etag, remote_id, remote_size, remote_mtime, executable, remote_executable"
)
_PUT_ITEM = f"INSERT OR REPLACE INTO items ({_ITEM_COLUMNS}) VALUES ({', '.join('?' * 15)})"
# ``key`` itself or below it: a range on the primary key, no LIKE (names may hold % and _).
# Every key below "a" starts with "a/", and sorts in ["a/", "a0") since "0" follows "/".
_IN_TREE = "(key = ?1 OR (key >= ?1 || '/' AND key < ?1 || '0'))"
_ALL = "1"


_U64 = 1 << 64
_I64_MAX = (1 << 63) - 1


def _to_int64(value: int) -> int:
    """An unsigned 64-bit id (inode, device) as SQLite's signed INTEGER, losslessly."""
    if not 0 <= value < _U64:
        raise ValueError(f"{value} is not an unsigned 64-bit number")
    return value - _U64 if value > _I64_MAX else value


def _entry_row(entry: JournalEntry) -> Row:
    return (
        entry.key,
        entry.local_path,
        entry.remote_path,
        entry.is_dir,
        _to_int64(entry.inode),
        _to_int64(entry.device),
        entry.size,
        entry.mtime_ns,
        entry.content_hash,
        entry.etag,
        entry.remote_id,
        entry.remote_size,
        entry.remote_mtime,
        entry.executable,
        entry.remote_executable,
    )


def _entry_from_row(row: Row) -> JournalEntry:
    # positional and inline: this runs once per item on every pass (100k items and more)
    inode, device = row[4], row[5]
    key, local_path, remote_path = row[0], row[1], row[2]
    # mostly one spelling on both sides: one string for the three (memory at 100k items)
    local_path = key if local_path == key else local_path
    remote_path = local_path if remote_path == local_path else remote_path
    return JournalEntry(
        key,
        local_path,
        remote_path,
        bool(row[3]),
        inode if inode >= 0 else inode + _U64,
        device if device >= 0 else device + _U64,
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
        None if row[13] is None else bool(row[13]),
        None if row[14] is None else bool(row[14]),
    )


_TRANSFER_COLUMNS = (
    "key, direction, local_path, remote_path, size, content_hash, inode, device, mtime_ns,"
    " etag, remote_id, remote_mtime"
)
_PUT_TRANSFER = (
    f"INSERT OR REPLACE INTO transfers ({_TRANSFER_COLUMNS}) VALUES ({', '.join('?' * 12)})"
)


def _transfer_row(t: PendingTransfer) -> Row:
    return (
        t.key,
        t.direction,
        t.local_path,
        t.remote_path,
        t.size,
        t.content_hash,
        _to_int64(t.inode),
        _to_int64(t.device),
        t.mtime_ns,
        t.etag,
        t.remote_id,
        t.remote_mtime,
    )


def _transfer_from_row(row: Row) -> PendingTransfer:
    inode, device = row[6], row[7]
    return PendingTransfer(
        key=row[0],
        direction=row[1],
        local_path=row[2],
        remote_path=row[3],
        size=row[4],
        content_hash=row[5],
        inode=inode if inode >= 0 else inode + _U64,
        device=device if device >= 0 else device + _U64,
        mtime_ns=row[8],
        etag=row[9],
        remote_id=row[10],
        remote_mtime=row[11],
    )


_ERROR_COLUMNS = "path, title, hint, attempts, next_retry_at, kind, message_id"
_RECORD_ERROR = f"INSERT OR REPLACE INTO errors ({_ERROR_COLUMNS}) VALUES ({', '.join('?' * 7)})"


def _error_from_row(row: Row) -> ItemError:
    path, title, hint, attempts, at, kind, message_id = row
    return ItemError(path, title, hint, int(attempts), float(at), kind, message_id or "")


def _depth(path: str) -> int:
    return path.count("/") + 1 if path else 0


class SqliteJournal:
    """The journal of one linked folder, kept in the SQLite file ``db_path``."""

    def __init__(
        self,
        db_path: Path,
        *,
        busy_timeout: float = 5.0,
        busy_retries: int = 3,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._db = JournalDatabase(db_path, busy_timeout=busy_timeout)
        self._busy_retries = busy_retries
        self._sleep = sleep
        self._call(self._db.open)

    @property
    def path(self) -> Path:
        return self._db.path

    def __repr__(self) -> str:
        return f"SqliteJournal({str(self._db.path)!r})"

    # --- error translation ------------------------------------------------------------

    def _call(self, operation: Callable[[], T]) -> T:
        """Run ``operation``, translating database errors; retry while locked."""
        attempt = 0
        while True:
            try:
                return operation()
            except DATABASE_ERRORS as exc:
                error = translate_error(exc, self._db.path)
                if not self._may_retry(error, attempt):
                    raise error from exc
            attempt += 1
            self._sleep(0.1 * 2**attempt)

    def _may_retry(self, error: CozySyncError, attempt: int) -> bool:
        # inside a transaction the statements before this one would not be repeated
        busy = isinstance(error, JournalBusyError)
        return busy and attempt < self._busy_retries and not self._db.in_transaction()

    def _write(self, operation: Callable[[], object]) -> None:
        """Run a multi-statement write as one transaction (a savepoint when nested)."""

        def in_transaction() -> None:
            with self._db.atomic():
                operation()

        self._call(in_transaction)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all; nestable."""
        try:
            with self._db.atomic():
                yield
        except DATABASE_ERRORS as exc:  # BEGIN or COMMIT failed
            raise translate_error(exc, self._db.path) from exc

    # --- items ------------------------------------------------------------------------

    def entries(self) -> dict[str, JournalEntry]:
        def read_all() -> dict[str, JournalEntry]:
            found: dict[str, JournalEntry] = {}

            def keep(row: Row) -> None:
                found[row[0]] = _entry_from_row(row)

            self._db.fetch_each(f"SELECT {_ITEM_COLUMNS} FROM items", (), keep)
            return found

        return self._call(read_all)  # each row converted as read: no list of 100k rows

    def get(self, key: str) -> JournalEntry | None:
        """The entry of ``key``, if any (not in the port: for tests and tools)."""
        sql = f"SELECT {_ITEM_COLUMNS} FROM items WHERE key = ?"
        rows = self._call(lambda: self._db.fetch_all(sql, (key,)))
        return _entry_from_row(rows[0]) if rows else None

    def put(self, entry: JournalEntry) -> None:
        self._call(lambda: self._db.execute(_PUT_ITEM, _entry_row(entry)))

    def put_many(self, entries: Iterable[JournalEntry]) -> None:
        """Store all entries in one transaction: all of them or none."""
        rows = [_entry_row(entry) for entry in entries]  # consumed before BEGIN
        self._write(lambda: self._db.execute_many(_PUT_ITEM, iter(rows)))

    def remove_tree(self, key: str) -> None:
        """Forget ``key`` and everything below it (``""``, the root: everything)."""
        where = _IN_TREE if key else _ALL
        params = (key,) if key else ()
        self._call(lambda: self._db.execute(f"DELETE FROM items WHERE {where}", params))

    def relocate(self, old_key: str, new_key: str, local_path: str, remote_path: str) -> None:
        """Move ``old_key`` and everything below it to ``new_key``.

        ``local_path``/``remote_path`` are the moved item's new paths on each side; below
        it, each entry keeps its own spelling of the part under the moved item.  Stale
        entries already at ``new_key`` or below are dropped: the item now lives there."""
        if not old_key or not new_key:
            raise ValueError("the sync root cannot be relocated")
        if old_key != new_key and _overlap(old_key, new_key):
            raise ValueError(f"cannot relocate {old_key!r} into itself ({new_key!r})")
        self._write(lambda: self._relocate(old_key, new_key, local_path, remote_path))

    def _relocate(self, old_key: str, new_key: str, local_path: str, remote_path: str) -> None:
        if old_key != new_key:
            self._db.execute(f"DELETE FROM items WHERE {_IN_TREE}", (new_key,))
        self._db.execute(
            "UPDATE items SET key = ?2 || substr(key, length(?1) + 1),"
            " local_path = rebase_components(local_path, ?3, ?4),"
            " remote_path = rebase_components(remote_path, ?3, ?5)"
            f" WHERE {_IN_TREE}",
            (old_key, new_key, _depth(old_key), local_path, remote_path),
        )

    # --- meta -------------------------------------------------------------------------

    def get_meta(self, name: str) -> str | None:
        rows = self._call(
            lambda: self._db.fetch_all("SELECT value FROM meta WHERE name = ?", (name,))
        )
        return str(rows[0][0]) if rows else None

    def set_meta(self, name: str, value: str | None) -> None:
        """Set ``name`` to ``value``; None deletes it."""
        if value is None:
            self._call(lambda: self._db.delete_key(MetaRow, name))
        else:
            self._call(lambda: self._db.upsert(MetaRow, {"name": name, "value": value}))

    # --- conflicts --------------------------------------------------------------------

    def add_conflict(self, conflict: Conflict) -> None:
        row: dict[str, object] = {
            "path": conflict.path,
            "conflict_path": conflict.conflict_path,
            "detected_at": conflict.detected_at,
        }
        self._call(lambda: self._db.upsert(ConflictRow, row))

    def conflicts(self) -> list[Conflict]:
        sql = "SELECT path, conflict_path, detected_at FROM conflicts ORDER BY path"
        rows = self._call(lambda: self._db.fetch_all(sql))
        return [Conflict(path, conflict_path, float(at)) for path, conflict_path, at in rows]

    def remove_conflict(self, path: str) -> None:
        self._call(lambda: self._db.delete_key(ConflictRow, path))

    # --- errors -----------------------------------------------------------------------

    def record_error(self, error: ItemError) -> None:
        # plain SQL: called for every failed item (peewee's query builder was half the
        # CPU of 200,000 refused uploads)
        row = (
            error.path,
            error.title,
            error.hint,
            error.attempts,
            error.next_retry_at,
            error.kind,
            error.message_id or None,
        )
        self._call(lambda: self._db.execute(_RECORD_ERROR, row))

    def clear_error(self, path: str) -> None:
        # plain SQL: called after every successful action (peewee's query builder was
        # 6% of a 10k-file upload's CPU)
        self._call(lambda: self._db.execute("DELETE FROM errors WHERE path = ?", (path,)))

    def error(self, path: str) -> ItemError | None:
        sql = f"SELECT {_ERROR_COLUMNS} FROM errors WHERE path = ?"
        rows = self._call(lambda: self._db.fetch_all(sql, (path,)))
        return _error_from_row(rows[0]) if rows else None

    def errors(self) -> list[ItemError]:
        sql = f"SELECT {_ERROR_COLUMNS} FROM errors ORDER BY path"
        rows = self._call(lambda: self._db.fetch_all(sql))
        return [_error_from_row(row) for row in rows]

    # --- pending transfers (see ``PendingTransfer``) -------------------------------------

    def transfers(self) -> list[PendingTransfer]:
        sql = f"SELECT {_TRANSFER_COLUMNS} FROM transfers ORDER BY key"
        rows = self._call(lambda: self._db.fetch_all(sql))
        return [_transfer_from_row(row) for row in rows]

    def put_transfer(self, transfer: PendingTransfer) -> None:
        row = _transfer_row(transfer)
        self._call(lambda: self._db.execute(_PUT_TRANSFER, row))

    def remove_transfer(self, key: str) -> None:
        self._call(lambda: self._db.execute("DELETE FROM transfers WHERE key = ?", (key,)))

    # --- lifetime ---------------------------------------------------------------------

    def close(self) -> None:
        """Close the file (idempotent).  Refused inside a transaction."""
        self._call(self._db.close)


def _overlap(a: str, b: str) -> bool:
    return a.startswith(b + "/") or b.startswith(a + "/")
