"""A real TLS-intercepting proxy for tests: Debian's squid (the ``squid-openssl`` build)
with ``ssl_bump`` on 127.0.0.1 (issue 19, item 2).

What a school's filtering proxy does: it answers each ``CONNECT`` itself, shows the
client a certificate for the server that it makes on the fly (``security_file_certgen``,
``generate-host-certificates``) and signs with the school's certificate authority, reads
the requests, and sends them on over its own TLS connection to the real server, whose
certificate it checks (``tls_outgoing_options cafile=``).  ``ssl_bump`` peeks at the
client's hello, stares at the server's certificate, then bumps: the certificate shown
mimics the server's (its names and addresses), only the issuer is the school's.

``started_intercepting_squid(school_ca, upstream_ca)`` is a ``SquidProxy``
(tests/proxy_server.py: its own folder, port, logs, no cache, no login) with that
configuration; its access log names each bumped request by its full ``https://`` address
and method (a request merely tunnelled would show only ``CONNECT host:port``).

Debian's plain ``squid`` package is the GnuTLS build, which cannot bump; ``squid-openssl``
is the same squid built with OpenSSL (it replaces ``squid``, same paths, same helpers,
plus ``security_file_certgen``).  The fixture skips only when squid is missing or is the
GnuTLS build; ``scripts/setup --test`` installs ``squid-openssl``.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import proxy_server
from tests.proxy_server import SquidProxy
from tests.remotes.tls_world import Issued

__all__ = ["InterceptingSquid", "require_bumping_squid", "started_intercepting_squid"]

_BUMP = """\
acl step1 at_step SslBump1
acl step2 at_step SslBump2
ssl_bump peek step1
ssl_bump stare step2
ssl_bump bump all
sslcrtd_program {certgen} -s {work}/ssl_db -M 4MB
sslcrtd_children 1 startup=1 idle=1
tls_outgoing_options cafile={upstream}
"""


@functools.cache
def _built_with_openssl(squid: str) -> bool:
    version = subprocess.run([squid, "-v"], capture_output=True, text=True, check=False)
    return "--with-openssl" in version.stdout


def _certgen(squid: str) -> Path:
    """``security_file_certgen`` beside squid (``/usr/sbin`` -> ``/usr/lib/squid``)."""
    return Path(squid).resolve().parent.parent / "lib" / "squid" / "security_file_certgen"


def require_bumping_squid() -> str:
    """squid's path when it can intercept TLS, or the test is skipped saying why."""
    squid = proxy_server.require_squid()
    if not _built_with_openssl(squid) or not _certgen(squid).exists():
        pytest.skip(
            "squid is the GnuTLS build, which cannot intercept TLS "
            "(apt-get install squid-openssl: the same squid built with OpenSSL)"
        )
    return squid


class InterceptingSquid(SquidProxy):
    """A squid bumping every ``CONNECT``: the client sees certificates signed by
    ``school_ca``; the servers' own are checked against ``upstream_ca``."""

    def __init__(self, work: Path, school_ca: Issued, upstream_ca: Path) -> None:
        super().__init__(work, None, None)
        squid = require_bumping_squid()
        signing = work / "school-ca.pem"  # squid wants the certificate and its key
        signing.write_bytes(school_ca.cert_file.read_bytes() + school_ca.key_file.read_bytes())
        upstream = work / "upstream-ca.pem"
        upstream.write_bytes(upstream_ca.read_bytes())
        certgen = _certgen(squid)
        subprocess.run(
            [str(certgen), "-c", "-s", str(work / "ssl_db"), "-M", "4MB"],
            check=True, capture_output=True,
        )  # fmt: skip
        conf_file = work / "squid.conf"
        plain_port = f"http_port 127.0.0.1:{self.port}\n"
        bumping_port = (
            f"http_port 127.0.0.1:{self.port} ssl-bump tls-cert={signing} "
            "generate-host-certificates=on dynamic_cert_mem_cache_size=4MB\n"
        )
        conf = conf_file.read_text().replace(plain_port, bumping_port, 1)
        conf_file.write_text(conf + _BUMP.format(certgen=certgen, work=work, upstream=upstream))
        if os.geteuid() == 0:  # squid and its helper run as its own user
            owner = proxy_server._proxy_user()
            if owner is not None:
                for folder, _, files in os.walk(work):
                    for path in [folder, *(os.path.join(folder, f) for f in files)]:
                        os.chown(path, owner[1], owner[2])
        signing.chmod(0o600)

    def bumped(self) -> list[tuple[str, str]]:
        """(method, https:// address) of each request squid read inside a tunnel."""
        return [(m, url) for _, m, url in self.forwarded() if url.startswith("https://")]

    def wait_for_bumped(self, count: int, timeout: float = 10.0) -> None:
        """squid logs a request after its answer: wait until ``count`` are in."""
        deadline = time.monotonic() + timeout
        while len(self.bumped()) < count and time.monotonic() < deadline:
            time.sleep(0.05)


@contextmanager
def started_intercepting_squid(school_ca: Issued, upstream_ca: Path) -> Iterator[InterceptingSquid]:
    """A started ``InterceptingSquid``, stopped and its folder removed on exit."""
    require_bumping_squid()
    work = Path(tempfile.mkdtemp(prefix="cozysync-squid-bump-"))
    work.chmod(0o755)
    proxy = InterceptingSquid(work, school_ca, upstream_ca)
    try:
        proxy.start()
        yield proxy
    finally:
        proxy.stop()
        shutil.rmtree(work, ignore_errors=True)
