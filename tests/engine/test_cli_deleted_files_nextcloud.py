"""Deleted files on a Nextcloud, end to end through ``cozysync trash`` and ``cozysync
undelete`` (issue 18, item 2): the folder linked to the Nextcloud double's WebDAV (a real
WsgiDAV), whose files_trashbin app keeps what is deleted and restores it as
nextcloud/server does (tests/nextcloud_trash_double.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.test_cli import Result, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.nextcloud_double import NextcloudDouble


def _ok(result: Result) -> Result:
    assert result.code == 0, result.out + result.err
    return result


class Hands:
    """The user's hands on their Nextcloud: plain WebDAV, nothing of cozysync."""

    def __init__(self, nextcloud: NextcloudDouble) -> None:
        self.base = nextcloud.webdav_url
        self.http = httpx.Client(auth=(nextcloud.user, nextcloud.password), timeout=30.0)

    def put(self, rel: str, data: bytes) -> None:
        parts = rel.split("/")
        for n in range(1, len(parts)):
            self.http.request("MKCOL", self.base + "/".join(parts[:n]) + "/")
        assert self.http.put(self.base + rel, content=data).status_code in (201, 204)

    def delete(self, rel: str, *, is_dir: bool = False) -> None:
        answer = self.http.delete(self.base + rel + ("/" if is_dir else ""))
        assert answer.status_code == 204, answer.text


@pytest.fixture
def linked(
    tmp_path: Path,
    nextcloud: NextcloudDouble,
    real_keyring: KeyringSession,  # noqa: F811
) -> Iterator[tuple[InProcessCli, Path, Hands]]:
    cli = in_process(make_cli(tmp_path))
    local = tmp_path / "Documents"
    local.mkdir()
    _ok(
        cli(
            "link", str(local), nextcloud.webdav_url, "--user", nextcloud.user,
            "--password-stdin", "--name", "docs", stdin=f"{nextcloud.password}\n",
        )
    )  # fmt: skip
    hands = Hands(nextcloud)
    try:
        yield cli, local, hands
    finally:
        hands.http.close()


def _items(cli: InProcessCli) -> list[tuple[str, str]]:
    [listing] = json.loads(_ok(cli("trash", "--json")).out)
    assert listing["server_trash"] == "listed", listing
    return sorted((i["path"], i["origin"]) for i in listing["items"])


def test_a_file_deleted_on_nextcloud_is_listed_and_comes_back_down(
    linked, nextcloud: NextcloudDouble
):
    cli, local, hands = linked
    hands.put("Cours/essai.txt", b"mon essai")
    _ok(cli.sync())
    hands.delete("Cours/essai.txt")  # to the trash bin
    _ok(cli.sync())
    assert not (local / "Cours" / "essai.txt").exists()
    assert nextcloud.trashbin is not None and "Cours/essai.txt" in nextcloud.trashbin.names()
    # cozysync's capability probes left their temps in the trash bin: never listed
    assert _items(cli) == [("Cours/essai.txt", "server"), ("Cours/essai.txt", "this computer")]
    text = _ok(cli("trash")).out
    assert "Cours/essai.txt  in the server's trash (deleted by alice)" in text, text

    done = _ok(cli("undelete", "Cours/essai.txt"))
    assert "'Cours/essai.txt' is back on the server and in the folder." in done.out, done.out
    assert (nextcloud.root / "Cours" / "essai.txt").read_bytes() == b"mon essai"
    assert (local / "Cours" / "essai.txt").read_bytes() == b"mon essai"
    assert "Cours/essai.txt" not in nextcloud.trashbin.names()
    assert "up to date" in _ok(cli.sync()).out


def test_a_folder_deleted_since_is_made_again_before_the_restore(
    linked, nextcloud: NextcloudDouble
):
    """Nextcloud restores into the user's root when the folder is gone (Trashbin.php
    ``restore``): cozysync makes the folder again first, so it lands in its place."""
    cli, local, hands = linked
    hands.put("Projet/plan.txt", b"plan")
    hands.put("Projet/notes.txt", b"notes")
    _ok(cli.sync())
    hands.delete("Projet/plan.txt")
    hands.delete("Projet", is_dir=True)
    _ok(cli.sync())
    assert ("Projet", "server") in _items(cli)
    _ok(cli("undelete", "Projet/plan.txt"))
    assert (nextcloud.root / "Projet" / "plan.txt").read_bytes() == b"plan"
    assert not (nextcloud.root / "plan.txt").exists()  # not in the user's root
    assert sorted(p.name for p in (local / "Projet").iterdir()) == ["plan.txt"]


def test_a_place_taken_is_refused_then_restored_into_another_folder(
    linked, nextcloud: NextcloudDouble
):
    cli, local, hands = linked
    hands.put("essai.txt", b"old")
    _ok(cli.sync())
    hands.delete("essai.txt")
    hands.put("essai.txt", b"new one")
    hands.put("Archives/keep.txt", b"k")
    _ok(cli.sync())
    refused = cli("undelete", "essai.txt")
    assert refused.code != 0 and "nothing was overwritten" in refused.err, refused.err
    assert (nextcloud.root / "essai.txt").read_bytes() == b"new one"
    done = _ok(cli("undelete", "essai.txt", "--to", "Archives"))
    assert "'Archives/essai.txt' is back on the server and in the folder." in done.out
    assert (nextcloud.root / "Archives" / "essai.txt").read_bytes() == b"old"
    assert (nextcloud.root / "essai.txt").read_bytes() == b"new one"
    assert not list(nextcloud.root.glob("*restored*"))  # moved on from "(restored)"
    assert (local / "Archives" / "essai.txt").read_bytes() == b"old"
