"""The three views of the tree, keyed by path key, and what must be left alone (pure).

``TreeViews.build`` matches the local scan, the remote listing and the journal on path
keys, then *freezes* what cannot be synced safely so that no stage ever acts on it:

- two names on one side that differ only in Unicode normalisation (same key), or, where a
  side ignores case, only in case: both are reported, neither is merged or overwritten;
- names the other side cannot store: kept on their side, reported with the name to change;
- items the local scan *held back* (a symbolic link, a device or pipe, a folder that
  cannot be read, a name that is not UTF-8): never followed nor taken as a deletion, so a
  synced folder replaced by a link keeps its server copy (docs/sync-algorithm.md,
  "Held-back items").  One the journal or the server knows is reported (it needs the
  user); one that was never synced is only listed as not synced.

A frozen key is removed from all three views (its descendants too), so it is neither
uploaded, downloaded nor deleted anywhere: its journal row is kept for later.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from cozysync.models import (
    Action,
    ActionKind,
    JournalEntry,
    LocalState,
    ReadOnlyShare,
    RemoteState,
    SkipKind,
    SkippedItem,
    SyncMode,
)
from cozysync.paths import NameRules, parent_of, path_key
from cozysync.sync.modes import ModePolicy, policy_of, read_only_share_policy

__all__ = ["ReconcileContext", "TreeViews", "held_back_reason"]

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
    # folders shared with this account read-only (``TellsReadOnlyShares``): download-only
    read_only_shares: tuple[ReadOnlyShare, ...] = ()
    _share_policies: dict[str, ModePolicy] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        folder = policy_of(self.mode)
        by_key = {
            path_key(s.path): read_only_share_policy(folder, s) for s in self.read_only_shares
        }
        object.__setattr__(self, "_share_policies", by_key)

    @property
    def policy(self) -> ModePolicy:
        """The folder's policy (its mode's)."""
        return policy_of(self.mode)

    @property
    def is_two_way_everywhere(self) -> bool:
        """No decision is ever adjusted: a two-way folder without read-only shares."""
        return self.policy.is_two_way and not self._share_policies

    def policy_for(self, key: str) -> ModePolicy:
        """The policy of the item at ``key``: that of the deepest read-only share holding
        it, else the folder's."""
        if self._share_policies:
            while True:
                found = self._share_policies.get(key)
                if found is not None:
                    return found
                if not key:
                    break
                key = parent_of(key)
        return policy_of(self.mode)


@dataclass
class TreeViews:
    journal: dict[str, JournalEntry]
    local: dict[str, LocalState]
    remote: dict[str, RemoteState]
    reports: list[Action] = field(default_factory=list)
    held_back: list[SkippedItem] = field(default_factory=list)  # needs the user
    not_synced: list[SkippedItem] = field(default_factory=list)  # listed only
    frozen: set[str] = field(default_factory=set)

    @staticmethod
    def build(
        journal: Mapping[str, JournalEntry],
        local: Iterable[LocalState],
        remote: Iterable[RemoteState],
        ctx: ReconcileContext,
        held_back: Iterable[SkippedItem] = (),
    ) -> TreeViews:
        views = TreeViews(journal=dict(journal), local={}, remote={})
        local_by_key = _group(local)
        remote_by_key = _group(remote)
        views._hold_back(held_back, remote_by_key)
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
                self._freeze(key, min(s.path for s in states), _clash_reason(states, side))

    def _hold_back(
        self, held_back: Iterable[SkippedItem], remote_by_key: Mapping[str, Sequence[RemoteState]]
    ) -> None:
        for item in sorted(held_back, key=lambda i: len(i.path)):  # parents first
            key = path_key(item.path)
            if not key:
                continue
            if self.is_frozen(key):
                continue  # inside a folder held back already
            self.frozen.add(key)
            synced, on_server = key in self.journal, key in remote_by_key
            if synced or on_server or item.kind in _ALWAYS_REPORTED:
                why = held_back_reason(item, synced, on_server)
                self.held_back.append(SkippedItem(item.path, item.kind, why))
            else:
                self.not_synced.append(item)

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
        if self.is_frozen(key):
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


# A folder that cannot be read and a name that cannot be decoded need the user even when
# never synced: what they hold is not backed up.
_ALWAYS_REPORTED = frozenset({SkipKind.UNREADABLE, SkipKind.BAD_NAME})


def held_back_reason(item: SkippedItem, synced: bool, on_server: bool) -> str:
    """What a held-back item's report says: what it is here, and what is kept."""
    if item.kind is SkipKind.LINK:
        if synced:
            return "is now a link: cozysync does not follow links; its server copy is kept"
        return (
            "is a link here: cozysync does not follow links; the server's copy is kept "
            "there and not downloaded over it"
        )
    if item.kind is SkipKind.SPECIAL and (synced or on_server):
        return "is now a device, pipe or socket here: it is not synced; its server copy is kept"
    if on_server and item.kind is SkipKind.UNREADABLE:
        return f"{item.reason}; its server copy is kept"
    return item.reason


def _clash_reason(states: Sequence[LocalState | RemoteState], side: str) -> str:
    """Why several items of one side have one path key: one name listed more than once (a
    server repeating an href), or one name spelled in several Unicode forms."""
    spellings = sorted({s.path for s in states})
    if len(spellings) == 1:
        times = "twice" if len(states) == 2 else f"{len(states)} times"
        return f"{side} listed {spellings[0]!r} {times}"
    forms = ", ".join(repr(p) for p in spellings)
    return f"names on {side} differ only in their Unicode form: {forms}"


def _group(states: Iterable[_State]) -> dict[str, list[_State]]:
    by_key: dict[str, list[_State]] = defaultdict(list)
    for state in states:
        by_key[path_key(state.path)].append(state)
    return by_key
