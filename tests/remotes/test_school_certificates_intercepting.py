"""A school's TLS-intercepting proxy (issue 19, item 2), for real: Debian's squid with
``ssl_bump`` (tests/intercepting_proxy.py) between cozysync and WsgiDAV over TLS, the
school's certificate authority made in the test.

The server's own certificate is signed by a second test authority, the "public" one,
that this computer's store holds from the start.  The store is made by Debian's real
``update-ca-certificates`` in a test folder (its bundle and hashed folder, which the
CLI's ``SSL_CERT_FILE``/``SSL_CERT_DIR`` point OpenSSL's default store at: nothing on
the machine changes).  What the client is shown is squid's certificate for the server,
signed by the school's authority.  Until IT has installed that authority (copied to the
local folder, ``update-ca-certificates`` run again), ``link`` stops with the clear
message naming the school's authority and the fingerprint of the certificate squid shows
(English and French), nothing is linked and no request reaches the server; then the
folder links and syncs, every request read by squid inside the tunnel (its access log
names them by their ``https://`` address).
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.remotes.proxy import PROXY, ProxyChoice
from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, make_cli
from tests.intercepting_proxy import InterceptingSquid, started_intercepting_squid
from tests.remotes.tls_world import Issued, TlsDavServer, issue, make_ca
from tests.servers import PASSWORD, USER

FRENCH = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr_FR:fr", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture
def public_ca(tmp_path: Path) -> Issued:
    return make_ca(tmp_path / "public", "Autorité publique des tests")


@pytest.fixture
def school_ca(tmp_path: Path) -> Issued:
    return make_ca(tmp_path / "school", "Académie des Tests CA")


@pytest.fixture
def tls_dav(tmp_path: Path, public_ca: Issued) -> Iterator[TlsDavServer]:
    server = TlsDavServer(tmp_path / "served", issue(public_ca, tmp_path / "public", "server"))
    server.start()
    yield server
    server.stop()
    PROXY.set(ProxyChoice())  # the in-process CLI installed squid for this process


UPDATE_CA_CERTIFICATES = shutil.which("update-ca-certificates", path="/usr/sbin:/sbin:/usr/bin")


class DebianStore:
    """This computer's store as Debian's ``update-ca-certificates`` (the real one) makes
    it, in a test folder: the distribution's authorities (``--certsdir`` and the list
    ``--certsconf``), the ones IT adds (``--localcertsdir``, on a real machine
    ``/usr/local/share/ca-certificates``), the bundle and hashed links it writes
    (``--etccertsdir``, ``/etc/ssl/certs``) and no hooks.  ``environ`` points OpenSSL's
    default store (what the product trusts) at them, for the CLI only."""

    def __init__(self, folder: Path, distributed: Issued) -> None:
        if UPDATE_CA_CERTIFICATES is None:
            pytest.skip("update-ca-certificates is not installed (apt-get install ca-certificates)")
        self.folder = folder
        for sub in ("share/public", "local", "etc-ssl-certs", "hooks"):
            (folder / sub).mkdir(parents=True)
        shutil.copy(distributed.cert_file, folder / "share" / "public" / "public-ca.crt")
        (folder / "ca-certificates.conf").write_text("public/public-ca.crt\n")
        self.update()

    @property
    def bundle(self) -> Path:
        return self.folder / "etc-ssl-certs" / "ca-certificates.crt"

    @property
    def environ(self) -> dict[str, str]:
        return {"SSL_CERT_FILE": str(self.bundle), "SSL_CERT_DIR": str(self.bundle.parent)}

    def install(self, authority: Issued, name: str) -> None:
        """What IT does: copy the authority to the local folder, then update."""
        shutil.copy(authority.cert_file, self.folder / "local" / f"{name}.crt")
        self.update()

    def update(self) -> None:
        f = self.folder
        subprocess.run(
            [str(UPDATE_CA_CERTIFICATES), "--certsconf", str(f / "ca-certificates.conf"),
             "--certsdir", str(f / "share"), "--localcertsdir", str(f / "local"),
             "--etccertsdir", str(f / "etc-ssl-certs"), "--hooksdir", str(f / "hooks")],
            check=True, capture_output=True,
        )  # fmt: skip


def shown_by(squid: InterceptingSquid, server: TlsDavServer) -> str:
    """SHA-256 fingerprint of the certificate squid shows for ``server``, read here
    through squid's ``CONNECT`` without verification."""
    with socket.create_connection(("127.0.0.1", squid.port), timeout=10) as raw:
        raw.sendall(f"CONNECT 127.0.0.1:{server.port} HTTP/1.1\r\n\r\n".encode())
        assert raw.recv(4096).startswith(b"HTTP/1.1 200")
        unverified = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        unverified.check_hostname, unverified.verify_mode = False, ssl.CERT_NONE
        with unverified.wrap_socket(raw) as tls:
            der = tls.getpeercert(binary_form=True)
    assert der is not None
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def link(cli: Cli, local: Path, server: TlsDavServer):
    return cli(
        "link", str(local), server.url, "--user", USER, "--password-stdin", "--name", "docs",
        "--insecure-file-store", stdin=f"{PASSWORD}\n",
    )  # fmt: skip


def test_a_school_proxy_reading_tls_is_refused_until_its_authority_is_installed(
    tmp_path: Path, public_ca: Issued, school_ca: Issued, tls_dav: TlsDavServer
) -> None:
    cli = make_cli(tmp_path)
    cli.env = {k: v for k, v in cli.env.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    store = DebianStore(tmp_path / "store", public_ca)  # the public web's authority only
    cli.env.update(store.environ)
    run = in_process(cli)
    local = tmp_path / "Cours"
    local.mkdir()
    (local / "devoir.txt").write_text("mon devoir\n", encoding="utf-8")

    with started_intercepting_squid(school_ca, public_ca.cert_file) as squid:
        assert run("proxy", "set", squid.url).code == 0

        refused = link(run, local, tls_dav)
        french = link(in_process(Cli(cli.home, {**cli.env, **FRENCH})), local, tls_dav)

        assert refused.code != 0
        words = refused.err
        assert "the server's certificate is not trusted by this computer: ask your school's IT" in (
            words
        )
        assert f"issued by {school_ca.cert.subject.rfc4514_string()}" in words
        forged = shown_by(squid, tls_dav)  # squid keeps one certificate per server
        assert f"SHA-256 fingerprint {forged}" in words
        assert "unexpected error" not in words
        assert french.code == refused.code
        assert (
            "Le certificat du serveur n'est pas reconnu par cet ordinateur : demandez au "
            "service informatique de votre établissement"
        ) in french.err
        assert forged in french.err
        assert run.folders() == []
        assert tls_dav.requests.seen == []  # squid read nothing to send on
        assert squid.bumped() == []

        # IT installs the school's authority in the computer's store
        store.install(school_ca, "academie-des-tests")
        assert school_ca.cert_file.read_bytes() in store.bundle.read_bytes()
        linked = link(run, local, tls_dav)
        assert linked.code == 0, linked.err
        synced = run("sync", "--once")
        assert synced.code == 0, synced.err

        assert (tls_dav.root / "devoir.txt").read_text(encoding="utf-8") == "mon devoir\n"
        assert (local / "devoir.txt").read_text(encoding="utf-8") == "mon devoir\n"
        squid.wait_for_bumped(len(tls_dav.requests.seen))
        bumped = squid.bumped()
    # every request the server saw, squid read inside the tunnel and sent on
    assert len(bumped) == len(tls_dav.requests.seen)
    assert {method for method, _ in bumped} >= {"PROPFIND", "PUT", "MOVE"}  # the upload
    assert ("PROPFIND", f"https://127.0.0.1:{tls_dav.port}/devoir.txt") in bumped
