"""Unlinking a Nextcloud folder linked by the browser login revokes its app password
(issue 16, item 5 leftover), through the CLI in this process against the strict double
(tests/nextcloud_account_double.py: ``DELETE /ocs/v2.php/core/apppassword``, the revoked
password then refused): nothing of it is left on this computer, online or not; offline,
the user is told it still works on the server and how to revoke it, in English and in
French.  The user logs in with an e-mail address, so the link also shows that the files
are found under the user id (``/ocs/v1.php/cloud/user``)."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import httpx
import keyring
import pytest

from tests.engine.inprocess_cli import InProcessCli, run_in_process
from tests.engine.test_cli import Cli, Result, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.nextcloud_double import NextcloudDouble

EMAIL = "alice.martin@ecole.example"
URL = re.compile(r"^\s+(http://\S+)$")
FRENCH = {"LANGUAGE": "fr", "LANG": "fr_FR.UTF-8", "LC_ALL": ""}


@pytest.fixture
def double(tmp_path: Path) -> NextcloudDouble:
    found = NextcloudDouble(tmp_path / "nextcloud-files", prefix="/nc", login_name=EMAIL)
    found.start()
    yield found  # type: ignore[misc]
    found.stop()


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> InProcessCli:  # noqa: F811
    plain: Cli = make_cli(tmp_path)
    return InProcessCli(plain.home, plain.env)


def link_in_the_browser(cli: InProcessCli, double: NextcloudDouble, local: Path) -> str:
    """``link`` with the browser login; the user opens the printed page and grants.
    Returns the app password the server made."""
    granted: list[str] = []
    threads: list[threading.Thread] = []

    def grant(url: str) -> None:
        assert double.visit(url) == 303
        granted.append(double.grant(url))

    def on_line(line: str) -> None:
        found = URL.match(line.rstrip("\n"))
        if found:
            threads.append(threading.Thread(target=grant, args=(found.group(1),)))
            threads[-1].start()

    args = ("link", str(local), double.url, "--name", "nc", "--no-browser")
    code, out, err = run_in_process(cli.env, args, on_line=on_line)
    for thread in threads:
        thread.join(10)
    assert code == 0, out + err
    [password] = granted
    return password


def linked(cli: InProcessCli, double: NextcloudDouble, tmp_path: Path) -> tuple[str, str]:
    double.write("Cours/lundi.txt", b"maths")
    local = tmp_path / "Nextcloud"
    password = link_in_the_browser(cli, double, local)
    [folder] = cli.folders()
    assert folder["remote_url"] == double.webdav_url  # the user id's files, not the e-mail
    assert folder["user"] == EMAIL
    assert cli.sync().code == 0
    assert (local / "Cours" / "lundi.txt").read_bytes() == b"maths"
    return password, folder["folder_id"]


def dav_status(double: NextcloudDouble, password: str) -> int:
    with httpx.Client() as http:
        return http.request("PROPFIND", double.webdav_url, auth=(EMAIL, password)).status_code


def test_unlink_revokes_the_app_password_on_the_server(
    cli: InProcessCli, double: NextcloudDouble, tmp_path: Path
):
    password, folder_id = linked(cli, double, tmp_path)
    assert dav_status(double, password) == 207

    done = cli("unlink", "--name", "nc")

    assert done.code == 0, done.out + done.err
    assert f"revoked on {double.url}" in done.out, done.out
    assert double.revoked == [password]
    assert dav_status(double, password) == 401  # the server refuses it now
    assert keyring.get_password("cozysync", folder_id) is None  # nothing left here
    assert password not in done.out + done.err


def test_unlink_offline_forgets_it_here_and_says_how_to_revoke_it(
    cli: InProcessCli, double: NextcloudDouble, tmp_path: Path
):
    password, folder_id = linked(cli, double, tmp_path)
    double.stop()  # the server cannot be reached

    french = InProcessCli(cli.home, {**cli.env, **FRENCH})
    done: Result = french("unlink", "--name", "nc")

    assert done.code == 0, done.out + done.err
    assert keyring.get_password("cozysync", folder_id) is None  # GDPR: nothing kept
    assert cli.folders() == []
    said = done.err
    assert f"fonctionne encore sur {double.url}" in said, said
    assert "Sécurité" in said and "Appareils et sessions" in said, said
    assert password not in done.out + done.err
    double.start()  # back: the password still works there, as the user was told
    assert double.revoked == [] and dav_status(double, password) == 207


def test_unlink_never_revokes_a_password_the_user_typed(
    cli: InProcessCli, double: NextcloudDouble, tmp_path: Path
):
    local = tmp_path / "Typed"
    local.mkdir()
    typed = cli(
        "link", str(local), double.webdav_url, "--user", EMAIL, "--password-stdin",
        "--name", "typed", stdin=f"{double.password}\n",
    )  # fmt: skip
    assert typed.code == 0, typed.out + typed.err
    done = cli("unlink", "--name", "typed")
    assert done.code == 0, done.out + done.err
    assert "app password" not in done.out + done.err
    assert double.revoked == [] and dav_status(double, double.password) == 207
