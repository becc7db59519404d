"""Linking this computer to a Cozy: what ``cozysync link`` and ``unlink`` call.

``link_cozy`` runs the whole browser login (brief ``cozy-protocol.md`` §1): bind a
loopback listener on 127.0.0.1 (free port), register the client with that redirect URI,
open the system browser (or print the URL) on ``/auth/authorize`` with PKCE S256 and a
random ``state``, wait for the redirect, check ``state``, exchange the code, and keep the
secrets in the ``Secrets`` port.  ``detect_cozy`` tells whether an address is a Cozy;
``unlink_cozy`` unregisters the client and forgets its secrets.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.server
import queue
import secrets as pysecrets
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from cozysync import __version__
from cozysync.clock import SystemClock
from cozysync.errors import AuthError, ConfigError, CozySyncError, OfflineError, ProtocolError
from cozysync.phrases import phrase
from cozysync.ports import Clock, Secrets
from cozysync.remotes.cozy_auth import (
    SCOPE,
    CozySession,
    CozyTokens,
    TokenStore,
    account_for,
    instance_origin,
    json_body,
)
from cozysync.remotes.cozy_selective import LeftOut
from cozysync.remotes.http import build_client, raise_for_failure, send_with_retries

SOFTWARE_ID = "github.com/cozysync/cozysync"

__all__ = [
    "DEVICE_LIMIT_ADVICE",
    "SOFTWARE_ID",
    "CozyLinkResult",
    "LoopbackReceiver",
    "detect_cozy",
    "link_cozy",
    "unlink_cozy",
]

LOGIN_TIMEOUT_S = 600.0
# The device-limit page (flag cozy.oauthclients.max) is an HTML page in the browser, with
# no redirect (cozy-stack web/auth/oauth.go, oauth_clients_limit_exceeded.html): nothing
# reaches this computer, so the words are said up front.  The page reloads itself (every
# 20 s, and when a device is removed), and the login goes on once one is removed.
DEVICE_LIMIT_ADVICE = (
    "If your Cozy says it already has the most devices it allows: remove one in the "
    "Cozy's settings (Connected devices), then link again (or approve in the same tab, "
    "which reloads by itself)."
)
_DONE_PAGE = (
    b"<!doctype html><meta charset=utf-8><title>cozysync</title>"
    b"<p>This computer is now linked to your Cozy. You can close this tab.</p>"
)
_CANCELLED_PAGE = (
    b"<!doctype html><meta charset=utf-8><title>cozysync</title>"
    b"<p>The login was cancelled: nothing was linked. You can close this tab.</p>"
)


@dataclass(frozen=True)
class CozyLinkResult:
    """What the folder's config keeps (no secret here: they are in the keyring)."""

    instance_url: str  # the origin, e.g. https://alice.mycozy.cloud
    account: str  # the Secrets account holding this client's secrets
    client_id: str
    client_name: str  # as the server made it unique
    # the top-level folders the Cozy says this client does not sync
    excluded_on_cozy: tuple[str, ...] = ()
    # those only other clients leave out (another device, or this computer before a
    # reinstall: the token cannot tell, cozy_selective): offered, never taken unasked
    excluded_elsewhere: tuple[str, ...] = ()


class _CallbackHandler(http.server.BaseHTTPRequestHandler):
    server: _LoopbackServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path != "/callback":
            self._answer(404, b"Not found")
        elif (
            "error" in query
            and "code" not in query
            and query.get("state") in (None, self.server.expected_state)
        ):
            # the consent page's Cancel link is redirect_uri?error=access_denied with no
            # state (cozy-stack web/auth/oauth.go, authorizeForm's CloseURI): it carries no
            # code, so taking it from anyone can only end this login, never link anything
            self.server.results.put(("error", query["error"]))
            self._answer(200, _CANCELLED_PAGE)
        elif query.get("state") != self.server.expected_state:
            # §1.2: check state; a wrong one is refused and the flow keeps waiting
            self._answer(400, b"This login answer does not belong to cozysync's request.")
        elif not query.get("code"):
            self._answer(400, b"The login answer has no code.")
        else:
            self.server.results.put(("code", query["code"]))
            self._answer(200, _DONE_PAGE)

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return  # the URL holds the code: never logged


class _LoopbackServer(http.server.HTTPServer):
    expected_state = ""
    results: queue.Queue[tuple[str, str]]


class LoopbackReceiver:
    """The redirect target on 127.0.0.1, bound on a free port before registering."""

    def __init__(self) -> None:
        self._server = _LoopbackServer(("127.0.0.1", 0), _CallbackHandler)
        self._server.results = queue.Queue()
        self._thread = threading.Thread(
            target=lambda: self._server.serve_forever(poll_interval=0.05),
            name="cozysync-oauth-loopback",
            daemon=True,
        )

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/callback"

    def __enter__(self) -> LoopbackReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def expect(self, state: str) -> None:
        self._server.expected_state = state

    def wait_for_code(self, timeout: float) -> str:
        try:
            kind, value = self._server.results.get(timeout=timeout)
        except queue.Empty:
            raise AuthError(
                "the Cozy login was not completed in time",
                hint="Run the link command again and approve the access in the browser. "
                + DEVICE_LIMIT_ADVICE,
            ) from None
        if kind == "error" and value == "access_denied":
            raise AuthError(
                "you cancelled the login in the browser; nothing was linked",
                hint="Run cozysync link again to retry.",
            )
        if kind == "error":
            raise AuthError(f"the access was refused in the browser ({value})")
        return value


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge) per RFC 7636."""
    verifier = pysecrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def register_client(
    client: httpx.Client, instance_url: str, redirect_uri: str, device_name: str, clock: Clock
) -> CozyTokens:
    """§1.1 ``POST /auth/register``; the unique name the server chose is kept."""
    body = {
        "redirect_uris": [redirect_uri],
        "client_name": f"cozysync ({device_name})",
        "client_kind": "desktop",
        "software_id": SOFTWARE_ID,
        "software_version": __version__,
    }
    origin = instance_origin(instance_url)
    try:
        response = send_with_retries(
            lambda: client.post(
                f"{origin}/auth/register", json=body, headers={"Accept": "application/json"}
            ),
            clock=clock,
            idempotent=False,
        )
    except httpx.HTTPError as exc:
        raise_for_failure(exc, host=urlsplit(origin).netloc)
    data = json_body(response)
    if response.status_code == 404:  # §1.1: the registration rate limit answers 404
        raise ConfigError(
            phrase(
                "{origin} refused to register this computer (not a Cozy, or too many tries)",
                origin=origin,
            ),
            phrase("Check the address; if it is right, wait an hour and link again."),
        )
    if response.status_code != 201:
        why = data.get("error_description") or data.get("error") or f"HTTP {response.status_code}"
        raise ConfigError(
            phrase("{origin} refused to register this computer: {why}", origin=origin, why=why)
        )
    try:
        return CozyTokens(
            client_id=str(data["client_id"]),
            client_name=str(data.get("client_name", body["client_name"])),
            client_secret=str(data["client_secret"]),
            registration_access_token=str(data["registration_access_token"]),
        )
    except KeyError as exc:
        raise ProtocolError(f"{origin} sent an incomplete registration") from exc


def _authorize_url(
    origin: str, tokens: CozyTokens, redirect: str, state: str, challenge: str
) -> str:
    query = {
        "client_id": tokens.client_id,
        "response_type": "code",
        "redirect_uri": redirect,
        "state": state,
        "scope": SCOPE,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return f"{origin}/auth/authorize?{urlencode(query)}"


def _exchange_code(
    client: httpx.Client, origin: str, tokens: CozyTokens, code: str, verifier: str, clock: Clock
) -> CozyTokens:
    """§1.3 ``POST /auth/access_token`` with the code and the PKCE verifier."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": tokens.client_id,
        "client_secret": tokens.client_secret,
        "code_verifier": verifier,
    }
    try:
        response = send_with_retries(
            lambda: client.post(
                f"{origin}/auth/access_token", data=form, headers={"Accept": "application/json"}
            ),
            clock=clock,
            idempotent=False,
        )
    except httpx.HTTPError as exc:
        raise_for_failure(exc, host=urlsplit(origin).netloc)
    data = json_body(response)
    if response.status_code != 200 or not data.get("access_token"):
        why = data.get("error") or f"HTTP {response.status_code}"
        raise AuthError(f"your Cozy refused the login ({why})")
    return replace(
        tokens,
        access_token=str(data["access_token"]),
        refresh_token=str(data.get("refresh_token", "")),
    )


def link_cozy(
    instance_url: str,
    *,
    secrets: Secrets,
    device_name: str,
    open_browser: bool,
    print_url: Callable[[str], None],
    timeout: float = LOGIN_TIMEOUT_S,
    client: httpx.Client | None = None,
    clock: Clock | None = None,
    browser: Callable[[str], bool] = webbrowser.open,
) -> CozyLinkResult:
    """Register this computer on the Cozy and log in through the browser.

    ``open_browser`` False (or no browser found): ``print_url`` gets the URL to open on
    another device; the redirect still has to reach this computer's 127.0.0.1."""
    origin = instance_origin(instance_url)
    clock = clock or SystemClock()
    own = client is None
    http = client or build_client()
    try:
        with LoopbackReceiver() as receiver:
            tokens = register_client(http, origin, receiver.redirect_uri, device_name, clock)
            store = TokenStore(secrets, account_for(origin, tokens.client_id))
            store.save(tokens)  # the registration token lets unlink clean up a failure
            try:
                verifier, challenge = pkce_pair()
                state = pysecrets.token_urlsafe(24)
                receiver.expect(state)
                url = _authorize_url(origin, tokens, receiver.redirect_uri, state, challenge)
                if not (open_browser and browser(url)):
                    print_url(url)
                code = receiver.wait_for_code(timeout)
                tokens = _exchange_code(http, origin, tokens, code, verifier, clock)
                store.save(tokens)
            except BaseException:
                _forget_quietly(origin, store, http, clock)
                raise
            left_out = _left_out_on_cozy(origin, store, http, clock)
    finally:
        if own:
            http.close()
    return CozyLinkResult(
        origin, store.account, tokens.client_id, tokens.client_name,
        excluded_on_cozy=left_out.here, excluded_elsewhere=left_out.elsewhere,
    )  # fmt: skip


def _left_out_on_cozy(
    origin: str, store: TokenStore, client: httpx.Client, clock: Clock
) -> LeftOut:
    """``cozy_selective.left_out_on_cozy`` of the Cozy's root; a failure there never
    fails the link (the folders are then all synced, as before)."""
    from cozysync.remotes.cozy_changes import ROOT_ID
    from cozysync.remotes.cozy_selective import left_out_on_cozy

    session = CozySession(origin, store, clock=clock, client=client)
    try:
        return left_out_on_cozy(session, ROOT_ID)
    except CozySyncError:
        return LeftOut((), ())


def _forget_quietly(origin: str, store: TokenStore, client: httpx.Client, clock: Clock) -> None:
    session = CozySession(origin, store, clock=clock, client=client)
    with contextlib.suppress(CozySyncError):  # else the stack deletes it within an hour (§1.1)
        session.unregister()
    store.delete()


def unlink_cozy(
    instance_url: str, *, secrets: Secrets, account: str, client: httpx.Client | None = None
) -> None:
    """Unregister the client on the server (§1.5 ``DELETE /auth/register/:id``), then
    forget its secrets.  Offline: the secrets are kept and ``OfflineError`` raised."""
    store = TokenStore(secrets, account)
    if secrets.get(account) is None:
        return
    session = CozySession(instance_url, store, clock=SystemClock(), client=client)
    try:
        session.unregister()
    finally:
        session.close()
    store.delete()


_VERSION_KEYS = ("version", "build_mode", "build_time", "runtime_version")


def detect_cozy(url: str, *, client: httpx.Client | None = None) -> bool:
    """True if ``url``'s origin answers like a Cozy stack: ``GET /version`` (no login)
    gives the stack's JSON, ``version``, ``build_mode``, ``build_time`` and
    ``runtime_version`` (cozy-stack ``web/version``: always these four, all strings), or
    ``/status/`` says ``"message": "OK"`` with ``couchdb``.  False for anything else (a
    WebDAV server, a web site with a ``/version`` of its own)."""
    try:
        origin = instance_origin(url)
    except ConfigError:
        return False
    own = client is None
    http = client or build_client(timeout=15.0)
    try:
        version = _get_json(http, f"{origin}/version")
        if all(isinstance(version.get(key), str) for key in _VERSION_KEYS):
            return True
        status = _get_json(http, f"{origin}/status/")
        return status.get("message") == "OK" and "couchdb" in status
    except OfflineError:
        return False
    finally:
        if own:
            http.close()


def _get_json(client: httpx.Client, url: str) -> dict[str, Any]:
    try:
        response = client.get(url, headers={"Accept": "application/json"})
    except httpx.HTTPError as exc:
        raise OfflineError(f"cannot reach {urlsplit(url).netloc}") from exc
    return json_body(response) if response.status_code == 200 else {}
