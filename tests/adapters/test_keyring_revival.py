"""The tests' private keyring outlives a gnome-keyring crash (tests/keyring_session.py).

gnome-keyring 42 aborts when a client is killed while one of its calls is queued; the crash
tests kill ``cozysync`` processes, so the shared keyring starts gnome-keyring again on the
same bus. These tests take the daemon down themselves (SIGABRT, as its assertion does) and
check that what was stored before is still there afterwards, under the same bus address.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid

import pytest

from cozysync.secrets import KeyringSecrets
from tests import keyring_session
from tests.keyring_session import (  # noqa: F401  (real_keyring: the fixture)
    KeyringSession,
    ensure_keyring_alive,
    real_keyring,
    shared_keyring,
)

READ = (
    "import sys; from cozysync.secrets import KeyringSecrets;"
    "print(KeyringSecrets(sys.argv[1]).get('alice@cloud.example'))"
)


def crash_the_daemon() -> int:
    shared = keyring_session._shared
    assert shared is not None and shared.daemon is not None
    pid = shared.daemon.pid
    os.kill(pid, signal.SIGABRT)
    shared.daemon.wait(timeout=30)
    return pid


def test_a_crashed_keyring_comes_back_with_its_secrets(real_keyring: KeyringSession):  # noqa: F811
    service = f"cozysync-test-{uuid.uuid4().hex[:8]}"
    KeyringSecrets(service).set("alice@cloud.example", "mot de passe")
    old_pid = crash_the_daemon()

    ensure_keyring_alive()

    shared = keyring_session._shared
    assert shared is not None and shared.daemon is not None
    assert shared.daemon.pid != old_pid and shared.daemon.poll() is None
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == real_keyring.bus_address
    # a new process (as the CLI is) reads the secret stored before the crash
    out = subprocess.run(
        [sys.executable, "-c", READ, service], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "mot de passe"
    KeyringSecrets(service).delete("alice@cloud.example")


def test_the_fixture_revives_a_keyring_that_died_between_tests(
    real_keyring: KeyringSession,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
):
    crash_the_daemon()
    again = shared_keyring(tmp_path_factory, pytestconfig)  # what the next test's fixture does
    assert again == real_keyring  # same bus, same home
    assert KeyringSecrets(f"cozysync-test-{uuid.uuid4().hex[:8]}").get("nobody") is None
