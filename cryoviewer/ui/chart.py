"""Temperature against time at the tumour's edge and centre: the repeated cycles as a curve.

Body time in minutes along the bottom; freezes shaded; the lethal temperature as a dashed line;
a cursor that follows playback. Curves are refreshed only when new solver steps arrive, the
cursor on every frame. Every colour comes from a palette (`set_palette`), and the temperature
scale always holds the whole curve, down to the coldest the instrument can reach.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from ..scenario.simulation import Run
from . import theme
from .palette import DEFAULT, Palette
from .picture import keep_drawn, not_a_tab_stop

TOP_C = 42.0     # the scale reaches at least this warm: body temperature and a little more
MARGIN_C = 5.0   # room below the coldest temperature (and above the warmest)
GRID_ALPHA = 40   # of 255: the grid lines, faint in the muted colour
STEPS_C = (10, 20, 50, 100, 200)  # °C between labelled temperatures
LABEL_GAP = 1.5  # labels at least this many text heights apart, centre to centre
MIN_PLOT_PX = 110  # the least height of the curves' own area (and three lines of its text)
FUTURE_VEIL = 0.7  # how much paper covers the part of the curves still to come
FAR_C = 1000.0     # the veil reaches beyond any temperature shown
MINUS = "\u2212"  # a real minus sign: a hyphen is too short to read as one


def temperature_range(coldest: float, low: float, high: float) -> tuple[float, float]:
    """The chart's scale (°C, bottom and top) for the coldest temperature the instrument can
    reach and the lowest and highest of the curves so far: everything fits, the bottom on a
    round ten."""
    bottom = math.floor((min(coldest, low) - MARGIN_C) / 10) * 10
    return float(bottom), float(max(TOP_C, math.ceil(high + MARGIN_C)))


def temperature_ticks(bottom: float, top: float, apart: float = 0.0) -> list[tuple[int, str]]:
    """Labelled temperatures along the scale: round numbers, at most about six, and at least
    `apart` °C from each other (so that labels of a large text size never touch)."""
    wanted = max(apart, (top - bottom) / 6)
    step = next((s for s in STEPS_C if s >= wanted), STEPS_C[-1])
    first = math.ceil(bottom / step) * step
    return [(v, str(v).replace("-", MINUS)) for v in range(first, math.floor(top) + 1, step)]


class TemperatureChart(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.scheme = DEFAULT  # the Palette in use (QWidget.palette is Qt's own)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        # Grid lines of our own at the labelled temperatures: pyqtgraph's grid would also keep
        # the lowest label from reaching below the plot, hiding it near the bottom.
        self.grid_lines: list[pg.InfiniteLine] = []
        self.ticks: list[tuple[int, str]] = []
        plot.vb.sigResized.connect(self._label_temperatures)
        self._pixel = None  # minutes a screen pixel (set_time)
        plot.vb.sigTransformChanged.connect(lambda *_: setattr(self, "_pixel", None))
        self.edge = plot.plot(name="edge")
        self.centre = plot.plot(name="centre")
        self.lethal = pg.InfiniteLine(angle=0)
        self.cursor = pg.InfiniteLine(angle=90)
        # What is still to come shows faded behind a veil of paper: the curves are drawn as far
        # as the solver has gone, but "now" is where the veil begins.
        self.future = QGraphicsRectItem()
        self.future.setPen(QPen(Qt.PenStyle.NoPen))
        self.future.setZValue(5)
        self.cursor.setZValue(10)
        plot.addItem(self.lethal)
        plot.addItem(self.future, ignoreBounds=True)
        plot.addItem(self.cursor)
        for item in (self.edge, self.centre, self.lethal):
            keep_drawn(item)  # only the cursor moves
        self.regions: list[pg.LinearRegionItem] = []
        self.run: Run | None = None
        self._count = -1
        self._coldest = 0.0
        self._range: tuple[float, float] | None = None
        self._text_px: int | None = None
        self.key_width = 0  # pixels of width the key needs, on two lines (0 before a text size)
        self.setAccessibleName(self.tr("Temperature chart"))
        self.set_description(self.tr(
            "A chart of the temperature at the tumour's edge and at its centre, in degrees "
            "Celsius, against time in minutes. The freezes are shaded. A dashed line marks the "
            "temperature cold enough to destroy cells. A line marks the moment shown; what "
            "comes after it is faded."))
        not_a_tab_stop(self)
        self.set_palette(DEFAULT)

    # -- colours, text, words ------------------------------------------------------------

    def set_palette(self, p: Palette) -> None:
        """Recolour everything: background, axes, curves, lines, shading and the key."""
        self.scheme = p
        self.setBackground(p.paper)
        self.edge.setPen(pg.mkPen(p.chart_edge, width=p.width(3)))
        self.centre.setPen(pg.mkPen(p.chart_centre, width=p.width(2)))
        self.lethal.setPen(pg.mkPen(p.lethal_edge, width=p.width(2),
                                    style=Qt.PenStyle.DashLine))
        self.cursor.setPen(pg.mkPen(p.cursor, width=p.width(2)))
        veil = QColor(p.paper)
        veil.setAlphaF(FUTURE_VEIL)
        self.future.setBrush(veil)
        for region in self.regions:
            region.setBrush(pg.mkBrush(p.chart_freeze))
        for line in self.grid_lines:
            line.setPen(self._grid_pen())
        plot = self.getPlotItem()
        for name in ("bottom", "left"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(p.muted, width=p.width(1)))
            axis.setTextPen(pg.mkPen(p.ink))  # after setPen: it also colours the axis's name
        if self._text_px is not None:
            self.set_text_px(self._text_px)

    def set_description(self, text: str) -> None:
        """What the chart shows, in words, for a screen reader."""
        self.setAccessibleDescription(text)

    def set_text_px(self, px: int) -> None:
        self._text_px = px
        font = theme.font(px)
        plot = self.getPlotItem()
        for name in ("bottom", "left"):
            axis = plot.getAxis(name)
            axis.setTickFont(font)
            axis.label.setFont(font)
        self._fit_axes()
        self._label_temperatures()
        self._set_key()

    def _set_key(self) -> None:
        """The key above the plot, in the curves' own colours, where it hides no curve (the
        lethal line on a second line)."""
        px, plot = self._text_px, self.getPlotItem()
        if px is None:
            return
        spans = [f'<span style="color:{colour}"><b>{mark}</b>&nbsp;{html.escape(text)}</span>'
                 for colour, mark, text in self.key_entries()]
        title = plot.titleLabel
        title.item.setFont(theme.font(px))
        left, _, right, _ = plot.layout.getContentsMargins()
        around = left + right + px + plot.getAxis("left").maximumWidth()
        # Two lines (the curves, then the lethal line), or one entry a line where the chart is
        # too narrow for that (longer words in another language, large text).
        plot.setTitle("&nbsp;&nbsp;&nbsp;".join(spans[:2]) + "<br>" + spans[2],
                      size=f"{px}px", color=self.scheme.ink)
        self.key_width = math.ceil(title.item.boundingRect().width() + around)
        self._key_stacked = 0 < self.width() < self.key_width
        if self._key_stacked:
            plot.setTitle("<br>".join(spans), size=f"{px}px", color=self.scheme.ink)
        # pyqtgraph gives the title a fixed 30 px row: make it as tall as the key's lines.
        height = math.ceil(title.item.boundingRect().height())
        title.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)
        # Never a sliver: the key, the time axis and its label, and room for the curves.
        line = QFontMetrics(theme.font(px)).height()
        self.setMinimumHeight(height + math.ceil(2.2 * line) + max(MIN_PLOT_PX, 3 * line))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if getattr(self, "_text_px", None) is not None and \
                (0 < self.width() < self.key_width) != \
                getattr(self, "_key_stacked", False):
            self._set_key()  # (the key's lines change with the room)

    def key_entries(self) -> list[tuple[str, str, str]]:
        """The key: (colour, mark, words) of the two curves and the lethal line."""
        p = self.scheme
        return [(p.chart_edge, "—", self.tr("Tumour edge")),
                (p.chart_centre, "—", self.tr("Tumour centre")),
                (p.lethal_edge, "- -", self.tr("Cold enough to destroy cells"))]

    def _grid_pen(self):
        colour = pg.mkColor(self.scheme.muted)
        colour.setAlpha(GRID_ALPHA)
        return pg.mkPen(colour, width=self.scheme.width(1))

    def _fit_axes(self) -> None:
        """Fixed sizes for the axes, from their labels at this text size, so the layout (and
        key_width) are right before the first paint, and no label covers another."""
        if self._text_px is None or self._range is None:
            return
        font = theme.font(self._text_px)
        metrics = QFontMetrics(font)
        plot = self.getPlotItem()
        left, bottom = plot.getAxis("left"), plot.getAxis("bottom")
        # The widest label at any spacing, so the width does not change with the height.
        bottom_c, top_c = self._range
        widest = max((metrics.horizontalAdvance(str(v).replace("-", MINUS))
                      for v in range(math.ceil(bottom_c / 10) * 10, math.floor(top_c) + 1, 10)),
                     default=0)
        left.setWidth(math.ceil(widest + left.style["tickTextOffset"][0]
                                + max(0, left.style["tickLength"])
                                + left.label.boundingRect().height()) + 2)
        # The lowest label may reach below the plot by half its height, into the empty corner.
        left.setStyle(hideOverlappingLabels=math.ceil(metrics.height() / 2) + 2)
        bottom.setHeight(math.ceil(metrics.height() + bottom.style["tickTextOffset"][1]
                                   + max(0, bottom.style["tickLength"])
                                   + bottom.label.boundingRect().height()))

    # -- the run --------------------------------------------------------------------------

    def set_run(self, run: Run) -> None:
        plot = self.getPlotItem()
        for region in self.regions:
            plot.removeItem(region)
        self.regions = []
        for phase in run.phases:
            if phase.kind == "freeze":
                region = pg.LinearRegionItem((phase.start / 60, phase.end / 60), movable=False,
                                             brush=pg.mkBrush(self.scheme.chart_freeze),
                                             pen=pg.mkPen(None))
                region.setZValue(-10)
                keep_drawn(region)
                plot.addItem(region)
                self.regions.append(region)
        self.run = run
        s = run.scenario
        self.lethal.setValue(s.lethal_c)
        self._coldest = s.probe.freeze_c if s.probe else s.surface.temperature
        plot.setXRange(0, run.phases[-1].end / 60, padding=0.02)
        plot.setLabel("bottom", self.tr("minutes"))
        plot.setLabel("left", "°C")
        self._range = None
        self._set_y_range(self._coldest, self._coldest)
        self._count = -1
        self.refresh()

    def _set_y_range(self, low: float, high: float) -> None:
        scale = temperature_range(self._coldest, low, high)
        if scale == self._range:
            return
        self._range = scale
        plot = self.getPlotItem()
        plot.setYRange(*scale, padding=0)
        self._fit_axes()
        self._label_temperatures()

    def _label_temperatures(self) -> None:
        """Labels and grid lines on the scale, as many as the plot's height has room for."""
        if self._range is None:
            return
        height = self.getPlotItem().vb.height()
        apart = 0.0
        if self._text_px is not None and height > 0:
            font = theme.font(self._text_px)
            text = QFontMetrics(font).height()
            apart = LABEL_GAP * text * (self._range[1] - self._range[0]) / height
        ticks = temperature_ticks(*self._range, apart)
        if ticks == self.ticks:
            return
        self.ticks = ticks
        plot = self.getPlotItem()
        plot.getAxis("left").setTicks([ticks, []])
        for line in self.grid_lines:
            plot.removeItem(line)
        self.grid_lines = [pg.InfiniteLine(value, angle=0, pen=self._grid_pen(), movable=False)
                           for value, _ in ticks]
        for line in self.grid_lines:
            line.setZValue(-5)  # above the shading, under the curves
            keep_drawn(line)
            plot.addItem(line)

    def refresh(self) -> None:
        """Draw the solver steps computed so far (cheap to call: skips when nothing is new)."""
        if self.run is None or self.run.steps == self._count:
            return
        series = self.run.series
        self._count = len(series["time"])
        minutes = series["time"] / 60
        self.edge.setData(minutes, series["edge_c"])
        self.centre.setData(minutes, series["centre_c"])
        if self._count:
            both = (series["edge_c"], series["centre_c"])
            self._set_y_range(min(float(np.min(c)) for c in both),
                              max(float(np.max(c)) for c in both))

    def set_time(self, seconds: float) -> None:
        """Move the cursor, once it would move by half a pixel: while playing, most frames
        move it by less, and repainting the chart for nothing costs a third of a millisecond."""
        if self._pixel is None:  # minutes a pixel, measured again when the view changes
            self._pixel = self.getPlotItem().vb.viewPixelSize()[0]
        minutes, pixel = seconds / 60, self._pixel
        if abs(minutes - self.cursor.value()) >= 0.5 * pixel or not pixel > 0:
            self.cursor.setValue(minutes)
            end = self.run.phases[-1].end / 60 if self.run is not None else minutes
            self.future.setRect(QRectF(minutes, -FAR_C, max(0.0, end - minutes) * 1.1,
                                       2 * FAR_C))

