"""Versions of a file on a Nextcloud, end to end through the CLI (issue 18, item 1): the
folder linked to the Nextcloud double's WebDAV (a real WsgiDAV with ``oc:fileid``), whose
versions app keeps the replaced contents and serves them at
``/remote.php/dav/versions/<user>/`` as nextcloud/server's files_versions does
(tests/nextcloud_versions_double.py)."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.test_cli import make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.nextcloud_double import NextcloudDouble

DRAFTS = (b"first draft\n", b"second draft, longer\n", b"final essay\n")
T0 = 1_765_000_000  # the drafts' mtimes: a minute apart (a version is named by its mtime)


@pytest.fixture
def drafts(
    tmp_path: Path,
    nextcloud: NextcloudDouble,
    real_keyring: KeyringSession,  # noqa: F811
) -> tuple[InProcessCli, Path]:
    """essay.txt synced three times from this computer: two old versions on the server."""
    cli = in_process(make_cli(tmp_path))
    local = tmp_path / "Documents"
    local.mkdir()
    linked = cli(
        "link", str(local), nextcloud.webdav_url, "--user", nextcloud.user,
        "--password-stdin", "--name", "docs", stdin=f"{nextcloud.password}\n",
    )  # fmt: skip
    assert linked.code == 0, linked.out + linked.err
    essay = local / "essay.txt"
    for n, text in enumerate(DRAFTS):
        essay.write_bytes(text)
        os.utime(essay, (T0 + 60 * n, T0 + 60 * n))
        synced = cli.sync()
        assert synced.code == 0, synced.out + synced.err
    return cli, essay


def _versions(cli: InProcessCli, essay: Path) -> list[dict[str, object]]:
    listed = cli("versions", str(essay), "--json")
    assert listed.code == 0, listed.out + listed.err
    return list(json.loads(listed.out)["versions"])


def test_the_old_versions_are_listed_without_the_current_one(drafts):
    cli, essay = drafts
    versions = _versions(cli, essay)
    assert [(v["version_id"], v["size"], v["made_by"]) for v in versions] == [
        (str(T0 + 60), 21, "alice"),  # named by their mtimes, newest first
        (str(T0), 12, "alice"),
    ]
    shown = cli("versions", str(essay))
    assert f"id: {T0 + 60}" in shown.out and "by alice" in shown.out, shown.out


def test_restore_moves_it_to_the_restore_folder_then_brings_it_here(
    drafts, nextcloud: NextcloudDouble
):
    cli, essay = drafts
    done = cli("restore-version", str(essay), str(T0))
    assert done.code == 0, done.out + done.err
    assert "is now the current one on the server" in done.out, done.out
    assert essay.read_bytes() == DRAFTS[0]
    assert (nextcloud.root / "essay.txt").read_bytes() == DRAFTS[0]
    kept = _versions(cli, essay)  # the final essay is an old version now: nothing lost
    assert sorted(v["size"] for v in kept) == [12, 21]
    assert not [p for p in essay.parent.iterdir() if "conflict" in p.name]


def test_restore_as_a_copy_on_a_nextcloud(drafts, nextcloud: NextcloudDouble):
    cli, essay = drafts
    done = cli("restore-version", str(essay), str(T0 + 60), "--as-copy")
    assert done.code == 0, done.out + done.err
    stamp = datetime.fromtimestamp(T0 + 60).strftime("%Y-%m-%d %H%M")
    copy = f"essay (version {stamp}).txt"
    assert (essay.parent / copy).read_bytes() == DRAFTS[1]
    assert (nextcloud.root / copy).read_bytes() == DRAFTS[1]
    assert essay.read_bytes() == DRAFTS[2]


def test_an_unknown_version_and_the_app_turned_off_are_said(drafts, nextcloud: NextcloudDouble):
    cli, essay = drafts
    unknown = cli("restore-version", str(essay), "123")
    assert unknown.code == 1 and "no version '123'" in unknown.err, unknown.err
    nextcloud.versions = None  # files_versions disabled: its DAV root answers 404
    off = cli("versions", str(essay))
    assert off.code == 1 and "its versions app may be off" in off.err, off.err
    assert essay.read_bytes() == DRAFTS[2]
