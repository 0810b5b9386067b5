"""Lines on halos: a contour keeps only the points that show, and every piece keeps its ends."""

import numpy as np
import pytest

from cryoviewer.ui.outline import thinned


def circle(radius, points):
    t = np.linspace(0, 2 * np.pi, points)
    return radius * np.cos(t), radius * np.sin(t)


def strays(tx, ty, radius):
    """How far the chords' midpoints fall inside the circle."""
    mid_x, mid_y = (tx[1:] + tx[:-1]) / 2, (ty[1:] + ty[:-1]) / 2
    return np.max(radius - np.hypot(mid_x, mid_y))


def test_a_smooth_contour_keeps_only_the_points_that_show():
    x, y = circle(50.0, 1000)                      # 50 px across, a point every 0.31 px
    tx, ty = thinned(x, y, 1.0)
    assert 25 <= len(tx) <= 45
    assert (tx[0], ty[0]) == (x[0], y[0]) and (tx[-1], ty[-1]) == (x[-1], y[-1])
    assert strays(tx, ty, 50.0) <= 0.3             # the chords stray by under a third of a pixel


def test_tight_bends_keep_more_points_than_gentle_ones():
    kept = {}
    for radius in (20.0, 80.0, 320.0):
        x, y = circle(radius, int(2 * np.pi * radius / 3))   # a point every 3 px, as traced
        tx, ty = thinned(x, y, 1.0)
        assert strays(tx, ty, radius) <= 0.3
        kept[radius] = len(tx) / (2 * np.pi * radius)        # points per pixel of length
    assert kept[20.0] > kept[80.0] > kept[320.0]
    x, y = circle(1.0, 1000)                                 # the same circle, 4 units a pixel
    assert len(thinned(320 * x, 320 * y, 4.0)[0]) < len(thinned(320 * x, 320 * y, 1.0)[0])


def test_a_straight_piece_keeps_a_point_every_64_pixels():
    x = np.linspace(0.0, 640.0, 300)
    assert len(thinned(x, np.zeros_like(x), 1.0)[0]) == 11


def test_pieces_separated_by_nan_keep_their_ends_and_the_gap():
    ax, ay = circle(10.0, 200)
    bx, by = circle(30.0, 300)
    x = np.concatenate([ax, [np.nan], bx + 100])
    y = np.concatenate([ay, [np.nan], by])
    tx, ty = thinned(x, y, 1.0)
    gap = int(np.flatnonzero(np.isnan(tx))[0])
    assert np.isnan(ty[gap]) and np.isnan(tx).sum() == 1
    assert (tx[gap - 1], tx[gap + 1]) == (ax[-1], bx[0] + 100)   # each piece ends where it did
    assert len(tx) < len(x) / 4


def test_without_a_resolution_every_point_is_kept():
    x, y = circle(5.0, 50)
    assert len(thinned(x, y, 0.0)[0]) == 50


def test_dashes_start_afresh_on_each_piece_and_never_bridge_a_gap():
    from cryoviewer.ui.outline import segments

    a = np.linspace(0.0, 25.0, 6)                 # a straight piece 25 px long, from x = 0
    b = np.linspace(100.0, 117.0, 4)              # another, 17 px long, from x = 100
    x = np.concatenate([a, [np.nan, np.nan], b])
    y = np.zeros_like(x)
    rows = segments(x, y, dash=(4.0, 2.0))
    assert np.isfinite(rows).all()
    assert not ((rows[:, 0] < 50) & (rows[:, 2] > 50)).any()      # nothing across the gap
    for start, end in ((0.0, 25.0), (100.0, 117.0)):
        mine = rows[(rows[:, 0] >= start) & (rows[:, 2] <= end)]
        assert mine[0, 0] == start                                  # a dash at the first point
        lit = (mine[:, 2] - mine[:, 0]).sum()
        length = end - start                                        # 4 on, 2 off, from its start
        expected = (length // 6) * 4 + min(length % 6, 4)
        assert lit == pytest.approx(expected)
