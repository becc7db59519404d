"""A WebDAV server that loses uploads, for the *upload verification* tests: WSGI middleware
put in front of the real WsgiDAV (``tests.engine.crash_helpers.wrap_wsgidav``).

WsgiDAV itself never stores part of a body it answered 2xx to; a proxy or a broken server
does.  ``PutTruncator`` makes that real: WsgiDAV is handed only the first half of each PUT's
body (with a Content-Length to match), so it really stores 15 of 31 bytes and answers
201 (or 204) as it would for a whole body.  With ``store_nothing`` the PUT is answered
201 and nothing reaches WsgiDAV at all.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any

WsgiApp = Callable[..., Any]


class PutTruncator:
    """Cuts every PUT's body in half before WsgiDAV stores it, while ``active``."""

    def __init__(self, app: WsgiApp, *, store_nothing: bool = False) -> None:
        self.app = app
        self.active = True
        self.store_nothing = store_nothing
        self.damaged: list[str] = []  # paths of the PUTs cut (or dropped)
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: WsgiApp) -> Any:
        if not self.active or environ["REQUEST_METHOD"] != "PUT":
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        with self._lock:
            self.damaged.append(environ.get("PATH_INFO", ""))
        if self.store_nothing:
            start_response("201 Created", [("Content-Length", "0")])
            return [b""]
        kept = body[: len(body) // 2]
        cut = {**environ, "CONTENT_LENGTH": str(len(kept)), "wsgi.input": io.BytesIO(kept)}
        return self.app(cut, start_response)
