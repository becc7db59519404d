"""One seeded whole-engine history: real CLI, real WsgiDAV, our proxy, real crashes.

``run_history(seed)`` builds a world in a fresh folder (a WsgiDAV server on 127.0.0.1, a
``ChaosProxy`` in front of it, a linked local folder, ``COZYSYNC_HOME`` and the OS trash
inside the world), then plays a random history drawn from ``random.Random(seed)``:

- user actions on the local folder (plain file-system calls: write in place or by atomic
  replace, append, touch, mkdir, delete, move, a file replaced by a folder and back);
- user actions on the server, through its own WebDAV API with plain httpx (PUT, MKCOL,
  DELETE, MOVE), never through cozysync;
- ``sync --once`` runs as subprocesses through the proxy, each with a fault mode: none,
  proxy faults, a failpoint kill (``cozysync.failpoints``), a kill after the N-th HTTP
  answer, a SIGKILL at a random time, the server stopped and restarted during the run,
  the server down, the proxy down (connection refused), the local disk full (the world
  on a small tmpfs, ``tests.chaos.faults.SmallDisk``);
- watch mode: ``cozysync run`` while users act, then a SIGKILL (``faults.watch_step``).

Then it settles (faults off, ``sync --once`` until a pass ends in sync, bounded) and runs
the checks of ``tests.chaos.checker``.  Failures name the seed and a replay command.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from cozysync.demo_server import EmbeddedDavServer
from tests.chaos.checker import (
    Ledger,
    check_conflicts,
    check_convergence,
    check_no_loss,
    check_no_partial,
    key_of,
    snapshot,
    trash_contents,
)
from tests.chaos.faults import SmallDisk, set_poll_interval, watch_step
from tests.chaos.proxy import ChaosProxy, FaultSchedule

__all__ = ["ChaosOptions", "HistoryResult", "replay_command", "run_history", "run_seed"]

REPO = Path(__file__).resolve().parents[2]
SENTINEL = "keep.txt"  # never touched: an emptied root would (rightly) stop every pass
NAMES = [
    "a",
    "b",
    "B",
    "c.txt",
    "d.bin",
    unicodedata.normalize("NFC", "été.txt"),
    unicodedata.normalize("NFD", "été.txt"),
]
FAILPOINTS = ("mid-upload", "mid-download", "before-journal-commit")
SYNC_MODES = {
    "clean": 3,
    "proxy": 6,
    "failpoint": 3,
    "kill-after-requests": 3,
    "timed-kill": 2,
    "server-restart": 2,
    "server-down": 1,
    "proxy-down": 1,
}
_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@dataclass
class ChaosOptions:
    min_steps: int = 4
    max_steps: int = 9
    http_timeout: float = 1.5  # the client's timeout (see tests/chaos/client.py)
    sync_deadline: float = 120.0  # a sync still running after this is a failure (hung)
    settle_passes: int = 6
    keep: bool = False  # keep the world's folder even when the history passes
    big_files: bool = True
    disk_full: bool = True  # the world on a small tmpfs (root only; else skipped)
    watch: bool = True  # watch-mode steps (``cozysync run``, then SIGKILL)


@dataclass
class HistoryResult:
    seed: int
    actions: int = 0
    syncs: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    remote_temps: list[str] = field(default_factory=list)
    workdir: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures

    def report(self) -> str:
        lines = [
            f"chaos history seed={self.seed} FAILED ({len(self.failures)} problems)",
            f"replay: {replay_command(self.seed)}",
        ]
        if self.workdir:
            lines.append(
                f"world kept in {self.workdir} (cozysync log under home/logs, or under "
                "disk-kept/home/logs when the world was on a small disk)"
            )
        lines += [f"  {f}" for f in self.failures]
        lines.append("history:")
        lines += [f"  {entry}" for entry in self.log]
        return "\n".join(lines)


def replay_command(seed: int) -> str:
    return f"python -m tests.chaos --replay {seed} --keep"


@dataclass
class SyncRun:
    code: int
    outcome: dict[str, Any] | None
    out: str
    err: str
    killed: bool = False


class World:
    """The folders, the server, the proxy and the users of one history."""

    def __init__(self, seed: int, root: Path, options: ChaosOptions) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.root = root
        self.options = options
        self.local = root / "local"
        self.server_root = root / "server"
        self.home = root / "home"
        self.xdg = root / "xdg-data"
        self.ledger = Ledger()
        self.result = HistoryResult(seed)
        self.writes = 0
        self.server = EmbeddedDavServer(self.server_root)
        self.schedule = FaultSchedule(seed=self.rng.randrange(2**32))
        # the newer steps (watch mode, disk full) are drawn from their own stream, so that
        # a history from before them replays the same until its first such step
        self.extra_rng = random.Random(seed * 7919 + 17)
        self.disk: SmallDisk | None = None
        self.proxy: ChaosProxy | None = None
        self.http: httpx.Client | None = None

    # -- life cycle --------------------------------------------------------------------------

    def start(self) -> None:
        if self.options.disk_full:
            disk = SmallDisk(self.root / "disk")
            if disk.mount():  # the synced folder, the journal and the trash on it
                self.disk = disk
                self.local, self.home, self.xdg = (
                    disk.mount_point / name for name in ("local", "home", "xdg-data")
                )
            else:
                self.note(f"disk-full fault skipped: cannot mount a tmpfs ({disk.refused})")
        for folder in (self.local, self.server_root, self.home, self.xdg):
            folder.mkdir(parents=True)
        self.server.start()
        self.proxy = ChaosProxy(self.server.port, self.schedule)
        self.proxy.start()
        self.http = httpx.Client(base_url=self.server.url, timeout=30, trust_env=False)

    def close(self) -> None:
        if self.http is not None:
            self.http.close()
        if self.proxy is not None:
            self.proxy.stop()
        self.server.stop()
        if self.disk is not None:
            if self.result.failures or self.options.keep:  # the world is kept: its disk too
                shutil.copytree(self.disk.mount_point, self.root / "disk-kept", symlinks=True)
            self.disk.unmount()

    def note(self, entry: str) -> None:
        self.result.log.append(entry)

    # -- contents ----------------------------------------------------------------------------

    def new_content(self, side: str, path: str) -> bytes:
        self.writes += 1
        head = f"seed {self.seed} write {self.writes} {side} {path}\n".encode()
        roll = self.rng.random()
        if self.options.big_files and roll < 0.04:
            size = self.rng.randint(1_100_000, 1_300_000)  # more than one 1 MiB chunk
        elif roll < 0.25:
            size = self.rng.randint(20_000, 200_000)
        else:
            size = self.rng.randint(0, 64)
        return head + self.rng.randbytes(size)

    # -- what each side holds (observing is not acting) ---------------------------------------

    def side_root(self, side: str) -> Path:
        return self.local if side == "local" else self.server_root

    def existing(self, side: str) -> list[str]:
        snap = snapshot(self.side_root(side))
        return sorted(p for p in snap.spelled.values() if p != SENTINEL)

    def contents_under(self, side: str, path: str) -> list[bytes]:
        target = self.side_root(side) / path
        if target.is_file():
            return [target.read_bytes()]
        if target.is_dir():
            return [p.read_bytes() for p in target.rglob("*") if p.is_file()]
        return []

    def spelled(self, side: str, path: str) -> str:
        """``path`` with each name spelled as a same-key sibling on ``side`` already is (two
        spellings of one name on one side would be a clash, reported and never synced)."""
        base = self.side_root(side)
        parts: list[str] = []
        for name in path.split("/"):
            folder = base.joinpath(*parts)
            if folder.is_dir():
                same = [n for n in os.listdir(folder) if key_of(n) == key_of(name)]
                if same:
                    name = same[0]
            parts.append(name)
        return "/".join(parts)

    def random_path(self, side: str) -> str:
        depth = self.rng.choice((1, 1, 2, 2, 3))
        return self.spelled(side, "/".join(self.rng.choice(NAMES) for _ in range(depth)))

    def pick(self, side: str, *, files_only: bool = False) -> str | None:
        items = self.existing(side)
        if files_only:
            items = [p for p in items if (self.side_root(side) / p).is_file()]
        return self.rng.choice(items) if items else None

    # -- user actions ------------------------------------------------------------------------

    def user_action(self, side: str) -> None:
        op = self.rng.choices(
            ["write", "append", "touch", "mkdir", "delete", "move", "retype"],
            [30, 6 if side == "local" else 0, 6, 8, 14, 14, 6],
        )[0]
        existing_target = self.rng.random() < 0.6
        path: str | None
        if op in ("write",):
            path = self.pick(side, files_only=True) if existing_target else None
            path = path or self.random_path(side)
        elif op in ("append", "touch"):
            path = self.pick(side, files_only=True)
        elif op == "mkdir":
            path = self.random_path(side)
        else:
            path = self.pick(side)
        if path is None:
            return
        other = self.random_path(side) if op == "move" else ""
        if op == "move" and (
            (self.side_root(side) / other).exists()
            or key_of(other) == key_of(path)
            or key_of(other).startswith(key_of(path) + "/")
        ):
            return
        acted = self._do(side, op, path, other)
        if acted:
            self.result.actions += 1
            self.ledger.touch(side, path)
            if other:
                self.ledger.moved(path, other)
                self.ledger.touch(side, other)
            self.note(f"user {side} {op} {path!r}" + (f" -> {other!r}" if other else ""))

    def _do(self, side: str, op: str, path: str, other: str) -> bool:
        if side == "local":
            return LocalUser(self).act(op, path, other)
        return RemoteUser(self).act(op, path, other)

    # -- sync runs ---------------------------------------------------------------------------

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _PROXY_VARS}
        env.pop("COZYSYNC_FAILPOINTS", None)
        env.update(
            COZYSYNC_HOME=str(self.home),
            XDG_DATA_HOME=str(self.xdg),
            NO_PROXY="127.0.0.1,localhost",
            CHAOS_HTTP_TIMEOUT=str(self.options.http_timeout),
            PYTHONPATH=str(REPO),
        )
        return env

    def cli(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.chaos.client", *args],
            cwd=REPO,
            env=env or self.env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def link(self) -> None:
        assert self.proxy is not None
        proc = self.cli(
            "link", str(self.local), self.proxy.url, "--name", "chaos", "--insecure-file-store"
        )
        out, err = proc.communicate(timeout=self.options.sync_deadline)
        if proc.returncode != 0:
            raise RuntimeError(f"link failed: {err or out}")
        set_poll_interval(self.home / "config")

    def sync(self, mode: str = "clean") -> SyncRun:
        """One ``sync --once`` in the given fault mode."""
        assert self.proxy is not None
        env = self.env()
        outcome_file = self.root / f"outcome-{self.result.syncs}.json"
        env["CHAOS_OUTCOME"] = str(outcome_file)
        self.result.syncs += 1
        rng = self.rng
        label = mode
        kill_at: float | None = None
        restart_at: float | None = None
        self.schedule.rate = 0.0
        if mode == "proxy" or (mode != "clean" and rng.random() < 0.3):
            self.schedule.rate = rng.uniform(0.03, 0.3)
            self.schedule.allow_hang = rng.random() < 0.5
            label += f"+proxy({self.schedule.rate:.2f})"
        if mode == "failpoint":
            point = rng.choice(FAILPOINTS)
            env["COZYSYNC_FAILPOINTS"] = point
            label += f":{point}"
        elif mode == "kill-after-requests":
            count = rng.randint(1, 40)
            env["CHAOS_KILL_AFTER_REQUESTS"] = str(count)
            label += f":{count}"
        elif mode == "timed-kill":
            kill_at = rng.uniform(0.7, 3.0)
            label += f":{kill_at:.2f}s"
        elif mode == "server-restart":
            restart_at = rng.uniform(0.6, 2.5)
            label += f":{restart_at:.2f}s"
        elif mode == "server-down":
            self.server.stop()
        elif mode == "proxy-down":
            self.proxy.go_down()
        elif mode == "disk-full":
            assert self.disk is not None
            leave = rng.randint(0, 400_000)
            self.disk.fill(leave)
            label += f":{self.disk.free_bytes()}B-free"
        before = Counter(self.schedule.counts)
        try:
            run = self._run_sync(env, outcome_file, kill_at, restart_at)
        finally:
            self.schedule.rate = 0.0
            self.server.start()
            self.proxy.come_up()
            if self.disk is not None:
                self.disk.unfill()
        self._count_faults(mode, env, run, before)
        summary = run.outcome["message"] if run.outcome else (run.err.strip()[-160:] or "-")
        self.note(f"sync [{label}] exit {run.code}{' KILLED' if run.killed else ''}: {summary}")
        return run

    def _run_sync(
        self,
        env: dict[str, str],
        outcome_file: Path,
        kill_at: float | None,
        restart_at: float | None,
    ) -> SyncRun:
        proc = self.cli("sync", "--once", env=env)
        started = time.monotonic()
        killed = False
        if kill_at is not None:
            try:
                proc.wait(timeout=kill_at)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                killed = True
        if restart_at is not None:
            try:
                proc.wait(timeout=restart_at)
            except subprocess.TimeoutExpired:
                self.server.stop()
                time.sleep(self.rng.uniform(0.1, 1.5))
                self.server.start()
                self.result.faults["server:restart-during-sync"] += 1
        remaining = self.options.sync_deadline - (time.monotonic() - started)
        try:
            out, err = proc.communicate(timeout=max(remaining, 1.0))
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            self.result.failures.append(
                f"hung: sync --once still running after {self.options.sync_deadline:.0f} s"
            )
        outcome = None
        if outcome_file.exists():
            outcome = json.loads(outcome_file.read_text(encoding="utf-8"))
            outcome_file.unlink()
        return SyncRun(proc.returncode, outcome, out, err, killed or proc.returncode == -9)

    def _count_faults(
        self, mode: str, env: dict[str, str], run: SyncRun, before: Counter[str]
    ) -> None:
        faults = self.result.faults
        faults.update(Counter(self.schedule.counts) - before)
        if mode == "failpoint" and run.code == -signal.SIGKILL:
            faults[f"kill:failpoint:{env['COZYSYNC_FAILPOINTS']}"] += 1
        elif mode == "kill-after-requests" and run.code == -signal.SIGKILL:
            faults["kill:after-n-requests"] += 1
        elif mode == "timed-kill" and run.killed:
            faults["kill:timed"] += 1
        elif mode in ("server-down", "proxy-down"):
            faults[f"server:{mode}"] += 1
        elif mode == "disk-full":
            faults["disk:full"] += 1
        if run.code not in (0, 1, 3, -signal.SIGKILL):
            # 2 usage, 4 auth, 5 guard, 6 already running: none is expected here
            self.result.failures.append(
                f"sync [{mode}] exited {run.code}: {run.err.strip()[-400:]}"
            )

    # -- settling and checking ---------------------------------------------------------------

    def settle(self) -> SyncRun | None:
        """Faults off: sync until a pass ends in sync; then one more that must do nothing."""
        for _ in range(self.options.settle_passes):
            run = self.sync("clean")
            if run.outcome and run.outcome["in_sync"] and not run.outcome["errors"]:
                final = self.sync("clean")
                return final
        self.result.failures.append(
            f"did not settle in {self.options.settle_passes} clean passes "
            f"(last: exit {run.code}, {run.outcome['message'] if run.outcome else run.err[-300:]})"
        )
        return None

    def check(self, final: SyncRun | None) -> None:
        local = snapshot(self.local)
        server = snapshot(self.server_root, skip_marker=False)
        self.result.remote_temps = server.temps
        failures = self.result.failures
        if final is not None:
            outcome = final.outcome or {}
            if (
                final.code not in (0, 1)
                or outcome.get("actions_done")
                or not outcome.get("in_sync")
            ):
                failures.append(
                    f"(a) the last sync --once was not a no-op: exit {final.code}, "
                    f"{outcome.get('message', final.err[-300:])}"
                )
            elif final.code == 1 and (outcome.get("errors") or outcome.get("unstorable")):
                failures.append(f"(a) the last sync --once ended with {outcome.get('message')}")
        failures += check_convergence(local, server)
        failures += check_no_loss(self.ledger, local, server, trash_contents(self.xdg))
        failures += check_conflicts(self.ledger, local)
        failures += check_no_partial(self.ledger, local, server)

    # -- the history -------------------------------------------------------------------------

    def initial_tree(self) -> None:
        sentinel = b"never touched by the chaos users\n"
        (self.local / SENTINEL).write_bytes(sentinel)
        self.ledger.wrote(sentinel, "the sentinel")
        for side in ("local", "remote"):
            for _ in range(self.rng.randint(0, 4)):
                path = self.random_path(side)
                if self._do(side, "write", path, ""):
                    self.ledger.touch(side, path)
                    self.note(f"initial {side} write {path!r}")

    def play(self) -> None:
        self.initial_tree()
        self.link()
        steps = self.rng.randint(self.options.min_steps, self.options.max_steps)
        for _ in range(steps):
            roll = self.rng.random()
            if roll < 0.45:
                extra = self.extra_rng.random()
                if self.options.watch and extra < 0.15:
                    watch_step(self)
                    continue
                if self.disk is not None and extra > 0.85:
                    self.sync("disk-full")
                    continue
                mode = self.rng.choices(list(SYNC_MODES), list(SYNC_MODES.values()))[0]
                self.sync(mode)
            else:
                side = "local" if roll < 0.72 else "remote"
                for _ in range(self.rng.randint(1, 3)):
                    self.user_action(side)
        final = self.settle()
        self.check(final)


class LocalUser:
    """A person using the local folder with ordinary file-system calls."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.root = world.local

    def _excuse(self, path: str) -> None:
        for data in self.w.contents_under("local", path):
            self.w.ledger.excuse(data)

    def _make_parents(self, path: str) -> None:
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            sub = "/".join(parts[:i])
            target = self.root / sub
            if target.is_file():  # a file where a folder must go: the user replaces it
                self._excuse(sub)
                self.w.ledger.touch("local", sub)
                target.unlink()
            target.mkdir(exist_ok=True)

    def _remove(self, path: str) -> None:
        target = self.root / path
        self._excuse(path)
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()

    def act(self, op: str, path: str, other: str) -> bool:
        target = self.root / path
        if op in ("write", "retype") and not (op == "retype" and target.is_file()):
            if op == "retype" and not target.is_dir():
                return False
            self._make_parents(path)
            if target.is_dir() or target.is_file():
                self._remove(path)
            data = self.w.new_content("local", path)
            self.w.ledger.wrote(data, f"user local wrote {path!r}")
            if self.w.rng.random() < 0.5:
                target.write_bytes(data)
            else:  # as editors do: a new file renamed over the old one
                temp = target.with_name(f".~{target.name}.chaos-edit")
                temp.write_bytes(data)
                os.replace(temp, target)
            return True
        if op == "retype":  # a file replaced by a folder
            self._remove(path)
            target.mkdir()
            return True
        if op == "append":
            old = target.read_bytes()
            self.w.ledger.excuse(old)
            extra = self.w.new_content("local", path)
            self.w.ledger.wrote(old + extra, f"user local appended to {path!r}")
            with target.open("ab") as out:
                out.write(extra)
            return True
        if op == "touch":
            stamp = time.time() + self.w.rng.uniform(-1e5, 1e5)
            os.utime(target, (stamp, stamp))
            return True
        if op == "mkdir":
            self._make_parents(path)
            if target.is_file():
                self._remove(path)
            target.mkdir(exist_ok=True)
            return True
        if op == "delete":
            self._remove(path)
            return True
        if op == "move":
            self._make_parents(other)
            os.rename(target, self.root / other)
            return True
        return False


class RemoteUser:
    """Another device changing the server through its WebDAV API (plain httpx)."""

    def __init__(self, world: World) -> None:
        self.w = world
        assert world.http is not None
        self.http = world.http
        self.root = world.server_root

    @staticmethod
    def url(path: str) -> str:
        return "/" + quote(path)

    def _send(self, method: str, path: str, **kwargs: Any) -> None:
        response = self.http.request(method, self.url(path), **kwargs)
        if response.status_code >= 300:
            raise RuntimeError(f"remote user {method} {path!r}: HTTP {response.status_code}")

    def _excuse(self, path: str) -> None:
        for data in self.w.contents_under("remote", path):
            self.w.ledger.excuse(data)

    def _make_parents(self, path: str) -> None:
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            sub = "/".join(parts[:i])
            target = self.root / sub
            if target.is_file():
                self._excuse(sub)
                self.w.ledger.touch("remote", sub)
                self._send("DELETE", sub)
            if not target.is_dir():
                self._send("MKCOL", sub)

    def _remove(self, path: str) -> None:
        self._excuse(path)
        self._send("DELETE", path, headers={"Depth": "infinity"})

    def act(self, op: str, path: str, other: str) -> bool:
        target = self.root / path
        if op in ("write", "retype") and not (op == "retype" and target.is_file()):
            if op == "retype" and not target.is_dir():
                return False
            self._make_parents(path)
            if target.exists():
                self._remove(path)
            data = self.w.new_content("remote", path)
            self.w.ledger.wrote(data, f"user remote wrote {path!r}")
            self._send("PUT", path, content=data)
            return True
        if op == "retype":
            self._remove(path)
            self._send("MKCOL", path)
            return True
        if op == "touch":  # another client saves the same bytes again: a new ETag
            self._send("PUT", path, content=target.read_bytes())
            return True
        if op == "mkdir":
            self._make_parents(path)
            if target.is_file():
                self._remove(path)
            if not target.is_dir():
                self._send("MKCOL", path)
            return True
        if op == "delete":
            self._remove(path)
            return True
        if op == "move":
            self._make_parents(other)
            self._send(
                "MOVE",
                path,
                headers={"Destination": self.w.server.url + quote(other), "Overwrite": "F"},
            )
            return True
        return False


def run_history(
    seed: int, options: ChaosOptions | None = None, workdir: Path | None = None
) -> HistoryResult:
    """Play the history of ``seed``; the result lists the failures (empty: it passed)."""
    options = options or ChaosOptions()
    root = Path(tempfile.mkdtemp(prefix=f"cozysync-chaos-{seed}-", dir=workdir))
    world = World(seed, root, options)
    started = time.monotonic()
    try:
        world.start()
        world.play()
    except Exception as exc:  # the harness itself: still a failure with its seed
        world.result.failures.append(f"harness error: {type(exc).__name__}: {exc}")
    finally:
        world.close()
        world.result.seconds = time.monotonic() - started
    if world.result.ok and not options.keep:
        shutil.rmtree(root, ignore_errors=True)
    else:
        world.result.workdir = str(root)
    return world.result


_playing = threading.Event()  # set in a pool worker while it plays a history


def run_seed(args: tuple[int, ChaosOptions]) -> HistoryResult:
    """``run_history`` for a process pool (one picklable argument).  While it plays, the
    pool's SIGTERM unwinds the history (its ``finally`` unmounts the world's tmpfs)."""
    seed, options = args
    _playing.set()
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        return run_history(seed, options)
    except SystemExit as stop:  # the pool stopping this worker (SIGTERM), cleaned up above
        # a thread the history had started (a server's) may still be running: leave now
        os._exit(stop.code if isinstance(stop.code, int) else 1)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _playing.clear()


def worker_signals() -> None:
    """In a pool worker: Ctrl-C is the parent's to handle.  SIGTERM keeps its default
    (the kernel ends the process) while the worker is idle: a Python handler would run
    only once the main thread is back in the interpreter, and an idle worker waits in the
    pool's queue lock, where a signal that lands just before the wait is never seen (a CI
    batch hung so in ``Pool.__exit__``).  ``run_seed`` handles it while a history plays."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _exit_on_signal(signum: int, _frame: object) -> None:
    if not _playing.is_set():
        os._exit(128 + signum)  # between two histories: nothing to clean up
    raise SystemExit(128 + signum)
