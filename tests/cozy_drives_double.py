"""Shared drives in the Cozy double (``tests/cozy_server.py``): class and team spaces
another Cozy (the school's, a teacher's) shares with the test instance, as cozy-stack's
code serves them (at db1163854f; ``docs/shared-drives.md`` where the code agrees):

- a drive is an ``io.cozy.sharings`` doc with ``drive: true`` whose files rule's first
  value is the root's id (``DriveRootID``, ``model/sharing/sharing.go:160-166``);
  ``drive_root_type`` "directory" unless set (``NormalizedDriveRootType``, :142-147).
  For a drive the rules are sent to the recipient as they are, ids not xored
  (``CreateSharingRequest``, ``model/sharing/oauth.go:39-40``): the root id is the
  *owner's*.  The members as for any sharing (``oauth.go:70-87``: the owner's and this
  instance's ``instance`` only), ``read_only`` per member (``member.go:68``);
- the recipient holds no copy of the files: every ``/sharings/drives/:id/...`` route
  goes through ``proxy`` (``web/sharings/drives.go:1334-1409``): an unknown sharing
  404, not a drive 404 "not a drive" (:1341-1343), inactive 403 (:1344-1346); the
  owner runs the handler on its own VFS; a recipient first needs the whole
  ``io.cozy.files`` type for the verb (``AllowWholeType``, :1361), then for POST, PUT,
  PATCH, DELETE (but ``/downloads``, ``/archive``) to be a member not read-only
  (``sharedDrivePermissionCheck``, :1411-1435; ``checkSharedDrivePermission``,
  :1443-1508: 403 "write access denied: read-only member"), and the request is replayed
  on the owner's instance with the drive token (:1373-1406), whose permission is the
  drive's root: ``AllowVFS`` refuses (403) any item outside it (``loadDirOrFileFromParam``
  :206-225, ``applyPatch`` :374-396 for the new parent too); the root cannot be moved
  (:327-332, 422);
- ``GET /sharings/drives`` (:40-60): ``AllowWholeType`` GET, the active drives
  (``ListDrives``, ``sharing.go:1046-1061``) as one ``jsonapi.DataList`` of
  ``APISharing`` without credentials (``model/sharing/api_sharing.go:21-44``);
- ``GET /sharings/drives/:id/_changes`` (:433-449) is the owner's whole
  ``io.cozy.files`` feed (``web/files/files.go:1819-1913``, same parameters, same
  400s), ``include_docs`` and the file paths forced (:1868-1872), each result then
  mapped (``SharedDriveChange``, :1979-2006): a deleted doc as it is, the owner's root
  dropped, a doc whose ``path`` starts with the drive root's path + "/" kept with
  ``driveId``, any other (the root itself, the trash, the owner's other files) turned
  into a deletion (``MakeChangeForDeletion``, ``pkg/couchdb/changes.go:145-161``).
  The paths stay the owner's (``docs/shared-drives.md:428-432`` says they are cut to
  the drive: the code does not).  ``since=now`` is CouchDB's (the stack hands ``since``
  over as it is, files.go:1877-1883): no result, the current sequence;
- the other routes are the ``/files`` handlers on the owner (``drives.go:1275-1332``):
  ``GET /metadata?Path=`` (the owner's path), ``GET /:file-id`` (a folder's children
  paginated), ``GET /download/:file-id``, ``POST /:file-id`` (``CreationHandler``),
  ``PUT /:file-id``, ``PATCH /:file-id``, ``DELETE /:file-id`` (to the owner's trash,
  which is outside the drive: the feed then tells a deletion).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.cozy_server import Answer, CozyStackServer, Doc, Request

__all__ = ["Drive", "DriveEvents", "DrivesDouble", "drives_answer", "receive_drive"]

Json = dict[str, Any]
WRITES = ("POST", "PUT", "PATCH", "DELETE")


@dataclass
class Drive:
    """One shared drive as the recipient's stack keeps its sharing (and the owner's
    instance holding its files: a second, unserved ``CozyStackServer``)."""

    name: str
    owner_name: str
    owner: CozyStackServer  # the owner's instance: the drive's files live there
    root_id: str
    read_only: bool = False  # this instance's member's flag
    active: bool = True
    root_type: str = ""  # "" is "directory" (NormalizedDriveRootType)
    id: str = field(default_factory=lambda: secrets.token_hex(16))
    rev: str = field(default_factory=lambda: "1-" + secrets.token_hex(16))

    def attributes(self, own_instance: str) -> Json:
        attrs: Json = {
            "triggers": {},
            "drive": True,
            "active": self.active,
            "description": self.name,
            "app_slug": "drive",
            "created_at": "2026-09-01T08:00:00Z",
            "updated_at": "2026-09-01T08:00:00Z",
            "rules": [
                {
                    "title": self.name,
                    "doctype": "io.cozy.files",
                    "values": [self.root_id],
                    "add": "none",
                    "update": "none",
                    "remove": "none",
                }
            ],
            "members": [
                {
                    "status": "owner",
                    "public_name": self.owner_name,
                    "email": "admin@school.example.net",
                    "instance": "https://school.example.net",
                },
                {
                    "status": "ready",
                    "email": "me@example.net",
                    "instance": own_instance,
                    "read_only": self.read_only,
                },
                {"status": "ready", "public_name": "Léa", "email": "lea@example.net"},
            ],
        }
        if self.root_type:
            attrs["drive_root_type"] = self.root_type
        return attrs

    # -- the owner's hands (its own stack, nothing of the recipient's) --------------------

    def put(self, path: str, content: bytes) -> Doc:
        """The owner writes ``path`` (relative to the drive's root; folders made)."""
        from tests.cozy_server import Doc

        owner = self.owner
        with owner.lock:
            parent = owner.docs[self.root_id]
            *folders, name = path.split("/")
            for folder in folders:
                found = next((d for d in owner.children(parent.id) if d.name == folder), None)
                if found is None:
                    found = Doc(secrets.token_hex(16), "directory", folder, parent.id)
                    owner._touch(found)
                parent = found
            doc = next((d for d in owner.children(parent.id) if d.name == name), None)
            if doc is None:
                doc = Doc(secrets.token_hex(16), "file", name, parent.id)
            doc.content = content
            owner._touch(doc)
            return doc

    def tree(self) -> dict[str, bytes | None]:
        """The drive's live tree, as its members see it in Drive."""
        owner = self.owner
        with owner.lock:
            root = owner.docs[self.root_id]
            out: dict[str, bytes | None] = {}
            prefix = owner.path_of(root) + "/"
            for doc in owner.descendants(root):
                out[owner.path_of(doc).removeprefix(prefix)] = (
                    None if doc.type == "directory" else doc.content
                )
            return out


@dataclass
class DrivesDouble:
    """The drives the test instance is a member of."""

    drives: list[Drive] = field(default_factory=list)

    def find(self, drive_id: str) -> Drive | None:
        return next((d for d in self.drives if d.id == drive_id), None)


def receive_drive(name: str, owner_name: str, **flags: Any) -> Drive:
    """A drive ``name`` made on the owner's instance under its "Drives" folder
    (``POST /sharings/drives`` with ``name``: ``EnsureSharedDrivesDir`` then ``Mkdir``,
    ``drives.go:88-98``), this instance a member of it (accepted)."""
    from tests.cozy_server import DRIVES, CozyStackServer, Doc

    owner = CozyStackServer()  # never served: the recipient's stack talks to it
    root = Doc(secrets.token_hex(16), "directory", name, DRIVES)
    owner._touch(root)
    return Drive(name, owner_name, owner, root.id, **flags)


def _listing(stack: CozyStackServer) -> Json:
    """``GET /sharings/drives`` (drives.go:40-60): the active ones (sharing.go:1046-1061)."""
    own = f"http://{stack.domain}"
    data = [
        {
            "type": "io.cozy.sharings",
            "id": d.id,
            "attributes": d.attributes(own),
            "meta": {"rev": d.rev},
            "links": {"self": f"/sharings/{d.id}"},
            "relationships": {"shared_docs": {"data": None}},
        }
        for d in stack.drives.drives
        if d.active
    ]
    return {"data": data, "meta": {"count": len(data)}}


def drives_answer(stack: CozyStackServer, r: Request, scope: str) -> Answer | None:
    """The answer to a ``/sharings/drives`` request (None: not one).  ``scope``: the
    token's, already known to hold the whole ``io.cozy.files`` type."""
    from tests.cozy_server import Answer, api_error

    p, m = r.path, r.method
    if p.rstrip("/") == "/sharings/drives" and m == "GET":
        return Answer(200, _listing(stack))
    if not p.startswith("/sharings/drives/"):
        return None
    drive_id, _, rest = p.removeprefix("/sharings/drives/").partition("/")
    drive = stack.drives.find(drive_id)
    if drive is None:
        raise api_error(404, "Sharing not found")  # FindSharing, wrapErrors
    if not drive.active:
        raise api_error(403, "Forbidden")  # drives.go:1344-1346
    verb = "GET" if m == "HEAD" else m
    if verb not in scope_verbs(scope):
        raise api_error(403, "Forbidden")  # AllowWholeType, drives.go:1361
    writes = verb in WRITES and not rest.endswith(("downloads", "archive"))
    if writes and drive.read_only:  # drives.go:1365-1369, :1502-1504
        raise api_error(403, "write access denied: read-only member")
    return _on_owner(drive, r, rest)


def scope_verbs(scope: str) -> set[str]:
    """The verbs a scope gives on the whole ``io.cozy.files`` (``io.cozy.files`` alone:
    all; ``io.cozy.files:GET``: those listed)."""
    verbs: set[str] = set()
    for part in scope.split():
        doctype, _, listed = part.partition(":")
        if doctype == "io.cozy.files":
            verbs |= set(listed.split(",")) if listed and listed != "ALL" else set(WRITES) | {"GET"}
    return verbs


def _on_owner(drive: Drive, r: Request, rest: str) -> Answer:
    """The handler run on the owner's instance with the drive token (drives.go:
    1373-1406): every item it names must be inside the drive (``AllowVFS``)."""
    from tests.cozy_server import Answer, api_error

    owner, m = drive.owner, r.method
    with owner.lock:
        if (m, rest) == ("GET", "_changes"):
            return _changes(drive, r)
        if (m, rest) == ("GET", "metadata"):
            doc = owner.dir_or_file_by_path(r.query.get("Path", ""))
            if doc is None:
                raise api_error(404, "File or directory not found")
            _allowed(drive, doc)  # files.go:931 (checkPerm)
            return Answer(200, {"data": _resource(drive, doc)})
        if m == "GET" and rest.startswith("download/"):
            doc = owner.docs.get(rest.removeprefix("download/"))
            if doc is None:
                raise api_error(404, "File not found")
            _allowed(drive, doc)
            return owner.download(doc.id)
        if "/" in rest:
            raise Answer(404, "Not found")
        doc_id = rest
        if m == "POST":  # CreationHandler (drives.go:463-468): the parent by id
            parent = owner.docs.get(doc_id)
            if parent is None:
                raise api_error(404, "Parent directory does not exist")
            _allowed(drive, parent)
            return owner.create(r, doc_id)
        doc = owner.docs.get(doc_id)
        if doc is None:
            raise api_error(404, "File or directory not found")
        _allowed(drive, doc)
        if m == "GET":
            answer = owner.get(r, doc)
            return answer
        if m == "PUT":
            return owner.overwrite(r, doc_id)
        if m == "PATCH":
            return _patch(drive, r, doc)
        if m == "DELETE":
            if doc.id == drive.root_id:
                raise api_error(403, "Forbidden")
            return owner.trash(r, doc)
    raise Answer(405, "Method not allowed")


def _patch(drive: Drive, r: Request, doc: Doc) -> Answer:
    """``ModifyMetadataByIDHandler`` (drives.go:322-337) and ``applyPatch`` (:357-426):
    the root is not moved (422); the new parent must be in the drive (403)."""
    from tests.cozy_server import api_error

    body = r.json()
    attrs = (body.get("data") or {}).get("attributes") or {}
    new_parent = attrs.get("dir_id")
    if new_parent is not None and doc.id == drive.root_id:
        raise api_error(422, "cannot move the root of a shared drive")
    if new_parent is not None:
        parent = drive.owner.docs.get(str(new_parent))
        if parent is None or parent.type != "directory":
            raise api_error(400, "destination directory does not exist")
        _allowed(drive, parent)
    replay = _Replayed(r, body)
    answer: Answer = drive.owner.patch(replay, doc)  # type: ignore[arg-type]
    return answer


class _Replayed:
    """The PATCH request with its body already read (the handler binds it once)."""

    def __init__(self, r: Request, body: Json) -> None:
        self._r, self._body = r, body

    def __getattr__(self, name: str) -> Any:
        return getattr(self._r, name)

    def json(self) -> Json:
        return self._body


def _inside(drive: Drive, doc: Doc) -> bool:
    owner = drive.owner
    current: Doc | None = doc
    while current is not None:
        if current.id == drive.root_id:
            return True
        current = owner.docs.get(current.dir_id) if current.dir_id else None
    return False


def _allowed(drive: Drive, doc: Doc) -> None:
    """``AllowVFS`` with the drive token: the item is the root or below it, not trashed."""
    from tests.cozy_server import api_error

    if not _inside(drive, doc) or drive.owner.in_trash(doc):
        raise api_error(403, "Forbidden")


def _resource(drive: Drive, doc: Doc) -> Json:
    """``DirData``/``FileData`` with the sharing: the resource and its ``driveId``."""
    data = drive.owner.resource(doc)
    data["attributes"]["driveId"] = drive.id
    return data


def _changes(drive: Drive, r: Request) -> Answer:
    """files.go:1819-1913 on the owner, then ``SharedDriveChange`` (:1979-2006)."""
    from tests.cozy_server import ROOT, Answer

    owner = drive.owner
    if r.query.get("since") == "now":
        last = owner.fmt_seq(owner.seq)
        return Answer(200, {"last_seq": last, "pending": 0, "results": []})
    r.query["include_docs"] = "true"  # files.go:1868-1872: forced for a drive
    answer = owner.files_changes(r)
    body = answer.body
    assert isinstance(body, dict)
    root_path = owner.path_of(owner.docs[drive.root_id]) + "/"
    results = []
    for row in body["results"]:
        if row.get("deleted"):
            results.append(row)
            continue
        if row["id"] == ROOT:
            continue
        doc = row["doc"]
        if str(doc.get("path", "")).startswith(root_path):
            doc["driveId"] = drive.id
            results.append(row)
            continue
        rev = doc["_rev"]  # couchdb.MakeChangeForDeletion: the doc's id, rev and seq
        results.append(
            {
                "id": row["id"],
                "seq": row["seq"],
                "deleted": True,
                "changes": [{"rev": rev}],
                "doc": {"_id": row["id"], "_rev": rev, "_deleted": True},
            }
        )
    body["results"] = results
    return Answer(200, body)


class DriveEvents:
    """The owner's realtime side seen through one drive: ``filterMapEvents`` (web/sharings/
    realtime.go:199-272): an event whose doc, new or old, is the drive's root or below its
    path (a trashed file by its ``restore_path``, :210-213) goes to the recipient's
    connections to the drive's route (``RealtimeHub.publish_drive``), as ``{"type", "id",
    "doc"}`` (:48-57, :262-268); any other is dropped."""

    def __init__(self, recipient: CozyStackServer, drive: Drive) -> None:
        self.recipient, self.drive = recipient, drive
        self.inside: set[str] = set()  # the docs last seen in the drive (the old doc's side)

    def publish(self, event: str, payload: Json) -> None:
        drive, doc_id = self.drive, str(payload["id"])
        current = drive.owner.docs.get(doc_id)
        now_inside = doc_id == drive.root_id or (
            current is not None and current.id != drive.root_id and _below(drive, current)
        )
        was_inside = doc_id in self.inside
        if now_inside:
            self.inside.add(doc_id)
        else:
            self.inside.discard(doc_id)
        if not (now_inside or was_inside):
            return
        raw = payload.get("doc") or {"_id": doc_id, "_rev": payload.get("rev"), "_deleted": True}
        hub = self.recipient.realtime
        if hub is not None:
            hub.publish_drive(drive.id, event, {"type": payload["type"], "id": doc_id, "doc": raw})


def _below(drive: Drive, doc: Doc) -> bool:
    """Below the drive's root path (realtime.go:206-219), a trashed file by where it was."""
    owner = drive.owner
    root_path = owner.path_of(owner.docs[drive.root_id]) + "/"
    if doc.type == "file" and doc.trashed:
        return (doc.restore_path or "").startswith(root_path)
    return owner.path_of(doc).startswith(root_path)
