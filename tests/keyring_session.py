"""A real, private Secret Service for tests: gnome-keyring on its own D-Bus session bus.

The ``real_keyring`` fixture starts, once per test process (per xdist worker),
``dbus-daemon`` and ``gnome-keyring-daemon --unlock`` with HOME and the XDG directories
in a temporary folder (the user's own keyring is never touched), waits until the default
"login" collection exists and is unlocked, exports ``DBUS_SESSION_BUS_ADDRESS`` (so CLI
subprocesses started by a test inherit it) and makes ``keyring`` detect its backend again.
Before each test that asks for it, it checks that gnome-keyring still answers and starts
it again on the same bus if not (see ``_Daemons``); ``ensure_keyring_alive()`` does the
same after a test killed a process. Both daemons stop when pytest ends.

``keyring_session(base_dir)`` is the same as a block of its own (stopped on exit).

A test module imports the fixture::

    from tests.keyring_session import real_keyring  # noqa: F401
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
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import DBusErrorResponse

__all__ = [
    "KeyringSession",
    "ensure_keyring_alive",
    "keyring_session",
    "real_keyring",
    "shared_keyring",
]

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


def _login_collection_ready(address: str) -> bool:
    """True once the Secret Service on ``address`` answers with an unlocked default
    collection (the address is given: a test may have pointed the environment elsewhere)."""
    try:
        with closing(open_dbus_connection(address)) as connection:
            if not secretstorage.check_service_availability(connection):
                return False
            return not secretstorage.get_default_collection(connection).is_locked()
    except (secretstorage.exceptions.SecretStorageException, DBusErrorResponse, OSError):
        return False


def _wait_until_ready(daemon: subprocess.Popen[bytes], log: Path, address: str) -> None:
    deadline = time.monotonic() + _READY_TIMEOUT
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            raise RuntimeError(f"gnome-keyring-daemon exited: {log.read_text(errors='replace')}")
        if _login_collection_ready(address):
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


class _Daemons:
    """One private bus and the gnome-keyring on it; ``revive`` starts gnome-keyring again
    on the same bus and HOME when it died (the login keyring's file keeps every secret
    stored so far, and the bus address that processes inherited stays valid).

    gnome-keyring 42 aborts when a client vanishes while one of its calls is still queued
    (``GLib-GIO:ERROR:gdbusconnection.c:invoke_get_property_in_idle_cb: assertion failed``
    in its log): the crash tests SIGKILL ``cozysync`` processes, and under load a kill can
    land in the middle of a keyring read (4 clients reading and writing secrets, SIGKILLed
    at random times, took the daemon down within 20 rounds on an idle machine)."""

    def __init__(self, base_dir: Path) -> None:
        for tool in ("dbus-daemon", "gnome-keyring-daemon"):
            if shutil.which(tool) is None:
                raise RuntimeError(f"{tool} is not installed (apt install dbus-x11 gnome-keyring)")
        self.env = _daemon_env(base_dir)
        self.log = base_dir / "gnome-keyring.log"
        self.socket_dir = tempfile.mkdtemp(prefix="cozybus-")  # short: socket paths are limited
        self.bus, self.address = _start_bus(self.env, self.socket_dir)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        self.daemon: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self.session = KeyringSession(
            bus_address=self.address, home=Path(self.env["HOME"]), daemon_env=self.env
        )

    def start_keyring(self) -> None:
        self.daemon = _start_gnome_keyring(self.env, self.log)
        _wait_until_ready(self.daemon, self.log, self.address)

    def alive(self) -> bool:
        daemon = self.daemon
        return (
            daemon is not None
            and daemon.poll() is None
            and _login_collection_ready(self.address)
            and daemon.poll() is None  # it answered and is still there
        )

    def revive(self) -> None:
        """Start gnome-keyring again if it is gone or does not answer (its last words are
        kept in ``gnome-keyring.deaths.log`` beside the log)."""
        if self.alive():
            return
        if self.daemon is not None:
            _stop(self.daemon)
            with open(self.log.with_suffix(".deaths.log"), "a", encoding="utf-8") as deaths:
                code = self.daemon.returncode
                deaths.write(f"--- exit {code}\n{self.log.read_text(errors='replace')[-4000:]}\n")
            self.restarts += 1
        self.start_keyring()
        _detect_keyring_again()

    def stop(self) -> None:
        if self.daemon is not None:
            _stop(self.daemon)
        _stop(self.bus)
        shutil.rmtree(self.socket_dir, ignore_errors=True)


@contextmanager
def keyring_session(base_dir: Path) -> Iterator[KeyringSession]:
    """Run a private gnome-keyring for the duration of the block (see module doc)."""
    daemons = _Daemons(base_dir)
    saved_address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = daemons.address
    try:
        daemons.start_keyring()
        _detect_keyring_again()  # now that a Secret Service runs
        yield daemons.session
    finally:
        _restore_env("DBUS_SESSION_BUS_ADDRESS", saved_address)
        daemons.stop()
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


# One keyring per test process (per xdist worker), shared by every test file: the fixture
# is imported into many test modules, and a session-scoped fixture imported that way is a
# fixture of each module, so each file used to start its own pair of daemons (40 per worker,
# all alive until the end).
_shared: _Daemons | None = None
_saved_address: str | None = None


def _stop_shared() -> None:
    global _shared
    if _shared is not None:
        _restore_env("DBUS_SESSION_BUS_ADDRESS", _saved_address)
        _shared.stop()
        _shared = None
        _detect_keyring_again()


def ensure_keyring_alive() -> None:
    """After a test killed a process that may have been talking to the keyring: start
    gnome-keyring again if that kill took it down (see ``_Daemons``)."""
    if _shared is not None:
        # a daemon taken down by the kill dies while it handles the dead client's last
        # calls, which reach it before a new client's: ask twice, then look again
        if _shared.alive():
            _login_collection_ready(_shared.address)
        _shared.revive()


def shared_keyring(
    tmp_path_factory: pytest.TempPathFactory, config: pytest.Config
) -> KeyringSession:
    """This process's keyring: started on first use (stopped when pytest ends), started
    again (same bus and secrets) if it died or does not answer."""
    global _shared, _saved_address
    if _shared is None:
        daemons = _Daemons(tmp_path_factory.mktemp("keyring"))
        _saved_address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = daemons.address
        _shared = daemons
        config.add_cleanup(_stop_shared)
    elif os.environ.get("DBUS_SESSION_BUS_ADDRESS") != _shared.address:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = _shared.address  # a test moved it away
    _shared.revive()
    return _shared.session


@pytest.fixture
def real_keyring(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> KeyringSession:
    """A private, unlocked gnome-keyring, shared by the tests of this process and checked
    before each test (see ``shared_keyring``)."""
    return shared_keyring(tmp_path_factory, pytestconfig)
