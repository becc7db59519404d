"""SqliteJournal on a real SQLite file."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.errors import ConfigError, CozySyncError, DiskFullError, FatalError
from cozysync.journal.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    ConflictRow,
    ErrorRow,
    ItemRow,
    JournalDatabase,
    MetaRow,
    TransferRow,
)
from cozysync.journal.store import SqliteJournal
from cozysync.models import Conflict, ItemError, JournalEntry, PendingTransfer


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def entry(key: str, local_path: str | None = None, remote_path: str | None = None, **kw):
    fields = dict(
        key=key,
        local_path=local_path if local_path is not None else key,
        remote_path=remote_path if remote_path is not None else key,
        is_dir=False,
        inode=7,
        device=3,
        size=12,
        mtime_ns=1_700_000_000_123_456_789,
        content_hash="d41d8cd98f00b204e9800998ecf8427e",
        etag="abc",
        remote_id="42",
        remote_size=12,
        remote_mtime=1_700_000_000,
    )
    fields.update(kw)
    return JournalEntry(**fields)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(db_path: Path) -> Iterator[SqliteJournal]:
    opened = SqliteJournal(db_path)
    yield opened
    opened.close()


def query(db_path: Path, sql: str) -> list[tuple]:
    """Read the file with a separate plain sqlite3 connection."""
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(sql).fetchall()
    connection.close()
    return rows


# --- items ------------------------------------------------------------------------------


def test_every_field_round_trips_through_a_reopened_file(db_path: Path):
    full = entry(
        "dossier/Résumé.txt",
        local_path=nfd("dossier/Résumé.txt"),
        remote_path="dossier/Résumé.txt",
        is_dir=False,
        inode=2**64 - 1,  # unsigned 64-bit ids do not fit SQLite's signed INTEGER as is
        device=2**63 + 5,
        size=5 * 2**40,
        mtime_ns=-1_000,  # before 1970
        content_hash="0123456789abcdef0123456789abcdef",
        etag="W-less etag",
        remote_id="oc:fileid 9",
        remote_size=5 * 2**40 + 1,
        remote_mtime=-5,
    )
    empty = entry(
        "folder",
        is_dir=True,
        content_hash=None,
        etag=None,
        remote_id=None,
        remote_mtime=None,
        size=0,
        remote_size=0,
        inode=0,
        device=0,
    )
    first = SqliteJournal(db_path)
    first.put(full)
    first.put(empty)
    first.close()

    reopened = SqliteJournal(db_path)
    assert reopened.entries() == {full.key: full, empty.key: empty}
    assert reopened.get(full.key) == full
    assert reopened.get("missing") is None
    reopened.close()


def test_paths_spelled_as_the_key_share_one_string(journal: SqliteJournal):
    """Memory at 100k items: an item spelled alike on both sides holds one string for its
    key and its two paths; another spelling keeps its own."""
    journal.put(entry("cours/devoir.txt"))
    journal.put(entry("été.txt", local_path=nfd("été.txt"), remote_path=nfd("été.txt")))
    read = journal.entries()
    same = read["cours/devoir.txt"]
    assert same.local_path is same.key and same.remote_path is same.key
    respelled = read["été.txt"]
    assert respelled.local_path == respelled.remote_path == nfd("été.txt") != respelled.key
    assert respelled.remote_path is respelled.local_path


def test_put_replaces_the_entry_of_the_same_key(journal: SqliteJournal):
    journal.put(entry("a", size=1))
    journal.put(entry("a", size=2))
    assert journal.entries() == {"a": entry("a", size=2)}


def test_the_file_is_in_wal_mode_with_the_documented_pragmas(journal: SqliteJournal, db_path):
    assert query(db_path, "PRAGMA journal_mode") == [("wal",)]  # persistent, in the file
    connection = journal._db  # per-connection pragmas are only visible on its connection
    assert connection.pragma("synchronous") == 1  # NORMAL
    assert connection.pragma("foreign_keys") == 1
    assert connection.pragma("busy_timeout") == 5000


TRICKY_TREE = [
    # (key, local spelling, remote spelling)
    ("100%_done", "100%_done", "100%_done"),
    ("100%_done/a_b%c", "100%_done/a_b%c", "100%_done/a_b%c"),
    ("100%_done/Café", nfd("100%_done/Café"), "100%_done/Café"),
    ("100%_done/Café/thé.txt", nfd("100%_done/Café/thé.txt"), "100%_done/Café/thé.txt"),
]
# neighbours a LIKE '100%_done/%' or a careless prefix test would catch
NEIGHBOURS = ["100%_done0", "100%_done.txt", "100%Xdone/x", "100X_done/y", "100%_donE/z", "100"]


def fill_tricky(journal: SqliteJournal) -> None:
    journal.put_many(entry(key, local, remote) for key, local, remote in TRICKY_TREE)
    journal.put_many(entry(key) for key in NEIGHBOURS)


def test_relocate_moves_the_tree_keeping_each_sides_spelling(journal: SqliteJournal):
    fill_tricky(journal)
    new_local = nfd("archivé/50%_fait")
    journal.relocate("100%_done", "archivé/50%_fait", new_local, "Archivé/50%_fait")

    moved = {k: (e.local_path, e.remote_path) for k, e in journal.entries().items()}
    assert moved == {
        "archivé/50%_fait": (new_local, "Archivé/50%_fait"),
        "archivé/50%_fait/a_b%c": (new_local + "/a_b%c", "Archivé/50%_fait/a_b%c"),
        "archivé/50%_fait/Café": (new_local + nfd("/Café"), "Archivé/50%_fait/Café"),
        "archivé/50%_fait/Café/thé.txt": (
            new_local + nfd("/Café/thé.txt"),
            "Archivé/50%_fait/Café/thé.txt",
        ),
        **{key: (key, key) for key in NEIGHBOURS},
    }
    # the rest of each entry travels with it
    assert journal.get("archivé/50%_fait/a_b%c") == entry(
        "archivé/50%_fait/a_b%c", new_local + "/a_b%c", "Archivé/50%_fait/a_b%c"
    )


def test_relocate_to_the_same_key_only_respells_the_paths(journal: SqliteJournal):
    journal.put(entry("Café", nfd("Café"), "Café"))
    journal.put(entry("Café/x", nfd("Café") + "/x", "Café/x"))
    journal.relocate("Café", "Café", "Café", "Cafe\u0301")
    assert {k: (e.local_path, e.remote_path) for k, e in journal.entries().items()} == {
        "Café": ("Café", "Cafe\u0301"),
        "Café/x": ("Café/x", "Cafe\u0301/x"),
    }


def test_relocate_drops_stale_entries_at_the_destination(journal: SqliteJournal):
    journal.put_many([entry("a"), entry("a/x"), entry("b", size=99), entry("b/old")])
    journal.relocate("a", "b", "b", "b")
    assert sorted(journal.entries()) == ["b", "b/x"]
    assert journal.get("b") == entry("b")


def test_relocate_into_itself_is_refused_and_changes_nothing(journal: SqliteJournal):
    journal.put_many([entry("a"), entry("a/b")])
    with pytest.raises(ValueError):
        journal.relocate("a", "a/b/c", "a/b/c", "a/b/c")
    with pytest.raises(ValueError):
        journal.relocate("a/b", "a", "a", "a")
    assert sorted(journal.entries()) == ["a", "a/b"]


def test_remove_tree_forgets_the_item_and_below_only(journal: SqliteJournal):
    fill_tricky(journal)
    journal.remove_tree("100%_done")
    assert sorted(journal.entries()) == sorted(NEIGHBOURS)
    journal.remove_tree("100%_done")  # nothing left there: no error
    journal.remove_tree("")  # the root: everything
    assert journal.entries() == {}


def test_entries_reads_100k_rows(journal: SqliteJournal):
    """Correctness only: speed belongs in bench/ (a timed unit test fails on a loaded
    machine, as this one did)."""
    rows = [entry(f"d{i // 1000}/f{i}", inode=i) for i in range(100_000)]
    journal.put_many(rows)
    loaded = journal.entries()
    assert len(loaded) == 100_000
    assert loaded["d99/f99999"] == rows[-1]
    assert loaded["d0/f0"] == rows[0]


# --- transactions -----------------------------------------------------------------------


def test_an_exception_inside_a_transaction_leaves_nothing(journal: SqliteJournal):
    journal.put(entry("kept"))
    with pytest.raises(RuntimeError), journal.transaction():
        journal.put_many([entry("a"), entry("b")])
        journal.set_meta("cursor", "7")
        raise RuntimeError("boom")
    assert sorted(journal.entries()) == ["kept"]
    assert journal.get_meta("cursor") is None


def test_put_many_is_all_or_nothing_when_a_row_fails(journal: SqliteJournal):
    bad = dataclasses.replace(entry("c"), local_path=None)  # NOT NULL violated
    with pytest.raises(CozySyncError):
        journal.put_many([entry("a"), entry("b"), bad])
    assert journal.entries() == {}


def test_transactions_nest_and_an_inner_failure_rolls_back_only_the_inner(journal):
    with journal.transaction():
        journal.put(entry("outer"))
        with pytest.raises(RuntimeError), journal.transaction():
            journal.put(entry("inner"))
            raise RuntimeError("inner fails")
        journal.put(entry("after"))
    assert sorted(journal.entries()) == ["after", "outer"]


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from cozysync.journal.store import SqliteJournal
    from cozysync.models import JournalEntry

    def entry(key):
        return JournalEntry(key, key, key, False, 1, 1, 1, 1, None, None, None, 1, None)

    journal = SqliteJournal(Path(sys.argv[1]))
    journal.put_many(entry(f"committed/{i}") for i in range(500))
    journal.set_meta("cursor", "committed")
    with journal.transaction():
        journal.put_many(entry(f"uncommitted/{i}") for i in range(500))
        journal.set_meta("cursor", "uncommitted")
        print("in-transaction", flush=True)
        time.sleep(60)
    """
)


def test_a_writer_killed_mid_transaction_leaves_only_committed_rows(db_path: Path):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "in-transaction"
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=10)
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL

    journal = SqliteJournal(db_path)
    keys = set(journal.entries())
    assert keys == {f"committed/{i}" for i in range(500)}
    assert journal.get_meta("cursor") == "committed"
    journal.close()


# --- meta, conflicts, errors ------------------------------------------------------------


def test_meta_set_get_replace_and_delete(journal: SqliteJournal):
    assert journal.get_meta("remote_cursor") is None
    journal.set_meta("remote_cursor", "v1")
    journal.set_meta("remote_cursor", "v2")
    assert journal.get_meta("remote_cursor") == "v2"
    journal.set_meta("remote_cursor", None)
    assert journal.get_meta("remote_cursor") is None
    journal.set_meta("remote_cursor", None)  # deleting a missing name is fine


def test_conflicts_round_trip(db_path: Path, journal: SqliteJournal):
    first = Conflict("notes/a%_b.txt", "notes/a%_b (conflict pc 2024-01-02 030405).txt", 1.5)
    second = Conflict(nfd("é.txt"), nfd("é (conflict pc 2024-01-02 030405).txt"), 1e9 + 0.25)
    journal.add_conflict(first)
    journal.add_conflict(second)
    journal.add_conflict(first)  # recorded again: still one
    journal.close()
    reopened = SqliteJournal(db_path)
    assert sorted(reopened.conflicts(), key=lambda c: c.path) == sorted(
        [first, second], key=lambda c: c.path
    )
    reopened.remove_conflict(first.path)
    reopened.remove_conflict("never there")
    assert reopened.conflicts() == [second]
    reopened.close()


def test_errors_round_trip(db_path: Path, journal: SqliteJournal):
    failing = ItemError("a.txt", "Upload failed", "It will be retried.", 3, 1_700_000_123.5)
    clash = ItemError("B.txt", "Name clash", "Rename one of them.", kind="clash")
    journal.record_error(failing)
    journal.record_error(clash)
    journal.record_error(dataclasses.replace(failing, attempts=4))
    journal.close()
    reopened = SqliteJournal(db_path)
    assert sorted(reopened.errors(), key=lambda e: e.path) == [
        clash,
        dataclasses.replace(failing, attempts=4),
    ]
    reopened.clear_error("a.txt")
    reopened.clear_error("never there")
    assert reopened.errors() == [clash]
    reopened.close()


# --- schema and migrations --------------------------------------------------------------


def make_v1_file(path: Path) -> None:
    v1 = JournalDatabase(path)
    v1.open(steps=MIGRATIONS[:1])
    v1.execute(
        "INSERT INTO items VALUES ('old', 'old', 'OLD', 0, 5, 6, 7, 8, 'h', 'e', 'r', 9, 10)"
    )
    v1.execute("INSERT INTO meta VALUES ('cursor', 'c1')")
    v1.close()


def test_a_v1_file_is_migrated_to_the_current_schema_and_keeps_its_rows(db_path: Path):
    make_v1_file(db_path)
    assert query(db_path, "PRAGMA user_version") == [(1,)]
    indexes = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    assert query(db_path, indexes) == []

    journal = SqliteJournal(db_path)
    assert journal.entries() == {
        "old": JournalEntry("old", "old", "OLD", False, 5, 6, 7, 8, "h", "e", "r", 9, 10)
    }
    assert journal.get_meta("cursor") == "c1"
    journal.close()
    assert query(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)] == [(5,)]
    assert sorted(query(db_path, indexes)) == [("items_device_inode",), ("items_remote_id",)]


def test_a_v2_file_is_migrated_to_v3_keeping_its_rows_and_gains_pending_transfers(
    db_path: Path,
):
    v2 = JournalDatabase(db_path)
    v2.open(steps=MIGRATIONS[:2])
    v2.execute(
        "INSERT INTO items VALUES ('old', 'old', 'OLD', 0, 5, 6, 7, 8, 'h', 'e', 'r', 9, 10)"
    )
    v2.execute("INSERT INTO errors VALUES ('bad', 't', 'h', 2, 3.5, 'error')")
    v2.close()
    tables = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    assert query(db_path, "PRAGMA user_version") == [(2,)]
    assert ("transfers",) not in query(db_path, tables)

    journal = SqliteJournal(db_path)
    assert journal.get("old") == JournalEntry(
        "old", "old", "OLD", False, 5, 6, 7, 8, "h", "e", "r", 9, 10
    )
    assert [e.path for e in journal.errors()] == ["bad"]
    assert journal.transfers() == []
    journal.put_transfer(pending("new.txt"))
    assert journal.transfers() == [pending("new.txt")]
    journal.close()
    assert query(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert ("transfers",) in query(db_path, tables)


def test_a_v3_file_is_migrated_to_v4_and_its_errors_gain_a_message_id(db_path: Path):
    v3 = JournalDatabase(db_path)
    v3.open(steps=MIGRATIONS[:3])
    v3.execute("INSERT INTO errors VALUES ('bad', 't', 'h', 2, 3.5, 'error')")
    v3.close()

    journal = SqliteJournal(db_path)
    assert journal.errors() == [ItemError("bad", "t", "h", 2, 3.5, "error", "")]
    journal.record_error(ItemError("new", "t", "h", message_id="error.access_refused"))
    assert journal.errors()[1].message_id == "error.access_refused"
    journal.close()
    assert query(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_a_v4_file_is_migrated_to_v5_and_its_items_learn_their_x_bit(db_path: Path):
    """v5: an item's executable bit as both sides agreed (None until first recorded)."""
    v4 = JournalDatabase(db_path)
    v4.open(steps=MIGRATIONS[:4])
    v4.execute(
        "INSERT INTO items VALUES ('old', 'old', 'OLD', 0, 5, 6, 7, 8, 'h', 'e', 'r', 9, 10)"
    )
    v4.close()

    journal = SqliteJournal(db_path)
    old = journal.get("old")
    assert old is not None and old.executable is None  # not known yet
    journal.put(dataclasses.replace(old, key="run.sh", local_path="run.sh", executable=True))
    assert journal.get("run.sh") == dataclasses.replace(
        old, key="run.sh", local_path="run.sh", executable=True
    )
    journal.close()
    assert query(db_path, "PRAGMA user_version") == [(5,)] == [(SCHEMA_VERSION,)]


def pending(key: str, **kw: object) -> PendingTransfer:
    fields: dict[str, object] = dict(
        key=key,
        direction="upload",
        local_path=key,
        remote_path=key,
        size=12,
        content_hash="0123456789abcdef0123456789abcdef",
        inode=2**64 - 1,
        device=2**63 + 5,
        mtime_ns=-1_000,
        etag=None,
        remote_id=None,
        remote_mtime=None,
    )
    fields.update(kw)
    return PendingTransfer(**fields)  # type: ignore[arg-type]


def test_pending_transfers_round_trip_replace_and_are_removed(db_path: Path):
    first = SqliteJournal(db_path)
    up = pending(nfd("é/up.txt"), local_path=nfd("é/up.txt"), remote_path="é/up.txt")
    down = pending(
        "down", direction="download", etag="e1", remote_id="id 9", remote_mtime=-5, inode=3
    )
    first.put_transfer(up)
    first.put_transfer(down)
    first.close()
    reopened = SqliteJournal(db_path)
    assert reopened.transfers() == sorted([up, down], key=lambda t: t.key)
    again = dataclasses.replace(down, content_hash="f" * 32, size=0)
    reopened.put_transfer(again)  # one intent per key: the newest
    assert reopened.transfers() == sorted([up, again], key=lambda t: t.key)
    reopened.remove_transfer("down")
    reopened.remove_transfer("never there")
    assert reopened.transfers() == [up]
    reopened.close()


def test_the_migrated_tables_match_the_models(journal: SqliteJournal, db_path: Path):
    for model in (ItemRow, MetaRow, ConflictRow, ErrorRow, TransferRow):
        table = model._meta.table_name
        columns = [row[1] for row in query(db_path, f"PRAGMA table_info({table})")]
        assert columns == [field.column_name for field in model._meta.sorted_fields]
    item_fields = [field.name for field in dataclasses.fields(JournalEntry)]
    assert [field.name for field in ItemRow._meta.sorted_fields] == item_fields
    transfer_fields = [field.name for field in dataclasses.fields(PendingTransfer)]
    assert [field.name for field in TransferRow._meta.sorted_fields] == transfer_fields


def test_a_file_from_a_newer_cozysync_is_refused_untouched(db_path: Path):
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE future (x)")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(ConfigError, match="newer cozysync"):
        SqliteJournal(db_path)
    assert query(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION + 1,)]
    assert query(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("future",)]


# --- failures are translated --------------------------------------------------------------


def test_a_damaged_file_is_a_fatal_error_with_a_hint_and_is_left_as_is(db_path: Path):
    garbage = b"this is not an SQLite database, it was damaged " * 200
    db_path.write_bytes(garbage)
    with pytest.raises(FatalError) as raised:
        SqliteJournal(db_path)
    assert "damaged" in raised.value.title
    assert "link the folder again" in raised.value.hint
    assert isinstance(raised.value.__cause__, Exception)
    assert db_path.read_bytes() == garbage


def test_a_full_disk_is_disk_full_error_and_keeps_what_was_committed(journal, db_path):
    journal.put(entry("kept"))
    pages = journal._db.pragma("page_count")
    journal._db.pragma(f"max_page_count = {pages}")  # the file may not grow: SQLITE_FULL
    with pytest.raises(DiskFullError):
        journal.put_many(entry(f"big/{i}", content_hash="x" * 1000) for i in range(2000))
    assert sorted(journal.entries()) == ["kept"]


def test_a_locked_journal_is_retried_then_fatal(db_path: Path):
    sleeps: list[float] = []
    journal = SqliteJournal(db_path, busy_timeout=0.05, busy_retries=2, sleep=sleeps.append)
    journal.put(entry("before"))
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
        with pytest.raises(FatalError, match="locked") as raised:
            journal.put(entry("while-locked"))
        assert raised.value.hint
        assert len(sleeps) == 2
        assert sorted(journal.entries()) == ["before"]  # WAL: reading still works
    finally:
        other.execute("ROLLBACK")
        other.close()
    journal.put(entry("after"))  # the lock is gone: writing works again
    assert sorted(journal.entries()) == ["after", "before"]
    journal.close()


def test_close_is_idempotent_and_repr_names_the_file(db_path: Path):
    journal = SqliteJournal(db_path)
    assert str(db_path) in repr(journal)
    journal.close()
    journal.close()
