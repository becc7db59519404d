"""Profile one cozysync phase with py-spy (all threads, idle included):
``python -m bench.profile --files 2000 --server apache --phase resync``.

Writes the collapsed stacks (``*.txt``, for speedscope or flamegraph.pl) and prints the
functions with the largest inclusive and self shares of the samples.

``--cprofile`` profiles the pass with cProfile instead (``*.prof``): one profiler per
thread (the transfers run in worker threads, which a plain ``python -m cProfile`` does
not see), timed by each thread's own CPU clock (``time.thread_time``: waits on the
network and on locks cost nothing, and other work on a loaded machine disturbs it
little), merged into one file.  Before that the same pass runs unprofiled from the same
starting state to give its CPU time (user + sys of the child, ``wait4``) per file and its
wall time: on a shared, loaded machine the CPU time is the figure to compare, the wall
time is not.  Prints the largest cumulative and own costs.  Needs no py-spy."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.proc import run_measured
from bench.servers import make_server
from bench.tools import REPO, Cozysync, compile_tree
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


def cprofile_phase(
    tool: Cozysync, args: argparse.Namespace, home: str, py: str, env: dict[str, str],
    prof: Path,
) -> str:  # fmt: skip
    """The pass once unprofiled (its CPU and wall time), then from the same starting
    state again under cProfile; the profile's top cumulative entries, in ms per file."""
    scratch = tool.scratch
    snapshot = scratch / "snapshot"
    keep = [scratch / home, tool.upload_dir, tool.download_dir, tool.server.root]
    for path in keep:
        if path.exists():
            shutil.copytree(path, snapshot / path.name, symlinks=True)
    sync = [py, "-m", "cozysync", "sync", "--once"]
    plain = run_measured(sync, env=env, cwd=scratch, log=scratch / "plain.log")
    for path in keep:  # back to the state before the pass
        if not (snapshot / path.name).exists():
            continue
        if path == tool.server.root:  # the served folder stays, owned by the server
            tool.server.clear_root()
            shutil.copytree(snapshot / path.name, path, symlinks=True, dirs_exist_ok=True)
            tool.server.own(path)
        else:
            shutil.rmtree(path)
            shutil.copytree(snapshot / path.name, path, symlinks=True)
    profiled = run_measured(
        [py, "-m", "bench.profile", "--child", str(prof), "sync", "--once"],
        env={
            **env,
            "PYTHONPATH": os.pathsep.join(filter(None, [env.get("PYTHONPATH"), str(REPO)])),
        },
        cwd=scratch,
        log=scratch / "profiled.log",
    )
    load = os.getloadavg()[0]
    for run in (plain, profiled):
        if run.returncode != 0:
            print(f"exit {run.returncode}:\n{run.output[-1500:]}")
    out = [
        f"{args.server}, {args.files} files, {args.phase}: exit {plain.returncode}, "
        f"CPU {plain.cpu_s:.2f} s = {plain.cpu_s / args.files * 1000:.2f} ms per file, "
        f"wall {plain.wall_s:.2f} s (load {load:.1f}); under cProfile exit "
        f"{profiled.returncode}, CPU {profiled.cpu_s:.2f} s"
    ]
    text = io.StringIO()
    stats = pstats.Stats(str(prof), stream=text)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
    out.append(text.getvalue())
    return "\n".join(out)


def profile_every_thread(prof: str, argv: list[str]) -> int:
    """Run ``python -m cozysync *argv`` here, each thread under its own cProfile timed
    by its CPU clock; the profiles merged into ``prof``."""
    import cProfile
    import runpy
    import threading
    import time

    profiles: list[cProfile.Profile] = []
    lock = threading.Lock()
    thread_run = threading.Thread.run

    def profiled_run(self: threading.Thread) -> None:
        profile = cProfile.Profile(time.thread_time)
        with lock:
            profiles.append(profile)
        profile.enable()
        try:
            thread_run(self)
        finally:
            profile.disable()

    threading.Thread.run = profiled_run  # type: ignore[method-assign]
    main_profile = cProfile.Profile(time.thread_time)
    sys.argv = ["cozysync", *argv]
    code: object = 0
    main_profile.enable()
    try:
        runpy.run_module("cozysync", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code
    finally:
        main_profile.disable()
        stats = pstats.Stats(main_profile)
        with lock:
            for profile in profiles:
                with contextlib.suppress(TypeError):  # a thread that recorded nothing
                    stats.add(profile)
        stats.dump_stats(prof)
    return code if isinstance(code, int) else 1


def _is_idle(frame: str) -> bool:
    return any(w in frame for w in ("wait (threading", "_wait_for_tstate_lock", "select ("))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:  # the profiled cozysync process of --cprofile
        return profile_every_thread(argv[1], argv[2:])
    parser = argparse.ArgumentParser("python -m bench.profile")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--server", default="apache")
    parser.add_argument(
        "--phase", default="upload", choices=["upload", "resync", "edit", "download"]
    )
    parser.add_argument("--out", type=Path, default=Path("bench/results/profile").absolute())
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--gil", action="store_true", help="only samples holding the GIL (CPU)")
    parser.add_argument("--cprofile", action="store_true", help="cProfile, and CPU per file")
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
        if args.cprofile:
            print(cprofile_phase(tool, args, home, cmd[0], env, stem.with_suffix(".prof")))
            return 0
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
