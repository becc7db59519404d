"""``cozysync relink``: moving a pair to another account or server keeps every local file,
deletes nothing on either side, uploads only what the new server lacks, and swaps the
password in the real keyring."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from cozysync.demo_server import EmbeddedDavServer
from tests.engine.test_cli import Cli, make_cli
from tests.engine.test_modes_e2e import files, link, make_tree, snapshot, status, uploads
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer, WsgiDavServer

NEW_USER, NEW_PASSWORD = "bob", "another s3cret"


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


@pytest.fixture
def new_server(tmp_path: Path) -> Iterator[WsgiDavServer]:
    """A second WsgiDAV, another account (its own user and password)."""
    server = WsgiDavServer(tmp_path / "new-dav-root")
    server.user, server.password = NEW_USER, NEW_PASSWORD
    server._server = EmbeddedDavServer(
        server.root, user=NEW_USER, password=NEW_PASSWORD, middleware=server._wrap
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def relink(cli: Cli, server: DavServer, name: str = "docs"):
    return cli(
        "relink", name, server.url, "--user", server.user, "--password-stdin",
        stdin=f"{server.password}\n",
    )  # fmt: skip


def synced(tmp_path: Path, cli: Cli, server: DavServer, mode: str = "two-way") -> Path:
    local = tmp_path / "Documents"
    local.mkdir()
    make_tree(local)
    link(cli, local, server, name="docs", mode=mode)
    result = cli.sync()
    assert result.code == 0, result.err
    return local


@pytest.mark.parametrize("target", ["wsgidav", pytest.param("apache", marks=pytest.mark.apache)])
def test_relink_to_an_empty_server_uploads_everything_and_deletes_nothing(
    tmp_path: Path, cli: Cli, wsgidav_server, request, target
):
    new: DavServer = request.getfixturevalue("new_server" if target == "wsgidav" else
                                             "apache_server")  # fmt: skip
    local = synced(tmp_path, cli, wsgidav_server)
    folder_id = cli.folder_id()
    mine, old_side = snapshot(local), snapshot(wsgidav_server.root)
    result = relink(cli, new)
    assert result.code == 0, result.err
    assert "nothing is deleted" in result.out
    assert snapshot(local) == mine  # relinking itself touches no file
    [folder] = cli.folders()
    assert (folder["remote_url"], folder["user"], folder["folder_id"]) == (
        new.url, new.user, folder_id,
    )  # fmt: skip
    assert keyring.get_password("cozysync", folder_id) == new.password  # the old one is gone

    synced_again = cli.sync()
    assert synced_again.code == 0, synced_again.err
    assert snapshot(local) == mine  # nothing local deleted, changed or added
    assert files(new.root) == files(local)  # exact bytes, everything uploaded
    assert snapshot(wsgidav_server.root) == old_side  # the old server is left alone
    assert status(cli)["state"] == "up to date"


def test_relink_to_a_server_holding_part_of_the_files_uploads_only_the_rest(
    tmp_path: Path, cli: Cli, wsgidav_server, new_server: WsgiDavServer
):
    local = synced(tmp_path, cli, wsgidav_server)
    mine = files(local)
    new_server.write("élève.txt", mine["élève.txt"])  # the same bytes
    new_server.write("Cours/plan.txt", mine["Cours/plan.txt"])
    new_server.write("image.bin", b"another image under the same name\n")  # different
    new_server.write("sur le nouveau.txt", b"only on the new server\n")
    held = {rel: (new_server.root / rel).stat().st_ino for rel in ("élève.txt", "Cours/plan.txt")}
    assert relink(cli, new_server).code == 0
    assert new_server.faults is not None
    new_server.faults.clear()

    result = cli.sync()
    assert result.code == 1, result.err  # the same name with other bytes: a conflict to see
    assert "waiting (cozysync conflicts)" in result.err  # 1 conflict, 2 conflicts
    put = uploads(new_server)
    # exercices.txt, and this computer's image.bin as a conflict copy: nothing else
    assert len(put) == 2, put
    for rel, inode in held.items():  # the files it held were not uploaded again
        assert (new_server.root / rel).stat().st_ino == inode
    on_server, here = files(new_server.root), files(local)
    assert on_server == here  # two-way: the server-only file came down, both sides equal
    assert (
        on_server["Cours/Mathématiques/exercices.txt"] == mine["Cours/Mathématiques/exercices.txt"]
    )
    assert here["sur le nouveau.txt"] == b"only on the new server\n"
    assert here["image.bin"] == b"another image under the same name\n"  # the server's kept
    [copy] = [rel for rel in here if rel.startswith("image (conflict ")]
    assert here[copy] == mine["image.bin"]  # and this computer's kept beside it
    others = [rel for rel in mine if rel != "image.bin"]
    assert {rel: here[rel] for rel in others} == {rel: mine[rel] for rel in others}
    [conflict] = cli.json("conflicts")
    assert conflict["path"] == "image.bin"


def test_relink_in_backup_mode_uploads_what_is_missing_and_brings_nothing_down(
    tmp_path: Path, cli: Cli, wsgidav_server, new_server: WsgiDavServer
):
    local = synced(tmp_path, cli, wsgidav_server, mode="backup")
    new_server.write("élève.txt", (local / "élève.txt").read_bytes())
    new_server.write("sur le nouveau.txt", b"only on the new server\n")
    mine = snapshot(local)
    assert relink(cli, new_server).code == 0
    result = cli.sync()
    assert result.code == 0, result.err
    assert snapshot(local) == mine
    on_server = files(new_server.root)
    assert {rel: on_server[rel] for rel in files(local)} == files(local)
    assert on_server["sur le nouveau.txt"] == b"only on the new server\n"


def test_relink_keeps_conflicts_and_changes_nothing_when_the_new_server_fails(
    tmp_path: Path, cli: Cli, wsgidav_server, new_server: WsgiDavServer
):
    local = synced(tmp_path, cli, wsgidav_server)
    (local / "élève.txt").write_text("version de cet ordinateur\n", encoding="utf-8")
    wsgidav_server.write("élève.txt", b"version du serveur\n")
    assert cli.sync().code == 1
    [conflict] = cli.json("conflicts")
    folder_id = cli.folder_id()
    settings = cli.locations.folders_file.read_text(encoding="utf-8")
    journal = cli.locations.journal_path(folder_id).read_bytes()

    wrong = cli(
        "relink", "docs", new_server.url, "--user", NEW_USER, "--password-stdin",
        stdin="not the password\n",
    )  # fmt: skip
    assert wrong.code == 4
    assert "refused the login" in wrong.err
    new_server.stop()
    unreachable = cli(
        "relink", "docs", new_server.url, "--user", NEW_USER, "--password-stdin",
        stdin=f"{NEW_PASSWORD}\n",
    )  # fmt: skip
    assert unreachable.code == 3  # offline (issue 16, item 12)
    assert "cannot reach" in unreachable.err
    assert cli.locations.folders_file.read_text(encoding="utf-8") == settings
    assert cli.locations.journal_path(folder_id).read_bytes() == journal
    assert keyring.get_password("cozysync", folder_id) == wsgidav_server.password
    assert json.loads(settings)["folders"][0]["remote_url"] == wsgidav_server.url

    new_server.start()
    assert relink(cli, new_server).code == 0
    assert cli.json("conflicts") == [conflict]  # still waiting for the user
