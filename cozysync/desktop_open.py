"""Open things with the desktop, without Qt: a web address in the user's browser, a
file with the desktop's default application, and the address a Cozy shortcut (``.url``)
points to.

- The browser: Python's ``webbrowser`` (it asks ``xdg-open``/``gio`` on a Linux desktop).
- A file: ``xdg-open`` on Linux and the BSDs (freedesktop's xdg-utils, which follows the
  desktop's default application for the file's MIME type), ``open`` on macOS,
  ``os.startfile`` on Windows.  The command is started, not waited for.
- A ``.url`` file: the Windows "Internet Shortcut" format the Cozy writes for its
  shortcuts (cozy-stack ``pkg/shortcut/shortcut.go``: ``[InternetShortcut]`` then
  ``URL=…``); only an http(s) address is taken.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import webbrowser
from pathlib import Path
from urllib.parse import urlsplit

from cozysync.errors import ConfigError
from cozysync.phrases import phrase

__all__ = [
    "NOTE_SUFFIX",
    "SHORTCUT_SUFFIX",
    "is_note",
    "is_shortcut",
    "open_in_browser",
    "open_with_default_app",
    "shortcut_url",
]

NOTE_SUFFIX = ".cozy-note"  # a Cozy note (text/vnd.cozy.note+markdown)
SHORTCUT_SUFFIX = ".url"  # a Cozy shortcut (application/internet-shortcut)
SHORTCUT_SECTION = "[InternetShortcut]"
MAX_SHORTCUT_BYTES = 64 * 1024


def is_note(path: str | Path) -> bool:
    return str(path).lower().endswith(NOTE_SUFFIX)


def is_shortcut(path: str | Path) -> bool:
    return str(path).lower().endswith(SHORTCUT_SUFFIX)


def shortcut_url(path: Path) -> str:
    """The web address a ``.url`` shortcut points to; ``ConfigError`` when it holds none."""
    try:
        with path.open("rb") as stream:
            body = stream.read(MAX_SHORTCUT_BYTES)
    except OSError as exc:
        raise ConfigError(
            phrase(
                "cannot read the shortcut {path!r}: {strerror}",
                path=str(path),
                strerror=exc.strerror,
            ),
            phrase("Check that the file is there and that you may read it."),
        ) from exc
    lines = body.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    address = ""
    in_section = False
    for line in lines:
        text = line.strip()
        if text.startswith("["):
            in_section = text == SHORTCUT_SECTION
        elif in_section and text.partition("=")[0].strip() == "URL":
            address = text.partition("=")[2].strip()
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            phrase("the shortcut {path!r} holds no web address", path=str(path)),
            phrase("Open it from your Cozy's Drive in the browser."),
        )
    return address


def open_in_browser(url: str) -> bool:
    """Open ``url`` in the user's browser; False when no browser could be started."""
    return webbrowser.open(url)


def open_with_default_app(path: Path) -> None:
    """Open ``path`` with the desktop's default application (not waited for)."""
    if not path.exists():
        raise ConfigError(
            phrase("{path!r} is not there", path=str(path)),
            phrase("Check the name; the file may not be synced yet."),
        )
    if sys.platform == "win32":  # pragma: no cover - Windows only
        os.startfile(path)  # type: ignore[attr-defined]
        return
    command = "open" if sys.platform == "darwin" else "xdg-open"
    found = shutil.which(command)
    if found is None:
        raise ConfigError(
            phrase(
                "cannot open {path!r}: the desktop's '{command}' command is missing",
                path=str(path),
                command=command,
            ),
            phrase("Install xdg-utils, or open the file from your file manager."),
        )
    subprocess.Popen(  # a fixed command and one path argument
        [found, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
