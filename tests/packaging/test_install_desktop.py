"""``cozysync install-desktop`` / ``uninstall-desktop`` through the real command, with
HOME and the XDG folders inside tmp_path: exactly the expected files come and go."""

from __future__ import annotations

from pathlib import Path

from cozysync.desktop import AUTOSTART_NAME
from tests.packaging.conftest import APP_ID, DATA, UserEnv


def _expected_icons(data_home: Path) -> set[Path]:
    source = DATA / "icons"
    return {data_home / "icons" / p.relative_to(source) for p in source.rglob("*") if p.is_file()}


def _desktop_files(user: UserEnv) -> set[Path]:
    """Files under the XDG data and config homes (the log lives in COZYSYNC_HOME)."""
    return {p for p in user.files() if user.data_home in p.parents or user.config_home in p.parents}


def test_install_then_uninstall_puts_and_removes_exactly_the_files(user_env: UserEnv) -> None:
    unrelated = user_env.data_home / "applications" / "other.desktop"
    unrelated.parent.mkdir(parents=True)
    unrelated.write_text("[Desktop Entry]\n")
    before = _desktop_files(user_env)

    result = user_env.cozysync("install-desktop")
    assert result.code == 0, result.err
    entry = user_env.data_home / "applications" / f"{APP_ID}.desktop"
    expected = {entry} | _expected_icons(user_env.data_home)
    assert _desktop_files(user_env) - before == expected
    assert len(expected) == 1 + 6 * 6 + 9  # entry; 6 tray states x 6 sizes; app icon x 9
    assert not (user_env.config_home / "autostart").exists()  # only when asked
    text = entry.read_text(encoding="utf-8")
    assert f"Icon={APP_ID}" in text and "Exec=cozysync-gui" in text  # not on PATH here

    result = user_env.cozysync("uninstall-desktop")
    assert result.code == 0, result.err
    assert f"Removed {len(expected)} files" in result.out
    assert _desktop_files(user_env) == before


def test_autostart_is_installed_only_when_asked_and_removed(user_env: UserEnv) -> None:
    assert user_env.cozysync("install-desktop", "--autostart").code == 0
    autostart = user_env.config_home / "autostart" / AUTOSTART_NAME
    text = autostart.read_text(encoding="utf-8")
    assert "X-GNOME-Autostart-enabled=true" in text and "NoDisplay=true" in text
    assert user_env.cozysync("uninstall-desktop").code == 0
    assert not autostart.exists()
    assert _desktop_files(user_env) == set()


def test_install_twice_is_harmless_and_uninstall_twice_too(user_env: UserEnv) -> None:
    assert user_env.cozysync("install-desktop").code == 0
    first = {p: p.read_bytes() for p in _desktop_files(user_env)}
    assert user_env.cozysync("install-desktop").code == 0
    assert {p: p.read_bytes() for p in _desktop_files(user_env)} == first
    assert user_env.cozysync("uninstall-desktop").code == 0
    again = user_env.cozysync("uninstall-desktop")
    assert again.code == 0 and "Nothing to remove" in again.out


def test_exec_points_at_the_installed_tray_app(user_env: UserEnv, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gui = bin_dir / "cozysync-gui"
    gui.write_text("#!/bin/sh\n")
    gui.chmod(0o755)
    user_env.env["PATH"] = f"{bin_dir}:{user_env.env['PATH']}"
    assert user_env.cozysync("install-desktop", "--autostart").code == 0
    for entry in (
        user_env.data_home / "applications" / f"{APP_ID}.desktop",
        user_env.config_home / "autostart" / AUTOSTART_NAME,
    ):
        assert f"Exec={gui}\n" in entry.read_text(encoding="utf-8")


def test_a_home_that_cannot_be_written_is_one_clear_error(user_env: UserEnv) -> None:
    user_env.data_home.parent.mkdir(parents=True, exist_ok=True)
    user_env.data_home.write_text("not a folder")
    result = user_env.cozysync("install-desktop")
    assert result.code == 1
    assert result.err.startswith("cozysync: cannot install the desktop files")
    assert "Traceback" not in result.err
