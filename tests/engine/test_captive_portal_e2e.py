"""A Wi-Fi sign-in page in place of the server (issue 19, item 3), end to end through
``python -m cozysync``: a small local "portal" (Python's ``http.server``) takes the real
WsgiDAV server's address, answering every request with a redirect to its own host or
with an HTML page and 200, and logs each request; then the real server comes back on
the same address.

The folder waits offline with the reason ``error.captive_portal`` (no error per item,
nothing parsed), the portal never receives an Authorization header, and syncing resumes
by itself once the real server answers (``sync --once`` again; ``run`` without help).
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.engine.test_cli import Cli, make_cli
from tests.servers import WsgiDavServer

PORTAL_PAGE = b"<!doctype html><html><body><form>Wi-Fi Gare : acceptez les conditions</form>"


class PortalLog:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, bool]] = []  # method, path, Authorization?


def _portal_handler(log: PortalLog, variant: str) -> type[http.server.BaseHTTPRequestHandler]:
    class Portal(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            log.requests.append((self.command, self.path, "Authorization" in self.headers))
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            if variant == "redirect":
                self.send_response(302)
                self.send_header("Location", "http://portail.wifi-gare.test/login?from=x")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PORTAL_PAGE)))
            self.end_headers()
            self.wfile.write(PORTAL_PAGE)

        do_GET = do_PUT = do_PROPFIND = do_OPTIONS = do_MKCOL = do_DELETE = _answer
        do_MOVE = do_HEAD = do_POST = do_PROPPATCH = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Portal


@contextmanager
def portal_at(port: int, variant: str) -> Iterator[PortalLog]:
    log = PortalLog()
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _portal_handler(log, variant))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield log
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def linked(tmp_path: Path, wsgidav_server: WsgiDavServer) -> tuple[Cli, Path]:
    cli = make_cli(tmp_path)
    local = tmp_path / "Cours"
    local.mkdir()
    result = cli(
        "link", str(local), wsgidav_server.url, "--user", wsgidav_server.user,
        "--password-stdin", "--name", "docs", "--insecure-file-store",
        stdin=f"{wsgidav_server.password}\n",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert cli("sync", "--once").code == 0
    return cli, local


def _status(cli: Cli) -> dict[str, object]:
    [status] = cli.json("status")
    return dict(status)


@pytest.mark.parametrize("variant", ["redirect", "html"])
def test_a_wifi_sign_in_page_is_waited_out_quietly_and_gets_no_password(
    linked: tuple[Cli, Path], wsgidav_server: WsgiDavServer, variant: str
) -> None:
    cli, local = linked
    for n in range(3):
        (local / f"note-{n}.txt").write_text(f"écrit dans le train {n}\n", encoding="utf-8")
    port = int(wsgidav_server.url.rsplit(":", 1)[1].strip("/"))
    wsgidav_server.stop()

    with portal_at(port, variant) as portal:
        first, second = cli("sync", "--once"), cli("sync", "--once")
        status = _status(cli)
        said = cli("status")

    for result in (first, second):
        assert result.code == 3, result.err  # offline, as when the network is down
        words = result.out + result.err
        assert "sign in to the Wi-Fi first" in words
        assert "could not be synced" not in words and "Traceback" not in words
    assert status["state"] == "offline"
    assert "sign in to the Wi-Fi first" in said.out  # the plain status says why
    assert status["stopped_by"]["id"] == "error.captive_portal"  # type: ignore[index]
    assert status["errors"] == []  # no error per file
    assert portal.requests, "the portal was asked"
    assert not any(carried for _, _, carried in portal.requests)  # never a password
    assert not any((wsgidav_server.root / f"note-{n}.txt").exists() for n in range(3))

    wsgidav_server.start()  # the real server back on the same address
    back = cli("sync", "--once")
    assert back.code == 0, back.err
    for n in range(3):
        assert (wsgidav_server.root / f"note-{n}.txt").read_text(encoding="utf-8") == (
            f"écrit dans le train {n}\n"
        )
    assert _status(cli)["state"] == "up to date"


def test_run_waits_behind_the_portal_and_resumes_by_itself(
    linked: tuple[Cli, Path], wsgidav_server: WsgiDavServer
) -> None:
    cli, local = linked
    port = int(wsgidav_server.url.rsplit(":", 1)[1].strip("/"))
    wsgidav_server.stop()
    with portal_at(port, "redirect") as portal:
        run = subprocess.Popen(
            [sys.executable, "-m", "cozysync", "run"], env=cli.env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            (local / "arrivé.txt").write_text("hors ligne\n", encoding="utf-8")
            _wait_for(lambda: _status_of(cli).get("stopped_by") is not None)
            assert _status_of(cli)["state"] == "offline"
        except BaseException:
            run.kill()
            raise
    try:
        wsgidav_server.start()
        _wait_for(lambda: (wsgidav_server.root / "arrivé.txt").exists())
    finally:
        run.terminate()
        out, err = run.communicate(timeout=60)
    assert (wsgidav_server.root / "arrivé.txt").read_text(encoding="utf-8") == "hors ligne\n"
    assert not any(carried for _, _, carried in portal.requests)
    assert "sign in to the Wi-Fi first" in out + err
    assert "could not be synced" not in out + err


def _status_of(cli: Cli) -> dict[str, object]:
    result = cli("status", "--json")
    return dict(json.loads(result.out)[0]) if result.out.strip() else {}


def _wait_for(condition: object, limit_s: float = 120.0) -> None:
    """Polls ``condition`` (a wait for the product, not a timed assertion)."""
    assert callable(condition)
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, "it did not happen"
        time.sleep(0.5)
