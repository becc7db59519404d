"""Share, versions and open online from where the student is (issue 17, item 5; issue 18,
item 3): the recent activity list's right-click menu and the tray menu's "Share…", with
pytest-qt, the real app and its real service, against the Nextcloud double (its OCS share
API: tests/nextcloud_shares_double.py; its versions app: tests/nextcloud_versions_double.py;
its file ids for /index.php/f/) and a plain WsgiDAV server (none of the three offered)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMenu

from cozysync.api import SyncService
from cozysync_ui.activity_menu import ActivityMenu
from cozysync_ui.app import CozySyncApp
from cozysync_ui.dialogs.share_dialog import ShareDialog
from cozysync_ui.dialogs.versions_dialog import VersionsDialog
from cozysync_ui.folder_abilities import Abilities
from cozysync_ui.itemmodels.sync_state import Activity
from cozysync_ui.tray_menu import TrayMenu, menu_texts
from tests.nextcloud_double import NextcloudDouble
from tests.ui.conftest import OpenedUrls

WAIT_MS = 30_000
T0 = 1_765_000_000


@pytest.fixture
def synced(tmp_path: Path, service: SyncService, nextcloud: NextcloudDouble) -> Path:
    """A folder synced with the Nextcloud double; plan.txt written twice (one old
    version kept by the server)."""
    local = tmp_path / "Classe"
    (local / "Exposé SVT").mkdir(parents=True)
    plan = local / "Exposé SVT" / "plan.txt"
    plan.write_bytes(b"premier plan\n")
    os.utime(plan, (T0, T0))  # a version is named by its mtime: a minute apart
    service.link(
        local, nextcloud.webdav_url, user=nextcloud.user, password=nextcloud.password,
        name="classe", allow_file_store=True,
    )  # fmt: skip
    service.sync_once("classe")
    plan.write_bytes(b"plan final\n")
    os.utime(plan, (T0 + 60, T0 + 60))
    service.sync_once("classe")
    return local


def _right_click(qtbot, app: CozySyncApp, rel_path: str) -> QMenu:
    """Right-click the recent activity row of ``rel_path``; the menu, once it opens."""
    assert app.window is not None
    listed = app.window.recent_list
    qtbot.waitUntil(lambda: any(a.rel_path == rel_path for a in listed.activities), timeout=WAIT_MS)
    row = next(n for n, a in enumerate(listed.activities) if a.rel_path == rel_path)
    where = listed.visualItemRect(listed.item(row)).center()
    with qtbot.waitSignal(listed.context_menu.menu_shown, timeout=WAIT_MS) as shown:
        listed.customContextMenuRequested.emit(where)
    menu: QMenu = shown.args[0]
    return menu


def _entry(menu: QMenu, text: str):
    [action] = [a for a in menu.actions() if a.text() == text]
    return action


def test_a_recent_item_shares_shows_its_versions_and_opens_online(
    qtbot, make_app: Callable[..., CozySyncApp], synced: Path, nextcloud: NextcloudDouble,
    opened: OpenedUrls,
):  # fmt: skip
    app = make_app()
    assert app.window is not None
    qtbot.addWidget(app.window)
    menu = _right_click(qtbot, app, "Exposé SVT/plan.txt")
    assert [a.text() for a in menu.actions()] == [
        "Show it in its folder", "Share…", "Versions…", "Open online",
    ]  # fmt: skip
    activity_menu = app.window.recent_list.context_menu

    with qtbot.waitSignal(activity_menu.share_shown, timeout=WAIT_MS) as shown:
        _entry(menu, "Share…").trigger()
    dialog: ShareDialog = shown.args[0]
    assert dialog.windowTitle() == "Share Exposé SVT/plan.txt"
    qtbot.waitUntil(lambda: dialog.busy == 0, timeout=WAIT_MS)
    dialog.make_link.click()
    qtbot.waitUntil(lambda: dialog.busy == 0 and bool(dialog.link.text()), timeout=WAIT_MS)
    [share] = nextcloud.shares.shares.values()
    assert (share["share_type"], share["path"]) == (3, "/Exposé SVT/plan.txt")
    assert dialog.link.text() == f"{nextcloud.url}/index.php/s/{share['token']}"
    dialog.close()

    menu = _right_click(qtbot, app, "Exposé SVT/plan.txt")  # each right-click, a new menu
    _entry(menu, "Versions…").trigger()
    flow = activity_menu.versions
    assert flow is not None
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=WAIT_MS)
    versions: VersionsDialog = flow.dialog
    assert versions.versions.count() == 1  # the first plan; the current one apart
    qtbot.waitUntil(
        lambda: versions.preview_text.toPlainText() == "premier plan\n", timeout=WAIT_MS
    )
    versions.reject()

    menu = _right_click(qtbot, app, "Exposé SVT/plan.txt")
    _entry(menu, "Open online").trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=WAIT_MS)
    assert opened[0].toString().startswith(f"{nextcloud.url}/index.php/f/")


def test_a_plain_webdav_item_offers_only_to_show_it(
    qtbot, make_app: Callable[..., CozySyncApp], local_dir: Path, service: SyncService
):
    service.sync_once("docs")
    app = make_app()
    assert app.window is not None
    qtbot.addWidget(app.window)
    menu = _right_click(qtbot, app, "élève.txt")
    assert [a.text() for a in menu.actions()] == ["Show it in its folder"]
    abilities = app.window.recent_list.context_menu.abilities.known("docs")
    assert abilities == Abilities(shares=False, keeps_versions=False, opens_online=False)
    entries = TrayMenu.of(app.window.menu)
    assert entries is not None
    qtbot.waitUntil(lambda: entries.can_share == {"docs": False}, timeout=WAIT_MS)
    assert "Share…" not in menu_texts(app.window.menu)  # the tray offers no Share… either


def test_the_entries_in_french_and_none_for_an_item_gone(
    qtbot, make_app: Callable[..., CozySyncApp], local_dir: Path, french
):
    app = make_app()
    assert app.window is not None
    qtbot.addWidget(app.window)
    activity_menu: ActivityMenu = app.window.recent_list.context_menu
    everything = Abilities(shares=True, keeps_versions=True, opens_online=True)
    here = Activity("docs", "élève.txt", "", local_dir / "élève.txt", 0.0, "uploaded")
    menu = activity_menu.menu_for(here, everything)
    assert [a.text() for a in menu.actions()] == [
        "Afficher dans son dossier", "Partager…", "Versions…", "Ouvrir en ligne",
    ]  # fmt: skip
    folder = Activity("docs", "Cours", "", local_dir / "Cours", 0.0, "uploaded")
    assert "Versions…" not in [
        a.text() for a in activity_menu.menu_for(folder, everything).actions()
    ]
    gone = Activity("docs", "parti.txt", "", local_dir / "parti.txt", 0.0, "deleted")
    assert [a.text() for a in activity_menu.menu_for(gone, everything).actions()] == [
        "Afficher dans son dossier"
    ]
    menu.deleteLater()


def test_the_tray_menu_shares_a_folder_chosen(
    qtbot, make_app: Callable[..., CozySyncApp], synced: Path, nextcloud: NextcloudDouble,
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    app = make_app()
    assert app.window is not None
    qtbot.addWidget(app.window)
    entries = TrayMenu.of(app.window.menu)  # the tray's entries (the window's menu here)
    assert entries is not None
    # shown once the folder's server is known to share (learned off the GUI thread)
    qtbot.waitUntil(lambda: "Share…" in menu_texts(app.window.menu), timeout=WAIT_MS)
    assert entries.can_share == {"classe": True}
    asked: list[str] = []

    def choose(parent: object, caption: str, start: str, *rest: object) -> str:
        asked.append(start)
        return str(synced / "Exposé SVT")

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    entries.share.trigger()
    assert asked == [str(synced)]  # the chooser opens in the synced folder
    dialogs = [d for d in app.window.findChildren(ShareDialog) if d.isVisible()]
    assert [d.windowTitle() for d in dialogs] == ["Share Exposé SVT"]
    qtbot.waitUntil(lambda: dialogs[0].busy == 0, timeout=WAIT_MS)
    dialogs[0].close()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    entries.share.trigger()  # cancelled: nothing opens
    assert not [d for d in app.window.findChildren(ShareDialog) if d.isVisible()]
