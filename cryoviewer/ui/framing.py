"""How each kind of treatment is framed in the picture: one object per geometry kind.

A skin spot, an organ around one probe and a slice through several probes differ in scale, in
what surrounds them (a body wall above an organ), in their instruments, in where the ultrasound
looks from and in what the ultrasound sees as metal. Each Framing answers those questions for
its kind, so no other module branches on the geometry's name.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from ..scenario.playback import Moment
from .instruments import ContactProbe, ProbeArray, SingleProbe, Spray, Transducer
from .palette import Palette

BODY_WALL = (("skin", 2.0), ("fat", 6.0), ("muscle", 6.0))  # mm, above an organ
WALL_TOP = -sum(thickness for _, thickness in BODY_WALL)   # the skin's surface, mm
US_SPREAD = 60.0                                           # the ultrasound fan's angle, degrees


# Qt's translation, under a name its extractor (pyside6-lupdate) reads with the context.
translate = QCoreApplication.translate


class Framing:
    pixel_mm: float                       # picture resolution
    view: tuple[float, float, float, float]  # x0, x1, y0, y1 shown, mm
    scale_mm: float = 10.0                # the scale bar's length
    ultrasound: tuple[tuple[float, float], float] | None = None  # apex (mm), direction (°)
    us_depth: float = 80.0                # how deep the fan reaches, mm

    def __init__(self, run):
        self.run = run
        self.scenario = run.scenario

    def scale_text(self) -> str:
        return translate("Framing", "1 cm")

    def build_body(self, view, p: Palette, extent) -> None:
        """Whatever surrounds the computed section (nothing, unless overridden)."""

    def instruments(self, view, p: Palette) -> list:
        raise NotImplementedError

    def names(self) -> list[tuple[str, tuple[float, float], tuple[float, float]]]:
        """(text, anchor, position in mm) of the picture's labels, at its edges."""
        return []

    def boundaries(self) -> tuple[np.ndarray, np.ndarray]:
        """Lines (x, y in mm, pieces separated by NaN) between tissues that the Temperatures
        look would otherwise paint alike (none, unless overridden)."""
        return np.empty(0), np.empty(0)

    def metal(self, raster) -> tuple[np.ndarray | None, np.ndarray | None]:
        """For the ultrasound: where metal may be, in picture pixels, and each row's depth
        (when a probe moves along the rows)."""
        return None, None

    def solid(self, moment: Moment, instruments, metal) -> np.ndarray | None:
        """Where metal is at this moment, in picture pixels (None: none)."""
        return None


class ProbeFraming(Framing):
    """An organ around one probe on the axis, under a body wall, watched by ultrasound."""

    pixel_mm = 0.25
    view = (-30.0, 30.0, -29.0, 77.0)  # above the skin: the probe's handle and the transducer
    ultrasound = ((22.0, WALL_TOP), -20.0)

    def build_body(self, view, p: Palette, extent) -> None:
        x0, x1, _, _ = extent
        top = WALL_TOP
        for name, thickness in BODY_WALL:
            wall = QGraphicsRectItem(QRectF(x0, top, x1 - x0, thickness))
            wall.setBrush(QBrush(QColor(p.tissue_colour(name))))
            wall.setPen(QPen(Qt.PenStyle.NoPen))
            view.addItem(wall)
            top += thickness

    def instruments(self, view, p: Palette) -> list:
        apex, direction = self.ultrasound
        return [SingleProbe(view, self.scenario.probe, WALL_TOP, p),
                Transducer(view, apex, direction, US_SPREAD, self.us_depth, p)]

    def names(self):
        x0, x1, _, _ = self.view
        return [(translate("Framing", "Skin"), (0, 1), (x0 + 1, WALL_TOP)),
                (translate("Framing", "Liver"), (0, 0), (x0 + 1, 2)),
                # Under the transducer, in its beam: clear of the probe's handle above the skin.
                (translate("Framing", "Ultrasound"), (1, 0), (x1 - 0.5, 0.5))]

    def metal(self, raster):
        px, py = _centres(raster)
        return (np.abs(px)[None, :] <= self.scenario.probe.diameter * 1e3 / 2), py[:, None]

    def solid(self, moment, instruments, metal):
        mask, depth = metal
        probe = next(i for i in instruments if isinstance(i, SingleProbe))
        tip = probe.tip_depth(moment)
        return None if tip is None else mask & (depth <= tip)


class SliceFraming(Framing):
    """A slice across several parallel probes, seen end-on, watched by ultrasound."""

    pixel_mm = 0.35
    view = (-40.0, 40.0, -40.0, 40.0)
    ultrasound = ((0.0, -70.0), 0.0)  # 3 cm above the slice: the ice ball leaves room to see
    us_depth = 128.0                  # past the slice: the fan's straight far edge stays out of it

    def instruments(self, view, p: Palette) -> list:
        apex, direction = self.ultrasound
        return [ProbeArray(view, self.scenario.probe, p),
                Transducer(view, apex, direction, US_SPREAD, self.us_depth, p)]

    def names(self):
        x0, _, y0, _ = self.view
        return [(translate("Framing", "A slice across the probes"), (0, 0), (x0 + 1, y0 + 1))]

    def metal(self, raster):
        return raster.nearest(self.run.geometry.probe), None

    def solid(self, moment, instruments, metal):
        return metal[0] if moment.phase.kind not in ("prepare", "heal") else None


class SkinFraming(Framing):
    """A spot on the skin, its layers beneath, frozen from above by a spray or a probe."""

    pixel_mm = 0.08
    view = (-13.0, 13.0, -10.5, 9.0)  # above the skin: the nozzle, or the probe lifted off
    scale_mm = 5.0

    def scale_text(self) -> str:
        return translate("Framing", "5 mm")

    def instruments(self, view, p: Palette) -> list:
        surface = self.scenario.surface
        kind = Spray if surface.kind == "spray" else ContactProbe
        return [kind(view, surface, p)]

    def boundaries(self):
        """Between the skin, the fat and the muscle (not between the epidermis and the
        dermis, a tenth of a millimetre apart: that would draw the surface twice)."""
        x0, x1, _, _ = self.view
        xs, ys, depth = [], [], 0.0
        for layer in self.scenario.layers:
            if layer.thickness is None:
                break
            depth += layer.thickness * 1e3
            if depth >= 0.5:
                xs += [x0, x1, np.nan]
                ys += [depth, depth, np.nan]
        return np.array(xs[:-1]), np.array(ys[:-1])

    def names(self):
        _, x1, _, _ = self.view
        result, depth = [], 0.0
        names = (translate("Framing", "Skin surface"), translate("Framing", "Skin"),
                 translate("Framing", "Fat"), translate("Framing", "Muscle"))
        for layer, name in zip(self.scenario.layers, names):
            thickness = (layer.thickness * 1e3) if layer.thickness else 3.0
            if thickness >= 1.0:
                result.append((name, (1, 0.5), (x1 - 0.3, depth + thickness / 2)))
            depth += thickness
        return result


def _centres(raster) -> tuple[np.ndarray, np.ndarray]:
    """x and y (mm) of the picture's pixel centres."""
    x0, x1, y0, y1 = raster.extent
    rows, cols = raster.shape
    return (x0 + (np.arange(cols) + 0.5) * (x1 - x0) / cols,
            y0 + (np.arange(rows) + 0.5) * (y1 - y0) / rows)


FRAMINGS = {"probe": ProbeFraming, "probes": SliceFraming, "skin": SkinFraming}


def framing_for(run) -> Framing:
    return FRAMINGS[run.scenario.geometry](run)
