"""The window's "Recent activity" list: what was synced lately, with its time and
folder, kept across restarts.  At start it reads the engine's kept activity
(``SyncService.recent_activity``), then adds each ``ItemSynced`` as it comes; a folder
unlinked takes its items away.  Activating an item shows the file in its folder: through
the file manager's ``org.freedesktop.FileManager1.ShowItems`` (the file selected) where a
file manager offers it on the session bus, else the folder opened.  The bus is asked
without waiting (its answer comes through the event loop): a file manager the bus
starts first may take seconds to answer."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from cozysync.api import ActivityEntry, SyncService, UnlinkResult
from cozysync.errors import CozySyncError
from cozysync.events import ItemSynced
from cozysync_ui.activity_menu import ActivityMenu
from cozysync_ui.i18n import translate
from cozysync_ui.itemmodels.sync_state import Activity
from cozysync_ui.labels import activity_label

if TYPE_CHECKING:
    from cozysync_ui.controller import AppController

__all__ = [
    "SHOWN",
    "WHEN_ROLE",
    "RecentActivityList",
    "fitted_label",
    "follow_menu_activity",
    "kept_activity",
    "show_in_folder",
    "when_and_where",
]

log = logging.getLogger(__name__)

SHOWN = 100  # items the list shows, every folder together

SHOW_TIMEOUT_MS = 5000  # a file manager the bus starts first may take a few seconds
_FILE_MANAGER = ("org.freedesktop.FileManager1", "/org/freedesktop/FileManager1")


WHEN_ROLE = Qt.ItemDataRole.UserRole + 1  # "14:32 · docs", drawn at the row's right
WHEN_GAP = 24  # pixels between a row's words and its time
NAME_CHARS = 14  # a long name keeps about this many characters before its action is cut


class RecentActivityList(QListWidget):
    """The items synced lately, newest first, each showing its file in its folder when
    activated.  Each row says the item and what was done; its time and folder are drawn
    at its right (``WHEN_ROLE``) and said in its tooltip.  A row never makes the list
    scroll sideways: a long name is shortened in its middle ("Exposé sur…volcans.odt"),
    the action and the time stay whole."""

    def __init__(self, controller: AppController) -> None:
        super().__init__()
        self.controller = controller
        self.activities: deque[Activity] = deque(maxlen=SHOWN)
        self.setItemDelegate(_WhenDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemActivated.connect(self._show)
        self.context_menu = ActivityMenu(self)  # right-click: Share…, Versions…, Open online
        controller.bridge.item_synced.connect(self.on_item_synced)
        controller.unlinked.connect(self._forget_folder)
        self._restored_up_to = self._restore()
        self._fill()

    def on_item_synced(self, folder: str, event: ItemSynced) -> None:
        if event.id <= self._restored_up_to:
            return  # logged before the kept activity was read: among the restored
        status = self.controller.state.statuses.get(folder)
        root = Path(status.local_root) if status else Path()
        self.activities.appendleft(
            Activity(folder, event.path, event.what, root / event.path, time.time(), event.action)
        )
        self._fill()

    def _restore(self) -> int:
        """Read the kept activity; returns the id of the last event logged before (the
        events after it come live)."""
        last_id = self.controller.service.events.last_id
        self.activities.extend(kept_activity(self.controller.service, SHOWN))
        return last_id

    def _forget_folder(self, result: UnlinkResult) -> None:
        kept = [a for a in self.activities if a.folder != result.name]
        self.activities.clear()
        self.activities.extend(kept)
        self._fill()

    def _fill(self) -> None:
        self.clear()
        for activity in self.activities:
            item = QListWidgetItem(activity_label(activity))
            when = when_and_where(activity)
            item.setData(Qt.ItemDataRole.UserRole, str(activity.local_path))
            item.setData(WHEN_ROLE, when)
            show = translate("Tray", "Show it in its folder")
            item.setToolTip(f"{when}\n{activity.rel_path}\n{show}")
            self.addItem(item)
        if not self.activities:
            self.addItem(translate("Tray", "Nothing synced yet"))

    def _show(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            show_in_folder(Path(path), self.controller.open_folder)


def follow_menu_activity(controller: AppController) -> None:
    """Fill the menu's "Recent activity" (``state.recent``, a few items) with the kept
    activity as the app starts, behind any item already there (newer); an unlinked
    folder's items leave it (nothing of it left on a shared computer)."""
    state = controller.state
    room = (state.recent.maxlen or 0) - len(state.recent)
    if room > 0:
        state.recent.extend(kept_activity(controller.service, room))
        state.changed.emit()

    def forget(result: UnlinkResult) -> None:
        kept = [a for a in state.recent if a.folder != result.name]
        state.recent.clear()
        state.recent.extend(kept)
        state.changed.emit()

    controller.unlinked.connect(forget)


def kept_activity(service: SyncService, limit: int) -> list[Activity]:
    """The last ``limit`` items kept by the engine, newest first (none when the settings
    cannot be read: the app says so elsewhere)."""
    try:
        roots = {folder.name: folder.local_path for folder in service.list_folders()}
        entries = service.recent_activity(limit)
    except CozySyncError:
        return []
    return [_activity(e, roots) for e in entries if e.folder in roots]


class _WhenDelegate(QStyledItemDelegate):
    """Draws a row's time and folder (``WHEN_ROLE``) at its right, dimmed, and its words
    in the room left (the file's name shortened first: ``fitted_label``)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        when = index.data(WHEN_ROLE)
        if not when:
            super().paint(painter, option, index)
            return
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        metrics = shown.fontMetrics
        style = shown.widget.style() if shown.widget is not None else QApplication.style()
        text_area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, shown.widget)
        room = text_area.width() - metrics.horizontalAdvance(when) - WHEN_GAP
        shown.text = fitted_label(shown.text, metrics, room)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, shown.widget)
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        area = option.rect.adjusted(0, 0, -6, 0)
        painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, when)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """As high as a row of text; no wider than the list (its words are fitted)."""
        size = super().sizeHint(option, index)
        width = option.widget.viewport().width() if option.widget is not None else 0
        if index.data(WHEN_ROLE) and width > 0:
            size.setWidth(min(size.width(), width))
        return size


def fitted_label(label: str, metrics: QFontMetrics, room: int) -> str:
    """``label`` ("name — action") in ``room`` pixels: the name shortened in its middle
    first (its start and its extension kept), down to about ``NAME_CHARS`` characters;
    then the action shortened at its end."""
    if metrics.horizontalAdvance(label) <= room:
        return label
    name, dash, verb = label.rpartition(" — ")
    if not dash:
        return _elided(label, metrics, Qt.TextElideMode.ElideRight, room)
    least = min(metrics.horizontalAdvance(name), metrics.horizontalAdvance("n" * NAME_CHARS))
    name_room = max(room - metrics.horizontalAdvance(dash + verb), least)
    short = _elided(name, metrics, Qt.TextElideMode.ElideMiddle, name_room)
    verb_room = room - metrics.horizontalAdvance(short + dash)
    return short + dash + _elided(verb, metrics, Qt.TextElideMode.ElideRight, verb_room)


def _elided(text: str, metrics: QFontMetrics, mode: Qt.TextElideMode, room: int) -> str:
    """``text`` as it is when it fits (``elidedText`` may cut a text of exactly
    ``room`` pixels), else shortened with "…"."""
    if metrics.horizontalAdvance(text) <= room:
        return text
    return metrics.elidedText(text, mode, max(room, 0))


def _activity(entry: ActivityEntry, roots: dict[str, Path]) -> Activity:
    local = roots[entry.folder] / entry.path
    return Activity(entry.folder, entry.path, "", local, entry.at, entry.action)


def when_and_where(activity: Activity) -> str:
    """ "14:32 · docs": when (in the user's locale; with the date when not today) and
    in which folder."""
    moment = QDateTime.fromSecsSinceEpoch(int(activity.at))
    locale = QLocale()
    if moment.date() == QDateTime.currentDateTime().date():
        when = locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    else:
        when = locale.toString(moment, QLocale.FormatType.ShortFormat)
    return f"{when} · {activity.folder}"


def show_in_folder(
    path: Path,
    open_folder: Callable[[Path], object],
    then: Callable[[], None] | None = None,
) -> None:
    """Show ``path`` selected in the file manager if one offers it on the session bus,
    else open the folder that holds it with ``open_folder(folder)``.  Returns at once
    when the file manager is asked: its answer comes through the event loop, then
    ``open_folder`` (if it refused or was not there) and ``then`` run."""

    def answered(shown: bool) -> None:
        if not shown:
            open_folder(path.parent)
        if then is not None:
            then()

    _ask_file_manager(path, answered)


_waiting: set[QObject] = set()  # the calls sent, kept alive until answered


def _ask_file_manager(path: Path, answered: Callable[[bool], None]) -> None:
    """Ask a file manager on the session bus (running, or one the bus starts: a name
    nobody owns or can start is an error at once) to show ``path``, without waiting;
    ``answered(False)`` when there is none, or it refused, or did not answer within
    ``SHOW_TIMEOUT_MS``.  Not a blocking call in a worker thread: PySide6 keeps the
    GIL through ``QDBusConnection.call``, which would stop the GUI thread all the same."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher
    except ImportError:  # a Qt without D-Bus (Windows, macOS)
        answered(False)
        return
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected() or not path.exists():
        answered(False)
        return
    name, object_path = _FILE_MANAGER
    call = QDBusMessage.createMethodCall(name, object_path, name, "ShowItems")
    url = QUrl.fromLocalFile(str(path)).toString(QUrl.ComponentFormattingOption.FullyEncoded)
    call.setArguments([[url], ""])
    watcher = QDBusPendingCallWatcher(bus.asyncCall(call, SHOW_TIMEOUT_MS))
    _waiting.add(watcher)

    def finished() -> None:
        _waiting.discard(watcher)
        watcher.deleteLater()
        if watcher.isError():
            log.info("no file manager showed %s: %s", path, watcher.error().message())
        answered(not watcher.isError())

    watcher.finished.connect(finished)
