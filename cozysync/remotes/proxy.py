"""The proxy every connection goes through (issue 19, item 1).

Three choices, kept in the app's settings (``AppSettings.proxy_mode``):

``system`` (the default)
    the environment's ``HTTPS_PROXY``/``HTTP_PROXY``/``NO_PROXY``, as before (the IT
    preset's ``proxy`` key is applied there, ``defaults.apply_proxy``).
``manual``
    one proxy, ``http://host:port`` (or ``https://``; ``socks5://`` when httpx's
    ``socks`` extra is installed), with an optional Basic login whose password lives in
    the secret store under ``PROXY_PASSWORD_ACCOUNT``; the environment is then ignored.
``off``
    direct connections, whatever the environment says.
``pac``
    the proxy configuration file (PAC) at ``proxy_pac_url`` chooses, for each address
    (``proxy_pac.py``); a manual login, when saved, is given to the proxies it names.
``auto``
    the same with the file found by WPAD (``http://wpad.<domain>/wpad.dat``).

``PROXY`` holds the process's choice: ``install_proxy`` sets it once the settings are
read (``Composition``), and ``build_client`` and the Cozy realtime websocket ask it for
their options.  The password is never logged, shown or put in a ``repr``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from cozysync.config import AppSettings, AppSettingsStore, Locations
from cozysync.defaults import APPLIED_MARK, apply_proxy, load_defaults
from cozysync.errors import ConfigError, FatalError, SecretStoreError
from cozysync.logs import redact_value
from cozysync.messages import MessageId
from cozysync.phrases import phrase
from cozysync.remotes.proxy_negotiate import TunnelBackend
from cozysync.remotes.proxy_pac import DIRECT_ENTRY, PacResolver, PacTransport, ProxyRule
from cozysync.remotes.proxy_portal import PortalResolver
from cozysync.remotes.proxy_system import BypassRules, desktop_proxy, environment_sets_proxy
from cozysync.secrets import open_secrets

__all__ = [
    "AUTO",
    "DIRECT",
    "MANUAL",
    "PAC",
    "PROXY",
    "PROXY_MODES",
    "PROXY_PASSWORD_ACCOUNT",
    "SYSTEM",
    "ActiveProxy",
    "ProxyChoice",
    "ProxyLoginError",
    "check_pac_url",
    "check_proxy_url",
    "install_proxy",
    "install_saved_proxy",
    "open_socket",
    "save_proxy",
    "system_choice",
]

log = logging.getLogger(__name__)

SYSTEM, MANUAL, DIRECT, PAC, AUTO = "system", "manual", "off", "pac", "auto"
PROXY_MODES = (SYSTEM, MANUAL, DIRECT, PAC, AUTO)
PORTAL = "portal"  # system, in a sandbox: the desktop portal answers (never saved)
PROXY_PASSWORD_ACCOUNT = "cozysync-proxy"
PRESET_ORIGIN = "preset"  # ProxyChoice.origin of the IT preset's proxy_mode
_SCHEMES = ("http", "https", "socks5")


class ProxyLoginError(FatalError):
    """The proxy answered 407: it wants a login, or refused the one given."""

    message_id = MessageId.ERROR_PROXY_LOGIN
    default_hint = (
        "Check the proxy's user name and password with your IT team, then set them again: "
        "cozysync proxy set URL --user NAME --password-stdin."
    )

    @classmethod
    def refused(cls) -> ProxyLoginError:
        return cls("the proxy refused your login (HTTP 407): nothing reached the server")


@dataclass(frozen=True, slots=True)
class ProxyChoice:
    """The proxy to use: ``mode`` one of ``PROXY_MODES``; ``url`` and ``user`` for a
    manual one (``password`` from the secret store, never shown); ``pac_url`` for a PAC
    file (mode ``pac``).  A ``pac``/``auto`` choice reads its file once, at its first
    question (``resolver``: shared by every client built with this choice)."""

    mode: str = SYSTEM
    url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    pac_url: str | None = None
    no_proxy: tuple[str, ...] = ()  # hosts reached directly (a desktop's list)
    origin: str | None = None  # a choice read from the desktop's settings: which ("GNOME")
    resolver: ProxyRule | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rule: ProxyRule | None = None
        if self.mode in (PAC, AUTO):
            rule = PacResolver(self.pac_url if self.mode == PAC else None)
        elif self.mode == PORTAL:
            rule = PortalResolver()
        elif self.mode == MANUAL and self.url and self.no_proxy:
            rule = BypassRules(self.url, self.no_proxy)
        object.__setattr__(self, "resolver", rule)

    def client_options(self, **transport: Any) -> dict[str, Any]:
        """The ``httpx.Client`` keyword arguments for this choice; ``transport``: the
        arguments of each ``httpx.HTTPTransport`` (``verify``, ``limits``) a PAC file's
        answer needs (the client's own are not used with a transport of ours)."""
        if self.resolver is not None:
            pac = PacTransport(
                self.resolver, lambda url, scheme: self._transport(url, transport, scheme)
            )
            return {"transport": pac, "trust_env": False}
        if self.mode == MANUAL and self.url:
            if self.user and self.url.startswith("http://"):  # its https tunnels: proxy_negotiate
                mounts = {
                    f"{s}://": self._transport(self.url, transport, s) for s in ("http", "https")
                }
                return {"mounts": mounts, "trust_env": False}
            return {"proxy": self._proxy(self.url), "trust_env": False}
        return {"trust_env": self.mode != DIRECT}

    def _proxy(self, url: str) -> httpx.Proxy:
        auth = (self.user, self.password or "") if self.user else None
        return httpx.Proxy(url, auth=auth)

    def _transport(
        self, url: str | None, options: dict[str, Any], scheme: str
    ) -> httpx.HTTPTransport:
        """The transport through the proxy ``url`` (None: direct) for ``scheme``'s
        addresses.  An http proxy with a login opens https tunnels itself, to answer an
        NTLM or Negotiate login as well as Basic (``proxy_negotiate``)."""
        if url is None:
            return httpx.HTTPTransport(**options)
        if scheme == "https" and self.user and url.startswith("http://"):
            made = httpx.HTTPTransport(**options)
            pool: Any = getattr(made, "_pool", None)  # httpx 0.29's name, as network_guard reads
            inner = getattr(pool, "_network_backend", None)
            parts = httpx.URL(url)
            if inner is not None and parts.port is not None:
                backend = TunnelBackend(
                    inner, parts.host, parts.port, self.user, self.password or ""
                )
                pool._network_backend = backend
                return made
            log.warning("NTLM/Negotiate proxy logins are off: this httpx hides its connection pool")
        return httpx.HTTPTransport(proxy=self._proxy(url), **options)

    def proxy_for(self, url: str) -> str | None:
        """The proxy a connection to ``url`` goes through (None: direct), for the
        connections made outside httpx (``open_socket``: the realtime websocket, the
        description of an untrusted certificate): a PAC file's first entry, the manual
        proxy, or the environment's (with its no-proxy)."""
        if self.resolver is not None:
            first = self.resolver.proxies_for(url)[0]
            return None if first == DIRECT_ENTRY else first
        if self.mode == MANUAL:
            return self.url
        if self.mode == SYSTEM:
            from urllib.request import getproxies, proxy_bypass

            parts = urlsplit(url)
            found = getproxies()
            proxy = found.get(parts.scheme) or found.get("all")
            if proxy and not proxy_bypass(parts.hostname or ""):
                return proxy if "://" in proxy else f"http://{proxy}"
        return None

    @property
    def is_direct(self) -> bool:
        """True when no proxy can be in the way (off, or system without one set)."""
        if self.mode in (MANUAL, PAC, AUTO, PORTAL):
            return False
        if self.mode == DIRECT:
            return True
        from urllib.request import getproxies

        return not getproxies()


class ActiveProxy:
    """The process's proxy choice (thread-safe; read at each client's creation)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._choice = ProxyChoice()

    @property
    def choice(self) -> ProxyChoice:
        with self._lock:
            return self._choice

    def set(self, choice: ProxyChoice) -> None:
        with self._lock:
            self._choice = choice


PROXY = ActiveProxy()


def install_proxy(choice: ProxyChoice) -> None:
    """Make ``choice`` the proxy of every client built from now on."""
    PROXY.set(choice)


def save_proxy(
    locations: Locations, choice: ProxyChoice, *, file_store: bool = False
) -> AppSettings:
    """Save ``choice`` (a manual one's password, when given, in the secret store; None
    keeps the one stored) and install it in this process.  Off and system keep a manual
    proxy's address and user for later; a PAC file's proxies (``pac``, ``auto``) are
    given the login that comes with the choice, like a manual proxy."""
    store = AppSettingsStore(locations.app_settings_file)
    settings = store.load()
    if choice.mode == MANUAL:
        settings = dataclasses.replace(settings, proxy_url=check_proxy_url(choice.url or ""))
    elif choice.mode == PAC:
        settings = dataclasses.replace(settings, proxy_pac_url=check_pac_url(choice.pac_url or ""))
    if choice.mode in (MANUAL, PAC, AUTO):
        if choice.user and choice.password:
            secrets = open_secrets(locations.config_dir, allow_file_store=file_store)
            secrets.set(PROXY_PASSWORD_ACCOUNT, choice.password)
        elif choice.password is not None or not choice.user:
            _forget_password(locations, file_store)
        settings = dataclasses.replace(
            settings, proxy_user=choice.user or None,
            proxy_secret_store="file" if file_store else "keyring",
        )  # fmt: skip
    settings = dataclasses.replace(settings, proxy_mode=choice.mode)
    store.save(settings)
    install_saved_proxy(locations)
    return settings


def _forget_password(locations: Locations, file_store: bool) -> None:
    """No login any more: the stored password goes (no keyring here: nothing to forget)."""
    with suppress(SecretStoreError):
        open_secrets(locations.config_dir, allow_file_store=file_store).delete(
            PROXY_PASSWORD_ACCOUNT
        )


def install_saved_proxy(locations: Locations) -> ProxyChoice:
    """Read the saved choice (and a manual proxy's password) and install it.

    ``system`` applies the IT preset's proxy to the environment when the user's own
    environment sets none (``defaults.apply_proxy``).  A password that cannot be read
    (no keyring now) is logged and left out: the proxy then says it wants a login, and
    that is the error the user sees, with what to do."""
    settings = AppSettingsStore(locations.app_settings_file).load()
    choice = ProxyChoice(
        settings.proxy_mode, settings.proxy_url, settings.proxy_user,
        pac_url=settings.proxy_pac_url,
    )  # fmt: skip
    if choice.mode == SYSTEM:
        choice = system_choice()
    elif choice.mode in (MANUAL, PAC, AUTO) and choice.user:
        store = settings.proxy_secret_store == "file"
        try:
            secrets = open_secrets(locations.config_dir, allow_file_store=store)
            password = secrets.get(PROXY_PASSWORD_ACCOUNT)
        except SecretStoreError as exc:
            log.warning("the proxy's password cannot be read: %s", exc.one_line())
            password = None
        redact_value(password)
        choice = dataclasses.replace(choice, password=password)
    install_proxy(choice)
    return choice


def system_choice() -> ProxyChoice:
    """What ``system`` means here and now (``proxy_system``): the environment's proxy
    when it sets one, else the desktop's settings, else the IT preset's (applied to the
    environment, ``defaults.apply_proxy``, or its ``proxy_mode``: a PAC file, WPAD or
    none), else direct.  The preset's proxy put in the environment by an earlier call
    (``defaults.APPLIED_MARK``) does not hide the desktop's."""
    if not environment_sets_proxy(os.environ) or os.environ.get(APPLIED_MARK):
        desk = desktop_proxy()
        if desk is not None:
            log.info(
                "proxy from %s's settings: %s", desk.origin, desk.url or desk.pac_url or desk.mode
            )
            redact_value(desk.password)
            return ProxyChoice(
                desk.mode, desk.url, desk.user, desk.password, pac_url=desk.pac_url,
                no_proxy=desk.no_proxy, origin=desk.origin,
            )  # fmt: skip
        try:
            preset = load_defaults()
        except ConfigError:  # a damaged preset is reported by the commands using it
            return ProxyChoice(SYSTEM)
        modes = {"pac": PAC, "auto": AUTO, "off": DIRECT}
        if preset.proxy_mode in modes:
            direct = tuple(p.strip() for p in (preset.no_proxy or "").split(",") if p.strip())
            return ProxyChoice(
                modes[preset.proxy_mode], pac_url=preset.proxy_pac_url, no_proxy=direct,
                origin=PRESET_ORIGIN,
            )  # fmt: skip
        apply_proxy(preset, os.environ)
    return ProxyChoice(SYSTEM)


def open_socket(url: str, host: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to ``host:port`` (the server of ``url``) through the chosen
    proxy, for what httpx does not carry (the realtime websocket, the description of an
    untrusted certificate): an http proxy's ``CONNECT`` answering any login it asks
    (``proxy_negotiate``), a SOCKS5 one's through ``python-socks``; direct without one.
    ``OSError``, ``httpcore.ProxyError`` or ``httpcore.NetworkError`` when it fails."""
    import httpcore

    choice = PROXY.choice
    proxy = choice.proxy_for(url)
    if proxy is None:
        return socket.create_connection((host, port), timeout=timeout)
    parts = httpx.URL(proxy)
    user = choice.user or parts.username or ""
    password = (choice.password or "") if choice.user else parts.password or ""
    if parts.scheme.startswith("socks"):
        from python_socks import ProxyError as SocksError
        from python_socks import ProxyType
        from python_socks.sync import Proxy

        socks = Proxy(
            ProxyType.SOCKS5, parts.host, parts.port or 1080, user or None, password or None,
            rdns=True,  # the proxy resolves the name, as httpx's SOCKS5 does
        )  # fmt: skip
        try:
            return socks.connect(host, port, timeout=timeout)
        except SocksError as exc:  # refused, or no way through: a connection error
            raise OSError(str(exc)) from exc
    if parts.scheme != "http":  # TLS to the proxy, then TLS inside: httpx's own, not here
        raise OSError(f"a {parts.scheme}:// proxy cannot carry this connection, only http:// ones")
    tunnel = TunnelBackend(httpcore.SyncBackend(), parts.host, parts.port or 80, user, password)
    stream = tunnel.connect_tcp(host, port, timeout=timeout)
    raw: socket.socket = stream.get_extra_info("socket")
    return raw


def check_proxy_url(text: str) -> str:
    """``text`` as a proxy address (``host:port`` gets ``http://``); ``ConfigError``
    saying what is wrong and what to write otherwise."""
    value = text.strip()
    if "://" not in value:
        value = f"http://{value}"
    parts = urlsplit(value)
    example = phrase("Write it as host:port, e.g. http://proxy.school.example:3128.")
    if parts.scheme not in _SCHEMES:
        raise ConfigError(
            phrase("the proxy address {text!r} is not http, https or socks5", text=text), example
        )
    if parts.username or parts.password:
        raise ConfigError(
            phrase("the proxy address must not hold a user name or password"),
            phrase("Give the user with --user and the password with --password-stdin."),
        )
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None or parts.path not in ("", "/"):
        raise ConfigError(
            phrase("the proxy address {text!r} needs a host and a port", text=text), example
        )
    if parts.scheme == "socks5" and not _socks_available():
        raise ConfigError(
            phrase("SOCKS5 proxies need the 'socksio' package, which is not installed"),
            phrase("Install it (pip install 'httpx[socks]') or use an HTTP proxy."),
        )
    return f"{parts.scheme}://{parts.hostname}:{port}"


def check_pac_url(text: str) -> str:
    """``text`` as a PAC file's address (http or https); ``ConfigError`` otherwise."""
    value = text.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            phrase(
                "the proxy configuration file's address {text!r} is not an http(s) address",
                text=text,
            ),
            phrase("Write it in full, e.g. http://wpad.school.example/proxy.pac."),
        )
    return value


def _socks_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("socksio") is not None
