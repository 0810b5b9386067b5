"""Temperature against time at the tumour's edge and centre: the repeated cycles as a curve.

Body time in minutes along the bottom; freezes shaded pale blue; the lethal temperature as a
dashed line; a cursor that follows playback. Curves are refreshed only when new solver steps
arrive, the cursor on every frame.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics

from ..scenario.simulation import Run
from . import colours, theme
from .picture import keep_drawn

EDGE, CENTRE = theme.ACCENT, "#8a4b2f"


class TemperatureChart(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent, background=theme.PAPER)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        plot.showGrid(y=True, alpha=0.15)
        self.edge = plot.plot(pen=pg.mkPen(EDGE, width=3), name="edge")
        self.centre = plot.plot(pen=pg.mkPen(CENTRE, width=2), name="centre")
        self.lethal = pg.InfiniteLine(angle=0, pen=pg.mkPen(colours.LETHAL, width=2,
                                                             style=pg.QtCore.Qt.PenStyle.DashLine))
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen(theme.INK, width=2))
        plot.addItem(self.lethal)
        plot.addItem(self.cursor)
        for item in (self.edge, self.centre, self.lethal):
            keep_drawn(item)  # only the cursor moves
        self.regions: list[pg.LinearRegionItem] = []
        self._count = -1
        self.key_width = 0  # pixels the key above the plot needs (set with the text size)
        self.setAccessibleName(self.tr("Temperature chart"))

    def set_run(self, run: Run) -> None:
        plot = self.getPlotItem()
        for region in self.regions:
            plot.removeItem(region)
        self.regions = []
        for phase in run.phases:
            if phase.kind == "freeze":
                region = pg.LinearRegionItem((phase.start / 60, phase.end / 60), movable=False,
                                             brush=pg.mkBrush(205, 228, 245, 110),
                                             pen=pg.mkPen(None))
                region.setZValue(-10)
                keep_drawn(region)
                plot.addItem(region)
                self.regions.append(region)
        self.run = run
        s = run.scenario
        self.lethal.setValue(s.lethal_c)
        coldest = s.probe.freeze_c if s.probe else s.surface.temperature
        plot.setXRange(0, run.phases[-1].end / 60, padding=0.02)
        plot.setYRange(max(coldest, -160) - 5, 42, padding=0)
        plot.setLabel("bottom", self.tr("minutes"))
        plot.setLabel("left", "°C")
        self._count = -1
        self.refresh()

    def refresh(self) -> None:
        """Draw the solver steps computed so far (cheap to call: skips when nothing is new)."""
        if self.run.steps == self._count:
            return
        series = self.run.series
        self._count = len(series["time"])
        minutes = series["time"] / 60
        self.edge.setData(minutes, series["edge_c"])
        self.centre.setData(minutes, series["centre_c"])

    def set_time(self, seconds: float) -> None:
        self.cursor.setValue(seconds / 60)

    def set_text_px(self, px: int) -> None:
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(px)
        plot = self.getPlotItem()
        for name in ("bottom", "left"):
            axis = plot.getAxis(name)
            axis.setTickFont(font)
            axis.setTextPen(pg.mkPen(theme.INK))
            axis.setPen(pg.mkPen(theme.MUTED))
            axis.label.setFont(font)
        # The key sits above the plot, in the curves' own colours, where it hides no curve.
        entries = [(EDGE, "— " + self.tr("Tumour edge")), (CENTRE, "— " + self.tr("Tumour centre")),
                   (colours.LETHAL, "- - " + self.tr("Cold enough to destroy cells"))]
        spans = [f'<span style="color:{colour}">{text}</span>' for colour, text in entries]
        key = "&nbsp;&nbsp;".join(spans[:2]) + "<br>" + spans[2]
        plot.setTitle(key, size=f"{px}px")
        metrics = QFontMetrics(font)
        lines = ("  ".join(text for _, text in entries[:2]), entries[2][1])
        self.key_width = (max(metrics.horizontalAdvance(line) for line in lines) + 2 * px
                          + round(plot.getAxis("left").width()))  # centred over the plot only
