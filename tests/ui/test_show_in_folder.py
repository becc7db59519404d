"""Issue 16, item 10: a recent item shows its file selected in the file manager through
``org.freedesktop.FileManager1.ShowItems`` when one is on the session bus, else its
folder is opened; the bus is asked off the GUI thread.  Each case runs in a process of its
own on a private session bus
(``dbus-run-session``, a real dbus-daemon); the file manager is
``tests/ui/file_manager_double.py`` (none runs here)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-run-session") is None, reason="needs dbus-run-session (dbus-daemon)"
)


def show(path: Path, calls: Path, *options: str, bus_config: Path | None = None) -> list[str]:
    driver = [sys.executable, "-m", "tests.ui.show_in_folder_driver", str(path), str(calls)]
    config = [f"--config-file={bus_config}"] if bus_config else []
    done = subprocess.run(
        ["dbus-run-session", *config, "--", *driver, *options],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return list(json.loads(done.stdout.splitlines()[-1]))


def test_the_file_manager_shows_the_file_itself(tmp_path: Path) -> None:
    folder = tmp_path / "Cours de français"
    folder.mkdir()
    (folder / "exercice 1.txt").write_text("x\n")
    calls = tmp_path / "calls.jsonl"

    opened = show(folder / "exercice 1.txt", calls, "--file-manager")

    assert opened == []  # not the folder: the file manager was asked
    uri = (folder / "exercice 1.txt").as_uri()
    assert [json.loads(line) for line in calls.read_text().splitlines()] == [[[uri], ""]]


def test_the_gui_thread_runs_while_the_file_manager_takes_its_time(tmp_path: Path) -> None:
    """The D-Bus call is made off the GUI thread: while the file manager holds its
    answer, a timer started on the GUI thread runs; the file is shown afterwards."""
    (tmp_path / "lent.txt").write_text("x\n")
    calls = tmp_path / "calls.jsonl"
    driver = [sys.executable, "-m", "tests.ui.show_in_folder_driver", str(tmp_path / "lent.txt")]
    done = subprocess.run(
        ["dbus-run-session", "--", *driver, str(calls), "--slow-file-manager"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    result = json.loads(done.stdout.splitlines()[-1])
    assert result == {"opened": [], "timer_ran_while_held": True}
    assert json.loads(calls.read_text()) == [[(tmp_path / "lent.txt").as_uri()], ""]


def test_without_a_file_manager_the_folder_opens(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x\n")
    calls = tmp_path / "calls.jsonl"
    assert show(tmp_path / "a.txt", calls) == [str(tmp_path)]
    assert not calls.exists()


def test_a_file_gone_since_opens_its_folder(tmp_path: Path) -> None:
    calls = tmp_path / "calls.jsonl"
    assert show(tmp_path / "gone.txt", calls, "--file-manager") == [str(tmp_path)]
    assert not calls.exists()


def test_a_file_manager_the_bus_starts_is_asked_too(tmp_path: Path) -> None:
    """Installed but not running (Nautilus is started by D-Bus activation)."""
    (tmp_path / "a b.txt").write_text("x\n")
    calls = tmp_path / "calls.jsonl"
    services = tmp_path / "services"
    services.mkdir()
    double = Path(__file__).with_name("file_manager_double.py")
    (services / "org.freedesktop.FileManager1.service").write_text(
        "[D-BUS Service]\nName=org.freedesktop.FileManager1\n"
        f"Exec={sys.executable} {double} {calls}\n"
    )
    config = tmp_path / "session.conf"
    config.write_text(SESSION_CONF.format(services=services))

    assert show(tmp_path / "a b.txt", calls, bus_config=config) == []
    assert json.loads(calls.read_text()) == [[(tmp_path / "a b.txt").as_uri()], ""]


SESSION_CONF = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
