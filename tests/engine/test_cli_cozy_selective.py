"""Selective sync the Cozy knows (issue 15, item 10), end to end through
``python -m cozysync`` against the double (tests/cozy_settings_double.py): a folder
excluded with ``folders --exclude`` is kept in the Cozy's ``not_synchronized_on`` with
this computer's OAuth client, each pass is noted (``POST /settings/synchronized``), and
after a reinstall ``link`` reads the choice back, says it and keeps it."""

from __future__ import annotations

from pathlib import Path

from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import link_folder, link_with_browser
from tests.engine.test_cli import make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401


def test_an_excluded_folder_is_kept_on_the_cozy_and_survives_a_reinstall(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    linked = link_folder(tmp_path, cozy_server, cozy_user)
    cozy_user.write("Photos/plage.jpg", b"jpeg")
    cozy_user.write("Cours/maths.txt", b"maths")
    client_id = str(linked.folder()["cozy_account"]).rsplit(":", 1)[1]
    excluded = linked.cli("folders", "--exclude", "Photos")
    assert excluded.code == 0, excluded.err
    start = linked.mark()
    synced = linked.cli.sync()
    assert synced.code == 0, synced.out + synced.err
    assert cozy_user.doc("Photos").not_synchronized_on == [client_id]
    assert sorted(linked.local_tree()) == ["Cours", "Cours/maths.txt", "a.txt"]
    assert ("POST", "/settings/synchronized") in [(m, p) for m, p, _ in linked.since(start)]
    assert cozy_server.clients[client_id].meta["synchronized_at"]

    # a reinstall: nothing of this computer's settings is left, a new login
    again = make_cli(tmp_path / "reinstalled")
    local = tmp_path / "reinstalled" / "Cozy"
    linked_again = link_with_browser(again, local, cozy_server.url)
    said = "Not synced on this computer, as chosen before on your Cozy: Photos"
    assert said in linked_again.out, linked_again.out
    [folder] = again.folders()
    assert folder["excluded_folders"] == ["Photos"]
    first = again.sync()
    assert first.code == 0, first.out + first.err
    assert not (local / "Photos").exists() and (local / "Cours" / "maths.txt").exists()
    new_client = str(folder["cozy_account"]).rsplit(":", 1)[1]
    assert sorted(cozy_user.doc("Photos").not_synchronized_on) == sorted([client_id, new_client])

    included = again("folders", "--include", "Photos")
    assert included.code == 0, included.err
    assert again.sync().code == 0
    assert (local / "Photos" / "plage.jpg").read_bytes() == b"jpeg"
    assert cozy_user.doc("Photos").not_synchronized_on == [client_id]
