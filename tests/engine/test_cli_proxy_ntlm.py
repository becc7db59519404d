"""NTLM and Negotiate proxy logins (issue 19, item 1): ``cozysync proxy set URL --user
'LYCEE\\eleve'`` and a sync of an https WsgiDAV server (a school CA made in the test, put
in the subprocess's system store) through a proxy that asks NTLM or Negotiate on
``CONNECT``: tests/ntlm_proxy.py, a strict double of the proxy's HTTP side whose logins
are checked by pyspnego's real NTLM acceptor.  The client's tokens are pyspnego's too
(cozysync/remotes/proxy_negotiate.py).  Negotiate is SPNEGO carrying NTLM here:
Kerberos needs a KDC and the gssapi package, neither of which can run here (not tested).

Also against the real squid (Basic only): the same tunnel code answers squid's Basic
challenge and the sync goes through it over https."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cozysync.remotes.http import build_client, raise_for_failure
from cozysync.remotes.proxy import MANUAL, PROXY, ProxyChoice, ProxyLoginError, install_proxy
from cozysync.remotes.proxy_negotiate import pick_scheme
from tests.engine.test_cli import Cli, make_cli
from tests.engine.test_cli_proxy import FRENCH
from tests.ntlm_proxy import started_ntlm_proxy
from tests.proxy_server import started_squid
from tests.remotes.tls_world import Issued, TlsDavServer, issue, make_ca, system_store

USER, PASSWORD = "LYCEE\\eleve", "Mot2passe!"


@pytest.fixture
def school_ca(tmp_path: Path) -> Issued:
    return make_ca(tmp_path / "pki")


@pytest.fixture
def tls_dav(tmp_path: Path, school_ca: Issued) -> Iterator[TlsDavServer]:
    server = TlsDavServer(tmp_path / "served", issue(school_ca, tmp_path / "pki", "server"))
    server.start()
    yield server
    server.stop()
    PROXY.set(ProxyChoice())


def _cli(tmp_path: Path, school_ca: Issued) -> Cli:
    cli = make_cli(tmp_path)
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY",
                 "SSL_CERT_FILE", "SSL_CERT_DIR"):  # fmt: skip
        cli.env.pop(name, None)
    cli.env.update(system_store(school_ca, tmp_path / "store"))
    return cli


def _link_and_sync(cli: Cli, tmp_path: Path, server: TlsDavServer) -> Path:
    local = tmp_path / "Cours"
    local.mkdir()
    (local / "devoir.txt").write_text("mon devoir\n", encoding="utf-8")
    linked = cli(
        "link", str(local), server.url, "--user", server.user, "--password-stdin",
        "--name", "docs", "--insecure-file-store", stdin=f"{server.password}\n",
    )  # fmt: skip
    assert linked.code == 0, linked.err
    synced = cli.sync()
    assert synced.code == 0, synced.err
    assert (server.root / "devoir.txt").read_text(encoding="utf-8") == "mon devoir\n"
    return local


def _set_proxy(cli: Cli, proxy_url: str, password: str = PASSWORD) -> None:
    chosen = cli(
        "proxy", "set", proxy_url, "--user", USER, "--password-stdin",
        "--insecure-file-store", stdin=f"{password}\n",
    )  # fmt: skip
    assert chosen.code == 0, chosen.err


def test_a_sync_goes_through_a_proxy_asking_ntlm(
    tmp_path: Path,
    school_ca: Issued,
    tls_dav: TlsDavServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with started_ntlm_proxy({USER: PASSWORD}, tmp_path, schemes=("NTLM", "Basic")) as proxy:
        monkeypatch.setenv("NTLM_USER_FILE", str(proxy.users_file))
        cli = _cli(tmp_path, school_ca)
        _set_proxy(cli, proxy.url)
        _link_and_sync(cli, tmp_path, tls_dav)
    target = f"127.0.0.1:{tls_dav.port}"
    assert proxy.tunnels and set(proxy.tunnels) == {(USER, target)}
    assert set(proxy.logins) == {"NTLM"}  # preferred to Basic: the password never in clear
    assert tls_dav.requests.seen  # what reached the server came through the tunnels


def test_negotiate_is_preferred_and_answered_with_spnego(
    tmp_path: Path,
    school_ca: Issued,
    tls_dav: TlsDavServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Negotiate (SPNEGO carrying NTLM: no Kerberos here) before NTLM before Basic."""
    schemes = ("Basic", "NTLM", "Negotiate")
    with started_ntlm_proxy({USER: PASSWORD}, tmp_path, schemes=schemes) as proxy:
        monkeypatch.setenv("NTLM_USER_FILE", str(proxy.users_file))
        monkeypatch.setenv(
            "SSL_CERT_FILE", system_store(school_ca, tmp_path / "s")["SSL_CERT_FILE"]
        )
        install_proxy(ProxyChoice(MANUAL, proxy.url, USER, PASSWORD))
        with build_client(auth=(tls_dav.user, tls_dav.password)) as client:
            for _ in range(3):  # one tunnel, kept
                answer = client.request("PROPFIND", tls_dav.url, headers={"Depth": "0"})
                assert answer.status_code == 207
    assert proxy.tunnels == [(USER, f"127.0.0.1:{tls_dav.port}")]
    assert proxy.logins == ["Negotiate", "Negotiate"]  # its two legs, on one connection
    assert tls_dav.requests.seen == [("PROPFIND", "/", True)] * 3  # all through the tunnel


def test_a_wrong_password_is_refused_by_the_proxy_and_said_in_english_and_french(
    tmp_path: Path,
    school_ca: Issued,
    tls_dav: TlsDavServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with started_ntlm_proxy({USER: PASSWORD}, tmp_path, schemes=("NTLM",)) as proxy:
        monkeypatch.setenv("NTLM_USER_FILE", str(proxy.users_file))
        cli = _cli(tmp_path, school_ca)
        _set_proxy(cli, proxy.url)
        local = _link_and_sync(cli, tmp_path, tls_dav)
        tunnels, seen = len(proxy.tunnels), len(tls_dav.requests.seen)
        _set_proxy(cli, proxy.url, "pas le bon")
        (local / "nouveau.txt").write_text("rien ne passe\n", encoding="utf-8")
        refused = cli.sync()
        assert refused.code != 0
        assert "the proxy refused your login (HTTP 407)" in refused.err, refused.err
        french = Cli(cli.home, {**cli.env, **FRENCH}).sync()
        assert french.code == refused.code
        assert "Le proxy a refusé votre identifiant" in french.err, french.err
    assert len(proxy.tunnels) == tunnels and len(tls_dav.requests.seen) == seen
    assert not (tls_dav.root / "nouveau.txt").exists() and (local / "nouveau.txt").exists()


def test_a_proxy_closing_the_connection_after_its_first_407_is_asked_again(
    tmp_path: Path,
    school_ca: Issued,
    tls_dav: TlsDavServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with started_ntlm_proxy(
        {USER: PASSWORD}, tmp_path, schemes=("NTLM",), close_after_probe=True
    ) as proxy:
        monkeypatch.setenv("NTLM_USER_FILE", str(proxy.users_file))
        monkeypatch.setenv(
            "SSL_CERT_FILE", system_store(school_ca, tmp_path / "s")["SSL_CERT_FILE"]
        )
        install_proxy(ProxyChoice(MANUAL, proxy.url, USER, PASSWORD))
        with build_client(auth=(tls_dav.user, tls_dav.password)) as client:
            answer = client.request("PROPFIND", tls_dav.url, headers={"Depth": "0"})
            assert answer.status_code == 207
    assert [user for user, _ in proxy.tunnels] == [USER]
    assert proxy.logins == ["NTLM", "NTLM"]  # NEGOTIATE and AUTHENTICATE on the new connection


def test_the_same_tunnel_answers_squids_basic_login_over_https(
    tmp_path: Path,
    school_ca: Issued,
    tls_dav: TlsDavServer,
) -> None:
    with started_squid("eleve", "juste") as squid:
        cli = _cli(tmp_path, school_ca)
        chosen = cli(
            "proxy", "set", squid.url, "--user", "eleve", "--password-stdin",
            "--insecure-file-store", stdin="juste\n",
        )  # fmt: skip
        assert chosen.code == 0, chosen.err
        _link_and_sync(cli, tmp_path, tls_dav)
        tunnels = [row for row in squid.forwarded() if row[1] == "CONNECT"]
    assert any(status.endswith("/200") for status, _, _ in tunnels), tunnels
    assert {url for _, _, url in tunnels} == {f"127.0.0.1:{tls_dav.port}"}


def test_a_refused_login_in_process_is_the_proxy_login_error(
    tmp_path: Path, tls_dav: TlsDavServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with started_ntlm_proxy({USER: PASSWORD}, tmp_path, schemes=("Negotiate",)) as proxy:
        monkeypatch.setenv("NTLM_USER_FILE", str(proxy.users_file))
        install_proxy(ProxyChoice(MANUAL, proxy.url, USER, "faux"))
        with build_client() as client, pytest.raises(httpx.ProxyError) as caught:
            client.get(tls_dav.url)
        with pytest.raises(ProxyLoginError, match=r"the proxy refused your login \(HTTP 407\)"):
            raise_for_failure(caught.value, host=f"127.0.0.1:{tls_dav.port}")


def test_the_scheme_answered_is_negotiate_then_ntlm_then_basic() -> None:
    offered = ['Basic realm="lycee"', "NTLM", "Negotiate"]
    assert pick_scheme(offered) == ("Negotiate", None)
    assert pick_scheme(['Basic realm="x"', "ntlm TlRMTVNTUAACAAAA"]) == (
        "NTLM",
        b"NTLMSSP\x00\x02\x00\x00\x00",
    )
    assert pick_scheme(['Basic realm="x"']) == ("Basic", None)
    assert pick_scheme(["Digest realm=x", "Kerberos"]) == ("", None)  # not spoken


def test_the_realtime_websocket_logs_in_to_the_proxy_with_ntlm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from websockets.sync.client import connect
    from websockets.sync.server import ServerConnection, serve

    from cozysync.remotes.cozy_realtime import _proxied_socket

    def echo(conn: ServerConnection) -> None:
        for message in conn:
            conn.send(message)

    with (
        serve(echo, "127.0.0.1", 0) as server,
        started_ntlm_proxy({USER: PASSWORD}, tmp_path, schemes=("NTLM",)) as proxy,
    ):
        threading.Thread(target=server.serve_forever, daemon=True).start()
        monkeypatch.setenv("NTLM_USER_FILE", str(proxy.users_file))
        port = server.socket.getsockname()[1]
        url = f"ws://127.0.0.1:{port}/realtime/"
        install_proxy(ProxyChoice(MANUAL, proxy.url, USER, PASSWORD))
        tunnel = _proxied_socket(url)  # what the realtime trigger connects with
        assert tunnel is not None
        with connect(url, sock=tunnel, proxy=None, open_timeout=10) as ws:
            ws.send("bonjour")
            assert ws.recv(timeout=10) == "bonjour"
        install_proxy(ProxyChoice(MANUAL, proxy.url, USER, "faux"))
        with pytest.raises(OSError, match="the proxy refused the realtime connection"):
            _proxied_socket(url)
        server.shutdown()
    install_proxy(ProxyChoice())
    assert proxy.tunnels == [(USER, f"127.0.0.1:{port}")]


def test_when_a_proxy_ends_the_connection_after_its_answer() -> None:
    from cozysync.remotes.proxy_negotiate import _parse

    def closes(head: str) -> bool:
        return _parse(head.replace("\n", "\r\n").encode()).closes

    assert not closes("HTTP/1.1 407 Proxy Authentication Required\nContent-Length: 0")
    assert closes("HTTP/1.1 407 Proxy Authentication Required\nConnection: close")
    assert closes("HTTP/1.1 407 No\nProxy-Connection: Close")
    assert closes("HTTP/1.0 407 No\nContent-Length: 0")  # HTTP/1.0 without keep-alive
    assert not closes("HTTP/1.0 407 No\nProxy-Connection: keep-alive\nContent-Length: 0")
    assert closes("HTTP/1.1 407 No\nTransfer-Encoding: chunked")  # a body not read here
    with pytest.raises(Exception, match="not HTTP"):
        _parse(b"SSH-2.0-OpenSSH_9.2")
