"""The desktop's proxy settings, for the ``system`` proxy choice (issue 19, item 1).

``system`` reads, in order, and takes the first that sets a proxy:

1. the environment (``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY``, ``NO_PROXY``): what a
   user or a script set on purpose, as before;
2. the desktop's settings, in the session that says which desktop it is
   (``XDG_CURRENT_DESKTOP``):

   - KDE Plasma: ``kioslaverc``'s ``[Proxy Settings]`` in ``$XDG_CONFIG_HOME`` (KIO's own
     file): ``ProxyType`` 1 manual (``httpsProxy``/``httpProxy``/``socksProxy``, written
     ``http://host port`` or ``http://host:port``; ``NoProxyFor``), 2 a PAC file
     (``Proxy Config Script``), 3 WPAD, 4 the environment again, 0 none;
   - GNOME and the desktops built on its settings (Unity, Cinnamon, Budgie, Pantheon…):
     ``org.gnome.system.proxy``, read with the ``gsettings`` command when it is installed
     (no GLib binding needed): ``mode`` ``manual`` (the https, http, then socks host and
     port; ``ignore-hosts``; the http login when ``use-authentication``), ``auto``
     (``autoconfig-url``, or WPAD when empty), ``none``;

3. the IT preset's ``proxy`` (``defaults.apply_proxy``).

In a sandbox (Flatpak, Snap), where those files are out of reach, the XDG desktop
portal's proxy resolver answers instead, for each address (``proxy_portal``; mode
``portal``).  A setting that cannot be read is logged and skipped, never an error: the
connection then says what went wrong.
"""

from __future__ import annotations

import ast
import configparser
import ipaddress
import logging
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cozysync.remotes.proxy_portal import sandboxed

__all__ = [
    "BypassRules",
    "DesktopProxy",
    "bypasses",
    "desktop_proxy",
    "environment_sets_proxy",
    "gnome_proxy",
    "kde_proxy",
]

log = logging.getLogger(__name__)

ENV_PROXY_VARIABLES = (
    "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy",
)  # fmt: skip
GNOME_LIKE = ("GNOME", "UNITY", "CINNAMON", "BUDGIE", "PANTHEON")  # org.gnome.system.proxy
GSETTINGS_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class DesktopProxy:
    """What a desktop's settings say: ``mode`` ``manual`` (``url``), ``pac`` (``pac_url``),
    ``auto`` (WPAD), ``portal`` (ask the desktop portal for each address) or ``off``;
    ``no_proxy``: the hosts that go direct; ``origin``: which desktop said so (for
    ``proxy show``)."""

    mode: str
    origin: str
    url: str | None = None
    pac_url: str | None = None
    no_proxy: tuple[str, ...] = ()
    user: str | None = None
    password: str | None = None


def environment_sets_proxy(environ: Mapping[str, str]) -> bool:
    return any(environ.get(name) for name in ENV_PROXY_VARIABLES)


def desktop_proxy(environ: Mapping[str, str] | None = None) -> DesktopProxy | None:
    """The session's desktop proxy settings, or None (no known desktop, no proxy set
    there: the desktops' default, or it leaves the choice to the environment)."""
    env = os.environ if environ is None else environ
    if sandboxed(env):
        return DesktopProxy("portal", "portal")
    desktops = [part.strip().upper() for part in env.get("XDG_CURRENT_DESKTOP", "").split(":")]
    if "KDE" in desktops:
        return kde_proxy(_config_home(env) / "kioslaverc")
    if any(name in GNOME_LIKE for name in desktops):
        return gnome_proxy(env)
    return None


def _config_home(env: Mapping[str, str]) -> Path:
    configured = env.get("XDG_CONFIG_HOME")
    if configured and os.path.isabs(configured):
        return Path(configured)
    return Path(env.get("HOME") or Path.home()) / ".config"


# --- KDE --------------------------------------------------------------------------------


def kde_proxy(path: Path) -> DesktopProxy | None:
    """``kioslaverc``'s proxy (KIO's ``ProxyType``: 0 none, 1 manual, 2 PAC, 3 WPAD,
    4 environment); None when the file or the section is missing or says "environment"."""
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # KDE keys are case-sensitive
    try:
        parser.read_string(path.read_text(encoding="utf-8", errors="replace"))
    except FileNotFoundError:
        return None
    except (OSError, configparser.Error) as exc:
        log.warning("the KDE proxy settings %s cannot be read: %s", path, exc)
        return None
    if not parser.has_section("Proxy Settings"):
        return None
    section = parser["Proxy Settings"]
    kind = section.get("ProxyType", "0").strip()
    if kind == "1":
        for key in ("httpsProxy", "httpProxy", "socksProxy"):
            url = _kde_url(section.get(key, ""), socks=key == "socksProxy")
            if url:
                direct = tuple(_split(section.get("NoProxyFor", "")))
                if section.get("ReversedException", "false").strip().lower() == "true":
                    log.warning("KDE's 'use the proxy only for these hosts' is not supported")
                    direct = ()
                return DesktopProxy("manual", "KDE", url=url, no_proxy=direct)
        return None
    if kind == "2":
        script = section.get("Proxy Config Script", "").strip()
        return DesktopProxy("pac", "KDE", pac_url=script) if script else DesktopProxy("auto", "KDE")
    if kind == "3":
        return DesktopProxy("auto", "KDE")
    return None  # 0: none (the default); 4: "use the system's proxy environment variables"


def _kde_url(value: str, *, socks: bool) -> str | None:
    """``http://proxy 3128``, ``http://proxy:3128`` or ``proxy:3128`` as a URL."""
    value = value.strip()
    if not value:
        return None
    if " " in value:
        host, port = value.rsplit(" ", 1)
        value = f"{host.strip()}:{port.strip()}"
    if "://" not in value:
        value = ("socks5://" if socks else "http://") + value
    elif socks and value.startswith("socks://"):
        value = "socks5://" + value.removeprefix("socks://")
    return value


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


# --- GNOME ------------------------------------------------------------------------------


def gnome_proxy(environ: Mapping[str, str]) -> DesktopProxy | None:
    """``org.gnome.system.proxy`` through the ``gsettings`` command (None: not installed,
    no such schema, or mode ``none``: the default)."""
    values = _gsettings(environ)
    if values is None:
        return None
    mode = values.get(("", "mode"), "none")
    hosts = values.get(("", "ignore-hosts"))
    direct = tuple(str(host) for host in hosts) if isinstance(hosts, list) else ()
    if mode == "auto":
        pac = str(values.get(("", "autoconfig-url"), "") or "").strip()
        if pac:
            return DesktopProxy("pac", "GNOME", pac_url=pac, no_proxy=direct)
        return DesktopProxy("auto", "GNOME", no_proxy=direct)
    if mode != "manual":
        return None
    for schema, scheme in (("https", "http"), ("http", "http"), ("socks", "socks5")):
        host = str(values.get((schema, "host"), "") or "").strip()
        port = values.get((schema, "port"), 0)
        if host and isinstance(port, int) and port > 0:
            user = password = None
            if values.get(("http", "use-authentication")) is True:
                user = str(values.get(("http", "authentication-user"), "") or "") or None
                password = str(values.get(("http", "authentication-password"), "") or "")
            return DesktopProxy(
                "manual", "GNOME", url=f"{scheme}://{host}:{port}", no_proxy=direct,
                user=user, password=password if user else None,
            )  # fmt: skip
    return None


def _gsettings(environ: Mapping[str, str]) -> dict[tuple[str, str], object] | None:
    """Every key under ``org.gnome.system.proxy``: ``(sub-schema, key)`` → value (the
    sub-schema "" for the main one, "http", "https", "socks"...)."""
    tool = shutil.which("gsettings", path=environ.get("PATH"))
    if tool is None:
        return None
    try:
        done = subprocess.run(
            [tool, "list-recursively", "org.gnome.system.proxy"],
            capture_output=True, text=True, timeout=GSETTINGS_TIMEOUT_S, env=dict(environ),
            check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("the GNOME proxy settings cannot be read: %r", exc)
        return None
    if done.returncode != 0:
        log.info("the GNOME proxy settings cannot be read: %s", done.stderr.strip()[:200])
        return None
    values: dict[tuple[str, str], object] = {}
    for line in done.stdout.splitlines():
        parts = line.split(" ", 2)
        if len(parts) != 3 or not parts[0].startswith("org.gnome.system.proxy"):
            continue
        schema = parts[0].removeprefix("org.gnome.system.proxy").lstrip(".")
        values[(schema, parts[1])] = _gvariant(parts[2])
    return values


def _gvariant(text: str) -> object:
    """A GVariant as ``gsettings`` prints the proxy keys' types: strings, integers,
    booleans and string arrays (``@as []`` when empty)."""
    text = text.strip()
    if text.startswith("@"):
        text = text.split(" ", 1)[1] if " " in text else ""
    if text in ("true", "false"):
        return text == "true"
    if text.startswith("uint32 "):
        text = text.removeprefix("uint32 ")
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


# --- the hosts that go direct -------------------------------------------------------------


def bypasses(host: str, rules: tuple[str, ...]) -> bool:
    """Whether ``host`` is in a no-proxy list as the desktops write it: a name
    (``localhost``), a domain and its subdomains (``.school.example``, ``*.school.example``,
    or ``school.example`` for both), an address or a network (``127.0.0.0/8``, ``::1``),
    ``*`` for every host.  A ``:port`` after a rule is ignored (it applies to every port)."""
    host = host.strip("[]").lower().rstrip(".")
    address = _address(host)
    for raw in rules:
        rule = raw.strip().lower()
        if not rule:
            continue
        if rule == "*":
            return True
        network = _network(rule)
        if network is not None:
            if address is not None and address.version == network.version and address in network:
                return True
            continue
        name = rule.rsplit(":", 1)[0] if rule.count(":") == 1 else rule
        name = name.removeprefix("*").lstrip(".").rstrip(".")
        if name and (host == name or host.endswith("." + name)):
            return True
    return False


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _network(rule: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(rule.strip("[]"), strict=False)
    except ValueError:
        return None


class BypassRules:
    """A manual proxy with hosts that go direct: ``proxies_for(url)`` as a PAC file would
    answer (``PacTransport`` sends each request by it)."""

    def __init__(self, proxy_url: str, no_proxy: tuple[str, ...]) -> None:
        self.proxy_url, self.no_proxy = proxy_url, no_proxy

    def proxies_for(self, url: str) -> list[str]:
        host = urlsplit(url).hostname or ""
        return ["DIRECT"] if bypasses(host, self.no_proxy) else [self.proxy_url]
