"""``ProgressView``: the passes under way in the window, as the CLI shows them: files
and bytes done of the total, the share done and the time left (``ProgressEstimate``),
with a bar.  Hidden when nothing transfers."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from cozysync.byte_sizes import size_words
from cozysync.progress_estimate import Progress, ProgressEstimate
from cozysync_ui.i18n import translate
from cozysync_ui.itemmodels.sync_state import SyncState

__all__ = ["ProgressView", "progress_text"]


def _size(count: int) -> str:
    return size_words(count)  # the CLI's words for sizes


def _time_left(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return translate("Progress", "less than a minute left")
    if minutes < 90:
        return translate("Progress", "about %n minute(s) left", None, minutes)
    return translate("Progress", "about %n hour(s) left", None, round(minutes / 60))


def progress_text(progress: Progress) -> str:
    """ "120 of 2,000 files · 1.2 MB of 30 MB · 6% · about 2 minutes left"."""
    total = progress.files_total
    files = translate("Progress", "%1 of %n file(s)", None, total)
    files = files.replace(str(total), QLocale().toString(total), 1)  # %n: no grouping
    parts = [files.replace("%1", QLocale().toString(progress.files_done))]
    if progress.bytes_total:
        size = translate("Progress", "%1 of %2")
        parts.append(
            size.replace("%1", _size(progress.bytes_done)).replace(
                "%2", _size(progress.bytes_total)
            )
        )
    parts.append(translate("Progress", "%1%").replace("%1", str(progress.percent)))
    if progress.seconds_left is not None:
        parts.append(_time_left(progress.seconds_left))
    return " · ".join(parts)


class ProgressView(QWidget):
    """Follows ``state``: shown while a pass has something to do, summed over folders."""

    def __init__(
        self, state: SyncState, clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.state = state
        self.estimate = ProgressEstimate(clock)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)  # the words say it, the percentage included
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text)
        column.addWidget(self.bar)
        self.hide()
        state.changed.connect(self.refresh)

    def refresh(self) -> None:
        passes = [p for p in self.state.progress.values() if p.files_total]
        if not passes:
            self.estimate.reset()
            self.hide()
            return
        progress = self.estimate.update(
            sum(p.files_done for p in passes),
            sum(p.files_total for p in passes),
            sum(p.bytes_done for p in passes),
            sum(p.bytes_total for p in passes),
        )
        self.bar.setValue(progress.percent)
        self.bar.setAccessibleName(progress_text(progress))
        self.text.setText(progress_text(progress))
        self.show()
