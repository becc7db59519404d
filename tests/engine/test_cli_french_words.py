"""The CLI's help and the words of ``pause``, ``resume``, ``restore`` and ``unlink`` in
French when ``LANG``/``LANGUAGE`` say so (issue 16, item 6), English otherwise.  The
help once through ``python -m cozysync`` (the thing under test: a new process reads its
environment), the rest in this process against a real WsgiDAV server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.engine.test_cli_french import FRENCH, in_language
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer

ENGLISH = {"LANG": "C.UTF-8", "LANGUAGE": "fr", "LC_ALL": "", "LC_MESSAGES": ""}  # C: no


def test_the_help_in_french_and_in_english(tmp_path: Path):
    cli = make_cli(tmp_path)
    french = subprocess.run(
        [sys.executable, "-m", "cozysync", "--help"],
        capture_output=True, text=True, env={**cli.env, **FRENCH}, timeout=60,
    )  # fmt: skip
    assert french.returncode == 0, french.stderr
    help_text = french.stdout
    assert help_text.startswith("utilisation : cozysync [-h] [--version] COMMAND ...")
    assert "\narguments positionnels\u00a0:\n" in help_text
    assert "\noptions\u00a0:\n" in help_text
    assert "afficher cette aide et quitter" in help_text
    assert "oublier un dossier lié" in help_text  # unlink's line in the command list
    assert "codes de sortie (sync, link" in help_text
    for english in ("usage:", "positional arguments", "show this help", "forget a linked"):
        assert english not in help_text

    here = in_language(in_process(cli), **FRENCH)("link", "--help")
    assert here.code == 0
    first, second = here.out.splitlines()[:2]
    assert first.startswith("utilisation : cozysync link [-h]")
    assert second.startswith(" " * len("utilisation : cozysync link ") + "[")  # aligned
    assert "nom d’utilisateur sur le serveur" in here.out
    english = in_language(in_process(cli), **ENGLISH)("link", "--help")
    assert english.out.startswith("usage: cozysync link [-h]")
    assert "user name on the server" in english.out and "options:\n" in english.out


def test_pause_resume_restore_and_unlink_say_it_in_french(
    tmp_path: Path,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    cli = make_cli(tmp_path)
    synced_tree(tmp_path, cli, wsgidav_server)
    french: Cli = in_language(in_process(cli), **FRENCH)

    paused = french("pause", "docs")
    assert paused.out == "docs: en pause jusqu’à la reprise (cozysync resume)\n", paused.out
    assert french("resume", "docs").out == "docs: synchronisation reprise\n"
    assert french("pause").code == 0  # every folder
    still = french("resume", "docs")
    assert still.out.splitlines() == [
        "docs: toujours en pause jusqu’à la reprise (cozysync resume) "
        "(tous les dossiers sont en pause)",
        "Levez la pause de tous les dossiers avec : cozysync resume",
    ]
    assert french("resume").code == 0

    dest = tmp_path / "Copie"
    restored = french("restore", "docs", str(dest))
    assert restored.code == 0, restored.err
    [line] = restored.out.splitlines()
    assert line.startswith("5 éléments restaurés (") and line.endswith(f") dans {dest}."), line
    again = french("restore", "docs", str(dest))
    assert again.out.splitlines()[1:] == ["3 fichiers étaient déjà là avec le même contenu."], (
        again.out
    )

    unlinked = french("unlink", "docs")
    assert unlinked.code == 0, unlinked.err
    assert unlinked.out == "« docs » n’est plus lié.\n"


def test_the_demo_says_where_things_are_in_french(tmp_path: Path):
    french = in_language(in_process(make_cli(tmp_path)), **FRENCH)
    demo = french("demo", "--once")
    assert demo.code == 0, demo.err
    server, folder = demo.out.splitlines()[:2]
    assert server.startswith("Serveur de démonstration : http://127.0.0.1:"), server
    assert "(il sert " in server and server.endswith("server)")
    assert folder.startswith("Dossier de démonstration : ") and folder.endswith("folder")
    assert "demo: à jour: " in demo.out


def test_a_mistyped_command_line_is_said_in_french(tmp_path: Path):
    cli = in_process(make_cli(tmp_path))
    typo = in_language(cli, **FRENCH)("pase")
    assert typo.code == 2
    assert typo.out.startswith("utilisation : cozysync [-h]")  # as argparse prints it
    assert typo.err.endswith(
        "cozysync: « pase » n’est pas une commande de cozysync. Vouliez-vous dire pause ? "
        "Voyez les commandes avec : cozysync --help\n"
    ), typo.err
    missing = in_language(cli, **FRENCH)("resolve", "a.txt")
    assert missing.code == 2
    assert "Il manque quelque chose : --keep. Voyez ce qu’il faut donner avec" in missing.err
    english = in_language(cli, **ENGLISH)("pause", "--nme", "docs")
    assert english.code == 2
    assert "--nme is not an option of 'cozysync pause'. Did you mean --name?" in english.err
