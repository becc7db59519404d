"""A name the server cannot store, typed end to end (issue 14, item 2): a real WsgiDAV
server, a file named ``a\\b.txt`` here (WebDAV servers cannot store a backslash): after a
pass, ``SyncService.status()`` lists it as a problem with the message id
``item.unstorable`` and its reason as the detail (the tray's "Needs your attention" then
has a problem to show), saved with the outcome, and ``cozysync status`` prints it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cozysync.messages import MessageId
from cozysync.service.results import ItemProblem
from tests.engine.api_helpers import linked_service
from tests.servers import WsgiDavServer

NAME = "a\\b.txt"


def _cozysync(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cozysync", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def _the_unstorable_problem(problems: tuple[ItemProblem, ...]) -> ItemProblem:
    [problem] = problems
    assert (problem.path, problem.kind) == (NAME, "unstorable")
    assert problem.message is not None
    assert problem.message.id == MessageId.ITEM_UNSTORABLE
    assert problem.message.args["path"] == NAME
    assert str(problem.message.args["detail"]).strip()  # says why, never empty
    assert problem.title == problem.message.args["detail"]
    assert "this computer" in problem.hint
    return problem


def test_a_name_the_server_cannot_store_is_a_typed_problem_in_status_and_the_cli(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wsgidav_server: WsgiDavServer,
):
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    (local / NAME).write_bytes(b"Q")
    (local / "ok.txt").write_bytes(b"synced")

    outcome = service.sync_once("docs")
    in_pass = _the_unstorable_problem(outcome.names_to_change)
    assert (wsgidav_server.root / "ok.txt").read_bytes() == b"synced"  # the rest synced
    assert not (wsgidav_server.root / NAME).exists()

    [status] = service.status("docs")
    assert _the_unstorable_problem(status.names_to_change) == in_pass  # saved with it
    assert status.errors == ()  # not a failure: nothing is retried

    shown = _cozysync("status", "--name", "docs")  # its settings: COZYSYNC_HOME
    assert shown.returncode == 1, shown.stderr  # needs attention: the name waits
    assert f"to rename:   {NAME}: {in_pass.title}" in shown.stdout, shown.stdout

    as_json = _cozysync("status", "--name", "docs", "--json")
    [data] = json.loads(as_json.stdout)
    [row] = data["names_to_change"]
    assert row["message"]["id"] == "item.unstorable"
    assert dict(row["message"]["params"])["detail"] == in_pass.title
