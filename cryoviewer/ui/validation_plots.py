"""Comparison plots for the physics validation, drawn off screen with pyqtgraph into PNG files."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from .palette import PLOT_SERIES as PALETTE


def write_plots(plots, folder: Path) -> list[Path]:
    """One PNG per plot (see cryoviewer.validation.Plot); returns the files written."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 (needed to draw)
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for plot in plots:
        widget = pg.PlotWidget(title=plot.title)
        widget.resize(900, 560)
        widget.setLabel("bottom", plot.x_label)
        widget.setLabel("left", plot.y_label)
        widget.addLegend(offset=(-10, 10))
        widget.showGrid(x=True, y=True, alpha=0.2)
        for number, (label, x, y) in enumerate(plot.curves):
            colour = PALETTE[number % len(PALETTE)]
            style = dict(width=3) if number == 0 else dict(width=2, style=pg.QtCore.Qt.DashLine)
            symbol = "o" if len(x) <= 3 else None
            widget.plot(np.asarray(x, float), np.asarray(y, float), name=label,
                        pen=pg.mkPen(colour, **style), symbol=symbol, symbolBrush=colour)
        widget.show()
        QApplication.processEvents()
        path = folder / (re.sub(r"[^a-z0-9]+", "-", plot.title.lower()).strip("-") + ".png")
        widget.grab().save(str(path))
        widget.close()
        written.append(path)
    return written
