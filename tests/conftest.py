"""Shared fixtures.  Server fixtures: ``wsgidav_server``, ``apache_server``, ``dav_server``
(parametrized over both).  Each yields a started server (see ``tests/servers.py``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import APACHE_BIN, ApacheServer, DavServer, WsgiDavServer, started_apache


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
    with started_apache() as server:
        yield server


@pytest.fixture
def multistatus_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per WebDAV multistatus answer parsed (``parse_multistatus``)."""
    import cozysync.remotes.webdav_base as webdav_base

    calls: list[int] = []
    real = webdav_base.parse_multistatus

    def counting(body: object, base_path: str) -> object:
        calls.append(1)
        return real(body, base_path)  # type: ignore[arg-type]

    monkeypatch.setattr(webdav_base, "parse_multistatus", counting)
    return calls


@pytest.fixture(params=["wsgidav", pytest.param("apache", marks=pytest.mark.apache)])
def dav_server(request: pytest.FixtureRequest) -> DavServer:
    server: DavServer = request.getfixturevalue(f"{request.param}_server")
    return server


# --- Cozy: the strict Cozy Stack double of tests/cozy_server.py -----------------------------

from tests.cozy_server import CozyAccount, CozyStackServer, CozyUser, UserBrowser  # noqa: E402


@pytest.fixture
def cozy_server() -> Iterator[CozyStackServer]:
    server = CozyStackServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def cozy_user(cozy_server: CozyStackServer) -> Iterator[CozyUser]:
    user = CozyUser(cozy_server)
    yield user
    user.close()


@pytest.fixture
def cozy_account(
    cozy_server: CozyStackServer, tmp_path: Path, real_keyring: object
) -> Iterator[CozyAccount]:
    """Linked through ``link_cozy`` with a browser that follows the redirect; secrets in
    the private gnome-keyring (the test module imports ``real_keyring``)."""
    import uuid

    from cozysync.remotes.cozy_link import link_cozy
    from cozysync.secrets import KeyringSecrets

    secrets = KeyringSecrets(service=f"cozysync-test-{uuid.uuid4().hex[:8]}")
    result = link_cozy(
        cozy_server.url, secrets=secrets, device_name="laptop", open_browser=False,
        print_url=UserBrowser(),
    )  # fmt: skip
    yield CozyAccount(cozy_server, secrets, result, tmp_path / "cozy-cache")
    secrets.delete(result.account)


# --- Nextcloud: the strict double of tests/nextcloud_double.py ------------------------------

from tests.nextcloud_double import NextcloudDouble, running_nextcloud  # noqa: E402


@pytest.fixture
def nextcloud(tmp_path: Path) -> Iterator[NextcloudDouble]:
    """status.php, Login Flow v2 and the files' WebDAV (a real WsgiDAV) on 127.0.0.1;
    the user's files in ``tmp_path / "nextcloud-files"``."""
    with running_nextcloud(tmp_path / "nextcloud-files") as double:
        yield double
