"""From the solver's grid to pictures: an even pixel raster and isotherm lines, in millimetres.

The solver's grid is uneven (fine at the skin, split at the probe's wall) and, around one probe,
covers only half the section (r ≥ 0). The screen needs even pixels and the whole section, so a
Raster mirrors and resamples a field with weights computed once. NumPy only, no Qt.
"""

from __future__ import annotations

import contourpy
import numpy as np

from ..physics.mesh import Mesh


def _weights(centres: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices and weight for linear interpolation between cell centres (clamped at the ends)."""
    i = np.clip(np.searchsorted(centres, at) - 1, 0, len(centres) - 2)
    w = np.clip((at - centres[i]) / (centres[i + 1] - centres[i]), 0.0, 1.0)
    return i, i + 1, w.astype(np.float32)


class Raster:
    """Even pixels of `pixel_mm` over the grid's extent (both sides of the axis if mirrored)."""

    def __init__(self, mesh: Mesh, pixel_mm: float):
        self.mirrored = mesh.kind == "axisymmetric"
        x, y = mesh.x * 1e3, mesh.y * 1e3  # cell centres, mm
        faces_x, faces_y = mesh.x_faces * 1e3, mesh.y_faces * 1e3
        x1, y0, y1 = faces_x[-1], faces_y[0], faces_y[-1]
        x0 = -x1 if self.mirrored else faces_x[0]
        self.extent = (float(x0), float(x1), float(y0), float(y1))
        nx = max(2, round((x1 - x0) / pixel_mm))
        nx += nx % 2 if self.mirrored else 0  # even: the halves mirror pixel for pixel
        ny = max(2, round((y1 - y0) / pixel_mm))
        px = x0 + (np.arange(nx) + 0.5) * (x1 - x0) / nx
        py = y0 + (np.arange(ny) + 0.5) * (y1 - y0) / ny
        self.shape = (ny, nx)
        # Around an axis only the right half is computed; the left is its mirror image.
        self._cols = _weights(x, px[nx // 2:] if self.mirrored else px)
        self._rows = _weights(y, py)
        # The whole section for isotherms: mirrored columns joined at the axis, so lines close.
        if self.mirrored:
            self.line_x = np.concatenate([-x[::-1], x])
        else:
            self.line_x = x
        self.line_y = y
        self._line_grid = np.meshgrid(self.line_x, self.line_y)  # float64, as contourpy wants

    def sample(self, field: np.ndarray) -> np.ndarray:
        """A grid field (rows = y) as float32 pixels (rows = y), linearly interpolated."""
        r0, r1, wr = self._rows
        c0, c1, wc = self._cols
        top = field[r0]
        rows = field[r1] - top
        rows *= wr[:, None]
        rows += top
        left = rows[:, c0]
        pixels = rows[:, c1] - left
        pixels *= wc
        pixels += left
        return self.whole(pixels.astype(np.float32, copy=False))

    def nearest(self, field: np.ndarray) -> np.ndarray:
        """A grid field (e.g. material numbers) by nearest cell, without blending."""
        r0, r1, wr = self._rows
        c0, c1, wc = self._cols
        rows = np.where(wr < 0.5, r0, r1)
        cols = np.where(wc < 0.5, c0, c1)
        return self.whole(field[rows][:, cols])

    def whole(self, field: np.ndarray) -> np.ndarray:
        """A field (grid cells or pixels) over the whole section: around an axis, its mirror
        image joined on the left."""
        return np.concatenate([field[:, ::-1], field], axis=1) if self.mirrored else field

    def isotherms(self, field: np.ndarray, levels) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each level, (x, y) in mm of its lines, separated by NaN (one curve to draw)."""
        # The generator itself, not contourpy.contour_generator(): that checks its arguments
        # and masks invalid values on every call, as long again as tracing (a run has no NaN).
        generator = contourpy.SerialContourGenerator(
            *self._line_grid, self.whole(field).astype(np.float64), None,
            corner_mask=True, line_type=contourpy.LineType.ChunkCombinedNan,
            fill_type=contourpy.FillType.OuterOffset, quad_as_tri=False,
            z_interp=contourpy.ZInterp.Linear)
        result = []
        for level in levels:
            lines = generator.lines(level)[0][0]
            if lines is None:
                result.append((np.empty(0), np.empty(0)))
            else:
                result.append((lines[:, 0], lines[:, 1]))
        return result
