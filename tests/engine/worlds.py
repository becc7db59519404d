"""A linked folder and its server, for end-to-end cases driven through the CLI.

``World`` holds one local folder linked to one real WebDAV server (WsgiDAV or Apache).
The user's own actions are made directly:

- on this computer, on the real file system (``os.rename``, ``shutil.rmtree``, ...);
- on the server, through the server's own WebDAV API with plain httpx requests
  (``DavClient``: PUT, MKCOL, MOVE with ``Destination``/``Overwrite: F``, DELETE), never
  through cozysync's ``WebDavRemote``, so the test does not trust the code under test.

Both trees are read from disk: the local folder (without our marker ``.cozysync``) and
the server's served folder (``server.root``), names and bytes.  ``inode`` reads the
server-side or local inode of an item, to tell a MOVE from a delete plus re-upload.
For WsgiDAV, which runs in this process, ``requests`` counts what the server received.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote, unquote

import httpx

from tests.engine.test_cli import Cli, Result
from tests.servers import (
    APACHE_MODULES,
    ApacheServer,
    DavServer,
    make_apache_workdir,
    started_apache,
)

__all__ = [
    "CONFLICT_RE",
    "DavClient",
    "Requests",
    "Side",
    "Tree",
    "World",
    "canonical",
    "logged_apache",
    "read_tree",
]

Tree = dict[str, bytes | None]  # relative path → bytes (a file) or None (a folder)
Side = Literal["local", "remote"]
MARKER = ".cozysync"

# "<stem> (conflict <device> <YYYY-MM-DD HHMMSS>)<ext>"
CONFLICT_RE = re.compile(
    r"^(?P<stem>.+) \(conflict (?P<device>[^()/]+) "
    r"(?P<stamp>\d{4}-\d{2}-\d{2} \d{6})\)(?P<ext>\.[^./]*)?$"
)


def read_tree(root: Path, *, skip_marker: bool = False) -> Tree:
    """Every item below ``root``: names as the file system spells them, and bytes."""
    tree: Tree = {}
    for folder, dirs, files in os.walk(root):
        rel_folder = Path(folder).relative_to(root).as_posix()
        prefix = "" if rel_folder == "." else rel_folder + "/"
        for name in dirs:
            tree[prefix + name] = None
        for name in files:
            if skip_marker and not prefix and name == MARKER:
                continue
            tree[prefix + name] = (Path(folder) / name).read_bytes()
    return tree


def canonical(tree: Tree, device: str) -> tuple[Tree, list[str]]:
    """The tree with each conflict copy this computer made named ``<stem> (conflict)<ext>``
    (a copy made elsewhere keeps its name), and the list of the copies' real names."""
    out: Tree = {}
    copies = []
    for path, data in tree.items():
        parts = path.split("/")
        for i, name in enumerate(parts):
            match = CONFLICT_RE.match(name)
            if match is not None and match["device"] == device:
                parts[i] = f"{match['stem']} (conflict){match['ext'] or ''}"
                if i == len(parts) - 1:
                    copies.append(path)
        out["/".join(parts)] = data
    return out, copies


class DavClient:
    """The user's hands on the server: plain WebDAV requests, nothing of cozysync."""

    def __init__(self, server: DavServer) -> None:
        self.base = server.url.rstrip("/")
        self.http = httpx.Client(auth=(server.user, server.password), timeout=30.0)

    def close(self) -> None:
        self.http.close()

    def url(self, rel: str, *, is_dir: bool = False) -> str:
        quoted = "/".join(quote(name, safe="") for name in rel.split("/"))
        return f"{self.base}/{quoted}" + ("/" if is_dir else "")

    def _expect(self, response: httpx.Response, *ok: int) -> None:
        assert response.status_code in ok, (
            f"{response.request.method} {response.request.url}: {response.status_code}"
        )

    def put(self, rel: str, data: bytes) -> None:
        self._expect(self.http.put(self.url(rel), content=data), 200, 201, 204)

    def mkcol(self, rel: str) -> None:
        self._expect(self.http.request("MKCOL", self.url(rel, is_dir=True)), 201)

    def move(self, src: str, dst: str, *, is_dir: bool) -> None:
        headers = {"Destination": self.url(dst, is_dir=is_dir), "Overwrite": "F"}
        if is_dir:
            headers["Depth"] = "infinity"
        response = self.http.request("MOVE", self.url(src, is_dir=is_dir), headers=headers)
        self._expect(response, 201, 204)

    def delete(self, rel: str, *, is_dir: bool) -> None:
        self._expect(self.http.delete(self.url(rel, is_dir=is_dir)), 200, 204)


def _is_ours(path: str) -> bool:
    """An upload temp or a capability probe of cozysync (``.cozysync-….tmp``)."""
    return any(n.startswith(".cozysync-") and n.endswith(".tmp") for n in path.split("/"))


@dataclass(frozen=True)
class Requests:
    """What the server received during one CLI run: (method, path below the served
    folder, as the server saw it)."""

    seen: tuple[tuple[str, str], ...]

    @property
    def uploads(self) -> int:
        """PUTs of content (into an upload temp); the capability probe is left out."""
        return sum(1 for m, p in self.seen if m == "PUT" and ".cozysync-probe-" not in p)

    @property
    def moves(self) -> list[str]:
        """MOVEs of the user's items (not the commit of an upload temp, not the probe)."""
        return [p for m, p in self.seen if m == "MOVE" and not _is_ours(p)]

    @property
    def downloads(self) -> int:
        return sum(1 for m, p in self.seen if m == "GET" and not _is_ours(p))

    @property
    def deletes(self) -> list[str]:
        return [p for m, p in self.seen if m == "DELETE" and not _is_ours(p)]


@dataclass
class World:
    """One local folder linked (as ``docs``) to one server, and the user's actions."""

    local: Path
    server: DavServer
    cli: Cli
    dav: DavClient
    trash: Path  # <XDG_DATA_HOME>/Trash/files of the CLI runs

    # -- this computer ---------------------------------------------------------------

    def local_write(self, rel: str, data: bytes) -> None:
        target = self.local / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def local_mkdir(self, rel: str) -> None:
        (self.local / rel).mkdir(parents=True)

    def local_move(self, src: str, dst: str) -> None:
        (self.local / dst).parent.mkdir(parents=True, exist_ok=True)
        os.rename(self.local / src, self.local / dst)

    def local_delete(self, rel: str) -> None:
        target = self.local / rel
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()

    # -- the server, through its WebDAV API --------------------------------------------

    def _remote_parents(self, rel: str) -> None:
        parts = rel.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i])
            if not (self.server.root / folder).is_dir():
                self.dav.mkcol(folder)

    def remote_write(self, rel: str, data: bytes) -> None:
        self._remote_parents(rel)
        self.dav.put(rel, data)

    def remote_mkdir(self, rel: str) -> None:
        self._remote_parents(rel)
        self.dav.mkcol(rel)

    def remote_move(self, src: str, dst: str) -> None:
        self._remote_parents(dst)
        self.dav.move(src, dst, is_dir=(self.server.root / src).is_dir())

    def remote_delete(self, rel: str) -> None:
        self.dav.delete(rel, is_dir=(self.server.root / rel).is_dir())

    # -- views ---------------------------------------------------------------------------

    def local_tree(self) -> Tree:
        return read_tree(self.local, skip_marker=True)

    def remote_tree(self) -> Tree:
        return read_tree(self.server.root)

    def trash_tree(self) -> Tree:
        return read_tree(self.trash) if self.trash.exists() else {}

    def trashed_from(self) -> set[str]:
        """Where each trashed item was (the ``Path=`` of its ``.trashinfo``), relative to
        the local folder."""
        info = self.trash.parent / "info"
        paths = set()
        for entry in info.glob("*.trashinfo") if info.exists() else ():
            lines = entry.read_text(encoding="utf-8").splitlines()
            [path] = [unquote(line[5:]) for line in lines if line.startswith("Path=")]
            paths.add(Path(path).relative_to(self.local.resolve()).as_posix())
        return paths

    def inode(self, side: Side, rel: str) -> int:
        root = self.local if side == "local" else self.server.root
        return os.stat(root / rel, follow_symlinks=False).st_ino

    def stat(self, side: Side, rel: str) -> os.stat_result:
        root = self.local if side == "local" else self.server.root
        return os.stat(root / rel, follow_symlinks=False)

    # -- the CLI ---------------------------------------------------------------------------

    @property
    def device(self) -> str:
        [folder] = self.cli.folders()
        return str(folder["device_name"])

    def sync(self) -> Result:
        return self.cli.sync()

    @contextmanager
    def recording(self) -> Iterator[list[Requests]]:
        """Collect what the server receives inside the block: WsgiDAV's own record of the
        requests (``FaultInjector.seen``), Apache's access log (``logged_apache``)."""
        box: list[Requests] = []
        faults = self.server.faults
        log = access_log(self.server)
        if faults is not None:
            faults.clear()
        offset = 0
        if log is not None:
            _settle(self.server)  # the user's own last requests are logged before the block
            offset = log.stat().st_size if log.exists() else 0
        try:
            yield box
        finally:
            if faults is not None:
                box.append(Requests(tuple(faults.seen)))
            elif log is not None:
                _settle(self.server)
                box.append(Requests(tuple(_read_access_log(log, offset))))


# -- Apache with an access log -------------------------------------------------------------

_LOG_LINE = re.compile(r'^(?P<method>[A-Z]+) "(?P<path>[^"]*)" (?P<status>\d{3})$')


def access_log(server: DavServer) -> Path | None:
    if isinstance(server, ApacheServer):
        return server.work / "access.log"
    return None


def _settle(server: DavServer) -> None:
    """Wait until every request Apache received is in its access log.  Apache writes a
    request's line after sending its answer, in the worker that served it: once no worker
    is busy but the one answering this question (mod_status), and no answer is still
    being written out by the event loop, every line is written."""
    status_url = server.url.removesuffix("/dav/") + STATUS_PATH + "?auto"
    deadline = time.monotonic() + 30
    while True:
        board = dict(
            line.split(": ", 1)
            for line in httpx.get(status_url, timeout=10).text.splitlines()
            if ": " in line
        )
        if board["BusyWorkers"] == "1" and board["ConnsAsyncWriting"] == "0":
            return
        assert time.monotonic() < deadline, f"Apache still busy: {board}"
        time.sleep(0.005)


def _read_access_log(log: Path, offset: int) -> Iterator[tuple[str, str]]:
    with open(log, "rb") as file:
        file.seek(offset)
        lines = file.read().decode("utf-8", "replace").splitlines()
    for line in lines:
        match = _LOG_LINE.match(line)
        assert match is not None, line
        if match["path"] == STATUS_PATH:  # the test's own question (_settle)
            continue
        if match["method"] == "GET" and match["status"] == "412":
            # a GET pinned to an ETag Apache calls weak (a file written less than a
            # second ago) is refused before any byte, then re-checked and sent again
            # (webdav_base._conditional): no transfer, and how often depends on timing
            continue
        path = match["path"].removeprefix("/dav")
        yield match["method"], path


STATUS_PATH = "/server-status"  # mod_status: how busy Apache's workers are
_STATUS_CONF = f"""LoadModule status_module {APACHE_MODULES}/mod_status.so
<Location "{STATUS_PATH}">
    SetHandler server-status
    Require all granted
</Location>"""


@contextmanager
def logged_apache() -> Iterator[ApacheServer]:
    """``tests.servers.ApacheServer`` plus one line per request in ``access.log``
    (method, decoded path, status): Apache's own record of what it received; and
    mod_status at ``STATUS_PATH``, which tells when that record is complete."""
    work = make_apache_workdir()
    log_format = '"%m \\"%U\\" %>s"'
    log = f'CustomLog "{work}/access.log" {log_format}'
    with started_apache(f"{log}\n{_STATUS_CONF}", work) as server:
        yield server
