"""Issue 16, item 9: the window shows the pass under way as the CLI does (files and
bytes done of the total, the share done, the time left once known), with a bar, while
the real engine downloads from WsgiDAV (one file sent slowly, 320 KiB/s); hidden again
once up to date.  In French too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from cozysync.progress_estimate import Progress
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.progress_view import progress_text
from tests.servers import WsgiDavServer
from tests.slow_bodies import slow_down

TIMEOUT_MS = 60_000
SHOWN = re.compile(r"(\d+) of 4 files · [\d.,]+ (?:bytes|KB|MB) of 1\.0 MB · (\d+)%")


def test_the_window_shows_files_bytes_and_share_done_while_syncing(
    qtbot, make_app, service, tmp_path: Path, wsgidav_server: WsgiDavServer
):
    wsgidav_server.write("film.bin", b"f" * (1 << 20))
    local = tmp_path / "Vide"
    local.mkdir()
    service.link(
        local, wsgidav_server.url, user=wsgidav_server.user, password=wsgidav_server.password,
        name="docs", allow_file_store=True,
    )  # fmt: skip
    for name in ("a.txt", "b.txt", "c.txt"):
        wsgidav_server.write(name, b"x")
    slow = slow_down(wsgidav_server, "film.bin")
    try:
        app = make_app()
        qtbot.addWidget(app.window)
        view = app.window.progress
        seen: list[tuple[str, int]] = []

        def bytes_under_way() -> bool:
            match = SHOWN.match(view.text.text())
            if view.isVisible() and match:
                seen.append((view.text.text(), view.bar.value()))
            return bool(match) and 0 < int(match.group(2)) < 100

        qtbot.waitUntil(bytes_under_way, timeout=TIMEOUT_MS)
        text, value = seen[-1]
        assert value == int(SHOWN.match(text).group(2))  # the bar says the same share
        assert view.bar.accessibleName() == text
    finally:
        slow.release()
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert not view.isVisible()  # nothing under way
    assert (local / "film.bin").stat().st_size == 1 << 20


def test_the_progress_words_in_french(qapp, french):
    progress = Progress(120, 2000, 1_200_000, 30_000_000, 6, 170.0)
    assert progress_text(progress) == (
        "120 sur 2\u202f000 fichiers · 1,1 Mo sur 28,6 Mo · 6\u00a0% · environ 3 minutes restantes"
    )
    assert progress_text(Progress(1, 1, 0, 0, 100, None)) == "1 sur 1 fichier · 100\u00a0%"
    assert progress_text(Progress(0, 9, 0, 0, 0, 7200.0)).endswith("environ 2 heures restantes")


@pytest.fixture
def us_english(qapp) -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(previous)


def test_the_progress_words_in_english(qapp, us_english):
    progress = Progress(120, 2000, 1_200_000, 30_000_000, 6, 170.0)
    assert progress_text(progress) == (
        "120 of 2,000 files · 1.1 MB of 28.6 MB · 6% · about 3 minutes left"
    )
    assert progress_text(Progress(1, 1, 0, 0, 100, 20.0)) == (
        "1 of 1 file · 100% · less than a minute left"
    )
