"""A strict Cozy Stack double for the tests: a WSGI app on cheroot, on 127.0.0.1.

The stack itself cannot run here, so this server follows its documented behaviour as the
brief ``shared/design/cozy-protocol.md`` states it; every rule it enforces cites the
brief's section (§N).  It keeps one instance in memory: the VFS (ids, revs, trash, old
versions), the changes feed (sequences, collapsed history, deleted docs), the OAuth
server (registration, authorize with PKCE, tokens, refresh, revocation) and the quota.

Test knobs: ``expire_tokens()`` and ``expire_tokens_after(n)`` (mid-sync), ``fail(method,
path_part, status, ...)`` (the next N matching requests get that answer; method ``*`` for
any), ``hold(method, path_part)`` (a request waits while the test kills the client),
``reset_sequences()`` (old sequences are rejected), ``reset()`` (a fresh instance on the
same address), ``write_note(path, markdown)`` (the Notes app), ``quota``,
``store_half_uploads`` (a broken stack: an upload's body is cut in half, unchecked),
``terms_deadline_passed`` (the manager's terms page: 402 as the stack sends it),
``instance_host`` (its name when reached through a proxy: app hosts serve apps),
``consent`` ("accept", or "cancel": the consent page's Cancel link), ``oauth_clients_max``
(the device-limit flag: the consent page becomes the limit page), ``antivirus`` (each upload
is followed by two writes of its doc) and ``antivirus_blocked`` (file ids answering 451 on
download and trash), ``versions_max`` and ``versions_min_delay_s`` (the old versions kept:
the stack's defaults, 20 and 15 minutes) and ``terms_to_sign`` (new terms before their
deadline: a warning in ``/settings/warnings``, tests/cozy_settings_double.py); records:
``requests`` (as received, with ``targets``: the path of the doc each one named then) and
``answers`` (with their status).  ``CozyUser`` is the user's own hands: plain
httpx calls to the same API with a web-app token, nothing of cozysync.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import secrets
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from cheroot import wsgi

from tests.cozy_drives_double import (
    Drive,
    DriveEvents,
    DrivesDouble,
    drives_answer,
    receive_drive,
)
from tests.cozy_invitations_double import (
    decline_answer,
    invitation_page,
    invite,
    is_invitation_page,
)
from tests.cozy_open_double import OpenOnlineKnobs, file_class, is_open_route, open_answer
from tests.cozy_permissions_double import SharesDouble, shares_answer
from tests.cozy_realtime_double import RealtimeHub, SameOrigin
from tests.cozy_settings_double import (
    hide_not_synchronized,
    not_synchronized_answer,
    references,
    settings_answer,
)
from tests.cozy_sharings_double import SHARED_WITH_ME, SHARED_WITH_ME_NAME, Sharing, SharingsDouble
from tests.cozy_trash_double import is_trash_route, trash_answer
from tests.cozy_versions_double import (
    OldVersion,
    download_version,
    included_and_relationship,
    revert,
    upload_metadata,
    version_of,
)
from tests.servers import free_port

ROOT, TRASH, DRIVES = (
    "io.cozy.files.root-dir",
    "io.cozy.files.trash-dir",
    "io.cozy.files.shared-drives-dir",
)
NOTE_MIME = "text/vnd.cozy.note+markdown"
SCOPE = "io.cozy.files io.cozy.settings:GET:io.cozy.settings.disk-usage"
Json = dict[str, Any]
CLIENTS_LIMIT_PAGE = (
    b'<!DOCTYPE html><html><head><meta http-equiv="refresh" content="20"><title>Cozy</title>'
    b"</head><body><h1>Too many connected devices</h1></body></html>"
)


class Answer(Exception):
    def __init__(
        self,
        status: int,
        body: bytes | Json | list[Json] | str = b"",
        headers: Iterable[tuple[str, str]] = (),
    ):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, list(headers)


def api_error(status: int, detail: str, parameter: str | None = None) -> Answer:
    """§0: JSON:API error, status as a string, ``source.parameter`` the discriminator."""
    err: Json = {"status": str(status), "title": detail, "detail": detail}
    if parameter:
        err["source"] = {"parameter": parameter}
    return Answer(status, {"errors": [err]})


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + ".123456789Z"  # §2: 9 digits


@dataclass
class Doc:
    id: str
    type: str
    name: str
    dir_id: str
    rev: str = ""
    content: bytes = b""
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    trashed: bool = False
    restore_path: str | None = None
    trashed_at: str | None = None  # cozyMetadata.trashedAt (tests/cozy_trash_double.py)
    versions: list[OldVersion] = field(default_factory=list)  # tests/cozy_versions_double.py
    uploaded: Json = field(default_factory=dict)  # cozyMetadata uploadedAt/uploadedBy
    version_at: float = 0.0  # when the last old version was kept (its cozyMetadata.createdAt)
    executable: bool = False
    replaced_md5: str = ""  # the MD5 its last overwrite replaced (the antivirus compares)
    mime: str = "application/octet-stream"
    antivirus_scan: Json | None = None  # {"status": "pending" | "clean" | ...}
    not_synchronized_on: list[str] = field(default_factory=list)  # OAuth client ids (dirs)

    @property
    def md5(self) -> str:
        return base64.b64encode(hashlib.md5(self.content).digest()).decode()


@dataclass
class Client:
    client_id: str
    secret: str
    reg_token: str
    meta: Json


@dataclass
class Fault:
    method: str
    path_part: str
    status: int
    remaining: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


@dataclass
class Hold:
    """A request kept waiting (the ``after``-th match and later), for a kill mid-request."""

    method: str
    path_part: str
    after: int
    arrived: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def matches(self, method: str, path: str) -> bool:
        if self.released.is_set() or method != self.method or self.path_part not in path:
            return False
        self.after -= 1
        return self.after <= 0


class CozyStack:
    """One Cozy instance's API (see the module doc)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.domain = ""  # host:port, set when started
        self.realtime: RealtimeHub | None = None  # the websocket side, once served
        self._fresh()

    def reset(self) -> None:
        """A brand-new instance on the same address (one server shared by a test module):
        empty VFS, new sequence epoch, no client, no token, no fault, no request."""
        with self.lock:
            self._fresh()

    def _fresh(self) -> None:
        self.docs: dict[str, Doc] = {}
        self.seq = 0
        self.epoch = secrets.token_hex(4)
        self.changes: dict[str, tuple[int, bool]] = {}  # id → (seq of its latest rev, deleted)
        self.tombstones: dict[str, str] = {}  # id → rev of the deletion
        self.clients: dict[str, Client] = {}
        self.codes: dict[str, tuple[str, str, str, float]] = {}  # code → client, challenge, uri, t
        # the scope each client was granted on the consent page (the code's, then the
        # refresh token's: cozy-stack web/auth/oauth.go:999-1000, :1030, :1046)
        self.granted: dict[str, str] = {}
        self.tokens: dict[str, tuple[str, str, bool]] = {}  # access → client, scope, expired
        self.refresh_tokens: dict[str, str] = {}
        self.registrations = 0
        self.register_limit = 50  # §1.1
        self.token_lifetime = 7 * 24 * 3600.0  # §1.3: 7 days in the code
        self.quota: int | None = None
        # old versions (cozy-stack pkg/config/config/config.go:807-808, the defaults of
        # fs.versioning, per context in model/vfs/version.go:181-196): at most 20 kept with
        # the current one, and none kept within 15 minutes of the previous one
        self.versions_max = 20
        self.versions_min_delay_s = 15 * 60.0
        # the manager's terms page once the deadline to accept new terms passed (None: none)
        self.terms_deadline_passed: str | None = None
        # new terms to sign whose deadline has not passed: a warning, not a block
        self.terms_to_sign: str | None = None
        # the instance's own host ("alice.cozy.test:8080") when a test reaches the double
        # by name (through a proxy): its app hosts then serve apps, not the API
        self.instance_host: str | None = None
        # the user's answer on the consent page: "accept", or "cancel" (its Cancel link)
        self.consent = "accept"
        # the instance flag cozy.oauthclients.max (None: not set)
        self.oauth_clients_max: int | None = None
        # the context's antivirus (config antivirus.enabled): each upload is scanned, the
        # file doc written twice after it; and the ids of the files it blocks (451)
        self.antivirus = False
        self.antivirus_blocked: set[str] = set()
        # a broken stack (or a proxy rewriting the body and its headers): keeps the first
        # half of each upload's body and checks no Content-MD5 (the real one refuses it)
        self.store_half_uploads = False
        self.faults: list[Fault] = []
        self.holds: list[Hold] = []
        # folders other users share with this instance (tests/cozy_sharings_double.py)
        self.sharings = SharingsDouble()
        # its links, address book and own sharings (tests/cozy_permissions_double.py)
        self.shares = SharesDouble()
        self.open_online = OpenOnlineKnobs()  # tests/cozy_open_double.py
        self.drives = DrivesDouble()  # shared drives (tests/cozy_drives_double.py)
        self.answers: list[tuple[str, str, str, int]] = []  # in the order answered
        self.expire_after: int | None = None  # API requests until every token expires
        self.expired_answers = 0  # "Expired token" answers given
        # §1.4/§1.5 say 400 for an expired or invalid bearer token; cozy-stack PR #3173
        # ("Use 401 Unauthorized for bad bearer tokens", RFC 6750) moves it to 401 with the
        # same header and body, and cozy-desktop (PR #2329) handles both: a knob for it
        self.bad_token_status = 400
        self.requests: list[tuple[str, str, str]] = []
        self.targets: list[str | None] = []  # per request: the path of the doc it names, then
        for doc_id, name, parent in (
            (ROOT, "", ""),
            (TRASH, ".cozy_trash", ROOT),
            (DRIVES, "Drives", ROOT),
        ):
            self._touch(Doc(doc_id, "directory", name, parent))
        self.web_token = self._issue_token("io.cozy.web-app", "io.cozy.files")

    # -- knobs ---------------------------------------------------------------------------

    def receive_sharing(self, title: str, owner: str, **flags: Any) -> Doc:
        """Another user shares a folder with this instance, accepted: the folder made
        under "Partages reçus" with the rule's id (cozy_sharings_double, ``Sharing``
        ``flags``: read_only, active, sync_rules, group_read_only).  Writes in it are
        accepted, as the recipient's own stack does."""
        with self.lock:
            if SHARED_WITH_ME not in self.docs:
                self._touch(Doc(SHARED_WITH_ME, "directory", SHARED_WITH_ME_NAME, ROOT))
            folder = Doc(secrets.token_hex(16), "directory", title, SHARED_WITH_ME)
            self._touch(folder)
            self.sharings.sharings.append(Sharing(folder.id, title, owner, **flags))
            return folder

    def receive_drive(self, name: str, owner: str, **flags: Any) -> Drive:
        """This instance is a member of the shared drive ``name`` another Cozy owns
        (cozy_drives_double, ``Drive`` flags: read_only, active, root_type); its files
        live on the owner's instance (``Drive.put``, ``Drive.tree``)."""
        with self.lock:
            drive = receive_drive(name, owner, **flags)
            self.drives.drives.append(drive)
            drive.owner.realtime = DriveEvents(self, drive)  # its route's events
            if self.realtime is not None:
                self.realtime.drive_exists = lambda i: self.drives.find(i) is not None
            return drive

    def invite_sharing(self, title: str, owner: str, files: dict[str, bytes], **flags: Any) -> Any:
        """Another user invites this instance to share ``title`` (holding ``files``), not
        accepted yet: a ``.url`` shortcut in "Partages reçus" (cozy_invitations_double)."""
        return invite(self, title, owner, files, **flags)

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens = {t: (c, s, True) for t, (c, s, _) in self.tokens.items()}
            self.web_token = self._issue_token("io.cozy.web-app", "io.cozy.files")

    def fail(
        self,
        method: str,
        path_part: str,
        status: int,
        *,
        times: int = 1,
        headers: Iterable[tuple[str, str]] = (),
        body: bytes = b"",
    ) -> None:
        with self.lock:
            self.faults.append(Fault(method, path_part, status, times, tuple(headers), body))

    def write_note(self, path: str, markdown: str) -> Doc:
        """The Notes app (cozy-stack docs/notes.md, ``POST /notes`` then the edits it
        persists): the note file written at ``path`` with its markdown export."""
        with self.lock:
            parent_path, _, name = path.rpartition("/")
            parent = self.by_path("/" + parent_path)
            assert parent is not None and name.endswith(".cozy-note"), path
            doc = self.by_path("/" + path) or Doc(secrets.token_hex(16), "file", name, parent.id)
            if doc.content:
                doc.versions.append(version_of(doc, now_iso()))
            doc.content, doc.mime, doc.updated_at = markdown.encode(), NOTE_MIME, now_iso()
            self._touch(doc)
            return doc

    def hold(self, method: str, path_part: str, *, after: int = 1) -> Hold:
        """Keep the ``after``-th matching request (and later ones) waiting until
        ``released`` is set: the test kills the client while it waits."""
        with self.lock:
            hold = Hold(method, path_part, after)
            self.holds.append(hold)
            return hold

    def expire_tokens_after(self, requests: int) -> None:
        """Every access token expires once ``requests`` more API calls were served: the
        token runs out in the middle of a sync (§1.4)."""
        with self.lock:
            self.expire_after = requests

    def reset_sequences(self) -> None:
        """A new CouchDB epoch: previously given sequences are rejected (§4: 400)."""
        with self.lock:
            self.epoch = secrets.token_hex(4)

    def delete_client(self, client_id: str) -> None:
        """The user revokes the device in the Cozy settings (§1.5)."""
        with self.lock:
            self.clients.pop(client_id, None)

    def add_design_doc(self) -> None:
        with self.lock:
            self.seq += 1
            self.changes["_design/by-path"] = (self.seq, False)

    # -- VFS helpers -----------------------------------------------------------------

    def _touch(self, doc: Doc) -> None:
        """A new revision: ``<generation>-<hash>`` (§0), and a change at a new seq (§4)."""
        gen = int(doc.rev.split("-")[0]) if doc.rev else 0
        doc.rev = f"{gen + 1}-{secrets.token_hex(5)}"
        self.docs[doc.id] = doc
        self.seq += 1
        self.changes[doc.id] = (self.seq, False)
        if self.realtime is not None:  # docs/realtime.md: a doc written in CouchDB
            payload = {"type": "io.cozy.files", "id": doc.id, "rev": doc.rev, "doc": self.raw(doc)}
            self.realtime.publish("CREATED" if gen == 0 else "UPDATED", payload)

    def realtime_scope(self, token: str) -> str | None:
        """The scope of ``token`` if the stack accepts it now (as ``authenticate``)."""
        with self.lock:
            entry = self.tokens.get(token)
            if entry is None or (entry[0] != "io.cozy.web-app" and entry[0] not in self.clients):
                return None
            _client, scope, expired = entry
            claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
            if expired or claims["iat"] + self.token_lifetime < time.time():
                return None
            return scope

    def path_of(self, doc: Doc) -> str:
        parts = []
        while doc.id != ROOT:
            parts.append(doc.name)
            doc = self.docs[doc.dir_id]
        return "/" + "/".join(reversed(parts))

    def children(self, dir_id: str) -> list[Doc]:
        return sorted(
            (d for d in self.docs.values() if d.dir_id == dir_id and d.id != ROOT),
            key=lambda d: d.name,
        )

    def descendants(self, doc: Doc) -> list[Doc]:
        out: list[Doc] = []
        for child in self.children(doc.id):
            out.append(child)
            if child.type == "directory":
                out.extend(self.descendants(child))
        return out

    def by_path(self, path: str) -> Doc | None:
        doc = self.docs[ROOT]
        for name in [n for n in path.split("/") if n]:
            found = [d for d in self.children(doc.id) if d.name == name]
            if not found:
                return None
            doc = found[0]
        return doc

    def dir_by_path(self, path: str) -> Doc | None:
        """cozy-stack model/vfs/couchdb_indexer.go:438-459 (DirByPath): a Mango ``$eq`` on
        the stored ``path``, limit 1, and no check of the name's bytes afterwards (as
        FileByPath, :496-509, and DirChildExists, :627-640, do): CouchDB's collation holds
        NFC and NFD spellings equal, so a folder with an NFC/NFD twin may come back as the
        twin (here: the one with the smaller id, CouchDB's order of equal keys)."""
        wanted = unicodedata.normalize("NFC", "/" + "/".join(n for n in path.split("/") if n))
        same = [
            d
            for d in self.docs.values()
            if d.type == "directory" and unicodedata.normalize("NFC", self.path_of(d)) == wanted
        ]
        return min(same, key=lambda d: d.id) if same else None

    def dir_or_file_by_path(self, path: str) -> Doc | None:
        """couchdb_indexer.go:540-553 (DirOrFileByPath, behind GET /files/metadata,
        web/files/files.go:926): a folder by ``dir_by_path``, else the file of that exact
        name in the folder ``dir_by_path`` gives for the parent path."""
        found = self.dir_by_path(path)
        if found is not None:
            return found
        parent_path, _, name = path.rstrip("/").rpartition("/")
        parent = self.dir_by_path(parent_path)
        if parent is None:
            return None
        return next((d for d in self.children(parent.id) if d.name == name), None)

    def in_trash(self, doc: Doc) -> bool:
        """§2: ``trashed`` for files; a dir is in the trash iff its path is below it."""
        return doc.trashed or self.path_of(doc).startswith("/.cozy_trash/") or doc.id == TRASH

    def tree(self) -> dict[str, bytes | None]:
        """The user's live tree, as the web app shows it (trash and drives left out)."""
        out: dict[str, bytes | None] = {}
        for doc in self.descendants(self.docs[ROOT]):
            path = self.path_of(doc)
            if not re.match(r"^/(\.cozy_trash|Drives)(/|$)", path):
                out[path[1:]] = None if doc.type == "directory" else doc.content
        return out

    def trash_names(self) -> list[str]:
        return [d.name for d in self.children(TRASH)]

    def used(self) -> int:
        return sum(
            len(d.content) + sum(len(v.content) for v in d.versions) for d in self.docs.values()
        )

    # -- representations -------------------------------------------------------------

    def attributes(self, doc: Doc, *, with_path: bool) -> Json:
        attrs: Json = {
            "type": doc.type,
            "name": doc.name,
            "dir_id": doc.dir_id,
            "created_at": doc.created_at,
            "updated_at": doc.updated_at,
            "tags": [],
        }
        if doc.type == "directory" or with_path:  # §2: path stored on dirs only
            attrs["path"] = self.path_of(doc)
        if doc.type == "file":  # §2: size is a string, md5sum base64
            attrs.update(
                size=str(len(doc.content)),
                md5sum=doc.md5,
                trashed=doc.trashed,
                executable=doc.executable,
                mime=doc.mime,
                **{"class": file_class(doc.name, doc.mime)},  # tests/cozy_open_double.py
            )
        if doc.restore_path is not None:
            attrs["restore_path"] = doc.restore_path
        if doc.antivirus_scan is not None:  # model/vfs/file.go:54-55, omitempty
            attrs["antivirus_scan"] = doc.antivirus_scan
        if doc.not_synchronized_on:  # model/vfs/directory.go:42, omitempty
            attrs["not_synchronized_on"] = references(doc)
        return attrs

    def resource(self, doc: Doc) -> Json:
        """§2: the JSON:API resource."""
        relationships: Json = {"parent": {"data": {"type": "io.cozy.files", "id": doc.dir_id}}}
        if doc.type == "directory":  # cozy-stack web/files/paginated.go:204-209
            relationships["not_synchronized_on"] = {
                "links": {"self": f"/files/{doc.id}/relationships/not_synchronized_on"},
                "data": references(doc),
            }
        return {
            "type": "io.cozy.files",
            "id": doc.id,
            "meta": {"rev": doc.rev},
            "attributes": self.attributes(doc, with_path=False),
            "relationships": relationships,
            "links": {"self": f"/files/{doc.id}"},
        }

    def settings_warnings(self) -> list[Json]:
        """web/middlewares/warnings.go:12-29 (ListWarnings): the terms to sign before their
        deadline (``terms_to_sign``: the manager's page), status 402."""
        if not self.terms_to_sign:
            return []
        return [
            {
                "status": "402",
                "title": "TOS Updated",
                "code": "tos-updated",
                "detail": "Terms of services have been updated",
                "links": {"self": self.terms_to_sign},
            }
        ]

    def raw(self, doc: Doc) -> Json:
        """§4: the raw CouchDB doc inside ``_changes``."""
        return {"_id": doc.id, "_rev": doc.rev, **self.attributes(doc, with_path=True)}

    # -- OAuth -----------------------------------------------------------------------

    def _issue_token(self, client_id: str, scope: str) -> str:
        def part(data: Json) -> str:
            return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

        claims = {
            "iat": int(time.time()),
            "sub": client_id,
            "scope": scope,
            "jti": secrets.token_hex(8),
        }
        token = f"{part({'alg': 'HS512', 'typ': 'JWT'})}.{part(claims)}.{secrets.token_urlsafe(16)}"
        self.tokens[token] = (client_id, scope, False)
        return token


def _wants_json(environ: dict[str, Any]) -> bool:
    return "application/json" in environ.get("HTTP_ACCEPT", "")


def auth_failure(
    environ: dict[str, Any], status: int, message: str, challenge: str | None = None
) -> Answer:
    """§0, §1.4, §1.5: errors before the handler are ``{"error": ...}`` only if Accept has
    application/json, else plain text."""
    headers = [("WWW-Authenticate", challenge)] if challenge else []
    return Answer(status, {"error": message} if _wants_json(environ) else message, headers)


class Request:
    def __init__(self, environ: dict[str, Any]) -> None:
        self.environ = environ
        self.method: str = environ["REQUEST_METHOD"]
        self.path: str = environ.get("PATH_INFO", "")
        self.raw_query: str = environ.get("QUERY_STRING", "")
        self.query = {k: v[0] for k, v in parse_qs(self.raw_query, keep_blank_values=True).items()}
        self.length = int(environ.get("CONTENT_LENGTH") or 0)
        self.consumed = 0
        self.client = ""  # the token's client (``authenticate``)

    def header(self, name: str) -> str | None:
        key = name.upper().replace("-", "_")
        return self.environ.get(key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}")

    def read(self, size: int | None = None) -> bytes:
        want = (
            self.length - self.consumed if size is None else min(size, self.length - self.consumed)
        )
        data = self.environ["wsgi.input"].read(want) if want > 0 else b""
        self.consumed += len(data)
        return data

    def drain(self) -> None:
        try:
            while self.consumed < self.length and self.read(1 << 16):
                pass
        except OSError:
            pass

    def json(self) -> Json:
        try:
            data = json.loads(self.read() or b"{}")
        except ValueError:
            raise api_error(400, "Invalid JSON") from None
        return data if isinstance(data, dict) else {}


def imported_as_note(doc: Doc) -> None:
    """§3.1 and cozy-stack docs/notes.md: an upload whose name keeps the ``.cozy-note``
    extension is imported as a note, its markdown parsed into the editor's tree and the
    file written again from it (not stored byte for byte; here: lines stripped of
    trailing spaces, one final newline), mime ``text/vnd.cozy.note+markdown``."""
    if doc.name.endswith(".cozy-note"):
        doc.mime = NOTE_MIME
        text = doc.content.decode("utf-8", "replace")
        doc.content = (
            "\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n"
        ).encode()


def instant(rfc3339: str) -> int:
    """Nanoseconds since 1970 of an RFC 3339 time (Go's time.Time keeps all 9 digits)."""
    match = re.fullmatch(r"(.{19})(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)", rfc3339)
    if match is None:
        raise api_error(400, "Invalid time")
    zone = "+00:00" if match[3] == "Z" else match[3]
    seconds = datetime.fromisoformat(match[1] + zone).timestamp()
    return int(seconds) * 10**9 + int((match[2] or "0").ljust(9, "0"))


def check_name(name: str) -> None:
    """§5: "/", NUL, "\\n", "\\r" forbidden; "", ".", ".." refused: 422 name."""
    if name in ("", ".", "..") or any(c in name for c in "/\x00\n\r"):
        raise api_error(422, "Invalid file name", "name")


def check_md5_header(value: str | None) -> bytes | None:
    """§3.1: 22-24 chars decoding to 16 bytes, else 422 Content-MD5."""
    if value is None:
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if not 22 <= len(value) <= 24 or len(raw) != 16:
        raise api_error(422, "Invalid Content-MD5", "Content-MD5")
    return raw


class CozyStackServer(CozyStack):
    """The instance served on 127.0.0.1 (cheroot in a daemon thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.port = free_port()
        self.domain = f"127.0.0.1:{self.port}"
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._front: SameOrigin | None = None

    @property
    def url(self) -> str:
        return f"http://{self.domain}"

    def start(self) -> None:
        """The API (cheroot) and the realtime websocket on private ports, both behind
        one public port (``cozy_realtime_double.SameOrigin``)."""
        api_port, realtime_port = free_port(), free_port()
        self._server = wsgi.Server(("127.0.0.1", api_port), self, numthreads=8, shutdown_timeout=2)
        self._server.prepare()
        self._thread = threading.Thread(target=self._server.serve, name="cozy-stack", daemon=True)
        self._thread.start()
        self.realtime = RealtimeHub(self.realtime_scope, lambda: len(self.requests))
        self.realtime.start(realtime_port)
        self._front = SameOrigin(self.port, api_port, realtime_port)
        self._front.start()

    def stop(self) -> None:
        if self._front is not None:
            self._front.stop()
            self._front = None
        if self.realtime is not None:
            self.realtime.close()
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=10)

    # -- WSGI --------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        req = Request(environ)
        with self.lock:
            self.requests.append((req.method, req.path, req.raw_query))
            target = (
                self.docs.get(req.path.rsplit("/", 1)[-1])
                if req.path.startswith("/files/")
                else None
            )
            self.targets.append(
                self.path_of(target) if target is not None and target.id != ROOT else None
            )
            fault = next(
                (
                    f
                    for f in self.faults
                    if f.remaining > 0 and f.method in (req.method, "*") and f.path_part in req.path
                ),
                None,
            )
            if fault is not None:
                fault.remaining -= 1
            hold = next((h for h in self.holds if h.matches(req.method, req.path)), None)
        if hold is not None:
            hold.arrived.set()  # the test now kills the client; the request then ends
            hold.released.wait(60)
        try:
            if fault is not None:
                raise Answer(fault.status, fault.body, fault.headers)
            answer = self.route(req)
        except Answer as exc:
            answer = exc
        req.drain()  # the client always sees the answer, not a reset
        with self.lock:
            self.answers.append((req.method, req.path, req.raw_query, answer.status))
        body, ctype = answer.body, "text/plain; charset=utf-8"
        if isinstance(body, dict):
            ctype = (
                "application/vnd.api+json"
                if req.path.startswith(("/files", "/sharings", "/office", "/notes"))
                else "application/json"
            )
            body = json.dumps(body).encode()
        elif isinstance(body, list):  # echo's c.JSON
            ctype, body = "application/json; charset=UTF-8", json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        headers = [("Content-Type", ctype), *answer.headers, ("Content-Length", str(len(body)))]
        start_response(f"{answer.status} X", headers)
        return [body]

    def route(self, r: Request) -> Answer:
        p, m = r.path, r.method
        slug = self.app_slug(r.header("Host") or "")
        if slug is not None:
            return self.serve_app(r, slug)
        if (m, p) in (("GET", "/version"), ("GET", "/version/")):
            # cozy-stack web/version/version.go: these four keys, no auth; build_mode is
            # "production" or "development", runtime_version Go's runtime.Version()
            return Answer(
                200,
                {
                    "version": "1.6.29",
                    "build_mode": "production",
                    "build_time": "2025-02-10T10:12:41Z",
                    "runtime_version": "go1.23.6",
                },
            )
        if (m, p) == ("GET", "/status/"):
            return Answer(
                200, {"cache": "healthy", "couchdb": "healthy", "fs": "healthy", "message": "OK"}
            )
        if is_invitation_page(p):  # pages a browser opens (tests/cozy_invitations_double.py)
            return invitation_page(self, r)
        if p.startswith("/auth/"):
            return self.route_auth(r)
        if self.terms_deadline_passed and re.match(r"/(files|data|sharings|notes)(/|$)", p):
            raise self.terms_to_accept(r)  # before the token is looked at
        scope = self.authenticate(r)
        with self.lock:
            if is_open_route(m, p):  # office, notes, capabilities: tests/cozy_open_double.py
                return open_answer(self, r, scope)
            shared = shares_answer(self, r, scope)  # tests/cozy_permissions_double.py
            if shared is not None:
                return shared
            if p.startswith("/settings/"):  # §3; tests/cozy_settings_double.py
                return settings_answer(self, r, scope)
            relationship = re.fullmatch(r"/files/([^/]+)/relationships/not_synchronized_on", p)
            if relationship is not None and m in ("POST", "DELETE"):
                return not_synchronized_answer(self, r, relationship[1], scope)
            if "io.cozy.files" not in scope.split():
                raise Answer(403, "Forbidden")
            drive_answer = drives_answer(self, r, scope)  # tests/cozy_drives_double.py
            if drive_answer is not None:
                return drive_answer
            if m == "GET" and p.startswith("/sharings/doctype/"):
                own = f"http://{self.domain}"  # web/sharings/sharings.go:250-292
                return Answer(200, self.sharings.listing(p.rsplit("/", 1)[1], own))
            declined = re.fullmatch(r"/sharings/([^/]+)/recipients/self", p)
            if declined is not None and m == "DELETE":  # web/sharings/revoke.go:194-209
                return decline_answer(self, declined[1])
            if (m, p) == ("GET", "/data/io.cozy.files/_changes"):
                return self.data_changes(r)
            if (m, p) == ("GET", "/files/_changes"):
                return self.files_changes(r)
            if (m, p) == ("GET", "/files/metadata"):
                doc = self.dir_or_file_by_path(r.query.get("Path", ""))
                if doc is None:
                    raise api_error(404, "File or directory not found")
                return Answer(200, {"data": self.resource(doc)})
            version = re.fullmatch(r"/files/(download|revert)/([^/]+)/([^/]+)", p)
            if version is not None and (m, version[1]) in (("GET", "download"), ("POST", "revert")):
                if version[1] == "download":  # tests/cozy_versions_double.py
                    return download_version(self, version[2], version[3])
                return revert(self, r, version[2], version[3], now_iso())
            if m == "GET" and p.startswith("/files/download/"):
                return self.download(p.rsplit("/", 1)[1])
            if is_trash_route(m, p):  # list, restore: tests/cozy_trash_double.py
                return trash_answer(self, r)
            if (m, p) == ("DELETE", "/files/trash"):
                for doc in self.children(TRASH):
                    self.destroy(doc)
                return Answer(204)
            if m == "DELETE" and p.startswith("/files/trash/"):
                doc = self.docs.get(p.rsplit("/", 1)[1])
                if doc is None or doc.id == TRASH or not self.in_trash(doc):
                    raise api_error(404, "File or directory not found")
                if doc.type == "file":
                    self.check_antivirus(doc, "delete")  # web/files/files.go:1594
                self.destroy(doc)
                return Answer(204)
        match = re.fullmatch(r"/files/?([^/]*)", p)
        if match is None:
            raise Answer(404, "Not found")
        doc_id = match[1]
        if m == "POST":
            return self.scanned(self.create(r, doc_id or ROOT))
        if m == "PUT":
            return self.scanned(self.overwrite(r, doc_id))
        with self.lock:
            doc = self.docs.get(doc_id)
            if doc is None or doc_id == "":
                raise api_error(404, "File or directory not found")
            if m == "GET":
                return self.get(r, doc)
            if m == "PATCH":
                return self.patch(r, doc)
            if m == "DELETE":
                return self.trash(r, doc)
        raise Answer(405, "Method not allowed")

    def app_slug(self, host: str) -> str | None:
        """The app an app host of this instance names (None: not one).  cozy-stack
        pkg/config/config/split_host.go:7-20 (SplitCozyHost, flat subdomains: the first
        label is ``<instance>-<slug>``); web/routing.go:357-362 hands every request on such
        a host to the app, whatever its path (``/version``, ``/auth/...``, ``/files/...``)."""
        first, _, rest = host.partition(".")
        instance, dash, slug = first.partition("-")
        if not self.instance_host or not dash or f"{instance}.{rest}" != self.instance_host:
            return None
        return slug

    def serve_app(self, r: Request, slug: str) -> Answer:
        """web/apps/serve.go:39-42: only GET and HEAD (else 405); :188-210, a private
        route without a session: its index page redirects to the login page, any other
        file is 401 "You must be authenticated" (nothing of the stack's JSON)."""
        if r.method not in ("GET", "HEAD"):
            return Answer(405, f"Method {r.method} not allowed")
        if r.path in ("/", "/index.html"):
            host = str(self.instance_host)
            back = f"http://{host.replace('.', f'-{slug}.', 1)}/"
            login = f"http://{host}/auth/login?" + urlencode({"redirect": back})
            return Answer(302, b"", [("Location", login)])
        return Answer(401, "You must be authenticated")

    def terms_to_accept(self, r: Request) -> Answer:
        """cozy-stack web/middlewares/instance.go:218-245 (CheckTOSDeadlineExpired), on the
        JSON API groups (web/routing.go:223-244; not /settings, not /auth), before any
        handler: once the deadline passed, an Accept of JSON or JSON:API gets 402 with
        ``ListWarnings`` (warnings.go:12-29) as the body: a bare JSON array (not
        ``{"errors": ...}``) of jsonapi errors (pkg/jsonapi/errors.go:18-25: status as a
        string, ``source`` always present), the manager's terms page in ``links.self``;
        any other Accept a 302 to that page."""
        link = str(self.terms_deadline_passed)
        accept = r.header("Accept") or ""
        if "json" not in accept and "*/*" not in accept and accept:
            return Answer(302, b"", [("Location", link)])
        warning = {
            "status": "402",
            "title": "TOS Updated",
            "code": "tos-updated",
            "detail": "Terms of services have been updated",
            "source": {},
            "links": {"self": link},
        }
        return Answer(402, [warning])

    def authenticate(self, r: Request) -> str:
        auth = r.header("Authorization") or ""
        if not auth.startswith("Bearer "):
            raise auth_failure(r.environ, 401, "No token in request")  # §1.5
        with self.lock:
            entry = self.tokens.get(auth[7:])
            if entry is None or (entry[0] != "io.cozy.web-app" and entry[0] not in self.clients):
                # §1.5: a revoked client's token: 400, invalid_token without description
                raise auth_failure(
                    r.environ,
                    self.bad_token_status,
                    "Invalid JWT token",
                    'Bearer error="invalid_token"',
                )
            if self.expire_after is not None:
                self.expire_after -= 1
                if self.expire_after < 0:
                    self.expire_after = None
                    self.expire_tokens()
                    entry = self.tokens[auth[7:]]
            r.client, scope, expired = entry
            claims = json.loads(base64.urlsafe_b64decode(auth[7:].split(".")[1] + "=="))
            if expired or claims["iat"] + self.token_lifetime < time.time():
                # §1.4: expiry is a 400 (not 401) with this header and "Expired token"
                self.expired_answers += 1
                raise auth_failure(
                    r.environ,
                    self.bad_token_status,
                    "Expired token",
                    'Bearer error="invalid_token" error_description="The access token expired"',
                )
            return scope

    # -- changes feed (§4) ---------------------------------------------------------------

    def fmt_seq(self, n: int) -> str:
        return f"{n}-g1AAAA{self.epoch}x{n}"  # opaque CouchDB-like seqs

    def parse_seq(self, since: str) -> int:
        if since in ("", "0"):
            return 0
        match = re.fullmatch(r"(\d+)-g1AAAA([0-9a-f]+)x\d+", since)
        if match is None or match[2] != self.epoch:
            raise api_error(400, "Invalid since parameter", "since")  # §4: 400 bad option
        return int(match[1])

    def files_changes(self, r: Request) -> Answer:
        allowed = {
            "since",
            "limit",
            "include_docs",
            "include_file_path",
            "skip_deleted",
            "skip_trashed",
            "fields",
        }
        bad = sorted(set(r.query) - allowed)
        if bad:  # §4: no feed=longpoll, no descending, no filter
            raise api_error(400, f"Unsupported query parameter {bad[0]}", bad[0])
        since = self.parse_seq(r.query.get("since", "0"))
        limit = min(int(r.query.get("limit") or 10000), 10000)  # §4: capped at 10000
        docs = r.query.get("include_docs") == "true"
        rows = []
        # §4: design docs always filtered out; one row per doc, at the seq of its latest rev
        for doc_id, (seq, deleted) in sorted(self.changes.items(), key=lambda kv: kv[1][0]):
            if seq <= since or doc_id.startswith("_design/"):
                continue
            if deleted:
                if r.query.get("skip_deleted") != "true":
                    rev = self.tombstones[doc_id]
                    rows.append(
                        {
                            "id": doc_id,
                            "seq": self.fmt_seq(seq),
                            "deleted": True,
                            "changes": [{"rev": rev}],
                            "doc": {"_id": doc_id, "_rev": rev, "_deleted": True},
                        }
                    )
                continue
            doc = self.docs[doc_id]
            if r.query.get("skip_trashed") == "true" and self.in_trash(doc):
                continue
            row: Json = {"id": doc_id, "seq": self.fmt_seq(seq), "changes": [{"rev": doc.rev}]}
            if docs:
                row["doc"] = self.raw(doc)
            rows.append(row)
        if r.client in self.clients:  # web/files/files.go:1899-1904: OAuth clients only
            rows = hide_not_synchronized(self, r.client, rows)
        page = rows[:limit]
        last = page[-1]["seq"] if page else self.fmt_seq(self.seq)
        return Answer(200, {"last_seq": last, "pending": len(rows) - len(page), "results": page})

    def data_changes(self, r: Request) -> Answer:
        """§4: the generic data API allows ``descending`` (cozy-desktop's "current seq")."""
        if r.query.get("descending") != "true" or r.query.get("limit") != "1":
            raise api_error(400, "only the current sequence is emulated")
        return Answer(200, {"last_seq": self.fmt_seq(self.seq), "pending": 0, "results": []})

    # -- reads (§3) ----------------------------------------------------------------------

    def get(self, r: Request, doc: Doc) -> Answer:
        data = self.resource(doc)
        if doc.type == "file":  # §3: a file's old versions (tests/cozy_versions_double.py)
            included, relation = included_and_relationship(doc)
            if relation is not None:
                data["relationships"]["old_versions"] = relation
            return Answer(200, {"data": data, "included": included})
        # §3: a dir's children, paginated (30 by default, page[limit], links.next + page[cursor])
        kids = self.children(doc.id)
        limit = int(r.query.get("page[limit]") or 30)
        start = int(r.query.get("page[cursor]") or 0)
        page = kids[start : start + limit]
        data["relationships"]["contents"] = {
            "data": [{"type": "io.cozy.files", "id": k.id} for k in page]
        }
        body: Json = {"data": data, "included": [self.resource(k) for k in page], "links": {}}
        if start + limit < len(kids):
            body["links"]["next"] = f"/files/{doc.id}?" + urlencode(
                {"page[cursor]": start + limit, "page[limit]": limit}
            )
        return Answer(200, body)

    def download(self, doc_id: str) -> Answer:
        doc = self.docs.get(doc_id)
        if doc is None or doc.type != "file":
            raise api_error(404, "File not found")
        self.check_antivirus(doc, "download")  # web/files/files.go:958
        # §3: ETag is the base64 md5 (quoted), not the rev
        return Answer(
            200,
            doc.content,
            [("ETag", f'"{doc.md5}"'), ("Content-Type", "application/octet-stream")],
        )

    # -- the antivirus (cozy-stack model/job/trigger_antivirus.go, web/files/antivirus.go) --

    def scanned(self, answer: Answer) -> Answer:
        """With ``antivirus`` on, a file created, or updated with another MD5 or size
        (trigger_antivirus.go:50-68), is written twice more, content untouched: the
        trigger sets ``antivirus_scan.status`` to pending (:126, :148-164,
        couchdb.UpdateDoc), then the worker sets the result (worker/antivirus/
        antivirus.go:135-148, updateScanStatus).  Each write is a new rev, a new seq in
        the feed and a realtime UPDATED.  The stack does them seconds later; here at once,
        after the upload's answer was built: its rev is stale when the client reads it."""
        data = answer.body.get("data") if isinstance(answer.body, dict) else None
        if not self.antivirus or answer.status not in (200, 201) or not isinstance(data, dict):
            return answer
        with self.lock:
            doc = self.docs.get(str(data.get("id")))
            if doc is None or doc.type != "file":
                return answer
            if doc.replaced_md5 == doc.md5:
                return answer  # the same bytes: no scan
            for status in ("pending", "infected" if doc.id in self.antivirus_blocked else "clean"):
                doc.antivirus_scan = {"status": status}
                self._touch(doc)
        return answer

    def check_antivirus(self, doc: Doc, action: str) -> None:
        """web/files/antivirus.go:23-34 and :76-86: a blocked action on a file answers 451,
        a JSON:API error with ``code: antivirus_blocked`` (no ``source``)."""
        if doc.id not in self.antivirus_blocked:
            return
        detail = f"Action '{action}' is blocked for files with antivirus status 'infected'"
        error = {
            "status": "451",
            "title": "Unavailable For Legal Reasons",
            "code": "antivirus_blocked",
            "detail": detail,
        }
        raise Answer(451, {"errors": [error]})

    # -- writes (§3, §3.1, §3.2, §6) -----------------------------------------------------

    def check_if_match(self, r: Request, doc: Doc) -> None:
        """§3.1/§8.1: bare rev in If-Match (or ?rev=); a quoted one never matches."""
        wanted = r.header("If-Match") or r.query.get("rev")
        if wanted is not None and wanted != doc.rev:
            raise api_error(412, "Revision does not match", "If-Match")

    def parent_for_write(self, parent_id: str) -> Doc:
        parent = self.docs.get(parent_id)
        if parent is None or parent.type != "directory":
            raise api_error(404, "Parent directory does not exist")  # §3
        if self.in_trash(parent):
            raise api_error(404, "Parent directory is in the trash")  # §8.3
        return parent

    def check_free(self, parent: Doc, name: str, but: str = "") -> None:
        check_name(name)
        if (self.path_of(parent) + "/" + name).count("/") >= 512:
            raise api_error(422, "Path too deep", "path")  # §5
        if any(k.name == name and k.id != but for k in self.children(parent.id)):
            raise api_error(409, "Conflict: a file or directory with the same name exists")  # §3

    def read_body(self, r: Request, declared: int) -> bytes:
        """§3.1: read all of it, then check length (412 Content-Length) and MD5 (412
        Content-MD5) before anything is stored: an upload is visible only once complete."""
        expected_md5 = check_md5_header(r.header("Content-MD5"))
        chunks, digest = [], hashlib.md5()
        while chunk := r.read(1 << 16):
            chunks.append(chunk)
            digest.update(chunk)
        body = b"".join(chunks)
        if len(body) != declared:
            raise api_error(412, "Content length does not match", "Content-Length")
        if self.store_half_uploads:
            return body[: len(body) // 2]
        if expected_md5 is not None and digest.digest() != expected_md5:
            raise api_error(412, "Content-MD5 does not match", "Content-MD5")
        return body

    def declared_size(self, r: Request) -> int:
        """§3.1: Content-Length, or Size= when the body is chunked."""
        value = r.header("Content-Length") or r.query.get("Size")
        if value is None:
            raise api_error(412, "Missing Content-Length", "Content-Length")
        return int(value)

    def check_quota(self, grows_by: int) -> None:
        """§3.1: the declared size is checked against the quota before the body is read."""
        if self.quota is not None and self.used() + grows_by > self.quota:
            raise api_error(413, "The file is too big and exceeds the disk quota")

    def create(self, r: Request, parent_id: str) -> Answer:
        kind, name = r.query.get("Type"), r.query.get("Name", "")
        if kind not in ("file", "directory"):
            raise api_error(422, "Invalid type", "Type")
        with self.lock:
            if kind == "directory":
                return self.create_dir(parent_id, name)
            self.check_free(self.parent_for_write(parent_id), name)
            size = self.declared_size(r)
            check_md5_header(r.header("Content-MD5"))
            self.check_quota(size)
        body = self.read_body(r, size)
        with self.lock:  # re-checked at commit: the upload may have raced another write
            self.check_free(self.parent_for_write(parent_id), name)
            doc = Doc(secrets.token_hex(16), "file", name, parent_id, content=body)
            doc.executable = r.query.get("Executable") == "true"  # web/files/files.go:2317
            imported_as_note(doc)
            if "UpdatedAt" in r.query:
                doc.updated_at = r.query["UpdatedAt"]
            if "CreatedAt" in r.query:
                doc.created_at = r.query["CreatedAt"]
            doc.uploaded = upload_metadata(self, r.client, now_iso())  # cozy_versions_double
            self._touch(doc)
            return Answer(201, {"data": self.resource(doc)})

    def create_dir(self, parent_id: str, name: str) -> Answer:
        """cozy-stack web/files/files.go:194-197 (createDirHandler) and
        model/vfs/directory.go:177-192 (NewDirDoc): the parent is read by id, and only its
        existence is checked; model/vfs/vfsafero/impl.go:169-187 (CreateDir) makes the
        folder where the parent is.  So a folder made in a trashed parent lands in the
        trash, 201 with a path under /.cozy_trash (a file there is refused: impl.go:210-213,
        ErrParentInTrash, 404)."""
        parent = self.docs.get(parent_id)
        if parent is None or parent.type != "directory":
            raise api_error(404, "Parent directory does not exist")
        self.check_free(parent, name)
        doc = Doc(secrets.token_hex(16), "directory", name, parent_id)
        self._touch(doc)
        return Answer(201, {"data": self.resource(doc)})

    def keep_version(self, doc: Doc, old_content: bytes) -> None:
        """The old content of an overwritten file as an io.cozy.files.versions entry, as
        cozy-stack model/vfs/vfsafero/impl.go:917-933 keeps it: not when the MD5 is the
        same (:919-921), nor within ``versions_min_delay_s`` of the last version kept
        (model/vfs/version.go:218-227, ``detectVersionsToClean``), and the oldest dropped
        past ``versions_max`` counting the current one (:229-246)."""
        now = time.time()
        same = hashlib.md5(old_content).digest() == hashlib.md5(doc.content).digest()
        too_soon = bool(doc.versions) and doc.version_at + self.versions_min_delay_s > now
        if self.versions_max == 0:
            doc.versions.clear()
            return
        if not same and not too_soon:
            doc.versions.append(version_of(replace(doc, content=old_content), now_iso()))
            doc.version_at = now
        del doc.versions[: max(len(doc.versions) + 1 - self.versions_max, 0)]

    def overwrite(self, r: Request, doc_id: str) -> Answer:
        with self.lock:
            doc = self.docs.get(doc_id)
            if doc is None or doc.type != "file":
                raise api_error(404, "File not found")
            self.check_if_match(r, doc)
            size = self.declared_size(r)
            check_md5_header(r.header("Content-MD5"))
            # model/vfs/vfsafero/impl.go:195 (CreateFile) -> model/vfs/vfs.go:937-959
            # (CheckAvailableDiskSpace): the new version's whole size against the free
            # space, not the difference with the old one
            self.check_quota(size)
        body = self.read_body(r, size)
        with self.lock:
            self.check_if_match(r, doc)
            old_content, doc.content = doc.content, body
            doc.replaced_md5 = base64.b64encode(hashlib.md5(old_content).digest()).decode()
            self.keep_version(doc, old_content)  # §3.1: the old content is kept (or not)
            # web/files/files.go:268 (OverwriteFileContent -> FileDocFromReq, :2317): a PUT
            # without Executable=true makes the file not executable
            doc.executable = r.query.get("Executable") == "true"
            imported_as_note(doc)
            # cozy-stack web/files/files.go:273-277: UpdatedAt stored as given, and
            # model/vfs/vfsafero/impl.go:203 keeps the old created_at: no clamp here (the
            # one docs/files.md:762-763 describes is not in the code)
            doc.updated_at = r.query.get("UpdatedAt") or now_iso()
            doc.uploaded = upload_metadata(self, r.client, now_iso())  # cozy_versions_double
            self._touch(doc)
            return Answer(200, {"data": self.resource(doc)})

    def patch(self, r: Request, doc: Doc) -> Answer:
        if doc.id in (ROOT, TRASH):
            raise api_error(403, "Root and trash cannot be modified")  # §3.2
        self.check_if_match(r, doc)
        attrs = (r.json().get("data") or {}).get("attributes") or {}
        name, dir_id = attrs.get("name", doc.name), attrs.get("dir_id", doc.dir_id)
        if self.in_trash(doc) and dir_id != doc.dir_id:
            raise api_error(400, "File or directory is already in the trash")  # §3.2
        parent = self.parent_for_write(dir_id)
        if doc.type == "directory" and parent.id in {
            doc.id,
            *(d.id for d in self.descendants(doc)),
        }:
            raise api_error(
                412, "Cannot move a directory inside itself", "dir-id"
            )  # §3.2: code says 412
        self.check_free(parent, name, but=doc.id)
        # model/vfs/vfs.go:849-855 (normalizeDocPatch): without updated_at (or one before
        # 1970) the stored one is checked; before created_at -> ErrIllegalTime, 422
        # UpdatedAt (web/files/files.go:2247-2248)
        updated = attrs.get("updated_at")
        if not isinstance(updated, str) or instant(updated) < 0:
            updated = doc.updated_at
        if instant(updated) < instant(doc.created_at):
            raise api_error(422, "Invalid modification time", "UpdatedAt")
        moved = (name, dir_id) != (doc.name, doc.dir_id)
        doc.name, doc.dir_id = name, dir_id
        if doc.type == "file" and isinstance(attrs.get("executable"), bool):
            doc.executable = attrs["executable"]  # model/vfs/file.go:334, :366
        doc.updated_at = updated
        self._touch(doc)
        if moved and doc.type == "directory":  # §4: the dir and every sub-dir, no file entries
            for sub in self.descendants(doc):
                if sub.type == "directory":
                    self._touch(sub)
        return Answer(200, {"data": self.resource(doc)})

    def trash(self, r: Request, doc: Doc) -> Answer:
        if doc.id in (ROOT, TRASH, DRIVES):
            raise api_error(403, "This directory cannot be trashed")
        if doc.type == "file":  # web/files/files.go:1436-1440: before the rev is checked
            self.check_antivirus(doc, "delete")
        self.check_if_match(r, doc)
        if self.in_trash(doc):
            raise api_error(400, "File or directory is already in the trash")  # §6
        doc.restore_path = self.path_of(self.docs[doc.dir_id])
        doc.trashed_at = now_iso()  # web/files/files.go:1457, :1465 (trashedAt)
        if any(k.name == doc.name for k in self.children(TRASH)):  # §8.4
            doc.name = f"{doc.name} ({secrets.randbelow(900_000_000) + 100_000_000})"
        doc.dir_id, doc.trashed = TRASH, doc.type == "file"
        self._touch(doc)
        # §4: trashing a dir emits the dir, every sub-dir and every file below (trashed)
        for sub in self.descendants(doc):
            sub.trashed = sub.type == "file"
            self._touch(sub)
        return Answer(200, {"data": self.resource(doc)})

    def destroy(self, doc: Doc) -> None:
        """A real deletion (§4): the doc is gone, the feed gets a deleted row."""
        for gone in [doc, *self.descendants(doc)]:
            del self.docs[gone.id]
            self.tombstones[gone.id] = f"{int(gone.rev.split('-')[0]) + 1}-{secrets.token_hex(5)}"
            self.seq += 1
            self.changes[gone.id] = (self.seq, True)
            if self.realtime is not None:
                payload = {"type": "io.cozy.files", "id": gone.id, "rev": self.tombstones[gone.id]}
                self.realtime.publish("DELETED", payload)

    # -- OAuth (§1) ------------------------------------------------------------------------

    def route_auth(self, r: Request) -> Answer:
        p, m = r.path, r.method
        with self.lock:
            if (m, p) == ("POST", "/auth/register"):
                return self.register(r.json())
            if p.startswith("/auth/register/") and m in ("GET", "DELETE"):
                client = self.clients.get(p.rsplit("/", 1)[1])
                if client is None:
                    raise Answer(404, {"error": "Client not found"})  # §1.5: the definitive probe
                if r.header("Authorization") != f"Bearer {client.reg_token}":
                    raise Answer(401, {"error": "invalid registration token"})
                if m == "DELETE":  # §1.5: deliberate unlink
                    del self.clients[client.client_id]
                    return Answer(204)
                return Answer(200, {"client_id": client.client_id, **client.meta})
            if (m, p) == ("GET", "/auth/authorize"):
                return self.authorize(r.query)
            if (m, p) == ("POST", "/auth/access_token"):
                form = {k: v[0] for k, v in parse_qs(r.read().decode()).items()}
                return self.access_token(form)
        raise Answer(404, "Not found")

    def _unique_client_name(self, name: str) -> str:
        """As ``ensureClientNameUnicity`` (model/oauth/client.go:412-456): when a client
        has the very name, the new one gets ``-<n+1>``, n the highest numeric suffix of
        the names starting with ``name-`` (1 if none); else the name as given (a lone
        ``name-2`` does not count).  A reinstall of "cozysync (PC)" is "cozysync (PC)-2"."""
        names = [str(c.meta.get("client_name", "")) for c in self.clients.values()]
        if name not in names:
            return name
        n = 1
        for other in names:
            suffix = other[len(name) + 1 :] if other.startswith(f"{name}-") else ""
            if suffix.isascii() and suffix.isdigit():  # strconv.Atoi
                n = max(n, int(suffix))
        return f"{name}-{n + 1}"

    def register(self, meta: Json) -> Answer:
        uris = meta.get("redirect_uris")
        if not isinstance(uris, list) or not uris:
            raise Answer(
                400,
                {
                    "error": "invalid_redirect_uri",
                    "error_description": "redirect_uris is mandatory",
                },
            )
        for uri in uris:  # §1.1: no fragment, host must not be the Cozy's own domain
            if "#" in uri or urlsplit(uri).netloc == self.domain:
                raise Answer(400, {"error": "invalid_redirect_uri", "error_description": uri})
        if not meta.get("client_name") or not meta.get("software_id"):  # §1.1: mandatory
            raise Answer(
                400, {"error": "invalid_client_metadata", "error_description": "missing field"}
            )
        self.registrations += 1
        if self.registrations > self.register_limit:
            raise Answer(404, "Not found")  # §1.1: the rate limit answers 404, not 429
        meta = {
            **meta,
            "client_name": self._unique_client_name(str(meta["client_name"])),
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
        }
        client = Client(
            secrets.token_hex(16), secrets.token_urlsafe(24), secrets.token_urlsafe(24), meta
        )
        self.clients[client.client_id] = client
        return Answer(
            201,
            {
                **meta,
                "client_id": client.client_id,
                "client_secret": client.secret,
                "client_secret_expires_at": 0,
                "registration_access_token": client.reg_token,
            },
        )

    def authorize(self, q: dict[str, str]) -> Answer:
        """§1.2; the consent page is answered as ``consent`` says (accepted by default)."""
        client = self.clients.get(q.get("client_id", ""))
        if client is None:
            raise Answer(400, "the client must be registered")
        uri = q.get("redirect_uri", "")
        if uri not in client.meta["redirect_uris"]:  # §1.1: byte for byte
            raise Answer(400, "The redirect_uri parameter doesn't match the registered ones")
        if not q.get("state"):
            raise Answer(400, "The state parameter is mandatory")  # §1.2: mandatory on Cozy
        if q.get("response_type") != "code" or not q.get("scope"):
            raise Answer(400, "Invalid response type or scope")
        challenge = q.get("code_challenge", "")
        if challenge and q.get("code_challenge_method") != "S256":
            raise Answer(400, "Only S256 is supported for PKCE")  # §1.2
        connected = sum(1 for c in self.clients.values() if c.meta.get("client_kind"))
        if self.oauth_clients_max is not None and connected >= self.oauth_clients_max:
            # cozy-stack web/auth/oauth.go:249-274 (authorizeForm): with the flag set, every
            # client with a client_kind and a name counts (model/oauth/client.go:204-211,
            # GetConnectedUserClients: this one, just registered, too) and count >= limit
            # renders oauth_clients_limit_exceeded.html with 200: no redirect, nothing for
            # the client; the page reloads itself every 20 s (its meta refresh) and when a
            # client is deleted (assets/scripts/oauth-clients.js)
            return Answer(200, CLIENTS_LIMIT_PAGE, [("Content-Type", "text/html; charset=utf-8")])
        if self.consent == "cancel":
            # web/auth/oauth.go:319-328: the page's Cancel link (assets/templates/authorize.html:94,
            # CloseURI) is redirect_uri with error=access_denied added: no state, no code, no
            # fragment; the browser follows it as the redirect below
            parts = urlsplit(uri)
            query = urlencode(
                [*parse_qs(parts.query).items(), ("error", "access_denied")], doseq=True
            )
            return Answer(302, b"", [("Location", parts._replace(query=query).geturl())])
        code = secrets.token_urlsafe(16)
        self.codes[code] = (client.client_id, challenge, uri, time.time())
        self.granted[client.client_id] = q["scope"]
        # §1.2: legacy access_code duplicate and a trailing empty fragment
        location = f"{uri}?{urlencode({'state': q['state'], 'access_code': code, 'code': code})}#"
        return Answer(302, b"", [("Location", location)])

    def access_token(self, form: dict[str, str]) -> Answer:
        """§1.3 and §1.4: errors are 400 with {"error": ...}; no expires_in."""
        client = self.clients.get(form.get("client_id", ""))
        if client is None:
            raise Answer(400, {"error": "the client must be registered"})
        if form.get("client_secret") != client.secret:
            raise Answer(400, {"error": "invalid client_secret"})
        scope = self.granted.get(client.client_id, SCOPE)
        if form.get("grant_type") == "authorization_code":
            code = form.get("code")
            if not code:
                raise Answer(400, {"error": "the code parameter is mandatory"})
            entry = self.codes.pop(code, None)  # single use
            if entry is None or entry[0] != client.client_id or time.time() - entry[3] > 300:
                raise Answer(400, {"error": "invalid code"})
            verifier = form.get("code_verifier", "")
            computed = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(
                b"="
            )
            if entry[1] and computed.decode() != entry[1]:
                raise Answer(400, {"error": "invalid code_verifier"})
            refresh = secrets.token_urlsafe(32)
            self.refresh_tokens[refresh] = client.client_id
            access = self._issue_token(client.client_id, scope)
            return Answer(
                200,
                {
                    "token_type": "bearer",
                    "access_token": access,
                    "refresh_token": refresh,
                    "scope": scope,
                },
            )
        if form.get("grant_type") == "refresh_token":
            if self.refresh_tokens.get(form.get("refresh_token", "")) != client.client_id:
                raise Answer(400, {"error": "invalid refresh token"})
            access = self._issue_token(client.client_id, scope)  # §1.4: no new refresh token
            return Answer(200, {"token_type": "bearer", "access_token": access, "scope": scope})
        raise Answer(400, {"error": "invalid grant type"})


class CozyUser:
    """The user's hands on their Cozy (the web app): plain API calls, nothing of cozysync."""

    def __init__(self, server: CozyStackServer) -> None:
        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=30.0)

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, url: str, ok: int, **kw: Any) -> Json:
        headers = {
            "Authorization": f"Bearer {self.server.web_token}",
            "Accept": "application/vnd.api+json",
            **kw.pop("headers", {}),
        }
        response = self.http.request(method, url, headers=headers, **kw)
        assert response.status_code == ok, f"{method} {url}: {response.status_code} {response.text}"
        return response.json() if response.content else {}

    def doc(self, path: str) -> Doc:
        found = self.server.by_path("/" + path)
        assert found is not None, path
        return found

    def _parent(self, path: str) -> str:
        parent = path.rpartition("/")[0]
        if parent and self.server.by_path("/" + parent) is None:
            self.mkdir(parent)
        return self.doc(parent).id if parent else ROOT

    def mkdir(self, path: str) -> None:
        parent = self._parent(path)
        self._call(
            "POST",
            f"/files/{parent}",
            201,
            params={"Type": "directory", "Name": path.rpartition("/")[2]},
        )

    def write(self, path: str, data: bytes) -> None:
        md5 = base64.b64encode(hashlib.md5(data).digest()).decode()
        existing = self.server.by_path("/" + path)
        if existing is not None:
            self._call(
                "PUT",
                f"/files/{existing.id}",
                200,
                content=data,
                headers={"If-Match": existing.rev, "Content-MD5": md5},
            )
            return
        parent = self._parent(path)
        self._call(
            "POST",
            f"/files/{parent}",
            201,
            content=data,
            headers={"Content-MD5": md5},
            params={"Type": "file", "Name": path.rpartition("/")[2]},
        )

    def move(self, src: str, dst: str) -> None:
        doc, parent = self.doc(src), self._parent(dst)
        body = {
            "data": {
                "type": "io.cozy.files",
                "id": doc.id,
                "attributes": {"name": dst.rpartition("/")[2], "dir_id": parent},
            }
        }
        self._call("PATCH", f"/files/{doc.id}", 200, json=body, headers={"If-Match": doc.rev})

    def trash(self, path: str) -> None:
        doc = self.doc(path)
        self._call("DELETE", f"/files/{doc.id}", 200, headers={"If-Match": doc.rev})

    def destroy(self, path: str) -> None:
        doc_id = self.doc(path).id
        self.trash(path)
        self._call("DELETE", f"/files/trash/{doc_id}", 204)


class UserBrowser:
    """The user's browser for the login: opens the authorize URL and follows the redirect
    to the loopback listener, as a browser does once the user accepted."""

    def __init__(self) -> None:
        self.visited: list[str] = []
        self.final: httpx.Response | None = None

    def __call__(self, url: str) -> None:
        self.visited.append(url)
        with httpx.Client(follow_redirects=True, timeout=30.0) as http:
            self.final = http.get(url)


@dataclass
class CozyAccount:
    """This computer linked to the test Cozy through the real browser flow."""

    server: CozyStackServer
    secrets: Any  # a KeyringSecrets on the private test keyring
    result: Any  # CozyLinkResult
    cache_dir: Any  # Path

    def remote(self, name: str = "tree", **kw: Any) -> Any:
        from cozysync.remotes.cozy import CozyRemote

        return CozyRemote(
            self.server.url,
            secrets=self.secrets,
            account=self.result.account,
            cache_path=self.cache_dir / f"{name}.sqlite",
            **kw,
        )

    def client_id(self) -> str:
        return str(self.result.client_id)
