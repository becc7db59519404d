"""How fast the CLI starts (issue 16, item 12: ``cozysync --version`` under 100 ms).

Runs each command many times, as hyperfine would (a few warm-up runs first, then
``--runs``), and prints the wall and CPU time of each (min, median, mean): wall time is
what a person waits; CPU time (user + sys of that child only, ``os.wait4``) is less
disturbed by other work on a shared machine.  The modules' .pyc files are written by
the warm-up runs, as pip writes them at install.  ``python -c pass`` is the floor no
command can go below.  ``--importtime`` adds the slowest imports of ``--version``.

    .venv/bin/python -m bench.cli_start [--runs 30] [--limit-ms 100] [--importtime]

Exits 1 when the best wall time of ``--version`` is over ``--limit-ms`` (the best run
is the one the other work on the machine disturbed least; the median is printed too).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence

from bench.proc import Measure, run_measured

__all__ = ["main", "measure_command"]

COMMANDS: dict[str, list[str]] = {
    "python -c pass (the floor)": [sys.executable, "-c", "pass"],
    "cozysync --version": [sys.executable, "-m", "cozysync", "--version"],
    "cozysync --help": [sys.executable, "-m", "cozysync", "--help"],
    "cozysync list (no folder)": [sys.executable, "-m", "cozysync", "list"],
}
WARM_UP = 3


def measure_command(cmd: Sequence[str], runs: int, env: dict[str, str]) -> list[Measure]:
    for _ in range(WARM_UP):  # the page cache and .pyc files, as a second start finds them
        run_measured(cmd, env=env)
    measured = [run_measured(cmd, env=env) for _ in range(runs)]
    failed = [m for m in measured if m.returncode != 0]
    if failed:
        raise SystemExit(f"{' '.join(cmd)} exited {failed[0].returncode}")
    return measured


def _row(label: str, measured: list[Measure]) -> str:
    walls = [m.wall_s * 1000 for m in measured]
    cpus = [m.cpu_s * 1000 for m in measured]
    return (
        f"{label:<30} wall ms min {min(walls):6.1f} median {statistics.median(walls):6.1f} "
        f"mean {statistics.mean(walls):6.1f} | cpu ms median {statistics.median(cpus):6.1f}"
    )


def slowest_imports(env: dict[str, str], count: int = 15) -> list[str]:
    """``python -X importtime -m cozysync --version``: the slowest imports (cumulative)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cozysync", "--version"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    rows = []
    for line in result.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return [f"{us / 1000:7.1f} ms {name}" for us, name in sorted(rows, reverse=True)[:count]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--limit-ms", type=float, default=100.0)
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "COZYSYNC_HOME": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once, by warm-up
        results = {label: measure_command(cmd, args.runs, env) for label, cmd in COMMANDS.items()}
        for label, measured in results.items():
            print(_row(label, measured))
        if args.importtime:
            print("\nslowest imports of cozysync --version (cumulative):")
            print("\n".join(slowest_imports(env)))
    runs = results["cozysync --version"]
    best = min(m.wall_s for m in runs) * 1000
    median = statistics.median(m.wall_s for m in runs) * 1000
    floor = statistics.median(m.wall_s for m in results["python -c pass (the floor)"]) * 1000
    verdict = "within" if best <= args.limit_ms else "OVER"
    print(
        f"\ncozysync --version: best {best:.1f} ms, {verdict} {args.limit_ms:.0f} ms "
        f"(median {median:.1f} ms; Python's own start, median: {floor:.1f} ms)"
    )
    return 0 if best <= args.limit_ms else 1


if __name__ == "__main__":
    sys.exit(main())
