"""``SyncService.account_info`` (issue 16, item 11): a pair's server, user and quota as
plain data, the quota asked through the remote's declared ``TellsQuota``.  Real WsgiDAV
(its filesystem provider answers RFC 4331 with the disk's own numbers), the Cozy double
(``GET /settings/disk-usage`` as web/settings/disk_usage.go:16-88 answers it, 403
without the scope: :45-53), and RFC 4331 answers as Nextcloud and Apache write them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cozysync.api import SyncService
from cozysync.models import StorageQuota
from cozysync.remotes.webdav_quota import parse_quota
from tests.cozy_server import CozyStackServer, UserBrowser
from tests.engine.api_helpers import linked_service, private_home
from tests.servers import WsgiDavServer

SLACK = 1 << 30  # bytes the shared disk may change by between the server's and our look


def test_webdav_quota_is_the_servers_rfc4331_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    service, _local = linked_service(tmp_path, monkeypatch, wsgidav_server)

    info = service.account_info("docs")

    disk = shutil.disk_usage(wsgidav_server.root)  # what WsgiDAV's provider answers
    assert (info.name, info.server, info.user) == (
        "docs",
        service.folder("docs").remote_url,
        "alice",
    )
    assert info.remote_kind == "webdav" and info.quota_problem is None
    assert info.used_bytes is not None and abs(info.used_bytes - disk.used) < SLACK
    assert info.available_bytes is not None and abs(info.available_bytes - disk.free) < SLACK
    assert info.quota_known and not info.is_unlimited
    assert info.total_bytes == info.used_bytes + info.available_bytes


def test_an_unreachable_server_leaves_the_quota_unknown_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    service, _local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    wsgidav_server.stop()

    info = service.account_info("docs")

    assert info.user == "alice" and info.server == service.folder("docs").remote_url
    assert not info.quota_known and info.used_bytes is None and info.total_bytes is None
    assert info.quota_problem  # said in words, not raised


def test_a_refused_login_is_said_so_not_taken_for_a_server_that_does_not_tell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    service, _local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    wsgidav_server.stop()
    wsgidav_server.password = wsgidav_server._server.password = "a new password"
    wsgidav_server.start()

    info = service.account_info("docs")

    assert info.login_refused and not info.quota_known
    assert info.quota_problem is not None and "401" in info.quota_problem


def _cozy_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cozy: CozyStackServer
) -> SyncService:
    service = SyncService(private_home(tmp_path, monkeypatch))
    local = tmp_path / "local"
    local.mkdir()
    service.link(
        local, cozy.url, name="docs", allow_file_store=True, cozy=True,
        open_browser=False, print_url=UserBrowser(), device_name="laptop",
    )  # fmt: skip
    return service


def test_cozy_quota_is_its_disk_usage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cozy_server: CozyStackServer
) -> None:
    service = _cozy_service(tmp_path, monkeypatch, cozy_server)
    (tmp_path / "local" / "notes.txt").write_bytes(b"n" * 12_345)
    assert service.sync_once("docs").in_sync
    assert cozy_server.used() >= 12_345
    cozy_server.quota = cozy_server.used() + 5_000_000

    info = service.account_info("docs")

    assert info.remote_kind == "cozy"
    assert (info.used_bytes, info.available_bytes) == (cozy_server.used(), 5_000_000)
    assert info.total_bytes == cozy_server.quota and not info.is_unlimited


def test_a_cozy_without_a_quota_is_unlimited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cozy_server: CozyStackServer
) -> None:
    service = _cozy_service(tmp_path, monkeypatch, cozy_server)
    cozy_server.quota = None

    info = service.account_info("docs")

    assert info.is_unlimited and info.available_bytes is None
    assert info.used_bytes == cozy_server.used()


def test_a_cozy_login_without_the_disk_usage_scope_leaves_the_quota_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cozy_server: CozyStackServer
) -> None:
    service = _cozy_service(tmp_path, monkeypatch, cozy_server)
    cozy_server.quota = 10_000_000
    for token, (client, _scope, expired) in list(cozy_server.tokens.items()):
        cozy_server.tokens[token] = (client, "io.cozy.files", expired)  # an older login's

    info = service.account_info("docs")

    assert not info.quota_known and not info.is_unlimited and info.quota_problem is None


def test_rfc4331_answers_as_servers_write_them() -> None:
    def answer(props: str, status: str = "HTTP/1.1 200 OK") -> bytes:
        return (
            '<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/</d:href>'
            f"<d:propstat><d:prop>{props}</d:prop><d:status>{status}</d:status></d:propstat>"
            "</d:response></d:multistatus>"
        ).encode()

    def numbers(used: str, available: str) -> str:
        return (
            f"<d:quota-used-bytes>{used}</d:quota-used-bytes>"
            f"<d:quota-available-bytes>{available}</d:quota-available-bytes>"
        )

    assert parse_quota(answer(numbers("100", "900"))) == StorageQuota(100, 900)
    unlimited = StorageQuota(100, None, is_unlimited=True)
    assert parse_quota(answer(numbers("100", "-3"))) == unlimited  # Nextcloud: no limit
    assert parse_quota(answer(numbers("100", "-2"))) == StorageQuota(100, None)  # unknown
    none = "<d:quota-used-bytes/><d:quota-available-bytes/>"
    assert parse_quota(answer(none, "HTTP/1.1 404 Not Found")) is None  # Apache's mod_dav_fs
    assert parse_quota(b"<not xml") is None
