"""The ultrasound inset: the picture on the scanner's screen, beside the cross-section.

It shows what the doctor watches while freezing: the ice ball's near edge as a bright curve with a
dark shadow behind it, moving with the simulated ice front, and the probe as a bright line.
The picture's greys are the scanner's; the title, the background and the fan's outline (which
keeps the fan's shape visible where its shadow meets a black page) come from the palette.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, QPointF, QRectF
from PySide6.QtGui import QColor, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem

from .palette import DEFAULT, Palette
from .picture import Picture, not_a_tab_stop
from .ultrasound import UltrasoundFan

SIZE = (240, 320)  # pixels of the fan picture (height, width)
ECHO = {"tumour": 0.36}  # tumours look darker than liver on ultrasound (hypoechoic)
PLAIN_ECHO = 0.5


MIN_FAN_PX = 150  # the least height of the fan itself


class UltrasoundView(pg.GraphicsLayoutWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.scheme = DEFAULT  # the Palette in use (QWidget.palette is Qt's own)
        self.title = self.ci.addLabel(self.tr("What the doctor sees on ultrasound"), row=0,
                                      col=0)
        self.view = self.ci.addViewBox(row=1, col=0, lockAspect=True, invertY=True,
                                       enableMouse=False, enableMenu=False)
        self.picture = Picture(QRectF(0, 0, SIZE[1], SIZE[0]))
        self.view.addItem(self.picture)
        self.edge = QGraphicsPolygonItem()  # the fan's outline
        self.edge.setZValue(1)
        self.view.addItem(self.edge)
        self.fan: UltrasoundFan | None = None
        self._shown = None  # the fan's picture on screen
        self.title_width = 0
        self.setAccessibleName(self.tr("Ultrasound picture"))
        self.describe(None)
        not_a_tab_stop(self)
        self.set_palette(DEFAULT)

    def set_palette(self, p: Palette) -> None:
        """Recolour the background, the title and the fan's outline."""
        self.scheme = p
        self.setBackground(p.paper)
        self.title.setText(self.title.text, color=p.ink)
        pen = QPen(QColor(p.muted), p.width(1))
        pen.setCosmetic(True)
        self.edge.setPen(pen)

    def set_scene(self, raster, materials: list[str], material_px: np.ndarray,
                  apex: tuple[float, float], direction_deg: float, spread_deg: float,
                  depth_mm: float) -> None:
        """Aim the transducer at a scene whose rasters cover `raster.extent`."""
        self.fan = UltrasoundFan(raster.extent, raster.shape, apex, direction_deg,
                                 spread_deg=spread_deg, depth_mm=depth_mm, size=SIZE)
        echo = np.array([ECHO.get(name, PLAIN_ECHO) for name in materials], dtype=np.float32)
        self.echo = echo[material_px]
        self.picture.set_pixels(np.zeros(SIZE, np.uint32))
        self._shown = None
        self.edge.setPolygon(QPolygonF([QPointF(x, y) for x, y in self.fan.outline()]))
        self.view.setRange(xRange=(0, SIZE[1]), yRange=(0, SIZE[0]), padding=0.02)

    def forget_scene(self) -> None:
        """No scene to watch (a treatment without ultrasound). (Not `clear`: pyqtgraph's
        layout widget has one, which empties the layout.)"""
        self.fan = self._shown = None
        self.describe(None)

    def show_frame(self, frozen_px: np.ndarray, solid_px: np.ndarray | None) -> None:
        if self.fan is not None:
            # Grey R = G = B bytes and 0 or 255 alpha read the same as premultiplied words.
            rgba = self.fan.render(frozen_px, self.echo, solid_px)
            if rgba is not self._shown:  # the same picture: nothing to repaint
                self._shown = rgba
                self.picture.set_pixels(rgba.view(np.uint32)[..., 0])

    def describe(self, frozen_px) -> None:
        """Tell a screen reader what the picture shows now: where the ice's bright edge is."""
        depth = self.fan.nearest_ice_mm(frozen_px) if self.fan and frozen_px is not None \
            else None
        now = (self.tr("There is no ice in it now: only grey, speckled tissue.") if depth is None
               else self.tr("The near edge of the ice ball shows as a bright curved line, "
                            "{0} cm below the ultrasound probe, with a dark shadow behind "
                            "it.").format(QLocale().toString(depth / 10, "f", 1)))
        self.setAccessibleDescription(self.tr(
            "The ultrasound picture the doctor watches during the freezing, seen from the "
            "ultrasound probe at its top. {0} Sound does not pass through ice, so the ice "
            "casts a shadow. The freezing probe shows as a bright line, with its own "
            "shadow.").format(now))

    def set_text_px(self, px: int) -> None:
        self.title.setText(self.title.text, size=f"{px}px", color=self.scheme.ink)
        title = self.title.item.boundingRect()
        self.title_width = round(title.width()) + 8
        self.setMinimumHeight(round(title.height()) + MIN_FAN_PX)  # never a speck
