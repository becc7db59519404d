"""A SOCKS5 proxy (issue 19, item 1): ``cozysync proxy set socks5://host:port`` with a
username/password login (RFC 1929) in the keyring; ``python -m cozysync link`` and
``sync --once`` reach a real WsgiDAV server through a real SOCKS5 server, Debian's
microsocks (tests/socks_server.py), whose log names every tunnel it opened.  A wrong
password reaches nothing and is said as the proxy refusing the login.  The realtime
websocket goes through it too (``websockets`` with ``python-socks``), shown against a
real websockets server."""

from __future__ import annotations

from pathlib import Path

from websockets.sync.client import connect
from websockets.sync.server import ServerConnection, serve

from cozysync.remotes.cozy_realtime import _proxied_socket
from cozysync.remotes.proxy import MANUAL, ProxyChoice, install_proxy
from tests.engine.test_cli import Cli, cli  # noqa: F401
from tests.engine.test_cli_proxy import (  # noqa: F401
    FRENCH,
    PROXY_PASSWORD,
    PROXY_USER,
    _linked_and_synced,
    plain_cli,
    via_server,
)
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.proxy_server import ViaDavServer
from tests.socks_server import started_socks

SOCKS_PASSWORD = "mot-de-passe"  # microsocks takes it on its command line: no spaces


def test_a_sync_goes_through_a_socks5_proxy_with_a_login_and_a_wrong_one_reaches_nothing(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    dav = via_server.url.split("//")[1].split("/")[0]
    with started_socks(PROXY_USER, SOCKS_PASSWORD) as socks:
        chosen = plain_cli(
            "proxy", "set", socks.url, "--user", PROXY_USER, "--password-stdin",
            stdin=f"{SOCKS_PASSWORD}\n",
        )  # fmt: skip
        assert chosen.code == 0, chosen.err
        assert chosen.out == f"proxy: {socks.url} (user {PROXY_USER})\n"
        local = _linked_and_synced(tmp_path, plain_cli, via_server)
        assert (via_server.root / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"
        assert socks.connected() and set(socks.connected()) == {dav}  # every tunnel: to it

        wrong = plain_cli(
            "proxy", "set", socks.url, "--user", PROXY_USER, "--password-stdin",
            stdin="not the password\n",
        )  # fmt: skip
        assert wrong.code == 0, wrong.err
        seen, tunnels = len(via_server.vias), len(socks.connected())
        (local / "nouveau.txt").write_text("rien ne passe\n", encoding="utf-8")
        refused = plain_cli.sync()
        assert refused.code != 0
        assert "the proxy refused your login" in refused.err, refused.err
        french = Cli(plain_cli.home, {**plain_cli.env, **FRENCH}).sync()
        assert "Le proxy a refusé votre identifiant" in french.err
        assert len(via_server.vias) == seen and len(socks.connected()) == tunnels
        assert not (via_server.root / "nouveau.txt").exists()

        socks.stop()  # no way around it
        assert plain_cli("proxy", "set", socks.url).code == 0
        assert plain_cli.sync().code != 0
        assert len(via_server.vias) == seen


def test_the_realtime_websocket_goes_through_the_socks5_proxy() -> None:
    def echo(conn: ServerConnection) -> None:
        for message in conn:
            conn.send(message)

    with serve(echo, "127.0.0.1", 0) as server, started_socks("eleve", SOCKS_PASSWORD) as socks:
        import threading

        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.socket.getsockname()[1]
        install_proxy(ProxyChoice(MANUAL, socks.url, "eleve", SOCKS_PASSWORD))
        url = f"ws://127.0.0.1:{port}/realtime/"
        tunnel = _proxied_socket(url)  # what the realtime trigger connects with
        assert tunnel is not None
        with connect(url, sock=tunnel, proxy=None, open_timeout=10) as ws:
            ws.send("bonjour")
            assert ws.recv(timeout=10) == "bonjour"
        assert socks.connected() == [f"127.0.0.1:{port}"]
        server.shutdown()
        install_proxy(ProxyChoice())
