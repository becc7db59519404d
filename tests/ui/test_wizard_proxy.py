"""The wizard's first page offers the proxy when the server cannot be reached directly
(issue 19, item 1): the server's name is known only to a real squid (its own hosts
file), so the direct check fails as on a school network; "Proxy settings…" opens the
Network section in a dialog, the proxy chosen there is saved (settings.json) and the
address is checked again through squid, and the wizard goes on and links the folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cozysync.config import FolderConfig
from cozysync.remotes.proxy import MANUAL, PROXY, ProxyChoice, save_proxy
from cozysync_ui.dialogs.wizard import FirstRunWizard, LinkRequest
from cozysync_ui.dialogs.wizard_proxy import ProxySettings
from tests.proxy_server import started_squid
from tests.ui.test_wizard import TIMEOUT_MS

SCHOOL_NAME = "cloud.lycee.test"


@pytest.fixture(autouse=True)
def _direct_after() -> Iterator[None]:
    yield
    PROXY.set(ProxyChoice())


def test_an_unreachable_server_offers_the_proxy_and_links_through_it(
    qtbot, service, tmp_path, wsgidav_server, monkeypatch
):
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)

    def link(request: LinkRequest, show_url) -> FolderConfig:
        return service.link(
            request.local_dir, request.url, user=request.user, password=request.password,
            allow_file_store=True,
        )  # fmt: skip

    def saved() -> ProxyChoice:
        return ProxyChoice(service.app_settings().proxy_mode)

    address = wsgidav_server.url.replace("127.0.0.1", SCHOOL_NAME)
    with started_squid(hosts={SCHOOL_NAME: "127.0.0.1"}) as squid:
        wizard = FirstRunWizard(
            link, proxy=ProxySettings(saved, lambda c: save_proxy(service.locations, c))
        )
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.cloud_page
        page.webdav.setChecked(True)
        page.url.setText(address)
        page.user.setText(wsgidav_server.user)
        page.password.setText(wsgidav_server.password)
        assert not page.proxy_button.isVisible()
        wizard.next()
        qtbot.waitUntil(lambda: bool(page.problem.text()), timeout=TIMEOUT_MS)
        assert page.problem.text().startswith("cozysync cannot reach this address.")
        assert "a proxy may be needed" in page.problem.text()
        assert page.proxy_button.isVisible()

        page.proxy_button.click()
        dialog = page.proxy_dialog
        section = dialog.section
        section.mode.setCurrentIndex(section.mode.findData(MANUAL))
        section.host.setText("127.0.0.1")
        section.port.setValue(squid.port)
        dialog.accept()  # saved, then checked again through squid: the wizard goes on
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.folder_page, timeout=TIMEOUT_MS)
        assert service.app_settings().proxy_mode == MANUAL
        assert service.app_settings().proxy_url == squid.url
        assert not page.proxy_button.isVisible()

        wizard.folder_page.folder.setText(str(tmp_path / "Cours"))
        wizard.next()
        qtbot.waitUntil(lambda: not wizard.is_linking, timeout=TIMEOUT_MS)
        assert wizard.currentPage() is wizard.ready_page
        [linked] = service.list_folders()
        assert linked.remote_url == address
        through = [row for row in squid.forwarded() if SCHOOL_NAME in row[2]]
        assert "PROPFIND" in {method for _, method, _ in through}  # the check and the link


def test_without_the_apps_proxy_settings_no_button_is_offered(qtbot):
    wizard = FirstRunWizard(lambda request, show: None)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.cloud_page
    page.webdav.setChecked(True)
    page.url.setText("http://127.0.0.1:9/dav/")  # nothing listens there
    wizard.next()
    qtbot.waitUntil(lambda: bool(page.problem.text()), timeout=TIMEOUT_MS)
    assert page.problem.text().startswith("cozysync cannot reach this address.")
    assert "proxy" not in page.problem.text() and page.proxy_button.isHidden()


def test_the_proxy_button_and_dialog_speak_french(qtbot, french):
    from cozysync_ui.dialogs.wizard_pages import CloudPage
    from cozysync_ui.dialogs.wizard_proxy import ProxyDialog

    page = CloudPage(proxy=ProxySettings(ProxyChoice, lambda choice: None))
    qtbot.addWidget(page)
    assert page.proxy_button.text() == "Réglages du proxy…"
    dialog = ProxyDialog(ProxyChoice(), page)
    assert dialog.windowTitle() == "Réglages du proxy"
    assert dialog.section.mode.itemText(3) == "Trouver le proxy automatiquement (WPAD)"
