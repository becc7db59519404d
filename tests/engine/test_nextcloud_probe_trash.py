"""cozysync's capability probe leaves nothing in a Nextcloud user's trash bin (issue 18,
item 5 leftover).  The probe (cozysync/remotes/webdav_probe.py) makes a hidden folder,
writes and moves files in it, then deletes it: on a Nextcloud that DELETE puts it in the
user's trash bin (files_trashbin's ``move2trash``: tests/nextcloud_trash_double.py), where
the web page's Deleted files would show a ``.cozysync-probe-….tmp`` after each link and
each weekly probe.  cozysync destroys that entry right after (``DELETE …/trashbin/USER/
trash/<entry>``, nextcloud/documentation developer_manual/client_apis/WebDAV/trashbin.rst),
and only that one: the user's own deleted files stay."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.nextcloud_double import NextcloudDouble
from tests.nextcloud_trash_double import Trashbin


def test_link_and_sync_leave_no_probe_in_the_trash_bin(
    tmp_path: Path,
    nextcloud: NextcloudDouble,
    monkeypatch: pytest.MonkeyPatch,
    real_keyring: KeyringSession,  # noqa: F811
):
    assert nextcloud.trashbin is not None
    trashed: list[str] = []  # every DELETE the trash bin took in (a spy on the double)
    real_delete = Trashbin.delete

    def watched(self: Trashbin, environ: dict[str, Any], start: Any, dav: Any) -> Iterable[bytes]:
        trashed.append(environ["PATH_INFO"])
        return real_delete(self, environ, start, dav)

    monkeypatch.setattr(Trashbin, "delete", watched)
    with httpx.Client(auth=(nextcloud.user, nextcloud.password), timeout=30.0) as hands:
        assert hands.put(nextcloud.webdav_url + "mine.txt", content=b"M").status_code == 201
        assert hands.delete(nextcloud.webdav_url + "mine.txt").status_code == 204
    cli = in_process(make_cli(tmp_path))
    local = tmp_path / "Documents"
    local.mkdir()
    linked = cli(
        "link", str(local), nextcloud.webdav_url, "--user", nextcloud.user,
        "--password-stdin", "--name", "docs", stdin=f"{nextcloud.password}\n",
    )  # fmt: skip
    assert linked.code == 0, linked.out + linked.err
    synced = cli.sync()
    assert synced.code == 0, synced.out + synced.err

    probes = [p for p in trashed if ".cozysync-probe-" in p]
    assert len(probes) == 2  # the link's check, then the first sync's (then once a week)
    left = nextcloud.trashbin.names()
    assert [n for n in left if ".cozysync-" in n] == [], left
    assert [n.rsplit("/", 1)[-1] for n in left] == ["mine.txt"]  # the user's stays
    kept = sorted(p.name for p in nextcloud.trashbin.storage.iterdir())
    assert len(kept) == 1 and kept[0].startswith("mine.txt.d"), kept
    again = cli.sync()  # the probe's record is kept: no probe, nothing more in the trash
    assert again.code == 0, again.out + again.err
    assert len([p for p in trashed if ".cozysync-probe-" in p]) == 2
