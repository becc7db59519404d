"""Hostile servers end to end through the CLI (issue 13, items 6 and 7): a gzip bomb
sent for a download or for the listing ends the pass with one clear line, writes no
partial file and loses nothing; the next pass, against a sane server, catches up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.crash_helpers import temp_files
from tests.engine.inprocess_cli import in_process
from tests.engine.test_bad_input_e2e import one_line, snapshot
from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.hostile_server import hostile
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer

MIB = 1 << 20


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return in_process(make_cli(tmp_path))  # see tests/engine/inprocess_cli.py


def test_a_gzip_bomb_download_fails_that_file_only_writes_nothing_and_loses_nothing(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    wsgidav_server.write("du serveur.txt", b"0123456789")
    (local / "élève.txt").write_text("édité ici\n", encoding="utf-8")
    bombs = hostile(wsgidav_server)
    bombs.gzip_bomb("GET", "/du serveur.txt", size=1024 * MIB, times=1000)  # retries too

    bombed = cli.sync()

    assert bombs.answered >= 1
    assert bombed.code == 1
    line = one_line(bombed)
    assert "could not be synced" in line
    assert (
        "du serveur.txt: the server sent more than the 10 bytes it announced for "
        "'du serveur.txt'; nothing was written" in bombed.out
    )
    assert not (local / "du serveur.txt").exists()
    assert temp_files(local) == []
    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") == "édité ici\n"

    bombs.calm()  # the server is sane again
    after = cli.sync()

    assert after.code == 0, after.err
    assert (local / "du serveur.txt").read_bytes() == b"0123456789"


def test_a_gzip_bombed_listing_stops_the_pass_and_changes_nothing(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "élève.txt").write_text("édité ici\n", encoding="utf-8")
    wsgidav_server.write("du serveur.txt", b"venu du serveur\n")
    before_local, before_server = snapshot(local), snapshot(wsgidav_server.root)
    bombs = hostile(wsgidav_server)
    head = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:">'
        b"<d:response><d:href>/"
    )
    bombs.gzip_bomb("PROPFIND", "/", size=1024 * MIB, prefix=head, filler=b"a", times=1000)

    bombed = cli.sync()

    assert bombs.answered >= 1
    assert bombed.code == 1
    line = one_line(bombed)
    assert "cannot read" in line and "longer than 64 KiB" in line
    assert snapshot(local) == before_local
    assert snapshot(wsgidav_server.root) == before_server

    bombs.calm()
    after = cli.sync()

    assert after.code == 0, after.err
    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") == "édité ici\n"
    assert (local / "du serveur.txt").read_bytes() == b"venu du serveur\n"
