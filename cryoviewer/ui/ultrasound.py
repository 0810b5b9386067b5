"""The ultrasound picture of the freezing: what the doctor watches on the scanner's screen.

While a liver tumour is frozen, the doctor follows the ice ball on ultrasound, where its near edge
shows as a bright curved line with a black acoustic shadow behind it. Drawing that picture from
the simulation lets the patient see what the doctor sees. It is redrawn every animation frame, so
all the geometry is worked out once in the constructor and `render` is a few array look-ups.
NumPy only, no Qt: the caller puts the RGBA array on screen.

Sign convention: `direction_deg` is the angle of the fan's centre line from straight down (+y,
into the body), positive turning toward +x; the centre line points along (sin a, cos a) in (x, y).
A transducer at x = +25 mm looking down and to the left has a negative angle.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

TISSUE_GREY = 210.0  # grey of echo 1.0 near the skin, for speckle of mean 1
LINE_GREY = 240.0  # peak of the bright line at the near edge of ice or metal
LINE_SIGMA_MM = 0.45  # the line is a Gaussian about 1 mm wide at half height
SHADOW = 0.08  # the fraction of the echo that comes back from beyond ice or metal
ATTENUATION = 0.25  # tissue at full depth is this much darker than at the skin
GREY = np.array([1, 1, 1, 0], np.uint8).view(np.uint32)[0]  # grey level x GREY: packed R=G=B
OPAQUE = np.array([0, 0, 0, 255], np.uint8).view(np.uint32)[0]


class UltrasoundFan:
    """A sector scan of a 2-D scene: speckled tissue, and a bright line with a shadow behind it
    where each ray first meets ice (frozen fraction >= 0.5) or metal.

    The picture has the transducer at the top centre and the fan opening downward, whatever
    `direction_deg` is (see the module docstring for its sign). Rasters are sampled by nearest
    neighbour; samples outside them count as plain tissue (echo 0.5, not frozen).
    """

    def __init__(self, extent, shape, apex, direction_deg, spread_deg=70.0, depth_mm=70.0,
                 size=(240, 320), seed=7):
        if not 0.0 < spread_deg < 180.0:
            raise ValueError(f"spread_deg must be between 0 and 180, not {spread_deg}")
        self._size = height, width = size
        self.spread_deg, self.depth_mm = float(spread_deg), float(depth_mm)
        half = np.radians(spread_deg) / 2
        self._mm = max(depth_mm / height, 2 * depth_mm * np.sin(half) / width)

        # Screen pixels in polar form, angles from straight down, apex at the top centre.
        x = (np.arange(width) + 0.5 - width / 2) * self._mm
        y = (np.arange(height) + 0.5)[:, None] * self._mm
        r, phi = np.hypot(x, y), np.arctan2(x, y)
        self._fan = inside = (r < depth_mm) & (np.abs(phi) < half)

        # The polar grid: about one ray per pixel of arc at full depth, one sample per pixel deep.
        n_rays = int(np.ceil(2 * half * depth_mm / self._mm))
        self._n = n = int(np.ceil(depth_mm / self._mm))
        d_angle, d_range = 2 * half / n_rays, depth_mm / n
        self._d_range = d_range
        ray = np.minimum((phi[inside] + half) // d_angle, n_rays - 1).astype(np.intp)
        sample = np.minimum(r[inside] // d_range, n - 1).astype(np.intp)
        self._polar_of_pixel = ray * n + sample

        # Where each polar sample falls in the scene's rasters.
        angles = np.radians(direction_deg) - half + (np.arange(n_rays) + 0.5) * d_angle
        ranges = (np.arange(n) + 0.5) * d_range
        (x0, x1, y0, y1), (rows, cols) = extent, shape
        col = np.floor((apex[0] + np.outer(np.sin(angles), ranges) - x0) / (x1 - x0) * cols)
        row = np.floor((apex[1] + np.outer(np.cos(angles), ranges) - y0) / (y1 - y0) * rows)
        self._in_raster = in_raster = (row >= 0) & (row < rows) & (col >= 0) & (col < cols)
        self._index = np.where(in_raster, row * cols + col, 0).astype(np.intp)

        # Speckle: fixed noise smoothed into short streaks along the rays (less across them),
        # its contrast restored after smoothing, fading gently with depth.
        speckle = np.random.default_rng(seed).rayleigh(size=(n_rays, n))
        speckle = sum(w * np.roll(speckle, k, axis=1)
                      for k, w in zip(range(-2, 3), (1, 2, 3, 2, 1)))
        speckle = speckle + 0.5 * (np.roll(speckle, 1, axis=0) + np.roll(speckle, -1, axis=0))
        speckle = np.clip(1 + 1.6 * (speckle / speckle.mean() - 1), 0, 1.7)
        texture = TISSUE_GREY * speckle * (1 - ATTENUATION * ranges / depth_mm)
        self._texture = np.where(in_raster, texture, 0).astype(np.float32)  # times the echo
        self._plain = np.where(in_raster, 0, 0.5 * texture).astype(np.float32)  # outside

        # Each ray's gain and added grey, by how far its first ice is from the transducer: row s
        # is for rays whose first ice is at sample 2n - s (rays with no ice take row 0).
        d = np.arange(-2 * n, n)  # samples past the first ice
        line = np.exp(-0.5 * ((d + 0.5) * d_range / LINE_SIGMA_MM) ** 2)  # centred on the edge
        self._gain = sliding_window_view(((1 - line) * np.where(d > 0, SHADOW, 1.0))
                                         .astype(np.float32), n)
        self._line = sliding_window_view((LINE_GREY * line).astype(np.float32), n)
        self._echo = self._tissue = self._row = self._image = None  # the last picture's

    @property
    def mm_per_pixel(self) -> float:
        """The picture's scale, the same across and down, for a depth scale beside it."""
        return float(self._mm)

    def outline(self, points: int = 48) -> list[tuple[float, float]]:
        """The fan's edge in picture pixels (x right, y down from the apex at the top centre):
        the apex, then the far arc from left to right, closed back at the apex."""
        height, width = self._size
        half, reach = np.radians(self.spread_deg) / 2, self.depth_mm / self._mm
        angles = np.linspace(-half, half, points)
        arc = [(width / 2 + reach * np.sin(a), reach * np.cos(a)) for a in angles]
        return [(width / 2, 0.0), *((float(x), float(y)) for x, y in arc), (width / 2, 0.0)]

    def nearest_ice_mm(self, frozen) -> float | None:
        """How far from the transducer the nearest ice begins, in mm (None: no ice in the fan)."""
        ice = (np.take(frozen, self._index) >= 0.5) & self._in_raster
        rays = ice.any(axis=1)
        if not rays.any():
            return None
        return float((ice[rays].argmax(axis=1).min() + 0.5) * self._d_range)

    def render(self, frozen, echo, solid=None) -> np.ndarray:
        """The picture as uint8 (height, width, 4) RGBA: grey inside the fan, transparent outside.

        frozen: frozen fraction 0..1; echo: the tissue's brightness 0..1; solid: optional bool
        mask of metal, which reflects and shadows like ice. All are (rows, cols) rasters.
        """
        hit = np.take(frozen, self._index) >= 0.5
        if solid is not None:
            hit |= np.take(solid, self._index)
        hit &= self._in_raster
        row = np.where(hit.any(axis=1), 2 * self._n - hit.argmax(axis=1), 0)
        if echo is not self._echo:  # the tissue is the same from frame to frame
            self._echo, self._tissue = echo, np.take(echo, self._index) * self._texture \
                + self._plain
        elif np.array_equal(row, self._row):  # nor has any ray's first ice moved
            return self._image
        polar = self._tissue * self._gain[row] + self._line[row]
        grey = np.minimum(np.take(polar, self._polar_of_pixel), 255).astype(np.uint32)
        image = np.zeros(self._size, np.uint32)
        image[self._fan] = grey * GREY + OPAQUE
        self._row, self._image = row, image.view(np.uint8).reshape(*self._size, 4)
        return self._image
