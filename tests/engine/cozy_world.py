"""A folder linked to the strict Cozy Stack double, for end-to-end cases through the CLI.

``CozyWorld`` is ``worlds.World`` with a Cozy on the other side:

- the folder is linked the way a user does it: ``cozysync link DIR URL --cozy
  --no-browser``, and the test's browser (``UserBrowser``) opens the login address the
  command prints and follows the redirect to the loopback listener (``link_with_browser``);
- the user's own actions on the Cozy go through the stack's files API with a web-app
  token (``CozyUser``: POST/PUT uploads, PATCH moves, DELETE = move to the Cozy trash),
  never through cozysync's ``CozyRemote``;
- the server's tree is read from the double's VFS (the live tree, the Cozy trash apart);
  an item's identity is its ``_id`` (a Cozy has no inodes; a PATCH keeps the id, a delete
  plus a new upload does not);
- ``recording`` reads the double's own record of the requests (``CozyRequests``): an
  upload is a POST of a file or a PUT of content, a download a GET of
  ``/files/download/:id``, a move a PATCH, a deletion a DELETE (to the Cozy trash) or a
  DELETE in ``/files/trash`` (a real deletion).  A request naming an id is named by the
  path that item had when the request arrived (as a WebDAV server logs a path).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring

from tests.cozy_server import ROOT, CozyStackServer, CozyUser, UserBrowser
from tests.engine.inprocess_cli import InProcessCli, in_process, run_in_process
from tests.engine.test_cli import Cli, Result, make_cli
from tests.engine.worlds import Side, Tree, World, read_tree

__all__ = [
    "CozyRequests",
    "CozyWorld",
    "Linked",
    "downloads",
    "is_download",
    "is_upload",
    "link_folder",
    "link_with_browser",
    "run_with_browser",
]

_URL = re.compile(r"^\s+(http://\S+)$", re.M)


def run_with_browser(cli: Cli, *args: str, timeout: float = 120) -> tuple[Result, UserBrowser]:
    """Run a CLI command that logs in to a Cozy; the test browser opens the address it
    prints as soon as it is printed (the user approving this computer)."""
    browser = UserBrowser()
    opener = _opener(browser)
    if isinstance(cli, InProcessCli):
        return Result(*run_in_process(cli.env, args, on_line=opener)), browser
    printed: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-m", "cozysync", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli.env,
        stdin=subprocess.DEVNULL,
    ) as proc:  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        for line in proc.stdout:
            printed.append(line)
            opener(line)
        err = proc.stderr.read()
        code = proc.wait(timeout=timeout)
    return Result(code, "".join(printed), err), browser


def _opener(browser: UserBrowser) -> Callable[[str], None]:
    def open_login_address(line: str) -> None:
        found = _URL.match(line)
        if found:
            threading.Thread(target=browser, args=(found.group(1),), daemon=True).start()

    return open_login_address


def link_with_browser(cli: Cli, local: Any, url: str, *extra: str) -> Result:
    result, browser = run_with_browser(
        cli, "link", str(local), url, "--cozy", "--no-browser", "--name", "docs", *extra
    )
    assert result.code == 0, result.out + result.err
    assert browser.visited, "the login address was not printed"
    return result


@dataclass(frozen=True)
class CozyRequests:
    """What the Cozy received during one CLI run, ids named by their path before it."""

    seen: tuple[tuple[str, str, str], ...]  # (method, path, query) as the double logged it
    targets: tuple[str | None, ...]  # per request: the path of the doc it named, then

    def _named(self, method: str, *, but: str = "") -> list[str]:
        return [
            (target or p).lstrip("/")
            for (m, p, _), target in zip(self.seen, self.targets, strict=True)
            if m == method and p.startswith("/files/") and p != but
        ]

    @property
    def uploads(self) -> int:
        """A new file (POST with ``Type=file``) or new content (PUT)."""
        return sum(
            1
            for m, p, q in self.seen
            if (m == "POST" and p.startswith("/files") and "Type=file" in q)
            or (m == "PUT" and p.startswith("/files/"))
        )

    @property
    def downloads(self) -> int:
        return sum(1 for m, p, _ in self.seen if m == "GET" and p.startswith("/files/download/"))

    @property
    def moves(self) -> list[str]:
        return self._named("PATCH", but="/files/")

    @property
    def deletes(self) -> list[str]:
        return [p for p in self._named("DELETE") if not p.startswith(".cozy_trash")]

    @property
    def destroys(self) -> list[str]:
        """Real deletions (out of the Cozy trash, or the whole trash emptied)."""
        return [p for m, p, _ in self.seen if m == "DELETE" and p.startswith("/files/trash")]


@dataclass(frozen=True)
class CozyStat:
    """What tells an untouched item on a Cozy: same id, same rev, same ``updated_at``."""

    st_ino: str
    st_ctime_ns: str  # the rev: any write makes a new one
    st_mtime_ns: str


@dataclass
class CozyWorld(World):
    """One local folder linked (as ``docs``) to the Cozy double."""

    cozy: CozyStackServer | None = None
    user: CozyUser | None = None

    @property
    def stack(self) -> CozyStackServer:
        assert self.cozy is not None
        return self.cozy

    @property
    def hands(self) -> CozyUser:
        assert self.user is not None
        return self.user

    def link(self) -> Result:
        return link_with_browser(self.cli, self.local, self.stack.url)

    # -- the server, through its files API --------------------------------------------

    def remote_write(self, rel: str, data: bytes) -> None:
        self.hands.write(rel, data)

    def remote_mkdir(self, rel: str) -> None:
        self.hands.mkdir(rel)

    def remote_move(self, src: str, dst: str) -> None:
        self.hands.move(src, dst)

    def remote_delete(self, rel: str) -> None:
        self.hands.trash(rel)  # §4: a user "delete" is a move to the Cozy trash

    # -- views ---------------------------------------------------------------------------

    def remote_tree(self) -> Tree:
        with self.stack.lock:
            return self.stack.tree()

    def cozy_trash(self) -> dict[str, tuple[str, bytes | None]]:
        """Every doc in the Cozy trash (any depth): id → (name, bytes or None)."""
        with self.stack.lock:
            return {
                d.id: (d.name, None if d.type == "directory" else d.content)
                for d in self.stack.docs.values()
                if d.id != ROOT and self.stack.in_trash(d) and d.dir_id != ""
                and d.id != "io.cozy.files.trash-dir"
            }  # fmt: skip

    def live_docs(self) -> dict[str, tuple[str, bytes | None]]:
        """Every live doc: id → (relative path, bytes or None)."""
        with self.stack.lock:
            out = {}
            for doc in self.stack.descendants(self.stack.docs[ROOT]):
                path = self.stack.path_of(doc)[1:]
                if not re.match(r"^(\.cozy_trash|Drives)(/|$)", path):
                    out[doc.id] = (path, None if doc.type == "directory" else doc.content)
            return out

    def inode(self, side: Side, rel: str) -> int:
        if side == "local":
            return super().inode(side, rel)
        return int(self.hands.doc(rel).id, 16)

    def cozy_stat(self, rel: str) -> CozyStat:
        doc = self.hands.doc(rel)
        return CozyStat(doc.id, doc.rev, doc.updated_at)

    @contextmanager
    def recording(self) -> Iterator[list[CozyRequests]]:  # type: ignore[override]
        box: list[CozyRequests] = []
        with self.stack.lock:
            offset = len(self.stack.requests)
        try:
            yield box
        finally:
            with self.stack.lock:
                seen = tuple(self.stack.requests[offset:])
                targets = tuple(self.stack.targets[offset:])
            box.append(CozyRequests(seen, targets))


# -- a folder linked by the CLI, for the CLI tests with a Cozy --------------------------------


@dataclass
class Linked:
    cli: Cli
    local: Path
    cozy: CozyStackServer
    user: CozyUser

    def folder(self) -> dict[str, object]:
        [folder] = self.cli.folders()
        return folder

    def tokens(self) -> dict[str, str]:
        stored = keyring.get_password("cozysync", str(self.folder()["cozy_account"]))
        assert stored is not None
        return dict(json.loads(stored))

    def local_tree(self) -> dict[str, bytes | None]:
        return read_tree(self.local, skip_marker=True)

    def since(self, offset: int) -> list[tuple[str, str, str]]:
        with self.cozy.lock:
            return list(self.cozy.requests[offset:])

    def answered(self, offset: int) -> list[tuple[str, str, str, int]]:
        """(method, path, query, status) of what was answered since ``offset``."""
        with self.cozy.lock:
            return list(self.cozy.answers[offset:])

    def mark(self) -> int:
        with self.cozy.lock:
            return len(self.cozy.requests)

    def mark_answers(self) -> int:
        with self.cozy.lock:
            return len(self.cozy.answers)


def is_upload(method: str, path: str, query: str) -> bool:
    return (method == "POST" and "Type=file" in query) or method == "PUT"


def is_download(method: str, path: str, query: str) -> bool:
    return method == "GET" and path.startswith("/files/download/")


def downloads(requests: list[tuple[str, str, str]]) -> list[str]:
    return [p for m, p, q in requests if is_download(m, p, q)]


def link_folder(tmp_path: Path, cozy_server: CozyStackServer, cozy_user: CozyUser) -> Linked:
    """A folder holding ``a.txt``, linked by ``cozysync link --cozy`` and synced once (the
    test module's ``linked`` fixture; the keyring session must be up)."""
    cli = make_cli(tmp_path)
    local = tmp_path / "Cozy"
    local.mkdir()
    (local / "a.txt").write_bytes(b"A")
    setup = in_process(cli)  # the link and first sync set the test up: in this process
    link_with_browser(setup, local, cozy_server.url)
    first = setup.sync()
    assert first.code == 0, first.out + first.err
    assert cozy_server.tree() == {"a.txt": b"A"}
    return Linked(cli, local, cozy_server, cozy_user)
