"""``cozysync login``: after the password changed on the server, the user signs in again
from the CLI, also while ``cozysync run`` serves the folder; the journal is kept, so a
file changed only on the server comes down as a plain download (no conflict copy) and an
unchanged folder sends nothing (issue 16, item 3).  End to end on WsgiDAV with a
password and the real keyring."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from cozysync.api import SyncService
from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.engine.test_cli_flows import wait_for
from tests.engine.test_cli_pause import running
from tests.engine.test_modes_e2e import files
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer

EXIT_AUTH = 4
NEW_PASSWORD = "un nouveau mot de passe"
EXERCISES = "Cours/Mathématiques/exercices.txt"


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def change_password(server: WsgiDavServer, password: str) -> None:
    """The user changes the password on the server (WsgiDAV reads its users when it
    starts: a restart on the same port)."""
    server.stop()
    server.password = server._server.password = password
    server.start()


def login(cli: Cli, password: str, *names: str):
    return cli("login", *names, "--password-stdin", stdin=f"{password}\n")


def transfers(server: WsgiDavServer, since: int) -> list[tuple[str, str]]:
    assert server.faults is not None
    return [(m, p) for m, p in server.faults.seen[since:] if m in ("PUT", "GET", "MOVE")]


def conflict_copies(local: Path) -> list[str]:
    return [rel for rel in files(local) if "conflict" in rel.lower()]


def test_login_after_a_password_change_downloads_a_server_edit_without_a_conflict(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    change_password(wsgidav_server, NEW_PASSWORD)
    wsgidav_server.write("élève.txt", "changé sur le serveur\n".encode())

    refused = cli.sync()
    assert refused.code == EXIT_AUTH, refused.out + refused.err
    assert "Sign in again with the new password: cozysync login" in refused.err  # what to do
    wrong = login(cli, "pas le bon")
    assert wrong.code == EXIT_AUTH, wrong.out + wrong.err
    assert "the server refused this password for alice" in wrong.err
    folder_id = cli.folder_id()
    assert keyring.get_password("cozysync", folder_id) == "s3cret pass"  # nothing saved

    signed_in = login(cli, NEW_PASSWORD, "docs")
    assert signed_in.code == 0, signed_in.out + signed_in.err
    assert "Signed in again" in signed_in.out
    assert keyring.get_password("cozysync", folder_id) == NEW_PASSWORD
    assert wsgidav_server.faults is not None
    mark = len(wsgidav_server.faults.seen)
    result = cli.sync()

    assert result.code == 0, result.out + result.err
    assert (local / "élève.txt").read_text(encoding="utf-8") == "changé sur le serveur\n"
    assert conflict_copies(local) == []
    assert [m for m, _ in transfers(wsgidav_server, mark)] == ["GET"]  # one plain download
    mark = len(wsgidav_server.faults.seen)
    again = cli.sync()
    assert again.code == 0 and transfers(wsgidav_server, mark) == [], again.out


def test_login_reaches_a_running_pair_which_syncs_at_once(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    SyncService(cli.locations).set_poll_interval("docs", 86400)  # only the login wakes it
    change_password(wsgidav_server, NEW_PASSWORD)
    out = tmp_path / "run.out"
    with running(cli, out):
        assert wait_for(lambda: "needs attention" in out.read_text(), timeout=60), out.read_text()
        wsgidav_server.write(EXERCISES, b"x = 3\n")  # while the login is refused
        assert wsgidav_server.faults is not None
        mark = len(wsgidav_server.faults.seen)

        signed_in = login(cli, NEW_PASSWORD)  # the folder's lock is the running pair's

        assert signed_in.code == 0, signed_in.out + signed_in.err
        assert wait_for(lambda: (local / EXERCISES).read_bytes() == b"x = 3\n"), out.read_text()
        assert wait_for(lambda: "up to date" in out.read_text().rsplit("needs attention", 1)[1])
        assert conflict_copies(local) == []
        assert [m for m, _ in transfers(wsgidav_server, mark)] == ["GET"]


def test_login_with_an_unchanged_folder_sends_nothing(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    before = files(local)
    change_password(wsgidav_server, NEW_PASSWORD)
    assert cli.sync().code == EXIT_AUTH
    assert login(cli, NEW_PASSWORD).code == 0
    assert wsgidav_server.faults is not None
    mark = len(wsgidav_server.faults.seen)

    result = cli.sync()

    assert result.code == 0, result.out + result.err
    assert transfers(wsgidav_server, mark) == []
    assert "change made" not in result.out and "changes made" not in result.out
    assert files(local) == before


def test_login_says_what_is_wrong_without_a_password_or_a_folder(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    synced_tree(tmp_path, cli, wsgidav_server)
    no_terminal = cli("login")
    assert no_terminal.code == 1, no_terminal.err
    assert "no terminal to ask the new password at" in no_terminal.err
    assert "--password-stdin" in no_terminal.err
    unknown = login(cli, NEW_PASSWORD, "ailleurs")
    assert unknown.code == 1 and "no linked folder is named 'ailleurs'" in unknown.err


def test_relink_to_the_same_account_signs_in_again_and_keeps_what_was_synced(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    """Before ``login`` a relink was the only way, and it emptied the journal: the file
    changed on the server came back as a conflict.  A relink to the same account is now
    a new login."""
    local = synced_tree(tmp_path, cli, wsgidav_server)
    change_password(wsgidav_server, NEW_PASSWORD)
    wsgidav_server.write("élève.txt", "changé sur le serveur\n".encode())
    assert cli.sync().code == EXIT_AUTH

    relinked = cli(
        "relink", "docs", wsgidav_server.url, "--user", "alice", "--password-stdin",
        stdin=f"{NEW_PASSWORD}\n",
    )  # fmt: skip

    assert relinked.code == 0, relinked.out + relinked.err
    assert "signed in again" in relinked.out
    assert wsgidav_server.faults is not None
    mark = len(wsgidav_server.faults.seen)
    assert cli.sync().code == 0
    assert (local / "élève.txt").read_text(encoding="utf-8") == "changé sur le serveur\n"
    assert conflict_copies(local) == []
    assert [m for m, _ in transfers(wsgidav_server, mark)] == ["GET"]
