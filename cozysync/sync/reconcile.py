"""The reconciler: (journal, local scan, remote listing) → an ordered plan.  Pure.

Steps, named as in docs/sync-algorithm.md:

1. *views*: match the three trees on path keys; freeze clashes and unstorable names;
   set aside the server version of files whose ETag is ambiguous (``etags``);
2. *moves*: detect moves on each side and propagate them as moves (``MoveResolver``);
3. *decide*: one ``Decision`` per remaining key from how each side changed (``decide``);
4. *modify beats delete*: a folder deleted on one side survives if something below it
   must be kept (``_keep_folders_with_survivors``) or is frozen
   (``_keep_folders_holding_frozen_items``);
5. *plan*: order the actions (``cozysync.sync.plan.assemble``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from cozysync.models import (
    Action,
    ActionKind,
    Decision,
    JournalEntry,
    LocalState,
    Plan,
    RemoteState,
    SkipKind,
    SkippedItem,
)
from cozysync.paths import depth, parent_of, path_key
from cozysync.sync.changes import Change, is_local_unchanged, local_change, remote_change
from cozysync.sync.etags import distrust_ambiguous_etags
from cozysync.sync.executable import executable_side
from cozysync.sync.modes import ModePolicy
from cozysync.sync.moves import MoveResolver
from cozysync.sync.plan import REPLACE_REASON, assemble
from cozysync.sync.views import ReconcileContext, TreeViews

__all__ = ["decide", "reconcile"]


def reconcile(
    journal: Mapping[str, JournalEntry],
    local: Iterable[LocalState],
    remote: Iterable[RemoteState],
    ctx: ReconcileContext,
    held_back: Iterable[SkippedItem] = (),
) -> Plan:
    """The plan that brings both sides in sync.  ``held_back``: what the local scan saw
    and does not sync (links, pipes, unreadable folders): left alone everywhere."""
    views = TreeViews.build(journal, local, remote, ctx, held_back)
    # Ambiguous ETags are looked for once frozen names are out of the views: a frozen
    # row is never updated while its name clashes, so an ETag that left its path would
    # count as "left" at every pass, and the file now showing it (the one that moved
    # away, downloaded at its new path) would be downloaded again at every pass.
    views.journal = distrust_ambiguous_etags(views.journal, views.remote.values())
    resolver = MoveResolver(views, ctx)
    move_actions = resolver.run()
    keys = (set(views.journal) | set(views.local) | set(views.remote)) - resolver.created_inline
    keys.discard("")
    decisions = {key: _decide_key(views, key) for key in keys}
    _keep_folders_with_survivors(views, decisions, ctx)
    _keep_folders_holding_frozen_items(views, decisions)
    kept_here: list[SkippedItem] = []
    if not ctx.is_two_way_everywhere:
        kept_here = _apply_policies(views, ctx, decisions)
    actions = [a for key in keys for a in _actions_for(views, key, decisions[key])]
    # backup: files on the server only (kept after a deletion here, or added there)
    kept = sum(
        1 for k in keys if k in views.remote and k not in views.local and not views.remote[k].is_dir
    )
    plan = assemble(move_actions, actions, views.reports)
    not_synced = [*views.not_synced, *kept_here]
    if views.held_back or not_synced:
        plan = dataclasses.replace(
            plan, held_back=tuple(views.held_back), not_synced=tuple(not_synced)
        )
    if ctx.policy.keeps_server_only_files:
        plan = dataclasses.replace(plan, kept_on_server=kept)
    return plan


_SENDS = frozenset({Decision.UPLOAD, Decision.MKDIR_REMOTE, Decision.DELETE_REMOTE})


def _apply_policies(
    views: TreeViews, ctx: ReconcileContext, decisions: dict[str, Decision]
) -> list[SkippedItem]:
    """Each decision as the policy of its place carries it out (the folder's mode, or a
    read-only share inside it); what a read-only share keeps here, to be said."""
    kept_here = []
    for key, decision in decisions.items():
        policy = ctx.policy_for(key)
        local = views.local.get(key)
        adjusted = policy.adjust(decision, views.journal.get(key), local, views.remote.get(key))
        decisions[key] = adjusted
        if policy.share is not None and decision in _SENDS and adjusted not in _SENDS:
            path = local.path if local is not None else _path_on(views, key, "local")
            reason = _kept_reason(policy)
            kept_here.append(SkippedItem(path, SkipKind.READ_ONLY_SHARE, reason, policy.share))
    return sorted(kept_here, key=lambda item: item.path)


def _kept_reason(policy: ModePolicy) -> str:
    share = policy.share
    assert share is not None
    return (
        f"'{share.name}' is shared with you read-only by {share.owner}: "
        "your change stays on this computer"
    )


def decide(j: JournalEntry | None, lc: Change, rc: Change, same_content: bool) -> Decision:
    """The decision for one item from how each side changed since the last sync.

    ``same_content``: both sides are files known to hold the same bytes (hashes equal).
    """
    lp, rp = lc.is_present, rc.is_present
    gone_elsewhere = (lc is Change.TYPE_CHANGED and not rp) or (
        rc is Change.TYPE_CHANGED and not lp
    )
    if j is None or gone_elsewhere:
        # Never synced (or synced as the other type and gone from the other side).
        if lp and not rp:
            return Decision.UPLOAD
        if rp and not lp:
            return Decision.DOWNLOAD
        return Decision.COMPARE_CONTENT  # both new: same bytes? else keep both
    if not lp and not rp:
        return Decision.FORGET  # deleted on both sides
    if not lp:
        # Deleted here: propagate unless the server changed it (modify beats delete).
        return Decision.DELETE_REMOTE if rc is Change.UNCHANGED else Decision.DOWNLOAD
    if not rp:
        return Decision.TRASH_LOCAL if lc is Change.UNCHANGED else Decision.UPLOAD
    if lc is Change.UNCHANGED and rc is Change.UNCHANGED:
        return Decision.NOTHING
    if rc is Change.UNCHANGED:
        return Decision.UPLOAD  # edited here only (or replaced by the other type here)
    if lc is Change.UNCHANGED:
        return Decision.DOWNLOAD
    return Decision.NOTHING if same_content else Decision.COMPARE_CONTENT  # both edited


def _decide_key(views: TreeViews, key: str) -> Decision:
    j, local, remote = views.journal.get(key), views.local.get(key), views.remote.get(key)
    lc, rc = local_change(j, local), remote_change(j, remote)
    both_files = local is not None and remote is not None and not local.is_dir and not remote.is_dir
    same = both_files and _same_known_content(local, remote)
    decision = decide(j, lc, rc, same)
    if decision is Decision.COMPARE_CONTENT and local is not None and remote is not None:
        if local.is_dir and remote.is_dir:
            return Decision.RECORD  # the same folder made on both sides
        if local.is_dir != remote.is_dir:
            return Decision.KEEP_BOTH  # a file and a folder of one name
        if same:
            return Decision.RECORD
    if decision is Decision.NOTHING and _journal_outdated(j, local, remote, lc, rc):
        return Decision.RECORD
    return decision


def _same_known_content(local: LocalState | None, remote: RemoteState | None) -> bool:
    return (
        local is not None
        and remote is not None
        and local.content_hash is not None
        and local.content_hash == remote.content_hash
        and local.size == remote.size
    )


def _journal_outdated(
    j: JournalEntry | None,
    local: LocalState | None,
    remote: RemoteState | None,
    lc: Change,
    rc: Change,
) -> bool:
    """In sync, but the journal should learn new metadata (touched file, new ETag,
    a name spelled in another Unicode form)."""
    if j is None or local is None or remote is None:
        return False
    if lc is Change.MODIFIED or rc is Change.MODIFIED:
        return True  # same bytes on both sides after independent edits
    if local.path != j.local_path or remote.path != j.remote_path:
        return True
    if not local.is_dir and not is_local_unchanged(j, local):
        return True
    if not local.is_dir and executable_side(j, local, remote) is not None:
        return True  # the x bit changed on one side (the record carries it over)
    return remote.etag != j.etag


_SURVIVES_LOCALLY = {Decision.DOWNLOAD, Decision.MKDIR_LOCAL}
_SURVIVES_REMOTELY = {Decision.UPLOAD, Decision.MKDIR_REMOTE}


def _keep_folders_with_survivors(
    views: TreeViews, decisions: dict[str, Decision], ctx: ReconcileContext
) -> None:
    """Modify beats delete, for folders: a folder deleted on one side is kept (made again
    there) when something below it must survive; deepest keys first, so it propagates.
    A folder replaced by a file on the other side while something inside it must
    survive keeps both (the folder is renamed to a conflict copy).  What survives is
    what the two-way decision keeps, and what the policy of its place makes of it (a
    backup sends again what the server lost: that must find its folder there)."""
    needs_local: set[str] = set()
    needs_remote: set[str] = set()
    for key in sorted(decisions, key=depth, reverse=True):
        decision = decisions[key]
        local, remote = views.local.get(key), views.remote.get(key)
        if decision is Decision.DELETE_REMOTE and remote and remote.is_dir and key in needs_local:
            decision = decisions[key] = Decision.MKDIR_LOCAL
        elif decision is Decision.TRASH_LOCAL and local and local.is_dir and key in needs_remote:
            decision = decisions[key] = Decision.MKDIR_REMOTE
        elif decision is Decision.DOWNLOAD and local and local.is_dir and key in needs_remote:
            decision = decisions[key] = Decision.KEEP_BOTH  # folder replaced by a file there
        elif decision is Decision.UPLOAD and remote and remote.is_dir and key in needs_local:
            decision = decisions[key] = Decision.KEEP_BOTH  # folder replaced by a file here
        survives = {decision}
        if not ctx.is_two_way_everywhere:
            policy = ctx.policy_for(key)
            survives.add(policy.adjust(decision, views.journal.get(key), local, remote))
        target = (
            needs_local
            if survives & _SURVIVES_LOCALLY
            else needs_remote
            if survives & _SURVIVES_REMOTELY
            else None
        )
        folder = parent_of(key) if target is not None else ""
        while folder and target is not None and folder not in target:
            target.add(folder)
            folder = parent_of(folder)


# a folder deleted on one side, made again there (modify beats delete)
_MADE_AGAIN = {
    Decision.DELETE_REMOTE: Decision.MKDIR_LOCAL,
    Decision.TRASH_LOCAL: Decision.MKDIR_REMOTE,
}


def _keep_folders_holding_frozen_items(views: TreeViews, decisions: dict[str, Decision]) -> None:
    """Modify beats delete, for a folder holding a reported (frozen) item: it is not
    removed on either side (the removal could not take the item along, and the executor
    would refuse it at every pass).  Deleted on one side, it is made again there, as when
    something added inside must survive (``_keep_folders_with_survivors``), so that both
    trees hold it; replaced by a file on the other side, it keeps both: the folder here,
    or the file here, becomes a conflict copy, and the other side's item takes the name.
    An item only listed as not synced (a link never synced, unknown to the server) keeps
    its folder here without making it again there: the server lost nothing."""
    listed_only = {path_key(item.path) for item in views.not_synced}
    # the items that need the user first, so that they decide whatever the set's order
    for frozen in sorted(views.frozen, key=lambda key: (key in listed_only, key)):
        folder = parent_of(frozen)
        while folder:
            decision = decisions.get(folder)
            if decision is not None and decision in _MADE_AGAIN:
                made_again = Decision.NOTHING if frozen in listed_only else _MADE_AGAIN[decision]
                decisions[folder] = made_again
            elif _replaces_folder_by_file(views, folder, decision):
                decisions[folder] = Decision.KEEP_BOTH
            folder = parent_of(folder)


def _replaces_folder_by_file(views: TreeViews, key: str, decision: Decision | None) -> bool:
    """The decision removes a folder on one side to put the other side's file there."""
    local, remote = views.local.get(key), views.remote.get(key)
    if local is None or remote is None or local.is_dir == remote.is_dir:
        return False
    folder_side = Decision.DOWNLOAD if local.is_dir else Decision.UPLOAD
    return decision is folder_side


def _actions_for(views: TreeViews, key: str, decision: Decision) -> list[Action]:
    j, local, remote = views.journal.get(key), views.local.get(key), views.remote.get(key)
    local_path = local.path if local else _path_on(views, key, "local")
    remote_path = remote.path if remote else _path_on(views, key, "remote")
    hash_still_holds = local and j and not local.is_dir and is_local_unchanged(j, local)
    if local and j and hash_still_holds and local.content_hash is None:
        local = dataclasses.replace(local, content_hash=j.content_hash)
    base = Action(ActionKind.RECORD, key, local_path, remote_path, False, local, remote, j)

    def act(kind: ActionKind, is_dir: bool, reason: str = "") -> Action:
        return dataclasses.replace(base, kind=kind, is_dir=is_dir, reason=reason)

    is_dir = _is_dir(views, key)
    match decision:
        case Decision.NOTHING:
            return []
        case Decision.RECORD | Decision.FORGET | Decision.COMPARE_CONTENT:
            return [act(ActionKind(decision.value), is_dir)]
        case Decision.DELETE_REMOTE | Decision.TRASH_LOCAL:
            return [act(ActionKind(decision.value), is_dir)]
        case Decision.MKDIR_REMOTE | Decision.MKDIR_LOCAL:
            return [act(ActionKind(decision.value), True, "keeps what was added inside")]
        case Decision.KEEP_BOTH:
            return [act(ActionKind.KEEP_BOTH, is_dir, "a file and a folder have the same name")]
        case Decision.UPLOAD:
            assert local is not None
            kind = ActionKind.MKDIR_REMOTE if local.is_dir else ActionKind.UPLOAD
            if remote is not None and remote.is_dir != local.is_dir:
                # The old item is removed first; the new one is then created, not
                # written over a version that is gone by then.
                removal = act(ActionKind.DELETE_REMOTE, remote.is_dir, REPLACE_REASON)
                return [removal, dataclasses.replace(act(kind, local.is_dir), remote=None)]
            return [act(kind, local.is_dir)]
        case Decision.DOWNLOAD:
            assert remote is not None
            first = []
            if local is not None and local.is_dir != remote.is_dir:
                first = [act(ActionKind.TRASH_LOCAL, local.is_dir, REPLACE_REASON)]
            kind = ActionKind.MKDIR_LOCAL if remote.is_dir else ActionKind.DOWNLOAD
            return [*first, act(kind, remote.is_dir)]
    raise AssertionError(decision)


def _is_dir(views: TreeViews, key: str) -> bool:
    """The item's type on the side that keeps it (journal type if gone from both)."""
    for state in (views.local.get(key), views.remote.get(key), views.journal.get(key)):
        if state is not None:
            return state.is_dir
    return False


def _path_on(views: TreeViews, key: str, side: str) -> str:
    """Where a key lives (or will live) on a side: its parent's spelling there plus the
    item's own name as recorded there, else as the other side spells it (a parent made
    again there in the other Unicode form since: the recorded path is stale)."""
    entry = views.journal.get(key)
    other: LocalState | RemoteState | None = (
        views.remote.get(key) if side == "local" else views.local.get(key)
    )
    if entry is not None:
        path = entry.local_path if side == "local" else entry.remote_path
    else:
        path = other.path if other is not None else key
    name = path.rpartition("/")[2]
    folder = parent_of(key)
    if not folder:
        return name
    return f"{_path_on_folder(views, folder, side)}/{name}"


def _path_on_folder(views: TreeViews, key: str, side: str) -> str:
    state: LocalState | RemoteState | None = (
        views.local.get(key) if side == "local" else views.remote.get(key)
    )
    return state.path if state is not None else _path_on(views, key, side)
