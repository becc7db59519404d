"""``python -m bench.stop_latency``: how long cozysync takes to stop when asked during a
100 MB transfer (issue 13, item 9; the target is 2 s).

Three ways to stop, each during a download and during an upload:

- ``sync --once``: a process, SIGINT when the transfer is under way, until it exits;
- ``run``: the same for the watch mode;
- ``quit``: the tray's Quit path, ``AppController.quit`` (offscreen Qt, no screen), timed
  as the GUI thread sees it: until ``quit`` returns with every engine thread ended.

The server is WsgiDAV on 127.0.0.1 slowed on purpose (``tests/slow_bodies.py``, default
2 MiB/s, so a 100 MB transfer would last about 50 s); the stop is asked once 8 MiB have
moved.  Each trial starts from scratch (server, folder, settings) and checks what a stop
must leave: nothing at the target path, no local temp file.  Prints every trial and the
median of ``--runs`` (3) per case; ``--json FILE`` saves them.

python -m bench.stop_latency [--size 100M] [--rate-kib 2048] [--runs 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.servers import WsgiDavServer
from tests.slow_bodies import SlowBodies, slow_down

MiB = 1 << 20
UNDER_WAY = 8 * MiB  # bytes moved before the stop is asked
PIECE = 64 << 10
FILE = "film.bin"
WAYS = ("sync --once", "run", "quit")
DIRECTIONS = ("download", "upload")


@dataclass
class Trial:
    way: str
    direction: str
    latency_s: float
    exit_code: int | None  # None for the tray's quit (no process)
    clean: bool  # nothing at the target path, no local temp file


@dataclass
class Setup:
    """One trial's server, folder and settings, all under ``scratch``."""

    scratch: Path
    server: WsgiDavServer
    slow: SlowBodies
    local: Path
    env: dict[str, str]

    def moved(self, direction: str) -> int:
        """Bytes in the transfer's temp file so far (local for a download)."""
        root = self.local if direction == "download" else self.server.root
        return sum(p.stat().st_size for p in root.rglob(".cozysync-*.tmp") if p.is_file())

    def is_clean(self, direction: str) -> bool:
        target = (self.local if direction == "download" else self.server.root) / FILE
        return not target.exists() and not list(self.local.rglob(".cozysync-*.tmp"))


@contextmanager
def _setup(data: bytes, direction: str, rate: int) -> Iterator[Setup]:
    with tempfile.TemporaryDirectory(prefix="cozysync-stop-") as name:
        scratch = Path(name)
        server = WsgiDavServer(scratch / "server")
        server.start()
        try:
            slow = slow_down(server)
            slow.every_s = PIECE / rate
            local = scratch / "local"
            local.mkdir()
            env = {
                **os.environ,
                "COZYSYNC_HOME": str(scratch / "home"),
                "XDG_DATA_HOME": str(scratch / "xdg-data"),
            }
            _link(local, server, env)
            (server.root if direction == "download" else local).joinpath(FILE).write_bytes(data)
            yield Setup(scratch, server, slow, local, env)
        finally:
            slow.release()
            server.stop()


def _link(local: Path, server: WsgiDavServer, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "cozysync", "link", str(local), server.url, "--user",
         server.user, "--password-stdin", "--name", "docs", "--insecure-file-store"],
        input=f"{server.password}\n", env=env, text=True, check=True, capture_output=True,
    )  # fmt: skip


def _wait_until(condition: Callable[[], bool], timeout: float = 120.0, step: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the transfer did not start")
        time.sleep(step)


def cli_trial(way: str, direction: str, data: bytes, rate: int) -> Trial:
    """``cozysync sync --once`` or ``cozysync run``, SIGINT once UNDER_WAY bytes moved."""
    with _setup(data, direction, rate) as setup:
        args = ["sync", "--once"] if way == "sync --once" else ["run"]
        log = open(setup.scratch / "out.log", "wb")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "cozysync", *args], env=setup.env,
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_until(
                lambda: setup.moved(direction) >= UNDER_WAY or proc.poll() is not None,
            )
            if proc.poll() is not None:
                log.flush()
                output = (setup.scratch / "out.log").read_text(errors="replace")
                raise RuntimeError(f"{way} ended before the stop:\n{output}")
            asked = time.monotonic()
            proc.send_signal(signal.SIGINT)
            code = proc.wait(timeout=300)
            latency = time.monotonic() - asked
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            log.close()
        return Trial(way, direction, latency, code, setup.is_clean(direction))


def quit_trial(direction: str, data: bytes, rate: int) -> Trial:
    """The tray's Quit: ``AppController.quit`` on an offscreen QApplication."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from cozysync.api import SyncService
    from cozysync.config import Locations
    from cozysync_ui.controller import AppController

    app = QApplication.instance() or QApplication([])
    with _setup(data, direction, rate) as setup:
        saved = {key: os.environ.get(key) for key in ("COZYSYNC_HOME", "XDG_DATA_HOME")}
        os.environ.update({key: setup.env[key] for key in saved})
        try:
            controller = AppController(SyncService(Locations.from_env()))
            controller.start()
            deadline = time.monotonic() + 120
            while setup.moved(direction) < UNDER_WAY:
                if time.monotonic() > deadline:
                    raise RuntimeError("the transfer did not start")
                app.processEvents()
                time.sleep(0.02)
            asked = time.monotonic()
            controller.quit()
            latency = time.monotonic() - asked
            app.processEvents()
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        return Trial("quit", direction, latency, None, setup.is_clean(direction))


def _size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().removesuffix("B")
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stop_latency", description=__doc__)
    parser.add_argument("--size", default="100M", help="the file transferred (default 100M)")
    parser.add_argument("--rate-kib", type=int, default=2048, help="the server's pace, KiB/s")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ways", default=",".join(WAYS), help="sync --once,run,quit")
    parser.add_argument("--json", type=Path, help="save every trial and the medians here")
    args = parser.parse_args(argv)
    data = os.urandom(_size(args.size))
    rate = args.rate_kib * 1024
    trials: list[Trial] = []
    for way in [w.strip() for w in args.ways.split(",")]:
        for direction in DIRECTIONS:
            for _ in range(args.runs):
                trial = (
                    quit_trial(direction, data, rate)
                    if way == "quit"
                    else cli_trial(way, direction, data, rate)
                )
                trials.append(trial)
                print(
                    f"{way:12} {direction:9} {trial.latency_s:6.2f} s  exit {trial.exit_code}"
                    f"  {'clean' if trial.clean else 'NOT CLEAN'}",
                    flush=True,
                )
    medians = _medians(trials)
    print("\nmedian stop latency (s), of", args.runs, "runs:")
    for key, value in medians.items():
        print(f"  {key:22} {value:.2f}")
    if args.json:
        args.json.write_text(
            json.dumps({"trials": [asdict(t) for t in trials], "medians_s": medians}, indent=1)
        )
    return 0 if all(t.clean for t in trials) else 1


def _medians(trials: list[Trial]) -> dict[str, float]:
    cases: dict[str, list[float]] = {}
    for trial in trials:
        cases.setdefault(f"{trial.way} / {trial.direction}", []).append(trial.latency_s)
    return {case: statistics.median(values) for case, values in cases.items()}


if __name__ == "__main__":
    sys.exit(main())
