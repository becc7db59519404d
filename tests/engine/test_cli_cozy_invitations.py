"""Invitations to shared folders, end to end through ``cozysync invitations`` (issue 15,
item 9).  A pending sharing shows up on the Cozy as a ``.url`` shortcut in "Partages
reçus"; the double follows the stack's code for it (tests/cozy_invitations_double.py):
the listing says who invites to what, ``--accept`` opens the Cozy's page (the test's
browser follows it and accepts, as the user would) and the next sync brings the folder
down; ``--decline`` declines it on the Cozy.
"""

from __future__ import annotations

import json
import re

import httpx

from tests.engine.cozy_world import Linked
from tests.engine.inprocess_cli import in_process
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

SHORTCUT = "Partages reçus/Exposé SVT.url"
SHARED = "Partages reçus/Exposé SVT"
_ADDRESS = re.compile(r"^\s+(http://\S+)$", re.M)


class SharingBrowser:
    """The user's browser: opens the invitation's address, follows the owner's discovery
    page to this Cozy's consent page and presses Accept (its form, as a browser posts it)."""

    def __init__(self) -> None:
        self.visited: list[str] = []

    def __call__(self, address: str) -> httpx.Response:
        self.visited.append(address)
        with httpx.Client(follow_redirects=True, timeout=30.0) as http:
            page = http.get(address)
            assert page.status_code == 200, page.text
            fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
            action = str(page.url.copy_with(query=None))
            return http.post(action, data=fields, follow_redirects=False)


def _invite(linked: Linked) -> str:
    sharing = linked.cozy.invite_sharing(
        "Exposé SVT", "Mme Martin", {"plan.txt": b"v1"}, read_only=True
    )
    return str(sharing.id)


def test_an_invitation_is_listed_with_who_and_what(linked: Linked):
    sharing_id = _invite(linked)
    cli = in_process(linked.cli)
    listed = cli("invitations")
    assert listed.code == 0, listed.out + listed.err
    line = f"Mme Martin invites you to share 'Exposé SVT' (read-only)  id: {sharing_id}"
    assert line in listed.out, listed.out
    data = json.loads(cli("invitations", "--json").out)
    assert [(d["sharing_id"], d["title"], d["owner"], d["read_only"]) for d in data] == [
        (sharing_id, "Exposé SVT", "Mme Martin", True)
    ]
    assert data[0]["shortcut_id"]  # the .url file's id on the Cozy


def test_accepting_opens_the_cozys_page_and_the_next_sync_brings_the_folder(linked: Linked):
    sharing_id = _invite(linked)
    cli = in_process(linked.cli)
    synced = cli.sync()  # the shortcut itself is a file of the Cozy, synced as is
    assert synced.code == 0, synced.out + synced.err
    assert (linked.local / SHORTCUT).read_bytes().startswith(b"[InternetShortcut]\r\nURL=")

    asked = cli("invitations", "--accept", sharing_id, "--no-browser")
    assert asked.code == 0, asked.out + asked.err
    [address] = _ADDRESS.findall(asked.out)
    assert address == f"{linked.cozy.url}/sharings/{sharing_id}/discovery?state=" + (
        linked.cozy.sharings.sharings[0].state
    )
    assert not (linked.local / SHARED).exists()  # nothing until the user accepts
    answer = SharingBrowser()(address)
    assert answer.status_code == 303, answer.text

    after = cli.sync()
    assert after.code == 0, after.out + after.err
    assert (linked.local / SHARED / "plan.txt").read_bytes() == b"v1"
    assert not (linked.local / SHORTCUT).exists()  # the stack replaced it by the folder
    assert "No invitation is waiting." in cli("invitations").out
    again = httpx.get(address, follow_redirects=True)  # accepted: the page is no more
    assert again.status_code == 400


def test_declining_removes_the_invitation(linked: Linked):
    sharing_id = _invite(linked)
    cli = in_process(linked.cli)
    declined = cli("invitations", "--decline", sharing_id)
    assert declined.code == 0, declined.out + declined.err
    assert f"declined the invitation {sharing_id}" in declined.out
    assert "No invitation is waiting." in cli("invitations").out
    assert SHORTCUT not in linked.cozy.tree()
    [sharing] = linked.cozy.sharings.sharings
    assert (sharing.active, sharing.my_status) == (False, "revoked")
    synced = cli.sync()
    assert synced.code == 0, synced.out + synced.err
    assert not (linked.local / SHORTCUT).exists()
    assert not (linked.local / SHARED / "plan.txt").exists()  # never accepted: no files


def test_an_unknown_invitation_is_refused_with_what_to_do(linked: Linked):
    _invite(linked)
    cli = in_process(linked.cli)
    refused = cli("invitations", "--decline", "nope")
    assert refused.code != 0
    assert "no invitation 'nope' is waiting on your Cozy" in refused.err, refused.err
    assert "cozysync invitations" in refused.err
    assert linked.cozy.sharings.sharings[0].my_status == "pending"  # nothing answered


def test_a_pass_tells_a_new_invitation_once_through_the_event_stream(linked: Linked):
    from cozysync.api import SyncService
    from cozysync.config import Locations
    from cozysync.events import InvitationReceived

    service = SyncService(Locations.from_env(linked.cli.env))
    sharing_id = _invite(linked)
    service.sync_once("docs")
    service.sync_once("docs")  # the same invitation, still waiting: not told again
    told = [e for e in service.events_since(0) if isinstance(e, InvitationReceived)]
    assert [(e.folder, e.sharing_id, e.title, e.owner, e.read_only) for e in told] == [
        ("docs", sharing_id, "Exposé SVT", "Mme Martin", True)
    ]
    assert told[0].message.text() == "Mme Martin invites you to share 'Exposé SVT'"
    restarted = SyncService(Locations.from_env(linked.cli.env))  # the app started again
    restarted.sync_once("docs")
    assert not [e for e in restarted.events_since(0) if isinstance(e, InvitationReceived)]
    second = linked.cozy.invite_sharing("Maths", "M. Durand", {})
    restarted.sync_once("docs")
    again = [e for e in restarted.events_since(0) if isinstance(e, InvitationReceived)]
    assert [e.sharing_id for e in again] == [second.id]
