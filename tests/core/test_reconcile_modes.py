"""The modes as named rows: backup (this computer → server, nothing on the server is
lost) and download-only (server → this computer, nothing written to the server).

Each row: a synced tree, what each side did, then the trees both sides must hold once the
plans ran out (the sides need not be equal: that is the point of a mode), and a second
plan that must be empty (the state is stable)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from cozysync.models import SyncMode
from tests.core.world import World, synced

BASE: dict[str, bytes | None] = {"a.txt": b"A", "d": None, "d/x.txt": b"X"}
SERVER_COPY = "a (conflict cloud 2026-11-28 120000).txt"
LOCAL_COPY = "a (conflict laptop 2026-11-28 120000).txt"


def tree(
    extra: dict[str, bytes | None] | None = None, drop: tuple[str, ...] = ()
) -> dict[str, bytes | None]:
    out = {k: v for k, v in BASE.items() if not any(k == d or k.startswith(d + "/") for d in drop)}
    out.update(extra or {})
    return out


@dataclass
class ModeCase:
    name: str
    mode: SyncMode
    act: Callable[[World], None]
    local: dict[str, bytes | None]
    remote: dict[str, bytes | None]
    kept_on_server: int | None = None


B, D = SyncMode.BACKUP, SyncMode.DOWNLOAD_ONLY
CASES = [
    ModeCase(
        "backup: a new file goes up",
        B,
        lambda w: w.local_write("n", b"N"),
        tree({"n": b"N"}),
        tree({"n": b"N"}),
    ),
    ModeCase(
        "backup: an edit goes up",
        B,
        lambda w: w.local_write("a.txt", b"A2"),
        tree({"a.txt": b"A2"}),
        tree({"a.txt": b"A2"}),
    ),
    ModeCase(
        "backup: a deletion here keeps the server copy",
        B,
        lambda w: w.local_delete("a.txt"),
        tree(drop=("a.txt",)),
        tree(),
        kept_on_server=1,
    ),
    ModeCase(
        "backup: a folder deleted here stays on the server",
        B,
        lambda w: w.local_delete("d"),
        tree(drop=("d",)),
        tree(),
        kept_on_server=1,  # d/x.txt: files only,
    ),
    ModeCase(
        "backup: nothing comes down",
        B,
        lambda w: w.remote_write("n", b"N"),
        tree(),
        tree({"n": b"N"}),
        kept_on_server=1,
    ),
    ModeCase(
        "backup: a server edit does not come down",
        B,
        lambda w: w.remote_write("a.txt", b"S"),
        tree(),
        tree({"a.txt": b"S"}),
    ),
    ModeCase(
        "backup: deleted on the server, sent again",
        B,
        lambda w: w.remote_delete("d"),
        tree(),
        tree(),
    ),
    ModeCase(
        "backup: edited on both sides keeps both on the server",
        B,
        lambda w: (w.local_write("a.txt", b"mine"), w.remote_write("a.txt", b"theirs")),
        tree({"a.txt": b"mine"}),
        tree({"a.txt": b"mine", SERVER_COPY: b"theirs"}),
    ),
    ModeCase(
        "backup: a server edit, then an edit here, keeps both on the server",
        B,
        lambda w: (w.remote_write("a.txt", b"theirs"), w.sync(), w.local_write("a.txt", b"mine")),
        tree({"a.txt": b"mine"}),
        tree({"a.txt": b"mine", SERVER_COPY: b"theirs"}),
    ),
    ModeCase(
        "backup: a rename here is a move on the server",
        B,
        lambda w: w.local_move("a.txt", "b.txt"),
        tree({"b.txt": b"A"}, drop=("a.txt",)),
        tree({"b.txt": b"A"}, drop=("a.txt",)),
    ),
    ModeCase(
        "backup: a rename on the server changes nothing here",
        B,
        lambda w: w.remote_move("a.txt", "s.txt"),
        tree(),
        tree({"s.txt": b"A"}),
    ),
    ModeCase(
        "download-only: a new server file comes down",
        D,
        lambda w: w.remote_write("n", b"N"),
        tree({"n": b"N"}),
        tree({"n": b"N"}),
    ),
    ModeCase(
        "download-only: a new file here stays here",
        D,
        lambda w: w.local_write("n", b"N"),
        tree({"n": b"N"}),
        tree(),
    ),
    ModeCase(
        "download-only: an edit here stays here",
        D,
        lambda w: w.local_write("a.txt", b"mine"),
        tree({"a.txt": b"mine"}),
        tree(),
    ),
    ModeCase(
        "download-only: a deletion here does not reach the server",
        D,
        lambda w: w.local_delete("d"),
        tree(drop=("d",)),
        tree(),
    ),
    ModeCase(
        "download-only: a server deletion comes down",
        D,
        lambda w: w.remote_delete("a.txt"),
        tree(drop=("a.txt",)),
        tree(drop=("a.txt",)),
    ),
    ModeCase(
        "download-only: server deletion of a file edited here keeps it here",
        D,
        lambda w: (w.local_write("a.txt", b"mine"), w.remote_delete("a.txt")),
        tree({"a.txt": b"mine"}),
        tree(drop=("a.txt",)),
    ),
    ModeCase(
        "download-only: edited on both sides keeps both here",
        D,
        lambda w: (w.local_write("a.txt", b"mine"), w.remote_write("a.txt", b"theirs")),
        tree({"a.txt": b"theirs", LOCAL_COPY: b"mine"}),
        tree({"a.txt": b"theirs"}),
    ),
    ModeCase(
        "download-only: an edit here, then a server edit, keeps both here",
        D,
        lambda w: (w.local_write("a.txt", b"mine"), w.sync(), w.remote_write("a.txt", b"theirs")),
        tree({"a.txt": b"theirs", LOCAL_COPY: b"mine"}),
        tree({"a.txt": b"theirs"}),
    ),
    ModeCase(
        "download-only: a rename here does not reach the server",
        D,
        lambda w: w.local_move("a.txt", "b.txt"),
        tree({"b.txt": b"A"}, drop=("a.txt",)),
        tree(),
    ),
    ModeCase(
        "download-only: a rename on the server is a move here",
        D,
        lambda w: w.remote_move("d", "e"),
        {"a.txt": b"A", "e": None, "e/x.txt": b"X"},
        {"a.txt": b"A", "e": None, "e/x.txt": b"X"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_mode_case(case: ModeCase) -> None:
    world = synced(BASE, mode=case.mode)
    case.act(world)
    world.sync()
    assert world.tree("local") == case.local
    assert world.tree("remote") == case.remote
    plan = world.plan()
    assert plan.is_empty
    if case.kept_on_server is not None:
        assert plan.kept_on_server == case.kept_on_server
    if case.mode is SyncMode.DOWNLOAD_ONLY:  # nothing is ever written to the server
        writes = {"upload", "mkdir-remote", "move-remote", "delete-remote"}
        assert not [a for p in world.plans for a in p.actions if a.kind.value in writes]
    if case.mode is SyncMode.BACKUP:  # nothing is ever deleted or changed here
        changes_here = {"download", "mkdir-local", "move-local", "trash-local", "keep-both"}
        assert not [a for p in world.plans for a in p.actions if a.kind.value in changes_here]
