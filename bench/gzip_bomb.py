"""Peak memory of the client under a gzip-bombed listing and download:
``python -m bench.gzip_bomb [MiB] [CODE_DIR]``.

A WsgiDAV server (tests/servers.py) behind the hostile middleware of
tests/hostile_server.py answers the whole-tree PROPFIND with a gzip body inflating to
one text node of MiB mebibytes (default 1024), then a GET of a 10-byte file with a bomb
of the same size.  The client runs in a child process (the cozysync package from
CODE_DIR, default this checkout, e.g. an older ``git archive`` to compare) and prints
its peak RSS before and after each request, what it raised, and how long it took.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.hostile_server import hostile
from tests.servers import WsgiDavServer

_CLIENT = r"""
import io, resource, sys, time
from cozysync.remotes.webdav import WebDavRemote
from cozysync.models import RemoteState

def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

url, user, password = sys.argv[1:4]
remote = WebDavRemote(url, user, password)
print(f"start: peak RSS {peak_mib():.0f} MiB")
for name, call in [
    ("listing", lambda: remote.list_tree()),
    ("download", lambda: remote.download(
        "small.txt", io.BytesIO(), progress=None,
        expected=RemoteState(path="small.txt", is_dir=False, size=10, mtime=None, etag=None),
    )),
]:
    began = time.monotonic()
    try:
        call()
        outcome = "no error"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    took = time.monotonic() - began
    print(f"{name}: peak RSS {peak_mib():.0f} MiB after {took:.1f} s; {outcome}")
"""

_PREFIX = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:"><d:response><d:href>/'
)
_SUFFIX = (
    b"</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype>"
    b"</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    b"</d:multistatus>"
)


def main() -> None:
    mib = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    code = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        server = WsgiDavServer(Path(tmp) / "root")
        server.write("small.txt", b"0123456789")
        server.start()
        try:
            bombs = hostile(server)
            bombs.gzip_bomb("PROPFIND", "/", size=mib << 20, prefix=_PREFIX, filler=b"a",
                            suffix=_SUFFIX)  # fmt: skip
            bombs.gzip_bomb("GET", "/small.txt", size=mib << 20)
            env = {**os.environ, "PYTHONPATH": str(code)}
            args = [sys.executable, "-c", _CLIENT, server.url, server.user, server.password]
            subprocess.run(args, env=env, cwd=code, check=True)  # cwd: first on sys.path
        finally:
            server.stop()


if __name__ == "__main__":
    main()
