"""The Cozy Stack's realtime websocket as a trigger to fetch remote changes sooner
(brief ``cozy-protocol.md`` §4 "Polling vs push"; cozy-stack ``docs/realtime.md``).

On its own thread beside a watched Cozy pair: open ``/realtime/`` on the instance's
origin (subprotocol ``io.cozy.websocket``), send ``AUTH`` with the access token (the
session's own, refreshed as the API calls refresh it), then ``SUBSCRIBE`` to
``io.cozy.files``.  A ``CREATED``/``UPDATED``/``DELETED`` event calls ``on_change`` once
the events stop for 200 ms (at most 5 s after the first): the watch loop then reads the
changes feed, which stays the truth.  The event of a version this client wrote itself
(known by its id and rev) is an echo and triggers nothing.  Polling goes on unchanged:
this only makes it sooner.

Never blocks nor fails a sync: a dropped or refused connection is retried with back-off;
a refused ``AUTH`` (after one token refresh) or ``SUBSCRIBE`` turns realtime off for the
run with one log line.
"""

from __future__ import annotations

import contextvars
import json
import logging
import random
import socket
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpcore
from websockets.exceptions import ConnectionClosed, WebSocketException
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol

from cozysync.errors import CozySyncError
from cozysync.remotes.cozy_auth import CozySession
from cozysync.remotes.proxy import PROXY, open_socket
from cozysync.remotes.tls import system_trust_context

__all__ = ["DEBOUNCE_MAX_S", "DEBOUNCE_S", "CozyRealtime"]

log = logging.getLogger(__name__)

SUBPROTOCOL = "io.cozy.websocket"  # docs/realtime.md: the protocol named in the handshake
DOCTYPE = "io.cozy.files"
EVENTS = frozenset({"CREATED", "UPDATED", "DELETED"})
DEBOUNCE_S = 0.2  # brief §4: cozy-desktop debounces 200 ms, at most 5 s
DEBOUNCE_MAX_S = 5.0
RETRY_BASE_S = 1.0
RETRY_CAP_S = 120.0
HEALTHY_S = 60.0  # a connection that lasted this long starts the back-off over
OPEN_TIMEOUT_S = 10.0


class RealtimeRefused(Exception):
    """The stack refused AUTH or SUBSCRIBE: realtime is off for this run."""


def websocket_url(origin: str) -> str:
    """``https://host`` → ``wss://host/realtime/`` (``http`` → ``ws``)."""
    scheme, _, rest = origin.partition("://")
    return f"{'wss' if scheme == 'https' else 'ws'}://{rest.rstrip('/')}/realtime/"


class CozyRealtime:
    """One realtime connection to a Cozy, kept open on a daemon thread until ``stop``."""

    def __init__(
        self,
        session: CozySession,
        on_change: Callable[[], None],
        *,
        name: str = "cozy",
        retry_base_s: float = RETRY_BASE_S,
        is_own_write: Callable[[str, str], bool] = lambda _id, _rev: False,
    ) -> None:
        self.session, self.on_change, self.name = session, on_change, name
        self.retry_base_s = retry_base_s
        self.is_own_write = is_own_write  # (doc id, rev) → this client wrote that version
        self.echoes_ignored = 0  # events of our own writes, which fetch nothing new
        self._stop = threading.Event()
        self._conn: ClientConnection | None = None
        self._opened_at: float | None = None
        self._subscribed_before = False  # a later subscription is a reconnection
        self._thread = threading.Thread(
            target=contextvars.copy_context().run,  # the caller's pair log, for instance
            args=(self._run,),
            name=f"realtime-{name}",
            daemon=True,
        )
        self._rng = random.Random()

    def start(self) -> CozyRealtime:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        conn = self._conn
        if conn is not None:
            conn.close()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._opened_at = None
            try:
                self._session_once()
            except RealtimeRefused as exc:
                log.warning("%s: realtime updates off (%s); checking every poll", self.name, exc)
                return
            except (OSError, WebSocketException, CozySyncError, ValueError, TimeoutError) as exc:
                log.debug("%s: realtime connection: %r", self.name, exc)
            except Exception:  # never let the trigger break anything
                log.exception("%s: realtime connection failed", self.name)
            opened = self._opened_at
            if opened is not None and time.monotonic() - opened >= HEALTHY_S:
                failures = 0  # it had been up a while: a drop, not a failing server
            failures += 1
            delay = min(RETRY_CAP_S, self.retry_base_s * 2.0 ** (failures - 1))
            self._stop.wait(delay * self._rng.uniform(0.5, 1.0))

    def websocket_address(self) -> str:
        """Where the websocket is (a shared drive's has its own: ``cozy_drives``)."""
        return websocket_url(self.session.origin)

    def subscription(self) -> dict[str, Any] | None:
        """The command sent after AUTH (None: the route subscribes by itself)."""
        return {"method": "SUBSCRIBE", "payload": {"type": DOCTYPE}}

    def _session_once(self) -> None:
        """Connect, authenticate, subscribe, then turn events into triggers until the
        connection ends.  Raises ``RealtimeRefused`` when the stack says no."""
        refreshed = False
        while True:
            token = self.session.tokens().access_token
            url = self.websocket_address()
            with connect(
                url,
                ssl=system_trust_context() if url.startswith("wss:") else None,  # issue 19
                sock=_proxied_socket(url),  # the chosen proxy's tunnel (any login), issue 19
                proxy=None,
                subprotocols=[Subprotocol(SUBPROTOCOL)],
                open_timeout=OPEN_TIMEOUT_S,
                user_agent_header="cozysync",
            ) as conn:
                self._conn, self._opened_at = conn, time.monotonic()
                try:
                    conn.send(json.dumps({"method": "AUTH", "payload": token}))
                    subscribe = self.subscription()
                    sent = subscribe is None or _send_unless_closed(conn, subscribe)
                    if self._stop.is_set():
                        return
                    if sent and self._subscribed_before:
                        # events sent while the socket was down are lost: read the feed
                        # once now instead of waiting for the next poll
                        self.on_change()
                    self._subscribed_before = self._subscribed_before or sent
                    if self._listen(conn):  # closed already: reads why (a refused AUTH)
                        return
                finally:
                    self._conn = None
            if refreshed:
                raise RealtimeRefused("the Cozy refused the access token")
            self.session.refresh(token)  # maybe expired: one more try with a fresh one
            refreshed = True

    def _listen(self, conn: ClientConnection) -> bool:
        """Read events until the connection ends.  False if AUTH was refused (an error
        event before anything else): the caller refreshes the token once."""
        first_at: float | None = None
        last_at = 0.0
        authed = False
        versions: list[tuple[object, object]] = []  # (id, rev) of the events waiting
        while not self._stop.is_set():
            timeout = None
            if first_at is not None:
                due = min(last_at + DEBOUNCE_S, first_at + DEBOUNCE_MAX_S)
                timeout = max(0.0, due - time.monotonic())
            try:
                raw = conn.recv(timeout=timeout)
            except TimeoutError:
                first_at = None
                # Decided only now: the stack announces a write before its HTTP answer
                # reaches the client that made it, and remembers it as its own.
                if all(self._is_own(*version) for version in versions):
                    self.echoes_ignored += len(versions)
                else:
                    self.on_change()
                versions = []
                continue
            message = _parse(raw)
            event, payload = message.get("event"), message.get("payload")
            if event == "error":
                source = payload.get("source", {}) if isinstance(payload, dict) else {}
                method = source.get("method") if isinstance(source, dict) else None
                if method == "SUBSCRIBE":
                    raise RealtimeRefused(f"subscribing was refused: {_title(payload)}")
                if not authed:
                    log.info("%s: realtime AUTH refused: %s", self.name, _title(payload))
                    return False
                continue
            if event in EVENTS and isinstance(payload, dict) and payload.get("type") == DOCTYPE:
                authed = True
                versions.append(_version(payload))
                now = time.monotonic()
                first_at = first_at if first_at is not None else now
                last_at = now
        return True

    def _is_own(self, doc_id: object, rev: object) -> bool:
        """A version this client wrote (brief §8.2: echoes of our own writes are told
        apart by their rev): the sync that wrote it knows it already."""
        return isinstance(doc_id, str) and isinstance(rev, str) and self.is_own_write(doc_id, rev)


def _send_unless_closed(conn: ClientConnection, command: dict[str, Any]) -> bool:
    """Send ``command``; False if the stack had closed the connection already.  It does
    so right after refusing AUTH: on a loaded machine its error and its close can arrive
    before the SUBSCRIBE that followed AUTH is sent.  The error is still there to be
    read, and must be: taken for a dropped connection, the refusal was retried with a
    fresh refresh allowance each time (AUTH after AUTH instead of realtime off)."""
    try:
        conn.send(json.dumps(command))
    except ConnectionClosed:
        return False
    return True


def _version(payload: dict[str, Any]) -> tuple[object, object]:
    """An event's (doc id, rev): the rev beside the id, else the doc's own."""
    doc = payload.get("doc")
    doc = doc if isinstance(doc, dict) else {}
    meta = doc.get("meta")
    meta = meta if isinstance(meta, dict) else {}
    return payload.get("id"), payload.get("rev") or doc.get("_rev") or meta.get("rev")


def _parse(raw: str | bytes) -> dict[str, Any]:
    try:
        message = json.loads(raw)
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}


def _title(payload: Any) -> str:
    if isinstance(payload, dict):
        return str(payload.get("title") or payload.get("status") or "error")
    return "error"


def _proxied_socket(url: str) -> socket.socket | None:
    """A tunnel to the websocket's server through the chosen proxy (``proxy.open_socket``:
    an http proxy's CONNECT with any login it asks, NTLM and Negotiate too, or SOCKS5);
    None without a proxy (websockets connects directly)."""
    if PROXY.choice.proxy_for(url) is None:
        return None
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "wss" else 80)
    try:
        raw = open_socket(url, parts.hostname or "", port, OPEN_TIMEOUT_S)
    except httpcore.ProxyError as exc:
        raise OSError(f"the proxy refused the realtime connection: {exc}") from exc
    except httpcore.NetworkError as exc:
        raise OSError(f"the proxy cannot be reached: {exc}") from exc
    raw.settimeout(None)  # websockets times its own reads, as with its own sockets
    return raw
