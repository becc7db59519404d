"""A shared drive's realtime route (cozy-stack web/sharings/realtime.go): the double's
rules, seen by a plain websocket client, and the drive remote's trigger against it
(``cozysync/remotes/cozy_drive_realtime.py``)."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol

from cozysync.remotes import cozy_realtime
from cozysync.remotes.cozy_drives import CozyDriveRemote
from tests.cozy_server import ROOT, CozyAccount, CozyStackServer, Doc
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.helpers import source
from tests.remotes.test_cozy_realtime import wait


def drive_socket(server: CozyStackServer, drive_id: str) -> ClientConnection:
    url = f"ws://{server.domain}/sharings/drives/{drive_id}/realtime?background=true"
    return connect(url, subprotocols=[Subprotocol("io.cozy.websocket")], open_timeout=10)


def receive(conn: ClientConnection) -> dict[str, Any]:
    message = json.loads(conn.recv(timeout=30))
    assert isinstance(message, dict)
    return message


def test_the_route_sends_the_drive_s_events_only(cozy_server: CozyStackServer):
    drive = cozy_server.receive_drive("6e B", "Collège")
    hub = cozy_server.realtime
    assert hub is not None
    with pytest.raises(InvalidStatus) as unknown:
        drive_socket(cozy_server, "not-a-drive")
    assert unknown.value.response.status_code == 404  # realtime.go:320-327
    with drive_socket(cozy_server, drive.id) as conn:
        conn.send(json.dumps({"method": "AUTH", "payload": cozy_server.web_token}))
        assert wait(lambda: hub.entries("drive watched"))
        with drive.owner.lock:  # the owner's own file, outside the drive
            outside = Doc("outside-1", "file", "perso.txt", ROOT, content=b"p")
            drive.owner._touch(outside)
        inside = drive.put("chap1.txt", b"v1")
        event = receive(conn)
        assert event["event"] == "CREATED"
        assert set(event["payload"]) == {"type", "id", "doc"}  # no rev beside the id
        assert event["payload"]["id"] == inside.id
        assert event["payload"]["doc"]["_rev"] == inside.rev
    assert [e[2] for e in hub.entries("sent")] == [f"CREATED {inside.id}"]


def test_auth_is_needed_first(cozy_server: CozyStackServer):
    drive = cozy_server.receive_drive("6e B", "Collège")
    with drive_socket(cozy_server, drive.id) as conn:
        conn.send(json.dumps({"method": "SUBSCRIBE", "payload": {"type": "io.cozy.files"}}))
        error = receive(conn)
        assert error["event"] == "error"
        assert error["payload"]["status"] == "401 Unauthorized"
        with pytest.raises(ConnectionClosed):
            conn.recv(timeout=30)


def test_the_drive_remote_is_told_of_the_drive_s_changes_not_of_its_own(
    cozy_account: CozyAccount, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cozy_realtime, "DEBOUNCE_S", 1.0)  # as the Cozy's echo test
    server = cozy_account.server
    drive = server.receive_drive("6e B", "Collège")
    remote = CozyDriveRemote(
        server.url, drive.id, secrets=cozy_account.secrets, account=cozy_account.result.account,
        cache_path=cozy_account.cache_dir / "drive.sqlite",
    )  # fmt: skip
    assert remote.features.change_feed is remote
    assert remote.list_tree() == []
    fired = threading.Event()
    realtime = remote.watch_changes(fired.set, "6e B")
    hub = server.realtime
    assert hub is not None
    try:
        assert wait(lambda: hub.entries("drive watched"))
        [(_, _, path)] = hub.entries("drive connect")
        assert path == f"/sharings/drives/{drive.id}/realtime?background=true"
        assert not hub.entries("subscribed")  # the route subscribes by itself
        ours = remote.upload(
            "ours.txt", source(b"mine"), 4, replace=None, mtime=None, content_hash=None,
            progress=None,
        )  # fmt: skip
        assert wait(lambda: realtime.echoes_ignored == 1)  # type: ignore[attr-defined]
        assert [e[2] for e in hub.entries("sent")] == [f"CREATED {ours.remote_id}"]
        assert not fired.is_set()
        drive.put("theirs.txt", b"T")  # a teacher's change in the drive
        assert fired.wait(30)
    finally:
        realtime.stop()
        remote.close()
