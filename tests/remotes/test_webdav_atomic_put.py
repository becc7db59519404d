"""A new file on Apache mod_dav_fs goes up in one conditional PUT: mod_dav_fs writes the
body to a hidden ``.davfs.tmp*`` and renames it over the target only once it is complete
(it names its property set in its DAV header, which ``check`` reads), so the temp + MOVE
that other servers need is not.  A replacement still goes through temp + MOVE.

Against a real Apache httpd with an access log of every request."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator

import pytest

from cozysync.errors import ItemChangedError, PreconditionFailedError
from cozysync.remotes.webdav import WebDavRemote
from tests.conftest import _require_apache
from tests.engine.worlds import logged_apache
from tests.remotes.helpers import RecordingClock, no_leftovers, source
from tests.servers import ApacheServer


@pytest.fixture
def apache() -> Iterator[ApacheServer]:
    _require_apache()
    with logged_apache() as server:  # one line per request in access.log
        yield server


Connect = Callable[..., WebDavRemote]


@pytest.fixture
def connect(apache: ApacheServer) -> Iterator[Connect]:
    """Opens checked remotes on the test's Apache (``known``: a saved probe record); each
    is closed when the test ends."""
    opened: list[WebDavRemote] = []

    def open_remote(known: str | None = None) -> WebDavRemote:
        remote = WebDavRemote(
            apache.url, apache.user, apache.password, clock=RecordingClock(), timeout=20
        )
        opened.append(remote)
        remote.check(known)
        return remote

    yield open_remote
    for remote in opened:
        remote.close()


def requests(apache: ApacheServer) -> list[tuple[str, str]]:
    """(method, path) of every request so far (Apache writes its log line at the end)."""
    lines = (apache.work / "access.log").read_text().splitlines()
    return [(line.split(" ", 1)[0], line.split('"')[1]) for line in lines]


PROBE_FOLDER = "/.cozysync-probe-"  # where ``check`` tries the server's behaviour


def writes_since(apache: ApacheServer, mark: int) -> list[tuple[str, str]]:
    """The writes logged after ``mark``, leaving out those of ``check``'s probes: Apache
    logs a request once its answer is sent, so the probe's closing DELETE can reach the log
    after the test has taken its mark (seen in CI)."""
    return [
        r
        for r in requests(apache)[mark:]
        if r[0] in ("PUT", "MOVE", "DELETE") and PROBE_FOLDER not in r[1]
    ]


def upload_new(remote: WebDavRemote, path: str, data: bytes) -> None:
    remote.upload(path, source(data), len(data), replace=None, mtime=None, content_hash=None,
                  progress=None)  # fmt: skip


def test_a_new_file_is_one_put_to_its_own_name(apache: ApacheServer, connect: Connect):
    remote = connect()
    mark = len(requests(apache))
    with no_leftovers(apache):
        upload_new(remote, "devoir.txt", b"homework")
    assert writes_since(apache, mark) == [("PUT", "/dav/devoir.txt")]
    assert (apache.root / "devoir.txt").read_bytes() == b"homework"


def test_a_replacement_still_goes_through_a_temp_and_a_move(apache: ApacheServer, connect: Connect):
    remote = connect()
    upload_new(remote, "devoir.txt", b"v1")
    old = remote.stat("devoir.txt")
    mark = len(requests(apache))
    with no_leftovers(apache):
        remote.upload("devoir.txt", source(b"v2"), 2, replace=old, mtime=None, content_hash=None,
                      progress=None)  # fmt: skip
    methods = [m for m, _p in writes_since(apache, mark)]
    assert methods == ["PUT", "MOVE"]
    assert (apache.root / "devoir.txt").read_bytes() == b"v2"


def test_a_file_that_appeared_meanwhile_is_never_overwritten(
    apache: ApacheServer, connect: Connect
):
    remote = connect()
    (apache.root / "devoir.txt").write_bytes(b"written by someone else")
    apache.own(apache.root / "devoir.txt")
    with pytest.raises(PreconditionFailedError, match="already exists"):
        upload_new(remote, "devoir.txt", b"mine")
    assert (apache.root / "devoir.txt").read_bytes() == b"written by someone else"


class BrokenSource(io.RawIOBase):
    """Gives half its bytes, then fails like a file on a disk that went away."""

    def __init__(self, size: int) -> None:
        self.size, self.given = size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.given >= self.size // 2:
            raise OSError(5, "Input/output error")
        n = min(len(buffer), 64 * 1024)
        buffer[:n] = b"x" * n
        self.given += n
        return n


def test_an_upload_cut_midway_leaves_nothing_under_the_name(apache: ApacheServer, connect: Connect):
    remote = connect()
    size = 4 * 1024 * 1024
    with pytest.raises(ItemChangedError):
        remote.upload("gros.bin", lambda: io.BufferedReader(BrokenSource(size)), size,
                      replace=None, mtime=None, content_hash=None, progress=None)  # fmt: skip
    deadline = time.monotonic() + 10  # Apache notices the cut connection, then cleans up
    while list(apache.root.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(apache.root.iterdir()) == []  # no partial file, no .davfs.tmp left


def test_the_saved_probe_record_keeps_the_single_put(apache: ApacheServer, connect: Connect):
    record = connect().probe_record()
    assert record is not None and '"atomic_put": true' in record
    remote = connect(known=record)  # a later start: no OPTIONS, no probes
    mark = len(requests(apache))
    upload_new(remote, "later.txt", b"later")
    assert writes_since(apache, mark) == [("PUT", "/dav/later.txt")]


class SlowSource(io.RawIOBase):
    """``size`` bytes, with a pause in the middle (a slow network or disk)."""

    def __init__(self, size: int, pause: float) -> None:
        self.size, self.pause, self.given = size, pause, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.given >= self.size:
            return 0
        if self.pause and self.given >= self.size // 2:
            time.sleep(self.pause)
            self.pause = 0
        n = min(len(buffer), 64 * 1024, self.size - self.given)
        buffer[:n] = b"s" * n
        self.given += n
        return n


def test_a_slow_single_put_is_still_confirmed_as_ours(apache: ApacheServer, connect: Connect):
    """Apache dates its answer (``Date``) when the request started; the confirmation
    allows for the request's duration, whatever time the server gives the file."""
    remote = connect()
    size = 1024 * 1024
    slow = lambda: io.BufferedReader(SlowSource(size, 2.5))  # noqa: E731
    remote.upload_unconfirmed("lent.bin", slow, size, replace=None, mtime=None,
                              content_hash=None, progress=None)  # fmt: skip
    confirmed = remote.confirm_uploads(["lent.bin"])
    assert confirmed["lent.bin"].size == size
    assert confirmed["lent.bin"].etag
