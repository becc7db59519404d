"""Invitations to shared folders in the app (issue 15, item 9): the engine's
``InvitationReceived``, through the service's event stream, becomes a notification in the
user's language and a pending invitation; accepting opens the Cozy's page and declining
asks the Cozy, each through the real service against the Cozy double."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton

from cozysync.events import InvitationReceived
from tests.cozy_server import CozyStackServer
from tests.engine.cozy_world import link_with_browser
from tests.engine.inprocess_cli import InProcessCli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401


def _told(app) -> list[tuple[str, str]]:
    told: list[tuple[str, str]] = []
    app.controller.notification.connect(lambda title, text: told.append((title, text)))
    return told


def test_an_invitation_is_told_in_french_and_kept_until_answered(qtbot, make_app, service, french):
    app = make_app()
    told = _told(app)
    event = InvitationReceived("s1", "Exposé SVT", "Mme Martin", read_only=True)
    service.events.emit(event, "docs")  # the engine's stream, as a pass emits it
    qtbot.waitUntil(lambda: bool(told))
    assert told == [
        (
            "Une invitation à un dossier partagé",
            "Mme Martin vous invite à partager « Exposé SVT »\nAcceptez-la ou refusez-la dans "
            "la fenêtre (ou avec : cozysync invitations). Une fois acceptée, le dossier "
            "arrive avec la synchronisation suivante.",
        )
    ]
    assert list(app.controller.invitations.waiting) == [("docs", "s1")]


def test_accept_opens_the_cozys_page_and_decline_asks_the_cozy(
    qtbot, make_app, service, opened, tmp_path: Path, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    local = tmp_path / "Cozy"
    local.mkdir()
    cli = InProcessCli(tmp_path / "home", dict(os.environ))  # the app's COZYSYNC_HOME
    assert link_with_browser(cli, local, cozy_server.url).code == 0
    first = cozy_server.invite_sharing("Exposé SVT", "Mme Martin", {"plan.txt": b"v1"})
    second = cozy_server.invite_sharing("Maths", "M. Durand", {})
    app = make_app()
    pending = app.controller.invitations
    for sharing in (first, second):
        pending.add("docs", InvitationReceived(sharing.id, sharing.title, sharing.owner_name))

    with qtbot.waitSignal(pending.changed, timeout=30_000):
        pending.accept("docs", first.id)
    assert [u.toString() for u in opened] == [
        f"{cozy_server.url}/sharings/{first.id}/discovery?state={first.state}"
    ]
    with qtbot.waitSignal(pending.changed, timeout=30_000):
        pending.decline("docs", second.id)
    assert pending.waiting == {}
    assert (second.active, second.my_status) == (False, "revoked")
    assert first.my_status == "pending"  # accepted only once the user says so on the page


def test_the_window_lists_an_invitation_with_its_answers(qtbot, make_app, service, french):
    app = make_app()
    qtbot.addWidget(app.window)
    box = app.window.invitations
    assert box.isHidden()  # none waits
    service.events.emit(InvitationReceived("s1", "Exposé SVT", "Mme Martin"), "docs")
    qtbot.waitUntil(lambda: not box.isHidden())
    labels = [w.text() for w in box.findChildren(QLabel)]
    buttons = [w.text() for w in box.findChildren(QPushButton)]
    assert labels == ["Mme Martin vous invite à partager « Exposé SVT »"]
    assert buttons == ["Accepter…", "Refuser"]
