"""Ambiguous ETags (``cozysync.sync.etags``), as a table of (journal, listing) → the paths
whose ETag cannot be read as "unchanged"; then what the reconciler decides for them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cozysync.models import ActionKind, JournalEntry, LocalState, RemoteState
from cozysync.paths import LOCAL_NAME_RULES, WEBDAV_NAME_RULES
from cozysync.sync.changes import is_listing_as_journal
from cozysync.sync.etags import ambiguous_entries, distrust_ambiguous_etags
from cozysync.sync.reconcile import reconcile
from cozysync.sync.views import ReconcileContext

E = "5-65536f00"  # Apache: size and mtime; two same-size files of one second share it
F = "5-65536f01"
MD5 = {"old": "0" * 32, "new": "1" * 32}


def entry(path: str, etag: str | None = E, *, rid: str | None = None, md5: str = "old"):
    """A synced file (inode from its name, so each is its own file here)."""
    inode = sum(map(ord, path))
    return JournalEntry(
        path, path, path, False, inode, 1, 5, 10**18, MD5[md5], etag, rid, 5, 1_700_000_000
    )


def folder(path: str, etag: str = "1000-d1") -> JournalEntry:
    inode = sum(map(ord, path))
    return JournalEntry(path, path, path, True, inode, 1, 0, 0, None, etag, None, 0, 0)


def listed(path: str, etag: str | None = E, *, rid: str | None = None, md5: str | None = None):
    return RemoteState(path, False, 5, 1_700_000_000, etag, rid, MD5[md5] if md5 else None)


def listed_folder(path: str, etag: str = "1000-d1") -> RemoteState:
    return RemoteState(path, True, 0, 0, etag)


@dataclass
class Row:
    name: str
    journal: list[JournalEntry]
    listing: list[RemoteState]
    ambiguous: set[str]


ROWS = [
    Row(
        "nothing changed: no ETag is ambiguous",
        [entry("a"), entry("b", F)],
        [listed("a"), listed("b", F)],
        set(),
    ),
    Row(
        "an ETag shared by two paths, both where the journal recorded them: not ambiguous",
        [entry("src/f"), entry("dst/f")],
        [listed("src/f"), listed("dst/f")],
        set(),
    ),
    Row(
        "MOVE src/f onto dst/f, both with one ETag: dst/f is ambiguous",
        [entry("src/f"), entry("dst/f")],
        [listed("dst/f")],
        {"dst/f"},
    ),
    Row(
        "the twin edited in place (new ETag): its old bytes went nowhere",
        [entry("a"), entry("b")],
        [listed("a"), listed("b", F)],
        set(),
    ),
    Row(
        "the ETag moved to a path that had another one: that path changed anyway",
        [entry("a"), entry("b", F)],
        [listed("b")],
        set(),
    ),
    Row(
        "the ETag moved to a new path: nothing recorded there to be fooled",
        [entry("a")],
        [listed("c")],
        set(),
    ),
    Row(
        "the ETag newly shown at a second path, none left: not ambiguous",
        [entry("a"), entry("b", F)],
        [listed("a"), listed("b", F), listed("c")],
        set(),
    ),
    Row(
        "three twins, one moved onto another: both remaining ones are checked",
        [entry("a"), entry("b"), entry("c")],
        [listed("b"), listed("c")],
        {"b", "c"},
    ),
    Row(
        "a folder of twins moved on the server: each has a new place, nothing is ambiguous",
        [entry("a"), entry("d/x"), entry("d/y")],
        [listed("a"), listed("m/x"), listed("m/y")],
        set(),
    ),
    Row(
        "one twin moved onto another, one to a new place: one left for nowhere visible",
        [entry("a"), entry("b"), entry("c")],
        [listed("b"), listed("n")],
        {"b"},
    ),
    Row(
        "the twin deleted on the server: the other could be it, moved (checked once)",
        [entry("a"), entry("b")],
        [listed("b")],
        {"b"},
    ),
    Row(
        "another ETag left a path: this one is not concerned",
        [entry("a"), entry("b"), entry("x", F)],
        [listed("a"), listed("b")],
        set(),
    ),
    Row(
        "the same stable id at the path: the file stayed, its ETag is its own",
        [entry("src/f", rid="1"), entry("dst/f", rid="2")],
        [listed("dst/f", rid="2")],
        set(),
    ),
    Row(
        "another stable id at the path: another file came (a real move with its id)",
        [entry("src/f", rid="1"), entry("dst/f", rid="2")],
        [listed("dst/f", rid="1")],
        {"dst/f"},
    ),
    Row(
        "folders' ETags are not compared",
        [folder("d", E), folder("e", E)],
        [listed_folder("e", E)],
        set(),
    ),
    Row(
        "the twin's folder shows its recorded ETag: nothing was moved into it",
        [folder("d"), entry("d/b"), entry("a")],
        [listed_folder("d"), listed("d/b")],
        set(),
    ),
    Row(
        "the twin's folder changed (a MOVE rewrote an entry there): checked",
        [folder("d"), entry("d/b"), entry("a")],
        [listed_folder("d", "1000-d2"), listed("d/b")],
        {"d/b"},
    ),
    Row(
        "a twin at the top of the synced folder: no folder ETag recorded, checked",
        [folder("d"), entry("d/a"), entry("b")],
        [listed_folder("d", "1000-d2"), listed("b")],
        {"b"},
    ),
    Row(
        "a folder now at the twin's path: the file's ETag left, no file shows it",
        [entry("a"), entry("b")],
        [listed_folder("a"), listed("b")],
        {"b"},
    ),
    Row(
        "no ETags at all (size and mtime decide): nothing to be ambiguous",
        [entry("a", None), entry("b", None)],
        [listed("b", None)],
        set(),
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_ambiguous_etags(row: Row) -> None:
    journal = {e.key: e for e in row.journal}
    assert {e.remote_path for e in ambiguous_entries(journal, row.listing)} == row.ambiguous


def test_no_ambiguity_gives_the_journal_itself() -> None:
    journal = {e.key: e for e in (entry("a"), entry("b"))}
    assert distrust_ambiguous_etags(journal, [listed("a"), listed("b")]) is journal


def test_an_ambiguous_listing_is_never_the_journal_for_the_quiet_poll() -> None:
    """The watch-mode fast path skips the reconcile when the listing is the journal's;
    a listing with an ambiguous ETag never is (an ETag left a recorded path)."""
    for row in ROWS:
        journal = {e.key: e for e in row.journal}
        if row.ambiguous:
            assert not is_listing_as_journal(journal, row.listing), row.name


CTX = ReconcileContext(local_rules=LOCAL_NAME_RULES, remote_rules=WEBDAV_NAME_RULES)


def local_of(e: JournalEntry, *, edited: bool = False) -> LocalState:
    size, mtime = (e.size + 3, e.mtime_ns + 1) if edited else (e.size, e.mtime_ns)
    return LocalState(e.local_path, False, size, mtime, e.inode, e.device)


def plan_of(journal: list[JournalEntry], local: list[LocalState], listing: list[RemoteState]):
    """The reconciler's actions (it sets ambiguous ETags aside itself)."""
    journal_view = {e.key: e for e in journal}
    return {(a.kind, a.key) for a in reconcile(journal_view, local, listing, CTX).actions}


def test_the_move_onto_the_twin_is_downloaded_and_the_source_trashed() -> None:
    src, dst = entry("src/f"), entry("dst/f")
    kinds = plan_of([src, dst], [local_of(src), local_of(dst)], [listed("dst/f")])
    assert kinds == {(ActionKind.DOWNLOAD, "dst/f"), (ActionKind.TRASH_LOCAL, "src/f")}


def test_the_move_onto_a_twin_edited_here_compares_content() -> None:
    src, dst = entry("src/f"), entry("dst/f")
    kinds = plan_of([src, dst], [local_of(src), local_of(dst, edited=True)], [listed("dst/f")])
    assert kinds == {(ActionKind.COMPARE_CONTENT, "dst/f"), (ActionKind.TRASH_LOCAL, "src/f")}


def test_a_server_content_hash_settles_it_without_a_download() -> None:
    src, dst = entry("src/f"), entry("dst/f")
    same = plan_of([src, dst], [local_of(src), local_of(dst)], [listed("dst/f", md5="old")])
    # dst/f holds the recorded bytes: no transfer, the journal only relearns its ETag
    assert same == {(ActionKind.TRASH_LOCAL, "src/f"), (ActionKind.RECORD, "dst/f")}
    other = plan_of([src, dst], [local_of(src), local_of(dst)], [listed("dst/f", md5="new")])
    assert (ActionKind.DOWNLOAD, "dst/f") in other


def test_a_frozen_row_whose_etag_left_makes_no_other_file_ambiguous() -> None:
    """A name frozen by a Unicode clash (``é`` here in NFC and NFD) keeps its journal row,
    never updated while the clash lasts: its ETag, gone from the listing, would count
    as *left* at every pass, and ``b``, which shows it (the file moved there on the
    server, downloaded and recorded once), would be downloaded again at every pass.
    Frozen rows are left out of the check."""
    nfc, nfd = "\u00e9", "e\u0301"
    frozen, b = entry(nfc), entry("b")
    respelled = LocalState(nfd, False, 5, 10**18, 7, 1)
    kinds = plan_of([frozen, b], [local_of(frozen), respelled, local_of(b)], [listed("b")])
    assert kinds == set()
