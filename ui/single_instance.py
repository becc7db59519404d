"""One app per user: a second ``cozysync gui`` asks the first to show its window, then
leaves (instead of a second window saying "Up to date" beside an "already syncing"
error).

The first app listens on a local socket named in cozysync's state folder; a second one
connects to it, sends ``show`` and waits for ``ok``.  A socket file left by an app that
crashed has nobody behind it: the connection is refused, the file is removed and the
new app listens in its place."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = ["SingleInstance", "socket_name"]

SHOW = b"show\n"
OK = b"ok\n"
WAIT_MS = 10_000  # for the first app's answer (from its event loop, maybe busy)
MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux


def socket_name(state_dir: Path) -> str:
    """``gui.sock`` in the state folder; a short name in the user's runtime folder when
    that path is too long for a socket (the same state folder gives the same name)."""
    path = state_dir / "gui.sock"
    if len(os.fsencode(path)) <= MAX_SOCKET_PATH:
        return str(path)
    digest = hashlib.sha256(os.fsencode(state_dir)).hexdigest()[:16]
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    return str(Path(runtime or state_dir.anchor) / f"cozysync-{digest}.sock")


class SingleInstance(QObject):
    """``ask_first_to_show()`` in a second app; ``listen()`` in the first, which then
    emits ``show_requested`` each time another start asks."""

    show_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server: QLocalServer | None = None

    def ask_first_to_show(self) -> bool:
        """True when an app is running and said it shows its window."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(WAIT_MS):
            return False  # nobody, or a file left by a crash
        socket.write(SHOW)
        socket.waitForBytesWritten(WAIT_MS)
        answered = b""
        while not answered.endswith(b"\n") and socket.waitForReadyRead(WAIT_MS):
            answered += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return answered == OK

    def listen(self) -> bool:
        """Listen for later starts; a socket left by a crashed app is replaced."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # nobody answered on it: a leftover
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_connection)
        self.server = server
        return True

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def _on_connection(self) -> None:
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        while socket is not None:
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)
            socket = self.server.nextPendingConnection()

    def _on_request(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == SHOW:
            self.show_requested.emit()
            socket.write(OK)
            socket.flush()
