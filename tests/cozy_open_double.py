"""The Cozy double's "open online" routes (issue 17, item 4), as the stack's code answers
them (cozy-stack at db1163854f; ``file:line`` below).  Plugged into ``cozy_server``'s
``route`` after the token and the files scope are checked (the three answer for a file
the token may GET: ``vfs.Allows``, model/sharing/open_file.go:134-135; else 403,
web/office/office.go:52-54, web/notes/notes.go:346-348).

- ``GET /office/:file-id/open`` (web/office/office.go:21-63, routes :103-107, under
  ``/office``: web/routing.go:239): the file by id (``FileByID``; 404 for nothing or a
  folder: office.go:115-120 maps ``os.ErrNotExist`` to 404); 404 "Invalid file, not an
  office document" unless its class is ``text``, ``spreadsheet`` or ``slide``
  (model/sharing/open_office.go:125-128, :318-325; the class comes from the name's
  extension, model/vfs/vfs.go:692-752); 404 "No OnlyOnffice server is configured" [sic]
  when the context has none (open_office.go:157-160, model/office/errors.go:8; the knob
  ``onlyoffice_url``, None by default: most instances have none); else 200 with an
  ``io.cozy.office.url`` (open_office.go:19-28, :162-174; docs/office.md "Response (case
  2)"): ``document_id`` the file's id, ``subdomain`` "flat"/"nested", ``protocol``
  "https" (a production build: open_file.go:251-268), ``instance`` the instance's
  domain, ``public_name`` and the ``onlyoffice`` parameters for the Document Server.
- ``GET /notes/:file-id/open`` (web/notes/notes.go:321-358, route :515; docs/notes.md
  "GET /notes/:id/open"): the file by id (404 for nothing), 404 "Invalid file, not a note"
  when it is not a note (model/sharing/open_note.go:47-50 → model/note/note.go:564-636
  ``fromMetadata``: no note metadata; notes.go:526-527); else 200 with an
  ``io.cozy.notes.url``: ``note_id`` the file's id (open_note.go:93-100), ``subdomain``,
  ``protocol``, ``instance`` as above, ``public_name`` (open_note.go:73-77).
- ``GET /settings/capabilities`` (web/settings/capabilities.go:39-75): any token, no
  permission; ``flat_subdomains`` from the stack's config (knob ``flat_subdomains``).

Files shared from another instance (``sharecode``, case 1 of docs/office.md) are not
served: the double's files are all this instance's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.cozy_server import Answer, CozyStack, Doc, Request

__all__ = ["OpenOnlineKnobs", "file_class", "is_open_route", "open_answer"]

Json = dict[str, Any]

# model/vfs/vfs.go:715-727: the MIME types of these classes, by the extension the stack's
# filetype.ByExtension maps to them
OFFICE_CLASSES = {
    **dict.fromkeys((".ppt", ".odp", ".odg", ".pptx", ".key"), "slide"),
    **dict.fromkeys((".xls", ".ods", ".xlsx", ".numbers"), "spreadsheet"),
    **dict.fromkeys((".doc", ".odt", ".docx", ".pages"), "text"),
}
# the rest of filetype.ByExtension the tests meet, and the class vfs.go:733-739 makes of it
OTHER_CLASSES = {
    **dict.fromkeys((".txt", ".md", ".csv"), "text"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp"), "image"),
    ".pdf": "pdf",
}
_ROUTE = re.compile(r"/(office|notes)/([^/]+)/open")


@dataclass
class OpenOnlineKnobs:
    """The instance's config the routes read."""

    onlyoffice_url: str | None = None  # office.onlyoffice_url of the context (None: none)
    flat_subdomains: bool = True  # config subdomains: flat (the default) or nested
    public_name: str = "Alice"


def file_class(name: str, mime: str) -> str:
    """The ``class`` the stack gives a file: a note's ``text``; for an upload sent as
    ``application/octet-stream`` (as cozysync sends them), the class of the MIME type of
    the name's extension (web/files/files.go:2300-2303, model/vfs/vfs.go:745-752), else
    ``files`` (the default type, vfs.go:706-707)."""
    if mime == "text/vnd.cozy.note+markdown":
        return "text"
    ext = _extension(name)
    return OFFICE_CLASSES.get(ext) or OTHER_CLASSES.get(ext) or "files"


def is_open_route(method: str, path: str) -> bool:
    return method == "GET" and (
        _ROUTE.fullmatch(path) is not None or path == "/settings/capabilities"
    )


def open_answer(stack: CozyStack, r: Request, scope: str) -> Answer:
    """In the handlers' order: the opener (the file, its kind: 404), the permission
    (403), then the result (no office server: 404)."""
    from tests.cozy_server import NOTE_MIME, Answer, api_error

    knobs: OpenOnlineKnobs = stack.open_online
    if r.path == "/settings/capabilities":  # any token: capabilities.go:66-71
        return Answer(200, {"data": _capabilities(knobs)})
    match = _ROUTE.fullmatch(r.path)
    assert match is not None
    doc = _file(stack, match[2])
    office_class = OFFICE_CLASSES.get(_extension(doc.name))
    if match[1] == "office" and office_class is None:  # open_office.go:125-128
        raise api_error(404, "Invalid file, not an office document")
    if match[1] == "notes" and doc.mime != NOTE_MIME:  # no note metadata: note.go:616-629
        raise api_error(404, "Invalid file, not a note")
    if "io.cozy.files" not in scope.split():  # vfs.Allows(GET): office.go:52-54
        raise Answer(403, "Forbidden")
    if match[1] == "notes":
        attributes = {"note_id": doc.id, **_params(stack, knobs)}
        return Answer(200, {"data": {"type": "io.cozy.notes.url", "id": doc.id,
                                     "attributes": attributes}})  # fmt: skip
    if knobs.onlyoffice_url is None:  # open_office.go:157-160
        raise api_error(404, "No OnlyOnffice server is configured")
    assert office_class is not None
    return Answer(200, {"data": _office_url(stack, knobs, doc, office_class)})


def _extension(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _file(stack: CozyStack, file_id: str) -> Doc:
    from tests.cozy_server import ROOT, TRASH, api_error

    doc = stack.docs.get(file_id)
    if doc is None or doc.type != "file" or file_id in (ROOT, TRASH):
        raise api_error(404, "file does not exist")  # os.ErrNotExist → jsonapi.NotFound
    return doc


def _params(stack: CozyStack, knobs: OpenOnlineKnobs) -> Json:
    """open_file.go:251-268 ``OpenLocalFile``."""
    return {
        "subdomain": "flat" if knobs.flat_subdomains else "nested",
        "protocol": "https",
        "instance": stack.instance_host or stack.domain,
        "public_name": knobs.public_name,
    }


def _office_url(stack: CozyStack, knobs: OpenOnlineKnobs, doc: Doc, office_class: str) -> Json:
    """open_office.go:162-174 and the Document Server's parameters (docs/office.md)."""
    onlyoffice = {
        "url": knobs.onlyoffice_url,
        "documentType": {"text": "word", "spreadsheet": "cell", "slide": "slide"}[office_class],
        "document": {"filetype": _extension(doc.name)[1:], "key": doc.rev, "title": doc.name,
                     "url": f"https://{stack.domain}/files/downloads/{doc.id}/{doc.name}"},
        "editor": {"callbackUrl": f"https://{stack.domain}/office/callback", "mode": "edit"},
    }  # fmt: skip
    attributes = {"document_id": doc.id, **_params(stack, knobs), "onlyoffice": onlyoffice}
    return {"type": "io.cozy.office.url", "id": doc.id, "attributes": attributes}


def _capabilities(knobs: OpenOnlineKnobs) -> Json:
    attributes = {
        "file_versioning": True,
        "flat_subdomains": knobs.flat_subdomains,
        "can_auth_with_password": True,
        "can_auth_with_magic_links": False,
        "can_auth_with_oidc": False,
    }
    return {
        "type": "io.cozy.settings",
        "id": "io.cozy.settings.capabilities",
        "attributes": attributes,
        "links": {"self": "/settings/capabilities"},
    }
