"""N items that all fail: the cost of recording failures (issue 13, item 8).

python -m bench.failing_items --files 10000,200000 [--repo DIR] [--keep]

N small local files in the root of a linked folder, and a WsgiDAV (cozysync's embedded
server, its own process) that answers every PUT with 403: each upload fails and is
recorded as the item's error. ``cozysync sync --once`` runs as a child process and is
measured (wall, CPU, peak RSS, ``bench/proc.py``), and the requests the server received
(by method, the link's own included) are counted. ``--repo`` runs the cozysync of
another checkout (``git archive`` of an older commit) for a before/after comparison.
``python -m bench.failing_items serve ROOT PORT`` is the refusing server itself.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.proc import run_measured
from bench.servers import PASSWORD, USER
from bench.tools import PY, REPO, child_env
from tests.servers import free_port, wait_for_port

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


REQUESTS: collections.Counter[str] = collections.Counter()  # by method (the server's)
_COUNTING = threading.Lock()  # WsgiDAV serves on several threads


def refusing_puts(app: WsgiApp) -> WsgiApp:
    """Every PUT gets 403 (its body read first, so the client sees the answer)."""

    def refuse(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        with _COUNTING:
            REQUESTS[environ["REQUEST_METHOD"]] += 1
        if environ["REQUEST_METHOD"] != "PUT":
            return app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length:
            environ["wsgi.input"].read(length)
        start_response("403 Forbidden", [("Content-Length", "0")])
        return [b""]

    return refuse


def serve(root: str, port: str) -> int:
    from cozysync.demo_server import EmbeddedDavServer

    server = EmbeddedDavServer(
        root, port=int(port), user=USER, password=PASSWORD, middleware=refusing_puts
    )
    server.start()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    server.stop()
    Path(root).with_suffix(".requests.json").write_text(json.dumps(REQUESTS))
    return 0


def make_files(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"f{i:06d}.txt").write_bytes(b"x")


def run_one(count: int, repo: Path, scratch: Path) -> dict[str, Any]:
    root, local, home = scratch / "server", scratch / "local", scratch / "home"
    root.mkdir()
    make_files(local, count)
    port = free_port()
    server = subprocess.Popen(
        [PY, "-m", "bench.failing_items", "serve", str(root), str(port)],
        cwd=REPO, env=child_env(),
    )  # fmt: skip
    try:
        wait_for_port(port)
        env = child_env({"COZYSYNC_HOME": str(home), "PYTHONPATH": str(repo)})
        url = f"http://127.0.0.1:{port}/"
        link = [PY, "-m", "cozysync", "link", str(local), url, "--name", "bench",
                "--user", USER, "--password-stdin", "--insecure-file-store"]  # fmt: skip
        log = scratch / "cozysync.log"
        done = run_measured(link, env=env, cwd=repo, stdin=PASSWORD + "\n", log=log)
        if done.returncode != 0:
            raise SystemExit(f"link failed:\n{done.output}")
        sync = [PY, "-m", "cozysync", "sync", "--once"]
        measure = run_measured(sync, env=env, cwd=repo, log=log, timeout=7200)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    journals = list((home / "data" / "journals").glob("*.sqlite"))
    with sqlite3.connect(journals[0]) as db:
        (recorded,) = db.execute("SELECT count(*) FROM errors").fetchone()
    requests = json.loads(root.with_suffix(".requests.json").read_text())
    return {
        "files": count,
        "errors_recorded": recorded,
        "requests": requests,
        "returncode": measure.returncode,
        **measure.as_dict(),
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["serve"]:
        return serve(*argv[1:])
    parser = argparse.ArgumentParser("python -m bench.failing_items", description=__doc__)
    parser.add_argument(
        "--files", default="10000", help="numbers of failing files, comma separated"
    )
    parser.add_argument("--repo", type=Path, default=REPO, help="the cozysync checkout to run")
    parser.add_argument("--keep", action="store_true", help="keep the temp folders")
    args = parser.parse_args(argv)
    for count in (int(n) for n in args.files.split(",")):
        scratch = Path(tempfile.mkdtemp(prefix=f"cozysync-failing-{count}-"))
        try:
            result = run_one(count, args.repo.resolve(), scratch)
        finally:
            if not args.keep:
                shutil.rmtree(scratch, ignore_errors=True)
        print(
            f"{result['files']} failing files ({result['errors_recorded']} errors recorded,"
            f" exit {result['returncode']}): wall {result['wall_s']:.1f} s,"
            f" CPU {result['cpu_s']:.1f} s, peak RSS {result['peak_rss_mb']:.0f} MiB,"
            f" requests {json.dumps(result['requests'], sort_keys=True)}"
            f" (load {' '.join(f'{x:.1f}' for x in os.getloadavg())})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
