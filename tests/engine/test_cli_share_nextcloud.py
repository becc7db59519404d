"""Sharing from the CLI with a Nextcloud, and the plain WebDAV server that cannot
(issue 17, items 1-3), end to end through the in-process CLI: the Nextcloud double's OCS
share API (tests/nextcloud_shares_double.py, citing Nextcloud's docs and code) behind
the same address as its WebDAV, and a real WsgiDAV server without any sharing API."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.test_cli import make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.nextcloud_double import NextcloudDouble
from tests.servers import WsgiDavServer


def _linked(tmp_path: Path, url: str, user: str, password: str) -> tuple[InProcessCli, Path]:
    cli = in_process(make_cli(tmp_path))
    local = tmp_path / "Classe"
    local.mkdir()
    linking = cli(
        "link", str(local), url, "--user", user, "--password-stdin", "--name", "classe",
        "--insecure-file-store", stdin=f"{password}\n",
    )  # fmt: skip
    assert linking.code == 0, linking.out + linking.err
    assert cli.sync().code == 0
    return cli, local


def test_a_nextcloud_link_with_password_and_expiry_is_listed_and_revoked(
    tmp_path: Path, nextcloud: NextcloudDouble
):
    nextcloud.write("Exposé SVT/plan.txt", b"v1")
    cli, local = _linked(tmp_path, nextcloud.webdav_url, nextcloud.user, nextcloud.password)
    made = cli(
        "share", str(local / "Exposé SVT"), "--expires", "2w", "--password-stdin",
        stdin="secret de classe\n",
    )  # fmt: skip
    assert made.code == 0, made.out + made.err
    [(share_id, share)] = nextcloud.shares.shares.items()
    assert (share["share_type"], share["path"], share["permissions"]) == (3, "/Exposé SVT", 15)
    assert nextcloud.shares.passwords[share_id] == "secret de classe"
    in_two_weeks = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 14 * 86400))
    assert share["expiration"] == f"{in_two_weeks} 00:00:00"
    assert made.out.strip() == f"{nextcloud.url}/index.php/s/{share['token']}"
    assert f"Exposé SVT: link (can edit, password, until {in_two_weeks}" in made.err

    [listed] = json.loads(cli("shares", "--json").out)
    assert (listed["kind"], listed["path"], listed["read_only"], listed["url"]) == (
        "link", "Exposé SVT", False, made.out.strip(),
    )  # fmt: skip
    stopped = cli("unshare", str(local / "Exposé SVT"), "--link")
    assert stopped.code == 0, stopped.out + stopped.err
    assert nextcloud.shares.shares == {}


def test_a_read_only_link_to_a_file(tmp_path: Path, nextcloud: NextcloudDouble):
    nextcloud.write("Cours/lundi.txt", b"maths")
    cli, local = _linked(tmp_path, nextcloud.webdav_url, nextcloud.user, nextcloud.password)
    made = cli("share", str(local / "Cours" / "lundi.txt"), "--read-only")
    assert made.code == 0, made.out + made.err
    [share] = nextcloud.shares.shares.values()
    assert (share["path"], share["permissions"], share["item_type"]) == (
        "/Cours/lundi.txt", 1, "file",
    )  # fmt: skip
    assert "Cours/lundi.txt: link (read-only" in made.err


def test_sharing_with_a_classmate_and_a_group_found_as_sharees(
    tmp_path: Path, nextcloud: NextcloudDouble
):
    nextcloud.shares.users.update({"lea.martin": "Léa Martin", "hugo": "Hugo Bernard"})
    nextcloud.shares.groups.update({"3eB": "3e B"})
    nextcloud.write("Exposé SVT/plan.txt", b"v1")
    cli, local = _linked(tmp_path, nextcloud.webdav_url, nextcloud.user, nextcloud.password)
    made = cli("share", str(local / "Exposé SVT"), "--with", "Léa Martin", "3e B")
    assert made.code == 0, made.out + made.err
    shares = sorted(nextcloud.shares.shares.values(), key=lambda s: s["share_type"])
    assert [(s["share_type"], s["share_with"], s["permissions"]) for s in shares] == [
        (0, "lea.martin", 31), (1, "3eB", 31),
    ]  # fmt: skip
    assert "Exposé SVT: shared with Léa Martin (can edit" in made.out
    nextcloud.shares.received.append({
        "id": 99, "share_type": 0, "uid_owner": "mme.roux", "displayname_owner": "Mme Roux",
        "permissions": 1, "stime": 1765000000, "expiration": None, "path": "/Corrigés",
        "item_type": "folder", "share_with": nextcloud.user,
    })  # fmt: skip
    listed = cli("shares")
    assert listed.code == 0, listed.out + listed.err
    assert "Corrigés: shared with you by Mme Roux (read-only), since 2025-12-06" in listed.out
    assert "Exposé SVT: shared with 3e B (can edit" in listed.out

    stopped = cli("unshare", str(local / "Exposé SVT"), "--with", "3e B")
    assert stopped.code == 0, stopped.out + stopped.err
    assert [s["share_with"] for s in nextcloud.shares.shares.values()] == ["lea.martin"]
    mixed = cli("share", str(local / "Exposé SVT"), "--with", "Léa Martin", "--expires", "7d")
    assert mixed.code != 0 and "--expires: for a link only, not with --with" in mixed.err
    unknown = cli("share", str(local / "Exposé SVT"), "--with", "Zoé")
    assert unknown.code != 0 and "no one called Zoé is in your address book" in unknown.err


def test_a_plain_webdav_server_cannot_share_and_says_why(
    tmp_path: Path, wsgidav_server: WsgiDavServer
):
    s = wsgidav_server
    cli, local = _linked(tmp_path, s.url, s.user, s.password)
    (local / "notes.txt").write_text("x", encoding="utf-8")
    for args in (("share", str(local / "notes.txt")), ("shares",),
                 ("unshare", str(local / "notes.txt"))):  # fmt: skip
        refused = cli(*args)
        assert refused.code != 0, refused.out
        assert "this server cannot share: 127.0.0.1:" in refused.err, refused.err
        assert "has no sharing API. Share from the server's own web page." in refused.err
        assert refused.out == ""


def test_french_words_for_a_server_that_cannot_share(tmp_path: Path, wsgidav_server: WsgiDavServer):
    s = wsgidav_server
    cli, local = _linked(tmp_path, s.url, s.user, s.password)
    french = InProcessCli(cli.home, {**cli.env, "LANG": "fr_FR.UTF-8", "LANGUAGE": "fr"})
    refused = french("share", str(local))
    assert refused.code != 0
    assert "ce serveur ne sait pas partager" in refused.err, refused.err
