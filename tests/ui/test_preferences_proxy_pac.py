"""Preferences → Network → Proxy (issue 19, item 1): a proxy configuration file (PAC) or
WPAD chosen in the section, with the login rows serving the proxies the file names."""

from __future__ import annotations

from cozysync.remotes.proxy import AUTO, MANUAL, PAC, SYSTEM, ProxyChoice
from cozysync_ui.dialogs.preferences import PreferencesDialog

PAC_URL = "http://wpad.lycee.example/proxy.pac"


def test_a_pac_file_is_chosen_with_its_address_and_an_optional_login(qtbot):
    saved = ProxyChoice(SYSTEM)
    dialog = PreferencesDialog({"proxy": saved}, [])
    qtbot.addWidget(dialog)
    section = dialog.proxy_section
    assert not section.pac_url.isEnabled()
    section.mode.setCurrentIndex(section.mode.findData(PAC))
    assert section.pac_url.isEnabled() and section.user.isEnabled()
    assert not section.host.isEnabled() and not section.port.isEnabled()
    section.pac_url.setText(f"  {PAC_URL} ")
    section.user.setText("eleve")
    section.password.setText("secret")
    chosen = dialog.values()["proxy"]
    assert chosen == ProxyChoice(PAC, None, "eleve", "secret", pac_url=PAC_URL)
    assert section.changed()

    section.mode.setCurrentIndex(section.mode.findData(AUTO))
    assert not section.pac_url.isEnabled() and section.user.isEnabled()
    assert dialog.values()["proxy"].mode == AUTO


def test_a_saved_pac_file_is_shown_and_kept_when_going_manual_and_back(qtbot):
    saved = ProxyChoice(PAC, "http://proxy.lycee.example:3128", "eleve", pac_url=PAC_URL)
    dialog = PreferencesDialog({"proxy": saved}, [])
    qtbot.addWidget(dialog)
    section = dialog.proxy_section
    assert section.mode.currentData() == PAC and section.pac_url.text() == PAC_URL
    assert section.password.placeholderText() == "(kept)"
    assert dialog.values()["proxy"] == saved and not section.changed()
    section.mode.setCurrentIndex(section.mode.findData(MANUAL))
    assert dialog.values()["proxy"].pac_url == PAC_URL  # kept for later


def test_a_socks5_proxy_is_chosen_by_its_type(qtbot):
    saved = ProxyChoice(MANUAL, "socks5://socks.lycee.example:1080")
    dialog = PreferencesDialog({"proxy": saved}, [])
    qtbot.addWidget(dialog)
    section = dialog.proxy_section
    assert section.kind.currentData() == "socks5" and section.port.value() == 1080
    assert dialog.values()["proxy"] == saved
    section.kind.setCurrentIndex(section.kind.findData("http"))
    assert dialog.values()["proxy"].url == "http://socks.lycee.example:1080"
    section.mode.setCurrentIndex(section.mode.findData(SYSTEM))
    assert not section.kind.isEnabled()
