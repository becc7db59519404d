"""The file managers' right-click entries (issue 17, item 5; issue 18, item 3): the
extension's logic (packaging/filemanager/cozysync_filemanager.py, imported without any
file manager) against the real socket of a running app, then the Nautilus and Caja
extensions themselves under the real bindings (Debian's python3-nautilus and
gir1.2-nautilus-4.0, gir1.2-caja-2.0; in the system's Python) as they are installed:
their folder holding the extension, its logic and the protocol's copy, and no cozysync
to import.  Nemo's bindings are not in Debian 12: its shell is not loaded here."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cozysync.desktop_requests import ask
from cozysync_ui.app import CozySyncApp
from cozysync_ui.request_server import RequestServer
from tests.nextcloud_double import NextcloudDouble
from tests.ui.conftest import OpenedUrls
from tests.ui.test_desktop_requests import asked, fileid_of, served, synced

__all__ = ["served", "synced"]  # the fixtures this module reuses

ROOT = Path(__file__).resolve().parents[2]
FILEMANAGER = ROOT / "packaging" / "filemanager"
SYSTEM_PYTHON = Path("/usr/bin/python3")


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, FILEMANAGER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


filemanager = _load("cozysync_filemanager")


def app_asker(qtbot, socket_file: Path) -> Callable[[str, Any, float], dict[str, Any]]:
    """The extension's way of asking, through the real socket, while the app's event
    loop runs in this thread (the file manager is another process)."""

    def asker(request: str, paths: Any, timeout: float) -> dict[str, Any]:
        return asked(qtbot, socket_file, request, *paths)

    return asker


def test_the_entries_are_the_apps_offer_for_synced_items_in_the_users_language(
    qtbot, served: RequestServer, socket_file: Path, synced: Path, tmp_path: Path
):
    item = str(synced / "Cours" / "lundi.txt")
    english = filemanager.Menu(app_asker(qtbot, socket_file), environ={"LANG": "en_GB.UTF-8"})
    offered = english.entries([item])  # what the app's dialogs plugged in, in menu order
    assert [(e.action, e.label) for e in offered if e.action == "open-online"] == [
        ("open-online", "Open online")
    ]
    french = filemanager.Menu(app_asker(qtbot, socket_file), environ={"LANG": "fr_FR.UTF-8"})
    assert "Ouvrir en ligne" in [e.label for e in french.entries([item])]
    assert [e.action for e in french.entries([item])] == [e.action for e in offered]
    assert english.entries([str(tmp_path / "ailleurs.txt")]) == []  # not synced: no entry
    assert english.entries([]) == []


def test_choosing_open_online_opens_the_browser_through_the_app(
    qtbot,
    served: RequestServer,
    socket_file: Path,
    synced: Path,
    nextcloud: NextcloudDouble,
    opened: OpenedUrls,
):
    item = str(synced / "Cours" / "lundi.txt")
    menu = filemanager.Menu(lambda request, paths, timeout: ask(request, paths, path=socket_file))
    entry = filemanager.Entry("open-online", "Open online", "")
    answers: list[dict[str, Any]] = []
    thread = menu.choose(entry, [item], on_answer=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=20_000)
    thread.join(5)
    url = f"{nextcloud.url}/index.php/f/{fileid_of(nextcloud, 'Cours/lundi.txt')}"
    assert answers == [{"ok": True, "url": url, "kind": "files-app"}]
    assert [u.toString() for u in opened] == [url]


def test_without_the_app_there_is_no_entry_and_a_choice_fails_in_words(tmp_path: Path):
    nobody = tmp_path / "none.sock"
    menu = filemanager.Menu(lambda request, paths, timeout: ask(request, paths, path=nobody))
    assert menu.entries(["/home/léa/Cozy/a.txt"]) == []
    entry = filemanager.Entry("share", "Share…", "")
    answer = filemanager.choose(menu.asker, entry.action, ["/home/léa/Cozy/a.txt"])
    assert answer["ok"] is False and "not answering" in answer["message"]


def test_only_local_files_are_offered():
    assert filemanager.local_paths(["file:///home/l%C3%A9a/Cozy/a%20b.txt"]) == [
        "/home/léa/Cozy/a b.txt"
    ]
    assert filemanager.local_paths(["file:///a", "sftp://host/b"]) == []
    assert filemanager.local_paths(["trash:///a"]) == []


def test_the_language_follows_gettexts_variables():
    assert filemanager.language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert filemanager.language({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr:en"}) == "fr"
    assert filemanager.language({"LC_ALL": "C", "LANGUAGE": "fr"}) == "en"
    assert filemanager.language({}) == "en"


# --- the real nautilus-python (and caja-python) bindings --------------------------------

# (file manager, its namespace and version, its Debian packages, whether get_file_items
# takes the window first: Caja's API is nautilus-python 1's)
FILE_MANAGERS = {
    "nautilus": ("Nautilus", "4.0", "python3-nautilus gir1.2-nautilus-4.0", False),
    "caja": ("Caja", "2.0", "gir1.2-caja-2.0 (python3-caja loads it in Caja)", True),
}

SCRIPT = r"""
import json, sys, threading
import gi
namespace, version, module, with_window = sys.argv[1:5]
gi.require_version(namespace, version)
from gi.repository import Gio, GObject
fm = getattr(__import__("gi.repository", fromlist=[namespace]), namespace)
extension = __import__(module)

class Info(GObject.Object, fm.FileInfo):
    def __init__(self, path):
        super().__init__()
        self.path = path
    def do_get_uri(self):
        return Gio.File.new_for_path(self.path).get_uri()
    def do_get_location(self):
        return Gio.File.new_for_path(self.path)

provider = extension.CozySyncMenuProvider()
assert isinstance(provider, fm.MenuProvider)
files = [Info(p) for p in sys.argv[5:]]
args = (None, files) if with_window == "1" else (files,)
items = provider.get_file_items(*args)
inside = (None, files[0]) if with_window == "1" else (files[0],)
background = provider.get_background_items(*inside)  # a click in the first one's space
assert [i.props.name for i in background] == [i.props.name for i in
    provider.get_file_items(*((None, files[:1]) if with_window == "1" else (files[:1],)))]
print(json.dumps([[i.props.name, i.props.label, i.props.tip] for i in items]), flush=True)
for item in items:
    if item.props.name == "CozySync::open-online":
        item.activate()
for thread in threading.enumerate():
    if thread is not threading.main_thread():
        thread.join(60)
try:
    import cozysync
    print("cozysync importable", file=sys.stderr)
except ImportError:
    pass
"""


def _bindings(file_manager: str) -> str | None:
    """Why the real bindings cannot be used here (None: they can)."""
    namespace, version, packages, _ = FILE_MANAGERS[file_manager]
    if not SYSTEM_PYTHON.exists():
        return f"no system Python (/usr/bin/python3) to load {namespace}'s bindings"
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c",
         f"import gi; gi.require_version('{namespace}', '{version}'); "
         f"from gi.repository import {namespace}"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    if probe.returncode != 0:
        return f"{namespace}'s introspection data is not installed (Debian: apt install {packages})"
    return None


@pytest.fixture(params=sorted(FILE_MANAGERS))
def installed_extension(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The extension's folder as packaging installs it (packaging/filemanager/README.md):
    the file manager's name; the folder is ``tmp_path / "extensions"``."""
    file_manager = request.param
    why = _bindings(file_manager)
    if why is not None and os.environ.get("CI"):
        pytest.fail(why)  # scripts/setup --test installs Nautilus's and Caja's
    if why is not None:
        pytest.skip(why)
    folder = tmp_path / "extensions"
    folder.mkdir()
    for name in (f"cozysync_{file_manager}.py", "cozysync_filemanager.py"):
        shutil.copy(FILEMANAGER / name, folder / name)
    shutil.copy(ROOT / "cozysync" / "desktop_requests.py", folder / "cozysync_desktop_requests.py")
    yield file_manager


def run_extension(
    qtbot, file_manager: str, env: dict[str, str], cwd: Path, *items: Path
) -> list[list[str]]:
    """The script in the system's Python; the menu items it got, as JSON."""
    namespace, version, _, with_window = FILE_MANAGERS[file_manager]
    args = [namespace, version, f"cozysync_{file_manager}", "1" if with_window else "0"]
    proc = subprocess.Popen(
        [str(SYSTEM_PYTHON), "-c", SCRIPT, *args, *map(str, items)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
    )  # fmt: skip
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "cozysync importable" not in err  # it ran on the protocol's installed copy
    items_json: list[list[str]] = json.loads(out)
    return items_json


def test_the_extension_offers_and_opens_through_the_real_bindings(
    qtbot,
    installed_extension: str,
    make_app: Callable[..., CozySyncApp],
    socket_file: Path,
    synced: Path,
    nextcloud: NextcloudDouble,
    opened: OpenedUrls,
    tmp_path: Path,
):
    server = RequestServer(make_app().requests)
    assert server.listen(socket_file)
    item = synced / "Cours" / "lundi.txt"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LANG": "fr_FR.UTF-8",
        "COZYSYNC_REQUESTS_SOCKET": str(socket_file),
        "PYTHONPATH": str(tmp_path / "extensions"),  # as the file manager's loader does
    }
    try:
        two = run_extension(qtbot, installed_extension, env, tmp_path, item, synced / "Cours")
        assert "CozySync::open-online" not in [name for name, *_ in two]  # one item only
        one = run_extension(qtbot, installed_extension, env, tmp_path, item)
    finally:
        server.close()
    offered = server.handlers.available([str(item)])  # what the app's dialogs plugged in
    assert [name for name, *_ in one] == [f"CozySync::{action}" for action in offered]
    assert [
        "CozySync::open-online", "Ouvrir en ligne", "Ouvrir dans le navigateur, dans l’éditeur"
    ] in one  # fmt: skip
    url = f"{nextcloud.url}/index.php/f/{fileid_of(nextcloud, 'Cours/lundi.txt')}"
    assert [u.toString() for u in opened] == [url]
