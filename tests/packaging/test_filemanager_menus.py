"""The desktop's side of issue 17, items 4 and 5, checked by the real tools: Dolphin's
service menu and the "open in the browser" entry by desktop-file-validate, the note's
file type by update-mime-database, and what a double-click runs by GLib's own lookup
(Gio, in the system's Python: the code file managers use)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

from tests.packaging.conftest import APP_ID, DATA, PACKAGING, UserEnv, require_tool

DOLPHIN = PACKAGING / "filemanager" / "cozysync-dolphin.desktop"
OPEN_ENTRY = DATA / f"{APP_ID}.Open.desktop"
MIME_XML = DATA / f"{APP_ID}.mime.xml"
NOTE_TYPE = "text/vnd.cozy.note+markdown"
SYSTEM_PYTHON = Path("/usr/bin/python3")

# A KDE service menu is "Type=Service" with MimeType and Actions: KIO reads those keys
# (kio servicemenus), the Desktop Entry spec allows them for applications only, and
# desktop-file-validate says exactly this of every service menu; nothing else may fail.
SERVICE_TYPE_ONLY = [
    f'{DOLPHIN}: error: key "MimeType" is present in group "Desktop Entry", but the type is '
    '"Service" while this key is only valid for type "Application"',
    f'{DOLPHIN}: error: key "Actions" is present in group "Desktop Entry", but the type is '
    '"Service" while this key is only valid for type "Application"',
]


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    return subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=60)


def test_the_dolphin_service_menu_passes_desktop_file_validate_but_for_its_type():
    result = _validate(DOLPHIN)
    assert result.stdout.splitlines() == SERVICE_TYPE_ONLY, result.stdout + result.stderr
    text = DOLPHIN.read_text(encoding="utf-8")
    for action in ("share", "copy-share-link", "versions", "deleted-files"):
        assert f"Exec=cozysync app-request {action} %f" in text
    assert "Exec=cozysync open --online %f" in text
    assert "Name[fr]=Ouvrir en ligne" in text


def test_the_validator_does_check_the_rest_of_the_service_menu(tmp_path: Path):
    broken = tmp_path / DOLPHIN.name
    text = DOLPHIN.read_text(encoding="utf-8").replace(
        "Exec=cozysync app-request share %f", "Exec=cozysync app-request share %f; rm x"
    )
    broken.write_text(text, encoding="utf-8")
    errors = _validate(broken).stdout.splitlines()
    assert len(errors) > len(SERVICE_TYPE_ONLY)
    assert any("reserved character ';'" in line for line in errors)


def test_the_open_entry_passes_desktop_file_validate():
    result = _validate(OPEN_ENTRY)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    text = OPEN_ENTRY.read_text(encoding="utf-8")
    assert "Exec=cozysync open %f" in text and "NoDisplay=true" in text
    assert f"MimeType={NOTE_TYPE};application/x-mswinurl;" in text


def test_a_double_click_on_a_note_or_a_shortcut_runs_cozysync_open(tmp_path: Path):
    """The note's type registered in a user's data folder and the entry indexed, then
    GLib asked, as Nautilus asks it, what a .cozy-note and a .url are and which entry
    opens them (before Debian's vim.desktop, which opens any text)."""
    tool = require_tool("update-mime-database", "shared-mime-info")
    if not SYSTEM_PYTHON.exists():
        _missing("no system Python (/usr/bin/python3) with GLib's bindings (python3-gi)")
    data_home = tmp_path / "share"
    bin_dir = tmp_path / "bin"  # GLib offers only an entry whose Exec program is found
    bin_dir.mkdir()
    (bin_dir / "cozysync").write_text("#!/bin/sh\n")
    (bin_dir / "cozysync").chmod(0o755)
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(data_home),
        "XDG_DATA_DIRS": "/usr/share",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    (data_home / "mime" / "packages").mkdir(parents=True)
    shutil.copy(MIME_XML, data_home / "mime" / "packages" / f"{APP_ID}.xml")
    updated = subprocess.run(
        [tool, str(data_home / "mime")], capture_output=True, text=True, env=env, timeout=60
    )
    assert updated.returncode == 0 and not updated.stderr.strip(), updated.stderr
    (data_home / "applications").mkdir()
    shutil.copy(OPEN_ENTRY, data_home / "applications" / OPEN_ENTRY.name)
    indexer = require_tool("update-desktop-database", "desktop-file-utils")
    indexed = subprocess.run(
        [indexer, str(data_home / "applications")], capture_output=True, text=True, env=env
    )  # as a package's trigger (or install-desktop) does: mimeinfo.cache
    assert indexed.returncode == 0, indexed.stderr
    script = (
        "import json; from gi.repository import Gio\n"
        "types = [Gio.content_type_guess(n, None)[0] for n in ('Sortie.cozy-note', 'Cours.url')]\n"
        "apps = [Gio.AppInfo.get_default_for_type(t, False) for t in types]\n"
        "print(json.dumps([types, [a.get_id() if a else None for a in apps],\n"
        "                  Gio.content_type_is_a(types[0], 'text/plain')]))\n"
    )
    asked = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    if asked.returncode != 0 and "No module named 'gi'" in asked.stderr:
        _missing("GLib's bindings are not installed for the system Python (python3-gi)")
    assert asked.returncode == 0, asked.stderr
    types, apps, is_text = json.loads(asked.stdout)
    assert types == [NOTE_TYPE, "application/x-mswinurl"]
    assert apps == [OPEN_ENTRY.name, OPEN_ENTRY.name]
    assert is_text  # a note is text (markdown) for every other program


def test_install_desktop_file_types_registers_them_and_uninstall_removes_them(
    user_env: UserEnv, tmp_path: Path
):
    require_tool("update-mime-database", "shared-mime-info")
    require_tool("update-desktop-database", "desktop-file-utils")
    bin_dir = tmp_path / "my bin"  # a space: Exec= must quote the path
    bin_dir.mkdir()
    (bin_dir / "cozysync").write_text("#!/bin/sh\n")
    (bin_dir / "cozysync").chmod(0o755)
    user_env.env["PATH"] = f"{bin_dir}:{user_env.env['PATH']}"
    result = user_env.cozysync("install-desktop", "--file-types")
    assert result.code == 0, result.err
    entry = user_env.data_home / "applications" / OPEN_ENTRY.name
    mime = user_env.data_home / "mime" / "packages" / f"{APP_ID}.xml"
    assert f'Exec="{bin_dir}/cozysync" open %f' in entry.read_text(encoding="utf-8")
    assert mime.read_bytes() == MIME_XML.read_bytes()
    assert _validate(entry).returncode == 0
    assert "cozy-note" in (user_env.data_home / "mime" / "globs2").read_text(encoding="utf-8")
    cache = user_env.data_home / "applications" / "mimeinfo.cache"
    assert f"{NOTE_TYPE}={OPEN_ENTRY.name};" in cache.read_text(encoding="utf-8")
    removed = user_env.cozysync("uninstall-desktop")
    assert removed.code == 0, removed.err
    assert not entry.exists() and not mime.exists()
    assert "cozy-note" not in (user_env.data_home / "mime" / "globs2").read_text(encoding="utf-8")


def _missing(why: str) -> NoReturn:
    """A failure in CI (scripts/setup --test installs python3-gi), else a skip."""
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)
