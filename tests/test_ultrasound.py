"""The ultrasound fan: the ice's bright line and shadow land where the geometry says they must."""

import numpy as np
import pytest

from cryoviewer.ui.ultrasound import UltrasoundFan

EXTENT = (-40.0, 40.0, 0.0, 80.0)  # mm; the transducer sits on the top edge at x = 0
SHAPE = (160, 160)  # 0.5 mm cells
Y, X = np.meshgrid(np.linspace(0.25, 79.75, 160), np.linspace(-39.75, 39.75, 160), indexing="ij")
ECHO = np.full(SHAPE, 0.5, np.float32)
THAWED = np.zeros(SHAPE, np.float32)


def disk(cx, cy, radius):
    return (np.hypot(X - cx, Y - cy) <= radius).astype(np.float32)


def make_fan(apex=(0.0, 0.0), direction_deg=0.0, **kwargs):
    return UltrasoundFan(EXTENT, SHAPE, apex, direction_deg, **kwargs)


def screen_polar(fan, image):
    """Range (mm) and angle (degrees, + to the right) of every pixel centre from the apex."""
    height, width = image.shape[:2]
    x = (np.arange(width) + 0.5 - width / 2) * fan.mm_per_pixel
    y = (np.arange(height) + 0.5)[:, None] * fan.mm_per_pixel
    return np.hypot(x, y), np.degrees(np.arctan2(x, y))


def band(fan, image, near_mm, far_mm, columns):
    r, _ = screen_polar(fan, image)
    rows = (r[:, image.shape[1] // 2] >= near_mm) & (r[:, image.shape[1] // 2] <= far_mm)
    return image[rows][:, columns, 0].astype(float)


@pytest.mark.parametrize("radius", [8.0, 15.0])
def test_the_bright_line_on_the_central_ray_is_at_the_ice_front(radius):
    fan = make_fan()
    image = fan.render(disk(0.0, 40.0, radius), ECHO)
    column = image[:, image.shape[1] // 2, 0]
    assert column.max() >= 220
    assert abs((column.argmax() + 0.5) * fan.mm_per_pixel - (40.0 - radius)) <= 1.0


def test_the_shadow_behind_the_line_is_dark_and_the_tissue_in_front_mid_grey():
    fan = make_fan()
    image = fan.render(disk(0.0, 40.0, 10.0), ECHO)
    middle = slice(image.shape[1] // 2 - 10, image.shape[1] // 2 + 10)
    assert band(fan, image, 33.0, 68.0, middle).mean() < 25
    assert 70 <= band(fan, image, 5.0, 27.0, middle).mean() <= 110


def test_without_ice_tissue_is_mid_grey_and_nothing_is_bright():
    image = make_fan().render(THAWED, ECHO)
    grey = image[..., 0][image[..., 3] == 255]
    assert grey.max() < 200
    assert 70 <= grey.mean() <= 110


def test_pixels_are_grey_and_opaque_inside_the_fan_and_transparent_outside():
    fan = make_fan(spread_deg=70.0, depth_mm=70.0)
    image = fan.render(THAWED, ECHO)
    r, angle = screen_polar(fan, image)
    pixel = fan.mm_per_pixel
    beyond_side = r * np.sin(np.radians(np.abs(angle) - 35.0))  # + outside, - inside, in mm
    inside = (beyond_side < -pixel) & (r < 70.0 - pixel)
    outside = (beyond_side > pixel) | (r > 70.0 + pixel)
    assert inside.mean() > 0.4 and outside.mean() > 0.2
    assert (image[inside, 3] == 255).all() and (image[outside] == 0).all()
    assert set(np.unique(image[..., 3])) == {0, 255}
    assert (image[..., 0] == image[..., 1]).all() and (image[..., 1] == image[..., 2]).all()


def test_the_same_seed_gives_the_same_picture():
    frozen = disk(5.0, 35.0, 9.0)
    first = make_fan(seed=3).render(frozen, ECHO)
    assert np.array_equal(first, make_fan(seed=3).render(frozen, ECHO))
    assert not np.array_equal(first, make_fan(seed=4).render(frozen, ECHO))


def test_one_fan_follows_the_ice_and_the_tissue_from_frame_to_frame():
    """The fan reuses its last picture only while neither the ice front nor the tissue moved."""
    fan, small, large = make_fan(), disk(0.0, 40.0, 8.0), disk(0.0, 40.0, 15.0)
    first = fan.render(small, ECHO).copy()
    assert np.array_equal(fan.render(small.copy(), ECHO), first)
    assert not np.array_equal(fan.render(large, ECHO), first)
    assert np.array_equal(fan.render(small, ECHO), first)
    darker = fan.render(small, ECHO * 0.5)
    assert darker[..., 0].sum() < first[..., 0].sum()


def test_metal_reflects_and_casts_its_own_shadow():
    fan = make_fan()
    probe = (np.abs(X) <= 1.0) & (Y >= 30.0)  # a shaft pointing at the transducer, tip at 30 mm
    image = fan.render(THAWED, ECHO, probe)
    column = image[:, image.shape[1] // 2, 0]
    assert abs((column.argmax() + 0.5) * fan.mm_per_pixel - 30.0) <= 1.0
    centre, aside = [image.shape[1] // 2], [image.shape[1] // 2 + 40]
    assert band(fan, image, 35.0, 65.0, centre).mean() < 25
    assert band(fan, image, 35.0, 65.0, aside).mean() > 60
    assert band(fan, fan.render(THAWED, ECHO), 35.0, 65.0, centre).mean() > 60


def test_a_tilted_transducer_shows_the_ice_on_the_ray_that_points_at_it():
    """From x = +25 the fan looks down and to the left (-30 degrees); ice 15 degrees to the
    right of its centre line must appear 15 degrees right of the picture's middle."""
    fan = make_fan(apex=(25.0, 0.0), direction_deg=-30.0)
    towards = np.radians(-30.0 + 15.0)
    image = fan.render(disk(25.0 + 40.0 * np.sin(towards), 40.0 * np.cos(towards), 8.0), ECHO)
    r, angle = screen_polar(fan, image)
    bright = image[..., 0] > 220
    assert bright.sum() > 20
    assert abs(angle[bright].mean() - 15.0) < 2.0
    assert 31.0 <= r[bright].min() <= 33.0


# -- the large tumour's ultrasound (three probes in a slice) -----------------------------------
#
# The slice is 80 x 80 mm around the tumour. From the slice's top edge, (0, -40), the merged ice
# ball (about 29 mm in radius by the end of the second freeze) comes within 10 mm of the
# transducer and its shadow fills nearly the whole fan: the picture was black. From 30 mm above
# the slice (the fan samples outside it as plain tissue) the ice's near edge lies 40-70 mm deep:
# speckled tissue above it, the bright curve, the shadow behind, tissue beside the shadow.
# framing.SliceFraming.ultrasound (once scene.ULTRASOUND["probes"]) should hold these values.
LARGE_TUMOUR_TRANSDUCER = ((0.0, -70.0), 0.0)
US_SPREAD, US_DEPTH = 60.0, 80.0  # as in framing.py
PROBES_PIXEL_MM = 0.35  # SliceFraming.pixel_mm


@pytest.fixture(scope="module")
def large_tumour(computed_runs):
    from cryoviewer.ui.raster import Raster
    from cryoviewer.ui.ultrasound_view import ECHO as TISSUE_ECHO
    from cryoviewer.ui.ultrasound_view import PLAIN_ECHO

    run = computed_runs["large-tumour"]
    g = run.geometry
    raster = Raster(g.mesh, PROBES_PIXEL_MM)
    echo = np.array([TISSUE_ECHO.get(m.name, PLAIN_ECHO) for m in g.materials],
                    np.float32)[raster.nearest(g.material_index)]
    return run, raster, echo, raster.nearest(g.probe)


def near_edge_mm(raster, frozen, apex):
    """How far below the apex the ice begins, straight down from it (in the raster or not)."""
    x0, x1, y0, y1 = raster.extent
    rows, cols = raster.shape
    column = frozen[:, int((apex[0] - x0) / (x1 - x0) * cols)]
    first = np.argmax(column >= 0.5)
    return y0 + first * (y1 - y0) / rows - apex[1]


@pytest.mark.parametrize("moment", [("freeze1", 0.5), ("freeze1", 1.0), ("freeze2", 1.0)])
def test_the_large_tumour_ultrasound_shows_tissue_then_the_ice_edge_then_shadow(large_tumour,
                                                                               moment):
    run, raster, echo, probes = large_tumour
    phase_id, fraction = moment
    phase = run.phase(phase_id)
    frame = run.at(phase.start + fraction * phase.duration)
    frozen = raster.sample(frame.frozen_bytes * np.float32(1 / 255))
    apex, direction = LARGE_TUMOUR_TRANSDUCER
    fan = UltrasoundFan(raster.extent, raster.shape, apex, direction, spread_deg=US_SPREAD,
                        depth_mm=US_DEPTH)
    image = fan.render(frozen, echo, probes)
    grey = image[..., 0].astype(float)
    inside = image[..., 3] == 255

    edge = near_edge_mm(raster, frozen, apex)
    column = grey[:, image.shape[1] // 2]
    assert column.max() >= 220  # the bright near edge of the ice …
    assert abs((column.argmax() + 0.5) * fan.mm_per_pixel - edge) <= 1.0  # … where the ice is
    middle = slice(image.shape[1] // 2 - 10, image.shape[1] // 2 + 10)
    assert edge >= 20.0  # a good depth of tissue in front of the ice
    tissue = band(fan, image, 3.0, edge - 3.0, middle)
    assert 60 <= tissue.mean() <= 130 and tissue.std() > 15  # speckle, not a flat grey
    assert band(fan, image, edge + 3.0, edge + 20.0, middle).mean() < 25  # the shadow
    dark = (grey[inside] < 30).mean()
    assert 0.1 < dark < 0.75  # neither a picture without ice nor a black one
    r, angle = screen_polar(fan, image)
    beside = inside & (np.abs(angle) > US_SPREAD / 2 - 3) & (r > edge + 10) & (r < edge + 25)
    assert beside.sum() > 100 and grey[beside].mean() > 50  # tissue beside the shadow


# -- the widget ----------------------------------------------------------------------------------

@pytest.fixture
def view(qtbot):
    from cryoviewer.ui.ultrasound_view import UltrasoundView

    widget = UltrasoundView()
    qtbot.addWidget(widget)
    return widget


class FakeRaster:
    extent, shape = EXTENT, SHAPE


def test_the_view_draws_the_fan_and_its_outline(view):
    view.set_scene(FakeRaster(), ["liver"], np.zeros(SHAPE, np.intp), (0.0, 0.0), 0.0,
                   60.0, 70.0)
    view.show_frame(disk(0.0, 40.0, 10.0), None)
    pixels = view.picture.pixels()
    assert pixels is not None and (pixels >> 24 == 255).mean() > 0.3
    outline = view.edge.polygon()
    assert outline.size() > 10
    assert outline[0].x() == pytest.approx(pixels.shape[1] / 2) and outline[0].y() == 0


def test_the_view_repaints_only_when_the_picture_changes(view, monkeypatch):
    view.set_scene(FakeRaster(), ["liver"], np.zeros(SHAPE, np.intp), (0.0, 0.0), 0.0,
                   60.0, 70.0)
    shown = []
    monkeypatch.setattr(view.picture, "set_pixels", shown.append)
    view.show_frame(disk(0.0, 40.0, 10.0), None)
    view.show_frame(disk(0.0, 40.0, 10.0), None)   # the same ice: the same picture
    assert len(shown) == 1
    view.show_frame(disk(0.0, 40.0, 14.0), None)   # the near edge has moved
    assert len(shown) == 2


def test_the_view_takes_its_colours_from_the_palette(view):
    from PySide6.QtGui import QColor

    from cryoviewer.ui.palette import DEFAULT, HIGH_CONTRAST, PROJECTOR

    view.set_text_px(18)
    assert view.backgroundBrush().color() == QColor(DEFAULT.paper)
    for palette in (HIGH_CONTRAST, PROJECTOR):
        view.set_palette(palette)
        assert view.backgroundBrush().color() == QColor(palette.paper)
        assert QColor(palette.ink).name().lower() in view.title.item.toHtml().lower()
        assert view.edge.pen().color() == QColor(palette.muted)
        assert view.edge.pen().widthF() == pytest.approx(palette.width(1))
    assert "18px" in view.title.item.toHtml()  # the text size survives a change of palette


def test_the_view_explains_itself_to_a_screen_reader(view):
    assert view.accessibleName()
    description = view.accessibleDescription().lower()
    for words in ("bright", "shadow", "ice", "probe"):
        assert words in description
    view.set_scene(FakeRaster(), ["liver"], np.zeros(SHAPE, np.intp), (0.0, 0.0), 0.0,
                   60.0, 70.0)
    view.describe(disk(0.0, 40.0, 10.0))              # ice from 30 mm down
    assert "curved line, 3.0 cm below" in view.accessibleDescription()


def test_the_view_is_not_a_keyboard_tab_stop(view):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    for widget in (view, view.viewport(), *view.findChildren(QWidget)):
        assert not widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget
