"""The CLI speaks the user's language (issue 16, item 6): through ``python -m cozysync``
against a real WsgiDAV server, with ``LANG``/``LANGUAGE`` saying French; ``--json``
keeps its English words, and English stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

from tests.engine.test_cli import Cli, make_cli, make_tree
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer

FRENCH = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr_FR:fr", "LC_ALL": "", "LC_MESSAGES": ""}


def in_language(cli: Cli, **env: str) -> Cli:
    return Cli(cli.home, {**cli.env, **env})


def linked(tmp_path: Path, server: WsgiDavServer) -> tuple[Cli, Path]:
    cli = make_cli(tmp_path)
    local = tmp_path / "Documents"
    local.mkdir()
    make_tree(local)
    cli.link(local, server)
    return cli, local


def test_sync_and_status_in_french_with_plurals(
    tmp_path: Path,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    cli, local = linked(tmp_path, wsgidav_server)
    french = in_language(cli, **FRENCH)
    first = french.sync()
    assert first.code == 0, first.err
    assert first.out.startswith("docs: à jour: "), first.out
    assert "modifications faites" in first.out and "changes" not in first.out
    (local / "élève.txt").write_text("modifié\n", encoding="utf-8")
    one = french.sync()
    assert "docs: à jour: 1 modification faite" in one.out, one.out
    status = french("status")
    assert status.code == 0, status.err
    assert "docs: à jour\n" in status.out
    assert "  dossier :" in status.out and "dernière synchro :" in status.out
    assert "folder:" not in status.out
    english = in_language(cli, LANG="en_GB.UTF-8", LANGUAGE="", LC_ALL="")("status")
    assert english.out.startswith("docs: up to date") and "  folder:      " in english.out
    as_json = json.loads(french("status", "--json").out)
    assert as_json[0]["state"] == "up to date"  # scripts read stable English


def test_offline_in_french_counts_one_change_in_the_singular(
    tmp_path: Path,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    cli, local = linked(tmp_path, wsgidav_server)
    assert cli.sync().code == 0
    wsgidav_server.stop()
    (local / "élève.txt").write_text("hors ligne\n", encoding="utf-8")
    offline = in_language(cli, **FRENCH).sync()
    assert offline.code == 3, offline.err
    assert "docs: hors ligne: 1 modification en attente" in offline.out, offline.out
    assert "cozysync: docs: 1 modification en attente\n" in offline.err, offline.err
    status = in_language(cli, **FRENCH)("status")
    assert "docs: hors ligne (1 modification en attente)" in status.out, status.out
    assert "en attente :" in status.out and "1 modification locale\n" in status.out


def test_a_refused_login_is_said_in_french(
    tmp_path: Path,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    french = in_language(make_cli(tmp_path), LANGUAGE="fr", LANG="en_US.UTF-8", LC_ALL="")
    wrong = french(
        "link", str(tmp_path / "D"), wsgidav_server.url, "--user", "alice",
        "--password-stdin", stdin="wrong\n",
    )  # fmt: skip
    assert wrong.code == 4, wrong.err
    assert "cozysync: Votre cloud a refusé la connexion (" in wrong.err, wrong.err
    assert "(Reconnectez-vous avec le nouveau mot de passe : cozysync login." in wrong.err
    assert "Traceback" not in wrong.err
    bad_input = french("link", str(tmp_path / "D"), "ftp://example.org/dav")
    assert bad_input.code == 1  # its specifics, in French too (cozysync.phrases)
    assert "« ftp://example.org/dav » n’est pas une adresse de serveur" in bad_input.err
    unreachable = french("link", str(tmp_path / "E"), "http://127.0.0.1:9/dav/")
    assert unreachable.code == 3
    assert "Votre cloud est injoignable" in unreachable.err, unreachable.err
    c_locale = in_language(french, LC_ALL="C")  # gettext: LANGUAGE is ignored under C
    assert "refused the login" in c_locale(
        "link", str(tmp_path / "D"), wsgidav_server.url, "--user", "alice",
        "--password-stdin", stdin="wrong\n",
    ).err  # fmt: skip


def test_english_status_says_one_local_change_in_the_singular(
    tmp_path: Path,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    cli, local = linked(tmp_path, wsgidav_server)
    assert cli.sync().code == 0
    (local / "élève.txt").write_text("changé\n", encoding="utf-8")
    english = in_language(cli, LANG="en_US.UTF-8", LANGUAGE="", LC_ALL="")
    assert "  waiting:     1 local change\n" in english("status").out
    (local / "image.bin").write_bytes(b"changed too")
    assert "  waiting:     2 local changes\n" in english("status").out
    french = in_language(cli, **FRENCH)("status").out
    assert "  en attente :       2 modifications locales\n" in french, french
    assert french.startswith(
        "docs: demande votre attention (2 modifications locales pas encore envoyées)\n"
    ), french


def test_link_says_what_it_did_in_french(
    tmp_path: Path,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
):
    local = tmp_path / "Documents"
    local.mkdir()
    make_tree(local)
    french = in_language(make_cli(tmp_path), **FRENCH)
    linked = french.link(local, wsgidav_server)
    lines = linked.out.splitlines()
    assert lines[0] == f"Lié 'docs' : {local} <-> {wsgidav_server.url}", lines
    assert "ne répond pas comme un Cozy : il est lié comme un dossier WebDAV." in lines[1]
    assert "Le dossier contient déjà des fichiers" in lines[2]
    assert lines[3] == "Synchronisez-le avec : cozysync sync --once docs"
