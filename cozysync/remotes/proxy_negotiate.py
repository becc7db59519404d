"""Proxy logins beyond Basic: NTLM and Negotiate on the ``CONNECT`` tunnel (issue 19,
item 1).

A school or company proxy on a Windows domain often asks ``Proxy-Authenticate:
Negotiate`` and/or ``NTLM`` instead of (or before) ``Basic``.  Both are handshakes on
one connection (MS-NLMP over HTTP, RFC 4559 for Negotiate): a first token, the proxy's
challenge in a 407 on the same connection, then the answer; the proxy then keeps that
connection open as the authenticated tunnel.  httpx cannot do that for the ``CONNECT``
of an https address (it happens inside httpcore, which only sends fixed headers), so
``TunnelBackend`` opens the tunnel itself: it is the network backend of the connection
pool for https addresses, and when httpcore asks for a TCP connection to the server, it
connects to the proxy and sends ``CONNECT host:port``, with the login the proxy asks
for, preferring Negotiate, then NTLM, then Basic; TLS to the server then runs inside the
tunnel as for a direct connection (the certificate is checked as always).

The tokens come from ``pyspnego`` (``spnego.client``): NTLMv2 by itself, and Negotiate
as SPNEGO, which uses Kerberos where the computer has a ticket and the ``gssapi``
package (not a dependency: never tested here, no KDC), else NTLM inside SPNEGO.  The
user is written ``DOMAIN\\user`` or ``user@domain``.

Plain ``http://`` addresses are forwarded by the proxy with a Basic login only (httpx's
proxy support); the realtime websocket's ``CONNECT`` too (``websockets``): with a proxy
that only takes NTLM/Negotiate, the Cozy's changes are then read at each poll instead.
A refused login is ``httpcore.ProxyError`` with "407", which ``http.py`` turns into
``ProxyLoginError``; the password is never logged.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Iterable
from typing import Any

import httpcore

__all__ = ["SCHEMES", "TunnelBackend", "pick_scheme"]

log = logging.getLogger(__name__)

SCHEMES = ("Negotiate", "NTLM", "Basic")  # preferred first
MAX_HEAD = 64 * 1024
MAX_ROUNDS = 4


def pick_scheme(offered: Iterable[str]) -> tuple[str, bytes | None]:
    """The scheme to answer among the ``Proxy-Authenticate`` values (and the token a
    value carries: the proxy's challenge); ("", None) when none is supported."""
    found: dict[str, bytes | None] = {}
    for value in offered:
        name, _, data = value.strip().partition(" ")
        for scheme in SCHEMES:
            if name.lower() == scheme.lower() and scheme not in found:
                token = data.strip()  # Basic's is its realm="...": no token
                found[scheme] = _decoded(token) if token and scheme != "Basic" else None
    for scheme in SCHEMES:
        if scheme in found:
            return scheme, found[scheme]
    return "", None


def _decoded(token: str) -> bytes:
    try:
        return base64.b64decode(token, validate=True)
    except ValueError as exc:  # binascii.Error
        raise httpcore.ProxyError(f"the proxy's login challenge is not base64 ({exc})") from exc


class _Answer:
    def __init__(
        self, status: int, reason: str, headers: list[tuple[str, str]], version: str = "HTTP/1.1"
    ) -> None:
        self.status, self.reason, self.headers = status, reason, headers
        self.version = version

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def closes(self) -> bool:
        """Whether the proxy ends this connection after the answer: it says so, it spoke
        HTTP/1.0 without keep-alive, or its body has no length (a chunked one is not
        read here: the connection is given up, and a handshake starts on a new one)."""
        said = ",".join(self.all("Connection") + self.all("Proxy-Connection")).lower()
        if "close" in said or self.all("Transfer-Encoding"):
            return True
        return self.version == "HTTP/1.0" and "keep-alive" not in said

    @property
    def length(self) -> int:
        values = self.all("Content-Length")
        try:
            return int(values[0]) if values else 0
        except ValueError:
            return 0


class TunnelBackend(httpcore.NetworkBackend):
    """Connects to the proxy at ``proxy_host:proxy_port`` (through ``inner``) and opens a
    ``CONNECT`` tunnel to the asked host, logging in with ``user``/``password`` as the
    proxy asks (see the module's docstring).  The scheme the proxy took is remembered,
    so later tunnels send their first token at once."""

    def __init__(
        self,
        inner: httpcore.NetworkBackend,
        proxy_host: str,
        proxy_port: int,
        user: str,
        password: str,
    ) -> None:
        self._inner = inner
        self.proxy_host, self.proxy_port = proxy_host, proxy_port
        self._user, self._password = user, password
        self._scheme = ""  # the scheme the proxy took last time
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"TunnelBackend({self.proxy_host}:{self.proxy_port}, user={self._user!r})"

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        def connect() -> httpcore.NetworkStream:
            return self._inner.connect_tcp(
                self.proxy_host, self.proxy_port, timeout=timeout,
                local_address=local_address, socket_options=socket_options,
            )  # fmt: skip

        target = f"{host}:{port}" if ":" not in host else f"[{host}]:{port}"
        stream = connect()
        try:
            return self._open(stream, target, timeout, connect)
        except BaseException:
            stream.close()
            raise

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:  # pragma: no cover (never asked: a proxy is TCP)
        raise httpcore.ConnectError("a proxy tunnel cannot go to a unix socket")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)

    def _open(
        self, stream: httpcore.NetworkStream, target: str, timeout: float | None, connect: Any
    ) -> httpcore.NetworkStream:
        with self._lock:
            scheme = self._scheme
        context: Any = None
        header: str | None = None
        tried: set[str] = set()
        if scheme:
            context, header = self._first(scheme)
            tried.add(scheme)
        for _ in range(MAX_ROUNDS):
            answer = self._connect(stream, target, header, timeout)
            if answer.status == 200:
                with self._lock:
                    self._scheme = scheme
                return stream
            if answer.status != 407:
                raise httpcore.ProxyError(
                    f"the proxy answered {answer.status} {answer.reason} to CONNECT {target}"
                )
            offered, challenge = pick_scheme(answer.all("Proxy-Authenticate"))
            if offered and offered == scheme and challenge is not None and context is not None:
                header = self._next(scheme, context, challenge)  # the answer to its challenge
            elif offered and offered not in tried:
                scheme = offered
                tried.add(scheme)
                context, header = self._first(scheme)
            else:  # it refused the login given, or asks one we do not speak
                with self._lock:
                    self._scheme = ""
                what = f"{offered} " if offered else ""
                raise httpcore.ProxyError(f"407: the proxy refused the {what}login")
            if answer.closes:  # a new connection: a handshake starts again there
                stream.close()
                stream = connect()
                if challenge is not None:
                    context, header = self._first(scheme)
        raise httpcore.ProxyError("407: the proxy did not finish the login")

    def _first(self, scheme: str) -> tuple[Any, str]:
        if scheme == "Basic":
            raw = f"{self._user}:{self._password}".encode()
            return None, "Basic " + base64.b64encode(raw).decode("ascii")
        import spnego

        context = spnego.client(
            self._user, self._password, hostname=self.proxy_host, service="HTTP",
            protocol="negotiate" if scheme == "Negotiate" else "ntlm",
        )  # fmt: skip
        return context, self._header(scheme, context.step())

    def _next(self, scheme: str, context: Any, challenge: bytes) -> str:
        try:
            return self._header(scheme, context.step(challenge))
        except Exception as exc:  # pyspnego's SpnegoError: a challenge it cannot answer
            raise httpcore.ProxyError(
                f"407: the proxy's {scheme} challenge failed ({exc})"
            ) from exc

    @staticmethod
    def _header(scheme: str, token: bytes | None) -> str:
        return f"{scheme} " + base64.b64encode(token or b"").decode("ascii")

    def _connect(
        self,
        stream: httpcore.NetworkStream,
        target: str,
        authorization: str | None,
        timeout: float | None,
    ) -> _Answer:
        lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}", "Proxy-Connection: keep-alive"]
        if authorization:
            lines.append(f"Proxy-Authorization: {authorization}")
        stream.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), timeout=timeout)
        head, rest = self._read_head(stream, timeout)
        answer = _parse(head)
        if answer.status != 200:
            self._skip(stream, answer.length - len(rest), timeout)
        elif rest:
            raise httpcore.ProxyError("the proxy sent data before the tunnel was used")
        return answer

    @staticmethod
    def _read_head(stream: httpcore.NetworkStream, timeout: float | None) -> tuple[bytes, bytes]:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = stream.read(4096, timeout=timeout)
            if not chunk:
                raise httpcore.ProxyError("the proxy closed the connection during CONNECT")
            data += chunk
            if len(data) > MAX_HEAD:
                raise httpcore.ProxyError("the proxy's answer to CONNECT is too long")
        head, _, rest = data.partition(b"\r\n\r\n")
        return head, rest

    @staticmethod
    def _skip(stream: httpcore.NetworkStream, left: int, timeout: float | None) -> None:
        while left > 0:
            chunk = stream.read(min(left, 65536), timeout=timeout)
            if not chunk:
                return
            left -= len(chunk)


def _parse(head: bytes) -> _Answer:
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise httpcore.ProxyError(f"the proxy's answer to CONNECT is not HTTP: {lines[0][:80]!r}")
    headers = []
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers.append((name.strip(), value.strip()))
    return _Answer(int(parts[1]), parts[2] if len(parts) > 2 else "", headers, parts[0])
