"""Shared drives (class and team spaces) end to end through ``cozysync drives`` (issue 15,
item 8).  The drives live on the owner's Cozy; the test instance is a member and reaches
them through its own stack's ``/sharings/drives`` routes, as the double plays them from
cozy-stack's code (tests/cozy_drives_double.py): listing, adding one as a folder of its
own (the Cozy folder's login, no second browser login), syncing down and up, a read-only
member whose changes stay here, and removing the drive (its files kept).
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.cozy_drives_double import Drive
from tests.engine.cozy_world import Linked, run_with_browser
from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.worlds import read_tree
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401


def _drive_requests(linked: Linked, offset: int) -> list[tuple[str, str, str, int]]:
    return [a for a in linked.answered(offset) if a[1].startswith("/sharings/drives/")]


def _folder(linked: Linked, name: str) -> dict[str, object]:
    [folder] = [f for f in linked.cli.folders() if f["name"] == name]
    return folder


def _add(cli: InProcessCli, drive: str, to: Path) -> None:
    added = cli("drives", "--add", drive, "--to", str(to))
    assert added.code == 0, added.out + added.err
    assert f"The shared drive will be synced in {to}, as the folder" in added.out, added.out


def test_the_drives_are_listed_with_owner_and_rights(linked: Linked):
    cli = in_process(linked.cli)
    assert cli("drives").out.strip() == "Your Cozy shares no drive with you."
    team = linked.cozy.receive_drive("6e B", "Collège Jean Moulin")
    svt = linked.cozy.receive_drive("Exposé SVT", "Mme Martin", read_only=True)
    linked.cozy.receive_drive("Ancien", "Mme Martin", active=False)  # left: not listed

    listed = cli("drives")
    assert listed.code == 0, listed.out + listed.err
    assert listed.out.splitlines() == [
        f"'6e B' (shared by Collège Jean Moulin, can edit)  id: {team.id}",
        f"'Exposé SVT' (shared by Mme Martin, read-only)  id: {svt.id}",
    ]
    data = json.loads(cli("drives", "docs", "--json").out)
    assert [(d["drive_id"], d["name"], d["read_only"], d["linked_as"]) for d in data] == [
        (team.id, "6e B", False, None),
        (svt.id, "Exposé SVT", True, None),
    ]
    assert data[0]["root_id"] == team.root_id  # the owner's id (rules not xored)


def test_a_drive_syncs_down_and_up_in_its_own_folder(linked: Linked, tmp_path: Path):
    drive: Drive = linked.cozy.receive_drive("6e B", "Collège Jean Moulin")
    drive.put("Cours/chap1.txt", b"v1")
    cli = in_process(linked.cli)
    where = tmp_path / "Drives" / "6e B"
    _add(cli, "6e b", where)  # the name in any case
    listed = cli("drives").out.splitlines()
    assert listed[1:] == ["  synced as the folder '6e B'"], listed

    offset = len(linked.cozy.answers)
    first = cli.sync("6e B")
    assert first.code == 0, first.out + first.err
    assert read_tree(where, skip_marker=True) == {"Cours": None, "Cours/chap1.txt": b"v1"}
    assert all(status < 400 for *_, status in _drive_requests(linked, offset))

    (where / "Cours" / "chap1.txt").write_bytes(b"v2 by me")
    (where / "devoir.txt").write_bytes(b"mon devoir")
    drive.put("Cours/chap2.txt", b"from the teacher")
    second = cli.sync("6e B")
    assert second.code == 0, second.out + second.err
    assert drive.tree() == {
        "Cours": None,
        "Cours/chap1.txt": b"v2 by me",
        "Cours/chap2.txt": b"from the teacher",
        "devoir.txt": b"mon devoir",
    }
    assert (where / "Cours" / "chap2.txt").read_bytes() == b"from the teacher"
    # the drive is not in the Cozy's own tree, and the Cozy folder does not get it
    assert linked.cozy.tree() == {"a.txt": b"A"}
    assert cli.sync("docs").code == 0
    assert linked.local_tree() == {"a.txt": b"A"}

    (where / "devoir.txt").unlink()  # a deletion goes to the owner's trash
    (where / "Cours" / "chap2.txt").rename(where / "Cours" / "chapitre 2.txt")  # a PATCH
    third = cli.sync("6e B")
    assert third.code == 0, third.out + third.err
    assert drive.tree() == {
        "Cours": None,
        "Cours/chap1.txt": b"v2 by me",
        "Cours/chapitre 2.txt": b"from the teacher",
    }
    assert [d.name for d in drive.owner.children("io.cozy.files.trash-dir")] == ["devoir.txt"]


def test_a_read_only_member_s_changes_stay_on_this_computer(linked: Linked, tmp_path: Path):
    drive = linked.cozy.receive_drive("Exposé SVT", "Mme Martin", read_only=True)
    drive.put("plan.txt", b"v1")
    cli = in_process(linked.cli)
    where = tmp_path / "SVT"
    _add(cli, drive.id, where)
    assert cli.sync("Exposé SVT").code == 0
    assert (where / "plan.txt").read_bytes() == b"v1"

    # the stack refuses a read-only member's write (drives.go:1365-1369, :1502-1504)
    root_file = next(iter(d for d in drive.owner.children(drive.root_id)))
    refused = httpx.put(
        f"{linked.cozy.url}/sharings/drives/{drive.id}/{root_file.id}",
        content=b"x",
        headers={"Authorization": f"Bearer {linked.cozy.web_token}"},
    )
    assert refused.status_code == 403, refused.text
    assert "read-only member" in refused.text

    (where / "plan.txt").write_bytes(b"my version")
    (where / "notes.txt").write_bytes(b"mine")
    offset = len(linked.cozy.answers)
    synced = cli.sync("Exposé SVT")
    writes = [a for a in _drive_requests(linked, offset) if a[0] in ("POST", "PUT", "PATCH")]
    assert writes == []  # nothing sent, so no 403 either
    assert drive.tree() == {"plan.txt": b"v1"}
    assert (where / "plan.txt").read_bytes() == b"my version"
    assert (where / "notes.txt").read_bytes() == b"mine"
    told = "'Exposé SVT' is shared with you read-only by Mme Martin: your change stays"
    assert told in synced.out, synced.out
    assert told in cli("status", "Exposé SVT").out

    drive.put("plan.txt", b"v2 by the owner")  # the owner's new version: mine is kept too
    after = cli.sync("Exposé SVT")
    assert after.code == 1 and "1 conflict waiting" in after.out, after.out + after.err
    here = read_tree(where, skip_marker=True)
    assert here.pop("plan.txt") == b"v2 by the owner"
    assert here.pop("notes.txt") == b"mine"
    [(copy, kept)] = here.items()
    assert copy.startswith("plan (conflict") and kept == b"my version"
    assert drive.tree() == {"plan.txt": b"v2 by the owner"}


def test_removing_a_drive_keeps_its_files_and_the_cozy_login(linked: Linked, tmp_path: Path):
    drive = linked.cozy.receive_drive("6e B", "Collège Jean Moulin")
    drive.put("chap1.txt", b"v1")
    cli = in_process(linked.cli)
    where = tmp_path / "6eB"
    _add(cli, "6e B", where)
    assert cli.sync("6e B").code == 0
    clients = set(linked.cozy.clients)

    removed = cli("drives", "--remove", "6e B")
    assert removed.code == 0, removed.out + removed.err
    assert "The shared drive '6e B' is no longer synced; its files stay here." in removed.out
    assert read_tree(where, skip_marker=False) == {"chap1.txt": b"v1"}  # no marker left
    assert [f["name"] for f in linked.cli.folders()] == ["docs"]
    assert set(linked.cozy.clients) == clients  # the Cozy folder's login is kept
    assert cli.sync("docs").code == 0
    assert drive.tree() == {"chap1.txt": b"v1"}  # nothing deleted on the drive


def test_unlinking_the_cozy_folder_keeps_the_login_its_drive_uses(linked: Linked, tmp_path: Path):
    drive = linked.cozy.receive_drive("6e B", "Collège Jean Moulin")
    cli = in_process(linked.cli)
    _add(cli, "6e B", tmp_path / "6eB")
    assert cli("unlink", "docs").code == 0
    drive.put("chap1.txt", b"v1")
    synced = cli.sync("6e B")
    assert synced.code == 0, synced.out + synced.err
    assert (tmp_path / "6eB" / "chap1.txt").read_bytes() == b"v1"
    assert cli("drives", "--remove", "6e B").code == 0  # the last one: the login goes
    assert linked.cozy.clients == {}


def test_bad_drive_commands_say_what_to_do(linked: Linked, tmp_path: Path):
    linked.cozy.receive_drive("6e B", "Collège Jean Moulin")
    cli = in_process(linked.cli)
    unknown = cli("drives", "--add", "6e C", "--to", str(tmp_path / "x"))
    assert unknown.code != 0
    assert "your Cozy shares no drive named '6e C'" in unknown.err, unknown.err
    assert "'6e B'" in unknown.err
    no_dir = cli("drives", "--add", "6e B")
    assert no_dir.code != 0 and "--to DIR" in no_dir.err, no_dir.err
    inside = cli("drives", "--add", "6e B", "--to", str(linked.local / "6e B"))
    assert inside.code != 0 and "overlaps the linked folder 'docs'" in inside.err, inside.err
    assert not (linked.local / "6e B").exists()
    _add(cli, "6e B", tmp_path / "6eB")
    twice = cli("drives", "--add", "6e B", "--to", str(tmp_path / "again"))
    assert twice.code != 0 and "already synced, as the folder '6e B'" in twice.err, twice.err
    gone = cli("drives", "--remove", "5e A")
    assert gone.code != 0 and "no shared drive '5e A' is synced" in gone.err, gone.err
    assert [f["name"] for f in linked.cli.folders()] == ["docs", "6e B"]


def test_french(linked: Linked, tmp_path: Path):
    drive = linked.cozy.receive_drive("6e B", "Collège Jean Moulin")
    french = InProcessCli(
        linked.cli.home, {**linked.cli.env, "LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"}
    )
    assert french("drives").out.splitlines() == [
        f"« 6e B » (partagé par Collège Jean Moulin, modifiable)  id : {drive.id}"
    ]
    where = tmp_path / "6eB"
    added = french("drives", "--add", "6e B", "--to", str(where))
    assert added.code == 0, added.out + added.err
    assert f"Le drive partagé sera synchronisé dans {where}, dans le dossier « 6e B »." in (
        added.out
    )
    assert "Synchronisez-le avec : cozysync sync --once '6e B'" in added.out
    assert french("drives").out.splitlines()[1] == "  synchronisé dans le dossier « 6e B »"
    removed = french("drives", "--remove", "6e B")
    assert "Le drive partagé « 6e B » n’est plus synchronisé ; ses fichiers restent ici." in (
        removed.out
    )
    unknown = french("drives", "--add", "6e C", "--to", str(tmp_path / "x"))
    assert unknown.code != 0
    assert "votre Cozy ne partage aucun drive nommé « 6e C »" in unknown.err, unknown.err
    assert "Ses drives partagés : '6e B'." in unknown.err


def test_a_drive_no_longer_shared_stops_its_folder_and_keeps_the_files(
    linked: Linked, tmp_path: Path
):
    drive = linked.cozy.receive_drive("6e B", "Collège Jean Moulin")
    drive.put("chap1.txt", b"v1")
    cli = in_process(linked.cli)
    where = tmp_path / "6eB"
    _add(cli, "6e B", where)
    assert cli.sync("6e B").code == 0
    (where / "mine.txt").write_bytes(b"not sent yet")
    drive.active = False  # the teacher removed this member (or the drive)
    stopped = cli.sync("6e B")
    assert stopped.code != 0
    assert "this shared drive is no longer shared with you on your Cozy" in stopped.err
    assert "cozysync drives --remove NAME" in stopped.err
    assert read_tree(where, skip_marker=True) == {"chap1.txt": b"v1", "mine.txt": b"not sent yet"}
    assert "'6e B'" not in cli("drives").out  # no longer listed
    assert cli("drives", "--remove", "6e B").code == 0  # the folder can still go
    assert (where / "mine.txt").read_bytes() == b"not sent yet"


def test_a_drive_of_one_file_is_listed_not_synced(linked: Linked, tmp_path: Path):
    linked.cozy.receive_drive("Règlement.pdf", "Collège Jean Moulin", root_type="file")
    cli = in_process(linked.cli)
    listed = cli("drives").out.splitlines()
    assert listed[1:] == ["  a single file: open it in your Cozy's Drive"], listed
    refused = cli("drives", "--add", "Règlement.pdf", "--to", str(tmp_path / "r"))
    assert refused.code != 0
    assert "is a single file, not a folder: cozysync syncs folders" in refused.err
    assert not (tmp_path / "r").exists()


def test_signing_in_again_from_a_drive_renews_the_cozy_folder_too(linked: Linked, tmp_path: Path):
    drive = linked.cozy.receive_drive("6e B", "Collège Jean Moulin")
    cli = in_process(linked.cli)
    _add(cli, "6e B", tmp_path / "6eB")
    old_account = str(_folder(linked, "6e B")["cozy_account"])
    assert old_account == _folder(linked, "docs")["cozy_account"]  # the same login
    linked.cozy.delete_client(old_account.rsplit(":", 1)[1])  # removed in the Cozy's settings
    refused = cli.sync("6e B")
    assert refused.code == 4, refused.out + refused.err

    result, browser = run_with_browser(cli, "login", "6e B", "--no-browser")
    assert result.code == 0, result.out + result.err
    assert browser.visited
    new_account = _folder(linked, "6e B")["cozy_account"]
    assert new_account != old_account
    assert _folder(linked, "docs")["cozy_account"] == new_account  # both move
    drive.put("chap1.txt", b"v1")
    assert cli.sync("6e B").code == 0
    assert (tmp_path / "6eB" / "chap1.txt").read_bytes() == b"v1"
    assert cli.sync("docs").code == 0
