"""The diagram's colours: natural tissue tones, ice, and the temperature scale of the detailed look.

No rainbow: the patient look uses the colours of the tissues themselves, with ice as a translucent
white-blue; the detailed look uses one diverging scale, white at 0 °C where ice begins.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from .palette import TEMPERATURE_STOPS, Palette

SCAR_ALPHA, ICE_ALPHA, LETHAL_ALPHA = 0.9, 0.8, 0.45
STEPS = 32  # levels of each overlay: finer than the eye sees at the ice's soft edge


def rgb(colour: str) -> tuple[int, int, int]:
    c = QColor(colour)
    return c.red(), c.green(), c.blue()


def argb(colours: np.ndarray) -> np.ndarray:
    """Rows of RGB (0–255) as opaque 0xAARRGGBB words: QImage's own format, drawn unconverted."""
    c = np.round(np.asarray(colours, dtype=np.float64)).astype(np.uint32)
    return np.uint32(0xFF000000) | c[..., 0] << 16 | c[..., 1] << 8 | c[..., 2]


def hex_of(word) -> str:
    """'#rrggbb' of a 0xAARRGGBB word."""
    return f"#{int(word) & 0xFFFFFF:06x}"


def patient_table(names: list[str], p: Palette) -> np.ndarray:
    """Every colour the patient look can show, indexed by patient_index(): each tissue under
    its scar, translucent ice and the lethal tint, in STEPS of each — one lookup per frame
    instead of blending four pictures on screen."""
    tissue = np.array([rgb(p.tissue_colour(name)) for name in names], float)
    c = tissue[:, None, None, None, :]
    for axis, (colour, alpha) in enumerate(((p.scar, SCAR_ALPHA), (p.ice, ICE_ALPHA),
                                            (p.lethal, LETHAL_ALPHA))):
        shape = [1, 1, 1, 1, 1]
        shape[axis + 1] = STEPS
        a = np.linspace(0.0, alpha, STEPS).reshape(shape)
        c = c * (1 - a) + np.array(rgb(colour), float) * a
    return argb(c.reshape(-1, 3))


def patient_index(material: np.ndarray, scar, ice, lethal) -> np.ndarray:
    """Rows into patient_table() for per-pixel material numbers and 0–1 amounts (arrays or
    numbers), each taken to the nearest of STEPS levels."""
    index = material.astype(np.int32) * STEPS ** 3
    for weight, amount in ((STEPS ** 2, scar), (STEPS, ice), (1, lethal)):
        level = np.multiply(np.atleast_1d(amount), np.float32(STEPS - 1), dtype=np.float32)
        level += np.float32(0.5)
        np.clip(level, 0, STEPS - 1, out=level)
        index += level.astype(np.int32) * np.int32(weight)
    return index


def heat_table(low: float, high: float) -> np.ndarray:
    """The detailed look's 256 colours from `low` to `high` °C."""
    return argb(temperature_map(low, high).getLookupTable(nPts=256, alpha=False))


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
