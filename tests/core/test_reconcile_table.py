"""The reconciler's cases, one named row each: (synced tree, what each side did) →
(the plan's first moves, the converged tree, what went to a trash or a conflict copy).

Each row runs the shipped engine and executor (``SyncEngine``, ``Executor``) to
convergence on the in-memory ports (tests/core/world.py, tests/memory_ports/): the
checks before overwrite and deletion are the executor's own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from cozysync.models import Action, ActionKind, Plan
from cozysync.paths import is_same_or_under, path_key
from tests.core.world import World, synced

NFC = unicodedata.normalize("NFC", "é.txt")
NFD = unicodedata.normalize("NFD", "é.txt")
NFC_DIR, NFD_DIR = (unicodedata.normalize(form, "é") for form in ("NFC", "NFD"))
COPY = "laptop 2026-11-28 120000"  # the world's device name and the fake clock's time
OLD_COPY = "a (conflict phone 2025-01-01 080000).txt"


@dataclass
class Case:
    name: str
    start: dict[str, bytes | None]
    act: Callable[[World], None]
    end: dict[str, bytes | None] | None  # both sides, converged (None: not converged by design)
    first_plan: set[ActionKind] | None = None  # exactly these action kinds in the first plan
    local_trash: set[str] = field(default_factory=set)
    remote_trash: set[str] = field(default_factory=set)
    conflicts: int = 0
    reports: int = 0
    options: dict[str, object] = field(default_factory=dict)


K = ActionKind
BASE: dict[str, bytes | None] = {
    "a.txt": b"A",
    "d": None,
    "d/x.txt": b"X",
    "d/e": None,
    "d/e/y": b"Y",
}


def both(
    extra: dict[str, bytes | None] | None = None, drop: tuple[str, ...] = ()
) -> dict[str, bytes | None]:
    tree = {k: v for k, v in BASE.items() if not any(k == d or k.startswith(d + "/") for d in drop)}
    tree.update(extra or {})
    return tree


CASES = [
    # -- create, update, delete on either side ------------------------------------------
    Case(
        "local creates a file",
        BASE,
        lambda w: w.local_write("n.txt", b"N"),
        both({"n.txt": b"N"}),
        {K.UPLOAD},
    ),
    Case(
        "remote creates a file",
        BASE,
        lambda w: w.remote_write("n.txt", b"N"),
        both({"n.txt": b"N"}),
        {K.DOWNLOAD},
    ),
    Case(
        "local creates a folder tree",
        BASE,
        lambda w: w.local_write("n/m/f", b"F"),
        both({"n": None, "n/m": None, "n/m/f": b"F"}),
        {K.MKDIR_REMOTE, K.UPLOAD},
    ),
    Case(
        "remote creates a folder tree",
        BASE,
        lambda w: w.remote_write("n/m/f", b"F"),
        both({"n": None, "n/m": None, "n/m/f": b"F"}),
        {K.MKDIR_LOCAL, K.DOWNLOAD},
    ),
    Case(
        "local edits a file",
        BASE,
        lambda w: w.local_write("a.txt", b"A2"),
        both({"a.txt": b"A2"}),
        {K.UPLOAD},
    ),
    Case(
        "remote edits a file",
        BASE,
        lambda w: w.remote_write("a.txt", b"A2"),
        both({"a.txt": b"A2"}),
        {K.DOWNLOAD},
    ),
    Case(
        "local deletes a file",
        BASE,
        lambda w: w.local_delete("a.txt"),
        both(drop=("a.txt",)),
        {K.DELETE_REMOTE},
        remote_trash={"a.txt"},
    ),
    Case(
        "remote deletes a file",
        BASE,
        lambda w: w.remote_delete("a.txt"),
        both(drop=("a.txt",)),
        {K.TRASH_LOCAL},
        local_trash={"a.txt"},
    ),
    Case(
        "local deletes a folder",
        BASE,
        lambda w: w.local_delete("d"),
        both(drop=("d",)),
        {K.DELETE_REMOTE},
        remote_trash={"d/x.txt", "d/e/y"},
    ),
    Case(
        "remote deletes a folder",
        BASE,
        lambda w: w.remote_delete("d"),
        both(drop=("d",)),
        {K.TRASH_LOCAL},
        local_trash={"d/x.txt", "d/e/y"},
    ),
    Case(
        "touched locally, same bytes",
        BASE,
        lambda w: w.local_write("a.txt", b"A"),
        BASE,
        {K.RECORD},
    ),
    # -- moves and renames ------------------------------------------------------------------
    Case(
        "local renames a file",
        BASE,
        lambda w: w.local_move("a.txt", "b.txt"),
        both({"b.txt": b"A"}, drop=("a.txt",)),
        {K.MOVE_REMOTE},
    ),
    Case(
        "remote renames a file",
        BASE,
        lambda w: w.remote_move("a.txt", "b.txt"),
        both({"b.txt": b"A"}, drop=("a.txt",)),
        {K.MOVE_LOCAL},
    ),
    Case(
        "local moves a folder",
        BASE,
        lambda w: w.local_move("d", "m/d2"),
        {
            "a.txt": b"A",
            "m": None,
            "m/d2": None,
            "m/d2/x.txt": b"X",
            "m/d2/e": None,
            "m/d2/e/y": b"Y",
        },
        {K.MKDIR_REMOTE, K.MOVE_REMOTE},
    ),
    Case(
        "remote moves a folder",
        BASE,
        lambda w: w.remote_move("d", "m/d2"),
        {
            "a.txt": b"A",
            "m": None,
            "m/d2": None,
            "m/d2/x.txt": b"X",
            "m/d2/e": None,
            "m/d2/e/y": b"Y",
        },
        {K.MKDIR_LOCAL, K.MOVE_LOCAL},
    ),
    Case(
        "local chain of moves",
        {"a": b"1", "b": b"2"},
        lambda w: (w.local_move("b", "c"), w.local_move("a", "b")),
        {"b": b"1", "c": b"2"},
        {K.MOVE_REMOTE},
    ),
    Case(
        "remote chain of moves",
        {"a": b"1", "b": b"22"},
        lambda w: (w.remote_move("b", "c"), w.remote_move("a", "b")),
        {"b": b"1", "c": b"22"},
        {K.MOVE_LOCAL},
    ),
    Case(
        "remote swap",
        {"a": b"1", "b": b"22"},
        lambda w: (w.remote_move("a", "t"), w.remote_move("b", "a"), w.remote_move("t", "b")),
        {"a": b"22", "b": b"1"},
        {K.MOVE_LOCAL},
    ),
    Case(
        "local folder moved into a new folder of its own name: it steps aside on the server",
        {"f": None, "f/a": b"1"},
        lambda w: (w.local_move("f", "t"), w.local_mkdir("f"), w.local_move("t", "f/f")),
        {"f": None, "f/f": None, "f/f/a": b"1"},
        {K.MOVE_REMOTE, K.MKDIR_REMOTE},
    ),
    Case(
        "remote folder moved into a new folder of its own name",
        {"f": None, "f/a": b"1"},
        lambda w: (w.remote_move("f", "t"), w.remote_mkdir("f"), w.remote_move("t", "f/f")),
        {"f": None, "f/f": None, "f/f/a": b"1"},
    ),
    Case(
        "folder deleted here while the server rewrote a file inside with the same bytes",
        {"b": None, "b/a": b"1"},
        lambda w: (w.local_delete("b"), w.remote_write("b/a", b"1")),  # a new ETag
        {},
        {K.DELETE_REMOTE},
        remote_trash={"b/a"},
        options={"remote_hashes": True},  # the same content hash: unchanged, deleted
    ),
    Case(
        "local folder replaced by a file: the file is created, not written over",
        BASE,
        lambda w: (w.local_delete("d"), w.local_write("d", b"F")),
        {"a.txt": b"A", "d": b"F"},
        {K.DELETE_REMOTE, K.UPLOAD},
        remote_trash={"d/x.txt", "d/e/y"},
    ),
    Case(
        "local swap",
        {"a": b"1", "b": b"2"},
        lambda w: (w.local_move("a", "t"), w.local_move("b", "a"), w.local_move("t", "b")),
        {"a": b"2", "b": b"1"},
        {K.MOVE_REMOTE},
    ),
    Case(
        "local moves a folder and renames inside",
        BASE,
        lambda w: (w.local_move("d", "d2"), w.local_move("d2/x.txt", "d2/z.txt")),
        {"a.txt": b"A", "d2": None, "d2/z.txt": b"X", "d2/e": None, "d2/e/y": b"Y"},
        {K.MOVE_REMOTE},
    ),
    Case(
        "local move onto an existing file",
        BASE,
        lambda w: (w.local_delete("d/x.txt"), w.local_move("a.txt", "d/x.txt")),
        {"d": None, "d/x.txt": b"A", "d/e": None, "d/e/y": b"Y"},
        None,
        remote_trash={"a.txt"},
    ),
    Case(
        "case-only rename",
        BASE,
        lambda w: w.local_move("a.txt", "A.txt"),
        both({"A.txt": b"A"}, drop=("a.txt",)),
        {K.MOVE_REMOTE},
    ),
    # -- both sides changed -----------------------------------------------------------------
    Case(
        "both edit, different bytes: keep both",
        BASE,
        lambda w: (w.local_write("a.txt", b"mine"), w.remote_write("a.txt", b"theirs")),
        both({"a.txt": b"theirs", f"a (conflict {COPY}).txt": b"mine"}),
        {K.COMPARE_CONTENT},
        conflicts=1,
    ),
    Case(
        "both edit, same bytes: no conflict",
        BASE,
        lambda w: (w.local_write("a.txt", b"same"), w.remote_write("a.txt", b"same")),
        both({"a.txt": b"same"}),
        {K.COMPARE_CONTENT},
    ),
    Case(
        "both edit with server hashes, same bytes: nothing downloaded",
        BASE,
        lambda w: (w.local_write("a.txt", b"same"), w.remote_write("a.txt", b"same")),
        both({"a.txt": b"same"}),
        {K.RECORD},
        options={"remote_hashes": True},
    ),
    Case(
        "both create, different bytes",
        {},
        lambda w: (w.local_write("n", b"1"), w.remote_write("n", b"2")),
        {"n": b"2", f"n (conflict {COPY})": b"1"},
        {K.COMPARE_CONTENT},
        conflicts=1,
    ),
    Case(
        "both create, same bytes",
        {},
        lambda w: (w.local_write("n", b"1"), w.remote_write("n", b"1")),
        {"n": b"1"},
        {K.COMPARE_CONTENT},
    ),
    Case(
        "conflict on a conflict copy does not stack",
        {OLD_COPY: b"0"},
        lambda w: (w.local_write(OLD_COPY, b"1"), w.remote_write(OLD_COPY, b"2")),
        {OLD_COPY: b"2", f"a (conflict {COPY}).txt": b"1"},
        {K.COMPARE_CONTENT},
        conflicts=1,
    ),
    Case(
        "local edit, remote delete: edit wins",
        BASE,
        lambda w: (w.local_write("a.txt", b"A2"), w.remote_delete("a.txt")),
        both({"a.txt": b"A2"}),
        {K.UPLOAD},
    ),
    Case(
        "remote edit, local delete: edit wins",
        BASE,
        lambda w: (w.remote_write("a.txt", b"A2"), w.local_delete("a.txt")),
        both({"a.txt": b"A2"}),
        {K.DOWNLOAD},
    ),
    Case(
        "deleted on both sides",
        BASE,
        lambda w: (w.local_delete("a.txt"), w.remote_delete("a.txt")),
        both(drop=("a.txt",)),
        {K.FORGET},
    ),
    Case(
        "folder deleted locally, file added inside remotely",
        BASE,
        lambda w: (w.local_delete("d"), w.remote_write("d/e/new", b"N")),
        {"a.txt": b"A", "d": None, "d/e": None, "d/e/new": b"N"},
        None,
        remote_trash={"d/x.txt", "d/e/y"},
    ),
    Case(
        "folder deleted remotely, file edited inside locally",
        BASE,
        lambda w: (w.remote_delete("d"), w.local_write("d/x.txt", b"X2")),
        {"a.txt": b"A", "d": None, "d/x.txt": b"X2"},
        None,
        local_trash={"d/e/y"},
    ),
    Case(
        "folder replaced by a file locally",
        BASE,
        lambda w: (w.local_delete("d"), w.local_write("d", b"F")),
        {"a.txt": b"A", "d": b"F"},
        None,
        remote_trash={"d/x.txt", "d/e/y"},
    ),
    Case(
        "file replaced by a folder remotely",
        BASE,
        lambda w: (w.remote_delete("a.txt"), w.remote_write("a.txt/in", b"I")),
        {"a.txt": None, "a.txt/in": b"I", **{k: v for k, v in BASE.items() if k != "a.txt"}},
        None,
        local_trash={"a.txt"},
    ),
    Case(
        "file vs folder created on both sides: keep both",
        {},
        lambda w: (w.local_write("n", b"1"), w.remote_write("n/f", b"2")),
        {"n": None, "n/f": b"2", f"n (conflict {COPY})": b"1"},
        {K.KEEP_BOTH},
        conflicts=1,
    ),
    Case(
        "folder replaced remotely while edited inside locally: keep both",
        BASE,
        lambda w: (
            w.remote_delete("d"),
            w.remote_write("d", b"F"),
            w.local_write("d/x.txt", b"X2"),
        ),
        {
            "a.txt": b"A",
            "d": b"F",
            f"d (conflict {COPY})": None,
            f"d (conflict {COPY})/x.txt": b"X2",
            f"d (conflict {COPY})/e": None,
            f"d (conflict {COPY})/e/y": b"Y",
        },
        None,
        conflicts=1,
    ),
    # -- moves meeting other changes -------------------------------------------------------
    Case(
        "local move, remote edit: the edit follows",
        BASE,
        lambda w: (w.local_move("a.txt", "d/b.txt"), w.remote_write("a.txt", b"A2")),
        both({"d/b.txt": b"A2"}, drop=("a.txt",)),
        {K.MOVE_REMOTE, K.DOWNLOAD},
    ),
    Case(
        "remote move, local edit: the edit follows",
        BASE,
        lambda w: (w.remote_move("a.txt", "d/b.txt"), w.local_write("a.txt", b"A2")),
        both({"d/b.txt": b"A2"}, drop=("a.txt",)),
        {K.MOVE_LOCAL, K.UPLOAD},
    ),
    Case(
        "moved to different places: the server's wins",
        BASE,
        lambda w: (w.local_move("a.txt", "l.txt"), w.remote_move("a.txt", "r.txt")),
        both({"r.txt": b"A"}, drop=("a.txt",)),
        {K.MOVE_LOCAL},
    ),
    Case(
        "moved to the same place on both sides",
        BASE,
        lambda w: (w.local_move("a.txt", "s.txt"), w.remote_move("a.txt", "s.txt")),
        both({"s.txt": b"A"}, drop=("a.txt",)),
        {K.RECORD},
    ),
    Case(
        "move into a folder deleted on the other side",
        BASE,
        lambda w: (w.local_move("a.txt", "d/e/a.txt"), w.remote_delete("d")),
        {"d": None, "d/e": None, "d/e/a.txt": b"A"},
        None,
        local_trash={"d/x.txt", "d/e/y"},
    ),
    Case(
        "remote move of a folder with an edit inside, local edit elsewhere in it",
        BASE,
        lambda w: (w.remote_move("d", "D"), w.local_write("d/e/y", b"Y2")),
        {"a.txt": b"A", "D": None, "D/x.txt": b"X", "D/e": None, "D/e/y": b"Y2"},
        {K.MOVE_LOCAL, K.UPLOAD},
    ),
    # -- names ------------------------------------------------------------------------------
    Case(
        "normalisation-only rename is a no-op",
        {NFC: b"E"},
        lambda w: w.local_move(NFC, NFD),
        None,
        {K.RECORD},
    ),
    Case(
        "two names differing only in normalisation: both reported",
        {},
        lambda w: (w.local_write(NFC, b"1"), w.local_write(NFD, b"2")),
        None,
        set(),
        reports=1,
    ),
    Case(
        "two names differing only in case on a case-insensitive disk",
        {},
        lambda w: (w.remote_write("Doc.txt", b"1"), w.remote_write("doc.txt", b"2")),
        None,
        set(),
        reports=2,
        options={"local_case_insensitive": True},
    ),
    Case(
        "name the server cannot store stays local",
        BASE,
        lambda w: w.local_write("a\\b.txt", b"Q"),
        None,
        set(),
        reports=1,
    ),
    Case(
        "name this computer cannot store stays remote",
        BASE,
        lambda w: w.remote_write("bad\x01.txt", b"Q"),
        None,
        set(),
        reports=1,
    ),
    Case(
        "rename to a name the server cannot store keeps the server copy",
        BASE,
        lambda w: w.local_move("a.txt", "a\\b.txt"),
        None,
        set(),
        reports=1,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("ids", ["etags", "stable-ids"])
def test_reconciler_case(case: Case, ids: str) -> None:
    world = synced(case.start, stable_ids=(ids == "stable-ids"), **case.options)
    before = world.all_contents()
    case.act(world)
    edits = world.all_contents() - before
    first = world.plan()
    if case.first_plan is not None:
        assert {a.kind for a in first.actions} == case.first_plan
    assert len(first.reports) == case.reports
    world.plans.clear()
    world.sync()
    assert not _moves_into_itself([first, *world.plans])
    if case.end is not None:
        world.assert_converged()
        assert world.tree("local") == case.end
    assert {p for p, _ in world.local_trash} == case.local_trash
    assert {p for p, _ in world.remote_trash} == case.remote_trash
    assert len(world.conflicts) == case.conflicts
    # Nothing any side held is lost: at a path, in a conflict copy or in a trash.
    assert (before | edits) <= world.all_contents() | _overwritten_by_edits(case, world)


def _moves_into_itself(plans: list[Plan]) -> list[Action]:
    """The moves of an item into itself (by path key), which a server refuses."""
    return [
        a
        for plan in plans
        for a in plan.actions
        if a.kind in (K.MOVE_LOCAL, K.MOVE_REMOTE)
        and a.source_path is not None
        and is_same_or_under(
            path_key(a.local_path if a.kind is K.MOVE_LOCAL else a.remote_path),
            path_key(a.source_path),
        )
    ]


def _overwritten_by_edits(case: Case, world: World) -> set[bytes]:
    """Contents a user's own edit replaced (the old bytes of an edited file)."""
    del world
    return set(BASE.values()) - {None} | set(case.start.values()) - {None}  # type: ignore[operator]


def test_rename_sends_one_move_and_no_upload() -> None:
    world = synced(BASE)
    world.local_move("d", "renamed")
    plan = world.plan()
    assert [a.kind for a in plan.actions] == [K.MOVE_REMOTE]
    assert plan.actions[0].source_path == "d" and plan.actions[0].remote_path == "renamed"


def test_conflict_copy_is_uploaded_and_not_a_new_conflict() -> None:
    world = synced(BASE)
    world.local_write("a.txt", b"mine")
    world.remote_write("a.txt", b"theirs")
    world.sync()
    world.assert_converged()
    assert world.tree("remote")[f"a (conflict {COPY}).txt"] == b"mine"
    world.plans.clear()
    assert world.plan().is_empty
    assert len(world.conflicts) == 1


def test_normalisation_only_rename_sends_nothing_to_the_server() -> None:
    world = synced({NFC: b"E"})
    world.local_move(NFC, NFD)
    world.sync()
    assert NFC in world.remote and NFD in world.local
    assert all(a.kind is K.RECORD for p in world.plans for a in p.actions)
    assert world.plan().is_empty


def _replaced_here_under_the_other_spelling(world: World, content: bytes) -> None:
    """Hypothesis's example: ``NFC`` replaced here by another file (new inode, new mtime)
    with the same bytes, named ``NFD``."""
    world.local_write("a", content)
    world.local_delete(NFC)
    world.local_move("a", NFD)


def _normalised(tree: dict[str, bytes | None]) -> dict[str, bytes | None]:
    return {unicodedata.normalize("NFC", p): c for p, c in tree.items()}


def test_a_file_replaced_here_by_the_same_bytes_under_another_spelling_follows_a_deletion() -> None:
    """Found by the property test.  The server deleted ``é.txt``; here it was replaced by
    another file with the same bytes, spelled in NFD.  The planner rightly reads it as
    unchanged (same bytes) and trashes it; the old simulator refused the trash because
    it looked the journal up by the exact local spelling (the executor checks the file
    against the planned stat), and the plan came back every round."""
    world = synced({NFC: b"E"})
    _replaced_here_under_the_other_spelling(world, b"E")
    world.remote_delete(NFC)
    world.sync(max_rounds=3)
    assert world.tree("local") == world.tree("remote") == {}
    assert world.local_trash == [(NFD, b"E")]
    assert world.journal == {}


def test_a_file_replaced_here_by_the_same_bytes_under_another_spelling_yields_to_a_folder() -> None:
    """Found by the property test.  As above, while the server replaced ``é.txt`` by a
    folder holding a new file: the local file goes to the trash, the folder is made here
    (in the local spelling) and the new file downloaded into it.  The refused trash used
    to leave the file in place, so the folder was not made and the download had no
    parent."""
    world = synced({NFC: b"E"})
    _replaced_here_under_the_other_spelling(world, b"E")
    world.remote_write(f"{NFC}/a", b"A")
    world.sync(max_rounds=3)
    assert world.tree("local") == {NFD: None, f"{NFD}/a": b"A"}
    assert _normalised(world.tree("remote")) == _normalised(world.tree("local"))
    assert world.local_trash == [(NFD, b"E")]


def test_a_file_respelled_there_with_the_same_bytes_follows_a_deletion_here() -> None:
    """The mirror case on a server that gives content hashes: deleted here, replaced on
    the server by another file with the same bytes spelled in NFD; the server's copy goes
    to its trash."""
    world = synced({NFC: b"E"}, remote_hashes=True)
    world.remote_write("a", b"E")
    world.remote_delete(NFC)
    world.remote_move("a", NFD)
    world.local_delete(NFC)
    world.sync(max_rounds=3)
    assert world.tree("local") == world.tree("remote") == {}
    assert world.remote_trash == [(NFD, b"E")]


@pytest.mark.parametrize("respelled_on", ["local", "remote"])
def test_a_folder_respelled_on_one_side_follows_its_deletion_on_the_other(
    respelled_on: str,
) -> None:
    """Found by the property test (400 examples).  A folder renamed on one side only in
    its Unicode form, deleted on the other: the deletion was refused at every pass (by
    the executor too) because the files inside were looked up by the spelling the
    journal recorded; they are matched on keys now."""
    nfc, nfd = (unicodedata.normalize(form, "é") for form in ("NFC", "NFD"))
    world = synced({nfc: None, f"{nfc}/a": b"A"})
    other = "remote" if respelled_on == "local" else "local"
    getattr(world, f"{respelled_on}_move")(nfc, nfd)
    getattr(world, f"{other}_delete")(nfc)
    world.sync(max_rounds=3)
    assert world.tree("local") == world.tree("remote") == {}
    trash = world.local_trash if respelled_on == "local" else world.remote_trash
    assert trash == [(f"{nfd}/a", b"A")]


# -- what the old simulator did not do (issue 14): the executor's own steps ----------------


@pytest.mark.parametrize("history", [False, True])
def test_an_old_server_version_here_is_replaced_not_kept_as_a_conflict(history: bool) -> None:
    """Both sides changed ``a.txt``, but this computer holds a version the server had
    before (``VersionHistory``, a Cozy): the server's newer one replaces it, no conflict
    copy.  A server without history cannot tell: both are kept."""
    world = synced({"a.txt": b"A"}, version_history=history)
    world.remote_write("a.txt", b"A2")
    world.remote_write("a.txt", b"A3")
    world.local_write("a.txt", b"A2")
    world.sync()
    world.assert_converged()
    if history:
        assert world.tree("local") == {"a.txt": b"A3"} and world.conflicts == []
    else:
        assert world.tree("local") == {"a.txt": b"A3", f"a (conflict {COPY}).txt": b"A2"}
        assert len(world.conflicts) == 1


def test_a_server_folder_gone_before_its_mkdir_here_is_not_made() -> None:
    """The listing showed a new server folder; it is deleted before the executor makes it
    here: the executor asks the server again (a folder has no ETag to pin) and skips it;
    the next pass finds nothing to do."""
    world = synced(BASE)
    world.remote_mkdir("n")
    plan = world.plan()
    assert {a.kind for a in plan.actions} == {K.MKDIR_LOCAL}
    world.remote_delete("n")
    report = world.run(plan)
    assert (report.done, report.failed, report.errors) == (0, 1, [])
    assert "n" not in world.local
    assert world.plan().is_empty


def test_rows_below_a_folder_respelled_here_keep_each_sides_spelling() -> None:
    """A folder renamed here only in its Unicode form: the journal's rows below it take
    the new local spelling and keep the server's, so that an edit made on the server is
    downloaded under the local spelling (the journal relocates by path components)."""
    world = synced({NFC_DIR: None, f"{NFC_DIR}/a": b"A", f"{NFC_DIR}/b": b"B"})
    world.local_move(NFC_DIR, NFD_DIR)
    world.remote_write(f"{NFC_DIR}/a", b"A2")
    world.sync()
    assert world.tree("local") == {NFD_DIR: None, f"{NFD_DIR}/a": b"A2", f"{NFD_DIR}/b": b"B"}
    assert set(world.tree("remote")) == {NFC_DIR, f"{NFC_DIR}/a", f"{NFC_DIR}/b"}
    below = world.journal[f"{NFC_DIR}/a"]
    assert (below.local_path, below.remote_path) == (f"{NFD_DIR}/a", f"{NFC_DIR}/a")
    assert world.plan().is_empty


def test_a_folder_moved_into_its_own_name_respelled_is_not_moved_into_itself() -> None:
    """Found by running the old simulator and the shipped engine side by side on the
    property test's examples: the simulator carried out the move into itself.  The
    planner moved the server's ``é`` into ``é/é`` (the new parent's key is the source's:
    the new folder here is ``é`` in NFD); the server refused, and the file the server
    moved out meanwhile ended up twice.  Now the folder steps aside on the server
    (``é.cozysync-swap``), ``é`` is made there, and the folder moves in; the file moved
    out on the server wins (the server's choice), its old place here goes to the trash."""
    world = synced({NFC_DIR: None, f"{NFC_DIR}/a": b"A"}, stable_ids=True)
    world.local_move(NFC_DIR, f"{NFD_DIR}/{NFC_DIR}")
    world.remote_move(f"{NFC_DIR}/a", f"d/{NFC_DIR}/D")
    world.sync()
    assert not _moves_into_itself(world.plans)
    assert list(world.tree("local").values()).count(b"A") == 1
