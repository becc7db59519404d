"""Invitations in the Cozy double (``tests/cozy_server.py``): a sharing offered to the
test instance and not answered yet, as cozy-stack's code keeps it (at db1163854f):

- the recipient's stack keeps the sharing inactive (``CreateRequest``,
  ``model/sharing/sharing.go:587-626``) with this member "pending" (``invitation.go:
  52-53``) and writes ``<description>.url`` in "Shared with me", made if missing
  (``CreateShortcut``, ``model/sharing/invitation.go:397-456``; ``EnsureSharedWithMeDir``,
  ``files.go:173-190``): mime ``application/internet-shortcut`` (``pkg/consts/file.go:
  28``), its body ``pkg/shortcut`` ``Generate`` (``[InternetShortcut]\\r\\nURL=…\\r\\n``),
  its id kept as the sharing's ``shortcut_id`` (``sharing.go:77``);
- the shortcut's address is the owner's discovery page (``InvitationLink``,
  ``invitation.go:190-215``).  The double plays the owner's stack at its own address:
  ``GET /sharings/:id/discovery?state=`` finds the member by state and, the member's
  instance being known, redirects to the recipient's ``/auth/authorize/sharing?
  sharing_id=&state=`` (``web/sharings/sharings.go:847-905``; ``GenerateOAuthURL``,
  ``model/sharing/oauth.go:300-315``); an unknown sharing or state: the invalid-sharing
  page (400);
- ``GET /auth/authorize/sharing`` (``web/auth/oauth.go:522-600``): 400 for an unknown,
  owned or already active sharing, else the consent form (hidden ``sharing_id``,
  ``state``, ``csrf_token``; the user is logged in: the double has one user);
  ``POST /auth/authorize/sharing`` (:661-688): if not active, ``SendAnswer``
  (``oauth.go:444-560``: member "ready", sharing active), then 303 to the Drive app.
  Accepting replaces the shortcut by the shared folder (``GetSharingDir``,
  ``files.go:540-565``: the shortcut destroyed, ``CreateDirForSharing``, :254-296, in its
  parent with the rule's title and the rule's id), which the replicator fills with the
  owner's files;
- ``DELETE /sharings/:id/recipients/self`` (``sharings.go:1114``, ``revoke.go:194-209``,
  ``RevokeRecipientBySelf``, ``sharing.go:762-810``): 404 unknown, 400 owned (``wrapErrors``,
  ``sharings.go:1262``), else 204: member "revoked", inactive; for a folder its sharing dir
  is removed (``RemoveSharingDir``, ``files.go:575-601``), which on a pending sharing
  first goes through ``GetSharingDir``: the shortcut is destroyed, the folder made, then
  renamed ``<title> (partage annulé)`` (``assets/locales/fr.po:41-42``) and unreferenced.
  So declining leaves an empty folder: the code does that, the double does too.
"""

from __future__ import annotations

import html
import re
import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode

from tests.cozy_sharings_double import SHARED_WITH_ME, SHARED_WITH_ME_NAME, Sharing

if TYPE_CHECKING:
    from tests.cozy_server import CozyStackServer, Request

__all__ = [
    "SHORTCUT_MIME",
    "decline_answer",
    "invitation_page",
    "invite",
    "is_invitation_page",
    "shortcut_body",
]

SHORTCUT_MIME = "application/internet-shortcut"  # pkg/consts/file.go:28
REVOKED_SUFFIX = "partage annulé"  # assets/locales/fr.po:41-42
INVALID_PAGE = "<html><body>Error Invalid sharing</body></html>"
_DISCOVERY = re.compile(r"/sharings/([^/]+)/discovery")


def shortcut_body(url: str) -> bytes:
    """``pkg/shortcut/shortcut.go`` ``Generate``."""
    return f"[InternetShortcut]\r\nURL={url}\r\n".encode()


def invite(
    server: CozyStackServer,
    title: str,
    owner: str,
    files: dict[str, bytes],
    *,
    read_only: bool = False,
    **flags: Any,
) -> Sharing:
    """The owner's stack sends a sharing of ``title`` (holding ``files``) to this
    instance with a shortcut (``PUT /sharings/:id?shortcut=true``)."""
    from tests.cozy_server import ROOT, Doc

    with server.lock:
        if SHARED_WITH_ME not in server.docs:
            server._touch(Doc(SHARED_WITH_ME, "directory", SHARED_WITH_ME_NAME, ROOT))
        sharing = Sharing(
            secrets.token_hex(16), title, owner, read_only, active=False, my_status="pending",
            owner_files=dict(files), **flags,
        )  # fmt: skip
        query = urlencode({"state": sharing.state})
        link = f"{server.url}/sharings/{sharing.id}/discovery?{query}"
        shortcut = Doc(secrets.token_hex(16), "file", f"{title}.url", SHARED_WITH_ME)
        shortcut.content, shortcut.mime = shortcut_body(link), SHORTCUT_MIME
        server._touch(shortcut)
        sharing.shortcut_id = shortcut.id
        server.sharings.sharings.append(sharing)
        return sharing


def is_invitation_page(path: str) -> bool:
    """The pages a browser opens (no token): the owner's discovery page, the consent."""
    return path == "/auth/authorize/sharing" or _DISCOVERY.fullmatch(path) is not None


def invitation_page(server: CozyStackServer, r: Request) -> Any:
    from tests.cozy_server import Answer

    with server.lock:
        found = _DISCOVERY.fullmatch(r.path)
        if found is not None and r.method == "GET":
            return _discovery(server, found[1], r.query.get("state", ""))
        if r.method == "GET":
            return _consent_form(server, r.query)
        if r.method == "POST":
            form = {k: v[0] for k, v in parse_qs(r.read().decode()).items()}
            return _authorize(server, form)
    return Answer(405, "Method not allowed")


def decline_answer(server: CozyStackServer, sharing_id: str) -> Any:
    """``DELETE /sharings/:id/recipients/self`` (the caller holds ``server.lock``)."""
    from tests.cozy_server import Answer, api_error

    sharing = _sharing(server, sharing_id)
    if sharing is None:
        raise api_error(404, "Not found")
    sharing.active, sharing.my_status = False, "revoked"
    folder = _sharing_dir(server, sharing)
    folder.name = f"{folder.name} ({REVOKED_SUFFIX})"
    server._touch(folder)
    return Answer(204)


def _discovery(server: CozyStackServer, sharing_id: str, state: str) -> Any:
    from tests.cozy_server import Answer

    sharing = _sharing(server, sharing_id)
    if sharing is None or not state or state != sharing.state or sharing.my_status == "revoked":
        return Answer(400, INVALID_PAGE, [("Content-Type", "text/html; charset=utf-8")])
    query = urlencode({"sharing_id": sharing.id, "state": state})
    return Answer(302, b"", [("Location", f"{server.url}/auth/authorize/sharing?{query}")])


def _consent_form(server: CozyStackServer, q: dict[str, str]) -> Any:
    from tests.cozy_server import Answer

    sharing = _sharing(server, q.get("sharing_id", ""))
    html_type = [("Content-Type", "text/html; charset=utf-8")]
    if sharing is None or sharing.active or not q.get("state"):
        return Answer(400, INVALID_PAGE, html_type)
    fields = {"sharing_id": sharing.id, "state": q["state"], "csrf_token": "csrf"}
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items()
    )
    page = (
        f"<html><body><p>{html.escape(sharing.owner_name)} shares "
        f'{html.escape(sharing.title)}</p><form method="POST" action="/auth/authorize/sharing">'
        f'{hidden}<button type="submit">Accept</button></form></body></html>'
    )
    return Answer(200, page, html_type)


def _authorize(server: CozyStackServer, form: dict[str, str]) -> Any:
    from tests.cozy_server import Answer, Doc

    sharing = _sharing(server, form.get("sharing_id", ""))
    if sharing is None or form.get("csrf_token") != "csrf":
        return Answer(400, INVALID_PAGE, [("Content-Type", "text/html; charset=utf-8")])
    if not sharing.active:
        if form.get("state") != sharing.state:  # ProcessAnswer on the owner: no such state
            return Answer(400, INVALID_PAGE, [("Content-Type", "text/html; charset=utf-8")])
        sharing.active, sharing.my_status = True, "ready"
        folder = _sharing_dir(server, sharing)
        for name, data in sharing.owner_files.items():  # the replicator's first run
            doc = Doc(secrets.token_hex(16), "file", name, folder.id)
            doc.content = data
            server._touch(doc)
    drive = f"{server.url.replace('://', '://drive.', 1)}/?sharing={sharing.id}"
    return Answer(303, b"", [("Location", drive)])


def _sharing_dir(server: CozyStackServer, sharing: Sharing) -> Any:
    """``GetSharingDir`` on a sharing whose folder is not made yet: the shortcut
    destroyed, the folder made in its parent with the rule's id."""
    from tests.cozy_server import Doc

    existing = server.docs.get(sharing.folder_id)
    if existing is not None:
        return existing
    shortcut = server.docs.get(sharing.shortcut_id)
    parent = shortcut.dir_id if shortcut is not None else SHARED_WITH_ME
    if shortcut is not None:
        server.destroy(shortcut)
    sharing.shortcut_id = ""
    folder = Doc(sharing.folder_id, "directory", sharing.title, parent)
    server._touch(folder)
    return folder


def _sharing(server: CozyStackServer, sharing_id: str) -> Sharing | None:
    return next((s for s in server.sharings.sharings if s.id == sharing_id), None)
