"""``python -m bench``: run the benchmark, then write docs/benchmarks.md and the plots.

python -m bench --sizes 1000,10000 --large 64M+64M,512M --runs 3
python -m bench report bench/results/latest.json     # only rewrite the report
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.runner import Options, Workload, run

UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def _size(text: str) -> int:
    text = text.strip().upper().removesuffix("IB").removesuffix("B")
    if text and text[-1] in UNITS:
        return int(float(text[:-1]) * UNITS[text[-1]])
    return int(text)


def _large(spec: str) -> Workload:
    sizes = tuple(_size(part) for part in spec.split("+"))
    counts: dict[int, int] = {}
    for size in sizes:
        counts[size] = counts.get(size, 0) + 1
    label = "+".join(f"{n}x{size >> 20}MiB" for size, n in counts.items())
    return Workload(label, 0, sizes)


def parse(argv: list[str]) -> argparse.Namespace:
    raw_doc = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        "python -m bench", description=__doc__, formatter_class=raw_doc
    )
    parser.add_argument("--sizes", default="1000,10000", help="numbers of small files")
    parser.add_argument("--large", default="64M+64M,512M",
                        help="large-file workloads, comma separated ('' for none)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--servers", default="wsgidav,apache")
    parser.add_argument("--tools", default="cozysync,rclone,raw")
    parser.add_argument("--rclone-max-files", type=int, default=None,
                        help="skip rclone bisync above this many files (it is slow)")  # fmt: skip
    parser.add_argument("--prefill", default="",
                        help="tools whose upload is replaced by a first run on a server the "
                        "raw client filled (phase 'adopt'), e.g. rclone at 100k")  # fmt: skip
    parser.add_argument("--phases", default="upload,resync,edit,download",
                        help="small-file phases to run (in this order)")  # fmt: skip
    parser.add_argument("--watch-saves", type=int, default=10, help="0: no watch-mode phases")
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle watch mode")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="results JSON (appended to)")
    parser.add_argument("--no-report", action="store_true", help="do not rewrite the docs")
    parser.add_argument("--keep", action="store_true", help="keep the temp folders")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    if argv[:1] == ["report"]:
        from bench.report import write_report

        write_report([Path(p) for p in argv[1:]])
        return 0
    args = parse(argv)
    workloads = [Workload(str(int(n)), int(n)) for n in args.sizes.split(",") if n.strip()]
    workloads += [_large(spec) for spec in args.large.split(",") if spec.strip()]
    out = args.out or Path("bench/results") / time.strftime("run-%Y%m%d-%H%M%S.json")
    opts = Options(
        servers=args.servers.split(","), workloads=workloads, tools=args.tools.split(","),
        runs=args.runs, out=out, seed=args.seed, watch_saves=args.watch_saves,
        idle_s=args.idle, rclone_max_files=args.rclone_max_files, keep=args.keep,
        phases=tuple(args.phases.split(",")),
        prefill=tuple(t for t in args.prefill.split(",") if t),
    )  # fmt: skip
    start = time.monotonic()
    run(opts)
    print(f"results in {out} ({time.monotonic() - start:.0f} s)")
    if not args.no_report:
        from bench.report import write_report

        write_report([out])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
