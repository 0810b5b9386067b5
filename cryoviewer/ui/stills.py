"""Still pictures of the diagram for paper: the cross-section at a phase's still moment, drawn
from the simulation at print resolution.

The same CrossSection the window shows draws them (off screen, never shown), so a printed
picture means what the screen's does. A palette with a `hatch` (the print look) also stripes
the zone cold enough to destroy cells: in grey, its tint alone looks like tissue. Qt widgets:
this runs on the interface thread.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from ..scenario.playback import Playback
from ..scenario.simulation import Run
from .key import Entry
from .palette import Palette
from .scene import CrossSection

STRIPES, STRIPE_SHARE = 36, 0.22  # the print look: stripes across the picture's width, and
# the share of each period that is ink


class Stills:
    """Pictures of one run in one palette, labels at `text_px`; `set_width` before drawing."""

    def __init__(self, run: Run, palette: Palette, text_px: int):
        self.palette, self.text_px = palette, text_px
        self.scene = CrossSection(palette)
        self.scene.set_run(run)
        self.playback = Playback(run.phases)
        self.stripes = None
        if palette.hatch:
            self.stripes = QGraphicsPathItem()
            self.stripes.setBrush(QBrush(QColor(palette.hatch)))
            self.stripes.setPen(QPen(QColor(0, 0, 0, 0), 0))
            self.stripes.setZValue(5)  # over the tissue and ice, under every line
            self.scene.view.addItem(self.stripes)

    def aspect(self) -> float:
        """Width over height of the pictures."""
        return self.scene.aspect()

    def set_width(self, px: int) -> None:
        self.scene.resize(px, round(px / self.scene.aspect()))
        self.scene.set_text_px(self.text_px)

    def picture(self, phase_id: str) -> QImage:
        """The phase's still, as the window shows it without playing."""
        self.playback.go_to(phase_id)
        self.scene.show_moment(self.playback.moment())
        if self.stripes is not None:
            self.stripes.setPath(_striped(*self.scene.lethal_edge.points(),
                                          self.scene.framing.view))
        return self.scene.grab().toImage()  # (hidden: grab lays it out first)

    def key(self, phase_id: str) -> list[tuple[Entry, bool]]:
        """What the picture's zones and lines mean, each with whether it is striped (in the
        patient look only the lethal zone's entry is dashed)."""
        entries, _ = self.scene.key(phase_id.rstrip("0123456789") == "heal")
        return [(entry, bool(self.stripes) and entry.dashed) for entry in entries]

    def close(self) -> None:
        self.scene.close()
        self.scene.deleteLater()


def _striped(x: np.ndarray, y: np.ndarray, view) -> QPainterPath:
    """Diagonal stripes inside the closed curves of an isotherm (pieces separated by NaN; a
    piece ending at the picture's edge is closed along it)."""
    zone = QPainterPath()
    zone.setFillRule(zone.fillRule().OddEvenFill)
    breaks = np.flatnonzero(~np.isfinite(x))
    for piece in np.split(np.arange(len(x)), breaks):
        piece = piece[np.isfinite(x[piece])]
        if len(piece) < 3:
            continue
        zone.moveTo(QPointF(x[piece[0]], y[piece[0]]))
        for i in piece[1:]:
            zone.lineTo(QPointF(x[i], y[i]))
        zone.closeSubpath()
    if zone.isEmpty():
        return zone
    x0, x1, y0, y1 = view
    gap = (x1 - x0) / STRIPES
    ink = gap * STRIPE_SHARE
    stripes = QPainterPath()
    span = (x1 - x0) + (y1 - y0)
    start = x0 - (y1 - y0)
    for k in range(int(span / gap) + 1):
        left = start + k * gap
        stripes.addPolygon([QPointF(left, y1), QPointF(left + ink, y1),
                            QPointF(left + ink + (y1 - y0), y0),
                            QPointF(left + (y1 - y0), y0)])
    return stripes.intersected(zone) if QRectF(x0, y0, x1 - x0, y1 - y0).isValid() else zone
