"""The cross-section: tissue, the ice from the simulation, the zone cold enough to destroy cells,
the instruments, a scale bar — in two looks.

- *patient*: natural tissue colours, ice as translucent white-blue, the lethal zone tinted and
  outlined, the tumour's outline; healing tints the destroyed tissue as a scar.
- *detailed*: the temperature as a colour map, with 0 / −20 / −40 °C isotherms.

The key beside the picture (`key()`) names the zones and lines and, in the detailed look, shows
the °C scale: labels inside the picture would crowd it and cover the ice on a small screen.

Every item is made once per scenario; a frame only looks its pixels up in a colour table and
refreshes lines — no allocation of graphics items while playing.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont

from ..scenario.playback import Moment
from ..scenario.simulation import Run
from . import colours, theme
from .instruments import ContactProbe, ProbeArray, SingleProbe, Spray, Transducer
from .key import Entry, Scale
from .picture import Picture, keep_drawn
from .raster import Raster

PIXEL_MM = {"probe": 0.25, "probes": 0.35, "skin": 0.08}
VIEW = {"probe": (-30.0, 30.0, -26.0, 77.0), "probes": (-40.0, 40.0, -40.0, 40.0),
        "skin": (-13.0, 13.0, -9.5, 9.0)}
DETAIL_LEVELS = (0.0, -20.0, -40.0)
ISOTHERM_COLOURS = ("#ffffff", "#dce9f5", "#1a2e5c")
WALL_TOP = -sum(thickness for _, _, thickness in colours.BODY_WALL)  # above an organ: the skin
ULTRASOUND = {"probe": ((22.0, WALL_TOP), -20.0), "probes": ((0.0, -40.0), 0.0)}
US_SPREAD, US_DEPTH = 60.0, 80.0


def _line(view, colour: str, width: float, z: float, style=Qt.PenStyle.SolidLine):
    pen = pg.mkPen(colour, width=width, style=style)
    item = pg.PlotDataItem(pen=pen, connect="finite", antialias=True)
    item.setZValue(z)
    view.addItem(item)
    return item


class CrossSection(pg.GraphicsLayoutWidget):
    """The scenario's cross-section at any moment of its run, drawn to scale."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground(theme.PAPER)
        self.view = self.ci.addViewBox(row=0, col=0, lockAspect=True, invertY=True,
                                       enableMouse=False, enableMenu=False)
        self.look = "patient"
        self.run: Run | None = None
        self.labels: list[pg.TextItem] = []
        self.frozen_px: np.ndarray | None = None
        self.setAccessibleName(self.tr("Diagram"))

    # -- building ---------------------------------------------------------------------------

    def set_run(self, run: Run) -> None:
        """Build the items for a scenario (once: moments then only update them)."""
        self.view.clear()
        self.labels = []
        self.run = run
        s, g = run.scenario, run.geometry
        self.raster = Raster(g.mesh, PIXEL_MM[s.geometry])
        x0, x1, y0, y1 = self.raster.extent
        rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        v = self.view

        if s.geometry == "probe":
            top = WALL_TOP
            for _name, colour, thickness in colours.BODY_WALL:
                wall = pg.QtWidgets.QGraphicsRectItem(QRectF(x0, top, x1 - x0, thickness))
                wall.setBrush(pg.mkBrush(colour))
                wall.setPen(pg.mkPen(None))
                v.addItem(wall)
                top += thickness
        names = [m.name for m in g.materials]
        self.material_px = self.raster.nearest(g.material_index)
        self.patient_colours = colours.patient_table(names)
        self.low = min(-196.0 if s.surface and s.surface.temperature < -160 else -160.0,
                       (s.probe.freeze_c if s.probe else 0.0))
        self.heat_colours = colours.heat_table(self.low, 45.0)
        self.picture = Picture(rect)  # one opaque picture: tissue and zones, or temperatures
        v.addItem(self.picture)
        self.picture.set_pixels(self.patient_colours[colours.patient_index(
            self.material_px, 0.0, 0.0, 0.0)])  # the tissue, until the first frame

        tumour = np.where(g.tumour_shape, 1.0, 0.0)
        (tx, ty), = self.raster.isotherms(tumour, [0.5])
        self.tumour_line = _line(v, colours.TUMOUR_LINE, 2, 10, Qt.PenStyle.DashLine)
        self.tumour_line.setData(tx, ty)
        self.ice_edge = _line(v, colours.ICE_EDGE, 2, 11)
        self.lethal_edge = _line(v, colours.LETHAL, 2.5, 12, Qt.PenStyle.DashLine)
        self.isotherm_lines = [_line(v, colour, 2, 12) for colour in ISOTHERM_COLOURS]

        self.instruments = []
        if s.geometry == "probe":
            self.instruments.append(SingleProbe(v, s.probe, WALL_TOP))
        elif s.geometry == "probes":
            self.instruments.append(ProbeArray(v, s.probe))
        elif s.surface.kind == "spray":
            self.instruments.append(Spray(v, s.surface))
        else:
            self.instruments.append(ContactProbe(v, s.surface))
        if s.geometry in ULTRASOUND:
            apex, direction = ULTRASOUND[s.geometry]
            self.instruments.append(Transducer(v, apex, direction, US_SPREAD, US_DEPTH))
        self._place_names(s)
        self._scale_bar(s.geometry)
        moving = {self.picture, self.ice_edge, self.lethal_edge, *self.isotherm_lines}
        for item in self.view.addedItems:
            if item not in moving:
                keep_drawn(item)
        vx0, vx1, vy0, vy1 = VIEW[s.geometry]
        v.setRange(xRange=(vx0, vx1), yRange=(vy0, vy1), padding=0)
        self._apply_look()

    def _label(self, text: str, anchor=(0, 0), colour: str = theme.INK) -> pg.TextItem:
        item = pg.TextItem(text, color=colour, anchor=anchor)
        item.setZValue(30)
        self.view.addItem(item)
        self.labels.append(item)
        return item

    def _place_names(self, s) -> None:
        """Name the tissues and instruments, at the picture's edges, out of the ice's way (the
        tumour and the zones are in the key)."""
        vx0, vx1, vy0, vy1 = VIEW[s.geometry]
        if s.geometry == "probe":
            self._label(self.tr("Skin"), (0, 1)).setPos(vx0 + 1, WALL_TOP)
            self._label(self.tr("Liver"), (0, 0)).setPos(vx0 + 1, 2)
            # Under the transducer, in its beam: clear of the probe's handle above the skin.
            self._label(self.tr("Ultrasound"), (1, 0)).setPos(vx1 - 0.5, 0.5)
        elif s.geometry == "skin":
            depth = 0.0
            for layer, name in zip(s.layers, (self.tr("Skin surface"), self.tr("Skin"),
                                              self.tr("Fat"), self.tr("Muscle"))):
                thickness = (layer.thickness * 1e3) if layer.thickness else 3.0
                if thickness >= 1.0:
                    self._label(name, (1, 0.5)).setPos(vx1 - 0.3, depth + thickness / 2)
                depth += thickness
        else:
            self._label(self.tr("A slice across the probes"), (0, 0)).setPos(vx0 + 1, vy0 + 1)

    def _scale_bar(self, geometry: str) -> None:
        vx0, vx1, vy0, vy1 = VIEW[geometry]
        length = 5.0 if geometry == "skin" else 10.0
        x, y = vx0 + 0.06 * (vx1 - vx0), vy1 - 0.05 * (vy1 - vy0)
        bar = _line(self.view, theme.INK, 3, 30)
        tick = 0.012 * (vy1 - vy0)
        bar.setData([x, x, x + length, x + length], [y - tick, y, y, y - tick])
        text = self.tr("5 mm") if geometry == "skin" else self.tr("1 cm")
        self._label(text, (0.5, 1)).setPos(x + length / 2, y - tick)

    # -- looks and text size --------------------------------------------------------------

    def aspect(self) -> float:
        """Width over height the picture needs: the same in both looks, so nothing moves."""
        if self.run is None:
            return 1.0
        x0, x1, y0, y1 = VIEW[self.run.scenario.geometry]
        return (x1 - x0) / (y1 - y0)

    def key(self) -> tuple[list[Entry], Scale | None]:
        """What the colours and lines of the current look mean, as they look in the picture;
        in the detailed look also its temperature scale."""
        if self.run is None:
            return [], None
        tumour = Entry(self.tr("Tumour"), colours.TISSUE.get(self.run.scenario.tumour.material,
                                                            colours.UNKNOWN_TISSUE),
                       colours.TUMOUR_LINE, dashed=True)
        if self.look == "patient":
            ice, lethal = (colours.hex_of(self.patient_colours[colours.patient_index(
                np.zeros(1, np.intp), 0.0, 1.0, deadly)][0]) for deadly in (0.0, 1.0))
            return [tumour, Entry(self.tr("Ice ball"), ice, colours.ICE_EDGE),
                    Entry(self.tr("Cold enough to destroy cells"), lethal, colours.LETHAL,
                          dashed=True)], None
        per_degree = 255 / (45.0 - self.low)
        entries = [tumour] + [Entry(f"{level:.0f} °C".replace("-", "−"), colours.hex_of(
                       self.heat_colours[round((level - 25 - self.low) * per_degree)]),
                       colour, line=True)
                   for level, colour in zip(DETAIL_LEVELS, ISOTHERM_COLOURS)]
        ticks = (round(self.low), -100, -40, 0, 37)
        return entries, Scale(self.low, 45.0, [colours.hex_of(c) for c in self.heat_colours],
                              ticks)

    def set_look(self, look: str) -> None:
        if look not in ("patient", "detailed"):
            raise ValueError(f"unknown look '{look}'")
        self.look = look
        if self.run is not None:
            self._apply_look()

    def _apply_look(self) -> None:
        patient = self.look == "patient"
        for item in (self.ice_edge, self.lethal_edge):
            item.setVisible(patient)
        for item in self.isotherm_lines:
            item.setVisible(not patient)

    def set_text_px(self, px: int) -> None:
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(px)
        for label in self.labels:
            label.setFont(font)

    # -- a moment -------------------------------------------------------------------------

    def show_moment(self, moment: Moment) -> None:
        """Draw the state at a moment, between the two stored frames around it."""
        run = self.run
        if run is None or not run.frames:
            return
        first, second, w = run.around(moment.time)
        if w > 0.0:
            temperature = first.temperature * np.float32(1 - w) + second.temperature * \
                np.float32(w)
            frozen = (first.frozen_bytes * np.float32((1 - w) / 255)
                      + second.frozen_bytes * np.float32(w / 255))
        else:
            temperature = first.temperature
            frozen = first.frozen_bytes * np.float32(1 / 255)
        lethal = run.scenario.lethal_c
        self.frozen_px = self.raster.sample(frozen)  # the ultrasound inset reads it too
        temperature_px = self.raster.sample(temperature)
        if self.look == "patient":
            scar = 0.0
            if moment.phase.kind == "heal":  # what was destroyed turns to scar as it heals
                scar = self.raster.sample(second.destroyed.astype(np.float32)) * moment.fraction
            index = colours.patient_index(self.material_px, scar, (self.frozen_px - 0.02) / 0.98,
                                          (lethal + 1.5 - temperature_px) / 3.0)
            self.picture.set_pixels(np.take(self.patient_colours, index))
            (ix, iy), (lx, ly) = self.raster.isotherms(temperature, (0.0, lethal))
            self.ice_edge.setData(ix, iy)
            self.lethal_edge.setData(lx, ly)
        else:
            scale = (temperature_px - self.low) * np.float32(255 / (45.0 - self.low))
            index = np.clip(scale + 0.5, 0, 255).astype(np.intp)
            self.picture.set_pixels(np.take(self.heat_colours, index))
            lines = self.raster.isotherms(temperature, DETAIL_LEVELS)
            for (x, y), line in zip(lines, self.isotherm_lines):
                line.setData(x, y)
        for instrument in self.instruments:
            instrument.update(moment)
