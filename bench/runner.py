"""One benchmark run: for each server, workload and run, every tool through the phases,
with the server's counters and a tree comparison after each phase.  Results are records
(plain dicts) appended to a JSON file as they come, so a long run can be stopped."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.proc import Measure, load_average
from bench.servers import Server, make_server
from bench.tools import TOOLS, Cozysync, Raw, Tool, compile_tree
from bench.watch import measure_watch
from bench.workload import compare_trees, generate, mutate

SMALL_PHASES = ("upload", "resync", "edit", "download")
LARGE_PHASES = ("upload", "resync", "download")


@dataclass(frozen=True)
class Workload:
    label: str  # "1000" or "2x64MiB"
    files: int
    large: tuple[int, ...] = ()

    @property
    def phases(self) -> tuple[str, ...]:
        return SMALL_PHASES if self.files >= 3 else LARGE_PHASES


@dataclass
class Options:
    servers: list[str]
    workloads: list[Workload]
    tools: list[str]
    runs: int
    out: Path
    seed: int = 1
    watch_saves: int = 10
    idle_s: float = 60.0
    rclone_max_files: int | None = None
    # tools whose upload phase is replaced by an "adopt" run: the raw client fills the
    # server first, and the tool's first run finds both sides equal (rclone bisync's
    # upload of 100k files would take hours; its later phases do not depend on it)
    prefill: tuple[str, ...] = ()
    keep: bool = False
    phases: tuple[str, ...] = SMALL_PHASES


def _say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", flush=True)


class Recorder:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.records: list[dict[str, Any]] = json.loads(out.read_text()) if out.exists() else []

    def add(self, record: dict[str, Any]) -> None:
        self.records.append(record)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.out.write_text(json.dumps(self.records, indent=1, ensure_ascii=False))


def _delta(after: Counter[str], before: Counter[str]) -> dict[str, Any]:
    diff = {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}
    return {
        "requests": diff.get("requests", 0),
        "bytes_up": diff.get("bytes_up", 0),
        "bytes_down": diff.get("bytes_down", 0),
        "methods": {k[7:]: v for k, v in diff.items() if k.startswith("method:")},
    }


def _measure_phase(tool: Tool, server: Server, phase: str, seed: int) -> dict[str, Any]:
    before = server.counters()
    mutation = None
    if phase == "edit":
        mutation = mutate(tool.upload_dir, seed)
    action = {"upload": tool.upload, "adopt": tool.adopt, "resync": tool.resync,
              "edit": tool.resync}  # fmt: skip
    measure: Measure = action.get(phase, tool.download)()
    counts = _delta(server.counters(), before)
    local = tool.download_dir if phase == "download" else tool.upload_dir
    diff = compare_trees(local, server.root)
    ok = diff is None and measure.returncode == 0
    record = {**measure.as_dict(), **counts, "ok": ok, "diff": diff, "rc": measure.returncode}
    if mutation is not None:
        record["mutation"] = mutation.__dict__
    return record


def _run_tool(name: str, server: Server, work: Workload, source: Path, opts: Options,
              base: dict[str, Any], rec: Recorder) -> None:  # fmt: skip
    scratch = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    server.clear_root()
    tool = TOOLS[name](server, scratch)
    shutil.copytree(source, tool.upload_dir)
    try:
        prefilled = name in opts.prefill and work.files > 0
        if prefilled:
            filler = Raw(server, scratch)
            filler.upload_dir = tool.upload_dir
            fill = filler.upload()
            _say(f"  {name:8} prefill  {fill.wall_s:8.2f} s  (the raw client filled the server)")
        for phase in work.phases:
            if work.files and phase not in opts.phases:
                continue
            if phase == "edit" and name == "raw":
                continue  # a raw client has no notion of a change
            if phase == "upload" and prefilled:
                phase = "adopt"
            record = _measure_phase(tool, server, phase, opts.seed)
            rec.add({**base, "tool": name, "phase": phase, "load": load_average(), **record})
            verdict = "ok" if record["ok"] else f"FAILED: rc {record['rc']}, {record['diff']}"
            _say(f"  {name:8} {phase:8} {record['wall_s']:8.2f} s  cpu {record['cpu_s']:7.2f} s"
                 f"  rss {record['peak_rss_mb']:6.0f} MB  {record['requests']:6} req"
                 f"  {verdict}")  # fmt: skip
        if isinstance(tool, Raw):
            copy = tool.local_copy(source)
            rec.add({**base, "tool": "copy", "phase": "local-copy", "load": load_average(),
                     **copy.as_dict()})  # fmt: skip
        if isinstance(tool, Cozysync) and opts.watch_saves and work.files >= opts.watch_saves:
            cmd, env = tool.watch_command()
            watch = measure_watch(cmd, env, tool.download_dir, server, saves=opts.watch_saves,
                                  idle_s=opts.idle_s, log=tool.log, seed=opts.seed)  # fmt: skip
            rec.add({**base, "tool": name, "phase": "watch", "load": load_average(), **watch})
            _say(
                f"  {name:8} watch    save→server median {watch['save_latency_median_s']:.2f} s"
                f", idle cpu {watch['idle_cpu_pct']:.2f} %, {watch['idle_requests']} idle req"
            )
    finally:
        if not opts.keep:
            shutil.rmtree(scratch, ignore_errors=True)


def run(opts: Options) -> Recorder:
    rec = Recorder(opts.out)
    compile_tree()
    for kind in opts.servers:
        server = make_server(kind)
        server.start()
        try:
            for work in opts.workloads:
                source = Path(tempfile.mkdtemp(prefix="bench-source-")) / "tree"
                generate(source, work.files, seed=opts.seed, large=work.large)
                try:
                    for index in range(opts.runs):
                        _say(f"{kind} {work.label} run {index + 1}/{opts.runs} "
                             f"(load {load_average()})")  # fmt: skip
                        order = opts.tools[index % len(opts.tools):] + opts.tools[
                            : index % len(opts.tools)]  # fmt: skip
                        for name in order:
                            if (name == "rclone" and opts.rclone_max_files is not None
                                    and work.files > opts.rclone_max_files):  # fmt: skip
                                continue
                            base = {"server": kind, "workload": work.label, "files": work.files,
                                    "large": list(work.large), "run": index + 1}  # fmt: skip
                            _run_tool(name, server, work, source, opts, base, rec)
                finally:
                    shutil.rmtree(source.parent, ignore_errors=True)
        finally:
            server.stop()
            if not opts.keep:
                shutil.rmtree(server.work, ignore_errors=True)
    return rec
