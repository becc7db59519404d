"""Shared drives in the app (issue 15, item 8): the preferences of a Cozy folder offer
"Shared drives…", which lists the Cozy's drives (ticked when synced here); ticking one
syncs it in a folder of its own, unticking it stops (its files stay).  Through the real
service against the Cozy double's drive routes (tests/cozy_drives_double.py)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from cozysync.shared_drives import SharedDrive
from cozysync_ui.dialogs.drives_dialog import DrivesDialog
from cozysync_ui.itemmodels.sync_state import State
from tests.cozy_server import CozyStackServer
from tests.engine.cozy_world import link_with_browser
from tests.engine.inprocess_cli import InProcessCli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

TIMEOUT_MS = 30_000


def _drive(drive_id: str, name: str, **flags: object) -> SharedDrive:
    values: dict[str, object] = {"read_only": False, "owned": False, "root_id": "r" + drive_id}
    values.update(flags)
    return SharedDrive(drive_id, name, "Collège Jean Moulin", **values)  # type: ignore[arg-type]


def test_ticks_say_what_to_add_and_what_to_remove(qtbot, tmp_path: Path, french):
    drives = (
        _drive("a", "6e B", linked_as="6e B"),
        _drive("b", "Exposé SVT", read_only=True),
        _drive("c", "Règlement.pdf", is_folder=False),
    )
    dialog = DrivesDialog("docs", drives, home=tmp_path / "Drives")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Drives partagés de docs"
    items = [dialog.list.item(row) for row in range(dialog.list.count())]
    assert [i.text() for i in items] == [
        "6e B — partagé par Collège Jean Moulin (vous pouvez modifier)",
        "Exposé SVT — partagé par Collège Jean Moulin (en lecture seule)",
        "Règlement.pdf — partagé par Collège Jean Moulin (vous pouvez modifier)",
    ]
    assert [i.checkState() == Qt.CheckState.Checked for i in items] == [True, False, False]
    assert not items[2].flags() & Qt.ItemFlag.ItemIsEnabled  # one file: not synced
    assert dialog.added() == [] and dialog.removed() == []

    dialog.set_ticked("b", True)
    dialog.set_ticked("a", False)
    dialog.set_ticked("c", True)  # cannot be synced: never added
    assert [(d.name, where) for d, where in dialog.added()] == [
        ("Exposé SVT", tmp_path / "Drives" / "Exposé SVT")
    ]
    assert dialog.removed() == ["6e B"]


def test_a_drive_is_ticked_synced_then_unticked_with_its_files_kept(
    qtbot, make_app, service, tmp_path: Path, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    local = tmp_path / "Cozy"
    local.mkdir()
    cli = InProcessCli(tmp_path / "home", dict(os.environ))  # the app's COZYSYNC_HOME
    assert link_with_browser(cli, local, cozy_server.url).code == 0
    drive = cozy_server.receive_drive("6e B", "Collège Jean Moulin")
    drive.put("Cours/chap1.txt", b"v1")
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    app.window.preferences.click()
    prefs = app.preferences
    assert not prefs.drives_button.isHidden()  # a Cozy folder: it has drives

    with qtbot.waitSignal(app.drives.shown, timeout=TIMEOUT_MS):
        prefs.drives_button.click()
    dialog = app.drives.dialog
    assert dialog is not None
    dialog.home = tmp_path / "Drives"
    dialog.set_ticked(drive.id, True)
    with qtbot.waitSignal(app.drives.added, timeout=TIMEOUT_MS):
        dialog.accept()
    where = tmp_path / "Drives" / "6e B"
    assert [f.name for f in service.list_folders()] == ["docs", "6e B"]
    qtbot.waitUntil(lambda: (where / "Cours" / "chap1.txt").exists(), timeout=TIMEOUT_MS)
    assert (where / "Cours" / "chap1.txt").read_bytes() == b"v1"

    with qtbot.waitSignal(app.drives.shown, timeout=TIMEOUT_MS):
        prefs.drives_button.click()
    again = app.drives.dialog
    assert again is not None and again is not dialog
    assert again.list.item(0).checkState() == Qt.CheckState.Checked  # synced here
    again.set_ticked(drive.id, False)
    with qtbot.waitSignal(app.controller.unlinked, timeout=TIMEOUT_MS):
        again.accept()
    assert [f.name for f in service.list_folders()] == ["docs"]
    assert (where / "Cours" / "chap1.txt").read_bytes() == b"v1"  # its files stay
    assert drive.tree() == {"Cours": None, "Cours/chap1.txt": b"v1"}  # the drive too


def test_a_webdav_folder_has_no_shared_drives(qtbot, make_app, local_dir: Path):
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    app.window.preferences.click()
    assert app.preferences.drives_button.isHidden()


def test_the_wizard_offers_the_drives_of_the_cozy_it_linked(
    qtbot, service, make_app, tmp_path: Path, cozy_server: CozyStackServer, cozy_user
):
    from tests.ui.test_wizard import LoginBrowser, connect, leave_the_cloud_page

    drive = cozy_server.receive_drive("6e B", "Collège Jean Moulin")
    drive.put("chap1.txt", b"v1")
    folder = tmp_path / "Cozy"
    folder.mkdir()
    browser = LoginBrowser()
    app = make_app()
    app.controller.open_url = browser
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.wizard is not None, timeout=TIMEOUT_MS)
    wizard = app.wizard
    wizard.cloud_page.url.setText(cozy_server.url)
    leave_the_cloud_page(qtbot, wizard)
    wizard.folder_page.folder.setText(str(folder))
    wizard.next()
    connect(qtbot, wizard)
    browser.join()
    qtbot.waitUntil(lambda: not wizard.is_busy, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(app.drives.offered, timeout=TIMEOUT_MS) as offered:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert offered.args == [True]
    dialog = app.drives.dialog
    assert dialog is not None
    assert dialog.status.text().startswith("Your Cozy also shares drives with you")
    dialog.home = tmp_path / "Drives"
    dialog.set_ticked(drive.id, True)
    with qtbot.waitSignal(app.drives.added, timeout=TIMEOUT_MS):
        dialog.accept()
    where = tmp_path / "Drives" / "6e B"
    qtbot.waitUntil(lambda: (where / "chap1.txt").exists(), timeout=TIMEOUT_MS)
    assert [f.name for f in service.list_folders()] == ["Cozy", "6e B"]
