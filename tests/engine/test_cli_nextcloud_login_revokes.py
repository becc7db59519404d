"""Signing in again to a Nextcloud, and relinking a folder to another account, revoke
the app password replaced (issue 16, item 5 leftover): through the CLI in this process
against the strict double (tests/nextcloud_account_double.py: ``DELETE
/ocs/v2.php/core/apppassword``; a revoked password is then refused, 401).  The new one
is stored and works first; a revocation refused never fails the login; a person's own
password is never sent to be revoked."""

from __future__ import annotations

import threading
from pathlib import Path

import keyring
import pytest

from tests.engine.inprocess_cli import InProcessCli, run_in_process
from tests.engine.test_cli import make_cli
from tests.engine.test_cli_nextcloud_unlink import EMAIL, FRENCH, URL, dav_status, linked
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.nextcloud_double import NextcloudDouble


@pytest.fixture
def double(tmp_path: Path) -> NextcloudDouble:
    found = NextcloudDouble(tmp_path / "nextcloud-files", prefix="/nc", login_name=EMAIL)
    found.start()
    yield found  # type: ignore[misc]
    found.stop()


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> InProcessCli:  # noqa: F811
    plain = make_cli(tmp_path)
    return InProcessCli(plain.home, plain.env)


def login_in_the_browser(
    cli: InProcessCli, double: NextcloudDouble
) -> tuple[int, str, str, list[str]]:
    """``login nc --browser --no-browser``; the user grants on the printed page."""
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

    args = ("login", "nc", "--browser", "--no-browser")
    code, out, err = run_in_process(cli.env, args, on_line=on_line)
    for thread in threads:
        thread.join(10)
    return code, out, err, granted


def test_signing_in_again_in_the_browser_revokes_the_old_app_password(
    cli: InProcessCli, double: NextcloudDouble, tmp_path: Path
):
    old, folder_id = linked(cli, double, tmp_path)

    code, out, err, [new] = login_in_the_browser(cli, double)

    assert code == 0, out + err
    assert new != old and keyring.get_password("cozysync", folder_id) == new
    assert double.revoked == [old]
    assert dav_status(double, old) == 401  # no longer works on the server
    assert dav_status(double, new) == 207
    assert f"revoked on {double.url}" in out, out
    assert old not in out + err and new not in out + err
    double.write("Cours/mardi.txt", b"histoire")
    assert cli.sync().code == 0  # the folder syncs with the new one
    assert (tmp_path / "Nextcloud" / "Cours" / "mardi.txt").read_bytes() == b"histoire"


def test_an_old_password_revoked_already_does_not_fail_the_login(
    cli: InProcessCli, double: NextcloudDouble, tmp_path: Path
):
    old, folder_id = linked(cli, double, tmp_path)
    double.revoke(old)  # the user deleted it in the web settings: 401 for it now

    french = InProcessCli(cli.home, {**cli.env, **FRENCH})
    code, out, err, [new] = login_in_the_browser(french, double)

    assert code == 0, out + err
    assert keyring.get_password("cozysync", folder_id) == new
    assert double.revoked == []  # nothing to revoke: the server refused it (401)
    assert "revoked" not in out + err and "révoqué" not in out + err
    assert dav_status(double, new) == 207


def test_a_typed_password_replacing_itself_or_the_persons_own_is_never_revoked(
    cli: InProcessCli, double: NextcloudDouble, tmp_path: Path
):
    old, folder_id = linked(cli, double, tmp_path)

    again = cli("login", "nc", "--password-stdin", stdin=f"{old}\n")  # the same app password
    assert again.code == 0, again.out + again.err
    assert double.revoked == [] and dav_status(double, old) == 207

    own = cli("login", "nc", "--password-stdin", stdin=f"{double.password}\n")
    assert own.code == 0, own.out + own.err
    assert double.revoked == [old]  # the app password it replaced
    assert keyring.get_password("cozysync", folder_id) == double.password

    back = cli("login", "nc", "--password-stdin", stdin=f"{old}\n")  # refused: revoked
    assert back.code != 0
    code, out, err, [new] = login_in_the_browser(cli, double)
    assert code == 0, out + err
    assert double.revoked == [old]  # the person's own password is not sent to be revoked
    assert "revoked" not in out
    assert keyring.get_password("cozysync", folder_id) == new


@pytest.fixture
def second(tmp_path: Path) -> NextcloudDouble:
    found = NextcloudDouble(tmp_path / "other-files", user="bob", password="bob's password")
    found.start()
    yield found  # type: ignore[misc]
    found.stop()


def test_relinking_to_another_account_revokes_the_old_app_password(
    cli: InProcessCli, double: NextcloudDouble, second: NextcloudDouble, tmp_path: Path
):
    old, folder_id = linked(cli, double, tmp_path)

    done = cli(
        "relink", "nc", second.webdav_url, "--user", "bob", "--password-stdin",
        stdin="bob's password\n",
    )  # fmt: skip

    assert done.code == 0, done.out + done.err
    assert double.revoked == [old] and dav_status(double, old) == 401
    assert f"revoked on {double.url}" in done.out, done.out
    assert keyring.get_password("cozysync", folder_id) == "bob's password"
    assert (tmp_path / "Nextcloud" / "Cours" / "lundi.txt").read_bytes() == b"maths"
    assert EMAIL not in done.out
