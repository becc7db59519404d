"""Ctrl-C in the middle of a soak (``python -m tests.chaos``) prints the summary and
leaves no small disk mounted: each world's tmpfs is unmounted by its history's clean-up,
or, for a worker stopped before it, by the soak itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.chaos.__main__ import mounted_disks, unmount_leftovers

REPO = Path(__file__).resolve().parents[2]


def chaos_mounts(first: int, count: int) -> list[str]:
    return mounted_disks(range(first, first + count))


def test_ctrl_c_mid_soak_leaves_no_disk_mounted(tmp_path: Path):
    first = 9_000_000 + os.getpid() % 100_000 * 10  # seeds no other soak uses
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp_path)}
    log = tmp_path / "soak.out"  # a file, not a pipe: the soak's children may outlive it
    with open(log, "wb") as sink:
        soak = subprocess.Popen(
            [sys.executable, "-m", "tests.chaos", "--histories", "4", "--seed", str(first),
             "--jobs", "2", "--quiet"],
            cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not chaos_mounts(first, 4) and time.monotonic() < deadline:
            if soak.poll() is not None:
                break
            time.sleep(0.2)
        if not chaos_mounts(first, 4):
            soak.kill()
            soak.wait()
            out = log.read_text(errors="replace")
            if "cannot mount a tmpfs" in out or os.geteuid() != 0:
                pytest.skip("no tmpfs can be mounted here (root only): nothing to leave")
            pytest.fail(f"no world disk was ever mounted:\n{out}")
        soak.send_signal(signal.SIGINT)
        soak.wait(timeout=120)
        out = log.read_text(errors="replace")
    finally:
        if soak.poll() is None:
            soak.kill()
            soak.wait()
        unmount_leftovers(range(first, first + 4))  # whatever the outcome, clean up
    assert "interrupted after" in out, out
    assert "histories" in out  # the summary table is still printed
    assert chaos_mounts(first, 4) == []
