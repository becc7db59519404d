"""Profile one cozysync phase with py-spy (all threads, idle included):
``python -m bench.profile --files 2000 --server apache --phase resync``.

Writes the collapsed stacks (``*.txt``, for speedscope or flamegraph.pl) and prints the
functions with the largest inclusive and self shares of the samples."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.servers import make_server
from bench.tools import Cozysync, compile_tree
from bench.workload import generate, mutate


def top(collapsed: Path, limit: int = 25, *, active_only: bool) -> str:
    inclusive: Counter[str] = Counter()
    self_time: Counter[str] = Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if active_only and _is_idle(frames[-1]):
            continue
        n = int(count)
        total += n
        for frame in set(frames[1:]):
            inclusive[frame] += n
        self_time[frames[-1]] += n
    out = [f"{total} samples ({'active' if active_only else 'all, waits included'})"]
    out.append("inclusive:")
    out += [f"  {n / total:6.1%}  {f}" for f, n in inclusive.most_common(limit)]
    out.append("self:")
    out += [f"  {n / total:6.1%}  {f}" for f, n in self_time.most_common(limit // 2)]
    return "\n".join(out)


def _is_idle(frame: str) -> bool:
    return any(w in frame for w in ("wait (threading", "_wait_for_tstate_lock", "select ("))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser("python -m bench.profile")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--server", default="apache")
    parser.add_argument(
        "--phase", default="upload", choices=["upload", "resync", "edit", "download"]
    )
    parser.add_argument("--out", type=Path, default=Path("bench/results/profile").absolute())
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--gil", action="store_true", help="only samples holding the GIL (CPU)")
    args = parser.parse_args(argv)
    compile_tree()
    server = make_server(args.server)
    server.start()
    scratch = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    try:
        tool = Cozysync(server, scratch)
        generate(tool.upload_dir, args.files)
        tool.link(tool.upload_dir, "home-up")
        if args.phase != "upload":
            tool.sync("home-up")
        if args.phase == "edit":
            mutate(tool.upload_dir)
        home = "home-up"
        if args.phase == "download":
            tool.link(tool.download_dir, "home-down")
            home = "home-down"
        cmd, env = tool.watch_command()
        env["COZYSYNC_HOME"] = str(scratch / home)
        args.out.mkdir(parents=True, exist_ok=True)
        stem = args.out / f"{args.server}-{args.files}-{args.phase}"
        collapsed = stem.with_suffix(".txt")
        mode = ["--gil"] if args.gil else ["--idle"]
        if args.gil:
            collapsed = stem.with_name(stem.name + "-gil.txt")
        spy = ["py-spy", "record", "--format", "raw", "--threads", *mode, "--rate",
               str(args.rate), "-o", str(collapsed), "--"]  # fmt: skip
        subprocess.run([*spy, *cmd[:3], "sync", "--once"], env=env, check=False, cwd=scratch)
        report = top(collapsed, active_only=True) + "\n\n" + top(collapsed, active_only=False)
        collapsed.with_suffix(".top.txt").write_text(report)
        print(report)
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(server.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
