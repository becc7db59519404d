"""Crash tests, end to end: a ``cozysync`` process really killed with SIGKILL while it
moves a large file, then a normal ``sync --once``.

The kills come from the failpoints (``COZYSYNC_FAILPOINTS``: ``mid-upload``,
``mid-download``, ``before-journal-commit``) or from the test itself (``os.kill`` of a
``cozysync run`` whose transfer the server slows down).  After every kill: the process
died of SIGKILL; the target path on either side holds the old version or nothing, never
a partial file (only our hidden ``.cozysync-*.tmp`` may lie beside it); the next run
converges with the exact bytes on both sides, no conflict copy and no temp left here.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.engine.crash_helpers import (
    BIG_SIZE,
    MIB,
    Throttle,
    assert_killed,
    conflict_copies,
    file_sha,
    other_names,
    payload,
    popen_cli,
    raw_listing,
    sha,
    temp_files,
    wait_for,
    with_failpoints,
    wrap_wsgidav,
)
from tests.engine.test_cli import Cli, make_cli
from tests.keyring_session import KeyringSession, ensure_keyring_alive, real_keyring  # noqa: F401
from tests.servers import DavServer

NEIGHBOUR = "notes.txt"
BIG = "Dossiers/big.bin"
OLD = payload(1 * MIB, seed=1)  # what both sides held before (for "update")
NEW = payload(BIG_SIZE, seed=2)  # the version being transferred when the kill comes


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def synced_start(tmp_path: Path, cli: Cli, server: DavServer, *, old: bytes | None) -> Path:
    """A linked, synced folder holding a small file and, with ``old``, the big file's old
    version (on both sides)."""
    local = tmp_path / "Documents"
    (local / "Dossiers").mkdir(parents=True)
    (local / NEIGHBOUR).write_text("un voisin qui ne bouge pas\n", encoding="utf-8")
    if old is not None:
        (local / BIG).write_bytes(old)
    cli.link(local, server)
    first = cli.sync()
    assert first.code == 0, first.err
    return local


def change_source(local: Path, server: DavServer, direction: str) -> None:
    if direction == "upload":
        (local / BIG).write_bytes(NEW)
    else:
        server.write(BIG, NEW)


def sides(local: Path, server: DavServer, direction: str) -> tuple[Path, Path]:
    """(source, target) folders for a transfer in ``direction``."""
    return (local, server.root) if direction == "upload" else (server.root, local)


def assert_no_partial_target(target: Path, old: bytes | None) -> None:
    """The target path holds the old version (or nothing); besides the synced names only
    our temps may be there."""
    expected = sha(old) if old is not None else None
    assert file_sha(target / BIG) == expected, "a partial file appeared at the target path"
    assert other_names(target, [NEIGHBOUR, BIG]) == []


def assert_converged(cli: Cli, local: Path, server: DavServer) -> None:
    result = cli.sync()
    assert result.code == 0, (result.out, result.err)
    for side in (local, server.root):
        assert file_sha(side / BIG) == sha(NEW)
        assert (side / NEIGHBOUR).read_text(encoding="utf-8") == "un voisin qui ne bouge pas\n"
        assert conflict_copies(side) == []
    assert other_names(local, [NEIGHBOUR, BIG]) == []
    assert temp_files(local) == []
    # exit 0 means no conflict and no failing item is waiting (status says "up to date")
    assert "conflict" not in result.out and "in sync" in result.out


def crash_twice_then_converge(
    tmp_path: Path, cli: Cli, server: DavServer, direction: str, old: bytes | None
) -> None:
    """Kill a sync half-way through the transfer, then kill the next one between the
    finished transfer and its journal commit; a third, normal run must converge."""
    local = synced_start(tmp_path, cli, server, old=old)
    change_source(local, server, direction)
    source, target = sides(local, server, direction)

    mid = with_failpoints(cli, f"mid-{direction}").sync()

    assert_killed(mid)
    assert file_sha(source / BIG) == sha(NEW)  # the source is untouched
    assert_no_partial_target(target, old)
    if direction == "download":  # the download really was under way, into our temp
        [temp] = temp_files(local / "Dossiers")
        assert 0 < (local / "Dossiers" / temp).stat().st_size < BIG_SIZE

    before_commit = with_failpoints(cli, "before-journal-commit").sync()

    assert_killed(before_commit)
    # the transfer finished and was put in place whole; only the journal does not know
    assert file_sha(target / BIG) == sha(NEW)
    assert other_names(target, [NEIGHBOUR, BIG]) == []

    assert_converged(cli, local, server)  # both sides equal: recorded, never a conflict


# --- killed by failpoints: mid-transfer, then before the journal commit ------------------------


@pytest.mark.parametrize("direction", ["upload", "download"])
def test_crashes_while_updating_a_large_file(
    tmp_path: Path, cli: Cli, dav_server: DavServer, direction: str
):
    crash_twice_then_converge(tmp_path, cli, dav_server, direction, old=OLD)


@pytest.mark.parametrize("direction", ["upload", "download"])
def test_crashes_while_creating_a_large_file(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer, direction: str
):
    crash_twice_then_converge(tmp_path, cli, wsgidav_server, direction, old=None)


def test_a_killed_upload_leaves_no_temp_on_the_server(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_start(tmp_path, cli, wsgidav_server, old=None)
    change_source(local, wsgidav_server, "upload")
    assert_killed(with_failpoints(cli, "mid-upload").sync())
    [stale] = temp_files(wsgidav_server.root)  # WsgiDAV keeps what an interrupted PUT sent
    # the next run comes two days later: the upload's start time, in the temp's name,
    # is old enough for any sane age threshold
    prefix, started, rest = str(stale).rpartition("/")[2].split("-", 2)
    assert started.isdigit() and abs(int(started) - time.time()) < 600
    long_ago = int(time.time() - 2 * 86400)
    aged = wsgidav_server.root / Path(stale).parent / f"{prefix}-{long_ago}-{rest}"

    def backdated() -> bool:  # once WsgiDAV is done with the cut request
        try:
            os.rename(wsgidav_server.root / stale, aged)
        except FileNotFoundError:
            return aged.exists()
        time.sleep(0.5)
        return aged.exists() and not (wsgidav_server.root / stale).exists()

    assert wait_for(backdated, timeout=20)
    assert_converged(cli, local, wsgidav_server)
    assert [n for n in raw_listing(wsgidav_server) if ".cozysync-" in n] == []


# --- a plain SIGKILL of ``cozysync run`` while it transfers -----------------------------------


def test_sigkill_of_run_while_uploading(tmp_path: Path, cli: Cli, wsgidav_server: DavServer):
    local = synced_start(tmp_path, cli, wsgidav_server, old=OLD)
    _, unthrottle = wrap_wsgidav(wsgidav_server, lambda app: Throttle(app, rate=10 * MIB))
    change_source(local, wsgidav_server, "upload")
    arriving = wsgidav_server.root / "Dossiers"  # the server's temp grows there
    seen_at_target: set[int | None] = set()

    def upload_under_way() -> bool:
        path = wsgidav_server.root / BIG
        seen_at_target.add(path.stat().st_size if path.exists() else None)
        return any((arriving / t).stat().st_size >= 2 * MIB for t in temp_files(arriving))

    proc = popen_cli(cli, "run", log=tmp_path / "run.out")
    try:
        assert wait_for(upload_under_way, timeout=60), (tmp_path / "run.out").read_text()
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=15) == -signal.SIGKILL
        ensure_keyring_alive()  # gnome-keyring may abort on a client killed mid-call
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        unthrottle()

    assert seen_at_target == {len(OLD)}  # never anything but the old version at the target
    assert_no_partial_target(wsgidav_server.root, OLD)
    assert file_sha(local / BIG) == sha(NEW)
    assert_converged(cli, local, wsgidav_server)
