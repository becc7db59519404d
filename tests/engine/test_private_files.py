"""cozysync's own files are its user's alone (issue 13, item 10): on a PC shared by
several accounts, another one must not read the journal (every file name and MD5), the
logs or the settings. Through ``python -m cozysync`` with a umask of 022, against
WsgiDAV on 127.0.0.1: every folder under the config, data, logs and state folders is
0700, every file 0600; files an older version left 0644 are tightened at start-up."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.journal.store import SqliteJournal
from tests.engine.test_cli import Cli, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask of most desktops (022): what the CLI creates would be 0644 / 0755."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession, usual_umask: None) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def _own_entries(cli: Cli) -> dict[str, int]:
    """Every folder and file under cozysync's four folders (and those folders), by path
    relative to the home, with its permission bits."""
    locations = cli.locations
    found: dict[str, int] = {}
    for top in (locations.config_dir, locations.data_dir, locations.log_dir, locations.state_dir):
        for folder, folders, files in os.walk(top):
            for path in [Path(folder), *(Path(folder) / n for n in folders + files)]:
                found[str(path.relative_to(cli.home))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def _not_private(entries: dict[str, int], home: Path) -> dict[str, str]:
    wrong = {}
    for rel, mode in entries.items():
        wanted = 0o700 if (home / rel).is_dir() else 0o600
        if mode != wanted:
            wrong[rel] = oct(mode)
    return wrong


def _link_and_sync(cli: Cli, tmp_path: Path, server: WsgiDavServer) -> None:
    local = tmp_path / "local"
    local.mkdir()
    (local / "notes élève.txt").write_text("private names")
    cli.link(local, server)
    synced = cli.sync()
    assert synced.code == 0, synced.err
    assert (server.root / "notes élève.txt").exists()


def test_link_and_sync_leave_only_private_files(
    cli: Cli, tmp_path: Path, wsgidav_server: WsgiDavServer
) -> None:
    _link_and_sync(cli, tmp_path, wsgidav_server)

    entries = _own_entries(cli)

    names = {Path(rel).name for rel in entries}
    assert {"folders.json", "cozysync.log", f"{cli.folder_id()}.sqlite"} <= names
    assert any(name.endswith(".lock") for name in names)
    assert _not_private(entries, cli.home) == {}


def test_files_an_older_version_left_readable_are_tightened_at_start_up(
    cli: Cli, tmp_path: Path, wsgidav_server: WsgiDavServer
) -> None:
    _link_and_sync(cli, tmp_path, wsgidav_server)
    journal = cli.locations.journal_path(cli.folder_id())
    for suffix in ("-wal", "-shm"):  # as a killed process leaves them
        Path(f"{journal}{suffix}").write_bytes(b"")
    for rel in _own_entries(cli):  # as cozysync made them before the fix
        (cli.home / rel).chmod(0o755 if (cli.home / rel).is_dir() else 0o644)
    assert _not_private(_own_entries(cli), cli.home)  # the test does loosen them

    status = cli("status")

    assert status.code == 0, status.err
    assert _not_private(_own_entries(cli), cli.home) == {}


def test_sqlite_side_files_of_an_open_journal_are_private(
    tmp_path: Path, usual_umask: None
) -> None:
    """While a journal is open its -wal and -shm files exist; SQLite gives them the
    database file's mode, which is made 0600 before SQLite opens it."""
    path = tmp_path / "journal.sqlite"
    journal = SqliteJournal(path)
    try:
        journal.set_meta("written", "yes")  # a write: the -wal file exists
        sides = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
        assert all(side.exists() for side in sides)
        modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in [path, *sides]}
    finally:
        journal.close()
    assert set(modes.values()) == {"0o600"}, modes
