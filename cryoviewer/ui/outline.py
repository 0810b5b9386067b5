"""A line that stays visible over anything: drawn over a wider halo of a contrasting colour.

The ice edge, the lethal zone's edge and the isotherms cross tissue, ice and every colour of the
temperature scale; no single colour contrasts with all of them, a line on its halo does. One
path is built per update and stroked twice, cheaper than two plot items.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

HALO_PX = 2.0  # the halo shows this many pixels on each side of the line


def pen(colour: str, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
    """A cosmetic pen (its width in screen pixels, whatever the zoom), round-capped."""
    result = QPen(QColor(colour), width, style)
    result.setCosmetic(True)
    result.setCapStyle(Qt.PenCapStyle.RoundCap)
    result.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return result


class OutlinedLine(QGraphicsItem):
    """NaN-separated polylines, drawn in `colour` over a halo, inside a fixed rectangle."""

    def __init__(self, bounds: QRectF, colour: str, halo: str, width: float,
                 style=Qt.PenStyle.SolidLine):
        super().__init__()
        self._bounds = bounds
        self._path = QPainterPath()
        self.set_pens(colour, halo, width, style)

    def set_pens(self, colour: str, halo: str, width: float, style=None) -> None:
        style = style if style is not None else self._line.style()
        self._line = pen(colour, width, style)
        self._halo = pen(halo, width + 2 * HALO_PX)
        self.colour, self.halo_colour = colour, halo
        self.update()

    def set_data(self, x: np.ndarray, y: np.ndarray) -> None:
        self._path = (pg.arrayToQPath(np.asarray(x, float), np.asarray(y, float),
                                      connect="finite") if len(x) else QPainterPath())
        self.update()

    def is_empty(self) -> bool:
        return self._path.isEmpty()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, option, widget=None) -> None:
        if self._path.isEmpty():
            return
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.strokePath(self._path, self._halo)
        painter.strokePath(self._path, self._line)
