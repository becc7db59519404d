"""The Cozy double's selective sync and settings routes (issue 15, item 10), as the
stack's code answers them (cozy-stack at db11638; ``file:line`` below):

- ``POST``/``DELETE /files/:dir-id/relationships/not_synchronized_on``
  (web/files/notsynchronized.go:16-80): the folder by id (404 for a file or nothing,
  ``DirByID``), the PATCH permission on it (403 without ``io.cozy.files``), the body's
  references added or removed (model/vfs/directory.go:145-165), a new rev of the folder,
  200 with the references, ``meta.rev`` and ``meta.count`` (pkg/jsonapi/jsonapi.go:138-166).
- the changes feed of an OAuth client (web/files/files.go:1899-1904,
  model/vfs/directory.go:352-433 ``FilterNotSynchronizedDocs``): every row of a folder
  excluded for this client, or of anything below it, becomes a deleted row.
- ``POST /settings/synchronized`` (web/settings/clients.go:102-125): the token's client
  gets ``synchronized_at``; 204; no permission asked, but a token that is no OAuth
  client's is ``Invalid JWT token``, 400 (model/permission/errors.go:12-13).
- ``GET /settings/warnings`` (web/settings/settings.go:84-104): 404 with
  ``{"errors": []}`` when there is none, else ``{"errors": [...]}`` with the first one's
  status (jsonapi.go:182-193); the terms warning before its deadline
  (web/middlewares/warnings.go:12-29): ``code: tos-updated``, status 402.
- ``GET /settings/disk-usage`` (web/settings/disk_usage.go:16-88): ``used`` = files +
  versions, ``quota`` left out when unlimited (``omitempty``), ``files``, ``versions``;
  403 without the permission on the doc (the OAuth scope), :45-53.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.cozy_server import Answer, CozyStack, Doc, Request

__all__ = ["hide_not_synchronized", "not_synchronized_answer", "references", "settings_answer"]

Json = dict[str, Any]
OAUTH_CLIENTS = "io.cozy.oauth.clients"


def _answer() -> type[Answer]:
    from tests.cozy_server import Answer

    return Answer


def references(doc: Doc) -> list[Json]:
    return [{"type": OAUTH_CLIENTS, "id": client} for client in doc.not_synchronized_on]


def not_synchronized_answer(stack: CozyStack, r: Request, dir_id: str, scope: str) -> Answer:
    from tests.cozy_server import api_error

    answer = _answer()
    doc = stack.docs.get(dir_id)
    if doc is None or doc.type != "directory":
        raise api_error(404, "File or directory not found")  # DirByID: os.ErrNotExist
    if "io.cozy.files" not in scope.split():
        raise answer(403, "Forbidden")  # AllowVFS(PATCH)
    try:
        data = json.loads(r.read() or b"{}").get("data")
    except (ValueError, AttributeError):
        raise api_error(400, "Invalid JSON") from None
    if data is None:
        raise api_error(400, "Body is not a valid JSON-API document")  # jsonapi.BadJSON
    refs = data if isinstance(data, list) else [data]
    ids = [str(ref.get("id")) for ref in refs if isinstance(ref, dict)]
    if r.method == "POST":
        doc.not_synchronized_on += [i for i in ids if i not in doc.not_synchronized_on]
    else:
        doc.not_synchronized_on = [i for i in doc.not_synchronized_on if i not in ids]
    stack._touch(doc)  # couchdb.UpdateDoc: a new rev, a change in the feed
    meta = {"rev": doc.rev, "count": len(doc.not_synchronized_on)}
    return answer(200, {"data": references(doc), "meta": meta})


def hide_not_synchronized(stack: CozyStack, client_id: str, rows: list[Json]) -> list[Json]:
    """FilterNotSynchronizedDocs: rows in a folder excluded for ``client_id`` (by id, or
    by a path at or below one) become ``deleted`` rows with only ``_id``, ``_rev``."""
    excluded = [d for d in stack.docs.values() if client_id in d.not_synchronized_on]
    if not excluded:
        return rows
    ids = {d.id for d in excluded}
    paths = [stack.path_of(d) for d in excluded]
    out = []
    for row in rows:
        doc = row.get("doc")
        path = str(doc.get("path", "")) if isinstance(doc, dict) else ""
        hidden = row["id"] in ids or any(path == p or path.startswith(p + "/") for p in paths)
        if hidden and not row.get("deleted"):
            rev = row["changes"][0]["rev"] if row.get("changes") else ""
            row = {**row, "deleted": True, "doc": {"_id": row["id"], "_rev": rev, "_deleted": True}}
        out.append(row)
    return out


def settings_answer(stack: CozyStack, r: Request, scope: str) -> Answer:
    answer = _answer()
    if (r.method, r.path) == ("POST", "/settings/synchronized"):
        client = stack.clients.get(r.client)
        if client is None:
            raise answer(400, "Invalid JWT token")  # oauth.FindClient failed
        client.meta["synchronized_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        return answer(204)
    if (r.method, r.path) == ("GET", "/settings/warnings"):
        found = list(stack.settings_warnings())
        if not found:
            return answer(404, {"errors": []})
        return answer(int(found[0]["status"]), {"errors": found})
    if (r.method, r.path) == ("GET", "/settings/disk-usage"):
        if "io.cozy.settings.disk-usage" not in scope:
            raise answer(403, "Forbidden")
        files = sum(len(d.content) for d in stack.docs.values())
        versions = stack.used() - files
        attrs = {"used": str(files + versions), "files": str(files), "versions": str(versions)}
        if stack.quota:
            attrs["quota"] = str(stack.quota)
        data = {"type": "io.cozy.settings", "id": "io.cozy.settings.disk-usage"}
        return answer(200, {"data": {**data, "attributes": attrs}})
    raise answer(404, "Not found")
