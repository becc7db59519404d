"""One TLS context per process (issue 20, item 1): the system's store is loaded once,
not at each new connection (truststore's OpenSSL backend did, 20–40 ms of CPU each).

Real TLS on 127.0.0.1 (WsgiDAV with a certificate from a school's CA made in the test),
the CLI run in the test's process so that its passes share the process's context; the
loads are counted through ``tls._load_system_store``, the one place that reads the
store, and the connections on the server (each a TLS handshake).
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cozysync.config import ClientCertificate
from cozysync.remotes import tls
from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import make_cli
from tests.remotes.tls_world import Issued, TlsDavServer, issue, make_ca, system_store
from tests.servers import PASSWORD, USER


class Connections:
    """WSGI middleware: the client ports seen, one per TLS connection."""

    def __init__(self, app: Any) -> None:
        self.app, self.ports = app, set[str]()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.ports.add(environ["REMOTE_PORT"])
        return self.app(environ, start_response)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[ssl.SSLContext]:
    """Each load of the system's store, from a process with no context built yet."""
    seen: list[ssl.SSLContext] = []
    real = tls._load_system_store

    def counting(context: ssl.SSLContext) -> None:
        seen.append(context)
        real(context)

    monkeypatch.setattr(tls, "_CONTEXTS", {})
    monkeypatch.setattr(tls, "_load_system_store", counting)
    return seen


@pytest.fixture
def school_ca(tmp_path: Path) -> Issued:
    return make_ca(tmp_path / "pki")


@pytest.fixture
def tls_dav(tmp_path: Path, school_ca: Issued) -> Iterator[TlsDavServer]:
    server = TlsDavServer(tmp_path / "served", issue(school_ca, tmp_path / "pki", "server"))
    server.start()
    yield server
    server.stop()


def test_two_clients_and_passes_share_one_context_and_one_load_of_the_store(
    tmp_path: Path, school_ca: Issued, tls_dav: TlsDavServer, loads: list[ssl.SSLContext]
) -> None:
    connections = Connections(tls_dav._server.wsgi_app)
    tls_dav._server.wsgi_app = connections
    cli = in_process(make_cli(tmp_path))
    cli.env = {k: v for k, v in cli.env.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    cli.env.update(system_store(school_ca, tmp_path / "store"))
    local = tmp_path / "Cours"
    local.mkdir()
    for n in range(12):
        (local / f"devoir-{n}.txt").write_text(f"devoir {n}\n", encoding="utf-8")

    linked = cli(
        "link", str(local), tls_dav.url, "--user", USER, "--password-stdin", "--name", "docs",
        "--insecure-file-store", stdin=f"{PASSWORD}\n",
    )  # fmt: skip
    assert linked.code == 0, linked.err
    first = cli("sync", "--once")
    (local / "nouveau.txt").write_text("écrit ensuite\n", encoding="utf-8")
    second = cli("sync", "--once")

    assert first.code == 0 and second.code == 0, first.err + second.err
    assert (tls_dav.root / "devoir-11.txt").read_text(encoding="utf-8") == "devoir 11\n"
    assert (tls_dav.root / "nouveau.txt").read_text(encoding="utf-8") == "écrit ensuite\n"
    assert len(connections.ports) >= 3  # link's client, then each pass's: new handshakes
    assert len(loads) == 1  # and the store was read once, for all of them


def test_the_context_is_built_again_when_the_store_or_the_client_certificate_changes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, school_ca: Issued,
    loads: list[ssl.SSLContext],
) -> None:  # fmt: skip
    """IT installing its authority (the bundle rewritten) is seen by the next client;
    a folder with a client certificate has its own context."""
    store = system_store(school_ca, tmp_path / "store")
    monkeypatch.setenv("SSL_CERT_FILE", store["SSL_CERT_FILE"])
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    first = tls.system_trust_context()
    assert tls.system_trust_context() is first
    assert len(loads) == 1

    other_ca = make_ca(tmp_path / "pki-it", "Rectorat CA")
    bundle = Path(store["SSL_CERT_FILE"])
    bundle.write_bytes(bundle.read_bytes() + other_ca.cert_file.read_bytes())
    renewed = tls.system_trust_context()
    assert renewed is not first and len(loads) == 2
    assert renewed.cert_store_stats()["x509_ca"] == 2  # both authorities trusted

    client = issue(other_ca, tmp_path / "pki-it", "client", client=True)
    cert = ClientCertificate(str(client.cert_file), str(client.key_file))
    with_cert = tls.system_trust_context(cert)
    assert with_cert is not renewed and tls.system_trust_context(cert) is with_cert
    assert len(loads) == 3
    assert with_cert.verify_mode is ssl.CERT_REQUIRED and with_cert.check_hostname
    assert with_cert.minimum_version >= ssl.TLSVersion.TLSv1_2
