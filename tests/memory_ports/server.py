"""``MemoryServer``: the ``Remote`` port as a WebDAV server behaves (see the package);
``MemoryServerWithHistory`` adds ``VersionHistory``."""

from __future__ import annotations

import dataclasses
import itertools
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from cozysync.errors import (
    CozySyncError,
    IntegrityError,
    ItemChangedError,
    PreconditionFailedError,
    RemoteItemMissingError,
    SyncError,
)
from cozysync.models import ReadOnlyShare, RemoteCapabilities, RemoteState, SkipKind, SkippedItem
from cozysync.paths import is_same_or_under, parent_of, rebase
from cozysync.ports import Progress, RemoteFeatures
from tests.memory_ports.common import CHUNK, Failures, md5

__all__ = ["MemoryServer", "MemoryServerConfirming", "MemoryServerWithHistory", "RemoteNode"]


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
        self._failures = Failures()
        self._lock = threading.RLock()
        # names the server holds that a listing cannot give ("/" or NUL): told, not listed
        self.unrepresentable: dict[str, str] = {}
        # folders shared with this account read-only (a Cozy's): told, still writable
        self.shared_read_only: tuple[ReadOnlyShare, ...] = ()

    @property
    def capabilities(self) -> RemoteCapabilities:
        return self._caps

    @property
    def features(self) -> RemoteFeatures:
        return RemoteFeatures(skipped_items=self, read_only_shares=self)

    def read_only_shares(self) -> tuple[ReadOnlyShare, ...]:
        """The folders another user shares read-only (set by a test: ``shared_read_only``)."""
        return self.shared_read_only

    @property
    def skipped_items(self) -> tuple[SkippedItem, ...]:
        return tuple(
            SkippedItem(p, SkipKind.BAD_NAME, why) for p, why in self.unrepresentable.items()
        )

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

    @property
    def features(self) -> RemoteFeatures:
        return dataclasses.replace(super().features, version_history=self)

    def known_versions(self, path: str) -> set[str]:
        with self._lock:
            self._failures.check("known_versions", path)
            node = self._node(path)
            return set(node.history) if node is not None else set()


class MemoryServerConfirming(MemoryServer):
    """A server whose uploads are confirmed in batches (``ConfirmsUploads``), as
    ``WebDavRemote`` does for a stage of several uploads: an unconfirmed upload returns a
    state without an ETag; ``confirm_uploads`` gives the state of each path still holding
    the version sent (here known exactly; WebDAV recognises it by size and mtime) and
    leaves out one written since."""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self._unconfirmed: dict[str, tuple[int, int]] = {}  # path → (node id, version)

    @property
    def features(self) -> RemoteFeatures:
        return dataclasses.replace(super().features, confirms_uploads=self)

    def upload_unconfirmed(
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
        self.upload(path, open_source, size, replace=replace, mtime=mtime,
                    content_hash=content_hash, progress=progress)  # fmt: skip
        with self._lock:
            node = self._node(path)
            assert node is not None
            self._unconfirmed[path] = (node.node_id, node.version)
        return RemoteState(path=path, is_dir=False, size=size, etag=None, mtime=mtime)

    def confirm_uploads(self, paths: Iterable[str]) -> dict[str, RemoteState]:
        confirmed: dict[str, RemoteState] = {}
        with self._lock:
            self._failures.check("confirm_uploads", "")
            for path in paths:
                sent = self._unconfirmed.pop(path, None)
                node = self._node(path)
                if sent is not None and node is not None and (node.node_id, node.version) == sent:
                    confirmed[path] = self._state(path, node)
        return confirmed


def _parents_first(path: str) -> tuple[int, list[str]]:
    return path.count("/"), path.split("/")


if TYPE_CHECKING:  # mypy checks the capability's signature
    from cozysync.ports import ConfirmsUploads

    def _confirms(server: MemoryServerConfirming) -> ConfirmsUploads:
        return server
