"""An embedded WebDAV server (WsgiDAV on cheroot) for ``cozysync demo`` and the tests.

It serves one local folder on 127.0.0.1, anonymously or with Basic auth, honours
``X-OC-Mtime`` and can be stopped and started again on the same port.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cheroot import wsgi
from wsgidav.wsgidav_app import WsgiDAVApp

__all__ = ["EmbeddedDavServer", "WsgiApp"]

WsgiApp = Callable[..., Any]


class EmbeddedDavServer:
    """WsgiDAV serving ``root_dir`` at ``/`` in a daemon thread."""

    def __init__(
        self,
        root_dir: Path | str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        user: str | None = None,
        password: str | None = None,
        middleware: Callable[[WsgiApp], WsgiApp] | None = None,
    ) -> None:
        self.root_dir = Path(root_dir)
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self._middleware = middleware
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def is_running(self) -> bool:
        return self._server is not None

    def _config(self) -> dict[str, Any]:
        users: Any = True
        if self.user is not None:
            users = {self.user: {"password": self.password or "", "roles": []}}
        return {
            "host": self.host,
            "port": self.port,
            "provider_mapping": {"/": str(self.root_dir)},
            "http_authenticator": {
                "accept_basic": True,
                "accept_digest": False,
                "default_to_digest": False,
                "trusted_auth_header": None,
            },
            "simple_dc": {"user_mapping": {"*": users}},
            "honor_mtime_header": True,
            "lock_storage": True,
            "property_manager": True,
            "dir_browser": {"enable": False},
            "verbose": 0,
            "logging": {"enable": False, "enable_loggers": []},
        }

    def start(self) -> None:
        """Bind (on the same port as before, after a ``stop``) and serve in a thread."""
        if self._server is not None:
            return
        self.root_dir.mkdir(parents=True, exist_ok=True)
        if self.port == 0:
            # an explicit port makes cheroot set SO_REUSEADDR, so a restart can rebind
            # while connections of the previous run are still closing
            self.port = _free_port(self.host)
        app: WsgiApp = WsgiDAVApp(self._config())
        logging.getLogger("wsgidav").setLevel(logging.WARNING)
        if self._middleware is not None:
            app = self._middleware(app)
        server = wsgi.Server((self.host, self.port), app, numthreads=8, shutdown_timeout=2)
        server.prepare()
        self.port = int(server.bind_addr[1])
        self._server = server
        self._thread = threading.Thread(
            target=server.serve, name=f"cozysync-dav-{self.port}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and free the port (the root folder is left as is)."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        server.stop()
        if thread is not None:
            thread.join(timeout=10)

    def __enter__(self) -> EmbeddedDavServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
