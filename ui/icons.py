"""The tray's state icons, drawn at run time: each state has its own shape (not only its
colour), so it reads for colour-blind users and in monochrome panels."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from cozysync_ui.itemmodels.sync_state import State

__all__ = ["state_icon"]

SIZE = 64
_COLOURS = {
    State.UP_TO_DATE: "#2e7d32",  # green, a check mark
    State.SYNCING: "#1565c0",  # blue, two turning arrows
    State.OFFLINE: "#616161",  # grey, a cloud crossed out
    State.PAUSED: "#ef6c00",  # orange, two bars
    State.ATTENTION: "#c62828",  # red, an exclamation mark
    State.NOT_LINKED: "#616161",  # grey, a plus
}


def state_icon(state: State) -> QIcon:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(_COLOURS[state]))
    painter.drawEllipse(QRectF(2, 2, SIZE - 4, SIZE - 4))
    pen = QPen(QColor("white"), 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _GLYPHS[state](painter)
    painter.end()
    return QIcon(pixmap)


def _check(p: QPainter) -> None:
    path = QPainterPath(QPointF(18, 33))
    path.lineTo(28, 43)
    path.lineTo(46, 22)
    p.drawPath(path)


def _arrows(p: QPainter) -> None:
    box = QRectF(17, 17, 30, 30)
    p.drawArc(box, 30 * 16, 140 * 16)
    p.drawArc(box, 210 * 16, 140 * 16)
    p.setBrush(QColor("white"))
    p.drawPolygon([QPointF(45, 16), QPointF(47, 28), QPointF(36, 25)])
    p.drawPolygon([QPointF(19, 48), QPointF(17, 36), QPointF(28, 39)])


def _cloud_off(p: QPainter) -> None:
    cloud = QPainterPath()
    cloud.addEllipse(QRectF(16, 28, 16, 14))
    cloud.addEllipse(QRectF(24, 21, 18, 18))
    cloud.addEllipse(QRectF(34, 28, 14, 14))
    thin = QPen(QColor("white"), 4)
    p.setPen(thin)
    p.drawPath(cloud.simplified())
    p.setPen(QPen(QColor("white"), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(16, 16), QPointF(48, 48))


def _bars(p: QPainter) -> None:
    p.drawLine(QPointF(25, 20), QPointF(25, 44))
    p.drawLine(QPointF(39, 20), QPointF(39, 44))


def _exclamation(p: QPainter) -> None:
    p.drawLine(QPointF(32, 16), QPointF(32, 36))
    p.drawPoint(QPointF(32, 47))


def _plus(p: QPainter) -> None:
    p.drawLine(QPointF(32, 18), QPointF(32, 46))
    p.drawLine(QPointF(18, 32), QPointF(46, 32))


_GLYPHS = {
    State.UP_TO_DATE: _check,
    State.SYNCING: _arrows,
    State.OFFLINE: _cloud_off,
    State.PAUSED: _bars,
    State.ATTENTION: _exclamation,
    State.NOT_LINKED: _plus,
}
