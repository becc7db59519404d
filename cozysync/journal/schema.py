"""The journal's SQLite file: tables, migrations, connection and error translation.

This is the only module that imports peewee.  One database file per linked folder,
opened in WAL mode (readers never block the writer, a crash never leaves a half-written
transaction), ``synchronous=NORMAL`` (a committed transaction survives a process crash;
a power cut may lose the last ones, never corrupt the file) and a busy timeout.

Schema history lives in ``MIGRATIONS``: step *n* (1-based) brings a file from version
``n - 1`` to ``n``.  The version is kept in ``PRAGMA user_version``; pending steps run in
one ``BEGIN IMMEDIATE`` transaction when the file is opened.  Steps are frozen SQL: once
released a step is never edited (a new column is a new step), so the models below, which
describe the *current* tables for queries, cannot change what an old step creates.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import peewee

from cozysync.errors import ConfigError, CozySyncError, DiskFullError, FatalError
from cozysync.phrases import phrase
from cozysync.private import private_file

__all__ = [
    "DATABASE_ERRORS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SIDE_FILES",
    "ConflictRow",
    "ErrorRow",
    "ItemRow",
    "JournalBusyError",
    "JournalDatabase",
    "MetaRow",
    "TransferRow",
    "translate_error",
]

Row = tuple[Any, ...]
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's files beside the journal's


# --- current tables (for queries; unbound: every query runs on an explicit database) ---


class _Table(peewee.Model):
    class Meta:
        database = None
        legacy_table_names = False


class ItemRow(_Table):
    """One synced item.  Columns are in ``JournalEntry`` field order."""

    key = peewee.TextField(primary_key=True)  # NFC path key
    local_path = peewee.TextField()
    remote_path = peewee.TextField()
    is_dir = peewee.BooleanField()
    inode = peewee.IntegerField()
    device = peewee.IntegerField()
    size = peewee.IntegerField()
    mtime_ns = peewee.IntegerField()
    content_hash = peewee.TextField(null=True)
    etag = peewee.TextField(null=True)
    remote_id = peewee.TextField(null=True)
    remote_size = peewee.IntegerField()
    remote_mtime = peewee.IntegerField(null=True)
    executable = peewee.BooleanField(null=True)  # v5
    remote_executable = peewee.BooleanField(null=True)  # v5

    class Meta:
        table_name = "items"


class MetaRow(_Table):
    name = peewee.TextField(primary_key=True)
    value = peewee.TextField()

    class Meta:
        table_name = "meta"


class ConflictRow(_Table):
    path = peewee.TextField(primary_key=True)
    conflict_path = peewee.TextField()
    detected_at = peewee.FloatField()

    class Meta:
        table_name = "conflicts"


class ErrorRow(_Table):
    path = peewee.TextField(primary_key=True)
    title = peewee.TextField()
    hint = peewee.TextField()
    attempts = peewee.IntegerField()
    next_retry_at = peewee.FloatField()
    kind = peewee.TextField()
    message_id = peewee.TextField(null=True)  # v4: the error's stable message id

    class Meta:
        table_name = "errors"


class TransferRow(_Table):
    """A pending transfer.  Columns are in ``PendingTransfer`` field order."""

    key = peewee.TextField(primary_key=True)
    direction = peewee.TextField()
    local_path = peewee.TextField()
    remote_path = peewee.TextField()
    size = peewee.IntegerField()
    content_hash = peewee.TextField()
    inode = peewee.IntegerField()
    device = peewee.IntegerField()
    mtime_ns = peewee.IntegerField()
    etag = peewee.TextField(null=True)
    remote_id = peewee.TextField(null=True)
    remote_mtime = peewee.IntegerField(null=True)

    class Meta:
        table_name = "transfers"


# --- migrations: frozen SQL, one step per version ---------------------------------------

Migration = Callable[[peewee.SqliteDatabase], None]


def run_sql(db: peewee.SqliteDatabase, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
    """``db.execute_sql`` with a type (the peewee stubs leave it untyped)."""
    cursor: sqlite3.Cursor = db.execute_sql(sql, params)  # type: ignore[no-untyped-call]
    return cursor


def _v1_create_tables(db: peewee.SqliteDatabase) -> None:
    run_sql(
        db,
        "CREATE TABLE items ("
        " key TEXT NOT NULL PRIMARY KEY, local_path TEXT NOT NULL, remote_path TEXT NOT NULL,"
        " is_dir INTEGER NOT NULL, inode INTEGER NOT NULL, device INTEGER NOT NULL,"
        " size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, content_hash TEXT, etag TEXT,"
        " remote_id TEXT, remote_size INTEGER NOT NULL, remote_mtime INTEGER)",
    )
    run_sql(db, "CREATE TABLE meta (name TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)")
    run_sql(
        db,
        "CREATE TABLE conflicts (path TEXT NOT NULL PRIMARY KEY,"
        " conflict_path TEXT NOT NULL, detected_at REAL NOT NULL)",
    )
    run_sql(
        db,
        "CREATE TABLE errors (path TEXT NOT NULL PRIMARY KEY, title TEXT NOT NULL,"
        " hint TEXT NOT NULL, attempts INTEGER NOT NULL, next_retry_at REAL NOT NULL,"
        " kind TEXT NOT NULL)",
    )


def _v2_index_identities(db: peewee.SqliteDatabase) -> None:
    """Moves are found by local identity (device, inode) and by remote id."""
    run_sql(db, "CREATE INDEX items_device_inode ON items (device, inode)")
    run_sql(db, "CREATE INDEX items_remote_id ON items (remote_id)")


def _v3_pending_transfers(db: peewee.SqliteDatabase) -> None:
    """Transfers that may have landed before their journal write (settled next pass)."""
    run_sql(
        db,
        "CREATE TABLE transfers ("
        " key TEXT NOT NULL PRIMARY KEY, direction TEXT NOT NULL, local_path TEXT NOT NULL,"
        " remote_path TEXT NOT NULL, size INTEGER NOT NULL, content_hash TEXT NOT NULL,"
        " inode INTEGER NOT NULL, device INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
        " etag TEXT, remote_id TEXT, remote_mtime INTEGER)",
    )


def _v4_error_message_ids(db: peewee.SqliteDatabase) -> None:
    """A per-item error keeps its stable message id (``cozysync.messages``) for the UI."""
    run_sql(db, "ALTER TABLE errors ADD COLUMN message_id TEXT")


def _v5_executable_bits(db: peewee.SqliteDatabase) -> None:
    """A file's x bit on each side at last sync (a ``chmod +x`` alone is synced with a
    server that keeps it); NULL: not known yet (learnt at the item's next record)."""
    run_sql(db, "ALTER TABLE items ADD COLUMN executable INTEGER")
    run_sql(db, "ALTER TABLE items ADD COLUMN remote_executable INTEGER")


MIGRATIONS: tuple[Migration, ...] = (
    _v1_create_tables,
    _v2_index_identities,
    _v3_pending_transfers,
    _v4_error_message_ids,
    _v5_executable_bits,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: peewee.SqliteDatabase, path: Path, steps: Sequence[Migration]) -> None:
    """Apply the steps the file lacks, all in one transaction (all or nothing)."""
    with db.atomic("IMMEDIATE"):  # the write lock first: two openers never both migrate
        version = int(run_sql(db, "PRAGMA user_version").fetchone()[0])
        if version > len(steps):
            raise ConfigError(
                phrase(
                    "The sync journal {path} was made by a newer cozysync (schema "
                    "{version}, this one knows {known})",
                    path=path,
                    version=version,
                    known=len(steps),
                ),
                phrase("Update cozysync, or link the folder again."),
            )
        for number, step in enumerate(steps[version:], start=version + 1):
            step(db)
            run_sql(db, f"PRAGMA user_version = {number:d}")


# --- path rewriting used by relocate ------------------------------------------------------


def rebase_components(path: str | None, depth: int, new_prefix: str) -> str | None:
    """``path`` with its first ``depth`` components replaced by ``new_prefix``.

    Counting components rather than characters keeps each side's own spelling of the
    part below (NFC and NFD spellings of one name have different lengths)."""
    if path is None:
        return None
    rest = path.split("/", depth)[depth:]
    return "/".join([new_prefix, *rest]) if new_prefix else "/".join(rest)


# --- errors -------------------------------------------------------------------------------

DATABASE_ERRORS: tuple[type[Exception], ...] = (peewee.PeeweeException, sqlite3.Error)

_SQLITE_ERROR, _SQLITE_BUSY, _SQLITE_LOCKED = 1, 5, 6
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26
_SQLITE_IOERR, _SQLITE_READONLY, _SQLITE_PERM = 10, 8, 3


class JournalBusyError(FatalError):
    """Another connection holds the journal's write lock (retried before it is raised)."""

    default_hint = "Another program is using this folder's journal; close it, then sync again."


def _sqlite_codes(exc: BaseException) -> Iterator[int]:
    """The primary SQLite result codes behind a peewee or sqlite3 exception and the
    exceptions it happened during (a failed ROLLBACK hides the disk-full error that
    made SQLite roll back on its own)."""
    seen: BaseException | None = exc
    while seen is not None:
        for candidate in (seen, *(a for a in seen.args if isinstance(a, BaseException))):
            code = getattr(candidate, "sqlite_errorcode", None)
            if isinstance(code, int):
                yield code & 0xFF
        seen = seen.__cause__ or seen.__context__


def _sqlite_code(exc: BaseException) -> int | None:
    """The most telling code: the first one more specific than SQLITE_ERROR."""
    codes = list(_sqlite_codes(exc))
    specific = [code for code in codes if code != _SQLITE_ERROR]
    return next(iter(specific or codes), None)


def translate_error(exc: Exception, path: Path) -> CozySyncError:
    """The cozysync error for a database failure on the journal at ``path``."""
    code = _sqlite_code(exc)
    if code == _SQLITE_FULL:
        return DiskFullError(f"No space left to write the sync journal {path}")
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return JournalBusyError(phrase("The sync journal {path} is locked", path=path))
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return FatalError(
            phrase("The sync journal {path} is damaged", path=path),
            phrase("Unlink and link the folder again to rebuild it; your files are not touched."),
        )
    if code in (_SQLITE_CANTOPEN, _SQLITE_READONLY, _SQLITE_PERM, _SQLITE_IOERR):
        return FatalError(
            phrase("Cannot read or write the sync journal {path}", path=path),
            phrase("Check that the folder holding it exists and that you may write to it."),
        )
    return FatalError(
        phrase("The sync journal {path} failed: {exc}", path=path, exc=exc),
        phrase("Please report this bug."),
    )


# --- the database -------------------------------------------------------------------------


class JournalDatabase:
    """A typed wrapper around the peewee database of one journal file.

    Raises peewee/sqlite3 exceptions (``DATABASE_ERRORS``) untranslated: the store
    translates them, because only it knows whether a retry is safe."""

    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = path
        self._db = peewee.SqliteDatabase(
            str(path),
            pragmas={
                "journal_mode": "wal",
                "synchronous": "normal",
                "foreign_keys": 1,
                "busy_timeout": int(busy_timeout * 1000),
            },
            timeout=busy_timeout,
            lock_type="IMMEDIATE",  # a write transaction takes the lock when it starts
            autoconnect=False,
        )
        self._db.register_function(rebase_components, "rebase_components", 3, True)

    def open(self, steps: Sequence[Migration] = MIGRATIONS) -> None:
        """Connect, then bring the schema up to date (``steps`` is for tests).  The file
        is made (or made again) private first: SQLite gives its -wal, -shm and -journal
        files the database's mode (``cozysync.private``)."""
        try:
            private_file(self.path)
            for suffix in SIDE_FILES:
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    private_file(side)
        except OSError as exc:
            raise FatalError(
                phrase(
                    "Cannot read or write the sync journal {path} ({strerror})",
                    path=self.path,
                    strerror=exc.strerror,
                ),
                phrase("Check that the folder holding it exists and that you may write to it."),
            ) from exc
        self._db.connect()
        try:
            migrate(self._db, self.path, steps)
        except BaseException:
            self._db.close()
            raise

    def upsert(self, table: type[_Table], values: dict[str, object]) -> None:
        """Insert the row, replacing the one with the same primary key."""
        query = table.replace(values)  # type: ignore[no-untyped-call]
        query.execute(self._db)

    def delete_key(self, table: type[_Table], key: object) -> None:
        """Delete the row whose primary key is ``key`` (no row: nothing happens)."""
        query = table.delete().where(table._meta.primary_key == key)
        query.execute(self._db)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A transaction, or a savepoint inside one: nestable."""
        with self._db.atomic():
            yield

    def in_transaction(self) -> bool:
        return self._db.in_transaction()

    def fetch_all(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        cursor = run_sql(self._db, sql, params)
        try:
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def fetch_each(self, sql: str, params: Sequence[object], each: Callable[[Row], None]) -> None:
        """``each`` of the rows as the cursor gives them (no list of every row first)."""
        cursor = run_sql(self._db, sql, params)
        try:
            for row in cursor:
                each(row)
        finally:
            cursor.close()

    def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run one statement; the number of rows it changed."""
        cursor = run_sql(self._db, sql, params)
        cursor.close()
        return int(cursor.rowcount)

    def execute_many(self, sql: str, rows: Iterator[Sequence[object]]) -> None:
        cursor: sqlite3.Cursor = self._db.cursor()  # type: ignore[no-untyped-call]
        try:
            cursor.executemany(sql, rows)
        finally:
            cursor.close()

    def pragma(self, name: str) -> object:
        return run_sql(self._db, f"PRAGMA {name}").fetchone()[0]

    def close(self) -> None:
        if not self._db.is_closed():
            self._db.close()
