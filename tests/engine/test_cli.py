"""End to end through ``python -m cozysync`` against real WebDAV servers (WsgiDAV and
Apache), a real SQLite journal, the real file system and a real gnome-keyring.

Every CLI run is a subprocess with ``COZYSYNC_HOME`` and ``XDG_DATA_HOME`` (the OS trash)
inside the test's tmp folder, so nothing touches the user's own files.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest

from cozysync.config import Locations
from cozysync.local.lock import InstanceLock
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer

PASSWORD = "s3cret pass"
STATUS_CODES = {0, 1, 3, 4, 5, 7}  # in sync, attention, offline, login, guard, paused


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Cli:
    home: Path
    env: dict[str, str]

    def __call__(self, *args: str, stdin: str | None = None, timeout: float = 120) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "cozysync", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=timeout,
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        # status exits as sync does for the state it shows (offline 3, paused 7...)
        ok = STATUS_CODES if args[:1] == ("status",) else {0}
        assert result.code in ok, result.err
        return json.loads(result.out)

    @property
    def locations(self) -> Locations:
        return Locations.from_env({"COZYSYNC_HOME": str(self.home)})

    def folders(self) -> list[dict[str, Any]]:
        path = self.locations.folders_file
        if not path.exists():
            return []
        return list(json.loads(path.read_text(encoding="utf-8"))["folders"])

    def folder_id(self, name: str = "docs") -> str:
        return next(f["folder_id"] for f in self.folders() if f["name"] == name)

    def link(self, local: Path, server: DavServer, *extra: str) -> Result:
        result = self(
            "link", str(local), server.url, "--user", server.user, "--password-stdin",
            "--name", "docs", *extra, stdin=f"{server.password}\n",
        )  # fmt: skip
        assert result.code == 0, result.err
        return result

    def sync(self, *extra: str) -> Result:
        return self("sync", "--once", *extra)


def make_cli(tmp_path: Path) -> Cli:
    """A CLI runner whose settings and OS trash live in ``tmp_path``."""
    env = {
        **os.environ,
        "COZYSYNC_HOME": str(tmp_path / "cozy-home"),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "PYTHONWARNINGS": "error",
    }
    return Cli(tmp_path / "cozy-home", env)


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def make_tree(root: Path) -> None:
    (root / "Cours" / "Mathématiques").mkdir(parents=True)
    (root / "Cours" / "Mathématiques" / "exercices.txt").write_text("x² = 2\n", encoding="utf-8")
    (root / "élève.txt").write_text("Bonjour, ça va ?\n", encoding="utf-8")
    (root / "image.bin").write_bytes(bytes(range(256)) * 4)


def synced_tree(
    tmp_path: Path, cli: Cli, server: DavServer, *, setup_in_process: bool = True
) -> Path:
    """``make_tree`` linked and synced once.  That sets a test up: the two commands run
    in this process (tests/engine/inprocess_cli.py), unless the link is what is tested."""
    from tests.engine.inprocess_cli import in_process  # it imports this module

    setup = in_process(cli) if setup_in_process else cli
    local = tmp_path / "Documents"
    local.mkdir()
    make_tree(local)
    setup.link(local, server)
    result = setup.sync()
    assert result.code == 0, result.err
    return local


# --- link and the first sync ----------------------------------------------------------------


def test_link_then_first_sync_uploads_the_tree(tmp_path: Path, cli: Cli, dav_server: DavServer):
    local = synced_tree(tmp_path, cli, dav_server, setup_in_process=False)
    root = dav_server.root
    assert (root / "Cours" / "Mathématiques" / "exercices.txt").read_text() == "x² = 2\n"
    assert (root / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"
    assert (root / "image.bin").read_bytes() == bytes(range(256)) * 4
    assert not (root / ".cozysync").exists()  # the marker stays local
    assert (local / ".cozysync").read_text().strip() == cli.folder_id()
    [status] = cli.json("status")
    assert status["state"] == "up to date"
    assert status["pending_changes"] == 0


def test_link_syncs_nothing_and_notes_existing_files(tmp_path: Path, cli: Cli, wsgidav_server):
    local = tmp_path / "Documents"
    local.mkdir()
    make_tree(local)
    result = cli.link(local, wsgidav_server)
    assert "already holds files" in result.out
    assert not (wsgidav_server.root / "élève.txt").exists()
    [status] = cli.json("status")
    assert status["state"] == "never synced"


def test_a_remote_change_comes_down(tmp_path: Path, cli: Cli, dav_server: DavServer):
    local = synced_tree(tmp_path, cli, dav_server)
    dav_server.write("Devoirs/rédaction.txt", "Il était une fois…\n".encode())
    dav_server.write("élève.txt", "Modifié sur le serveur\n".encode())
    result = cli.sync()
    assert result.code == 0, result.err
    assert (local / "Devoirs" / "rédaction.txt").read_text(
        encoding="utf-8"
    ) == "Il était une fois…\n"
    assert (local / "élève.txt").read_text(encoding="utf-8") == "Modifié sur le serveur\n"


# --- secrets -------------------------------------------------------------------------------


def test_the_password_goes_to_the_keyring_and_nowhere_else(
    tmp_path: Path, cli: Cli, wsgidav_server
):
    synced_tree(tmp_path, cli, wsgidav_server, setup_in_process=False)
    folder_id = cli.folder_id()
    assert keyring.get_password("cozysync", folder_id) == PASSWORD
    basic = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    status = cli("status", "--json").out
    for text in (
        cli.locations.folders_file.read_text(),
        cli.locations.log_file.read_text(),
        status,
    ):
        assert PASSWORD not in text
        assert basic not in text
    assert cli.locations.folders_file.stat().st_mode & 0o077 == 0
    assert not (cli.locations.config_dir / "secrets.json").exists()


def test_insecure_file_store_is_an_explicit_private_file(tmp_path: Path, cli: Cli, wsgidav_server):
    local = tmp_path / "Documents"
    cli.link(local, wsgidav_server, "--insecure-file-store")
    store = cli.locations.config_dir / "secrets.json"
    assert json.loads(store.read_text()) == {cli.folder_id(): PASSWORD}
    assert store.stat().st_mode & 0o077 == 0
    assert keyring.get_password("cozysync", cli.folder_id()) is None
    (local / "a.txt").write_text("a")
    assert cli.sync().code == 0
    assert (wsgidav_server.root / "a.txt").read_text() == "a"


# --- bad input at link time ------------------------------------------------------------------


def test_link_refuses_bad_input_with_one_line(tmp_path: Path, cli: Cli, wsgidav_server):
    local = tmp_path / "Documents"
    bad_url = cli("link", str(local), "ftp://example.org/dav")
    assert bad_url.code == 1
    assert "not a server address" in bad_url.err
    assert len(bad_url.err.strip().splitlines()) == 1
    with_creds = cli("link", str(local), "http://bob:pw@127.0.0.1/dav/")
    assert with_creds.code == 1
    assert "pw" not in with_creds.err.replace("--password-stdin", "")
    wrong = cli(
        "link", str(local), wsgidav_server.url, "--user", "alice", "--password-stdin",
        stdin="wrong\n",
    )  # fmt: skip
    assert wrong.code == 4, wrong.err
    assert "refused the login" in wrong.err
    assert "Traceback" not in wrong.err
    assert not local.exists()  # nothing was created for a refused link
    assert cli.folders() == []


def test_link_refuses_nested_folders_and_taken_names(tmp_path: Path, cli: Cli, wsgidav_server):
    local = tmp_path / "Documents"
    cli.link(local, wsgidav_server)
    inside = cli("link", str(local / "sub"), wsgidav_server.url, "--name", "other")
    assert inside.code == 1 and "overlaps" in inside.err
    around = cli("link", str(tmp_path), wsgidav_server.url, "--name", "other")
    assert around.code == 1 and "overlaps" in around.err
    taken = cli("link", str(tmp_path / "B"), wsgidav_server.url, "--name", "docs")
    assert taken.code == 1 and "already linked" in taken.err
    assert [f["name"] for f in cli.folders()] == ["docs"]


def test_unreachable_server_at_link_time(tmp_path: Path, cli: Cli):
    result = cli("link", str(tmp_path / "D"), "http://127.0.0.1:9/dav/")
    assert result.code == 3  # offline, as README's exit codes say (issue 16, item 12)
    assert "cannot reach" in result.err


# --- offline ---------------------------------------------------------------------------------


def test_offline_keeps_edits_and_sends_them_on_reconnection(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local = synced_tree(tmp_path, cli, dav_server)
    dav_server.stop()
    try:
        (local / "élève.txt").write_text("édité hors ligne\n", encoding="utf-8")
        (local / "nouveau.txt").write_text("nouveau\n", encoding="utf-8")
        offline = cli.sync()
        assert offline.code == 3
        assert "offline, 2 changes waiting" in offline.err
        assert len(offline.err.strip().splitlines()) == 1
        [status] = cli.json("status")
        assert status["state"] == "offline"
        assert status["pending_changes"] == 2
        assert "2 changes waiting" in status["detail"]
    finally:
        dav_server.start()
    back = cli.sync()
    assert back.code == 0, back.err
    assert (dav_server.root / "élève.txt").read_text(encoding="utf-8") == "édité hors ligne\n"
    assert (dav_server.root / "nouveau.txt").read_text(encoding="utf-8") == "nouveau\n"
    assert (local / "image.bin").read_bytes() == bytes(range(256)) * 4
    assert cli.json("status")[0]["state"] == "up to date"


# --- guards ----------------------------------------------------------------------------------


def test_a_second_instance_is_refused(tmp_path: Path, cli: Cli, wsgidav_server):
    synced_tree(tmp_path, cli, wsgidav_server)
    lock_path = cli.locations.lock_path(cli.folder_id())
    with InstanceLock(lock_path):
        result = cli.sync()
    assert result.code == 6
    assert "already syncing" in result.err
    assert cli.sync().code == 0  # released: the next run works


def test_root_guard_marker_gone(tmp_path: Path, cli: Cli, dav_server: DavServer):
    local = synced_tree(tmp_path, cli, dav_server)
    (local / ".cozysync").unlink()
    (local / "élève.txt").unlink()
    result = cli.sync()
    assert result.code == 5
    assert "marker" in result.err
    assert (dav_server.root / "élève.txt").exists()


def test_root_guard_emptied_folder_deletes_nothing(tmp_path: Path, cli: Cli, dav_server: DavServer):
    local = synced_tree(tmp_path, cli, dav_server)
    for item in local.iterdir():
        if item.name != ".cozysync":
            if item.is_dir():
                import shutil

                shutil.rmtree(item)
            else:
                item.unlink()
    result = cli.sync()
    assert result.code == 5
    assert "is empty" in result.err
    assert (dav_server.root / "Cours" / "Mathématiques" / "exercices.txt").exists()
    assert (dav_server.root / "élève.txt").exists()
    [status] = cli.json("status")
    assert status["state"] == "needs attention"


def test_root_guard_missing_folder(tmp_path: Path, cli: Cli, wsgidav_server):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    local.rename(tmp_path / "elsewhere")
    result = cli.sync()
    assert result.code == 5
    assert "missing" in result.err
    assert (wsgidav_server.root / "élève.txt").exists()


def test_root_guard_folder_of_another_link(tmp_path: Path, cli: Cli, wsgidav_server):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / ".cozysync").write_text("0" * 32 + "\n")
    result = cli.sync()
    assert result.code == 5
    assert "another link" in result.err


# --- unlink --------------------------------------------------------------------------------


def test_unlink_wipe_local_removes_everything_local(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local = synced_tree(tmp_path, cli, dav_server)
    folder_id = cli.folder_id()
    (local / "dernier.txt").write_text("envoyé avant l'effacement\n", encoding="utf-8")
    result = cli("unlink", "--wipe-local")
    assert result.code == 0, result.err
    assert not local.exists()
    assert (dav_server.root / "dernier.txt").read_text(encoding="utf-8").startswith("envoy")
    assert (dav_server.root / "élève.txt").exists()
    assert cli.folders() == []
    journals = cli.locations.data_dir / "journals"
    assert list(journals.iterdir()) == []
    assert list(cli.locations.state_dir.iterdir()) == []
    assert keyring.get_password("cozysync", folder_id) is None


def test_unlink_wipe_local_refuses_when_files_are_only_here(
    tmp_path: Path, cli: Cli, wsgidav_server
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "brouillon.tmp").write_text("ignored, so never uploaded")
    result = cli("unlink", "--wipe-local")
    assert result.code == 1
    assert "only on this computer" in result.err
    assert (local / "brouillon.tmp").exists()
    assert (local / "élève.txt").exists()
    assert [f["name"] for f in cli.folders()] == ["docs"]


def test_unlink_wipe_local_refuses_while_offline(tmp_path: Path, cli: Cli, wsgidav_server):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "pas envoyé.txt").write_text("x")
    wsgidav_server.stop()
    try:
        result = cli("unlink", "--wipe-local")
    finally:
        wsgidav_server.start()
    assert result.code == 1
    assert "not everything is on the server" in result.err
    assert (local / "pas envoyé.txt").exists()


def test_unlink_keeps_local_files_and_removes_the_marker(tmp_path: Path, cli: Cli, wsgidav_server):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    assert cli("unlink").code == 0
    assert (local / "élève.txt").exists()
    assert not (local / ".cozysync").exists()
    assert cli.folders() == []
    assert cli("status").out.startswith("No folder is linked")
