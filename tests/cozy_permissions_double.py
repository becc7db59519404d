"""Sharing from the test instance (issue 17): its links (``io.cozy.permissions`` of
type ``share``), its address book (``io.cozy.contacts``, ``io.cozy.contacts.groups``) and
the sharings it makes as their owner.  Plugged into ``tests/cozy_server.py`` by one hook
(``shares_answer``).  Read from cozy-stack's code at db1163854f, each rule cites it:

- Scopes: a rule is ``type[:verbs[:values]]``; a type matches itself or, ending in
  ``.*``, its sub-types (``model/permission/match.go:47-56``); a route that reads a whole
  doctype wants a rule without values (``AllowWholeType``, match.go:66-75).
- ``POST /permissions?codes=a,b&ttl=…`` (``web/permissions/permissions.go:147-279``): the
  set must be within the token's (``CheckSetPermissions``, ``model/permission/
  permissions.go:697-723``; 403 else); a code and a 12-character shortcode per name
  (:227-241, ``consts.ShortCodeLen``), ``expires_at`` now + ttl (:205-215), the password
  kept hashed and answered as ``true`` (permissions.go:777-783, web :273-276); the doc's
  ``cozyMetadata.createdAt`` (web :243-257); ``type`` ``share`` (``TypeShareByLink``).
- ``GET /permissions/doctype/:doctype/shared-by-link`` (web :293-344): GET on the whole
  doctype (403 "You need GET permission on whole type…"), 30 a page (at most 100), the
  rest behind ``links.next``; passwords answered as ``true``.
- ``DELETE /permissions/:id`` (web :521-543): 204; 404 for an unknown id.
- ``GET /data/:doctype/_normal_docs`` (``web/data/data.go:436-463``): GET on the whole
  doctype (403 else), ``{"rows", "total_rows", "bookmark"}``, at most 1000 a page.
- ``POST /sharings/`` (``web/sharings/sharings.go:43-115``): the rules must be within the
  token's permissions (``checkCreatePermissions``, :1151-1186: 403), valid
  (``model/sharing/rule.go:51-110``: a title and one value, not the root, trash or
  shared-with-me folder: 400); each contact becomes a member (``buildMemberFromContact``,
  ``model/sharing/member.go:162-192``: 422 ``recipients`` without e-mail nor Cozy), each
  group its contacts with ``only_in_groups`` and a ``groups`` entry (``model/sharing/
  group.go:35-70``); the invitations sent make them "pending"
  (``model/sharing/invitation.go:52-53``); 201 with the sharing (``owner`` true,
  ``members[0]`` the owner).
- ``DELETE /sharings/:id/recipients/:index`` and ``/groups/:index``
  (``web/sharings/revoke.go:33-118``): 204; the member or group marked revoked, and the
  sharing inactive once no recipient is left (``model/sharing/member.go``
  ``RevokeRecipient``, ``group.go`` ``RevokeGroup``).
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:
    from tests.cozy_server import Answer, CozyStack, Request

Json = dict[str, Any]
PAGE, PAGE_MAX = 30, 100  # web/permissions/permissions.go:288-291
RESERVED = {
    "io.cozy.files.root-dir",
    "io.cozy.files.trash-dir",
    "io.cozy.files.shared-with-me-dir",
}  # model/sharing/rule.go:59-65


def allows(scope: str, doctype: str, verb: str, *, whole: bool = True) -> bool:
    """match.go:47-75 on an OAuth scope string."""
    for rule in scope.split():
        parts = rule.split(":")
        kind, verbs = parts[0], (parts[1] if len(parts) > 1 else "ALL")
        if whole and len(parts) > 2:
            continue  # a rule with values covers only those docs
        prefix = kind[:-2] if kind.endswith(".*") else None
        typed = kind == doctype or (prefix is not None and doctype.startswith(prefix + "."))
        if typed and (verbs == "ALL" or verb in verbs.split(",")):
            return True
    return False


@dataclass
class Link:
    id: str
    permissions: Json
    codes: dict[str, str]
    shortcodes: dict[str, str]
    created_at: str
    expires_at: str | None = None
    password: bool = False

    def resource(self) -> Json:
        attrs: Json = {
            "type": "share", "source_id": "io.cozy.apps/drive", "permissions": self.permissions,
            "codes": self.codes, "shortcodes": self.shortcodes,
            "cozyMetadata": {"doctypeVersion": "1", "createdAt": self.created_at},
        }  # fmt: skip
        if self.expires_at:
            attrs["expires_at"] = self.expires_at
        if self.password:
            attrs["password"] = True
        return {
            "type": "io.cozy.permissions", "id": self.id, "attributes": attrs,
            "meta": {"rev": "1-" + self.id[:8]}, "links": {"self": f"/permissions/{self.id}"},
        }  # fmt: skip


@dataclass
class SharesDouble:
    """The instance's links, address book and owned sharings (knobs: ``add_contact``,
    ``add_group``)."""

    links: dict[str, Link] = field(default_factory=dict)
    contacts: dict[str, Json] = field(default_factory=dict)
    groups: dict[str, Json] = field(default_factory=dict)
    owned: dict[str, Json] = field(default_factory=dict)  # sharing id → its attributes

    def add_group(self, name: str) -> str:
        group_id = secrets.token_hex(16)
        self.groups[group_id] = {"_id": group_id, "_rev": "1-a", "name": name}
        return group_id

    def add_contact(
        self, given: str, family: str, email: str = "", *, groups: tuple[str, ...] = (),
        cozy: str = "", me: bool = False,
    ) -> str:  # fmt: skip
        """A contact as the Contacts app writes it (``name``, ``fullname``, ``email``,
        ``cozy``, ``relationships.groups``: contacts.go:67-86, :131-182)."""
        contact_id = secrets.token_hex(16)
        doc: Json = {
            "_id": contact_id, "_rev": "1-a", "fullname": f"{given} {family}",
            "name": {"givenName": given, "familyName": family},
            "email": [{"address": email, "primary": True}] if email else [],
            "cozy": [{"url": cozy, "primary": True}] if cozy else [],
            "relationships": {"groups": {"data": [
                {"_id": g, "_type": "io.cozy.contacts.groups"} for g in groups
            ]}},
        }  # fmt: skip
        if me:
            doc["me"] = True
        self.contacts[contact_id] = doc
        return contact_id


def shares_answer(stack: CozyStack, r: Request, scope: str) -> Answer | None:
    """The answer to a sharing route, or None: not one of them."""
    from tests.cozy_server import Answer

    p, m = r.path, r.method
    if m == "POST" and p == "/permissions":
        return _create_link(stack, r, scope)
    if m == "GET" and p == "/permissions/doctype/io.cozy.files/shared-by-link":
        return _list_links(stack, r, scope)
    found = re.fullmatch(r"/permissions/([^/]+)", p)
    if m == "DELETE" and found is not None:
        if stack.shares.links.pop(found[1], None) is None:
            return _error(404, "Not Found")
        return Answer(204)
    found = re.fullmatch(r"/data/(io\.cozy\.contacts(?:\.groups)?)/_normal_docs", p)
    if m == "GET" and found is not None:
        return _normal_docs(stack, r, scope, found[1])
    if m == "POST" and p in ("/sharings/", "/sharings"):
        return _create_sharing(stack, r, scope)
    if m == "GET" and p == "/sharings/doctype/io.cozy.files" and stack.shares.owned:
        return _sharings_listing(stack, scope)
    found = re.fullmatch(r"/sharings/([^/]+)/(recipients|groups)/(\d+)", p)
    if m == "DELETE" and found is not None and found[1] in stack.shares.owned:
        return _revoke(stack, found[1], found[2], int(found[3]))
    return None


def _create_link(stack: CozyStack, r: Request, scope: str) -> Answer:
    from tests.cozy_server import Answer

    body = r.json()
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    attrs = data.get("attributes") if isinstance(data.get("attributes"), dict) else {}
    rules = attrs.get("permissions") if isinstance(attrs.get("permissions"), dict) else {}
    for rule in rules.values():
        verbs = rule.get("verbs") or ["ALL"]
        if not all(allows(scope, str(rule.get("type")), v) for v in verbs):
            return _error(403, "Forbidden")  # ErrNotSubset
        for value in rule.get("values") or ():
            if value not in stack.docs:
                return _error(404, "Not Found")
    names = [n for n in r.query.get("codes", "").split(",")]  # web :201, "" gives one code
    ttl = r.query.get("ttl", "")
    expires = None
    found = re.fullmatch(r"(\d+)([DhmsMY])", ttl)
    if found is not None:  # bigduration: D days, h hours (the forms cozysync sends)
        seconds = int(found[1]) * {"D": 86400, "h": 3600, "m": 60, "s": 1}.get(found[2], 86400)
        expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds))
    link = Link(
        id=secrets.token_hex(16), permissions=rules,
        codes={n: secrets.token_urlsafe(24) for n in names},
        shortcodes={n: secrets.token_urlsafe(9)[:12] for n in names},
        created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        expires_at=expires, password=bool(attrs.get("password")),
    )  # fmt: skip
    stack.shares.links[link.id] = link
    return Answer(200, {"data": link.resource()})


def _list_links(stack: CozyStack, r: Request, scope: str) -> Answer:
    from tests.cozy_server import Answer

    if not allows(scope, "io.cozy.files", "GET"):
        return _error(403, "You need GET permission on whole type to list its permissions")
    limit = min(int(r.query.get("page[limit]") or PAGE), PAGE_MAX)
    skip = int(r.query.get("page[cursor]") or 0)
    ordered = sorted(stack.shares.links.values(), key=lambda link: (link.created_at, link.id))
    page = ordered[skip : skip + limit]
    links: Json = {}
    if skip + limit < len(ordered):
        query = urlencode({"page[cursor]": skip + limit, "page[limit]": limit})
        links["next"] = f"/permissions/doctype/io.cozy.files/shared-by-link?{query}"
    return Answer(200, {"data": [link.resource() for link in page], "links": links,
                        "meta": {"count": len(page)}})  # fmt: skip


def _normal_docs(stack: CozyStack, r: Request, scope: str, doctype: str) -> Answer:
    from tests.cozy_server import Answer

    if not allows(scope, doctype, "GET"):
        return _error(403, "Forbidden")
    source = stack.shares.contacts if doctype == "io.cozy.contacts" else stack.shares.groups
    limit = min(int(r.query.get("limit") or 100), 1000)
    rows = sorted(source.values(), key=lambda d: d["_id"])
    after = r.query.get("bookmark", "")
    rows = [d for d in rows if d["_id"] > after][:limit]
    bookmark = rows[-1]["_id"] if rows else ""
    return Answer(200, {"rows": rows, "total_rows": len(source), "bookmark": bookmark})


def _member(contact: Json, read_only: bool) -> Json | None:
    """buildMemberFromContact (member.go:175-192), the invitation sent (pending)."""
    emails = [e["address"] for e in contact.get("email") or () if e.get("address")]
    cozys = [c["url"] for c in contact.get("cozy") or () if c.get("url")]
    if not emails and not cozys:
        return None
    member: Json = {"status": "pending", "name": contact.get("fullname", ""),
                    "read_only": read_only}  # fmt: skip
    if emails:
        member["email"] = emails[0]
    if cozys:
        member["instance"] = cozys[0]
    return member


def _create_sharing(stack: CozyStack, r: Request, scope: str) -> Answer:
    from tests.cozy_server import Answer

    data = r.json().get("data") or {}
    attrs = dict(data.get("attributes") or {})
    rules = attrs.get("rules") or []
    for rule in rules:
        every = ("GET", "POST", "PUT", "PATCH", "DELETE")  # permission.ALL: :1161-1171
        if not all(allows(scope, str(rule.get("doctype")), v) for v in every):
            return _error(403, "Forbidden")
        values = rule.get("values") or []
        if not rule.get("title") or len(values) != 1 or values[0] in RESERVED:
            return _error(400, "Invalid rule")
        if values[0] not in stack.docs:
            return _error(404, "Not Found")
    owner = {"status": "owner", "public_name": "Alice", "email": "alice@example.net"}
    members: list[Json] = [{**owner, "instance": f"http://{stack.domain}"}]
    groups: list[Json] = []
    relations = data.get("relationships") or {}
    for relation, read_only in (("recipients", False), ("read_only_recipients", True)):
        for ref in (relations.get(relation) or {}).get("data") or ():
            if ref.get("type") == "io.cozy.contacts.groups":
                group = stack.shares.groups.get(ref.get("id"))
                if group is None:
                    return _error(404, "Not Found")
                index = len(groups)
                groups.append({"id": group["_id"], "name": group["name"], "addedBy": 0,
                               "read_only": read_only})  # fmt: skip
                for contact in stack.shares.contacts.values():
                    ids = [g["_id"] for g in contact["relationships"]["groups"]["data"]]
                    member = _member(contact, read_only) if group["_id"] in ids else None
                    if member is not None:
                        members.append({**member, "only_in_groups": True, "groups": [index]})
                continue
            contact = stack.shares.contacts.get(ref.get("id"))
            if contact is None:
                return _error(404, "Not Found")
            member = _member(contact, read_only)
            if member is None:  # contact.ErrNoMailAddress: sharings.go:1254-1255
                return _error(422, "No mail address", "recipients")
            members.append(member)
    if len(members) < 2:
        return _error(400, "No recipients")  # sharing.ErrNoRecipients
    sharing_id = secrets.token_hex(16)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    stack.shares.owned[sharing_id] = {
        **attrs, "owner": True, "active": True, "app_slug": "drive", "created_at": now,
        "updated_at": now, "members": members, "groups": groups,
    }  # fmt: skip
    return Answer(201, {"data": _resource(sharing_id, stack.shares.owned[sharing_id])})


def _resource(sharing_id: str, attrs: Json) -> Json:
    return {"type": "io.cozy.sharings", "id": sharing_id, "attributes": attrs,
            "meta": {"rev": "1-" + sharing_id[:8]}, "links": {"self": f"/sharings/{sharing_id}"},
            "relationships": {"shared_docs": {"data": None}}}  # fmt: skip


def _sharings_listing(stack: CozyStack, scope: str) -> Answer:
    """The received ones (tests/cozy_sharings_double.py) and the owned ones, in one
    ``jsonapi.DataList`` (web/sharings/sharings.go:250-292)."""
    from tests.cozy_server import Answer

    if not allows(scope, "io.cozy.files", "GET"):
        return _error(403, "Forbidden")
    listing = stack.sharings.listing("io.cozy.files", f"http://{stack.domain}")
    data = listing["data"] + [_resource(i, a) for i, a in stack.shares.owned.items()]
    return Answer(200, {"data": data, "meta": {"count": len(data)}})


def _revoke(stack: CozyStack, sharing_id: str, kind: str, index: int) -> Answer:
    from tests.cozy_server import Answer

    attrs = stack.shares.owned[sharing_id]
    if kind == "groups":
        if index >= len(attrs["groups"]):  # revoke.go:110-112
            return _error(422, "Invalid index", "index")
        attrs["groups"][index]["revoked"] = True
        for member in attrs["members"][1:]:
            if member.get("only_in_groups") and index in member.get("groups", []):
                member["status"] = "revoked"
    else:
        if index == 0 or index >= len(attrs["members"]):  # revoke.go:45-47
            return _error(422, "Invalid index", "index")
        attrs["members"][index]["status"] = "revoked"
    if all(m["status"] == "revoked" for m in attrs["members"][1:]):
        attrs["active"] = False
    return Answer(204)


def _error(status: int, detail: str, parameter: str | None = None) -> Answer:
    from tests.cozy_server import api_error

    return api_error(status, detail, parameter)
