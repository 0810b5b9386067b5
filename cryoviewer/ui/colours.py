"""The diagram's colours: natural tissue tones, ice, and the temperature scale of the detailed look.

No rainbow: the patient look uses the colours of the tissues themselves, with ice as a translucent
white-blue; the detailed look uses one diverging scale, white at 0 °C where ice begins.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

TISSUE = {
    "liver": "#9c4d3f", "tumour": "#cdb391", "soft-tissue": "#b4645a", "epidermis": "#f1cdb5",
    "dermis": "#e5aa94", "fat": "#f3de9f", "skin-tumour": "#9a6a58", "gel": "#dfe8ee",
}
UNKNOWN_TISSUE = "#c8c8c8"
BODY_WALL = (("skin", "#e5aa94", 2.0), ("fat", "#f3de9f", 6.0), ("muscle", "#b4645a", 6.0))
ICE = "#eef8ff"
ICE_EDGE = "#7fb8e0"
LETHAL = "#33508f"
SCAR = "#ecdcd2"
METAL = "#8a96a3"
METAL_DARK = "#4f5b66"
COLD_TIP = "#dff1ff"
WARM_TIP = "#f2b36b"
TUMOUR_LINE = "#4a3b2c"
TEMPERATURE_STOPS = ((-196, "#081d58"), (-150, "#0b3a7e"), (-40, "#2c7fb8"), (-20, "#7fbfe0"),
                     (0, "#f4f9fc"), (20, "#fcc5a8"), (45, "#c2332b"))


def rgb(colour: str) -> tuple[int, int, int]:
    c = QColor(colour)
    return c.red(), c.green(), c.blue()


def tissue_lut(names: list[str]) -> np.ndarray:
    """RGB per material number, for the tissue picture."""
    return np.array([rgb(TISSUE.get(name, UNKNOWN_TISSUE)) for name in names], dtype=np.uint8)


def fade_lut(colour: str, alpha: float, rising: bool = True) -> np.ndarray:
    """256 RGBA entries: one colour, from transparent to `alpha` (or the other way round)."""
    ramp = np.linspace(0.0, 1.0, 256) if rising else np.linspace(1.0, 0.0, 256)
    lut = np.empty((256, 4), dtype=np.uint8)
    lut[:, :3] = rgb(colour)
    lut[:, 3] = np.round(np.clip(ramp, 0, 1) * alpha * 255)
    return lut


def temperature_map(low: float, high: float) -> pg.ColorMap:
    """The detailed look's scale between two temperatures (white at 0 °C)."""
    stops = [(t, c) for t, c in TEMPERATURE_STOPS if low <= t <= high]
    positions = [(t - low) / (high - low) for t, _ in stops]
    if positions[0] > 0:
        positions.insert(0, 0.0)
        stops.insert(0, stops[0])
    if positions[-1] < 1:
        positions.append(1.0)
        stops.append(stops[-1])
    return pg.ColorMap(positions, [QColor(c) for _, c in stops])
