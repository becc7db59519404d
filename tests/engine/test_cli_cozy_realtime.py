"""Watch mode with a Cozy: the stack's realtime websocket (cozy-stack docs/realtime.md,
brief ``cozy-protocol.md`` §4 "Polling vs push") makes ``cozysync run`` fetch a change
soon after the Cozy announces it, and polling stays the backstop: a refused AUTH turns
realtime off and the folder still syncs at every poll; a dropped socket is reconnected,
with a refreshed token if the old one expired.

Each folder is linked as a user does it to the strict Cozy double of
``tests/cozy_server.py`` (its websocket side: ``tests/cozy_realtime_double.py``); the
user's own changes go through the stack's files API (``CozyUser``).  Timing is never
asserted: the double's ordered records show which request came after which event.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.cozy_realtime_double import RealtimeHub
from tests.engine.cozy_world import Linked
from tests.engine.crash_helpers import wait_for
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

FEED = "/files/_changes"


def set_poll_interval(linked: Linked, seconds: float) -> None:
    path = linked.cli.home / "config" / "folders.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for folder in data["folders"]:
        assert "poll_interval_s" in folder, folder
        folder["poll_interval_s"] = seconds
    path.write_text(json.dumps(data), encoding="utf-8")


def hub(linked: Linked) -> RealtimeHub:
    assert linked.cozy.realtime is not None
    return linked.cozy.realtime


def log_text(linked: Linked) -> str:
    """The folder's own log (``folder-<id>.log``): the realtime thread writes there."""
    return "".join(p.read_text(encoding="utf-8") for p in linked.cli.home.rglob("folder-*.log"))


@contextmanager
def watching(linked: Linked, out: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``cozysync run`` in the background until the block ends (then SIGTERM)."""
    with open(out, "wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cozysync", "run"], env=linked.cli.env,
            stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        assert wait_for(lambda: "up to date" in out.read_text(), timeout=60), out.read_text()
        yield proc
        assert proc.poll() is None, out.read_text()  # still watching
        proc.terminate()
        assert proc.wait(timeout=30) == 0, out.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def feeds_since(linked: Linked, index: int) -> list[int]:
    """Indexes of the changes-feed requests from request ``index`` on."""
    with linked.cozy.lock:
        seen = list(linked.cozy.requests)
    return [i for i, (m, p, _) in enumerate(seen) if i >= index and (m, p) == ("GET", FEED)]


def settle(linked: Linked, quiet_s: float = 2.0) -> None:
    """Wait until the client has sent the Cozy nothing for ``quiet_s`` seconds (a pass
    ends with a second feed read that proves it is in sync)."""

    def count() -> int:
        with linked.cozy.lock:
            return len(linked.cozy.requests)

    seen, since = count(), time.monotonic()
    deadline = since + 30
    while time.monotonic() - since < quiet_s and time.monotonic() < deadline:
        time.sleep(0.1)
        now = count()
        if now != seen:
            seen, since = now, time.monotonic()


def arrives_on_event(linked: Linked, name: str, data: bytes) -> None:
    """``name`` written on the Cozy arrives here because of the realtime event: the feed
    was read after the event was sent, and not between the settled watch and the event
    (the poll interval, 300 s, is far from due)."""
    settled = linked.mark()
    linked.user.write(name, data)
    assert wait_for(lambda: (linked.local / name).exists(), timeout=60)
    assert (linked.local / name).read_bytes() == data
    doc_id = linked.user.doc(name).id
    [sent] = [e for e in hub(linked).entries("sent") if e[2] == f"CREATED {doc_id}"]
    feeds = feeds_since(linked, settled)
    assert feeds, "the file came without reading the feed?"
    assert all(i >= sent[0] for i in feeds), (feeds, sent)  # no poll in between: the event


def test_a_change_on_the_cozy_arrives_on_its_realtime_event(linked: Linked, tmp_path: Path):
    set_poll_interval(linked, 300.0)
    with watching(linked, tmp_path / "run.out"):
        assert wait_for(lambda: hub(linked).entries("subscribed"), timeout=30)
        [subscribed] = hub(linked).entries("subscribed")
        assert subscribed[2] == "io.cozy.files"
        arrives_on_event(linked, "news.txt", b"from the web app")
        linked.user.trash("news.txt")  # an UPDATED event (moved to the Cozy trash)
        assert wait_for(lambda: not (linked.local / "news.txt").exists(), timeout=60)
    assert [e for e in hub(linked).entries("sent") if e[2].startswith("UPDATED ")]
    assert len(hub(linked).entries("connect")) == 1  # one connection the whole time


def test_a_refused_auth_turns_realtime_off_and_polling_still_syncs(linked: Linked, tmp_path: Path):
    hub(linked).refuse_auth = True
    set_poll_interval(linked, 10.0)  # the shortest check interval offered
    with watching(linked, tmp_path / "run.out"):
        assert wait_for(lambda: "realtime updates off" in log_text(linked), timeout=30)
        settled = linked.mark()
        linked.user.write("polled.txt", b"P")
        assert wait_for(lambda: (linked.local / "polled.txt").exists(), timeout=60)
        assert feeds_since(linked, settled)  # fetched by a poll
    # AUTH tried with the token, then once more after a refresh; then never again
    assert [e[2] for e in hub(linked).entries("auth refused")] == ["AUTH", "AUTH"]
    assert len(hub(linked).entries("connect")) == 2
    assert not hub(linked).entries("sent")  # nothing delivered without AUTH
    assert "realtime updates off" in log_text(linked)


def test_a_dropped_socket_is_reconnected_and_what_changed_meanwhile_comes_at_once(
    linked: Linked, tmp_path: Path
):
    set_poll_interval(linked, 300.0)
    with watching(linked, tmp_path / "run.out"):
        assert wait_for(lambda: len(hub(linked).entries("subscribed")) == 1, timeout=30)
        hub(linked).drop()
        linked.user.write("meanwhile.txt", b"M")  # no socket to say so right now
        assert wait_for(lambda: len(hub(linked).entries("subscribed")) == 2, timeout=30)
        # no event will ever announce it, and the next poll is minutes away: the
        # reconnection itself reads the feed
        assert wait_for(lambda: (linked.local / "meanwhile.txt").exists(), timeout=60)
        assert (linked.local / "meanwhile.txt").read_bytes() == b"M"
        settle(linked)  # the pass that fetched it reads the feed once more to end
        arrives_on_event(linked, "after.txt", b"after the reconnection")
    assert len(hub(linked).entries("connect")) == 2


def test_a_token_that_expired_meanwhile_is_refreshed_and_the_socket_subscribes_again(
    linked: Linked, tmp_path: Path
):
    """Every access token expired while the socket was up, then the socket dropped: the
    reconnection's AUTH is refused once, the token is refreshed (OAuth refresh grant),
    the next AUTH subscribes, and events arrive again: realtime stays on."""
    set_poll_interval(linked, 300.0)
    with watching(linked, tmp_path / "run.out"):
        assert wait_for(lambda: len(hub(linked).entries("subscribed")) == 1, timeout=30)
        settle(linked)
        expired_at = linked.mark()
        linked.cozy.expire_tokens()
        hub(linked).drop()
        assert wait_for(lambda: len(hub(linked).entries("subscribed")) == 2, timeout=30)
        settle(linked)
        arrives_on_event(linked, "after.txt", b"after the refresh")
    assert [e[2] for e in hub(linked).entries("auth refused")] == ["AUTH"]  # the old token
    assert len(hub(linked).entries("connect")) == 3  # first, refused, after the refresh
    with linked.cozy.lock:
        since = list(linked.cozy.requests)[expired_at:]
    refreshes = [r for r in since if (r[0], r[1]) == ("POST", "/auth/access_token")]
    assert len(refreshes) == 1
    assert "realtime updates off" not in log_text(linked)
