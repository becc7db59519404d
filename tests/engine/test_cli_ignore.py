"""``.cozyignore`` is this computer's own, through the CLI against WsgiDAV: never
uploaded, never downloaded (a server's copy is left alone there), only the local rules
apply, and ``status`` says how many items they leave out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def test_a_cozyignore_from_the_server_changes_nothing_this_computer_sends(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (wsgidav_server.root / ".cozyignore").write_text("*\n", encoding="utf-8")
    assert cli.sync().code == 0  # the server's rules arrive here, if anything makes them
    (local / "nouveau.txt").write_text("écrit après\n", encoding="utf-8")

    result = cli.sync()

    assert result.code == 0, result.err
    assert (wsgidav_server.root / "nouveau.txt").read_text(encoding="utf-8") == "écrit après\n"
    assert not (local / ".cozyignore").exists()  # never downloaded
    assert (wsgidav_server.root / ".cozyignore").read_text() == "*\n"  # left alone there
    [status] = cli.json("status")
    assert (status["state"], status["pending_changes"]) == ("up to date", 0)


def test_a_local_cozyignore_is_not_uploaded_and_its_rules_apply(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / ".cozyignore").write_text("*.log\n", encoding="utf-8")
    (local / "trace.log").write_text("bruit\n", encoding="utf-8")
    (local / "gardé.txt").write_text("envoyé\n", encoding="utf-8")

    result = cli.sync()

    assert result.code == 0, result.err
    assert not (wsgidav_server.root / ".cozyignore").exists()
    assert not (wsgidav_server.root / "trace.log").exists()
    assert (wsgidav_server.root / "gardé.txt").read_text(encoding="utf-8") == "envoyé\n"


def test_status_counts_what_the_local_cozyignore_leaves_out(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / ".cozyignore").write_text("*.log\nbuild/\n", encoding="utf-8")
    (local / "a.log").write_text("1\n", encoding="utf-8")
    (local / "Cours" / "b.log").write_text("2\n", encoding="utf-8")
    (local / "build" / "deep").mkdir(parents=True)  # a folder counts once: never entered
    (local / "build" / "deep" / "out.o").write_bytes(b"\0")
    (local / "~$lock.docx").write_text("built-in, not the file's doing\n", encoding="utf-8")
    assert cli.sync().code == 0

    text = cli("status")
    [status] = cli.json("status")

    assert text.code == 0, text.err
    assert "docs: up to date" in text.out
    assert "  ignored:     3 items left out by .cozyignore\n" in text.out
    assert status["left_out_by_ignore"] == 3
