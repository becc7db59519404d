"""On a machine without any keyring service (a fresh headless Debian), what needs no
secret works: the demo, a server without login, and unlinking it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["COZYSYNC_HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # no keyring at all
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return subprocess.run(
        [sys.executable, "-m", "cozysync", *args], capture_output=True, text=True, env=env,
        timeout=180, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_the_demo_and_unlink_work_without_a_keyring(tmp_path: Path) -> None:
    demo = _cli(tmp_path, "demo", "--once")
    assert demo.returncode == 0, demo.stderr
    status = _cli(tmp_path, "status")
    assert status.returncode == 0 and "demo" in status.stdout, status.stderr
    unlink = _cli(tmp_path, "unlink", "--name", "demo")
    assert unlink.returncode == 0, unlink.stderr
    assert "warning" not in unlink.stderr
