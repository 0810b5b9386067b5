"""The instruments: coloured from the palette, and the ultrasound transducer resting on the skin."""

import math
import re
from pathlib import Path
from types import SimpleNamespace

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor

from cryoviewer.ui import instruments
from cryoviewer.ui.instruments import ContactProbe, ProbeArray, SingleProbe, Spray, Transducer
from cryoviewer.ui.palette import DEFAULT, HIGH_CONTRAST, PROJECTOR

WALL_TOP = -14.0  # mm: the skin above the liver (2 mm skin, 6 mm fat, 6 mm muscle)
SKIN_TOLERANCE = 0.3  # mm


@pytest.fixture
def view(qapp):
    return pg.ViewBox(invertY=True, lockAspect=True)


def body_points(transducer, view):
    """The transducer's outline in the picture's millimetres."""
    body = transducer.body
    return [body.mapToItem(view.childGroup, point) for point in body.polygon()]


def face_points(transducer, view):
    body = transducer.body
    return [body.mapToItem(view.childGroup, point) for point in Transducer.face()]


@pytest.mark.parametrize("direction", [-20.0, 0.0, 20.0, -45.0, 45.0, -5.0])
def test_the_transducer_rests_on_the_skin_at_any_tilt(view, direction):
    """Its contact face touches the skin line, and nothing of it sinks into the body."""
    transducer = Transducer(view, (22.0, WALL_TOP), direction, 60.0, 80.0, DEFAULT)
    face = face_points(transducer, view)
    lowest = max(p.y() for p in face)
    assert abs(lowest - WALL_TOP) <= SKIN_TOLERANCE
    assert max(p.y() for p in body_points(transducer, view)) <= WALL_TOP + SKIN_TOLERANCE
    # The face is the lowest part of the body: the handle is above it, on the far side of the
    # beam (which points along (sin a, cos a) into the body).
    centre_x = sum(p.x() for p in face) / len(face)
    centre_y = sum(p.y() for p in face) / len(face)
    points = body_points(transducer, view)
    away = [(p.x() - centre_x) * math.sin(math.radians(direction))
            + (p.y() - centre_y) * math.cos(math.radians(direction)) for p in points]
    assert min(away) < -5.0 and max(away) < 1.0


def test_the_liver_transducer_touches_the_skin_where_its_beam_starts(view):
    """Tilted by 20 degrees, the curved face rests on the skin at the beam's apex."""
    transducer = Transducer(view, (22.0, WALL_TOP), -20.0, 60.0, 80.0, DEFAULT)
    face = face_points(transducer, view)
    touching = max(face, key=lambda p: p.y())
    assert abs(touching.x() - 22.0) <= 0.5
    assert transducer.beam.polygon()[0].x() == 22.0
    assert transducer.beam.polygon()[0].y() == WALL_TOP


def probe_spec():
    return SimpleNamespace(diameter=2.4e-3, tip_depth=40e-3, active_length=30e-3,
                           positions=[(0.0, 10e-3), (-8.66e-3, -5e-3)],
                           thaw=("passive", "active"))


def make_all(view, palette):
    surface = SimpleNamespace(radius=5e-3)
    return [SingleProbe(view, probe_spec(), WALL_TOP, palette),
            ProbeArray(view, probe_spec(), palette),
            Transducer(view, (22.0, WALL_TOP), -20.0, 60.0, 80.0, palette),
            Spray(view, surface, palette), ContactProbe(view, surface, palette)]


def roles(palette):
    return {QColor(getattr(palette, name)).name() for name in (
        "metal", "metal_dark", "cold_tip", "warm_tip", "cut", "scar", "transducer", "beam")}


@pytest.mark.parametrize("palette", [DEFAULT, PROJECTOR, HIGH_CONTRAST], ids=lambda p: p.name)
def test_every_instrument_colour_comes_from_the_palette(view, palette):
    make_all(view, palette)
    used = {c.name() for item in view.addedItems
            for c in (item.brush().color(), item.pen().color())}
    used.discard(QColor(0, 0, 0).name())  # NoPen / NoBrush report black
    assert used and used <= roles(palette)


def test_set_palette_recolours_the_instruments(view):
    made = make_all(view, DEFAULT)
    for instrument in made:
        instrument.set_palette(HIGH_CONTRAST)
    used = {c.name() for item in view.addedItems
            for c in (item.brush().color(), item.pen().color())}
    used.discard(QColor(0, 0, 0).name())
    assert used <= roles(HIGH_CONTRAST)
    assert QColor(HIGH_CONTRAST.transducer).name() in used
    assert QColor(DEFAULT.transducer).name() not in used


def test_lines_are_thicker_on_a_projector(view):
    widths = {}
    for palette in (DEFAULT, PROJECTOR):
        box = pg.ViewBox()
        transducer = Transducer(box, (0.0, 0.0), 0.0, 60.0, 80.0, palette)
        widths[palette.name] = transducer.beam.pen().widthF()
    assert widths["projector"] > widths["default"]


def test_no_colour_is_written_in_the_instruments_module():
    text = Path(instruments.__file__).read_text(encoding="utf-8")
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|QColor\(\s*\d|Qt\.GlobalColor", text)


@pytest.mark.parametrize("scenario", ["skin-spray", "skin-probe", "liver-probe", "large-tumour"])
def test_every_instrument_lies_inside_the_picture_at_every_step(qtbot, computed_runs, scenario):
    """Nothing is cut off at the picture's edge, whatever the window's shape: the section's
    frame holds the probe's handle, the transducer and the spray nozzle wherever they are
    shown. (The three-probe slice's transducer lies wholly above it: only its beam shows.)"""
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QGraphicsPolygonItem, QGraphicsRectItem

    from cryoviewer.scenario.playback import Playback
    from cryoviewer.ui.scene import CrossSection

    section = CrossSection()
    qtbot.addWidget(section)
    run = computed_runs[scenario]
    section.set_run(run)
    x0, x1, y0, y1 = section.framing.view
    frame = QRectF(x0, y0, x1 - x0, y1 - y0).adjusted(-0.01, -0.01, 0.01, 0.01)
    playback = Playback(run.phases)
    for phase in run.phases:
        for fraction in (0.0, 0.5, 1.0):
            if phase.kind in ("insert", "remove") and fraction == 0.5:
                continue  # the probe slides in or out across the picture's edge
            playback.go_to(phase.id, fraction)
            section.show_moment(playback.moment())
            outside = [rect for item in section.view.addedItems
                       if isinstance(item, (QGraphicsRectItem, QGraphicsPolygonItem))
                       and item.isVisible() and item.zValue() >= 15
                       and frame.intersects(rect := item.mapRectToItem(
                           section.view.childGroup, item.boundingRect()))
                       and not frame.contains(rect)]
            assert not outside, f"{phase.id} {fraction}: cut off: {outside} (frame {frame})"
