"""CPU time per test, a pytest plugin for measuring the suite on a shared machine.

Wall time is noisy when other programs share the cores; the CPU a test costs is not.
Load it with ``-p tests.cpu_time`` and set ``COZYSYNC_CPU_LOG`` to a folder: each process
(xdist worker) appends one JSON line per test to its own file there: the test's id, its
wall time, and the CPU (user + system) its process and its waited-for children (the CLI
subprocesses, the Apache servers) used from its setup to its teardown.

``python -m tests.cpu_time FOLDER [N]`` prints the totals and the N costliest files.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = ["pytest_runtest_protocol", "summary"]

LOG_FOLDER_VARIABLE = "COZYSYNC_CPU_LOG"


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    folder = os.environ.get(LOG_FOLDER_VARIABLE)
    if not folder:
        yield
        return
    wall = time.monotonic()
    own = _cpu_seconds(resource.RUSAGE_SELF)
    children = _cpu_seconds(resource.RUSAGE_CHILDREN)
    yield
    record = {
        "test": item.nodeid,
        "wall": time.monotonic() - wall,
        "cpu": _cpu_seconds(resource.RUSAGE_SELF) - own,
        "children": _cpu_seconds(resource.RUSAGE_CHILDREN) - children,
    }
    log = Path(folder) / f"cpu-{os.getpid()}.jsonl"
    with log.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")


def _records(folder: Path) -> list[dict[str, Any]]:
    lines = (line for log in sorted(folder.glob("cpu-*.jsonl")) for line in log.open())
    return [json.loads(line) for line in lines if line.strip()]


def summary(folder: Path, top: int = 40) -> str:
    """Totals per file (CPU of the test process + its children, wall), costliest first."""
    per_file: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for record in _records(folder):
        totals = per_file[record["test"].split("::")[0]]
        totals[0] += record["cpu"] + record["children"]
        totals[1] += record["children"]
        totals[2] += record["wall"]
        totals[3] += 1
    cpu = sum(t[0] for t in per_file.values())
    wall = sum(t[2] for t in per_file.values())
    tests = int(sum(t[3] for t in per_file.values()))
    lines = [f"{tests} tests: CPU {cpu:.0f} s (children included), wall summed {wall:.0f} s"]
    lines.append(f"{'CPU s':>8} {'%':>5} {'child s':>8} {'wall s':>8} {'tests':>5}  file")
    ranked = sorted(per_file.items(), key=lambda kv: -kv[1][0])
    for name, (c, ch, w, n) in ranked[:top]:
        share = 100 * c / cpu if cpu else 0.0
        lines.append(f"{c:8.1f} {share:5.1f} {ch:8.1f} {w:8.1f} {int(n):5d}  {name}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 40))
