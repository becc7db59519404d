"""The first-run wizard links a folder on the real server; it never deletes what the
folder holds, and a machine without a keyring gets the opt-in private file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from cozysync_ui.dialogs.wizard import FirstRunWizard, folder_warning
from cozysync_ui.itemmodels.sync_state import State

TIMEOUT_MS = 30_000


def fill_and_finish(qtbot, wizard: FirstRunWizard, server, folder: Path) -> None:
    page = wizard.cloud_page
    assert not page.isComplete()
    page.url.setText(server.url)
    page.user.setText(server.user)
    assert not page.isComplete()  # a user name needs its app password
    page.password.setText(server.password)
    assert page.isComplete()
    assert not page.cozy.isEnabled()  # Cozy: "coming soon"
    wizard.next()
    wizard.folder_page.folder.setText(str(folder))
    wizard.next()
    assert wizard.currentPage() is wizard.done_page
    assert str(folder) in wizard.done_page.summary.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.click()
    qtbot.waitUntil(lambda: not wizard.is_linking, timeout=TIMEOUT_MS)
    if wizard.done_page.file_store.isVisible():  # no keyring here: opt in, finish again
        assert "password keeper" in wizard.done_page.error.text()
        wizard.done_page.file_store.setChecked(True)
        finish.click()
        qtbot.waitUntil(lambda: not wizard.is_linking, timeout=TIMEOUT_MS)


def test_the_wizard_links_a_folder_that_then_syncs(
    qtbot, service, make_app, tmp_path: Path, wsgidav_server
):
    folder = tmp_path / "Mes documents"
    folder.mkdir()
    (folder / "déjà là.txt").write_text("garde-moi\n", encoding="utf-8")
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.wizard is not None, timeout=TIMEOUT_MS)  # nothing linked yet
    wizard = app.wizard
    assert app.controller.state.overall() is State.NOT_LINKED
    wizard.cloud_page.url.setText("")  # from the first page
    with qtbot.waitSignal(wizard.accepted, timeout=TIMEOUT_MS):
        fill_and_finish(qtbot, wizard, wsgidav_server, folder)
    [linked] = service.list_folders()
    assert linked.local_root == str(folder)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert (folder / "déjà là.txt").read_text(encoding="utf-8") == "garde-moi\n"
    assert (wsgidav_server.root / "déjà là.txt").read_text(encoding="utf-8") == "garde-moi\n"


def test_a_wrong_password_is_said_on_the_last_page(qtbot, service, tmp_path, wsgidav_server):
    wizard = FirstRunWizard(
        lambda r: service.link(
            r.local_dir, r.url, user=r.user, password=r.password, allow_file_store=True
        )
    )
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.cloud_page.url.setText(wsgidav_server.url)
    wizard.cloud_page.user.setText(wsgidav_server.user)
    wizard.cloud_page.password.setText("not the password")
    wizard.next()
    wizard.folder_page.folder.setText(str(tmp_path / "new"))
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: not wizard.is_linking, timeout=TIMEOUT_MS)
    assert wizard.isVisible() and wizard.result() == 0
    assert wizard.done_page.error.text()
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert service.list_folders() == []


def test_a_folder_that_is_not_empty_is_announced(tmp_path: Path, qapp):
    folder = tmp_path / "full"
    folder.mkdir()
    assert folder_warning(folder) == ""
    (folder / "a.txt").write_text("a")
    (folder / "b.txt").write_text("b")
    warning = folder_warning(folder)
    assert warning.startswith("This folder is not empty (2 items). Nothing in it will be deleted")
    assert folder_warning(folder / "a.txt").startswith("This is a file")
