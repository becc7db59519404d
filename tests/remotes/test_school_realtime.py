"""The Cozy's realtime websocket trusts what the computer trusts too (issue 19, item 2),
through the same context as the HTTP clients (``tls.system_trust_context``; websockets'
own default was OpenSSL's store already): a ``wss://`` server on 127.0.0.1 with a
certificate signed by a CA made in the test.
With the CA in OpenSSL's default store (``SSL_CERT_FILE``, what ``tls`` reads), the
trigger authenticates, subscribes and fires on an event; without it, the connection is
refused before anything is sent (no AUTH: the token never leaves)."""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from websockets.sync.server import Server, ServerConnection, serve

from cozysync.remotes.cozy_realtime import CozyRealtime
from tests.remotes.tls_world import Issued, issue, make_ca, system_store


@dataclass
class Tokens:
    access_token: str


class OneTokenSession:
    """What CozyRealtime asks of its CozySession: the origin and an access token."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def tokens(self) -> Tokens:
        return Tokens("jeton-d-acces")

    def refresh(self, token: str) -> None:
        pass


class WssStack:
    """A websocket server that records what it receives and announces one file."""

    def __init__(self, ca: Issued, folder: Path) -> None:
        server_cert = issue(ca, folder, "realtime")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(server_cert.cert_file, server_cert.key_file)
        context.sni_callback = self._hello
        self.hellos = 0  # TLS handshakes begun (ClientHello seen)
        self.received: list[dict[str, object]] = []
        self.server: Server = serve(self._handle, "127.0.0.1", 0, ssl=context)
        self.port = self.server.socket.getsockname()[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _hello(self, *_: object) -> None:
        self.hellos += 1

    def _handle(self, conn: ServerConnection) -> None:
        for raw in conn:
            message = json.loads(raw)
            self.received.append(message)
            if message.get("method") == "SUBSCRIBE":
                event = {
                    "event": "CREATED",
                    "payload": {
                        "type": "io.cozy.files",
                        "id": "f1",
                        "doc": {"_id": "f1", "_rev": "1-a"},
                    },
                }
                conn.send(json.dumps(event))


def wait_until(condition: Callable[[], bool], limit_s: float = 60.0) -> None:
    """Polls ``condition`` (a wait for the product, not a timed assertion)."""
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, "it did not happen"
        time.sleep(0.05)


@pytest.fixture
def school_ca(tmp_path: Path) -> Issued:
    return make_ca(tmp_path / "pki")


@pytest.fixture
def stack(tmp_path: Path, school_ca: Issued) -> Iterator[WssStack]:
    stack = WssStack(school_ca, tmp_path / "pki")
    yield stack
    stack.server.shutdown()


def test_the_realtime_websocket_trusts_the_school_ca_in_the_system_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, school_ca: Issued, stack: WssStack
) -> None:
    for name, value in system_store(school_ca, tmp_path / "store").items():
        monkeypatch.setenv(name, value)
    fired = threading.Event()
    session = OneTokenSession(f"https://127.0.0.1:{stack.port}")
    realtime = CozyRealtime(session, fired.set, name="docs").start()  # type: ignore[arg-type]
    try:
        assert fired.wait(30)
    finally:
        realtime.stop()
    assert stack.received[0] == {"method": "AUTH", "payload": "jeton-d-acces"}


def test_an_untrusted_realtime_certificate_gets_no_token(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stack: WssStack
) -> None:
    empty = tmp_path / "empty-store"
    empty.mkdir()
    monkeypatch.setenv("SSL_CERT_DIR", str(empty))
    monkeypatch.setenv("SSL_CERT_FILE", str(empty / "none.pem"))
    fired = threading.Event()
    session = OneTokenSession(f"https://127.0.0.1:{stack.port}")
    realtime = CozyRealtime(session, fired.set, name="docs", retry_base_s=0.05).start()  # type: ignore[arg-type]
    try:
        wait_until(lambda: stack.hellos >= 2)  # it tried, and tried again
    finally:
        realtime.stop()
    assert stack.received == [] and not fired.is_set()
