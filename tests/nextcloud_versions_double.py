"""The Nextcloud double's versions app (issue 18, item 1): old versions kept on writes
and served by the versions DAV collection, as nextcloud/server's ``apps/files_versions``
does (developer_manual/client_apis/WebDAV/versions.rst of nextcloud/documentation; the
server's files cited as ``apps/files_versions/lib/<file>``):

- Kept (``Storage::store``, called by the ``write`` pre-hook for a PUT over a file and by
  ``Hooks::pre_renameOrCopy_hook`` for a MOVE onto an existing one): the content about
  to be replaced, named by its mtime (``LegacyVersionsBackend::createVersion``: a copy
  to ``files_versions/<path>.v<mtime>``), not for an empty file ("no use making
  versions for empty files").  Versions live by path (``files_versions/<path>``) and
  follow a MOVE of their file (``Storage::renameOrCopy``).  No expiry here (the
  background job ``Storage::expire`` thins them out over days).
- Listed (``Sabre/VersionCollection.php``, ``VersionFile.php``, ``Sabre/Plugin.php``):
  ``PROPFIND /remote.php/dav/versions/<user>/versions/<fileid>``, the file found by its
  ``oc:fileid`` (``VersionRoot::getChild``: 404 for an unknown id); each version a child
  named by its timestamp with ``getlastmodified`` (the timestamp), ``getcontentlength``,
  ``getcontenttype``, ``getetag`` (the revision id) and ``nc:version-author`` (the user
  who wrote it: its metadata, set from Nextcloud 28 on); the current content is listed
  too, named by the file's mtime (``LegacyVersionsBackend::getVersionsForFile``,
  ``$currentVersion``).
- Read: ``GET`` of a version (``VersionFile::get``), 404 for an unknown one
  (``VersionCollection::getChild``).
- Restored: ``MOVE`` of a version into ``/remote.php/dav/versions/<user>/restore/…``
  (``Sabre/RestoreFolder.php::moveInto`` → ``Storage::rollback``): the current content
  is kept as a version first (unless one of that mtime exists), the version's content
  moved onto the file (the version is gone from the list), the file's mtime set to the
  version's timestamp (``$files_view->touch($file, $revision)``); Sabre answers 201
  (the target did not exist: ``RestoreFolder::childExists`` is false).

A file's id is the double's own (tests/nextcloud_fileids.py keeps it in the
``user.nextcloud.fileid`` extended attribute): found here by walking the files.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from xml.sax.saxutils import escape

__all__ = ["VersionsApp"]

Start = Callable[[str, list[tuple[str, str]]], Any]
_FILEID_XATTR = "user.nextcloud.fileid"  # tests/nextcloud_fileids.py


class VersionsApp:
    """The versions of one user's files (``root``) behind ``prefix``."""

    def __init__(self, root: Path, user: str, prefix: str) -> None:
        self.root, self.user, self.prefix = root, user, prefix
        self.kept: dict[str, dict[int, tuple[bytes, str]]] = {}  # path → mtime → (bytes, author)
        self._lock = threading.Lock()

    @property
    def files_mount(self) -> str:
        return f"{self.prefix}/remote.php/dav/files/{self.user}/"

    @property
    def versions_mount(self) -> str:
        return f"{self.prefix}/remote.php/dav/versions/{self.user}/"

    # --- the hooks on the files' WebDAV ------------------------------------------------------

    def _rel(self, url_path: str) -> str | None:
        path = unquote(url_path)
        if not path.startswith(self.files_mount):
            return None
        return path[len(self.files_mount) :].strip("/")

    def _store(self, rel: str) -> None:
        """``Storage::store``: the content about to be replaced, named by its mtime."""
        target = self.root / rel
        if not target.is_file() or target.stat().st_size == 0:
            return
        mtime = int(target.stat().st_mtime)
        self.kept.setdefault(rel, {})[mtime] = (target.read_bytes(), self.user)

    def around(self, environ: dict[str, Any], start: Start, dav: Any) -> Iterable[bytes]:
        """The files' request with the app's pre- and post-hooks."""
        method = environ["REQUEST_METHOD"]
        rel = self._rel(environ.get("PATH_INFO", ""))
        if rel is None or method not in ("PUT", "MOVE"):
            result: Iterable[bytes] = dav(environ, start)
            return result
        destination = self._rel(urlsplit(environ.get("HTTP_DESTINATION", "")).path)
        with self._lock:
            if method == "PUT":
                self._store(rel)
            elif destination is not None and (self.root / destination).is_file():
                self._store(destination)  # Hooks::pre_renameOrCopy_hook
        status: list[str] = []

        def started(line: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
            status.append(line)
            return start(line, headers, *exc)

        body = list(dav(environ, started))
        if method == "MOVE" and destination is not None and status[0][:1] == "2":
            with self._lock:  # Storage::renameOrCopy: the versions follow the file
                for path in [p for p in self.kept if p == rel or p.startswith(rel + "/")]:
                    moved = destination + path[len(rel) :]
                    self.kept.setdefault(moved, {}).update(self.kept.pop(path))
        return body

    # --- /remote.php/dav/versions/<user>/ --------------------------------------------------

    def _by_id(self, file_id: str) -> str | None:
        for folder, _, names in os.walk(self.root):
            for name in names:
                found = Path(folder) / name
                try:
                    known = os.getxattr(found, _FILEID_XATTR).decode()
                except OSError:
                    continue
                if known == file_id:
                    return found.relative_to(self.root).as_posix()
        return None

    def answer(self, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        path = unquote(environ.get("PATH_INFO", ""))[len(self.versions_mount) :]
        parts = [p for p in path.split("/") if p]
        if len(parts) < 2 or parts[0] != "versions" or len(parts) > 3:
            return _answer(start, 404 if method != "MOVE" else 403, b"")
        with self._lock:
            rel = self._by_id(parts[1])
            if rel is None:  # VersionRoot::getChild
                return _answer(start, 404, b"")
            versions = self._listed(rel)
            if len(parts) == 2:
                if method != "PROPFIND":
                    return _answer(start, 405, b"")
                return self._propfind(start, parts[1], versions)
            stamp = int(parts[2]) if parts[2].isdigit() else -1
            if stamp not in versions:  # VersionCollection::getChild
                return _answer(start, 404, b"")
            if method == "GET":
                return _answer(start, 200, versions[stamp][0], [("ETag", f'"{stamp}"')])
            if method == "MOVE":
                return self._rollback(environ, start, rel, stamp)
        return _answer(start, 405, b"")

    def _listed(self, rel: str) -> dict[int, tuple[bytes, str]]:
        """The old versions and the current content (named by the file's mtime)."""
        target = self.root / rel
        listed = dict(self.kept.get(rel, {}))
        listed[int(target.stat().st_mtime)] = (target.read_bytes(), self.user)
        return listed

    def _rollback(
        self, environ: dict[str, Any], start: Start, rel: str, stamp: int
    ) -> Iterable[bytes]:
        destination = unquote(urlsplit(environ.get("HTTP_DESTINATION", "")).path)
        if not destination.startswith(self.versions_mount + "restore/"):
            return _answer(start, 403, b"")  # only the restore folder takes a version
        target = self.root / rel
        kept = self.kept.setdefault(rel, {})
        current = int(target.stat().st_mtime)
        if current not in kept:  # Storage::rollback: "first create a new version"
            kept[current] = (target.read_bytes(), self.user)
        content, _ = kept.pop(stamp)
        target.write_bytes(content)
        os.utime(target, (stamp, stamp))  # touch($file, $revision)
        return _answer(start, 201, b"")

    def _propfind(
        self, start: Start, file_id: str, versions: dict[int, tuple[bytes, str]]
    ) -> Iterable[bytes]:
        base = f"{self.versions_mount}versions/{file_id}"
        rows = [
            f"<d:response><d:href>{quote(base)}/</d:href><d:propstat><d:prop>"
            "<d:resourcetype><d:collection/></d:resourcetype></d:prop>"
            "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
        ]
        for stamp, (content, author) in sorted(versions.items(), reverse=True):
            rows.append(
                f"<d:response><d:href>{quote(base)}/{stamp}</d:href><d:propstat><d:prop>"
                f"<d:getlastmodified>{formatdate(stamp, usegmt=True)}</d:getlastmodified>"
                f"<d:getcontentlength>{len(content)}</d:getcontentlength>"
                "<d:getcontenttype>application/octet-stream</d:getcontenttype>"
                f'<d:getetag>"{stamp}"</d:getetag><d:resourcetype/>'
                f"<nc:version-author>{escape(author)}</nc:version-author>"
                "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
            )
        body = (
            '<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" '
            'xmlns:nc="http://nextcloud.org/ns" xmlns:oc="http://owncloud.org/ns">'
            + "".join(rows)
            + "</d:multistatus>"
        ).encode()
        return _answer(start, 207, body, [("Content-Type", "application/xml; charset=utf-8")])


_REASONS = {200: "OK", 201: "Created", 207: "Multi-Status", 403: "Forbidden",
            404: "Not Found", 405: "Method Not Allowed"}  # fmt: skip


def _answer(
    start: Start, status: int, body: bytes, headers: Iterable[tuple[str, str]] = ()
) -> Iterable[bytes]:
    start(f"{status} {_REASONS[status]}", [("Content-Length", str(len(body))), *headers])
    return [body]
