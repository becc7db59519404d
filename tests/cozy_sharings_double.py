"""The sharings of the Cozy double (``tests/cozy_server.py``): folders shared with the
test instance by other users, as the recipient's own stack keeps and lists them.  Read
from cozy-stack's code (at db1163854f), each rule cites its file:line:

- the recipient's copy of a sharing (``model/sharing/oauth.go:33-87``, the request the
  owner sends): ``owner`` false, every member's ``instance`` blanked but the owner's
  (``members[0]``) and the recipient's own, the owner's ``name`` never sent (only its
  ``public_name``), ``read_only`` kept per member, the files rule's ``values`` xored into
  this instance's ids (:46-62);
- accepting makes the shared folder under "Partages reçus" (``consts.SharedWithMeDirID``,
  named by ``EnsureSharedWithMeDir``, ``model/sharing/files.go:173-190``), named after the
  rule's ``title``, with the rule's id (``CreateDirForSharing``, :254-276), and the
  sharing ``active``;
- ``GET /sharings/doctype/:doctype`` (``web/sharings/sharings.go:250-292``) lists every
  sharing with a non-local rule on the doctype (``pkg/couchdb/index.go:251-264``), active
  or not, once the token may read the whole doctype (``AllowWholeType``), as one
  ``jsonapi.DataList``: ``data`` and ``meta.count``, no ``links`` (``pkg/jsonapi/
  jsonapi.go:75-111``); each item is ``MarshalObject`` of ``APISharing`` (``pkg/jsonapi/
  data.go:92-119``, ``model/sharing/api_sharing.go:21-44``): ``type``
  ``io.cozy.sharings``, ``id``, the sharing as ``attributes``, ``meta.rev``,
  ``links.self``, ``relationships.shared_docs.data`` (null with ``shared_docs=false``);
- a write of the recipient in a read-only shared folder is *accepted*: nothing in
  ``web/files`` or ``model/vfs`` looks at sharings; the replicator never carries it to the
  owner (``docs/sharing-design.md``, rules "except the read-only"), and the owner's next
  update replaces it (``owner_update``: the replicator writes the owner's version over it).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]
SHARED_WITH_ME = "io.cozy.files.shared-with-me-dir"
SHARED_WITH_ME_NAME = "Partages reçus"  # assets/locales/fr.po:35-36, "Tree Shared with me"


@dataclass
class Sharing:
    """One io.cozy.sharings doc as the recipient's stack keeps it."""

    folder_id: str  # the rule's value: the shared folder's id on this instance
    title: str  # the rule's title: the folder's name
    owner_name: str  # the owner's public_name
    read_only: bool  # this instance's member's flag
    active: bool = True  # accepted (false while the invitation waits)
    sync_rules: bool = True  # add/update/remove "sync" (false: "none": read-only rules)
    group_read_only: bool | None = None  # added through a group with this flag
    # an invitation (tests/cozy_invitations_double.py): this member's status ("pending"
    # until answered, model/sharing/member.go:30-48), the .url file's id, and the state
    # of its credentials (never listed: APISharing sends no credentials)
    my_status: str = "ready"
    shortcut_id: str = ""
    state: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    owner_files: dict[str, bytes] = field(default_factory=dict)  # replicated once accepted
    id: str = field(default_factory=lambda: secrets.token_hex(16))
    rev: str = field(default_factory=lambda: "1-" + secrets.token_hex(16))

    def attributes(self, own_instance: str) -> Json:
        action = "sync" if self.sync_rules else "none"
        me: Json = {
            "status": self.my_status,
            "email": "me@example.net",
            "instance": own_instance,
            "read_only": self.read_only,
        }
        groups: list[Json] = []
        if self.group_read_only is not None:  # model/sharing/group.go:25-31, :51-56
            me |= {"only_in_groups": True, "groups": [0]}
            groups = [{"id": "g1", "name": "6e B", "addedBy": 0, "read_only": self.group_read_only}]
        attrs: Json = {
            "triggers": {},
            "active": self.active,
            "description": self.title,
            "app_slug": "drive",
            "created_at": "2026-09-01T08:00:00Z",
            "updated_at": "2026-09-01T08:00:00Z",
            "rules": [
                {
                    "title": self.title,
                    "doctype": "io.cozy.files",
                    "values": [self.folder_id],
                    "add": action,
                    "update": action,
                    "remove": action,
                }
            ],
            "members": [
                {
                    "status": "owner",
                    "public_name": self.owner_name,
                    "email": "owner@example.net",
                    "instance": "https://owner.example.net",
                },
                me,
                {"status": "ready", "public_name": "Léa", "email": "lea@example.net"},
            ],
        }
        if groups:
            attrs["groups"] = groups
        if self.shortcut_id:  # model/sharing/sharing.go:77
            attrs["shortcut_id"] = self.shortcut_id
        return attrs


@dataclass
class SharingsDouble:
    """The sharings the test instance received."""

    sharings: list[Sharing] = field(default_factory=list)

    def listing(self, doctype: str, own_instance: str) -> Json:
        """``GET /sharings/doctype/:doctype`` (sharings.go:250-292)."""
        found = [s for s in self.sharings if doctype == "io.cozy.files"]
        data = [
            {
                "type": "io.cozy.sharings",
                "id": s.id,
                "attributes": s.attributes(own_instance),
                "meta": {"rev": s.rev},
                "links": {"self": f"/sharings/{s.id}"},
                "relationships": {"shared_docs": {"data": None}},
            }
            for s in found
        ]
        return {"data": data, "meta": {"count": len(data)}}
