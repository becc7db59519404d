"""``Sharing`` on Nextcloud and ownCloud (issue 17): the OCS share API of the
``files_sharing`` app, reached beside the WebDAV folder (the part of its address before
``/remote.php/``).  Read from nextcloud/documentation (``developer_manual/client_apis/OCS/
ocs-share-api.rst`` at 0449deb5, ``ocs-sharee-api.rst`` at 3f381962) and nextcloud/server
(``apps/files_sharing/lib/Controller/ShareAPIController.php`` and
``ShareesAPIController.php`` at 28a377d0):

- Every call carries ``OCS-APIRequest: true`` (ocs-share-api.rst:10) and asks JSON
  (``format=json``): ``{"ocs": {"meta": {"status", "statuscode", "message"}, "data"}}``;
  on ``/ocs/v2.php`` the HTTP status is the OCS one (200 on success, 400/403/404 else).
- ``POST …/shares`` (ocs-share-api.rst:69-96; ``createShare``): ``path`` from the user's
  files root, ``shareType`` 0 user, 1 group, 3 public link, ``shareWith`` for 0 and 1,
  ``permissions`` (1 read, 2 update, 4 create, 8 delete, 16 share), ``password``,
  ``expireDate`` YYYY-MM-DD; a file never keeps create or delete; an editable folder link
  is ``publicUpload=true``.  404 "Wrong path" when the item is not there.
- The share as ``formatShare`` writes it: ``id``, ``share_type``, ``permissions``,
  ``stime`` (unix), ``expiration`` ("Y-m-d 00:00:00" or null), ``path`` (from the user's
  files root), ``item_type``, ``share_with``/``share_with_displayname``, ``uid_owner``/
  ``displayname_owner``, and for a link ``token``, ``url`` and ``password`` (its hash).
- ``GET …/shares`` lists this account's shares (ocs-share-api.rst:15-28);
  ``shared_with_me=true`` the ones shared with it (``getShares``).
- ``DELETE …/shares/<id>`` (ocs-share-api.rst:98-111; ``deleteShare``).  Asked by the
  recipient of a share someone else made, it leaves it: ``deleteShare`` calls
  ``deleteFromSelf`` where the recipient may (``canDeleteShareFromSelf``: a group share,
  only this user's mount goes) and deletes a user share made with them
  (``canDeleteShare``); either way the item leaves the recipient's files.
- ``GET …/sharees?search=…&itemType=file`` (ocs-sharee-api.rst:15-32; ``search``):
  ``data.exact.users``/``groups`` and ``data.users``/``groups``, each ``{"label",
  "value": {"shareType", "shareWith"}}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from cozysync.errors import ConfigError, ProtocolError
from cozysync.paths import name_of
from cozysync.phrases import phrase
from cozysync.ports import Clock
from cozysync.remotes.http import raise_for_failure, send_with_retries
from cozysync.share_errors import CANNOT_SHARE, NO_SHARE, NOT_ON_SERVER, SharingError
from cozysync.share_models import LinkOptions, Share, Sharee, ShareKind

__all__ = ["NextcloudShares", "ocs_place"]

API = "/ocs/v2.php/apps/files_sharing/api/v1"
USER, GROUP, LINK = 0, 1, 3
READ, UPDATE, CREATE, DELETE, SHARE = 1, 2, 4, 8, 16
KINDS = {USER: ShareKind.PERSON, GROUP: ShareKind.GROUP, LINK: ShareKind.LINK}
PREFIX = "nextcloud:"


def ocs_place(base_url: str) -> tuple[str, str] | None:
    """(the server's address before ``/remote.php/``, the synced folder's path from the
    user's files root) for a Nextcloud or ownCloud WebDAV address; None for another."""
    parts = urlsplit(base_url)
    before, found, after = parts.path.partition("/remote.php/")
    if not found:
        return None
    segments = [unquote(s) for s in after.split("/") if s]
    if segments[:2] == ["dav", "files"] and len(segments) >= 3:
        inside = segments[3:]
    elif segments[:1] == ["webdav"]:
        inside = segments[1:]
    else:
        return None
    return f"{parts.scheme}://{parts.netloc}{before}", "/".join(inside)


class NextcloudShares:
    """The OCS share API of one Nextcloud, for the folder synced at ``inside`` (its path
    from the user's files root; "" for the root)."""

    leaving_keeps_the_item = False  # a share left leaves the recipient's files

    def __init__(
        self, server: str, inside: str, client: httpx.Client, auth: httpx.Auth | None,
        clock: Clock,
    ) -> None:  # fmt: skip
        self.server, self.inside = server, inside.strip("/")
        self._client, self._auth, self._clock = client, auth, clock
        self._host = urlsplit(server).netloc

    def share_link(self, path: str, options: LinkOptions) -> Share:
        form = {"path": self._server_path(path), "shareType": str(LINK)}
        if not options.read_only:
            form["permissions"] = str(READ | UPDATE | CREATE | DELETE)
            form["publicUpload"] = "true"
        if options.password:
            form["password"] = options.password
        if options.expires_days is not None:
            until = self._clock.now() + options.expires_days * 86400
            form["expireDate"] = datetime.fromtimestamp(until, UTC).strftime("%Y-%m-%d")
        return self._made(self._call("POST", "/shares", path, data=form))

    def shares(self) -> tuple[Share, ...]:
        mine = self._call("GET", "/shares", "")
        theirs = self._call("GET", "/shares", "", params={"shared_with_me": "true"})
        found = [s for s in (self._share(d, True) for d in _items(mine)) if s is not None]
        found += [s for s in (self._share(d, False) for d in _items(theirs)) if s is not None]
        return tuple(found)

    def stop_share(self, share_id: str) -> None:
        if not share_id.startswith(PREFIX):
            raise SharingError(
                NO_SHARE, phrase("no share {share_id!r} of yours is known", share_id=share_id)
            )
        self._call("DELETE", f"/shares/{share_id.removeprefix(PREFIX)}", "")

    def leave_share(self, share_id: str) -> None:
        if not share_id.startswith(PREFIX):
            raise SharingError(
                NO_SHARE, phrase("no share {share_id!r} made with you is known", share_id=share_id)
            )
        self._call("DELETE", f"/shares/{share_id.removeprefix(PREFIX)}", "")

    def find_sharees(self, query: str) -> tuple[Sharee, ...]:
        params = {"search": query.strip(), "itemType": "file", "perPage": "50", "lookup": "false"}
        data = self._call("GET", "/sharees", "", params=params)
        found: dict[tuple[int, str], Sharee] = {}
        for bucket in (data.get("exact") or {}, data):
            if not isinstance(bucket, dict):
                continue
            for key in ("groups", "users"):
                for entry in bucket.get(key) or ():
                    sharee = _sharee(entry)
                    if sharee is not None:
                        kind = GROUP if sharee.kind == ShareKind.GROUP else USER
                        found.setdefault((kind, sharee.sharee_id), sharee)
        return tuple(found.values())

    def share_with(
        self, path: str, sharees: tuple[Sharee, ...], *, read_only: bool
    ) -> tuple[Share, ...]:
        rights = READ if read_only else READ | UPDATE | CREATE | DELETE | SHARE
        made = []
        for sharee in sharees:
            kind = GROUP if sharee.kind == ShareKind.GROUP else USER
            form = {
                "path": self._server_path(path), "shareType": str(kind),
                "shareWith": sharee.sharee_id, "permissions": str(rights),
            }  # fmt: skip
            made.append(self._made(self._call("POST", "/shares", path, data=form)))
        return tuple(made)

    # -- plumbing ----------------------------------------------------------------------

    def _server_path(self, path: str) -> str:
        return "/" + "/".join(p for p in (self.inside, path) if p)

    def _rel(self, server_path: str) -> str | None:
        clean = server_path.strip("/")
        if not self.inside:
            return clean
        if clean == self.inside:
            return ""
        return clean[len(self.inside) + 1 :] if clean.startswith(self.inside + "/") else None

    def _made(self, data: Any) -> Share:
        share = self._share(data, True) if isinstance(data, dict) else None
        if share is None:
            raise ProtocolError(f"{self._host} made the share but its answer cannot be read")
        return share

    def _share(self, data: dict[str, Any], mine: bool) -> Share | None:
        kind = KINDS.get(_int(data.get("share_type"), -1))
        if kind is None or data.get("id") is None:
            return None  # e-mail, federated, Talk shares: not made by cozysync
        server_path = str(data.get("path") or "")
        rights = _int(data.get("permissions"), READ)
        who = data.get("share_with_displayname") or data.get("share_with") or ""
        if not mine:
            who = data.get("displayname_owner") or data.get("uid_owner") or ""
        stime = _int(data.get("stime"), 0)
        return Share(
            share_id=PREFIX + str(data["id"]), kind=kind, path=self._rel(server_path),
            name=name_of(server_path.strip("/")), who="" if kind == ShareKind.LINK else str(who),
            read_only=not rights & (UPDATE | CREATE | DELETE), mine=mine,
            since=datetime.fromtimestamp(stime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if stime
            else "",
            expires=str(data.get("expiration") or "")[:10], url=str(data.get("url") or ""),
            has_password=kind == ShareKind.LINK and bool(data.get("password")),
        )  # fmt: skip

    def _call(
        self, method: str, route: str, path: str, *, data: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
    ) -> Any:  # fmt: skip
        headers = {"OCS-APIRequest": "true", "Accept": "application/json"}
        query = {"format": "json"} | (params or {})

        def send() -> httpx.Response:
            return self._client.request(
                method, f"{self.server}{API}{route}", params=query, data=data,
                headers=headers, auth=self._auth or httpx.USE_CLIENT_DEFAULT,
            )  # fmt: skip

        try:
            response = send_with_retries(send, clock=self._clock, idempotent=method == "GET")
        except httpx.HTTPError as exc:
            raise_for_failure(exc, host=self._host, path=path)
        if response.status_code in (401, 407) or response.status_code >= 500:
            raise_for_failure(response, host=self._host, path=path)
        try:
            body = response.json()
            meta, payload = body["ocs"]["meta"], body["ocs"]["data"]
        except (ValueError, KeyError, TypeError):
            raise SharingError(
                CANNOT_SHARE,
                phrase(
                    "this server cannot share: {host} has no sharing API (files_sharing)",
                    host=self._host,
                ),
                phrase("Ask its administrator to enable sharing, or share from its web page."),
                server=self._host,
            ) from None
        if response.status_code == 200 and _int(meta.get("statuscode"), 0) in (100, 200):
            return payload
        message = str(meta.get("message") or f"HTTP {response.status_code}")
        if response.status_code == 404 and "path" in message.lower():
            raise SharingError(
                NOT_ON_SERVER,
                phrase(
                    "{path!r} is not on {host} yet ({message})",
                    path=path, host=self._host, message=message,
                ),
                phrase('Sync it first (cozysync sync), then share it.'), path=path,
            )  # fmt: skip
        raise ConfigError(
            phrase("{host} refused: {message}", host=self._host, message=message), path=path or None
        )


def _items(data: Any) -> Iterator[dict[str, Any]]:
    return (d for d in data if isinstance(d, dict)) if isinstance(data, list) else iter(())


def _sharee(entry: Any) -> Sharee | None:
    value = entry.get("value") if isinstance(entry, dict) else None
    if not isinstance(value, dict) or not value.get("shareWith"):
        return None
    kind = _int(value.get("shareType"), -1)
    if kind not in (USER, GROUP):
        return None
    share_with = str(value["shareWith"])
    label = str(entry.get("label") or share_with)
    return Sharee(share_with, label, KINDS[kind], share_with)


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
