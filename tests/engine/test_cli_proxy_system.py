"""The ``system`` proxy read from the desktop's settings (issue 19, item 1): KDE's
``kioslaverc`` in a fake ``XDG_CONFIG_HOME``, GNOME's ``org.gnome.system.proxy`` through
the real ``gsettings`` command with GLib's keyfile backend (``GSETTINGS_BACKEND=keyfile``:
the settings live in ``$XDG_CONFIG_HOME/glib-2.0/settings/keyfile``, the schemas are
Debian's gsettings-desktop-schemas).  ``python -m cozysync`` syncs a real WsgiDAV server
through a real squid the settings name, and directly for the hosts they exempt.

Not tested: the XDG desktop portal's proxy resolver, which is not used (no
xdg-desktop-portal can run here, see cozysync/remotes/proxy_system.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cozysync.remotes.proxy_system import (
    DesktopProxy,
    bypasses,
    desktop_proxy,
    gnome_proxy,
    kde_proxy,
)
from tests.engine.test_cli import Cli, cli  # noqa: F401
from tests.engine.test_cli_proxy import (  # noqa: F401
    _assert_all_through,
    _linked_and_synced,
    _server_requests,
    plain_cli,
    via_server,
)
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.pac_server import served_pac
from tests.proxy_server import ViaDavServer, started_squid

GSETTINGS = shutil.which("gsettings")


def _kde(config: Path, lines: str) -> None:
    config.mkdir(parents=True, exist_ok=True)
    (config / "kioslaverc").write_text(f"[Proxy Settings]\n{lines}\n", encoding="utf-8")


def _desktop(runner: Cli, name: str, config: Path) -> None:
    runner.env["XDG_CURRENT_DESKTOP"] = name
    runner.env["XDG_CONFIG_HOME"] = str(config)


def _direct_since(server: ViaDavServer, seen: int) -> bool:
    return bool(server.vias[seen:]) and all(via is None for via in server.vias[seen:])


def test_kde_s_manual_proxy_then_its_exceptions_then_its_pac_file(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
) -> None:
    config = tmp_path / "config"
    _desktop(plain_cli, "KDE", config)
    with started_squid() as squid:
        _kde(config, f"ProxyType=1\nhttpProxy=http://127.0.0.1 {squid.port}\nNoProxyFor=localhost")
        assert plain_cli("proxy").out == f"proxy: system (KDE's settings: {squid.url})\n"
        local = _linked_and_synced(tmp_path, plain_cli, via_server)
        _assert_all_through(squid, via_server)

        _kde(config, f"ProxyType=1\nhttpProxy=http://127.0.0.1:{squid.port}\nNoProxyFor=127.0.0.1")
        (local / "direct.txt").write_text("sans proxy\n", encoding="utf-8")
        seen, through = len(via_server.vias), len(_server_requests(squid, via_server))
        assert plain_cli.sync().code == 0
        assert _direct_since(via_server, seen)
        assert len(_server_requests(squid, via_server)) == through

        js = f'function FindProxyForURL(u, h) {{ return "PROXY 127.0.0.1:{squid.port}"; }}'
        with served_pac(js) as pac:
            _kde(config, f"ProxyType=2\nProxy Config Script={pac.url}")
            (local / "pac.txt").write_text("par le fichier PAC\n", encoding="utf-8")
            seen = len(via_server.vias)
            assert plain_cli.sync().code == 0
            assert via_server.vias[seen:] and all(via_server.vias[seen:])
            assert (via_server.root / "pac.txt").exists()

        plain_cli.env["HTTP_PROXY"] = squid.url  # the environment comes first
        assert plain_cli("proxy").out.startswith("proxy: system (the environment's")
        del plain_cli.env["HTTP_PROXY"]
        _kde(config, "ProxyType=0")  # none: the desktop leaves it to the environment
        assert plain_cli("proxy").out.startswith("proxy: system (the environment's")


def _gnome(config: Path, groups: dict[str, dict[str, str]]) -> None:
    keyfile = config / "glib-2.0" / "settings" / "keyfile"
    keyfile.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(
        f"[{group}]\n" + "".join(f"{key}={value}\n" for key, value in keys.items()) + "\n"
        for group, keys in groups.items()
    )
    keyfile.write_text(text, encoding="utf-8")


@pytest.mark.skipif(GSETTINGS is None, reason="gsettings is not installed (libglib2.0-bin)")
def test_gnome_s_manual_proxy_read_with_gsettings_carries_the_sync(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
) -> None:
    config = tmp_path / "config"
    _desktop(plain_cli, "ubuntu:GNOME", config)
    plain_cli.env["GSETTINGS_BACKEND"] = "keyfile"
    with started_squid() as squid:
        _gnome(config, {
            "system/proxy": {"mode": "'manual'", "ignore-hosts": "['localhost', '::1']"},
            "system/proxy/http": {"host": "'127.0.0.1'", "port": str(squid.port)},
        })  # fmt: skip
        assert plain_cli("proxy").out == f"proxy: system (GNOME's settings: {squid.url})\n"
        local = _linked_and_synced(tmp_path, plain_cli, via_server)
        _assert_all_through(squid, via_server)

        _gnome(config, {
            "system/proxy": {"mode": "'manual'", "ignore-hosts": "['127.0.0.0/8']"},
            "system/proxy/http": {"host": "'127.0.0.1'", "port": str(squid.port)},
        })  # fmt: skip
        (local / "direct.txt").write_text("sans proxy\n", encoding="utf-8")
        seen = len(via_server.vias)
        assert plain_cli.sync().code == 0
        assert _direct_since(via_server, seen)

        _gnome(config, {"system/proxy": {"mode": "'none'"}})
        assert plain_cli("proxy").out.startswith("proxy: system (the environment's")


@pytest.mark.skipif(GSETTINGS is None, reason="gsettings is not installed (libglib2.0-bin)")
def test_gnome_s_settings_as_gsettings_prints_them(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "XDG_CONFIG_HOME": str(tmp_path),
        "GSETTINGS_BACKEND": "keyfile",
    }
    assert gnome_proxy(env) is None  # the default: mode 'none'
    _gnome(tmp_path, {
        "system/proxy": {"mode": "'manual'"},
        "system/proxy/http": {
            "host": "'proxy.lycee.example'", "port": "3128", "use-authentication": "true",
            "authentication-user": "'eleve'", "authentication-password": "'secret'",
        },
        "system/proxy/socks": {"host": "'socks.lycee.example'", "port": "1080"},
    })  # fmt: skip
    said = gnome_proxy(env)
    assert said == DesktopProxy(
        "manual",
        "GNOME",
        url="http://proxy.lycee.example:3128",
        no_proxy=("localhost", "127.0.0.0/8", "::1"),
        user="eleve",
        password="secret",
    )  # fmt: skip   (the schema's default ignore-hosts)
    _gnome(tmp_path, {"system/proxy": {"mode": "'auto'", "autoconfig-url": "''"}})
    assert gnome_proxy(env) == DesktopProxy(
        "auto", "GNOME", no_proxy=("localhost", "127.0.0.0/8", "::1")
    )
    assert desktop_proxy({**env, "XDG_CURRENT_DESKTOP": "GNOME"}) == gnome_proxy(env)
    assert desktop_proxy({**env, "XDG_CURRENT_DESKTOP": ""}) is None  # no desktop named


def test_kde_s_settings_in_each_of_their_forms(tmp_path: Path) -> None:
    rc = tmp_path / "kioslaverc"
    assert kde_proxy(rc) is None  # no file
    _kde(
        tmp_path,
        "ProxyType=1\nhttpsProxy=proxy.lycee.example:8080\nNoProxyFor=.lycee.example,10.0.0.0/8",
    )
    assert kde_proxy(rc) == DesktopProxy(
        "manual", "KDE", url="http://proxy.lycee.example:8080",
        no_proxy=(".lycee.example", "10.0.0.0/8"),
    )  # fmt: skip
    _kde(tmp_path, "ProxyType=1\nsocksProxy=socks://socks.example 1080")
    assert kde_proxy(rc) == DesktopProxy("manual", "KDE", url="socks5://socks.example:1080")
    _kde(tmp_path, "ProxyType=3")
    assert kde_proxy(rc) == DesktopProxy("auto", "KDE")
    for kind in ("0", "4"):  # none; the environment's variables
        _kde(tmp_path, f"ProxyType={kind}\nhttpProxy=http://proxy 3128")
        assert kde_proxy(rc) is None
    rc.write_bytes(b"\xff\xfe[Proxy Settings\nnonsense")
    assert kde_proxy(rc) is None  # damaged: skipped (logged), not an error


def test_the_hosts_that_go_direct_as_desktops_write_them() -> None:
    rules = ("localhost", ".lycee.example", "*.ac-lyon.fr", "ent.fr", "10.0.0.0/8", "::1")
    for host in ("localhost", "www.lycee.example", "a.b.ac-lyon.fr", "ent.fr", "cas.ent.fr",
                 "10.2.3.4", "[::1]"):  # fmt: skip
        assert bypasses(host, rules), host
    for host in ("lycee.example.com", "notent.fr", "11.0.0.1", "cloud.example", "ac-lyon.fr.evil"):
        assert not bypasses(host, rules), host
    assert bypasses("anything", ("*",)) and not bypasses("x", ())
    assert bypasses("proxy.example", ("proxy.example:3128",))  # the port is not looked at
