"""``cozysync login --browser`` for a Nextcloud whose password changed: Nextcloud's own
browser login (Login Flow v2, the strict double of tests/nextcloud_double.py) makes an
app password for this computer, which replaces the old password; the pair goes on where
it was, a file changed only on the server coming down without a conflict (issue 16,
item 3)."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.engine.test_cli import Cli, Result, make_cli
from tests.engine.test_modes_e2e import files
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.nextcloud_double import NextcloudDouble

EXIT_AUTH = 4
_URL = re.compile(r"^\s+(http://\S+)$", re.M)


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


@pytest.fixture
def nextcloud(tmp_path: Path) -> Iterator[NextcloudDouble]:
    double = NextcloudDouble(tmp_path / "nextcloud-files", prefix="/nextcloud")
    double.start()
    yield double
    double.stop()


def login_in_the_browser(cli: Cli, double: NextcloudDouble, as_user: str) -> Result:
    """``login --browser --no-browser``; the user opens the printed page and grants."""
    printed: list[str] = []

    def grant(url: str) -> None:
        double.visit(url)
        double.grant(url, as_user)

    with subprocess.Popen(
        [sys.executable, "-m", "cozysync", "login", "docs", "--browser", "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli.env,
        stdin=subprocess.DEVNULL,
    ) as proc:  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        for line in proc.stdout:
            printed.append(line)
            found = _URL.match(line)
            if found:
                threading.Thread(target=grant, args=(found.group(1),), daemon=True).start()
        err = proc.stderr.read()
        code = proc.wait(timeout=60)
    return Result(code, "".join(printed), err)


def linked(tmp_path: Path, cli: Cli, double: NextcloudDouble) -> Path:
    local = tmp_path / "Nextcloud"
    local.mkdir()
    (local / "cours.txt").write_text("lundi\n", encoding="utf-8")
    result = cli(
        "link", str(local), double.webdav_url, "--user", double.user, "--password-stdin",
        "--name", "docs", stdin=f"{double.password}\n",
    )  # fmt: skip
    assert result.code == 0, result.out + result.err
    assert cli.sync().code == 0
    return local


def test_a_nextcloud_browser_login_replaces_a_changed_password(
    tmp_path: Path, cli: Cli, nextcloud: NextcloudDouble
):
    local = linked(tmp_path, cli, nextcloud)
    nextcloud.password = "changed on the web page"
    nextcloud.write("cours.txt", b"mardi\n")
    refused = cli.sync()
    assert refused.code == EXIT_AUTH, refused.out + refused.err
    assert "cozysync login" in refused.err

    result = login_in_the_browser(cli, nextcloud, nextcloud.user)

    assert result.code == 0, result.out + result.err
    assert "grant the access" in result.out
    stored = keyring.get_password("cozysync", cli.folder_id())
    assert stored in nextcloud.app_passwords  # the app password made for this computer
    synced = cli.sync()
    assert synced.code == 0, synced.out + synced.err
    assert files(local) == {"cours.txt": b"mardi\n"}  # downloaded, no conflict copy


def test_a_nextcloud_login_as_another_user_is_refused(
    tmp_path: Path, cli: Cli, nextcloud: NextcloudDouble
):
    linked(tmp_path, cli, nextcloud)
    before = keyring.get_password("cozysync", cli.folder_id())

    result = login_in_the_browser(cli, nextcloud, "bob")

    assert result.code == 1, result.out + result.err
    assert "you signed in as bob, but this folder syncs the files of alice" in result.err
    assert keyring.get_password("cozysync", cli.folder_id()) == before
