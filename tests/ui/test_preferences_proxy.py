"""Preferences → Network → Proxy (issue 19, item 1): a manual proxy with a login chosen
in the app is saved (the password in a real gnome-keyring, not in settings.json) and
the next sync goes through it (a real squid with Basic auth, tests/proxy_server.py);
reopened, the section shows it with the password kept; System goes back to the default."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from cozysync.remotes.proxy import MANUAL, PROXY, PROXY_PASSWORD_ACCOUNT, SYSTEM, ProxyChoice
from cozysync_ui.dialogs.preferences import PreferencesDialog
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.proxy_server import started_squid
from tests.ui.test_preferences import TIMEOUT_MS, open_preferences

PROXY_USER, PROXY_PASSWORD = "eleve", "mot de passe"


@pytest.fixture(autouse=True)
def _system_after() -> Iterator[None]:
    yield
    PROXY.set(ProxyChoice())  # the app's service runs in this process


def test_the_section_shows_the_saved_proxy_and_enables_its_rows_only_when_manual(qtbot):
    saved = ProxyChoice(MANUAL, "http://proxy.school.example:8080", "eleve")
    dialog = PreferencesDialog({"proxy": saved}, [])
    qtbot.addWidget(dialog)
    section = dialog.proxy_section
    assert section.mode.currentData() == MANUAL
    assert (section.host.text(), section.port.value(), section.user.text()) == (
        "proxy.school.example", 8080, "eleve",
    )  # fmt: skip
    assert section.password.text() == "" and section.password.placeholderText() == "(kept)"
    assert dialog.values()["proxy"] == saved  # unchanged: the stored password kept (None)
    section.mode.setCurrentIndex(section.mode.findData(SYSTEM))
    assert not section.host.isEnabled() and not section.password.isEnabled()
    assert dialog.values()["proxy"] == ProxyChoice(SYSTEM, saved.url, saved.user)
    section.mode.setCurrentIndex(section.mode.findData(MANUAL))
    section.user.setText("autre")  # another user: the old password is not theirs
    assert dialog.values()["proxy"].password == ""


def test_a_manual_proxy_chosen_in_the_app_carries_the_next_sync(
    qtbot,
    make_app,
    service,
    local_dir,
    wsgidav_server,
    real_keyring: KeyringSession,  # noqa: F811
):
    with started_squid(PROXY_USER, PROXY_PASSWORD) as squid:
        app, dialog = open_preferences(qtbot, make_app)
        section = dialog.proxy_section
        assert section.mode.currentData() == SYSTEM and not section.host.isEnabled()
        section.mode.setCurrentIndex(section.mode.findData(MANUAL))
        assert section.host.isEnabled()
        section.host.setText("127.0.0.1")
        section.port.setValue(squid.port)
        section.user.setText(PROXY_USER)
        section.password.setText(PROXY_PASSWORD)
        dialog.accept()

        saved = service.app_settings()
        assert (saved.proxy_mode, saved.proxy_url, saved.proxy_user) == (
            MANUAL, squid.url, PROXY_USER,
        )  # fmt: skip
        settings_text = service.locations.app_settings_file.read_text(encoding="utf-8")
        assert PROXY_PASSWORD not in settings_text
        assert keyring.get_password("cozysync", PROXY_PASSWORD_ACCOUNT) == PROXY_PASSWORD

        (local_dir / "par-le-proxy.txt").write_text("via squid\n", encoding="utf-8")
        app.controller.sync_now()
        target = wsgidav_server.root / "par-le-proxy.txt"
        qtbot.waitUntil(target.exists, timeout=TIMEOUT_MS)

        def put_through_squid() -> bool:  # sent under a temporary name, then moved
            return {"PUT", "MOVE"} <= {
                method
                for status, method, url in squid.forwarded()
                if url.startswith(wsgidav_server.url) and status.startswith("TCP_MISS/2")
            }

        qtbot.waitUntil(put_through_squid, timeout=TIMEOUT_MS)

        app.window.preferences.click()
        again = app.preferences.proxy_section
        assert (again.host.text(), again.port.value(), again.user.text()) == (
            "127.0.0.1", squid.port, PROXY_USER,
        )  # fmt: skip
        assert again.password.text() == ""  # never shown back; kept when left empty
        again.mode.setCurrentIndex(again.mode.findData(SYSTEM))
        app.preferences.accept()
        assert service.app_settings().proxy_mode == SYSTEM
        assert PROXY.choice.mode == SYSTEM
        assert keyring.get_password("cozysync", PROXY_PASSWORD_ACCOUNT) == PROXY_PASSWORD


def test_the_section_speaks_french(qtbot, french):
    dialog = PreferencesDialog({}, [])
    qtbot.addWidget(dialog)
    section = dialog.proxy_section
    labels = [section.mode.itemText(i) for i in range(section.mode.count())]
    assert labels == [
        "Utiliser les réglages de proxy du système",
        "Utiliser ce proxy",
        "Utiliser un fichier de configuration du proxy (PAC)",
        "Trouver le proxy automatiquement (WPAD)",
        "Aucun proxy",
    ]
    assert form_label(section, section.pac_url) == "Fichier de configuration"
    assert section.mode.currentData() == SYSTEM  # the default
    form = section.layout()
    assert form.labelForField(section.user).text() == "Nom d'utilisateur"
    assert form.labelForField(section.password).text() == "Mot de passe"


def form_label(section, field) -> str:
    return section.layout().labelForField(field).text()
