"""InstanceLock with real flocks, across real processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import cozysync.local.lock as lock_module
from cozysync.errors import AlreadyRunningError, CozySyncError
from cozysync.local.lock import InstanceLock

_HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from cozysync.local.lock import InstanceLock
    with InstanceLock(Path(sys.argv[1])):
        print("locked", flush=True)
        time.sleep(60)
    """
)

_TRY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from cozysync.errors import AlreadyRunningError
    from cozysync.local.lock import InstanceLock
    try:
        with InstanceLock(Path(sys.argv[1]), folder="/home/me/Cozy"):
            print("acquired")
    except AlreadyRunningError as exc:
        print("refused:", exc.title)
    """
)


def try_in_other_process(lock_path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _TRY, str(lock_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_exported_names_exist() -> None:
    assert all(hasattr(lock_module, name) for name in lock_module.__all__)


def test_a_second_holder_is_refused_until_release(tmp_path: Path) -> None:
    lock_path = tmp_path / "folder.lock"
    with InstanceLock(lock_path, folder="/home/me/Cozy") as first:
        assert first.is_held
        with pytest.raises(AlreadyRunningError) as refused:
            InstanceLock(lock_path, folder="/home/me/Cozy").acquire()
        assert refused.value.title == "another cozysync is already syncing /home/me/Cozy"
        assert try_in_other_process(lock_path).startswith("refused: another cozysync")
    assert not first.is_held

    assert try_in_other_process(lock_path) == "acquired"
    with InstanceLock(lock_path):  # and again in this process
        pass


def test_lock_held_by_another_process_is_released_when_it_dies(tmp_path: Path) -> None:
    lock_path = tmp_path / "folder.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(lock_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunningError):
            InstanceLock(lock_path).acquire()
        assert lock_path.read_text().strip() == str(holder.pid)
    finally:
        holder.kill()  # SIGKILL: no clean-up code runs in the holder
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()

    deadline = time.monotonic() + 5
    while True:
        try:
            with InstanceLock(lock_path):
                break
        except AlreadyRunningError:
            assert time.monotonic() < deadline, "the lock outlived its holder"
            time.sleep(0.02)


def test_lock_is_not_reentrant(tmp_path: Path) -> None:
    lock = InstanceLock(tmp_path / "a.lock")
    with lock, pytest.raises(RuntimeError):
        lock.acquire()


def test_lock_in_a_missing_folder_is_a_cozysync_error(tmp_path: Path) -> None:
    with pytest.raises(CozySyncError):
        InstanceLock(tmp_path / "missing" / "a.lock").acquire()


def test_a_lock_held_for_an_instant_is_waited_for(tmp_path: Path) -> None:
    """``status`` takes the lock for an instant to see whether a sync runs: a pair
    starting then must not take it for another cozysync (its thread would end)."""
    probe = InstanceLock(tmp_path / "x.lock")
    probe.acquire()
    releaser = threading.Timer(0.2, probe.release)
    releaser.start()
    try:
        session = InstanceLock(tmp_path / "x.lock")
        session.acquire(wait_s=5.0)
        assert session.is_held
        session.release()
    finally:
        releaser.join()


def test_a_lock_held_longer_than_the_wait_is_still_refused(tmp_path: Path) -> None:
    with InstanceLock(tmp_path / "x.lock"), pytest.raises(AlreadyRunningError):
        InstanceLock(tmp_path / "x.lock").acquire(wait_s=0.1)


def test_holding_a_folder_with_a_block_waits_for_a_probe_too(tmp_path: Path) -> None:
    """Unlink and relink hold the folder with ``with InstanceLock``: the tray's status
    read after a pass probing the lock at that instant must not make the unlink fail
    with "another cozysync is already syncing" (seen in the window's unlink test)."""
    probe = InstanceLock(tmp_path / "x.lock")
    probe.acquire()
    releaser = threading.Timer(lock_module.PROBE_GRACE_S / 5, probe.release)
    releaser.start()
    try:
        with InstanceLock(tmp_path / "x.lock") as holder:
            assert holder.is_held
    finally:
        releaser.join()
