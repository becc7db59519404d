"""Sharing a folder or file of a Cozy with people and groups of its address book (issue
17, item 2), and the sharings made or received (item 3).  Read from cozy-stack at
db1163854f:

- The address book is the ``io.cozy.contacts`` and ``io.cozy.contacts.groups`` docs, read
  with ``GET /data/:doctype/_normal_docs`` (``docs/data-system.md:410-460``;
  ``web/data/data.go:436-463``: GET on the whole doctype, else 403; at most 1000 a page,
  ``bookmark`` for the next).  A contact's name is ``PrimaryName`` (``fullname``, else
  given + family name: ``model/contact/contacts.go:67-86``), its address the primary
  e-mail (:40-66) or Cozy (:131-158); a group's is ``name`` (``model/contact/group.go:
  29-33``).  The OAuth client needs ``io.cozy.contacts`` and ``io.cozy.contacts.groups``
  in its scope (``cozy_auth.SCOPE``); a login made before it was asked gets 403 here, and
  must sign in again once.
- ``POST /sharings/`` (``docs/sharing.md:55-175``; ``web/sharings/sharings.go:43-115``):
  the rule of the item (a folder: add/update/remove ``sync``; a file: update ``sync``,
  remove ``revoke``, as cozy-client's ``getSharingRules``, ``packages/cozy-stack-client/
  src/SharingCollection.js:368-413``), the people and groups as ``recipients`` or
  ``read_only_recipients`` relationships (contacts and ``io.cozy.contacts.groups``,
  sharings.go:62-100).  No ``io.cozy.sharings`` permission is needed: the rule must be in
  the token's own permissions (``checkCreatePermissions``, sharings.go:1151-1186).  A
  contact without e-mail nor Cozy is refused (``contact.ErrNoMailAddress``, 422
  ``recipients``: ``model/sharing/member.go:162-173``, sharings.go:1254-1255).  201 with
  the sharing.
- What the account shares is ``GET /sharings/doctype/io.cozy.files``
  (``cozy_sharings.sharing_items``): ``owner`` true, ``members[0]`` the owner, a member
  added through a group ``only_in_groups`` (``model/sharing/group.go:35-70``).
- Stopping: ``DELETE /sharings/:id/recipients/:index`` for a person, ``DELETE
  /sharings/:id/groups/:index`` for a group, 204 (``web/sharings/revoke.go:33-118``).
- Leaving a sharing someone else made (the recipient's side): ``DELETE
  /sharings/:id/recipients/self`` (``docs/sharing.md:1415-1430``; route
  ``web/sharings/sharings.go:1114``, ``revoke.go:194-209``; ``RevokeRecipientBySelf``,
  ``model/sharing/sharing.go:762-808``): 204, the sharing inactive, this member
  "revoked"; a folder's copy stays in the account, renamed ``<title> (<"sharing
  revoked" in the Cozy's language>)`` (``RemoveSharingDir``, ``model/sharing/files.go:
  575-601``), no longer updated by the owner.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from cozysync.phrases import phrase
from cozysync.remotes.cozy_auth import CozySession, json_body
from cozysync.remotes.cozy_sharings import _has_sync, _list, _owner_name, sharing_items
from cozysync.share_errors import NOBODY, SIGN_IN_AGAIN, SharingError
from cozysync.share_models import Share, Sharee, ShareKind, folded

__all__ = ["CozySharePeople"]

CONTACTS, GROUPS = "io.cozy.contacts", "io.cozy.contacts.groups"
PAGE = 1000  # consts.MaxItemsPerPageForMango
MAX_PAGES = 50
JSONAPI = "application/vnd.api+json"
SHARING_PREFIX = "sharing:"
WAITING = {"mail-not-sent": "waiting", "pending": "waiting", "seen": "waiting"}


class CozySharePeople:
    """The address book and the sharings of one Cozy."""

    def __init__(
        self,
        session: CozySession,
        path_of: Callable[[str], str | None],
    ) -> None:
        self.session = session
        self.path_of = path_of

    # -- the address book ---------------------------------------------------------------

    def find(self, query: str) -> tuple[Sharee, ...]:
        wanted = folded(query.strip())
        found = [s for s in self._address_book() if wanted in folded(f"{s.name} {s.detail}")]
        return tuple(sorted(found, key=lambda s: (s.kind != ShareKind.GROUP, folded(s.name))))

    def _address_book(self) -> Iterator[Sharee]:
        for doc in self._docs(GROUPS):
            if doc.get("name") and not doc.get("trashed"):
                yield Sharee(str(doc["_id"]), str(doc["name"]), ShareKind.GROUP)
        for doc in self._docs(CONTACTS):
            if doc.get("me") or doc.get("trashed"):
                continue  # the user's own card; a contact in the trash
            name, address = _primary_name(doc), _address(doc)
            if name or address:
                yield Sharee(str(doc["_id"]), name or address, ShareKind.PERSON, address)

    def _docs(self, doctype: str) -> Iterator[dict[str, Any]]:
        bookmark = ""
        for _ in range(MAX_PAGES):
            params = {"limit": str(PAGE)} | ({"bookmark": bookmark} if bookmark else {})
            response = self.session.request("GET", f"/data/{doctype}/_normal_docs", params=params)
            if response.status_code == 403:
                raise _sign_in_again()
            if response.status_code == 404:
                return  # no such database yet: an empty address book
            if response.status_code != 200:
                self.session.fail(response, "")
            body = json_body(response)
            rows = [r for r in body.get("rows") or () if isinstance(r, dict) and r.get("_id")]
            yield from (r for r in rows if not str(r["_id"]).startswith("_design/"))
            bookmark = str(body.get("bookmark") or "")
            if len(rows) < PAGE or not bookmark:
                return

    # -- sharings ------------------------------------------------------------------------

    def create(
        self, item_id: str, title: str, is_dir: bool, sharees: tuple[Sharee, ...],
        read_only: bool, path: str,
    ) -> tuple[Share, ...]:  # fmt: skip
        if not sharees:
            raise SharingError(NOBODY, phrase("nobody to share with was given"))
        if is_dir:
            policy = {"add": "sync", "update": "sync", "remove": "sync"}
        else:
            policy = {"update": "sync", "remove": "revoke"}
        rule = {"title": title, "doctype": "io.cozy.files", "values": [item_id], **policy}
        refs = [
            {"id": s.sharee_id, "type": GROUPS if s.kind == ShareKind.GROUP else CONTACTS}
            for s in sharees
        ]
        relation = "read_only_recipients" if read_only else "recipients"
        body = {
            "data": {
                "type": "io.cozy.sharings",
                "attributes": {"description": title, "rules": [rule]},
                "relationships": {relation: {"data": refs}},
            }
        }
        response = self.session.request(
            "POST", "/sharings/", headers={"Content-Type": JSONAPI},
            content=json.dumps(body).encode(), idempotent=False, error_path=path,
        )  # fmt: skip
        if response.status_code not in (200, 201):
            self.session.fail(response, path)
        data = json_body(response).get("data")
        return tuple(self._of_sharing(data)) if isinstance(data, dict) else ()

    def listed(self) -> Iterator[Share]:
        for item in sharing_items(self.session):
            yield from self._of_sharing(item)

    def revoke(self, handle: str) -> None:
        """``handle``: "<sharing id>:member:<index>" or "<sharing id>:group:<index>"."""
        sharing_id, kind, index = handle.split(":", 2)
        where = "groups" if kind == "group" else "recipients"
        response = self.session.request(
            "DELETE", f"/sharings/{sharing_id}/{where}/{index}", idempotent=False
        )
        if response.status_code != 204:
            self.session.fail(response, "")

    def leave(self, handle: str) -> None:
        """``handle``: "<sharing id>:self", a sharing made with this Cozy."""
        sharing_id = handle.removesuffix(":self")
        response = self.session.request(
            "DELETE", f"/sharings/{sharing_id}/recipients/self", idempotent=False
        )
        if response.status_code != 204:
            self.session.fail(response, "")

    def _of_sharing(self, item: dict[str, Any]) -> Iterator[Share]:
        attrs = item.get("attributes")
        if not isinstance(attrs, dict) or attrs.get("drive"):
            return  # shared drives are ``cozysync drives``
        rules = [r for r in _list(attrs.get("rules")) if r.get("doctype") == "io.cozy.files"]
        if not rules or not rules[0].get("values"):
            return
        item_id, title = str(rules[0]["values"][0]), str(rules[0].get("title") or "")
        sharing_id = str(item.get("id") or "")
        rules_read_only = not any(_has_sync(r) for r in rules)
        base = Share(
            share_id="", kind=ShareKind.PERSON, path=self.path_of(item_id), name=title,
            who="", read_only=rules_read_only, mine=True,
            since=str(attrs.get("created_at") or ""),
        )  # fmt: skip
        members = _list(attrs.get("members"))
        if not attrs.get("owner"):
            if attrs.get("active"):
                mine = [m for m in members[1:] if m.get("instance")]
                read_only = rules_read_only or bool(mine and mine[0].get("read_only"))
                yield replace(
                    base, share_id=f"{SHARING_PREFIX}{sharing_id}:self",
                    who=_owner_name(members), read_only=read_only, mine=False,
                )  # fmt: skip
            return
        for index, group in enumerate(_list(attrs.get("groups"))):
            if not group.get("revoked"):
                yield replace(
                    base, share_id=f"{SHARING_PREFIX}{sharing_id}:group:{index}",
                    kind=ShareKind.GROUP, who=str(group.get("name") or ""),
                    read_only=rules_read_only or bool(group.get("read_only")),
                )  # fmt: skip
        for index, member in enumerate(members[1:], start=1):
            status = str(member.get("status") or "")
            if status == "revoked" or member.get("only_in_groups"):
                continue
            who = member.get("public_name") or member.get("name") or member.get("email")
            yield replace(
                base, share_id=f"{SHARING_PREFIX}{sharing_id}:member:{index}",
                who=str(who or member.get("instance") or ""),
                read_only=rules_read_only or bool(member.get("read_only")),
                status=WAITING.get(status, status),
            )  # fmt: skip


def _primary_name(doc: dict[str, Any]) -> str:
    """``Contact.PrimaryName`` (contacts.go:67-86)."""
    if isinstance(doc.get("fullname"), str) and doc["fullname"]:
        return str(doc["fullname"])
    found = doc.get("name")
    name: dict[str, Any] = found if isinstance(found, dict) else {}
    parts = [name.get("givenName"), name.get("familyName")]
    return " ".join(str(p) for p in parts if isinstance(p, str) and p)


def _address(doc: dict[str, Any]) -> str:
    """The primary (else first) e-mail, else Cozy address (contacts.go:40-66, :131-158)."""
    for key, field in (("email", "address"), ("cozy", "url")):
        entries = [e for e in doc.get(key) or () if isinstance(e, dict) and e.get(field)]
        primary = [e for e in entries if e.get("primary")]
        if entries:
            return str((primary or entries)[0][field])
    return ""


def _sign_in_again() -> SharingError:
    return SharingError(
        SIGN_IN_AGAIN,
        phrase("this computer's login to your Cozy cannot read your contacts yet"),
        phrase(
            "Sign in again once: cozysync login (sharing with people needs the permission to "
            "read your contacts, which older logins did not ask)."
        ),
    )
