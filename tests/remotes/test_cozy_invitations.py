"""What counts as an invitation in a Cozy's sharings listing, and the shortcut's address
(remotes/cozy_invitations.py, issue 15, item 9), on the items the double's stack code
makes (tests/cozy_sharings_double.py): pending only, received only, no shared drive; a
shortcut that holds no web address is refused with what to do."""

from __future__ import annotations

import pytest

from cozysync.errors import ProtocolError
from cozysync.remotes.cozy_invitations import pending_invitations, shortcut_address
from tests.cozy_invitations_double import shortcut_body
from tests.cozy_sharings_double import Sharing

OWN = "http://alice.cozy.test"


def _item(sharing: Sharing, **attrs: object) -> dict[str, object]:
    return {"type": "io.cozy.sharings", "id": sharing.id,
            "attributes": sharing.attributes(OWN) | attrs}  # fmt: skip


def _pending(*, my_status: str = "pending", read_only: bool = False) -> Sharing:
    return Sharing("f1", "Exposé SVT", "Mme Martin", read_only, active=False,
                   my_status=my_status, shortcut_id="s1")  # fmt: skip


def test_only_a_received_sharing_waiting_for_this_cozy_is_an_invitation():
    waiting, seen = _pending(), _pending(my_status="seen")
    accepted = Sharing("f2", "Maths", "M. Durand", False)  # active, "ready"
    declined = _pending(my_status="revoked")
    items = [_item(waiting), _item(seen), _item(accepted), _item(declined),
             _item(_pending(), owner=True), _item(_pending(), drive=True)]  # fmt: skip
    found = pending_invitations(items)
    assert [(i.sharing_id, i.title, i.owner, i.read_only, i.shortcut_id) for i in found] == sorted(
        [(s.id, "Exposé SVT", "Mme Martin", False, "s1") for s in (waiting, seen)]
    )
    assert found[0].owner_address == "https://owner.example.net"


def test_an_invitation_offered_read_only_says_so():
    [invitation] = pending_invitations([_item(_pending(read_only=True))])
    assert invitation.read_only


def test_the_shortcuts_address_is_read_as_the_stack_writes_it():
    url = "https://bob.cozy.test/sharings/abc/discovery?state=xyz"
    assert shortcut_address(shortcut_body(url)) == url
    assert shortcut_address(f"[InternetShortcut]\nURL={url}\n".encode()) == url  # bare \n


@pytest.mark.parametrize(
    "body",
    [b"", b"not a shortcut", b"[InternetShortcut]\r\nURL=javascript:alert(1)\r\n",
     b"[InternetShortcut]\r\nURL=file:///etc/passwd\r\n", b"[Other]\r\nURL=https://x.test\r\n"],
)  # fmt: skip
def test_a_shortcut_without_a_web_address_is_refused_with_what_to_do(body: bytes):
    with pytest.raises(ProtocolError) as refused:
        shortcut_address(body)
    assert "holds no web address" in refused.value.one_line()
    assert "Shared with me" in refused.value.one_line()
