"""The OCS share API of the Nextcloud double (issue 17): ``files_sharing``'s shares and
sharees, plugged into ``tests/nextcloud_double.py`` by one route.  PHP cannot run here;
this follows nextcloud/documentation (``developer_manual/client_apis/OCS/
ocs-share-api.rst`` at 0449deb5, ``ocs-sharee-api.rst`` at 3f381962) and nextcloud/server
(``apps/files_sharing/lib/Controller/ShareAPIController.php`` and
``ShareesAPIController.php`` at 28a377d0; the functions are named below):

- Base ``/ocs/v2.php/apps/files_sharing/api/v1``; every call needs ``OCS-APIRequest:
  true`` (ocs-share-api.rst:8-10): without it the double answers 412 as the
  ``CORSMiddleware``/CSRF check does for a request that is not an OCS API request.  Basic
  auth as on WebDAV (the user's password or an app password), else 401.
- ``format=json``: ``{"ocs": {"meta": {"status", "statuscode", "message"}, "data"}}``,
  on v2 the HTTP status being the OCS one (200 success, 400/403/404).
- ``POST /shares`` (ocs-share-api.rst:69-96; ``createShare``): the ``path`` must exist in
  the user's files (404 "Wrong path, file/folder doesn't exist"); ``permissions`` get
  READ added and, on a file, lose CREATE and DELETE; type 0 needs an existing user, type 1
  an existing group (404 "Please specify a valid user/group"); type 3: permissions READ,
  or READ|CREATE|UPDATE|DELETE with ``publicUpload=true`` on a folder only (404 on a
  file); ``password`` kept (its hash answered), ``expireDate`` YYYY-MM-DD (404 "Invalid
  date" else).  The answer is ``formatShare``: id, share_type, uid_owner,
  displayname_owner, permissions, stime, expiration "Y-m-d 00:00:00", path, item_type,
  share_with(_displayname), token and url (``/index.php/s/<token>``) for a link.
- ``GET /shares`` (ocs-share-api.rst:15-28): the user's shares; ``shared_with_me=true``:
  the ones others made with the user (``getShares``).
- ``DELETE /shares/<id>`` (ocs-share-api.rst:98-111; ``deleteShare``): 404 "Wrong share
  ID, share doesn't exist" for an unknown one.  Asked by the recipient of a share in
  ``received``, it leaves it (``deleteShare`` → ``deleteFromSelf`` for a group share,
  ``canDeleteShare`` lets the recipient delete a user share): the share is no longer
  listed and its mount leaves the user's files (the owner's copy stays the owner's: kept
  in ``owners_copies``); ``left`` records the ids.
- ``GET /sharees?search=`` (ocs-sharee-api.rst:15-32; ``ShareesAPIController::search``):
  users and groups whose id or display name holds the term (no case), ``exact`` for a
  whole match, each ``{"label", "value": {"shareType", "shareWith"}}``.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

API = "/ocs/v2.php/apps/files_sharing/api/v1"
READ, UPDATE, CREATE, DELETE, SHARE = 1, 2, 4, 8, 16
Json = dict[str, Any]


@dataclass
class OcsShares:
    """The shares of the double's user; knobs: ``users`` and ``groups`` (id → display
    name), ``received`` (shares other users made with this one)."""

    root: Path
    owner: str
    users: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    shares: dict[int, Json] = field(default_factory=dict)
    received: list[Json] = field(default_factory=list)
    passwords: dict[int, str] = field(default_factory=dict)
    next_id: int = 1
    left: list[int] = field(default_factory=list)  # received shares the user left

    @property
    def owners_copies(self) -> Path:
        return self.root.parent / "owners-copies"

    def answer(
        self, method: str, route: str, query: str, body: bytes, base: str
    ) -> tuple[int, Json]:
        params = {k: v[0] for k, v in parse_qs(query).items()}
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        if method == "GET" and route == "/shares":
            if params.get("shared_with_me") == "true":
                return _ok(self.received)
            return _ok(list(self.shares.values()))
        if method == "POST" and route == "/shares":
            return self._create(form, base)
        if method == "DELETE" and route.startswith("/shares/"):
            key = route.rsplit("/", 1)[1]
            if key.isdigit() and (self.shares.pop(int(key), None) or self._leave(int(key))):
                return _ok([])
            return _fail(404, "Wrong share ID, share doesn't exist")
        if method == "GET" and route == "/sharees":
            return self._sharees(params.get("search", ""))
        return _fail(
            404,
            "Invalid query, please check the syntax. API specifications are here:"
            " http://www.freedesktop.org/wiki/Specifications/open-collaboration-services.",
        )

    def _leave(self, share_id: int) -> bool:
        """The recipient deletes a share made with them: its mount goes from their files."""
        found = next((s for s in self.received if s.get("id") == share_id), None)
        if found is None:
            return False
        self.received.remove(found)
        self.left.append(share_id)
        mount = self.root / str(found["path"]).strip("/")
        if mount.exists():
            target = self.owners_copies / str(found["path"]).strip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(mount, target)
        return True

    def _create(self, form: dict[str, str], base: str) -> tuple[int, Json]:
        rel = form.get("path", "").strip("/")
        target = self.root / rel
        if not rel or not target.exists():
            return _fail(404, "Wrong path, file/folder doesn't exist")
        is_file = target.is_file()
        rights = int(form.get("permissions", "31")) | READ
        if is_file:
            rights &= ~(CREATE | DELETE)
        kind = int(form.get("shareType", "-1"))
        share: Json = {"id": self.next_id, "share_type": kind, "uid_owner": self.owner,
                       "displayname_owner": self.owner.title(), "stime": int(time.time()),
                       "parent": None, "expiration": None, "token": None,
                       "uid_file_owner": self.owner, "path": "/" + rel,
                       "item_type": "file" if is_file else "folder", "mail_send": 0}  # fmt: skip
        if kind in (0, 1):
            names = self.users if kind == 0 else self.groups
            if form.get("shareWith") not in names:
                return _fail(404, f"Please specify a valid {'user' if kind == 0 else 'group'}")
            share |= {"share_with": form["shareWith"],
                      "share_with_displayname": names[form["shareWith"]],
                      "permissions": rights}  # fmt: skip
        elif kind == 3:
            rights = READ
            if form.get("publicUpload") == "true":
                if is_file:
                    return _fail(404, "Public upload is only possible for publicly shared folders")
                rights = READ | CREATE | UPDATE | DELETE
            token = secrets.token_urlsafe(11)[:15]
            share |= {"permissions": rights, "token": token, "url": f"{base}/index.php/s/{token}"}
            if form.get("password"):
                self.passwords[self.next_id] = form["password"]
                share["password"] = "$2y$10$" + secrets.token_hex(20)  # the hash, not it
            if form.get("expireDate"):
                try:
                    time.strptime(form["expireDate"], "%Y-%m-%d")
                except ValueError:
                    return _fail(404, "Invalid date, date format must be YYYY-MM-DD")
                share["expiration"] = form["expireDate"] + " 00:00:00"
        else:
            return _fail(400, "Unknown share type")
        self.shares[self.next_id] = share
        self.next_id += 1
        return _ok(share)

    def _sharees(self, term: str) -> tuple[int, Json]:
        wanted = term.casefold()
        data: Json = {"exact": {"users": [], "groups": [], "remotes": []}, "users": [],
                      "groups": [], "remotes": []}  # fmt: skip
        for key, kind, names in (("users", 0, self.users), ("groups", 1, self.groups)):
            for ident, label in sorted(names.items()):
                if wanted not in ident.casefold() and wanted not in label.casefold():
                    continue
                entry = {"label": label, "value": {"shareType": kind, "shareWith": ident}}
                exact = wanted in (ident.casefold(), label.casefold())
                (data["exact"][key] if exact else data[key]).append(entry)
        return _ok(data)


def ocs_route(
    double: Any, environ: dict[str, Any], start: Callable[..., Any], local: str
) -> Iterable[bytes]:
    """The WSGI answer to ``local`` (a path under ``/ocs/``) for ``double``."""
    from tests.nextcloud_double import _answer, _basic_login

    if environ.get("HTTP_OCS_APIREQUEST", "").lower() != "true":
        return _envelope(start, 412, _fail(412, "CSRF check failed")[1])
    login = _basic_login(environ.get("HTTP_AUTHORIZATION", ""))
    with double._lock:
        allowed = login is not None and (
            login == (double.user, double.password)
            or double.app_passwords.get(login[1]) == login[0]
        )
    if not allowed:
        challenge = [("WWW-Authenticate", 'Basic realm="Nextcloud", charset="UTF-8"')]
        return _answer(start, 401, b"", challenge)
    if not local.startswith(API):
        return _envelope(start, 404, _fail(404, "Invalid query")[1])
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(size) if size else b""
    with double._lock:
        status, data = double.shares.answer(
            environ["REQUEST_METHOD"], local[len(API) :], environ.get("QUERY_STRING", ""),
            body, double.url,
        )  # fmt: skip
    return _envelope(start, status, data)


def _ok(data: object) -> tuple[int, Json]:
    return 200, {"ocs": {"meta": {"status": "ok", "statuscode": 200, "message": "OK"},
                         "data": data}}  # fmt: skip


def _fail(status: int, message: str) -> tuple[int, Json]:
    return status, {"ocs": {"meta": {"status": "failure", "statuscode": status,
                                     "message": message}, "data": []}}  # fmt: skip


def _envelope(start: Callable[..., Any], status: int, body: Json) -> Iterable[bytes]:
    from tests.nextcloud_double import _answer

    raw = json.dumps(body).encode()
    return _answer(start, status, raw, [("Content-Type", "application/json; charset=utf-8")])
