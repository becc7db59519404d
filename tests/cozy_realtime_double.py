"""The Cozy double's realtime websocket (cozy-stack ``docs/realtime.md``), on the same
origin as its API.

``SameOrigin`` listens on the double's public port: a connection whose request line is
``GET /realtime/`` goes to a ``websockets`` server, any other to the cheroot WSGI app
(bytes copied both ways, so the API sees exactly what the client sent).

``RealtimeHub`` is the protocol, as docs/realtime.md states it:
- the handshake names the subprotocol ``io.cozy.websocket``;
- "AUTH … must be the first command": anything else first, or a token the stack does not
  accept (unknown, revoked client, expired), gets an ``error`` message (401) and the
  connection is closed;
- "to subscribe, a client must have permission GET on the passed selector. Otherwise an
  error is passed in the message feed" (403, ``source`` = the command);
- only events of a subscribed selector (type, optionally id) are delivered, as
  ``{"event": CREATED|UPDATED|DELETED, "payload": {"type", "id", "rev", "doc"}}``;
  ``UNSUBSCRIBE`` stops them.
A shared drive's route ``/sharings/drives/:id/realtime`` (cozy-stack
``web/sharings/realtime.go``, at db1163854f) is served here too: an unknown drive is
refused before the upgrade (``Ws`` :316-327, 404 "not a drive"); AUTH first, with a token
that may GET the whole ``io.cozy.files`` (:117-133, :425-429; else 401 ``unauthorized``);
then, with no SUBSCRIBE (the route subscribes by itself and reads nothing more), the
drive's events as ``{"event", "payload": {"type", "id", "doc"}}`` (:48-57, no ``rev``),
which ``tests/cozy_drives_double.py`` picks from the owner's (``publish_drive``).
Knobs: ``refuse_auth`` (every AUTH refused), ``drop()`` (every connection cut, as a
network failure would).  Records: ``log`` of (requests served so far, what) in order:
``("connect", "")``, ``("auth refused", reason)``, ``("subscribed", type)``,
``("sent", "<EVENT> <id>")``.
"""

from __future__ import annotations

import contextlib
import json
import queue
import re
import socket
import threading
from collections.abc import Callable
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve
from websockets.typing import Subprotocol

Json = dict[str, Any]
PEEK_LIMIT = 8192


class RealtimeHub:
    """The realtime side of one instance; ``check_token(token) -> scope or None`` and
    ``served() -> int`` (API requests so far) come from the stack."""

    def __init__(self, check_token: Callable[[str], str | None], served: Callable[[], int]):
        self.check_token, self.served = check_token, served
        self.lock = threading.Lock()
        self.refuse_auth = False
        self.log: list[tuple[int, str, str]] = []
        self.listeners: dict[ServerConnection, list[Json]] = {}  # conn → its selectors
        self.drive_listeners: dict[ServerConnection, str] = {}  # conn → its drive's id
        self.drive_exists: Callable[[str], bool] = lambda _id: False  # set by the stack
        self._queue: queue.Queue[tuple[str, Json, str | None] | None] = queue.Queue()
        self._sender = threading.Thread(target=self._send_loop, name="realtime-send", daemon=True)
        self._sender.start()
        self.server: Server | None = None

    def record(self, what: str, detail: str = "") -> None:
        with self.lock:
            self.log.append((self.served(), what, detail))

    def entries(self, what: str) -> list[tuple[int, str, str]]:
        with self.lock:
            return [e for e in self.log if e[1] == what]

    # -- the stack's side ------------------------------------------------------------

    def publish(self, event: str, payload: Json) -> None:
        """A doc was written (CREATED/UPDATED) or deleted (DELETED) in CouchDB."""
        self._queue.put((event, payload, None))

    def publish_drive(self, drive_id: str, event: str, payload: Json) -> None:
        """An event of the drive ``drive_id``, for the connections to its route."""
        self._queue.put((event, payload, drive_id))

    def drop(self) -> None:
        """Cut every connection without a closing handshake."""
        with self.lock:
            conns = [*self.listeners, *self.drive_listeners]
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.socket.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._queue.put(None)
        if self.server is not None:
            self.server.shutdown()

    def _send_loop(self) -> None:
        while (item := self._queue.get()) is not None:
            event, payload, drive_id = item
            with self.lock:
                if drive_id is not None:
                    targets = [c for c, d in self.drive_listeners.items() if d == drive_id]
                else:
                    targets = [
                        c
                        for c, selectors in self.listeners.items()
                        if any(
                            s.get("type") == payload["type"]
                            and s.get("id") in (None, payload["id"])
                            for s in selectors
                        )
                    ]
            for conn in targets:
                with contextlib.suppress(ConnectionClosed, OSError):
                    conn.send(json.dumps({"event": event, "payload": payload}))
                    self.record("sent", f"{event} {payload['id']}")

    # -- a client's connection -------------------------------------------------------

    def handle(self, conn: ServerConnection) -> None:
        drive_id = _drive_of(conn.request.path if conn.request is not None else "")
        if drive_id is not None:
            self._handle_drive(conn, drive_id)
            return
        self.record("connect")
        try:
            first = _message(conn.recv(timeout=30))
            scope = None
            if first.get("method") == "AUTH" and isinstance(first.get("payload"), str):
                scope = None if self.refuse_auth else self.check_token(first["payload"])
            if scope is None:
                self.record("auth refused", str(first.get("method")))
                conn.send(json.dumps(_error("401 Unauthorized", "unauthorized", first)))
                conn.close()
                return
            with self.lock:
                self.listeners[conn] = []
            for raw in conn:
                self._command(conn, _message(raw), scope.split())
        except (ConnectionClosed, TimeoutError, OSError):
            pass
        finally:
            with self.lock:
                self.listeners.pop(conn, None)

    def _handle_drive(self, conn: ServerConnection, drive_id: str) -> None:
        """realtime.go:316-478: AUTH, the whole-type permission, then the drive's events
        (nothing the client sends afterwards is read by the stack: ignored here)."""
        self.record("drive connect", str(conn.request.path if conn.request else ""))
        try:
            first = _message(conn.recv(timeout=30))
            scope = None
            if first.get("method") == "AUTH" and isinstance(first.get("payload"), str):
                scope = None if self.refuse_auth else self.check_token(first["payload"])
            if scope is None or "io.cozy.files" not in scope.split():
                self.record("auth refused", str(first.get("method")))
                conn.send(json.dumps(_error("401 Unauthorized", "unauthorized", first)))
                conn.close()
                return
            with self.lock:
                self.drive_listeners[conn] = drive_id
            self.record("drive watched", drive_id)
            for _ignored in conn:
                pass
        except (ConnectionClosed, TimeoutError, OSError):
            pass
        finally:
            with self.lock:
                self.drive_listeners.pop(conn, None)

    def _check_path(self, conn: ServerConnection, request: Any) -> Any:
        """Before the upgrade: an unknown drive is 404 (realtime.go:320-327)."""
        drive_id = _drive_of(request.path)
        if drive_id is not None and not self.drive_exists(drive_id):
            return conn.respond(404, "not a drive\n")
        return None

    def _command(self, conn: ServerConnection, cmd: Json, scope: list[str]) -> None:
        method, selector = cmd.get("method"), cmd.get("payload")
        if method not in ("SUBSCRIBE", "UNSUBSCRIBE") or not isinstance(selector, dict):
            conn.send(json.dumps(_error("400 Bad Request", "bad_request", cmd)))
            return
        wanted = {k: selector[k] for k in ("type", "id") if k in selector}
        if method == "UNSUBSCRIBE":
            with self.lock:
                self.listeners[conn] = [s for s in self.listeners[conn] if s != wanted]
            return
        if wanted.get("type") not in scope:  # GET on the selector: our scopes are doctypes
            conn.send(json.dumps(_error("403 Forbidden", "forbidden", cmd)))
            return
        with self.lock:
            self.listeners[conn].append(wanted)
        self.record("subscribed", str(wanted.get("type")))

    def start(self, port: int) -> None:
        self.server = serve(
            self.handle,
            "127.0.0.1",
            port,
            subprotocols=[Subprotocol("io.cozy.websocket")],
            compression=None,
            process_request=self._check_path,
        )
        threading.Thread(target=self.server.serve_forever, name="realtime", daemon=True).start()


def _drive_of(path: str) -> str | None:
    """The drive id of ``/sharings/drives/:id/realtime[?query]``, else None."""
    found = re.fullmatch(r"/sharings/drives/([^/?]+)/realtime(\?.*)?", path)
    return found[1] if found else None


def _message(raw: str | bytes) -> Json:
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _error(status: str, code: str, source: Json) -> Json:
    title = "The authentication has failed" if code == "unauthorized" else f"{code}"
    return {
        "event": "error",
        "payload": {"status": status, "code": code, "title": title, "source": source},
    }


class SameOrigin:
    """One public port: ``/realtime/`` upgrades to the websocket server, the rest to the
    WSGI server (both on private ports of 127.0.0.1)."""

    def __init__(self, port: int, api_port: int, realtime_port: int) -> None:
        self.api_port, self.realtime_port = api_port, realtime_port
        self.sock = socket.create_server(("127.0.0.1", port))
        self.sock.settimeout(0.5)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="same-origin", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._route, args=(client,), daemon=True).start()

    def _route(self, client: socket.socket) -> None:
        client.settimeout(None)
        with client:
            head = b""
            while b"\r\n" not in head and len(head) < PEEK_LIMIT:
                head = client.recv(PEEK_LIMIT, socket.MSG_PEEK)
                if not head:
                    return
                if b"\r\n" not in head:
                    self._stop.wait(0.001)
            line = head.split(b"\r\n", 1)[0].split()
            realtime = (
                len(line) >= 2
                and line[0] == b"GET"
                and (line[1] == b"/realtime/" or _drive_of(line[1].decode("latin-1")) is not None)
            )
            port = self.realtime_port if realtime else self.api_port
            try:
                backend = socket.create_connection(("127.0.0.1", port))
            except OSError:
                return
            with backend:
                for sock in (client, backend):  # no Nagle delay added by this hop
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                pump = threading.Thread(target=_copy, args=(backend, client), daemon=True)
                pump.start()
                _copy(client, backend)
                pump.join()


def _copy(src: socket.socket, dst: socket.socket) -> None:
    """Copy until ``src`` ends, then end ``dst``'s sending side."""
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    with contextlib.suppress(OSError):
        dst.shutdown(socket.SHUT_WR)
