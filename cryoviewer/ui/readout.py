"""One line of text, elided when its room is short: the clock under the picture (which changes
with every frame), the title in the top bar.

A QLabel asks its whole column to lay out again each time its text changes; at sixty changes a
second that costs more than drawing the picture. A Readout only repaints itself: its height comes
from its font, its width from the layout, and a text too long for it is elided.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class Readout(QWidget):
    def __init__(self, object_name: str, text: str = "", opaque: bool = False, parent=None):
        """An `opaque` readout paints its own paper (the window's), so that a new text repaints
        nothing behind it: for one that changes every frame on the page."""
        super().__init__(parent)
        self.setObjectName(object_name)
        self._text = ""
        self._opaque = opaque
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, opaque)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.update()

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(metrics.horizontalAdvance(self._text), metrics.height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, QFontMetrics(self.font()).height() + 4)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self._opaque:
            painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Window))
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        text = QFontMetrics(self.font()).elidedText(self._text, Qt.TextElideMode.ElideRight,
                                                    self.width())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         text)
