"""A file manager's ``org.freedesktop.FileManager1`` on the session bus, for tests: no
file manager runs here.  Strict, as Nautilus answers it
(GNOME/nautilus src/nautilus-freedesktop-dbus.c, skeleton_handle_show_items_cb and
nautilus_freedesktop_dbus_register): the name ``org.freedesktop.FileManager1``, the
object ``/org/freedesktop/FileManager1``, ``ShowItems(as uris, s startup_id)`` answered
with an empty reply; any other method is refused (UnknownMethod).  Each ShowItems is
written as a JSON line (uris, startup_id) to the file given.

    python -m tests.ui.file_manager_double CALLS_FILE   # prints "ready" once it owns the name

With ``--hold`` each ShowItems is answered only when a line comes on stdin; "held" is
printed once the call is written (a file manager slow to answer: Nautilus started by the
bus, its window being built).
"""

from __future__ import annotations

import json
import sys
from collections import deque

from jeepney import HeaderFields, MatchRule, Message, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

NAME = "org.freedesktop.FileManager1"
PATH = "/org/freedesktop/FileManager1"


def main(calls_file: str, hold: bool = False) -> None:
    connection = open_dbus_connection("SESSION")
    # calls are kept from the start: one that started us (D-Bus activation) arrives
    # while RequestName's answer is awaited, and would else be dropped
    calls = connection.filter(MatchRule(type="method_call"), queue=deque(), bufsize=64)
    with calls as waiting:
        reply = connection.send_and_get_reply(message_bus.RequestName(NAME, 4))  # no queue
        if reply.body != (1,):  # 1: primary owner
            raise SystemExit(f"could not own {NAME}: {reply.body}")
        print("ready", flush=True)
        try:
            while True:
                message = connection.recv_until_filtered(waiting)
                answer(connection, message, calls_file, hold)
        except (ConnectionError, EOFError):
            return  # the bus ended with the session


def answer(connection: DBusConnection, message: Message, calls_file: str, hold: bool) -> None:
    """ShowItems as Nautilus answers it (after a line on stdin with ``hold``); any other
    call refused."""
    fields = message.header.fields
    wanted = (fields.get(HeaderFields.path), fields.get(HeaderFields.member))
    if wanted == (PATH, "ShowItems") and fields.get(HeaderFields.signature) == "ass":
        uris, startup_id = message.body
        with open(calls_file, "a", encoding="utf-8") as calls:
            calls.write(json.dumps([list(uris), startup_id]) + "\n")
        if hold:
            print("held", flush=True)
            sys.stdin.readline()
        connection.send(new_method_return(message))
    else:
        error = "org.freedesktop.DBus.Error.UnknownMethod"
        connection.send(new_error(message, error, "s", (f"no {wanted}",)))


if __name__ == "__main__":
    main(sys.argv[1], "--hold" in sys.argv[2:])
