"""The system-wide defaults file (``cozysync/defaults.toml`` in XDG_CONFIG_DIRS): found,
read, checked, and honoured by ``cozysync link`` and by the proxy of every command."""

from __future__ import annotations

import getpass
import json
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.defaults import SystemDefaults, apply_proxy, find_defaults_file, load_defaults
from cozysync.errors import ConfigError
from tests.packaging.conftest import DATA, UserEnv
from tests.servers import WsgiDavServer


def _write_defaults(config_dir: Path, text: str) -> Path:
    path = config_dir / "cozysync" / "defaults.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_first_folder_of_xdg_config_dirs_holding_the_file_wins(tmp_path: Path) -> None:
    first, second, empty = tmp_path / "site", tmp_path / "vendor", tmp_path / "empty"
    _write_defaults(second, 'server = "https://vendor.example/"\n')
    ours = _write_defaults(first, 'server = "https://school.example/"\nmode = "backup"\n')
    env = {"XDG_CONFIG_DIRS": f"{empty}::relative/dir:{first}:{second}"}
    assert find_defaults_file(env) == ours
    assert load_defaults(env) == SystemDefaults(
        server="https://school.example/", mode="backup", source=ours
    )


def test_no_file_means_empty_defaults(tmp_path: Path) -> None:
    assert load_defaults({"XDG_CONFIG_DIRS": str(tmp_path)}) == SystemDefaults()


def test_the_documented_example_loads_with_the_login_name(tmp_path: Path) -> None:
    _write_defaults(tmp_path, (DATA / "defaults.toml.example").read_text())
    defaults = load_defaults({"XDG_CONFIG_DIRS": str(tmp_path)})
    login = getpass.getuser()
    assert defaults.server == f"https://cloud.school.example/remote.php/dav/files/{login}/"
    assert defaults.user == login
    assert defaults.folder_path == Path.home() / "Cloud"
    assert (defaults.mode, defaults.proxy) == ("two-way", "http://proxy.school.example:3128")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('sever = "https://typo.example/"\n', "unknown setting 'sever'"),
        ("mode = 3\n", "'mode' in the defaults file"),
        ('server = "https://unclosed\n', "is not valid TOML"),
    ],
    ids=["unknown key", "wrong type", "bad TOML"],
)
def test_a_damaged_file_is_reported_with_its_path(tmp_path: Path, text: str, message: str) -> None:
    path = _write_defaults(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_defaults({"XDG_CONFIG_DIRS": str(tmp_path)})
    assert message in caught.value.title and str(path) in caught.value.title


def test_proxy_is_applied_unless_the_user_set_one() -> None:
    defaults = SystemDefaults(proxy="http://proxy:3128", no_proxy=".school.example")
    env: dict[str, str] = {"NO_PROXY": "intranet"}
    assert apply_proxy(defaults, env)
    assert env["HTTPS_PROXY"] == env["HTTP_PROXY"] == "http://proxy:3128"
    assert env["NO_PROXY"] == ".school.example,intranet,localhost,127.0.0.1,::1"
    own = {"https_proxy": "http://mine:8080"}
    assert not apply_proxy(defaults, own)
    assert own == {"https_proxy": "http://mine:8080"}
    assert not apply_proxy(SystemDefaults(), {})


def test_defaults_command_shows_what_is_read(user_env: UserEnv) -> None:
    result = user_env.cozysync("defaults")
    assert result.code == 0 and "No defaults file" in result.out
    path = _write_defaults(Path(user_env.env["XDG_CONFIG_DIRS"]), 'folder = "~/School"\n')
    result = user_env.cozysync("defaults")
    assert f"Defaults from {path}" in result.out
    assert "folder = ~/School" in result.out and "server = (not set)" in result.out


def test_link_without_arguments_uses_the_defaults(
    user_env: UserEnv, wsgidav_server: WsgiDavServer
) -> None:
    _write_defaults(
        Path(user_env.env["XDG_CONFIG_DIRS"]),
        f'server = "{wsgidav_server.url}"\nuser = "{wsgidav_server.user}"\n'
        'folder = "~/Cloud"\nmode = "backup"\n',
    )
    result = user_env.cozysync(
        "link", "--password-stdin", "--insecure-file-store", stdin=f"{wsgidav_server.password}\n"
    )
    assert result.code == 0, result.err
    home_cloud = Path(user_env.env["HOME"]) / "Cloud"
    config = Path(user_env.env["COZYSYNC_HOME"]) / "config" / "folders.json"
    (folder,) = json.loads(config.read_text())["folders"]
    assert folder["local_root"] == str(home_cloud)
    assert folder["remote_url"] == wsgidav_server.url
    assert (folder["user"], folder["mode"]) == (wsgidav_server.user, "backup")

    (home_cloud / "homework.txt").write_text("done")
    assert user_env.cozysync("sync", "--once").code == 0
    assert (wsgidav_server.root / "homework.txt").read_text() == "done"


def test_arguments_win_over_the_defaults_and_a_missing_server_is_explained(
    user_env: UserEnv, tmp_path: Path
) -> None:
    _write_defaults(Path(user_env.env["XDG_CONFIG_DIRS"]), 'folder = "~/Cloud"\n')
    result = user_env.cozysync("link")
    assert result.code == 1
    assert "which server? No URL given and no default server is set" in result.err
    result = user_env.cozysync("link", str(tmp_path / "elsewhere"), "ftp://not-http/")
    assert "is not a server address" in result.err  # the given address, not a default


class _RecordingProxy(socketserver.ThreadingTCPServer):
    """Records each request line it gets and answers 502, like a proxy with no way out."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        self.lines: list[str] = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)


class _ProxyHandler(socketserver.StreamRequestHandler):
    server: _RecordingProxy

    def handle(self) -> None:
        self.server.lines.append(self.rfile.readline().decode("latin-1").strip())
        self.wfile.write(
            b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )


@pytest.fixture
def recording_proxy() -> Iterator[_RecordingProxy]:
    proxy = _RecordingProxy()
    thread = threading.Thread(target=proxy.serve_forever, name="test-proxy", daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()
        thread.join(5)


def test_the_defaults_proxy_carries_the_connections(
    user_env: UserEnv, recording_proxy: _RecordingProxy
) -> None:
    port = recording_proxy.server_address[1]
    _write_defaults(
        Path(user_env.env["XDG_CONFIG_DIRS"]),
        f'server = "http://cloud.school.invalid/dav/"\nproxy = "http://127.0.0.1:{port}"\n',
    )
    result = user_env.cozysync("link", str(user_env.root / "Cloud"))
    assert result.code != 0  # the proxy has no way out
    assert any("http://cloud.school.invalid/" in line for line in recording_proxy.lines), (
        recording_proxy.lines,
        result.err,
    )
