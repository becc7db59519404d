"""The remote tree from the changes feed (brief §4): full listing, incremental batches,
trash and deletions, moved folders, rejected sequences, and a resume after SIGKILL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from cozysync.remotes.cozy import CozyRemote
from cozysync.remotes.cozy_changes import ROOT_ID, TRASH_ID, CachedDoc, TreeCache, classify
from tests.cozy_server import CozyAccount, CozyStackServer, CozyUser
from tests.keyring_session import real_keyring  # noqa: F401


@pytest.fixture
def remote(cozy_account: CozyAccount) -> Iterator[CozyRemote]:
    r = cozy_account.remote()
    yield r
    r.close()


def tree_of(remote: CozyRemote) -> dict[str, bytes | None]:
    """The listing, with the server's bytes for files (checked against content_hash)."""
    return {s.path: None if s.is_dir else s.content_hash.encode() for s in remote.list_tree()}  # type: ignore[union-attr]


def server_tree(server: CozyStackServer) -> dict[str, bytes | None]:
    import hashlib

    return {
        p: None if d is None else hashlib.md5(d).hexdigest().encode()
        for p, d in server.tree().items()
    }


def feed_requests(server: CozyStackServer) -> list[dict[str, str]]:
    return [
        {k: v[0] for k, v in parse_qs(q).items()}
        for m, p, q in server.requests
        if (m, p) == ("GET", "/files/_changes")
    ]


def test_first_listing_walks_then_follows_the_feed(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    cozy_user.write("Work/Finance/budget.ods", b"1")
    cozy_user.write("notes.txt", b"n")
    assert tree_of(remote) == server_tree(cozy_server)
    assert ("GET", "/data/io.cozy.files/_changes") in [(m, p) for m, p, _ in cozy_server.requests]
    first_seq = remote.cache.seq
    cozy_server.requests.clear()
    cozy_user.write("notes.txt", b"edited")
    cozy_user.write("Work/new.txt", b"new")
    assert tree_of(remote) == server_tree(cozy_server)
    [query] = feed_requests(cozy_server)
    assert query["since"] == first_seq and query["include_docs"] == "true"
    assert not any(p.startswith("/files/io.cozy") for _, p, _ in cozy_server.requests)  # no walk


def test_trash_deletions_and_moves_from_the_feed(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    for path in ("a/b/c.txt", "a/b/d.txt", "keep.txt", "gone.txt", "dir/x", "dir/sub/y"):
        cozy_user.write(path, path.encode())
    remote.list_tree()
    cozy_user.move("a", "z")  # the feed has the dirs only, no file entries (§4)
    cozy_user.trash("keep.txt")  # a user "delete" is a move to the trash
    cozy_user.destroy("gone.txt")  # trashed, then a real deletion (deleted doc)
    cozy_user.trash("dir")  # the dir, its sub-dirs and files, all in the trash
    listed = tree_of(remote)
    assert listed == server_tree(cozy_server)
    assert set(listed) == {"z", "z/b", "z/b/c.txt", "z/b/d.txt"}


def test_trash_and_shared_drives_are_not_synced(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    cozy_user.write("Drives/team/plan.txt", b"p")
    cozy_user.write("mine.txt", b"m")
    cozy_user.trash("mine.txt")
    assert remote.list_tree() == []
    assert [s.path for s in remote.list_below("")] == []


def test_design_docs_root_trash_and_incomplete_files_are_skipped(
    remote: CozyRemote, cozy_server: CozyStackServer
):
    cozy_server.add_design_doc()  # the stack filters it (§4); so does the client:
    assert classify({"id": "_design/x", "doc": {"_id": "_design/x"}}) == ("skip", None)
    for special in (ROOT_ID, TRASH_ID):
        assert classify({"id": special, "doc": {"_id": special, "_rev": "1-a"}})[0] == "skip"
    incomplete = {"_id": "f", "_rev": "1-a", "type": "file", "name": "n", "dir_id": ROOT_ID}
    assert classify({"id": "f", "doc": incomplete}) == ("skip", None)
    assert (
        classify({"id": "f", "deleted": True, "doc": {"_id": "f", "_deleted": True}})[0] == "remove"
    )
    assert remote.list_tree() == []


def test_a_rejected_sequence_falls_back_to_a_full_listing(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    cozy_user.write("a.txt", b"a")
    remote.list_tree()
    cozy_server.reset_sequences()  # e.g. the database was restored elsewhere
    cozy_user.write("b.txt", b"b")
    cozy_user.trash("a.txt")
    assert tree_of(remote) == server_tree(cozy_server) and set(server_tree(cozy_server)) == {
        "b.txt"
    }
    assert remote.cache.seq is not None and cozy_server.epoch in remote.cache.seq


def test_small_pages_are_drained_to_pending_zero(cozy_account: CozyAccount, cozy_user: CozyUser):
    remote = cozy_account.remote(page_size=2)
    try:
        remote.list_tree()
        for i in range(7):
            cozy_user.write(f"d{i % 3}/f{i}", b"x")
        assert len(remote.list_tree()) == 10
    finally:
        remote.close()


READER = r"""
import sys, time
from pathlib import Path
from cozysync.remotes.cozy import CozyRemote
from cozysync.secrets import KeyringSecrets

url, service, account, cache = sys.argv[1:5]
batches = []

def on_batch(seq, count):
    batches.append(seq)
    print(seq, count, flush=True)
    if len(batches) == 2:
        time.sleep(60)  # killed here, between two batches

remote = CozyRemote(url, secrets=KeyringSecrets(service), account=account,
                    cache_path=Path(cache), page_size=3, on_batch=on_batch)
remote.list_tree()
"""


def test_the_feed_resumes_after_a_kill_between_batches(
    cozy_account: CozyAccount, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    cache = cozy_account.cache_dir / "tree.sqlite"
    remote = cozy_account.remote()
    remote.list_tree()
    start_seq = remote.cache.seq
    remote.close()
    for i in range(10):
        cozy_user.write(f"f{i}", b"x")
    cozy_user.trash("f3")
    feed = cozy_user._call("GET", "/files/_changes", 200, params={"since": start_seq})
    total_rows = len(feed["results"])

    args = [cozy_server.url, cozy_account.secrets._service, cozy_account.result.account, str(cache)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen([sys.executable, "-c", READER, *args], stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline().decode().split() for _ in range(2)]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    killed_at, applied_before = lines[1][0], sum(int(n) for _, n in lines)
    saved = TreeCache(cache)
    assert saved.seq == killed_at  # the second batch and its sequence were committed
    saved.close()

    seen: list[int] = []
    cozy_server.requests.clear()
    remote = cozy_account.remote(on_batch=lambda seq, n: seen.append(n))
    try:
        assert tree_of(remote) == server_tree(cozy_server)
    finally:
        remote.close()
    assert feed_requests(cozy_server)[0]["since"] == killed_at  # resumed, no full listing
    assert applied_before + sum(seen) == total_rows  # nothing missed, nothing twice


def test_a_cache_from_an_older_version_gains_the_dates(tmp_path: Path):
    """The dates a PUT or PATCH needs (§3.2) are new columns: an older cache keeps its
    rows and its sequence, the dates empty until the feed brings them."""
    db = sqlite3.connect(tmp_path / "old.sqlite")
    db.executescript(
        "CREATE TABLE items (id TEXT PRIMARY KEY, rev TEXT NOT NULL, is_dir INTEGER NOT NULL,"
        " name TEXT NOT NULL, dir_id TEXT NOT NULL, size INTEGER NOT NULL, md5 TEXT,"
        " mtime INTEGER); CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);"
        "INSERT INTO items VALUES ('f1', '1-a', 0, 'a.txt', 'io.cozy.files.root-dir', 1, NULL, 5);"
        "INSERT INTO meta VALUES ('seq', '7-x');"
    )
    db.close()
    cache = TreeCache(tmp_path / "old.sqlite")
    try:
        assert cache.seq == "7-x"
        assert cache.doc("f1") == CachedDoc("f1", "1-a", False, "a.txt", ROOT_ID, 1, None, 5)
        dated = CachedDoc("f1", "2-b", False, "a.txt", ROOT_ID, 1, None, 5, "2025-01-01T00:00:00Z")
        cache.apply([dated], (), "8-y")
        assert cache.docs() == [dated]
    finally:
        cache.close()
