"""Nextcloud (and ownCloud) servers: recognised by their ``status.php``, and logged in
through the browser with Nextcloud's Login Flow v2, which makes an app password for this
computer (nobody has to create one by hand).

What the server does, from its code (nextcloud/server):

- ``status.php`` answers anyone with JSON: ``installed``, ``maintenance``,
  ``needsDbUpgrade``, ``version``, ``versionstring``, ``edition``, ``productname``
  (status.php:43-56; ownCloud's has the same keys).  ``productname`` is themable, so the
  shape is what is checked, not the name.
- ``POST /index.php/login/v2`` starts a flow: ``{"poll": {"token", "endpoint"},
  "login"}`` (core/Controller/ClientFlowLoginV2Controller.php:277-295).  ``login`` is
  opened in the browser; there the user logs in and grants the access.
- ``POST <endpoint>`` with ``token=`` answers 404 until the access is granted, and 404
  for an unknown or expired flow (:70-81; core/Service/LoginFlowV2Service.php:62-75);
  once granted, 200 with ``{"server", "loginName", "appPassword"}`` exactly once: the
  flow is deleted as it is read (LoginFlowV2Service.php:77-78).  A flow lives 20 minutes
  (core/Db/LoginFlowV2Mapper.php:21, :83-90).
- ``loginName`` is the name the user logged in with, which may be an e-mail address and
  is then not the user id that names the files' WebDAV folder (nextcloud/documentation
  developer_manual/client_apis/LoginFlow/index.rst:52): the id is asked from
  ``GET /ocs/v1.php/cloud/user?format=json`` with ``OCS-APIRequest: true``
  (apps/provisioning_api/lib/Controller/UsersController.php ``getCurrentUser``: ``id``)
  with the app password, and the files are at ``/remote.php/dav/files/<id>/``.  Basic
  auth keeps the login name (the app password is made for it).

``login_with_browser`` does it all; it is the one entry point for the wizard, ``link``
and "Sign in again".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

import httpx

from cozysync.clock import SystemClock
from cozysync.errors import AuthError, ConfigError, CozySyncError, OfflineError, ProtocolError
from cozysync.logs import redact_value
from cozysync.phrases import phrase
from cozysync.ports import Clock
from cozysync.remotes.http import build_client, raise_for_failure

__all__ = [
    "GIVE_UP_AFTER_S",
    "POLL_EVERY_S",
    "Cancel",
    "LoginCancelledError",
    "LoginFlow",
    "NextcloudCredentials",
    "NextcloudServer",
    "NoBrowserLoginError",
    "ask_user_id",
    "detect_nextcloud",
    "identify_user",
    "login_with_browser",
    "nextcloud_base",
    "poll_login_flow",
    "start_login_flow",
    "user_webdav_url",
    "webdav_url_for",
]

log = logging.getLogger(__name__)

POLL_EVERY_S = 2.0
GIVE_UP_AFTER_S = 20 * 60.0  # the server forgets a flow after 1200 s (LoginFlowV2Mapper:21)
_PATH_ENDS = ("/remote.php/", "/index.php", "/status.php", "/apps/", "/ocs/")


class Cancel(Protocol):
    """What ends a login at once (a ``threading.Event``)."""

    def is_set(self) -> bool: ...

    def wait(self, timeout: float | None = None) -> bool: ...


class LoginCancelledError(AuthError):
    """The user cancelled the browser login (nothing was linked)."""


class NoBrowserLoginError(ConfigError):
    """The server has no Login Flow v2 (ownCloud 10, an old Nextcloud)."""


@dataclass(frozen=True, slots=True)
class NextcloudServer:
    """What ``status.php`` said."""

    base_url: str  # where status.php is: the server's address, without a trailing /
    product_name: str  # "Nextcloud", "ownCloud", or the name a theme gives it
    version: str
    installed: bool
    maintenance: bool


@dataclass(frozen=True, slots=True)
class LoginFlow:
    """A started Login Flow v2: ``login_url`` for the browser, the poll for us."""

    login_url: str
    poll_endpoint: str
    poll_token: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class NextcloudCredentials:
    """What the granted flow gave: the app password made for this computer."""

    server: str
    login_name: str  # what Basic auth sends with the app password
    app_password: str = field(repr=False)
    user_id: str = ""  # the server's id of the user (``identify_user``); "": not asked

    @property
    def webdav_url(self) -> str:
        """The user's files over WebDAV: named by the user id, not the login name."""
        return webdav_url_for(self.server, self.user_id or self.login_name)


def webdav_url_for(server: str, user: str) -> str:
    return f"{server.rstrip('/')}/remote.php/dav/files/{quote(user, safe='')}/"


def nextcloud_base(url: str) -> str:
    """The server's address for anything the user may paste: the address itself, a
    WebDAV address (``…/remote.php/dav/files/me/``) or a page of the web interface
    (``…/index.php/apps/files/``, ``…/apps/files/?dir=/``); "" if not http(s)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    path = parts.path
    for end in _PATH_ENDS:
        if end in path:
            path = path[: path.index(end)]
    return f"{parts.scheme}://{parts.netloc}{path.rstrip('/')}"


def detect_nextcloud(url: str, *, client: httpx.Client | None = None) -> NextcloudServer | None:
    """The Nextcloud or ownCloud at ``url`` (its ``status.php``), or ``None``: no such
    server there.  ``OfflineError`` (or a TLS ``FatalError``) when nothing answers."""
    base = nextcloud_base(url)
    if not base:
        return None
    origin = nextcloud_base(f"{urlsplit(base).scheme}://{urlsplit(base).netloc}")
    with _client(client, base) as http:
        for candidate in dict.fromkeys([base, origin]):
            found = _status_of(http, candidate)
            if found is not None:
                return found
    return None


def _status_of(http: httpx.Client, base: str) -> NextcloudServer | None:
    status = _get_json(http, f"{base}/status.php")
    shape = {"installed": bool, "maintenance": bool, "version": str, "productname": str}
    if status is None or not all(isinstance(status.get(k), t) for k, t in shape.items()):
        return None
    return NextcloudServer(
        base_url=base,
        product_name=status["productname"] or "Nextcloud",
        version=status["version"],
        installed=status["installed"],
        maintenance=status["maintenance"],
    )


def _get_json(http: httpx.Client, url: str) -> dict[str, Any] | None:
    try:
        response = http.get(url, headers={"Accept": "application/json"})
    except httpx.HTTPError as exc:
        raise_for_failure(exc, host=urlsplit(url).netloc)
    if response.status_code != 200:
        return None
    try:
        value = response.json()
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def start_login_flow(server: NextcloudServer, http: httpx.Client) -> LoginFlow:
    """``POST /index.php/login/v2``: a new flow (ClientFlowLoginV2Controller.php:277-295)."""
    url = f"{server.base_url}/index.php/login/v2"
    try:
        response = http.post(url)
    except httpx.HTTPError as exc:
        raise_for_failure(exc, host=urlsplit(url).netloc)
    if response.status_code in (404, 405):  # ownCloud 10 and old Nextclouds: no flow v2
        raise NoBrowserLoginError(
            phrase(
                "{product_name} at {base_url} offers no browser login",
                product_name=server.product_name,
                base_url=server.base_url,
            ),
            phrase(
                "Give your user name and an app password (made in the server's "
                "settings, under Security) instead."
            ),
        )
    if response.status_code != 200:
        raise_for_failure(response, host=urlsplit(url).netloc)
    body = _json_object(response)
    poll = body.get("poll")
    if not isinstance(poll, dict):
        raise ProtocolError(f"{server.base_url} started no login (no poll in the answer)")
    flow = LoginFlow(
        login_url=_http_url(body.get("login"), server),
        poll_endpoint=_http_url(poll.get("endpoint"), server),
        poll_token=_text(poll.get("token"), server),
    )
    redact_value(flow.poll_token)
    return flow


def poll_login_flow(flow: LoginFlow, http: httpx.Client) -> NextcloudCredentials | None:
    """One poll: ``None`` while the access is not granted (404), else the credentials,
    which the server gives only once (LoginFlowV2Service.php:62-89)."""
    try:
        response = http.post(flow.poll_endpoint, data={"token": flow.poll_token})
    except httpx.HTTPError as exc:
        raise_for_failure(exc, host=urlsplit(flow.poll_endpoint).netloc)
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        raise_for_failure(response, host=urlsplit(flow.poll_endpoint).netloc)
    body = _json_object(response)
    where = urlsplit(flow.poll_endpoint).netloc
    values = [body.get(key) for key in ("server", "loginName", "appPassword")]
    if not all(isinstance(value, str) and value for value in values):
        raise ProtocolError(f"the server at {where} gave an incomplete login")
    server, login_name, app_password = (str(value) for value in values)
    redact_value(app_password)
    if not nextcloud_base(server):
        raise ProtocolError(f"the server at {where} gave no usable address ({server!r})")
    return NextcloudCredentials(server.rstrip("/"), login_name, app_password)


def login_with_browser(
    server_url: str,
    open_url: Callable[[str], object],
    cancel: Cancel,
    *,
    poll_every: float = POLL_EVERY_S,
    give_up_after: float = GIVE_UP_AFTER_S,
    clock: Clock | None = None,
) -> NextcloudCredentials:
    """Log in to the Nextcloud at ``server_url`` through the browser: start a flow, hand
    its login page to ``open_url``, poll every ``poll_every`` seconds until the user
    grants the access.  ``cancel`` set: ``LoginCancelledError`` at once; not granted in
    ``give_up_after`` seconds: ``AuthError``; not a Nextcloud: ``ConfigError``."""
    clock = clock or SystemClock()
    with _client(None, server_url) as http:
        server = _checked_server(server_url, http)
        flow = start_login_flow(server, http)
        open_url(flow.login_url)
        deadline = clock.monotonic() + give_up_after
        while not cancel.is_set():
            credentials = poll_login_flow(flow, http)
            if credentials is not None:
                log.info("logged in to %s through the browser", server.base_url)
                return identify_user(credentials, http)
            if clock.monotonic() >= deadline:
                raise AuthError(
                    f"the login to {server.base_url} was not completed in "
                    f"{give_up_after / 60:.0f} minutes",
                    "Try again, and grant the access in the browser page that opens.",
                )
            cancel.wait(poll_every)
    raise LoginCancelledError("you cancelled the login; nothing was linked", "Try again.")


def identify_user(credentials: NextcloudCredentials, http: httpx.Client) -> NextcloudCredentials:
    """``credentials`` with the user id the server gives for them (``GET
    /ocs/v1.php/cloud/user``, see the module): the login name may be an e-mail address.
    A server without the route (404: the provisioning API disabled) keeps the login name,
    which is the id for most users."""
    found = ask_user_id(credentials.server, credentials.login_name, credentials.app_password, http)
    return credentials if found is None else replace(credentials, user_id=found)


def ask_user_id(server: str, login: str, password: str, http: httpx.Client) -> str | None:
    """The id of the user who logs in as ``login`` on the Nextcloud at ``server`` (its
    address, before ``/remote.php/``); None when the server has no such route (404).
    ``AuthError`` for a refused login, ``OfflineError`` when unreachable."""
    url = f"{server.rstrip('/')}/ocs/v1.php/cloud/user"
    where = urlsplit(url).netloc
    try:
        response = http.get(
            url, params={"format": "json"},
            headers={"OCS-APIRequest": "true", "Accept": "application/json"},
            auth=(login, password),
        )  # fmt: skip
    except httpx.HTTPError as exc:
        raise_for_failure(exc, host=where)
    if response.status_code == 404:
        log.info("%s does not say the user id: the login name names the files", where)
        return None
    if response.status_code != 200:
        raise_for_failure(response, host=where)
    ocs = _json_object(response).get("ocs")
    meta = ocs.get("meta") if isinstance(ocs, dict) else None
    data = ocs.get("data") if isinstance(ocs, dict) else None
    user_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(meta, dict) or meta.get("statuscode") not in (100, 200):
        raise ProtocolError(f"the server at {where} did not say who you are")
    if not isinstance(user_id, str) or not user_id or "/" in user_id:
        raise ProtocolError(f"the server at {where} gave no usable user id")
    return user_id


def user_webdav_url(server: str, login: str, password: str) -> str:
    """The WebDAV address of the files of the user who logs in as ``login`` with a
    typed password (the wizard's check): named by the id the server gives, the login
    name when it cannot say (a refused login is then told by the probe that follows)."""
    try:
        with _client(None, server) as http:
            found = ask_user_id(server, login, password, http)
    except CozySyncError as exc:
        log.info("the user id was not asked: %s", exc.one_line())
        found = None
    return webdav_url_for(server, found or login)


def _checked_server(server_url: str, http: httpx.Client) -> NextcloudServer:
    server = detect_nextcloud(server_url, client=http)
    if server is None:
        raise ConfigError(
            phrase(
                "{server_url} does not answer like a Nextcloud or ownCloud server",
                server_url=server_url,
            ),
            phrase("Check the address, or give a user name and password instead."),
        )
    if server.maintenance or not server.installed:
        raise OfflineError(
            f"{server.product_name} at {server.base_url} is in maintenance or not set up",
            "Try again later.",
        )
    return server


@contextmanager
def _client(given: httpx.Client | None, url: str) -> Iterator[httpx.Client]:
    """The given client, or a new one closed on leaving."""
    if given is not None:
        yield given
        return
    http = build_client(timeout=30.0, url=url)
    try:
        yield http
    finally:
        http.close()


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError as exc:
        raise ProtocolError(f"the server at {response.url.host} did not answer JSON") from exc
    if not isinstance(body, dict):
        raise ProtocolError(f"the server at {response.url.host} answered unexpected JSON")
    return body


def _http_url(value: object, server: NextcloudServer) -> str:
    text = _text(value, server)
    if not nextcloud_base(text):
        raise ProtocolError(f"{server.base_url} gave an address that is not http(s)")
    return text


def _text(value: object, server: NextcloudServer) -> str:
    if not isinstance(value, str) or not value:
        raise ProtocolError(f"{server.base_url} started no login (a value is missing)")
    return value
