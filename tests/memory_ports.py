"""In-memory twins of the ports, so that tests run the shipped engine and executor
without a disk or a server (issue 14).

- ``MemoryFolder``: the ``LocalFS`` port as ``cozysync.local.fs.LocalFolder`` behaves on
  Linux: inodes kept by a rename and by a rewrite in place, a new inode per new file, a
  temp file + atomic replace that checks the target first, renames that never replace,
  an OS trash, held-back items (links, pipes, unreadable folders), an optional
  case-insensitive disk; names are kept byte for byte (NFC and NFD are two names).
- ``MemoryServer``: the ``Remote`` port as a WebDAV server behaves: a complete listing or
  an error, If-Match on downloads, uploads, moves and deletions, create-only uploads,
  MOVE with ``Overwrite: F``, a server trash, ETags unique per version (``"unique"``) or
  Apache's size + mtime (``"apache"``: two files of one size written in the same second
  share one), names kept in the spelling sent, optional content hashes, stable ids and
  case-insensitivity.  ``MemoryServerWithHistory`` adds ``VersionHistory`` (a Cozy).
- ``MemoryJournal``: the ``Journal`` port as ``SqliteJournal`` behaves, in dicts.
- ``FakeClock``: the ``Clock`` port, still unless advanced.

Failures on demand: ``port.fail_next("upload", "a.txt", ServerError("boom"), times=2)``
makes the next two calls of that method on that path raise that error (a fresh copy
each time).  ``tests/core/test_memory_ports.py`` runs one set of contract checks on these
and on the real adapters, so that they cannot drift apart.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import hashlib
import io
import itertools
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from cozysync.errors import (
    CozySyncError,
    IntegrityError,
    ItemChangedError,
    PreconditionFailedError,
    RemoteItemMissingError,
    SyncError,
)
from cozysync.local.fs import _skipped  # the scan's own words for what it holds back
from cozysync.local.ignore import is_ignored_name
from cozysync.local.marker import is_own_temp_name, new_temp_name
from cozysync.models import (
    Conflict,
    ItemError,
    JournalEntry,
    LocalState,
    PendingTransfer,
    RemoteCapabilities,
    RemoteState,
    SkipKind,
    SkippedItem,
)
from cozysync.paths import is_same_or_under, join, other_spellings, parent_of, rebase
from cozysync.ports import IgnoreRules, Progress

if TYPE_CHECKING:
    from cozysync.ports import Clock, Journal, LocalFS, Remote, VersionHistory

__all__ = [
    "CONFLICT_TIME",
    "FakeClock",
    "LocalNode",
    "MemoryFolder",
    "MemoryJournal",
    "MemoryServer",
    "MemoryServerWithHistory",
    "NoIgnore",
    "RemoteNode",
]

# 2026-11-28 12:00:00 local time: conflict copies made at it are named "… 2026-11-28 120000"
CONFLICT_TIME = datetime(2026, 11, 28, 12, 0, 0).timestamp()
CHUNK = 4


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


class FakeClock:
    """The ``Clock`` port: time stands still unless a test advances it (``sleep``)."""

    def __init__(self, start: float = CONFLICT_TIME) -> None:
        self.t = start

    def now(self) -> float:
        return self.t

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds


class NoIgnore:
    """``IgnoreRules`` with only the built-in names (no ``.cozyignore``)."""

    def is_ignored(self, path: str, is_dir: bool) -> bool:
        return bool(path) and any(is_ignored_name(name) for name in path.split("/"))


class _Failures:
    """Errors a test asked for: the next calls of a method on a path raise them."""

    def __init__(self) -> None:
        self._planned: dict[tuple[str, str], list[CozySyncError]] = {}
        self.calls: list[tuple[str, str]] = []  # every call, in order (method, path)

    def add(self, method: str, path: str, error: CozySyncError, times: int) -> None:
        self._planned.setdefault((method, path), []).extend([error] * times)

    def check(self, method: str, path: str) -> None:
        self.calls.append((method, path))
        planned = self._planned.get((method, path))
        if planned:
            error = planned.pop(0)
            raise copy.copy(error)


# -- the local folder ---------------------------------------------------------------------


@dataclass(eq=False)
class LocalNode:
    is_dir: bool
    content: bytes = b""
    inode: int = 0
    mtime_ns: int = 0
    held: SkipKind | None = None  # a link, a pipe, or a folder this user cannot read


class _TempSink(io.BytesIO):
    """A temp file being written: every write shows in its node at once (as a stat of a
    real file shows what was written and flushed)."""

    def __init__(self, node: LocalNode) -> None:
        super().__init__()
        self._node = node

    def write(self, data: bytes) -> int:  # type: ignore[override]
        written = super().write(data)
        self._node.content = self.getvalue()
        return written


class MemoryFolder:
    """The ``LocalFS`` port in memory; see the module.  ``nodes`` maps every path (as
    spelled) to its node; every node's parent folder is in it too."""

    def __init__(
        self,
        root: Path = Path("/memory/folder"),
        *,
        case_insensitive: bool = False,
        device: int = 2049,
    ) -> None:
        self.root = Path(root)
        self.nodes: dict[str, LocalNode] = {}
        self.trashed: list[tuple[str, bytes | None]] = []  # the OS trash (None: a folder)
        self.skipped: list[SkippedItem] = []
        self.left_out_by_rules = 0
        self.case_insensitive = case_insensitive
        self.device = device
        self._inodes = itertools.count(1000)
        self._ns = itertools.count(1_764_000_000_000_000_000, 1_000_003)
        self._committed: set[str] = set()
        self._failures = _Failures()
        self._lock = threading.RLock()

    # -- test helpers (a user's actions) --------------------------------------------------

    def fail_next(self, method: str, path: str, error: CozySyncError, times: int = 1) -> None:
        self._failures.add(method, path, error, times)

    @property
    def calls(self) -> list[tuple[str, str]]:
        return self._failures.calls

    def new_inode(self) -> int:
        return next(self._inodes)

    def tick(self) -> int:
        return next(self._ns)

    def write(self, path: str, content: bytes) -> None:
        """Write a file as a user does: in place when one is there (same inode)."""
        with self._lock:
            node = self._node(path)
            if node is not None and not node.is_dir and node.held is None:
                node.content, node.mtime_ns = content, self.tick()
                return
            if node is not None:
                self.remove(path)
            self._add(path, LocalNode(False, content, self.new_inode(), self.tick()))

    def make_dirs(self, path: str) -> None:
        with self._lock:
            parts = path.split("/") if path else []
            for i in range(1, len(parts) + 1):
                sub = "/".join(parts[:i])
                node = self._node(sub)
                if node is not None and node.is_dir:
                    continue
                if node is not None:
                    self.remove(sub)
                self._add(sub, LocalNode(True, b"", self.new_inode(), self.tick()))

    def hold(self, path: str, kind: SkipKind) -> None:
        """Put at ``path`` what the scan holds back: a link or pipe (``LINK``,
        ``SPECIAL``), or make the folder there unreadable (``UNREADABLE``)."""
        with self._lock:
            if kind is SkipKind.UNREADABLE:
                node = self._node(path)
                assert node is not None and node.is_dir
                node.held = kind
            else:
                self._add(path, LocalNode(False, b"", self.new_inode(), self.tick(), kind))

    def remove(self, path: str) -> None:
        """Delete for good (a user's ``rm -r``; the sync itself only uses ``trash``)."""
        with self._lock:
            for p in self._under(path):
                del self.nodes[p]
            self._touch_parent(path)

    def rename(self, src: str, dst: str) -> None:
        """A user's ``mv`` (no checks: tests arrange what they mean)."""
        with self._lock:
            self._move_nodes(src, dst)

    # -- reading ----------------------------------------------------------------------

    def scan(self, ignore: IgnoreRules, under: str = "") -> list[LocalState]:
        found, self.skipped = self.scan_held(ignore, under)
        return found

    def scan_held(
        self, ignore: IgnoreRules, under: str = ""
    ) -> tuple[list[LocalState], list[SkippedItem]]:
        with self._lock:
            self._failures.check("scan_held", under)
            self._check_scan_start(under)
            found: list[LocalState] = []
            skipped: list[SkippedItem] = []
            left_out = 0
            pending = [self._spelled(under)]
            while pending:
                folder = pending.pop()
                node = self.nodes.get(folder)
                if folder and node is not None and node.held is SkipKind.UNREADABLE:
                    skipped.append(_skipped(folder, SkipKind.UNREADABLE))
                    continue
                for path in self._children(folder):
                    child = self.nodes[path]
                    if is_own_temp_name(path.rpartition("/")[2]):
                        continue
                    if ignore.is_ignored(path, child.is_dir):
                        left_out += not is_ignored_name(path.rpartition("/")[2])
                        continue
                    if child.held is not None and child.held is not SkipKind.UNREADABLE:
                        skipped.append(_skipped(path, child.held))
                        continue
                    if not _is_utf8(path):
                        skipped.append(_skipped(path, SkipKind.BAD_NAME))
                        continue
                    found.append(self._state(path, child))
                    if child.is_dir:
                        pending.append(path)
            self.left_out_by_rules = left_out
            return found, skipped

    def _check_scan_start(self, under: str) -> None:
        if not under:
            return
        node = self._node(under)
        if node is None:
            raise ItemChangedError(f"{under} is not there any more", path=under)
        if not node.is_dir:
            raise ItemChangedError(f"{under} is not a folder any more", path=under)

    def stat(self, path: str) -> LocalState | None:
        with self._lock:
            self._failures.check("stat", path)
            node = self._node(path)
            if node is None or (node.held is not None and not node.is_dir):
                return None
            return self._state(path, node)

    def held_back_at(self, path: str) -> SkippedItem | None:
        with self._lock:
            node = self._node(path)
            if node is None or node.held is None or node.is_dir:
                return None
            return _skipped(path, node.held)

    def open_read(self, path: str) -> BinaryIO:
        with self._lock:
            self._failures.check("open_read", path)
            return io.BytesIO(self._readable(path).content)

    def hash_file(self, path: str) -> str:
        with self._lock:
            self._failures.check("hash_file", path)
            return md5(self._readable(path).content)

    def _readable(self, path: str) -> LocalNode:
        node = self._node(path)
        if node is None:
            raise ItemChangedError(f"{path} is not there any more", path=path)
        if node.is_dir:
            raise SyncError(f"could not read {path}: Is a directory", path=path)
        if node.held is not None:  # O_NOFOLLOW on a link: ELOOP
            raise SyncError(f"could not read {path}: Too many levels of symbolic links", path=path)
        return node

    # -- writing ----------------------------------------------------------------------

    @contextlib.contextmanager
    def temp_file(self, path: str) -> Iterator[tuple[str, BinaryIO]]:
        with self._lock:
            self._failures.check("temp_file", path)
            folder = parent_of(path)
            self._require_folder(folder, path, "create a temporary file for")
            temp_path = join(self._spelled(folder), new_temp_name())
            node = LocalNode(False, b"", self.new_inode(), self.tick())
            self._add(temp_path, node)
        sink = _TempSink(node)
        try:
            yield temp_path, sink
        finally:
            with self._lock:
                committed = temp_path in self._committed
                self._committed.discard(temp_path)
                if not committed and self.nodes.get(temp_path) is node:
                    self.remove(temp_path)

    def commit_temp(
        self, temp_path: str, path: str, *, expected: LocalState | None, mtime: int | None
    ) -> LocalState:
        with self._lock:
            self._failures.check("commit_temp", path)
            self._check_expected(path, expected)
            temp = self.nodes.get(temp_path)
            if temp is None:
                raise ItemChangedError(f"{path} is not there any more", path=path)
            if mtime is not None:
                temp.mtime_ns = mtime * 1_000_000_000
            if expected is not None:
                target = self._node(path)
                if target is not None and target.is_dir:
                    raise SyncError(f"could not write {path}: Is a directory", path=path)
                if target is not None:
                    self.remove(self._spelled(path))
            del self.nodes[temp_path]
            self._add(self._spelled(path), temp)
            self._committed.add(temp_path)
            return self._state(path, temp)

    def _check_expected(self, path: str, expected: LocalState | None) -> None:
        node = self._node(path)
        if expected is None and node is not None:
            raise ItemChangedError(f"{path} appeared meanwhile; it was kept", path=path)
        if expected is None:
            self._refuse_beside_other_spelling(path)
        if expected is not None and (node is None or not _matches(node, expected)):
            raise ItemChangedError(f"{path} changed meanwhile; it was kept", path=path)

    def _refuse_beside_other_spelling(self, path: str, *, besides: str | None = None) -> None:
        for other in other_spellings(path):
            if other != besides and self._node(other) is not None:
                raise ItemChangedError(
                    f"{path} appeared meanwhile under another Unicode spelling; it was kept",
                    path=path,
                )

    def mkdir(self, path: str) -> LocalState:
        with self._lock:
            self._failures.check("mkdir", path)
            if self._node(path) is None:
                self._refuse_beside_other_spelling(path)
                self._require_folder(parent_of(path), path, "create the folder")
                self._add(path, LocalNode(True, b"", self.new_inode(), self.tick()))
            node = self._node(path)
            assert node is not None
            if not node.is_dir:
                raise ItemChangedError(f"a file is in the way of the folder {path}", path=path)
            return self._state(path, node)

    def move(self, src: str, dst: str) -> LocalState:
        with self._lock:
            self._failures.check("move", src)
            self._refuse_beside_other_spelling(dst, besides=src)
            source = self._node(src)
            if source is None:
                raise ItemChangedError(f"{src} is not there any more", path=src)
            target = self._node(dst)
            case_only = target is source and self._spelled(src) != dst
            if target is not None and not case_only:
                raise ItemChangedError(f"cannot move {src}: {dst} already exists", path=dst)
            if is_same_or_under(dst, self._spelled(src)) and not case_only:
                raise SyncError(f"could not move {src}: Invalid argument", path=src)
            self._require_folder(parent_of(dst), src, "move")
            self._move_nodes(self._spelled(src), dst)
            node = self.nodes[dst]
            return self._state(dst, node)

    def trash(self, path: str) -> None:
        with self._lock:
            self._failures.check("trash", path)
            if not path:
                raise SyncError("refusing to trash the sync folder itself", path=path)
            if self._node(path) is None:
                raise ItemChangedError(f"{path} is not there any more", path=path)
            spelled = self._spelled(path)
            for p in self._under(spelled):
                node = self.nodes[p]
                self.trashed.append((p, None if node.is_dir else node.content))
            self.remove(spelled)

    def is_case_insensitive(self) -> bool:
        return self.case_insensitive

    # -- inside ------------------------------------------------------------------------

    def _fold(self, path: str) -> str:
        return path.casefold() if self.case_insensitive else path

    def _spelled(self, path: str) -> str:
        """The path as stored (another case of it on a case-insensitive disk)."""
        if path in self.nodes or not self.case_insensitive:
            return path
        folded = path.casefold()
        return next((p for p in self.nodes if p.casefold() == folded), path)

    def _node(self, path: str) -> LocalNode | None:
        return self.nodes.get(self._spelled(path)) if path else None

    def _require_folder(self, folder: str, path: str, action: str) -> None:
        if not folder:
            return
        node = self._node(folder)
        if node is None:
            raise ItemChangedError(f"{path} is not there any more", path=path)
        if not node.is_dir or node.held is SkipKind.UNREADABLE:
            why = "Not a directory" if not node.is_dir else "Permission denied"
            raise SyncError(f"could not {action} {path}: {why}", path=path)

    def _children(self, folder: str) -> list[str]:
        return sorted(p for p in self.nodes if parent_of(p) == folder)

    def _under(self, path: str) -> list[str]:
        return sorted(p for p in self.nodes if is_same_or_under(p, path))

    def _add(self, path: str, node: LocalNode) -> None:
        self.nodes[path] = node
        self._touch_parent(path)

    def _touch_parent(self, path: str) -> None:
        parent = self.nodes.get(parent_of(path))
        if parent is not None:  # a folder's mtime changes with its entries
            parent.mtime_ns = self.tick()

    def _move_nodes(self, src: str, dst: str) -> None:
        for p in self._under(src):
            self.nodes[rebase(p, src, dst)] = self.nodes.pop(p)
        self._touch_parent(src)
        self._touch_parent(dst)

    def _state(self, path: str, node: LocalNode) -> LocalState:
        size = 0 if node.is_dir else len(node.content)
        return LocalState(path, node.is_dir, size, node.mtime_ns, node.inode, self.device)


def _matches(node: LocalNode, expected: LocalState) -> bool:
    return (
        node.is_dir == expected.is_dir
        and node.inode == expected.inode
        and (expected.is_dir or len(node.content) == expected.size)
        and node.mtime_ns == expected.mtime_ns
    )


def _is_utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- the server ---------------------------------------------------------------------------


@dataclass(eq=False)
class RemoteNode:
    is_dir: bool
    content: bytes = b""
    node_id: int = 0  # the server's inode: kept by a MOVE and by a PUT in place
    version: int = 1
    mtime: int = 0  # seconds
    history: list[str] = field(default_factory=list)  # MD5s of the versions it had


class MemoryServer:
    """The ``Remote`` port as a WebDAV server behaves, in memory; see the module.

    ``etags``: ``"unique"`` (node id + version: kept by a MOVE, new on every write) or
    ``"apache"`` (size + mtime in seconds, so two files can share one).  ``seconds_per_write``:
    how far the server's clock moves at each write (0: every write in the same second)."""

    def __init__(
        self,
        *,
        etags: str = "unique",
        content_hashes: bool = False,
        stable_ids: bool = False,
        case_insensitive: bool = False,
        depth_infinity: bool = True,
        seconds_per_write: int = 1,
    ) -> None:
        assert etags in ("unique", "apache")
        self.nodes: dict[str, RemoteNode] = {}
        self.trashed: list[tuple[str, bytes | None]] = []  # the server's trash
        self.etags = etags
        self.seconds = 1_764_000_000
        self.seconds_per_write = seconds_per_write
        self._caps = RemoteCapabilities(
            depth_infinity=depth_infinity,
            if_match=True,
            content_hashes=content_hashes,
            stable_ids=stable_ids,
            trash=True,
            case_insensitive=case_insensitive,
        )
        self._ids = itertools.count(5000)
        self._failures = _Failures()
        self._lock = threading.RLock()

    @property
    def capabilities(self) -> RemoteCapabilities:
        return self._caps

    # -- test helpers (another device's actions) ------------------------------------------

    def fail_next(self, method: str, path: str, error: CozySyncError, times: int = 1) -> None:
        self._failures.add(method, path, error, times)

    @property
    def calls(self) -> list[tuple[str, str]]:
        return self._failures.calls

    def write(self, path: str, content: bytes) -> None:
        """Another client's PUT: in place when a file is there (same id, new version)."""
        with self._lock:
            node = self._node(path)
            if node is not None and not node.is_dir:
                self._rewrite(node, content)
                return
            if node is not None:
                self.remove(path)
            self._add(path, self._new_node(False, content))

    def make_dirs(self, path: str) -> None:
        with self._lock:
            parts = path.split("/") if path else []
            for i in range(1, len(parts) + 1):
                sub = "/".join(parts[:i])
                node = self._node(sub)
                if node is not None and node.is_dir:
                    continue
                if node is not None:
                    self.remove(sub)
                self._add(sub, self._new_node(True, b""))

    def remove(self, path: str) -> None:
        with self._lock:
            for p in self._under(self._spelled(path)):
                del self.nodes[p]

    def rename(self, src: str, dst: str) -> None:
        with self._lock:
            for p in self._under(src):
                self.nodes[rebase(p, src, dst)] = self.nodes.pop(p)

    # -- the port -----------------------------------------------------------------------

    def check(self) -> None:
        self._failures.check("check", "")

    def list_tree(self) -> list[RemoteState]:
        return self.list_below("")

    def list_below(self, path: str) -> list[RemoteState]:
        with self._lock:
            self._failures.check("list_below" if path else "list_tree", path)
            top = self._spelled(path)
            if path and (self.nodes.get(top) is None or not self.nodes[top].is_dir):
                raise RemoteItemMissingError(f"{path!r} is not a folder on the server", path=path)
            below = [p for p in self.nodes if p != top and is_same_or_under(p, top)]
            return [self._state(p, self.nodes[p]) for p in sorted(below, key=_parents_first)]

    def stat(self, path: str) -> RemoteState | None:
        with self._lock:
            self._failures.check("stat", path)
            node = self._node(path)
            return self._state(path, node) if node is not None else None

    def download(
        self, path: str, sink: BinaryIO, *, expected: RemoteState | None, progress: Progress | None
    ) -> RemoteState:
        with self._lock:
            self._failures.check("download", path)
            node = self._node(path)
            if node is None or node.is_dir:
                raise RemoteItemMissingError(f"{path} is not on the server (HTTP 404)", path=path)
            state = self._state(path, node)
            pinned = expected.etag if expected is not None else None
            if pinned and state.etag != pinned:
                raise PreconditionFailedError(f"{path!r} changed on the server", path=path)
            content = node.content
        limit = expected.size if expected is not None else len(content)
        if len(content) > limit:
            raise IntegrityError(
                f"the server sent more than the {limit} bytes it announced for {path!r}; "
                "nothing was written",
                path=path,
            )
        for start in range(0, len(content), CHUNK):
            piece = content[start : start + CHUNK]
            sink.write(piece)
            if progress is not None:
                progress(len(piece))
        if pinned and expected is not None and expected.size != len(content):
            raise IntegrityError(
                f"{path!r} has {len(content)} bytes, {expected.size} expected", path=path
            )
        return state

    def upload(
        self,
        path: str,
        open_source: Callable[[], BinaryIO],
        size: int,
        *,
        replace: RemoteState | None,
        mtime: int | None,
        content_hash: str | None,
        progress: Progress | None,
    ) -> RemoteState:
        self._failures.check("upload", path)
        with self._lock:
            self._check_replace(path, replace)
        source = open_source()
        try:
            body = bytearray()
            while piece := source.read(CHUNK):
                body += piece
                if progress is not None:
                    progress(len(piece))
        finally:
            source.close()
        if len(body) != size:
            raise ItemChangedError(f"{path} changed while it was sent", path=path)
        with self._lock:
            self._check_replace(path, replace)  # the PUT is conditional, not the read
            node = self._node(path)
            if node is not None:
                self._rewrite(node, bytes(body))
            else:
                node = self._new_node(False, bytes(body))
                self._add(path, node)
            return self._state(path, node)

    def _check_replace(self, path: str, replace: RemoteState | None) -> None:
        self._require_folder(parent_of(path), path)
        node = self._node(path)
        if replace is None and node is not None:
            raise PreconditionFailedError(f"{path!r} already exists on the server", path=path)
        if replace is not None and (
            node is None or self._state(path, node).etag != replace.etag or node.is_dir
        ):
            raise PreconditionFailedError(f"{path!r} changed on the server", path=path)

    def mkdir(self, path: str) -> RemoteState:
        with self._lock:
            self._failures.check("mkdir", path)
            node = self._node(path)
            if node is not None and node.is_dir:
                return self._state(path, node)
            if node is not None:
                raise PreconditionFailedError(f"a file named {path!r} is on the server", path=path)
            self._require_folder(parent_of(path), path)
            node = self._new_node(True, b"")
            self._add(path, node)
            return self._state(path, node)

    def move(self, src: str, dst: str, *, expected: RemoteState | None) -> RemoteState:
        with self._lock:
            self._failures.check("move", src)
            node = self._node(src)
            if node is None:
                raise RemoteItemMissingError(f"{src!r} is not on the server", path=src)
            if expected is not None and not expected.is_dir and self._is_other(src, node, expected):
                raise PreconditionFailedError(f"{src!r} changed on the server", path=src)
            target = self._node(dst)
            case_only = target is node and self._spelled(src) != dst
            if target is not None and not case_only:
                raise PreconditionFailedError(f"{dst!r} already exists on the server", path=dst)
            if is_same_or_under(dst, self._spelled(src)) and not case_only:
                raise SyncError(f"the server refused to move {src!r} into itself", path=src)
            self._require_folder(parent_of(dst), dst)
            spelled = self._spelled(src)
            for p in self._under(spelled):
                self.nodes[rebase(p, spelled, dst)] = self.nodes.pop(p)
            return self._state(dst, node)

    def delete(self, path: str, *, expected: RemoteState | None) -> None:
        with self._lock:
            self._failures.check("delete", path)
            node = self._node(path)
            if node is None:
                return  # already gone (404)
            if (
                expected is not None
                and not expected.is_dir
                and self._is_other(path, node, expected)
            ):
                raise PreconditionFailedError(f"{path!r} changed on the server", path=path)
            spelled = self._spelled(path)
            for p in self._under(spelled):
                item = self.nodes[p]
                self.trashed.append((p, None if item.is_dir else item.content))
            self.remove(spelled)

    def close(self) -> None:
        return None

    # -- inside ------------------------------------------------------------------------

    def _spelled(self, path: str) -> str:
        if path in self.nodes or not self._caps.case_insensitive:
            return path
        folded = path.casefold()
        return next((p for p in self.nodes if p.casefold() == folded), path)

    def _node(self, path: str) -> RemoteNode | None:
        return self.nodes.get(self._spelled(path)) if path else None

    def _is_other(self, path: str, node: RemoteNode, expected: RemoteState) -> bool:
        """If-Match ``expected``'s ETag fails on ``node`` (a folder has no ETag)."""
        return node.is_dir or self._state(path, node).etag != expected.etag

    def _require_folder(self, folder: str, path: str) -> None:
        node = self._node(folder) if folder else None
        if folder and (node is None or not node.is_dir):
            raise RemoteItemMissingError(
                f"the folder of {path} is missing on the server (HTTP 409)", path=path
            )

    def _under(self, path: str) -> list[str]:
        return sorted(p for p in self.nodes if is_same_or_under(p, path))

    def _tick(self) -> int:
        self.seconds += self.seconds_per_write
        return self.seconds

    def _new_node(self, is_dir: bool, content: bytes) -> RemoteNode:
        node = RemoteNode(is_dir, content, next(self._ids), 1, self._tick())
        if not is_dir:
            node.history.append(md5(content))
        return node

    def _rewrite(self, node: RemoteNode, content: bytes) -> None:
        node.content, node.version, node.mtime = content, node.version + 1, self._tick()
        node.history.append(md5(content))

    def _add(self, path: str, node: RemoteNode) -> None:
        self.nodes[path] = node

    def _etag(self, node: RemoteNode) -> str | None:
        if node.is_dir:
            return None
        if self.etags == "apache":
            return f"{len(node.content):x}-{node.mtime * 1_000_000:x}"
        return f"{node.node_id}-{node.version}"

    def _state(self, path: str, node: RemoteNode) -> RemoteState:
        return RemoteState(
            path,
            node.is_dir,
            0 if node.is_dir else len(node.content),
            node.mtime,
            self._etag(node),
            remote_id=str(node.node_id) if self._caps.stable_ids else None,
            content_hash=(
                md5(node.content) if self._caps.content_hashes and not node.is_dir else None
            ),
        )


class MemoryServerWithHistory(MemoryServer):
    """A server that keeps old versions of files (the Cozy Stack): ``VersionHistory``."""

    def known_versions(self, path: str) -> set[str]:
        with self._lock:
            self._failures.check("known_versions", path)
            node = self._node(path)
            return set(node.history) if node is not None else set()


def _parents_first(path: str) -> tuple[int, list[str]]:
    return path.count("/"), path.split("/")


# -- the journal --------------------------------------------------------------------------


class MemoryJournal:
    """The ``Journal`` port in dicts, as ``SqliteJournal`` behaves: ``transaction`` is all
    or nothing (nestable), ``relocate`` keeps each entry's own spelling below the moved
    item and drops stale entries at the new key, lists come sorted as its queries sort."""

    def __init__(self) -> None:
        self.items: dict[str, JournalEntry] = {}
        self.meta: dict[str, str] = {}
        self.conflict_rows: dict[str, Conflict] = {}
        self.error_rows: dict[str, ItemError] = {}
        self.transfer_rows: dict[str, PendingTransfer] = {}
        self._depth = 0
        self._failures = _Failures()
        self._lock = threading.RLock()

    def fail_next(self, method: str, path: str, error: CozySyncError, times: int = 1) -> None:
        self._failures.add(method, path, error, times)

    def entries(self) -> dict[str, JournalEntry]:
        self._failures.check("entries", "")
        return dict(self.items)

    def get(self, key: str) -> JournalEntry | None:
        return self.items.get(key)

    def put(self, entry: JournalEntry) -> None:
        self._failures.check("put", entry.key)
        self.items[entry.key] = entry

    def put_many(self, entries: Iterable[JournalEntry]) -> None:
        rows = list(entries)
        with self.transaction():
            for entry in rows:
                self.put(entry)

    def remove_tree(self, key: str) -> None:
        self._failures.check("remove_tree", key)
        for k in [k for k in self.items if not key or is_same_or_under(k, key)]:
            del self.items[k]

    def relocate(self, old_key: str, new_key: str, local_path: str, remote_path: str) -> None:
        if not old_key or not new_key:
            raise ValueError("the sync root cannot be relocated")
        if old_key != new_key and (
            is_same_or_under(old_key, new_key) or is_same_or_under(new_key, old_key)
        ):
            raise ValueError(f"cannot relocate {old_key!r} into itself ({new_key!r})")
        self._failures.check("relocate", old_key)
        with self.transaction():
            if old_key != new_key:
                self.remove_tree(new_key)
            depth = old_key.count("/") + 1
            moved = [k for k in self.items if is_same_or_under(k, old_key)]
            entries = [self.items.pop(k) for k in moved]
            for e in entries:
                key = new_key + e.key[len(old_key) :]
                self.items[key] = dataclasses.replace(
                    e,
                    key=key,
                    local_path=_rebase_components(e.local_path, depth, local_path),
                    remote_path=_rebase_components(e.remote_path, depth, remote_path),
                )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            saved = self._tables()
            self._depth += 1
            try:
                yield
            except BaseException:
                self._restore(saved)
                raise
            finally:
                self._depth -= 1

    def _all_tables(self) -> tuple[dict[str, Any], ...]:
        return (self.items, self.meta, self.conflict_rows, self.error_rows, self.transfer_rows)

    def _tables(self) -> tuple[dict[str, Any], ...]:
        return tuple(dict(table) for table in self._all_tables())

    def _restore(self, saved: tuple[dict[str, Any], ...]) -> None:
        for table, old in zip(self._all_tables(), saved, strict=True):
            table.clear()
            table.update(old)

    def get_meta(self, name: str) -> str | None:
        return self.meta.get(name)

    def set_meta(self, name: str, value: str | None) -> None:
        if value is None:
            self.meta.pop(name, None)
        else:
            self.meta[name] = value

    def add_conflict(self, conflict: Conflict) -> None:
        self.conflict_rows[conflict.path] = conflict

    def conflicts(self) -> list[Conflict]:
        return [self.conflict_rows[p] for p in sorted(self.conflict_rows)]

    def remove_conflict(self, path: str) -> None:
        self.conflict_rows.pop(path, None)

    def record_error(self, error: ItemError) -> None:
        self._failures.check("record_error", error.path)
        self.error_rows[error.path] = error

    def clear_error(self, path: str) -> None:
        self.error_rows.pop(path, None)

    def error(self, path: str) -> ItemError | None:
        return self.error_rows.get(path)

    def errors(self) -> list[ItemError]:
        return [self.error_rows[p] for p in sorted(self.error_rows)]

    def transfers(self) -> list[PendingTransfer]:
        return [self.transfer_rows[k] for k in sorted(self.transfer_rows)]

    def put_transfer(self, transfer: PendingTransfer) -> None:
        self._failures.check("put_transfer", transfer.key)
        self.transfer_rows[transfer.key] = transfer

    def remove_transfer(self, key: str) -> None:
        self.transfer_rows.pop(key, None)

    def close(self) -> None:
        if self._depth:
            raise ValueError("the journal cannot be closed inside a transaction")


def _rebase_components(path: str, depth: int, new_prefix: str) -> str:
    """As ``journal.schema.rebase_components``: the first ``depth`` names replaced."""
    rest = path.split("/", depth)[depth:]
    return "/".join([new_prefix, *rest]) if new_prefix else "/".join(rest)


if TYPE_CHECKING:  # mypy checks that each twin implements its port exactly

    def _folder(folder: MemoryFolder) -> LocalFS:
        return folder

    def _server(server: MemoryServer) -> Remote:
        return server

    def _history(server: MemoryServerWithHistory) -> VersionHistory:
        return server

    def _journal(journal: MemoryJournal) -> Journal:
        return journal

    def _clock(clock: FakeClock) -> Clock:
        return clock
