"""``cozysync link`` to a Nextcloud logs in through the browser (issue 16, item 5), through
``python -m cozysync`` against the strict Nextcloud double: the test is the browser (it
opens the printed address and grants the access), the app password lands in the keyring,
and the folder syncs both ways with it over WebDAV."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import keyring
import pytest

from tests.engine.test_cli import Cli, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.nextcloud_double import NextcloudDouble

URL = re.compile(r"^\s+(http://\S+)$", re.M)


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def link_granting(cli: Cli, nextcloud: NextcloudDouble, *args: str) -> tuple[int, str, str]:
    """Run ``link``; open the login address it prints and grant the access there."""
    granted: list[str] = []

    def grant(url: str) -> None:
        assert nextcloud.visit(url) == 303
        granted.append(nextcloud.grant(url))

    with subprocess.Popen(
        [sys.executable, "-m", "cozysync", "link", *args, "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli.env,
        stdin=subprocess.DEVNULL,
    ) as proc:  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        out: list[str] = []
        threads: list[threading.Thread] = []
        for line in proc.stdout:
            out.append(line)
            found = URL.match(line)
            if found:
                threads.append(threading.Thread(target=grant, args=(found.group(1),)))
                threads[-1].start()
        err = proc.stderr.read()
        code = proc.wait(timeout=120)
    for thread in threads:
        thread.join(10)
    assert len(granted) == len(threads)
    return code, "".join(out), err


def test_link_to_a_nextcloud_logs_in_through_the_browser_and_syncs(
    cli: Cli, tmp_path: Path, nextcloud: NextcloudDouble
):
    nextcloud.write("Cours/lundi.txt", b"maths")
    local = tmp_path / "Nextcloud"
    local.mkdir()
    (local / "devoir.txt").write_text("mon devoir", encoding="utf-8")
    code, out, err = link_granting(cli, nextcloud, str(local), nextcloud.url, "--name", "nc")
    assert code == 0, err + out
    assert "is a Nextcloud: log in through the browser" in out
    assert "Logged in through the browser" in out
    [folder] = cli.folders()
    assert folder["remote_url"] == nextcloud.webdav_url
    assert folder["user"] == nextcloud.user
    stored = keyring.get_password("cozysync", folder["folder_id"])
    assert stored is not None and stored in nextcloud.app_passwords  # the app password
    assert stored not in out + err
    assert nextcloud.polls[-1] == 200
    synced = cli.sync("--name", "nc")
    assert synced.code == 0, synced.err
    assert (local / "Cours" / "lundi.txt").read_bytes() == b"maths"
    assert (nextcloud.root / "devoir.txt").read_text(encoding="utf-8") == "mon devoir"


def test_the_browser_login_is_a_flag_and_refuses_a_server_that_is_no_nextcloud(
    cli: Cli, tmp_path: Path, wsgidav_server, nextcloud: NextcloudDouble
):
    code, out, err = link_granting(
        cli, nextcloud, str(tmp_path / "A"), nextcloud.url + "/index.php/apps/files/",
        "--browser-login", "--name", "a",
    )  # fmt: skip
    assert code == 0, err + out
    assert cli.folders()[0]["remote_url"] == nextcloud.webdav_url
    plain = cli("link", str(tmp_path / "B"), wsgidav_server.url, "--browser-login")
    assert plain.code != 0
    assert "does not answer like a Nextcloud or ownCloud server" in plain.err
    both = cli("link", str(tmp_path / "C"), nextcloud.url, "--browser-login", "--user", "x")
    assert both.code != 0 and "--browser-login takes no --cozy, --user" in both.err
    assert [f["name"] for f in cli.folders()] == ["a"]


def test_link_help_says_a_nextcloud_logs_in_through_the_browser(cli: Cli):
    shown = " ".join(cli("link", "--help").out.split())  # argparse wraps the lines
    assert "--browser-login Nextcloud: log in through the browser" in shown
    assert "your Nextcloud's address (https://cloud.example.org: you log in through" in shown
