"""Open a synced item in the Cozy's web apps (``OpenOnline`` for ``CozyRemote``).

Read from the stack (cozy-stack at db1163854f) and the web apps that open files:

- ``GET /office/:id/open`` (web/office/office.go:21-63, docs/office.md): 200 when the
  file is an office document (class text, spreadsheet or slide) and the instance has an
  OnlyOffice server; 404 otherwise (model/sharing/open_office.go:125-128, :157-160).  Drive
  opens it at ``#/onlyoffice/<id>`` (cozy-drive src/modules/navigation/AppRoute.jsx); a
  document shared from another Cozy opens on that Cozy at
  ``#/onlyoffice/<document_id>/fromSharing`` (cozy-drive's OnlyOffice view, where it
  reads the same answer).  On a 404 the file opens in Drive like any other.
- ``GET /notes/:id/open`` (web/notes/notes.go:321-358, docs/notes.md): the Notes app at
  ``#/n/<note_id>``, or its public page with the ``sharecode`` for a note of another Cozy
  (cozy-client packages/cozy-client/src/models/note.js:34-61 ``fetchURL``).
- Any other file, or a folder: Drive at its folder, ``#/folder/<dir_id>/file/<id>`` (the
  viewer over the folder) or ``#/folder/<id>`` (AppRoute.jsx).  The app's host follows
  the instance's subdomains, flat or nested (``GET /settings/capabilities``,
  web/settings/capabilities.go:39-75).
- The app host: cozy-client packages/cozy-client/src/helpers/urlHelper.js:27-53
  (``generateWebLink``): flat ``alice-drive.example.net``, nested
  ``drive.alice.example.net``; the path, then the query, then ``#`` and the hash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from cozysync.errors import ProtocolError, RemoteItemMissingError
from cozysync.online import OnlineAddress, OnlineKind
from cozysync.remotes.cozy_auth import CozySession, json_body

__all__ = ["CozyOpener", "web_link"]

NOTE_SUFFIX = ".cozy-note"
NOTE_MIME = "text/vnd.cozy.note+markdown"
OFFICE_CLASSES = ("text", "spreadsheet", "slide")  # open_office.go:318-325


def web_link(
    protocol: str,
    instance: str,
    slug: str,
    *,
    nested: bool,
    hash_path: str = "/",
    pathname: str = "/",
    params: tuple[tuple[str, str], ...] = (),
) -> str:
    """A web app's address on an instance (as cozy-client's ``generateWebLink``)."""
    if nested:
        host = f"{slug}.{instance}"
    else:
        first, dot, rest = instance.partition(".")
        host = f"{first}-{slug}{dot}{rest}"
    query = f"?{urlencode(params)}" if params else ""
    return f"{protocol}://{host}{_slash(pathname)}{query}#{_slash(hash_path)}"


def _slash(path: str) -> str:
    return path if path.startswith("/") else "/" + path


class CozyOpener:
    """``OpenOnline`` on one Cozy; ``absolute`` gives an item's path on the Cozy."""

    def __init__(self, session: CozySession, absolute: Callable[[str], str]) -> None:
        self.session = session
        self.absolute = absolute

    def online_address(self, path: str) -> OnlineAddress:
        data = self._metadata(path)
        attrs = data.get("attributes") or {}
        file_id = str(data.get("id") or "")
        if attrs.get("type") == "directory":
            return OnlineAddress(path, self._drive(f"/folder/{file_id}"), OnlineKind.FOLDER_VIEW)
        is_note = attrs.get("mime") == NOTE_MIME or str(attrs.get("name", "")).endswith(NOTE_SUFFIX)
        if is_note:
            note = self._opened("notes", file_id, path)
            if note is not None:
                return OnlineAddress(path, _note_link(note), OnlineKind.NOTE)
        elif _for_the_editor(attrs):
            office = self._opened("office", file_id, path)
            if office is not None:  # None: no OnlyOffice on this Cozy (404)
                return OnlineAddress(path, _office_link(office, self.host), OnlineKind.EDITOR)
        folder = f"/folder/{attrs.get('dir_id')}/file/{file_id}"
        return OnlineAddress(path, self._drive(folder), OnlineKind.FOLDER_VIEW)

    @property
    def host(self) -> str:
        return self.session.host

    def _metadata(self, path: str) -> dict[str, Any]:
        response = self.session.request(
            "GET", "/files/metadata", params={"Path": self.absolute(path)}, error_path=path
        )
        if response.status_code == 404:
            raise RemoteItemMissingError(
                f"{path!r} is not on your Cozy (not synced yet?)", path=path
            )
        if response.status_code != 200:
            self.session.fail(response, path)
        data = json_body(response).get("data")
        if not isinstance(data, dict) or (data.get("attributes") or {}).get("trashed"):
            raise RemoteItemMissingError(
                f"{path!r} is not on your Cozy (not synced yet?)", path=path
            )
        return data

    def _opened(self, app: str, file_id: str, path: str) -> dict[str, Any] | None:
        """The attributes of ``/<app>/:id/open``; None when the stack answers 404."""
        response = self.session.request("GET", f"/{app}/{file_id}/open", error_path=path)
        if response.status_code == 404:
            response.close()
            return None
        if response.status_code != 200:
            self.session.fail(response, path)
        attrs = (json_body(response).get("data") or {}).get("attributes")
        if not isinstance(attrs, dict) or not attrs.get("instance"):
            raise ProtocolError(f"your Cozy sent an answer cozysync cannot read for {path!r}")
        return attrs

    def _drive(self, hash_path: str) -> str:
        scheme = urlsplit(self.session.origin).scheme or "https"
        return web_link(scheme, self.host, "drive", nested=self._nested(), hash_path=hash_path)

    def _nested(self) -> bool:
        """The instance's subdomains (capabilities: unreadable or absent means flat, the
        stack's default and cozy-client's)."""
        response = self.session.request("GET", "/settings/capabilities")
        if response.status_code != 200:
            response.close()
            return False
        attrs = (json_body(response).get("data") or {}).get("attributes") or {}
        return attrs.get("flat_subdomains") is False


def _for_the_editor(attrs: dict[str, Any]) -> bool:
    """cozy-client packages/cozy-client/src/models/file.js:127-145
    (``shouldBeOpenedByOnlyOffice``): the stack's office classes, but not plain text
    and markdown (``text`` too), which Drive's viewer shows."""
    name = str(attrs.get("name", ""))
    return attrs.get("class") in OFFICE_CLASSES and not name.endswith((".txt", ".md"))


def _nested(attrs: dict[str, Any]) -> bool:
    return attrs.get("subdomain") == "nested"


def _note_link(attrs: dict[str, Any]) -> str:
    """note.js:34-61: the owner's public page with the sharecode, else ``#/n/<id>``."""
    protocol, instance = str(attrs.get("protocol") or "https"), str(attrs["instance"])
    note_id = str(attrs.get("note_id") or "")
    if attrs.get("sharecode"):
        params = [("id", note_id), ("sharecode", str(attrs["sharecode"]))]
        if attrs.get("public_name"):
            params.append(("username", str(attrs["public_name"])))
        return web_link(
            protocol, instance, "notes", nested=_nested(attrs), pathname="/public/",
            params=tuple(params),
        )  # fmt: skip
    return web_link(protocol, instance, "notes", nested=_nested(attrs), hash_path=f"/n/{note_id}")


def _office_link(attrs: dict[str, Any], own_host: str) -> str:
    """Drive's OnlyOffice view: here, or on the Cozy the document is shared from."""
    protocol, instance = str(attrs.get("protocol") or "https"), str(attrs["instance"])
    document_id = str(attrs.get("document_id") or "")
    shared = instance != own_host and bool(attrs.get("sharecode"))
    hash_path = f"/onlyoffice/{document_id}" + ("/fromSharing" if shared else "")
    return web_link(protocol, instance, "drive", nested=_nested(attrs), hash_path=hash_path)
