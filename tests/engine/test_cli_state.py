"""A folder with anything waiting is never "up to date" nor "in sync", through the CLI
against WsgiDAV: ``status`` (text and ``--json``) and ``sync --once`` decide the state
with the one rule (``cozysync.folder_state.decide_state``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.engine.test_guards_e2e import ARCHIVED, synced_80
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def assert_never_up_to_date(text: str) -> None:
    assert "up to date" not in text and "in sync" not in text, text


def test_a_change_made_after_a_pass_in_sync_is_waiting_not_up_to_date(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "élève.txt").write_text("changé après la synchronisation\n", encoding="utf-8")

    text = cli("status").out
    [status] = cli.json("status")

    assert text.startswith("docs: needs attention (1 local change not sent yet)\n"), text
    assert "  waiting:     1 local change\n" in text  # its plural form (issue 16, item 6)
    assert_never_up_to_date(text)
    assert (status["state"], status["kind"], status["pending_changes"]) == (
        "needs attention",
        "needs_attention",
        1,
    )
    assert status["detail"] == "1 local change not sent yet"
    assert cli.sync().code == 0
    assert cli.json("status")[0]["state"] == "up to date"


def test_a_pass_stopped_by_the_guard_while_changes_wait(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_80(tmp_path, cli, wsgidav_server)
    (local / "garder-00.txt").write_text("modifié\n", encoding="utf-8")
    for rel in ARCHIVED:
        (local / rel).unlink()
    stopped = cli.sync()
    assert stopped.code == 5, stopped.err

    text = cli("status").out
    [status] = cli.json("status")

    said = "this sync would delete 60 of 81 items on the server; it was stopped"
    assert text.splitlines()[0] == f"docs: needs attention ({said})", text
    assert "  waiting:     61 local changes\n" in text
    assert_never_up_to_date(text)
    assert (status["state"], status["pending_changes"]) == ("needs attention", 61)
    # the snapshot says what stopped the pass, as the event of the pass did
    assert status["message"]["id"] == "status.stopped"
    assert dict(status["message"]["params"])["error"] == "error.mass_deletion"


class SwapDuringPut:
    """WSGI middleware: the first PUT is read whole, then ``swap`` runs (the file sent is
    replaced by a folder of the same name) and the server answers 503 with Retry-After
    0, so the client sends the file again: a swap made during the upload, seen."""

    def __init__(self, app: Callable[..., Any], swap: Callable[[], None]) -> None:
        self.app, self.swap = app, swap
        self._done = threading.Event()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ["REQUEST_METHOD"] != "PUT" or self._done.is_set():
            return self.app(environ, start_response)
        self._done.set()
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        self.swap()
        start_response("503 Busy", [("Retry-After", "0"), ("Content-Length", "0")])
        return [b""]


def test_a_file_swapped_for_a_folder_while_it_was_sent_says_so(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "notes").write_bytes(b"n" * (1 << 20))

    def swap() -> None:
        (local / "notes").unlink()
        (local / "notes").mkdir()
        (local / "notes" / "dedans.txt").write_text("x\n", encoding="utf-8")

    assert wsgidav_server.faults is not None
    wsgidav_server.faults.app = SwapDuringPut(wsgidav_server.faults.app, swap)

    result = cli.sync()

    said = "'notes' changed from a file to a folder while it was synced"
    assert result.code == 1, result.err
    assert result.out == f"docs: needs attention: {said}; it will be synced at the next pass\n"
    assert_never_up_to_date(result.out + result.err)
    text = cli("status").out
    assert text.startswith(f"docs: needs attention ({said}; it will be synced"), text
    assert "  waiting:     2 local changes\n" in text
    assert_never_up_to_date(text)

    again = cli.sync()

    assert again.code == 0, again.err
    assert (wsgidav_server.root / "notes" / "dedans.txt").read_text(encoding="utf-8") == "x\n"
    assert cli.json("status")[0]["state"] == "up to date"
