"""A strict Nextcloud double: ``status.php``, Login Flow v2 and the files' WebDAV, on
127.0.0.1.  Nextcloud (PHP, a database) cannot run here; its WebDAV part is a real
WsgiDAV serving a real folder, and the rest follows Nextcloud's code (nextcloud/server;
``ClientFlowLoginV2Controller.php`` at 02e54d56, ``LoginFlowV2Service.php`` at 0f0d0f1d,
``LoginFlowV2Mapper.php`` at 1ab09ec7, ``status.php`` at 0eebff15):

- ``GET /status.php``: the JSON of status.php:43-56 (installed, maintenance,
  needsDbUpgrade, version, versionstring, edition, productname), for anyone.
- ``POST /index.php/login/v2`` (also ``/login/v2``, the same route without index.php):
  ``{"poll": {"token", "endpoint"}, "login"}``, absolute URLs
  (ClientFlowLoginV2Controller.php:277-295); 128-character tokens, the client's name
  taken from its User-Agent (LoginFlowV2Service.php:185-193).  The poll token is kept
  hashed, as the service does (:189).
- ``POST …/login/v2/poll`` with ``token=``: 404 ``[]`` for an unknown token, a flow not
  granted yet or one older than 1200 s (Controller:70-81; Service:62-75; Mapper:21,
  :83-90: an expired flow is deleted when looked up); once granted, 200 with
  ``{"server", "loginName", "appPassword"}`` and the flow is deleted: a second poll is a
  404 (Service:77-78, :88).
- ``GET …/login/v2/flow/<login token>``: the landing page the browser opens; it marks
  the flow started and redirects to the login picker (Controller:83-98;
  Service:108-119), or answers 403 for an unknown or expired token (Controller:344-355).
- Granting (the user logs in and clicks "Grant access": Controller:219-246,
  Service:128-166): done by the test through ``grant(login_url)``, which makes a
  72-character app password (Service:147) for the user and records ``server`` as
  ``getServerPath`` builds it: scheme, host and the path before ``/index.php``
  (Controller:357-368).
- ``/remote.php/dav/files/<user>/``: Basic auth with the user's password or one of its
  app passwords (apps/dav/lib/Connector/Sabre/Auth.php ``validateUserPass`` →
  lib/private/User/Session.php ``logClientIn``, which takes a token password for the
  login name it was made for), else 401 with ``WWW-Authenticate: Basic
  realm="Nextcloud"``; then the request goes to WsgiDAV.

Old versions are kept on writes and served by ``/remote.php/dav/versions/<user>/`` (the
files_versions app: tests/nextcloud_versions_double.py; ``versions = None``: disabled).

Every file and folder answers ``oc:fileid`` (tests/nextcloud_fileids.py; ``file_ids=False``
at construction: a server that does not, as before).

Knobs: ``maintenance``, ``flow_v2`` (False: an ownCloud 10 without the flow, 404),
``product_name``, ``age_flows(seconds)`` (time passes for the flows), ``revoke(p)``,
``login_name`` (a login name that is not the user id: tests/nextcloud_account_double.py,
with ``/ocs/v1.php/cloud/user`` and ``DELETE /ocs/v2.php/core/apppassword``, ``revoked``);
records ``polls`` (poll requests answered, with their status) and ``user_agents``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
from cheroot import wsgi
from wsgidav.wsgidav_app import WsgiDAVApp

from tests.nextcloud_account_double import account_route, is_account_route
from tests.nextcloud_fileids import FileIdProvider
from tests.nextcloud_shares_double import OcsShares, ocs_route
from tests.nextcloud_trash_double import Trashbin
from tests.nextcloud_versions_double import VersionsApp
from tests.servers import free_port

USER = "alice"
PASSWORD = "the real password"
FLOW_LIFETIME_S = 1200  # LoginFlowV2Mapper.php:21
_SECRET = secrets.token_hex(16)  # config.php's 'secret', for the poll tokens' hash
_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_FLOW_ROUTE = re.compile(r"^(?:/index\.php)?/login/v2(/poll|/flow/(?P<token>[^/]+))?$")
Start = Callable[[str, list[tuple[str, str]]], Any]


@dataclass
class Flow:
    login_token: str
    client_name: str
    created: float
    started: bool = False
    login_name: str | None = None
    server: str | None = None
    app_password: str | None = field(default=None, repr=False)


def _random(length: int) -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(length))


def _hash(token: str) -> str:
    return hashlib.sha512((token + _SECRET).encode()).hexdigest()  # Service:hashToken


class NextcloudDouble:
    """One Nextcloud with one user (``user``/``password``) whose files are ``root``."""

    def __init__(
        self,
        root: Path,
        *,
        user: str = USER,
        password: str = PASSWORD,
        prefix: str = "",
        file_ids: bool = True,
        login_name: str | None = None,
    ) -> None:
        self.root, self.user, self.password, self.prefix = root, user, password, prefix
        # the name the user logs in with, when not the user id (an e-mail address: the
        # account routes, tests/nextcloud_account_double.py)
        self.login_name = login_name or user
        self.revoked: list[str] = []  # app passwords deleted by their client
        self.file_ids = file_ids
        self.product_name = "Nextcloud"
        self.maintenance = False
        self.flow_v2 = True
        self.flows: dict[str, Flow] = {}  # by hashed poll token
        self.app_passwords: dict[str, str] = {}  # app password -> login name
        self.polls: list[int] = []
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        self._age = 0.0
        self._port = 0
        self._server: Any = None
        self._thread: threading.Thread | None = None
        root.mkdir(parents=True, exist_ok=True)
        self._dav = WsgiDAVApp(self._dav_config())
        # the files_versions app (None: disabled, its DAV root answers 404)
        self.versions: VersionsApp | None = VersionsApp(root, user, prefix)
        self.shares = OcsShares(root, user)  # the OCS share API (nextcloud_shares_double)
        # the files_trashbin app (None: disabled): tests/nextcloud_trash_double.py
        self.trashbin: Trashbin | None = Trashbin(root, user, prefix)

    # --- serving -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The server's address, as the user types it (no trailing slash)."""
        return f"http://127.0.0.1:{self._port}{self.prefix}"

    @property
    def webdav_url(self) -> str:
        return f"{self.url}/remote.php/dav/files/{self.user}/"

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self._port = self._port or free_port()
        server = wsgi.Server(("127.0.0.1", self._port), self._app, numthreads=8)
        server.shutdown_timeout = 2
        server.prepare()
        self._server = server
        self._thread = threading.Thread(target=server.serve, name="nextcloud-double", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stop()
        if self._thread is not None:
            self._thread.join(10)

    def _dav_config(self) -> dict[str, Any]:
        mount = f"{self.prefix}/remote.php/dav/files/{self.user}"
        return {
            "provider_mapping": {
                mount: FileIdProvider(str(self.root)) if self.file_ids else str(self.root)
            },
            "http_authenticator": {"accept_basic": True, "accept_digest": False,
                                   "default_to_digest": False, "trusted_auth_header": None},
            "simple_dc": {"user_mapping": {"*": True}},  # the double checks the login first
            "honor_mtime_header": True, "lock_storage": True, "property_manager": True,
            "dir_browser": {"enable": False}, "verbose": 0,
            "logging": {"enable": False, "enable_loggers": []},
        }  # fmt: skip

    # --- what the user does in the browser ------------------------------------------------

    def visit(self, login_url: str) -> int:
        """The browser opens the login page (the landing route): its status."""
        with httpx.Client(follow_redirects=False) as browser:
            return browser.get(login_url).status_code

    def grant(self, login_url: str, login_name: str | None = None) -> str:
        """The user logs in and grants the access: the app password made for the flow."""
        token = login_url.rstrip("/").rsplit("/", 1)[-1]
        with self._lock:
            flow = self._flow_by_login_token(token)
            if flow is None or not flow.started:
                raise AssertionError("no started flow for this login page (403 in a browser)")
            flow.login_name = login_name or self.login_name
            flow.server = self.url  # Controller:357-368 getServerPath
            flow.app_password = _random(72)  # Service:147
            self.app_passwords[flow.app_password] = flow.login_name
            return flow.app_password

    def age_flows(self, seconds: float) -> None:
        with self._lock:
            self._age += seconds

    def revoke(self, app_password: str) -> None:
        with self._lock:
            self.app_passwords.pop(app_password, None)

    def write(self, rel: str, data: bytes) -> Path:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    # --- the WSGI app ------------------------------------------------------------------------

    def _app(self, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ["REQUEST_METHOD"]
        if not path.startswith(self.prefix):
            return _answer(start, 404, b"")
        local = path[len(self.prefix) :]
        if local.startswith(
            ("/remote.php/dav/files/", "/remote.php/dav/versions/", "/remote.php/dav/trashbin/")
        ):
            return self._files(environ, start)
        if is_account_route(local):  # tests/nextcloud_account_double.py
            return account_route(self, environ, start, local)
        if local.startswith("/ocs/"):  # tests/nextcloud_shares_double.py
            return ocs_route(self, environ, start, local)
        if local == "/status.php" and method == "GET":
            return _json(start, 200, self._status())
        match = _FLOW_ROUTE.match(local)
        if match is None or not self.flow_v2:
            return _answer(start, 404, b"<html>Page not found</html>")
        return self._flow_route(environ, start, match)

    def _status(self) -> dict[str, Any]:
        return {
            "installed": True, "maintenance": self.maintenance, "needsDbUpgrade": False,
            "version": "30.0.4.1", "versionstring": "30.0.4", "edition": "",
            "productname": self.product_name, "extendedSupport": False,
        }  # fmt: skip

    def _flow_route(self, environ: dict[str, Any], start: Start, match: re.Match[str]) -> Any:
        method, tail = environ["REQUEST_METHOD"], match.group(1)
        if tail is None and method == "POST":
            return _json(start, 200, self._init(environ))
        if tail == "/poll" and method == "POST":
            return self._poll(environ, start)
        if match.group("token") and method == "GET":
            return self._landing(start, match.group("token"))
        return _answer(start, 405, b"")

    def _init(self, environ: dict[str, Any]) -> dict[str, Any]:
        agent = environ.get("HTTP_USER_AGENT", "")
        poll_token, login_token = _random(128), _random(128)
        with self._lock:
            self.user_agents.append(agent)
            self.flows[_hash(poll_token)] = Flow(login_token, agent, self._now())
        base = f"http://{environ['HTTP_HOST']}{self.prefix}/index.php"
        return {
            "poll": {"token": poll_token, "endpoint": f"{base}/login/v2/poll"},
            "login": f"{base}/login/v2/flow/{login_token}",
        }

    def _poll(self, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(size).decode("utf-8"))
        token = form.get("token", [""])[0]
        with self._lock:
            key = _hash(token)
            flow = self._live(key)
            ready = flow is not None and None not in (flow.login_name, flow.server)
            if flow is None or not ready:  # Service:62-75
                self.polls.append(404)
                return _json(start, 404, [])
            del self.flows[key]  # Service:77-78: read once
            self.polls.append(200)
        body = {"server": flow.server, "loginName": flow.login_name,
                "appPassword": flow.app_password}  # fmt: skip
        return _json(start, 200, body)

    def _landing(self, start: Start, login_token: str) -> Iterable[bytes]:
        with self._lock:
            flow = self._flow_by_login_token(login_token)
            if flow is None:  # Controller:89-90
                return _answer(start, 403, b"Your login token is invalid or has expired")
            flow.started = True  # Service:115
        return _answer(start, 303, b"", [("Location", f"{self.url}/index.php/login/v2/flow")])

    def _files(self, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        login = _basic_login(environ.get("HTTP_AUTHORIZATION", ""))
        with self._lock:
            allowed = login is not None and (
                login in ((self.user, self.password), (self.login_name, self.password))
                or self.app_passwords.get(login[1]) == login[0]
            )
        if not allowed:
            challenge = [("WWW-Authenticate", 'Basic realm="Nextcloud", charset="UTF-8"')]
            return _answer(start, 401, b"", challenge)
        environ = {k: v for k, v in environ.items() if k != "HTTP_AUTHORIZATION"}
        if self.trashbin is not None:  # files_trashbin: tests/nextcloud_trash_double.py
            if environ.get("PATH_INFO", "").startswith(self.trashbin.mount):
                return self.trashbin.answer(environ, start)
            if environ["REQUEST_METHOD"] == "DELETE":
                return self.trashbin.delete(environ, start, self._dav)
        if self.versions is not None:  # the versions app: tests/nextcloud_versions_double.py
            if environ.get("PATH_INFO", "").startswith(self.versions.versions_mount):
                return self.versions.answer(environ, start)
            return self.versions.around(environ, start, self._dav)
        result: Iterable[bytes] = self._dav(environ, start)
        return result

    # --- the flows' table (LoginFlowV2Mapper) ------------------------------------------------

    def _now(self) -> float:
        return time.monotonic() + self._age

    def _live(self, key: str) -> Flow | None:
        flow = self.flows.get(key)
        if flow is not None and flow.created < self._now() - FLOW_LIFETIME_S:  # Mapper:83-90
            del self.flows[key]
            return None
        return flow

    def _flow_by_login_token(self, token: str) -> Flow | None:
        for key, flow in list(self.flows.items()):
            if secrets.compare_digest(flow.login_token, token):
                return self._live(key)
        return None


@contextmanager
def running_nextcloud(root: Path, **options: Any) -> Iterator[NextcloudDouble]:
    """A started double (its files in ``root``), stopped on leaving."""
    double = NextcloudDouble(root, **options)
    double.start()
    try:
        yield double
    finally:
        double.stop()


def _basic_login(header: str) -> tuple[str, str] | None:
    if not header.lower().startswith("basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return user, password


def _json(start: Start, status: int, body: object) -> Iterable[bytes]:
    return _answer(start, status, json.dumps(body).encode(), [("Content-Type", "application/json")])


_REASONS = {200: "OK", 303: "See Other", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            412: "Precondition Failed"}  # fmt: skip


def _answer(
    start: Start, status: int, body: bytes, headers: Iterable[tuple[str, str]] = ()
) -> Iterable[bytes]:
    start(f"{status} {_REASONS[status]}", [("Content-Length", str(len(body))), *headers])
    return [body]
