"""Leaving a share someone else made (issue 17, item 3: "manage what is shared with
me"): ``cozysync unshare PATH`` on an item shared with the user, through the CLI in this
process.  Asked first (``--yes`` without a terminal); this computer's files are never
deleted.

- Nextcloud (tests/nextcloud_shares_double.py): the recipient's ``DELETE /shares/<id>``;
  the mount leaves the account, so the copy here is moved beside the synced folder and
  the next sync neither deletes nor uploads anything.
- Cozy (tests/cozy_server.py, ``DELETE /sharings/:id/recipients/self`` as
  tests/cozy_invitations_double.py follows it): the sharing inactive, the folder kept in
  the account, renamed "(partage annulé)"; the next sync renames it here, files kept.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cozy_invitations_double import REVOKED_SUFFIX
from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import link_folder
from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.test_cli import make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.nextcloud_double import NextcloudDouble

FRENCH = {"LANGUAGE": "fr", "LANG": "fr_FR.UTF-8", "LC_ALL": ""}


def _nextcloud_linked(tmp_path: Path, nextcloud: NextcloudDouble) -> tuple[InProcessCli, Path]:
    nextcloud.write("Corrigés/maths.txt", b"exercice 1 : 42")  # the mount of Mme Roux's
    nextcloud.write("Mes notes.txt", b"mine")
    nextcloud.shares.received.append({
        "id": 99, "share_type": 0, "uid_owner": "mme.roux", "displayname_owner": "Mme Roux",
        "permissions": 1, "stime": 1765000000, "expiration": None, "path": "/Corrigés",
        "item_type": "folder", "share_with": nextcloud.user,
    })  # fmt: skip
    cli = in_process(make_cli(tmp_path))
    local = tmp_path / "Classe"
    local.mkdir()
    linking = cli(
        "link", str(local), nextcloud.webdav_url, "--user", nextcloud.user, "--password-stdin",
        "--name", "classe", "--insecure-file-store", stdin=f"{nextcloud.password}\n",
    )  # fmt: skip
    assert linking.code == 0, linking.out + linking.err
    assert cli.sync().code == 0
    assert (local / "Corrigés" / "maths.txt").read_bytes() == b"exercice 1 : 42"
    return cli, local


def test_leaving_a_nextcloud_share_keeps_the_files_here_out_of_the_sync(
    tmp_path: Path,
    nextcloud: NextcloudDouble,
    real_keyring: KeyringSession,  # noqa: F811
):
    cli, local = _nextcloud_linked(tmp_path, nextcloud)
    (local / "Corrigés" / "mes réponses.txt").write_bytes(b"not sent: read-only")

    asked = cli("unshare", str(local / "Corrigés"))  # no terminal, no --yes
    assert asked.code == 2, asked.out + asked.err
    assert "Corrigés is shared with you by Mme Roux: leaving it needs --yes" in asked.err
    assert nextcloud.shares.left == [] and (local / "Corrigés" / "maths.txt").exists()

    left = cli("unshare", str(local / "Corrigés"), "--yes")

    assert left.code == 0, left.out + left.err
    assert nextcloud.shares.left == [99] and nextcloud.shares.received == []
    kept = tmp_path / "Corrigés (Mme Roux)"
    assert "Left Corrigés, shared with you by Mme Roux." in left.out, left.out
    assert f"kept on this computer in: {kept}" in left.out, left.out
    assert (kept / "maths.txt").read_bytes() == b"exercice 1 : 42"
    assert (kept / "mes réponses.txt").read_bytes() == b"not sent: read-only"
    assert not (local / "Corrigés").exists()
    synced = cli.sync()  # gone on both sides: nothing deleted, nothing uploaded
    assert synced.code == 0, synced.out + synced.err
    assert not (nextcloud.root / "Corrigés").exists()
    assert (nextcloud.shares.owners_copies / "Corrigés" / "maths.txt").exists()
    assert (kept / "maths.txt").exists() and (local / "Mes notes.txt").read_bytes() == b"mine"
    assert "Corrigés" not in cli("shares").out


def test_a_path_shared_with_no_one_is_refused_and_the_question_is_in_french(
    tmp_path: Path,
    nextcloud: NextcloudDouble,
    real_keyring: KeyringSession,  # noqa: F811
):
    cli, local = _nextcloud_linked(tmp_path, nextcloud)
    french = InProcessCli(cli.home, {**cli.env, **FRENCH})
    nobody = french("unshare", str(local / "Mes notes.txt"), "--yes")
    assert nobody.code != 0 and nextcloud.shares.left == []
    assert "Mes notes.txt" in nobody.err, nobody.err
    asked = french("unshare", str(local / "Corrigés"))
    assert asked.code == 2 and "--yes" in asked.err, asked.err
    assert "partagé avec vous par Mme Roux" in asked.err, asked.err
    assert nextcloud.shares.left == []


def test_leaving_a_cozy_sharing_keeps_the_folder_renamed_here(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
):
    linked = link_folder(tmp_path, cozy_server, cozy_user)
    cli = in_process(linked.cli)
    cozy_server.receive_sharing("Exposé SVT", "Mme Martin", read_only=False)
    linked.user.write("Partages reçus/Exposé SVT/plan.txt", b"v1")
    assert cli.sync().code == 0
    shared = linked.local / "Partages reçus" / "Exposé SVT"
    assert (shared / "plan.txt").read_bytes() == b"v1"
    listed = json.loads(cli("shares", "--json").out)
    [theirs] = [s for s in listed if not s["mine"]]
    assert theirs["share_id"].endswith(":self")

    left = cli("unshare", str(shared), "--yes")

    assert left.code == 0, left.out + left.err
    assert "Left Partages reçus/Exposé SVT, shared with you by Mme Martin." in left.out
    assert "Your cloud keeps a copy of it" in left.out, left.out
    [sharing] = cozy_server.sharings.sharings
    assert not sharing.active and sharing.my_status == "revoked"
    assert (shared / "plan.txt").read_bytes() == b"v1"  # untouched until the next sync
    synced = cli.sync()
    assert synced.code == 0, synced.out + synced.err
    renamed = linked.local / "Partages reçus" / f"Exposé SVT ({REVOKED_SUFFIX})"
    assert (renamed / "plan.txt").read_bytes() == b"v1"
    assert not shared.exists()
    assert cozy_server.tree()[f"Partages reçus/Exposé SVT ({REVOKED_SUFFIX})/plan.txt"] == b"v1"
