"""A Wi-Fi sign-in page in place of the cloud (issue 19, item 3) in the app: the folder
is offline, and the user is told once, in their language, not at each quiet retry; told
again only after a pass got past it and a portal came back."""

from __future__ import annotations

from cozysync.errors import CaptivePortalError
from cozysync.events import StatusChanged, StatusKind


def _behind_portal() -> StatusChanged:
    error = CaptivePortalError(
        "a Wi-Fi sign-in page answered instead of 127.0.0.1 (a redirect to portail.test)"
    )
    return StatusChanged(StatusKind.OFFLINE, error.one_line(), stopped_by=error.message)


def test_the_wifi_sign_in_is_told_once_per_portal(qtbot, make_app, french):
    app = make_app()
    told: list[tuple[str, str]] = []
    app.controller.notification.connect(lambda title, text: told.append((title, text)))
    status = app.controller.bridge.status_changed

    for _ in range(3):  # three quiet retries behind the portal
        status.emit("docs", StatusChanged(StatusKind.SYNCING))
        status.emit("docs", _behind_portal())

    assert told == [
        (
            "Connectez-vous d'abord au Wi-Fi",
            "Une page de connexion Wi-Fi a répondu à la place de votre cloud. Ouvrez une page "
            "web dans un navigateur pour vous connecter : la synchronisation reprend "
            "d'elle-même, vos modifications sont gardées.",
        )
    ]
    status.emit("docs", StatusChanged(StatusKind.UP_TO_DATE))  # signed in: synced
    status.emit("docs", _behind_portal())  # another Wi-Fi, another portal
    assert len(told) == 2
