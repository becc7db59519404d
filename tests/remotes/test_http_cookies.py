"""Cookies (issue 20, item 3): the client reads an answer's cookies only when it sets
some, and still keeps and sends back what a server sets (a Nextcloud session cookie).

A real HTTP server on 127.0.0.1 (the standard library's): ``/login`` sets a cookie,
``/files`` and ``/other`` set none; it records the Cookie header of each request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from cozysync.remotes.http import build_client


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str | None]]

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("Cookie")))
        self.send_response(200)
        if self.path == "/login":
            self.send_header("Set-Cookie", "oc_session=abc123; Path=/; HttpOnly")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[tuple[str, str | None]]]]:
    seen: list[tuple[str, str | None]] = []
    handler = type("Handler", (_Handler,), {"seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_cookies_are_read_only_from_answers_that_set_them_and_still_sent_back(
    server: tuple[str, list[tuple[str, str | None]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, seen = server
    handed_to_the_jar: list[str] = []
    real = httpx.Cookies.extract_cookies

    def counting(self: httpx.Cookies, response: httpx.Response) -> None:
        handed_to_the_jar.append(response.request.url.path)
        real(self, response)

    monkeypatch.setattr(httpx.Cookies, "extract_cookies", counting)
    with build_client(url=url + "/") as client:
        for path in ("/files", "/other", "/login", "/files", "/other"):
            assert client.get(url + path).status_code == 200

    assert handed_to_the_jar == ["/login"]  # the only answer with Set-Cookie
    assert seen == [
        ("/files", None),
        ("/other", None),
        ("/login", None),
        ("/files", "oc_session=abc123"),  # kept, and sent back as before
        ("/other", "oc_session=abc123"),
    ]
