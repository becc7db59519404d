"""The request channel's pure parts (``cozysync.desktop_requests``): where the socket is
for an environment, and how the registry answers lines (the socket itself is tested
with a running app: tests/ui/test_desktop_requests.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from cozysync.desktop_requests import (
    NOT_AVAILABLE,
    OPEN_ONLINE,
    RequestHandlers,
    make_private_dir,
    request_line,
    socket_path,
)


def test_the_socket_is_in_the_users_runtime_folder():
    assert socket_path({"XDG_RUNTIME_DIR": "/run/user/1000"}) == Path(
        "/run/user/1000/cozysync/requests.sock"
    )
    assert socket_path({}) == Path(f"/tmp/cozysync-{os.getuid()}/requests.sock")
    one = socket_path({"XDG_RUNTIME_DIR": "/run/user/1", "COZYSYNC_HOME": "/home/a/x"})
    other = socket_path({"XDG_RUNTIME_DIR": "/run/user/1", "COZYSYNC_HOME": "/home/a/y"})
    assert one != other and one.parent == other.parent == Path("/run/user/1/cozysync")
    assert socket_path({"COZYSYNC_REQUESTS_SOCKET": "/tmp/s.sock"}) == Path("/tmp/s.sock")


def test_a_private_folder_is_closed_to_others(tmp_path: Path):
    folder = tmp_path / "run"
    folder.mkdir(mode=0o755)
    make_private_dir(folder)
    assert folder.stat().st_mode & 0o777 == 0o700


def answered(handlers: RequestHandlers, line: bytes) -> dict[str, Any]:
    replies: list[dict[str, Any]] = []
    handlers.answer(line, replies.append)
    assert len(replies) == 1
    return replies[0]


def test_a_handler_that_fails_still_answers_once():
    handlers = RequestHandlers(in_sync=lambda paths: True)

    def broken(paths: list[str], reply: Any) -> None:
        reply({"ok": True})
        reply({"ok": True, "again": 1})  # a second reply is dropped

    handlers.register(OPEN_ONLINE, broken)
    assert answered(handlers, request_line(OPEN_ONLINE, ["/a"])) == {"ok": True}
    handlers.register(OPEN_ONLINE, lambda paths, reply: 1 / 0)
    answer = answered(handlers, request_line(OPEN_ONLINE, ["/a"]))
    assert answer["ok"] is False and answer["error"] == "failed"


@pytest.mark.parametrize(
    "line",
    [b"not json\n", b"[]\n", json.dumps({"v": 2, "request": "menu", "paths": ["/a"]}).encode(),
     json.dumps({"v": 1, "request": "rm -rf", "paths": ["/a"]}).encode(),
     json.dumps({"v": 1, "request": "menu", "paths": []}).encode(), b"\xff\xfe\n"],
)  # fmt: skip
def test_bad_lines_are_bad_requests(line: bytes):
    handlers = RequestHandlers(in_sync=lambda paths: True)
    assert answered(handlers, line)["error"] == "bad-request"


def test_an_unknown_action_cannot_be_registered_and_a_missing_one_is_not_available():
    handlers = RequestHandlers(in_sync=lambda paths: True)
    with pytest.raises(ValueError, match="unknown request"):
        handlers.register("format-disk", lambda paths, reply: None)
    assert answered(handlers, request_line("share", ["/a"]))["error"] == NOT_AVAILABLE
