"""An in-memory world for the pure reconciler: two trees, a journal, two trashes.

It applies a plan the way the executor does (same checks before overwrite, same journal
updates), so the reconciler's plans can be run to convergence without any I/O.  User
actions on either side go through ``World.local_*`` and ``World.remote_*``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import datetime

from cozysync.models import Action, JournalEntry, LocalState, Plan, RemoteState, SyncMode
from cozysync.paths import (
    LOCAL_NAME_RULES,
    WEBDAV_NAME_RULES,
    conflict_copy_name,
    is_same_or_under,
    parent_of,
    path_key,
    rebase,
)
from cozysync.sync.changes import is_local_unchanged, is_remote_unchanged
from cozysync.sync.engine import RecordedFiles, hash_wanted
from cozysync.sync.operations import key_below
from cozysync.sync.reconcile import reconcile
from cozysync.sync.views import ReconcileContext

_counter = itertools.count(1000)


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


@dataclass
class Node:
    is_dir: bool
    content: bytes = b""
    ident: int = field(default_factory=lambda: next(_counter))  # inode / ETag source
    stamp: int = field(default_factory=lambda: next(_counter))  # mtime / ETag version


class SimulationError(AssertionError):
    pass


@dataclass
class World:
    local: dict[str, Node] = field(default_factory=dict)
    remote: dict[str, Node] = field(default_factory=dict)
    journal: dict[str, JournalEntry] = field(default_factory=dict)
    local_trash: list[tuple[str, bytes]] = field(default_factory=list)
    remote_trash: list[tuple[str, bytes]] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    remote_hashes: bool = False  # the server gives content hashes (Nextcloud-like)
    stable_ids: bool = False
    local_case_insensitive: bool = False
    device: str = "laptop"
    mode: SyncMode = SyncMode.TWO_WAY
    plans: list[Plan] = field(default_factory=list)

    # -- user actions ------------------------------------------------------------------

    def local_write(self, path: str, content: bytes) -> None:
        self._write(self.local, path, content)

    def remote_write(self, path: str, content: bytes) -> None:
        self._write(self.remote, path, content)

    def local_mkdir(self, path: str) -> None:
        self._mkdirs(self.local, path)

    def remote_mkdir(self, path: str) -> None:
        self._mkdirs(self.remote, path)

    def local_delete(self, path: str) -> None:
        _delete(self.local, path)

    def remote_delete(self, path: str) -> None:
        _delete(self.remote, path)

    def local_move(self, src: str, dst: str) -> None:
        self._mkdirs(self.local, parent_of(dst))
        _move(self.local, src, dst)

    def remote_move(self, src: str, dst: str) -> None:
        self._mkdirs(self.remote, parent_of(dst))
        _move(self.remote, src, dst)

    def _write(self, tree: dict[str, Node], path: str, content: bytes) -> None:
        self._mkdirs(tree, parent_of(path))
        old = tree.get(path)
        if old is not None and old.is_dir:
            _delete(tree, path)
            old = None
        node = Node(False, content)
        if old is not None:
            node.ident = old.ident  # rewritten in place: same inode
        tree[path] = node

    @staticmethod
    def _mkdirs(tree: dict[str, Node], path: str) -> None:
        parts = path.split("/") if path else []
        for i in range(1, len(parts) + 1):
            sub = "/".join(parts[:i])
            if sub in tree and not tree[sub].is_dir:
                _delete(tree, sub)
            tree.setdefault(sub, Node(True))

    # -- views -------------------------------------------------------------------------

    def local_states(self) -> list[LocalState]:
        remote_keys = {path_key(p) for p in self.remote}
        plain = [
            LocalState(path, node.is_dir, len(node.content), node.stamp, node.ident, 1)
            for path, node in self.local.items()
        ]
        recorded = RecordedFiles(self.journal)  # as the engine hashes
        states = []
        for state in plain:
            if hash_wanted(state, self.journal, remote_keys, recorded):
                content = self.local[state.path].content
                state = dataclasses.replace(state, content_hash=md5(content))
            states.append(state)
        return states

    def remote_states(self) -> list[RemoteState]:
        return [self._remote_state(p, n) for p, n in self.remote.items()]

    def _remote_state(self, path: str, node: Node) -> RemoteState:
        return RemoteState(
            path,
            node.is_dir,
            0 if node.is_dir else len(node.content),
            node.stamp,
            None if node.is_dir else f"{node.ident}-{node.stamp}",
            remote_id=str(node.ident) if self.stable_ids else None,
            content_hash=md5(node.content) if self.remote_hashes and not node.is_dir else None,
        )

    def _local_state(self, path: str) -> LocalState:
        node = self.local[path]
        return LocalState(
            path,
            node.is_dir,
            len(node.content),
            node.stamp,
            node.ident,
            1,
            None if node.is_dir else md5(node.content),
        )

    def context(self) -> ReconcileContext:
        return ReconcileContext(
            local_rules=LOCAL_NAME_RULES,
            remote_rules=WEBDAV_NAME_RULES,
            local_case_insensitive=self.local_case_insensitive,
            remote_has_stable_ids=self.stable_ids,
            mode=self.mode,
        )

    def plan(self) -> Plan:
        plan = reconcile(self.journal, self.local_states(), self.remote_states(), self.context())
        self.plans.append(plan)
        return plan

    # -- running -----------------------------------------------------------------------

    def sync(self, max_rounds: int = 8, order: object = None) -> int:
        """Plan and apply until the plan is empty; returns the number of rounds."""
        for round_no in range(1, max_rounds + 1):
            plan = self.plan()
            if plan.is_empty:
                return round_no
            for stage in plan.stages:
                actions = list(stage)
                if order is not None:
                    order.shuffle(actions)  # type: ignore[attr-defined]
                for action in actions:
                    self.apply(action)
        raise SimulationError(f"no convergence after {max_rounds} rounds: {self.plan()}")

    def apply(self, a: Action) -> None:
        getattr(self, "_" + a.kind.value.replace("-", "_"))(a)

    def _put(self, key: str, local_path: str, remote_path: str) -> None:
        local = self._local_state(local_path)
        remote = self._remote_state(remote_path, self.remote[remote_path])
        self.journal[key] = JournalEntry.from_states(key, local, remote)

    def _upload(self, a: Action) -> None:
        if not self._check_local(a.local_path, a.local):
            return
        if a.remote is None:
            if a.remote_path in self.remote:
                return  # create-only refused: replanned next round
        elif not self._remote_matches(a.remote_path, a.remote):
            return  # 412
        self._require_parent(self.remote, a.remote_path)
        node = self.local[a.local_path]
        old = self.remote.get(a.remote_path)
        new = Node(False, node.content)
        if old is not None:
            new.ident = old.ident
        self.remote[a.remote_path] = new
        self._put(a.key, a.local_path, a.remote_path)

    def _download(self, a: Action) -> None:
        assert a.remote is not None
        if not self._remote_matches(a.remote_path, a.remote):
            return
        expected = a.local if a.local is not None and not a.local.is_dir else None
        if not self._check_local(a.local_path, expected):
            return
        self._require_parent(self.local, a.local_path)
        old = self.local.get(a.local_path)
        if old is not None:
            self.local_trash.append((a.local_path, old.content))  # atomic replace: old bytes
            self.local_trash.pop()  # ... are the synced ones, nothing to keep
        self.local[a.local_path] = Node(False, self.remote[a.remote_path].content)
        self._put(a.key, a.local_path, a.remote_path)

    def _mkdir_remote(self, a: Action) -> None:
        self._require_parent(self.remote, a.remote_path)
        if a.remote_path in self.remote and not self.remote[a.remote_path].is_dir:
            return  # refused: a file is there (its removal was refused); replanned
        self.remote.setdefault(a.remote_path, Node(True))
        self._put(a.key, a.local_path, a.remote_path)

    def _mkdir_local(self, a: Action) -> None:
        self._require_parent(self.local, a.local_path)
        if a.local_path in self.local and not self.local[a.local_path].is_dir:
            return  # refused: a file is there (its removal was refused); replanned
        self.local.setdefault(a.local_path, Node(True))
        self._put(a.key, a.local_path, a.remote_path)

    def _move_remote(self, a: Action) -> None:
        assert a.source_key is not None and a.source_path is not None
        if a.remote_path in self.remote:
            raise SimulationError(f"move onto an existing {a.remote_path}")
        self._require_parent(self.remote, a.remote_path)
        _move(self.remote, a.source_path, a.remote_path)
        self._relocate(a.source_key, a.key, a.local_path, a.remote_path)

    def _move_local(self, a: Action) -> None:
        assert a.source_key is not None and a.source_path is not None
        if a.local_path in self.local:
            raise SimulationError(f"move onto an existing {a.local_path}")
        self._require_parent(self.local, a.local_path)
        _move(self.local, a.source_path, a.local_path)
        self._relocate(a.source_key, a.key, a.local_path, a.remote_path)

    def _delete_remote(self, a: Action) -> None:
        """As the executor: a file only if it is still the version planned (If-Match); a
        folder only if everything below it is known (matched on keys: a name may be
        spelled anew) and unchanged."""
        node = self.remote.get(a.remote_path)
        if node is None or node.is_dir != a.is_dir:
            return  # gone or retyped meanwhile: refused, replanned
        if (
            not a.is_dir
            and a.remote is not None
            and not self._remote_matches(a.remote_path, a.remote)
        ):
            return  # 412
        known = {k: e for k, e in self.journal.items() if is_same_or_under(k, a.key)}
        for path in _below(self.remote, a.remote_path):
            node, entry = self.remote[path], known.get(key_below(a.key, a.remote_path, path))
            if entry is None or (
                not node.is_dir and not is_remote_unchanged(entry, self._remote_state(path, node))
            ):
                return  # something new or changed inside: refused, replanned
        for path in _under(self.remote, a.remote_path):
            if not self.remote[path].is_dir:
                self.remote_trash.append((path, self.remote[path].content))
        _delete(self.remote, a.remote_path)
        self._forget(a)

    def _trash_local(self, a: Action) -> None:
        """As the executor: a file only if it is still the one planned (stat); a folder
        only if everything below it is known (matched on keys: a name may be spelled
        anew) and holds the synced bytes.  A file the planner judged unchanged by its
        bytes (another file, same content, maybe another spelling) goes to the trash."""
        node = self.local.get(a.local_path)
        if node is None or node.is_dir != a.is_dir:
            return
        if not a.is_dir and a.local is not None and not self._check_local(a.local_path, a.local):
            return  # changed since the scan: refused, replanned
        known = {k: e for k, e in self.journal.items() if is_same_or_under(k, a.key)}
        for path in _below(self.local, a.local_path):
            node, entry = self.local[path], known.get(key_below(a.key, a.local_path, path))
            if entry is None:
                return
            state = LocalState(path, node.is_dir, len(node.content), node.stamp, node.ident, 1)
            same = is_local_unchanged(entry, state) or md5(node.content) == entry.content_hash
            if not node.is_dir and not same:
                return
        for path in _under(self.local, a.local_path):
            if not self.local[path].is_dir:
                self.local_trash.append((path, self.local[path].content))
        _delete(self.local, a.local_path)
        self._forget(a)

    def _compare_content(self, a: Action) -> None:
        if not self._check_local(a.local_path, a.local):
            return
        if not self._remote_matches(a.remote_path, a.remote):
            return
        local, remote = self.local[a.local_path], self.remote[a.remote_path]
        if local.content == remote.content:
            self._put(a.key, a.local_path, a.remote_path)
            return
        if a.journal is not None and md5(remote.content) == a.journal.content_hash:
            if self.mode is SyncMode.DOWNLOAD_ONLY:  # the edit here stays here
                state = self._remote_state(a.remote_path, remote)
                self.journal[a.key] = dataclasses.replace(a.journal, etag=state.etag)
                return
            self._upload(dataclasses.replace(a, remote=self._remote_state(a.remote_path, remote)))
            return
        if self.mode is SyncMode.BACKUP:  # the server's version is set aside there
            copy = self._conflict_name(a.remote_path, self.remote, "cloud")
            _move(self.remote, a.remote_path, copy)
            self.conflicts.append((a.remote_path, copy))
            self._upload(dataclasses.replace(a, remote=None))
            return
        copy = self._conflict_name(a.local_path)
        _move(self.local, a.local_path, copy)
        self.local[a.local_path] = Node(False, remote.content)
        self.conflicts.append((a.local_path, copy))
        self._put(a.key, a.local_path, a.remote_path)

    def _keep_both(self, a: Action) -> None:
        if self.mode is SyncMode.BACKUP:
            copy = self._conflict_name(a.remote_path, self.remote, "cloud")
            _move(self.remote, a.remote_path, copy)
            self.conflicts.append((a.remote_path, copy))
            self._forget(a)
            return
        copy = self._conflict_name(a.local_path)
        _move(self.local, a.local_path, copy)
        self.conflicts.append((a.local_path, copy))
        self._forget(a)

    def _record(self, a: Action) -> None:
        if a.source_key is not None:
            self._relocate(a.source_key, a.key, a.local_path, a.remote_path)
        if a.local is not None and a.remote is not None:
            self._put(a.key, a.local_path, a.remote_path)

    def _forget(self, a: Action) -> None:
        for key in [k for k in self.journal if is_same_or_under(k, a.key)]:
            del self.journal[key]

    # -- helpers -----------------------------------------------------------------------

    def _conflict_name(
        self, path: str, tree: dict[str, Node] | None = None, device: str | None = None
    ) -> str:
        tree = self.local if tree is None else tree
        for second in range(60):
            stamp = datetime(2026, 11, 28, 12, 0, second)
            name = conflict_copy_name(path, device or self.device, stamp)
            if name not in tree:
                return name
        raise SimulationError("no free conflict name")

    def _relocate(self, old_key: str, new_key: str, local_path: str, remote_path: str) -> None:
        top = self.journal[old_key]
        moved = {}
        for key in [k for k in self.journal if is_same_or_under(k, old_key)]:
            e = self.journal.pop(key)
            moved[rebase(key, old_key, new_key)] = dataclasses.replace(
                e,
                key=rebase(key, old_key, new_key),
                local_path=rebase(e.local_path, top.local_path, local_path),
                remote_path=rebase(e.remote_path, top.remote_path, remote_path),
            )
        self.journal.update(moved)

    def _check_local(self, path: str, expected: LocalState | None) -> bool:
        """The executor's check before overwrite: False means the action is skipped
        (ItemChangedError) and the next round replans."""
        node = self.local.get(path)
        if expected is None:
            return node is None
        if node is None or node.is_dir != expected.is_dir:
            return False
        return node.is_dir or (node.ident, node.stamp) == (expected.inode, expected.mtime_ns)

    def _remote_matches(self, path: str, expected: RemoteState | None) -> bool:
        node = self.remote.get(path)
        if expected is None or node is None:
            return node is not None
        return self._remote_state(path, node).etag == expected.etag

    @staticmethod
    def _require_parent(tree: dict[str, Node], path: str) -> None:
        parent = parent_of(path)
        if parent and (parent not in tree or not tree[parent].is_dir):
            raise SimulationError(f"parent of {path} missing")

    # -- assertions ----------------------------------------------------------------------

    def tree(self, side: str) -> dict[str, bytes | None]:
        tree = self.local if side == "local" else self.remote
        return {p: (None if n.is_dir else n.content) for p, n in tree.items()}

    def assert_converged(self) -> None:
        assert self.tree("local") == self.tree("remote")
        assert set(self.journal) == {path_key(p) for p in self.local}

    def all_contents(self) -> set[bytes]:
        found = {n.content for n in self.local.values() if not n.is_dir}
        found |= {n.content for n in self.remote.values() if not n.is_dir}
        found |= {c for _, c in self.local_trash} | {c for _, c in self.remote_trash}
        return found


def _under(tree: dict[str, Node], path: str) -> list[str]:
    return sorted(p for p in tree if is_same_or_under(p, path))


def _below(tree: dict[str, Node], path: str) -> list[str]:
    return [p for p in _under(tree, path) if p != path]


def _delete(tree: dict[str, Node], path: str) -> None:
    for p in _under(tree, path):
        del tree[p]


def _move(tree: dict[str, Node], src: str, dst: str) -> None:
    for p in _under(tree, src):
        tree[rebase(p, src, dst)] = tree.pop(p)


def synced(files: dict[str, bytes | None], **options: object) -> World:
    """A world where both sides hold ``files`` (None = folder) and the journal knows them."""
    mode = options.pop("mode", SyncMode.TWO_WAY)
    world = World(**options)  # type: ignore[arg-type]
    for path, content in sorted(files.items()):
        if content is None:
            world.local_mkdir(path)
        else:
            world.local_write(path, content)
    world.sync()  # made two-way, then the folder's mode applies
    assert world.tree("remote") == world.tree("local")
    world.mode = mode  # type: ignore[assignment]
    world.plans.clear()
    return world
