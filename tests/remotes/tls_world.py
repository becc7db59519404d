"""Real TLS for the tests: a throwaway certificate authority made in the test (the
``cryptography`` package), a server certificate it signs for 127.0.0.1, a client
certificate, and WsgiDAV served over TLS by cheroot on 127.0.0.1 (optionally asking
for a client certificate signed by the CA).

``system_store(ca, folder)`` writes the CA as OpenSSL's default store reads it: a PEM
bundle (``SSL_CERT_FILE``) or a hashed certificate directory (``SSL_CERT_DIR``,
``<subject hash>.0`` as ``openssl rehash`` names it).  The environment it returns is
given to the CLI subprocess only: nothing on the machine changes.
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from wsgidav.wsgidav_app import WsgiDAVApp

from tests.servers import PASSWORD, USER, free_port

__all__ = ["Issued", "TlsDavServer", "issue", "make_ca", "system_store"]


@dataclass(frozen=True)
class Issued:
    """A certificate and its key, as PEM files."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    cert_file: Path
    key_file: Path

    @property
    def sha256(self) -> str:
        digest = self.cert.fingerprint(hashes.SHA256()).hex().upper()
        return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Lycée des Tests"),
        ]
    )


def _write(folder: Path, stem: str, cert: x509.Certificate, key: Any, passphrase: bytes | None):
    folder.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = folder / f"{stem}.crt", folder / f"{stem}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    )
    return cert_file, key_file


def make_ca(folder: Path, common_name: str = "Académie des Tests CA") -> Issued:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return Issued(cert, key, *_write(folder, "ca", cert, key, None))


def issue(
    ca: Issued, folder: Path, stem: str, *, client: bool = False, passphrase: bytes | None = None
) -> Issued:
    """A certificate signed by ``ca``: for the server 127.0.0.1 / localhost, or
    (``client``) for a pupil's computer."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    usage = ExtendedKeyUsageOID.CLIENT_AUTH if client else ExtendedKeyUsageOID.SERVER_AUTH
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name("poste-eleve-12" if client else "127.0.0.1"))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=10))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), False
        )
    )
    if not client:
        names = [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    cert = builder.sign(ca.key, hashes.SHA256())
    return Issued(cert, key, *_write(folder, stem, cert, key, passphrase))


def system_store(ca: Issued, folder: Path, *, as_directory: bool = False) -> dict[str, str]:
    """The environment that makes OpenSSL's default store (what the product trusts)
    hold ``ca``: ``SSL_CERT_FILE`` (a bundle), or ``SSL_CERT_DIR`` (a hashed folder,
    named by ``openssl x509 -subject_hash`` as ``openssl rehash`` does) beside the
    machine's own bundle."""
    folder.mkdir(parents=True, exist_ok=True)
    if not as_directory:
        bundle = folder / "ca-certificates.crt"
        bundle.write_bytes(ca.cert_file.read_bytes())
        return {"SSL_CERT_FILE": str(bundle)}
    subject_hash = subprocess.run(
        ["openssl", "x509", "-noout", "-subject_hash", "-in", str(ca.cert_file)],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (folder / f"{subject_hash}.0").write_bytes(ca.cert_file.read_bytes())
    # the machine's own bundle stays the store's file, as on Debian, where
    # update-ca-certificates keeps both and a tool may drop a certificate in the folder
    bundle = ssl.get_default_verify_paths().openssl_cafile
    return {"SSL_CERT_FILE": bundle, "SSL_CERT_DIR": str(folder)}


class _Recorder:
    """WSGI middleware keeping each request's method, path and whether it carried an
    Authorization header."""

    def __init__(self, app: Any) -> None:
        self.app, self.seen = app, []  # type: ignore[var-annotated]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.seen.append(
            (environ["REQUEST_METHOD"], environ["PATH_INFO"], "HTTP_AUTHORIZATION" in environ)
        )
        return self.app(environ, start_response)


class TlsDavServer:
    """WsgiDAV over TLS on 127.0.0.1 with ``server``'s certificate; with ``client_ca``,
    a client certificate signed by it is required."""

    def __init__(self, root: Path, server: Issued, client_ca: Issued | None = None) -> None:
        self.root, self.user, self.password = root, USER, PASSWORD
        self.port = free_port()
        root.mkdir(parents=True, exist_ok=True)
        app = WsgiDAVApp(
            {
                "host": "127.0.0.1", "port": self.port,
                "provider_mapping": {"/": str(root)},
                "http_authenticator": {"accept_basic": True, "accept_digest": False,
                                       "default_to_digest": False, "trusted_auth_header": None},
                "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD, "roles": []}}}},
                "lock_storage": True, "property_manager": True,
                "dir_browser": {"enable": False}, "verbose": 0,
                "logging": {"enable": False, "enable_loggers": []},
            }
        )  # fmt: skip
        self.requests = _Recorder(app)
        self._server = wsgi.Server(
            ("127.0.0.1", self.port), self.requests, numthreads=4, shutdown_timeout=2
        )
        adapter = BuiltinSSLAdapter(str(server.cert_file), str(server.key_file))
        if client_ca is not None:
            adapter.context.verify_mode = ssl.CERT_REQUIRED
            adapter.context.load_verify_locations(cafile=str(client_ca.cert_file))
        self._server.ssl_adapter = adapter
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self._server.prepare()
        self._thread = threading.Thread(target=self._server.serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)
