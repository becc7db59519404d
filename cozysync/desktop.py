"""Desktop integration for the current user: ``cozysync install-desktop`` and
``uninstall-desktop``.

Install copies, from the package data (``cozysync/data``), the launcher entry into
``$XDG_DATA_HOME/applications``, the app and tray-state icons into
``$XDG_DATA_HOME/icons/hicolor/<size>/<context>``, and, only when asked, the start-at-login
entry into ``$XDG_CONFIG_HOME/autostart/cozysync.desktop`` (the file the tray's "start at
login" setting also uses).  The entries' ``Exec=`` points at the tray app that is really
installed: next to a PyInstaller bundle's executable, else the ``cozysync-gui`` found on
PATH, else the bare name.

Uninstall removes exactly those files (the list comes from the same package data) and
leaves folders and every other file alone.  Nothing needs root.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

from cozysync.errors import ConfigError
from cozysync.phrases import phrase

__all__ = [
    "APP_ID",
    "AUTOSTART_NAME",
    "GUI_COMMAND",
    "DesktopPaths",
    "data_file",
    "gui_command",
    "install_autostart",
    "install_desktop",
    "remove_autostart",
    "uninstall_desktop",
]

APP_ID = "org.cozysync.CozySync"
GUI_COMMAND = "cozysync-gui"
AUTOSTART_NAME = "cozysync.desktop"
DESKTOP_SOURCE = f"{APP_ID}.desktop"
AUTOSTART_SOURCE = "cozysync-autostart.desktop"


@dataclass(frozen=True, slots=True)
class DesktopPaths:
    """Where the current user's desktop looks for entries, icons and autostart entries."""

    data_home: Path
    config_home: Path

    @staticmethod
    def from_env(environ: Mapping[str, str] | None = None) -> DesktopPaths:
        env = os.environ if environ is None else environ
        home = Path(env.get("HOME") or Path.home())

        def xdg(name: str, fallback: Path) -> Path:
            value = env.get(name, "")
            return Path(value) if os.path.isabs(value) else fallback

        return DesktopPaths(
            xdg("XDG_DATA_HOME", home / ".local" / "share"),
            xdg("XDG_CONFIG_HOME", home / ".config"),
        )

    @property
    def desktop_entry(self) -> Path:
        return self.data_home / "applications" / DESKTOP_SOURCE

    @property
    def autostart_entry(self) -> Path:
        return self.config_home / "autostart" / AUTOSTART_NAME

    @property
    def icons_dir(self) -> Path:
        return self.data_home / "icons" / "hicolor"


def data_file(name: str) -> Traversable:
    """A file of the package data, e.g. ``data_file("cozysync.service")``."""
    return files("cozysync").joinpath("data", name)


def gui_command(environ: Mapping[str, str] | None = None) -> str:
    """The ``Exec=`` command line of the tray app (desktop-entry quoted)."""
    if getattr(sys, "frozen", False):
        bundled = Path(sys.executable).with_name(GUI_COMMAND)
        if bundled.is_file():
            return _exec_quote(str(bundled))
    env = os.environ if environ is None else environ
    found = shutil.which(GUI_COMMAND, path=env.get("PATH"))
    return _exec_quote(str(Path(found).absolute())) if found else GUI_COMMAND


def _exec_quote(arg: str) -> str:
    """Quote one argument as the Desktop Entry spec's Exec key wants."""
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`%="):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg.replace("%", "%%"))
    return '"' + escaped.replace("\\", "\\\\") + '"'  # a string value escapes "\" again


def _icon_sources() -> Iterator[tuple[str, Traversable]]:
    """(path under hicolor, source) of every icon in the package data."""
    hicolor = data_file("icons").joinpath("hicolor")
    for size in sorted(hicolor.iterdir(), key=lambda t: t.name):
        for context in sorted(size.iterdir(), key=lambda t: t.name):
            for icon in sorted(context.iterdir(), key=lambda t: t.name):
                if icon.is_file():
                    yield f"{size.name}/{context.name}/{icon.name}", icon


def _entry_text(source: str, exec_line: str) -> str:
    lines = data_file(source).read_text(encoding="utf-8").splitlines()
    return "\n".join(f"Exec={exec_line}" if ln.startswith("Exec=") else ln for ln in lines) + "\n"


def install_desktop(
    *, autostart: bool = False, environ: Mapping[str, str] | None = None
) -> list[Path]:
    """Install the launcher entry and icons (and the autostart entry); the files written."""
    paths = DesktopPaths.from_env(environ)
    exec_line = gui_command(environ)
    written: list[Path] = []
    try:
        for rel, icon in _icon_sources():
            target = paths.icons_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with as_file(icon) as source:
                shutil.copyfile(source, target)
            written.append(target)
        entries = [(paths.desktop_entry, DESKTOP_SOURCE)]
        if autostart:
            entries.append((paths.autostart_entry, AUTOSTART_SOURCE))
        for target, source_name in entries:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_entry_text(source_name, exec_line), encoding="utf-8")
            written.append(target)
    except OSError as exc:
        raise ConfigError(
            phrase(
                "cannot install the desktop files: {strerror} ({filename})",
                strerror=exc.strerror,
                filename=exc.filename,
            ),
            phrase("Check that you may write in your home folder and that the disk is not full."),
        ) from exc
    return written


def install_autostart(environ: Mapping[str, str] | None = None) -> Path:
    """Install only the start-at-login entry (the tray's "start at login" setting)."""
    paths = DesktopPaths.from_env(environ)
    target = paths.autostart_entry
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_entry_text(AUTOSTART_SOURCE, gui_command(environ)), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            phrase(
                "cannot write the start-at-login entry: {strerror} ({filename})",
                strerror=exc.strerror,
                filename=exc.filename,
            ),
            phrase("Check that you may write in your home folder and that the disk is not full."),
        ) from exc
    return target


def remove_autostart(environ: Mapping[str, str] | None = None) -> bool:
    """Remove the start-at-login entry; False if there was none."""
    target = DesktopPaths.from_env(environ).autostart_entry
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ConfigError(
            phrase("cannot remove {target}: {strerror}", target=target, strerror=exc.strerror)
        ) from exc
    return True


def uninstall_desktop(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Remove what ``install_desktop`` may have written; the files removed."""
    paths = DesktopPaths.from_env(environ)
    candidates = [paths.desktop_entry, paths.autostart_entry]
    candidates += [paths.icons_dir / rel for rel, _ in _icon_sources()]
    removed: list[Path] = []
    for path in candidates:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise ConfigError(
                phrase("cannot remove {path}: {strerror}", path=path, strerror=exc.strerror)
            ) from exc
        removed.append(path)
    return removed
