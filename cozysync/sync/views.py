"""The three views of the tree, keyed by path key, and what must be left alone (pure).

``TreeViews.build`` matches the local scan, the remote listing and the journal on path
keys, then *freezes* what cannot be synced safely so that no stage ever acts on it:

- two names on one side that differ only in Unicode normalisation (same key), or, where a
  side ignores case, only in case: both are reported, neither is merged or overwritten;
- names the other side cannot store: kept on their side, reported with the name to change.

A frozen key is removed from all three views (its descendants too), so it is neither
uploaded, downloaded nor deleted anywhere: its journal row is kept for later.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from cozysync.models import Action, ActionKind, JournalEntry, LocalState, RemoteState, SyncMode
from cozysync.paths import NameRules, is_same_or_under, parent_of, path_key

__all__ = ["ReconcileContext", "TreeViews"]

_State = TypeVar("_State", LocalState, RemoteState)


@dataclass(frozen=True, slots=True)
class ReconcileContext:
    """What the reconciler needs to know of both sides, beyond their trees."""

    local_rules: NameRules
    remote_rules: NameRules
    local_case_insensitive: bool = False
    remote_case_insensitive: bool = False
    remote_has_stable_ids: bool = False
    mode: SyncMode = SyncMode.TWO_WAY
    # selective sync: NFC names of top-level server folders not kept here (sync/selective)
    excluded_folders: frozenset[str] = frozenset()


@dataclass
class TreeViews:
    journal: dict[str, JournalEntry]
    local: dict[str, LocalState]
    remote: dict[str, RemoteState]
    reports: list[Action] = field(default_factory=list)
    frozen: set[str] = field(default_factory=set)

    @staticmethod
    def build(
        journal: Mapping[str, JournalEntry],
        local: Iterable[LocalState],
        remote: Iterable[RemoteState],
        ctx: ReconcileContext,
    ) -> TreeViews:
        views = TreeViews(journal=dict(journal), local={}, remote={})
        local_by_key = _group(local)
        remote_by_key = _group(remote)
        views._freeze_normalisation_clashes(local_by_key, "this computer")
        views._freeze_normalisation_clashes(remote_by_key, "the server")
        views.local = {k: v[0] for k, v in local_by_key.items()}
        views.remote = {k: v[0] for k, v in remote_by_key.items()}
        if ctx.local_case_insensitive or ctx.remote_case_insensitive:
            views._freeze_case_clashes()
        views._freeze_unstorable(ctx)
        views._drop_frozen()
        return views

    # -- clashes -------------------------------------------------------------------

    def _freeze_normalisation_clashes(
        self, by_key: Mapping[str, Sequence[LocalState | RemoteState]], side: str
    ) -> None:
        for key, states in by_key.items():
            if len(states) > 1:
                paths = sorted(s.path for s in states)
                self._freeze(
                    key,
                    paths[0],
                    f"names on {side} differ only in their Unicode form: "
                    + ", ".join(repr(p) for p in paths),
                )

    def _freeze_case_clashes(self) -> None:
        by_folded: dict[str, set[str]] = defaultdict(set)
        for key in set(self.local) | set(self.remote):
            by_folded[key.casefold()].add(key)
        for keys in by_folded.values():
            if len(keys) < 2:
                continue
            newcomers = sorted(k for k in keys if k not in self.journal)
            keep_one = len(newcomers) == len(keys)  # none synced yet: all wait for the user
            for key in newcomers if not keep_one else sorted(keys):
                others = ", ".join(repr(k) for k in sorted(keys) if k != key)
                self._freeze(key, key, f"the name differs only in case from {others}")

    def _freeze_unstorable(self, ctx: ReconcileContext) -> None:
        local_inodes: dict[tuple[int, int], str] = {}
        for key, state in self.local.items():
            if key in self.journal:
                continue
            problem = ctx.remote_rules.path_problem(state.path)
            if problem:
                self._freeze(key, state.path, problem, kind_side="local")
                local_inodes[(state.device, state.inode)] = key
        for key, rstate in self.remote.items():
            if key in self.journal:
                continue
            problem = ctx.local_rules.path_problem(rstate.path)
            if problem:
                self._freeze(key, rstate.path, problem, kind_side="remote")
        # A synced item renamed to a name the server cannot store: leave the server
        # copy alone rather than treating the rename as a deletion.
        for key, entry in self.journal.items():
            if (entry.device, entry.inode) in local_inodes and key not in self.local:
                self.frozen.add(key)

    def _freeze(self, key: str, path: str, why: str, kind_side: str = "") -> None:
        if any(is_same_or_under(key, f) for f in self.frozen):
            return
        self.frozen.add(key)
        self.reports.append(
            Action(ActionKind.REPORT, key, path, path, reason=why, source_path=kind_side or None)
        )

    def _drop_frozen(self) -> None:
        if not self.frozen:
            return
        for view in (self.journal, self.local, self.remote):
            for key in [k for k in view if self.is_frozen(k)]:
                del view[key]

    def is_frozen(self, key: str) -> bool:
        while True:
            if key in self.frozen:
                return True
            if not key:
                return False
            key = parent_of(key)


def _group(states: Iterable[_State]) -> dict[str, list[_State]]:
    by_key: dict[str, list[_State]] = defaultdict(list)
    for state in states:
        by_key[path_key(state.path)].append(state)
    return by_key
