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
STEP_PX = 8.0  # a smooth contour keeps one point in this many pixels of its length


def thinned(x: np.ndarray, y: np.ndarray, step: float) -> tuple[np.ndarray, np.ndarray]:
    """NaN-separated polylines with at most one point per `step` of length (plus each piece's
    ends). Stroking a wide line costs in proportion to its points; a contour traced on the
    solver's grid has one every 3–4 pixels, and a bend drawn with fewer strays by well under a
    pixel (a chord of 8 px on a curve of radius 15 px departs from it by 0.5 px)."""
    if len(x) < 3 or step <= 0:
        return x, y
    gap = ~np.isfinite(x)
    lengths = np.hypot(np.diff(x), np.diff(y))
    along = np.concatenate(([0.0], np.cumsum(np.nan_to_num(lengths))))
    bucket = np.floor(along / step)
    keep = np.ones(len(x), bool)
    keep[1:] = bucket[1:] != bucket[:-1]
    keep |= gap
    keep[:-1] |= gap[1:]   # a piece's last point
    keep[1:] |= gap[:-1]   # a piece's first point
    keep[-1] = True
    return x[keep], y[keep]


def pen(colour: str, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
    """A cosmetic pen (its width in screen pixels, whatever the zoom), round-capped."""
    result = QPen(QColor(colour), width, style)
    result.setCosmetic(True)
    result.setCapStyle(Qt.PenCapStyle.RoundCap)
    result.setJoinStyle(Qt.PenJoinStyle.BevelJoin)  # round joins cost a third more to stroke
    return result


class OutlinedLine(QGraphicsItem):
    """NaN-separated polylines, drawn in `colour` over a halo, inside a fixed rectangle."""

    def __init__(self, bounds: QRectF, colour: str, halo: str, width: float,
                 style=Qt.PenStyle.SolidLine):
        super().__init__()
        self._bounds = bounds
        self._path = QPainterPath()
        self._step = 0.0  # scene units per STEP_PX (set_resolution); 0 keeps every point
        self.set_pens(colour, halo, width, style)

    def set_pens(self, colour: str, halo: str, width: float, style=None) -> None:
        style = style if style is not None else self._line.style()
        self._line = pen(colour, width, style)
        self._halo = pen(halo, width + 2 * HALO_PX)
        self.colour, self.halo_colour = colour, halo
        self.update()

    def set_resolution(self, units_per_pixel: float) -> None:
        """How large a screen pixel is in the line's units (from the view, when it resizes)."""
        self._step = STEP_PX * units_per_pixel

    def set_data(self, x: np.ndarray, y: np.ndarray) -> None:
        x, y = thinned(np.asarray(x, float), np.asarray(y, float), self._step)
        self._path = pg.arrayToQPath(x, y, connect="finite") if len(x) else QPainterPath()
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
