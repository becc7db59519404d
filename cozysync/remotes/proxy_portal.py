"""The XDG desktop portal's proxy resolver, for a sandboxed cozysync (issue 19, item 1).

Inside a Flatpak or a Snap, the desktop's settings files are out of reach; the portal
(``org.freedesktop.portal.ProxyResolver`` on the session bus, object
``/org/freedesktop/portal/desktop``) answers for them: ``Lookup(s uri) -> (as proxies)``,
each proxy a URI ``direct://``, ``http://host:port``, ``socks://host:port`` (GLib's
``GProxyResolver`` format; see the portal's documentation,
https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.ProxyResolver.html).

``sandboxed()`` says whether to ask it (``/.flatpak-info``, ``FLATPAK_ID``, ``SNAP``):
outside a sandbox the desktop's settings are read directly (``proxy_system``), and the
portal is never started by D-Bus activation for nothing.  ``PortalResolver`` asks it
once per scheme, host and port, through ``jeepney`` (pure Python, installed with
``keyring`` on Linux); a portal that cannot be asked means direct connections, logged.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from urllib.parse import urlsplit

__all__ = ["PORTAL_INTERFACE", "PortalResolver", "sandboxed"]

log = logging.getLogger(__name__)

PORTAL_BUS_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_INTERFACE = "org.freedesktop.portal.ProxyResolver"
LOOKUP_TIMEOUT_S = 5.0


def sandboxed(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return bool(env.get("FLATPAK_ID") or env.get("SNAP")) or os.path.exists("/.flatpak-info")


class PortalResolver:
    """``proxies_for(url)`` as the portal answers it (``"DIRECT"`` or proxy URLs)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answers: dict[tuple[str, str, int | None], list[str]] = {}

    def proxies_for(self, url: str) -> list[str]:
        parts = urlsplit(url)
        scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
        key = (scheme, parts.hostname or "", parts.port)
        with self._lock:
            if key not in self._answers:
                asked = f"{scheme}://{parts.netloc}/"
                self._answers[key] = [_entry(uri) for uri in _lookup(asked)] or ["DIRECT"]
            return self._answers[key]


def _entry(uri: str) -> str:
    if uri.startswith("direct://"):
        return "DIRECT"
    if uri.startswith("socks://"):
        return "socks5://" + uri.removeprefix("socks://")
    return uri.rstrip("/")


def _lookup(uri: str) -> list[str]:
    try:
        from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover (keyring brings it on Linux)
        log.warning("the desktop portal cannot be asked for the proxy: jeepney is missing")
        return []
    portal = DBusAddress(PORTAL_PATH, bus_name=PORTAL_BUS_NAME, interface=PORTAL_INTERFACE)
    try:
        with open_dbus_connection(bus="SESSION") as bus:
            reply = bus.send_and_get_reply(
                new_method_call(portal, "Lookup", "s", (uri,)), timeout=LOOKUP_TIMEOUT_S
            )
    except Exception as exc:  # no bus, no portal, an error reply, a timeout
        log.warning("the desktop portal gave no proxy for %s: %r", uri, exc)
        return []
    body = reply.body
    if reply.header.message_type.name != "method_return" or not body:
        log.warning("the desktop portal gave no proxy for %s: %r", uri, body)
        return []
    return [str(uri) for uri in body[0]]
