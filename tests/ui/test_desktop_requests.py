"""The running app answers the file managers over its request socket (issue 17, item 5;
issue 18, item 3): the protocol's client (``cozysync.desktop_requests.ask``, what the
Nautilus extension uses) against the real socket of a real app (pytest-qt), with a
folder synced with the Nextcloud double (a real WsgiDAV answering ``oc:fileid``)."""

from __future__ import annotations

import os
import re
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from cozysync.api import SyncService
from cozysync.desktop_requests import (
    BAD_REQUEST,
    FAILED,
    NOT_AVAILABLE,
    NOT_SYNCED,
    VERSIONS,
    RequestError,
    ask,
    error_answer,
)
from cozysync_ui.app import CozySyncApp
from cozysync_ui.request_server import RequestServer
from tests.nextcloud_double import NextcloudDouble
from tests.ui.conftest import OpenedUrls

FILEID = re.compile(rb"<[^>]*fileid>(\d+)</")


@pytest.fixture
def synced(tmp_path: Path, service: SyncService, nextcloud: NextcloudDouble) -> Path:
    nextcloud.write("Cours/lundi.txt", b"maths")
    local = tmp_path / "Classe"
    local.mkdir()
    service.link(
        local, nextcloud.webdav_url, user=nextcloud.user, password=nextcloud.password,
        name="classe", allow_file_store=True,
    )  # fmt: skip
    service.sync_once("classe")
    assert (local / "Cours" / "lundi.txt").read_bytes() == b"maths"
    return local


@pytest.fixture
def served(
    make_app: Callable[..., CozySyncApp], socket_file: Path, synced: Path
) -> Iterator[RequestServer]:
    server = serve_requests(make_app(), socket_file)
    yield server
    server.close()


def serve_requests(app: CozySyncApp, socket_file: Path) -> RequestServer:
    """``app``'s request registry answering on ``socket_file`` (as the app does at start)."""
    server = RequestServer(app.requests)
    assert server.listen(socket_file)
    return server


def asked(qtbot, socket_file: Path, request: str, *paths: Path | str) -> dict[str, Any]:
    """``ask`` from another thread (as the file manager's process would), while the
    app's event loop runs here."""
    answers: list[dict[str, Any] | BaseException] = []

    def client() -> None:
        try:
            answers.append(ask(request, [str(p) for p in paths], path=socket_file, timeout=20))
        except BaseException as exc:  # handed to the test thread
            answers.append(exc)

    thread = threading.Thread(target=client)
    thread.start()
    qtbot.waitUntil(lambda: bool(answers), timeout=20_000)
    thread.join(5)
    answer = answers[0]
    if isinstance(answer, BaseException):
        raise answer
    return answer


def fileid_of(nextcloud: NextcloudDouble, rel: str) -> str:
    body = '<propfind xmlns="DAV:"><prop><fileid xmlns="http://owncloud.org/ns"/></prop></propfind>'
    response = httpx.request(
        "PROPFIND", nextcloud.webdav_url + rel, headers={"Depth": "0"}, content=body,
        auth=(nextcloud.user, nextcloud.password),
    )  # fmt: skip
    found = FILEID.search(response.content)
    assert found is not None, response.text
    return found.group(1).decode()


def test_the_socket_is_the_users_only(served: RequestServer, socket_file: Path):
    assert stat.S_IMODE(socket_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(socket_file.parent.stat().st_mode) == 0o700
    assert socket_file.stat().st_uid == os.getuid()


def test_the_menu_offers_what_the_app_can_do_for_a_synced_item(
    qtbot, served: RequestServer, socket_file: Path, synced: Path, tmp_path: Path
):
    answer = asked(qtbot, socket_file, "menu", synced / "Cours" / "lundi.txt")
    # the dialogs plug in the rest (the Share dialog has, issue 17: the Nextcloud shares;
    # the Versions dialog (the Nextcloud's versions) and the Deleted files window: issue 18)
    actions = ["share", "copy-share-link", "open-online", "versions", "deleted-files"]
    assert answer == {"ok": True, "actions": actions}
    outside = tmp_path / "ailleurs.txt"
    assert asked(qtbot, socket_file, "menu", outside) == {"ok": True, "actions": []}


def test_open_online_opens_the_item_in_the_browser_and_says_where(
    qtbot,
    served: RequestServer,
    socket_file: Path,
    synced: Path,
    nextcloud: NextcloudDouble,
    opened: OpenedUrls,
):
    answer = asked(qtbot, socket_file, "open-online", synced / "Cours" / "lundi.txt")
    url = f"{nextcloud.url}/index.php/f/{fileid_of(nextcloud, 'Cours/lundi.txt')}"
    assert answer == {"ok": True, "url": url, "kind": "files-app"}
    assert [u.toString() for u in opened] == [url]


def test_an_item_not_on_the_server_fails_clearly(
    qtbot, served: RequestServer, socket_file: Path, synced: Path, opened: OpenedUrls
):
    (synced / "pas-encore.txt").write_text("x", encoding="utf-8")
    answer = asked(qtbot, socket_file, "open-online", synced / "pas-encore.txt")
    assert answer["ok"] is False and answer["error"] == FAILED
    assert "pas-encore.txt" in answer["message"]
    assert opened == []


def test_what_no_dialog_has_plugged_in_yet_is_not_available(
    qtbot, served: RequestServer, socket_file: Path, synced: Path
):
    served.handlers.unregister(VERSIONS)  # as before the Versions dialog plugged in
    for request in ("versions",):
        answer = asked(qtbot, socket_file, request, synced / "Cours" / "lundi.txt")
        assert answer == {
            "ok": False,
            "error": NOT_AVAILABLE,
            "message": "cozysync cannot do this yet.",
        }


def test_a_dialog_plugs_in_its_action(
    qtbot, served: RequestServer, socket_file: Path, synced: Path
):
    shown: list[list[str]] = []

    def show_versions(paths: list[str], reply: Any) -> None:
        shown.append(paths)  # a Versions dialog would open here
        reply({"ok": True})

    served.handlers.register(VERSIONS, show_versions, applies=lambda paths: len(paths) == 1)
    item = synced / "Cours" / "lundi.txt"
    menu = asked(qtbot, socket_file, "menu", item)
    assert menu["actions"] == [
        "share", "copy-share-link", "open-online", "versions", "deleted-files",
    ]  # fmt: skip
    assert asked(qtbot, socket_file, "versions", item) == {"ok": True}
    assert shown == [[str(item)]]
    two = asked(qtbot, socket_file, "menu", item, synced / "Cours")
    assert two["actions"] == []  # both apply to one item only
    served.handlers.register(VERSIONS, lambda paths, reply: reply(error_answer(FAILED, "boom")))
    assert asked(qtbot, socket_file, "versions", item)["message"] == "boom"


def test_bad_requests_and_items_outside_are_refused_in_words(
    qtbot, served: RequestServer, socket_file: Path, tmp_path: Path
):
    outside = asked(qtbot, socket_file, "open-online", tmp_path / "ailleurs.txt")
    assert outside["error"] == NOT_SYNCED
    assert outside["message"] == "This item is not in a synced folder."
    relative = asked(qtbot, socket_file, "open-online", "Cours/lundi.txt")
    assert relative["error"] == BAD_REQUEST


def test_the_french_app_answers_in_french(
    qtbot, french, served: RequestServer, socket_file: Path, tmp_path: Path
):
    outside = asked(qtbot, socket_file, "open-online", tmp_path / "ailleurs.txt")
    assert outside["message"] == "Cet élément n’est dans aucun dossier synchronisé."


def test_no_app_listening_is_a_clear_error(socket_file: Path):
    with pytest.raises(RequestError, match="not answering"):
        ask("menu", ["/tmp/x"], path=socket_file, timeout=2)
