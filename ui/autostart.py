"""Start at login: the XDG autostart entry shipped with cozysync
(``cozysync/data/cozysync-autostart.desktop``, installed by ``cozysync.desktop``, the
same file ``cozysync install-desktop --autostart`` writes)."""

from __future__ import annotations

from pathlib import Path

from cozysync.desktop import DesktopPaths, install_autostart, remove_autostart

__all__ = ["autostart_path", "is_autostart_enabled", "set_autostart"]


def autostart_path() -> Path:
    return DesktopPaths.from_env().autostart_entry


def is_autostart_enabled() -> bool:
    return autostart_path().is_file()


def set_autostart(enabled: bool) -> None:
    """Install or remove the entry (raises ``ConfigError`` when it cannot)."""
    if enabled:
        install_autostart()
    else:
        remove_autostart()
