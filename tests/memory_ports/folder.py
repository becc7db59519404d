"""``MemoryFolder``: the ``LocalFS`` port as ``cozysync.local.fs.LocalFolder`` behaves on
Linux (see the package)."""

from __future__ import annotations

import contextlib
import io
import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cozysync.errors import CozySyncError, ItemChangedError, SyncError
from cozysync.local.fs import _skipped  # the scan's own words for what it holds back
from cozysync.local.ignore import is_ignored_name
from cozysync.local.marker import is_own_temp_name, new_temp_name
from cozysync.models import LocalState, SkipKind, SkippedItem
from cozysync.paths import is_same_or_under, join, other_spellings, parent_of, rebase
from cozysync.ports import IgnoreRules
from tests.memory_ports.common import Failures, md5

__all__ = ["LocalNode", "MemoryFolder"]


@dataclass(eq=False)
class LocalNode:
    is_dir: bool
    content: bytes = b""
    inode: int = 0
    mtime_ns: int = 0
    held: SkipKind | None = None  # a link, a pipe, or a folder this user cannot read
    executable: bool = False  # the x bit (chmod +x)


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
        self._failures = Failures()
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
        if node.is_dir:  # EISDIR, as oserrors translates it
            raise ItemChangedError(
                f"{path!r} changed from a file to a folder while it was synced", path=path
            )
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
                if target is not None and target.is_dir:  # EISDIR
                    raise ItemChangedError(
                        f"{path!r} changed from a file to a folder while it was synced",
                        path=path,
                    )
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

    def set_executable(self, path: str, executable: bool, *, expected: LocalState) -> LocalState:
        with self._lock:
            node = self._node(path)
            if node is None or node.is_dir or not _matches(node, expected):
                raise ItemChangedError(f"{path} changed meanwhile; it was kept", path=path)
            node.executable = executable
            return self._state(path, node)

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
        return LocalState(
            path, node.is_dir, size, node.mtime_ns, node.inode, self.device,
            executable=node.executable,
        )  # fmt: skip


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
