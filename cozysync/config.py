"""Where cozysync keeps its files, and the settings of every linked folder.

``COZYSYNC_HOME=DIR`` puts everything under DIR (``config``, ``data``, ``logs``,
``state``); without it, the platform's user folders for the app "cozysync".  The linked
folders are saved together in ``config/folders.json`` (written atomically, mode 0600).
Passwords are never stored here: they live in the secret store (``cozysync.secrets``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from cozysync.atomic import write_atomically
from cozysync.errors import ConfigError
from cozysync.models import SyncMode
from cozysync.paths import path_key
from cozysync.phrases import phrase
from cozysync.private import tighten

__all__ = [
    "HOME_ENV",
    "AppSettings",
    "AppSettingsStore",
    "ClientCertificate",
    "FolderConfig",
    "FolderStore",
    "Locations",
    "client_key_account",
    "unique_name",
]

HOME_ENV = "COZYSYNC_HOME"
APP_NAME = "cozysync"
FOLDERS_FILE = "folders.json"
APP_SETTINGS_FILE = "settings.json"
SECRET_STORES = ("keyring", "file")


@dataclass(frozen=True, slots=True)
class Locations:
    """The four folders cozysync writes to."""

    config_dir: Path
    data_dir: Path
    log_dir: Path
    state_dir: Path

    @staticmethod
    def from_env(environ: Mapping[str, str] | None = None) -> Locations:
        env = os.environ if environ is None else environ
        home = env.get(HOME_ENV)
        if home:
            base = Path(home).expanduser().absolute()
            return Locations(base / "config", base / "data", base / "logs", base / "state")
        return Locations(
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        )

    @property
    def folders_file(self) -> Path:
        return self.config_dir / FOLDERS_FILE

    @property
    def app_settings_file(self) -> Path:
        return self.config_dir / APP_SETTINGS_FILE

    @property
    def log_file(self) -> Path:
        return self.log_dir / "cozysync.log"

    def make_private(self) -> None:
        """Make the four folders, their files and their subfolders' files readable by
        this account only (0700, 0600), as an older version may have left them: run at
        start-up, a few dozen ``lstat`` (``cozysync.private``)."""
        tighten((self.config_dir, self.data_dir, self.log_dir, self.state_dir))

    def journal_path(self, folder_id: str) -> Path:
        return self.data_dir / "journals" / f"{folder_id}.sqlite"

    def lock_path(self, folder_id: str) -> Path:
        return self.state_dir / f"{folder_id}.lock"


def _new_folder_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class ClientCertificate:
    """The certificate this computer shows to a server that asks for one: PEM files
    (``key_file`` None: the key is in ``cert_file``); ``password`` unlocks an encrypted
    key (kept in the secret store, never in the settings)."""

    cert_file: str
    key_file: str | None = None
    password: str | None = None


def client_key_account(folder_id: str) -> str:
    """The secret store's account holding a folder's client key passphrase."""
    return f"{folder_id}.client-key"


@dataclass(frozen=True, slots=True)
class FolderConfig:
    """One linked folder: a local root bound to a remote collection."""

    name: str
    local_root: str
    remote_url: str
    user: str | None = None
    remote_kind: str = "webdav"
    folder_id: str = field(default_factory=_new_folder_id)
    device_name: str = field(default_factory=socket.gethostname)
    poll_interval_s: float = 60.0
    secret_store: str = "keyring"
    mode: str = "two-way"  # a SyncMode value: two-way, backup, download-only
    cozy_account: str | None = None  # remote_kind "cozy": the keyring account of its tokens
    # selective sync: top-level server folders not kept on this computer (sync/selective)
    excluded_folders: tuple[str, ...] = ()
    # a pause of this pair that outlives the process (service/pause.py): ``paused`` with
    # ``paused_until`` None lasts until resumed; a ``paused_until`` past is over
    paused: bool = False
    paused_until: float | None = None
    # a client certificate for a server that asks for one (issue 19): PEM file paths;
    # the key's passphrase, if any, is in the secret store (``client_key_account``)
    client_cert: str | None = None
    client_key: str | None = None

    @property
    def local_path(self) -> Path:
        return Path(self.local_root)

    @property
    def excluded_keys(self) -> frozenset[str]:
        """``excluded_folders`` as the NFC keys the engine compares."""
        return frozenset(path_key(name) for name in self.excluded_folders)

    @staticmethod
    def from_json(data: Mapping[str, object]) -> FolderConfig:
        known = {f.name for f in dataclasses.fields(FolderConfig)}
        values = {k: v for k, v in data.items() if k in known}
        excluded = values.get("excluded_folders", ())
        if not isinstance(excluded, list | tuple) or not all(isinstance(n, str) for n in excluded):
            raise ConfigError(
                phrase("the excluded folders of {value!r} are not valid", value=data.get("name"))
            )
        values["excluded_folders"] = tuple(excluded)
        try:
            config = FolderConfig(**values)  # type: ignore[arg-type]
        except TypeError as exc:
            raise ConfigError(
                phrase("a linked folder's settings are incomplete ({exc})", exc=exc)
            ) from exc
        modes = {m.value for m in SyncMode}
        if (
            not _is_pause(config.paused, config.paused_until)
            or config.secret_store not in SECRET_STORES
            or not config.folder_id
            or config.mode not in modes
        ):
            raise ConfigError(
                phrase("the settings of the folder {name!r} are not valid", name=config.name)
            )
        return config


def _is_pause(paused: object, until: object) -> bool:
    """Whether ``paused``/``paused_until`` read from a settings file are valid."""
    if not isinstance(paused, bool):
        return False
    return until is None or (isinstance(until, int | float) and not isinstance(until, bool))


class FolderStore:
    """``config/folders.json``: every linked folder, read and written as a whole."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[FolderConfig]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ConfigError(
                phrase("cannot read {path}: {strerror}", path=self.path, strerror=exc.strerror)
            ) from exc
        try:
            data = json.loads(text)
            folders = data["folders"]
            return [FolderConfig.from_json(item) for item in folders]
        except ConfigError as exc:  # one folder's settings: say which file holds them
            raise ConfigError(
                exc.title,
                phrase("Fix it by hand, or move it away and link your folders again."),
                path=str(self.path),
            ) from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(
                phrase("the settings file {path} is damaged", path=self.path),
                phrase("Fix it by hand, or move it away and link your folders again."),
            ) from exc

    def save(self, folders: list[FolderConfig]) -> None:
        content = {"version": 1, "folders": [dataclasses.asdict(f) for f in folders]}
        data = json.dumps(content, indent=2, ensure_ascii=False).encode("utf-8")
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(self.path, data)
        except OSError as exc:
            raise ConfigError(
                phrase(
                    "cannot save the settings in {path}: {strerror}",
                    path=self.path,
                    strerror=exc.strerror,
                ),
                phrase("Check that the disk is not full and that you may write there."),
            ) from exc

    def add(self, folder: FolderConfig) -> None:
        folders = self.load()
        if any(f.name == folder.name for f in folders):
            raise ConfigError(phrase("a folder named {name!r} is already linked", name=folder.name))
        self.save([*folders, folder])

    def replace(self, folder: FolderConfig) -> None:
        self.save([folder if f.name == folder.name else f for f in self.load()])

    def remove(self, name: str) -> None:
        self.save([f for f in self.load() if f.name != name])


@dataclass(frozen=True, slots=True)
class AppSettings:
    """Settings of the whole app (every pair): bandwidth limits in KiB/s (None:
    unlimited), shared by all transfers each way; a pause of every pair (``paused``,
    ``paused_until`` as in ``FolderConfig``); the proxy (``remotes/proxy.py``: its mode,
    a manual one's address and user, where its password is kept)."""

    upload_limit_kib: int | None = None
    download_limit_kib: int | None = None
    paused: bool = False
    paused_until: float | None = None
    proxy_mode: str = "system"
    proxy_url: str | None = None
    proxy_user: str | None = None
    proxy_secret_store: str = "keyring"
    proxy_pac_url: str | None = None  # mode "pac": the PAC file's address

    @staticmethod
    def from_json(data: Mapping[str, object]) -> AppSettings:
        values: dict[str, int | None] = {}
        for name in ("upload_limit_kib", "download_limit_kib"):
            value = data.get(name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ConfigError(
                    phrase(
                        "the setting {name} must be a number of KiB/s, not {value!r}",
                        name=name,
                        value=value,
                    )
                )
            values[name] = value or None
        paused, until = data.get("paused", False), data.get("paused_until")
        if not _is_pause(paused, until):
            raise ConfigError(phrase("the settings paused/paused_until are not valid"))
        return AppSettings(
            values["upload_limit_kib"], values["download_limit_kib"],
            paused=bool(paused), paused_until=None if until is None else float(until),  # type: ignore[arg-type]
            **_proxy_fields(data),  # type: ignore[arg-type]
        )  # fmt: skip


def _proxy_fields(data: Mapping[str, object]) -> dict[str, str | None]:
    mode, store = data.get("proxy_mode", "system"), data.get("proxy_secret_store", "keyring")
    if mode not in ("system", "manual", "off", "pac", "auto") or store not in ("keyring", "file"):
        raise ConfigError(phrase("the settings proxy_mode/proxy_secret_store are not valid"))
    fields: dict[str, str | None] = {"proxy_mode": str(mode), "proxy_secret_store": str(store)}
    for name in ("proxy_url", "proxy_user", "proxy_pac_url"):
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise ConfigError(
                phrase("the setting {name} must be text, not {value!r}", name=name, value=value)
            )
        fields[name] = value or None
    if mode == "manual" and not fields["proxy_url"]:
        raise ConfigError(phrase("the setting proxy_mode is manual but proxy_url is missing"))
    if mode == "pac" and not fields["proxy_pac_url"]:
        raise ConfigError(phrase("the setting proxy_mode is pac but proxy_pac_url is missing"))
    return fields


class AppSettingsStore:
    """``config/settings.json``: the app's settings (written atomically)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> AppSettings:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return AppSettings()
        except (OSError, ValueError) as exc:
            raise ConfigError(
                phrase("the settings file {path} cannot be read ({exc})", path=self.path, exc=exc),
                phrase("Fix it by hand, or delete it to go back to the defaults."),
            ) from exc
        if not isinstance(data, dict):
            raise ConfigError(phrase("the settings file {path} is damaged", path=self.path))
        try:
            return AppSettings.from_json(data)
        except ConfigError as exc:  # say which file holds the wrong setting
            raise ConfigError(
                exc.title,
                phrase("Fix it by hand, or delete it to go back to the defaults."),
                path=str(self.path),
            ) from exc

    def save(self, settings: AppSettings) -> None:
        data = json.dumps({"version": 1, **dataclasses.asdict(settings)}, indent=2)
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(self.path, data.encode("utf-8"))
        except OSError as exc:
            raise ConfigError(
                phrase(
                    "cannot save the settings in {path}: {strerror}",
                    path=self.path,
                    strerror=exc.strerror,
                )
            ) from exc


def unique_name(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``... whichever is free."""
    base = wanted.strip() or "folder"
    name, number = base, 2
    while name in taken:
        name, number = f"{base} {number}", number + 1
    return name
