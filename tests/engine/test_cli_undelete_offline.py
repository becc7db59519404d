"""Putting back an item of the server's trash while offline (issue 18, "restore while
offline (queued, nothing lost)"), end to end through the in-process CLI and the Cozy
double stopped, then started again on the same port (as test_cli_versions.py does): the
request is kept among the server-side requests waiting for the connection
(cozysync/service/waiting_requests.py, shared with restores of old versions), nothing
changes meanwhile, and the first sync that reaches the server does it, then brings the
item down.  One that can no longer be done is told and dropped; nothing is overwritten.
"""

from __future__ import annotations

import json
from typing import cast

from cozysync.api import SyncService
from cozysync.events import ErrorRaised
from cozysync.messages import MessageId
from tests.engine.api_helpers import Recorder
from tests.engine.cozy_world import Linked
from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.test_cli import Result
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

EXIT_OFFLINE = 3


def _ok(result: Result) -> Result:
    assert result.code == 0, result.out + result.err
    return result


def _server_items(run: InProcessCli) -> dict[str, str]:
    """path -> item id of the server's trash items, as ``cozysync trash --json`` lists them."""
    [listing] = json.loads(_ok(run("trash", "--json")).out)
    assert listing["server_trash"] == "listed"
    return {i["path"]: i["item_id"] for i in listing["items"] if i["origin"] == "server"}


def _waiting(linked: Linked) -> list[str]:
    where = linked.cli.locations.state_dir / "waiting-requests"
    return sorted(p.name for p in where.rglob("*.json")) if where.is_dir() else []


def _sync_told(linked: Linked) -> list[ErrorRaised]:
    """One pass through the service the app uses (its events are what the app shows: the
    CLI's plain output leaves them out), and the problems it told."""
    events = Recorder()
    outcome = SyncService(linked.cli.locations, emit=events).sync_once("docs")
    assert outcome.in_sync, outcome
    return cast(list[ErrorRaised], events.of(ErrorRaised))


def _deleted_on_the_cozy_only(linked: Linked, path: str, data: bytes) -> InProcessCli:
    """``path`` made and deleted on the Cozy between two syncs: never on this computer,
    so this computer's trash has no copy of it."""
    run = in_process(linked.cli)
    linked.user.write(path, data)
    linked.user.trash(path)
    _ok(run.sync())
    assert not (linked.local / path).exists()
    return run


def test_by_its_path_it_is_queued_then_done_by_the_first_sync_online(linked: Linked):
    run = _deleted_on_the_cozy_only(linked, "Cours/essai.txt", b"mon essai")
    assert "Cours/essai.txt" in _server_items(run)
    before = linked.cozy.tree()
    linked.cozy.stop()
    try:
        queued = run("undelete", "Cours/essai.txt")
        assert queued.code == EXIT_OFFLINE, queued.out + queued.err
        said = queued.out
        assert "Offline: putting back 'Cours/essai.txt' is kept and will be done" in said
        assert "Nothing was changed yet." in said
        assert len(_waiting(linked)) == 1
        offline = run.sync()
        assert offline.code == EXIT_OFFLINE, offline.out + offline.err
        assert len(_waiting(linked)) == 1  # kept while offline
        assert not (linked.local / "Cours" / "essai.txt").exists()
    finally:
        linked.cozy.start()
    assert linked.cozy.tree() == before  # nothing asked of the server while it was away
    back = _ok(run.sync())
    assert linked.cozy.tree()["Cours/essai.txt"] == b"mon essai", back.out
    assert (linked.local / "Cours" / "essai.txt").read_bytes() == b"mon essai"
    assert _waiting(linked) == []  # done once
    assert "Cours/essai.txt" not in _server_items(run)
    again = _ok(run.sync())
    assert "up to date" in again.out + again.err
    assert linked.local_tree() == linked.cozy.tree()


def test_by_its_id_from_a_listing_into_another_folder(linked: Linked):
    run = _deleted_on_the_cozy_only(linked, "essai.txt", b"old")
    linked.user.mkdir("Archives")
    _ok(run.sync())
    item_id = _server_items(run)["essai.txt"]
    linked.cozy.stop()
    try:
        queued = run("undelete", item_id, "--to", "Archives", "--json")
        assert queued.code == EXIT_OFFLINE, queued.out + queued.err
        [done] = json.loads(queued.out)
        assert done["queued"] is True and done["synced"] is False
    finally:
        linked.cozy.start()
    _ok(run.sync())
    tree = linked.cozy.tree()
    assert tree["Archives/essai.txt"] == b"old" and "essai.txt" not in tree
    assert linked.local_tree() == tree
    assert _waiting(linked) == []


def test_one_whose_place_was_taken_meanwhile_is_told_and_dropped(linked: Linked):
    run = _deleted_on_the_cozy_only(linked, "essai.txt", b"the old one")
    linked.cozy.stop()
    try:
        taken_now = linked.local / "essai.txt"
        taken_now.write_bytes(b"mine")  # taken already: refused at once, not queued
        refused = run("undelete", "essai.txt")
        assert refused.code not in (0, EXIT_OFFLINE), refused.out + refused.err
        assert "nothing was overwritten" in refused.err, refused.err
        assert _waiting(linked) == []
        taken_now.unlink()
        queued = run("undelete", "essai.txt")
        assert queued.code == EXIT_OFFLINE, queued.out + queued.err
        taken_now.write_bytes(b"a new file of mine, made offline")  # taken after
    finally:
        linked.cozy.start()
    [told] = _sync_told(linked)
    assert told.message.id == MessageId.ERROR_PLACE_TAKEN and told.path == "essai.txt"
    assert "something is already at 'essai.txt': nothing was overwritten" in told.title
    assert _waiting(linked) == []  # no longer possible: dropped, not asked again
    assert taken_now.read_bytes() == b"a new file of mine, made offline"
    assert linked.cozy.tree()["essai.txt"] == b"a new file of mine, made offline"
    assert "essai.txt" in _server_items(run)  # the old one still in the trash: nothing lost
    assert _sync_told(linked) == []  # told once


def test_one_no_longer_in_the_trash_is_told_and_dropped(linked: Linked):
    run = _deleted_on_the_cozy_only(linked, "essai.txt", b"E")
    linked.cozy.stop()
    try:
        queued = run("undelete", "nothing-of-that-name.txt")
        assert queued.code == EXIT_OFFLINE, queued.out + queued.err
    finally:
        linked.cozy.start()
    [told] = _sync_told(linked)
    assert told.message.id == MessageId.ERROR_NOT_DELETED
    assert "'nothing-of-that-name.txt' is no longer in the server's trash" in told.title
    assert _waiting(linked) == []
    assert "essai.txt" in _server_items(run)  # the others untouched
