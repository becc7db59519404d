"""Deleted files, end to end through ``cozysync trash`` and ``cozysync undelete`` (issue
18, item 2), in-process CLI: the Cozy double's trash (tests/cozy_trash_double.py, the
stack's restore rules cited there), what cozysync sent to the OS trash (its records in
the state folder), WsgiDAV (no server trash: this computer's items only), offline."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from cozysync.config import FolderStore
from tests.engine.cozy_world import Linked
from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.engine.test_cli import Result, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer


def _ok(result: Result) -> Result:
    assert result.code == 0, result.out + result.err
    return result


def _listed(run: InProcessCli, *args: str) -> dict[str, object]:
    [listing] = json.loads(_ok(run("trash", *args, "--json")).out)
    return dict(listing)


def _items(listing: dict[str, object]) -> list[tuple[str, str]]:
    return [(i["path"], i["origin"]) for i in listing["items"]]  # type: ignore[attr-defined]


def _trashed_on_server_and_synced(linked: Linked, path: str, data: bytes) -> InProcessCli:
    """``path`` made on the Cozy, synced down, then deleted on the Cozy and the deletion
    synced (cozysync sends the local copy to the OS trash)."""
    run = in_process(linked.cli)
    linked.user.write(path, data)
    _ok(run.sync())
    assert (linked.local / path).read_bytes() == data
    linked.user.trash(path)
    _ok(run.sync())
    assert not (linked.local / path).exists()
    return run


def test_a_file_deleted_on_the_cozy_is_listed_and_comes_back_down(linked: Linked):
    run = _trashed_on_server_and_synced(linked, "Cours/essai.txt", b"mon essai")
    listing = _listed(run)
    assert listing["server_trash"] == "listed"
    assert sorted(_items(listing)) == [
        ("Cours/essai.txt", "server"),
        ("Cours/essai.txt", "this computer"),
    ]
    server = next(i for i in listing["items"] if i["origin"] == "server")  # type: ignore[attr-defined]
    assert server["deleted_at"] is not None and not server["is_dir"] and server["size"] == 9
    text = _ok(run("trash")).out
    assert "Cours/essai.txt  in the server's trash" in text, text
    assert "Cours/essai.txt  this computer (sent to its trash by cozysync)" in text, text

    done = _ok(run("undelete", "Cours/essai.txt"))
    assert "'Cours/essai.txt' is back on the server and in the folder." in done.out, done.out
    assert linked.cozy.tree()["Cours/essai.txt"] == b"mon essai"  # restored on the Cozy
    assert (linked.local / "Cours" / "essai.txt").read_bytes() == b"mon essai"  # came down
    after = _listed(run)
    assert ("Cours/essai.txt", "server") not in _items(after)
    local = next(i for i in after["items"] if i["origin"] == "this computer")  # type: ignore[attr-defined]
    assert local["place_taken"] is True  # the OS trash still has the copy cozysync put there
    again = _ok(run.sync())
    assert "up to date" in again.out + again.err  # it never conflicts with itself
    assert linked.local_tree()["Cours/essai.txt"] == b"mon essai"


def test_a_file_whose_folder_was_deleted_since_is_restored_with_its_folder(linked: Linked):
    run = in_process(linked.cli)
    linked.user.write("Projet/plan.txt", b"plan")
    linked.user.write("Projet/notes.txt", b"notes")
    _ok(run.sync())
    linked.user.trash("Projet/plan.txt")
    linked.user.trash("Projet")  # its folder deleted after it
    _ok(run.sync())
    assert not (linked.local / "Projet").exists()
    items = _items(_listed(run))
    assert ("Projet/plan.txt", "server") in items and ("Projet", "server") in items

    _ok(run("undelete", "Projet/plan.txt"))
    # model/vfs/vfs.go:823-829: the stack makes /Projet again (a new, empty folder)
    assert linked.cozy.tree() == {"a.txt": b"A", "Projet": None, "Projet/plan.txt": b"plan"}
    assert linked.local_tree() == linked.cozy.tree()


def test_a_place_taken_is_refused_unless_another_folder_is_given(linked: Linked):
    run = _trashed_on_server_and_synced(linked, "essai.txt", b"old")
    linked.user.write("essai.txt", b"new one")  # a new file took the name
    linked.user.mkdir("Archives")
    _ok(run.sync())
    refused = run("undelete", "essai.txt")
    assert refused.code != 0
    assert "something is already at 'essai.txt': nothing was overwritten" in refused.err
    assert "--to DIR" in refused.err
    assert linked.cozy.tree()["essai.txt"] == b"new one"  # untouched
    assert ("essai.txt", "server") in _items(_listed(run))  # still in the trash

    done = _ok(run("undelete", "essai.txt", "--to", "Archives"))
    assert "'Archives/essai.txt' is back on the server and in the folder." in done.out
    tree = linked.cozy.tree()
    assert tree["essai.txt"] == b"new one" and tree["Archives/essai.txt"] == b"old"
    assert linked.local_tree() == tree


def test_what_cozysync_trashed_here_goes_back_in_place_and_up(linked: Linked):
    run = in_process(linked.cli)
    linked.user.write("Cours/maths.txt", b"x = 2")
    _ok(run.sync())
    linked.user.destroy("Cours/maths.txt")  # deleted on the Cozy, its trash emptied
    _ok(run.sync())
    os_trash = linked.cli.env["XDG_DATA_HOME"] + "/Trash"
    assert Path(os_trash, "files", "maths.txt").read_bytes() == b"x = 2"
    [record_file] = (linked.cli.locations.state_dir / "trashed").iterdir()
    assert stat.S_IMODE(record_file.stat().st_mode) == 0o600
    listing = _listed(run)
    assert _items(listing) == [("Cours/maths.txt", "this computer")]
    text = _ok(run("trash", "docs")).out
    assert "Cours/maths.txt  this computer (sent to its trash by cozysync)" in text

    done = _ok(run("undelete", str(linked.local / "Cours" / "maths.txt")))
    assert "'Cours/maths.txt' is back in the folder and on the server." in done.out, done.out
    assert (linked.local / "Cours" / "maths.txt").read_bytes() == b"x = 2"
    assert linked.cozy.tree()["Cours/maths.txt"] == b"x = 2"  # the pass sent it up
    assert not Path(os_trash, "files", "maths.txt").exists()
    assert not Path(os_trash, "info", "maths.txt.trashinfo").exists()
    assert _items(_listed(run)) == []
    assert "up to date" in _ok(run.sync()).out  # no conflict with itself


def test_a_local_item_whose_place_is_taken_is_refused_then_put_elsewhere(linked: Linked):
    run = in_process(linked.cli)
    linked.user.write("devoir.txt", b"v1")
    _ok(run.sync())
    linked.user.destroy("devoir.txt")
    _ok(run.sync())
    (linked.local / "devoir.txt").write_bytes(b"a new one")  # the user made another
    (linked.local / "Vieux").mkdir()
    refused = run("undelete", "devoir.txt")
    assert refused.code != 0 and "nothing was overwritten" in refused.err
    assert (linked.local / "devoir.txt").read_bytes() == b"a new one"
    _ok(run("undelete", "devoir.txt", "--to", "Vieux"))
    assert (linked.local / "Vieux" / "devoir.txt").read_bytes() == b"v1"
    assert (linked.local / "devoir.txt").read_bytes() == b"a new one"
    assert linked.cozy.tree()["Vieux/devoir.txt"] == b"v1"


@pytest.fixture
def refused_port() -> Iterator[int]:
    """A port bound but never listening: every connection to it is refused (offline)."""
    with socket.socket() as nobody:
        nobody.bind(("127.0.0.1", 0))
        yield nobody.getsockname()[1]


def test_offline_lists_this_computers_items_and_queues_a_server_restore(
    linked: Linked, refused_port: int
):
    run = _trashed_on_server_and_synced(linked, "essai.txt", b"E")
    store = FolderStore(linked.cli.locations.folders_file)
    [folder] = store.load()
    store.replace(replace(folder, remote_url=f"http://127.0.0.1:{refused_port}"))
    text = _ok(run("trash")).out  # each request tried 4 times (~2.5 s) before it says so
    assert "essai.txt  this computer (sent to its trash by cozysync)" in text, text
    assert "in the server's trash" not in text
    assert "The server cannot be reached: only what cozysync sent to this computer's" in text
    queued = run("undelete", "server:whatever")  # done when back: test_cli_undelete_offline
    assert queued.code == 3, queued.out + queued.err  # EXIT_OFFLINE, as restore-version
    assert "Offline: putting back 'server:whatever' is kept" in queued.out, queued.out
    assert "Nothing was changed yet." in queued.out
    # this computer's copy can still be put back offline: a local change sent up later
    done = _ok(run("undelete", "essai.txt"))
    assert "'essai.txt' is back in the folder: the next sync sends it up." in done.out
    assert (linked.local / "essai.txt").read_bytes() == b"E"


def test_french(linked: Linked):
    _trashed_on_server_and_synced(linked, "essai.txt", b"E")
    french = InProcessCli(
        linked.cli.home, {**linked.cli.env, "LANGUAGE": "fr", "LANG": "fr_FR.UTF-8", "LC_ALL": ""}
    )
    text = _ok(french("trash")).out
    assert "Fichiers supprimés de docs, du plus récent au plus ancien :" in text, text
    assert "dans la corbeille du serveur" in text
    assert "cet ordinateur (mis dans sa corbeille par cozysync)" in text
    unknown = french("undelete", "rien.txt")
    assert unknown.code != 0
    assert "rien.txt: Cet élément n’est pas parmi les fichiers supprimés du dossier" in unknown.err
    assert "Voyez-les avec : cozysync trash" in unknown.err
    done = _ok(french("undelete", "essai.txt"))
    assert "« essai.txt » est de retour sur le serveur et dans le dossier." in done.out


def test_webdav_lists_only_what_cozysync_trashed_here(
    tmp_path: Path,
    wsgidav_server: DavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    from tests.engine.test_cli import synced_tree

    cli = make_cli(tmp_path)
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (wsgidav_server.root / "élève.txt").unlink()  # deleted on the server: no trash there
    run = in_process(cli)
    _ok(run.sync())
    listing = _listed(run)
    assert listing["server_trash"] == "no-trash"
    assert _items(listing) == [("élève.txt", "this computer")]
    text = _ok(run("trash")).out
    assert "This server has no trash cozysync can read" in text
    _ok(run("undelete", "élève.txt"))
    assert (local / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"
    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"
    assert os.listdir(Path(cli.env["XDG_DATA_HOME"], "Trash", "files")) == []


def test_a_folder_cozysync_trashed_here_comes_back_whole(
    tmp_path: Path,
    wsgidav_server: DavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    from tests.engine.test_cli import synced_tree

    cli = make_cli(tmp_path)
    local = synced_tree(tmp_path, cli, wsgidav_server)
    shutil.rmtree(wsgidav_server.root / "Cours")  # deleted on the server, with what it holds
    run = in_process(cli)
    _ok(run.sync())
    assert not (local / "Cours").exists()
    [listing] = json.loads(_ok(run("trash", "--json")).out)
    [item] = listing["items"]
    assert (item["path"], item["is_dir"], item["origin"]) == ("Cours", True, "this computer")
    _ok(run("undelete", item["item_id"]))  # by its id, as the app does
    exercise = "Cours/Mathématiques/exercices.txt"
    assert (local / exercise).read_text(encoding="utf-8") == "x² = 2\n"
    assert (wsgidav_server.root / exercise).read_text(encoding="utf-8") == "x² = 2\n"


def test_unlink_forgets_the_records_and_leaves_the_trash_alone(
    tmp_path: Path,
    wsgidav_server: DavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    from tests.engine.test_cli import synced_tree

    cli = make_cli(tmp_path)
    synced_tree(tmp_path, cli, wsgidav_server)
    (wsgidav_server.root / "élève.txt").unlink()
    run = in_process(cli)
    _ok(run.sync())
    [records] = (cli.locations.state_dir / "trashed").iterdir()
    _ok(run("unlink", "docs"))
    assert not records.exists()
    trash = Path(cli.env["XDG_DATA_HOME"], "Trash", "files", "élève.txt")
    assert trash.read_text(encoding="utf-8") == "Bonjour, ça va ?\n"  # still in the trash


def test_a_local_item_whose_folder_was_deleted_since_gets_its_folder_again(
    tmp_path: Path,
    wsgidav_server: DavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    from tests.engine.test_cli import synced_tree

    cli = make_cli(tmp_path)
    local = synced_tree(tmp_path, cli, wsgidav_server)
    exercise = "Cours/Mathématiques/exercices.txt"
    (wsgidav_server.root / exercise).unlink()
    run = in_process(cli)
    _ok(run.sync())  # cozysync sends the file to this computer's trash
    shutil.rmtree(wsgidav_server.root / "Cours")
    _ok(run.sync())  # then its folders
    assert not (local / "Cours").exists()
    _ok(run("undelete", exercise))
    assert (local / exercise).read_text(encoding="utf-8") == "x² = 2\n"  # folders made again
    assert (wsgidav_server.root / exercise).read_text(encoding="utf-8") == "x² = 2\n"
    [listing] = json.loads(_ok(run("trash", "--json")).out)
    assert [(i["path"], i["is_dir"]) for i in listing["items"]] == [("Cours", True)]


def test_a_trash_that_cannot_be_read_is_said_in_the_users_words(linked: Linked):
    """The note names why in the user's language (issue 18, item 2 leftover): a reason
    for the whole server (a login refused, a certificate...) by its message's title, any
    other error in plain words, never the server's English title in a French sentence."""
    run = _trashed_on_server_and_synced(linked, "essai.txt", b"E")
    french = InProcessCli(
        linked.cli.home, {**linked.cli.env, "LANGUAGE": "fr", "LANG": "fr_FR.UTF-8", "LC_ALL": ""}
    )
    said = "La corbeille du serveur n’a pas pu être lue (le serveur a répondu par une erreur)"
    linked.cozy.fail("GET", "/files/trash", 403, times=1)  # files.go checkPerm: refused
    refused = _ok(french("trash")).out
    assert said in refused, refused
    assert "cet ordinateur (mis dans sa corbeille par cozysync)" in refused  # still listed
    linked.cozy.fail("GET", "/files/trash", 500, times=4)  # tried 4 times, then given up
    broken = _ok(french("trash")).out
    assert said in broken, broken
    line = next(i for i in broken.splitlines() if "n’a pas pu être lue" in i)
    assert "server" not in line.replace("serveur", "")  # no English word inside
    linked.cozy.fail("GET", "/files/trash", 500, times=4)
    [failed] = json.loads(_ok(run("trash", "--json")).out)
    assert failed["server_trash"] == "failed" and failed["problem_id"] is None
    assert _listed(run)["server_trash"] == "listed"  # each fault used up: read again
