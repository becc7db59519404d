"""A real HTTP server on 127.0.0.1 serving a proxy configuration (PAC) file, as a
school's ``wpad`` host does (issue 19, item 1).

``PacServer.js`` is the file served at ``/proxy.pac`` (change it between commands: each
``python -m cozysync`` reads it once); ``content_type`` the type it is served with
(``application/x-ns-proxy-autoconfig``, what WPAD asks for); ``fetched`` the paths
requested, with the ``Via`` header each had (None: it came directly).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.servers import free_port

__all__ = ["PAC_TYPE", "PacServer", "served_pac"]

PAC_TYPE = "application/x-ns-proxy-autoconfig"


class PacServer:
    def __init__(self, js: str) -> None:
        self.js, self.content_type = js, PAC_TYPE
        self.fetched: list[tuple[str, str | None]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.fetched.append((self.path, self.headers.get("Via")))
                if self.path.split("?")[0] not in ("/proxy.pac", "/wpad.dat"):
                    self.send_error(404)
                    return
                body = owner.js.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", owner.content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return None

        self.port = free_port()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/proxy.pac"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def served_pac(js: str) -> Iterator[PacServer]:
    server = PacServer(js)
    server.start()
    try:
        yield server
    finally:
        server.stop()
