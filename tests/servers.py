"""Real WebDAV servers for the tests: WsgiDAV in-process and Apache httpd (mod_dav_fs).

Both expose the same small interface (``DavServer``): ``url``, ``user``, ``password``,
``root`` (the served folder on disk), ``kind``, ``start()``/``stop()`` (same port) and
``write()`` (put a file on the server's disk, owned so the server can change it).
``FaultInjector`` wraps the WsgiDAV app to answer chosen requests with chosen failures.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cozysync.demo_server import EmbeddedDavServer

USER = "alice"
PASSWORD = "s3cret pass"
APACHE_BIN = shutil.which("apache2") or shutil.which("httpd")
APACHE_MODULES = Path("/usr/lib/apache2/modules")

GARBLED = object()  # FaultInjector body: a multistatus cut in the middle


@dataclass
class Fault:
    method: str
    path_part: str
    status: int
    body: bytes | object = b""
    remaining: int = 1
    headers: tuple[tuple[str, str], ...] = ()


class FaultInjector:
    """WSGI middleware: the next N requests matching (method, path substring) get a fault.

    ``status=207, body=GARBLED`` lets the request through to WsgiDAV and cuts its answer.
    """

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app
        self.faults: list[Fault] = []
        self.seen: list[tuple[str, str]] = []  # (method, path) of every request
        self._lock = threading.Lock()

    def add(
        self,
        method: str,
        path_part: str,
        status: int,
        *,
        body: bytes | object = b"",
        times: int = 1,
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:
        with self._lock:
            self.faults.append(Fault(method, path_part, status, body, times, tuple(headers)))

    def clear(self) -> None:
        with self._lock:
            self.faults.clear()
            self.seen.clear()

    def _take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            self.seen.append((method, path))
            for fault in self.faults:
                if fault.remaining > 0 and fault.method == method and fault.path_part in path:
                    fault.remaining -= 1
                    return fault
        return None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        fault = self._take(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""))
        if fault is None:
            return self.app(environ, start_response)
        if fault.body is GARBLED:
            return self._garble(environ, start_response)
        # drain the request body so the client sees the answer, not a reset
        length = int(environ.get("CONTENT_LENGTH") or 0)
        stream = environ["wsgi.input"]
        if length:
            stream.read(length)
        body = fault.body if isinstance(fault.body, bytes) else b""
        headers = [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))]
        start_response(f"{fault.status} Injected", headers + list(fault.headers))
        return [body]

    def _garble(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
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
        cut = body[: len(body) * 2 // 3]
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(cut)))])
        return [cut]


# Ports 10000-31999: below the kernel's ephemeral range (32768-60999 here), in blocks of
# 400; a test process claims a block of its own by locking its file (the lock dies with the
# process), so no two test processes on the machine hand out the same port: xdist workers,
# the chaos batch's spawned histories, and other pytest runs at the same time (a fixed
# block per worker name was shared by every run's gw0: a server of another run answered).
_PORTS_FIRST, _PORTS_END, _PORTS_BLOCK = 10_000, 32_000, 400
_claimed: list[Any] = []  # the open, locked block file (kept for the process's life)


def _worker_ports() -> Iterator[int]:
    """This test process's own ports: a block no other running test process holds, cycled."""
    import fcntl  # POSIX only, as the servers the tests start

    folder = Path(tempfile.gettempdir()) / "cozysync-test-ports"
    folder.mkdir(exist_ok=True)
    blocks = (_PORTS_END - _PORTS_FIRST) // _PORTS_BLOCK
    for index in range(blocks):
        lock = open(folder / f"block-{index}.lock", "a")  # noqa: SIM115 (held until exit)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()  # another test process holds it
            continue
        _claimed.append(lock)
        first = _PORTS_FIRST + index * _PORTS_BLOCK
        return itertools.cycle(range(first, first + _PORTS_BLOCK))
    raise RuntimeError(f"every port block of {folder} is held by a running test process")


_ports: Iterator[int] | None = None


def free_port() -> int:
    """A port free now that no other test worker hands out and that the kernel never
    picks by itself: ``bind(0)`` gave an ephemeral port that another worker's server or
    connection could take before ours bound it (EADDRINUSE, seen with 4 workers)."""
    global _ports
    if _ports is None:
        _ports = _worker_ports()
    for _ in range(_PORTS_BLOCK):
        port = next(_ports)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue  # in use, or still in TIME_WAIT: the next one
            return port
    raise RuntimeError("no free port in this test worker's block")


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


class WsgiDavServer:
    kind = "wsgidav"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.user, self.password = USER, PASSWORD
        self.faults: FaultInjector | None = None
        self._server = EmbeddedDavServer(root, user=USER, password=PASSWORD, middleware=self._wrap)

    def _wrap(self, app: Callable[..., Any]) -> FaultInjector:
        self.faults = FaultInjector(app)
        return self.faults

    @property
    def url(self) -> str:
        return self._server.url

    def start(self) -> None:
        self._server.start()

    def stop(self) -> None:
        self._server.stop()

    def write(self, rel: str, data: bytes) -> Path:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target


_APACHE_CONF = """\
ServerRoot "{work}"
DefaultRuntimeDir "{work}"
PidFile "{work}/httpd.pid"
ErrorLog "{work}/error.log"
LogLevel warn
Listen 127.0.0.1:{port}
ServerName 127.0.0.1
{user_lines}
{modules}
DavLockDB "{locks}/DavLock"
Timeout 30
KeepAlive On
MaxKeepAliveRequests 0
StartServers 1
ServerLimit 1
ThreadsPerChild 25
MaxRequestWorkers 25
MinSpareThreads 5
MaxSpareThreads 25
{extra}
Alias /dav/ "{root}/"
<Directory />
    Require all denied
    AllowOverride None
</Directory>
<Directory "{root}">
    Dav On
    Options None
    AllowOverride None
    AuthType Basic
    AuthName "cozysync tests"
    AuthBasicProvider file
    AuthUserFile "{work}/htpasswd"
    Require valid-user
</Directory>
"""

_APACHE_MODULES = [
    "mpm_event",
    "authn_core",
    "authn_file",
    "authz_core",
    "authz_user",
    "auth_basic",
    "alias",
    "dav",
    "dav_fs",
]


class ApacheServer:
    """Apache httpd with mod_dav_fs at ``/dav/``, its own config, port and files.

    ``extra_conf``: directives added to the server's config (the benchmark adds an access
    log and ``DavDepthInfinity On``); ``user``/``password``: the one login it accepts."""

    kind = "apache"

    def __init__(
        self, work: Path, *, extra_conf: str = "", user: str = USER, password: str = PASSWORD
    ) -> None:
        if APACHE_BIN is None:
            raise RuntimeError("Apache httpd is not installed (./scripts/setup --test)")
        self.work = work
        self.root = work / "root"
        self.locks = work / "locks"
        self.user, self.password = user, password
        self.extra_conf = extra_conf
        self.faults: FaultInjector | None = None
        self.port = free_port()
        self._proc: subprocess.Popen[bytes] | None = None
        self._owner = self._run_as()
        for folder in (self.root, self.locks):
            folder.mkdir(parents=True, exist_ok=True)
            self.own(folder)
        work.chmod(0o755)
        digest = base64.b64encode(hashlib.sha1(password.encode()).digest()).decode()
        (work / "htpasswd").write_text(f"{user}:{{SHA}}{digest}\n")
        (work / "htpasswd").chmod(0o644)
        (work / "httpd.conf").write_text(self._conf())

    @staticmethod
    def _run_as() -> tuple[int, int] | None:
        if os.geteuid() != 0:
            return None
        import pwd

        entry = pwd.getpwnam("www-data")
        return entry.pw_uid, entry.pw_gid

    def own(self, path: Path) -> None:
        """Give a file or folder written on the server's disk to the server's user."""
        if self._owner is not None:
            os.chown(path, *self._owner)

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    def _conf(self) -> str:
        modules = "\n".join(
            f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in _APACHE_MODULES
        )
        user_lines = "User www-data\nGroup www-data" if self._owner else ""
        return _APACHE_CONF.format(
            work=self.work,
            port=self.port,
            root=self.root,
            locks=self.locks,
            modules=modules,
            user_lines=user_lines,
            extra=self.extra_conf,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/dav/"

    def start(self) -> None:
        if self._proc is not None:
            return
        assert APACHE_BIN is not None
        self._proc = subprocess.Popen(
            [APACHE_BIN, "-f", str(self.work / "httpd.conf"), "-DFOREGROUND"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_for_port(self.port)
        except RuntimeError as exc:
            self.stop()
            log = self.work / "error.log"
            raise RuntimeError(
                f"apache did not start: {log.read_text() if log.exists() else ''}"
            ) from exc

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()

    def write(self, rel: str, data: bytes) -> Path:
        target = self.root / rel
        missing = [p for p in reversed(target.parents) if not p.exists()]
        target.parent.mkdir(parents=True, exist_ok=True)
        for folder in missing:
            self.own(folder)
        target.write_bytes(data)
        self.own(target)
        return target


DavServer = WsgiDavServer | ApacheServer


def make_apache_workdir() -> Path:
    """A work folder outside pytest's 0700 tmp tree, so that www-data can reach it."""
    return Path(tempfile.mkdtemp(prefix="cozysync-apache-"))


@contextmanager
def started_apache(extra_conf: str = "", work: Path | None = None) -> Iterator[ApacheServer]:
    """An ``ApacheServer`` started in ``work`` (default: a new ``make_apache_workdir``),
    stopped and its folder removed on exit."""
    work = work or make_apache_workdir()
    server = ApacheServer(work, extra_conf=extra_conf)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
