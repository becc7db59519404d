"""Property tests of the pure reconciler: for random synced trees and random changes on
both sides, applying the plans (with the order inside each stage shuffled) terminates
within a bounded number of rounds, never raises, ends with both trees equal, and loses no
content: every file content present at the start or written by a user is, at the end,
at a path, in a conflict copy or in a trash."""

from __future__ import annotations

import os
import random
import unicodedata
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cozysync.journal.store import SqliteJournal
from cozysync.models import ActionKind
from cozysync.paths import is_same_or_under, path_key
from tests.core.world import World, synced

# "D"/"d": case variants; "é" in NFD and in NFC: one name in two Unicode spellings (each side
# keeps its own; two spellings on one side are a clash, reported and left alone).
NFC_E, NFD_E = unicodedata.normalize("NFC", "é"), unicodedata.normalize("NFD", "é")
NAMES = [
    "a",
    "b",
    "c",
    "D",
    "d",
    NFD_E,
    NFC_E,
    "x.txt",
]


@st.composite
def paths(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 3))
    return "/".join(draw(st.sampled_from(NAMES)) for _ in range(depth))


@st.composite
def trees(draw: st.DrawFn) -> dict[str, bytes | None]:
    tree: dict[str, bytes | None] = {}
    spelling: dict[str, str] = {}  # a synced start spells each name one way (two: a clash)
    for drawn in draw(st.lists(paths(), max_size=8)):
        path = ""
        for name in drawn.split("/"):
            candidate = f"{path}/{name}" if path else name
            path = spelling.setdefault(unicodedata.normalize("NFC", candidate), candidate)
        parts = path.split("/")
        if any(
            "/".join(parts[:i]) in tree and tree["/".join(parts[:i])] is not None
            for i in range(1, len(parts))
        ):
            continue  # a file already stands where a folder would go
        if path in tree and tree[path] is None:
            continue
        for i in range(1, len(parts)):
            tree["/".join(parts[:i])] = None
        tree[path] = draw(st.binary(min_size=1, max_size=3))
    return tree


# "retype": an existing file replaced by a folder, or a folder by a file (type changes)
OPS = ["write", "mkdir", "delete", "move", "retype"]


@st.composite
def user_actions(draw: st.DrawFn) -> list[tuple[str, str, str, str, bytes]]:
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(["local", "remote"]),
                st.sampled_from(OPS),
                paths(),
                paths(),
                st.binary(min_size=1, max_size=3),
            ),
            max_size=6,
        )
    )


def apply_user_action(world: World, side: str, op: str, path: str, other: str, data: bytes) -> bool:
    tree = world.local if side == "local" else world.remote
    existing = sorted(tree)
    if op in ("delete", "move", "retype") and existing:
        # crc32, not hash(): str hashes change with each process (PYTHONHASHSEED), so a
        # failing example printed by Hypothesis would pick another item when run again
        path = existing[zlib.crc32(path.encode()) % len(existing)]
    if op == "write":
        getattr(world, f"{side}_write")(path, data)
    elif op == "mkdir":
        getattr(world, f"{side}_mkdir")(path)
    elif op == "delete" and path in tree:
        getattr(world, f"{side}_delete")(path)
    elif op == "move" and path in tree and other not in tree and not is_same_or_under(other, path):
        getattr(world, f"{side}_move")(path, other)
    elif op == "retype" and path in tree:
        was_dir = tree[path].is_dir
        getattr(world, f"{side}_delete")(path)
        if was_dir:
            getattr(world, f"{side}_write")(path, data)
        else:
            getattr(world, f"{side}_mkdir")(path)
    return True


@example(  # the same bytes in two files, each edited on one side (found by this checker)
    start={"b": b"\x01", "a": b"\x01"},
    actions=[("local", "write", "a", "a", b"\x00"), ("remote", "write", "b", "a", b"\x00")],
    stable_ids=False,
    remote_hashes=False,
    confirms_uploads=False,
    seed=0,
)
@settings(
    max_examples=int(os.environ.get("COZYSYNC_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(trees(), user_actions(), st.booleans(), st.booleans(), st.booleans(), st.integers(0, 2**32))
def test_random_changes_converge_without_loss(
    start: dict[str, bytes | None],
    actions: list[tuple[str, str, str, str, bytes]],
    stable_ids: bool,
    remote_hashes: bool,
    confirms_uploads: bool,
    seed: int,
) -> None:
    world = synced(
        start,
        stable_ids=stable_ids,
        remote_hashes=remote_hashes,
        confirms_uploads=confirms_uploads,
    )
    last_write: dict[tuple[str, str], bytes] = {}
    for side, op, path, other, data in actions:
        apply_user_action(world, side, op, path, other, data)
        if op in ("write", "retype"):
            last_write[(side, path)] = data
    # What must survive: each user's last write that still stands where it was written,
    # and what neither side replaced (an edit on one side legitimately replaces the other
    # side's old bytes, also when a write there put back the very bytes synced at that
    # path: nothing new to keep).
    trees = {"local": world.local, "remote": world.remote}
    synced_bytes = {path_key(p): c for p, c in start.items()}
    standing = {
        data
        for (side, path), data in last_write.items()
        if path in trees[side]
        and trees[side][path].content == data
        and data != synced_bytes.get(path_key(path))
    }

    # And what neither side replaced: bytes on both sides, each copy at a path the other side
    # did not write (the same bytes in two files, each rewritten by the other side's edit,
    # are legitimately replaced in both).
    def kept(side: str, other: str) -> set[bytes]:
        tree = world.local if side == "local" else world.remote
        return {n.content for p, n in tree.items() if not n.is_dir and (other, p) not in last_write}

    untouched = kept("local", "remote") & kept("remote", "local")
    last = standing | untouched
    rounds = world.sync(max_rounds=8, order=random.Random(seed))
    assert rounds <= 8
    # Names that differ only in Unicode form are reported, not merged: compare the rest.
    local = {unicodedata.normalize("NFC", p): c for p, c in world.tree("local").items()}
    remote = {unicodedata.normalize("NFC", p): c for p, c in world.tree("remote").items()}
    reported = {unicodedata.normalize("NFC", a.local_path) for p in world.plans for a in p.reports}
    frozen = lambda p: any(p == r or p.startswith(r + "/") for r in reported)  # noqa: E731
    assert {p: c for p, c in local.items() if not frozen(p)} == {
        p: c for p, c in remote.items() if not frozen(p)
    }
    assert last <= world.all_contents()


def test_folder_deleted_here_while_the_server_adds_a_clashing_name_converges() -> None:
    """Found by this checker (1,500 examples).  Synced: ``a/`` and ``a/é`` (NFC).  Here the
    folder ``a`` is deleted; on the server another device adds ``a/é`` spelled NFD, a
    normalisation clash there, so both names are frozen and reported.  The plan still holds
    DELETE_REMOTE ``a``, which the executor refuses (something inside is new), every round:
    no convergence.  Expected: a folder with a frozen name inside is not deleted; modify
    beats delete, so it is made again here (both trees hold it), and the names stay
    reported until the user renames one of them."""
    world = synced({"a": None, f"a/{NFC_E}": b"1"})
    world.local_delete("a")
    world.remote_write(f"a/{NFD_E}", b"2")
    world.sync(max_rounds=8)
    assert {f"a/{NFC_E}", f"a/{NFD_E}"} <= set(world.remote)
    assert world.tree("local") == {"a": None}
    assert [r.key for r in world.plans[-1].reports] == [f"a/{NFC_E}"]


def test_folder_deleted_on_the_server_while_a_clashing_name_is_added_here_is_made_again() -> None:
    """The mirror case (found by this checker once the rejections of known bugs were
    gone): the folder holding the clash here was kept (its trash refused at every pass,
    then planned as nothing) but not made again on the server: the trees differed.  Now it
    is made again there; the clashing names stay here, reported."""
    world = synced({"b": None, "b/a": None, f"b/a/{NFC_E}": b"1"})
    world.local_write(f"b/a/{NFD_E}", b"2")
    world.remote_delete("b")
    world.sync(max_rounds=8)
    assert world.tree("remote") == {"b": None, "b/a": None}
    assert {f"b/a/{NFC_E}", f"b/a/{NFD_E}"} <= set(world.local)
    assert not world.plans[-1].actions


@pytest.mark.parametrize("remote_hashes", [False, True])
def test_a_file_moved_on_the_server_away_from_a_name_clashing_here_is_downloaded_once(
    remote_hashes: bool,
) -> None:
    """Found by this checker once it ran the shipped engine (the old simulator skipped
    ``etags.distrust_ambiguous_etags``).  Synced: ``a`` and ``é`` (NFC).  Here ``a`` is
    renamed ``é`` in NFD: a clash, both names frozen and reported, and the journal keeps
    ``é``.  On the server ``é`` is moved to ``b`` (its ETag moves with it).  ``b`` is
    downloaded and recorded with that ETag; at the next pass the ETag has *left* the
    recorded path ``é`` (kept only because it is frozen) and shows at ``b``: ambiguous,
    so ``b`` is downloaded again, at every pass (with server content hashes: recorded
    again, at every pass).  The same happened when the clash is on the server (a folder
    made there in the other spelling beside the one the file left).  Now the rows of
    frozen names are left out of the ETag check (``reconcile``): ``b`` once, then in
    sync."""
    world = synced({"a": b"0", NFC_E: b"0"}, remote_hashes=remote_hashes)
    world.local_move("a", NFD_E)
    world.remote_move(NFC_E, "b")
    world.sync(max_rounds=8)
    assert world.tree("remote") == {"b": b"0"}


@pytest.mark.parametrize("remote_hashes", [False, True])
def test_a_file_moved_on_the_server_out_of_a_folder_clashing_there_is_downloaded_once(
    remote_hashes: bool,
) -> None:
    """The same bug with the clash on the server (found by this checker, 4,000 examples):
    ``é/a`` moved to ``a`` there, and a folder ``é`` made beside ``é`` in the other
    spelling: the journal keeps ``é/a``, frozen, with the ETag now shown at ``a``."""
    world = synced({NFD_E: None, f"{NFD_E}/a": b"0"}, remote_hashes=remote_hashes)
    world.remote_move(f"{NFD_E}/a", "a")
    world.remote_write(f"{NFC_E}/b", b"1")
    world.sync(max_rounds=8)
    assert world.tree("local")["a"] == b"0"


def test_a_folder_replaced_by_a_file_on_the_server_while_a_clashing_name_is_added_here() -> None:
    """Found by this checker (3,000 examples).  The folder ``d`` here holds a name frozen
    by a Unicode clash (``é`` in NFC and NFD); on the server ``d`` became a file.  The
    planner trashed the folder here to download the file, which the executor refused
    (something inside is unknown), at every pass.  Now, as for any new item inside a
    folder replaced on the other side, both are kept: the folder here becomes a conflict
    copy (its clash still reported), the server's file takes the name, and the pass ends."""
    world = synced({"d": None, f"d/{NFC_E}": b"1"})
    world.local_write(f"d/{NFD_E}", b"2")
    world.remote_delete("d")
    world.remote_write("d", b"F")
    world.sync(max_rounds=8)
    assert b"2" in world.all_contents()
    assert world.tree("local")["d"] == world.tree("remote")["d"] == b"F"
    assert len(world.conflicts) == 1


def test_a_folder_replaced_by_a_file_here_while_a_clashing_name_is_added_on_the_server() -> None:
    """The mirror case: the server's folder holds a new name in the other spelling, and
    the file made here in place of the folder became a conflict copy (DELETE_REMOTE of
    the folder was refused at every pass)."""
    world = synced({"d": None, f"d/{NFC_E}": b"1"})
    world.remote_write(f"d/{NFD_E}", b"2")
    world.local_delete("d")
    world.local_write("d", b"F")
    world.sync(max_rounds=8)
    assert b"2" in world.all_contents()
    assert world.tree("local")["d"] is world.tree("remote")["d"] is None
    assert len(world.conflicts) == 1 and b"F" in world.tree("remote").values()


@pytest.mark.parametrize("stable_ids", [False, True])
def test_a_file_moved_on_both_sides_into_a_folder_of_its_own_name_respelled_converges(
    stable_ids: bool,
) -> None:
    """Seen in this checker's runs ('cannot relocate é into itself', noted in 7aec000: a
    name spelled NFC at the start, NFD in a server move's target); this is the smallest
    such case.  Synced: the file ``é`` (NFC).  Here it is renamed ``a``; on the server it is
    moved into a new folder ``é`` spelled NFD, as ``é/a``.  Both sides moved it, to
    different places: the server's choice wins and the file here follows it.  Its journal
    row had to go from ``é`` to ``é/a``, a key under its own (keys are NFC): the journal
    refused ('cannot relocate é into itself') and the pass crashed.  Now the row steps
    aside to a temporary key first (a journal-only RECORD), then follows the move: ``a``
    is moved here into ``é`` (made NFD, as on the server), nothing is transferred, and the
    journal knows both spellings."""
    world = synced({NFC_E: b"0"}, stable_ids=stable_ids)
    world.local_move(NFC_E, "a")
    world.remote_move(NFC_E, f"{NFD_E}/a")
    world.sync(max_rounds=8)
    world.assert_converged()
    assert world.tree("local") == {NFD_E: None, f"{NFD_E}/a": b"0"}
    assert not world.local_trash and not world.conflicts
    moved = world.journal[f"{NFC_E}/a"]
    assert (moved.local_path, moved.remote_path) == (f"{NFD_E}/a", f"{NFD_E}/a")
    sent = {ActionKind.UPLOAD, ActionKind.DOWNLOAD}
    assert not [a for plan in world.plans for a in plan.actions if a.kind in sent]


def test_a_file_moved_on_both_sides_into_its_own_name_respelled_with_the_sqlite_journal(
    tmp_path: Path,
) -> None:
    """The case above with the shipped journal (``SqliteJournal``, a real SQLite file) in
    place of its twin: it refused the relocation the same way."""
    world = synced({NFC_E: b"0"})
    store = SqliteJournal(tmp_path / "journal.db")
    store.put_many(world.store.items.values())
    world.store = store  # type: ignore[assignment]
    world.local_move(NFC_E, "a")
    world.remote_move(NFC_E, f"{NFD_E}/a")
    world.sync(max_rounds=8)
    assert world.tree("local") == world.tree("remote") == {NFD_E: None, f"{NFD_E}/a": b"0"}
    moved = store.get(f"{NFC_E}/a")
    assert moved is not None
    assert (moved.local_path, moved.remote_path) == (f"{NFD_E}/a", f"{NFD_E}/a")
    assert store.get(f"{NFC_E}.cozysync-swap") is None
    store.close()


@pytest.mark.parametrize("stable_ids", [False, True])
@pytest.mark.parametrize(
    ("start", "old", "new", "deleted"),
    [
        ({NFC_E: b"0"}, NFC_E, f"{NFD_E}/a", None),  # into a folder of its own name
        ({NFC_E: None, f"{NFC_E}/a": b"0"}, f"{NFC_E}/a", NFD_E, NFC_E),  # out onto it
    ],
    ids=["into", "out-of"],
)
def test_a_file_moved_the_same_way_on_both_sides_across_its_own_name_respelled_is_recorded(
    start: dict[str, bytes | None], old: str, new: str, deleted: str | None, stable_ids: bool
) -> None:
    """The same journal refusal when both sides made the same move: ``é`` into a new
    ``é/a`` (``é`` NFD), or ``é/a`` out to ``é`` in NFD once the folder ``é`` (NFC) is
    deleted.  Only the journal has to follow (RECORD), and its row went into itself.
    Now it steps aside first: one pass, nothing transferred, the new spelling recorded."""
    world = synced(start, stable_ids=stable_ids)
    for side in ("local", "remote"):
        getattr(world, f"{side}_move")(old, new)
        if deleted is not None:
            getattr(world, f"{side}_delete")(deleted)
    tree = world.tree("local")
    assert world.sync(max_rounds=8) == 1
    world.assert_converged()
    assert world.tree("local") == world.tree("remote") == tree
    moved = world.journal[unicodedata.normalize("NFC", new)]
    assert (moved.local_path, moved.remote_path) == (new, new)
    assert {a.kind for plan in world.plans for a in plan.actions} == {ActionKind.RECORD}


@pytest.mark.parametrize("stable_ids", [False, True])
def test_a_folder_kept_here_is_made_in_its_parent_respelled_on_the_server(stable_ids: bool) -> None:
    """Found by this checker (15,000 examples).  Synced: the file ``é/b/a`` (``é`` NFC).
    Here it is replaced by a folder; on the server it is moved to ``b``, ``é`` is deleted
    and made again in NFD.  The folders here hold something new, so they are kept and made
    again on the server (modify beats delete), but at the journal's recorded path ``é/b``
    (NFC): the server's ``é`` is NFD now, so 409 at the first pass; without ids ``b``, whose
    ETag the journal still kept at ``é/b/a``, was downloaded again at every pass, and the
    passes never ended (with ids: four rounds).  Now a path on a side is its parent's
    spelling there plus the item's recorded name: ``é/b`` goes in the server's ``é``."""
    world = synced({NFC_E: None, f"{NFC_E}/b": None, f"{NFC_E}/b/a": b"0"}, stable_ids=stable_ids)
    world.local_delete(f"{NFC_E}/b/a")
    world.local_mkdir(f"{NFC_E}/b/a")
    world.remote_move(f"{NFC_E}/b/a", "b")
    world.remote_delete(NFC_E)
    world.remote_mkdir(NFD_E)
    assert world.sync(max_rounds=8) <= 2
    assert world.tree("remote") == {
        "b": b"0",
        NFD_E: None,
        f"{NFD_E}/b": None,
        f"{NFD_E}/b/a": None,
    }
    assert world.tree("local") == {"b": b"0", NFC_E: None, f"{NFC_E}/b": None, f"{NFC_E}/b/a": None}
