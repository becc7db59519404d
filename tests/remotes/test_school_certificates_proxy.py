"""The untrusted certificate's description goes through the proxy too (issue 19, items 1
and 2): the server's name is known only to a real squid (its own hosts file), so the
issuer and fingerprint can be read only through it; with a Basic login (the tunnel of
proxy_negotiate) and through a real SOCKS5 server (microsocks, python-socks)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.remotes.proxy import MANUAL, PROXY, ProxyChoice, install_proxy
from cozysync.remotes.tls import describe_server_certificate
from tests.proxy_server import started_squid
from tests.remotes.tls_world import Issued, TlsDavServer, issue, make_ca
from tests.socks_server import started_socks

SCHOOL_NAME = "cloud.lycee.test"


@pytest.fixture
def school_ca(tmp_path: Path) -> Issued:
    return make_ca(tmp_path / "pki")


@pytest.fixture
def server_cert(tmp_path: Path, school_ca: Issued) -> Issued:
    return issue(school_ca, tmp_path / "pki", "server")


@pytest.fixture
def tls_dav(tmp_path: Path, server_cert: Issued) -> Iterator[TlsDavServer]:
    server = TlsDavServer(tmp_path / "served", server_cert)
    server.start()
    yield server
    server.stop()
    PROXY.set(ProxyChoice())


def test_the_certificate_is_described_through_squid_with_a_login(
    tls_dav: TlsDavServer, server_cert: Issued
) -> None:
    address = f"https://{SCHOOL_NAME}:{tls_dav.port}/"
    with started_squid("eleve", "juste", hosts={SCHOOL_NAME: "127.0.0.1"}) as squid:
        assert describe_server_certificate(address, timeout=5) is None  # direct: no such name
        install_proxy(ProxyChoice(MANUAL, squid.url, "eleve", "juste"))
        facts = describe_server_certificate(address)
        assert facts is not None and facts.sha256 == server_cert.sha256
        install_proxy(ProxyChoice(MANUAL, squid.url, "eleve", "faux"))
        assert describe_server_certificate(address) is None  # refused: nothing read
        connects = [row for row in squid.forwarded() if row[1] == "CONNECT"]
    assert {url for _, _, url in connects} == {f"{SCHOOL_NAME}:{tls_dav.port}"}
    assert tls_dav.requests.seen == []  # nothing was sent to the server


def test_the_certificate_is_described_through_a_socks5_proxy(
    tls_dav: TlsDavServer, server_cert: Issued
) -> None:
    with started_socks("eleve", "juste") as socks:
        install_proxy(ProxyChoice(MANUAL, socks.url, "eleve", "juste"))
        facts = describe_server_certificate(tls_dav.url)
        assert facts is not None and facts.sha256 == server_cert.sha256
        assert socks.connected() == [f"127.0.0.1:{tls_dav.port}"]
