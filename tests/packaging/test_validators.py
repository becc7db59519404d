"""The packaged files, checked by the real validators: desktop-file-validate
(desktop-file-utils), appstreamcli (appstream), systemd-analyze (systemd); the Flatpak
manifest parsed; the committed PNG renders present and in step with their SVGs."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from cozysync.desktop import install_desktop
from tests.packaging.conftest import (
    APP_ID,
    DATA,
    PACKAGING,
    canonical_name,
    require_tool,
    runtime_requirements,
)

DESKTOP_FILES = [DATA / f"{APP_ID}.desktop", DATA / "cozysync-autostart.desktop"]
TRAY_STATES = ["up-to-date", "syncing", "offline", "paused", "attention", "not-linked"]


def _run(*cmd: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, timeout=60, env=env
    )


@pytest.mark.parametrize("path", DESKTOP_FILES, ids=lambda p: p.name)
def test_desktop_files_pass_desktop_file_validate(path: Path) -> None:
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    result = _run(tool, path)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_installed_entries_with_a_full_exec_path_still_validate(tmp_path: Path) -> None:
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    bin_dir = tmp_path / "my apps $bin"  # a space and a "$": Exec= must quote them
    bin_dir.mkdir()
    gui = bin_dir / "cozysync-gui"
    gui.write_text("#!/bin/sh\n")
    gui.chmod(0o755)
    env = {
        "PATH": str(bin_dir),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    written = install_desktop(autostart=True, environ=env)
    entries = [p for p in written if p.suffix == ".desktop"]
    assert len(entries) == 2
    for entry in entries:
        assert 'Exec="' in entry.read_text(encoding="utf-8")
        result = _run(tool, entry)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = require_tool("appstreamcli", "appstream")
    metainfo = DATA / f"{APP_ID}.metainfo.xml"
    result = _run(tool, "validate", "--no-net", metainfo)
    assert result.returncode == 0, result.stdout + result.stderr
    # its launchable is the desktop file we ship, by name
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in metainfo.read_text()


def _systemd_complaints(unit: Path, tmp_path: Path) -> list[str]:
    """``systemd-analyze verify --user``: its exit code must be 0, and the lines it prints
    about the unit (bad values are warnings that keep exit code 0) are returned.  User
    mode needs an XDG_RUNTIME_DIR, which a container has not: it gets one in tmp_path."""
    tool = require_tool("systemd-analyze", "systemd")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": str(runtime), "HOME": str(tmp_path)}
    result = _run(tool, "verify", "--user", unit, env=env)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stderr.splitlines() if unit.name in line]


def test_systemd_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    assert _systemd_complaints(DATA / "cozysync.service", tmp_path) == []


def test_systemd_verify_catches_a_broken_unit(tmp_path: Path) -> None:
    """The check above is real: the same run reports a bad value in a copy of the unit."""
    broken = tmp_path / "cozysync.service"
    text = (DATA / "cozysync.service").read_text()
    broken.write_text(text.replace("Restart=on-failure", "Restart=sometimes"))
    complaints = _systemd_complaints(broken, tmp_path)
    assert any("sometimes" in line for line in complaints), complaints


def test_systemd_unit_runs_cozysync_run_and_restarts_on_failure() -> None:
    text = (DATA / "cozysync.service").read_text()
    assert re.search(r"^ExecStart=\S*(env )?cozysync run$", text, re.MULTILINE), text
    assert "Restart=on-failure" in text.splitlines()
    assert "WantedBy=default.target" in text.splitlines()


def test_flatpak_manifest_parses_and_names_its_modules() -> None:
    manifest = json.loads((PACKAGING / "flatpak" / f"{APP_ID}.json").read_text())
    assert manifest["id"] == APP_ID
    assert manifest["command"] == "cozysync-gui"
    names = [module["name"] for module in manifest["modules"]]
    assert names == ["python3-cozysync-dependencies", "cozysync"]
    installed = _pip_installs(manifest["modules"][0]["build-commands"])
    for requirement in [*runtime_requirements(), *_gui_requirements()]:
        name = canonical_name(requirement.name)
        assert name in installed, f"{requirement} is not installed by the Flatpak manifest"
        # the same bounds as pyproject.toml's (PySide6 6.12 aborts on Python 3.11)
        assert installed[name].specifier == requirement.specifier, (installed[name], requirement)
    assert "secretstorage" in installed  # keyring's Secret Service backend in the sandbox
    app = manifest["modules"][1]
    assert app["sources"] == [{"type": "dir", "path": "../.."}]
    installs = " ".join(app["build-commands"])
    for name in (f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml", "icons"):
        assert name in installs


def _pip_installs(commands: list[str]) -> dict[str, Requirement]:
    """The requirements the manifest's ``pip3 install`` commands name, by PEP 503 name."""
    found: dict[str, Requirement] = {}
    for command in commands:
        words = shlex.split(command)
        if words[:2] == ["pip3", "install"]:
            for word in words[2:]:
                if not word.startswith("-"):
                    requirement = Requirement(word)
                    found[canonical_name(requirement.name)] = requirement
    return found


def _gui_requirements() -> list[Requirement]:
    pyproject = tomllib.loads((PACKAGING.parent / "pyproject.toml").read_text())
    return [Requirement(text) for text in pyproject["project"]["optional-dependencies"]["gui"]]


def test_app_and_tray_state_icons_are_svg_with_png_renders() -> None:
    hicolor = DATA / "icons" / "hicolor"
    svgs = {p.stem for p in (hicolor / "scalable").rglob("*.svg")}
    assert svgs == {APP_ID, *(f"cozysync-{s}" for s in TRAY_STATES)}
    for svg in (hicolor / "scalable").rglob("*.svg"):
        context = svg.parent.name
        sizes = [16, 22, 24, 32, 48] + ([64, 128, 256] if context == "apps" else [])
        for size in sizes:
            png = hicolor / f"{size}x{size}" / context / f"{svg.stem}.png"
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
            assert _png_size(png) == (size, size), png


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[16:24]
    return int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")


def test_png_renders_are_up_to_date(tmp_path: Path) -> None:
    """Rendering each SVG again gives the committed PNG: an SVG edited without running
    packaging/render-icons shows here (Debian 12's rsvg-convert, as CI has)."""
    tool = require_tool("rsvg-convert", "librsvg2-bin")
    hicolor = DATA / "icons" / "hicolor"
    for svg in (hicolor / "scalable").rglob("*.svg"):
        out = tmp_path / f"{svg.stem}.png"
        subprocess.run([tool, "-w", "32", "-h", "32", "-o", str(out), str(svg)], check=True)
        committed = hicolor / "32x32" / svg.parent.name / f"{svg.stem}.png"
        assert out.read_bytes() == committed.read_bytes(), svg.name
