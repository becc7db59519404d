"""Helpers for the crash, bad-input and guard tests (``test_crash_e2e.py``,
``test_bad_input_e2e.py``, ``test_guards_e2e.py``).

- payloads and digests (large files are compared by SHA-256, never printed);
- what lies in a folder besides the synced files: our temps ``.cozysync-*.tmp``, conflict
  copies, anything else;
- a CLI runner with failpoints armed, and one with the root's file-permission bypass
  dropped (the tests run as root, which ignores ``chmod 000``);
- WSGI middlewares put in front of WsgiDAV (inside its ``FaultInjector``): a bandwidth
  throttle, and a listing rewriter that cuts or extends one PROPFIND answer;
- a raw PROPFIND walk of the server, as any other WebDAV client would see it.
"""

from __future__ import annotations

import hashlib
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import httpx

from tests.engine.test_cli import Cli, Result
from tests.keyring_session import ensure_keyring_alive
from tests.servers import DavServer, WsgiDavServer

__all__ = [
    "BIG_SIZE",
    "MIB",
    "NO_DAC_BYPASS",
    "ListingRewriter",
    "Throttle",
    "all_names",
    "assert_killed",
    "conflict_copies",
    "dav_file_response",
    "file_sha",
    "other_names",
    "payload",
    "popen_cli",
    "raw_listing",
    "run_without_dac_bypass",
    "sha",
    "temp_files",
    "wait_for",
    "with_failpoints",
    "wrap_wsgidav",
]

MIB = 1024 * 1024
BIG_SIZE = 40 * MIB
TEMP_NAME = re.compile(r"^\.cozysync-(\d+-)?[0-9a-f]{32}\.tmp$")
MARKER = ".cozysync"

WsgiApp = Callable[..., Any]


# --- payloads -------------------------------------------------------------------------------


def payload(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha(path: Path) -> str | None:
    """SHA-256 of a file, None if there is no regular file there."""
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(MIB):
            digest.update(chunk)
    return digest.hexdigest()


# --- what a folder holds ----------------------------------------------------------------------


def all_names(folder: Path) -> list[str]:
    """Every relative path below ``folder`` (files and folders), sorted."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def temp_files(folder: Path) -> list[str]:
    return [rel for rel in all_names(folder) if TEMP_NAME.match(rel.rpartition("/")[2])]


def conflict_copies(folder: Path) -> list[str]:
    return [rel for rel in all_names(folder) if "(conflict " in rel]


def other_names(folder: Path, expected: Iterable[str]) -> list[str]:
    """Names below ``folder`` that are neither ``expected``, nor their parent folders,
    nor our temps or the local marker."""
    allowed: set[str] = set()
    for rel in expected:
        parts = rel.split("/")
        allowed.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    found = []
    for rel in all_names(folder):
        if rel in allowed or TEMP_NAME.match(rel.rpartition("/")[2]) or rel == MARKER:
            continue
        found.append(rel)
    return found


def raw_listing(server: DavServer) -> list[str]:
    """Every path a plain WebDAV client sees on the server (a ``Depth: 1`` walk from the
    root, decoded), as any other client of the account would see them."""
    base = urlsplit(server.url).path
    found: list[str] = []
    folders = [""]
    with httpx.Client(auth=(server.user, server.password), timeout=30) as client:
        while folders:
            folder = folders.pop()
            url = server.url + quote(folder) + ("/" if folder else "")
            response = client.request("PROPFIND", url, headers={"Depth": "1"})
            assert response.status_code == 207, (url, response.status_code)
            for href in re.findall(r"<(?:\w+:)?href>([^<]*)</(?:\w+:)?href>", response.text):
                path = unquote(urlsplit(href).path)
                rel = path[len(base) :].strip("/")
                if rel and rel != folder:
                    found.append(rel)
                    if path.endswith("/"):
                        folders.append(rel)
    return sorted(found)


# --- running the CLI --------------------------------------------------------------------------


def with_failpoints(cli: Cli, *points: str) -> Cli:
    """The same CLI, with crash points armed in every process it starts."""
    return replace(cli, env={**cli.env, "COZYSYNC_FAILPOINTS": ",".join(points)})


def assert_killed(result: Result) -> None:
    """The process really died of SIGKILL (not an error exit, not a clean stop).

    Then the test keyring is checked: gnome-keyring may abort when a client dies in the
    middle of a call (tests/keyring_session.py), a bug of the daemon, not of cozysync."""
    assert result.code == -9, (result.code, result.err[-2000:])
    ensure_keyring_alive()


# Root without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH: file modes apply to it again, while
# it keeps its uid (its files, its keyring on the session bus, its interpreter in /root).
NO_DAC_BYPASS = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


def run_without_dac_bypass(cli: Cli, *args: str, timeout: float = 120) -> Result:
    proc = subprocess.run(
        [*NO_DAC_BYPASS, sys.executable, "-m", "cozysync", *args],
        capture_output=True,
        text=True,
        env=cli.env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def popen_cli(cli: Cli, *args: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "cozysync", *args],
            env=cli.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, step: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


# --- middlewares in front of WsgiDAV -------------------------------------------------------------


def wrap_wsgidav(
    server: DavServer, middleware: Callable[[WsgiApp], Any]
) -> tuple[Any, Callable[[], None]]:
    """Put ``middleware(app)`` between the server's ``FaultInjector`` and WsgiDAV; returns
    it and the function that takes it away again."""
    assert isinstance(server, WsgiDavServer) and server.faults is not None
    faults = server.faults
    inner = faults.app
    wrapped = middleware(inner)
    faults.app = wrapped

    def unwrap() -> None:
        faults.app = inner

    return wrapped, unwrap


class Throttle:
    """Slows PUT bodies and GET answers to ``rate`` bytes per second, so that a test can
    kill a client while a transfer is really under way."""

    def __init__(self, app: WsgiApp, rate: int = 10 * MIB) -> None:
        self.app, self.rate = app, rate

    def _pace(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            for start in range(0, len(chunk), 256 * 1024):
                piece = chunk[start : start + 256 * 1024]
                time.sleep(len(piece) / self.rate)
                yield piece

    def __call__(self, environ: dict[str, Any], start_response: WsgiApp) -> Any:
        method = environ["REQUEST_METHOD"]
        if method == "PUT":
            environ["wsgi.input"] = _SlowInput(environ["wsgi.input"], self.rate)
        answer = self.app(environ, start_response)
        if method != "GET":
            return answer
        return _ClosingIter(self._pace(answer), answer)


class _SlowInput:
    def __init__(self, stream: Any, rate: int) -> None:
        self.stream, self.rate = stream, rate

    def read(self, size: int = -1) -> bytes:
        data: bytes = self.stream.read(min(size, 256 * 1024) if size and size > 0 else 256 * 1024)
        time.sleep(len(data) / self.rate)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class _ClosingIter:
    def __init__(self, chunks: Iterator[bytes], inner: Any) -> None:
        self.chunks, self.inner = chunks, inner

    def __iter__(self) -> Iterator[bytes]:
        return self.chunks

    def close(self) -> None:
        if hasattr(self.inner, "close"):
            self.inner.close()


class ListingRewriter:
    """Rewrites the answer to the next ``times`` full-tree listings (PROPFIND of the root
    with ``Depth: infinity``), leaving every other request alone.

    ``cut=True`` cuts the multistatus in the middle (a garbled answer); ``extra`` adds raw
    ``<response>`` elements (in the DAV: namespace) before the end of the multistatus.
    """

    def __init__(
        self, app: WsgiApp, *, cut: bool = False, extra: bytes = b"", times: int = 1
    ) -> None:
        self.app, self.cut, self.extra, self.times = app, cut, extra, times
        self.rewritten = 0

    def __call__(self, environ: dict[str, Any], start_response: WsgiApp) -> Any:
        is_listing = (
            environ["REQUEST_METHOD"] == "PROPFIND"
            and environ.get("PATH_INFO", "") in ("", "/")
            and environ.get("HTTP_DEPTH", "").lower() == "infinity"
        )
        if not is_listing or self.rewritten >= self.times:
            return self.app(environ, start_response)
        self.rewritten += 1
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        chunks = self.app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        if self.cut:
            body = body[: len(body) * 2 // 3]
        if self.extra:
            end = body.rindex(b"</")
            body = body[:end] + self.extra + body[end:]
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(body)))])
        return [body]


def dav_file_response(href: str, size: int = 5) -> bytes:
    """One ``<response>`` for a plain file at ``href`` (already percent-encoded)."""
    return (
        f'<response xmlns="DAV:"><href>{href}</href><propstat><prop>'
        f"<resourcetype/><getcontentlength>{size}</getcontentlength>"
        f'<getetag>"injected-{size}"</getetag>'
        "<getlastmodified>Mon, 01 Jan 2024 00:00:00 GMT</getlastmodified>"
        "</prop><status>HTTP/1.1 200 OK</status></propstat></response>"
    ).encode()
