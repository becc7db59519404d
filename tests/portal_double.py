"""A STRICT double of the XDG desktop portal's proxy resolver on a private session bus
(issue 19, item 1): no xdg-desktop-portal can run here (it needs a desktop session and
its backends).  It is served with ``jeepney`` on a real ``dbus-daemon`` (the test
session's, tests/keyring_session.py), under the portal's bus name, object and interface, and
answers only what the portal documents
(https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.ProxyResolver.html):
``Lookup(s uri) -> (as proxies)``, the proxies as GLib's ``GProxyResolver`` gives them
(``direct://``, ``http://host:port``, ``socks://host:port``); any other call gets
``org.freedesktop.DBus.Error.UnknownMethod``.  ``answer(uri)`` chooses the list;
``asked`` keeps each uri looked up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from cozysync.remotes.proxy_portal import PORTAL_BUS_NAME, PORTAL_INTERFACE, PORTAL_PATH

__all__ = ["PortalDouble", "served_portal"]


class PortalDouble:
    def __init__(self, address: str, answer: Callable[[str], list[str]]) -> None:
        self.answer, self.asked = answer, []  # type: ignore[var-annotated]
        self._conn = open_dbus_connection(bus=address)
        self._conn.send_and_get_reply(message_bus.RequestName(PORTAL_BUS_NAME))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                msg = self._conn.receive(timeout=0.1)
            except TimeoutError:
                continue
            except OSError:
                return
            if msg.header.message_type is not MessageType.method_call:
                continue
            fields = msg.header.fields
            call = (
                fields.get(HeaderFields.path), fields.get(HeaderFields.interface),
                fields.get(HeaderFields.member), fields.get(HeaderFields.signature),
            )  # fmt: skip
            if call == (PORTAL_PATH, PORTAL_INTERFACE, "Lookup", "s"):
                uri = msg.body[0]
                self.asked.append(uri)
                self._conn.send(new_method_return(msg, "as", (self.answer(uri),)))
            else:
                self._conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._conn.close()


@contextmanager
def served_portal(address: str, answer: Callable[[str], list[str]]) -> Iterator[PortalDouble]:
    """The portal double on the bus at ``address`` (the test session's, where the
    keyring runs too); its name is released when it stops."""
    portal = PortalDouble(address, answer)
    try:
        yield portal
    finally:
        portal.close()
