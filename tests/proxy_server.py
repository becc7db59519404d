"""A real forward proxy for tests: Debian's squid on 127.0.0.1 (issue 19, item 1).

``started_squid(user=..., password=...)`` runs ``squid -N`` (foreground, no daemon) with
its own config, port, pid file and logs in a fresh folder, and no cache.  With a user,
it asks for a Basic login checked by squid's own ``basic_ncsa_auth`` helper against an
htpasswd file written here (``htpasswd`` from apache2-utils, installed with apache2).
Run as root, squid drops to its ``proxy`` user: the folder is made outside pytest's
0700 tree (like Apache's, ``make_apache_workdir``) and given to that user.

``SquidProxy.forwarded()`` reads the access log: one ``(status, method, url)`` per
request squid handled.  ``ViaDavServer`` is the test WsgiDAV server recording each
request's ``Via`` header, so a test can show that every request it saw came through
squid (squid adds ``Via: 1.1 <visible_hostname> (squid/...)``).

The fixtures skip only when squid is not installed (CI installs it: .ci/run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.servers import WsgiDavServer, free_port, wait_for_port

__all__ = ["SQUID_BIN", "SquidProxy", "ViaDavServer", "require_squid", "started_squid"]

SQUID_BIN = shutil.which("squid") or shutil.which("squid", path="/usr/sbin:/sbin")
NCSA_HELPER = Path("/usr/lib/squid/basic_ncsa_auth")
PROXY_NAME = "cozysync-test-proxy"

_CONF = """\
http_port 127.0.0.1:{port}
visible_hostname {name}
pid_filename {work}/squid.pid
access_log stdio:{work}/access.log squid
cache_log {work}/cache.log
cache_store_log none
coredump_dir {work}
cache deny all
cache_mem 1 MB
memory_pools off
logfile_rotate 0
shutdown_lifetime 0 seconds
dns_nameservers 127.0.0.1
hosts_file {work}/hosts
{user_line}
{auth}
"""

_AUTH = """\
auth_param basic program {helper} {work}/passwd
auth_param basic realm cozysync tests
auth_param basic children 1 startup=1 idle=1
acl logged_in proxy_auth REQUIRED
http_access allow logged_in
http_access deny all
"""


def require_squid() -> str:
    """squid's path, or the test is skipped saying why (only when it is not installed)."""
    if SQUID_BIN is None:
        pytest.skip("squid is not installed (apt-get install squid): the proxy tests need it")
    return SQUID_BIN


class SquidProxy:
    """One squid, its folder and port; ``url`` is ``http://127.0.0.1:PORT``."""

    def __init__(
        self,
        work: Path,
        user: str | None,
        password: str | None,
        hosts: dict[str, str] | None = None,
    ) -> None:
        self.work, self.port = work, free_port()
        # names only squid knows (its hosts_file): a server reachable through it alone
        entries = {"localhost": "127.0.0.1", **(hosts or {})}
        (work / "hosts").write_text("".join(f"{ip} {name}\n" for name, ip in entries.items()))
        self.user, self.password = user, password
        self._proc: subprocess.Popen[bytes] | None = None
        self._owner = _proxy_user()
        auth = ""
        if user is not None:
            _write_htpasswd(work / "passwd", user, password or "")
            auth = _AUTH.format(helper=NCSA_HELPER, work=work)
        else:
            auth = "http_access allow all\n"
        user_line = f"cache_effective_user {self._owner[0]}" if self._owner else ""
        conf = _CONF.format(
            port=self.port, name=PROXY_NAME, work=work, user_line=user_line, auth=auth
        )
        (work / "squid.conf").write_text(conf)
        if self._owner is not None:
            for path in [work, *work.iterdir()]:
                os.chown(path, self._owner[1], self._owner[2])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        conf = str(self.work / "squid.conf")
        with open(self.work / "squid.out", "wb") as out:
            self._proc = subprocess.Popen(
                [require_squid(), "-N", "-f", conf], stdout=out, stderr=subprocess.STDOUT
            )
        try:
            wait_for_port(self.port, timeout=30.0)
        except RuntimeError:
            self.stop()
            raise RuntimeError(f"squid did not start: {self._log()}") from None

    def stop(self) -> None:
        if self._proc is None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._proc = None

    def forwarded(self) -> list[tuple[str, str, str]]:
        """(result/status, method, url) of every request in squid's access log."""
        path = self.work / "access.log"
        if not path.exists():
            return []
        rows = []
        for line in path.read_text().splitlines():
            fields = line.split()
            if len(fields) >= 7:
                rows.append((fields[3], fields[5], fields[6]))
        return rows

    def _log(self) -> str:
        parts = [(self.work / name) for name in ("squid.out", "cache.log")]
        return " | ".join(p.read_text()[-2000:] for p in parts if p.exists())


def _proxy_user() -> tuple[str, int, int] | None:
    """Root's squid drops to this user (Debian's ``proxy``); None when not root."""
    if os.geteuid() != 0:
        return None
    import pwd

    for name in ("proxy", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return name, entry.pw_uid, entry.pw_gid
    return None


def _write_htpasswd(path: Path, user: str, password: str) -> None:
    tool = shutil.which("htpasswd")
    if tool is None:
        raise RuntimeError("htpasswd is missing: install apache2-utils (it comes with apache2)")
    line = subprocess.run(
        [tool, "-nbm", user, password], check=True, capture_output=True, text=True
    ).stdout.strip()
    path.write_text(line + "\n")
    path.chmod(0o644)


@contextmanager
def started_squid(
    user: str | None = None, password: str | None = None, hosts: dict[str, str] | None = None
) -> Iterator[SquidProxy]:
    """A started ``SquidProxy`` (with a Basic login when ``user`` is given; ``hosts``:
    names it resolves itself, name -> address), stopped and its folder removed on exit."""
    require_squid()
    work = Path(tempfile.mkdtemp(prefix="cozysync-squid-"))
    work.chmod(0o755)
    proxy = SquidProxy(work, user, password, hosts)
    try:
        proxy.start()
        yield proxy
    finally:
        proxy.stop()
        shutil.rmtree(work, ignore_errors=True)


class ViaDavServer(WsgiDavServer):
    """WsgiDAV recording the ``Via`` header of each request it is sent (None: none)."""

    def __init__(self, root: Path) -> None:
        self.vias: list[str | None] = []
        super().__init__(root)

    def _wrap(self, app: Callable[..., Any]) -> Any:
        inner = super()._wrap(app)

        def recording(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            self.vias.append(environ.get("HTTP_VIA"))
            return inner(environ, start_response)

        return recording


def wait_for_log(proxy: SquidProxy, count: int, timeout: float = 10.0) -> None:
    """squid writes its access log line after the answer: wait until ``count`` are in."""
    deadline = time.monotonic() + timeout
    while len(proxy.forwarded()) < count and time.monotonic() < deadline:
        time.sleep(0.05)
