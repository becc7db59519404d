"""Screenshots of the Share dialog (issue 17), the Versions dialog and the Deleted files
window (issue 18), for README's "Share" and "Get a file back" sections; called by
``tests/ui/screenshots.py`` for each language (``--only share,versions,deleted-files``
renders just these).

Each dialog is the app's own, drawn by Qt (``QWidget.grab``).  What the server answers
is pictured data (no network), as the wizard's pictured check: the Share dialog gets
``ShareOps`` answering a Cozy's link and address book, the Versions dialog the old
versions a Cozy lists and the preview's bytes, the Deleted files window one item of the
cloud's trash and one that cozysync put in this computer's trash.  The flows behind
them are tested against the doubles (test_share_dialog.py, test_versions_dialog.py,
test_deleted_files_window.py).  Writes share-LANG.png, versions-LANG.png and
deleted-files-LANG.png."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from cozysync.api import DeletedFiles, DeletedItem, FileVersions
from cozysync.file_versions import FileVersion
from cozysync.share_models import LinkOptions, Share, Sharee, ShareKind
from cozysync_ui.dialogs.deleted_files_window import DeletedFilesWindow
from cozysync_ui.dialogs.share_dialog import ShareDialog, ShareOps
from cozysync_ui.dialogs.versions_dialog import VersionsDialog

__all__ = ["SHOTS", "shoot_deleted_files", "shoot_share", "shoot_versions"]

CLOUD = "https://camille.mycozy.cloud"
LINK = "https://camille-drive.mycozy.cloud/public?sharecode=eiJ3Yo8SdQZv#/"
BOOK = (
    Sharee("c1", "Léa Martin", ShareKind.PERSON, "lea.martin@mycozy.cloud"),
    Sharee("g1", "3e B", ShareKind.GROUP, ""),
    Sharee("c2", "Léo Petit", ShareKind.PERSON, "leo.petit@mycozy.cloud"),
)
DAY = 86_400.0
NOW = time.time()


def wait(condition: Callable[[], object], seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not condition():
        QApplication.processEvents()
        time.sleep(0.02)
    QApplication.processEvents()


def save(widget: QWidget, path: Path) -> None:
    wait(lambda: False, 0.3)
    widget.grab().save(str(path))


class _PicturedCozy:
    """What a Cozy answers the Share dialog of "Exposé SVT" (a link asked once, Léa
    found by "lé", shared with her and the class)."""

    def __init__(self) -> None:
        self.shares: list[Share] = [
            Share("s1", ShareKind.GROUP, "Exposé SVT", "Exposé SVT", "3e B", False, True,
                  since="2026-11-30T10:12:00Z"),
        ]  # fmt: skip

    def ops(self) -> ShareOps:
        return ShareOps(
            label="Exposé SVT",
            make_link=self.make_link,
            find=lambda query: tuple(s for s in BOOK if query.lower() in s.name.lower()),
            share_with=self.share_with,
            shares=lambda: tuple(self.shares),
            stop=lambda share_id: None,
        )

    def make_link(self, options: LinkOptions) -> Share:
        expires = time.strftime("%Y-%m-%d", time.gmtime(NOW + (options.expires_days or 0) * DAY))
        link = Share(
            "l1", ShareKind.LINK, "Exposé SVT", "Exposé SVT", "", options.read_only, True,
            since=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW)),
            expires=expires if options.expires_days else "", url=LINK,
        )  # fmt: skip
        self.shares.insert(0, link)
        return link

    def share_with(self, who: tuple[Sharee, ...], read_only: bool) -> tuple[Share, ...]:
        made = tuple(
            Share(f"p{n}", s.kind, "Exposé SVT", "Exposé SVT", s.name, read_only, True,
                  status="waiting")
            for n, s in enumerate(who)
        )  # fmt: skip
        self.shares.extend(made)
        return made


def shoot_share(language: str, out: Path) -> None:
    dialog = ShareDialog(_PicturedCozy().ops())
    dialog.resize(620, 820)
    dialog.show()
    wait(lambda: dialog.busy == 0)
    dialog.expires.setValue(7)
    dialog.make_link.click()
    wait(lambda: dialog.busy == 0 and dialog.link.text())
    dialog.search.setText("lé")
    dialog.search.textEdited.emit("lé")
    wait(lambda: dialog.people.count() == 2)
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.share_button.click()
    wait(lambda: dialog.busy == 0 and dialog.share_list.count() == 3)
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)  # as the user left it
    save(dialog, out / f"share-{language}.png")
    dialog.close()


ESSAY = {
    "v3": "Mon exposé sur les volcans\n\nPartie 1 : le magma\nLe magma remonte par la "
    "cheminée…\n\nPartie 2 : les éruptions\n",
    "v2": "Mon exposé sur les volcans\n\nPartie 1 : le magma\n",
    "v1": "Mon exposé sur les volcans\n",
}


def shoot_versions(language: str, out: Path) -> None:
    found = FileVersions(
        "Documents", "Cours/exposé volcans.txt", (
            FileVersion("v3", NOW - 2 * 3600, 3_412, made_by="cozysync (PC-SALLE-12)"),
            FileVersion("v2", NOW - 1 * DAY, 1_870, made_by="Drive"),
            FileVersion("v1", NOW - 3 * DAY, 512, made_by="cozysync (portable de Camille)"),
        ),
    )  # fmt: skip
    dialog = VersionsDialog(found)
    dialog.preview_wanted.connect(lambda v: dialog.show_preview(v, ESSAY[v].encode()))
    dialog.resize(940, 420)  # each row whole, who made it included
    dialog.show()
    wait(lambda: dialog.preview_text.isVisible())
    save(dialog, out / f"versions-{language}.png")
    dialog.close()


def shoot_deleted_files(language: str, out: Path) -> None:
    listing = DeletedFiles(
        "Documents", (
            DeletedItem("server:1", "Documents", "Cours/devoir de maths.odt", False, 24_310,
                        NOW - 3600, "server", deleted_by="Camille"),
            DeletedItem("local:2", "Documents", "Photos/sortie volcan.jpg", False, 1_204_000,
                        NOW - 5 * 3600, "this computer"),
            DeletedItem("server:3", "Documents", "Anglais", True, None, NOW - 2 * DAY,
                        "server"),
            DeletedItem("local:4", "Documents", "notes.txt", False, 310, NOW - 4 * DAY,
                        "this computer", place_taken=True),
        ), "listed",
    )  # fmt: skip
    window = DeletedFilesWindow(["Documents", "Classe 3e B"])
    window.resize(760, 420)
    window.show()
    window.show_listing(listing)
    save(window, out / f"deleted-files-{language}.png")
    window.close()


@contextmanager
def engine_language(language: str) -> Iterator[None]:
    """The engine's words (``cozysync.i18n``: the share lines) in ``language`` too: it
    follows the locale's variables, as for a user whose desktop speaks it."""
    before = os.environ.get("LC_ALL")
    os.environ["LC_ALL"] = "fr_FR.UTF-8" if language == "fr" else "en_GB.UTF-8"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("LC_ALL", None)
        else:
            os.environ["LC_ALL"] = before


def _in_language(shoot: Callable[[str, Path], None]) -> Callable[[str, Path], None]:
    def shoot_in(language: str, out: Path) -> None:
        with engine_language(language):
            shoot(language, out)

    return shoot_in


SHOTS: dict[str, Callable[[str, Path], None]] = {
    "share": _in_language(shoot_share),
    "versions": _in_language(shoot_versions),
    "deleted-files": _in_language(shoot_deleted_files),
}
