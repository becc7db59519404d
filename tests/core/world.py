"""A world for the table and property tests: the shipped ``SyncEngine`` and executor on
the in-memory ports (``tests/memory_ports.py``): a folder, a server, a journal.

User actions on either side go through ``World.local_*`` and ``World.remote_*`` (they
change the trees directly, as a user or another device does); ``World.sync`` runs full
passes of the engine (with ``confirm_deletes``: the guards are tested on their own) until
one ends in sync; ``World.plans`` holds every plan the engine made.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field

from cozysync.models import Conflict, JournalEntry, Plan, SyncMode
from cozysync.paths import LOCAL_NAME_RULES, WEBDAV_NAME_RULES, parent_of, path_key
from cozysync.sync.engine import SyncEngine
from cozysync.sync.execute import ExecutionReport
from cozysync.sync.views import ReconcileContext
from tests.memory_ports import (
    FakeClock,
    LocalNode,
    MemoryFolder,
    MemoryJournal,
    MemoryServer,
    MemoryServerConfirming,
    MemoryServerWithHistory,
    NoIgnore,
    RemoteNode,
)

__all__ = ["SimulationError", "World", "synced"]


class SimulationError(AssertionError):
    pass


@dataclass
class World:
    remote_hashes: bool = False  # the server gives content hashes (Nextcloud-like)
    stable_ids: bool = False
    local_case_insensitive: bool = False
    remote_case_insensitive: bool = False
    version_history: bool = False  # the server keeps old versions (a Cozy)
    confirms_uploads: bool = True  # a stage's uploads confirmed in one go (WebDAV does)
    etags: str = "unique"  # or "apache": size + mtime, shared by twins
    device: str = "laptop"
    mode: SyncMode = SyncMode.TWO_WAY
    plans: list[Plan] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # item errors of the last pass
    folder: MemoryFolder = field(init=False)
    server: MemoryServer = field(init=False)
    store: MemoryJournal = field(default_factory=MemoryJournal, init=False)
    clock: FakeClock = field(default_factory=FakeClock, init=False)

    def __post_init__(self) -> None:
        self.folder = MemoryFolder(case_insensitive=self.local_case_insensitive)
        server: type[MemoryServer] = MemoryServer
        if self.version_history:  # a Cozy: history, and every upload confirmed at once
            server = MemoryServerWithHistory
        elif self.confirms_uploads:
            server = MemoryServerConfirming
        self.server = server(
            etags=self.etags,
            content_hashes=self.remote_hashes,
            stable_ids=self.stable_ids,
            case_insensitive=self.remote_case_insensitive,
        )

    # -- the trees, the journal, the trashes ------------------------------------------------

    @property
    def local(self) -> dict[str, LocalNode]:
        return self.folder.nodes

    @property
    def remote(self) -> dict[str, RemoteNode]:
        return self.server.nodes

    @property
    def journal(self) -> dict[str, JournalEntry]:
        return self.store.items

    @property
    def local_trash(self) -> list[tuple[str, bytes]]:
        return [(p, c) for p, c in self.folder.trashed if c is not None]

    @property
    def remote_trash(self) -> list[tuple[str, bytes]]:
        return [(p, c) for p, c in self.server.trashed if c is not None]

    # -- user actions ------------------------------------------------------------------

    def local_write(self, path: str, content: bytes) -> None:
        self.folder.make_dirs(parent_of(path))
        self.folder.write(path, content)

    def remote_write(self, path: str, content: bytes) -> None:
        self.server.make_dirs(parent_of(path))
        self.server.write(path, content)

    def local_mkdir(self, path: str) -> None:
        self.folder.make_dirs(path)

    def remote_mkdir(self, path: str) -> None:
        self.server.make_dirs(path)

    def local_delete(self, path: str) -> None:
        self.folder.remove(path)

    def remote_delete(self, path: str) -> None:
        self.server.remove(path)

    def local_move(self, src: str, dst: str) -> None:
        self.folder.make_dirs(parent_of(dst))
        self.folder.rename(src, dst)

    def remote_move(self, src: str, dst: str) -> None:
        self.server.make_dirs(parent_of(dst))
        self.server.rename(src, dst)

    # -- running the engine --------------------------------------------------------------

    def context(self) -> ReconcileContext:
        caps = self.server.capabilities
        return ReconcileContext(
            local_rules=LOCAL_NAME_RULES,
            remote_rules=WEBDAV_NAME_RULES,
            local_case_insensitive=self.folder.is_case_insensitive(),
            remote_case_insensitive=caps.case_insensitive,
            remote_has_stable_ids=caps.stable_ids,
            mode=self.mode,
        )

    def engine(self, order: random.Random | None = None) -> SyncEngine:
        """The shipped engine on this world's ports; every plan it makes is kept in
        ``plans``; ``order`` shuffles the actions inside each stage before they run."""
        engine = SyncEngine(
            self.folder,
            self.server,
            self.store,
            NoIgnore(),
            self.context(),
            self.clock,
            device_name=self.device,
            workers=1,
        )
        planner, runner = engine.plan, engine.executor.run

        def plan(**kwargs: object) -> Plan:
            made = planner(**kwargs)  # type: ignore[arg-type]
            self.plans.append(made)
            return made

        def run(plan: Plan) -> object:
            if order is not None:
                stages = tuple(tuple(order.sample(list(s), len(s))) for s in plan.stages)
                plan = dataclasses.replace(plan, stages=stages)
            return runner(plan)

        engine.plan = plan  # type: ignore[method-assign]
        engine.executor.run = run  # type: ignore[method-assign,assignment]
        return engine

    def plan(self) -> Plan:
        return self.engine().plan(confirm_deletes=True)

    def run(self, plan: Plan) -> ExecutionReport:
        """Run a plan made earlier (the trees may have changed since: the executor's
        checks before overwrite and deletion are then what the test is about)."""
        report = self.engine().executor.run(plan)
        self.conflicts += report.conflicts
        return report

    def sync(self, max_rounds: int = 8, order: random.Random | None = None) -> int:
        """Full passes until one ends in sync; the number of rounds (plans) they took.
        A pass stops early when every action of a round was skipped (the item changed
        since the listing) or failed: the next one replans, as the watch loop does."""
        engine = self.engine(order)
        rounds = 0
        while rounds < max_rounds:
            result = engine.sync_once(confirm_deletes=True)
            rounds += result.rounds
            self.conflicts += result.conflicts
            self.errors = [e.one_line() for e in result.errors]
            if result.in_sync and rounds <= max_rounds:
                return rounds
        raise SimulationError(
            f"no convergence after {rounds} rounds: {self.errors} {self.plans[-1]}"
        )

    # -- assertions ------------------------------------------------------------------------

    def tree(self, side: str) -> dict[str, bytes | None]:
        nodes: dict[str, LocalNode] | dict[str, RemoteNode] = (
            self.local if side == "local" else self.remote
        )
        return {p: (None if n.is_dir else n.content) for p, n in nodes.items()}

    def assert_converged(self) -> None:
        assert self.tree("local") == self.tree("remote")
        assert set(self.journal) == {path_key(p) for p in self.local}

    def all_contents(self) -> set[bytes]:
        found = {n.content for n in self.local.values() if not n.is_dir}
        found |= {n.content for n in self.remote.values() if not n.is_dir}
        found |= {c for _, c in self.local_trash} | {c for _, c in self.remote_trash}
        return found


def synced(files: dict[str, bytes | None], **options: object) -> World:
    """A world where both sides hold ``files`` (None = folder) and the journal knows them:
    written here, then synced two-way by the engine; then the folder's mode applies."""
    mode = options.pop("mode", SyncMode.TWO_WAY)
    world = World(**options)  # type: ignore[arg-type]
    for path, content in sorted(files.items()):
        if content is None:
            world.local_mkdir(path)
        else:
            world.local_write(path, content)
    world.sync()
    assert world.tree("remote") == world.tree("local")
    world.mode = mode  # type: ignore[assignment]
    world.plans.clear()
    world.conflicts.clear()
    return world
