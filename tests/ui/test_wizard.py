"""The first-run wizard links a folder on a real WebDAV server and on the strict Cozy
double (its browser login driven by a test browser); it never deletes what the folder
holds, a wrong password is said on the first page, and cancelling the Cozy login or
the last page leaves nothing linked."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWizard

from cozysync.config import FolderConfig
from cozysync_ui.dialogs.wizard import FirstRunWizard, LinkRequest
from cozysync_ui.dialogs.wizard_pages import CloudPage, cozy_address, folder_warning
from cozysync_ui.itemmodels.sync_state import State
from tests.cozy_server import CozyStackServer, UserBrowser

TIMEOUT_MS = 30_000


class LoginBrowser:
    """Opens what the app asks the desktop to open; a Cozy login page is visited as a
    user who allows the access would (in a thread: it waits for the loopback)."""

    def __init__(self, *, approve: bool = True) -> None:
        self.approve = approve
        self.opened: list[str] = []
        self.threads: list[threading.Thread] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(url.toString())
        if self.approve and "/auth/authorize" in url.toString():
            thread = threading.Thread(target=UserBrowser(), args=(url.toString(),))
            thread.start()
            self.threads.append(thread)
        return True

    def join(self) -> None:
        for thread in self.threads:
            thread.join(30)


def connect(qtbot, wizard: FirstRunWizard) -> None:
    """On the connect page: wait for the link; without a keyring, opt in to the file."""
    assert wizard.currentPage() is wizard.connect_page
    qtbot.waitUntil(lambda: not wizard.is_linking, timeout=TIMEOUT_MS)
    page = wizard.connect_page
    if page.file_store.isVisible():  # no keyring here: opt in, try again
        assert "password keeper" in page.error.text()
        page.file_store.setChecked(True)
        page.retry.click()
        qtbot.waitUntil(lambda: not wizard.is_linking, timeout=TIMEOUT_MS)
    assert wizard.currentPage() is wizard.ready_page, page.error.text()


def leave_the_cloud_page(qtbot, wizard: FirstRunWizard) -> None:
    """Next on the first page: the address and the login are checked in the background,
    then the wizard goes on by itself."""
    assert wizard.currentPage() is wizard.cloud_page
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is not wizard.cloud_page, timeout=TIMEOUT_MS)
    assert wizard.currentPage() is wizard.folder_page


def fill_webdav(wizard: FirstRunWizard, server, folder: Path, qtbot) -> None:
    page = wizard.cloud_page
    assert page.is_cozy  # a Cozy is the first choice
    page.webdav.setChecked(True)
    assert not page.isComplete()
    page.url.setText(server.url)
    page.user.setText(server.user)
    assert not page.isComplete()  # a user name needs its app password
    page.password.setText(server.password)
    assert page.isComplete()
    leave_the_cloud_page(qtbot, wizard)
    wizard.folder_page.folder.setText(str(folder))
    wizard.next()
    assert str(folder) in wizard.connect_page.summary.text()


def test_the_wizard_links_a_webdav_folder_that_then_syncs(
    qtbot, service, make_app, tmp_path: Path, wsgidav_server
):
    folder = tmp_path / "Mes documents"
    folder.mkdir()
    (folder / "déjà là.txt").write_text("garde-moi\n", encoding="utf-8")
    wsgidav_server.write("Classe/cours.txt", b"cours")
    wsgidav_server.write("Photos/plage.jpg", b"une grosse photo")
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.wizard is not None, timeout=TIMEOUT_MS)  # nothing linked yet
    wizard = app.wizard
    assert app.controller.state.overall() is State.NOT_LINKED
    fill_webdav(wizard, wsgidav_server, folder, qtbot)
    connect(qtbot, wizard)
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible() or not (
        wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    )  # linked: no way back
    choice = wizard.ready_page.choice  # selective sync: the cloud's top-level folders
    qtbot.waitUntil(lambda: not wizard.is_busy, timeout=TIMEOUT_MS)
    assert [item.text() for item in choice.items()] == ["Classe", "Photos"]
    assert choice.excluded() == []  # everything is kept unless the user unticks it
    choice.set_kept("Photos", False)
    with qtbot.waitSignal(wizard.accepted, timeout=TIMEOUT_MS):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    [linked] = service.list_folders()
    assert linked.local_root == str(folder) and linked.remote_kind == "webdav"
    assert linked.excluded_folders == ("Photos",)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert (folder / "déjà là.txt").read_text(encoding="utf-8") == "garde-moi\n"
    assert (wsgidav_server.root / "déjà là.txt").read_text(encoding="utf-8") == "garde-moi\n"
    assert (folder / "Classe" / "cours.txt").read_bytes() == b"cours"
    assert not (folder / "Photos").exists()  # left out: never downloaded
    assert (wsgidav_server.root / "Photos" / "plage.jpg").read_bytes() == b"une grosse photo"


def test_the_wizard_links_a_cozy_through_the_browser_login(
    qtbot, service, make_app, tmp_path: Path, cozy_server: CozyStackServer, cozy_user
):
    folder = tmp_path / "Cozy"
    folder.mkdir()
    (folder / "devoir.txt").write_text("Mon devoir", encoding="utf-8")
    cozy_user.write("Classe/cours.txt", b"cours du lundi")
    browser = LoginBrowser()
    app = make_app()
    app.controller.open_url = browser
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.wizard is not None, timeout=TIMEOUT_MS)
    wizard = app.wizard
    wizard.cloud_page.url.setText(cozy_server.url)
    assert wizard.cloud_page.isComplete()
    leave_the_cloud_page(qtbot, wizard)
    wizard.folder_page.folder.setText(str(folder))
    wizard.next()
    connect(qtbot, wizard)
    browser.join()
    assert any("/auth/authorize" in url for url in browser.opened)  # the browser opened
    qtbot.waitUntil(lambda: not wizard.is_busy, timeout=TIMEOUT_MS)
    assert [item.text() for item in wizard.ready_page.choice.items()] == ["Classe"]
    with qtbot.waitSignal(wizard.accepted, timeout=TIMEOUT_MS):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    [linked] = service.list_folders()
    assert linked.remote_kind == "cozy" and linked.remote_url == cozy_server.url
    assert len(cozy_server.clients) == 1
    qtbot.waitUntil(lambda: (folder / "Classe" / "cours.txt").exists(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert cozy_server.tree()["devoir.txt"] == b"Mon devoir"
    assert (folder / "devoir.txt").read_text(encoding="utf-8") == "Mon devoir"


def test_cancelling_the_cozy_login_registers_nothing(
    qtbot, service, tmp_path: Path, cozy_server: CozyStackServer
):
    browser = LoginBrowser(approve=False)  # the user never allows the access

    def link(request: LinkRequest, show_url) -> FolderConfig:
        return service.link(
            request.local_dir, request.url, cozy=request.cozy, allow_file_store=True,
            open_browser=False, print_url=show_url,
        )  # fmt: skip

    wizard = FirstRunWizard(link, open_url=browser)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.cloud_page.url.setText(cozy_server.url)
    leave_the_cloud_page(qtbot, wizard)
    wizard.folder_page.folder.setText(str(tmp_path / "Cozy"))
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.login_url), timeout=TIMEOUT_MS)
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert browser.opened == [wizard.login_url]
    assert "Open it again" in wizard.connect_page.login.text()
    assert len(cozy_server.clients) == 1  # registered, waiting for the login
    with qtbot.waitSignal(wizard.rejected, timeout=TIMEOUT_MS):
        wizard.reject()
    assert not wizard.is_linking and wizard.linked is None
    assert cozy_server.clients == {}  # the half-registered computer was removed
    assert service.list_folders() == []


def test_a_wrong_password_is_said_on_the_first_page_and_fixed_there(
    qtbot, service, tmp_path, wsgidav_server
):
    """Checked before going on (issue 16, item 4): said in words for a person (no
    command-line flag), nothing linked; the user fixes the field and Next checks the new
    value."""

    def link(request: LinkRequest, show_url) -> FolderConfig:
        return service.link(
            request.local_dir, request.url, user=request.user, password=request.password,
            allow_file_store=True,
        )  # fmt: skip

    wizard = FirstRunWizard(link)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.cloud_page
    page.webdav.setChecked(True)
    page.url.setText(wsgidav_server.url)
    page.user.setText(wsgidav_server.user)
    page.password.setText("not the password")
    wizard.next()
    qtbot.waitUntil(lambda: bool(page.problem.text()), timeout=TIMEOUT_MS)
    assert wizard.currentPage() is page and wizard.isVisible()
    assert page.problem.text().startswith("The server refused this user name or password.")
    assert "--user" not in page.problem.text()
    assert page.url.isEnabled() and page.password.isEnabled()  # the fields can be fixed
    assert service.list_folders() == []
    page.password.setText(wsgidav_server.password)
    leave_the_cloud_page(qtbot, wizard)  # checked again, with the new password
    wizard.folder_page.folder.setText(str(tmp_path / "new"))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.is_linking, timeout=TIMEOUT_MS)
    assert wizard.currentPage() is wizard.ready_page
    assert len(service.list_folders()) == 1


def test_cancel_after_linking_unlinks_and_keeps_the_files(
    qtbot, service, make_app, tmp_path: Path, wsgidav_server
):
    folder = tmp_path / "Cours"
    folder.mkdir()
    (folder / "a.txt").write_text("a", encoding="utf-8")
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.wizard is not None, timeout=TIMEOUT_MS)
    wizard = app.wizard
    fill_webdav(wizard, wsgidav_server, folder, qtbot)
    connect(qtbot, wizard)
    assert len(service.list_folders()) == 1
    with qtbot.waitSignal(app.controller.unlinked, timeout=TIMEOUT_MS):
        wizard.reject()
    assert service.list_folders() == []
    assert (folder / "a.txt").read_text(encoding="utf-8") == "a"
    assert not (wsgidav_server.root / "a.txt").exists()  # nothing was synced


def test_a_folder_that_is_not_empty_is_announced(tmp_path: Path, qapp):
    folder = tmp_path / "full"
    folder.mkdir()
    assert folder_warning(folder) == ""
    (folder / "a.txt").write_text("a")
    (folder / "b.txt").write_text("b")
    warning = folder_warning(folder)
    assert warning.startswith("This folder is not empty (2 items). Nothing in it will be deleted")
    assert folder_warning(folder / "a.txt").startswith("This is a file")


def test_a_plain_http_address_to_another_computer_is_warned_about(qtbot, french):
    """The password would cross the network in clear: said under the address, in the
    app's language; not for https, nor for this computer itself (the demo)."""
    page = CloudPage()
    qtbot.addWidget(page)
    page.webdav.setChecked(True)

    def warned() -> bool:
        return page.form.isRowVisible(page.http_warning)

    page.url.setText("https://cloud.example.org/remote.php/dav/files/me/")
    assert not warned()
    page.url.setText("http://cloud.example.org/remote.php/dav/files/me/")
    assert warned()
    assert page.http_warning.text().startswith("Cette adresse n’est pas chiffrée (http://)")
    for this_computer in ("http://127.0.0.1:8080/", "http://localhost:8080/", "http://[::1]/"):
        page.url.setText(this_computer)
        assert not warned()
    page.cozy.setChecked(True)
    page.url.setText("camille.mycozy.cloud")  # completed as https
    assert not warned()
    page.url.setText("http://camille.mycozy.cloud")
    assert warned()


def test_a_cozy_address_is_completed():
    assert cozy_address("camille.mycozy.cloud") == "https://camille.mycozy.cloud"
    assert cozy_address(" https://camille.mycozy.cloud/ ") == "https://camille.mycozy.cloud"
    assert cozy_address("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    assert cozy_address("") == cozy_address("two words") == cozy_address("ftp://x") == ""


def test_quitting_during_the_cozy_login_cancels_it(
    qtbot, service, make_app, tmp_path: Path, cozy_server: CozyStackServer
):
    browser = LoginBrowser(approve=False)
    app = make_app()
    app.controller.open_url = browser
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.wizard is not None, timeout=TIMEOUT_MS)
    wizard = app.wizard
    wizard.cloud_page.url.setText(cozy_server.url)
    leave_the_cloud_page(qtbot, wizard)
    wizard.folder_page.folder.setText(str(tmp_path / "Cozy"))
    wizard.connect_page.file_store.setChecked(True)  # no keyring here
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.login_url), timeout=TIMEOUT_MS)
    started = time.monotonic()
    app.quit()  # the login would wait ten minutes for the browser
    assert time.monotonic() - started < 10
    assert cozy_server.clients == {}
    assert service.list_folders() == []
