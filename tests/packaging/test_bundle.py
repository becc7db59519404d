"""The PyInstaller bundle: ``packaging/cozysync.spec`` built for real (command line only,
``COZYSYNC_BUNDLE_GUI=0``: the tray app's Qt makes the build several times slower), then
the bundle's own executable run: ``--version``, ``link`` and ``sync --once`` against a
local WsgiDAV server (also through a PAC file naming a real SOCKS5 server: dukpy's
native engine and runtime files, pypac, python-socks and socksio as the bundle carries
them), ``install-desktop`` from the bundle's data, and every runtime dependency of
pyproject.toml found in the bundle.

Marked ``slow``: CI runs it (``CI`` set; measured on the 2-core dev box under load: the
build takes 130 s wall, 47 s CPU); elsewhere it runs when asked with ``-m slow``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cozysync import __version__
from tests.pac_server import served_pac
from tests.packaging.conftest import (
    APP_ID,
    PACKAGING,
    ROOT,
    UserEnv,
    canonical_name,
    runtime_requirements,
)
from tests.servers import WsgiDavServer
from tests.socks_server import started_socks

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dist/cozysync/cozysync``, built once for the module (about a minute of CPU)."""
    if not os.environ.get("CI") and "slow" not in (request.config.option.markexpr or ""):
        pytest.skip("builds the PyInstaller bundle (1-5 min): CI runs it, or: pytest -m slow")
    if shutil.which("pyinstaller") is None:
        message = "PyInstaller is not installed (pip install -e '.[packaging]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    work = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
            str(PACKAGING / "cozysync.spec"),
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "COZYSYNC_BUNDLE_GUI": "0"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    print(f"PyInstaller build: {time.monotonic() - started:.0f} s")
    exe = work / "dist" / "cozysync" / "cozysync"
    assert exe.is_file()
    return exe


def test_bundle_prints_its_version(bundle: Path, user_env: UserEnv) -> None:
    result = user_env.cozysync("--version", exe=[str(bundle)])
    assert (result.code, result.out.strip()) == (0, f"cozysync {__version__}")


def test_bundle_links_and_syncs_once_with_a_webdav_server(
    bundle: Path, user_env: UserEnv, wsgidav_server: WsgiDavServer
) -> None:
    exe = [str(bundle)]
    user_env.env.pop("PYTHONPATH")  # the bundle runs its own copy, not the checkout
    local = user_env.root / "Cloud"
    local.mkdir()
    (local / "from-laptop.txt").write_text("laptop")
    wsgidav_server.write("from-server.txt", b"server")
    result = user_env.cozysync(
        "link", str(local), wsgidav_server.url, "--user", wsgidav_server.user,
        "--password-stdin", "--insecure-file-store", stdin=f"{wsgidav_server.password}\n",
        exe=exe,
    )  # fmt: skip
    assert result.code == 0, result.err
    result = user_env.cozysync("sync", "--once", exe=exe)
    assert result.code == 0, result.err
    assert (wsgidav_server.root / "from-laptop.txt").read_text() == "laptop"
    assert (local / "from-server.txt").read_text() == "server"
    status = user_env.cozysync("status", exe=exe)
    assert status.code == 0, status.err


def test_bundle_runs_a_pac_file_that_sends_it_through_a_socks5_proxy(
    bundle: Path, user_env: UserEnv, wsgidav_server: WsgiDavServer
) -> None:
    """The PAC file's JavaScript run by the bundle's dukpy (its native engine and the
    runtime files it reads at each start), its SOCKS5 answer followed with the bundle's
    python-socks/socksio: a missing part is an error and nothing is sent."""
    exe = [str(bundle)]
    user_env.env.pop("PYTHONPATH")
    local = user_env.root / "Cloud"
    local.mkdir()
    (local / "via-socks.txt").write_text("socks")
    with started_socks() as socks:
        pac_js = f'function FindProxyForURL(u, h) {{ return "SOCKS5 127.0.0.1:{socks.port}"; }}'
        with served_pac(pac_js) as pac:
            chosen = user_env.cozysync("proxy", "pac", pac.url, exe=exe)
            assert chosen.code == 0, chosen.err
            result = user_env.cozysync(
                "link", str(local), wsgidav_server.url, "--user", wsgidav_server.user,
                "--password-stdin", "--insecure-file-store",
                stdin=f"{wsgidav_server.password}\n", exe=exe,
            )  # fmt: skip
            assert result.code == 0, result.err
            result = user_env.cozysync("sync", "--once", exe=exe)
            assert result.code == 0, result.err
            assert pac.fetched and all(via is None for _, via in pac.fetched)
        server = wsgidav_server.url.split("//")[1].split("/")[0]
        assert server in socks.connected()
    assert (wsgidav_server.root / "via-socks.txt").read_text() == "socks"


def test_bundle_carries_every_runtime_dependency(bundle: Path) -> None:
    """Each package of pyproject.toml's dependencies (and what they import by name
    only: pyspnego's backends, dukpy's engine and runtime files) is in the bundle: a
    dependency added to pyproject.toml but hidden from PyInstaller's analysis shows here."""
    from PyInstaller.archive.readers import pkg_archive_contents

    modules = set(pkg_archive_contents(str(bundle)))
    internal = bundle.parent / "_internal"
    for requirement in runtime_requirements():
        packages = _import_names(requirement.name)
        carried = [p for p in packages if p in modules or any(internal.glob(f"{p}*"))]
        assert carried, f"{requirement.name} ({', '.join(sorted(packages))}) is not in the bundle"
    assert {"spnego._ntlm", "spnego._negotiate", "spnego._gss"} <= modules
    assert {"python_socks.sync", "socksio", "segno", "pypac.parser"} <= modules
    assert list((internal / "dukpy").glob("_dukpy*.so"))
    assert {p.name for p in (internal / "dukpy" / "jsruntime").iterdir()} >= {
        "commonjs_runtime.js",
        "console_runtime.js",
    }
    assert (internal / "publicsuffixlist" / "public_suffix_list.dat").is_file()


def _import_names(distribution: str) -> set[str]:
    """The top-level names a distribution installs (``pyspnego`` → ``spnego``; peewee's
    also ``pwiz``, a tool nobody imports: one of them carried is enough)."""
    from importlib.metadata import packages_distributions

    names = {
        name
        for name, dists in packages_distributions().items()
        if any(canonical_name(d) == canonical_name(distribution) for d in dists)
        and not name.startswith("_")
        and name.isidentifier()
    }
    assert names, f"{distribution} is not installed here"
    return names


def test_bundle_installs_the_desktop_files_from_its_data(bundle: Path, user_env: UserEnv) -> None:
    user_env.env.pop("PYTHONPATH")
    result = user_env.cozysync("install-desktop", exe=[str(bundle)])
    assert result.code == 0, result.err
    entry = user_env.data_home / "applications" / f"{APP_ID}.desktop"
    assert "Exec=cozysync-gui" in entry.read_text(encoding="utf-8")  # no GUI in this build
    assert (user_env.data_home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
