"""What the cozysync entries of a file manager's right-click menu do, without the file
manager: the Nautilus, Nemo and Caja extensions (``cozysync_nautilus.py``,
``cozysync_nemo.py``, ``cozysync_caja.py``) are thin shells around this module, which
the tests import without any of them.

The entries are the ones the running cozysync app offers for the selected items (the
``menu`` request of ``cozysync.desktop_requests``): none when no item is in a synced
folder, or when the app is not running (nothing would answer them).  Choosing one sends
its request; the app does the rest (opens the browser, the Share dialog...) and tells
a failure in its own notification; the answer is also handed to ``on_answer``.

The protocol module comes from cozysync when the file manager's Python sees it, else
from the copy installed beside this file (``cozysync_desktop_requests.py``)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

try:
    from cozysync import desktop_requests as protocol
except ImportError:  # pragma: no cover - the installed extension without cozysync
    import cozysync_desktop_requests as protocol  # type: ignore[import-not-found,no-redef]

__all__ = ["Entry", "Menu", "choose", "label_of", "language", "local_paths"]

MENU_TIMEOUT_S = 2.0  # the menu waits for the app this long at most (then: no entries)
ACTION_TIMEOUT_S = 120.0  # an action's answer (the app may ask its server first)

LABELS = {
    "en": {
        protocol.SHARE: ("Share…", "Share with people or groups of your address book"),
        protocol.COPY_SHARE_LINK: ("Copy share link", "Make a link to share and copy it"),
        protocol.OPEN_ONLINE: ("Open online", "Open in the browser, in the online editor"),
        protocol.VERSIONS: ("Versions…", "See and restore the older versions"),
        protocol.DELETED_FILES: ("Deleted files", "See and restore what was deleted here"),
    },
    "fr": {
        protocol.SHARE: ("Partager…", "Partager avec des personnes ou des groupes du carnet"),
        protocol.COPY_SHARE_LINK: ("Copier le lien de partage", "Créer un lien et le copier"),
        protocol.OPEN_ONLINE: ("Ouvrir en ligne", "Ouvrir dans le navigateur, dans l’éditeur"),
        protocol.VERSIONS: ("Versions…", "Voir et restaurer les versions précédentes"),
        protocol.DELETED_FILES: ("Fichiers supprimés", "Voir et restaurer ce qui a été supprimé"),
    },
}

Asker = Callable[[str, Sequence[str], float], dict[str, Any]]


@dataclass(frozen=True)
class Entry:
    """One menu entry: its request, its label and tooltip in the user's language."""

    action: str
    label: str
    tip: str


def language(environ: Mapping[str, str] | None = None) -> str:
    """ "fr" or "en", as cozysync's CLI picks it (gettext's variables)."""
    env = os.environ if environ is None else environ
    locale_name = next((env[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
    code = locale_name.split(".")[0].split("_")[0].lower()
    if code not in ("c", "posix", ""):
        for wanted in env.get("LANGUAGE", "").split(":"):
            if wanted.split("_")[0].lower() in LABELS:
                return wanted.split("_")[0].lower()
    return code if code in LABELS else "en"


def label_of(action: str, lang: str) -> tuple[str, str]:
    return LABELS.get(lang, LABELS["en"]).get(action) or LABELS["en"][action]


def local_paths(uris: Iterable[str]) -> list[str]:
    """The paths of ``file://`` URIs; empty when any item is not a local file (a
    network place, the trash...: cozysync has nothing to do with it)."""
    paths = []
    for uri in uris:
        parts = urlsplit(uri)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return []
        paths.append(unquote(parts.path))
    return paths


def _ask(request: str, paths: Sequence[str], timeout: float) -> dict[str, Any]:
    return protocol.ask(request, paths, timeout=timeout)


class Menu:
    """The entries for a selection, and what choosing one does.  ``asker``: how the
    app is asked (the request socket by default)."""

    def __init__(self, asker: Asker = _ask, environ: Mapping[str, str] | None = None) -> None:
        self.asker = asker
        self.lang = language(environ)

    def entries(self, paths: Sequence[str]) -> list[Entry]:
        if not paths:
            return []
        try:
            answer = self.asker(protocol.MENU, list(paths), MENU_TIMEOUT_S)
        except protocol.RequestError:
            return []  # the app is not running: nothing would answer an entry
        actions = answer.get("actions") if answer.get("ok") else None
        if not isinstance(actions, list):
            return []
        return [Entry(a, *label_of(a, self.lang)) for a in actions if a in protocol.ACTIONS]

    def items(self, files: Iterable[Any], make_item: Callable[[Entry], Any]) -> list[Any]:
        """The file manager's menu items for ``files`` (its file objects, asked for their
        URI): ``make_item`` builds one in the file manager's own class (Nautilus, Caja,
        Nemo); activating it chooses its entry for those files."""
        paths = local_paths(f.get_uri() for f in files)
        made = []
        for entry in self.entries(paths):
            item = make_item(entry)
            item.connect("activate", lambda _item, e=entry: self.choose(e, paths))
            made.append(item)
        return made

    def choose(
        self,
        entry: Entry,
        paths: Sequence[str],
        on_answer: Callable[[dict[str, Any]], None] | None = None,
    ) -> threading.Thread:
        """Send the entry's request from a thread (the file manager's window must not
        wait for a server); ``on_answer`` gets the app's answer, or an error answer."""
        thread = threading.Thread(
            target=choose, args=(self.asker, entry.action, list(paths), on_answer), daemon=True
        )
        thread.start()
        return thread


def choose(
    asker: Asker,
    action: str,
    paths: list[str],
    on_answer: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Send ``action`` for ``paths`` and return the answer (never raises)."""
    try:
        answer = asker(action, paths, ACTION_TIMEOUT_S)
    except protocol.RequestError as exc:
        answer = protocol.error_answer(protocol.FAILED, str(exc))
    if not answer.get("ok"):
        print(f"cozysync: {answer.get('message', answer)}", file=sys.stderr)
    if on_answer is not None:
        on_answer(answer)
    return answer
