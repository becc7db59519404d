"""A forward proxy that asks an NTLM or Negotiate login on ``CONNECT`` (issue 19, item 1).

No real NTLM proxy runs here (squid's NTLM helpers need Samba's winbind and a domain), so
this is a STRICT double of the HTTP side, with the real thing on the login side: the
tokens are checked by ``pyspnego``'s NTLM acceptor (``spnego.server``, the same library
Windows-less servers use), against a user file (``NTLM_USER_FILE``,
``DOMAIN:USER:PASSWORD``).  What it holds the client to:

- MS-NTHT 2 / RFC 4559 4: without ``Proxy-Authorization`` the answer is ``407`` with one
  ``Proxy-Authenticate`` header per scheme offered (``Negotiate``, ``NTLM``, optionally
  ``Basic realm=...``), a ``Content-Length`` body, the connection kept (unless
  ``close_after_probe``: some proxies close it, the client must then start again);
- MS-NLMP 3.1.5 over HTTP: the NEGOTIATE message, then the CHALLENGE in a ``407`` with
  ``Proxy-Authenticate: NTLM <base64>``, then the AUTHENTICATE message **on the same
  connection**: the acceptor's state is per connection, so an answer sent on another
  one fails (as with IIS or squid's ntlm_auth);
- a refused login: ``407`` with the schemes again, connection closed; the tunnel is
  opened (``200 Connection established``, then bytes relayed both ways to the target)
  only once the acceptor is complete.

Plain requests (``GET http://...``) are answered ``501``: only tunnels are modelled.
``tunnels`` lists (user, target) of each tunnel opened; ``logins`` each
``Proxy-Authorization`` scheme received, in order.
"""

from __future__ import annotations

import base64
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tests.servers import free_port

__all__ = ["NtlmProxy", "started_ntlm_proxy"]


class NtlmProxy:
    def __init__(
        self,
        users: dict[str, str],
        work: Path,
        *,
        schemes: tuple[str, ...] = ("Negotiate", "NTLM"),
        close_after_probe: bool = False,
    ) -> None:
        self.schemes, self.close_after_probe = schemes, close_after_probe
        self.users_file = work / "ntlm-users"
        self.users_file.write_text(
            "".join(f"{user.replace(chr(92), ':', 1)}:{pw}\n" for user, pw in users.items()),
            encoding="utf-8",
        )  # "LYCEE\\eleve" -> "LYCEE:eleve:password" (pyspnego's flat file format)
        self.tunnels: list[tuple[str, str]] = []
        self.logins: list[str] = []
        self.port = free_port()
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                owner._serve(self.connection, self.rfile)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- one client connection ---------------------------------------------------------

    def _serve(self, conn: socket.socket, rfile: Any) -> None:
        import spnego

        context: Any = None
        context_scheme = ""
        while True:
            request = _read_request(rfile)
            if request is None:
                return
            method, target, headers = request
            if method != "CONNECT":
                _answer(conn, 501, "Not Implemented", [], close=True)
                return
            given = headers.get("proxy-authorization")
            if not given:
                self._ask(conn, close=self.close_after_probe)
                if self.close_after_probe:
                    return
                continue
            scheme, _, token = given.partition(" ")
            self.logins.append(scheme)
            if scheme not in self.schemes:
                self._ask(conn, close=True)
                return
            if context is None or context_scheme != scheme:
                context = spnego.server(
                    hostname="proxy", service="HTTP",
                    protocol="negotiate" if scheme == "Negotiate" else "ntlm",
                )  # fmt: skip
                context_scheme = scheme
            try:
                out = context.step(base64.b64decode(token, validate=True))
            except Exception:  # SpnegoError: a wrong password, a token out of sequence
                self._ask(conn, close=True)
                return
            if not context.complete:
                challenge = [("Proxy-Authenticate", f"{scheme} {base64.b64encode(out).decode()}")]
                _answer(conn, 407, "Proxy Authentication Required", challenge, close=False)
                continue
            self._tunnel(conn, target, str(context.client_principal), scheme, out)
            return

    def _ask(self, conn: socket.socket, *, close: bool) -> None:
        offered = [("Proxy-Authenticate", s if s != "Basic" else 'Basic realm="lycee"')
                   for s in self.schemes]  # fmt: skip
        _answer(conn, 407, "Proxy Authentication Required", offered, close=close)

    def _tunnel(
        self, conn: socket.socket, target: str, user: str, scheme: str, last: bytes | None
    ) -> None:
        host, _, port = target.rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        except OSError:
            _answer(conn, 502, "Bad Gateway", [], close=True)
            return
        self.tunnels.append((user, target))
        extra = (
            [("Proxy-Authenticate", f"{scheme} {base64.b64encode(last).decode()}")] if last else []
        )
        head = "HTTP/1.1 200 Connection established\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in extra
        )
        conn.sendall((head + "\r\n").encode("latin-1"))
        _relay(conn, upstream)


def _read_request(rfile: Any) -> tuple[str, str, dict[str, str]] | None:
    line = rfile.readline(65536)
    if not line:
        return None
    parts = line.decode("latin-1").split()
    headers: dict[str, str] = {}
    while True:
        raw = rfile.readline(65536)
        if raw in (b"\r\n", b"\n", b""):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if len(parts) != 3:
        return None
    return parts[0], parts[1], headers


def _answer(
    conn: socket.socket, status: int, reason: str, headers: list[tuple[str, str]], *, close: bool
) -> None:
    body = f"{status} {reason}\n".encode()
    lines = [f"HTTP/1.1 {status} {reason}", *(f"{k}: {v}" for k, v in headers)]
    lines += [f"Content-Length: {len(body)}", "Content-Type: text/plain"]
    lines.append("Connection: close" if close else "Proxy-Connection: keep-alive")
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


def _relay(client: socket.socket, upstream: socket.socket) -> None:
    def pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while chunk := src.recv(65536):
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    other = threading.Thread(target=pump, args=(upstream, client), daemon=True)
    other.start()
    pump(client, upstream)
    other.join(timeout=10)
    upstream.close()


@contextmanager
def started_ntlm_proxy(users: dict[str, str], work: Path, **options: Any) -> Iterator[NtlmProxy]:
    """A started ``NtlmProxy``; the caller sets ``NTLM_USER_FILE`` to its ``users_file``
    (pyspnego's acceptor reads it from the environment)."""
    proxy = NtlmProxy(users, work, **options)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
