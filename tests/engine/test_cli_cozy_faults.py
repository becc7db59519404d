"""What goes wrong with a Cozy, end to end through ``python -m cozysync``: a token
expiring in the middle of a sync, a client revoked from the Cozy's settings, a full Cozy,
a storm of 503s, and a sync killed (SIGKILL) after the changes feed was applied.

Each folder is linked as a user does it (``cozysync link --cozy``, the test's browser
approving the login) to the strict Cozy Stack double of ``tests/cozy_server.py``; the
tokens live in a real gnome-keyring; the user's own actions on the Cozy go through the
stack's API (``CozyUser``).  Brief ``cozy-protocol.md`` sections in brackets.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cozysync.logs import pair_log_file
from cozysync.remotes.cozy_auth import DISCONNECTED
from tests.engine.cozy_world import Linked, downloads, is_download, is_upload
from tests.engine.crash_helpers import wait_for
from tests.keyring_session import KeyringSession, ensure_keyring_alive, real_keyring  # noqa: F401


@pytest.mark.parametrize("status", [400, 401])
def test_a_token_expiring_mid_sync_is_refreshed_and_the_sync_goes_on(linked: Linked, status: int):
    """[§1.4] The stack's answer is a 400 with ``WWW-Authenticate: Bearer
    error="invalid_token" error_description="The access token expired"`` (a 401 with the
    same header on newer stacks, cozy-stack PR #3173): refreshed once, the new token saved
    in the keyring, the failed call sent again, nothing doubled."""
    linked.cozy.bad_token_status = status
    for i in range(6):
        (linked.local / f"up{i}.txt").write_bytes(b"u" * i)
    linked.user.write("down.txt", b"D")
    before = linked.tokens()
    linked.cozy.expire_tokens_after(3)  # a few calls into the pass
    start, answers_start = linked.mark(), linked.mark_answers()

    result = linked.cli.sync()

    assert result.code == 0, result.out + result.err
    seen = linked.since(start)
    assert linked.cozy.expire_after is None and linked.cozy.expired_answers >= 1
    refreshes = [r for r in seen if r[:2] == ("POST", "/auth/access_token")]
    assert len(refreshes) == 1, seen
    after = linked.tokens()
    assert after["access_token"] != before["access_token"]  # saved for the next run
    assert after["refresh_token"] == before["refresh_token"]  # §1.4: kept
    # a call refused as expired is sent again once: six files stored, one fetched, none
    # twice (what the double answered, by status)
    answered = linked.answered(answers_start)
    up = [status for m, p, q, status in answered if is_upload(m, p, q)]
    down = [status for m, p, q, status in answered if is_download(m, p, q)]
    assert up.count(201) == 6 and set(up) <= {201, status}, answered
    assert down.count(200) == 1 and set(down) <= {200, status}, answered
    assert up.count(status) + down.count(status) <= linked.cozy.expired_answers
    assert linked.cozy.tree() == linked.local_tree()
    assert linked.local_tree()["down.txt"] == b"D"
    again = linked.cli.sync()
    assert again.code == 0 and "change made" not in again.out and "changes made" not in again.out, (
        again.out
    )


def test_a_revoked_client_stops_with_a_clear_message_and_touches_nothing(linked: Linked):
    """[§1.5] The user removed this computer in the Cozy's settings: every call is a 400
    "Invalid JWT token", the refresh "the client must be registered", the registration
    probe a 404.  The sync stops (exit 4) and says to link again; no file changes."""
    (linked.local / "a.txt").write_bytes(b"A edited here")
    (linked.local / "new.txt").write_bytes(b"N")
    linked.user.write("theirs.txt", b"T")
    remote_before, local_before = linked.cozy.tree(), linked.local_tree()
    linked.cozy.delete_client(str(linked.folder()["cozy_account"]).rsplit(":", 1)[1])

    result = linked.cli.sync()

    assert result.code == 4, result.out + result.err
    assert DISCONNECTED in result.err, result.err
    assert "cozysync link" in result.out + result.err  # what to do
    assert linked.cozy.tree() == remote_before
    assert linked.local_tree() == local_before
    [status] = linked.cli.json("status")
    assert DISCONNECTED in json.dumps(status), status


def test_a_full_cozy_says_so_with_the_sizes_and_keeps_the_file(linked: Linked):
    """[§3.1] The declared size is checked against the quota before the body is read: a
    413, reported as "your Cozy is full" with the sizes; the file stays here and goes up
    once there is room."""
    with linked.cozy.lock:
        linked.cozy.quota = linked.cozy.used() + 1000
    (linked.local / "big.bin").write_bytes(b"B" * 5000)

    result = linked.cli.sync()

    output = result.out + result.err
    assert result.code != 0, output
    assert "your Cozy is full" in output, output
    assert "'big.bin' needs 5.0 KB, 1.0 KB free of 1.0 KB" in output, output
    assert "big.bin" not in linked.cozy.tree()
    assert (linked.local / "big.bin").read_bytes() == b"B" * 5000
    with linked.cozy.lock:
        linked.cozy.quota = None  # the user emptied the trash / bought room
    assert linked.cli.sync().code == 0
    assert linked.cozy.tree()["big.bin"] == b"B" * 5000


def test_a_short_503_storm_is_waited_out_honouring_retry_after(linked: Linked):
    """[§1.5, §5] 503 with ``Retry-After: 1``: each retry waits what the server asked
    (the log says so; without it the first back-off is under half a second)."""
    (linked.local / "n.txt").write_bytes(b"N")
    linked.cozy.fail("*", "/files", 503, times=3, headers=[("Retry-After", "1")])

    result = linked.cli.sync()

    assert result.code == 0, result.out + result.err
    assert linked.cozy.tree()["n.txt"] == b"N"
    folder_log = pair_log_file(
        linked.cli.locations.log_file.parent, str(linked.folder()["folder_id"])
    )
    log = folder_log.read_text(encoding="utf-8")  # the folder's own log (not the app's)
    waits = [line for line in log.splitlines() if "in 1.0 s (HTTP 503)" in line]
    assert len(waits) == 3, log[-3000:]


def test_a_long_503_storm_is_offline_and_loses_nothing(linked: Linked):
    """[§1.5] 503 until the retries run out: the pass stops as offline (exit 3) with a
    message about the Cozy; the edits made here wait and go up once it answers again."""
    (linked.local / "a.txt").write_bytes(b"A edited")
    (linked.local / "n.txt").write_bytes(b"N")
    linked.cozy.fail("*", "/", 503, times=10_000, headers=[("Retry-After", "0")])

    result = linked.cli.sync()

    assert result.code == 3, result.out + result.err
    assert "is not answering (HTTP 503" in result.err, result.err
    assert "2 changes waiting" in result.out, result.out  # kept for later
    [status] = linked.cli.json("status")
    assert status["state"] == "offline", status
    assert linked.local_tree() == {"a.txt": b"A edited", "n.txt": b"N"}
    with linked.cozy.lock:
        linked.cozy.faults.clear()  # the Cozy is back
        assert linked.cozy.tree() == {"a.txt": b"A"}
    assert linked.cli.sync().code == 0
    assert linked.cozy.tree() == {"a.txt": b"A edited", "n.txt": b"N"}


def test_the_changes_feed_resumes_after_a_kill(linked: Linked):
    """[§4] A sync killed (SIGKILL) in the middle of its downloads, after the feed batch
    and its sequence were saved: the next run asks the feed from that sequence (no full
    listing again), downloads only what was not yet here, and misses nothing, including
    what changed on the Cozy in between."""
    names = [f"f{i:02}.txt" for i in range(10)]
    for name in names:
        linked.user.write(name, name.encode())
    # the 7th download waits: with 4 transfers at a time, at least 2 files are in place
    # (their journal rows not yet written: a stage is journalled once it is all done)
    hold = linked.cozy.hold("GET", "/files/download/", after=7)
    start = linked.mark()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cozysync", "sync", "--once"], env=linked.cli.env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert wait_for(hold.arrived.is_set, timeout=60), "the sync never reached the hold"
        proc.kill()
        assert proc.wait(timeout=30) == -9
        ensure_keyring_alive()  # gnome-keyring may abort on a client killed mid-call
    finally:
        hold.released.set()
    killed_run = linked.since(start)
    assert [q for m, p, q in killed_run if p == "/files/_changes"], killed_run  # feed read
    here = {n for n in names if (linked.local / n).exists()}
    assert 0 < len(here) < len(names), here  # killed in the middle of the downloads
    assert all((linked.local / n).read_bytes() == n.encode() for n in here)  # never partial
    linked.user.write("late.txt", b"L")  # changes on the Cozy in between
    linked.user.write(names[0], b"changed")

    start = linked.mark()
    result = linked.cli.sync()

    assert result.code == 0, result.out + result.err
    seen = linked.since(start)
    assert not [r for r in seen if r[1].startswith("/data/")], seen  # no full listing
    first_feed = next(q for m, p, q in seen if p == "/files/_changes")
    assert not first_feed.startswith("since=0&"), first_feed  # resumed, not from zero
    with linked.cozy.lock:
        fetched = {
            linked.cozy.path_of(linked.cozy.docs[p.rsplit("/", 1)[1]])[1:] for p in downloads(seen)
        }
    expected = (set(names) - here) | {"late.txt"} | ({names[0]} if names[0] in here else set())
    assert fetched == expected
    assert linked.local_tree() == linked.cozy.tree()
    assert linked.local_tree()[names[0]] == b"changed"
