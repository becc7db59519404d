"""Automatic proxies: a PAC file, given by its address or found by WPAD (issue 19, item 1).

A PAC file is a JavaScript function, ``FindProxyForURL(url, host)``, that a school's IT
publishes; its answer, for each address, is a list tried in order:
``"PROXY proxy.lycee.example:3128; DIRECT"``.  It is run by ``pypac`` (``pypac.parser``:
its JavaScript engine is ``dukpy``, from PyPI with wheels), and read once per process,
at the first connection that needs it, never at start.

``PacResolver(url)`` reads the file at ``url``; ``PacResolver(None)`` finds it by WPAD
the way ``pypac`` and browsers do without DHCP: ``http://wpad.<domain>/wpad.dat`` for
each parent domain of this computer's full name (``pypac.wpad.proxy_urls_from_dns``),
the first that answers with a PAC file wins.  The file is fetched directly (never
through a proxy, not even the environment's), as browsers do.

When no file can be read (the network has none, or it is down) connections go direct, as
browsers do, and the file is looked for again after ``RETRY_S``.  A file that is not
valid JavaScript or has no ``FindProxyForURL`` is a ``ProxyConfigError``: IT must fix it,
guessing could send a pupil's password around the school's filter.

``PacTransport`` is the ``httpx`` transport of a client in this mode: for each request
it asks the file (answers kept per scheme, host and port), then tries its proxies in
order; a proxy that cannot be reached is skipped for ``DOWN_S`` and the next entry is
tried (a request is never sent twice: only a failed connection moves on).  ``DIRECT``,
or an empty answer, connects directly.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from cozysync.errors import FatalError
from cozysync.messages import MessageId
from cozysync.phrases import phrase

__all__ = [
    "DIRECT_ENTRY",
    "PacResolver",
    "PacTransport",
    "ProxyConfigError",
    "ProxyRule",
    "parse_answer",
    "wpad_candidates",
]

log = logging.getLogger(__name__)

DIRECT_ENTRY = "DIRECT"
FETCH_TIMEOUT_S = 5.0  # per candidate address (WPAD tries several)
RETRY_S = 60.0  # no file found: look again after this
DOWN_S = 300.0  # a proxy that could not be reached is skipped this long
MAX_PAC_BYTES = 1024 * 1024
PAC_TYPES = ("application/x-ns-proxy-autoconfig", "application/x-javascript-config")


class ProxyConfigError(FatalError):
    """The proxy configuration file (PAC) cannot be used."""

    message_id = MessageId.ERROR_PROXY_PAC
    default_hint = (
        "Ask your IT team to check the proxy configuration file, or choose the proxy by "
        "hand: cozysync proxy set URL (or Preferences → Network)."
    )


def wpad_candidates(fqdn: str | None = None) -> list[str]:
    """Where WPAD looks for the file: ``http://wpad.<parent>/wpad.dat`` for each parent
    domain of ``fqdn`` (this computer's full name by default), nearest first, never
    above the organisation's registered domain (the public suffix list)."""
    from pypac.wpad import proxy_urls_from_dns  # type: ignore[import-untyped]

    name = fqdn if fqdn is not None else socket.getfqdn()
    return list(proxy_urls_from_dns(name))


def parse_answer(answer: str) -> list[str]:
    """``FindProxyForURL``'s answer as a list of ``"DIRECT"`` and proxy URLs
    (``PROXY h:p`` → ``http://h:p``, ``HTTPS h:p`` → ``https://h:p``, ``SOCKS``/``SOCKS5
    h:p`` → ``socks5://h:p``); entries it cannot read are left out (logged).  An answer
    without any entry means direct."""
    entries = []
    for element in answer.split(";"):
        element = element.strip()
        if not element:
            continue
        try:
            entries.append(_entry(element))
        except ValueError as exc:
            log.warning("the proxy configuration file's answer %r: %s", element, exc)
    return entries or [DIRECT_ENTRY]


def _entry(element: str) -> str:
    from pypac.parser import proxy_url  # type: ignore[import-untyped]

    value = str(proxy_url(element, "socks5"))
    if value.startswith("socks4://"):
        raise ValueError("SOCKS4 proxies are not supported (SOCKS5 is)")
    return value


class PacResolver:
    """The PAC file of ``url`` (or WPAD's when None), read at the first question.
    Thread-safe: the JavaScript engine runs one question at a time."""

    def __init__(
        self,
        url: str | None,
        *,
        candidates: Callable[[], list[str]] = wpad_candidates,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self._candidates, self._clock = candidates, clock
        self._lock = threading.Lock()
        self._pac: Any = None
        self._source: str | None = None
        self._next_try = 0.0
        self._answers: dict[tuple[str, str, int | None], list[str]] = {}

    @property
    def source(self) -> str | None:
        """The address the file in use was read from (None: none read yet, or none found)."""
        return self._source

    def proxies_for(self, url: str) -> list[str]:
        """The entries for ``url``, in order (``"DIRECT"`` or a proxy URL)."""
        parts = urlsplit(url)
        scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
        host = parts.hostname or ""
        key = (scheme, host, parts.port)
        with self._lock:
            pac = self._loaded()
            if pac is None:
                return [DIRECT_ENTRY]
            if key not in self._answers:
                asked = f"{scheme}://{parts.netloc}{parts.path or '/'}"  # no query: privacy
                self._answers[key] = parse_answer(self._ask(pac, asked, host))
            return self._answers[key]

    def _ask(self, pac: Any, url: str, host: str) -> str:
        try:
            answer = pac.find_proxy_for_url(url, host)
        except Exception as exc:  # the file's JavaScript failed for this address
            raise ProxyConfigError(
                phrase(
                    "the proxy configuration file {source} failed for {host} ({name}: {exc})",
                    source=self._source,
                    host=host,
                    name=type(exc).__name__,
                    exc=exc,
                )
            ) from exc
        if not isinstance(answer, str):
            raise ProxyConfigError(
                phrase(
                    "the proxy configuration file {source} gave no answer for {host}",
                    source=self._source,
                    host=host,
                )
            )
        return answer

    def _loaded(self) -> Any:
        if self._pac is not None or self._clock() < self._next_try:
            return self._pac
        for address in [self.url] if self.url else self._candidates():
            text = _fetch(address, wpad=self.url is None)
            if text is not None:
                self._pac, self._source = _parse(text, address), address
                log.info("proxy configuration file read from %s", address)
                return self._pac
        self._next_try = self._clock() + RETRY_S
        where = self.url or "WPAD (no wpad.<domain> answered)"
        log.warning("no proxy configuration file could be read (%s): connecting directly", where)
        return None


def _fetch(address: str, *, wpad: bool) -> str | None:
    """The file at ``address``, fetched directly; None when it cannot be read (or, for a
    WPAD guess, does not say it is a PAC file: a web page that answers any name)."""
    from cozysync.remotes.tls import system_trust_context

    try:
        with (
            httpx.Client(
                trust_env=False, verify=system_trust_context(), timeout=FETCH_TIMEOUT_S,
                follow_redirects=True, headers={"User-Agent": "cozysync"},
            ) as client,
            client.stream("GET", address) as response,
        ):  # fmt: skip
            if response.status_code != 200:
                log.info("proxy configuration file %s: HTTP %s", address, response.status_code)
                return None
            kind = response.headers.get("content-type", "").lower()
            if wpad and kind and not any(t in kind for t in PAC_TYPES):
                log.info("proxy configuration file %s: not a PAC file (%s)", address, kind)
                return None
            body = b""
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_PAC_BYTES:
                    log.warning("proxy configuration file %s: larger than 1 MiB", address)
                    return None
    except (httpx.HTTPError, OSError, ValueError) as exc:
        log.info("proxy configuration file %s cannot be read: %r", address, exc)
        return None
    return body.decode("utf-8", errors="replace")


def _parse(text: str, address: str) -> Any:
    """The file run once by the JavaScript engine (pypac runs ``FindProxyForURL`` once to
    check it).  Whatever fails here is a ``ProxyConfigError``: the file's JavaScript
    (pypac's ``MalformedPacError``, or what dukpy lets escape, such as a thrown string it
    cannot decode), or the engine itself (dukpy missing or unable to start: its runtime
    files absent from a bundle, a native library that does not load)."""
    try:
        from pypac.parser import MalformedPacError, PACFile
    except ImportError as exc:
        raise _engine_failed(address, exc) from exc
    try:
        return PACFile(text)
    except MalformedPacError as exc:
        raise ProxyConfigError(
            phrase(
                "the proxy configuration file {address} is not a valid PAC file ({exc})",
                address=address,
                exc=exc,
            )
        ) from exc
    except (ImportError, OSError) as exc:  # dukpy cannot start (JSInterpreter())
        raise _engine_failed(address, exc) from exc
    except Exception as exc:  # the file's JavaScript, failing in a way pypac misses
        raise ProxyConfigError(
            phrase(
                "the proxy configuration file {address} is not a valid PAC file ({name}: {exc})",
                address=address,
                name=type(exc).__name__,
                exc=exc,
            )
        ) from exc


def _engine_failed(address: str, exc: BaseException) -> ProxyConfigError:
    log.error("the JavaScript engine for proxy configuration files cannot start: %r", exc)
    return ProxyConfigError(
        phrase(
            "the proxy configuration file {address} cannot be run: the JavaScript engine "
            "(dukpy) does not start ({name}: {exc})",
            address=address,
            name=type(exc).__name__,
            exc=exc,
        )
    )  # the hint, EN and FR: choose the proxy by hand (ProxyConfigError's)


TransportFactory = Callable[[str | None, str], httpx.BaseTransport]


class ProxyRule(Protocol):
    """What a ``PacTransport`` asks: the entries for an address, in order."""

    def proxies_for(self, url: str) -> list[str]: ...


class PacTransport(httpx.BaseTransport):
    """Sends each request as the PAC file says (see the module's docstring).
    ``factory(proxy_url_or_None, scheme)`` makes the transport of one entry for the
    addresses of one scheme (http, https), once."""

    def __init__(
        self,
        resolver: ProxyRule,
        factory: TransportFactory,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.resolver, self._factory, self._clock = resolver, factory, clock
        self._lock = threading.Lock()
        self._transports: dict[tuple[str | None, str], httpx.BaseTransport] = {}
        self._down: dict[str, float] = {}
        self._on_new: list[Callable[[httpx.BaseTransport], None]] = []

    def each_transport(self, apply: Callable[[httpx.BaseTransport], None]) -> None:
        """Call ``apply`` on each entry's transport, now and as each is made."""
        with self._lock:
            self._on_new.append(apply)
            made = list(self._transports.values())
        for transport in made:
            apply(transport)

    def transports(self) -> Iterator[httpx.BaseTransport]:
        with self._lock:
            yield from list(self._transports.values())

    def _transport(self, entry: str, scheme: str) -> httpx.BaseTransport:
        key = (None if entry == DIRECT_ENTRY else entry, scheme)
        with self._lock:
            made = self._transports.get(key)
            if made is not None:
                return made
            made = self._transports[key] = self._factory(*key)
            hooks = list(self._on_new)
        for apply in hooks:
            apply(made)
        return made

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        entries = self.resolver.proxies_for(str(request.url))
        now = self._clock()
        usable = [e for e in entries if e == DIRECT_ENTRY or self._down.get(e, 0.0) <= now]
        if not usable:  # every proxy was down a moment ago: try them again
            usable = entries
        for index, entry in enumerate(usable):
            last = index == len(usable) - 1
            try:
                return self._transport(entry, request.url.scheme).handle_request(request)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if entry == DIRECT_ENTRY or last:
                    raise
                log.warning("proxy %s cannot be reached (%r): trying the next one", entry, exc)
                self._down[entry] = now + DOWN_S
        raise AssertionError("unreachable")  # pragma: no cover (the last entry raises)

    def close(self) -> None:
        with self._lock:
            made, self._transports = list(self._transports.values()), {}
        for transport in made:
            with suppress(Exception):
                transport.close()
