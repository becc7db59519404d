"""The read-only share policy as named rows: a folder another user shares with this
account read-only (``d``, told by the server through ``TellsReadOnlyShares``), inside a
folder of each mode.  Nothing made in it is ever sent (the server would take it, but
never pass it on to the owner); the owner's changes come down; an edit here is never
lost (kept as a conflict copy beside the owner's version); each change kept here is
reported with the share's name and owner.  The rest of the folder keeps its mode.

The shipped engine and executor run on the in-memory ports (``tests/core/world.py``)."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cozysync.models import Decision, ReadOnlyShare, SkipKind, SyncMode
from cozysync.paths import is_same_or_under
from cozysync.sync.modes import BACKUP, DOWNLOAD_ONLY, TWO_WAY, policy_of, read_only_share_policy
from tests.core.test_reconcile_properties import apply_user_action, trees, user_actions
from tests.core.world import World, synced

BASE: dict[str, bytes | None] = {"a.txt": b"A", "d": None, "d/x.txt": b"X"}
SHARE = ReadOnlyShare("d", "Exposé SVT", "Mme Martin")
LOCAL_COPY = "d/x (conflict laptop 2026-11-28 120000).txt"
WHY = "'Exposé SVT' is shared with you read-only by Mme Martin: your change stays on this computer"
WRITES = {"upload", "mkdir-remote", "move-remote", "delete-remote"}


def tree(
    extra: dict[str, bytes | None] | None = None, drop: tuple[str, ...] = ()
) -> dict[str, bytes | None]:
    out = {k: v for k, v in BASE.items() if not any(is_same_or_under(k, d) for d in drop)}
    out.update(extra or {})
    return out


@dataclass
class ShareCase:
    name: str
    act: Callable[[World], None]
    local: dict[str, bytes | None]
    remote: dict[str, bytes | None]
    kept_here: tuple[str, ...] = ()  # reported: a change in the share that stays here
    mode: SyncMode = SyncMode.TWO_WAY
    share: ReadOnlyShare = SHARE


T, B, D = SyncMode.TWO_WAY, SyncMode.BACKUP, SyncMode.DOWNLOAD_ONLY
CASES = [
    ShareCase(
        "two-way: an edit in the share is never sent and stays here",
        lambda w: w.local_write("d/x.txt", b"mine"),
        tree({"d/x.txt": b"mine"}),
        tree(),
        kept_here=("d/x.txt",),
    ),
    ShareCase(
        "two-way: a new file in the share stays here",
        lambda w: w.local_write("d/n.txt", b"N"),
        tree({"d/n.txt": b"N"}),
        tree(),
        kept_here=("d/n.txt",),
    ),
    ShareCase(
        "two-way: a new folder in the share stays here",
        lambda w: w.local_mkdir("d/sub"),
        tree({"d/sub": None}),
        tree(),
        kept_here=("d/sub",),
    ),
    ShareCase(
        "two-way: the owner's edit comes down",
        lambda w: w.remote_write("d/x.txt", b"theirs"),
        tree({"d/x.txt": b"theirs"}),
        tree({"d/x.txt": b"theirs"}),
    ),
    ShareCase(
        "two-way: the owner's new file comes down",
        lambda w: w.remote_write("d/n.txt", b"N"),
        tree({"d/n.txt": b"N"}),
        tree({"d/n.txt": b"N"}),
    ),
    ShareCase(
        "two-way: the owner's deletion comes down",
        lambda w: w.remote_delete("d/x.txt"),
        tree(drop=("d/x.txt",)),
        tree(drop=("d/x.txt",)),
    ),
    ShareCase(
        "two-way: an edit here, then the owner's edit, keeps both here",
        lambda w: (w.local_write("d/x.txt", b"mine"), w.sync(), w.remote_write("d/x.txt", b"S")),
        tree({"d/x.txt": b"S", LOCAL_COPY: b"mine"}),
        tree({"d/x.txt": b"S"}),
        kept_here=(LOCAL_COPY,),
    ),
    ShareCase(
        "two-way: edited here and by the owner at once keeps both here",
        lambda w: (w.local_write("d/x.txt", b"mine"), w.remote_write("d/x.txt", b"S")),
        tree({"d/x.txt": b"S", LOCAL_COPY: b"mine"}),
        tree({"d/x.txt": b"S"}),
        kept_here=(LOCAL_COPY,),
    ),
    ShareCase(
        "two-way: a deletion in the share does not reach the server",
        lambda w: w.local_delete("d/x.txt"),
        tree(drop=("d/x.txt",)),
        tree(),
        kept_here=("d/x.txt",),
    ),
    ShareCase(
        "two-way: a rename in the share does not reach the server",
        lambda w: w.local_move("d/x.txt", "d/y.txt"),
        tree({"d/y.txt": b"X"}, drop=("d/x.txt",)),
        tree(),
        kept_here=("d/x.txt", "d/y.txt"),
    ),
    ShareCase(
        "two-way: moved out of the share, it goes up outside and stays in the share there",
        lambda w: w.local_move("d/x.txt", "y.txt"),
        tree({"y.txt": b"X"}, drop=("d/x.txt",)),
        tree({"y.txt": b"X"}),
        kept_here=("d/x.txt",),
    ),
    ShareCase(
        "two-way: an edit outside the share still goes up",
        lambda w: (w.local_write("a.txt", b"A2"), w.local_write("d/x.txt", b"mine")),
        tree({"a.txt": b"A2", "d/x.txt": b"mine"}),
        tree({"a.txt": b"A2"}),
        kept_here=("d/x.txt",),
    ),
    ShareCase(
        "two-way: the whole folder shared read-only is download-only",
        lambda w: (w.local_write("a.txt", b"mine"), w.remote_write("d/x.txt", b"S")),
        tree({"a.txt": b"mine", "d/x.txt": b"S"}),
        tree({"d/x.txt": b"S"}),
        kept_here=("a.txt",),
        share=ReadOnlyShare("", "Exposé SVT", "Mme Martin"),
    ),
    ShareCase(
        "download-only: the share is download-only too",
        lambda w: (w.local_write("d/x.txt", b"mine"), w.remote_write("d/n.txt", b"N")),
        tree({"d/x.txt": b"mine", "d/n.txt": b"N"}),
        tree({"d/n.txt": b"N"}),
        kept_here=("d/x.txt",),
        mode=D,
    ),
    ShareCase(
        "backup: in the share nothing goes either way",
        lambda w: (w.local_write("d/x.txt", b"mine"), w.remote_write("d/x.txt", b"S")),
        tree({"d/x.txt": b"mine"}),
        tree({"d/x.txt": b"S"}),
        mode=B,
    ),
    ShareCase(
        "backup: an edit outside the share still goes up",
        lambda w: (w.local_write("a.txt", b"A2"), w.local_write("d/n.txt", b"N")),
        tree({"a.txt": b"A2", "d/n.txt": b"N"}),
        tree({"a.txt": b"A2"}),
        kept_here=("d/n.txt",),
        mode=B,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_read_only_share_case(case: ShareCase) -> None:
    world = synced(BASE, mode=case.mode)
    world.server.shared_read_only = (case.share,)
    case.act(world)
    world.sync()
    assert world.tree("local") == case.local
    assert world.tree("remote") == case.remote
    plan = world.plan()
    assert plan.is_empty
    kept = [item for item in plan.not_synced if item.kind is SkipKind.READ_ONLY_SHARE]
    assert [item.path for item in kept] == list(case.kept_here)
    assert all(item.reason == WHY and item.share == case.share for item in kept)
    sent = [a for p in world.plans for a in p.actions if a.kind.value in WRITES]
    assert not [a for a in sent if is_same_or_under(a.key, case.share.path)]


def test_the_share_is_learnt_at_each_full_pass() -> None:
    world = synced(BASE)
    world.server.shared_read_only = (SHARE,)
    world.local_write("d/x.txt", b"mine")
    world.sync()
    assert world.tree("remote") == tree()
    world.server.shared_read_only = ()  # the owner made it read-write
    world.sync()
    assert world.tree("remote") == tree({"d/x.txt": b"mine"})


def test_a_policy_answers_what_the_stages_ask() -> None:
    share = read_only_share_policy(TWO_WAY, SHARE)
    assert (share.sends_local_changes, share.brings_remote_changes) == (False, True)
    assert (share.detects_local_moves, share.detects_remote_moves) == (False, True)
    assert share.propagates_remote_deletions and not share.propagates_local_deletions
    assert not share.keeps_conflict_copy_on_server and share.share == SHARE
    assert BACKUP.keeps_conflict_copy_on_server and not BACKUP.detects_remote_moves
    assert not DOWNLOAD_ONLY.detects_local_moves and DOWNLOAD_ONLY.propagates_remote_deletions
    assert TWO_WAY.is_two_way and policy_of(SyncMode.BACKUP) is BACKUP
    in_backup = read_only_share_policy(BACKUP, SHARE)
    assert in_backup.adjust(Decision.COMPARE_CONTENT, None, None, None) is Decision.NOTHING
    assert in_backup.adjust(Decision.DOWNLOAD, None, None, None) is Decision.NOTHING
    assert in_backup.adjust(Decision.UPLOAD, None, None, None) is Decision.NOTHING


def test_the_deepest_share_decides() -> None:
    world = World()
    outer, inner = ReadOnlyShare("d", "D", "Ann"), ReadOnlyShare("d/e", "E", "Bob")
    ctx = world.context()
    ctx = type(ctx)(
        local_rules=ctx.local_rules, remote_rules=ctx.remote_rules, read_only_shares=(outer, inner)
    )
    assert ctx.policy_for("d/e/f.txt").share == inner
    assert ctx.policy_for("d/x.txt").share == outer
    assert ctx.policy_for("a.txt") is TWO_WAY
    assert not ctx.is_two_way_everywhere


@settings(max_examples=int(os.environ.get("COZYSYNC_EXAMPLES", "100")), deadline=None)
@given(trees(), user_actions(), st.sampled_from([T, B, D]), st.integers(0, 2**32))
def test_random_changes_never_send_from_a_read_only_share_and_lose_nothing(
    start: dict[str, bytes | None],
    actions: list[tuple[str, str, str, str, bytes]],
    mode: SyncMode,
    seed: int,
) -> None:
    """The property test's random trees and changes, with ``a`` shared read-only: the
    passes end within the bound, never write to the server under ``a``, and every
    content a user wrote last (or both sides held) is still somewhere."""
    world = synced(start, mode=mode)
    world.server.shared_read_only = (ReadOnlyShare("a", "a", "Ann"),)
    last_write: dict[tuple[str, str], bytes] = {}
    for side, op, path, other, data in actions:
        apply_user_action(world, side, op, path, other, data)
        if op in ("write", "retype"):
            last_write[(side, path)] = data
    trees_now = {"local": world.local, "remote": world.remote}
    standing = {
        data
        for (side, path), data in last_write.items()
        if path in trees_now[side] and trees_now[side][path].content == data
    }
    local_now = {n.content for n in world.local.values() if not n.is_dir}
    remote_now = {n.content for n in world.remote.values() if not n.is_dir}
    assert world.sync(max_rounds=8, order=random.Random(seed)) <= 8
    sent = [a for p in world.plans for a in p.actions if a.kind.value in WRITES]
    assert not [a for a in sent if is_same_or_under(a.key, "a")]
    assert standing | (local_now & remote_now) <= world.all_contents()
