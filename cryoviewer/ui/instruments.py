"""The instruments in the picture, drawn to scale and moved by the phase: the cryoprobe going in
and out through a small cut, the ultrasound transducer, the spray nozzle, the contact probe, and
several probes seen end-on. Each makes its items once; `update` only moves and recolours them.

Colours come from a palette (`palette.Palette`): each instrument takes one when it is made and
`set_palette` recolours it (a theme change needs no new items).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
)

from ..scenario.playback import Moment
from .palette import Palette

ABOVE = 30.0           # mm above the top of the picture where instruments wait
OVERHANG, HANDLE = 8.0, 5.0  # mm of shaft above the skin, and the handle on top of it
CUT_SHOWN_AT = 0.15    # the cut appears early in the insert phase …
TRAVEL_FROM = 0.5      # … and the probe travels in during its second half
BEAM_ALPHA = 18        # the beam's faint fill (of 255)
SPRAY_ALPHA = 150      # the spray cone's fill (of 255)


def smooth(f: float) -> float:
    f = min(1.0, max(0.0, f))
    return f * f * (3 - 2 * f)


def _pen(colour: str, width: float = 1.0, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width, style)
    pen.setCosmetic(True)  # widths in screen pixels, whatever the zoom
    return pen


def _brush(colour: str, alpha: int = 255) -> QBrush:
    c = QColor(colour)
    c.setAlpha(alpha)
    return QBrush(c)


def _no_pen() -> QPen:
    return QPen(Qt.PenStyle.NoPen)


def _rect(view, x, y, w, h, z=20) -> QGraphicsRectItem:
    item = QGraphicsRectItem(QRectF(x, y, w, h))
    item.setPen(_no_pen())
    item.setZValue(z)
    view.addItem(item)
    return item


def _paint(item, p: Palette, fill: str, line: str | None = None, width: float = 1.0) -> None:
    item.setBrush(_brush(fill))
    item.setPen(_pen(line, p.width(width)) if line else _no_pen())


def tip_state(moment: Moment, thaw_modes) -> str:
    """'cold' while freezing, 'warm' during an active thaw, else 'off'."""
    phase = moment.phase
    if phase.kind == "freeze":
        return "cold"
    if phase.kind == "thaw" and thaw_modes[phase.cycle - 1] == "active":
        return "warm"
    return "off"


def tip_colour(p: Palette, state: str) -> str:
    return {"cold": p.cold_tip, "warm": p.warm_tip}.get(state, p.metal)


class SingleProbe:
    """One cryoprobe on the axis, entering through a cut in the body wall above the organ."""

    def __init__(self, view, probe, wall_top: float, palette: Palette):
        self.probe = probe
        self.wall_top = wall_top
        r = probe.diameter * 1e3 / 2
        self.tip = probe.tip_depth * 1e3
        active = probe.active_length * 1e3
        length = self.tip - wall_top + OVERHANG  # the shaft reaches above the skin when in
        # Items in probe coordinates (tip at y = 0), moved as one by setPos.
        self.shaft = _rect(view, -r, -length, 2 * r, length)
        self.handle = _rect(view, -3.0, -length - HANDLE, 6.0, HANDLE)
        self.active = _rect(view, -r, -active, 2 * r, active)
        self.gas = _rect(view, -r * 0.3, -length, r * 0.6, length - 1.0, z=21)
        self.items = [self.shaft, self.handle, self.active, self.gas]
        self.cut = _rect(view, -1.6, wall_top, 3.2, 2.0, z=19)
        self.out_at = wall_top - ABOVE
        self._state, self._healing = "off", False
        self.set_palette(palette)

    def set_palette(self, p: Palette) -> None:
        self.palette = p
        _paint(self.shaft, p, p.metal, p.metal_dark)
        _paint(self.handle, p, p.metal_dark)
        _paint(self.active, p, tip_colour(p, self._state), p.metal_dark)
        _paint(self.gas, p, p.cold_tip)
        _paint(self.cut, p, p.scar if self._healing else p.cut)

    def tip_depth(self, moment: Moment) -> float | None:
        """Where the tip is now (mm), or None while the probe is not in the picture."""
        kind, f = moment.phase.kind, moment.fraction
        if kind == "prepare" or kind == "heal":
            return None
        if kind == "insert":
            travel = smooth((f - TRAVEL_FROM) / (1 - TRAVEL_FROM))
            return self.out_at + (self.tip - self.out_at) * travel if f >= TRAVEL_FROM else None
        if kind == "remove":
            return self.tip + (self.out_at - self.tip) * smooth(f / 0.8) if f < 0.8 else None
        return self.tip

    def update(self, moment: Moment) -> None:
        p = self.palette
        depth = self.tip_depth(moment)
        for item in self.items:
            item.setVisible(depth is not None)
            if depth is not None:
                item.setPos(0.0, depth)
        self._state = tip_state(moment, self.probe.thaw)
        self.active.setBrush(_brush(tip_colour(p, self._state)))
        self.gas.setVisible(depth is not None and self._state == "cold")
        kind = moment.phase.kind
        self.cut.setVisible(kind not in ("prepare",) and not (kind == "insert"
                                                             and moment.fraction < CUT_SHOWN_AT))
        self._healing = kind == "heal"
        self.cut.setBrush(_brush(p.scar if self._healing else p.cut))


class ProbeArray:
    """Several parallel probes, seen end-on in a slice: placed one by one, removed together."""

    def __init__(self, view, probe, palette: Palette):
        self.probe = probe
        r = probe.diameter * 1e3 / 2
        self.items = []
        for x, y in probe.positions:
            item = QGraphicsEllipseItem(QRectF(x * 1e3 - r, y * 1e3 - r, 2 * r, 2 * r))
            item.setZValue(20)
            view.addItem(item)
            self.items.append(item)
        self._state = "off"
        self.set_palette(palette)

    def set_palette(self, p: Palette) -> None:
        self.palette = p
        for item in self.items:
            _paint(item, p, tip_colour(p, self._state), p.metal_dark, 2)

    def update(self, moment: Moment) -> None:
        kind, f, n = moment.phase.kind, moment.fraction, len(self.items)
        self._state = tip_state(moment, self.probe.thaw)
        for k, item in enumerate(self.items):
            if kind == "insert":
                shown = f >= (k + 0.5) / (n + 1)
            elif kind == "remove":
                shown = f < 0.5
            else:
                shown = kind not in ("prepare", "heal")
            item.setVisible(shown)
            item.setBrush(_brush(tip_colour(self.palette, self._state)))


class Transducer:
    """The ultrasound transducer on the skin, and a faint outline of the beam it sends.

    Like the curved (convex) transducers used on the abdomen, its contact face is an arc. It is
    tilted about the arc's centre, so for any tilt up to FACE_HALF_ANGLE the arc touches the skin
    at the apex, where the beam starts, and nothing of it lies below the skin; tilted further, it
    rests on the face's lowest corner.
    """

    WIDTH, HEIGHT = 10.0, 7.0   # mm: the face's chord and the body's height above the face
    FACE_RADIUS = 10.0          # mm: the contact face's curvature (a 60° arc over 10 mm)
    CABLE = (3.0, 4.0)          # mm: the strain relief on top, width and height

    def __init__(self, view, apex: tuple[float, float], direction_deg: float, spread_deg: float,
                 depth: float, palette: Palette):
        x, y = apex
        self.body = QGraphicsPolygonItem(self.outline())
        # Tilt about the face's centre of curvature, placed straight above the apex.
        self.body.setTransformOriginPoint(0.0, -self.FACE_RADIUS)
        self.body.setRotation(-direction_deg)
        self.body.setPos(x, y + self._lift(-direction_deg))
        self.body.setZValue(22)
        view.addItem(self.body)
        beam = QPolygonF([QPointF(x, y)])
        for angle in (direction_deg - spread_deg / 2, direction_deg + spread_deg / 2):
            a = math.radians(angle)
            beam.append(QPointF(x + depth * math.sin(a), y + depth * math.cos(a)))
        self.beam = QGraphicsPolygonItem(beam)
        self.beam.setZValue(5)  # under the lines that carry meaning (10–12)
        view.addItem(self.beam)
        self.set_palette(palette)

    @classmethod
    def face(cls, points: int = 25) -> list[QPointF]:
        """The contact face, an arc from left to right in the body's own coordinates (its
        middle at the origin, the body above it: y < 0)."""
        r, half = cls.FACE_RADIUS, math.asin(cls.WIDTH / 2 / cls.FACE_RADIUS)
        return [QPointF(r * math.sin(a), r * math.cos(a) - r)
                for a in (-half + 2 * half * k / (points - 1) for k in range(points))]

    @classmethod
    def outline(cls) -> QPolygonF:
        face = cls.face()
        top = face[0].y() - cls.HEIGHT  # the face's ends are its highest points
        w, (cw, ch) = cls.WIDTH / 2, cls.CABLE
        return QPolygonF(face[::-1] + [QPointF(-w, top), QPointF(-cw / 2, top),
                                       QPointF(-cw / 2, top - ch), QPointF(cw / 2, top - ch),
                                       QPointF(cw / 2, top), QPointF(w, top)])

    @classmethod
    def _lift(cls, rotation_deg: float) -> float:
        """How far to move the body down (+) so that its lowest point, tilted about the face's
        centre of curvature, touches the skin: 0 while the arc's lowest point is on the face."""
        a, r = math.radians(rotation_deg), cls.FACE_RADIUS
        lowest = max(p.x() * math.sin(a) + (p.y() + r) * math.cos(a) - r for p in cls.face())
        return -lowest

    def set_palette(self, p: Palette) -> None:
        _paint(self.body, p, p.transducer, p.metal_dark)
        self.beam.setPen(_pen(p.beam, p.width(1), Qt.PenStyle.DotLine))
        self.beam.setBrush(_brush(p.beam, BEAM_ALPHA))

    def update(self, moment: Moment) -> None:
        self.beam.setVisible(moment.phase.kind not in ("heal", "remove"))


class Spray:
    """A liquid-nitrogen spray nozzle above the skin, spraying while the spot freezes."""

    def __init__(self, view, surface, palette: Palette):
        r = surface.radius * 1e3
        nozzle = QPolygonF([QPointF(-0.8, -4.5), QPointF(0.8, -4.5), QPointF(1.3, -6.8),
                            QPointF(8.0, -8.2), QPointF(8.0, -9.6), QPointF(-1.3, -7.8)])
        self.nozzle = QGraphicsPolygonItem(nozzle)
        self.nozzle.setZValue(22)
        view.addItem(self.nozzle)
        cone = QPolygonF([QPointF(-0.6, -4.5), QPointF(0.6, -4.5), QPointF(r, 0.0),
                          QPointF(-r, 0.0)])
        self.cone = QGraphicsPolygonItem(cone)
        self.cone.setZValue(21)
        view.addItem(self.cone)
        self.set_palette(palette)

    def set_palette(self, p: Palette) -> None:
        _paint(self.nozzle, p, p.metal, p.metal_dark)
        self.cone.setBrush(_brush(p.cold_tip, SPRAY_ALPHA))
        self.cone.setPen(_no_pen())

    def update(self, moment: Moment) -> None:
        self.nozzle.setVisible(moment.phase.kind != "heal")
        self.cone.setVisible(moment.phase.kind == "freeze")


class ContactProbe:
    """A cold metal probe held on the skin while the spot freezes, lifted off to thaw."""

    def __init__(self, view, surface, palette: Palette):
        r = surface.radius * 1e3
        self.items = [_rect(view, -r * 0.6, -9.0, r * 1.2, 3.0),
                      _rect(view, -r, -6.0, 2 * r, 6.0)]
        self.stem, self.tip = self.items
        self._cold = False
        self.set_palette(palette)

    def set_palette(self, p: Palette) -> None:
        self.palette = p
        _paint(self.stem, p, p.metal_dark)
        _paint(self.tip, p, p.cold_tip if self._cold else p.metal, p.metal_dark)

    def update(self, moment: Moment) -> None:
        kind = moment.phase.kind
        lift = 0.0 if kind == "freeze" else 1.5
        for item in self.items:
            item.setVisible(kind != "heal")
            item.setPos(0.0, -lift)
        self._cold = kind == "freeze"
        self.tip.setBrush(_brush(self.palette.cold_tip if self._cold else self.palette.metal))
