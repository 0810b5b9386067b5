"""The cross-section: tissue, the ice from the simulation, the zone cold enough to destroy cells,
the instruments, a scale bar — in two looks.

- *patient*: natural tissue colours, ice as translucent white-blue, the lethal zone tinted and
  outlined, the tumour's outline; healing tints the destroyed tissue as a scar.
- *detailed*: the temperature as a colour map, with 0 / −20 / −40 °C isotherms.
- *friendly*: the children's story's pictures: the patient look in the softer colours of
  `palette.friendly()`, the ice and the spot to treat, without words, numbers, scale or the
  zone cold enough to destroy cells.

The key beside the picture (`key()`) names the zones and lines and, in the detailed look, shows
the °C scale: labels inside the picture would crowd it and cover the ice on a small screen.
Every line that carries meaning lies on a halo (outline.py), so it shows over any colour.

Every item is made once per scenario (and theme); a frame only looks its pixels up in a colour
table and refreshes lines — no allocation of graphics items while playing.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal


from ..scenario.playback import Moment
from ..scenario.simulation import Run
from . import colours, theme
from .framing import framing_for
from .key import Entry, Scale, degrees
from .outline import OutlinedLine
from .palette import DEFAULT, Palette
from .picture import Picture, keep_drawn, not_a_tab_stop
from .raster import Raster

DETAIL_LEVELS = (0.0, -20.0, -40.0)
ISOTHERM_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
TUMOUR_STYLE = Qt.PenStyle.DotLine  # told apart from the lethal zone's dashed edge beside it
LABEL_SHARE = 1 / 20  # picture labels at most this share of the picture's height
WARMEST = 45.0        # °C, the top of the temperature scale
LOOKS = ("patient", "detailed", "friendly")


class CrossSection(pg.GraphicsLayoutWidget):
    """The scenario's cross-section at any moment of its run, drawn to scale."""

    resized = Signal()  # the panel then shares the room beside it again

    def __init__(self, palette: Palette = DEFAULT, parent=None):
        super().__init__(parent)
        self._label_px = 14
        self.labels: list[pg.TextItem] = []
        self.scheme = palette
        self.setBackground(palette.paper)
        self.view = self.ci.addViewBox(row=0, col=0, lockAspect=True, invertY=True,
                                       enableMouse=False, enableMenu=False)
        self.view.sigTransformChanged.connect(self._set_resolution)
        self.look = "patient"
        self.run: Run | None = None
        self.framing = None
        self._frozen = self._frozen_px = None  # see frozen_px
        self.setAccessibleName(self.tr("Diagram of the treatment"))
        not_a_tab_stop(self)

    # -- building ---------------------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self.scheme = palette
        self.setBackground(palette.paper)
        if self.run is not None:
            self.set_run(self.run)

    def set_run(self, run: Run) -> None:
        """Build the items for a scenario (once: moments then only update them)."""
        self.view.clear()
        self.labels = []
        self.run = run
        p, g = self.scheme, run.geometry
        self.framing = framing = framing_for(run)
        self.raster = Raster(g.mesh, framing.pixel_mm)
        x0, x1, y0, y1 = self.raster.extent
        vx0, vx1, vy0, vy1 = framing.view
        bounds = QRectF(min(x0, vx0), min(y0, vy0), max(x1, vx1) - min(x0, vx0),
                        max(y1, vy1) - min(y0, vy0))
        v = self.view
        framing.build_body(v, p, self.raster.extent)
        names = [m.name for m in g.materials]
        self.material_px = self.raster.nearest(g.material_index)
        self.patient_colours = colours.patient_table(names, p)
        s = run.scenario
        self.low = min(-196.0 if s.surface and s.surface.temperature < -160 else -160.0,
                       (s.probe.freeze_c if s.probe else 0.0))
        self.heat_colours = colours.heat_table(self.low, WARMEST)
        self.picture = Picture(QRectF(x0, y0, x1 - x0, y1 - y0))  # tissue and zones, or °C
        v.addItem(self.picture)
        self.picture.set_pixels(self.patient_colours[colours.patient_index(
            self.material_px, 0.0, 0.0, 0.0)])  # the tissue, until the first frame

        def line(colour, width, z, style=Qt.PenStyle.SolidLine, moving=False):
            item = OutlinedLine(bounds, colour, p.halo, p.width(width), style, moving)
            item.setZValue(z)
            v.addItem(item)
            return item

        (tx, ty), = self.raster.isotherms(g.tumour_inside(g.X, g.Y), [0.0])
        self.tumour_line = line(p.tumour_line, 2, 10, TUMOUR_STYLE)
        self.tumour_line.set_data(tx, ty)
        self.layer_lines = line(p.label_ink, 1, 9, Qt.PenStyle.DashLine)  # the Temperatures look
        self.layer_lines.set_data(*framing.boundaries())
        self.ice_edge = line(p.ice_edge, 2, 11, moving=True)
        self.lethal_edge = line(p.lethal_edge, 2.5, 12, Qt.PenStyle.DashLine, moving=True)
        self.isotherm_lines = [line(colour, 2, 12, style, moving=True)
                               for colour, style in zip(p.isotherms, ISOTHERM_STYLES)]
        self.instruments = framing.instruments(v, p)
        for text, anchor, (x, y) in framing.names():
            self._label(text, anchor).setPos(x, y)
        self._scale_bar(bounds, line)
        for item in self.view.addedItems:
            if item not in (self.picture, self.ice_edge, self.lethal_edge, *self.isotherm_lines):
                keep_drawn(item)
        v.setRange(xRange=(vx0, vx1), yRange=(vy0, vy1), padding=0)
        self.set_text_px(self._label_px)
        self._set_resolution()
        self._apply_look()

    def _label(self, text: str, anchor=(0, 0)) -> pg.TextItem:
        """A name in the picture, on a patch of paper so it reads over any tissue."""
        p = self.scheme
        item = pg.TextItem(text, color=p.label_ink, anchor=anchor, fill=pg.mkBrush(p.label_fill),
                           border=pg.mkPen(p.label_ink, width=1))
        item.setZValue(30)
        self.view.addItem(item)
        self.labels.append(item)
        return item

    def _scale_bar(self, bounds, line) -> None:
        vx0, vx1, vy0, vy1 = self.framing.view
        length = self.framing.scale_mm
        x, y = vx0 + 0.06 * (vx1 - vx0), vy1 - 0.05 * (vy1 - vy0)
        tick = 0.012 * (vy1 - vy0)
        self.scale_bar = bar = line(self.scheme.label_ink, 3 / self.scheme.line_scale,
                                    30)  # 3 px in every theme
        bar.set_data(np.array([x, x, x + length, x + length]), np.array([y - tick, y, y, y - tick]))
        self._label(self.framing.scale_text(), (0.5, 1)).setPos(x + length / 2, y - 2 * tick)

    # -- looks and text size --------------------------------------------------------------

    def aspect(self) -> float:
        """Width over height the picture needs: the same in both looks, so nothing moves."""
        if self.framing is None:
            return 1.0
        x0, x1, y0, y1 = self.framing.view
        return (x1 - x0) / (y1 - y0)

    def key(self, healing: bool = False) -> tuple[list[Entry], Scale | None]:
        """What the colours and lines of the current look mean, as they look in the picture;
        in the detailed look also its temperature scale. While `healing`, the picture has no
        ice: the key names the healing tissue instead."""
        if self.run is None:
            return [], None
        p = self.scheme
        tumour = Entry(self.tr("Tumour"), p.tissue_colour(self.run.scenario.tumour.material),
                       p.tumour_line, style=TUMOUR_STYLE)
        if self.look != "detailed" and healing:
            scar = colours.hex_of(self.patient_colours[colours.patient_index(
                np.zeros(1, np.intp), 1.0, 0.0, 0.0)][0])
            return [tumour, Entry(self.tr("Healing tissue"), scar, p.tumour_line)], None
        if self.look != "detailed":
            ice, lethal = (colours.hex_of(self.patient_colours[colours.patient_index(
                np.zeros(1, np.intp), 0.0, 1.0, deadly)][0]) for deadly in (0.0, 1.0))
            return [tumour, Entry(self.tr("Ice ball"), ice, p.ice_edge),
                    Entry(self.tr("Cold enough to destroy cells"), lethal, p.lethal_edge,
                          dashed=True)], None
        per_degree = 255 / (WARMEST - self.low)
        entries = [tumour] + [Entry(degrees(level), colours.hex_of(
                       self.heat_colours[round((level - 25 - self.low) * per_degree)]),
                       colour, line=True, style=style)
                   for level, colour, style in zip(DETAIL_LEVELS, p.isotherms, ISOTHERM_STYLES)]
        ticks = (round(self.low), -100, -40, 0, 37)
        return entries, Scale(self.low, WARMEST, [colours.hex_of(c) for c in self.heat_colours],
                              ticks)

    def set_look(self, look: str) -> None:
        if look not in LOOKS:
            raise ValueError(f"unknown look '{look}'")
        self.look = look
        if self.run is not None:
            self._apply_look()

    def _apply_look(self) -> None:
        look = self.look
        self.ice_edge.setVisible(look != "detailed")
        self.lethal_edge.setVisible(look == "patient")
        for item in (*self.isotherm_lines, self.layer_lines):
            item.setVisible(look == "detailed")
        for item in (*self.labels, self.scale_bar):  # no words and no numbers for children
            item.setVisible(look != "friendly")

    def set_text_px(self, px: int) -> None:
        """Labels follow the text size, but stay small beside the picture so that, at 200 %
        on a small picture, they never cover the ice."""
        self._label_px = px
        shown = max(12, min(px, round(self.height() * LABEL_SHARE)))
        font = theme.font(shown)
        for label in self.labels:
            label.setFont(font)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # pyqtgraph resizes the view while it is built, and again once closed (items gone).
        if hasattr(self, "_label_px") and not getattr(self, "closed", False):
            self.fit()
            self.set_text_px(self._label_px)
            self._set_resolution()
            self.resized.emit()

    def fit(self) -> None:
        """The whole section in view, whatever the widget's shape."""
        if self.framing is not None:
            vx0, vx1, vy0, vy1 = self.framing.view
            self.view.setRange(xRange=(vx0, vx1), yRange=(vy0, vy1), padding=0)

    def _set_resolution(self, *_) -> None:
        """Tell the lines how large a pixel is: they keep only the points that show, and
        measure their dashes in pixels."""
        if self.run is not None and self.view.width() > 0:
            mm_per_px = self.view.viewPixelSize()[0]
            for item in self.view.addedItems:
                if isinstance(item, OutlinedLine):
                    item.set_resolution(mm_per_px)

    # -- a moment -------------------------------------------------------------------------

    @property
    def frozen_px(self) -> np.ndarray | None:
        """The frozen fraction of each pixel at the moment shown (the Temperatures look and
        the ultrasound inset, which takes every other picture, need it only sometimes)."""
        if self._frozen_px is None and self._frozen is not None:
            first, second, w = self._frozen
            frozen = (first.frozen_bytes * np.float32((1 - w) / 255)
                      + second.frozen_bytes * np.float32(w / 255)) if w > 0.0 else \
                first.frozen_bytes * np.float32(1 / 255)
            self._frozen_px = self.raster.sample(frozen)
        return self._frozen_px

    def show_moment(self, moment: Moment) -> None:
        """Draw the state at a moment, between the two stored frames around it."""
        run = self.run
        if run is None or not run.frames:
            return
        first, second, w = run.around(moment.time)
        temperature = first.temperature * np.float32(1 - w) + second.temperature * \
            np.float32(w) if w > 0.0 else first.temperature
        # Healing, a time-lapse: the ice melts away as computed (none is left at its end), and
        # the destroyed part turns to scar.
        healing = moment.phase.kind == "heal"
        self._frozen = (first, second, w)  # sampled when asked for: frozen_px
        self._frozen_px = None
        lethal = run.scenario.lethal_c
        temperature_px = self.raster.sample(temperature)
        if self.look != "detailed":
            scar = 0.0
            if healing:  # what was destroyed turns to scar as it heals
                scar = self.raster.sample(second.destroyed.astype(np.float32)) * moment.fraction
            deadly = 0.0 if self.look == "friendly" else (lethal + 1.5 - temperature_px) / 3.0
            index = colours.patient_index(self.material_px, scar, (self.frozen_px - 0.02) / 0.98,
                                          deadly)
            self.picture.set_pixels(np.take(self.patient_colours, index))
            (ix, iy), (lx, ly) = self.raster.isotherms(temperature, (0.0, lethal))
            self.ice_edge.set_data(ix, iy)
            self.lethal_edge.set_data(lx, ly)
        else:
            scale = (temperature_px - self.low) * np.float32(255 / (WARMEST - self.low))
            index = np.clip(scale + 0.5, 0, 255).astype(np.intp)
            self.picture.set_pixels(np.take(self.heat_colours, index))
            lines = self.raster.isotherms(temperature, DETAIL_LEVELS)
            for (x, y), line in zip(lines, self.isotherm_lines):
                line.set_data(x, y)
        for instrument in self.instruments:
            instrument.update(moment)
