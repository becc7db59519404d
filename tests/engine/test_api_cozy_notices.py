"""What a Cozy tells about the account reaches the app (issue 15, item 10): through the
service the tray uses, against the double, its warnings at start and the free space
before a big upload come as ``ErrorRaised`` events with typed messages (English words in
``text()``, ``warning.*`` ids the app translates), and the pass still ends in sync."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest

from cozysync.api import SyncService
from cozysync.events import ErrorRaised
from cozysync.messages import MessageId
from cozysync.remotes.cozy_settings import BIG_UPLOAD
from tests.cozy_server import CozyStackServer, UserBrowser
from tests.engine.api_helpers import Recorder, private_home


def test_the_cozys_warnings_and_its_free_space_reach_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cozy_server: CozyStackServer
) -> None:
    events = Recorder()
    service = SyncService(private_home(tmp_path, monkeypatch), emit=events)
    local = tmp_path / "local"
    local.mkdir()
    service.link(
        local, cozy_server.url, name="docs", allow_file_store=True, cozy=True,
        open_browser=False, print_url=UserBrowser(), device_name="laptop",
    )  # fmt: skip
    cozy_server.terms_to_sign = "https://manager.example/tos"
    cozy_server.quota = BIG_UPLOAD + BIG_UPLOAD // 20  # the upload fills it past 90%
    (local / "film.mkv").write_bytes(b"f" * BIG_UPLOAD)

    outcome = service.sync_once("docs")

    assert outcome.in_sync, outcome
    assert cozy_server.tree()["film.mkv"] == b"f" * BIG_UPLOAD
    told = cast(list[ErrorRaised], events.of(ErrorRaised))
    ids = sorted(str(e.message.id) for e in told)
    assert ids == [MessageId.WARNING_COZY_NEARLY_FULL, MessageId.WARNING_COZY_TERMS]
    terms = next(e for e in told if e.message.id == MessageId.WARNING_COZY_TERMS)
    assert "https://manager.example/tos" in terms.title and terms.path is None
    client = next(iter(cozy_server.clients.values()))
    assert client.meta["synchronized_at"]  # POST /settings/synchronized after the pass
