"""The app's end of the request channel (``cozysync.desktop_requests``): a local socket
in the user's runtime folder that the file managers' extension connects to.

Only this user can connect: the folder is 0700, the socket 0600, and a connection whose
peer runs as another user (``SO_PEERCRED``) is closed unanswered.  One request per
connection: its line goes to the ``RequestHandlers``, whose reply (maybe later, once a
background op is done) is written back, then the connection is closed.  A socket file
left by an app that crashed is replaced (nobody answers on it)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from cozysync.desktop_requests import (
    MAX_LINE,
    Answer,
    RequestHandlers,
    make_private_dir,
    peer_uid,
)

__all__ = ["RequestServer"]

log = logging.getLogger(__name__)


class RequestServer(QObject):
    """Listens on ``path`` and answers with ``handlers``."""

    def __init__(self, handlers: RequestHandlers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handlers = handlers
        self.server: QLocalServer | None = None
        self.path: Path | None = None

    def listen(self, path: Path) -> bool:
        """Listen on ``path`` (its folder made private first); False if it cannot."""
        try:
            make_private_dir(path.parent)
        except OSError as exc:
            log.warning("no request channel for the file managers: %s", exc)
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(str(path)):
            QLocalServer.removeServer(str(path))  # a file left by a crash: nobody behind it
            if not server.listen(str(path)):
                log.warning("no request channel on %s: %s", path, server.errorString())
                return False
        os.chmod(path, 0o600)
        server.newConnection.connect(self._on_connection)
        self.server, self.path = server, path
        log.info("file managers' requests on %s", path)
        return True

    def close(self) -> None:
        if self.server is not None:
            self.server.close()  # removes the socket file
            self.server = None

    def _on_connection(self) -> None:
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        while socket is not None:
            if peer_uid(int(socket.socketDescriptor())) not in (None, os.getuid()):
                log.warning("a request from another user was refused")
                socket.abort()
            else:
                socket.readyRead.connect(lambda s=socket: self._on_ready(s))
                socket.disconnected.connect(socket.deleteLater)
            socket = self.server.nextPendingConnection()

    def _on_ready(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_LINE:
                socket.abort()
            return
        line = bytes(socket.readLine().data())
        socket.readyRead.disconnect()  # one request per connection
        self.handlers.answer(line, lambda answer: _write(socket, answer))


def _write(socket: QLocalSocket, answer: Answer) -> None:
    import json

    try:
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            return  # the asker left (its file manager closed): nothing to tell
        socket.write(json.dumps(answer, ensure_ascii=False).encode("utf-8") + b"\n")
        socket.flush()
        socket.disconnectFromServer()
    except RuntimeError:  # the socket is gone already (the asker left long ago)
        return
