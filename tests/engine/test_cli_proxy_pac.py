"""Automatic proxies (issue 19, item 1): a proxy configuration (PAC) file served by a real
HTTP server on 127.0.0.1 (tests/pac_server.py) names a real squid (tests/proxy_server.py);
``python -m cozysync link`` and ``sync --once`` reach a real WsgiDAV server through it,
and go direct where the file says DIRECT.  The file's JavaScript is run by pypac/dukpy.

WPAD is tested through its two halves: where it looks (``wpad_candidates``, pypac's
public-suffix walk) and the discovery loop over such addresses (``PacResolver`` given the
candidates): no ``wpad.<domain>`` name can be made to resolve here without changing the
machine's DNS.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from cozysync.remotes.proxy import AUTO, PAC, ProxyChoice
from cozysync.remotes.proxy_pac import (
    DIRECT_ENTRY,
    PacResolver,
    ProxyConfigError,
    parse_answer,
    wpad_candidates,
)
from tests.engine.test_cli import Cli, cli, make_cli  # noqa: F401
from tests.engine.test_cli_proxy import (  # noqa: F401
    FRENCH,
    PROXY_PASSWORD,
    PROXY_USER,
    _assert_all_through,
    _linked_and_synced,
    _server_requests,
    plain_cli,
    via_server,
)
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.pac_server import served_pac
from tests.proxy_server import ViaDavServer, started_squid
from tests.servers import free_port

PAC_ALL_THROUGH = """
function FindProxyForURL(url, host) {
    if (isPlainHostName(host) || dnsDomainIs(host, ".intranet.example")) return "DIRECT";
    return "PROXY 127.0.0.1:%(dead)d; PROXY 127.0.0.1:%(squid)d; DIRECT";
}
"""

PAC_SERVER_DIRECT = """
function FindProxyForURL(url, host) {
    if (shExpMatch(url, "http://127.0.0.1:%(dav)d/*")) return "DIRECT";
    return "PROXY 127.0.0.1:%(squid)d";
}
"""


def test_a_pac_file_sends_the_sync_through_squid_and_direct_where_it_says(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
) -> None:
    with started_squid() as squid:
        # the first proxy the file names is down: the next one is used
        values = {
            "dead": free_port(),
            "squid": squid.port,
            "dav": int(via_server.url.split(":")[2].split("/")[0]),
        }
        with served_pac(PAC_ALL_THROUGH % values) as pac:
            chosen = plain_cli("proxy", "pac", pac.url)
            assert chosen.code == 0, chosen.err
            assert chosen.out == f"proxy: the configuration file {pac.url}\n"
            assert plain_cli("proxy").out == chosen.out

            local = _linked_and_synced(tmp_path, plain_cli, via_server)
            assert (via_server.root / "élève.txt").read_text(
                encoding="utf-8"
            ) == "Bonjour, ça va ?\n"
            _assert_all_through(squid, via_server)
            methods = {row[1] for row in _server_requests(squid, via_server)}
            assert {"PROPFIND", "PUT", "MKCOL"} <= methods
            # read by each of the two processes, directly (never through squid)
            assert [via for path, via in pac.fetched] == [None, None]
            assert not [row for row in squid.forwarded() if "proxy.pac" in row[2]]

            pac.js = PAC_SERVER_DIRECT % values  # now the file says DIRECT for this server
            (local / "direct.txt").write_text("sans proxy\n", encoding="utf-8")
            seen, through = len(via_server.vias), len(_server_requests(squid, via_server))
            result = plain_cli.sync()
            assert result.code == 0, result.err
            assert (via_server.root / "direct.txt").exists()
            assert via_server.vias[seen:] and all(via is None for via in via_server.vias[seen:])
            assert len(_server_requests(squid, via_server)) == through


def test_a_pac_file_naming_a_proxy_with_a_login(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    with (
        started_squid(PROXY_USER, PROXY_PASSWORD) as squid,
        served_pac(
            f'function FindProxyForURL(u, h) {{ return "PROXY 127.0.0.1:{squid.port}"; }}'
        ) as pac,
    ):
        chosen = plain_cli(
            "proxy", "pac", pac.url, "--user", PROXY_USER, "--password-stdin",
            stdin=f"{PROXY_PASSWORD}\n",
        )  # fmt: skip
        assert chosen.code == 0, chosen.err
        assert chosen.out == f"proxy: the configuration file {pac.url} (user {PROXY_USER})\n"
        assert PROXY_PASSWORD not in plain_cli.locations.app_settings_file.read_text("utf-8")
        _linked_and_synced(tmp_path, plain_cli, via_server)
        _assert_all_through(squid, via_server)


def test_a_broken_pac_file_stops_the_sync_saying_so_in_english_and_french(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
) -> None:
    local = _linked_and_synced(tmp_path, plain_cli, via_server)
    seen = len(via_server.vias)
    with served_pac("function FindProxyForURL(url, host) { return 'PROXY ") as pac:
        assert plain_cli("proxy", "pac", pac.url).code == 0
        (local / "nouveau.txt").write_text("rien\n", encoding="utf-8")
        broken = plain_cli.sync()
        assert broken.code != 0
        assert f"the proxy configuration file {pac.url} is not a valid PAC file" in broken.err
        french = Cli(plain_cli.home, {**plain_cli.env, **FRENCH}).sync()
        assert french.code == broken.code
        assert "Le fichier de configuration du proxy ne peut pas être utilisé" in french.err
    assert len(via_server.vias) == seen  # nothing was sent anywhere
    assert (local / "nouveau.txt").exists()


def test_pac_and_auto_refuse_what_they_cannot_use(plain_cli: Cli) -> None:  # noqa: F811
    assert "proxy pac needs the proxy configuration file's address" in plain_cli("proxy", "pac").err
    bad = plain_cli("proxy", "pac", "proxy.school:3128")
    assert bad.code != 0 and "is not an http(s) address" in bad.err
    assert "proxy auto takes no address" in plain_cli("proxy", "auto", "http://x/p.pac").err
    assert plain_cli("proxy").out.startswith("proxy: system")  # nothing was saved
    auto = plain_cli("proxy", "auto")
    assert (
        auto.code == 0 and auto.out == "proxy: automatic (the configuration file found by WPAD)\n"
    )


def test_wpad_looks_in_each_parent_domain_up_to_the_registered_one() -> None:
    assert wpad_candidates("pc12.cdi.lycee-hugo.fr") == [
        "http://wpad.cdi.lycee-hugo.fr/wpad.dat",
        "http://wpad.lycee-hugo.fr/wpad.dat",
    ]  # never wpad.fr: the public suffix list stops it
    assert wpad_candidates("poste3.ac-lyon.fr") == ["http://wpad.ac-lyon.fr/wpad.dat"]
    assert wpad_candidates("portable") == []  # no domain: nothing to look for


def test_wpad_discovery_takes_the_first_address_that_serves_a_pac_file() -> None:
    js = (
        "function FindProxyForURL(u, h) "
        '{ return "PROXY 127.0.0.1:3128; SOCKS 127.0.0.1:1080; DIRECT"; }'
    )
    with served_pac(js) as pac, served_pac("<html>a web page</html>") as page:
        page.content_type = "text/html"  # a server answering any name: not a PAC file
        nobody = f"http://127.0.0.1:{free_port()}/wpad.dat"
        candidates = [
            nobody,
            page.url.replace("proxy.pac", "wpad.dat"),
            pac.url.replace("proxy.pac", "wpad.dat"),
        ]
        resolver = PacResolver(None, candidates=lambda: candidates)
        assert resolver.proxies_for("https://cloud.example/files?secret=1") == [
            "http://127.0.0.1:3128", "socks5://127.0.0.1:1080", DIRECT_ENTRY,
        ]  # fmt: skip
        assert resolver.source == candidates[2]
        assert pac.fetched == [("/wpad.dat", None)]
        resolver.proxies_for("https://cloud.example/other")
        assert len(pac.fetched) == 1  # read once


def test_no_pac_file_found_means_direct_and_it_is_looked_for_again_later() -> None:
    now = [0.0]
    with served_pac('function FindProxyForURL(u, h) { return "PROXY 127.0.0.1:3128"; }') as pac:
        missing = pac.url.replace("proxy.pac", "missing.pac")
        candidates = [missing]
        resolver = PacResolver(None, candidates=lambda: candidates, clock=lambda: now[0])
        assert resolver.proxies_for("https://cloud.example/") == [DIRECT_ENTRY]
        candidates.append(pac.url)
        assert resolver.proxies_for("https://cloud.example/") == [DIRECT_ENTRY]  # not yet
        now[0] = 61.0
        assert resolver.proxies_for("https://cloud.example/") == ["http://127.0.0.1:3128"]


def test_a_pac_answer_is_read_as_browsers_do() -> None:
    assert parse_answer("PROXY a.example:3128; HTTPS b.example:443;SOCKS5 c:1080 ; DIRECT") == [
        "http://a.example:3128", "https://b.example:443", "socks5://c:1080", DIRECT_ENTRY,
    ]  # fmt: skip
    assert parse_answer("") == [DIRECT_ENTRY]  # nothing: direct
    assert parse_answer("SOCKS4 old:1080; nonsense") == [DIRECT_ENTRY]  # unusable entries


def test_a_pac_file_whose_function_fails_says_for_which_host() -> None:
    js = (
        "function FindProxyForURL(url, host) "
        "{ if (host == 'bad.example') throw 'no'; return 'DIRECT'; }"
    )
    with served_pac(js) as pac:
        choice = ProxyChoice(PAC, pac_url=pac.url)
        assert choice.resolver is not None
        assert choice.resolver.proxies_for("https://good.example/") == [DIRECT_ENTRY]
        with pytest.raises(ProxyConfigError, match=r"failed for bad\.example"):
            choice.resolver.proxies_for("https://bad.example/")
    assert ProxyChoice(AUTO).resolver is not None and not ProxyChoice(AUTO).is_direct


def test_the_websocket_takes_the_pac_files_first_entry() -> None:
    js = """function FindProxyForURL(url, host) {
        if (url.substring(0, 6) == "https:") return "PROXY 127.0.0.1:3128; DIRECT";
        return "DIRECT"; }"""
    with served_pac(js) as pac:
        choice = ProxyChoice(PAC, user="eleve", password="secret", pac_url=pac.url)
        assert choice.proxy_for("wss://cozy.example/realtime/") == "http://127.0.0.1:3128"
        assert choice.proxy_for("ws://cozy.example/realtime/") is None  # DIRECT


def test_a_client_sends_through_the_next_proxy_when_the_first_is_down(
    via_server: ViaDavServer,  # noqa: F811
) -> None:
    from cozysync.remotes.http import build_client
    from cozysync.remotes.network_guard import is_guarded
    from cozysync.remotes.proxy import PROXY

    with started_squid() as squid:
        dead = free_port()
        answer = f"PROXY 127.0.0.1:{dead}; PROXY 127.0.0.1:{squid.port}"
        js = f'function FindProxyForURL(u, h) {{ return "{answer}"; }}'
        with served_pac(js) as pac:
            PROXY.set(ProxyChoice(PAC, pac_url=pac.url))
            with build_client(auth=(via_server.user, via_server.password)) as client:
                for _ in range(2):
                    answer = client.request("PROPFIND", via_server.url, headers={"Depth": "0"})
                    assert answer.status_code == 207
                assert is_guarded(client)  # the minimum rate holds on the PAC's connections
    assert len(via_server.vias) == 2 and all(v is not None for v in via_server.vias)
    assert isinstance(answer, httpx.Response)
