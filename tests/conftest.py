"""Shared fixtures.  Server fixtures: ``wsgidav_server``, ``apache_server``, ``dav_server``
(parametrized over both).  Each yields a started server (see ``tests/servers.py``)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import APACHE_BIN, ApacheServer, DavServer, WsgiDavServer, make_apache_workdir


@pytest.fixture
def wsgidav_server(tmp_path: Path) -> Iterator[WsgiDavServer]:
    server = WsgiDavServer(tmp_path / "dav-root")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _require_apache() -> None:
    if APACHE_BIN is None or not Path("/usr/lib/apache2/modules/mod_dav_fs.so").exists():
        message = "Apache httpd with mod_dav_fs is not installed (apt install apache2)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def apache_server() -> Iterator[ApacheServer]:
    _require_apache()
    work = make_apache_workdir()
    server = ApacheServer(work)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(params=["wsgidav", pytest.param("apache", marks=pytest.mark.apache)])
def dav_server(request: pytest.FixtureRequest) -> DavServer:
    server: DavServer = request.getfixturevalue(f"{request.param}_server")
    return server
