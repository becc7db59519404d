"""A shared drive's remote refuses in words what it cannot sync: a drive shared as a
single file (``drive_root_type``, cozy-stack model/sharing/sharing.go:142-147), a drive
no longer listed (left or revoked: ``ListDrives`` keeps the active ones only,
sharing.go:1046-1061), and it tells a read-only member's drive as a read-only share
(drives.go:1502-1504); malformed items of ``GET /sharings/drives`` are skipped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cozysync.errors import ConfigError
from cozysync.remotes.cozy_drives import CozyDriveRemote, shared_drives
from tests.cozy_server import CozyAccount
from tests.keyring_session import real_keyring  # noqa: F401


def _remote(cozy_account: CozyAccount, drive_id: str) -> CozyDriveRemote:
    return CozyDriveRemote(
        cozy_account.server.url, drive_id, secrets=cozy_account.secrets,
        account=cozy_account.result.account, cache_path=cozy_account.cache_dir / "d.sqlite",
    )  # fmt: skip


@pytest.fixture
def remotes(cozy_account: CozyAccount) -> Iterator[list[CozyDriveRemote]]:
    made: list[CozyDriveRemote] = []
    yield made
    for remote in made:
        remote.close()


def test_a_drive_shared_as_a_single_file_is_refused_by_name(
    cozy_account: CozyAccount, remotes: list[CozyDriveRemote]
):
    drive = cozy_account.server.receive_drive("Sujet bac", "Collège", root_type="file")
    remote = _remote(cozy_account, drive.id)
    remotes.append(remote)
    with pytest.raises(ConfigError) as refused:
        remote.list_tree()
    assert "'Sujet bac' is a single file, not a folder" in str(refused.value)


def test_a_drive_left_or_revoked_says_how_to_remove_it(
    cozy_account: CozyAccount, remotes: list[CozyDriveRemote]
):
    drive = cozy_account.server.receive_drive("6e B", "Collège", active=False)
    remote = _remote(cozy_account, drive.id)
    remotes.append(remote)
    with pytest.raises(ConfigError) as refused:
        remote.list_tree()
    assert "no longer shared with you" in str(refused.value)
    assert "cozysync drives --remove NAME" in str(refused.value.hint)


def test_a_read_only_member_s_drive_is_a_read_only_share(
    cozy_account: CozyAccount, remotes: list[CozyDriveRemote]
):
    server = cozy_account.server
    ro = server.receive_drive("Profs", "Collège", read_only=True)
    rw = server.receive_drive("6e B", "Collège")
    ro_remote, rw_remote = _remote(cozy_account, ro.id), _remote(cozy_account, rw.id)
    remotes += [ro_remote, rw_remote]
    shares = ro_remote.features.read_only_shares
    assert shares is not None
    [share] = shares.read_only_shares()
    assert (share.path, share.name) == ("", "Profs")
    rw_shares = rw_remote.features.read_only_shares
    assert rw_shares is not None and rw_shares.read_only_shares() == ()


def test_malformed_items_of_the_drives_list_are_skipped():
    good = {
        "id": "d1",
        "attributes": {
            "drive": True, "active": True, "description": "6e B",
            "rules": [{"doctype": "io.cozy.files", "values": ["root1"]}],
        },
    }  # fmt: skip
    bad = [
        {"id": "x1", "attributes": "not an object"},
        {"id": "x2", "attributes": {"drive": True, "active": True, "rules": []}},
        {"attributes": {"drive": True, "active": True,
                        "rules": [{"doctype": "io.cozy.files", "values": ["r"]}]}},
    ]  # fmt: skip
    [drive] = shared_drives(iter([*bad, good]))
    assert (drive.drive_id, drive.name, drive.root_id, drive.is_folder) == (
        "d1", "6e B", "root1", True,
    )  # fmt: skip
