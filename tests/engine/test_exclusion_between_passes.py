"""An exclusion set through the facade while the pair's pass runs reaches the engine on
the pair's own thread, between passes (``WatchLoop.call_soon``), as ``LiveSettings`` does
for one saved by another process: the pass under way keeps the context it planned with
(the engine itself rewrites that context during a full pass, and a write from the
caller's thread at that moment could be lost or change the rules mid-pass)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from tests.engine.api_helpers import linked_service
from tests.engine.crash_helpers import wait_for, wrap_wsgidav
from tests.servers import WsgiDavServer


class HoldGet:
    """Keeps the GET of one path waiting until ``released`` is set."""

    def __init__(self, app: Any, path_end: str) -> None:
        self.app, self.path_end = app, path_end
        self.arrived, self.released = threading.Event(), threading.Event()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ["REQUEST_METHOD"] == "GET" and environ["PATH_INFO"].endswith(self.path_end):
            self.arrived.set()
            self.released.wait(60)
        return self.app(environ, start_response)


def test_an_exclusion_given_during_a_pass_applies_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    wsgidav_server.write("Photos/a.jpg", b"photo a")
    wsgidav_server.write("Cours/maths.txt", b"x = 2")
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=("docs", stop))
    runner.start()
    hold, unwrap = wrap_wsgidav(wsgidav_server, lambda app: HoldGet(app, "/Cours/new.txt"))
    try:
        assert wait_for(lambda: (local / "Photos" / "a.jpg").exists(), timeout=30)
        session = service._loops["docs"].session
        wsgidav_server.write("Cours/new.txt", b"nouveau")
        assert service.sync_soon("docs")
        assert hold.arrived.wait(30), "the pass never asked for the new file"
        engine = session._engine
        assert engine is not None
        planned_with = engine.ctx

        folder = service.exclude_folders("docs", ["Photos"])  # from this thread, mid-pass

        assert engine.ctx is planned_with  # the pass under way keeps its context
        assert session.folder.excluded_folders == ()
        hold.released.set()
        assert wait_for(lambda: not (local / "Photos").exists(), timeout=30)  # next pass
        assert engine.ctx.excluded_folders == folder.excluded_keys
        assert session.folder.excluded_folders == ("Photos",)
        assert (local / "Cours" / "new.txt").read_bytes() == b"nouveau"
    finally:
        hold.released.set()
        stop.set()
        runner.join(30)
        unwrap()
    assert not runner.is_alive()
    assert (wsgidav_server.root / "Photos" / "a.jpg").read_bytes() == b"photo a"  # kept there
