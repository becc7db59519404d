"""The user's answer to a deletion guard, through the facade (issue 13, item 2): a
watching pair stopped before trashing the copies of a folder the server lists as empty
says so in a typed event (side, count, paths), and ``answer_deletions`` puts the files
back on the server or confirms the deletions at its next pass."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import cast

import pytest

from cozysync.errors import MassDeletionError
from cozysync.events import StatusChanged
from cozysync.messages import MessageId
from tests.engine.api_helpers import Recorder, linked_service
from tests.servers import WsgiDavServer

CLASS = [f"devoir-{i:02d}.txt" for i in range(12)]


def _stops(events: Recorder) -> list[StatusChanged]:
    statuses = cast(list[StatusChanged], events.of(StatusChanged))
    return [s for s in statuses if s.stopped_by is not None]


def _wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _trash(tmp_path: Path) -> list[str]:
    files = tmp_path / "xdg-data" / "Trash" / "files"
    return sorted(p.name for p in files.iterdir()) if files.exists() else []


@pytest.mark.parametrize("put_back", [True, False], ids=["put-back", "confirm"])
def test_a_watching_pair_applies_the_answer_to_an_emptied_server_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer, put_back: bool
) -> None:
    events = Recorder()
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    (local / "Classe").mkdir()
    for name in CLASS:
        (local / "Classe" / name).write_text(f"travail {name}\n", encoding="utf-8")
    assert service.sync_once("docs").in_sync
    for name in CLASS:  # the server still lists Classe/, with nothing in it
        (wsgidav_server.root / "Classe" / name).unlink()
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=("docs", stop))
    runner.start()
    try:
        _wait_for(lambda: _stops(events))
        stopped_by = _stops(events)[0].stopped_by
        assert stopped_by is not None and stopped_by.id == MessageId.ERROR_FOLDER_EMPTIED
        assert stopped_by.args["side"] == "local"
        assert stopped_by.args["count"] == len(CLASS)
        assert str(stopped_by.args["paths"]).splitlines()[0] == "Classe/devoir-00.txt"
        assert sorted(p.name for p in (local / "Classe").iterdir()) == CLASS  # all kept

        assert service.answer_deletions("docs", put_back=put_back) is None  # to the loop
        if put_back:
            _wait_for(lambda: len(list((wsgidav_server.root / "Classe").iterdir())) == 12)
            assert (wsgidav_server.root / "Classe" / "devoir-03.txt").read_text() == (
                "travail devoir-03.txt\n"
            )
        else:
            _wait_for(lambda: not list((local / "Classe").iterdir()))
    finally:
        stop.set()
        runner.join(30)
    assert not runner.is_alive()
    assert len(_trash(tmp_path)) == (0 if put_back else len(CLASS))


def test_an_answer_for_a_pair_not_running_makes_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    for name in CLASS:
        (local / name).write_text(name, encoding="utf-8")
    assert service.sync_once("docs").in_sync
    for name in CLASS:
        (local / name).unlink()  # the marker is there: 12 of 12 deleted here stops
    with pytest.raises(MassDeletionError, match="is empty, but held 12 synced files"):
        service.sync_once("docs")
    assert sorted(p.name for p in wsgidav_server.root.iterdir()) == CLASS

    outcome = service.answer_deletions("docs", put_back=True)

    assert outcome is not None and outcome.in_sync, outcome
    assert sorted(p.name for p in local.iterdir() if p.name != ".cozysync") == CLASS
