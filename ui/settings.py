"""The tray app's own settings (language, start at login), in ``gui.ini`` next to
cozysync's configuration; the folders' settings stay the engine's."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QSettings

from cozysync.private import private_file

__all__ = ["UiSettings"]


class UiSettings:
    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / "gui.ini"
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, key: str, default: object) -> object:
        value = self._qsettings.value(key, default)
        if isinstance(default, bool):
            return value in (True, "true", "1", 1)
        if isinstance(default, int):
            try:
                return int(str(value))
            except ValueError:
                return default
        return value

    def set(self, key: str, value: object) -> None:
        self._qsettings.setValue(key, value)
        self._qsettings.sync()  # QSettings writes with the umask's mode: made 0600 again
        with suppress(OSError):
            private_file(self.path)

    @property
    def language(self) -> str:
        return str(self.get("language", "auto"))
