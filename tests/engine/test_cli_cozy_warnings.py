"""A Cozy's warnings stay in ``status`` until they go away (issue 15, item 10 leftover),
through the CLI in this process against the double: new terms of service to accept
(``GET /settings/warnings``, web/middlewares/warnings.go:12-29, tests/cozy_server.py
``terms_to_sign``) are told once by a sync, then ``status`` and ``status --json`` list
them with their words and page, in English and in French, until a sync's start finds
the Cozy has none."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import link_folder
from tests.engine.inprocess_cli import InProcessCli, in_process
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

TOS = "https://manager.example/tos?instance=alice"
FRENCH = {"LANGUAGE": "fr", "LANG": "fr_FR.UTF-8", "LC_ALL": ""}


def test_the_cozys_terms_stay_in_status_until_accepted(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    cli = in_process(link_folder(tmp_path, cozy_server, cozy_user).cli)
    french = InProcessCli(cli.home, {**cli.env, **FRENCH})
    status = cli("status")
    assert "your cloud:" not in status.out, status.out
    [before] = json.loads(cli("status", "--json").out)
    assert before["warnings"] == []

    cozy_server.terms_to_sign = TOS
    synced = cli.sync()
    assert synced.code == 0, synced.out + synced.err
    for _ in range(2):  # still there at the next look: kept, not told once and gone
        status = cli("status")
        line = next(x for x in status.out.splitlines() if "your cloud:" in x)
        assert "accept its new terms of service" in line and TOS in line, status.out
    [folder] = json.loads(cli("status", "--json").out)
    [warning] = folder["warnings"]
    assert warning["id"] == "warning.cozy_terms" and warning["link"] == TOS
    assert "terms of service" in warning["text"]
    said = french("status").out
    assert "votre cloud :" in said, said
    assert "Votre Cozy vous demande d’accepter ses nouvelles conditions" in said, said
    assert TOS in said

    cozy_server.terms_to_sign = None  # accepted on the Cozy: the next start finds none
    assert cli.sync().code == 0
    status = cli("status")
    assert "your cloud:" not in status.out and TOS not in status.out, status.out
    [after] = json.loads(cli("status", "--json").out)
    assert after["warnings"] == []
