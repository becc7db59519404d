"""What ``cozysync link`` says about the folder and the address it is given (issue 13,
item 11 and the plain-http warning), through ``python -m cozysync`` against WsgiDAV on
127.0.0.1: a sync root that is a symbolic link is resolved and said so (kept as a link,
every pass failed "not a folder"); a link leading nowhere is refused; a password about
to cross the network over plain http is warned about once."""

from __future__ import annotations

from pathlib import Path

import pytest

from cozysync.service.linking import is_unencrypted, plain_http_warning
from tests.engine.test_cli import PASSWORD, Cli, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def test_a_sync_root_that_is_a_link_is_resolved_said_and_syncs(
    cli: Cli, tmp_path: Path, wsgidav_server: WsgiDavServer
) -> None:
    target = tmp_path / "mnt" / "data" / "Cours"
    target.mkdir(parents=True)
    (target / "lesson.txt").write_text("lesson 1")
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "Cours").symlink_to(target)

    linked = cli.link(documents / "Cours", wsgidav_server)

    said = f"{documents / 'Cours'} is a link to {target}: cozysync will sync {target}"
    assert said in linked.out
    assert "not encrypted" not in linked.err  # http://127.0.0.1: this computer, no warning
    assert cli.folders()[0]["local_root"] == str(target)
    synced = cli.sync()
    assert synced.code == 0, synced.err
    assert (wsgidav_server.root / "lesson.txt").read_text() == "lesson 1"


def test_a_link_leading_nowhere_is_refused(
    cli: Cli, tmp_path: Path, wsgidav_server: WsgiDavServer
) -> None:
    dangling = tmp_path / "Cours"
    dangling.symlink_to(tmp_path / "unplugged-drive" / "Cours")

    refused = cli(
        "link", str(dangling), wsgidav_server.url, "--user", wsgidav_server.user,
        "--password-stdin", stdin=f"{PASSWORD}\n",
    )  # fmt: skip

    assert refused.code != 0
    assert f"{dangling} is a link to {tmp_path / 'unplugged-drive' / 'Cours'}" in refused.err
    assert "which does not exist" in refused.err
    assert cli.folders() == []
    assert not (tmp_path / "unplugged-drive").exists()  # nothing made at the target


def test_plain_http_to_another_computer_is_warned_about_before_anything_is_sent(
    cli: Cli, tmp_path: Path
) -> None:
    url = "http://cloud.example.invalid/dav/"
    not_a_folder = tmp_path / "notes.txt"  # the link stops there, before any request
    not_a_folder.write_text("a file")

    result = cli(
        "link", str(not_a_folder), url, "--user", "alice", "--password-stdin", stdin="pw\n"
    )

    warning = (
        f"Warning: {url} is not encrypted: your password and files cross the network "
        "readable by anyone on it. Use https:// if the server offers it."
    )
    assert result.err.count(warning) == 1
    assert result.code != 0 and "is a file, not a folder" in result.err


@pytest.mark.parametrize(
    ("url", "unencrypted"),
    [
        ("http://cloud.example.org/dav/", True),
        ("HTTP://192.168.1.20:8080/", True),
        ("http://[2001:db8::1]/dav", True),
        ("https://cloud.example.org/dav/", False),
        ("http://127.0.0.1:8080/", False),
        ("http://127.0.0.2/", False),
        ("http://localhost:8080/", False),
        ("http://LocalHost./", False),
        ("http://[::1]:8080/", False),
    ],
)
def test_which_addresses_are_unencrypted(url: str, unencrypted: bool) -> None:
    assert is_unencrypted(url) is unencrypted
    assert (plain_http_warning(url) is not None) is unencrypted
