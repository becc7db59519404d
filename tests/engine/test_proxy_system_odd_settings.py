"""The desktop's proxy settings when they are odd, missing or unreadable (issue 14: the
``system`` proxy's weakly tested paths).  Real files in a fake ``XDG_CONFIG_HOME`` for KDE's
``kioslaverc``; the real ``gsettings`` command with GLib's keyfile backend for GNOME (as in
tests/engine/test_cli_proxy_system.py).  Each case is what a pupil's or a school's desktop
can really hold; none may be an error: the setting is skipped and the sync goes on
(cozysync/remotes/proxy_system.py's docstring)."""

from __future__ import annotations

import logging
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
from tests.engine.test_cli_proxy_system import _gnome, _kde

GSETTINGS = shutil.which("gsettings")
needs_gsettings = pytest.mark.skipif(GSETTINGS is None, reason="gsettings is not installed")


def test_kde_file_without_its_proxy_section_or_without_a_proxy_address(tmp_path: Path) -> None:
    rc = tmp_path / "kioslaverc"
    rc.write_text("[Notification Messages]\nWarnOnLeaveSSLMode=false\n", encoding="utf-8")
    assert kde_proxy(rc) is None  # KIO writes other sections: no proxy section, no proxy
    _kde(tmp_path, "ProxyType=1\nhttpProxy=\nhttpsProxy=  ")
    assert kde_proxy(rc) is None  # "manual" with every address left empty: nothing to use
    _kde(tmp_path, "ProxyType=2\nProxy Config Script=http://wpad.lycee.example/proxy.pac")
    assert kde_proxy(rc) == DesktopProxy(
        "pac", "KDE", pac_url="http://wpad.lycee.example/proxy.pac"
    )
    _kde(tmp_path, "ProxyType=2\nProxy Config Script=")
    assert kde_proxy(rc) == DesktopProxy("auto", "KDE")  # no script named: discover it


def test_kde_s_reversed_exceptions_are_refused_not_misread(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """KIO's "use the proxy only for these hosts" (``ReversedException=true``) turns
    ``NoProxyFor`` into the only hosts proxied; read as exceptions it would send the school's
    hosts direct and every other through the proxy: the list is dropped, all go through."""
    rc = tmp_path / "kioslaverc"
    _kde(
        tmp_path,
        "ProxyType=1\nhttpProxy=http://proxy 3128\nNoProxyFor=ent.fr\nReversedException=true",
    )
    with caplog.at_level(logging.WARNING, logger="cozysync.remotes.proxy_system"):
        said = kde_proxy(rc)
    assert said == DesktopProxy("manual", "KDE", url="http://proxy:3128", no_proxy=())
    assert "only for these hosts" in caplog.text


def test_a_relative_xdg_config_home_is_ignored_as_the_spec_says(tmp_path: Path) -> None:
    """XDG Base Directory spec: "If an implementation encounters a relative path in any of
    these variables it should consider the path invalid and ignore it" -> ~/.config."""
    _kde(tmp_path / ".config", "ProxyType=3")
    env = {
        "XDG_CURRENT_DESKTOP": "KDE",
        "XDG_CONFIG_HOME": "relative/config",
        "HOME": str(tmp_path),
    }
    assert desktop_proxy(env) == DesktopProxy("auto", "KDE")
    assert desktop_proxy({**env, "XDG_CONFIG_HOME": ""}) == DesktopProxy("auto", "KDE")


def test_gnome_without_gsettings_or_without_its_schemas_is_no_proxy(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {"PATH": str(empty), "XDG_CONFIG_HOME": str(tmp_path), "GSETTINGS_BACKEND": "keyfile"}
    assert gnome_proxy(env) is None  # a desktop without libglib2.0-bin
    if GSETTINGS is None:
        return
    # gsettings installed but no gsettings-desktop-schemas: it exits 1 "No schemas installed"
    env = {**env, "PATH": "/usr/bin:/bin", "XDG_DATA_DIRS": str(tmp_path / "share")}
    assert gnome_proxy(env) is None


@needs_gsettings
def test_gnome_s_pac_file_empty_exceptions_and_manual_without_host(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "XDG_CONFIG_HOME": str(tmp_path),
        "GSETTINGS_BACKEND": "keyfile",
    }
    _gnome(tmp_path, {"system/proxy": {
        "mode": "'auto'", "autoconfig-url": "'http://wpad.lycee.example/wpad.dat'",
        "ignore-hosts": "@as []",
    }})  # fmt: skip
    assert gnome_proxy(env) == DesktopProxy(
        "pac", "GNOME", pac_url="http://wpad.lycee.example/wpad.dat", no_proxy=()
    )  # gsettings prints the emptied list as "@as []": no host goes direct
    _gnome(tmp_path, {
        "system/proxy": {"mode": "'manual'"},
        "system/proxy/http": {"host": "''", "port": "8080"},
    })  # fmt: skip
    assert gnome_proxy(env) is None  # "manual" but no host typed in: nothing to use
    _gnome(tmp_path, {
        "system/proxy": {"mode": "'manual'"},
        "system/proxy/socks": {"host": "'socks.lycee.example'", "port": "1080"},
    })  # fmt: skip
    said = gnome_proxy(env)
    assert said is not None and said.url == "socks5://socks.lycee.example:1080"


def test_blank_exceptions_are_skipped() -> None:
    assert not bypasses("cloud.example", ("", "  ", ".lycee.example"))
    assert bypasses("www.lycee.example", ("", ".lycee.example"))
