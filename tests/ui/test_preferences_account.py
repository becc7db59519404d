"""Preferences, Account (issue 16, item 11): the linked folder's server, user and quota
(real WsgiDAV, whose filesystem provider answers RFC 4331 with its disk's numbers), said
"unknown" plainly when the server does not tell or cannot be asked; "Sign in again";
"Unlink this computer…" whose destructive button is not the default; "Add a folder…"
(the wizard again) and "Remove…" with several pairs; start at login ticked by the
wizard's last page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from cozysync.api import AccountInfo
from cozysync_ui.autostart import autostart_path, is_autostart_enabled
from cozysync_ui.dialogs.account_section import AccountSection, quota_words
from cozysync_ui.itemmodels.sync_state import State
from tests.servers import WsgiDavServer
from tests.ui.test_preferences import open_preferences
from tests.ui.test_sign_in import NEW_PASSWORD, change_password
from tests.ui.test_wizard import connect, fill_webdav

TIMEOUT_MS = 30_000


def test_the_account_shows_the_server_the_user_and_the_quota(
    qtbot, make_app, service, local_dir: Path, wsgidav_server
):
    _app, dialog = open_preferences(qtbot, make_app)
    section = dialog.account
    qtbot.waitUntil(lambda: not section.bar.isHidden(), timeout=TIMEOUT_MS)
    assert section.server.text() == service.folder("docs").remote_url
    assert section.user.text() == "alice"
    assert " used, " in section.quota.text() and section.quota.text().endswith(" free")
    disk = shutil.disk_usage(wsgidav_server.root)  # what WsgiDAV told
    assert abs(section.bar.value() - 1000 * disk.used / (disk.used + disk.free)) <= 10


def test_a_server_that_cannot_be_asked_is_said_unknown(
    qtbot, make_app, service, local_dir: Path, wsgidav_server
):
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    wsgidav_server.stop()
    try:
        app.window.preferences.click()
        section = app.preferences.account
        qtbot.waitUntil(lambda: section.quota.text().startswith("Unknown"), timeout=TIMEOUT_MS)
        assert "could not be asked now" in section.quota.text() and section.bar.isHidden()
        assert section.user.text() == "alice"  # what is known here is still shown
    finally:
        wsgidav_server.start()


def test_quota_words_in_english_and_french(qtbot, french):
    told = AccountInfo("docs", "https://dav.example/", "bob", "webdav", 1_500_000, 500_000)
    untold = AccountInfo("docs", "https://dav.example/", "bob", "webdav")
    unlimited = AccountInfo("docs", "https://x.mycozy.cloud/", None, "cozy", 2_000, None, True)
    assert quota_words(told) == "1,4 Mo utilisés, 488,3 ko libres"
    assert quota_words(untold) == "Inconnu : votre serveur ne le dit pas."
    assert quota_words(unlimited).endswith("utilisés, sans limite")
    section = AccountSection()
    qtbot.addWidget(section)
    section.show_folder("docs", told.server, told.user)
    section.show_info(untold)
    assert section.quota.text() == "Inconnu : votre serveur ne le dit pas."
    assert section.bar.isHidden()
    section.show_info(told)
    assert section.bar.value() == 750


def test_unlink_from_the_preferences_does_not_default_to_unlinking(
    qtbot, make_app, service, local_dir: Path, wsgidav_server
):
    app, dialog = open_preferences(qtbot, make_app)
    dialog.unlink_button.click()
    box = dialog.confirm_box
    assert box.defaultButton() is dialog.confirm_cancel
    assert box.escapeButton() is dialog.confirm_cancel
    assert "“docs”" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: the safe choice
    assert dialog.unlink_request is None and dialog.isVisible()
    assert [f.name for f in service.list_folders()] == ["docs"]
    dialog.unlink_button.click()
    with qtbot.waitSignal(app.controller.unlinked, timeout=TIMEOUT_MS):
        dialog.confirm_yes.click()
    assert service.list_folders() == []
    assert (local_dir / "élève.txt").exists()  # kept here unless asked


def test_sign_in_again_opens_the_prompt(qtbot, make_app, service, local_dir: Path):
    app, dialog = open_preferences(qtbot, make_app)
    with qtbot.waitSignal(app.controller.sign_in_asked, timeout=TIMEOUT_MS) as asked:
        dialog.account.sign_in.click()
    assert asked.args[0].name == "docs"
    qtbot.waitUntil(lambda: app.sign_in_dialog is not None, timeout=TIMEOUT_MS)
    assert app.sign_in_dialog.isVisible()
    app.sign_in_dialog.reject()


def test_add_a_folder_links_another_pair_through_the_wizard_and_remove_unlinks_it(
    qtbot, make_app, service, local_dir: Path, tmp_path: Path
):
    (tmp_path / "dav2").mkdir()
    other = WsgiDavServer(tmp_path / "dav2")
    other.start()
    try:
        app, dialog = open_preferences(qtbot, make_app)
        assert dialog.folder_choice.isHidden() and dialog.remove_button.isHidden()  # one pair
        dialog.add_folder_button.click()
        wizard = app.wizard
        assert wizard is not None and wizard.isVisible()
        second = tmp_path / "Photos"
        second.mkdir()
        fill_webdav(wizard, other, second, qtbot)
        connect(qtbot, wizard)
        qtbot.waitUntil(lambda: not wizard.is_busy, timeout=TIMEOUT_MS)
        assert not wizard.ready_page.start_at_login.isChecked()  # as it is: off here
        with qtbot.waitSignal(wizard.accepted, timeout=TIMEOUT_MS):
            wizard.button(QWizard.WizardButton.FinishButton).click()
        assert not is_autostart_enabled()  # left as the user had it
        [added] = [f for f in service.list_folders() if f.name != "docs"]
        assert added.local_root == str(second)
        assert not dialog.folder_choice.isHidden() and not dialog.remove_button.isHidden()
        assert dialog.current_folder() == added.name
        qtbot.waitUntil(lambda: not dialog.account.bar.isHidden(), timeout=TIMEOUT_MS)
        assert dialog.account.server.text() == other.url
        dialog.remove_button.click()
        assert dialog.confirm_box.defaultButton() is dialog.confirm_cancel
        with qtbot.waitSignal(app.controller.unlinked, timeout=TIMEOUT_MS) as unlinked:
            dialog.confirm_yes.click()
        assert unlinked.args[0].name == added.name
        assert [f.name for f in service.list_folders()] == ["docs"]
    finally:
        other.stop()


@pytest.mark.parametrize("keep_ticked", [True, False])
def test_the_first_wizard_turns_start_at_login_on_unless_unticked(
    qtbot, service, make_app, tmp_path: Path, wsgidav_server, keep_ticked: bool
):
    folder = tmp_path / "Cours"
    folder.mkdir()
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.wizard is not None, timeout=TIMEOUT_MS)
    wizard = app.wizard
    fill_webdav(wizard, wsgidav_server, folder, qtbot)
    connect(qtbot, wizard)
    qtbot.waitUntil(lambda: not wizard.is_busy, timeout=TIMEOUT_MS)
    box = wizard.ready_page.start_at_login
    assert box.isChecked() and box.isVisible() and box.isEnabled()  # on by default
    assert not is_autostart_enabled()
    box.setChecked(keep_ticked)
    with qtbot.waitSignal(wizard.accepted, timeout=TIMEOUT_MS):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert autostart_path().is_file() is keep_ticked


def test_a_refused_login_is_said_and_signing_in_again_shows_the_quota(
    qtbot, make_app, service, local_dir: Path, wsgidav_server
):
    assert service.sync_once("docs").in_sync
    change_password(wsgidav_server, NEW_PASSWORD)
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.logins.folders() == ["docs"], timeout=TIMEOUT_MS)
    app.window.preferences.click()
    section = app.preferences.account
    refused = "Unknown: your cloud refused the login. Choose Sign in again."
    qtbot.waitUntil(lambda: section.quota.text() == refused, timeout=TIMEOUT_MS)
    section.sign_in.click()
    qtbot.waitUntil(lambda: app.sign_in_dialog is not None and app.sign_in_dialog.isVisible())
    app.sign_in_dialog.password.setText(NEW_PASSWORD)
    app.sign_in_dialog.submit.click()
    qtbot.waitUntil(lambda: not section.bar.isHidden(), timeout=TIMEOUT_MS)  # asked again
    assert " used, " in section.quota.text()
