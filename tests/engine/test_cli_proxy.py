"""``cozysync proxy`` (issue 19, item 1): a manual proxy, with or without a Basic login,
through which ``python -m cozysync link`` and ``sync --once`` reach a real WsgiDAV
server, the proxy being a real squid (tests/proxy_server.py).

That nothing goes around the proxy is shown twice: every request WsgiDAV saw carries
squid's ``Via`` header and is in squid's access log; and with a wrong proxy password
the server sees no request at all while the user is told the proxy refused the login."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.remotes.proxy import PROXY, ProxyChoice
from tests.engine.test_cli import Cli, cli, make_cli, synced_tree  # noqa: F401
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.proxy_server import PROXY_NAME, SquidProxy, ViaDavServer, started_squid, wait_for_log

FRENCH = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr_FR:fr", "LC_ALL": "", "LC_MESSAGES": ""}
PROXY_USER, PROXY_PASSWORD = "eleve.martin", "mot de passe é"


@pytest.fixture
def via_server(tmp_path: Path) -> Iterator[ViaDavServer]:
    server = ViaDavServer(tmp_path / "dav-root")
    server.start()
    try:
        yield server
    finally:
        server.stop()
        PROXY.set(ProxyChoice())  # what an in-process command may have installed


@pytest.fixture
def plain_cli(cli: Cli) -> Cli:  # noqa: F811
    """The CLI without any proxy of the environment: only the setting chooses."""
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY"):
        cli.env.pop(name, None)
    return cli


def _linked_and_synced(tmp_path: Path, cli: Cli, server: ViaDavServer) -> Path:  # noqa: F811
    return synced_tree(tmp_path, cli, server, setup_in_process=False)  # both commands through it


def _server_requests(proxy: SquidProxy, server: ViaDavServer) -> list[tuple[str, str, str]]:
    return [row for row in proxy.forwarded() if row[2].startswith(server.url.rstrip("/"))]


def _assert_all_through(proxy: SquidProxy, server: ViaDavServer) -> None:
    assert server.vias, "the server saw no request"
    assert all(via is not None and PROXY_NAME in via for via in server.vias), server.vias
    wait_for_log(proxy, len(server.vias))
    forwarded = [row for row in _server_requests(proxy, server) if "DENIED" not in row[0]]
    assert len(forwarded) == len(server.vias)  # each request the server saw, squid sent


def test_a_sync_goes_through_a_proxy_with_a_login_and_a_wrong_one_reaches_nothing(
    tmp_path: Path,
    plain_cli: Cli,
    via_server: ViaDavServer,
) -> None:
    with started_squid(PROXY_USER, PROXY_PASSWORD) as squid:
        set_it = plain_cli(
            "proxy", "set", squid.url, "--user", PROXY_USER, "--password-stdin",
            stdin=f"{PROXY_PASSWORD}\n",
        )  # fmt: skip
        assert set_it.code == 0, set_it.err
        assert set_it.out == f"proxy: {squid.url} (user {PROXY_USER})\n"
        settings = (plain_cli.locations.app_settings_file).read_text(encoding="utf-8")
        assert PROXY_PASSWORD not in settings  # in the keyring only

        local = _linked_and_synced(tmp_path, plain_cli, via_server)
        assert (via_server.root / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"
        _assert_all_through(squid, via_server)
        methods = {row[1] for row in _server_requests(squid, via_server)}
        assert {"PROPFIND", "PUT", "MKCOL"} <= methods

        wrong = plain_cli(
            "proxy", "set", squid.url, "--user", PROXY_USER, "--password-stdin",
            stdin="not the password\n",
        )  # fmt: skip
        assert wrong.code == 0, wrong.err
        seen_before = len(via_server.vias)
        (local / "nouveau.txt").write_text("rien ne passe\n", encoding="utf-8")
        refused = plain_cli.sync()
        assert refused.code != 0
        assert "the proxy refused your login (HTTP 407)" in refused.err
        assert "cozysync proxy set URL --user NAME --password-stdin" in refused.err
        french = Cli(plain_cli.home, {**plain_cli.env, **FRENCH}).sync()
        assert french.code == refused.code
        assert "Le proxy a refusé votre identifiant (Le proxy de ce réseau demande" in french.err
        assert len(via_server.vias) == seen_before  # nothing reached the server
        assert not (via_server.root / "nouveau.txt").exists()
        assert any(row[0] == "TCP_DENIED/407" for row in _server_requests(squid, via_server))


def test_a_proxy_without_login_then_off_then_the_environment(
    tmp_path: Path,
    plain_cli: Cli,
    via_server: ViaDavServer,
) -> None:
    with started_squid() as squid:
        assert plain_cli("proxy").out.startswith("proxy: system")
        host_port = squid.url.removeprefix("http://")
        set_it = plain_cli("proxy", "set", host_port)  # host:port is http://host:port
        assert set_it.code == 0 and set_it.out == f"proxy: {squid.url}\n", set_it.err
        local = _linked_and_synced(tmp_path, plain_cli, via_server)
        _assert_all_through(squid, via_server)

        assert plain_cli("proxy", "off").out == "proxy: off (direct connections)\n"
        (local / "direct.txt").write_text("sans proxy\n", encoding="utf-8")
        seen = len(via_server.vias)
        assert plain_cli.sync().code == 0
        assert via_server.vias[seen:] and all(via is None for via in via_server.vias[seen:])

        # system (the default): the environment's proxy, as before this setting existed
        assert plain_cli("proxy", "system").code == 0
        plain_cli.env["HTTP_PROXY"] = squid.url
        (local / "système.txt").write_text("par l'environnement\n", encoding="utf-8")
        seen = len(via_server.vias)
        assert plain_cli.sync().code == 0
        assert via_server.vias[seen:]
        assert all(via is not None and PROXY_NAME in via for via in via_server.vias[seen:])
        assert (via_server.root / "système.txt").exists()


def test_a_bad_proxy_address_is_refused_saying_how_to_write_it(plain_cli: Cli) -> None:
    for address in ("proxy.school", "ftp://proxy:21", "http://user:pw@proxy:3128"):
        result = plain_cli("proxy", "set", address)
        assert result.code != 0 and result.out == ""
        assert "cozysync: the proxy address" in result.err, result.err
    lonely = plain_cli("proxy", "set", "proxy:3128", "--password-stdin", stdin="x\n")
    assert "--password-stdin needs --user" in lonely.err
    assert "proxy set needs the proxy's address" in plain_cli("proxy", "set").err
    assert plain_cli("proxy").out.startswith("proxy: system")  # nothing was saved


def test_a_proxy_without_login_needs_no_keyring(tmp_path: Path) -> None:
    bare = make_cli(tmp_path)
    bare.env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # no keyring at all
    plain = bare("proxy", "set", "127.0.0.1:3128")
    assert plain.code == 0 and plain.out == "proxy: http://127.0.0.1:3128\n", plain.err
    login = bare("proxy", "set", "127.0.0.1:3128", "--user", "u", "--password-stdin", stdin="pw\n")
    assert login.code != 0 and "keyring" in login.err, login.err
    assert bare("proxy").out == "proxy: http://127.0.0.1:3128\n"  # the failed set saved nothing
    kept = bare(
        "proxy", "set", "127.0.0.1:3128", "--user", "u", "--password-stdin",
        "--insecure-file-store", stdin="pw\n",
    )  # fmt: skip
    assert kept.code == 0 and kept.out == "proxy: http://127.0.0.1:3128 (user u)\n", kept.err
