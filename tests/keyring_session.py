"""A real, private Secret Service for tests: gnome-keyring on its own D-Bus session bus.

``keyring_session(base_dir)`` starts ``dbus-daemon`` and ``gnome-keyring-daemon
--unlock`` with HOME and the XDG directories inside ``base_dir`` (the user's own keyring
is never touched), waits until the default "login" collection exists and is unlocked,
exports ``DBUS_SESSION_BUS_ADDRESS`` (so CLI subprocesses started by a test inherit it),
makes ``keyring`` detect its backend again, and stops both daemons on exit.

Register the fixture in ``tests/conftest.py``::

    from tests.keyring_session import real_keyring  # noqa: F401  (session-scoped fixture)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import keyring.backend
import keyring.core
import pytest
import secretstorage

__all__ = ["KeyringSession", "keyring_session", "real_keyring"]

TEST_KEYRING_PASSWORD = "cozysync-test-keyring"
_READY_TIMEOUT = 15.0


@dataclass(frozen=True)
class KeyringSession:
    bus_address: str
    home: Path
    daemon_env: dict[str, str]  # the environment the daemons run with


def _daemon_env(base_dir: Path) -> dict[str, str]:
    home = base_dir / "home"
    runtime = base_dir / "run"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
    )
    return env


# A session bus without service activation: the system's org.freedesktop.secrets.service
# file must not start a second gnome-keyring behind our back.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={socket_dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _start_bus(env: dict[str, str], socket_dir: str) -> tuple[subprocess.Popen[str], str]:
    config = Path(socket_dir) / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket_dir=socket_dir), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    if not address:
        _stop(bus)
        raise RuntimeError("dbus-daemon did not print its address")
    return bus, address


def _start_gnome_keyring(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as log_file:
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=env,
        )
    assert daemon.stdin is not None
    daemon.stdin.write(TEST_KEYRING_PASSWORD.encode())
    daemon.stdin.close()  # --unlock reads the password up to end of file
    return daemon


def _login_collection_ready() -> bool:
    """True once the Secret Service answers with an unlocked default collection."""
    try:
        with closing(secretstorage.dbus_init()) as connection:
            if not secretstorage.check_service_availability(connection):
                return False
            return not secretstorage.get_default_collection(connection).is_locked()
    except secretstorage.exceptions.SecretStorageException:
        return False


def _wait_until_ready(daemon: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + _READY_TIMEOUT
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            raise RuntimeError(f"gnome-keyring-daemon exited: {log.read_text(errors='replace')}")
        if _login_collection_ready():
            return
        time.sleep(0.1)
    raise RuntimeError("gnome-keyring did not offer an unlocked login collection in time")


def _stop(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


@contextmanager
def keyring_session(base_dir: Path) -> Iterator[KeyringSession]:
    """Run a private gnome-keyring for the duration of the block (see module doc)."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed (apt install dbus-x11 gnome-keyring)")
    env = _daemon_env(base_dir)
    socket_dir = tempfile.mkdtemp(prefix="cozybus-")  # short: unix socket paths are limited
    bus, address = _start_bus(env, socket_dir)
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    saved_address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    daemon: subprocess.Popen[bytes] | None = None
    try:
        daemon = _start_gnome_keyring(env, base_dir / "gnome-keyring.log")
        _wait_until_ready(daemon, base_dir / "gnome-keyring.log")
        _detect_keyring_again()  # now that a Secret Service runs
        yield KeyringSession(bus_address=address, home=Path(env["HOME"]), daemon_env=env)
    finally:
        _restore_env("DBUS_SESSION_BUS_ADDRESS", saved_address)
        if daemon is not None:
            _stop(daemon)
        _stop(bus)
        shutil.rmtree(socket_dir, ignore_errors=True)
        _detect_keyring_again()


def _detect_keyring_again() -> None:
    """Make ``keyring`` choose its backend anew (it caches which backends are viable)."""
    with contextlib.suppress(KeyError):  # KeyError: it was never computed
        keyring.backend.get_all_keyring.reset()
    keyring.core.init_backend()


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@pytest.fixture(scope="session")
def real_keyring(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyringSession]:
    """A private, unlocked gnome-keyring for the whole test session."""
    with keyring_session(tmp_path_factory.mktemp("keyring")) as session:
        yield session
