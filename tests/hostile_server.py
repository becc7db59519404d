"""A hostile WebDAV server for the tests: WsgiDAV (``tests/servers.py``) behind a WSGI
middleware that answers chosen requests the way a broken or malicious server would.

- ``gzip_bomb``: a ``Content-Encoding: gzip`` answer (sent whatever the client asked)
  whose body inflates to ``size`` bytes: a GET keeps WsgiDAV's status and headers (ETag,
  Last-Modified) with the bomb as body; any other method answers ``status`` with
  ``prefix + filler * n + suffix`` (e.g. a multistatus with one huge text).  The bomb is
  made as it is sent (one deflate block repeated), so a 1 GiB one costs nothing until
  read.
- ``drip``: WsgiDAV's own answer, its body sent ``step`` bytes every ``every_s`` seconds.

Install with ``hostile(server)`` (WsgiDAV) or ``hostile_cozy(server)`` (the Cozy Stack
double of ``tests/cozy_server.py``); rules apply to the next ``times`` matching requests.
"""

from __future__ import annotations

import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tests.cozy_server import CozyStackServer
from tests.servers import DavServer, WsgiDavServer

WsgiApp = Callable[..., Any]
MIB = 1 << 20
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no mtime


def gzip_bomb_stream(
    prefix: bytes, filler: bytes, count: int, suffix: bytes = b""
) -> Iterator[bytes]:
    """A valid gzip stream of ``prefix + filler * count + suffix``, made as it is read:
    ``filler`` is deflated once after a full flush, so each repeat is the same block."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    yield _GZIP_HEADER + deflater.compress(prefix) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(filler) + deflater.flush(zlib.Z_FULL_FLUSH)
    for _ in range(count):
        yield block
    tail = deflater.compress(suffix) + deflater.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(count):  # only for a client that reads the whole bomb
        crc = zlib.crc32(filler, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + len(filler) * count + len(suffix)
    yield tail + struct.pack("<II", crc, size & 0xFFFFFFFF)


@dataclass
class _Rule:
    method: str
    path_part: str
    kind: str  # "bomb" or "drip"
    remaining: int
    options: dict[str, Any]


class Hostile:
    """The middleware (see the module docstring); ``answered`` counts hostile answers."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self.answered = 0
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()

    def gzip_bomb(
        self,
        method: str,
        path_part: str,
        *,
        size: int = 1 << 30,
        prefix: bytes = b"",
        filler: bytes = b"\0",
        suffix: bytes = b"",
        status: str = "207 Multi-Status",
        times: int = 1,
    ) -> None:
        block = filler * max(MIB // len(filler), 1)  # whole fillers: about 1 MiB
        options = dict(prefix=prefix, block=block, count=size // len(block), suffix=suffix)
        self._add(_Rule(method, path_part, "bomb", times, {**options, "status": status}))

    def drip(
        self, method: str, path_part: str, *, every_s: float, step: int = 1, times: int = 1
    ) -> None:
        self._add(_Rule(method, path_part, "drip", times, dict(every_s=every_s, step=step)))

    def calm(self) -> None:
        """Every request reaches WsgiDAV again."""
        with self._lock:
            self._rules.clear()

    def _add(self, rule: _Rule) -> None:
        with self._lock:
            self._rules.append(rule)

    def _take(self, method: str, path: str) -> _Rule | None:
        with self._lock:
            for rule in self._rules:
                if rule.remaining > 0 and rule.method == method and rule.path_part in path:
                    rule.remaining -= 1
                    self.answered += 1
                    return rule
        return None

    def __call__(self, environ: dict[str, Any], start_response: WsgiApp) -> Any:
        rule = self._take(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""))
        if rule is None:
            return self.app(environ, start_response)
        if rule.kind == "drip":
            return self._drip(environ, start_response, **rule.options)
        return self._bomb(environ, start_response, **rule.options)

    def _bomb(
        self,
        environ: dict[str, Any],
        start_response: WsgiApp,
        *,
        prefix: bytes,
        block: bytes,
        count: int,
        suffix: bytes,
        status: str,
    ) -> Iterable[bytes]:
        headers = [("Content-Type", "application/xml; charset=utf-8")]
        if environ["REQUEST_METHOD"] == "GET":  # the real file's status and headers
            status, real = _answer_of(self.app, environ)
            headers = [(k, v) for k, v in real if k.lower() != "content-length"]
        else:
            _drain(environ)
        start_response(status, [*headers, ("Content-Encoding", "gzip")])  # no length: chunked
        return gzip_bomb_stream(prefix, block, count, suffix)

    def _drip(
        self, environ: dict[str, Any], start_response: WsgiApp, *, every_s: float, step: int
    ) -> Iterable[bytes]:
        status, headers, body = _answer_with_body(self.app, environ)
        start_response(status, headers)

        def drip() -> Iterator[bytes]:
            for i in range(0, len(body), step):
                time.sleep(every_s)
                yield body[i : i + step]

        return drip()


def _drain(environ: dict[str, Any]) -> None:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)


def _answer_with_body(
    app: WsgiApp, environ: dict[str, Any]
) -> tuple[str, list[tuple[str, str]], bytes]:
    captured: dict[str, Any] = {}

    def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured["status"], captured["headers"] = status, headers
        return lambda data: None

    chunks = app(environ, capture)
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return captured["status"], captured["headers"], body


def _answer_of(app: WsgiApp, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    status, headers, _ = _answer_with_body(app, environ)
    return status, headers


def hostile(server: DavServer) -> Hostile:
    """Put a ``Hostile`` middleware in front of the WsgiDAV ``server`` (for the test's
    lifetime: the server is the test's own)."""
    assert isinstance(server, WsgiDavServer) and server.faults is not None
    middleware = Hostile(server.faults.app)
    server.faults.app = middleware
    return middleware


def hostile_cozy(server: CozyStackServer) -> Hostile:
    """The same in front of the Cozy Stack double (its cheroot server reads
    ``wsgi_app`` at each request)."""
    cheroot = server._server
    assert cheroot is not None, "start the server first"
    middleware = Hostile(cheroot.wsgi_app)
    cheroot.wsgi_app = middleware
    return middleware
