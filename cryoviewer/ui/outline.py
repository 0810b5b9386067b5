"""A line that stays visible over anything: drawn over a wider halo of a contrasting colour.

The ice edge, the lethal zone's edge and the isotherms cross tissue, ice and every colour of the
temperature scale; no single colour contrasts with all of them, a line on its halo does.

The moving lines are redrawn every frame, so they are drawn the cheapest way Qt has for a wide,
smooth line: as separate straight segments (QPainter.drawLines with square or flat ends, which
the raster engine fills directly, three times faster than stroking a path), with only the points
that show (thinned) and the dashes cut here rather than by Qt's dash stroker.
"""

from __future__ import annotations

import numpy as np
import shiboken6
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

HALO_PX = 2.0       # the halo shows this many pixels on each side of the line
STRAY_PX = 0.25     # a kept chord strays about this far from the traced curve (see thinned)
LONGEST_PX = 64.0   # and is never longer than this, even where the curve is straight
DASHES = {Qt.PenStyle.DashLine: (4.0, 2.0), Qt.PenStyle.DotLine: (1.0, 2.0)}  # on, off: as
# Qt's own patterns, in line widths (so that the key's samples match the picture)


def thinned(x: np.ndarray, y: np.ndarray, pixel: float) -> tuple[np.ndarray, np.ndarray]:
    """NaN-separated polylines with only the points that show at `pixel` units a pixel (each
    piece keeps its ends; 0 keeps everything).

    Stroking a wide line costs in proportion to its points, and a contour traced on the
    solver's grid has one every 3–4 pixels. A chord over which ∫√κ ds grows by q strays q²/8
    from a circular arc, so a point is kept each time that integral passes a multiple of
    √(8·STRAY_PX): few points where the curve is gentle, more where it bends. Counted at the
    traced points, the integral can pass that multiple by one traced point's share before a
    point is kept, so the unit is shortened by a typical share."""
    if len(x) < 3 or pixel <= 0:
        return x, y
    gap = ~np.isfinite(x)
    dx, dy = x[1:] - x[:-1], y[1:] - y[:-1]
    lengths = np.hypot(dx, dy) * (1 / pixel)                       # NaN next to a gap
    turn = np.abs(np.arctan2(dx[:-1] * dy[1:] - dy[:-1] * dx[1:],
                             dx[:-1] * dx[1:] + dy[:-1] * dy[1:]))  # at the inner points
    bend = np.sqrt(turn * (lengths[:-1] + lengths[1:]) * 0.5)
    bend[np.isnan(bend)] = 0.0
    lengths[np.isnan(lengths)] = 0.0
    curving = np.zeros(len(x))
    np.cumsum(bend, out=curving[1:-1])
    curving[-1] = curving[-2]
    along = np.zeros(len(x))
    np.cumsum(lengths, out=along[1:])
    middle = len(bend) // 2
    share = float(np.partition(bend, middle)[middle])  # the median
    unit = max(np.sqrt(8 * STRAY_PX) - share, np.sqrt(2 * STRAY_PX))
    keep = gap.copy()
    for measure, size in ((curving, unit), (along, LONGEST_PX)):
        bucket = np.floor(measure * (1 / size))
        keep[1:] |= bucket[1:] != bucket[:-1]
    keep[:-1] |= gap[1:]   # a piece's last point
    keep[1:] |= gap[:-1]   # a piece's first point
    keep[0] = keep[-1] = True
    return x[keep], y[keep]


def segments(x: np.ndarray, y: np.ndarray, dash: tuple[float, float] | None = None,
             pixel: float = 1.0) -> np.ndarray:
    """The straight segments (contiguous float64 rows x0, y0, x1, y1, as QPainter.drawLines
    reads them) that draw NaN-separated polylines, or only their dashes (`dash`: on and off
    lengths in pixels, `pixel` units a pixel), each piece's pattern starting afresh at its
    first point, as Qt's does.

    All pieces are cut at once: each is laid along one line from a whole number of patterns
    on, so that "where in the pattern" is the same everywhere; cuts that fall between two
    pieces are dropped."""
    rows = np.column_stack((x[:-1], y[:-1], x[1:], y[1:]))
    rows = rows[np.isfinite(rows).all(axis=1)]
    if dash is None or not len(rows):
        return np.ascontiguousarray(rows, dtype=np.float64)
    on, off = dash
    period = on + off
    finite = np.isfinite(x)
    gap_before = np.cumsum(~finite)[finite]                 # pieces part where this grows
    px, py = x[finite], y[finite]
    new = np.concatenate(([True], gap_before[1:] != gap_before[:-1]))  # a piece's first point
    k = np.cumsum(new) - 1                                  # each point's piece: 0, 1, ...
    step = np.hypot(px[1:] - px[:-1], py[1:] - py[:-1]) / pixel
    step[new[1:]] = 0.0                                     # no length across a gap
    along = np.concatenate(([0.0], np.cumsum(step)))
    first = np.flatnonzero(new)
    length = np.append(along[first[1:] - 1], along[-1]) - along[first]
    # Piece k is laid from lane[k], a whole number of patterns after the piece before ends.
    lane = np.concatenate(([0.0], np.cumsum((np.ceil(length[:-1] / period) + 1) * period)))
    where = along - along[first][k] + lane[k]
    ends = lane + length
    starts = np.arange(0.0, ends[-1], period)
    cuts = np.sort(np.concatenate((where, starts, starts + on)))
    cuts = cuts[cuts <= ends[-1]]
    cx, cy = np.interp(cuts, where, px), np.interp(cuts, where, py)
    middle = (cuts[:-1] + cuts[1:]) * 0.5
    piece = np.searchsorted(lane, middle, side="right") - 1
    keep = (middle % period < on) & (middle <= ends[piece]) & (cuts[1:] > cuts[:-1])
    return np.ascontiguousarray(np.column_stack((cx[:-1], cy[:-1], cx[1:], cy[1:]))[keep],
                                dtype=np.float64)


def draw_segments(painter, rows: np.ndarray) -> None:
    """QPainter.drawLines on the rows' own memory: no Python object per segment."""
    if len(rows):
        painter.drawLines(shiboken6.wrapInstance(rows.ctypes.data, QLineF), len(rows))


def pen(colour: str, width: float, cap=Qt.PenCapStyle.RoundCap) -> QPen:
    """A cosmetic pen: its width in screen pixels, whatever the zoom."""
    result = QPen(QColor(colour), width)
    result.setCosmetic(True)
    result.setCapStyle(cap)
    return result


class OutlinedLine(QGraphicsItem):
    """NaN-separated polylines, drawn in `colour` (solid, dashed or dotted) over a halo, inside
    a fixed rectangle."""

    def __init__(self, bounds: QRectF, colour: str, halo: str, width: float,
                 style=Qt.PenStyle.SolidLine, moving=False):
        """A `moving` line is redrawn every frame: its segments meet square, its dashes end
        flat (the fast path). Other lines, drawn once, have round ends and dots."""
        super().__init__()
        self._bounds = bounds
        self._moving = moving
        self._style = style
        self._data = (np.empty(0), np.empty(0))
        self._under = self._over = np.empty((0, 4))  # segments (see segments())
        self._pixel = 0.0  # scene units a screen pixel (set_resolution); 0: not known yet
        self.set_pens(colour, halo, width)

    def set_pens(self, colour: str, halo: str, width: float, style=None) -> None:
        self._style = style if style is not None else self._style
        ends = Qt.PenCapStyle.RoundCap
        if self._moving:
            ends = (Qt.PenCapStyle.SquareCap if self._style == Qt.PenStyle.SolidLine
                    else Qt.PenCapStyle.FlatCap)
        self._line = pen(colour, width, ends)
        self._halo = pen(halo, width + 2 * HALO_PX,
                         Qt.PenCapStyle.SquareCap if self._moving else Qt.PenCapStyle.RoundCap)
        self.colour, self.halo_colour, self.width = colour, halo, width
        self._build()

    def set_resolution(self, units_per_pixel: float) -> None:
        """How large a screen pixel is in the line's units (from the view, when it resizes)."""
        if units_per_pixel != self._pixel:
            self._pixel = units_per_pixel
            self._build()

    def set_data(self, x: np.ndarray, y: np.ndarray) -> None:
        self._data = (np.asarray(x, float), np.asarray(y, float))
        self._build()

    def _build(self) -> None:
        x, y = thinned(*self._data, self._pixel)
        self._under = segments(x, y)
        if self._style == Qt.PenStyle.SolidLine:
            self._over = self._under
        else:
            on, off = DASHES[self._style]
            self._over = segments(x, y, (on * self.width, off * self.width), self._pixel or 1.0)
        self.update()

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """The line's x and y as last set (pieces separated by NaN)."""
        return self._data

    def is_empty(self) -> bool:
        return not len(self._under)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, option, widget=None) -> None:
        if not len(self._under):
            return
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(self._halo)
        draw_segments(painter, self._under)
        painter.setPen(self._line)
        draw_segments(painter, self._over)
