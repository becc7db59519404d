"""The Nextcloud double's trash bin (the files_trashbin app; issue 18, item 2), plugged
into ``tests/nextcloud_double.py`` around its WsgiDAV.  Nextcloud (PHP) cannot run here;
this follows nextcloud/documentation developer_manual/client_apis/WebDAV/trashbin.rst
and nextcloud/server apps/files_trashbin/lib (Trashbin.php at 016235d7,
Sabre/TrashbinPlugin.php at 04db4796, Sabre/RestoreFolder.php at 2f815df0):

- a DELETE of a user's file or folder moves it to the trash bin (Trashbin.php
  ``move2trash``): kept as ``<name>.d<timestamp>`` (``getTrashFilename``; a name taken in
  the same second gets the next second, as its lock loop nudges the timestamp) with its
  ``location`` (its folder inside the user's files) and ``deleted_by``.  Here WsgiDAV
  still answers the DELETE (its preconditions kept): the item is copied to the trash
  first, and the copy kept only when the DELETE succeeded.
- ``PROPFIND …/trashbin/USER/trash`` (Depth 0 or 1) answers each entry with
  ``nc:trashbin-filename``, ``nc:trashbin-original-location`` (location + name),
  ``nc:trashbin-deletion-time``, ``nc:trashbin-deleted-by-display-name``
  (TrashbinPlugin.php ``propFind``), ``d:resourcetype`` and ``d:getcontentlength``.
- ``MOVE …/trash/<entry>`` with a ``Destination`` in ``…/trashbin/USER/restore/``
  restores it (RestoreFolder.php ``moveInto`` → Trashbin.php ``restore``): into its
  location, or into the user's root when that folder no longer exists (``if location no
  longer exists, restore file in the root directory``), under ``name (restored).ext``,
  ``name (restored 2).ext``... when the name is taken (``getUniqueFilename``; English,
  the server's language here); 201.  An unknown entry: 404.
- ``DELETE …/trash/<entry>`` destroys one entry, ``DELETE …/trash`` all (204).

Knob: ``trashbin = None`` on the double: the app is disabled, its DAV root answers 404.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from xml.sax.saxutils import escape

__all__ = ["TrashEntry", "Trashbin"]

Start = Callable[..., Any]


@dataclass
class TrashEntry:
    name: str  # the item's own name
    timestamp: int
    location: str  # its folder inside the user's files ("" at the top)
    deleted_by: str
    is_dir: bool

    @property
    def trash_name(self) -> str:
        return f"{self.name}.d{self.timestamp}"  # Trashbin.php getTrashFilename

    @property
    def original_location(self) -> str:
        return f"{self.location}/{self.name}" if self.location else self.name


class Trashbin:
    """The trash bin of ``user`` whose files are ``root`` (kept beside it, not in it)."""

    def __init__(self, root: Path, user: str, prefix: str = "") -> None:
        self.root, self.user = root, user
        self.files_mount = f"{prefix}/remote.php/dav/files/{user}"
        self.mount = f"{prefix}/remote.php/dav/trashbin/{user}"
        self.storage = root.parent / f"{root.name}.trashbin"
        self.entries: dict[str, TrashEntry] = {}
        self._lock = threading.Lock()

    def names(self) -> list[str]:
        """The original locations in the trash bin (for the tests' checks)."""
        with self._lock:
            return sorted(e.original_location for e in self.entries.values())

    # --- DELETE on the user's files: into the trash bin ---------------------------------------

    def delete(self, environ: dict[str, Any], start: Start, dav: Any) -> Iterable[bytes]:
        path = unquote(environ.get("PATH_INFO", ""))
        rel = path[len(self.files_mount) :].strip("/") if path.startswith(self.files_mount) else ""
        source = self.root / rel
        if not rel or not os.path.lexists(source):
            result: Iterable[bytes] = dav(environ, start)
            return result
        location, _, name = rel.rpartition("/")
        with self._lock:
            stamp = int(time.time())
            while f"{name}.d{stamp}" in self.entries:
                stamp += 1  # move2trash: a lock held for that name, the next second
            entry = TrashEntry(name, stamp, location, self.user, source.is_dir())
            kept = self.storage / entry.trash_name
            self.storage.mkdir(parents=True, exist_ok=True)
            if entry.is_dir:
                shutil.copytree(source, kept, symlinks=True)
            else:
                shutil.copy2(source, kept)
        status: list[str] = []

        def started(line: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
            status.append(line)
            return start(line, headers, *exc)

        body = list(dav(environ, started))
        with self._lock:
            if status and status[0][:1] == "2":
                self.entries[entry.trash_name] = entry
            elif kept.is_dir():
                shutil.rmtree(kept)
            else:
                kept.unlink()
        return body

    # --- /remote.php/dav/trashbin/USER/ ------------------------------------------------------

    def answer(self, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        rest = unquote(environ.get("PATH_INFO", ""))[len(self.mount) :].strip("/")
        kind, _, entry_name = rest.partition("/")
        with self._lock:
            if kind != "trash":
                return _status(start, 404 if kind != "restore" else 405)
            if method == "PROPFIND" and not entry_name:
                depth = environ.get("HTTP_DEPTH", "1")
                return self._listing(start, with_entries=depth != "0")
            entry = self.entries.get(entry_name)
            if entry is None and entry_name:
                return _status(start, 404)
            if method == "DELETE":
                gone = [entry] if entry is not None else list(self.entries.values())
                for one in gone:
                    self._destroy(one)
                return _status(start, 204)
            if method == "MOVE" and entry is not None:
                destination = unquote(urlsplit(environ.get("HTTP_DESTINATION", "")).path)
                if not destination.startswith(self.mount + "/restore/"):
                    return _status(start, 403)  # only the restore folder takes it
                self._restore(entry)
                return _status(start, 201)
        return _status(start, 405)

    def _destroy(self, entry: TrashEntry) -> None:
        kept = self.storage / entry.trash_name
        if kept.is_dir():
            shutil.rmtree(kept)
        else:
            kept.unlink()
        del self.entries[entry.trash_name]

    def _restore(self, entry: TrashEntry) -> None:
        location = entry.location
        if location and not (self.root / location).is_dir():
            location = ""  # Trashbin.php restore: the folder is gone, the user's root
        folder = self.root / location if location else self.root
        stem, ext = os.path.splitext(entry.name) if not entry.is_dir else (entry.name, "")
        name, n = entry.name, 1
        while os.path.lexists(folder / name):  # getUniqueFilename
            n += 1
            name = f"{stem} (restored){ext}" if n == 2 else f"{stem} (restored {n - 1}){ext}"
        os.rename(self.storage / entry.trash_name, folder / name)
        del self.entries[entry.trash_name]

    def _listing(self, start: Start, *, with_entries: bool) -> Iterable[bytes]:
        parts = [
            _response(f"{self.mount}/trash/", "<d:resourcetype><d:collection/></d:resourcetype>")
        ]
        for entry in self.entries.values() if with_entries else ():
            kept = self.storage / entry.trash_name
            kind = "<d:collection/>" if entry.is_dir else ""
            size = (
                ""
                if entry.is_dir
                else f"<d:getcontentlength>{kept.stat().st_size}</d:getcontentlength>"
            )
            props = (
                f"<d:resourcetype>{kind}</d:resourcetype>{size}"
                f"<nc:trashbin-filename>{escape(entry.name)}</nc:trashbin-filename>"
                f"<nc:trashbin-original-location>{escape(entry.original_location)}"
                "</nc:trashbin-original-location>"
                f"<nc:trashbin-deletion-time>{entry.timestamp}</nc:trashbin-deletion-time>"
                "<nc:trashbin-deleted-by-display-name>"
                f"{escape(entry.deleted_by)}</nc:trashbin-deleted-by-display-name>"
            )
            href = f"{self.mount}/trash/{quote(entry.trash_name)}" + ("/" if entry.is_dir else "")
            parts.append(_response(href, props))
        body = (
            '<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" '
            'xmlns:nc="http://nextcloud.org/ns">' + "".join(parts) + "</d:multistatus>"
        ).encode()
        start(
            "207 Multi-Status",
            [
                ("Content-Type", "application/xml; charset=utf-8"),
                ("Content-Length", str(len(body))),
            ],
        )
        return [body]


def _response(href: str, props: str) -> str:
    return (
        f"<d:response><d:href>{escape(href)}</d:href><d:propstat><d:prop>{props}</d:prop>"
        "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    )


_REASONS = {201: "Created", 204: "No Content", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed"}  # fmt: skip


def _status(start: Start, status: int) -> Iterable[bytes]:
    start(f"{status} {_REASONS[status]}", [("Content-Length", "0")])
    return [b""]
