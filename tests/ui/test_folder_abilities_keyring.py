"""What a folder's server offers (share, versions, open online) is learned without
reading the keyring on the GUI thread (issue 17, item 5; issue 18, item 3): building a
folder's remote reads its password from the secret store, which over D-Bus can take
seconds.  The secret store is the test home's real file store behind the gate of
test_desktop_requests_keyring.py (it records which thread reads, and holds reads while
closed); the server is the Nextcloud double."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync.desktop_requests import COPY_SHARE_LINK, MENU, SHARE, request_line
from cozysync_ui.app import CozySyncApp
from cozysync_ui.folder_abilities import Abilities, FolderAbilities
from cozysync_ui.tray_menu import TrayMenu, menu_texts
from tests.nextcloud_double import NextcloudDouble
from tests.ui.test_desktop_requests_keyring import KeyringGate, SlowKeyringComposition

WAIT_MS = 20_000


@pytest.fixture
def gate() -> KeyringGate:
    return KeyringGate()


@pytest.fixture
def service(gate: KeyringGate) -> SyncService:
    locations = Locations.from_env()
    return SyncService(locations, adapters=SlowKeyringComposition(locations, gate))


@pytest.fixture
def linked(tmp_path: Path, service: SyncService, nextcloud: NextcloudDouble) -> Path:
    local = tmp_path / "Classe"
    local.mkdir()
    (local / "lundi.txt").write_text("maths", encoding="utf-8")
    service.link(
        local, nextcloud.webdav_url, user=nextcloud.user, password=nextcloud.password,
        name="classe", allow_file_store=True,
    )  # fmt: skip
    service.sync_once("classe")
    return local


def test_a_slow_keyring_does_not_stop_the_gui_thread(
    qtbot, service: SyncService, gate: KeyringGate, linked: Path
):
    gate.readers.clear()
    gate.closed = True
    abilities = FolderAbilities(service)
    learned: list[Abilities] = []
    abilities.learn("classe", learned.append)
    assert gate.entered.wait(WAIT_MS / 1000)  # the read is under way, held
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=WAIT_MS)  # the event loop runs meanwhile
    assert not learned and abilities.known("classe") is None
    abilities.learn("classe", learned.append)  # asked again meanwhile: one read answers both
    gate.opened.set()
    qtbot.waitUntil(lambda: len(learned) == 2, timeout=WAIT_MS)
    assert learned == [Abilities(shares=True, keeps_versions=True, opens_online=True)] * 2
    assert abilities.known("classe") == learned[0]
    assert gate.readers and threading.main_thread() not in gate.readers
    reads = len(gate.readers)
    abilities.learn("classe", learned.append)  # known: answered at once, nothing read
    assert len(learned) == 3 and len(gate.readers) == reads


def test_the_tray_and_the_activity_menu_never_read_it_on_the_gui_thread(
    qtbot, make_app: Callable[..., CozySyncApp], gate: KeyringGate, linked: Path
):
    gate.readers.clear()
    app = make_app()
    assert app.window is not None
    qtbot.addWidget(app.window)
    entries = TrayMenu.of(app.window.menu)
    assert entries is not None
    qtbot.waitUntil(lambda: "Share…" in menu_texts(app.window.menu), timeout=WAIT_MS)
    listed = app.window.recent_list
    qtbot.waitUntil(lambda: bool(listed.activities), timeout=WAIT_MS)
    with qtbot.waitSignal(listed.context_menu.menu_shown, timeout=WAIT_MS) as shown:
        listed.customContextMenuRequested.emit(listed.visualItemRect(listed.item(0)).center())
    texts = [a.text() for a in shown.args[0].actions()]
    assert texts == ["Show it in its folder", "Share…", "Versions…", "Open online"]
    assert gate.readers and threading.main_thread() not in gate.readers


def test_the_file_managers_share_entries_never_read_it_on_the_gui_thread(
    qtbot, make_app: Callable[..., CozySyncApp], gate: KeyringGate, linked: Path
):
    app = make_app()
    assert app.window is not None
    qtbot.addWidget(app.window)
    gate.readers.clear()
    answers: list[dict[str, object]] = []
    app.requests.answer(request_line(MENU, [str(linked / "lundi.txt")]), answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)  # once learned in the background
    [menu] = answers
    offered = menu["actions"]
    assert isinstance(offered, list) and SHARE in offered and COPY_SHARE_LINK in offered, menu
    assert gate.readers and threading.main_thread() not in gate.readers
