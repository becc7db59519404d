"""``cozysync relink`` from a Cozy to a WebDAV server ("my data follows me when I leave
this school"): every local file is kept and uploaded, the Cozy keeps its files, this
computer is unregistered there and the Cozy's tokens leave the real keyring."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import keyring

from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.test_cli_cozy import _cli, _env, _link_with_browser
from tests.engine.test_modes_e2e import files, snapshot
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer


def test_relink_from_a_cozy_to_webdav_keeps_everything_and_forgets_the_cozy_tokens(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    wsgidav_server: WsgiDavServer,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    env = _env(tmp_path)
    local = tmp_path / "Ecole"
    local.mkdir()
    (local / "devoir.txt").write_text("Mon devoir de français", encoding="utf-8")
    cozy_user.write("Classe/cours.txt", b"cours du lundi")
    _link_with_browser(env, local, cozy_server.url)
    assert _cli(env, "sync", "--once").returncode == 0
    settings = tmp_path / "home" / "config" / "folders.json"
    [old] = json.loads(settings.read_text())["folders"]
    assert keyring.get_password("cozysync", old["cozy_account"]) is not None
    clients, cozy_tree, mine = len(cozy_server.clients), cozy_server.tree(), snapshot(local)

    result = subprocess_relink(env, old["name"], wsgidav_server)
    assert result.returncode == 0, result.stderr
    [new] = json.loads(settings.read_text())["folders"]
    assert (new["remote_kind"], new["remote_url"], new["cozy_account"]) == (
        "webdav", wsgidav_server.url, None,
    )  # fmt: skip
    assert keyring.get_password("cozysync", old["cozy_account"]) is None
    assert len(cozy_server.clients) == clients - 1  # this computer unregistered there
    assert keyring.get_password("cozysync", new["folder_id"]) == wsgidav_server.password

    synced = _cli(env, "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert snapshot(local) == mine
    assert files(wsgidav_server.root) == files(local)
    assert cozy_server.tree() == cozy_tree  # nothing deleted on the Cozy


def subprocess_relink(
    env: dict[str, str], name: str, server: WsgiDavServer
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cozysync", "relink", name, server.url, "--user", server.user,
         "--password-stdin"],
        input=f"{server.password}\n", capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
