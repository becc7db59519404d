"""The ``system`` proxy in a sandbox (Flatpak: ``FLATPAK_ID`` set, as flatpak sets it)
comes from the XDG desktop portal (issue 19, item 1): a strict double of its proxy
resolver on a real private dbus-daemon (tests/portal_double.py) names a real squid for
the WebDAV server's address, and ``python -m cozysync`` syncs through it; when it answers
``direct://`` the sync goes direct; a bus without a portal means direct, no error.  The
double runs on the test session's bus, where the keyring the CLI needs runs too."""

from __future__ import annotations

from pathlib import Path

from tests.engine.test_cli import Cli, cli  # noqa: F401
from tests.engine.test_cli_proxy import (  # noqa: F401
    FRENCH,
    _assert_all_through,
    _linked_and_synced,
    plain_cli,
    via_server,
)
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.portal_double import served_portal
from tests.proxy_server import ViaDavServer, started_squid


def test_in_a_sandbox_the_portal_names_the_proxy_for_each_address(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
) -> None:
    with started_squid() as squid:
        answers = {"proxy": [f"http://127.0.0.1:{squid.port}"]}

        def answer(uri: str) -> list[str]:
            return answers["proxy"] if uri.startswith(via_server.url.rstrip("/")) else ["direct://"]

        address = plain_cli.env["DBUS_SESSION_BUS_ADDRESS"]
        with served_portal(address, answer) as portal:
            cloud = Cli(plain_cli.home, {**plain_cli.env, "FLATPAK_ID": "org.cozysync.Test"})
            shown = cloud("proxy").out
            assert shown == "proxy: system (the desktop portal answers for each address)\n"
            french = Cli(cloud.home, {**cloud.env, **FRENCH})("proxy").out
            assert french == "proxy : système (le portail du bureau répond pour chaque adresse)\n"
            local = _linked_and_synced(tmp_path, cloud, via_server)
            _assert_all_through(squid, via_server)
            assert set(portal.asked) == {via_server.url.rstrip("/") + "/"}  # no path, no query

            answers["proxy"] = ["direct://"]
            (local / "direct.txt").write_text("sans proxy\n", encoding="utf-8")
            seen = len(via_server.vias)
            assert cloud.sync().code == 0
            assert via_server.vias[seen:] and all(v is None for v in via_server.vias[seen:])


def test_a_sandbox_without_a_portal_connects_directly(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
) -> None:
    cloud = Cli(plain_cli.home, {**plain_cli.env, "FLATPAK_ID": "org.cozysync.Test"})
    _linked_and_synced(tmp_path, cloud, via_server)  # the session's bus has no portal
    assert via_server.vias and all(v is None for v in via_server.vias)
