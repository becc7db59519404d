"""The wizard's first page checks the address and the login before going on (issue 16,
item 4) and signs in to a Nextcloud through the browser (item 5): against a real WsgiDAV
server with a password, the strict Cozy double, the strict Nextcloud double (its files on
a real WsgiDAV) and an https server whose certificate nobody trusts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWizard

from cozysync_ui.background import wait_for_background
from cozysync_ui.dialogs.wizard import FirstRunWizard
from cozysync_ui.itemmodels.sync_state import State
from tests.nextcloud_double import NextcloudDouble
from tests.remotes.test_nextcloud_login import SelfSignedHttps
from tests.servers import free_port
from tests.ui.test_wizard import TIMEOUT_MS, connect


class GrantingBrowser:
    """The desktop's browser: a Nextcloud login page is opened and the access granted
    (``grant=False``: the user never does)."""

    def __init__(self, nextcloud: NextcloudDouble, *, grant: bool = True) -> None:
        self.nextcloud, self.grant = nextcloud, grant
        self.opened: list[str] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(url.toString())
        if "/login/v2/flow/" in url.toString():
            assert self.nextcloud.visit(url.toString()) == 303
            if self.grant:
                self.nextcloud.grant(url.toString())
        return True


def unlinked_wizard(qtbot, **options) -> FirstRunWizard:
    def link(_request, _show_url) -> None:
        raise AssertionError("nothing is linked in this test")

    wizard = FirstRunWizard(link, **options)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def problem_after_next(qtbot, wizard: FirstRunWizard) -> str:
    page = wizard.cloud_page
    page.problem.clear()
    wizard.next()
    qtbot.waitUntil(lambda: bool(page.problem.text()), timeout=TIMEOUT_MS)
    assert wizard.currentPage() is page
    return page.problem.text()


def test_the_first_page_says_what_is_wrong_in_words(qtbot, wsgidav_server, tmp_path: Path):
    wizard = unlinked_wizard(qtbot)
    page = wizard.cloud_page
    page.url.setText(f"http://127.0.0.1:{free_port()}")  # nothing listens there
    assert problem_after_next(qtbot, wizard).startswith("cozysync cannot reach this address.")
    page.url.setText(wsgidav_server.url)  # a WebDAV server, but "My Cozy" is ticked
    assert problem_after_next(qtbot, wizard).startswith("This address is not a Cozy.")
    page.webdav.setChecked(True)  # no user name given: the server asks for one
    assert problem_after_next(qtbot, wizard) == "This server asks for a user name and a password."
    https = SelfSignedHttps(tmp_path)
    https.start()
    try:
        page.url.setText(https.url)
        page.user.setText("alice")
        page.password.setText("pw")
        said = problem_after_next(qtbot, wizard)
    finally:
        https.stop()
    assert said.startswith("The secure connection failed: this computer does not trust")
    assert not page.busy_row.isVisibleTo(page)  # the check ended
    assert wizard.currentPage() is page


def test_the_words_are_french_in_french(qtbot, french, wsgidav_server):
    wizard = unlinked_wizard(qtbot)
    page = wizard.cloud_page
    page.webdav.setChecked(True)
    page.url.setText(wsgidav_server.url)
    page.user.setText(wsgidav_server.user)
    page.password.setText("pas le bon")
    said = problem_after_next(qtbot, wizard)
    assert said.startswith("Le serveur a refusé ce nom d’utilisateur ou ce mot de passe."), said


def test_a_nextcloud_is_signed_in_through_the_browser_and_syncs(
    qtbot, service, make_app, tmp_path: Path, nextcloud: NextcloudDouble, opened
):
    nextcloud.write("Classe/cours.txt", b"cours")
    folder = tmp_path / "Nextcloud"
    folder.mkdir()
    (folder / "devoir.txt").write_text("mon devoir", encoding="utf-8")
    browser = GrantingBrowser(nextcloud)
    app = make_app()
    app.controller.open_url = browser
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.wizard is not None, timeout=TIMEOUT_MS)
    wizard = app.wizard
    page = wizard.cloud_page
    page.url.setText(nextcloud.url)  # typed with "My Cozy" ticked (the first choice)
    wizard.next()
    qtbot.waitUntil(lambda: page.browser_login.isVisibleTo(page), timeout=TIMEOUT_MS)
    assert page.webdav.isChecked()  # it is a Nextcloud: switched over, sign-in offered
    assert "This is a Nextcloud server. Sign in with your browser" in page.problem.text()
    page.browser_login.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.folder_page, timeout=TIMEOUT_MS)
    assert any("/index.php/login/v2/flow/" in url for url in browser.opened)
    assert page.user.text() == nextcloud.user
    assert page.password.text() in nextcloud.app_passwords  # made for this computer
    wizard.folder_page.folder.setText(str(folder))
    wizard.next()
    connect(qtbot, wizard)
    ready = wizard.ready_page
    assert ready.title() == "Your folder is ready"
    ready.open_folder.click()
    assert browser.opened[-1] == QUrl.fromLocalFile(str(folder)).toString()
    qtbot.waitUntil(lambda: not wizard.is_busy, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(wizard.accepted, timeout=TIMEOUT_MS):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    [linked] = service.list_folders()
    assert linked.remote_url == nextcloud.webdav_url and linked.user == nextcloud.user
    qtbot.waitUntil(lambda: (folder / "Classe" / "cours.txt").exists(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert (nextcloud.root / "devoir.txt").read_text(encoding="utf-8") == "mon devoir"


def test_cancel_ends_the_browser_sign_in_at_once(qtbot, nextcloud: NextcloudDouble):
    browser = GrantingBrowser(nextcloud, grant=False)  # the user never grants
    wizard = unlinked_wizard(qtbot, open_url=browser)
    page = wizard.cloud_page
    page.webdav.setChecked(True)
    page.url.setText(nextcloud.url)
    wizard.next()
    qtbot.waitUntil(lambda: page.browser_login.isVisibleTo(page), timeout=TIMEOUT_MS)
    page.browser_login.click()
    qtbot.waitUntil(lambda: bool(nextcloud.polls), timeout=TIMEOUT_MS)  # waiting for the grant
    assert page.busy_row.isVisibleTo(page) and not page.isComplete()  # busy, Next off
    assert page.login_link.text().startswith("Your browser shows your server")
    page.cancel_check.click()
    assert not page.busy_row.isVisibleTo(page) and page.isComplete()
    wait_for_background(10)  # the sign-in's thread ended at once
    polls = len(nextcloud.polls)
    assert wizard.currentPage() is page and page.password.text() == ""
    assert nextcloud.app_passwords == {} and polls == len(nextcloud.polls)
