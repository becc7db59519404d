"""The embedded WsgiDAV server used by ``cozysync demo`` and the tests."""

from __future__ import annotations

import httpx

from cozysync.demo_server import EmbeddedDavServer


def test_anonymous_server_serves_the_folder_and_restarts_on_its_port(tmp_path):
    (tmp_path / "hello.txt").write_bytes(b"hi")
    with EmbeddedDavServer(tmp_path) as server, httpx.Client() as client:
        assert client.get(server.url + "hello.txt").content == b"hi"
        port = server.port
        server.stop()
        server.start()
        assert server.port == port
        assert client.get(server.url + "hello.txt").content == b"hi"


def test_basic_auth_when_a_user_is_given(tmp_path):
    with EmbeddedDavServer(tmp_path, user="bob", password="pw") as server:
        assert httpx.get(server.url).status_code == 401
        put = httpx.put(
            server.url + "x.txt",
            content=b"x",
            auth=("bob", "pw"),
            headers={"X-OC-Mtime": "1000000000"},
        )
        assert put.status_code == 201
    assert (tmp_path / "x.txt").stat().st_mtime == 1_000_000_000  # honor_mtime_header
