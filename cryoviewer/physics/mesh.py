"""Finite-volume grids: planar (x, y), axisymmetric (r, z) and spherical (r) geometry.

Cells may have any widths (fine near a probe or the skin, coarser far away). The grid is
padded with one ring of ghost cells that carry the boundary conditions, so the solver needs
no special code for edges: a ghost cell is a fixed temperature behind a thermal resistance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

KINDS = ("planar", "axisymmetric", "spherical")


def uniform_faces(length: float, cell: float, start: float = 0.0) -> np.ndarray:
    """Face positions for cells of (about) this size over a length."""
    count = max(1, int(round(length / cell)))
    return np.linspace(start, start + length, count + 1)


def graded_faces(length: float, first: float, last: float, ratio: float = 1.1) -> np.ndarray:
    """Faces growing geometrically from `first` (a fine cell) to at most `last` wide."""
    faces, width = [0.0], first
    while faces[-1] < length - 1e-12:
        faces.append(min(length, faces[-1] + width))
        width = min(last, width * ratio)
    if len(faces) > 2 and faces[-1] - faces[-2] < 0.3 * (faces[-2] - faces[-3]):
        faces.pop(-2)  # no sliver at the far end
    return np.asarray(faces)


@dataclass
class Mesh:
    """x runs along axis 1 (r for round geometries), y along axis 0 (z, depth)."""

    kind: str
    x_faces: np.ndarray
    y_faces: np.ndarray = field(default_factory=lambda: np.array([0.0, 1.0]))

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"mesh kind must be one of {KINDS}, not {self.kind!r}")
        self.x_faces = np.asarray(self.x_faces, dtype=float)
        self.y_faces = np.asarray(self.y_faces, dtype=float)
        self.x = 0.5 * (self.x_faces[1:] + self.x_faces[:-1])
        self.y = 0.5 * (self.y_faces[1:] + self.y_faces[:-1])
        self.dx = np.diff(self.x_faces)
        self.dy = np.diff(self.y_faces)
        if (self.dx <= 0).any() or (self.dy <= 0).any():
            raise ValueError("cell faces must increase")
        if self.kind != "planar" and self.x_faces[0] < 0:
            raise ValueError("a radius cannot be negative")
        self._build()

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.y), len(self.x)

    def _build(self) -> None:
        xf, yf, dx, dy = self.x_faces, self.y_faces, self.dx, self.dy
        if self.kind == "planar":
            x_area = np.ones_like(xf)[None, :] * dy[:, None]          # per metre of depth
            y_area = np.ones_like(yf)[:, None] * dx[None, :]
            volume = dy[:, None] * dx[None, :]
        elif self.kind == "axisymmetric":
            x_area = 2 * np.pi * xf[None, :] * dy[:, None]
            ring = np.pi * (xf[1:] ** 2 - xf[:-1] ** 2)
            y_area = np.ones_like(yf)[:, None] * ring[None, :]
            volume = dy[:, None] * ring[None, :]
        else:  # spherical shells along x; y is a single dummy layer with closed ends
            x_area = 4 * np.pi * xf[None, :] ** 2 * np.ones((len(dy), 1))
            shell = 4 / 3 * np.pi * (xf[1:] ** 3 - xf[:-1] ** 3)
            y_area = np.zeros((len(yf), len(dx)))
            volume = np.ones((len(dy), 1)) * shell[None, :]
        # Padded arrays (ghost ring): cells (ny+2, nx+2); x faces (ny+2, nx+1); y faces (ny+1, nx+2)
        ny, nx = self.shape
        self.volume = np.ones((ny + 2, nx + 2))
        self.volume[1:-1, 1:-1] = volume
        self.x_area = np.zeros((ny + 2, nx + 1))
        self.x_area[1:-1, :] = x_area
        self.y_area = np.zeros((ny + 1, nx + 2))
        self.y_area[:, 1:-1] = y_area
        # Distance from each face to the centres on its two sides. A ghost's "distance" is a unit
        # length, so its resistivity acts as a surface resistance (1/h, in m²·K/W).
        half_x = np.concatenate([[1.0], dx / 2, [1.0]])
        half_y = np.concatenate([[1.0], dy / 2, [1.0]])
        self.x_before, self.x_after = half_x[:-1][None, :], half_x[1:][None, :]
        self.y_before, self.y_after = half_y[:-1][:, None], half_y[1:][:, None]

    def centres(self) -> tuple[np.ndarray, ...]:
        """Cell centres along each array axis (y, then x)."""
        return self.y, self.x

    @property
    def padded_shape(self) -> tuple[int, ...]:
        return tuple(n + 2 for n in self.shape)

    def face_resistance_factors(self, axis: int) -> tuple[np.ndarray, np.ndarray]:
        """For the faces normal to an axis (padded shape, that axis one shorter): the distance
        from each face to the centres before and after it divided by the face's area, so that
        the face's conductance is 1 / (before·r_before + after·r_after) with r = 1/k. Huge
        (10²⁰) where a face has no area: no heat passes."""
        before, after, area = ((self.y_before, self.y_after, self.y_area) if axis == 0
                               else (self.x_before, self.x_after, self.x_area))
        return _per_area(before, area), _per_area(after, area)

    def cell_index(self, x: float, y: float) -> tuple[int, int]:
        """(row, column) of the cell containing a point (clamped to the grid)."""
        i = int(np.clip(np.searchsorted(self.x_faces, x) - 1, 0, len(self.x) - 1))
        j = int(np.clip(np.searchsorted(self.y_faces, y) - 1, 0, len(self.y) - 1))
        return j, i


def _per_area(distance: np.ndarray, area: np.ndarray) -> np.ndarray:
    distance = np.broadcast_to(distance, np.broadcast_shapes(distance.shape, area.shape))
    result = np.full(area.shape, 1e20)
    np.divide(distance, area, out=result, where=area > 0)
    return result


@dataclass
class Box:
    """A three-dimensional grid of box cells; array axes are (z, y, x), z the depth.

    The same padded layout and face factors as Mesh, so the solver treats both alike.
    """

    x_faces: np.ndarray
    y_faces: np.ndarray
    z_faces: np.ndarray
    kind: str = "box"

    def __post_init__(self):
        self.faces = [np.asarray(f, dtype=float) for f in (self.z_faces, self.y_faces,
                                                             self.x_faces)]
        widths = [np.diff(f) for f in self.faces]
        if any((w <= 0).any() for w in widths):
            raise ValueError("cell faces must increase")
        self.z, self.y, self.x = (0.5 * (f[1:] + f[:-1]) for f in self.faces)
        dz, dy, dx = widths
        self.volume = np.pad(dz[:, None, None] * dy[None, :, None] * dx[None, None, :], 1,
                             constant_values=1.0)
        self._widths = widths

    @property
    def shape(self) -> tuple[int, int, int]:
        return len(self.z), len(self.y), len(self.x)

    @property
    def padded_shape(self) -> tuple[int, ...]:
        return tuple(n + 2 for n in self.shape)

    def centres(self) -> tuple[np.ndarray, ...]:
        return self.z, self.y, self.x

    def face_resistance_factors(self, axis: int) -> tuple[np.ndarray, np.ndarray]:
        """As Mesh.face_resistance_factors: half widths over face areas (ghost half width 1, a
        ghost layer's resistivity being a surface resistance); no area across the ghost
        layers of the other axes."""
        half = [np.concatenate([[1.0], w / 2, [1.0]]) for w in self._widths]
        padded = [np.concatenate([[0.0], w, [0.0]]) for w in self._widths]
        others = [a for a in range(3) if a != axis]
        area = np.ones(())
        for a in others:
            shape = [1, 1, 1]
            shape[a] = -1
            area = area * padded[a].reshape(shape)
        shape = [1, 1, 1]
        shape[axis] = -1
        before = half[axis][:-1].reshape(shape)
        after = half[axis][1:].reshape(shape)
        target = list(self.padded_shape)
        target[axis] -= 1
        area = np.broadcast_to(area, target)
        return _per_area(before, area), _per_area(after, area)
