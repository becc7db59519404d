"""A file manager's first right-click in a folder makes the app learn whether the
folder's server opens items online, which builds the folder's remote and so reads its
password from the secret store: the keyring, over D-Bus, can take seconds (a locked
collection, a slow Secret Service).  That read happens off the GUI thread
(``ui/background.py``): meanwhile the app's event loop keeps running.

The secret store is the real file store of the test's home, behind a gate that holds
each read until the test lets it go (what a slow keyring does); the server is the
Nextcloud double (a real WsgiDAV answering ``oc:fileid``); the request goes through the
app's real socket (``RequestServer``) from another thread, as from a file manager."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from cozysync.api import SyncService
from cozysync.composition import Composition
from cozysync.config import FolderConfig, Locations
from cozysync.desktop_requests import ask
from cozysync.ports import Secrets
from cozysync_ui.desktop_actions import desktop_requests
from cozysync_ui.request_server import RequestServer
from tests.nextcloud_double import NextcloudDouble
from tests.ui.conftest import OpenedUrls

TIMEOUT_MS = 20_000


class KeyringGate:
    """Holds every secret read while ``closed``, recording which thread read."""

    def __init__(self) -> None:
        self.closed = False
        self.readers: list[threading.Thread] = []
        self.entered = threading.Event()
        self.opened = threading.Event()

    def read(self) -> None:
        self.readers.append(threading.current_thread())
        if not self.closed:
            return
        if threading.current_thread() is threading.main_thread():
            return  # the GUI thread itself: the test fails on readers, it does not hang
        self.entered.set()
        self.opened.wait(TIMEOUT_MS / 1000)


class GatedSecrets:
    def __init__(self, inner: Secrets, gate: KeyringGate) -> None:
        self.inner, self.gate = inner, gate

    def get(self, account: str) -> str | None:
        self.gate.read()
        return self.inner.get(account)

    def set(self, account: str, secret: str) -> None:
        self.inner.set(account, secret)

    def delete(self, account: str) -> None:
        self.inner.delete(account)


class SlowKeyringComposition(Composition):
    """This computer's adapters, the secret store's reads behind ``gate``."""

    def __init__(self, locations: Locations, gate: KeyringGate) -> None:
        super().__init__(locations)
        self.gate = gate

    def secrets(self, folder: FolderConfig) -> Secrets:
        return GatedSecrets(super().secrets(folder), self.gate)


@pytest.fixture
def gate() -> KeyringGate:
    return KeyringGate()


@pytest.fixture
def service(gate: KeyringGate) -> SyncService:
    locations = Locations.from_env()
    return SyncService(locations, adapters=SlowKeyringComposition(locations, gate))


@pytest.fixture
def served(
    tmp_path: Path,
    service: SyncService,
    nextcloud: NextcloudDouble,
    socket_file: Path,
    opened: OpenedUrls,
) -> Iterator[RequestServer]:
    local = tmp_path / "Classe"
    local.mkdir()
    (local / "lundi.txt").write_text("maths", encoding="utf-8")
    service.link(
        local, nextcloud.webdav_url, user=nextcloud.user, password=nextcloud.password,
        name="classe", allow_file_store=True,
    )  # fmt: skip
    notes: list[tuple[str, str]] = []
    server = RequestServer(desktop_requests(service, opened, lambda *note: notes.append(note)))
    assert server.listen(socket_file)
    yield server
    server.close()


Answers = Callable[[], list[Any]]


@pytest.fixture
def asking(socket_file: Path) -> Iterator[Callable[[str, Path], Answers]]:
    """Send a request from another thread, as a file manager does; what it returns
    tells the answers so far."""
    threads: list[threading.Thread] = []

    def send(request: str, path: Path) -> Answers:
        answers: list[Any] = []

        def client() -> None:
            try:
                answers.append(ask(request, [str(path)], path=socket_file, timeout=30))
            except BaseException as exc:  # handed to the test thread
                answers.append(exc)

        threads.append(threading.Thread(target=client, name="file-manager"))
        threads[-1].start()
        return lambda: answers

    yield send
    for thread in threads:
        thread.join(30)


def test_the_first_right_click_reads_the_keyring_off_the_gui_thread(
    qtbot, served: RequestServer, asking, tmp_path: Path, gate: KeyringGate
):
    item = tmp_path / "Classe" / "lundi.txt"
    gate.closed = True
    answers = asking("menu", item)
    qtbot.waitUntil(gate.entered.is_set, timeout=TIMEOUT_MS)  # the read is held now

    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(not answers()))
    qtbot.waitUntil(lambda: bool(ticked), timeout=TIMEOUT_MS)
    assert ticked == [True]  # the event loop ran while the keyring was being read
    assert answers() == []  # the menu waits for what the keyring tells

    gate.opened.set()
    qtbot.waitUntil(lambda: bool(answers()), timeout=TIMEOUT_MS)
    assert answers() == [{"ok": True, "actions": ["open-online"]}]
    assert gate.readers and threading.main_thread() not in gate.readers

    # learned once for the folder: the next right-click reads no secret
    readers = len(gate.readers)
    again = asking("menu", item)
    qtbot.waitUntil(lambda: bool(again()), timeout=TIMEOUT_MS)
    assert again() == [{"ok": True, "actions": ["open-online"]}]
    assert len(gate.readers) == readers
