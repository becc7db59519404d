"""The folders another user shares with this Cozy read-only (``TellsReadOnlyShares``).

On a read-only share the recipient's own stack still accepts a write: nothing in
``web/files`` or ``model/vfs`` checks the sharing.  Replication never carries it to the
owner (cozy-stack ``docs/sharing-design.md``: rules ``sync`` "except the read-only"), the
sharing check flags it (``model/sharing/sharing.go:2271-2277``, ``read_only_member``), and
the owner's next update overwrites it.  So the engine must not send a change made there:
this module tells it where those folders are (docs/cozy-stack.md, "Read-only shares").

What the stack sends, read from its code (cozy-stack at db1163854f):

- ``GET /sharings/doctype/io.cozy.files`` (``web/sharings/sharings.go:250-292``, route
  :1125) lists every sharing with a non-local rule on the doctype
  (``pkg/couchdb/index.go:251-264``), pending and revoked ones too, as one JSON:API list
  (``jsonapi.DataList``: ``meta.count``, no ``links.next``; followed anyway if present).
  The route asks the permission on the whole doctype (``AllowWholeType``), which the
  client's ``io.cozy.files`` scope gives; ``shared_docs=false`` spares the shared docs.
- Each item's attributes are the ``Sharing`` (``model/sharing/sharing.go:59-90``):
  ``owner`` (true on the sharer's side), ``active``, ``drive``, ``rules``, ``members``
  (``members[0]`` is the owner), ``groups``.
- On a recipient, every member's ``instance`` is blanked but the owner's and its own
  (``model/sharing/oauth.go:70-87``): "this instance's member" is the recipient that has
  one.  Only ``public_name`` of the owner is sent (``name`` is private).
- Read-only is ``ReadOnly()`` (``sharing.go:245-249``): that member's ``read_only`` flag
  (``ReadOnlyFlag``, :213-227), or no rule with a ``sync`` action (``ReadOnlyRules``,
  :229-243; never for a drive).  A member added through a group carries the group's flag
  (``model/sharing/group.go:53``, ``buildMemberFromContact(contact, readOnly)``); a member
  only in groups whose groups are all read-only is read-only too.
- Accepting a sharing makes its folder under "Shared with me" (``SharedWithMeDirID``,
  made at the first acceptance: ``EnsureSharedWithMeDir``, ``model/sharing/files.go:
  173-190``; the folder itself: ``CreateDirForSharing``, :254-276).  A Cozy without that
  folder has never accepted a sharing: its sharings are not asked (no request more per
  pass for the many Cozies that share nothing); once some were found they are asked at
  each full pass, wherever the user moved them.
- A files rule's ``values`` are the ids of the shared folders (or files), xored into the
  recipient's own ids before they are sent (``oauth.go:46-62``): ids of this Cozy.  Its
  ``title`` is the folder's name as the owner chose it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cozysync.errors import ProtocolError
from cozysync.models import ReadOnlyShare
from cozysync.remotes.cozy_auth import CozySession, json_body
from cozysync.remotes.cozy_changes import CachedDoc

__all__ = ["CozySharings", "read_only_folders", "share_path", "sharing_items"]

SHARINGS_PATH = "/sharings/doctype/io.cozy.files"
SHARED_WITH_ME_ID = "io.cozy.files.shared-with-me-dir"  # pkg/consts/file.go:15-17
MAX_PAGES = 100  # the stack sends one page; a loop of "next" links must still end
SOME_OWNER = "its owner"  # an owner without a public name


class CozySharings:
    """``TellsReadOnlyShares`` for ``CozyRemote``: reads the sharings once per full pass
    and maps their folder ids to paths with the remote's tree cache (what the listing
    just gave)."""

    def __init__(
        self,
        session: CozySession,
        doc_of: Callable[[str], CachedDoc | None],
        root_id: Callable[[], str],
    ) -> None:
        self.session = session
        self.doc_of = doc_of
        self.root_id = root_id
        self._has_received = False  # a sharing was found received: asked from then on
        # the last full pass's listing (invitations are read from it: cozy_invitations)
        self.last_items: list[dict[str, Any]] | None = None

    def read_only_shares(self) -> tuple[ReadOnlyShare, ...]:
        if not self._has_received and self.doc_of(SHARED_WITH_ME_ID) is None:
            return ()  # this Cozy never accepted a sharing
        self._has_received = True
        root = self.root_id()
        found = []
        self.last_items = list(sharing_items(self.session))
        for folder_id, name, owner in read_only_folders(iter(self.last_items)):
            path = share_path(folder_id, root, self.doc_of)
            if path is not None:
                found.append(ReadOnlyShare(path, name, owner))
        return tuple(sorted(set(found), key=lambda share: share.path))


def sharing_items(session: CozySession) -> Iterator[dict[str, Any]]:
    """Every item of ``GET /sharings/doctype/io.cozy.files`` (its ``next`` links
    followed, at most ``MAX_PAGES``)."""
    url: str | None = SHARINGS_PATH
    params: dict[str, str] | None = {"shared_docs": "false"}
    for _ in range(MAX_PAGES):
        if url is None:
            return
        response = session.request("GET", url, params=params)
        if response.status_code != 200:
            session.fail(response, "")
        body = json_body(response)
        data = body.get("data")
        if not isinstance(data, list):
            raise ProtocolError("your Cozy sent a list of sharings cozysync cannot read")
        yield from (item for item in data if isinstance(item, dict))
        links = body.get("links") if isinstance(body.get("links"), dict) else None
        url, params = (str(links["next"]) if links and links.get("next") else None), None


def read_only_folders(sharings: Iterator[dict[str, Any]]) -> Iterator[tuple[str, str, str]]:
    """(folder id, folder name, owner's public name) of each active sharing this Cozy
    receives read-only."""
    for item in sharings:
        attrs = item.get("attributes")
        if not isinstance(attrs, dict) or attrs.get("owner") or not attrs.get("active"):
            continue  # shared by us, or not accepted (yet), or revoked
        if not _is_read_only(attrs):
            continue
        owner = _owner_name(attrs.get("members"))
        for rule in _list(attrs.get("rules")):
            if rule.get("doctype") != "io.cozy.files" or rule.get("local"):
                continue
            if rule.get("selector") not in (None, "", "id", "_id"):
                continue  # shared by reference (an album): not a folder of the tree
            for folder_id in rule.get("values") or ():
                yield str(folder_id), str(rule.get("title") or ""), owner


def share_path(
    folder_id: str, root_id: str, doc_of: Callable[[str], CachedDoc | None]
) -> str | None:
    """The path of ``folder_id`` under the synced root; "" when the root is that folder
    or inside it; None when it is elsewhere (or unknown)."""
    names: list[str] = []
    current = folder_id
    for _ in range(10_000):  # a cycle can only come from a corrupt cache: never loop
        if current == root_id:
            return "/".join(reversed(names))
        doc = doc_of(current)
        if doc is None:
            break
        names.append(doc.name)
        current = doc.dir_id
    return "" if _holds(folder_id, root_id, doc_of) else None


def _holds(folder_id: str, inner_id: str, doc_of: Callable[[str], CachedDoc | None]) -> bool:
    """Whether the folder ``folder_id`` holds ``inner_id`` (the synced root)."""
    current: str | None = inner_id
    for _ in range(10_000):
        doc = doc_of(current) if current is not None else None
        if doc is None:
            return False
        if doc.dir_id == folder_id:
            return True
        current = doc.dir_id
    return False


def _is_read_only(attrs: dict[str, Any]) -> bool:
    """``Sharing.ReadOnly()`` on a recipient (sharing.go:213-249), with the groups."""
    if not attrs.get("drive") and not any(_has_sync(r) for r in _list(attrs.get("rules"))):
        return True  # ReadOnlyRules: no change of a recipient can go back
    members = _list(attrs.get("members"))
    for member in members[1:]:
        if member.get("instance"):  # this Cozy's member: the only recipient with one
            if member.get("read_only"):
                return True
            return _only_in_read_only_groups(member, _list(attrs.get("groups")))
    return False


def _only_in_read_only_groups(member: dict[str, Any], groups: list[dict[str, Any]]) -> bool:
    if not member.get("only_in_groups"):
        return False
    indexes = [i for i in member.get("groups") or () if isinstance(i, int)]
    live = [groups[i] for i in indexes if 0 <= i < len(groups) and not groups[i].get("revoked")]
    return bool(live) and all(group.get("read_only") for group in live)


def _has_sync(rule: dict[str, Any]) -> bool:
    """``Rule.HasSync`` (model/sharing/rule.go:289-292)."""
    return "sync" in (rule.get("add"), rule.get("update"), rule.get("remove"))


def _owner_name(members: object) -> str:
    listed = _list(members)
    owner = listed[0] if listed else {}
    return str(owner.get("public_name") or owner.get("email") or SOME_OWNER)


def _list(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
