"""An upload SIGKILLed half-way never leaves a partial file under the real name."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.remotes.helpers import make_remote, source
from tests.servers import DavServer

UPLOADER = r"""
import io, sys, time
from cozysync.remotes.webdav import WebDavRemote

class Stalling(io.RawIOBase):
    def __init__(self):
        self.chunks = 0
    def readable(self):
        return True
    def readinto(self, buffer):
        self.chunks += 1
        if self.chunks == 3:
            print("halfway", flush=True)
            time.sleep(60)  # killed here
        buffer[: len(buffer)] = b"n" * len(buffer)
        return len(buffer)

url, user, password = sys.argv[1:4]
remote = WebDavRemote(url, user, password)
target = remote.stat("doc.bin")
remote.upload("doc.bin", lambda: io.BufferedReader(Stalling()), 8 << 20, replace=target,
              mtime=None, content_hash=None, progress=None)
"""


def test_killed_upload_leaves_the_target_untouched(dav_server: DavServer):
    remote = make_remote(dav_server)
    remote.upload(
        "doc.bin",
        source(b"old version"),
        11,
        replace=None,
        mtime=None,
        content_hash=None,
        progress=None,
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-c", UPLOADER, dav_server.url, dav_server.user, dav_server.password],
        stdout=subprocess.PIPE,
        env=env,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"halfway\n"
        _wait_for_partial_temp(dav_server)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    time.sleep(0.5)  # the server notices the dropped connection
    assert (dav_server.root / "doc.bin").read_bytes() == b"old version"
    assert [i.path for i in remote.list_tree()] == ["doc.bin"]
    if dav_server.kind == "wsgidav":  # it writes in place: our temp holds the partial bytes
        temps = list(dav_server.root.glob(".cozysync-*.tmp"))
        assert len(temps) == 1 and 0 < temps[0].stat().st_size < 8 << 20
    remote._clock.offset = 7200  # type: ignore[attr-defined]
    remote.cleanup_temp_files(3600)
    assert [p.name for p in dav_server.root.iterdir()] == ["doc.bin"]
    remote.close()


def _wait_for_partial_temp(server: DavServer) -> None:
    """Until the first MiB reached the server (WsgiDAV writes our temp in place; Apache
    writes its own hidden file: give it a moment)."""
    deadline = time.monotonic() + 15
    while server.kind == "wsgidav" and time.monotonic() < deadline:
        if any(p.stat().st_size > 0 for p in server.root.glob(".cozysync-*.tmp")):
            return
        time.sleep(0.05)
    time.sleep(0.5)
