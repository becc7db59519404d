"""The HTTP seam: one configured ``httpx.Client``, retries with back-off, and the one
translation of HTTP failures into ``cozysync.errors``.

Nothing here logs or formats credentials: titles name the host, the path and the status.
"""

from __future__ import annotations

import email.utils
import hashlib
import itertools
import logging
import random
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, NoReturn
from urllib.parse import urlsplit

import httpx

from cozysync import __version__
from cozysync.clock import SystemClock
from cozysync.config import ClientCertificate
from cozysync.errors import (
    AuthError,
    CaptivePortalError,
    CozySyncError,
    FatalError,
    OfflineError,
    PreconditionFailedError,
    ProtocolError,
    QuotaExceededError,
    RemoteItemMissingError,
    RemoteLockedError,
    ServerError,
)
from cozysync.messages import MessageId
from cozysync.phrases import phrase
from cozysync.ports import Clock, Progress
from cozysync.remotes.answer_guard import (
    AnswerGuard,
    AnswerRefused,
    AnswerTooLarge,
    AnswerTooSlow,
    MinimumRate,
)
from cozysync.remotes.captive_portal import PortalAnswer, PortalCheck
from cozysync.remotes.network_guard import guard_connections
from cozysync.remotes.proxy import PROXY, ProxyLoginError
from cozysync.remotes.throttle import BANDWIDTH, TokenBucket
from cozysync.remotes.tls import (
    causes,
    certificate_error,
    is_refused_certificate,
    system_trust_context,
)
from cozysync.sync.hashing import HashingWriter

__all__ = [
    "CHUNK_SIZE",
    "RETRY_STATUSES",
    "USER_AGENT",
    "AccessRefusedError",
    "BodyOverLimit",
    "RetryPolicy",
    "SlowServerError",
    "SourceSizeMismatch",
    "build_client",
    "copy_body",
    "exact_body",
    "raise_for_failure",
    "send_with_retries",
]

log = logging.getLogger(__name__)

USER_AGENT = f"cozysync/{__version__}"
CHUNK_SIZE = 1 << 20
SEND_PIECE = 256 << 10  # an upload body is sent in pieces of at most this
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Statuses a server sends before doing anything: safe to retry any request.
_NOT_PROCESSED = frozenset({429, 503})


class AccessRefusedError(ServerError):
    """HTTP 403 on one item: the server refused this request."""

    message_id = MessageId.ERROR_ACCESS_REFUSED

    default_hint = "Check the folder's permissions on the server; it will be retried."


class SlowServerError(OfflineError):
    """The server sent an answer under the minimum rate (``MinimumRate``): stopped, so
    that a pass always ends; the next pass tries again."""


def build_client(
    auth: tuple[str, str] | None = None,
    *,
    timeout: float = 60.0,
    connect_timeout: float = 10.0,
    verify: bool | ssl.SSLContext = True,
    url: str | None = None,
    min_rate: MinimumRate | None = None,
    clock: Clock | None = None,
    client_cert: ClientCertificate | None = None,
) -> httpx.Client:
    """A client with TLS verification, the chosen proxy (``proxy.PROXY``) and a small pool.

    Servers are checked against this computer's certificate store (``tls``), and shown
    ``client_cert`` when they ask for one.  A captive portal's answer is stopped before
    its body is read (``captive_portal``).  ``auth`` is sent with every request (the
    WebDAV remote sends its own ``ChallengedBasicAuth`` instead: only once asked).

    Every request asks for ``Accept-Encoding: identity``, and every answer is guarded
    (``answer_guard``): ``min_rate`` (default 1 KiB/s over 60 s of waiting, timed by
    ``clock``), compression inflated in bounded pieces, an answer read whole capped.  The
    minimum rate holds on each connection too (``network_guard``), from the moment a
    request is sent: a status line and headers dripped by the server are stopped as well.

    ``url``: the only server this client will talk to.  A plain ``http://`` one, with no
    proxy chosen or in the environment, has no TLS to verify: the CA bundle (30–130 ms of CPU at
    each start) is then not loaded.  Redirects are never followed, so the client cannot
    be led to an https address."""
    if verify is True and url is not None and _plain_http_without_proxy(url):
        verify = False
    if verify is True:
        verify = system_trust_context(client_cert)
    min_rate, clock = min_rate or MinimumRate(), clock or SystemClock()
    limits = httpx.Limits(max_connections=8, max_keepalive_connections=8)
    client = httpx.Client(
        auth=httpx.BasicAuth(*auth) if auth else None,
        verify=verify,
        # system (environment), manual, off or a PAC file's answer per address: proxy.py
        **PROXY.choice.client_options(verify=verify, limits=limits),
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        limits=limits,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
        follow_redirects=False,
        event_hooks={
            "response": [
                PortalCheck(),
                AnswerGuard(min_rate, clock),
            ]
        },
    )
    guard_connections(client, min_rate, clock)
    _read_cookies_only_when_set(client.cookies)
    return client


def _read_cookies_only_when_set(cookies: httpx.Cookies) -> None:
    """httpx hands every answer to ``http.cookiejar`` (a urllib request and response
    built around it, its headers copied), which only acts on ``Set-Cookie`` and
    ``Set-Cookie2``: 6-9 % of a transfer pass's CPU, for answers that have none.  Only
    answers with such a header are handed over now; the cookies a server sets are kept
    and sent back as before (issue 20, item 3)."""
    extract = cookies.extract_cookies

    def extract_when_set(response: httpx.Response) -> None:
        headers = response.headers
        if "set-cookie" in headers or "set-cookie2" in headers:
            extract(response)

    cookies.extract_cookies = extract_when_set  # type: ignore[method-assign]


def _plain_http_without_proxy(url: str) -> bool:
    return urlsplit(url).scheme == "http" and PROXY.choice.is_direct


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4  # total tries, the first included
    base_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before try ``attempt + 1`` (``attempt`` counts from 1)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_delay)
        backoff = min(self.base_delay * 2 ** (attempt - 1), self.max_delay)
        jitter: float = random.uniform(0.5, 1.0)
        return float(backoff * jitter)


def _retry_after(response: httpx.Response, clock: Clock) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when.timestamp() - clock.now()


def _is_retryable_error(exc: httpx.TransportError, idempotent: bool) -> bool:
    if is_refused_certificate(exc):
        return False  # a certificate refused, either way: it would be again
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return not _is_tls_error(exc)  # the request never left: always safe
    if isinstance(exc, httpx.RemoteProtocolError) and "without sending a response" in str(exc):
        # A kept-alive connection the server had already closed: the request did not
        # reach it (and a non-idempotent retry that did is refused by its own checks:
        # Overwrite F, If-Match), so it is sent again.
        return True
    return idempotent and isinstance(exc, httpx.NetworkError | httpx.TimeoutException)


def send_with_retries(
    send: Callable[[], httpx.Response],
    *,
    clock: Clock,
    idempotent: bool = True,
    policy: RetryPolicy | None = None,
) -> httpx.Response:
    """Call ``send`` until it gives a non-retryable answer or the attempts run out.

    Transport errors and 429/500/502/503/504 are retried with jittered exponential back-off
    (``Retry-After`` honoured).  A request that is not idempotent is retried only when the
    server surely did not process it (connection not made, 429, 503).  The last response is
    returned as is; the last transport error is raised as is (map it with
    ``raise_for_failure``).  A retried response is closed before the next try.
    """
    policy = policy or RetryPolicy()
    statuses = RETRY_STATUSES if idempotent else _NOT_PROCESSED
    for attempt in range(1, policy.attempts + 1):
        last = attempt == policy.attempts
        try:
            response = send()
        except httpx.TransportError as exc:
            if last or not _is_retryable_error(exc, idempotent):
                raise
            wait = policy.delay(attempt, None)
            _log_retry(exc.request, type(exc).__name__, wait)
            clock.sleep(wait)
            continue
        if last or response.status_code not in statuses:
            return response
        wait = policy.delay(attempt, _retry_after(response, clock))
        _log_retry(response.request, f"HTTP {response.status_code}", wait)
        response.close()
        clock.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def _log_retry(request: httpx.Request, why: str, wait: float) -> None:
    # method and path only: no query, no headers (Authorization), no userinfo
    log.info("retrying %s %s in %.1f s (%s)", request.method, request.url.path, wait, why)


def _is_tls_error(exc: BaseException) -> bool:
    return any(isinstance(seen, ssl.SSLError | ssl.CertificateError) for seen in causes(exc))


def _status_error(response: httpx.Response, path: str) -> CozySyncError:
    status = response.status_code
    where = f"{path!r}" if path else "the sync folder"
    titles: dict[int, tuple[type[CozySyncError], str]] = {
        401: (AuthError, "the server refused the user name or password (HTTP 401)"),
        403: (AccessRefusedError, f"the server refused access to {where} (HTTP 403)"),
        404: (RemoteItemMissingError, f"{where} is not on the server (HTTP 404)"),
        409: (RemoteItemMissingError, f"the folder of {where} is missing on the server (HTTP 409)"),
        412: (PreconditionFailedError, f"{where} changed on the server (HTTP 412)"),
        423: (RemoteLockedError, f"{where} is locked on the server (HTTP 423)"),
        507: (QuotaExceededError, "the server has no space left for this account (HTTP 507)"),
    }
    error: CozySyncError
    if status == 407:  # a plain http:// request forwarded by the proxy: it wants a login
        error = ProxyLoginError.refused()
    elif status in titles:
        kind, title = titles[status]
        error = kind(title, path=path or None)
    elif status >= 500:
        error = ServerError(f"the server failed on {where} (HTTP {status})", path=path or None)
    else:
        title = f"the server refused the request on {where} (HTTP {status})"
        error = ServerError(title, path=path or None)
    error.http_status = status
    return error


def _socks_login_refused(exc: httpx.ProxyError) -> bool:
    """A SOCKS5 proxy refused the login, or wants one not given: its choice of login
    method or its answer to ours (httpcore's words: "Invalid username/password",
    "Requested NO AUTHENTICATION REQUIRED from proxy server, but got ...")."""
    said = str(exc)
    return said.startswith(("Invalid username/password", "Requested "))


def _transport_error(exc: httpx.TransportError, host: str, path: str) -> CozySyncError:
    if isinstance(exc, PortalAnswer):
        return CaptivePortalError(
            f"a Wi-Fi sign-in page answered instead of {host} ({exc.reason}): sign in to "
            "the Wi-Fi first"
        )
    if isinstance(exc, httpx.ProxyError):  # the proxy's answer to CONNECT (https)
        return (
            ProxyLoginError.refused()
            if "407" in str(exc) or _socks_login_refused(exc)
            else OfflineError(f"the proxy refused to connect to {host} ({exc})")
        )
    if isinstance(exc, AnswerRefused):  # stopped on purpose, whatever broke under it
        return _refused_answer_error(exc, host, path)
    refused = certificate_error(exc, host, _url_of(exc, host))  # ask IT, give the cert
    if refused is not None:
        return refused
    if _is_tls_error(exc):
        return FatalError(
            phrase(
                "the secure connection to {host} failed (TLS certificate or protocol)", host=host
            ),
            hint=phrase("Check the server address and its certificate, and this computer's date."),
        )
    if isinstance(exc, httpx.ProtocolError):
        return ServerError(
            f"the server {host} broke off the answer for {path!r}", path=path or None
        )
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        return OfflineError(f"cannot reach the server {host}")
    if isinstance(exc, httpx.TimeoutException):
        return OfflineError(f"cannot reach the server {host} (it stopped answering)")
    return OfflineError(f"cannot reach the server {host} (the connection was lost)")


def _url_of(exc: httpx.TransportError, host: str) -> str:
    try:
        return str(exc.request.url)
    except RuntimeError:  # an error raised without its request
        return f"https://{host}/"


def _refused_answer_error(exc: AnswerRefused, host: str, path: str) -> CozySyncError:
    where = f"for {path!r}" if path else "for the sync folder"
    if isinstance(exc, AnswerTooSlow):
        return SlowServerError(
            f"the server at {host} sends too slowly ({exc.rate.describe()}): the transfer "
            "was stopped; it will be tried again"
        )
    if isinstance(exc, AnswerTooLarge):
        return ProtocolError(
            f"the server at {host} sent an answer {where} larger than "
            f"{exc.limit >> 20} MiB; it was not read"
        )
    return ProtocolError(f"the server at {host} sent {exc} {where}; it was not read")


def raise_for_failure(
    failure: httpx.HTTPError | httpx.Response, *, host: str, path: str = ""
) -> NoReturn:
    """Raise the ``cozysync.errors`` exception for a failed request, chained to its cause.

    ``failure`` is either an httpx exception or a response with an unexpected status.
    """
    if isinstance(failure, httpx.Response):
        cause: httpx.HTTPError = httpx.HTTPStatusError(
            f"HTTP {failure.status_code}", request=failure.request, response=failure
        )
        raise _status_error(failure, path) from cause
    if isinstance(failure, httpx.HTTPStatusError):
        raise _status_error(failure.response, path) from failure
    if isinstance(failure, httpx.TransportError):
        raise _transport_error(failure, host, path) from failure
    raise ServerError(f"the request to {host} failed", path=path or None) from failure


# --- streamed bodies (constant memory) ----------------------------------------------------


class SourceSizeMismatch(Exception):
    """The local source did not hold exactly the announced number of bytes."""


class BodyOverLimit(Exception):
    """A download's body went past the size announced for it (``copy_body``'s
    ``limit``); the chunk that crossed it was not written."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


def exact_body(
    open_source: Callable[[], BinaryIO],
    size: int,
    progress: Progress | None,
    bucket: TokenBucket | None = None,
) -> Iterator[bytes]:
    """A fresh read of the source as a request body of exactly ``size`` bytes.

    Chunks are yielded one read late, so a source with a byte more or a byte less raises
    ``SourceSizeMismatch`` before the body could be complete; the first chunk is read now,
    so a source that fits in one chunk is checked before any request is made."""
    source = open_source()
    try:
        chunks = _exact_chunks(source, size)
        first = next(chunks, None)
    except BaseException:
        source.close()
        raise
    return _body(source, first, chunks, progress, bucket or BANDWIDTH.up)


def _exact_chunks(source: BinaryIO, size: int) -> Iterator[bytes]:
    total, pending = 0, b""
    while True:
        chunk = source.read(min(CHUNK_SIZE, max(size - total, 1)))
        total += len(chunk)
        if total > size:
            raise SourceSizeMismatch(f"more than {size} bytes")
        if not chunk:
            if total != size:
                raise SourceSizeMismatch(f"{total} bytes instead of {size}")
            if pending:
                yield pending
            return
        if pending:
            yield pending
        pending = chunk


def _body(
    source: BinaryIO,
    first: bytes | None,
    rest: Iterator[bytes],
    progress: Progress | None,
    bucket: TokenBucket,
) -> Iterator[bytes]:
    with source:
        for chunk in itertools.chain([first] if first is not None else [], rest):
            for piece in bucket.slices(chunk):  # the upload limit, per slice
                # at most SEND_PIECE between two progress calls: a stop or a pause, asked
                # there, waits for that much to go out on a slow line, not a whole chunk
                for start in range(0, len(piece), SEND_PIECE):
                    part = piece[start : start + SEND_PIECE]
                    bucket.take(len(part))
                    yield part
                    if progress is not None:
                        progress(len(part))


def copy_body(
    response: httpx.Response,
    sink: BinaryIO,
    progress: Progress | None,
    bucket: TokenBucket | None = None,
    *,
    limit: int | None = None,
) -> tuple[int, str]:
    """Stream a response body into ``sink``; returns (bytes written, hex MD5).

    A ``HashingWriter`` sink hashes what it is given itself and is trusted with it:
    each byte is hashed once, not twice.  Any other sink (a file, the restore and export
    sinks) is hashed here.  ``limit``: the size announced for the body (its listing, its
    doc); a chunk that would take it past that raises ``BodyOverLimit`` unwritten (a
    gzip bomb, a server sending more than it said)."""
    own = sink.md5 if isinstance(sink, HashingWriter) else None
    digest = own if own is not None else hashlib.md5(usedforsecurity=False)
    update = (lambda chunk: None) if own is not None else digest.update
    written = 0
    bucket = bucket or BANDWIDTH.down
    for chunk in response.iter_bytes():  # as received: no re-chunking copy
        if limit is not None and written + len(chunk) > limit:
            raise BodyOverLimit(limit)
        for piece in bucket.slices(chunk):  # the download limit, per slice
            bucket.take(len(piece))
            sink.write(piece)
            update(piece)
            written += len(piece)
            if progress is not None:
                progress(len(piece))
    return written, digest.hexdigest()
