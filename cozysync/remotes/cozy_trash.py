"""``CozyTrash``: a Cozy's trash as the ``ServerTrash`` port (issue 18, item 2).

What the stack does (cozy/cozy-stack at db116385; ``docs/files.md`` "Trash"):

- ``GET /files/trash`` lists the top level of the trash, paginated (docs/files.md:1768-1780;
  web/files/files.go:1479-1493 ``ReadTrashFilesHandler`` → web/files/paginated.go:236-265
  ``dirDataList``: 30 a page by default, ``links.next`` while there are more).  Each item
  has ``restore_path`` (its old parent) and ``cozyMetadata.trashedAt``/``trashedBy``
  (docs/files.md:1761-1766).  A name taken in the trash got a `` (NNN)`` suffix there.
- ``POST /files/trash/:id`` restores it (web/files/files.go:1497-1527 ``Restore``):
  model/vfs/vfs.go:788-830 ``getRestoreDir``: into ``restore_path``, and **a parent
  deleted since is made again** (``MkdirAll``); model/vfs/file.go:425-449 and
  directory.go:322-346: the trash's suffix is stripped (rand_suffix.go:63-77), and a name
  taken there gets a new `` (NNNNNNNNN)`` suffix (rand_suffix.go:40-61,
  ``tryOrUseSuffix``): the stack never restores over an item.
- A trashed item cannot be moved elsewhere before it is restored (400 "already in the
  trash"): a restore into another folder is a restore, then a ``PATCH`` of its
  ``dir_id`` and name, ``If-Match`` its new rev (a name taken there: 409, refused).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cozysync.errors import (
    ItemChangedError,
    PreconditionFailedError,
    ProtocolError,
    RemoteItemMissingError,
)
from cozysync.models import ServerTrashItem
from cozysync.paths import name_of
from cozysync.remotes.cozy_auth import CozySession, json_body

__all__ = ["CozyTrash", "strip_trash_suffix"]

JSONAPI = "application/vnd.api+json"
PAGE_LIMIT = 100  # items asked per page (the stack's default is 30)
MAX_PAGES = 1000  # a server whose links.next never ends is not followed for ever
_SUFFIX = re.compile(r" \(\d+\)$")  # rand_suffix.go:63-77 stripConflictSuffix


def strip_trash_suffix(name: str) -> str:
    """The name without the `` (123)`` the trash gave it (as the stack strips it)."""
    return _SUFFIX.sub("", name) or name


def _when(value: object) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


class CozyTrash:
    """The trash of the Cozy whose folder ``root_path`` ("" for all of it, else
    ``/School``) is synced; ``folder_id`` gives a synced folder's id by its path."""

    def __init__(
        self, session: CozySession, root_path: str, folder_id: Callable[[str], str]
    ) -> None:
        self._session = session
        self._root = root_path.rstrip("/")
        self._folder_id = folder_id

    def _relative(self, cozy_path: str) -> str | None:
        """``/School/a.txt`` → ``a.txt`` under the synced root; None when outside it."""
        if not self._root:
            return cozy_path.strip("/") or None
        if cozy_path.startswith(self._root + "/"):
            return cozy_path[len(self._root) + 1 :].strip("/") or None
        return None

    def _item(self, data: dict[str, Any]) -> ServerTrashItem | None:
        attrs = data.get("attributes") or {}
        restore_path, name = attrs.get("restore_path"), attrs.get("name")
        if not isinstance(restore_path, str) or not isinstance(name, str) or "id" not in data:
            return None  # not a top-level item of the trash (no place to go back to)
        place = f"{restore_path.rstrip('/')}/{strip_trash_suffix(name)}"
        path = self._relative(place)
        if path is None:
            return None
        meta = attrs.get("cozyMetadata")
        meta = meta if isinstance(meta, dict) else {}
        by = meta.get("trashedBy")
        by_name = by.get("displayName") if isinstance(by, dict) else None
        size = attrs.get("size")
        return ServerTrashItem(
            trash_id=str(data["id"]),
            path=path,
            is_dir=attrs.get("type") == "directory",
            size=int(size) if isinstance(size, (int, str)) and str(size).isdigit() else None,
            deleted_at=_when(meta.get("trashedAt")),
            deleted_by=str(by_name) if by_name else None,
        )

    def trashed_items(self) -> list[ServerTrashItem]:
        items: list[ServerTrashItem] = []
        url: str | None = "/files/trash"
        params: dict[str, str] | None = {"page[limit]": str(PAGE_LIMIT)}
        for _ in range(MAX_PAGES):
            if url is None:
                break
            response = self._session.request("GET", url, params=params)
            if response.status_code != 200:
                self._session.fail(response, "")
            body = json_body(response)
            data = body.get("data")
            if not isinstance(data, list):
                raise ProtocolError("your Cozy sent a trash listing cozysync cannot read")
            items += [i for i in map(self._item, (d for d in data if isinstance(d, dict))) if i]
            url, params = (body.get("links") or {}).get("next"), None
        items.sort(key=lambda i: i.deleted_at or 0.0, reverse=True)
        return items

    def restore(self, item: ServerTrashItem, to_folder: str | None = None) -> str:
        response = self._session.request(
            "POST", f"/files/trash/{item.trash_id}", idempotent=False, error_path=item.path
        )
        if response.status_code == 500 and "not in the trash" in response.text:
            response.close()  # vfs.go:792 ErrFileNotInTrash, not mapped: files.go:2213-2268
            raise RemoteItemMissingError(f"{item.path!r} is no longer in the trash", path=item.path)
        if response.status_code != 200:
            self._session.fail(response, item.path)  # 404: no longer in the trash
        data = json_body(response).get("data") or {}
        attrs = data.get("attributes") or {}
        name = str(attrs.get("name") or name_of(item.path))
        parent = item.path.rpartition("/")[0]
        restored = f"{parent}/{name}" if parent else name
        if to_folder is None:
            return restored
        wanted = f"{to_folder}/{name_of(item.path)}" if to_folder else name_of(item.path)
        rev = str((data.get("meta") or {}).get("rev") or "")
        body = {
            "data": {
                "type": "io.cozy.files",
                "id": item.trash_id,
                "attributes": {"name": name_of(item.path), "dir_id": self._folder_id(to_folder)},
            }
        }
        moved = self._session.request(
            "PATCH", f"/files/{item.trash_id}", content=json.dumps(body).encode(),
            headers={"Content-Type": JSONAPI, "If-Match": rev}, idempotent=False,
            error_path=wanted,
        )  # fmt: skip
        if moved.status_code == 200:
            return wanted
        try:
            self._session.fail(moved, wanted)
        except PreconditionFailedError as exc:  # 409: the name is taken there
            raise ItemChangedError(
                f"{wanted!r} already exists on your Cozy: {item.path!r} was restored as "
                f"{restored!r} instead",
                path=wanted,
            ) from exc
