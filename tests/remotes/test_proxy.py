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


def test_the_websocket_gets_the_login_inside_the_proxy_address_and_nothing_for_off():
    manual = ProxyChoice(MANUAL, "http://proxy.school:3128", "élève", "p@ss:wörd/")
    assert (
        manual.websocket_proxy() == "http://%C3%A9l%C3%A8ve:p%40ss%3Aw%C3%B6rd%2F@proxy.school:3128"
    )
    assert "p@ss" not in repr(manual)
    assert ProxyChoice(MANUAL, "http://proxy.school:3128").websocket_proxy() == (
        "http://proxy.school:3128"
    )
    assert ProxyChoice(DIRECT).websocket_proxy() is None
    assert ProxyChoice().websocket_proxy() is True  # the environment, as websockets reads it
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
