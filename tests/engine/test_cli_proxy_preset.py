"""The IT preset's proxy settings (issue 19, item 1): ``proxy_mode`` and ``proxy_pac_url``
in ``cozysync/defaults.toml`` (XDG_CONFIG_DIRS), read by the ``system`` choice after the
environment and the desktop: a PAC file served on 127.0.0.1 naming a real squid carries
``python -m cozysync``'s sync; ``cozysync defaults`` and ``proxy show`` say it; a KDE
setting comes before it; a wrong value is refused naming the file."""

from __future__ import annotations

from pathlib import Path

from tests.engine.test_cli import Cli, cli  # noqa: F401
from tests.engine.test_cli_proxy import (  # noqa: F401
    _assert_all_through,
    _linked_and_synced,
    plain_cli,
    via_server,
)
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.pac_server import served_pac
from tests.proxy_server import ViaDavServer, started_squid


def _preset(runner: Cli, folder: Path, text: str) -> Path:
    path = folder / "cozysync" / "defaults.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    runner.env["XDG_CONFIG_DIRS"] = str(folder)
    runner.env.pop("XDG_CURRENT_DESKTOP", None)
    return path


def test_the_presets_pac_file_carries_the_sync_and_a_desktop_setting_comes_first(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
) -> None:
    with started_squid() as squid:
        js = f'function FindProxyForURL(u, h) {{ return "PROXY 127.0.0.1:{squid.port}"; }}'
        with served_pac(js) as pac:
            _preset(plain_cli, tmp_path / "xdg", (
                f'proxy_mode = "pac"\nproxy_pac_url = "{pac.url}"\n'
                'no_proxy = ["intranet.example", "10.0.0.0/8"]\n'
            ))  # fmt: skip
            shown = plain_cli("defaults").out
            assert "  proxy_mode = pac\n" in shown and f"  proxy_pac_url = {pac.url}\n" in shown
            assert "  no_proxy = intranet.example,10.0.0.0/8\n" in shown
            assert plain_cli("proxy").out == f"proxy: system (the IT preset's: {pac.url})\n"
            _linked_and_synced(tmp_path, plain_cli, via_server)
            _assert_all_through(squid, via_server)

            config = tmp_path / "config"
            (config).mkdir()
            (config / "kioslaverc").write_text(
                "[Proxy Settings]\nProxyType=1\nhttpProxy=http://127.0.0.1 9\n"
            )
            plain_cli.env.update({"XDG_CURRENT_DESKTOP": "KDE", "XDG_CONFIG_HOME": str(config)})
            assert plain_cli("proxy").out == "proxy: system (KDE's settings: http://127.0.0.1:9)\n"

            plain_cli.env.pop("XDG_CURRENT_DESKTOP")
            assert plain_cli("proxy", "off").code == 0  # the user's choice wins
            seen = len(via_server.vias)
            (tmp_path / "Documents" / "direct.txt").write_text("direct\n", encoding="utf-8")
            assert plain_cli.sync().code == 0
            assert via_server.vias[seen:] and all(v is None for v in via_server.vias[seen:])


def test_the_preset_can_say_no_proxy_or_wpad(tmp_path: Path, plain_cli: Cli) -> None:  # noqa: F811
    _preset(plain_cli, tmp_path / "xdg", 'proxy_mode = "off"\nproxy = "http://proxy:3128"\n')
    assert plain_cli("proxy").out == "proxy: system (the IT preset's: no proxy)\n"
    _preset(plain_cli, tmp_path / "xdg", 'proxy_mode = "auto"\n')
    assert plain_cli("proxy").out == "proxy: system (the IT preset's: found by WPAD)\n"


def test_a_wrong_proxy_setting_in_the_preset_names_the_file(tmp_path: Path, plain_cli: Cli) -> None:  # noqa: F811
    for text, said in (
        ('proxy_mode = "magic"\n', "proxy_mode 'magic' in the defaults file"),
        ('proxy_mode = "pac"\n', "proxy_mode is pac in the defaults file"),
        ('proxy_mode = "manual"\n', "proxy_mode is manual in the defaults file"),
        ('proxy_pac_url = "file:///etc/proxy.pac"\n', "must be an http(s) address"),
        ("no_proxy = [1, 2]\n", "'no_proxy' in the defaults file"),
    ):
        path = _preset(plain_cli, tmp_path / "xdg", text)
        shown = plain_cli("defaults")
        assert shown.code != 0 and said in shown.err and str(path) in shown.err, shown.err
