"""Public links to a file or folder of a Cozy (issue 17, item 1), as the Drive web app
makes them.  Read from cozy-stack at db1163854f and cozy-client at 52ae03c0:

- ``POST /permissions?codes=code&ttl=7D`` (``docs/permissions.md:274-349``;
  ``web/permissions/permissions.go:147-279``) with a JSON:API ``io.cozy.permissions``
  whose ``permissions`` hold one ``io.cozy.files`` rule on the item's id; ``password``
  is hashed by the stack (``model/permission/permissions.go:777-783``) and sent back as
  ``true``; ``ttl`` is a bigduration ("7D", :201-215).  The set must be a subset of the
  token's own permissions (``CheckSetPermissions``, permissions.go:697-723): the
  ``io.cozy.files`` scope is enough.  200 with ``codes`` and ``shortcodes`` by name.
  cozy-client asks ``codes=code`` (``packages/cozy-stack-client/src/
  PermissionCollection.js:38-41``) and verbs ``["GET"]`` for a read-only link
  (``packages/cozy-client/src/models/sharing.js:16-29``).
- The public address is Drive's ``/public`` page with ``sharecode`` the shortcode
  (``models/sharing.js:31-37``): the app's host is ``<name>-drive.<domain>`` on flat
  subdomains, ``drive.<instance>`` on nested ones (``src/helpers/urlHelper.js:27-53``),
  as ``GET /settings/capabilities`` tells (``flat_subdomains``; docs/settings.md:563-618:
  any token may ask, an error means every capability false).
- ``GET /permissions/doctype/io.cozy.files/shared-by-link`` lists them, 30 a page with
  ``links.next`` (docs/permissions.md:680-750; permissions.go:293-340: GET on the whole
  doctype, which the files scope gives).
- ``DELETE /permissions/:id``: 204 (docs/permissions.md:588-603; permissions.go:521-543).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from cozysync.remotes.cozy_auth import CozySession, json_body
from cozysync.share_models import LinkOptions, Share, ShareKind

__all__ = ["CozyShareLinks", "public_link"]

LINKS_PATH = "/permissions/doctype/io.cozy.files/shared-by-link"
READ_VERBS = ["GET"]
EDIT_VERBS = ["GET", "POST", "PUT", "PATCH"]  # Drive's "can edit" link
MAX_PAGES = 100
JSONAPI = "application/vnd.api+json"
LINK_PREFIX = "link:"


def public_link(instance_url: str, shortcode: str, *, flat: bool) -> str:
    """``generateWebLink`` (urlHelper.js:27-53) for Drive's ``/public`` page."""
    parts = urlsplit(instance_url)
    host = parts.netloc
    if flat:
        first, dot, rest = host.partition(".")
        host = f"{first}-drive{dot}{rest}"
    else:
        host = f"drive.{host}"
    return f"{parts.scheme}://{host}/public?{urlencode({'sharecode': shortcode})}#/"


class CozyShareLinks:
    """Links of one Cozy: made, listed, revoked.  ``path_of``: an item id's path under
    the synced folder (None: outside it); ``name_of``: its name, where known."""

    def __init__(
        self,
        session: CozySession,
        instance_url: str,
        path_of: Callable[[str], str | None],
        name_of: Callable[[str], str],
    ) -> None:
        self.session = session
        self.instance_url = instance_url
        self.path_of = path_of
        self.name_of = name_of
        self._flat: bool | None = None

    def create(self, item_id: str, path: str, options: LinkOptions) -> Share:
        verbs = READ_VERBS if options.read_only else EDIT_VERBS
        rule = {"type": "io.cozy.files", "verbs": verbs, "values": [item_id]}
        attributes: dict[str, Any] = {"permissions": {"files": rule}}
        if options.password:
            attributes["password"] = options.password
        params = {"codes": "code"}
        if options.expires_days is not None:
            params["ttl"] = f"{options.expires_days}D"
        body = {"data": {"type": "io.cozy.permissions", "attributes": attributes}}
        response = self.session.request(
            "POST", "/permissions", params=params, idempotent=False,
            headers={"Content-Type": JSONAPI}, content=_json_bytes(body), error_path=path,
        )  # fmt: skip
        if response.status_code != 200:
            self.session.fail(response, path)
        data = json_body(response).get("data")
        share = self._share(data if isinstance(data, dict) else {})
        if share is None:
            from cozysync.errors import ProtocolError

            raise ProtocolError("your Cozy made the link but sent no code for it", path=path)
        return share

    def listed(self) -> Iterator[Share]:
        url: str | None = LINKS_PATH
        for _ in range(MAX_PAGES):
            if url is None:
                return
            response = self.session.request("GET", url)
            if response.status_code != 200:
                self.session.fail(response, "")
            body = json_body(response)
            for item in body.get("data") or ():
                share = self._share(item) if isinstance(item, dict) else None
                if share is not None:
                    yield share
            links = body.get("links")
            url = str(links["next"]) if isinstance(links, dict) and links.get("next") else None

    def revoke(self, permission_id: str) -> None:
        response = self.session.request("DELETE", f"/permissions/{permission_id}", idempotent=False)
        if response.status_code not in (204, 404):  # 404: already gone
            self.session.fail(response, "")

    def _share(self, item: dict[str, Any]) -> Share | None:
        attrs = item.get("attributes")
        if not isinstance(attrs, dict):
            return None
        codes = attrs.get("shortcodes") or attrs.get("codes")
        code = next(iter(codes.values()), None) if isinstance(codes, dict) and codes else None
        rules = [r for r in (attrs.get("permissions") or {}).values() if isinstance(r, dict)]
        files = [r for r in rules if r.get("type") == "io.cozy.files" and r.get("values")]
        if not code or not files:
            return None
        item_id = str(files[0]["values"][0])
        verbs = {str(v) for r in files for v in r.get("verbs") or ()}
        found = attrs.get("cozyMetadata")
        meta: dict[str, Any] = found if isinstance(found, dict) else {}
        return Share(
            share_id=LINK_PREFIX + str(item.get("id") or ""),
            kind=ShareKind.LINK,
            path=self.path_of(item_id),
            name=self.name_of(item_id),
            who="",
            read_only=verbs <= {"GET", "HEAD"},
            mine=True,
            since=str(meta.get("createdAt") or ""),
            expires=_instant(attrs.get("expires_at")),
            url=public_link(self.instance_url, str(code), flat=self._is_flat()),
            has_password=bool(attrs.get("password")),
        )

    def _is_flat(self) -> bool:
        if self._flat is None:
            response = self.session.request("GET", "/settings/capabilities")
            attrs = (json_body(response).get("data") or {}).get("attributes") or {}
            ok = response.status_code == 200 and isinstance(attrs, dict)
            self._flat = bool(ok and attrs.get("flat_subdomains"))
        return self._flat


def _instant(value: object) -> str:
    """``expires_at``: an RFC 3339 time (Go's ``time.Time``) or unix seconds (the docs'
    examples); "" when absent."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value) if isinstance(value, str) else ""


def _json_bytes(body: object) -> bytes:
    import json

    return json.dumps(body).encode()
