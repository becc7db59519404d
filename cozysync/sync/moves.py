"""Detecting moves on each side and propagating them as moves (pure).

A move is recognised by what identifies an item stably:

- local: the (device, inode) pair recorded in the journal now sits at another path, and
  the item is still the one recorded: a file with its size and mtime (or its MD5), a
  folder with at least one of its recorded children inside (or none recorded).  An inode
  number is reused as soon as its file is gone, so a file deleted and another created
  elsewhere can share one; a rename keeps the mtime, a new file does not.
- remote: the same stable id (Nextcloud ``oc:fileid``, Cozy ``_id``) or, without ids, the
  same ETag and size (WsgiDAV's and Apache's ETags derive from the inode and survive a
  MOVE); a folder without either is recognised by where its files went.

``MoveResolver`` turns the moves into MOVE actions on the other side and relocates the
three views as if they had run, so that the rest of the reconciler sees the moved item at
its new key (an edit made on the other side then follows the move).  A cycle of moves (a
swap), and a folder moved into a new folder that took its own key (``é`` into ``é/é``),
go through a temporary name (``SWAP_MARK``) on the other side; a journal row that would
go into itself (``é`` to ``é/a``, both sides moved it) steps aside to that name.  A move
that cannot be propagated cleanly — its source gone on the other side, its target taken,
its target folder absent on both — is simply not propagated: the views keep the old path
"deleted" and the new path "created", and the per-item rules (modify beats delete, keep
both) handle it safely at the cost of a transfer.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from cozysync.models import Action, ActionKind, JournalEntry, LocalState, RemoteState
from cozysync.paths import depth, is_same_or_under, join, name_of, parent_of, rebase
from cozysync.sync.views import ReconcileContext, TreeViews

__all__ = ["Move", "MoveResolver", "detect_local_moves", "detect_remote_moves"]

Side = Literal["local", "remote"]
_State = TypeVar("_State", LocalState, RemoteState)
SWAP_MARK = ".cozysync-swap"


@dataclass(frozen=True, slots=True)
class Move:
    side: Side  # where the user moved the item
    old_key: str
    new_key: str


# -- detection ---------------------------------------------------------------------------


def detect_local_moves(views: TreeViews) -> list[Move]:
    arrivals: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key, state in views.local.items():
        entry = views.journal.get(key)
        if entry is None or (entry.device, entry.inode) != (state.device, state.inode):
            arrivals[(state.device, state.inode)].append(key)
    claimed = Counter((e.device, e.inode) for e in views.journal.values())
    children: dict[str, list[str]] = defaultdict(list)
    for key in views.journal:
        children[parent_of(key)].append(key)
    moves = []
    for key, entry in views.journal.items():
        here = views.local.get(key)
        if here is not None and (here.device, here.inode) == (entry.device, entry.inode):
            continue
        ident = (entry.device, entry.inode)
        targets = arrivals.get(ident, [])
        unique = len(targets) == 1 and claimed[ident] == 1
        if unique and _still_the_recorded_item(views, children, key, entry, targets[0]):
            moves.append(Move("local", key, targets[0]))
    return _drop_implied(moves)


def _still_the_recorded_item(
    views: TreeViews, children: dict[str, list[str]], key: str, entry: JournalEntry, new_key: str
) -> bool:
    """Whether the item at ``new_key``, which has ``entry``'s inode, is that item moved
    rather than a new item given the inode of a deleted one (``children``: the journal's
    keys by parent key)."""
    state = views.local[new_key]
    if state.is_dir != entry.is_dir:
        return False
    if not state.is_dir:
        if (state.size, state.mtime_ns) == (entry.size, entry.mtime_ns):
            return True
        return state.content_hash is not None and state.content_hash == entry.content_hash
    recorded = children.get(key, [])
    for child_key in recorded:
        child = views.journal[child_key]
        moved_to = views.local.get(rebase(child_key, key, new_key))
        if moved_to is not None and (moved_to.device, moved_to.inode) == (
            child.device,
            child.inode,
        ):
            return True
    return not recorded


def detect_remote_moves(views: TreeViews, ctx: ReconcileContext) -> list[Move]:
    gone = {
        k: e
        for k, e in views.journal.items()
        if k not in views.remote or not _same_remote_item(e, views.remote[k], ctx)
    }
    arrivals = {
        k: s
        for k, s in views.remote.items()
        if k not in views.journal or not _same_remote_item(views.journal[k], s, ctx)
    }
    ident: Callable[[JournalEntry | RemoteState], object] = (
        _id_ident if ctx.remote_has_stable_ids else _etag_ident
    )
    by_ident: dict[object, list[str]] = defaultdict(list)
    for key, state in arrivals.items():
        if ident(state) is not None:
            by_ident[ident(state)].append(key)
    gone_by_ident: dict[object, list[str]] = defaultdict(list)
    for key, entry in gone.items():
        gone_by_ident[ident(entry)].append(key)
    moves = {}
    for key, entry in gone.items():
        if ident(entry) is None:
            continue
        found = _pair(key, gone_by_ident[ident(entry)], by_ident.get(ident(entry), []))
        if found is not None and arrivals[found].is_dir == entry.is_dir:
            moves[key] = found
    _infer_folder_moves(gone, arrivals, moves)
    return _drop_implied([Move("remote", old, new) for old, new in moves.items()])


def _pair(key: str, gone_keys: list[str], found: list[str]) -> str | None:
    """The arrival that is ``key`` moved: the only one with its identity; or, where
    identities collide (Apache's ETag is mtime and size: equal for same-size files
    written in the same clock tick), the only one that kept its name, if no other gone
    item of that identity has that name."""
    if len(found) == 1 and len(gone_keys) == 1:
        return found[0]
    name = name_of(key)
    same_name = [f for f in found if name_of(f) == name]
    rivals = [g for g in gone_keys if name_of(g) == name]
    return same_name[0] if len(same_name) == 1 and rivals == [key] else None


def _id_ident(state: JournalEntry | RemoteState) -> object:
    return state.remote_id


def _etag_ident(state: JournalEntry | RemoteState) -> object:
    if state.etag is None:
        return None
    size = state.remote_size if isinstance(state, JournalEntry) else state.size
    return (state.etag, size, state.is_dir)


def _same_remote_item(entry: JournalEntry, state: RemoteState, ctx: ReconcileContext) -> bool:
    if entry.is_dir != state.is_dir:
        return False
    if ctx.remote_has_stable_ids and entry.remote_id and state.remote_id:
        return entry.remote_id == state.remote_id
    if not entry.is_dir and entry.etag and state.etag:
        # Without ids, a file whose ETag identity changed may be another file moved
        # onto this path (a chain of moves: b→c, then a→b).  An edit in place gets an
        # identity no other file has, so it still reads as an edit.
        return _etag_ident(entry) == _etag_ident(state)
    return True


def _infer_folder_moves(
    gone: dict[str, JournalEntry], arrivals: dict[str, RemoteState], moves: dict[str, str]
) -> None:
    """A vanished folder whose files all reappeared under one new folder moved there."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for old, new in list(moves.items()):
        old_parent, new_parent = parent_of(old), parent_of(new)
        while old_parent and new_parent and name_of(old) == name_of(new):
            if old_parent in gone and gone[old_parent].is_dir:
                target = new_parent
                if target in arrivals and arrivals[target].is_dir:
                    votes[old_parent][target] += 1
            old, new = old_parent, new_parent
            old_parent, new_parent = parent_of(old), parent_of(new)
    for folder, counter in votes.items():
        if folder in moves:
            continue
        (target, _count), *rest = counter.most_common()
        if not rest and target not in moves.values():
            moves[folder] = target


def _drop_implied(moves: list[Move]) -> list[Move]:
    """Keep the outermost moves; a child that moved along with its folder is implied."""
    moves.sort(key=lambda m: (depth(m.old_key), m.old_key))
    by_old = {m.old_key: m for m in moves}
    kept = []
    for move in moves:
        ancestor = parent_of(move.old_key)
        implied = False
        while ancestor:
            outer = by_old.get(ancestor)
            if outer is not None:
                implied = rebase(move.old_key, outer.old_key, outer.new_key) == move.new_key
                break
            ancestor = parent_of(ancestor)
        if not implied:
            kept.append(move)
    return kept


def _through_outer_moves(moves: list[Move]) -> list[Move]:
    """Rewrite a move inside a moved folder as starting from the folder's new place (its
    folder's move runs first)."""
    rewritten = []
    for move in moves:
        old = move.old_key
        for outer in moves:
            if (
                outer.side == move.side
                and outer is not move
                and is_same_or_under(old, outer.old_key)
            ):
                old = rebase(old, outer.old_key, outer.new_key)
        rewritten.append(Move(move.side, old, move.new_key))
    return rewritten


# -- propagation -------------------------------------------------------------------------


class MoveResolver:
    """Turns detected moves into actions and relocates the views as if they had run."""

    def __init__(self, views: TreeViews, ctx: ReconcileContext) -> None:
        self.views = views
        self.ctx = ctx
        self.actions: list[Action] = []
        self.created_inline: set[str] = set()

    def run(self) -> list[Action]:
        # A side whose changes a policy does not propagate has no moves to propagate:
        # its moves read as a deletion plus a creation, which the policy then handles
        # (a move into or out of a read-only share too).
        ctx, policy = self.ctx, self.ctx.policy
        local_moves = detect_local_moves(self.views) if policy.detects_local_moves else []
        remote_moves = detect_remote_moves(self.views, ctx) if policy.detects_remote_moves else []
        if ctx.read_only_shares:
            local_moves = [m for m in local_moves if self._detected(m, local=True)]
            remote_moves = [m for m in remote_moves if self._detected(m, local=False)]
        remote_by_old = {m.old_key: m for m in remote_moves}
        pending: list[Move] = []
        for move in local_moves:
            twin = remote_by_old.pop(move.old_key, None)
            if twin is None:
                pending.append(move)
            else:
                self._both_moved(move, twin)
        pending.extend(remote_by_old.values())
        self._propagate_in_order(_through_outer_moves(pending))
        return self.actions

    def _detected(self, move: Move, *, local: bool) -> bool:
        """Whether the policies at both ends of ``move`` let that side's moves through."""
        ends = (self.ctx.policy_for(move.old_key), self.ctx.policy_for(move.new_key))
        if local:
            return all(p.detects_local_moves for p in ends)
        return all(p.detects_remote_moves for p in ends)

    # Both sides moved the same item.
    def _both_moved(self, local: Move, remote: Move) -> None:
        if local.new_key == remote.new_key:
            # Same place on both sides: only the journal has to follow.
            source = self._journal_aside(local.old_key, remote.new_key)
            if source is None:
                return
            entry = self.views.journal[source]
            self._relocate_journal(source, remote.new_key)
            self.actions.append(
                Action(
                    ActionKind.RECORD,
                    remote.new_key,
                    self._local_path(remote.new_key),
                    self._remote_path(remote.new_key),
                    is_dir=entry.is_dir,
                    journal=entry,
                    source_key=source,
                    reason="moved the same way on both sides",
                )
            )
            return
        # Different places: the server's choice wins, the local item follows it.
        folders = self._folders_to_make("local", remote.new_key)
        if local.new_key not in self.views.local or folders is None:
            return
        source = self._journal_aside(local.old_key, remote.new_key)
        if source is not None:
            for folder in folders:
                self._emit_mkdir("local", folder)
            self._emit_move(
                "local", source_key=source, from_key=local.new_key, to_key=remote.new_key
            )

    def _journal_aside(self, old_key: str, new_key: str) -> str | None:
        """The key from which the journal's row ``old_key`` is relocated to ``new_key``.

        Keys are NFC: a move into a new folder spelled in the other Unicode form (``é`` to
        ``é/a``), or out of a folder into its own name respelled, would relocate the row
        into itself, which the journal refuses.  Then a journal-only RECORD first puts the
        row at a temporary key beside both (``SWAP_MARK``), and the move goes on from there;
        None if that key is taken."""
        if not (is_same_or_under(new_key, old_key) or is_same_or_under(old_key, new_key)):
            return old_key
        outer = old_key if depth(old_key) < depth(new_key) else new_key
        aside = join(parent_of(outer), f"{name_of(outer)}{SWAP_MARK}")
        if any(aside in view for view in (self.views.journal, self.views.local, self.views.remote)):
            return None
        entry = self.views.journal[old_key]
        # paths as deep as the key: the next relocation rebases them by depth
        self._relocate_journal(old_key, aside, aside, aside)
        self.actions.append(
            Action(
                ActionKind.RECORD,
                aside,
                aside,
                aside,
                is_dir=entry.is_dir,
                journal=entry,
                source_key=old_key,
                reason="steps aside in the journal",
            )
        )
        return aside

    def _propagate_in_order(self, pending: list[Move]) -> None:
        """Run each move once what it waits for has run: its folder moved, its target
        freed (a path is freed before it is reused); a cycle (a swap) goes through a
        temporary name."""
        while pending:
            progressed = False
            for move in list(pending):
                if self._waits(move, pending):
                    continue
                pending.remove(move)
                progressed = True
                if is_same_or_under(move.new_key, move.old_key):
                    # Moved into a new folder that took its own name (``é`` into ``é/é``,
                    # the new folder spelled in the other Unicode form, or made after the
                    # move): on the other side the item itself still holds that name, and
                    # a folder cannot be moved into itself (the server refuses).  It steps
                    # aside first; its folder is then made, and it moves in.
                    self._step_aside(move, pending)
                    continue
                target_side = self._other(move.side)
                if self._still_valid(move) and self._can_land(target_side, move.new_key):
                    self._emit_move(target_side, move.old_key, move.old_key, move.new_key)
            if not progressed:
                self._break_cycle(pending)

    def _waits(self, move: Move, pending: list[Move]) -> bool:
        for other in pending:
            if other is move:
                continue
            if is_same_or_under(move.new_key, other.old_key):
                return True  # its target is freed by the other move
            if is_same_or_under(move.old_key, other.new_key):
                return True  # it sits in a folder the other move brings here
            if is_same_or_under(parent_of(move.new_key), other.new_key):
                return True  # it goes into a folder the other move brings
        return False

    def _break_cycle(self, pending: list[Move]) -> None:
        self._step_aside(pending.pop(0), pending)

    def _step_aside(self, move: Move, pending: list[Move]) -> None:
        """Move the item on the other side to a temporary name beside it; its move from
        there to its target is then pending."""
        target_side = self._other(move.side)
        swap = join(parent_of(move.old_key), f"{name_of(move.old_key)}{SWAP_MARK}")
        free = swap not in self._view(target_side) and swap not in self.views.journal
        if free and self._still_valid(move):
            self._emit_move(target_side, move.old_key, move.old_key, swap)
            pending.append(Move(move.side, swap, move.new_key))

    def _still_valid(self, move: Move) -> bool:
        """The item is still at its old key on the side that did not move it."""
        target_side = self._other(move.side)
        entry = self.views.journal.get(move.old_key)
        there = self._view(target_side).get(move.old_key)
        moved = self._view(move.side).get(move.new_key)
        return (
            entry is not None
            and there is not None
            and moved is not None
            and there.is_dir == entry.is_dir == moved.is_dir
        )

    def _can_land(self, side: Side, key: str) -> bool:
        """The target is free on ``side`` and its folder exists there (or can be made)."""
        folders = self._folders_to_make(side, key)
        for folder in folders or ():
            self._emit_mkdir(side, folder)
        return folders is not None

    def _folders_to_make(self, side: Side, key: str) -> list[str] | None:
        """The folders to make on ``side``, outermost first, for an item to land at
        ``key``; None if it cannot land there (taken, or its folder nowhere)."""
        view = self._view(side)
        if key in view:
            return None
        missing = []
        folder = parent_of(key)
        while folder and folder not in view:
            other = self._view(self._other(side)).get(folder)
            if other is None or not other.is_dir:
                return None
            missing.append(folder)
            folder = parent_of(folder)
        if folder and not view[folder].is_dir:
            return None
        return missing[::-1]

    # -- actions and view updates --------------------------------------------------------

    def _emit_mkdir(self, side: Side, key: str) -> None:
        other = self._view(self._other(side))[key]
        path = self._path_for(side, key, name_of(other.path))
        if side == "remote":
            placeholder = RemoteState(path, True, 0, None, None)
            self.views.remote[key] = placeholder
            kind = ActionKind.MKDIR_REMOTE
            local_path, remote_path = other.path, path
        else:
            self.views.local[key] = LocalState(path, True, 0, 0, 0, 0)
            kind = ActionKind.MKDIR_LOCAL
            local_path, remote_path = path, other.path
        self.created_inline.add(key)
        self.actions.append(
            Action(kind, key, local_path, remote_path, is_dir=True, reason="folder of a move")
        )

    def _emit_move(self, side: Side, source_key: str, from_key: str, to_key: str) -> None:
        """Move on ``side`` the item at ``from_key`` to ``to_key``; the journal row
        ``source_key`` follows it."""
        view = self._view(side)
        state = view[from_key]
        other_state = self._view(self._other(side)).get(to_key)
        new_name = name_of(other_state.path) if other_state is not None else name_of(to_key)
        new_path = self._path_for(side, to_key, new_name)
        entry = self.views.journal[source_key]
        if side == "remote":
            kind, local_path, remote_path = (
                ActionKind.MOVE_REMOTE,
                self._local_path(to_key),
                new_path,
            )
            local, remote = self.views.local.get(to_key), self.views.remote.get(from_key)
            _relocate(self.views.remote, from_key, to_key, state.path, new_path)
        else:
            kind, local_path, remote_path = (
                ActionKind.MOVE_LOCAL,
                new_path,
                self._remote_path(to_key),
            )
            local, remote = self.views.local.get(from_key), self.views.remote.get(to_key)
            _relocate(self.views.local, from_key, to_key, state.path, new_path)
        self.actions.append(
            Action(
                kind,
                to_key,
                local_path,
                remote_path,
                is_dir=state.is_dir,
                local=local,
                remote=remote,
                journal=entry,
                source_key=source_key,
                source_path=state.path,
            )
        )
        self._relocate_journal(source_key, to_key, local_path, remote_path)

    def _relocate_journal(
        self,
        old_key: str,
        new_key: str,
        local_path: str | None = None,
        remote_path: str | None = None,
    ) -> None:
        entry = self.views.journal[old_key]
        local_path = local_path if local_path is not None else self._local_path(new_key)
        remote_path = remote_path if remote_path is not None else self._remote_path(new_key)
        moved = {}
        for key in [k for k in self.views.journal if is_same_or_under(k, old_key)]:
            row = self.views.journal.pop(key)
            moved[rebase(key, old_key, new_key)] = dataclasses.replace(
                row,
                key=rebase(key, old_key, new_key),
                local_path=rebase(row.local_path, entry.local_path, local_path),
                remote_path=rebase(row.remote_path, entry.remote_path, remote_path),
            )
        self.views.journal.update(moved)

    # -- helpers ---------------------------------------------------------------------------

    def _view(self, side: Side) -> dict[str, LocalState] | dict[str, RemoteState]:
        return self.views.local if side == "local" else self.views.remote

    @staticmethod
    def _other(side: Side) -> Side:
        return "remote" if side == "local" else "local"

    def _path_for(self, side: Side, key: str, name: str) -> str:
        folder = parent_of(key)
        parent_state = self._view(side).get(folder) if folder else None
        return join(parent_state.path if parent_state is not None else folder, name)

    def _local_path(self, key: str) -> str:
        state = self.views.local.get(key)
        return state.path if state is not None else key

    def _remote_path(self, key: str) -> str:
        state = self.views.remote.get(key)
        return state.path if state is not None else key


def _relocate(
    view: dict[str, _State], old_key: str, new_key: str, old_path: str, new_path: str
) -> None:
    moved = {}
    for key in [k for k in view if is_same_or_under(k, old_key)]:
        state = view.pop(key)
        new = rebase(key, old_key, new_key)
        moved[new] = dataclasses.replace(state, path=rebase(state.path, old_path, new_path))
    view.update(moved)
