"""Control icons drawn with QPainter: crisp at any size, and no font needs the glyphs."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

SIZE = 64


def _icon(draw, colour: str) -> QIcon:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    draw(painter)
    painter.end()
    return QIcon(pixmap)


def _triangle(painter: QPainter, left: float, right: float) -> None:
    """A triangle pointing right (left < right) or left (left > right)."""
    painter.drawPolygon(QPolygonF([QPointF(left, 14), QPointF(right, 32), QPointF(left, 50)]))


def play(colour: str) -> QIcon:
    return _icon(lambda p: _triangle(p, 18, 52), colour)


def pause(colour: str) -> QIcon:
    return _icon(lambda p: (p.drawRoundedRect(QRectF(16, 14, 11, 36), 3, 3),
                            p.drawRoundedRect(QRectF(37, 14, 11, 36), 3, 3)), colour)


def step_back(colour: str) -> QIcon:
    return _icon(lambda p: (p.drawRect(QRectF(12, 14, 7, 36)), _triangle(p, 52, 22)), colour)


def step_forward(colour: str) -> QIcon:
    return _icon(lambda p: (_triangle(p, 12, 42), p.drawRect(QRectF(45, 14, 7, 36))), colour)


def stop(colour: str) -> QIcon:
    return _icon(lambda p: p.drawRoundedRect(QRectF(16, 16, 32, 32), 3, 3), colour)


def speaker(colour: str) -> QIcon:
    """A loudspeaker with one sound wave: reading aloud."""
    def draw(p: QPainter) -> None:
        p.drawPolygon(QPolygonF([QPointF(8, 24), QPointF(18, 24), QPointF(32, 12),
                                 QPointF(32, 52), QPointF(18, 40), QPointF(8, 40)]))
        pen = QPen(QColor(colour), 5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawArc(QRectF(24, 18, 28, 28), -50 * 16, 100 * 16)
    return _icon(draw, colour)
