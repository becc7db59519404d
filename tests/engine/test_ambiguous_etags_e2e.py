"""Ambiguous ETags on a real Apache httpd (mod_dav_fs): its file ETag is the size and the
mtime, so two files of one size written in the same second share it.  A server-side
``MOVE src/file1 → dst/file1`` over such a file leaves ``dst/file1`` with the ETag the
journal recorded there; the sync must check its content rather than take it as unchanged
(docs/sync-algorithm.md, "Ambiguous ETags")."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from cozysync.api import SyncService
from tests.engine.api_helpers import linked_service
from tests.servers import ApacheServer

pytestmark = pytest.mark.apache

OLD = b"old bytes of dst"
NEW = b"new bytes of src"  # the same size: the same Apache ETag at the same mtime
SECOND = 1_700_000_000  # both files' mtime on the server's disk


def _synced_pair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: ApacheServer
) -> tuple[SyncService, Path]:
    assert len(OLD) == len(NEW)
    for rel, data in (("src/file1", NEW), ("dst/file1", OLD)):
        os.utime(server.write(rel, data), (SECOND, SECOND))
    service, local = linked_service(tmp_path, monkeypatch, server)  # type: ignore[arg-type]
    assert service.sync_once().in_sync
    assert (local / "dst" / "file1").read_bytes() == OLD
    return service, local


def _server_move(server: ApacheServer, src: str, dst: str) -> None:
    """The user's MOVE through the server's WebDAV API (``Overwrite: T``)."""
    with httpx.Client(auth=(server.user, server.password)) as http:
        response = http.request(
            "MOVE",
            server.url + src,
            headers={"Destination": server.url + dst, "Overwrite": "T"},
        )
    assert response.status_code == 204, response.text  # 204: replaced the target


def _trashed(tmp_path: Path) -> dict[str, bytes]:
    files = tmp_path / "xdg-data" / "Trash" / "files"
    return {p.name: p.read_bytes() for p in files.iterdir()} if files.is_dir() else {}


def test_a_server_move_over_a_file_with_the_same_etag_brings_the_new_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, apache_server: ApacheServer
) -> None:
    service, local = _synced_pair(tmp_path, monkeypatch, apache_server)

    _server_move(apache_server, "src/file1", "dst/file1")
    outcome = service.sync_once()

    assert outcome.in_sync
    assert (local / "dst" / "file1").read_bytes() == NEW
    assert not (local / "src" / "file1").exists()
    assert _trashed(tmp_path) == {"file1": NEW}  # src's deletion went to the OS trash
    assert service.sync_once().in_sync
    assert (local / "dst" / "file1").read_bytes() == NEW


def test_a_server_move_over_a_file_edited_here_keeps_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, apache_server: ApacheServer
) -> None:
    service, local = _synced_pair(tmp_path, monkeypatch, apache_server)

    _server_move(apache_server, "src/file1", "dst/file1")
    (local / "dst" / "file1").write_bytes(b"edited here")
    service.sync_once()

    names = sorted(p.name for p in (local / "dst").iterdir())
    assert len(names) == 2 and names[0] == "file1", names
    assert names[1].startswith("file1 (conflict laptop ")
    assert (local / "dst" / "file1").read_bytes() == NEW  # the server's version keeps the name
    assert (local / "dst" / names[1]).read_bytes() == b"edited here"
    assert (apache_server.root / "dst" / names[1]).read_bytes() == b"edited here"
    assert (apache_server.root / "dst" / "file1").read_bytes() == NEW
