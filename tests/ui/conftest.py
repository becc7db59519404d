"""UI test fixtures: real Qt on the offscreen platform, a real ``SyncService`` with every
file under ``tmp_path``, a real WsgiDAV server, and guards that fail a test leaving a
thread or an active QTimer behind."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QLocale, QTimer, QUrl
from send2trash import plat_other

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync_ui.app import CozySyncApp
from cozysync_ui.background import pending_background_ops
from cozysync_ui.i18n import Translators
from cozysync_ui.settings import UiSettings
from tests.servers import WsgiDavServer

GRACE_S = 10.0


@pytest.fixture(autouse=True)
def no_leaked_threads_or_timers(qapp) -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    extra = leaked_threads(qapp, before, GRACE_S)
    assert not extra, f"the test left threads running: {extra}"
    active = running_timers()
    for timer in active:
        timer.stop()
    assert not active, f"the test left {len(active)} QTimer(s) running"


def leaked_threads(qapp, before: set[threading.Thread], grace_s: float) -> list[str]:
    """Names of the threads started since ``before`` still alive after ``grace_s``
    (Qt events processed meanwhile, so queued endings are delivered)."""
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        qapp.processEvents()
        extra = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not extra and not pending_background_ops():
            break
        time.sleep(0.05)
    return [t.name for t in threading.enumerate() if t not in before and t.is_alive()]


def running_timers() -> list[QTimer]:
    gc.collect()
    return [t for t in gc.get_objects() if isinstance(t, QTimer) and _is_active(t)]


def _is_active(timer: QTimer) -> bool:
    try:
        return timer.isActive()
    except RuntimeError:  # its C++ object is already deleted
        return False


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, journals, logs, the trash and autostart entries all under tmp_path."""
    monkeypatch.setenv("COZYSYNC_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # send2trash reads XDG_DATA_HOME once, when imported: point its home trash here too
    data_home = os.fsencode(tmp_path / "xdg-data")
    monkeypatch.setattr(plat_other, "XDG_DATA_HOME", data_home)
    monkeypatch.setattr(plat_other, "HOMETRASH_B", os.path.join(data_home, b"Trash"))
    monkeypatch.setattr(plat_other, "HOMETRASH", os.fsdecode(os.path.join(data_home, b"Trash")))


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[Translators]:
    """English, with its plural forms; ``french`` replaces it."""
    translators = Translators("en")
    translators.install(qapp)
    yield translators
    translators.remove(qapp)


@pytest.fixture
def french(qapp, english: Translators) -> Iterator[Translators]:
    english.remove(qapp)
    translators = Translators("fr")
    translators.install(qapp)
    previous = QLocale()
    QLocale.setDefault(QLocale("fr_FR"))
    yield translators
    QLocale.setDefault(previous)
    translators.remove(qapp)


@pytest.fixture
def service() -> SyncService:
    return SyncService(Locations.from_env())


def make_tree(root: Path) -> None:
    (root / "Cours").mkdir(parents=True)
    (root / "Cours" / "exercices.txt").write_text("x² = 2\n", encoding="utf-8")
    (root / "élève.txt").write_text("Bonjour, ça va ?\n", encoding="utf-8")


@pytest.fixture
def local_dir(tmp_path: Path, service: SyncService, wsgidav_server: WsgiDavServer) -> Path:
    """A folder with a few files, linked (not yet synced) to the WsgiDAV server."""
    local = tmp_path / "Documents"
    local.mkdir()
    make_tree(local)
    service.link(
        local, wsgidav_server.url, user=wsgidav_server.user,
        password=wsgidav_server.password, name="docs", allow_file_store=True,
    )  # fmt: skip
    return local


class OpenedUrls(list[QUrl]):
    def __call__(self, url: QUrl) -> bool:
        self.append(url)
        return True


@pytest.fixture
def socket_file() -> Iterator[Path]:
    """Where an app's file-manager request socket listens (short: sun_path holds 108 bytes)."""
    short = Path(tempfile.mkdtemp(prefix="cz", dir="/tmp"))
    yield short / "run" / "requests.sock"
    shutil.rmtree(short, ignore_errors=True)


@pytest.fixture
def opened() -> OpenedUrls:
    return OpenedUrls()


@pytest.fixture
def make_app(service: SyncService, opened: OpenedUrls) -> Iterator[Callable[..., CozySyncApp]]:
    """A started app in window mode (the offscreen platform has no tray); quit afterwards."""
    apps: list[CozySyncApp] = []

    def make(**options: object) -> CozySyncApp:
        settings = UiSettings(service.locations.config_dir)
        app = CozySyncApp(service, settings, use_tray=False, **options)  # type: ignore[arg-type]
        app.controller.open_url = opened
        apps.append(app)
        app.start()
        return app

    yield make
    for app in apps:
        app.quit()
