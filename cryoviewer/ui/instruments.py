"""The instruments in the picture, drawn to scale and moved by the phase: the cryoprobe going in
and out through a small cut, the ultrasound transducer, the spray nozzle, the contact probe, and
several probes seen end-on. Each makes its items once; `update` only moves and recolours them.
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
from . import colours

ABOVE = 30.0           # mm above the top of the picture where instruments wait
CUT_SHOWN_AT = 0.15    # the cut appears early in the insert phase …
TRAVEL_FROM = 0.5      # … and the probe travels in during its second half


def smooth(f: float) -> float:
    f = min(1.0, max(0.0, f))
    return f * f * (3 - 2 * f)


def _pen(colour: str, width: float = 0.0, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width, style)
    pen.setCosmetic(True)
    return pen


def _rect(view, x, y, w, h, fill, line=None, z=20) -> QGraphicsRectItem:
    item = QGraphicsRectItem(QRectF(x, y, w, h))
    item.setBrush(QBrush(QColor(fill)))
    item.setPen(_pen(line) if line else QPen(Qt.PenStyle.NoPen))
    item.setZValue(z)
    view.addItem(item)
    return item


def tip_state(moment: Moment, thaw_modes) -> str:
    """'cold' while freezing, 'warm' during an active thaw, else 'off'."""
    phase = moment.phase
    if phase.kind == "freeze":
        return "cold"
    if phase.kind == "thaw" and thaw_modes[phase.cycle - 1] == "active":
        return "warm"
    return "off"


def _tip_colour(state: str) -> str:
    return {"cold": colours.COLD_TIP, "warm": colours.WARM_TIP}.get(state, colours.METAL)


class SingleProbe:
    """One cryoprobe on the axis, entering through a cut in the body wall above the organ."""

    def __init__(self, view, probe, wall_top: float):
        self.probe = probe
        self.wall_top = wall_top
        r = probe.diameter * 1e3 / 2
        self.tip = probe.tip_depth * 1e3
        active = probe.active_length * 1e3
        length = self.tip - wall_top + 12  # the shaft reaches well above the skin when in
        # Items in probe coordinates (tip at y = 0), moved as one by setPos.
        self.items = [
            _rect(view, -r, -length, 2 * r, length, colours.METAL, colours.METAL_DARK),
            _rect(view, -3.0, -length - 8, 6.0, 8, colours.METAL_DARK),
        ]
        self.active = _rect(view, -r, -active, 2 * r, active, colours.METAL, colours.METAL_DARK)
        self.gas = _rect(view, -r * 0.3, -length, r * 0.6, length - 1.0, colours.COLD_TIP, z=21)
        self.items += [self.active, self.gas]
        self.cut = _rect(view, -1.6, wall_top, 3.2, 2.0, "#7a2a24", z=19)
        self.out_at = wall_top - ABOVE

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
        depth = self.tip_depth(moment)
        for item in self.items:
            item.setVisible(depth is not None)
            if depth is not None:
                item.setPos(0.0, depth)
        state = tip_state(moment, self.probe.thaw)
        self.active.setBrush(QBrush(QColor(_tip_colour(state))))
        self.gas.setVisible(depth is not None and state == "cold")
        kind = moment.phase.kind
        self.cut.setVisible(kind not in ("prepare",) and not (kind == "insert"
                                                             and moment.fraction < CUT_SHOWN_AT))
        self.cut.setBrush(QBrush(QColor(colours.SCAR if kind == "heal" else "#7a2a24")))


class ProbeArray:
    """Several parallel probes, seen end-on in a slice: placed one by one, removed together."""

    def __init__(self, view, probe):
        self.probe = probe
        r = probe.diameter * 1e3 / 2
        self.items = []
        for x, y in probe.positions:
            item = QGraphicsEllipseItem(QRectF(x * 1e3 - r, y * 1e3 - r, 2 * r, 2 * r))
            item.setPen(_pen(colours.METAL_DARK, 2))
            item.setZValue(20)
            view.addItem(item)
            self.items.append(item)

    def update(self, moment: Moment) -> None:
        kind, f, n = moment.phase.kind, moment.fraction, len(self.items)
        state = tip_state(moment, self.probe.thaw)
        for k, item in enumerate(self.items):
            if kind == "insert":
                shown = f >= (k + 0.5) / (n + 1)
            elif kind == "remove":
                shown = f < 0.5
            else:
                shown = kind not in ("prepare", "heal")
            item.setVisible(shown)
            item.setBrush(QBrush(QColor(_tip_colour(state))))


class Transducer:
    """The ultrasound transducer on the skin, and a faint outline of the beam it sends."""

    def __init__(self, view, apex: tuple[float, float], direction_deg: float, spread_deg: float,
                 depth: float):
        x, y = apex
        self.body = QGraphicsRectItem(QRectF(-5, -7, 10, 7))
        self.body.setBrush(QBrush(QColor("#5b6770")))
        self.body.setPen(_pen("#2f3a42", 1))
        self.body.setPos(x, y)
        self.body.setRotation(-direction_deg)
        self.body.setZValue(22)
        view.addItem(self.body)
        beam = QPolygonF([QPointF(x, y)])
        for angle in (direction_deg - spread_deg / 2, direction_deg + spread_deg / 2):
            a = math.radians(angle)
            beam.append(QPointF(x + depth * math.sin(a), y + depth * math.cos(a)))
        self.beam = QGraphicsPolygonItem(beam)
        self.beam.setPen(_pen("#ffffff", 1, Qt.PenStyle.DotLine))
        self.beam.setBrush(QBrush(QColor(255, 255, 255, 18)))
        self.beam.setZValue(15)
        view.addItem(self.beam)

    def update(self, moment: Moment) -> None:
        self.beam.setVisible(moment.phase.kind not in ("heal", "remove"))


class Spray:
    """A liquid-nitrogen spray nozzle above the skin, spraying while the spot freezes."""

    def __init__(self, view, surface):
        r = surface.radius * 1e3
        nozzle = QPolygonF([QPointF(-0.8, -4.5), QPointF(0.8, -4.5), QPointF(1.3, -6.8),
                            QPointF(8.0, -8.2), QPointF(8.0, -9.6), QPointF(-1.3, -7.8)])
        self.nozzle = QGraphicsPolygonItem(nozzle)
        self.nozzle.setBrush(QBrush(QColor(colours.METAL)))
        self.nozzle.setPen(_pen(colours.METAL_DARK, 1))
        self.nozzle.setZValue(22)
        view.addItem(self.nozzle)
        cone = QPolygonF([QPointF(-0.6, -4.5), QPointF(0.6, -4.5), QPointF(r, 0.0),
                          QPointF(-r, 0.0)])
        self.cone = QGraphicsPolygonItem(cone)
        self.cone.setBrush(QBrush(QColor(235, 246, 255, 150)))
        self.cone.setPen(QPen(Qt.PenStyle.NoPen))
        self.cone.setZValue(21)
        view.addItem(self.cone)

    def update(self, moment: Moment) -> None:
        self.nozzle.setVisible(moment.phase.kind != "heal")
        self.cone.setVisible(moment.phase.kind == "freeze")


class ContactProbe:
    """A cold metal probe held on the skin while the spot freezes, lifted off to thaw."""

    def __init__(self, view, surface):
        r = surface.radius * 1e3
        self.items = [_rect(view, -r * 0.6, -9.0, r * 1.2, 3.0, colours.METAL_DARK),
                      _rect(view, -r, -6.0, 2 * r, 6.0, colours.METAL, colours.METAL_DARK)]
        self.tip = self.items[1]

    def update(self, moment: Moment) -> None:
        kind = moment.phase.kind
        lift = 0.0 if kind == "freeze" else 2.5
        for item in self.items:
            item.setVisible(kind != "heal")
            item.setPos(0.0, -lift)
        self.tip.setBrush(QBrush(QColor(colours.COLD_TIP if kind == "freeze" else colours.METAL)))
