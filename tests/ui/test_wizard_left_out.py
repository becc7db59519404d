"""The wizard offers what a Cozy's other clients leave out (issue 15, item 10): a
reinstall is a new OAuth client whose token cannot tell its own earlier client from
another device's (web/settings/clients.go:50), so the last page lists every folder
ticked and says which ones are left out elsewhere, with a button that unticks them;
nothing is left out unasked.  The real app against the Cozy double, in French."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from cozysync_ui.itemmodels.sync_state import State
from tests.cozy_server import CozyStackServer, CozyUser
from tests.ui.test_wizard import TIMEOUT_MS, LoginBrowser, leave_the_cloud_page

EARLIER_CLIENT = "0f8a6c2e0c7d4a31b1e6a7b8c9d0e1f2"  # this computer before a reinstall


def connect(qtbot, wizard) -> None:
    """tests/ui/test_wizard.connect in any language: no keyring here, the file opted in."""
    assert wizard.currentPage() is wizard.connect_page
    qtbot.waitUntil(lambda: not wizard.is_linking, timeout=TIMEOUT_MS)
    page = wizard.connect_page
    if page.file_store.isVisible():
        page.file_store.setChecked(True)
        page.retry.click()
        qtbot.waitUntil(lambda: not wizard.is_linking, timeout=TIMEOUT_MS)
    assert wizard.currentPage() is wizard.ready_page, page.error.text()


def _checked(wizard) -> dict[str, bool]:
    return {
        item.text(): item.checkState() == Qt.CheckState.Checked
        for item in wizard.ready_page.choice.items()
    }


def test_the_wizard_offers_what_is_left_out_elsewhere_and_unticks_it_when_asked(
    qtbot, service, make_app, french, tmp_path: Path, cozy_server: CozyStackServer,
    cozy_user: CozyUser,
):  # fmt: skip
    cozy_user.write("Classe/cours.txt", b"cours du lundi")
    cozy_user.write("Photos/plage.jpg", b"jpeg")
    cozy_user.doc("Photos").not_synchronized_on = [EARLIER_CLIENT]
    folder = tmp_path / "Cozy"
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

    choice = wizard.ready_page.choice
    assert _checked(wizard) == {"Classe": True, "Photos": True}  # nothing taken unasked
    assert not choice.left_out.isHidden() and not choice.leave_out.isHidden()
    assert choice.left_out.text() == (
        "Sur votre Cozy, un autre appareil, ou cet ordinateur avant une réinstallation, "
        "laisse de côté : Photos."
    )
    assert choice.leave_out.text() == "Les laisser de côté ici aussi"
    choice.leave_out.click()
    assert _checked(wizard) == {"Classe": True, "Photos": False}

    with qtbot.waitSignal(wizard.accepted, timeout=TIMEOUT_MS):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    [linked] = service.list_folders()
    assert linked.excluded_folders == ("Photos",)
    new_client = str(linked.cozy_account).rsplit(":", 1)[1]
    qtbot.waitUntil(lambda: (folder / "Classe" / "cours.txt").exists(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert not (folder / "Photos").exists()
    assert sorted(cozy_user.doc("Photos").not_synchronized_on) == sorted(
        [EARLIER_CLIENT, new_client]
    )


def test_nothing_is_offered_when_nothing_is_left_out(
    qtbot, service, make_app, tmp_path: Path, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    cozy_user.write("Photos/plage.jpg", b"jpeg")
    browser = LoginBrowser()
    app = make_app()
    app.controller.open_url = browser
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.wizard is not None, timeout=TIMEOUT_MS)
    wizard = app.wizard
    wizard.cloud_page.url.setText(cozy_server.url)
    leave_the_cloud_page(qtbot, wizard)
    wizard.folder_page.folder.setText(str(tmp_path / "Cozy"))
    wizard.next()
    connect(qtbot, wizard)
    browser.join()
    qtbot.waitUntil(lambda: not wizard.is_busy, timeout=TIMEOUT_MS)
    assert _checked(wizard) == {"Photos": True}
    choice = wizard.ready_page.choice
    assert choice.left_out.isHidden() and choice.leave_out.isHidden()
    wizard.reject()
