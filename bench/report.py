"""Results (JSON records) → the tables of docs/benchmarks.md and docs/benchmarks/*.png.

Only the part between the ``results`` markers is rewritten; the prose around it (the
targets' causes, the profiles) is kept as written."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import statistics
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DOC = Path("docs/benchmarks.md")
PLOT = Path("docs/benchmarks/scaling.png")
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
PHASES = ("upload", "adopt", "resync", "edit", "download")
PHASE_TITLES = {
    "upload": "(1) initial upload",
    "adopt": "(1') first run on a server filled by the raw client (--prefill)",
    "resync": "(2) no-change resync",
    "edit": "(3) edit + rename + delete",
    "download": "(4) initial download",
}
Key = tuple[str, str, str, str]  # server, workload, tool, phase


def load(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """The records of each results file; ``FILE#phase,phase`` takes only those phases
    (e.g. the watch-mode records of a run whose other phases were measured again)."""
    records: list[dict[str, Any]] = []
    for path in paths:
        name, _, phases = str(path).partition("#")
        rows = json.loads(Path(name).read_text())
        wanted = set(phases.split(",")) if phases else None
        records.extend(r for r in rows if wanted is None or r["phase"] in wanted)
    return records


def medians(records: list[dict[str, Any]]) -> dict[Key, dict[str, Any]]:
    groups: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        groups[(r["server"], r["workload"], r["tool"], r["phase"])].append(r)
    out: dict[Key, dict[str, Any]] = {}
    for key, rows in groups.items():
        merged: dict[str, Any] = {"runs": len(rows), "ok": all(r.get("ok", True) for r in rows)}
        for field in rows[0]:
            values = [r[field] for r in rows if isinstance(r.get(field), int | float)]
            if values and not isinstance(rows[0][field], bool) and field not in ("run", "files"):
                merged[field] = statistics.median(values)
        merged["methods"] = rows[0].get("methods", {})
        merged["files"] = rows[0].get("files", 0)
        merged["large"] = rows[0].get("large", [])
        merged["loads"] = [r.get("load", "") for r in rows]
        merged["per_run"] = {r.get("run", 1): r for r in rows}
        out[key] = merged
    return out


def _workload_order(label: str) -> tuple[int, int, str]:
    return (1, 0, label) if "MiB" in label else (0, int(label), label)


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:.2f}{unit}" if value < 10 else f"{value:.1f}{unit}"


def _ratio(a: dict[str, Any] | None, b: dict[str, Any] | None, field: str = "wall_s") -> str:
    """The median of the ratios measured in the same run (the tools of one run ran one
    after the other under about the same load), else the ratio of the medians."""
    if not a or not b or not b.get(field):
        return "–"
    runs_a, runs_b = a.get("per_run", {}), b.get("per_run", {})
    per_run = [
        runs_a[n][field] / runs_b[n][field]
        for n in sorted(set(runs_a) & set(runs_b))
        if runs_b[n].get(field) and isinstance(runs_a[n].get(field), int | float)
    ]
    value = statistics.median(per_run) if per_run else a[field] / b[field]
    return f"**{value:.2f}x**"


def _load(row: dict[str, Any] | None) -> str:
    """The median 1-minute load average when the phase ended."""
    firsts = [float(x.split()[0]) for x in (row or {}).get("loads", []) if x]
    return f"{statistics.median(firsts):.1f}" if firsts else "–"


def _methods(methods: dict[str, int]) -> str:
    return " ".join(f"{k} {v}" for k, v in sorted(methods.items(), key=lambda kv: -kv[1]))


def phase_table(med: dict[Key, dict[str, Any]], server: str) -> list[str]:
    lines = [
        "| files | phase | cozysync s | rclone bisync s | raw s | cozysync / rclone "
        "| cozysync / raw | cozysync CPU s | rclone CPU s | raw CPU s | CPU cozysync / rclone "
        "| CPU cozysync / raw | cozysync RSS MB | rclone RSS MB "
        "| requests cozysync / rclone / raw | MB sent cozysync / rclone / raw | runs "
        "| load | trees equal |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    workloads = sorted({k[1] for k in med if k[0] == server}, key=_workload_order)
    for work in workloads:
        for phase in PHASES:
            cz, rc, raw = (
                med.get((server, work, tool, phase)) for tool in ("cozysync", "rclone", "raw")
            )
            if not (cz or rc or raw):
                continue
            req = " / ".join(str(int(x["requests"])) if x else "–" for x in (cz, rc, raw))
            sent = " / ".join(_fmt(x["bytes_up"] / 1e6) if x else "–" for x in (cz, rc, raw))
            ok = all(x["ok"] for x in (cz, rc, raw) if x)
            runs = max(x["runs"] for x in (cz, rc, raw) if x)
            lines.append(
                f"| {work} | {PHASE_TITLES[phase]} | {_fmt(cz and cz['wall_s'])} "
                f"| {_fmt(rc and rc['wall_s'])} | {_fmt(raw and raw['wall_s'])} "
                f"| {_ratio(cz, rc)} | {_ratio(cz, raw)} | {_fmt(cz and cz['cpu_s'])} "
                f"| {_fmt(rc and rc['cpu_s'])} | {_fmt(raw and raw['cpu_s'])} "
                f"| {_ratio(cz, rc, 'cpu_s')} | {_ratio(cz, raw, 'cpu_s')} "
                f"| {_fmt(cz and cz['peak_rss_mb'], '')} "
                f"| {_fmt(rc and rc['peak_rss_mb'])} | {req} | {sent} | {runs} "
                f"| {_load(cz or raw)} | {'yes' if ok else '**NO**'} |"
            )
    return lines


def requests_table(med: dict[Key, dict[str, Any]], server: str) -> list[str]:
    lines = ["| files | phase | cozysync requests | rclone bisync requests |", "|---|---|---|---|"]
    workloads = sorted({k[1] for k in med if k[0] == server}, key=_workload_order)
    for work in workloads:
        for phase in PHASES:
            cz, rc = (med.get((server, work, tool, phase)) for tool in ("cozysync", "rclone"))
            if cz or rc:
                lines.append(
                    f"| {work} | {phase} | {_methods(cz['methods']) if cz else '–'} "
                    f"| {_methods(rc['methods']) if rc else '–'} |"
                )
    return lines


def throughput_table(med: dict[Key, dict[str, Any]]) -> list[str]:
    lines = [
        "| server | files | phase | cozysync MB/s | raw MB/s | rclone MB/s | cozysync / raw "
        "throughput | cozysync RSS MB |",
        "|---|---|---|--:|--:|--:|--:|--:|",
    ]
    for (server, work, tool, phase), row in sorted(med.items()):
        if tool != "cozysync" or "MiB" not in work or phase not in ("upload", "download"):
            continue
        total = sum(row["large"]) / 1e6
        speeds = {}
        for name in ("cozysync", "raw", "rclone"):
            other = med.get((server, work, name, phase))
            speeds[name] = total / other["wall_s"] if other else None
        share = (
            f"**{speeds['cozysync'] / speeds['raw']:.0%}**"
            if speeds["raw"] and speeds["cozysync"]
            else "–"
        )
        lines.append(
            f"| {server} | {work} | {phase} | {_fmt(speeds['cozysync'])} | {_fmt(speeds['raw'])} "
            f"| {_fmt(speeds['rclone'])} | {share} | {_fmt(row['peak_rss_mb'])} |"
        )
    return lines


def watch_table(med: dict[Key, dict[str, Any]]) -> list[str]:
    lines = [
        "| server | files | save → on the server, median s | requests per save "
        "| idle CPU % of a core, first minute after the saves | steady idle CPU % "
        "| requests while idle (first, steady) | idle seconds | peak RSS MB | runs | load |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for (server, work, _tool, phase), row in sorted(med.items()):
        if phase == "watch":
            lines.append(
                f"| {server} | {work} | {_fmt(row['save_latency_median_s'])} "
                f"| {_fmt(row['save_requests'])} | {row['idle_cpu_pct']:.2f} "
                f"| {_steady(row)} "
                f"| {int(row['idle_requests'])}, {_steady_requests(row)} | {int(row['idle_s'])} "
                f"| {_fmt(row['peak_rss_mb'])} | {row['runs']} | {_load(row)} |"
            )
    return lines


def _steady(row: dict[str, Any]) -> str:
    value = row.get("steady_idle_cpu_pct")
    return "–" if value is None else f"{value:.2f}"  # runs before session 4 lack it


def _steady_requests(row: dict[str, Any]) -> str:
    value = row.get("steady_idle_requests")
    return "–" if value is None else str(int(value))


def copy_table(med: dict[Key, dict[str, Any]]) -> list[str]:
    lines = ["| server | files | plain local copy (cp -r) s |", "|---|---|--:|"]
    for (server, work, tool, _phase), row in sorted(med.items()):
        if tool == "copy":
            lines.append(f"| {server} | {work} | {_fmt(row['wall_s'])} |")
    return lines


def machine() -> list[str]:
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    disk = subprocess.run(["df", "-hT", "/tmp"], capture_output=True, text=True).stdout.split("\n")[
        1
    ]
    versions = []
    for cmd in (["rclone", "version"], ["apache2", "-v"]):
        with contextlib.suppress(OSError):
            versions.append(
                subprocess.run(cmd, capture_output=True, text=True).stdout.split("\n")[0]
            )
    return [
        f"- CPU: {os.cpu_count()} cores ({cpu}); memory: {int(mem) / 2**20:.0f} GiB",
        f"- disk (temp folders, served folders): `{' '.join(disk.split())}`",
        f"- Python {platform.python_version()}; {'; '.join(versions)}",
    ]


def plot(med: dict[Key, dict[str, Any]], target: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is missing: no plot (pip install matplotlib)")
        return False
    servers = sorted({k[0] for k in med})
    fig, axes = plt.subplots(2, len(servers), figsize=(6 * len(servers), 8), squeeze=False)
    styles = {"cozysync": "-o", "rclone": "--s", "raw": ":^"}
    for col, server in enumerate(servers):
        for phase in ("upload", "resync", "download"):
            for tool, style in styles.items():
                points = sorted(
                    (row["files"], row) for (s, w, t, p), row in med.items()
                    if s == server and t == tool and p == phase and "MiB" not in w
                )  # fmt: skip
                if len(points) < 2 and tool != "cozysync":
                    continue
                xs = [p[0] for p in points]
                axes[0][col].plot(xs, [p[1]["wall_s"] for p in points], style,
                                  label=f"{tool} {phase}")  # fmt: skip
                if phase == "upload":
                    axes[1][col].plot(xs, [p[1]["peak_rss_mb"] for p in points], style,
                                      label=f"{tool} (peak of upload)")  # fmt: skip
        axes[0][col].set_title(f"{server}: wall time (median)")
        axes[1][col].set_title(f"{server}: peak RSS of the sync process")
        axes[0][col].set_ylabel("seconds")
        axes[1][col].set_ylabel("MiB")
        for ax in (axes[0][col], axes[1][col]):
            ax.set_xlabel("small files")
            ax.set_xscale("log")
            ax.grid(True, which="both", alpha=0.3)
            ax.legend(fontsize=7)
        axes[0][col].set_yscale("log")
    fig.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, dpi=90)
    return True


def results_section(records: list[dict[str, Any]], sources: list[Path]) -> str:
    med = medians(records)
    loads = sorted({r.get("load", "") for r in records if r.get("load")})
    first = [float(x.split()[0]) for x in loads]
    parts = [
        BEGIN,
        "",
        "## Machine and runs (generated)",
        "",
        *machine(),
        f"- load average (1 min) when phases ended: {min(first):.1f} to {max(first):.1f} "
        "(other engineers' test suites ran at the same time: timings are noisy)"
        if first
        else "",
        f"- results: {', '.join(f'`{s}`' for s in sources)} ({len(records)} records); "
        "every number is the median of the runs column, every ratio the median of the "
        "ratios within one run; *load* is the median 1-minute load average (2 cores) when "
        "cozysync's phase ended",
        "",
    ]
    for server in sorted({k[0] for k in med}):
        parts += [f"### {server}: phases", "", *phase_table(med, server), ""]
        parts += [f"### {server}: requests by method (median run)", ""]
        parts += [*requests_table(med, server), ""]
    parts += ["### Large files: throughput and memory", "", *throughput_table(med), ""]
    parts += ["### Watch mode (cozysync run)", "", *watch_table(med), ""]
    parts += ["### Plain local copy", "", *copy_table(med), ""]
    if plot(med, PLOT):
        parts += ["### Scaling", "", f"![time and memory against the number of files]"
                  f"({PLOT.relative_to('docs')})", ""]  # fmt: skip
    parts.append(END)
    return "\n".join(parts)


def write_report(sources: list[Path]) -> None:
    records = load(sources)
    section = results_section(records, sources)
    text = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: section, text,
                      flags=re.S)  # fmt: skip
    else:
        text += "\n" + section + "\n"
    DOC.write_text(text)
    print(f"wrote {DOC} and {PLOT}")
