"""Bad input, end to end through the CLI: a server that fails (500, 507, a garbled
listing, a refused login), a local file this user may not read, remote names that
cannot exist here.  Each gives one clear line (what happened, what to do) and loses
nothing; the item that failed syncs once the cause is gone.

(The server being unreachable, "offline, N changes waiting" with exit code 3, is
covered by ``test_cli.py::test_offline_keeps_edits_and_sends_them_on_reconnection``.)
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import quote

import keyring
import pytest

from tests.engine.crash_helpers import (
    NO_DAC_BYPASS,
    ListingRewriter,
    all_names,
    dav_file_response,
    file_sha,
    run_without_dac_bypass,
    temp_files,
    wrap_wsgidav,
)
from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, Result, make_cli, synced_tree
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer, FaultInjector, WsgiDavServer


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return in_process(make_cli(tmp_path))  # see tests/engine/inprocess_cli.py


def one_line(result: Result) -> str:
    """The CLI's stderr, which must be exactly one line."""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    return lines[0]


def snapshot(folder: Path) -> dict[str, str | None]:
    """Every path below ``folder`` with its content's digest (None for folders)."""
    return {rel: file_sha(folder / rel) for rel in all_names(folder)}


def faults(server: DavServer) -> FaultInjector:  # in front of WsgiDAV
    assert isinstance(server, WsgiDavServer) and server.faults is not None
    return server.faults


# --- the server fails on one item ---------------------------------------------------------


def test_a_500_on_one_upload_fails_that_item_only_and_it_is_retried(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "Rapports").mkdir()
    (local / "Rapports" / "rapport.txt").write_text("le rapport\n", encoding="utf-8")
    (local / "autre.txt").write_text("un autre fichier\n", encoding="utf-8")
    # uploads go to a temp beside the target: every PUT into Rapports/ fails, retries too
    # (Retry-After: 0 only spares the test the client's back-off sleeps)
    no_wait = [("Retry-After", "0")]
    faults(wsgidav_server).add("PUT", "/Rapports/", 500, times=1000, headers=no_wait)

    failed = cli.sync()

    assert failed.code == 1
    line = one_line(failed)
    assert "Rapports/rapport.txt" in line and "HTTP 500" in line
    assert "could not be synced" in line
    assert (
        "error: Rapports/rapport.txt: the server failed on 'Rapports/rapport.txt' (HTTP 500) "
        "(The server had a problem; it will be retried.)" in failed.out
    )
    root = wsgidav_server.root
    assert (root / "autre.txt").read_text(encoding="utf-8") == "un autre fichier\n"
    assert (root / "Rapports").is_dir()
    assert not (root / "Rapports" / "rapport.txt").exists()
    assert (local / "Rapports" / "rapport.txt").read_text(encoding="utf-8") == "le rapport\n"
    [status] = cli.json("status")
    assert status["state"] == "needs attention"
    [error] = status["errors"]
    assert error["path"] == "Rapports/rapport.txt"
    assert "HTTP 500" in error["title"] and "it will be retried" in error["hint"]

    faults(wsgidav_server).clear()
    retried = cli.sync()

    assert retried.code == 0, retried.err
    assert (root / "Rapports" / "rapport.txt").read_text(encoding="utf-8") == "le rapport\n"
    [status] = cli.json("status")
    assert (status["state"], status["errors"]) == ("up to date", [])


def test_507_says_the_cloud_is_full_and_deletes_nothing(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "Rapports").mkdir()
    (local / "Rapports" / "gros.bin").write_bytes(b"\x00" * 300_000)
    wsgidav_server.write("du serveur.txt", b"venu du serveur\n")
    before_local, before_server = snapshot(local), snapshot(wsgidav_server.root)
    faults(wsgidav_server).add("PUT", "/Rapports/", 507)

    full = cli.sync()

    assert full.code == 1
    line = one_line(full)
    assert "full" in line and "free some space" in line
    assert "HTTP 507" in line
    for side, before in ((local, before_local), (wsgidav_server.root, before_server)):
        now = snapshot(side)
        assert {k: v for k, v in now.items() if k in before} == before  # nothing lost
    assert cli.json("status")[0]["state"] == "needs attention"

    freed = cli.sync()

    assert freed.code == 0, freed.err
    assert (wsgidav_server.root / "Rapports" / "gros.bin").stat().st_size == 300_000
    assert (local / "du serveur.txt").read_bytes() == b"venu du serveur\n"


def test_a_garbled_listing_changes_nothing_on_either_side(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "élève.txt").write_text("édité ici\n", encoding="utf-8")
    wsgidav_server.write("du serveur.txt", b"venu du serveur\n")
    before_local, before_server = snapshot(local), snapshot(wsgidav_server.root)
    # every full listing comes cut in the middle (the stale-temp sweep's one too)
    garbler, unwrap = wrap_wsgidav(
        wsgidav_server, lambda app: ListingRewriter(app, cut=True, times=1000)
    )
    try:
        garbled = cli.sync()
    finally:
        unwrap()

    assert garbler.rewritten >= 1
    assert garbled.code == 1
    line = one_line(garbled)
    assert "cannot read" in line and "nothing was changed" in line
    assert snapshot(local) == before_local
    assert snapshot(wsgidav_server.root) == before_server

    after = cli.sync()

    assert after.code == 0, after.err
    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") == "édité ici\n"
    assert (local / "du serveur.txt").read_bytes() == b"venu du serveur\n"


def test_a_refused_login_says_to_link_again_and_loses_nothing(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "élève.txt").write_text("édité ici\n", encoding="utf-8")
    folder_id = cli.folder_id()
    keyring.set_password("cozysync", folder_id, "not the password")  # e.g. revoked

    refused = cli.sync()

    assert refused.code == 4
    line = one_line(refused)
    assert "refused the user name or password" in line
    assert "Link this folder again" in line
    assert wsgidav_server.password not in refused.err + refused.out
    assert (local / "élève.txt").read_text(encoding="utf-8") == "édité ici\n"
    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") != "édité ici\n"

    keyring.set_password("cozysync", folder_id, wsgidav_server.password)
    assert cli.sync().code == 0
    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") == "édité ici\n"


# --- this computer cannot read an item ----------------------------------------------------------


def test_an_unreadable_local_file_is_reported_and_the_rest_syncs(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    dav_server = wsgidav_server
    local = synced_tree(tmp_path, cli, dav_server)
    secret = local / "secret.txt"
    secret.write_text("à ne pas perdre\n", encoding="utf-8")
    secret.chmod(0o000)
    (local / "visible.txt").write_text("lisible\n", encoding="utf-8")
    # honest: without the DAC capabilities, root really cannot read a mode-000 file
    denied = subprocess.run([*NO_DAC_BYPASS, "cat", str(secret)], capture_output=True)
    assert denied.returncode != 0 and b"Permission denied" in denied.stderr

    result = run_without_dac_bypass(cli, "sync", "--once")

    assert result.code == 1, (result.out, result.err)
    line = one_line(result)
    assert "secret.txt" in line and "could not be synced" in line
    assert "error: secret.txt:" in result.out
    assert "Check that you may read" in result.out
    assert (dav_server.root / "visible.txt").read_text(encoding="utf-8") == "lisible\n"
    assert not (dav_server.root / "secret.txt").exists()
    assert (dav_server.root / "élève.txt").exists()
    assert secret.exists() and temp_files(dav_server.root) == []

    secret.chmod(0o644)
    after = run_without_dac_bypass(cli, "sync", "--once")

    assert after.code == 0, after.err
    assert (dav_server.root / "secret.txt").read_text(encoding="utf-8") == "à ne pas perdre\n"


def test_an_unreadable_local_folder_deletes_nothing_on_the_server(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    before_server = snapshot(wsgidav_server.root)
    (local / "Cours").chmod(0o000)
    try:
        result = run_without_dac_bypass(cli, "sync", "--once")
    finally:
        (local / "Cours").chmod(0o755)

    assert result.code != 0
    line = one_line(result)
    assert "Cours" in line
    assert snapshot(wsgidav_server.root) == before_server  # its content was not "deleted"
    assert cli.sync().code == 0
    assert (local / "Cours" / "Mathématiques" / "exercices.txt").exists()


# --- names this computer cannot store -----------------------------------------------------------


def assert_name_reported_not_downloaded(
    result: Result, local: Path, server: DavServer, shown: str
) -> None:
    assert result.code == 1, (result.out, result.err)
    line = one_line(result)
    assert "to change before" in line  # 1 name to change, 2 names to change
    assert shown in line
    assert "to rename:" in result.out
    assert (local / "normal.txt").read_text(encoding="utf-8") == "rien de spécial\n"
    assert sorted(p.name for p in local.iterdir()) == sorted(
        [".cozysync", "Cours", "normal.txt", "élève.txt", "image.bin"]
    )
    assert (server.root / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"


def test_a_remote_name_with_a_control_character_is_reported_not_downloaded(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local = synced_tree(tmp_path, cli, dav_server)
    odd = dav_server.write("bad\x01name.txt", b"un nom impossible ici\n")
    dav_server.write("normal.txt", "rien de spécial\n".encode())

    result = cli.sync()

    assert_name_reported_not_downloaded(result, local, dav_server, "'\\x01'")
    assert odd.read_bytes() == b"un nom impossible ici\n"  # the server's file is untouched
    assert cli.sync().code == 1  # still waiting for a rename, still nothing downloaded
    assert not any("name.txt" in p.name for p in local.iterdir())


def test_a_remote_name_with_a_newline_still_gives_one_line(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    wsgidav_server.write("deux\nlignes.txt", b"un nom sur deux lignes\n")
    wsgidav_server.write("normal.txt", "rien de spécial\n".encode())

    result = cli.sync()

    assert_name_reported_not_downloaded(result, local, wsgidav_server, "'\\n'")
    assert all(line.isprintable() for line in result.out.splitlines())


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("é" * 150 + ".txt", id="300-byte-name"),
        pytest.param("a%2Fb.txt", id="encoded-slash"),
    ],
)
def test_a_listed_name_that_cannot_exist_here_is_reported_not_downloaded(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer, name: str
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    wsgidav_server.write("normal.txt", "rien de spécial\n".encode())
    href = "/" + (name if "%" in name else quote(name))
    _, unwrap = wrap_wsgidav(
        wsgidav_server,
        lambda app: ListingRewriter(app, extra=dav_file_response(href), times=1000),
    )
    try:
        result = cli.sync()
    finally:
        unwrap()

    shown = "a/b.txt" if "%" in name else name
    assert_name_reported_not_downloaded(result, local, wsgidav_server, shown)
