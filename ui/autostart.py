"""Start at login: an XDG autostart entry (``$XDG_CONFIG_HOME/autostart/cozysync.desktop``)."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

__all__ = ["autostart_path", "is_autostart_enabled", "set_autostart"]

ENTRY = """\
[Desktop Entry]
Type=Application
Name=cozysync
Comment=Keep a folder in sync with your cloud
Comment[fr]=Garder un dossier synchronisé avec votre cloud
Exec={command}
Icon=folder-sync
Terminal=false
X-GNOME-Autostart-enabled=true
"""


def autostart_path() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / "cozysync.desktop"


def is_autostart_enabled() -> bool:
    return autostart_path().is_file()


def set_autostart(enabled: bool, command: list[str] | None = None) -> None:
    path = autostart_path()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    command = command or [sys.executable, "-m", "cozysync_ui.app"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY.format(command=shlex.join(command)), encoding="utf-8")
