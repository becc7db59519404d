"""Backup and download-only modes end to end through the CLI (its ``main`` run in this
process: tests/engine/inprocess_cli.py) against real WsgiDAV and Apache servers, with
``restore`` bringing a backup back.

The helpers here (trees, snapshots, the server's write requests) are shared by the
``test_pairs_*`` modules.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer

WRITE_METHODS = {"PUT", "MKCOL", "MOVE", "COPY", "DELETE", "PROPPATCH", "LOCK"}
PROBE_MARK = ".cozysync-probe-"  # the hidden folder the client probes the server with


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return in_process(make_cli(tmp_path))  # see tests/engine/inprocess_cli.py


# --- helpers shared with the test_pairs_* modules -----------------------------------------


def link(cli: Cli, local: Path, server: DavServer, *, name: str, mode: str = "two-way",
         url: str | None = None) -> None:  # fmt: skip
    result = cli(
        "link", str(local), url or server.url, "--user", server.user, "--password-stdin",
        "--name", name, "--mode", mode, stdin=f"{server.password}\n",
    )  # fmt: skip
    assert result.code == 0, result.err


def files(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` with its bytes (the folder marker left out)."""
    found = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if rel != ".cozysync":
                found[rel] = path.read_bytes()
    return found


def folders(root: Path) -> set[str]:
    return {
        (Path(folder) / name).relative_to(root).as_posix()
        for folder, dirs, _names in os.walk(root)
        for name in dirs
    }


def snapshot(root: Path) -> dict[str, Any]:
    """Names, bytes, inodes and mtimes: equal snapshots mean nothing was touched."""
    shot: dict[str, Any] = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder) / name
            st = path.lstat()
            data = path.read_bytes() if path.is_file() else None
            shot[path.relative_to(root).as_posix()] = (data, st.st_ino, st.st_mtime_ns)
    return shot


def server_writes(server: DavServer) -> list[tuple[str, str]]:
    """The write requests WsgiDAV saw, leaving out the client's capability probe."""
    assert server.faults is not None
    return [(m, p) for m, p in server.faults.seen if m in WRITE_METHODS and PROBE_MARK not in p]


def uploads(server: DavServer) -> list[str]:
    """Paths WsgiDAV received a PUT for (uploads go to a hidden temp, then a MOVE)."""
    assert server.faults is not None
    return [p for m, p in server.faults.seen if m == "PUT" and PROBE_MARK not in p]


def make_tree(root: Path) -> None:
    (root / "Cours" / "Mathématiques").mkdir(parents=True)
    (root / "Cours" / "Mathématiques" / "exercices.txt").write_text("x² = 2\n", encoding="utf-8")
    (root / "Cours" / "plan.txt").write_text("1. Algèbre\n", encoding="utf-8")
    (root / "élève.txt").write_text("Bonjour, ça va ?\n", encoding="utf-8")
    (root / "image.bin").write_bytes(bytes(range(256)) * 40)


def status(cli: Cli, name: str = "docs") -> dict[str, Any]:
    [found] = cli.json("status", "--name", name)
    return dict(found)


# --- backup ---------------------------------------------------------------------------------


def backed_up(tmp_path: Path, cli: Cli, server: DavServer) -> Path:
    local = tmp_path / "Documents"
    local.mkdir()
    make_tree(local)
    link(cli, local, server, name="docs", mode="backup")
    result = cli.sync()
    assert result.code == 0, result.err
    assert files(server.root) == files(local)
    return local


def test_backup_never_touches_local_files_and_keeps_server_copies_after_deletions(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local = backed_up(tmp_path, cli, dav_server)
    before = files(local)
    (local / "élève.txt").unlink()
    for rel in ("Cours/Mathématiques/exercices.txt", "Cours/plan.txt"):
        (local / rel).unlink()
    (local / "Cours" / "Mathématiques").rmdir()
    (local / "Cours").rmdir()
    (local / "image.bin").write_bytes(b"edited here\n")
    (local / "nouveau.txt").write_text("nouveau ici\n", encoding="utf-8")
    dav_server.write("du serveur.txt", b"made on the server\n")  # never comes down
    mine = snapshot(local)

    result = cli.sync()
    assert result.code == 0, result.err
    assert snapshot(local) == mine  # nothing local was deleted, changed or added
    on_server = files(dav_server.root)
    for rel in ("élève.txt", "Cours/plan.txt", "Cours/Mathématiques/exercices.txt"):
        assert on_server[rel] == before[rel]  # the backup survives the deletion here
    assert on_server["image.bin"] == b"edited here\n"
    assert on_server["nouveau.txt"] == b"nouveau ici\n"
    assert on_server["du serveur.txt"] == b"made on the server\n"
    kept = status(cli)
    assert kept["state"] == "up to date"
    assert kept["mode"] == "backup"
    # files only: élève.txt, Cours/plan.txt, Cours/Mathématiques/exercices.txt (kept
    # after their deletion here) and du serveur.txt (only ever on the server)
    assert kept["kept_on_server"] == 4
    assert "4 files on the server only (kept after a deletion here" in cli("status").out

    again = cli.sync()  # a second pass changes nothing and still counts them
    assert again.code == 0, again.err
    assert snapshot(local) == mine
    assert files(dav_server.root) == on_server
    assert status(cli)["kept_on_server"] == 4


def test_backup_edit_on_both_sides_keeps_both_on_the_server(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local = backed_up(tmp_path, cli, dav_server)
    (local / "élève.txt").write_text("version de cet ordinateur\n", encoding="utf-8")
    dav_server.write("élève.txt", b"version du serveur, plus longue\n")
    mine = snapshot(local)
    result = cli.sync()
    assert result.code in (0, 1), result.err
    assert snapshot(local) == mine
    on_server = files(dav_server.root)
    assert on_server["élève.txt"] == b"version de cet ordinateur\n"
    copies = [rel for rel in on_server if rel.startswith("élève (conflict cloud ")]
    assert len(copies) == 1
    assert on_server[copies[0]] == b"version du serveur, plus longue\n"


def test_backup_never_deletes_on_the_server_even_a_whole_folder(
    tmp_path: Path, cli: Cli, wsgidav_server
):
    local = backed_up(tmp_path, cli, wsgidav_server)
    for rel in sorted(files(local), reverse=True):
        (local / rel).unlink()
    for rel in sorted(folders(local), reverse=True):
        (local / rel).rmdir()
    (local / "reste.txt").write_text("keeps the folder from looking unmounted\n")
    wsgidav_server.faults.clear()  # type: ignore[union-attr]
    result = cli.sync()
    assert result.code == 0, result.err
    assert not [w for w in server_writes(wsgidav_server) if w[0] in ("DELETE", "MOVE") and
                ".cozysync-" not in w[1]]  # fmt: skip
    assert set(files(wsgidav_server.root)) >= {"élève.txt", "image.bin", "Cours/plan.txt"}


def created_with_inode(gone: Path, name: str, data: bytes) -> Path:
    """Delete ``gone`` and create a new file ``name`` beside it that holds ``gone``'s inode
    number, as ext4 and tmpfs give a freed number to the next new file. Made so on purpose
    (a hard link kept while ``gone`` is deleted, then new contents written in place): waiting
    for the file system to reuse the number fails when other processes create files
    meanwhile (tests running in parallel), and the test was skipped then."""
    new = gone.parent / name
    os.link(gone, new)
    gone.unlink()
    with open(new, "r+b") as f:  # same inode, new bytes, new size and time
        f.truncate(0)
        f.write(data)
    return new


def test_backup_a_new_file_given_a_deleted_files_inode_is_not_a_move(
    tmp_path: Path, cli: Cli, wsgidav_server
):
    local = backed_up(tmp_path, cli, wsgidav_server)
    gone = local / "élève.txt"
    inode = gone.stat().st_ino
    reste = created_with_inode(gone, "reste.txt", b"a new file, not the deleted one\n")
    assert reste.stat().st_ino == inode and not gone.exists()
    wsgidav_server.faults.clear()  # type: ignore[union-attr]
    result = cli.sync()
    assert result.code == 0, result.err
    assert not [w for w in server_writes(wsgidav_server) if w[0] in ("DELETE", "MOVE") and
                ".cozysync-" not in w[1]]  # fmt: skip
    on_server = files(wsgidav_server.root)
    assert on_server["élève.txt"] == "Bonjour, ça va ?\n".encode()
    assert on_server["reste.txt"] == b"a new file, not the deleted one\n"


# --- restore ----------------------------------------------------------------------------------


def test_restore_brings_back_exact_bytes_and_leaves_the_original_untouched(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local = backed_up(tmp_path, cli, dav_server)
    original = files(local)
    (local / "élève.txt").unlink()
    (local / "Cours" / "plan.txt").unlink()
    assert cli.sync().code == 0
    mine = snapshot(local)

    everything = tmp_path / "restored"
    result = cli("restore", "docs", str(everything))
    assert result.code == 0, result.err
    assert files(everything) == original  # the deleted files come back, exact bytes
    assert "Cours/Mathématiques" in folders(everything)
    assert snapshot(local) == mine

    one = tmp_path / "one file"
    assert cli("restore", "docs", "Cours/plan.txt", str(one)).code == 0
    assert files(one) == {"plan.txt": original["Cours/plan.txt"]}

    folder = tmp_path / "one folder"
    assert cli("restore", "docs", "Cours", str(folder)).code == 0
    assert files(folder) == {
        rel: data for rel, data in original.items() if rel.startswith("Cours/")
    }
    assert snapshot(local) == mine


def test_restore_never_overwrites_and_refuses_the_synced_folder(
    tmp_path: Path, cli: Cli, wsgidav_server
):
    local = backed_up(tmp_path, cli, wsgidav_server)
    mine = snapshot(local)
    for dest in (local, local / "inside", tmp_path):  # in, inside, around the synced folder
        refused = cli("restore", "docs", str(dest))
        assert refused.code == 1
        assert "overlaps the synced folder" in refused.err
    assert snapshot(local) == mine
    assert not (local / "inside").exists()

    dest = tmp_path / "restored"
    dest.mkdir()
    (dest / "élève.txt").write_text("someone else's file\n", encoding="utf-8")
    result = cli("restore", "docs", str(dest))
    assert result.code == 1
    assert "not overwritten" in result.err and "élève.txt" in result.err
    assert (dest / "élève.txt").read_text(encoding="utf-8") == "someone else's file\n"
    assert (dest / "image.bin").read_bytes() == (local / "image.bin").read_bytes()
    (dest / "élève.txt").write_bytes((local / "élève.txt").read_bytes())
    again = cli("restore", "docs", str(dest))  # everything there already, same bytes
    assert again.code == 0, again.err
    assert "already there" in again.out
    assert not [p for p in dest.rglob("*") if p.name.startswith(".cozysync-")]  # no temp left

    missing = cli("restore", "docs", "nothing.txt", str(tmp_path / "x"))
    assert missing.code == 1
    assert "no 'nothing.txt' on the server" in missing.err


# --- download-only ----------------------------------------------------------------------------


def test_download_only_never_writes_to_the_server(tmp_path: Path, cli: Cli, dav_server):
    make_tree(dav_server.root)
    if dav_server.kind == "apache":  # files written as root must belong to www-data
        for rel in files(dav_server.root):
            dav_server.write(rel, (dav_server.root / rel).read_bytes())
    local = tmp_path / "Classe"
    theirs = snapshot(dav_server.root)
    if dav_server.faults is not None:
        dav_server.faults.clear()  # from the link on: not one write, not even a probe
    link(cli, local, dav_server, name="docs", mode="download-only")
    first = cli.sync()
    assert first.code == 0, first.err
    assert files(local) == files(dav_server.root)

    (local / "élève.txt").write_text("edited here\n", encoding="utf-8")  # edit
    (local / "mine.txt").write_text("created here\n", encoding="utf-8")  # creation
    (local / "Cours" / "plan.txt").unlink()  # deletion
    (local / "Cours" / "Mathématiques" / "exercices.txt").rename(local / "moved.txt")  # move
    (local / "Nouveau dossier").mkdir()  # a new folder
    for _ in range(2):
        result = cli.sync()
        assert result.code == 0, result.err
    assert snapshot(dav_server.root) == theirs  # byte-identical, not even touched
    if dav_server.faults is not None:
        assert [(m, p) for m, p in dav_server.faults.seen if m in WRITE_METHODS] == []
    assert (local / "élève.txt").read_text(encoding="utf-8") == "edited here\n"
    assert (local / "mine.txt").exists() and not (local / "Cours" / "plan.txt").exists()
    assert status(cli)["pending_changes"] == 0  # nothing waits to go up

    dav_server.write("Cours/nouveau cours.txt", b"published by the teacher\n")
    dav_server.write("image.bin", b"new image\n")
    result = cli.sync()
    assert result.code == 0, result.err
    assert (local / "Cours" / "nouveau cours.txt").read_bytes() == b"published by the teacher\n"
    assert (local / "image.bin").read_bytes() == b"new image\n"
    assert (local / "élève.txt").read_text(encoding="utf-8") == "edited here\n"
