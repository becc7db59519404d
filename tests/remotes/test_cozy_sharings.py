"""CozyRemote's read-only shares (``TellsReadOnlyShares``, cozysync/remotes/cozy_sharings.py)
against the strict Cozy double, whose sharings follow the stack's code
(tests/cozy_sharings_double.py): which received sharings are read-only, where their
folders are under the synced root, and when the sharings are asked at all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cozysync.models import ReadOnlyShare
from cozysync.remotes.cozy import CozyRemote
from cozysync.remotes.cozy_sharings import share_path
from tests.cozy_server import CozyAccount, CozyStackServer, CozyUser
from tests.keyring_session import real_keyring  # noqa: F401

SHARED = "Partages reçus"


@pytest.fixture
def remote(cozy_account: CozyAccount) -> Iterator[CozyRemote]:
    r = cozy_account.remote(timeout=20)
    r.check()
    yield r
    r.close()


def _shares(remote: CozyRemote) -> tuple[ReadOnlyShare, ...]:
    remote.list_tree()  # a full pass lists first
    teller = remote.features.read_only_shares
    assert teller is not None
    return teller.read_only_shares()


def _sharing_requests(server: CozyStackServer) -> int:
    return sum(1 for _, p, _ in server.requests if p.startswith("/sharings/"))


def test_a_cozy_that_never_accepted_a_sharing_is_not_asked(
    remote: CozyRemote, cozy_server: CozyStackServer
):
    assert _shares(remote) == ()
    assert _sharing_requests(cozy_server) == 0


def test_which_received_sharings_are_read_only(remote: CozyRemote, cozy_server: CozyStackServer):
    cozy_server.receive_sharing("Exposé SVT", "Mme Martin", read_only=True)
    cozy_server.receive_sharing("Club", "M. Petit", read_only=False)
    cozy_server.receive_sharing("Rules", "Léo", read_only=False, sync_rules=False)
    cozy_server.receive_sharing("Group", "Zoé", read_only=False, group_read_only=True)
    cozy_server.receive_sharing("Open group", "Zoé", read_only=False, group_read_only=False)
    cozy_server.receive_sharing("Pending", "Ann", read_only=True, active=False)
    assert _shares(remote) == (
        ReadOnlyShare(f"{SHARED}/Exposé SVT", "Exposé SVT", "Mme Martin"),
        ReadOnlyShare(f"{SHARED}/Group", "Group", "Zoé"),
        ReadOnlyShare(f"{SHARED}/Rules", "Rules", "Léo"),
    )
    assert _sharing_requests(cozy_server) == 1


def test_a_share_moved_under_the_synced_folder(
    cozy_account: CozyAccount, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    cozy_user.mkdir("Cours")
    folder = cozy_server.receive_sharing("Exposé SVT", "Mme Martin", read_only=True)
    cozy_user.move(f"{SHARED}/Exposé SVT", "Cours/SVT")  # the user moved it there
    inside = cozy_account.remote("cours", remote_root="Cours", timeout=20)
    whole = cozy_account.remote("shared", remote_root=f"{SHARED}", timeout=20)
    try:
        inside.check()
        assert _shares(inside) == (ReadOnlyShare("SVT", "Exposé SVT", "Mme Martin"),)
        whole.check()
        assert _shares(whole) == ()  # elsewhere: not under this root
    finally:
        inside.close()
        whole.close()
    assert folder.name == "SVT"


def test_the_synced_root_inside_a_share_is_all_read_only():
    docs = {"share": ("Exposé", "root-dir"), "sub": ("notes", "share")}

    def doc_of(doc_id: str):  # type: ignore[no-untyped-def]
        from cozysync.remotes.cozy_changes import CachedDoc

        found = docs.get(doc_id)
        return None if found is None else CachedDoc(doc_id, "1-a", True, found[0], found[1])

    assert share_path("share", "sub", doc_of) == ""
    assert share_path("sub", "root-dir", doc_of) == "Exposé/notes"
    assert share_path("elsewhere", "root-dir", doc_of) is None
