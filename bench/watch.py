"""cozysync's watch mode (``cozysync run``): the delay from a local save to the file being
on the server (phase 5), and its idle CPU and requests over a quiet minute (phase 6)."""

from __future__ import annotations

import random
import signal
import statistics
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from bench.proc import proc_cpu_s, proc_peak_rss_mb
from bench.servers import Server
from bench.workload import walk_files


class _Lines(threading.Thread):
    """Reads the child's output; ``wait_for(text)`` waits for a new line holding it."""

    def __init__(self, proc: subprocess.Popen[str], log: Path) -> None:
        super().__init__(daemon=True)
        self.proc, self.log = proc, log
        self.lines: list[str] = []
        self.cond = threading.Condition()

    def run(self) -> None:
        assert self.proc.stdout is not None
        with open(self.log, "a") as log:
            for line in self.proc.stdout:
                log.write(line)
                with self.cond:
                    self.lines.append(line)
                    self.cond.notify_all()

    def wait_for(self, text: str, after: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self.cond:
            while not any(text in line for line in self.lines[after:]):
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    return False
                self.cond.wait(left)
        return True


def _wait_on_server(target: Path, data: bytes, timeout: float = 60.0) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if target.read_bytes() == data:
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.01)
    raise RuntimeError(f"{target} did not reach the server in {timeout} s")


def measure_watch(
    cmd: list[str], env: dict[str, str], local: Path, server: Server, *,
    saves: int, idle_s: float, log: Path, seed: int = 1,
) -> dict[str, Any]:  # fmt: skip
    """Start watch mode on an in-sync folder; save ``saves`` files; then stay idle for two
    windows of ``idle_s``: the first holds the poll that reads the server after the saves,
    the second only polls of an unchanged server (steady idle)."""
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    lines = _Lines(proc, log)
    lines.start()
    try:
        if not lines.wait_for("up to date", 0, timeout=1800):
            raise RuntimeError(f"watch mode did not reach 'up to date': {lines.lines[-5:]}")
        time.sleep(1.0)
        rng = random.Random(seed)
        files = sorted(rel for rel, _ in walk_files(local))
        chosen = rng.sample(files, min(saves, len(files)))
        before = server.counters()
        latencies = []
        for index, rel in enumerate(chosen):
            data = f"save {index} of the benchmark\n".encode() + rng.randbytes(4096)
            start = time.perf_counter()
            (local / rel).write_bytes(data)
            latencies.append(_wait_on_server(server.root / rel, data) - start)
            time.sleep(1.0)
        after = server.counters()
        time.sleep(2.0)
        cpu_start, idle_before = proc_cpu_s(proc.pid), server.counters()
        time.sleep(idle_s)  # includes the poll that reads the server after the saves
        cpu_end, idle_after = proc_cpu_s(proc.pid), server.counters()
        time.sleep(idle_s)  # steady: only polls of a server that did not change
        cpu_steady, steady_after = proc_cpu_s(proc.pid), server.counters()
        peak = proc_peak_rss_mb(proc.pid)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    saved = _delta(after, before)
    idle = _delta(idle_after, idle_before)
    steady = _delta(steady_after, idle_after)
    return {
        "save_latency_s": latencies,
        "save_latency_median_s": statistics.median(latencies),
        "save_requests": saved.get("requests", 0) / max(len(latencies), 1),
        "save_methods": {k[7:]: v for k, v in saved.items() if k.startswith("method:")},
        "idle_s": idle_s,
        "idle_cpu_pct": (cpu_end - cpu_start) / idle_s * 100,
        "idle_requests": idle.get("requests", 0),
        "idle_methods": {k[7:]: v for k, v in idle.items() if k.startswith("method:")},
        "steady_idle_cpu_pct": (cpu_steady - cpu_end) / idle_s * 100,
        "steady_idle_requests": steady.get("requests", 0),
        "peak_rss_mb": peak,
    }


def _delta(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}
