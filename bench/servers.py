"""The two WebDAV servers on 127.0.0.1, each counting requests and bytes per phase.

- WsgiDAV (cozysync's embedded server) in its own process, with a counting middleware;
- Apache httpd with mod_dav_fs (config generated as in tests/servers.py, plus an access
  log ``%m %>s %I %O`` read by mod_logio and ``DavDepthInfinity On``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from tests.servers import APACHE_BIN, APACHE_MODULES, free_port, wait_for_port

USER = "bench"
PASSWORD = "bench pass"

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
LogFormat "%m %>s %I %O" bench
CustomLog "{work}/access.log" bench
DavLockDB "{work}/locks/DavLock"
DavDepthInfinity On
Timeout 60
KeepAlive On
KeepAliveTimeout 15
MaxKeepAliveRequests 0
StartServers 1
ServerLimit 1
ThreadsPerChild 25
MaxRequestWorkers 25
MinSpareThreads 5
MaxSpareThreads 25
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
    AuthName "cozysync bench"
    AuthBasicProvider file
    AuthUserFile "{work}/htpasswd"
    Require valid-user
</Directory>
"""
_MODULES = [
    "mpm_event", "authn_core", "authn_file", "authz_core", "authz_user", "auth_basic",
    "alias", "dav", "dav_fs",
]  # fmt: skip


class Server:
    """What the runner needs of a server: its URL, its files on disk, its counters."""

    kind = ""
    user, password = USER, PASSWORD

    def __init__(self, work: Path) -> None:
        self.work = work
        self.root = work / "root"
        self.port = free_port()
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        raise NotImplementedError

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    def counters(self) -> Counter[str]:
        raise NotImplementedError

    def clear_root(self) -> None:
        """Empty the served folder (between tools)."""
        for child in self.root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()

    def own(self, path: Path) -> None:
        """Make files written to the server's disk by the bench belong to the server."""

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


class WsgiDavServer(Server):
    kind = "wsgidav"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "bench.dav_wsgi", str(self.root), str(self.port)]
        log = open(self.work / "server.log", "ab")  # noqa: SIM115
        self._proc = subprocess.Popen(
            [*cmd, USER, PASSWORD], stdout=log, stderr=subprocess.STDOUT, cwd=_repo_root()
        )
        log.close()
        wait_for_port(self.port)

    def counters(self) -> Counter[str]:
        with urllib.request.urlopen(f"{self.url}__bench__/counters", timeout=30) as answer:
            return Counter(json.loads(answer.read()))


class ApacheDavServer(Server):
    kind = "apache"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        self._owner = _www_data() if os.geteuid() == 0 else None
        work.chmod(0o755)
        for folder in (self.root, work / "locks"):
            folder.mkdir(parents=True, exist_ok=True)
            self.own(folder)
        digest = base64.b64encode(hashlib.sha1(PASSWORD.encode()).digest()).decode()
        (work / "htpasswd").write_text(f"{USER}:{{SHA}}{digest}\n")
        (work / "htpasswd").chmod(0o644)
        modules = "\n".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in _MODULES)
        user_lines = "User www-data\nGroup www-data" if self._owner else ""
        conf = _APACHE_CONF.format(
            work=work, port=self.port, root=self.root, modules=modules, user_lines=user_lines
        )
        (work / "httpd.conf").write_text(conf)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/dav/"

    def own(self, path: Path) -> None:
        if self._owner is not None:
            os.chown(path, *self._owner)

    def clear_root(self) -> None:
        super().clear_root()
        self.own(self.root)

    def start(self) -> None:
        if APACHE_BIN is None:
            raise RuntimeError("Apache httpd is not installed (./scripts/setup --test)")
        self._proc = subprocess.Popen(
            [APACHE_BIN, "-f", str(self.work / "httpd.conf"), "-DFOREGROUND"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def counters(self) -> Counter[str]:
        """Counts from the access log (Apache writes a line once the answer is sent)."""
        time.sleep(0.2)  # let the last lines reach the log
        counts: Counter[str] = Counter()
        log = self.work / "access.log"
        if not log.exists():
            return counts
        with open(log) as lines:
            for line in lines:
                method, _status, bytes_in, bytes_out = line.split()
                counts["requests"] += 1
                counts[f"method:{method}"] += 1
                counts["bytes_up"] += int(bytes_in)
                counts["bytes_down"] += int(bytes_out)
        return counts


def _www_data() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("www-data")
    return entry.pw_uid, entry.pw_gid


def _repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def make_server(kind: str) -> Server:
    work = Path(tempfile.mkdtemp(prefix=f"cozysync-bench-{kind}-"))
    if kind == "wsgidav":
        return WsgiDavServer(work)
    if kind == "apache":
        return ApacheDavServer(work)
    raise ValueError(f"unknown server {kind!r}")
