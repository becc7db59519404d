"""The Cozy double's old versions of files (issue 18, item 1), as cozy-stack keeps and
serves them (references at db11638 of cozy/cozy-stack):

- Which old versions are kept on a content PUT is ``CozyStack.keep_version``
  (model/vfs/vfsafero/impl.go:917-933, model/vfs/version.go:180-247: not the same MD5,
  not within ``fs.versioning.min_delay_between_two_versions`` of the last one, at most
  ``max_number_of_versions_to_keep`` counting the current one; the oldest go first).
- What a version records (model/vfs/version.go:76-117, ``NewVersion``): the file's
  ``updated_at``, size and MD5, and a ``cozyMetadata`` made then (``createdAt`` now)
  with the file's ``uploadedAt`` (its ``updated_at`` when it has none) and
  ``uploadedBy``; its id is ``<file id>/<file rev>`` (no InternalID here).
- ``uploadedBy`` of an upload (web/files/files.go:2548-2605, ``CozyMetadataFromClaims``
  with ``setUploadFields``): the app's slug for an app token (the web app's "drive"
  here), for an OAuth client only when it has a slug (a linked app; "cozy-desktop" for
  a software id containing it, "cozy-flagship" for the flagship app) with ``version``
  and ``oauthClient`` {id, kind, name}; nothing for any other OAuth client.
- ``GET /files/:id`` lists them in ``relationships.old_versions`` and whole in
  ``included`` (web/files/paginated.go:280-289, :369-392), in ``_id`` order
  (version.go:159-170 ``VersionsFor``: an all_docs range on ``<file id>/``).
- ``GET /files/download/:file-id/:version-id`` (web/files/files.go:983-1017): 404 for a
  file id that is not a file or a version that is not there; the antivirus is asked as
  for a download (:995); the ``Etag`` is the *current* content's MD5, not the version's
  (model/vfs/file.go:260-289, ``ServeFileContent``).
- ``POST /files/revert/:file-id/:version-id`` (web/files/files.go:1019-1041,
  model/vfs/vfsafero/impl.go:546-584): no If-Match; the current content is saved as a
  new old version (``NewVersion`` then ``CreateVersion``, none of the keeping rules),
  the old one becomes the content with its ``updated_at``, size, MD5 and upload
  metadata (version.go:119-138 ``SetMetaFromVersion``), a new rev, and that old version
  is deleted.  The answer renders the doc as read *before* the revert, with the versions
  as they are after it (files.go:1040 ``FileData(c, 200, doc, true, ...)``).
"""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.cozy_server import CozyStack, Doc, Request

Json = dict[str, Any]

__all__ = [
    "OldVersion",
    "download_version",
    "included_and_relationship",
    "old_versions",
    "revert",
    "upload_metadata",
    "version_of",
]


class OldVersion:
    """One ``io.cozy.files.versions`` doc (content kept beside it)."""

    def __init__(self, file: Doc, created_at: str) -> None:
        self.file_id, self.rev, self.content = file.id, file.rev, file.content
        self.updated_at = file.updated_at
        uploaded = dict(file.uploaded) or {"uploadedAt": file.updated_at}
        self.cozy_metadata: Json = {
            "doctypeVersion": "1",
            "metadataVersion": 1,
            "createdAt": created_at,
            "updatedAt": created_at,
            **uploaded,
        }

    @property
    def doc_id(self) -> str:
        return f"{self.file_id}/{self.rev}"

    def resource(self) -> Json:
        return {
            "type": "io.cozy.files.versions",
            "id": self.doc_id,
            "meta": {"rev": "1-" + hashlib.md5(self.doc_id.encode()).hexdigest()[:8]},
            "attributes": {
                "updated_at": self.updated_at,
                "size": str(len(self.content)),  # version.go:21 ``json:"size,string"``
                "md5sum": base64.b64encode(hashlib.md5(self.content).digest()).decode(),
                "tags": [],
                "cozyMetadata": self.cozy_metadata,
                "relationships": {
                    "file": {"data": {"_id": self.file_id, "_type": "io.cozy.files"}}
                },
            },
        }


def version_of(file: Doc, created_at: str) -> OldVersion:
    """``NewVersion(file)``: the file's current content as an old version."""
    return OldVersion(file, created_at)


def upload_metadata(stack: CozyStack, client_id: str, at: str) -> Json:
    """The ``uploadedAt``/``uploadedBy`` an upload by ``client_id`` gets."""
    uploaded: Json = {"uploadedAt": at}
    if client_id == "io.cozy.web-app":
        uploaded["uploadedBy"] = {"slug": "drive"}
        return uploaded
    client = stack.clients.get(client_id)
    if client is None:
        return uploaded
    software = str(client.meta.get("software_id", ""))
    slug = "cozy-desktop" if "cozy-desktop" in software else ""
    if client.meta.get("flagship"):
        slug = slug or "cozy-flagship"
    if slug:
        uploaded["uploadedBy"] = {
            "slug": slug,
            "version": str(client.meta.get("software_version", "")),
            "oauthClient": {
                "id": client.client_id,
                "kind": str(client.meta.get("client_kind", "")),
                "name": str(client.meta.get("client_name", "")),
            },
        }
    return uploaded


def old_versions(doc: Doc) -> list[OldVersion]:
    """``VersionsFor``: in ``_id`` order."""
    return sorted(doc.versions, key=lambda v: v.doc_id)


def included_and_relationship(doc: Doc) -> tuple[list[Json], Json | None]:
    versions = old_versions(doc)
    if not versions:
        return [], None
    relation = {"data": [{"type": "io.cozy.files.versions", "id": v.doc_id} for v in versions]}
    return [v.resource() for v in versions], relation


def _find(stack: CozyStack, file_id: str, version_id: str) -> tuple[Doc, OldVersion]:
    from tests.cozy_server import api_error

    doc = stack.docs.get(file_id)
    if doc is None or doc.type != "file":
        raise api_error(404, "File not found")
    for version in doc.versions:
        if version.rev == version_id:
            return doc, version
    raise api_error(404, "not_found")  # couchdb.GetDoc's missing doc, WrapVfsError


def download_version(stack: CozyStack, file_id: str, version_id: str) -> Any:
    from tests.cozy_server import Answer, api_error

    doc = stack.docs.get(file_id)
    if doc is None or doc.type != "file":
        raise api_error(404, "File not found")
    stack.check_antivirus(doc, "download")  # files.go:995, before the version is read
    _, version = _find(stack, file_id, version_id)
    headers = [("ETag", f'"{doc.md5}"'), ("Content-Type", doc.mime)]  # file.go:265-273
    return Answer(200, version.content, headers)


def revert(stack: CozyStack, r: Request, file_id: str, version_id: str, now: str) -> Any:
    from tests.cozy_server import Answer

    doc, version = _find(stack, file_id, version_id)
    before = stack.resource(doc)  # files.go:1040 renders the doc it read
    saved = version_of(doc, now)
    doc.content, doc.updated_at = version.content, version.updated_at
    doc.uploaded = {
        k: v for k, v in version.cozy_metadata.items() if k in ("uploadedAt", "uploadedBy")
    }
    doc.replaced_md5 = base64.b64encode(hashlib.md5(saved.content).digest()).decode()
    stack._touch(doc)
    doc.versions.remove(version)  # impl.go:578 DeleteVersion
    doc.versions.append(saved)  # impl.go:580 CreateVersion
    included, relation = included_and_relationship(doc)
    if relation is not None:
        before["relationships"]["old_versions"] = relation
    return Answer(200, {"data": before, "included": included})
