"""A real SOCKS5 server for tests: Debian's microsocks on 127.0.0.1 (issue 19, item 1).

``started_socks(user=..., password=...)`` runs ``microsocks -i 127.0.0.1 -p PORT`` (with
``-u``/``-P`` a username/password login, RFC 1929), in the foreground, its output in a
log file.  ``connected()`` reads that log: microsocks prints one
``client[N] 127.0.0.1: connected to HOST:PORT`` line per tunnel it opened, so a test
can show that a connection went through it.  Skips only when microsocks is not installed
(``scripts/setup --test`` installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.servers import free_port, wait_for_port

__all__ = ["SocksServer", "started_socks"]

MICROSOCKS = shutil.which("microsocks")
_CONNECTED = re.compile(r"connected to (\S+)")


class SocksServer:
    def __init__(self, work: Path, user: str | None, password: str | None) -> None:
        self.work, self.port = work, free_port()
        self.user, self.password = user, password
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"socks5://127.0.0.1:{self.port}"

    def start(self) -> None:
        if MICROSOCKS is None:
            pytest.skip("microsocks is not installed (apt-get install microsocks)")
        command = [MICROSOCKS, "-i", "127.0.0.1", "-p", str(self.port)]
        if self.user is not None:
            command += ["-u", self.user, "-P", self.password or ""]
        with open(self.work / "socks.log", "wb") as out:
            self._proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        wait_for_port(self.port)

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(timeout=10)
            self._proc = None

    def connected(self) -> list[str]:
        """The ``host:port`` of each tunnel opened, in order."""
        path = self.work / "socks.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return _CONNECTED.findall(text)


@contextmanager
def started_socks(user: str | None = None, password: str | None = None) -> Iterator[SocksServer]:
    work = Path(tempfile.mkdtemp(prefix="cozysync-socks-"))
    server = SocksServer(work, user, password)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
