"""The file types cozysync opens with a double-click (issue 17, item 4): a Cozy note
(``.cozy-note``, ``text/vnd.cozy.note+markdown``) and an Internet shortcut (``.url``,
shared-mime-info's ``application/x-mswinurl``) open in the browser through ``cozysync
open``.  ``cozysync install-desktop --file-types`` puts, for the current user, the hidden
entry ``org.cozysync.CozySync.Open.desktop`` in ``$XDG_DATA_HOME/applications`` (its
``Exec=`` the ``cozysync`` really installed) and the note's type in
``$XDG_DATA_HOME/mime/packages``, then runs shared-mime-info's ``update-mime-database`` and
desktop-file-utils' ``update-desktop-database`` where they are installed (what a system
package's triggers do): GLib and the file managers then know the type and open it with
the entry.  ``uninstall-desktop`` removes both and runs them again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from cozysync.desktop import APP_ID, DesktopPaths, _exec_quote, data_file
from cozysync.errors import ConfigError
from cozysync.phrases import phrase

__all__ = ["CLI_COMMAND", "OPEN_SOURCE", "install_file_types", "uninstall_file_types"]

CLI_COMMAND = "cozysync"
OPEN_SOURCE = f"{APP_ID}.Open.desktop"
MIME_SOURCE = f"{APP_ID}.mime.xml"


def _targets(paths: DesktopPaths) -> tuple[Path, Path]:
    return (
        paths.data_home / "applications" / OPEN_SOURCE,
        paths.data_home / "mime" / "packages" / f"{APP_ID}.xml",
    )


def _cli(environ: Mapping[str, str]) -> str:
    """The ``Exec=`` program: beside a bundle's executable, else found on PATH."""
    if getattr(sys, "frozen", False):
        bundled = Path(sys.executable).with_name(CLI_COMMAND)
        if bundled.is_file():
            return _exec_quote(str(bundled))
    found = shutil.which(CLI_COMMAND, path=environ.get("PATH"))
    return _exec_quote(str(Path(found).absolute())) if found else CLI_COMMAND


def install_file_types(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Install the Open entry and the note's type; the files written."""
    env = os.environ if environ is None else environ
    paths = DesktopPaths.from_env(env)
    entry, mime = _targets(paths)
    lines = data_file(OPEN_SOURCE).read_text(encoding="utf-8").splitlines()
    program = _cli(env)
    text = "\n".join(
        ln.replace("Exec=cozysync ", f"Exec={program} ", 1) if ln.startswith("Exec=") else ln
        for ln in lines
    )
    try:
        for target in (entry, mime):
            target.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(text + "\n", encoding="utf-8")
        mime.write_bytes(data_file(MIME_SOURCE).read_bytes())
    except OSError as exc:
        raise ConfigError(
            phrase(
                "cannot install the file types: {strerror} ({filename})",
                strerror=exc.strerror,
                filename=exc.filename,
            ),
            phrase("Check that you may write in your home folder and that the disk is not full."),
        ) from exc
    _update_databases(paths, env)
    return [entry, mime]


def uninstall_file_types(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Remove what ``install_file_types`` wrote; the files removed."""
    env = os.environ if environ is None else environ
    paths = DesktopPaths.from_env(env)
    removed = []
    for target in _targets(paths):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise ConfigError(
                phrase("cannot remove {target}: {strerror}", target=target, strerror=exc.strerror)
            ) from exc
        removed.append(target)
    if removed:
        _update_databases(paths, env)
    return removed


def _update_databases(paths: DesktopPaths, env: Mapping[str, str]) -> None:
    """Best effort: without the tools the files are in place for the next update."""
    for tool, folder in (
        ("update-mime-database", paths.data_home / "mime"),
        ("update-desktop-database", paths.data_home / "applications"),
    ):
        found = shutil.which(tool, path=env.get("PATH"))
        if found is not None and folder.is_dir():
            subprocess.run(  # a fixed tool and one folder argument
                [found, str(folder)],
                env=dict(env),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=120,
                check=False,
            )
