"""WsgiDAV (cozysync's embedded server) with a request-counting middleware, run as its own
process: ``python -m bench.dav_wsgi ROOT PORT USER PASSWORD``.

``GET /__bench__/counters`` answers the counts as JSON (never counted itself)."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from cozysync.demo_server import EmbeddedDavServer

COUNTERS_PATH = "/__bench__/counters"


class _CountingInput:
    def __init__(self, stream: Any, counts: Counter[str], lock: threading.Lock) -> None:
        self._stream, self._counts, self._lock = stream, counts, lock

    def _add(self, data: bytes) -> bytes:
        with self._lock:
            self._counts["bytes_up"] += len(data)
        return data

    def read(self, *args: Any) -> bytes:
        return self._add(self._stream.read(*args))

    def readline(self, *args: Any) -> bytes:
        return self._add(self._stream.readline(*args))

    def __iter__(self) -> Iterator[bytes]:
        for line in self._stream:
            yield self._add(line)


class CountingMiddleware:
    """Counts requests per method, request bytes (request line, headers, body read) and
    response body bytes."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO") == COUNTERS_PATH:
            with self.lock:
                body = json.dumps(dict(self.counts)).encode()
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        method = environ["REQUEST_METHOD"]
        head = (
            len(method)
            + len(environ.get("PATH_INFO", ""))
            + 12
            + sum(len(k) - 5 + len(str(v)) + 4 for k, v in environ.items() if k.startswith("HTTP_"))
        )
        with self.lock:
            self.counts["requests"] += 1
            self.counts[f"method:{method}"] += 1
            self.counts["bytes_up"] += head
        environ["wsgi.input"] = _CountingInput(environ["wsgi.input"], self.counts, self.lock)
        return self._count_body(self.app(environ, start_response))

    def _count_body(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        try:
            for chunk in chunks:
                with self.lock:
                    self.counts["bytes_down"] += len(chunk)
                yield chunk
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()


def main(argv: list[str]) -> int:
    root, port, user, password = argv
    server = EmbeddedDavServer(
        root, port=int(port), user=user, password=password, middleware=CountingMiddleware
    )
    server.start()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    print(f"serving {root} on {server.url}", flush=True)
    stop.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
