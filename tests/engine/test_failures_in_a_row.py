"""*Failures in a row* end to end (issue 13, item 8): a WsgiDAV that refuses every upload
with 403 gets about 50 PUTs, not one per file; every file is still listed as failed, none
is journalled as synced, downloads go on meanwhile, and once the server accepts again the
next ``sync --once`` sends them all."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cozysync.sync.breaker import TRIP_AFTER
from tests.engine.test_cli import Cli, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import FaultInjector, WsgiDavServer

FILES = 120
NAMES = sorted(f"f{i:03d}.txt" for i in range(FILES))


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def faults(server: WsgiDavServer) -> FaultInjector:
    assert server.faults is not None
    return server.faults


def linked_folder(tmp_path: Path, cli: Cli, server: WsgiDavServer) -> Path:
    local = tmp_path / "Documents"
    local.mkdir()
    cli.link(local, server)
    for i in range(FILES):
        (local / f"f{i:03d}.txt").write_text(f"file {i}\n", encoding="utf-8")
    return local


def sent(server: WsgiDavServer, method: str) -> int:
    """Requests of ``method`` for the files (the first sync's capability probes left out)."""
    seen = faults(server).seen
    return sum(1 for m, path in seen if m == method and "-probe-" not in path)


def puts(server: WsgiDavServer) -> int:
    return sent(server, "PUT")


def deletes(server: WsgiDavServer) -> int:
    return sent(server, "DELETE")


def status_errors(cli: Cli) -> list[dict[str, str]]:
    result = cli("status", "--json")
    errors: list[dict[str, str]] = json.loads(result.out)[0]["errors"]
    return errors


def journalled(cli: Cli) -> int:
    (journal,) = cli.home.glob("data/journals/*.sqlite")
    with sqlite3.connect(journal) as db:
        (count,) = db.execute("SELECT count(*) FROM items").fetchone()
    return int(count)


def test_uploads_refused_alike_are_not_all_sent_and_all_go_once_accepted(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
) -> None:
    linked_folder(tmp_path, cli, wsgidav_server)
    faults(wsgidav_server).clear()
    faults(wsgidav_server).add("PUT", "", 403, times=100 * FILES)

    refused = cli.sync()

    assert refused.code == 1
    assert puts(wsgidav_server) <= TRIP_AFTER + 5  # 4 workers: a few were in flight
    assert deletes(wsgidav_server) == 0  # a refused PUT made no temp to delete
    listed = status_errors(cli)
    assert sorted(e["path"] for e in listed) == NAMES
    not_tried = [e for e in listed if e["title"].startswith("not tried:")]
    assert len(not_tried) >= FILES - TRIP_AFTER - 5
    assert "the server refused the last 50 uploads the same way (HTTP 403)" in not_tried[0]["title"]
    assert journalled(cli) == 0
    assert not list(wsgidav_server.root.iterdir())
    # one line per failed item no more: 20 of them, then how many more
    errors = [line for line in refused.out.splitlines() if line.startswith("  error: ")]
    assert len(errors) == 20
    assert f"  … and {FILES - 20} more (cozysync status lists them all)" in refused.out

    faults(wsgidav_server).clear()  # the server accepts again
    accepted = cli.sync()

    assert accepted.code == 0, accepted.out + accepted.err
    assert puts(wsgidav_server) == FILES
    assert sorted(p.name for p in wsgidav_server.root.iterdir()) == NAMES
    assert status_errors(cli) == []


def test_downloads_go_on_while_uploads_are_refused(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
) -> None:
    local = linked_folder(tmp_path, cli, wsgidav_server)
    for i in range(10):  # after the uploads in the stage's order
        wsgidav_server.write(f"z{i}.txt", f"from the server {i}\n".encode())
    faults(wsgidav_server).clear()
    faults(wsgidav_server).add("PUT", "", 403, times=100 * FILES)

    result = cli.sync()

    assert result.code == 1
    assert puts(wsgidav_server) <= TRIP_AFTER + 5
    for i in range(10):
        assert (local / f"z{i}.txt").read_text(encoding="utf-8") == f"from the server {i}\n"
    listed = [e["path"] for e in status_errors(cli)]
    assert sorted(listed) == NAMES
    assert journalled(cli) == 10  # the downloads, and nothing else
