"""The realtime websocket (cozy-stack docs/realtime.md): the double's rules, seen by a
plain websocket client, and ``CozyRealtime`` (cozysync's trigger) against it."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol

from cozysync.remotes import cozy_realtime
from cozysync.remotes.cozy_realtime import CozyRealtime, websocket_url
from tests.cozy_server import CozyAccount, CozyStackServer, CozyUser
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.helpers import source


def open_socket(server: CozyStackServer) -> ClientConnection:
    conn = connect(
        websocket_url(server.url), subprotocols=[Subprotocol("io.cozy.websocket")], open_timeout=10
    )
    assert conn.subprotocol == "io.cozy.websocket"
    return conn


def receive(conn: ClientConnection) -> dict[str, Any]:
    message = json.loads(conn.recv(timeout=30))
    assert isinstance(message, dict)
    return message


def send(conn: ClientConnection, method: str, payload: object) -> None:
    conn.send(json.dumps({"method": method, "payload": payload}))


def test_the_url_is_the_instances_origin():
    assert websocket_url("https://alice.mycozy.cloud") == "wss://alice.mycozy.cloud/realtime/"
    assert websocket_url("http://127.0.0.1:8080/") == "ws://127.0.0.1:8080/realtime/"


@pytest.mark.parametrize("first", ["no auth", "bad token"])
def test_auth_must_come_first_with_a_valid_token(cozy_server: CozyStackServer, first: str):
    with open_socket(cozy_server) as conn:
        if first == "no auth":
            send(conn, "SUBSCRIBE", {"type": "io.cozy.files"})
        else:
            send(conn, "AUTH", "not-a-token")
        error = receive(conn)
        assert error["event"] == "error"
        assert error["payload"]["status"] == "401 Unauthorized"
        with pytest.raises(ConnectionClosed):
            conn.recv(timeout=30)  # and the stack closes the connection


def test_subscribing_needs_the_permission(cozy_server: CozyStackServer):
    with cozy_server.lock:
        token = cozy_server._issue_token("io.cozy.web-app", "io.cozy.contacts")
    with open_socket(cozy_server) as conn:
        send(conn, "AUTH", token)
        send(conn, "SUBSCRIBE", {"type": "io.cozy.files"})
        error = receive(conn)
        assert error["event"] == "error"
        assert error["payload"]["status"] == "403 Forbidden"
        assert error["payload"]["source"]["method"] == "SUBSCRIBE"


def test_only_the_subscribed_selector_is_delivered(
    cozy_server: CozyStackServer, cozy_user: CozyUser
):
    cozy_user.write("watched.txt", b"1")
    watched = cozy_user.doc("watched.txt")
    assert cozy_server.realtime is not None
    subscribed = cozy_server.realtime.entries("subscribed")  # before: the server is quick
    with open_socket(cozy_server) as conn:
        send(conn, "AUTH", cozy_server.web_token)
        send(conn, "SUBSCRIBE", {"type": "io.cozy.files", "id": watched.id})
        assert wait(lambda: len(cozy_server.realtime.entries("subscribed")) > len(subscribed))
        cozy_user.write("other.txt", b"2")  # another id: not delivered
        cozy_user.write("watched.txt", b"3")
        event = receive(conn)  # the first one delivered is the watched file's
        assert event["event"] == "UPDATED"
        assert event["payload"]["type"] == "io.cozy.files"
        assert event["payload"]["id"] == watched.id
        assert event["payload"]["doc"]["name"] == "watched.txt"
        assert event["payload"]["rev"] == cozy_user.doc("watched.txt").rev


def wait(condition: Any, timeout: float = 30.0) -> bool:
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return True
        done.wait(0.01)
    return bool(condition())


def test_the_trigger_fires_on_a_change_and_stops_cleanly(
    cozy_account: CozyAccount, cozy_user: CozyUser
):
    remote = cozy_account.remote()
    fired = threading.Event()
    realtime = CozyRealtime(remote.session, fired.set, name="docs").start()
    hub = cozy_account.server.realtime
    assert hub is not None
    try:
        assert wait(lambda: hub.entries("subscribed"))
        assert not fired.is_set()
        cozy_user.write("new.txt", b"N")
        assert fired.wait(30)
    finally:
        realtime.stop()
        remote.close()
    assert not realtime._thread.is_alive()
    assert [e[2] for e in hub.entries("subscribed")] == ["io.cozy.files"]


def test_the_events_of_our_own_writes_are_echoes_and_trigger_nothing(
    cozy_account: CozyAccount, cozy_user: CozyUser, monkeypatch: pytest.MonkeyPatch
):
    """Upload, folder, move and trash by this client: the stack announces each, and each
    is known by its id and rev as a version this client wrote (brief §8.2), so no feed
    read is triggered; another device's change still is.  (The events come before the
    HTTP answers: the debounce is when the trigger decides, made 1 s here so that a
    loaded machine cannot make an answer later than that.)"""
    monkeypatch.setattr(cozy_realtime, "DEBOUNCE_S", 1.0)
    remote = cozy_account.remote()
    fired = threading.Event()
    realtime = CozyRealtime(
        remote.session, fired.set, name="docs", is_own_write=remote.is_own_write
    ).start()
    hub = cozy_account.server.realtime
    assert hub is not None
    try:
        assert wait(lambda: hub.entries("subscribed"))
        ours = remote.upload(
            "ours.txt", source(b"mine"), 4, replace=None, mtime=None, content_hash=None,
            progress=None,
        )  # fmt: skip
        folder = remote.mkdir("folder")
        moved = remote.move("ours.txt", "folder/ours.txt", expected=ours)
        remote.delete("folder/ours.txt", expected=moved)
        assert wait(lambda: realtime.echoes_ignored == 4)
        sent = [e[2] for e in hub.entries("sent")]
        assert sent == [
            f"CREATED {ours.remote_id}", f"CREATED {folder.remote_id}",
            f"UPDATED {ours.remote_id}", f"UPDATED {ours.remote_id}",
        ]  # fmt: skip
        assert not fired.is_set()

        cozy_user.write("theirs.txt", b"T")  # another device's change
        assert fired.wait(30)
        assert realtime.echoes_ignored == 4
    finally:
        realtime.stop()
        remote.close()


def test_a_refused_auth_answered_before_subscribe_is_sent_still_turns_realtime_off(
    cozy_account: CozyAccount, monkeypatch: pytest.MonkeyPatch
):
    """Under load the stack's refusal (an error, then the close) can arrive before this
    client has even sent SUBSCRIBE, which then fails on a closed socket.  It is still a
    refused AUTH: the token is refreshed once, then realtime is off; before, it was taken
    for a dropped connection and AUTH was tried again and again.  The interleaving is
    forced: SUBSCRIBE is sent only once the connection is closed."""
    real_connect = cozy_realtime.connect

    def connect_late_subscribe(*args: Any, **kwargs: Any) -> ClientConnection:
        conn = real_connect(*args, **kwargs)
        send = conn.send

        def late_send(message: str) -> None:
            if "SUBSCRIBE" in message:
                assert wait(lambda: conn.state is State.CLOSED, timeout=10)
            send(message)

        conn.send = late_send  # type: ignore[method-assign]
        return conn

    monkeypatch.setattr(cozy_realtime, "connect", connect_late_subscribe)
    hub = cozy_account.server.realtime
    assert hub is not None
    hub.refuse_auth = True
    remote = cozy_account.remote()
    realtime = CozyRealtime(remote.session, lambda: None, name="docs", retry_base_s=0.01).start()
    try:
        realtime._thread.join(timeout=30)
        assert not realtime._thread.is_alive(), hub.entries("auth refused")  # off, for good
    finally:
        realtime.stop()
        remote.close()
    # AUTH with the token, once more after one refresh, then never again
    assert [e[2] for e in hub.entries("auth refused")] == ["AUTH", "AUTH"]
    assert len(hub.entries("connect")) == 2
