"""``ShareDialog``: share one file or folder (issue 17).  A public link, read-only or
editable, with an expiry and a password, copied to the clipboard and shown as a QR code
a pupil scans with a phone; people and groups of the server's address book, found as
the user types; and the item's shares, each with "Stop sharing".

The dialog never calls the engine itself: it is given ``ShareOps`` (plain callables,
``share_ops`` binds them to ``SyncService``) and runs each through
``run_in_background``; what comes back (``Share``, ``Sharee``: plain data) fills it."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import segno
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cozysync.api import SyncService
from cozysync.errors import CozySyncError
from cozysync.share_errors import SharingError
from cozysync.share_models import LinkOptions, Share, Sharee
from cozysync.share_words import refusal_words, share_line
from cozysync_ui.background import run_in_background
from cozysync_ui.i18n import translate

__all__ = ["SEARCH_DELAY_MS", "ShareDialog", "ShareOps", "qr_pixmap", "share_ops"]

SEARCH_DELAY_MS = 250  # search once the typing pauses, not at each key


@dataclass(frozen=True, slots=True)
class ShareOps:
    """What the dialog may ask, for one item (each runs off the GUI thread)."""

    label: str  # the item as the user knows it ("Exposé SVT")
    make_link: Callable[[LinkOptions], Share]
    find: Callable[[str], tuple[Sharee, ...]]
    share_with: Callable[[tuple[Sharee, ...], bool], tuple[Share, ...]]
    shares: Callable[[], tuple[Share, ...]]
    stop: Callable[[str], None]


def share_ops(service: SyncService, path: str, name: str | None = None) -> ShareOps:
    """``ShareOps`` for ``path`` (a file or folder in a synced folder)."""
    item = service.shared_item(path, name)
    folder = item.folder
    return ShareOps(
        label=item.path,
        make_link=lambda options: service.share_link(path, options, folder),
        find=lambda query: service.find_sharees(query, folder),
        share_with=lambda who, ro: service.share_with(path, who, read_only=ro, name=folder),
        shares=lambda: service.shares_of(path, folder),
        stop=lambda share_id: service.stop_share(share_id, folder),
    )


def qr_pixmap(url: str, scale: int = 4) -> QPixmap:
    """The link as a QR code image (segno's PNG)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(out.getvalue(), "PNG")
    return pixmap


class ShareDialog(QDialog):
    def __init__(self, ops: ShareOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(translate("ShareDialog", "Share %1").replace("%1", ops.label))
        self.found: tuple[Sharee, ...] = ()
        self.listed: tuple[Share, ...] = ()
        self.busy = 0  # operations under way (a test waits for 0)
        column = QVBoxLayout(self)
        column.addWidget(self._link_box())
        column.addWidget(self._people_box())
        column.addWidget(self._shares_box())
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #8b0000;")
        column.addWidget(self.problem)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._search)
        self.refresh()

    # -- layout ------------------------------------------------------------------------

    def _link_box(self) -> QGroupBox:
        box = QGroupBox(translate("ShareDialog", "Link"))
        column = QVBoxLayout(box)
        options = QHBoxLayout()
        self.link_read_only = QCheckBox(translate("ShareDialog", "Read-only"))
        self.link_read_only.setChecked(True)
        self.expires = QSpinBox()
        self.expires.setRange(0, 365)
        self.expires.setSpecialValueText(translate("ShareDialog", "never expires"))
        self.expires.setSuffix(translate("ShareDialog", " days"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate("ShareDialog", "Password (optional)"))
        for widget in (self.link_read_only, self.expires, self.password):
            options.addWidget(widget)
        column.addLayout(options)
        row = QHBoxLayout()
        self.make_link = QPushButton(translate("ShareDialog", "Create a link"))
        self.make_link.clicked.connect(self._make_link)
        self.link = QLineEdit()
        self.link.setReadOnly(True)
        self.copy = QPushButton(translate("ShareDialog", "Copy"))
        self.copy.setEnabled(False)
        self.copy.clicked.connect(self._copy)
        row.addWidget(self.make_link)
        row.addWidget(self.link)
        row.addWidget(self.copy)
        column.addLayout(row)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setToolTip(translate("ShareDialog", "Scan it with a phone to open the link"))
        column.addWidget(self.qr)
        return box

    def _people_box(self) -> QGroupBox:
        box = QGroupBox(translate("ShareDialog", "People and groups"))
        column = QVBoxLayout(box)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("ShareDialog", "Type a name: Léa, 3e B…"))
        self.search.textEdited.connect(lambda _text: self.search_timer.start())
        self.people = QListWidget()
        row = QHBoxLayout()
        self.people_read_only = QCheckBox(translate("ShareDialog", "Read-only"))
        self.share_button = QPushButton(translate("ShareDialog", "Share with the ones ticked"))
        self.share_button.clicked.connect(self._share_with)
        row.addWidget(self.people_read_only)
        row.addWidget(self.share_button)
        column.addWidget(self.search)
        column.addWidget(self.people)
        column.addLayout(row)
        return box

    def _shares_box(self) -> QGroupBox:
        box = QGroupBox(translate("ShareDialog", "Shared now"))
        column = QVBoxLayout(box)
        self.share_list = QListWidget()
        self.share_list.setWordWrap(True)
        self.stop_button = QPushButton(translate("ShareDialog", "Stop sharing"))
        self.stop_button.clicked.connect(self._stop)
        column.addWidget(self.share_list)
        column.addWidget(self.stop_button)
        return box

    # -- actions -----------------------------------------------------------------------

    def refresh(self) -> None:
        self._run(self.ops.shares, self._show_shares)

    def _make_link(self) -> None:
        options = LinkOptions(
            read_only=self.link_read_only.isChecked(),
            expires_days=self.expires.value() or None,
            password=self.password.text() or None,
        )
        self._run(lambda: self.ops.make_link(options), self._show_link)

    def _show_link(self, share: Share) -> None:
        self.link.setText(share.url)
        self.copy.setEnabled(True)
        self._copy()
        self.qr.setPixmap(qr_pixmap(share.url))
        self.refresh()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.link.text())

    def _search(self) -> None:
        query = self.search.text().strip()
        if not query:
            self._show_found(())
            return
        self._run(lambda: self.ops.find(query), lambda found: self._found_for(query, found))

    def _found_for(self, query: str, found: tuple[Sharee, ...]) -> None:
        if query == self.search.text().strip():  # else an older search answering late
            self._show_found(found)

    def _show_found(self, found: tuple[Sharee, ...]) -> None:
        self.found = found
        self.people.clear()
        for sharee in found:
            shown = f"{sharee.name} ({sharee.detail})" if sharee.detail else sharee.name
            item = QListWidgetItem(shown)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)

    def _share_with(self) -> None:
        ticked = tuple(
            sharee for row, sharee in enumerate(self.found)
            if self.people.item(row).checkState() == Qt.CheckState.Checked
        )  # fmt: skip
        if not ticked:
            self.problem.setText(translate("ShareDialog", "Tick the people or groups first."))
            return
        read_only = self.people_read_only.isChecked()
        self._run(lambda: self.ops.share_with(ticked, read_only), lambda _made: self.refresh())

    def _show_shares(self, shares: tuple[Share, ...]) -> None:
        self.listed = shares
        self.share_list.clear()
        for share in shares:
            self.share_list.addItem(share_line(share))
        self.stop_button.setEnabled(bool(shares))

    def _stop(self) -> None:
        row = self.share_list.currentRow()
        if not 0 <= row < len(self.listed):
            self.problem.setText(translate("ShareDialog", "Choose the share to stop first."))
            return
        share_id = self.listed[row].share_id
        self._run(lambda: self.ops.stop(share_id), lambda _none: self.refresh())

    def _run(self, op: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.busy += 1
        self.problem.clear()

        def succeeded(result: Any) -> None:
            self.busy -= 1
            done(result)

        def failed(exc: BaseException) -> None:
            self.busy -= 1
            self.problem.setText(_words(exc))

        run_in_background(op, succeeded, failed)


def _words(exc: BaseException) -> str:
    if isinstance(exc, SharingError):
        return refusal_words(exc)
    if isinstance(exc, CozySyncError):
        return exc.one_line()
    said: str = translate("ShareDialog", "Sharing failed: %1")
    return said.replace("%1", type(exc).__name__)
