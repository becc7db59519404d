"""A PAC file the JavaScript engine cannot run, or an engine that cannot start, is the
clear proxy-configuration error (``ProxyConfigError``, EN + FR), never "unexpected
error" (issue 19, item 1 leftover).  The files are served by a real HTTP server on
127.0.0.1 (tests/pac_server.py) and run by the real pypac/dukpy; the engine that does
not start is a real dukpy copied without its runtime files, as a bundle missing them had
it (packaging: 'unexpected error (FileNotFoundError)'), imported by ``python -m
cozysync`` ahead of the installed one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cozysync.remotes.proxy_pac import PacResolver, ProxyConfigError
from tests.engine.test_cli import Cli, cli  # noqa: F401
from tests.engine.test_cli_proxy import (  # noqa: F401
    FRENCH,
    _linked_and_synced,
    plain_cli,
    via_server,
)
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.pac_server import served_pac
from tests.proxy_server import ViaDavServer

# a lone UTF-16 half: dukpy hands it to Python as bytes that are not UTF-8 and its
# decoding fails outside pypac's MalformedPacError (UnicodeDecodeError)
THROWS_ALWAYS = r"function FindProxyForURL(url, host) { throw 'proxy \ud800 down'; }"
THROWS_FOR_ONE = (
    r"function FindProxyForURL(url, host) "
    r"{ if (host == 'bad.example') throw 'no \udc00'; return 'DIRECT'; }"
)


def test_a_function_that_throws_is_the_pac_error() -> None:
    with served_pac(THROWS_ALWAYS) as pac:
        with pytest.raises(ProxyConfigError, match=r"is not a valid PAC file") as raised:
            PacResolver(pac.url).proxies_for("https://cloud.example/")
        assert pac.url in raised.value.title
    with served_pac(THROWS_FOR_ONE) as pac:
        resolver = PacResolver(pac.url)
        assert resolver.proxies_for("https://good.example/") == ["DIRECT"]
        with pytest.raises(ProxyConfigError, match=r"failed for bad\.example"):
            resolver.proxies_for("https://bad.example/")


@pytest.mark.parametrize(
    "text",
    ["<html><body><h1>Wi-Fi du lycée</h1></body></html>", "\x89PNG\r\n\x1a\n\x00\x00", ""],
    ids=["a web page", "an image", "empty"],
)
def test_a_file_that_is_not_javascript_is_the_pac_error(text: str) -> None:
    with (
        served_pac(text) as pac,
        pytest.raises(ProxyConfigError, match=r"is not a valid PAC file"),
    ):
        PacResolver(pac.url).proxies_for("https://cloud.example/")


def _dukpy_without_its_runtime(site: Path) -> Path:
    import dukpy

    installed = Path(dukpy.__file__).parent
    shutil.copytree(installed, site / "dukpy", ignore=shutil.ignore_patterns("jsruntime"))
    assert not (site / "dukpy" / "jsruntime").exists()
    return site


def test_an_engine_that_does_not_start_is_the_pac_error_in_english_and_french(
    tmp_path: Path,
    plain_cli: Cli,  # noqa: F811
    via_server: ViaDavServer,  # noqa: F811
) -> None:
    local = _linked_and_synced(tmp_path, plain_cli, via_server)
    seen = len(via_server.vias)
    site = _dukpy_without_its_runtime(tmp_path / "site")
    broken_env = {**plain_cli.env, "PYTHONPATH": str(site)}
    with served_pac('function FindProxyForURL(u, h) { return "DIRECT"; }') as pac:
        assert plain_cli("proxy", "pac", pac.url).code == 0
        (local / "nouveau.txt").write_text("rien\n", encoding="utf-8")
        broken = Cli(plain_cli.home, broken_env).sync()
        assert broken.code != 0
        assert "unexpected error" not in broken.err, broken.err
        assert f"the proxy configuration file {pac.url} cannot be run" in broken.err, broken.err
        assert "JavaScript engine (dukpy) does not start" in broken.err
        assert "proxy set" in broken.err  # what to do meanwhile
        french = Cli(plain_cli.home, {**broken_env, **FRENCH}).sync()
        assert french.code == broken.code
        assert "Le fichier de configuration du proxy ne peut pas être utilisé" in french.err
        assert "inattendue" not in french.err, french.err
        working = plain_cli.sync()  # the installed engine: the same file works
        assert working.code == 0, working.out + working.err
    assert len(via_server.vias) > seen
    assert (local / "nouveau.txt").exists()
