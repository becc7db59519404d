"""TLS: trust what this computer trusts, and describe a certificate it does not.

**Trust.**  Every secure connection (the HTTP client of ``build_client``, the Cozy's
realtime websocket) is checked against the operating system's certificate store, where
a school's or a company's IT installs its own certificate authority, not against a list
bundled with cozysync (httpx's default, ``certifi``).  The context comes from
``truststore``: on Linux it is OpenSSL's default store (``/etc/ssl/certs`` and its
bundle, or ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` when set, as for every OpenSSL program),
with the distributions' usual bundle paths as a fallback when the Python in use was built
with other paths (a packaged build); on macOS and Windows it asks the system's own
verifier (Keychain, CryptoAPI).  See docs/school-networks.md.

**One context per process** (issue 20, item 1).  truststore's OpenSSL backend loads the
store again at every new connection (``set_default_verify_paths`` in each
``wrap_socket``: the whole bundle parsed, 20–40 ms of CPU each), which is all it does
there.  So on Linux (and every platform verifying with OpenSSL) the context is a plain
``ssl.SSLContext`` whose store is loaded once, with the same choice of paths; on macOS
and Windows, where the system's verifier is asked at each handshake, it stays
truststore's.  Either way the context is built once per settings (the store's paths and
its bundle's size and time, the client certificate and its files) and shared by every
client and pass of the process: a bundle that changes (IT installs its authority) gives
a new context at the next client, and OpenSSL reads a hashed folder's certificates as it
needs them anyway.

**An untrusted certificate** stops the pass with ``UntrustedCertificateError``, which
names the certificate's issuer and SHA-256 fingerprint (for the IT desk to compare).
They are read by ``describe_server_certificate``: a second connection, made without
verification only to read the certificate the server shows, closed right after the
handshake (nothing is sent on it), through the proxy the others take
(``ProxyChoice.proxy_for``: an http proxy's ``CONNECT`` with its login, any scheme it
asks, ``proxy_negotiate``; a SOCKS5 one's through ``python-socks``).  There is no
"accept anyway".

**A client certificate** (``ClientCertificate``: a PEM certificate and key file, the
key's passphrase from the keyring) is offered to servers that ask for one.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import ssl
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore

from cozysync.config import ClientCertificate
from cozysync.errors import ClientCertificateError, CozySyncError, UntrustedCertificateError

__all__ = [
    "CertificateFacts",
    "causes",
    "certificate_error",
    "describe_server_certificate",
    "fingerprint",
    "is_refused_certificate",
    "is_untrusted_certificate",
    "system_trust_context",
]

DESCRIBE_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class CertificateFacts:
    """What a server's certificate says, for a person to compare with IT's."""

    issuer: str  # e.g. "CN=Académie CA,O=Lycée Victor Hugo"
    subject: str
    sha256: str  # "AB:CD:…", as browsers and ``openssl x509 -fingerprint -sha256`` show it


# The system asks its own verifier at each handshake there (truststore's _macos.py and
# _windows.py); everywhere else truststore only points OpenSSL at its default store.
_SYSTEM_VERIFIER = sys.platform in ("darwin", "win32")
# Where the distributions keep their bundle, for a Python built with other paths (a
# packaged build): the list truststore 0.10 falls back on (truststore/_openssl.py:8).
_BUNDLE_CANDIDATES = (
    "/etc/ssl/cert.pem",  # Alpine, Arch, Fedora 34-43, OpenWRT, RHEL 9-10, BSD
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # Fedora 44+, RHEL 11+
    "/etc/pki/tls/cert.pem",  # older Fedora, RHEL, CentOS
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu
    "/etc/ssl/ca-bundle.pem",  # SUSE
)
_HASHED_NAME = re.compile(r"^[0-9a-fA-F]{8}\.[0-9]$")  # c_rehash's names in a store folder
_CONTEXTS: dict[tuple[object, ...], ssl.SSLContext] = {}
_CONTEXTS_KEPT = 8  # settings seen by one process: a handful of folders
_CONTEXTS_LOCK = threading.Lock()


def system_trust_context(client_cert: ClientCertificate | None = None) -> ssl.SSLContext:
    """A client context that verifies servers against the system's store (TLS 1.2 at
    least, host names checked), showing ``client_cert`` to a server that asks.

    Built once per settings and shared (see the module's docstring): callers must not
    change it."""
    key = (*_store_key(), *_client_cert_key(client_cert))
    with _CONTEXTS_LOCK:
        context = _CONTEXTS.get(key)
        if context is None:
            context = _new_context(client_cert)
            if len(_CONTEXTS) >= _CONTEXTS_KEPT:
                del _CONTEXTS[next(iter(_CONTEXTS))]
            _CONTEXTS[key] = context
        return context


def _new_context(client_cert: ClientCertificate | None) -> ssl.SSLContext:
    if _SYSTEM_VERIFIER:
        import truststore  # the system's verifier, asked at each handshake

        context: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    else:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verify_mode CERT_REQUIRED
        _load_system_store(context)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if client_cert is not None:
        _load_client_certificate(context, client_cert)
    return context


def _load_system_store(context: ssl.SSLContext) -> None:
    """OpenSSL's default store (``SSL_CERT_FILE``/``SSL_CERT_DIR`` when set), else the
    first distribution bundle found: what truststore points OpenSSL at, done once."""
    defaults = ssl.get_default_verify_paths()
    if defaults.cafile or (defaults.capath and _holds_certificates(defaults.capath)):
        context.set_default_verify_paths()
        return
    for bundle in _BUNDLE_CANDIDATES:
        if os.path.isfile(bundle):
            context.load_verify_locations(cafile=bundle)
            return


def _holds_certificates(folder: str) -> bool:
    try:
        return any(_HASHED_NAME.match(name) for name in os.listdir(folder))
    except OSError:
        return False


def _store_key() -> tuple[object, ...]:
    """What the store is made of: its paths, and its bundle's and folder's size and time."""
    defaults = ssl.get_default_verify_paths()
    return (
        defaults.cafile, defaults.capath, _file_state(defaults.cafile),
        _file_state(defaults.capath),
    )  # fmt: skip


def _client_cert_key(cert: ClientCertificate | None) -> tuple[object, ...]:
    if cert is None:
        return (None,)
    return (cert, _file_state(cert.cert_file), _file_state(cert.key_file))


def _file_state(path: str | None) -> tuple[int, int] | None:
    if not path:
        return None
    try:
        state = os.stat(path)
    except OSError:
        return None
    return state.st_mtime_ns, state.st_size


def _load_client_certificate(context: ssl.SSLContext, cert: ClientCertificate) -> None:
    try:
        context.load_cert_chain(cert.cert_file, cert.key_file, password=cert.password or "")
    except FileNotFoundError as exc:
        raise ClientCertificateError(
            f"the client certificate file {exc.filename or cert.cert_file} does not exist",
            "Give the certificate and key files again (cozysync link --client-cert, "
            "--client-key), as your IT sent them.",
        ) from exc
    except (ssl.SSLError, OSError) as exc:
        raise ClientCertificateError(
            f"the client certificate {cert.cert_file} cannot be used ({_reason(exc)})",
            "Check that the certificate and its key are PEM files that belong together, and "
            "the key's passphrase.",
        ) from exc


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None)
    return str(reason or type(exc).__name__).replace("_", " ").lower()


def causes(exc: BaseException, depth: int = 12) -> Iterator[BaseException]:
    """``exc`` and what it was raised from (its cause, else its context), nearest first."""
    seen: BaseException | None = exc
    for _ in range(depth):
        if seen is None:
            return
        yield seen
        seen = seen.__cause__ or seen.__context__


def is_untrusted_certificate(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it was raised from) is a certificate this computer does
    not trust: unknown authority, self-signed, expired, or made for another name."""
    untrusted = ssl.SSLCertVerificationError | ssl.CertificateError
    return any(isinstance(seen, untrusted) for seen in causes(exc))


# what OpenSSL says when the server wanted a client certificate (TLS 1.3's alert
# certificate_required, 1.2's handshake failure after a certificate request)
_CLIENT_CERT_REASONS = ("CERTIFICATE_REQUIRED", "PEER_DID_NOT_RETURN_A_CERTIFICATE")


def is_client_certificate_refusal(exc: BaseException) -> bool:
    """Whether the server refused the connection for want of a client certificate."""
    return any(
        isinstance(seen, ssl.SSLError)
        and str(seen.reason or "").upper().endswith(_CLIENT_CERT_REASONS)
        for seen in causes(exc)
    )


def is_refused_certificate(exc: BaseException) -> bool:
    """A certificate refused, either way (the server's here, or ours there)."""
    return is_untrusted_certificate(exc) or is_client_certificate_refusal(exc)


def certificate_error(exc: BaseException, host: str, url: str) -> CozySyncError | None:
    """The plain-words error for a refused certificate under ``exc`` (a transport
    error of a request to ``url`` on ``host``), or None.  An untrusted one is described
    by what it says (read again without verification, only to describe it)."""
    if is_client_certificate_refusal(exc):
        return ClientCertificateError(
            f"the server {host} asks for a client certificate, and refused the connection "
            "without one it accepts"
        )
    if not is_untrusted_certificate(exc):
        return None
    facts = describe_server_certificate(url)
    issuer, sha256 = (facts.issuer, facts.sha256) if facts else ("", "")
    described = f"; issued by {issuer}, SHA-256 fingerprint {sha256}" if facts else ""
    return UntrustedCertificateError(
        f"the server's certificate is not trusted by this computer: ask your school's IT "
        f"(server {host}{described})",
        host=host, issuer=issuer, sha256=sha256,
    )  # fmt: skip


def fingerprint(der: bytes) -> str:
    """A certificate's SHA-256 fingerprint, upper-case pairs joined by colons."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def describe_server_certificate(
    url: str, *, timeout: float = DESCRIBE_TIMEOUT_S
) -> CertificateFacts | None:
    """The certificate the server of ``url`` shows, read without verifying it (only to
    describe it: the connection is closed after the handshake, nothing is sent).  None
    when it cannot be read (the server went away, not TLS)."""
    parts = urlsplit(url)
    host = parts.hostname
    if host is None:
        return None
    port = parts.port or 443
    look = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    look.check_hostname = False
    look.verify_mode = ssl.CERT_NONE
    try:
        with (
            _connection(url, host, port, timeout) as raw,
            look.wrap_socket(raw, server_hostname=host) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
    except (OSError, ValueError, httpcore.NetworkError, httpcore.ProxyError):
        return None
    if not der:
        return None
    issuer, subject = _names(der)
    return CertificateFacts(issuer=issuer, subject=subject, sha256=fingerprint(der))


def _connection(url: str, host: str, port: int, timeout: float) -> socket.socket:
    from cozysync.remotes.proxy import open_socket  # it imports this module's users

    return open_socket(url, host, port, timeout)


def _names(der: bytes) -> tuple[str, str]:
    """The issuer and subject of a DER certificate, as RFC 4514 strings ("unknown" when
    the ``cryptography`` package, installed with keyring on Linux, is missing)."""
    try:
        from cryptography import x509
    except ImportError:  # pragma: no cover (keyring's SecretStorage brings it)
        return "unknown", "unknown"
    try:
        cert = x509.load_der_x509_certificate(der)
        return cert.issuer.rfc4514_string(), cert.subject.rfc4514_string()
    except ValueError:
        return "unreadable", "unreadable"
