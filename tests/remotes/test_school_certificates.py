"""A school's certificate authority (issue 19, item 2), with real TLS on 127.0.0.1: a CA
made in the test signs WsgiDAV's certificate, and ``python -m cozysync`` is run as a
subprocess.

- The CA not trusted by the computer: ``link`` and ``sync --once`` stop with "the
  server's certificate is not trusted by this computer: ask your school's IT", the
  certificate's issuer and SHA-256 fingerprint; nothing is linked or synced, nothing
  lost, no request reaches the server.
- The CA in the system store: OpenSSL's default store, which the product trusts, is
  pointed at it for the subprocess only (``SSL_CERT_FILE`` for the bundle,
  ``SSL_CERT_DIR`` for the hashed folder, as ``update-ca-certificates`` leaves both):
  it links and syncs.  The folder case failed before: httpx's own store took
  ``SSL_CERT_FILE`` alone when set (else ``certifi``), never the folder beside it.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.remotes.tls import system_trust_context
from tests.engine.test_cli import Cli, make_cli
from tests.remotes.tls_world import Issued, TlsDavServer, issue, make_ca, system_store
from tests.servers import PASSWORD, USER


@pytest.fixture
def school_ca(tmp_path: Path) -> Issued:
    return make_ca(tmp_path / "pki")


@pytest.fixture
def tls_dav(tmp_path: Path, school_ca: Issued) -> Iterator[TlsDavServer]:
    server = TlsDavServer(tmp_path / "served", issue(school_ca, tmp_path / "pki", "server"))
    server.start()
    yield server
    server.stop()


def cli_with(tmp_path: Path, env: dict[str, str]) -> Cli:
    cli = make_cli(tmp_path)
    cli.env = {k: v for k, v in cli.env.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    cli.env.update(env)
    return cli


def link(cli: Cli, local: Path, server: TlsDavServer, *extra: str):
    return cli(
        "link", str(local), server.url, "--user", USER, "--password-stdin", "--name", "docs",
        "--insecure-file-store", *extra, stdin=f"{PASSWORD}\n",
    )  # fmt: skip


def test_an_untrusted_school_certificate_is_said_plainly_and_nothing_is_linked(
    tmp_path: Path, school_ca: Issued, tls_dav: TlsDavServer
) -> None:
    cli = cli_with(tmp_path, {})
    local = tmp_path / "Cours"
    local.mkdir()
    (local / "devoir.txt").write_text("mon devoir\n", encoding="utf-8")

    refused = link(cli, local, tls_dav)

    assert refused.code != 0
    words = refused.err
    assert "the server's certificate is not trusted by this computer: ask your school's IT" in words
    assert f"issued by {school_ca.cert.subject.rfc4514_string()}" in words
    assert "SHA-256 fingerprint" in words
    assert "unexpected error" not in words
    assert cli.folders() == []
    assert tls_dav.requests.seen == []  # no request was ever sent over it
    assert (local / "devoir.txt").read_text(encoding="utf-8") == "mon devoir\n"


def test_the_fingerprint_shown_is_the_servers_certificates(
    tmp_path: Path, school_ca: Issued
) -> None:
    server_cert = issue(school_ca, tmp_path / "pki", "server2")
    server = TlsDavServer(tmp_path / "served", server_cert)
    server.start()
    try:
        refused = link(cli_with(tmp_path, {}), tmp_path / "Cours", server)
    finally:
        server.stop()
    assert server_cert.sha256 in refused.err
    assert school_ca.cert.subject.rfc4514_string() in refused.err


@pytest.mark.parametrize("as_directory", [False, True], ids=["bundle", "hashed-folder"])
def test_a_school_ca_in_the_system_store_is_trusted(
    tmp_path: Path, school_ca: Issued, tls_dav: TlsDavServer, as_directory: bool
) -> None:
    cli = cli_with(tmp_path, system_store(school_ca, tmp_path / "store", as_directory=as_directory))
    local = tmp_path / "Cours"
    local.mkdir()
    (local / "devoir.txt").write_text("mon devoir\n", encoding="utf-8")

    linked = link(cli, local, tls_dav)
    assert linked.code == 0, linked.err
    synced = cli("sync", "--once")

    assert synced.code == 0, synced.err
    assert (tls_dav.root / "devoir.txt").read_text(encoding="utf-8") == "mon devoir\n"


def test_sync_stops_with_the_clear_message_when_the_school_ca_goes_and_loses_nothing(
    tmp_path: Path, school_ca: Issued, tls_dav: TlsDavServer
) -> None:
    store = system_store(school_ca, tmp_path / "store")
    cli = cli_with(tmp_path, store)
    local = tmp_path / "Cours"
    local.mkdir()
    assert link(cli, local, tls_dav).code == 0
    (local / "nouveau.txt").write_text("écrit hors ligne\n", encoding="utf-8")
    cli.env.pop("SSL_CERT_FILE")  # the CA is not in the store any more

    stopped = cli("sync", "--once")

    assert stopped.code != 0
    assert "not trusted by this computer: ask your school's IT" in stopped.err + stopped.out
    assert not (tls_dav.root / "nouveau.txt").exists()
    assert (local / "nouveau.txt").read_text(encoding="utf-8") == "écrit hors ligne\n"
    cli.env.update(store)
    assert cli("sync", "--once").code == 0  # back in the store: it syncs
    assert (tls_dav.root / "nouveau.txt").read_text(encoding="utf-8") == "écrit hors ligne\n"


def test_the_context_trusts_openssls_default_store_not_a_bundled_list(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, school_ca: Issued
) -> None:
    """What the product uses is OpenSSL's default store (the paths ``ssl`` reports),
    as ``SSL_CERT_DIR``/``SSL_CERT_FILE`` move it: the same store the subprocess tests
    point at the school's CA."""
    folder = system_store(school_ca, tmp_path / "store", as_directory=True)["SSL_CERT_DIR"]
    monkeypatch.setenv("SSL_CERT_DIR", folder)
    assert ssl.get_default_verify_paths().capath == folder
    context = system_trust_context()
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2
