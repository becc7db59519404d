"""A Cozy's old versions of a file (``KeepsVersions``; issue 18, item 1).

What the stack does (cozy-stack docs/files.md, "Versions"; web/files/files.go):

- ``GET /files/:file-id``: the file's old versions are its ``old_versions``
  relationship and, whole, in ``included`` as ``io.cozy.files.versions`` documents
  (web/files/paginated.go:280-289 FileData with versions, :369-392); their id is
  ``<file-id>/<version-id>`` (docs/files.md:1632-1635), listed in ``_id`` order
  (model/vfs/version.go:159-170 VersionsFor), not by date: sorted here.  Each has
  ``updated_at`` (the content's date), ``size`` (a string), ``md5sum`` (base64) and
  ``cozyMetadata.uploadedAt`` / ``uploadedBy`` copied from the file when it was replaced
  (version.go:84-117 NewVersion); ``uploadedBy`` is there only when the upload came from
  an app with a slug or a linked OAuth client (web/files/files.go:2548-2605).
- ``GET /files/download/:file-id/:version-id``: that content (files.go:983-1017).
- ``POST /files/revert/:file-id/:version-id``: the old content becomes the file's, and
  the content it replaces is kept as a new old version (model/vfs/vfsafero/impl.go:546-
  584); the answer is the file doc as it was *before* the revert (files.go:1019-1041
  renders the doc it read, not the one written), so it is not read here: the next pass
  lists the file as changed on the Cozy and brings it down.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from typing import Any, BinaryIO

import httpx

from cozysync.errors import DiskFullError, LocalPermissionError, RemoteItemMissingError
from cozysync.file_versions import FileVersion
from cozysync.models import RemoteState
from cozysync.remotes.cozy_auth import CozySession, json_body
from cozysync.remotes.cozy_changes import md5_hex
from cozysync.remotes.http import copy_body, raise_for_failure

__all__ = ["CozyVersions", "versions_of"]

VERSIONS_TYPE = "io.cozy.files.versions"


def _unix(rfc3339: object) -> float | None:
    if not isinstance(rfc3339, str) or not rfc3339:
        return None
    try:  # up to 9 digits of a second (§8.8): Python takes 6
        head, dot, tail = rfc3339.partition(".")
        if dot:
            digits = "".join(c for c in tail if c.isdigit())
            rfc3339 = f"{head}.{digits[:6]}{tail[len(digits) :]}"
        return datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _made_by(meta: dict[str, Any]) -> str | None:
    """The device or app that uploaded it: the OAuth client's name (a desktop or phone
    client), else the app's slug ("drive"), else nothing said."""
    by = meta.get("uploadedBy")
    if not isinstance(by, dict):
        return None
    client = by.get("oauthClient")
    if isinstance(client, dict) and isinstance(client.get("name"), str) and client["name"]:
        return str(client["name"])
    slug = by.get("slug")
    return slug if isinstance(slug, str) and slug else None


def _version(item: dict[str, Any]) -> tuple[tuple[float, int], FileVersion] | None:
    attrs = item.get("attributes")
    doc_id = item.get("id")
    if not isinstance(attrs, dict) or not isinstance(doc_id, str) or "/" not in doc_id:
        return None
    found = attrs.get("cozyMetadata")
    meta: dict[str, Any] = found if isinstance(found, dict) else {}
    modified = _unix(attrs.get("updated_at"))
    uploaded = _unix(meta.get("uploadedAt"))
    when = modified if modified is not None else uploaded
    try:
        size = int(attrs.get("size") or 0)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    version = FileVersion(
        version_id=doc_id.split("/", 1)[1], modified_at=when, size=size,
        content_hash=md5_hex(attrs.get("md5sum")), made_by=_made_by(meta),
    )  # fmt: skip
    generation, dash, _ = version.version_id.partition("-")  # a rev: "3-abc"
    rank = int(generation) if dash and generation.isdigit() else 0  # a tie on the second
    return (uploaded if uploaded is not None else when, rank), version


def versions_of(body: dict[str, Any]) -> list[FileVersion]:
    """The old versions in a ``GET /files/:id`` answer, newest first (by the time each was
    uploaded, where the stack says it, else by its date; then by its rev's number)."""
    found = [
        _version(item)
        for item in body.get("included") or []
        if isinstance(item, dict) and item.get("type") == VERSIONS_TYPE
    ]
    ordered = sorted((v for v in found if v is not None), key=lambda v: v[0], reverse=True)
    return [version for _, version in ordered]


class CozyVersions:
    """The old versions of the files of one Cozy remote (``find``: the file's state by
    path, read from the server; it raises ``RemoteItemMissingError`` when absent)."""

    def __init__(self, session: CozySession, find: Callable[[str], RemoteState]) -> None:
        self.session = session
        self._find = find

    def _file_id(self, path: str) -> str:
        state = self._find(path)
        if state.is_dir or state.remote_id is None:
            raise RemoteItemMissingError(f"{path!r} is a folder on your Cozy", path=path)
        return state.remote_id

    def list_versions(self, path: str) -> list[FileVersion]:
        response = self.session.request("GET", f"/files/{self._file_id(path)}", error_path=path)
        if response.status_code != 200:
            self.session.fail(response, path)
        return versions_of(json_body(response))

    def _missing(self, path: str, version_id: str) -> RemoteItemMissingError:
        return RemoteItemMissingError(
            f"the version {version_id!r} of {path!r} is not on your Cozy (any more)",
            hint="See the versions kept now with: cozysync versions PATH",
            path=path,
        )

    def download_version(self, path: str, version_id: str, sink: BinaryIO) -> int:
        url = f"/files/download/{self._file_id(path)}/{version_id}"
        headers = {"Accept": "*/*", "Accept-Encoding": "identity"}
        response = self.session.request("GET", url, headers=headers, stream=True, error_path=path)
        with closing(response):
            if response.status_code == 404:
                raise self._missing(path, version_id)
            if response.status_code != 200:
                self.session.fail(response, path)
            try:
                written, _ = copy_body(response, sink, None)
            except httpx.HTTPError as exc:
                raise_for_failure(exc, host=self.session.host, path=path)
            except OSError as exc:
                kind = DiskFullError if exc.errno == errno.ENOSPC else LocalPermissionError
                raise kind(
                    f"cannot write the version of {path!r}: {exc.strerror}", path=path
                ) from exc
        return written

    def restore_version(self, path: str, version_id: str) -> None:
        url = f"/files/revert/{self._file_id(path)}/{version_id}"
        response = self.session.request("POST", url, idempotent=False, error_path=path)
        if response.status_code == 404:
            response.close()
            raise self._missing(path, version_id)
        if response.status_code != 200:
            self.session.fail(response, path)
        response.close()
