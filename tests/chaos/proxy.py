"""A small HTTP-aware TCP proxy on 127.0.0.1 that injects network faults on a seeded schedule.

It sits between the sync client and the WebDAV server.  It reads each request whole (head
and body, ``Content-Length`` or chunked), asks its ``FaultSchedule`` what to do with it,
and then either forwards it on its own upstream connection or:

- ``delay``: waits a little, then forwards;
- ``reset-before``: resets the client's connection before the server saw the request;
- ``reset-after``: forwards, lets the server act, then resets instead of answering (the
  client cannot know whether a MOVE or a PUT happened);
- ``cut``: forwards and sends back the answer's head and half its body, then resets;
- ``status``: answers 500, 503 or 507 itself (the server never sees the request);
- ``hang``: never answers, until the client gives up (its read timeout) and closes.

Forced only (never drawn): ``drip-head`` forwards, then sends the answer's status line and
headers one byte every ``delay`` seconds, and its body at once (a server that drips what
no response hook sees).  A request in absolute form (sent to the proxy as to a forward
proxy: ``HTTP_PROXY``) is passed on in origin form.

``go_down()``/``come_up()`` close and reopen the listening socket on the same port (the
client sees "connection refused", as when the server is off the network).

The decisions are drawn from a ``random.Random(seed)`` in the order the requests arrive;
the client runs transfers on a few threads, so a replay gives the same sequence of
decisions but not always to the same requests.
"""

from __future__ import annotations

import contextlib
import random
import re
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

__all__ = ["FAULT_KINDS", "ChaosProxy", "FaultSchedule", "ProxyFault"]

FAULT_KINDS = ("delay", "reset-before", "reset-after", "cut", "status", "hang")
_WEIGHTS = (30, 10, 15, 15, 20, 10)
_HOP = 1 << 16


@dataclass(frozen=True)
class ProxyFault:
    kind: str
    status: int = 0
    delay: float = 0.0


@dataclass
class FaultSchedule:
    """Which request gets which fault: a seeded draw per request, at ``rate``."""

    seed: int
    rate: float = 0.0  # 0: the proxy is transparent
    allow_hang: bool = True
    counts: Counter[str] = field(default_factory=Counter)
    log: list[str] = field(default_factory=list)
    # for regression tests: the next request whose method and target match gets the fault
    forced: list[tuple[str, str, ProxyFault]] = field(default_factory=list)  # method, regex

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()

    def next(self, method: str, target: str) -> ProxyFault | None:
        with self._lock:
            for rule in self.forced:
                if rule[0] == method and re.search(rule[1], target):
                    self.forced.remove(rule)
                    self.counts[f"proxy:{rule[2].kind}"] += 1
                    self.log.append(f"{rule[2].kind} {method} {target} (forced)")
                    return rule[2]
            if self.rate <= 0 or self._rng.random() >= self.rate:
                return None
            kind = self._rng.choices(FAULT_KINDS, _WEIGHTS)[0]
            if kind == "hang" and not self.allow_hang:
                kind = "delay"
            fault = ProxyFault(
                kind,
                status=self._rng.choice((500, 503, 507)) if kind == "status" else 0,
                delay=self._rng.uniform(0.05, 0.6) if kind == "delay" else 0.0,
            )
            label = f"{kind}-{fault.status}" if fault.status else kind
            self.counts[f"proxy:{label}"] += 1
            self.log.append(f"{label} {method} {target}")
            return fault


class _Closed(Exception):
    """The peer closed the connection (or broke the framing)."""


def _read_head(stream: socket.SocketIO | object) -> bytes | None:
    """Bytes up to and including the blank line; None on a clean EOF before any byte."""
    lines = []
    while True:
        line = stream.readline(_HOP)  # type: ignore[attr-defined]
        if not line:
            if lines:
                raise _Closed("EOF inside a head")
            return None
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            return b"".join(lines)


def _headers(head: bytes) -> tuple[str, dict[str, str]]:
    first, *rest = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in rest:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return first, headers


def _read_exact(stream: object, size: int) -> bytes:
    data = stream.read(size)  # type: ignore[attr-defined]
    if len(data) != size:
        raise _Closed("EOF inside a body")
    return bytes(data)


def _read_chunked(stream: object) -> bytes:
    out = []
    while True:
        line = stream.readline(_HOP)  # type: ignore[attr-defined]
        if not line:
            raise _Closed("EOF inside a chunked body")
        out.append(line)
        size = int(line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            while True:  # trailers, then the blank line
                trailer = stream.readline(_HOP)  # type: ignore[attr-defined]
                if not trailer:
                    raise _Closed("EOF inside trailers")
                out.append(trailer)
                if trailer in (b"\r\n", b"\n"):
                    return b"".join(out)
        out.append(_read_exact(stream, size + 2))


def _read_body(stream: object, headers: dict[str, str], *, until_close: bool) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return _read_chunked(stream)
    if "content-length" in headers:
        return _read_exact(stream, int(headers["content-length"]))
    if until_close:
        return bytes(stream.read())  # type: ignore[attr-defined]
    return b""


def _origin_form(head: bytes, target: str) -> bytes:
    """A request sent to the proxy as to a forward proxy (``GET http://host/path``, a
    client with ``HTTP_PROXY`` set), as the server expects it (``GET /path``)."""
    if not target.startswith("http://"):
        return head
    parts = urlsplit(target)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return head.replace(target.encode("latin-1"), path.encode("latin-1"), 1)


def _reset(sock: socket.socket) -> None:
    """Close with an RST (SO_LINGER 0), as a crashed peer or a middlebox would."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class ChaosProxy:
    """Listens on 127.0.0.1:``port`` (0: a free one) and forwards to 127.0.0.1:``upstream_port``."""

    def __init__(self, upstream_port: int, schedule: FaultSchedule, port: int = 0) -> None:
        self.upstream_port = upstream_port
        self.schedule = schedule
        self.port = port
        self.requests = 0
        self._listener: socket.socket | None = None
        self._accept_thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        self._stopping.clear()
        self.come_up()

    def come_up(self) -> None:
        if self._listener is not None:
            return
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(64)
        sock.settimeout(0.2)
        self.port = sock.getsockname()[1]
        self._listener = sock
        self._accept_thread = threading.Thread(
            target=self._accept_loop, args=(sock,), name=f"chaos-proxy-{self.port}", daemon=True
        )
        self._accept_thread.start()

    def go_down(self) -> None:
        """Stop listening and drop every open connection (connection refused from now)."""
        sock, self._listener = self._listener, None
        if sock is not None:
            sock.close()
        if self._accept_thread is not None:
            self._accept_thread.join(timeout=5)
            self._accept_thread = None
        self.drop_connections()

    def drop_connections(self) -> None:
        with self._lock:
            conns, self._conns = set(self._conns), set()
        for conn in conns:
            _reset(conn)

    def stop(self) -> None:
        self._stopping.set()
        self.go_down()

    def __enter__(self) -> ChaosProxy:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- serving ---------------------------------------------------------------------------

    def _accept_loop(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            with self._lock:
                self._conns.add(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._conns.add(sock)

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            client_in = client.makefile("rb")
            upstream_in = None
            while not self._stopping.is_set():
                head = _read_head(client_in)
                if head is None:
                    break
                request_line, headers = _headers(head)
                body = _read_body(client_in, headers, until_close=False)
                method, target = [*request_line.split(" "), "", ""][:2]
                head = _origin_form(head, target)
                with self._lock:
                    self.requests += 1
                fault = self.schedule.next(method, target)
                if fault is not None and not self._before_forward(client, client_in, fault):
                    return
                if upstream is None:
                    try:
                        upstream = socket.create_connection(("127.0.0.1", self.upstream_port), 5)
                    except OSError:
                        _reset(client)  # the server is down: the connection dies
                        return
                    upstream.settimeout(120)
                    self._track(upstream)
                    upstream_in = upstream.makefile("rb")
                upstream.sendall(head + body)
                resp_head = _read_head(upstream_in)
                if resp_head is None:
                    raise _Closed("the server closed without an answer")
                status_line, resp_headers = _headers(resp_head)
                status = int(status_line.split(" ")[1])
                no_body = method == "HEAD" or status in (204, 304) or 100 <= status < 200
                close_after = resp_headers.get("connection", "").lower() == "close"
                resp_body = (
                    b""
                    if no_body
                    else _read_body(upstream_in, resp_headers, until_close=close_after)
                )
                if fault is not None and fault.kind == "reset-after":
                    _reset(client)
                    return
                if fault is not None and fault.kind == "cut":
                    whole = resp_head + resp_body
                    keep = len(resp_head) + len(resp_body) // 2 if resp_body else len(whole) // 2
                    client.sendall(whole[:keep])
                    _reset(client)
                    return
                if fault is not None and fault.kind == "drip-head":
                    self._drip(client, resp_head, fault.delay)
                    resp_head = b""
                client.sendall(resp_head + resp_body)
                if close_after:
                    break
        except (OSError, _Closed, ValueError, IndexError):
            _reset(client)
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    with self._lock:
                        self._conns.discard(sock)
                    with contextlib.suppress(OSError):
                        sock.close()

    def _drip(self, client: socket.socket, data: bytes, every_s: float) -> None:
        """Send ``data`` one byte every ``every_s`` (raises once the client is gone)."""
        for i in range(len(data)):
            if self._stopping.wait(every_s):
                raise _Closed("the proxy stops")
            client.sendall(data[i : i + 1])

    def _before_forward(self, client: socket.socket, client_in: object, fault: ProxyFault) -> bool:
        """Apply a fault that acts before the server sees the request; False: connection over."""
        if fault.kind == "delay":
            time.sleep(fault.delay)
            return True
        if fault.kind == "reset-before":
            _reset(client)
            return False
        if fault.kind == "status":
            reason = {500: "Internal Server Error", 503: "Service Unavailable"}.get(
                fault.status, "Insufficient Storage"
            )
            client.sendall(
                f"HTTP/1.1 {fault.status} {reason}\r\nContent-Length: 0\r\n"
                "Connection: close\r\n\r\n".encode()
            )
            return False
        if fault.kind == "hang":
            client.settimeout(0.2)
            while not self._stopping.is_set():
                try:
                    if not client.recv(_HOP):
                        break  # the client gave up
                except TimeoutError:
                    continue
                except OSError:
                    break
            return False
        return True  # reset-after, cut: after forwarding
