"""A reinstall on the same computer and the folders it left out before (issue 15,
item 10), through the in-process CLI against the Cozy double: a reinstall is a new
state folder, a new login and so a new OAuth client, named as the stack names a taken
name ("cozysync (PC)-2", model/oauth/client.go:412-456).  Its token cannot tell its own
earlier client from another device's (no ``io.cozy.oauth.clients`` permission:
web/settings/clients.go:50), so the folders other clients leave out are offered at
link, in English and French, and left out here only with ``--keep-left-out``; never
taken unasked."""

from __future__ import annotations

from pathlib import Path

from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import link_folder, link_with_browser
from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, make_cli
from tests.engine.test_cli_french import FRENCH, in_language
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

ENGLISH = {"LANG": "en_GB.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


def _reinstalled(tmp_path: Path, name: str, **env: str) -> tuple[Cli, Path]:
    """A fresh state folder on the same computer (nothing of the old install is left)."""
    cli = in_process(in_language(make_cli(tmp_path / name), **env))
    return cli, tmp_path / name / "Cozy"


def _client(cli: Cli) -> tuple[str, list[str]]:
    [folder] = cli.folders()
    return str(folder["cozy_account"]).rsplit(":", 1)[1], list(folder["excluded_folders"])


def test_a_reinstall_is_offered_what_it_left_out_and_keeps_it_only_when_asked(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    linked = link_folder(tmp_path, cozy_server, cozy_user)
    cozy_user.write("Photos/plage.jpg", b"jpeg")
    cozy_user.write("Cours/maths.txt", b"maths")
    old_client = str(linked.folder()["cozy_account"]).rsplit(":", 1)[1]
    old_name = str(cozy_server.clients[old_client].meta["client_name"])
    assert linked.cli("folders", "--exclude", "Photos").code == 0
    assert linked.cli.sync().code == 0
    assert cozy_user.doc("Photos").not_synchronized_on == [old_client]

    # reinstalled, English, no flag: offered, not taken
    english, local = _reinstalled(tmp_path, "reinstalled-en", **ENGLISH)
    said = link_with_browser(english, local, cozy_server.url).out
    assert (
        "On your Cozy, another device, or this computer before a reinstall, leaves out: "
        "Photos. They are synced here; to leave them out here too: cozysync folders "
        "--exclude NAME (or link with --keep-left-out)."
    ) in said, said
    assert "as chosen before" not in said
    new_client, excluded = _client(english)
    assert excluded == []
    assert cozy_server.clients[new_client].meta["client_name"] == f"{old_name}-2"

    # reinstalled, French, no flag: the same offer in French
    french, local = _reinstalled(tmp_path, "reinstalled-fr", **FRENCH)
    said = link_with_browser(french, local, cozy_server.url).out
    assert (
        "Sur votre Cozy, un autre appareil, ou cet ordinateur avant une réinstallation, "
        "laisse de côté : Photos."
    ) in said, said
    assert "another device" not in said
    assert _client(french)[1] == []

    # reinstalled, French, --keep-left-out: taken, said, and kept on the Cozy at the sync
    kept, local = _reinstalled(tmp_path, "reinstalled-kept", **FRENCH)
    said = link_with_browser(kept, local, cozy_server.url, "--keep-left-out").out
    assert (
        "Non synchronisés sur cet ordinateur, comme choisi avant sur votre Cozy : Photos"
    ) in said, said
    assert "laisse de côté" not in said
    kept_client, excluded = _client(kept)
    assert excluded == ["Photos"]
    assert cozy_server.clients[kept_client].meta["client_name"] == f"{old_name}-4"
    synced = kept.sync()
    assert synced.code == 0, synced.out + synced.err
    assert not (local / "Photos").exists()
    assert (local / "Cours" / "maths.txt").read_bytes() == b"maths"
    assert sorted(cozy_user.doc("Photos").not_synchronized_on) == sorted([old_client, kept_client])

    # English words for the kept choice too
    kept_en, local = _reinstalled(tmp_path, "reinstalled-kept-en", **ENGLISH)
    said = link_with_browser(kept_en, local, cozy_server.url, "--keep-left-out").out
    assert "Not synced on this computer, as chosen before on your Cozy: Photos" in said, said
    assert "another device" not in said


def test_a_first_link_is_offered_nothing(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    """Nothing left out on the Cozy: no offer, and --keep-left-out takes nothing."""
    cozy_user.write("Photos/plage.jpg", b"jpeg")
    cli, local = _reinstalled(tmp_path, "first", **ENGLISH)
    said = link_with_browser(cli, local, cozy_server.url, "--keep-left-out").out
    assert "leaves out" not in said and "as chosen before" not in said, said
    assert _client(cli)[1] == []


def test_the_double_names_a_taken_client_as_the_stack_does(cozy_server: CozyStackServer) -> None:
    """ensureClientNameUnicity (model/oauth/client.go:412-456): the highest numeric
    suffix plus one when the very name is taken; a lone suffixed name does not count."""

    def register(name: str) -> str:
        meta = {
            "redirect_uris": ["http://127.0.0.1:9/callback"],
            "client_name": name,
            "software_id": "github.com/cozysync/cozysync",
        }
        with cozy_server.lock:
            answer = cozy_server.register(meta)
        assert answer.status == 201 and isinstance(answer.body, dict), answer.body
        return str(answer.body["client_name"])

    assert register("cozysync (pc)-2") == "cozysync (pc)-2"
    assert register("cozysync (pc)") == "cozysync (pc)"
    assert register("cozysync (pc)") == "cozysync (pc)-3"  # -2 is taken by the lone one
    assert register("cozysync (pc)-x") == "cozysync (pc)-x"
    register("cozysync (pc)-7")
    assert register("cozysync (pc)") == "cozysync (pc)-8"
