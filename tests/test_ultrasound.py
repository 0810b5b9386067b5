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
