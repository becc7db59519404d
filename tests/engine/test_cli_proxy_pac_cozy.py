"""A Cozy through a proxy configuration (PAC) file (issue 19, item 1): the file, served by
a real HTTP server (tests/pac_server.py), names a real squid (tests/proxy_server.py) for
the Cozy; the browser login's token exchange, the sync and the realtime websocket of
``python -m cozysync`` all go through it to the strict Cozy double (tests/cozy_server.py,
plain http: squid logs each API request; the websocket is tunnelled with ``CONNECT``)."""

from __future__ import annotations

from pathlib import Path

from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import Linked, link_with_browser
from tests.engine.crash_helpers import wait_for
from tests.engine.test_cli import make_cli
from tests.engine.test_cli_cozy_realtime import hub, set_poll_interval, watching
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.pac_server import served_pac
from tests.proxy_server import started_squid, wait_for_log

PAC = """
function FindProxyForURL(url, host) {
    if (host == "%(cozy)s") return "PROXY 127.0.0.1:%(squid)d";
    return "DIRECT";
}
"""


def test_a_cozy_is_linked_synced_and_watched_through_the_proxy_a_pac_file_names(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
) -> None:
    cli = make_cli(tmp_path)
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY"):
        cli.env.pop(name, None)
    local = tmp_path / "Cozy"
    local.mkdir()
    (local / "a.txt").write_bytes(b"A")
    cozy_host = cozy_server.domain.split(":")[0]
    with (
        started_squid() as squid,
        served_pac(PAC % {"cozy": cozy_host, "squid": squid.port}) as pac,
    ):
        assert cli("proxy", "pac", pac.url).code == 0
        link_with_browser(cli, local, cozy_server.url)  # a process of its own
        first = cli.sync()
        assert first.code == 0, first.err
        assert cozy_server.tree() == {"a.txt": b"A"}
        wait_for_log(squid, 3)
        through = {(method, url.split("?")[0]) for _, method, url in squid.forwarded()}
        for method, path in (("POST", "/auth/register"), ("POST", "/auth/access_token"),
                             ("GET", "/files/_changes")):  # fmt: skip
            assert (method, cozy_server.url + path) in through, sorted(through)

        linked = Linked(cli, local, cozy_server, cozy_user)
        set_poll_interval(linked, 300.0)
        with watching(linked, tmp_path / "run.out"):
            assert wait_for(lambda: hub(linked).entries("subscribed"), timeout=30)
            assert hub(linked).listeners  # the websocket is open...
            squid.stop()
            assert wait_for(lambda: not hub(linked).listeners, timeout=30)  # ...through squid
        tunnels = [row for row in squid.forwarded() if row[1] == "CONNECT"]
        assert [url for _, _, url in tunnels] == [cozy_server.domain]
        assert all(via is None for _, via in pac.fetched)  # the file itself came directly
