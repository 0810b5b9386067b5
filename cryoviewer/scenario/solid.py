"""Several parallel probes in three dimensions, and the slice through them that is drawn.

A flat cross-section treats the probes as infinitely long, and its ice is too large (two, three,
four probes: 43 / 46 / 52 mm lethal zones against the measured 33 / 41 / 49). Here each probe has
its active segment, centred on the picture's plane through the tumour's middle, and above it the
insulated shaft up to the top of the grid; the tumour is a sphere. Where the placement is
mirror-symmetric (x → −x, y → −y) only one side is computed, behind an insulating mirror face.
The picture is the (x, y) slice through the tumour's middle, unfolded to the whole section.

Array axes are (z, y, x); z is the depth along the probes, 0 at the picture's plane.
"""

from __future__ import annotations

import numpy as np

from ..physics.materials import CellProperties
from ..physics.mesh import Box, graded_faces
from .spec import Scenario

BEYOND_TIP = 12e-3   # m of tissue computed past the probes' tips (fine cells) ...
ABOVE = 20e-3        # ... and above the active segment, along the shafts
MARGIN = 8e-3        # m beyond the tumour (or the outermost probe) with fine cells
GROWTH = 1.3         # then cells grow by this ratio, up to COARSEST cells
COARSEST = 5.0       # × the fine cell


def _half_faces(fine: float, total: float, cell: float) -> np.ndarray:
    """Faces from 0 outward: `cell` wide up to `fine`, then growing to the grid's edge."""
    count = max(1, round(fine / cell))
    inner = np.linspace(0.0, count * cell, count + 1)
    if total <= inner[-1] + 1e-12:
        return inner
    outer = graded_faces(total - inner[-1], cell * GROWTH, cell * COARSEST, GROWTH)
    return np.concatenate([inner, inner[-1] + outer[1:]])


def _axis_faces(fine: float, total: float, cell: float, mirrored: bool) -> np.ndarray:
    half = _half_faces(fine, total, cell)
    return half if mirrored else np.concatenate([-half[:0:-1], half])


class Solid:
    """The three-dimensional grid and its regions for a several-probe scenario."""

    def __init__(self, scenario: Scenario, materials: list, names: list[str]):
        p, t = scenario.probe, scenario.tumour
        self.mirror_x, self.mirror_y = mirrors(scenario)
        half_active = p.active_length / 2
        self.mesh = Box(*faces(scenario))
        Z, Y, X = np.meshgrid(self.mesh.z, self.mesh.y, self.mesh.x, indexing="ij")
        self.tumour = X ** 2 + Y ** 2 + Z ** 2 <= t.radius ** 2
        self.probe = np.zeros(self.mesh.shape, dtype=bool)
        r = p.diameter / 2
        for px, py in p.positions:
            if (self.mirror_x and px < 0) or (self.mirror_y and py < 0):
                continue   # its mirror image is computed
            near = (X[0] - px) ** 2 + (Y[0] - py) ** 2 <= r ** 2
            # A thin probe still takes the cell its axis passes through.
            near[_nearest(self.mesh.y, py), _nearest(self.mesh.x, px)] = True
            self.probe |= near[None] & (Z <= half_active)
        self.active = self.probe & (Z >= -half_active)
        index = np.zeros(self.mesh.shape, dtype=int)
        index[self.tumour] = names.index(t.material)
        self.material_index = index
        self.props = CellProperties(materials, index)
        self.tumour &= ~self.probe
        self.volume = self.mesh.volume[1:-1, 1:-1, 1:-1]
        self.plane = _nearest(self.mesh.z, 0.0)   # the picture's slice

    def picture(self, field: np.ndarray) -> np.ndarray:
        """The slice of a field through the tumour's middle, unfolded across mirror planes."""
        plane = field[self.plane]
        if self.mirror_y:
            plane = np.concatenate([plane[::-1], plane], axis=0)
        if self.mirror_x:
            plane = np.concatenate([plane[:, ::-1], plane], axis=1)
        return plane

    def picture_faces(self) -> tuple[np.ndarray, np.ndarray]:
        """The picture's (x, y) faces: the whole section."""
        x, y = self.mesh.faces[2], self.mesh.faces[1]
        if self.mirror_x:
            x = np.concatenate([-x[:0:-1], x])
        if self.mirror_y:
            y = np.concatenate([-y[:0:-1], y])
        return x, y

    def mirror_sides(self) -> list[tuple[int, int]]:
        """(axis, side) of the padded grid's ghost layers that are mirror planes."""
        sides = []
        if self.mirror_x:
            sides.append((2, 0))
        if self.mirror_y:
            sides.append((1, 0))
        return sides


def mirrors(scenario: Scenario) -> tuple[bool, bool]:
    """Whether x = 0 and y = 0 are mirror planes: the same probes on both sides (and the
    tumour sits on the plane)."""
    positions = np.array(scenario.probe.positions)
    return _symmetric(positions, 0), _symmetric(positions, 1)


def faces(scenario: Scenario) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The grid's (x, y, z) faces: cheap, so the budget counts the cells before any is made."""
    g, p, t = scenario.grid, scenario.probe, scenario.tumour
    positions = np.array(p.positions)
    mirror_x, mirror_y = mirrors(scenario)
    reach = [max(t.radius, float(np.abs(positions[:, a]).max()) + p.diameter / 2)
             for a in (0, 1)]
    half_active = p.active_length / 2
    x = _axis_faces(reach[0] + MARGIN, g.width / 2, g.cell, mirror_x)
    y = _axis_faces(reach[1] + MARGIN, g.depth / 2, g.cell, mirror_y)
    above = _half_faces(half_active + MARGIN, half_active + ABOVE, g.cell)
    below = _half_faces(half_active + BEYOND_TIP, half_active + BEYOND_TIP, g.cell)
    return x, y, np.concatenate([-above[:0:-1], below])


def _symmetric(positions: np.ndarray, axis: int) -> bool:
    mirrored = positions.copy()
    mirrored[:, axis] *= -1
    return all(np.abs(positions - point).sum(axis=1).min() < 1e-9 for point in mirrored)


def _nearest(centres: np.ndarray, value: float) -> int:
    return int(np.argmin(np.abs(centres - value)))
