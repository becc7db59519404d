"""The tray app idle (issue 14, item 3): its CPU and its whole-folder walks, and what one
``status()`` costs, on folders of many files.

    .venv/bin/python -m bench.tray_idle [--files 20000] [--folders 2] [--seconds 300]
                                        [--code DIR]

The parent makes the folders (the same files here and on a WsgiDAV server it runs in a
process of its own), syncs them once with ``cozysync sync --once``, then starts the app
(``CozySyncApp``, offscreen: its window stands for the tray; the real engine, a watch
loop per folder) in a child process.  The child counts every call of
``LocalFolder.scan_held`` on a folder's root (a whole-folder walk) — by wrapping it here,
in the measurement, not in the product — and tells the engine's own walks (called from
``cozysync/sync/``) from the others; it waits until every folder is up to date, then
measures its own CPU (``getrusage``) over ``--seconds`` idle, then times ``status()``
of one folder while its engine serves it.  A last child times one ``status()`` with no
engine running (a lone ``cozysync status``).

``--code DIR`` runs the children on another checkout (e.g. a ``git worktree`` of an older
commit, for a before/after): its ``cozysync`` and ``ui`` are imported instead of these.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "bench", "bench pass"


# --- the parent ------------------------------------------------------------------------


def make_files(root: Path, count: int) -> None:
    """``count`` small files, 100 to a folder."""
    for i in range(count):
        folder = root / f"d{i // 100:03d}"
        if i % 100 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{i:05d}.txt").write_bytes(b"x" * (i % 997))


def start_server(root: Path, port: int) -> subprocess.Popen[bytes]:
    """WsgiDAV in a process of its own (its CPU is not the app's)."""
    args = ["-m", "bench.dav_wsgi", str(root), str(port), USER, PASSWORD]
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, stderr=subprocess.DEVNULL)


def cli(env: dict[str, str], code: Path, *args: str, stdin: str | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "cozysync", *args], env=env, cwd=code, input=stdin,
        text=True, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def prepare(work: Path, files: int, folders: int, url: str, code: Path) -> dict[str, str]:
    env = {**os.environ, "COZYSYNC_HOME": str(work / "home"), "PYTHONPATH": str(code)}
    env["XDG_DATA_HOME"] = str(work / "xdg")
    for n in range(folders):
        local = work / f"local{n}"
        make_files(local, files)
        (work / "dav" / f"f{n}").mkdir()
        link = ["link", str(local), f"{url}/f{n}/", "--user", USER, "--name", f"f{n}"]
        cli(env, code, *link, "--password-stdin", "--insecure-file-store", stdin=PASSWORD + "\n")
        started = time.monotonic()
        cli(env, code, "sync", "--once", "--name", f"f{n}")
        print(f"  f{n}: first sync of {files} files in {time.monotonic() - started:.0f} s")
    return env


def run_child(env: dict[str, str], code: Path, mode: str, seconds: float) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--code", str(code),
         "--seconds", str(seconds)],
        env={**env, "QT_QPA_PLATFORM": "offscreen"}, cwd=code, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"the {mode} child failed:\n{out.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--folders", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--child", choices=("tray", "lone"))
    args = parser.parse_args()
    if args.child:
        child(args.child, args.code.resolve(), args.seconds)
        return
    code = args.code.resolve()
    with tempfile.TemporaryDirectory(prefix="tray-idle-") as tmp:
        work = Path(tmp)
        (work / "dav").mkdir()
        port = _free_port()
        server = start_server(work / "dav", port)
        try:
            _wait_for(port)
            print(f"{args.folders} folders x {args.files} files, code from {code}")
            env = prepare(work, args.files, args.folders, f"http://127.0.0.1:{port}", code)
            tray = run_child(env, code, "tray", args.seconds)
            lone = run_child(env, code, "lone", 0)
        finally:
            server.terminate()
            server.wait()
    print(json.dumps({"tray": tray, "lone": lone}, indent=2))


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, timeout: float = 30.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("the WebDAV server did not start")


# --- the children ----------------------------------------------------------------------


class WalkCounter:
    """Counts ``LocalFolder.scan_held`` on a folder's root, by who asked."""

    def __init__(self) -> None:
        self.engine = 0
        self.others = 0
        self.other_callers: dict[str, int] = {}

    def install(self) -> None:
        from cozysync.local.fs import LocalFolder

        original = LocalFolder.scan_held
        counter = self

        def counted(self: Any, ignore: Any, under: str = "") -> Any:
            if not under:
                counter.count(sys._getframe(1))
            return original(self, ignore, under)

        LocalFolder.scan_held = counted  # type: ignore[method-assign]

    def count(self, frame: Any) -> None:
        caller = f"{Path(frame.f_code.co_filename).name}:{frame.f_code.co_name}"
        if f"{os.sep}sync{os.sep}" in frame.f_code.co_filename:
            self.engine += 1
        else:
            self.others += 1
            self.other_callers[caller] = self.other_callers.get(caller, 0) + 1

    def as_dict(self) -> dict[str, Any]:
        return {"engine": self.engine, "others": self.others, "by": self.other_callers}


def _use_code(code: Path) -> None:
    """Import ``cozysync`` and ``cozysync_ui`` from ``code`` (a checkout)."""
    import importlib.util

    sys.path.insert(0, str(code))
    spec = importlib.util.spec_from_file_location(
        "cozysync_ui", code / "ui" / "__init__.py", submodule_search_locations=[str(code / "ui")]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["cozysync_ui"] = module
    spec.loader.exec_module(module)


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed_status(service: Any, name: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        service.status(name)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def child(mode: str, code: Path, seconds: float) -> None:
    _use_code(code)
    walks = WalkCounter()
    walks.install()
    from cozysync.api import SyncService
    from cozysync.config import Locations

    service = SyncService(Locations.from_env())
    names = [f.name for f in service.list_folders()]
    if mode == "lone":
        print(json.dumps({"status_s": _timed_status(service, names[0]), "walks": walks.as_dict()}))
        return
    print(json.dumps(tray_idle(service, names, walks, seconds)))


def tray_idle(service: Any, names: list[str], walks: WalkCounter, seconds: float) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from cozysync_ui.app import CozySyncApp
    from cozysync_ui.itemmodels.sync_state import State
    from cozysync_ui.settings import UiSettings

    qapp = QApplication.instance() or QApplication([])
    app = CozySyncApp(service, UiSettings(service.locations.config_dir), use_tray=False)
    app.start()
    result: dict[str, Any] = {}
    state = app.controller.state

    def settled() -> bool:  # every engine's first pass ended, up to date
        return len(state.statuses) == len(names) and all(
            n in state.live and state.folder_state(n) is State.UP_TO_DATE for n in names
        )

    deadline = time.monotonic() + 300
    while not settled() and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.05)
    result["settled"] = settled()
    result["states"] = {n: str(state.folder_state(n)) for n in state.statuses}
    result["walks_until_idle"] = walks.as_dict()
    before = {"engine": walks.engine, "others": walks.others}
    cpu, wall = _cpu_s(), time.monotonic()
    idle = QEventLoop()  # not qapp.exec(): the app may keep running when asked to quit
    QTimer.singleShot(int(seconds * 1000), idle.quit)
    idle.exec()
    cpu, wall = _cpu_s() - cpu, time.monotonic() - wall
    result["idle_s"] = round(wall, 1)
    result["idle_cpu_percent"] = round(100 * cpu / wall, 2)
    result["idle_walks"] = {
        "engine": walks.engine - before["engine"],
        "others": walks.others - before["others"],
    }
    result["served_status_s"] = _timed_status(service, names[0])
    result["walks_at_end"] = walks.as_dict()  # the timed status() calls included
    app.controller.quit()
    return result


if __name__ == "__main__":
    main()
