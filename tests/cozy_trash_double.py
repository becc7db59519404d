"""The Cozy double's trash listing and restore (issue 18, item 2), plugged into
``tests/cozy_server.py``'s router.  cozy/cozy-stack at db116385:

- ``GET /files/trash``: web/files/files.go:1479-1493 (ReadTrashFilesHandler) →
  web/files/paginated.go:236-265 (dirDataList) and :19-21 (30 a page by default): the
  children of the trash dir, a page of ``page[limit]`` after ``page[cursor]``, with
  ``links.next`` while more are left and ``meta.count``; each item as ``NewFile``/
  ``NewDir`` shows it, with ``restore_path`` and ``cozyMetadata.trashedAt`` (set when
  trashed: docs/files.md:1761-1766).
- ``POST /files/trash/:id``: web/files/files.go:1497-1527 (Restore): an unknown id is
  404 (WrapVfsError, os.ErrNotExist); model/vfs/vfs.go:788-830 (getRestoreDir): an
  item not under the trash is ErrFileNotInTrash (not mapped by WrapVfsError:
  files.go:2213-2268, so a 500); a nested item's restore path comes from its top-level
  trashed ancestor; a missing restore dir is made again (MkdirAll, vfs.go:520), every
  missing level a new folder; model/vfs/file.go:425-449 and directory.go:322-346: the
  trash's `` (NNN)`` suffix stripped (rand_suffix.go:63-77) and, the name taken, a new
  9-digit one (rand_suffix.go:20-61, ``tryOrUseSuffix`` with conflictFormat
  ``"%s (%s)"``, vfs.go:47); ``trashed`` false and ``restore_path`` gone; 200 with the doc.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

__all__ = ["is_trash_route", "trash_answer"]

DEFAULT_PER_PAGE = 30  # web/files/paginated.go:19-21
MAX_PER_PAGE = 1000  # pkg/jsonapi/paginate.go: ExtractPaginationCursor's cap
_SUFFIX = re.compile(r" \(\d+\)$")


def is_trash_route(method: str, path: str) -> bool:
    return (method, path) == ("GET", "/files/trash") or (
        method == "POST" and re.fullmatch(r"/files/trash/[^/]+", path) is not None
    )


def trash_answer(stack: Any, r: Any) -> Any:
    """The answer to a trash route (``is_trash_route``); called with the lock held."""
    from tests.cozy_server import Answer, api_error

    if r.method == "GET":
        return Answer(200, _listing(stack, r))
    doc = stack.docs.get(r.path.rsplit("/", 1)[1])
    if doc is None:
        raise api_error(404, "File or directory not found")
    if not stack.in_trash(doc) or doc.id == stack_trash_id():
        raise api_error(500, "File or directory is not in the trash")  # not in WrapVfsError
    _restore(stack, doc)
    return Answer(200, {"data": stack.resource(doc)})


def stack_trash_id() -> str:
    from tests.cozy_server import TRASH

    return str(TRASH)


def _listing(stack: Any, r: Any) -> dict[str, Any]:
    children = stack.children(stack_trash_id())
    limit = min(int(r.query.get("page[limit]") or DEFAULT_PER_PAGE), MAX_PER_PAGE)
    cursor = r.query.get("page[cursor]")
    if cursor:  # the ids sort as the children do (by name): start after the cursor's
        ids = [d.id for d in children]
        children = children[ids.index(cursor) + 1 :] if cursor in ids else []
    page, rest = children[:limit], children[limit:]
    data = []
    for doc in page:
        resource = stack.resource(doc)
        if doc.trashed_at is not None:
            resource["attributes"]["cozyMetadata"] = {"trashedAt": doc.trashed_at}
        data.append(resource)
    body: dict[str, Any] = {"data": data, "meta": {"count": len(stack.children(stack_trash_id()))}}
    body["links"] = {}
    if rest:
        body["links"]["next"] = f"/files/trash?page[cursor]={page[-1].id}&page[limit]={limit}"
    return body


def _restore_dir(stack: Any, doc: Any) -> Any:
    """vfs.go:788-830: the restore path (a nested item's from its top-level ancestor),
    its folder made again where missing (MkdirAll)."""
    restore_path = doc.restore_path or ""
    if not restore_path:
        trash_path = stack.path_of(doc).removeprefix("/.cozy_trash/")
        root, _, rest = trash_path.partition("/")
        top = stack.dir_by_path("/.cozy_trash/" + root)
        if top is not None and top.restore_path and rest:
            parent_rest = rest.rpartition("/")[0]
            restore_path = "/".join(
                p for p in (top.restore_path.rstrip("/"), top.name, parent_rest) if p
            )
    restore_path = restore_path or "/"
    folder = stack.dir_by_path(restore_path)
    if folder is not None:
        return folder
    from tests.cozy_server import ROOT, Doc

    parent = stack.docs[ROOT]
    for name in [n for n in restore_path.split("/") if n]:
        found = next((d for d in stack.children(parent.id) if d.name == name), None)
        if found is None:
            found = Doc(secrets.token_hex(16), "directory", name, parent.id)
            stack._touch(found)
        parent = found
    return parent


def _restore(stack: Any, doc: Any) -> None:
    folder = _restore_dir(stack, doc)
    name = _SUFFIX.sub("", doc.name) or doc.name
    taken = {d.name for d in stack.children(folder.id) if d.id != doc.id}
    while name in taken:  # tryOrUseSuffix: "%s (%s)" with 9 random digits
        name = f"{_SUFFIX.sub('', doc.name) or doc.name} ({secrets.randbelow(10**9):09d})"
    doc.name, doc.dir_id, doc.restore_path, doc.trashed_at = name, folder.id, None, None
    doc.trashed = False
    stack._touch(doc)
    for sub in stack.descendants(doc):  # the subtree leaves the trash with it
        sub.trashed = False
        stack._touch(sub)
