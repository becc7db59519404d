"""A Nextcloud's trash bin as the ``ServerTrash`` port (issue 18, item 2).

What the server does (nextcloud/documentation developer_manual/client_apis/WebDAV/
trashbin.rst; nextcloud/server apps/files_trashbin/lib/):

- ``PROPFIND /remote.php/dav/trashbin/USER/trash`` (Depth 1) lists the trash bin; each
  entry is named ``<name>.d<deletion timestamp>`` (Trashbin.php ``getTrashFilename``) and
  has ``nc:trashbin-filename``, ``nc:trashbin-original-location`` (relative to the user's
  files), ``nc:trashbin-deletion-time`` and ``nc:trashbin-deleted-by-display-name``
  (Sabre/TrashbinPlugin.php ``propFind``).
- ``MOVE`` of an entry to ``/remote.php/dav/trashbin/USER/restore/<name>`` restores it
  (Sabre/RestoreFolder.php ``moveInto`` → Trashbin.php ``restore``): into its original
  folder, **or into the user's root folder when that folder no longer exists** (so a
  parent deleted since is made again here first: the item then lands in the synced
  folder), under a name made unique when taken, ``name (restored).ext`` in the server's
  language (``getUniqueFilename``): it is never restored over an item.  The name it got
  is read from its folder's listing before and after.
- Into another folder: restored at its place, then moved there (``Overwrite: F``).

``USER`` is the DAV user id in the synced folder's address (``…/remote.php/dav/files/
USER/…``); another address (ownCloud's ``/remote.php/webdav/``, plain WebDAV) has none.
cozysync's own temps (its probes', an upload cut short) land in the trash bin too when
deleted: they are left out of the listing, and a capability probe's folder is destroyed
from the trash bin right after its DELETE (``purge_own_temp``: ``DELETE …/trash/<entry>``,
trashbin.rst "Deleting from the trashbin"), so the user never finds it there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from contextlib import closing
from urllib.parse import quote, unquote, urlsplit

import httpx

from cozysync.errors import ProtocolError, RemoteItemMissingError
from cozysync.models import RemoteState, ServerTrashItem
from cozysync.paths import name_of, parent_of
from cozysync.ports import Clock
from cozysync.remotes.http import raise_for_failure, send_with_retries
from cozysync.remotes.webdav_base import is_temp_name

__all__ = ["NextcloudTrash", "purge_own_temp", "trash_place"]

_DAV_FILES = re.compile(r"^(?P<server>.*?)/remote\.php/dav/files/(?P<user>[^/]+)/(?P<rest>.*)$")
_DAV, _NC = "{DAV:}", "{http://nextcloud.org/ns}"
PROPFIND_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<d:propfind xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns"><d:prop>'
    b"<d:resourcetype/><d:getcontentlength/><nc:trashbin-filename/>"
    b"<nc:trashbin-original-location/><nc:trashbin-deletion-time/>"
    b"<nc:trashbin-deleted-by-display-name/></d:prop></d:propfind>"
)
NAMES_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>'
)


def trash_place(base_url: str) -> tuple[str, str, str] | None:
    """(server address, DAV user, the synced folder inside the user's files) of a
    ``…/remote.php/dav/files/USER/…`` address; None for any other address."""
    found = _DAV_FILES.match(base_url)
    if found is None:
        return None
    return found["server"], found["user"], unquote(found["rest"]).strip("/")


def purge_own_temp(
    base_url: str, client: httpx.Client, auth: httpx.Auth | None, clock: Clock, name: str
) -> int:
    """Destroy from the trash bin what cozysync's own temp ``name`` (a probe's folder at
    the synced root, deleted just now) left there; how many entries.  Only an entry of
    exactly that name and place: never a user's item.  Best effort: a server without a
    trash bin (plain WebDAV, the app off) or a refusal leaves it (0)."""
    place = trash_place(base_url)
    if place is None or not is_temp_name(name):
        return 0
    server, user, root = place
    trash = f"{server}/remote.php/dav/trashbin/{user}/trash/"
    host = urlsplit(server).hostname or server
    where = "/".join(p for p in (root, name) if p)
    headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
    listed = _send_with(client, auth, clock, host, "PROPFIND", trash, headers, PROPFIND_BODY)
    with closing(listed):
        if listed.status_code != 207:
            return 0
        try:
            body = ET.fromstring(listed.content)
        except ET.ParseError:
            return 0
    purged = 0
    for response in body.iter(f"{_DAV}response"):
        href = unquote(urlsplit(response.findtext(f"{_DAV}href") or "").path).rstrip("/")
        location = _text(response, f"{_NC}trashbin-original-location")
        if location is None or location.strip("/") != where:
            continue
        entry = trash + quote(href.rsplit("/", 1)[-1], safe="")
        with closing(_send_with(client, auth, clock, host, "DELETE", entry, {}, None)) as gone:
            purged += gone.status_code in (200, 204)
    return purged


def _send_with(
    client: httpx.Client, auth: httpx.Auth | None, clock: Clock, host: str, method: str,
    url: str, headers: dict[str, str], content: bytes | None, path: str = "",
) -> httpx.Response:  # fmt: skip
    def send() -> httpx.Response:
        request = client.build_request(method, url, headers=headers, content=content)
        return client.send(request, auth=auth or httpx.USE_CLIENT_DEFAULT)

    try:
        return send_with_retries(send, clock=clock, idempotent=method in ("PROPFIND", "DELETE"))
    except httpx.HTTPError as exc:
        raise_for_failure(exc, host=host, path=path)


def _text(element: ET.Element, tag: str) -> str | None:
    found = element.find(f".//{tag}")
    return found.text if found is not None and found.text else None


class NextcloudTrash:
    """The trash bin of the Nextcloud user whose folder ``root`` (inside their files,
    "" for all of them) is synced.  ``stat``, ``mkdir`` and ``move`` are the synced
    folder's (``WebDavRemote``'s), on paths relative to it."""

    def __init__(
        self,
        place: tuple[str, str, str],
        client: httpx.Client,
        auth: httpx.Auth | None,
        clock: Clock,
        *,
        stat: Callable[[str], RemoteState | None],
        mkdir: Callable[[str], RemoteState],
        move: Callable[[str, str], RemoteState],
    ) -> None:
        server, user, root = place
        self._trash = f"{server}/remote.php/dav/trashbin/{user}/"
        self._files = f"{server}/remote.php/dav/files/{user}/"
        self._host = urlsplit(server).hostname or server
        self._root = root
        self._client, self._auth, self._clock = client, auth, clock
        self._stat, self._mkdir, self._move = stat, mkdir, move

    def _send(
        self, method: str, url: str, *, headers: dict[str, str], content: bytes | None = None,
        path: str = "",
    ) -> httpx.Response:  # fmt: skip
        return _send_with(
            self._client, self._auth, self._clock, self._host, method, url, headers, content, path
        )

    def _relative(self, location: str) -> str | None:
        location = location.strip("/")
        if not self._root:
            return location or None
        if location.startswith(self._root + "/"):
            return location[len(self._root) + 1 :] or None
        return None

    # --- listing ------------------------------------------------------------------------

    def trashed_items(self) -> list[ServerTrashItem]:
        headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
        url = self._trash + "trash/"
        with closing(self._send("PROPFIND", url, headers=headers, content=PROPFIND_BODY)) as got:
            if got.status_code in (404, 405, 501):
                raise ProtocolError(
                    "this Nextcloud's trash bin cannot be read (its app may be turned off)",
                    "Look in the Deleted files of its web page.",
                )
            if got.status_code != 207:
                raise_for_failure(got, host=self._host, path="")
            items = self._items(got.content)
        items.sort(key=lambda i: i.deleted_at or 0.0, reverse=True)
        return items

    def _items(self, body: bytes) -> list[ServerTrashItem]:
        try:
            root = ET.fromstring(body)
        except ET.ParseError as exc:
            raise ProtocolError("the server sent a trash bin listing cozysync cannot read") from exc
        items: list[ServerTrashItem] = []
        for response in root.iter(f"{_DAV}response"):
            href = unquote(urlsplit(response.findtext(f"{_DAV}href") or "").path).rstrip("/")
            trash_id = href.rsplit("/", 1)[-1]
            location = _text(response, f"{_NC}trashbin-original-location")
            if location is None or href.endswith("/trash"):
                continue  # the collection itself
            path = self._relative(location)
            if path is None or is_temp_name(name_of(path)):
                continue  # deleted outside the synced folder, or cozysync's own temp
            size = _text(response, f"{_DAV}getcontentlength")
            deleted = _text(response, f"{_NC}trashbin-deletion-time")
            items.append(
                ServerTrashItem(
                    trash_id=trash_id, path=path,
                    is_dir=response.find(f".//{_DAV}collection") is not None,
                    size=int(size) if size and size.isdigit() else None,
                    deleted_at=float(deleted) if deleted and deleted.isdigit() else None,
                    deleted_by=_text(response, f"{_NC}trashbin-deleted-by-display-name"),
                )
            )  # fmt: skip
        return items

    # --- restoring ----------------------------------------------------------------------

    def restore(self, item: ServerTrashItem, to_folder: str | None = None) -> str:
        parent = parent_of(item.path)
        self._make_parents(parent)  # else Nextcloud restores into the user's root
        before = self._names_in(parent)
        destination = self._trash + "restore/" + quote(item.trash_id, safe="")
        headers = {"Destination": destination, "Overwrite": "F"}
        url = self._trash + "trash/" + quote(item.trash_id, safe="")
        with closing(self._send("MOVE", url, headers=headers, path=item.path)) as got:
            if got.status_code == 404:
                raise RemoteItemMissingError(
                    f"{item.path!r} is no longer in the trash", path=item.path
                )
            if got.status_code not in (201, 204):
                raise_for_failure(got, host=self._host, path=item.path)
        new = sorted(self._names_in(parent) - before)
        name = name_of(item.path) if name_of(item.path) in new or len(new) != 1 else new[0]
        restored = f"{parent}/{name}" if parent else name
        if to_folder is None:
            return restored
        wanted = f"{to_folder}/{name_of(item.path)}" if to_folder else name_of(item.path)
        self._move(restored, wanted)  # never over an item (Overwrite: F)
        return wanted

    def _make_parents(self, parent: str) -> None:
        if not parent:
            return
        parts = parent.split("/")
        for n in range(1, len(parts) + 1):
            folder = "/".join(parts[:n])
            if self._stat(folder) is None:
                self._mkdir(folder)

    def _names_in(self, folder: str) -> set[str]:
        """The names in the synced folder ``folder`` (Depth 1)."""
        inside = "/".join(p for p in (self._root, folder) if p)
        url = self._files + "".join(quote(p, safe="") + "/" for p in inside.split("/") if p)
        headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
        with closing(self._send("PROPFIND", url, headers=headers, content=NAMES_BODY)) as got:
            if got.status_code != 207:
                raise_for_failure(got, host=self._host, path=folder)
            try:
                root = ET.fromstring(got.content)
            except ET.ParseError as exc:
                raise ProtocolError("the server sent a listing cozysync cannot read") from exc
        own = unquote(urlsplit(url).path).rstrip("/")
        names = set()
        for response in root.iter(f"{_DAV}response"):
            href = unquote(urlsplit(response.findtext(f"{_DAV}href") or "").path).rstrip("/")
            if href != own:
                names.add(href.rsplit("/", 1)[-1])
        return names
