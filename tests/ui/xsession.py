"""A real X session for the tray test: Xvfb on a free display and a real XEmbed tray
host in it (trayer, from Debian's packages; ``scripts/setup --test`` installs both)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

__all__ = ["TRAY_HOST", "require_tray_host", "x_session_with_tray"]

TRAY_HOST = "trayer"
XVFB = "Xvfb"
START_TIMEOUT_S = 15.0


def require_tray_host() -> None:
    """Skip (fail on CI) when Xvfb or the tray host is not installed."""
    missing = [name for name in (XVFB, TRAY_HOST) if shutil.which(name) is None]
    if missing:
        message = (
            f"{' and '.join(missing)} not installed: the real tray test needs an X server "
            "and a tray host (apt install xvfb trayer, or ./scripts/setup --test)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def x_session_with_tray() -> Iterator[str]:
    """Start Xvfb on a free display and the tray host on it; yields DISPLAY."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        [XVFB, "-displayfd", str(write_fd), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    host: subprocess.Popen[bytes] | None = None
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            number = pipe.readline().strip()  # Xvfb writes it once it accepts clients
        if not number:
            raise RuntimeError(f"Xvfb did not start (exit code {xvfb.poll()})")
        display = f":{number.decode()}"
        host = subprocess.Popen(
            [TRAY_HOST, "--edge", "top", "--align", "right", "--height", "24",
             "--widthtype", "request", "--SetDockType", "true"],
            env={**os.environ, "DISPLAY": display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        yield display
    finally:
        for process in (host, xvfb):
            if process is not None:
                process.terminate()
                try:
                    process.wait(START_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
