"""The reconciler's cases (tests/core/test_reconcile_table.py), end to end: the user acts
on the real file system or through the server's own API, then
``cozysync sync --once`` runs against three servers: a real WsgiDAV, a real
Apache httpd (mod_dav_fs), and the strict Cozy Stack double (``tests/cozy_server.py``,
one per module, reset to a fresh instance for each case); the outcome is read back from
both sides.

Each row checks: the exit code (0 in sync; 1 while a conflict or a name to change
waits for the user), the exact converged tree on both sides (the server's served folder
read on disk, or the Cozy's live tree; only our marker ``.cozysync`` is left out),
conflict copies named ``<stem> (conflict <device> <YYYY-MM-DD HHMMSS>)<ext>`` and listed
by ``cozysync conflicts --json``, what went to the OS trash (``XDG_DATA_HOME`` of the CLI
runs), that moves were sent as moves (the moved item keeps its inode, or its Cozy id, on
the other side; the requests the server received: a MOVE or a PATCH, no upload of
content), and that a second ``sync --once`` right after changes nothing.

On a Cozy, the user's actions go through the stack's files API (a deletion is a move to
the Cozy trash, §4 of the brief), and each case also checks that whatever the sync took
off the Cozy is in the Cozy trash with its bytes, never deleted for real.  What genuinely
differs on a Cozy is written per case in ``Case.cozy`` (e.g. MD5s in the feed spare a
download; the names it cannot store are not WebDAV's).

A WebDAV folder is linked and first synced in this process through ``SyncService`` (the
facade the CLI calls) to keep the file fast; a Cozy is linked as a user does it
(``cozysync link --cozy``, the test's browser approving the login); every sync of a case
runs the CLI.  The commands run in this process (``tests/engine/inprocess_cli.py``: the
CLI's own ``main``, its output and exit code; no new interpreter per command, which cost
four fifths of the file's time); the CLI as a process is tested by ``test_cli*.py``.
"""

from __future__ import annotations

import json
import os
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from cozysync.api import SyncService
from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import CozyWorld
from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, make_cli
from tests.engine.worlds import (
    CONFLICT_RE,
    DavClient,
    Requests,
    Side,
    Tree,
    World,
    canonical,
    logged_apache,
)
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import APACHE_BIN, ApacheServer, DavServer

NFC = unicodedata.normalize("NFC", "é.txt")
NFD = unicodedata.normalize("NFD", "é.txt")
OLD_COPY = "a (conflict phone 2025-01-01 080000).txt"  # made by another device
TRASH = ".cozy_trash"  # reserved at a Cozy's root (cozy-protocol §5)

BASE: Tree = {
    "a.txt": b"A",
    "d": None,
    "d/x.txt": b"X",
    "d/e": None,
    "d/e/y": b"Y",
}
FOLDER_D: Tree = {k: v for k, v in BASE.items() if k.startswith("d")}


def both(extra: Tree | None = None, drop: tuple[str, ...] = (), start: Tree = BASE) -> Tree:
    tree = {
        k: v for k, v in start.items() if not any(k == d or k.startswith(d + "/") for d in drop)
    }
    tree.update(extra or {})
    return tree


@dataclass
class Case:
    name: str
    act: Callable[[World], object]
    end: Tree  # this computer's tree after the sync (conflict copies as "<stem> (conflict)")
    start: Tree = field(default_factory=lambda: dict(BASE))
    code: int = 0  # `sync --once` exit code, first and second run
    conflicts: tuple[str, ...] = ()  # paths that kept the name (the server's version)
    trash: Tree = field(default_factory=dict)  # <XDG_DATA_HOME>/Trash/files afterwards
    trashed_from: frozenset[str] = frozenset()  # local paths of what went to the trash
    local_only: frozenset[str] = frozenset()  # names that stay on this computer only
    remote_only: Tree = field(default_factory=dict)  # items that stay on the server only
    reported: tuple[str, ...] = ()  # text the sync output must show (names to change)
    # (side, path after the user's action, path after the sync): same inode on that
    # side, so the item was moved there, not deleted and transferred again
    same_inode: tuple[tuple[Side, str, str], ...] = ()
    # what the server received during the sync (its own record of the requests)
    transfers: tuple[int, int] | None = None  # exactly (PUTs of content, GETs)
    moved: tuple[str, ...] = ()  # sources of MOVEs the server must receive
    bug: str = ""  # a known product bug: the case is expected to fail (strict)
    # what genuinely differs on a Cozy (fields replaced for the Cozy run), each with why
    cozy: dict[str, Any] = field(default_factory=dict)


def _moves(*pairs: tuple[str, str]) -> Callable[[World], None]:
    def act(w: World) -> None:
        for src, dst in pairs:
            if src.startswith("local:"):
                w.local_move(src[6:], dst)
            else:
                w.remote_move(src[7:], dst)

    return act


def _steps(*steps: Callable[[World], object]) -> Callable[[World], None]:
    def act(w: World) -> None:
        for step in steps:
            step(w)

    return act


MOVED_D: Tree = {
    "a.txt": b"A",
    "m": None,
    "m/d2": None,
    "m/d2/x.txt": b"X",
    "m/d2/e": None,
    "m/d2/e/y": b"Y",
}
D_INODES_LOCAL = (
    ("local", "d", "m/d2"),
    ("local", "d/x.txt", "m/d2/x.txt"),
    ("local", "d/e/y", "m/d2/e/y"),
)
D_INODES_REMOTE = tuple(("remote", old, new) for _, old, new in D_INODES_LOCAL)
CHAIN: Tree = {"a": b"1", "b": b"22"}

CASES = [
    # -- create, update, delete on either side ---------------------------------------
    Case(
        "local creates a file",
        lambda w: w.local_write("n.txt", b"N"),
        both({"n.txt": b"N"}),
        transfers=(1, 0),
    ),
    Case(
        "remote creates a file",
        lambda w: w.remote_write("n.txt", b"N"),
        both({"n.txt": b"N"}),
        transfers=(0, 1),
    ),
    Case(
        "local creates a folder tree",
        _steps(lambda w: w.local_write("n/m/f", b"F"), lambda w: w.local_mkdir("n/empty")),
        both({"n": None, "n/m": None, "n/m/f": b"F", "n/empty": None}),
        transfers=(1, 0),
    ),
    Case(
        "remote creates a folder tree",
        _steps(lambda w: w.remote_write("n/m/f", b"F"), lambda w: w.remote_mkdir("n/empty")),
        both({"n": None, "n/m": None, "n/m/f": b"F", "n/empty": None}),
        transfers=(0, 1),
    ),
    Case(
        "local edits a file",
        lambda w: w.local_write("a.txt", b"A22"),
        both({"a.txt": b"A22"}),
        transfers=(1, 0),
    ),
    Case(
        "remote edits a file",
        lambda w: w.remote_write("a.txt", b"A22"),
        both({"a.txt": b"A22"}),
        transfers=(0, 1),
    ),
    Case(
        "local deletes a file",
        lambda w: w.local_delete("a.txt"),
        both(drop=("a.txt",)),
        transfers=(0, 0),
    ),
    Case(
        "remote deletes a file",
        lambda w: w.remote_delete("a.txt"),
        both(drop=("a.txt",)),
        trash={"a.txt": b"A"},
        transfers=(0, 0),
    ),
    Case(
        "local deletes a folder", lambda w: w.local_delete("d"), both(drop=("d",)), transfers=(0, 0)
    ),
    Case(
        "remote deletes a folder",
        lambda w: w.remote_delete("d"),
        both(drop=("d",)),
        trash=FOLDER_D,
        transfers=(0, 0),
    ),
    Case(
        "touched locally, same bytes",
        lambda w: w.local_write("a.txt", b"A"),
        BASE,
        transfers=(0, 0),
    ),
    # -- moves and renames -------------------------------------------------------------
    Case(
        "local renames a file",
        _moves(("local:a.txt", "b.txt")),
        both({"b.txt": b"A"}, drop=("a.txt",)),
        same_inode=(("remote", "a.txt", "b.txt"),),
        transfers=(0, 0),
        moved=("a.txt",),
    ),
    Case(
        "remote renames a file",
        _moves(("remote:a.txt", "b.txt")),
        both({"b.txt": b"A"}, drop=("a.txt",)),
        same_inode=(("local", "a.txt", "b.txt"),),
        transfers=(0, 0),
    ),
    Case(
        "local moves a folder",
        _moves(("local:d", "m/d2")),
        MOVED_D,
        same_inode=D_INODES_REMOTE,
        transfers=(0, 0),
        moved=("d",),
    ),
    Case(
        "remote moves a folder",
        _moves(("remote:d", "m/d2")),
        MOVED_D,
        same_inode=D_INODES_LOCAL,
        transfers=(0, 0),
    ),
    Case(
        "local chain of moves",
        _moves(("local:b", "c"), ("local:a", "b")),
        {"b": b"1", "c": b"22"},
        start=CHAIN,
        same_inode=(("remote", "a", "b"), ("remote", "b", "c")),
        transfers=(0, 0),
        moved=("a", "b"),
    ),
    Case(
        "remote chain of moves",
        _moves(("remote:b", "c"), ("remote:a", "b")),
        {"b": b"1", "c": b"22"},
        start=CHAIN,
        same_inode=(("local", "a", "b"), ("local", "b", "c")),
        transfers=(0, 0),
    ),
    Case(
        "local swap",
        _moves(("local:a", "t"), ("local:b", "a"), ("local:t", "b")),
        {"a": b"22", "b": b"1"},
        start=CHAIN,
        same_inode=(("remote", "a", "b"), ("remote", "b", "a")),
        transfers=(0, 0),
        moved=("a", "b"),
    ),
    Case(
        "local moves a folder and renames inside",
        _moves(("local:d", "d2"), ("local:d2/x.txt", "d2/z.txt")),
        {"a.txt": b"A", "d2": None, "d2/z.txt": b"X", "d2/e": None, "d2/e/y": b"Y"},
        same_inode=(("remote", "d", "d2"), ("remote", "d/x.txt", "d2/z.txt")),
        transfers=(0, 0),
        moved=("d", "d2/x.txt"),
    ),
    Case(
        "local case-only rename",
        _moves(("local:a.txt", "A.txt")),
        both({"A.txt": b"A"}, drop=("a.txt",)),
        same_inode=(("remote", "a.txt", "A.txt"),),
        transfers=(0, 0),
        moved=("a.txt",),
    ),
    Case(
        "remote case-only rename",
        _moves(("remote:a.txt", "A.txt")),
        both({"A.txt": b"A"}, drop=("a.txt",)),
        same_inode=(("local", "a.txt", "A.txt"),),
        transfers=(0, 0),
    ),
    # -- both sides changed ------------------------------------------------------------
    Case(
        "both edit, different bytes: keep both",
        _steps(
            lambda w: w.local_write("a.txt", b"mine"), lambda w: w.remote_write("a.txt", b"theirs")
        ),
        both({"a.txt": b"theirs", "a (conflict).txt": b"mine"}),
        code=1,
        conflicts=("a.txt",),
        transfers=(1, 1),  # the conflict copy, like any new file
    ),
    Case(
        "both edit, same bytes: no conflict",
        _steps(
            lambda w: w.local_write("a.txt", b"same"), lambda w: w.remote_write("a.txt", b"same")
        ),
        both({"a.txt": b"same"}),
        transfers=(0, 1),
        # a Cozy gives each file's MD5 (§2): same bytes are recognised without a download
        cozy={"transfers": (0, 0)},
    ),
    Case(
        "both create, different bytes: keep both",
        _steps(lambda w: w.local_write("n", b"1"), lambda w: w.remote_write("n", b"22")),
        both({"n": b"22", "n (conflict)": b"1"}),
        code=1,
        conflicts=("n",),
        transfers=(1, 1),
    ),
    Case(
        "a conflict on a conflict copy does not stack",
        _steps(lambda w: w.local_write(OLD_COPY, b"1"), lambda w: w.remote_write(OLD_COPY, b"22")),
        {OLD_COPY: b"22", "a (conflict).txt": b"1"},
        start={OLD_COPY: b"0"},
        code=1,
        conflicts=(OLD_COPY,),
        transfers=(1, 1),
    ),
    Case(
        "file vs folder created on both sides: keep both",
        _steps(lambda w: w.local_write("n", b"1"), lambda w: w.remote_write("n/f", b"22")),
        both({"n": None, "n/f": b"22", "n (conflict)": b"1"}),
        code=1,
        conflicts=("n",),
        transfers=(1, 1),
    ),
    Case(
        "folder replaced remotely while edited inside locally: keep both",
        _steps(
            lambda w: w.remote_delete("d"),
            lambda w: w.remote_write("d", b"F"),
            lambda w: w.local_write("d/x.txt", b"X22"),
        ),
        {
            "a.txt": b"A",
            "d": b"F",
            "d (conflict)": None,
            "d (conflict)/x.txt": b"X22",
            "d (conflict)/e": None,
            "d (conflict)/e/y": b"Y",
        },
        code=1,
        conflicts=("d",),
    ),
    Case(
        "local edit, remote delete: the edit wins",
        _steps(lambda w: w.local_write("a.txt", b"A22"), lambda w: w.remote_delete("a.txt")),
        both({"a.txt": b"A22"}),
        transfers=(1, 0),
    ),
    Case(
        "remote edit, local delete: the edit wins",
        _steps(lambda w: w.remote_write("a.txt", b"A22"), lambda w: w.local_delete("a.txt")),
        both({"a.txt": b"A22"}),
        transfers=(0, 1),
    ),
    Case(
        "deleted on both sides",
        _steps(lambda w: w.local_delete("a.txt"), lambda w: w.remote_delete("a.txt")),
        both(drop=("a.txt",)),
        transfers=(0, 0),
    ),
    Case(
        "folder deleted locally, file added and changed inside remotely",
        _steps(
            lambda w: w.local_delete("d"),
            lambda w: w.remote_write("d/e/new", b"N"),
            lambda w: w.remote_write("d/x.txt", b"X22"),
        ),
        {"a.txt": b"A", "d": None, "d/x.txt": b"X22", "d/e": None, "d/e/new": b"N"},
        transfers=(0, 2),
    ),
    Case(
        "folder deleted remotely, file added and changed inside locally",
        _steps(
            lambda w: w.remote_delete("d"),
            lambda w: w.local_write("d/e/new", b"N"),
            lambda w: w.local_write("d/x.txt", b"X22"),
        ),
        {"a.txt": b"A", "d": None, "d/x.txt": b"X22", "d/e": None, "d/e/new": b"N"},
        trash={"y": b"Y"},
        trashed_from=frozenset({"d/e/y"}),
        transfers=(2, 0),
    ),
    Case(
        "folder replaced by a file locally",
        _steps(lambda w: w.local_delete("d"), lambda w: w.local_write("d", b"F")),
        {"a.txt": b"A", "d": b"F"},
        transfers=(1, 0),
    ),
    Case(
        "folder replaced by a file remotely",
        _steps(lambda w: w.remote_delete("d"), lambda w: w.remote_write("d", b"F")),
        {"a.txt": b"A", "d": b"F"},
        trash=FOLDER_D,
        transfers=(0, 1),
    ),
    Case(
        "file replaced by a folder locally",
        _steps(lambda w: w.local_delete("a.txt"), lambda w: w.local_write("a.txt/in", b"I")),
        both({"a.txt": None, "a.txt/in": b"I"}),
        transfers=(1, 0),
    ),
    Case(
        "file replaced by a folder remotely",
        _steps(lambda w: w.remote_delete("a.txt"), lambda w: w.remote_write("a.txt/in", b"I")),
        both({"a.txt": None, "a.txt/in": b"I"}),
        trash={"a.txt": b"A"},
        transfers=(0, 1),
    ),
    # -- moves meeting other changes -------------------------------------------------------
    Case(
        "local move, remote edit: the edit follows",
        _steps(
            lambda w: w.local_move("a.txt", "d/b.txt"), lambda w: w.remote_write("a.txt", b"A22")
        ),
        both({"d/b.txt": b"A22"}, drop=("a.txt",)),
        same_inode=(("remote", "a.txt", "d/b.txt"),),
        transfers=(0, 1),
        moved=("a.txt",),
    ),
    Case(
        "remote move, local edit: the edit follows",
        _steps(
            lambda w: w.remote_move("a.txt", "d/b.txt"), lambda w: w.local_write("a.txt", b"A22")
        ),
        both({"d/b.txt": b"A22"}, drop=("a.txt",)),
        same_inode=(("local", "a.txt", "d/b.txt"),),
        transfers=(1, 0),
    ),
    Case(
        "moved to different places: the server's wins",
        _moves(("local:a.txt", "l.txt"), ("remote:a.txt", "r.txt")),
        both({"r.txt": b"A"}, drop=("a.txt",)),
        same_inode=(("local", "l.txt", "r.txt"), ("remote", "r.txt", "r.txt")),
        transfers=(0, 0),
    ),
    Case(
        "moved to the same place on both sides",
        _moves(("local:a.txt", "s.txt"), ("remote:a.txt", "s.txt")),
        both({"s.txt": b"A"}, drop=("a.txt",)),
        same_inode=(("local", "s.txt", "s.txt"), ("remote", "s.txt", "s.txt")),
        transfers=(0, 0),
    ),
    Case(
        "local move into a folder deleted remotely",
        _steps(lambda w: w.local_move("a.txt", "d/e/a.txt"), lambda w: w.remote_delete("d")),
        {"d": None, "d/e": None, "d/e/a.txt": b"A"},
        trash={"x.txt": b"X", "y": b"Y"},
        trashed_from=frozenset({"d/x.txt", "d/e/y"}),
    ),
    Case(
        "remote move into a folder deleted locally",
        _steps(lambda w: w.remote_move("a.txt", "d/e/a.txt"), lambda w: w.local_delete("d")),
        {"d": None, "d/e": None, "d/e/a.txt": b"A"},
        same_inode=(("remote", "d/e/a.txt", "d/e/a.txt"),),
        transfers=(0, 0),
    ),
    Case(
        "remote move of a folder, local edit inside it",
        _steps(lambda w: w.remote_move("d", "D"), lambda w: w.local_write("d/e/y", b"Y22")),
        {"a.txt": b"A", "D": None, "D/x.txt": b"X", "D/e": None, "D/e/y": b"Y22"},
        same_inode=(("local", "d/e/y", "D/e/y"), ("remote", "D/x.txt", "D/x.txt")),
        transfers=(1, 0),
    ),
    # -- names ---------------------------------------------------------------------------------
    Case(
        "two names differing only in case, created on the server",
        _steps(
            lambda w: w.remote_write("Doc.txt", b"1"), lambda w: w.remote_write("doc.txt", b"22")
        ),
        both({"Doc.txt": b"1", "doc.txt": b"22"}),
        transfers=(0, 2),
    ),
    Case(
        "two names differing only in case, created locally",
        _steps(lambda w: w.local_write("Doc.txt", b"1"), lambda w: w.local_write("doc.txt", b"22")),
        both({"Doc.txt": b"1", "doc.txt": b"22"}),
        transfers=(2, 0),
    ),
    Case(
        "two names differing only in normalisation, created on the server",
        _steps(lambda w: w.remote_write(NFC, b"1"), lambda w: w.remote_write(NFD, b"22")),
        BASE,
        code=1,
        remote_only={NFC: b"1", NFD: b"22"},
        reported=("differ only in their Unicode form",),
        transfers=(0, 0),
    ),
    Case(
        "two names differing only in normalisation, created locally",
        _steps(lambda w: w.local_write(NFC, b"1"), lambda w: w.local_write(NFD, b"22")),
        both({NFC: b"1", NFD: b"22"}),
        code=1,
        local_only=frozenset({NFC, NFD}),
        reported=("differ only in their Unicode form",),
        transfers=(0, 0),
    ),
    Case(
        "a name the server cannot store stays local",
        lambda w: w.local_write("a\\b.txt", b"Q"),
        both({"a\\b.txt": b"Q"}),
        code=1,
        local_only=frozenset({"a\\b.txt"}),
        reported=("a\\b.txt",),
        transfers=(0, 0),
        # a Cozy stores a backslash (§5: only "/", NUL, "\n", "\r" are refused); what it
        # cannot store is its reserved trash name at the root
        cozy={
            "act": _steps(
                lambda w: w.local_write("a\\b.txt", b"Q"), lambda w: w.local_write(TRASH, b"Q")
            ),
            "end": both({"a\\b.txt": b"Q", TRASH: b"Q"}),
            "local_only": frozenset({TRASH}),
            "reported": (TRASH,),
            "transfers": (1, 0),
        },
    ),
    Case(
        "a rename to a name the server cannot store keeps the server copy",
        lambda w: w.local_move("a.txt", "a\\b.txt"),
        both({"a\\b.txt": b"A"}, drop=("a.txt",)),
        code=1,
        local_only=frozenset({"a\\b.txt"}),
        remote_only={"a.txt": b"A"},
        reported=("a\\b.txt",),
        transfers=(0, 0),
        cozy={  # see above: the Cozy's own reserved name
            "act": lambda w: w.local_move("a.txt", TRASH),
            "end": both({TRASH: b"A"}, drop=("a.txt",)),
            "local_only": frozenset({TRASH}),
            "reported": (TRASH,),
        },
    ),
    Case(
        "a name this computer cannot store stays on the server",
        lambda w: w.remote_write("bad\x01.txt", b"Q"),
        BASE,
        code=1,
        remote_only={"bad\x01.txt": b"Q"},
        # the terminal shows the control character escaped, never raw
        reported=("bad\\x01.txt", "this computer does not accept"),
        transfers=(0, 0),
    ),
    # -- ignore rules ----------------------------------------------------------------------
    Case(
        "ignored local files are never uploaded",
        _steps(
            lambda w: w.local_write("~$doc.docx", b"lock"),
            lambda w: w.local_write(".~lock.x#", b"lock"),
            lambda w: w.local_write("d/x.txt.swp", b"swap"),
            lambda w: w.local_write(".cozyignore", b"*.log\n"),
            lambda w: w.local_write("d/e/build.log", b"log"),
        ),
        both(
            {
                "~$doc.docx": b"lock",
                ".~lock.x#": b"lock",
                "d/x.txt.swp": b"swap",
                ".cozyignore": b"*.log\n",
                "d/e/build.log": b"log",
            }
        ),
        local_only=frozenset(
            {"~$doc.docx", ".~lock.x#", "d/x.txt.swp", ".cozyignore", "d/e/build.log"}
        ),
        transfers=(0, 0),  # .cozyignore itself stays here too
    ),
    Case(
        "ignored files on the server are never downloaded",
        _steps(
            lambda w: w.remote_write("~$doc.docx", b"lock"),
            lambda w: w.remote_write(".~lock.x#", b"lock"),
            lambda w: w.remote_write("d/x.txt.swp", b"swap"),
        ),
        BASE,
        remote_only={"~$doc.docx": b"lock", ".~lock.x#": b"lock", "d/x.txt.swp": b"swap"},
        transfers=(0, 0),
    ),
    Case(
        "a file and a folder that become ignored stay on the server",
        lambda w: w.local_write(".cozyignore", b"a.txt\nd/\n"),
        both({".cozyignore": b"a.txt\nd/\n"}),
        local_only=frozenset({".cozyignore"}),
        transfers=(0, 0),
    ),
]


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def apache_server() -> Iterator[ApacheServer]:
    """Overrides the shared fixture: the same Apache, plus its access log (see worlds)."""
    if APACHE_BIN is None or not Path("/usr/lib/apache2/modules/mod_dav_fs.so").exists():
        message = "Apache httpd with mod_dav_fs is not installed (apt install apache2)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with logged_apache() as server:
        yield server


@pytest.fixture(scope="module")
def shared_cozy() -> Iterator[CozyStackServer]:
    """One Cozy double for the module; each case starts from a fresh instance (reset)."""
    server = CozyStackServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["wsgidav", pytest.param("apache", marks=pytest.mark.apache), "cozy"])
def world(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    real_keyring: KeyringSession,  # noqa: F811
) -> Iterator[World]:
    cli: Cli = in_process(make_cli(tmp_path))
    local, trash = tmp_path / "Documents", tmp_path / "xdg-data" / "Trash" / "files"
    if request.param == "cozy":
        stack: CozyStackServer = request.getfixturevalue("shared_cozy")
        stack.reset()
        user = CozyUser(stack)
        try:
            yield CozyWorld(
                local=local, server=None, cli=cli, dav=None, trash=trash,  # type: ignore[arg-type]
                cozy=stack, user=user,
            )  # fmt: skip
        finally:
            user.close()
        return
    dav_server: DavServer = request.getfixturevalue(f"{request.param}_server")
    dav = DavClient(dav_server)
    try:
        yield World(local=local, server=dav_server, cli=cli, dav=dav, trash=trash)
    finally:
        dav.close()


def start(world: World, tree: Tree) -> None:
    """Link the folder and sync ``tree`` once (setup, not the case): WebDAV in this
    process; a Cozy through ``cozysync link --cozy`` and the browser login."""
    world.local.mkdir()
    for path, data in sorted(tree.items()):
        if data is None:
            (world.local / path).mkdir(parents=True, exist_ok=True)
        else:
            world.local_write(path, data)
    service = SyncService(world.cli.locations)
    if isinstance(world, CozyWorld):
        world.link()
    else:
        server = world.server
        service.link(
            world.local, server.url, user=server.user, password=server.password, name="docs"
        )
    outcome = service.sync_once("docs")
    assert outcome.status == "up to date", outcome
    if isinstance(world.server, ApacheServer):
        _distinct_apache_etags(world, service)
    assert world.remote_tree() == tree == world.local_tree()


def _distinct_apache_etags(world: World, service: SyncService) -> None:
    """Apache's file ETag is the size and the mtime (µs, but a file system stamps times
    per clock tick): same-size files uploaded in one burst may share one, and then a
    file vanishing from the server makes its twins *ambiguous*, checked by a download
    (tests/engine/test_ambiguous_etags_e2e.py).  The cases count transfers exactly, so
    the start tree gets one mtime per file, recorded by a second sync."""
    files = sorted(p for p in world.server.root.rglob("*") if p.is_file())
    for i, path in enumerate(files):
        os.utime(path, (1_600_000_000 + i, 1_600_000_000 + i))
    assert service.sync_once("docs").status == "up to date"


# -- the cases ---------------------------------------------------------------------------------


def _params() -> list[object]:
    return [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c.bug) if c.bug else ())
        for c in CASES
    ]


@pytest.mark.parametrize("case", _params(), ids=[c.name for c in CASES])
def test_case(case: Case, world: World) -> None:
    if isinstance(world, CozyWorld):
        case = replace(case, **case.cozy)
    start(world, case.start)
    case.act(world)
    inodes_before = {(side, old): world.inode(side, old) for side, old, _ in case.same_inode}
    began = datetime.now().replace(microsecond=0)
    cozy_before = world.live_docs() if isinstance(world, CozyWorld) else {}

    with world.recording() as box:
        first = world.sync()
    output = first.out + first.err
    assert first.code == case.code, output

    local, remote = world.local_tree(), world.remote_tree()
    device = world.device
    local_canon, copies = canonical(local, device)
    remote_canon, remote_copies = canonical(remote, device)
    # exact trees, both sides
    assert local_canon == case.end, output
    expected_remote = {k: v for k, v in case.end.items() if k not in case.local_only}
    expected_remote.update(case.remote_only)
    assert remote_canon == expected_remote, output
    # conflicts: copies are named for this device and now, and listed
    assert sorted(copies) == sorted(remote_copies)
    _check_copy_times(copies, began)
    assert world.trash_tree() == case.trash
    assert world.trashed_from() == (case.trashed_from or {k for k in case.trash if "/" not in k})
    for side, old, new in case.same_inode:
        assert world.inode(side, new) == inodes_before[(side, old)], f"{side} {old} → {new}"
    _check_requests(case, box[0])
    if isinstance(world, CozyWorld):
        _check_cozy_trash(world, cozy_before, box[0])
    for text in case.reported:
        assert text in first.out, output
    if case.conflicts or copies:
        _check_conflicts(world, case, copies)
    if case.reported:
        _check_status_reports(world, case)

    _check_second_sync_changes_nothing(world, case, local, remote)


def _check_copy_times(copies: list[str], began: datetime) -> None:
    for path in copies:
        match = CONFLICT_RE.match(path.rpartition("/")[2])
        assert match is not None
        stamp = datetime.strptime(match["stamp"], "%Y-%m-%d %H%M%S")
        assert began.timestamp() - 1 <= stamp.timestamp() <= time.time() + 1, path


def _check_requests(case: Case, seen: Requests) -> None:
    if case.transfers is not None:
        assert (seen.uploads, seen.downloads) == case.transfers, seen.seen
    sources = {p.strip("/") for p in seen.moves}
    for source in case.moved:
        assert source in sources, seen.seen


def _check_cozy_trash(
    world: CozyWorld, before: dict[str, tuple[str, bytes | None]], seen: Requests
) -> None:
    """On a Cozy, nothing the sync removed is gone: each item it took off the live tree
    is in the Cozy trash with the bytes it had (§3: DELETE moves to the trash), and
    nothing was deleted for real."""
    assert seen.destroys == [], seen.seen  # type: ignore[attr-defined]
    live, trash = world.live_docs(), world.cozy_trash()
    for doc_id, (path, data) in before.items():
        if doc_id not in live:
            assert doc_id in trash, f"{path} is gone from the Cozy, not in its trash"
            assert trash[doc_id][1] == data, path


def _check_conflicts(world: World, case: Case, copies: list[str]) -> None:
    listed = world.cli.json("conflicts")
    assert sorted(c["path"] for c in listed) == sorted(case.conflicts)
    assert sorted(c["conflict_path"] for c in listed) == sorted(copies)
    assert all(c["folder"] == "docs" for c in listed)


def _check_status_reports(world: World, case: Case) -> None:
    [status] = world.cli.json("status")
    assert status["state"] == "needs attention"
    shown = " ".join(status["unstorable"])
    for text in case.reported:  # JSON carries names as they are (the terminal escapes them)
        assert text.replace("\\x01", "\x01") in shown, status


def _check_second_sync_changes_nothing(world: World, case: Case, local: Tree, remote: Tree) -> None:
    trash = world.trash_tree()
    with world.recording() as box:
        again = world.sync()
    assert again.code == case.code, again.out + again.err
    assert "change made" not in again.out and "changes made" not in again.out, again.out
    assert world.local_tree() == local
    assert world.remote_tree() == remote
    assert world.trash_tree() == trash
    [seen] = box
    assert (seen.uploads, seen.downloads, seen.moves, seen.deletes) == (0, 0, [], []), seen.seen


# -- a normalisation-only rename sends nothing ---------------------------------------------


@pytest.mark.parametrize("side", ["local", "remote"])
def test_normalisation_only_rename_sends_nothing(world: World, side: str) -> None:
    start(world, {NFC: b"E"})
    if side == "local":
        world.local_move(NFC, NFD)
    else:
        world.remote_move(NFC, NFD)
    server_before = _remote_stat(world, NFD if side == "remote" else NFC)
    local_before = world.stat("local", NFD if side == "local" else NFC)
    with world.recording() as box:
        first = world.sync()
    assert first.code == 0, first.out + first.err
    # each side keeps its own spelling; nothing was moved, uploaded or downloaded
    expected_local = {NFD: b"E"} if side == "local" else {NFC: b"E"}
    expected_remote = {NFC: b"E"} if side == "local" else {NFD: b"E"}
    assert world.local_tree() == expected_local
    assert world.remote_tree() == expected_remote
    for which, before in (("remote", server_before), ("local", local_before)):
        name = next(iter(expected_remote if which == "remote" else expected_local))
        after = _remote_stat(world, name) if which == "remote" else world.stat("local", name)
        assert (after.st_ino, after.st_ctime_ns, after.st_mtime_ns) == (
            before.st_ino,
            before.st_ctime_ns,
            before.st_mtime_ns,
        ), which
    [seen] = box
    assert (seen.uploads, seen.downloads, seen.moves, seen.deletes) == (0, 0, [], []), seen.seen
    assert world.trash_tree() == {}
    again = world.sync()
    assert again.code == 0 and "change made" not in again.out and "changes made" not in again.out, (
        again.out
    )


def _remote_stat(world: World, rel: str) -> Any:
    """The server item's identity and stamps: inode and ctime/mtime on a WebDAV server's
    disk; on a Cozy, its id, rev (any write makes a new one) and ``updated_at``."""
    return world.cozy_stat(rel) if isinstance(world, CozyWorld) else world.stat("remote", rel)


def test_conflicts_json_is_empty_when_in_sync(world: World) -> None:
    start(world, BASE)
    world.local_write("a.txt", b"A22")
    assert world.sync().code == 0
    assert world.cli.json("conflicts") == []
    assert json.loads(world.cli("status", "--json").out)[0]["state"] == "up to date"
