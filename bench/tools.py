"""The three clients measured, each as the same phases run as child processes:
cozysync (its CLI), rclone bisync, and the raw client (bench/raw.py)."""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.proc import Measure, run_measured
from bench.servers import Server

Phase = Callable[[], Measure]
# The interpreter of cozysync and the raw client: ``BENCH_PYTHON`` (a venv holding only
# cozysync's dependencies, as users install it), else the bench's own.  A development
# environment costs each process ~0.2 s of CPU more to start: httpx and httpcore import
# the optional rich, click and trio when they are installed.
PY = os.environ.get("BENCH_PYTHON") or sys.executable
REPO = Path(__file__).resolve().parent.parent


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The clients' environment: bytecode is used as a user's install has it (the runner
    compiles the tree once; ``PYTHONDONTWRITEBYTECODE`` would have every start compile
    every cozysync module again)."""
    env = {**os.environ, **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_tree() -> None:
    """Write the bytecode of cozysync and bench (as ``pip install`` does)."""
    for package in ("cozysync", "bench"):
        compileall.compile_dir(REPO / package, quiet=1)


class Tool:
    """One client on one server, working in ``scratch``; ``phase(name)`` runs it once."""

    name = ""

    def __init__(self, server: Server, scratch: Path) -> None:
        self.server, self.scratch = server, scratch
        self.log = scratch / f"{self.name}.log"
        self.upload_dir = scratch / f"{self.name}-up"  # the folder uploaded, then edited
        self.download_dir = scratch / f"{self.name}-down"  # filled from the server

    def run(self, cmd: list[str], env: dict[str, str] | None = None, **kw: Any) -> Measure:
        """Run one command of the tool; a failure is recorded (returncode), not raised."""
        full_env = child_env(env)
        measure = run_measured(cmd, env=full_env, log=self.log, cwd=REPO, **kw)
        if measure.returncode != 0:
            print(f"{self.name}: {' '.join(cmd)} failed:\n{measure.output[-600:]}", flush=True)
        return measure

    def upload(self) -> Measure:
        raise NotImplementedError

    def adopt(self) -> Measure:
        """The first run on a server that already holds the same tree."""
        raise NotImplementedError

    def resync(self) -> Measure:
        raise NotImplementedError

    def download(self) -> Measure:
        raise NotImplementedError


class Cozysync(Tool):
    name = "cozysync"

    def _env(self, home: str) -> dict[str, str]:
        return {"COZYSYNC_HOME": str(self.scratch / home)}

    def link(self, local_dir: Path, home: str) -> Measure:
        local_dir.mkdir(exist_ok=True)
        cmd = [PY, "-m", "cozysync", "link", str(local_dir), self.server.url, "--name", "bench",
               "--user", self.server.user, "--password-stdin", "--insecure-file-store"]  # fmt: skip
        return self.run(cmd, self._env(home), stdin=self.server.password + "\n")

    def sync(self, home: str) -> Measure:
        return self.run([PY, "-m", "cozysync", "sync", "--once"], self._env(home))

    def upload(self) -> Measure:
        self.link(self.upload_dir, "home-up")
        return self.sync("home-up")

    def resync(self) -> Measure:
        return self.sync("home-up")

    def download(self) -> Measure:
        self.link(self.download_dir, "home-down")
        return self.sync("home-down")

    def watch_command(self) -> tuple[list[str], dict[str, str]]:
        return [PY, "-m", "cozysync", "run"], child_env(self._env("home-down"))


# rclone 1.60's bisync refuses a remote without modification times ("modification time
# support is missing on path2"), which is what ``vendor = other`` gives; ``owncloud`` sends
# X-OC-Mtime (honoured by WsgiDAV, ignored by Apache) and declares a 1 s precision.
VENDOR = "owncloud"


def obscure(password: str) -> str:
    done = subprocess.run(["rclone", "obscure", password], capture_output=True, check=True)
    return done.stdout.decode().strip()


class RcloneBisync(Tool):
    name = "rclone"

    def __init__(self, server: Server, scratch: Path) -> None:
        super().__init__(server, scratch)
        (scratch / "rclone.conf").write_text("")
        self.env = {
            "RCLONE_CONFIG": str(scratch / "rclone.conf"),
            "RCLONE_CONFIG_BENCH_TYPE": "webdav",
            "RCLONE_CONFIG_BENCH_URL": server.url,
            "RCLONE_CONFIG_BENCH_VENDOR": VENDOR,
            "RCLONE_CONFIG_BENCH_USER": server.user,
            "RCLONE_CONFIG_BENCH_PASS": obscure(server.password),
        }

    def bisync(self, local_dir: Path, workdir: str, *, resync: bool) -> Measure:
        cmd = [
            "rclone",
            "bisync",
            str(local_dir),
            "bench:",
            "--workdir",
            str(self.scratch / workdir),
        ]
        return self.run([*cmd, "--resync"] if resync else cmd, self.env)

    def upload(self) -> Measure:
        return self.bisync(self.upload_dir, "bisync-up", resync=True)

    def adopt(self) -> Measure:
        # sizes only: Apache ignores X-OC-Mtime, so every server file is newer than its
        # local twin and a plain --resync would download the whole tree again
        cmd = ["rclone", "bisync", str(self.upload_dir), "bench:", "--resync", "--size-only",
               "--workdir", str(self.scratch / "bisync-up")]  # fmt: skip
        return self.run(cmd, self.env)

    def resync(self) -> Measure:
        return self.bisync(self.upload_dir, "bisync-up", resync=False)

    def download(self) -> Measure:
        self.download_dir.mkdir(exist_ok=True)
        return self.bisync(self.download_dir, "bisync-down", resync=True)


class Raw(Tool):
    name = "raw"

    def _raw(self, command: str, local_dir: Path) -> Measure:
        env = {"BENCH_USER": self.server.user, "BENCH_PASSWORD": self.server.password}
        return self.run([PY, "-m", "bench.raw", command, self.server.url, str(local_dir)], env)

    def upload(self) -> Measure:
        return self._raw("upload", self.upload_dir)

    def resync(self) -> Measure:
        return self._raw("list", self.upload_dir)

    def download(self) -> Measure:
        return self._raw("download", self.download_dir)

    def local_copy(self, source: Path) -> Measure:
        target = self.scratch / "raw-copy"
        measure = self.run(["cp", "-r", str(source), str(target)])
        shutil.rmtree(target)
        return measure


TOOLS: dict[str, type[Tool]] = {"cozysync": Cozysync, "rclone": RcloneBisync, "raw": Raw}
