"""A Nextcloud's old versions of a file (``KeepsVersions``; issue 18, item 1).

What the server does (nextcloud/documentation developer_manual/client_apis/WebDAV/
versions.rst; nextcloud/server apps/files_versions/lib/):

- The versions of the file whose id is ``FILEID`` (the ``oc:fileid`` a PROPFIND gives)
  are the children of ``/remote.php/dav/versions/USER/versions/FILEID``; each is named
  by its timestamp (Sabre/VersionFile.php ``getName``: the revision id, the content's
  mtime), with ``getlastmodified``, ``getcontentlength`` and, from Nextcloud 28, the
  ``nc:version-author`` who wrote it (Sabre/Plugin.php ``propFind``).  Since Nextcloud
  27 the list holds the current content too, named by the file's own mtime
  (Versions/LegacyVersionsBackend.php ``getVersionsForFile``, ``$currentVersion``): left
  out here, it is not an old version.
- ``GET`` on a version reads it; ``MOVE`` of a version to
  ``/remote.php/dav/versions/USER/restore/…`` restores it (Sabre/RestoreFolder.php
  ``moveInto`` → ``rollBack``): the current content is kept as a version first, the old
  one becomes the file's content with its timestamp as mtime (Storage.php
  ``rollback``).  The next pass lists the file as changed there and brings it down.

``USER`` is the DAV user id in the synced folder's address
(``…/remote.php/dav/files/USER/…``); an address without one (ownCloud's legacy
``/remote.php/webdav/``, a plain WebDAV server) declares no versions.
"""

from __future__ import annotations

import errno
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from contextlib import closing
from typing import BinaryIO
from urllib.parse import quote, unquote, urlsplit

import httpx

from cozysync.errors import (
    DiskFullError,
    LocalPermissionError,
    ProtocolError,
    RemoteItemMissingError,
)
from cozysync.file_versions import FileVersion
from cozysync.models import RemoteState
from cozysync.ports import Clock
from cozysync.remotes.http import copy_body, raise_for_failure, send_with_retries
from cozysync.remotes.webdav_xml import parse_http_date

__all__ = ["NextcloudVersions", "versions_root"]

_DAV_FILES = re.compile(r"^(?P<server>.*?)/remote\.php/dav/files/(?P<user>[^/]+)/")
_DAV, _NC = "{DAV:}", "{http://nextcloud.org/ns}"
PROPFIND_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<d:propfind xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns"><d:prop>'
    b"<d:getlastmodified/><d:getcontentlength/><d:getetag/><nc:version-author/>"
    b"</d:prop></d:propfind>"
)


def versions_root(base_url: str) -> str | None:
    """``…/remote.php/dav/versions/USER/`` for a synced folder's ``…/dav/files/USER/…``
    address; None for any other address."""
    found = _DAV_FILES.match(base_url)
    if found is None:
        return None
    return f"{found['server']}/remote.php/dav/versions/{found['user']}/"


def _versions(body: bytes, collection_path: str, current_mtime: int | None) -> list[FileVersion]:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ProtocolError("the server sent a list of versions cozysync cannot read") from exc
    found: list[FileVersion] = []
    for response in root.iter(f"{_DAV}response"):
        href = unquote(urlsplit(response.findtext(f"{_DAV}href") or "").path).rstrip("/")
        name = href.rsplit("/", 1)[-1]
        if href == collection_path.rstrip("/") or not name.isdigit():
            continue  # the collection itself
        props: dict[str, str] = {}
        for propstat in response.iter(f"{_DAV}propstat"):
            if " 200 " not in f" {propstat.findtext(f'{_DAV}status') or ''} ":
                continue
            for prop in propstat.iter(f"{_DAV}prop"):
                props.update({child.tag: (child.text or "") for child in prop})
        stamp = int(name)
        if stamp == current_mtime:
            continue  # the current content (Nextcloud 27+ lists it): not an old version
        modified = parse_http_date(props.get(f"{_DAV}getlastmodified")) or stamp
        size = props.get(f"{_DAV}getcontentlength", "0")
        author = props.get(f"{_NC}version-author") or None
        found.append(
            FileVersion(
                version_id=name, modified_at=float(modified),
                size=int(size) if size.isdigit() else 0, made_by=author,
            )
        )  # fmt: skip
    return sorted(found, key=lambda v: int(v.version_id), reverse=True)


class NextcloudVersions:
    """The versions DAV collection of one Nextcloud account (``root``: its
    ``versions_root``), reached with the synced folder's client and login; ``stat``
    gives a file's state with its ``oc:fileid`` as ``remote_id``."""

    def __init__(
        self,
        root: str,
        client: httpx.Client,
        auth: httpx.Auth | None,
        clock: Clock,
        stat: Callable[[str], RemoteState | None],
    ) -> None:
        self.root = root
        self._client, self._auth, self._clock, self._stat = client, auth, clock, stat
        self._host = urlsplit(root).netloc

    def _file(self, path: str) -> RemoteState:
        state = self._stat(path)
        if state is None or state.is_dir:
            raise RemoteItemMissingError(f"{path!r} is not a file on the server", path=path)
        if not state.remote_id:
            raise ProtocolError(
                f"the server did not tell the id of {path!r}, which its versions need",
                path=path,
            )
        return state

    def _send(
        self, method: str, url: str, path: str, *, headers: dict[str, str] | None = None,
        content: bytes | None = None, stream: bool = False, idempotent: bool = True,
    ) -> httpx.Response:  # fmt: skip
        def send() -> httpx.Response:
            request = self._client.build_request(method, url, headers=headers, content=content)
            return self._client.send(
                request, auth=self._auth or httpx.USE_CLIENT_DEFAULT, stream=stream
            )

        try:
            return send_with_retries(send, clock=self._clock, idempotent=idempotent)
        except httpx.HTTPError as exc:
            raise_for_failure(exc, host=self._host, path=path)

    def _missing(self, path: str, version_id: str) -> RemoteItemMissingError:
        return RemoteItemMissingError(
            f"the version {version_id!r} of {path!r} is not on the server (any more)",
            hint="See the versions kept now with: cozysync versions PATH",
            path=path,
        )

    def _version_url(self, state: RemoteState, version_id: str) -> str:
        return f"{self.root}versions/{quote(str(state.remote_id))}/{quote(version_id)}"

    def list_versions(self, path: str) -> list[FileVersion]:
        state = self._file(path)
        url = f"{self.root}versions/{quote(str(state.remote_id))}"
        headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
        response = self._send("PROPFIND", url, path, headers=headers, content=PROPFIND_BODY)
        if response.status_code == 404:
            raise RemoteItemMissingError(
                f"the server has no versions of {path!r} (its versions app may be off)",
                path=path,
            )
        if response.status_code != 207:
            raise_for_failure(response, host=self._host, path=path)
        return _versions(response.content, urlsplit(url).path, state.mtime)

    def download_version(self, path: str, version_id: str, sink: BinaryIO) -> int:
        url = self._version_url(self._file(path), version_id)
        response = self._send("GET", url, path, stream=True)
        with closing(response):
            if response.status_code == 404:
                raise self._missing(path, version_id)
            if response.status_code != 200:
                response.read()
                raise_for_failure(response, host=self._host, path=path)
            try:
                written, _ = copy_body(response, sink, None)
            except httpx.HTTPError as exc:
                raise_for_failure(exc, host=self._host, path=path)
            except OSError as exc:
                kind = DiskFullError if exc.errno == errno.ENOSPC else LocalPermissionError
                raise kind(
                    f"cannot write the version of {path!r}: {exc.strerror}", path=path
                ) from exc
        return written

    def restore_version(self, path: str, version_id: str) -> None:
        url = self._version_url(self._file(path), version_id)
        headers = {"Destination": f"{self.root}restore/target"}
        response = self._send("MOVE", url, path, headers=headers, idempotent=False)
        response.close()
        if response.status_code == 404:
            raise self._missing(path, version_id)
        if response.status_code not in (201, 204):
            raise_for_failure(response, host=self._host, path=path)
