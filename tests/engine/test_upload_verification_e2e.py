"""*Upload verification*, end to end on a real WsgiDAV behind middleware that loses part
of every PUT (``tests.upload_faults``): the server answers 201 but stores 15 of 31 bytes,
or nothing.  The pass is not in sync (through ``cozysync sync --once``, run in this process: a
non-zero exit and a message naming the file and both sizes), the journal holds no synced
entry for it, and once the server stores whole bodies again the next pass sends it and
the server's copy is the local one.  Also: a listing naming one file twice says so."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.journal.store import SqliteJournal
from cozysync.paths import path_key
from cozysync.sync.engine import PassResult, SyncEngine
from tests.engine.crash_helpers import ListingRewriter, dav_file_response, wrap_wsgidav
from tests.engine.inprocess_cli import in_process
from tests.engine.real_engine import real_engine
from tests.engine.test_cli import Cli, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer
from tests.upload_faults import PutTruncator

ESSAY = b"The essay, all thirty-one bytes"
assert len(ESSAY) == 31


@pytest.fixture
def engine(tmp_path: Path, wsgidav_server: WsgiDavServer) -> Iterator[SyncEngine]:
    root = tmp_path / "local"
    root.mkdir()
    (root / "keep.txt").write_bytes(b"kept")
    with real_engine(tmp_path, wsgidav_server) as engine:
        assert engine.sync_once().in_sync
        yield engine


def sizes(journal: SqliteJournal, rel: str) -> tuple[int, int] | None:
    """(local size, server size) the journal records for ``rel`` as synced, if any."""
    entry = journal.entries().get(path_key(rel))
    return None if entry is None else (entry.size, entry.remote_size)


def sync_losing_puts(engine: SyncEngine, server: WsgiDavServer, **options: bool) -> PassResult:
    truncator, unwrap = wrap_wsgidav(server, lambda app: PutTruncator(app, **options))
    try:
        return engine.sync_once()
    finally:
        unwrap()
        assert truncator.damaged  # the server did lose what it answered 201 to


def only_error(result: PassResult) -> str:
    assert not result.in_sync
    [error] = result.errors
    assert error.path == "essay.odt"
    return error.title


@pytest.mark.parametrize("edit", [False, True], ids=["new file", "edited file"])
def test_an_upload_the_server_cut_short_is_not_synced_and_is_sent_again(
    engine: SyncEngine, wsgidav_server: WsgiDavServer, edit: bool
):
    journal = engine.journal
    assert isinstance(journal, SqliteJournal)
    essay = engine.local.root / "essay.odt"
    if edit:
        essay.write_bytes(b"first draft")
        assert engine.sync_once().in_sync
    essay.write_bytes(ESSAY)

    cut = sync_losing_puts(engine, wsgidav_server)

    assert only_error(cut) == (
        "the server stored 15 of 31 bytes of 'essay.odt'; it will be sent again"
    )
    on_server = wsgidav_server.root / "essay.odt"
    if edit:  # the synced version stays, as the journal says
        assert on_server.read_bytes() == b"first draft"
        assert sizes(journal, "essay.odt") == (11, 11)
    else:
        assert not on_server.exists()
        assert sizes(journal, "essay.odt") is None
    assert [e.path for e in journal.errors()] == ["essay.odt"]

    again = engine.sync_once()

    assert again.in_sync and again.conflicts == []
    assert on_server.read_bytes() == ESSAY == essay.read_bytes()
    assert sizes(journal, "essay.odt") == (31, 31)
    assert journal.errors() == []


def test_an_upload_journalled_damaged_before_verification_is_sent_again(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
):
    """What the code before *upload verification* left: the server's file cut to 15
    bytes, and a journal entry recording it as synced with both sizes (31 here, 15 there)."""
    journal = engine.journal
    assert isinstance(journal, SqliteJournal)
    essay = engine.local.root / "essay.odt"
    essay.write_bytes(ESSAY)
    assert engine.sync_once().in_sync
    wsgidav_server.write("essay.odt", ESSAY[:15])
    cut = engine.remote.stat("essay.odt")
    entry = journal.entries()[path_key("essay.odt")]
    assert cut is not None and entry.size == 31
    with journal.transaction():
        journal.put(
            dataclasses.replace(entry, etag=cut.etag, remote_size=cut.size, remote_mtime=cut.mtime)
        )

    repaired = engine.sync_once()

    assert repaired.in_sync and repaired.conflicts == []
    assert (wsgidav_server.root / "essay.odt").read_bytes() == ESSAY == essay.read_bytes()
    assert sizes(journal, "essay.odt") == (31, 31)


def test_a_put_answered_201_that_stored_nothing_says_so(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
):
    (engine.local.root / "essay.odt").write_bytes(ESSAY)

    lost = sync_losing_puts(engine, wsgidav_server, store_nothing=True)

    assert only_error(lost) == (
        "the server did not store 'essay.odt' (it answered 201 but the file is not there); "
        "it will be sent again"
    )
    assert engine.sync_once().in_sync
    assert (wsgidav_server.root / "essay.odt").read_bytes() == ESSAY


def test_a_file_listed_twice_is_reported_as_such(engine: SyncEngine, wsgidav_server: WsgiDavServer):
    twice = dav_file_response("/keep.txt", size=4)
    _, unwrap = wrap_wsgidav(wsgidav_server, lambda app: ListingRewriter(app, extra=twice))
    try:
        result = engine.sync_once()
    finally:
        unwrap()

    assert result.reports == ["keep.txt: the server listed 'keep.txt' twice"]
    assert (engine.local.root / "keep.txt").read_bytes() == b"kept"  # left alone
    assert (wsgidav_server.root / "keep.txt").read_bytes() == b"kept"


# --- through the CLI ---------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return in_process(make_cli(tmp_path))  # see tests/engine/inprocess_cli.py


def test_the_cli_says_which_file_the_server_cut_short_and_exits_non_zero(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = tmp_path / "Documents"
    cli.link(local, wsgidav_server)
    (local / "essay.odt").write_bytes(ESSAY)
    _, unwrap = wrap_wsgidav(wsgidav_server, PutTruncator)
    try:
        cut = cli.sync()
    finally:
        unwrap()

    assert cut.code == 1, (cut.out, cut.err)
    assert "in sync" not in cut.out and "Traceback" not in cut.err
    assert "essay.odt" in cut.err and "15 of 31 bytes" in cut.err
    assert "the server stored 15 of 31 bytes of 'essay.odt'; it will be sent again" in cut.out
    journal = SqliteJournal(cli.locations.journal_path(cli.folder_id()))
    try:
        assert sizes(journal, "essay.odt") is None
    finally:
        journal.close()

    again = cli.sync()

    assert again.code == 0, again.err
    assert (wsgidav_server.root / "essay.odt").read_bytes() == ESSAY
