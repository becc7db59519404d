"""The Cozy's standing warning shows in the window while it stands (issue 15, item 10
leftover), with a real engine and the Cozy double's terms to accept (``GET
/settings/warnings``: tests/cozy_server.py ``terms_to_sign``), in French and English:
its words and what to do, its page a link that opens the browser; still there after
the next pass, gone once the terms are accepted (the next start finds none)."""

from __future__ import annotations

import re
from pathlib import Path

from cozysync.api import SyncService
from tests.cozy_server import CozyStackServer, UserBrowser
from tests.ui.conftest import OpenedUrls

TIMEOUT_MS = 30_000
TOS = "https://manager.example/tos?instance=alice&lang=fr"


def start_with_terms(qtbot, make_app, service: SyncService, tmp_path: Path, cozy_server):
    local = tmp_path / "Cozy"
    local.mkdir()
    service.link(
        local, cozy_server.url, cozy=True, open_browser=False, print_url=UserBrowser(),
        name="docs", allow_file_store=True,
    )  # fmt: skip
    cozy_server.terms_to_sign = TOS
    app = make_app()
    qtbot.addWidget(app.window)
    shown = app.window.cloud_warnings
    qtbot.waitUntil(shown.isVisible, timeout=TIMEOUT_MS)
    return app, shown


def test_the_cozys_terms_stay_in_the_window_with_their_link_until_accepted(
    qtbot, make_app, service: SyncService, tmp_path: Path, cozy_server: CozyStackServer,
    opened: OpenedUrls, french,
):  # fmt: skip
    app, shown = start_with_terms(qtbot, make_app, service, tmp_path, cozy_server)
    text = shown.text()
    assert "Votre Cozy vous demande d’accepter ses nouvelles conditions d’utilisation" in text
    assert "avant leur date limite" in text, text  # what to do, from the catalogue
    assert "Ouvrir la page" in text, text
    [href] = re.findall(r'<a href="([^"]+)"', text)
    assert href.replace("&amp;", "&") == TOS
    assert shown.links() == [TOS]

    shown.linkActivated.emit(href.replace("&amp;", "&"))  # what a click on the link sends
    assert [url.toString() for url in opened] == [TOS]  # the browser, on the page

    state = app.controller.state
    synced = state.statuses["docs"].last_sync_at
    app.controller.sync_now()  # still standing at the next pass: still shown
    qtbot.waitUntil(lambda: state.statuses["docs"].last_sync_at != synced, timeout=TIMEOUT_MS)
    assert shown.isVisible() and shown.links() == [TOS]

    cozy_server.terms_to_sign = None  # accepted on the Cozy
    app.controller.sync_now()
    qtbot.waitUntil(lambda: not shown.isVisible(), timeout=TIMEOUT_MS)
    assert shown.links() == [] and "Cozy" not in shown.text()


def test_the_cozys_terms_in_english(
    qtbot, make_app, service: SyncService, tmp_path: Path, cozy_server: CozyStackServer, english
):
    _app, shown = start_with_terms(qtbot, make_app, service, tmp_path, cozy_server)
    text = shown.text()
    assert "Your Cozy asks you to accept its new terms of service" in text, text
    assert "Open the page" in text and shown.links() == [TOS]
