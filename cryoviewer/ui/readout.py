"""One line of text that changes with every frame, such as the clock under the picture.

A QLabel asks its whole column to lay out again each time its text changes; at sixty changes a
second that costs more than drawing the picture. A Readout only repaints itself: its height comes
from its font, its width from the layout, and a text too long for it is elided.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class Readout(QWidget):
    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

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
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        text = QFontMetrics(self.font()).elidedText(self._text, Qt.TextElideMode.ElideRight,
                                                    self.width())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         text)
