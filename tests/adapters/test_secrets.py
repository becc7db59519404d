"""Secrets on a real keyring (a private gnome-keyring) and on the opt-in file store."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backends import SecretService, fail

from cozysync.errors import SecretStoreError
from cozysync.secrets import FILE_STORE_NAME, FileSecrets, KeyringSecrets, open_secrets
from tests import keyring_session
from tests.keyring_session import KeyringSession

# The session fixture; once tests/conftest.py registers it, drop this line.
real_keyring = keyring_session.real_keyring

SECRET = "app-pass wörd \"'%_ 🔑"


@pytest.fixture
def service(real_keyring: KeyringSession) -> Iterator[str]:
    """A service name of its own, so tests do not see each other's passwords."""
    name = f"cozysync-test-{uuid.uuid4().hex[:8]}"
    yield name
    KeyringSecrets(name).delete("alice@cloud.example")


@pytest.fixture
def nowhere_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    """A session bus address with nothing behind it, as on a headless server."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/cozysync-bus")


# --- keyring ------------------------------------------------------------------------------


def test_the_session_keyring_is_the_real_secret_service(real_keyring: KeyringSession):
    backend = keyring.get_keyring()
    assert isinstance(backend, SecretService.Keyring), backend
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == real_keyring.bus_address
    # the private keyring lives in the session's HOME, not the user's
    assert (real_keyring.home / ".local/share/keyrings/login.keyring").exists()


def test_set_get_delete(service: str):
    secrets = KeyringSecrets(service)
    assert secrets.get("alice@cloud.example") is None
    secrets.set("alice@cloud.example", SECRET)
    assert secrets.get("alice@cloud.example") == SECRET
    secrets.set("alice@cloud.example", "changed")
    assert secrets.get("alice@cloud.example") == "changed"
    secrets.delete("alice@cloud.example")
    assert secrets.get("alice@cloud.example") is None
    secrets.delete("alice@cloud.example")  # nothing stored any more: fine


def test_a_second_instance_and_another_process_read_the_same_secret(service: str):
    KeyringSecrets(service).set("alice@cloud.example", SECRET)
    assert KeyringSecrets(service).get("alice@cloud.example") == SECRET
    # a CLI subprocess inherits the session through the environment
    read = (
        "import sys; from cozysync.secrets import KeyringSecrets;"
        "print(KeyringSecrets(sys.argv[1]).get('alice@cloud.example'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", read, service], capture_output=True, check=True, timeout=60
    )
    assert out.stdout.decode().strip() == SECRET


def test_accounts_and_services_are_kept_apart(service: str):
    KeyringSecrets(service).set("alice@cloud.example", SECRET)
    assert KeyringSecrets(service).get("bob@cloud.example") is None
    assert KeyringSecrets(service + "-other").get("alice@cloud.example") is None


def test_repr_never_shows_the_secret(service: str):
    secrets = KeyringSecrets(service)
    secrets.set("alice@cloud.example", SECRET)
    assert SECRET not in repr(secrets)
    assert service in repr(secrets)


def test_open_secrets_uses_the_keyring_by_default(service: str, tmp_path: Path):
    secrets = open_secrets(tmp_path, allow_file_store=False)
    assert isinstance(secrets, KeyringSecrets)
    assert not (tmp_path / FILE_STORE_NAME).exists()


def test_the_fail_backend_is_a_secret_store_error():
    with pytest.raises(SecretStoreError) as raised:
        KeyringSecrets(backend=fail.Keyring())
    assert "--insecure-file-store" in raised.value.hint


def test_an_unreachable_secret_service_is_a_secret_store_error(real_keyring, nowhere_bus):
    secrets = KeyringSecrets(backend=SecretService.Keyring())  # configured, not reachable
    with pytest.raises(SecretStoreError) as raised:
        secrets.get("alice@cloud.example")
    assert "--insecure-file-store" in raised.value.hint
    with pytest.raises(SecretStoreError):
        secrets.set("alice@cloud.example", SECRET)
    assert SECRET not in str(raised.value)


OPEN_SECRETS = """
import sys
from pathlib import Path
from cozysync.errors import SecretStoreError
from cozysync.secrets import open_secrets
try:
    open_secrets(Path(sys.argv[1]), allow_file_store=False)
except SecretStoreError as exc:
    print("SecretStoreError:", exc.hint)
"""


@pytest.mark.parametrize("bus_address", ["unix:path=/nonexistent/cozysync-bus", None])
def test_open_secrets_without_any_keyring_raises(bus_address, real_keyring, tmp_path: Path):
    """A fresh process (keyring detects its backend once) on a headless machine."""
    env = dict(os.environ)
    env.pop("DBUS_SESSION_BUS_ADDRESS")
    if bus_address is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus_address
    result = subprocess.run(
        [sys.executable, "-c", OPEN_SECRETS, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("SecretStoreError:")
    assert "--insecure-file-store" in result.stdout
    assert not (tmp_path / FILE_STORE_NAME).exists()  # no silent fallback to a file


# --- the opt-in file store --------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_file_store_round_trips_with_private_permissions(tmp_path: Path):
    config_dir = tmp_path / "config" / "cozysync"
    secrets = open_secrets(config_dir, allow_file_store=True)
    assert isinstance(secrets, FileSecrets)
    assert secrets.get("alice") is None
    secrets.set("alice", SECRET)
    secrets.set("bob", "other")
    path = config_dir / FILE_STORE_NAME
    assert mode(path) == 0o600
    assert mode(config_dir) == 0o700
    assert FileSecrets(path).get("alice") == SECRET  # a new instance reads the file
    assert json.loads(path.read_text(encoding="utf-8")) == {"alice": SECRET, "bob": "other"}
    secrets.delete("alice")
    secrets.delete("alice")
    assert FileSecrets(path).get("alice") is None
    assert FileSecrets(path).get("bob") == "other"
    assert mode(path) == 0o600
    assert [p.name for p in config_dir.iterdir()] == [FILE_STORE_NAME]  # no temp left over
    assert SECRET not in repr(secrets)


def test_file_store_tightens_an_existing_loose_folder(tmp_path: Path):
    folder = tmp_path / "cfg"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    FileSecrets(folder / FILE_STORE_NAME).set("alice", SECRET)
    assert mode(folder) == 0o700


def test_file_store_refuses_a_file_others_can_read(tmp_path: Path):
    path = tmp_path / FILE_STORE_NAME
    path.write_text(json.dumps({"alice": SECRET}), encoding="utf-8")
    path.chmod(0o644)
    with pytest.raises(SecretStoreError, match="other users") as raised:
        FileSecrets(path).get("alice")
    assert "chmod 600" in raised.value.hint
    assert SECRET not in str(raised.value)


def test_file_store_never_overwrites_a_file_it_cannot_read(tmp_path: Path):
    path = tmp_path / FILE_STORE_NAME
    path.write_text("{not json", encoding="utf-8")
    path.chmod(0o600)
    with pytest.raises(SecretStoreError):
        FileSecrets(path).set("alice", SECRET)
    assert path.read_text(encoding="utf-8") == "{not json"
