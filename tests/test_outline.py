"""Lines on halos: a contour keeps only the points that show, and every piece keeps its ends."""

import numpy as np

from cryoviewer.ui.outline import thinned


def circle(radius, points):
    t = np.linspace(0, 2 * np.pi, points)
    return radius * np.cos(t), radius * np.sin(t)


def test_a_smooth_contour_is_thinned_to_about_one_point_a_step():
    x, y = circle(50.0, 1000)                      # 314 units long, a point every 0.31
    tx, ty = thinned(x, y, 8.0)
    assert 38 <= len(tx) <= 45
    assert (tx[0], ty[0]) == (x[0], y[0]) and (tx[-1], ty[-1]) == (x[-1], y[-1])
    # the chords stray from the circle by well under a step's worth
    mid_x, mid_y = (tx[1:] + tx[:-1]) / 2, (ty[1:] + ty[:-1]) / 2
    assert np.max(50.0 - np.hypot(mid_x, mid_y)) < 0.2


def test_pieces_separated_by_nan_keep_their_ends_and_the_gap():
    ax, ay = circle(10.0, 200)
    bx, by = circle(30.0, 300)
    x = np.concatenate([ax, [np.nan], bx + 100])
    y = np.concatenate([ay, [np.nan], by])
    tx, ty = thinned(x, y, 5.0)
    gap = int(np.flatnonzero(np.isnan(tx))[0])
    assert np.isnan(ty[gap]) and np.isnan(tx).sum() == 1
    assert (tx[gap - 1], tx[gap + 1]) == (ax[-1], bx[0] + 100)   # each piece ends where it did
    assert len(tx) < len(x) / 4


def test_without_a_resolution_every_point_is_kept():
    x, y = circle(5.0, 50)
    assert len(thinned(x, y, 0.0)[0]) == 50
