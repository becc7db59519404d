"""Where account passwords live: the system keyring, or (opt-in) a private file.

``KeyringSecrets`` uses the ``keyring`` library (Secret Service on Linux, Keychain on
macOS, Credential Locker on Windows).  When no usable keyring exists (keyring's "fail"
backend, an unencrypted plaintext backend, or a Secret Service that is not reachable or
stays locked on a headless machine) it raises ``SecretStoreError``, whose hint explains
the opt-in.  ``FileSecrets`` is that opt-in: a JSON file only the user can read, chosen
explicitly by the user (``link --insecure-file-store``), never as a silent fallback.

Secrets are never logged, never put in an error message, and no ``repr`` shows them.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from cozysync.atomic import write_atomically
from cozysync.errors import SecretStoreError
from cozysync.ports import Secrets

if TYPE_CHECKING:  # keyring itself is imported when a keyring is used (start-up time)
    import keyring.backend

__all__ = ["FILE_STORE_NAME", "FileSecrets", "KeyringSecrets", "open_secrets"]

FILE_STORE_NAME = "secrets.json"
_PROBE_ACCOUNT = "cozysync-keyring-probe"


def _is_usable(backend: keyring.backend.KeyringBackend) -> bool:
    """False for keyring's do-nothing backends and for unencrypted plaintext ones."""
    from keyring.backends import fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    return not type(backend).__module__.startswith("keyrings.alt")


def _detected_backend() -> keyring.backend.KeyringBackend:
    import keyring

    try:  # detection itself fails on a stale D-Bus address (a raw OSError from jeepney)
        return keyring.get_keyring()
    except Exception as exc:
        raise _store_error("Cannot reach the keyring", exc) from exc


class KeyringSecrets:
    """Secrets in the system keyring, one entry per account under ``service``."""

    __slots__ = ("_backend", "_service")

    def __init__(
        self,
        service: str = "cozysync",
        backend: keyring.backend.KeyringBackend | None = None,
    ) -> None:
        self._service = service
        self._backend = backend if backend is not None else _detected_backend()
        if not _is_usable(self._backend):
            kind = type(self._backend)
            raise SecretStoreError(f"No usable keyring ({kind.__module__}.{kind.__qualname__})")

    def __repr__(self) -> str:
        return f"KeyringSecrets(service={self._service!r})"

    def check(self) -> None:
        """Reach the keyring once (a locked or unreachable one raises SecretStoreError)."""
        self.get(_PROBE_ACCOUNT)

    def get(self, account: str) -> str | None:
        try:
            return self._backend.get_password(self._service, account)
        except Exception as exc:  # any backend failure (D-Bus, locked, ...): not usable
            raise _store_error("Cannot read the password from the keyring", exc) from exc

    def set(self, account: str, secret: str) -> None:
        try:
            self._backend.set_password(self._service, account, secret)
        except Exception as exc:
            raise _store_error("Cannot save the password in the keyring", exc) from exc

    def delete(self, account: str) -> None:
        """Forget the account's secret; nothing stored is fine."""
        import keyring.errors

        try:
            self._backend.delete_password(self._service, account)
        except keyring.errors.PasswordDeleteError:
            if self.get(account) is not None:  # it is there, yet could not be deleted
                raise SecretStoreError("Cannot delete the password from the keyring") from None
        except Exception as exc:
            raise _store_error("Cannot delete the password from the keyring", exc) from exc


def _store_error(title: str, exc: Exception) -> SecretStoreError:
    # the backend's message names the failure (D-Bus, locked); it never holds the secret
    reason = str(exc) or type(exc).__name__
    return SecretStoreError(f"{title}: {reason}")


class FileSecrets:
    """Secrets in a JSON file readable only by the user (mode 0600, folder 0700).

    Every write replaces the whole file atomically (temp file + ``os.replace``), so a
    crash leaves the old or the new content, never a mix.  A file others can read, or
    one that cannot be parsed, is refused rather than rewritten."""

    __slots__ = ("path",)

    def __init__(self, path: Path) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"FileSecrets({str(self.path)!r})"

    def get(self, account: str) -> str | None:
        return self._load().get(account)

    def set(self, account: str, secret: str) -> None:
        stored = self._load()
        stored[account] = secret
        self._save(stored)

    def delete(self, account: str) -> None:
        stored = self._load()
        if stored.pop(account, None) is not None:
            self._save(stored)

    def _load(self) -> dict[str, str]:
        try:
            with open(self.path, encoding="utf-8") as file:
                _check_private(self.path, os.fstat(file.fileno()))
                data = json.load(file)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise SecretStoreError(
                f"Cannot read the password file {self.path}", "Check or remove that file."
            ) from exc
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise SecretStoreError(
                f"The password file {self.path} is not valid", "Check or remove that file."
            )
        return {str(k): v for k, v in data.items()}

    def _save(self, stored: dict[str, str]) -> None:
        try:
            _make_private_dir(self.path.parent)
            write_atomically(self.path, json.dumps(stored, indent=1).encode("utf-8"))
        except OSError as exc:
            raise SecretStoreError(
                f"Cannot write the password file {self.path}",
                "Check that you may write to that folder and that the disk is not full.",
            ) from exc


def _check_private(path: Path, st: os.stat_result) -> None:
    if os.name == "posix" and st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretStoreError(
            f"The password file {path} can be read by other users",
            f"Make it private (chmod 600 '{path}') or remove it and link again.",
        )


def _make_private_dir(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and folder.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        folder.chmod(0o700)


def open_secrets(config_dir: Path, *, allow_file_store: bool) -> Secrets:
    """The secret store the user chose.

    ``allow_file_store`` is the user's explicit opt-in (``--insecure-file-store``): the
    passwords then live in ``config_dir/secrets.json`` only, so they are never split
    between two stores.  Otherwise the system keyring, checked now: ``SecretStoreError``
    when there is none, so the caller can offer the opt-in."""
    if allow_file_store:
        return FileSecrets(config_dir / FILE_STORE_NAME)
    secrets = KeyringSecrets()
    secrets.check()
    return secrets
