"""Selective sync the Cozy knows (issue 15, item 10), end to end through
``python -m cozysync`` against the double (tests/cozy_settings_double.py): a folder
excluded with ``folders --exclude`` is kept in the Cozy's ``not_synchronized_on`` with
this computer's OAuth client, each pass is noted (``POST /settings/synchronized``), and
a new link (a reinstall is a new OAuth client) is not made to leave out what another
client leaves out: each device's choice is its own, as in cozy-desktop
(core/remote/cozy.js:486-494), and the Cozy keeps both side by side."""

from __future__ import annotations

from pathlib import Path

from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import link_folder, link_with_browser
from tests.engine.test_cli import make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401


def test_an_excluded_folder_is_kept_on_the_cozy_for_this_computer_only(
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

    # a reinstall: nothing of this computer's settings is left, a new login, a new client
    again = make_cli(tmp_path / "reinstalled")
    local = tmp_path / "reinstalled" / "Cozy"
    linked_again = link_with_browser(again, local, cozy_server.url)
    assert "as chosen before" not in linked_again.out, linked_again.out  # offered only:
    assert "leaves out: Photos." in linked_again.out  # tests/engine/test_cli_cozy_reinstall.py
    [folder] = again.folders()
    assert folder["excluded_folders"] == []
    new_client = str(folder["cozy_account"]).rsplit(":", 1)[1]
    assert new_client != client_id
    excluded_here = again("folders", "--exclude", "Cours")
    assert excluded_here.code == 0, excluded_here.err
    first = again.sync()
    assert first.code == 0, first.out + first.err
    assert (local / "Photos" / "plage.jpg").read_bytes() == b"jpeg"
    assert not (local / "Cours").exists()
    assert cozy_user.doc("Photos").not_synchronized_on == [client_id]  # the old one's, kept
    assert cozy_user.doc("Cours").not_synchronized_on == [new_client]
