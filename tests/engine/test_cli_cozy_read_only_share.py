"""A folder shared with this Cozy read-only, end to end through ``python -m cozysync``.

The recipient's own stack takes a write in a read-only shared folder, never passes it on
to the owner, and the owner's next update replaces it (issue 15, item 2; the double
follows the stack's code: tests/cozy_sharings_double.py).  So cozysync never sends a
change made there, never loses it (a conflict copy beside the owner's version when the
owner changes it), and ``sync`` and ``status`` say why.  Against the strict double of
``tests/cozy_server.py``, the whole Cozy linked as a user does it.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.engine.cozy_world import Linked, is_upload
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

SHARED = "Partages reçus/Exposé SVT"
WHY = "'Exposé SVT' is shared with you read-only by Mme Martin: your change stays on this computer"


def _share(linked: Linked, *, read_only: bool) -> Path:
    """Mme Martin shares "Exposé SVT" with this Cozy (accepted), holding plan.txt; the
    next sync brings it down."""
    linked.cozy.receive_sharing("Exposé SVT", "Mme Martin", read_only=read_only)
    linked.user.write(f"{SHARED}/plan.txt", b"v1")  # the owner's version, replicated
    first = linked.cli.sync()
    assert first.code == 0, first.out + first.err
    plan = linked.local / SHARED / "plan.txt"
    assert plan.read_bytes() == b"v1"
    return plan


def _uploads_since(linked: Linked, start: int) -> list[tuple[str, str, str]]:
    return [(m, p, q) for m, p, q in linked.since(start) if is_upload(m, p, q)]


def test_an_edit_in_a_read_only_share_stays_here_and_is_said(linked: Linked):
    plan = _share(linked, read_only=True)
    plan.write_bytes(b"my notes")
    (linked.local / SHARED / "mine.txt").write_bytes(b"new here")
    (linked.local / "b.txt").write_bytes(b"B")  # outside the share: still sent
    start = linked.mark()
    sent = linked.cli.sync()
    assert sent.code == 0, sent.out + sent.err
    [(_, _, query)] = _uploads_since(linked, start)  # b.txt's only
    assert "Name=b.txt" in query
    assert linked.cozy.tree()[f"{SHARED}/plan.txt"] == b"v1"
    assert f"{SHARED}/mine.txt" not in linked.cozy.tree()
    assert plan.read_bytes() == b"my notes"
    assert f"not synced:  {SHARED}/plan.txt: {WHY}" in sent.out, sent.out
    assert f"not synced:  {SHARED}/mine.txt: {WHY}" in sent.out, sent.out

    status = linked.cli("status")
    assert status.code == 0, status.out + status.err
    assert f"{SHARED}/plan.txt: {WHY}" in status.out, status.out
    data = json.loads(linked.cli("status", "--json").out)
    [folder] = data if isinstance(data, list) else data["folders"]
    kept = {p["path"]: p for p in folder["not_synced"]}
    assert kept[f"{SHARED}/plan.txt"]["message"]["id"] == "item.read_only_share"
    args = dict(kept[f"{SHARED}/plan.txt"]["message"]["params"])  # pairs, sorted
    assert (args["name"], args["owner"]) == ("Exposé SVT", "Mme Martin")

    start = linked.mark()
    again = linked.cli.sync()  # nothing more is sent, and it is still said
    assert again.code == 0 and not _uploads_since(linked, start), linked.since(start)
    assert f"not synced:  {SHARED}/plan.txt: {WHY}" in again.out, again.out


def test_the_owners_change_comes_down_and_the_edit_here_is_kept_as_a_copy(linked: Linked):
    plan = _share(linked, read_only=True)
    plan.write_bytes(b"my notes")
    assert linked.cli.sync().code == 0
    linked.user.write(f"{SHARED}/plan.txt", b"v2")  # the owner's next update
    start = linked.mark()
    synced = linked.cli.sync()
    # both versions kept here: a conflict for the user to look at, as in download-only
    assert synced.code == 1 and "1 conflict waiting" in synced.out, synced.out + synced.err
    assert not _uploads_since(linked, start), linked.since(start)
    assert plan.read_bytes() == b"v2"
    [copy] = [p for p in plan.parent.iterdir() if "conflict" in p.name]
    assert copy.read_bytes() == b"my notes"
    assert [p for p in linked.cozy.tree() if p.startswith(SHARED)] == [SHARED, f"{SHARED}/plan.txt"]
    start = linked.mark()
    after = linked.cli.sync()  # the copy stays here, said
    assert not _uploads_since(linked, start), after.out + after.err
    assert f"not synced:  {SHARED}/{copy.name}: {WHY}" in after.out, after.out


def test_an_edit_in_a_read_write_share_goes_up(linked: Linked):
    plan = _share(linked, read_only=False)
    plan.write_bytes(b"my notes")
    synced = linked.cli.sync()
    assert synced.code == 0, synced.out + synced.err
    assert linked.cozy.tree()[f"{SHARED}/plan.txt"] == b"my notes"
    assert "read-only" not in synced.out
