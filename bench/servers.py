"""The two WebDAV servers on 127.0.0.1, each counting requests and bytes per phase.

- WsgiDAV (cozysync's embedded server) in its own process, with a counting middleware;
- Apache httpd with mod_dav_fs: the tests' server (``tests.servers.ApacheServer``) plus an
  access log ``%m %>s %I %O`` read by mod_logio and ``DavDepthInfinity On``.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from tests.servers import ApacheServer, free_port, wait_for_port

USER = "bench"
PASSWORD = "bench pass"

# Added to the tests' Apache configuration (tests/servers.py): a per-request log of
# method, status and bytes (mod_logio), Depth infinity allowed, longer timeouts.
_APACHE_EXTRA = """\
LogFormat "%m %>s %I %O" bench
CustomLog "{work}/access.log" bench
DavDepthInfinity On
Timeout 60
KeepAliveTimeout 15
"""


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
    """The tests' Apache (``tests.servers.ApacheServer``) with the bench's additions."""

    kind = "apache"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        extra = _APACHE_EXTRA.format(work=work)
        self._apache = ApacheServer(work, extra_conf=extra, user=USER, password=PASSWORD)
        self.root, self.port = self._apache.root, self._apache.port

    @property
    def url(self) -> str:
        return self._apache.url

    @property
    def pid(self) -> int:
        return self._apache.pid

    def own(self, path: Path) -> None:
        self._apache.own(path)

    def clear_root(self) -> None:
        super().clear_root()
        self.own(self.root)

    def start(self) -> None:
        self._apache.start()

    def stop(self) -> None:
        self._apache.stop()

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


def _repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def make_server(kind: str) -> Server:
    work = Path(tempfile.mkdtemp(prefix=f"cozysync-bench-{kind}-"))
    if kind == "wsgidav":
        return WsgiDavServer(work)
    if kind == "apache":
        return ApacheDavServer(work)
    raise ValueError(f"unknown server {kind!r}")
