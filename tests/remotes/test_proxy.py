"""The proxy choice as the HTTP clients and the websocket take it (issue 19, item 1), and
a refused proxy login over https (``CONNECT``) against a real squid with Basic auth."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cozysync.errors import ConfigError
from cozysync.remotes.http import build_client, raise_for_failure
from cozysync.remotes.proxy import (
    DIRECT,
    MANUAL,
    PROXY,
    ProxyChoice,
    ProxyLoginError,
    check_proxy_url,
    install_proxy,
)
from tests.engine.crash_helpers import wait_for
from tests.proxy_server import started_squid


@pytest.fixture(autouse=True)
def _system_after() -> Iterator[None]:
    yield
    install_proxy(ProxyChoice())


def test_the_proxy_of_a_connection_outside_httpx_and_nothing_for_off(monkeypatch):
    """``proxy_for``: what the websocket and the certificate's description go through
    (their tunnel is opened by ``open_socket``, the login given apart, never in a URL)."""
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY",
                 "all_proxy", "NO_PROXY", "no_proxy"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    manual = ProxyChoice(MANUAL, "http://proxy.school:3128", "élève", "p@ss:wörd/")
    assert manual.proxy_for("wss://cozy.example/realtime/") == "http://proxy.school:3128"
    assert "p@ss" not in repr(manual)
    assert ProxyChoice(DIRECT).proxy_for("wss://cozy.example/realtime/") is None
    assert ProxyChoice().proxy_for("https://cozy.example/") is None  # no environment proxy
    monkeypatch.setenv("HTTPS_PROXY", "proxy.env:8080")
    monkeypatch.setenv("NO_PROXY", ".intranet.example")
    assert ProxyChoice().proxy_for("https://cozy.example/") == "http://proxy.env:8080"
    assert ProxyChoice().proxy_for("https://ent.intranet.example/") is None
    assert ProxyChoice(DIRECT).client_options() == {"trust_env": False}
    assert ProxyChoice().client_options() == {"trust_env": True}


def test_proxy_addresses_are_checked_and_completed():
    assert check_proxy_url(" proxy.school:3128 ") == "http://proxy.school:3128"
    assert check_proxy_url("https://Proxy.School:8443/") == "https://proxy.school:8443"
    for bad in ("proxy.school", "ftp://proxy:21", "http://u:p@proxy:3128", "http://proxy:x"):
        with pytest.raises(ConfigError):
            check_proxy_url(bad)


def test_a_refused_login_on_connect_is_said_and_not_retried():
    with started_squid("eleve", "juste") as squid:
        for user, password in (("eleve", "faux"), (None, None)):
            install_proxy(ProxyChoice(MANUAL, squid.url, user, password))
            with build_client() as client, pytest.raises(httpx.ProxyError) as caught:
                client.get("https://127.0.0.1:9/dav/")
            with pytest.raises(ProxyLoginError, match=r"the proxy refused your login \(HTTP 407\)"):
                raise_for_failure(caught.value, host="127.0.0.1:9")
        assert PROXY.choice.mode == MANUAL

        def denied() -> list[tuple[str, str, str]]:
            return [row for row in squid.forwarded() if row[1] == "CONNECT"]

        # with a login: a first CONNECT asks which login the proxy takes (proxy_negotiate),
        # the login is sent once; without one: one CONNECT
        assert wait_for(lambda: len(denied()) == 3, timeout=10)  # logged after each answer
        assert [row[0] for row in denied()] == ["TCP_DENIED/407"] * 3


def test_a_connection_outside_httpx_refuses_an_https_proxy_it_cannot_carry():
    from cozysync.remotes.proxy import open_socket

    install_proxy(ProxyChoice(MANUAL, "https://proxy.school:3128"))
    with pytest.raises(OSError, match="https:// proxy cannot carry this connection"):
        open_socket("wss://cozy.example/realtime/", "cozy.example", 443, 5.0)
