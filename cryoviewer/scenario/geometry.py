"""From a scenario to the solver's world: grid, materials per cell, probe cells, boundaries.

Three layouts, all drawn to scale:
- "probe": an (r, z) half-plane around one cryoprobe entering from the top along the axis;
- "skin": an (r, z) half-plane under a spray spot or a contact probe on layered skin;
- "probes": an (x, y) cross-section through several parallel probes (reads like a CT slice).
"""

from __future__ import annotations

import math

import numpy as np

from ..physics.materials import CellProperties
from ..physics.mesh import Mesh, graded_faces, uniform_faces
from ..physics.solver import INSULATED, METAL, Boundary
from .protocol import Phase
from .solid import Solid
from .spec import Scenario


def _segments(points: list[float], cell: float) -> np.ndarray:
    """Faces with about `cell` spacing that include every given position exactly."""
    faces = [np.array([points[0]])]
    for a, b in zip(points[:-1], points[1:]):
        if b > a:
            faces.append(uniform_faces(b - a, cell, start=a)[1:])
    return np.concatenate(faces)


class Geometry:
    """The grid and its regions for one scenario, and the boundary state in each phase.

    `mesh`, `tumour`, `probe`, `material_index` … describe the picture: a plane. `world` is
    what the solver computes: the same plane, or for several probes a three-dimensional grid
    (solid.py) whose slice through the tumour's middle `picture()` returns.
    """

    def __init__(self, scenario: Scenario):
        self.scenario = s = scenario
        g, t = s.grid, s.tumour
        names = [s.tissue] + sorted({t.material} | {layer.material for layer in s.layers}
                                    - {s.tissue})
        self.materials = [s.materials[name] for name in names]
        self.solid = Solid(s, self.materials, names) if s.geometry == "probes" else None
        if s.geometry == "probe":
            r_p = s.probe.diameter / 2
            inside = max(1, math.floor(r_p / g.cell))  # no cell finer than the grid's
            x = np.concatenate([np.linspace(0, r_p, inside + 1),
                                uniform_faces(g.width - r_p, g.cell, start=r_p)[1:]])
            tip, top = s.probe.tip_depth, s.probe.tip_depth - s.probe.active_length
            self.mesh = Mesh("axisymmetric", x, _segments([0.0, top, tip, g.depth], g.cell))
        elif s.geometry == "skin":
            self.mesh = Mesh("axisymmetric", uniform_faces(g.width, g.cell),
                             graded_faces(g.depth, g.surface_cell, g.cell, 1.15))
        else:
            self.mesh = Mesh("planar", *self.solid.picture_faces())
        X, Y = np.meshgrid(self.mesh.x, self.mesh.y)
        self.X, self.Y = X, Y
        index = np.zeros(self.mesh.shape, dtype=int)
        depth = 0.0
        for layer in s.layers:  # skin layers from the surface down
            below = Y >= depth
            if layer.thickness is not None:
                below &= Y < depth + layer.thickness
                depth += layer.thickness
            index[below] = names.index(layer.material)
        self.tumour = self.tumour_inside(X, Y) >= 0
        index[self.tumour] = names.index(t.material)
        self.props = CellProperties(self.materials, index)
        self.material_index = index

        self.probe = np.zeros(self.mesh.shape, dtype=bool)
        self.active = np.zeros(self.mesh.shape, dtype=bool)
        if s.geometry == "probe":
            self.probe = (X < s.probe.diameter / 2) & (Y < s.probe.tip_depth)
            self.active = self.probe & (Y > s.probe.tip_depth - s.probe.active_length)
        elif s.geometry == "probes":
            self.probe = self.solid.picture(self.solid.probe)
            self.active = self.solid.picture(self.solid.active)
        self.tumour &= ~self.probe
        self.volume = self.mesh.volume[1:-1, 1:-1]
        self.world = self.solid or self
        # Skin loses heat to the room before treatment: settle it first (others start steady).
        self.settle_time = 300.0 if s.geometry == "skin" else 0.0

    def tumour_inside(self, x, y):
        """How far (m) points of the picture's plane lie inside the tumour's outline (negative:
        outside it): a sphere's section, a circle (the probe's axis or the tumour's middle at
        x = 0), or on the skin a disc seen edge-on, a rectangle under the surface. Its cells
        are those of their centres inside; the picture draws the outline itself, where this is
        0, so that a round tumour looks round on any grid."""
        t, x, y = self.scenario.tumour, np.asarray(x), np.asarray(y)
        if self.scenario.geometry == "skin":
            return np.minimum(t.radius - np.abs(x), t.centre_depth - y)
        centre = t.centre_depth if self.scenario.geometry == "probe" else 0.0
        return t.radius - np.hypot(x, y - centre)

    def picture(self, field: np.ndarray) -> np.ndarray:
        """The picture's plane of a field of the world."""
        return self.solid.picture(field) if self.solid else field

    def initial_temperature(self) -> np.ndarray:
        """Each tissue's own steady temperature (in the world): arterial plus metabolic
        warming."""
        warm = np.array([m.arterial + (m.metabolic / m.perfusion if m.perfusion > 0 else 0.0)
                         for m in self.materials])
        return warm[self.world.material_index]

    def boundary(self, phase: Phase) -> Boundary:
        """The world's fixed cells, their temperatures and resistivities during a phase."""
        s, w = self.scenario, self.world
        # Far away the body is undisturbed: a fixed edge at the tissue's own steady temperature.
        boundary = Boundary.ring(np.pad(self.initial_temperature(), 1, mode="edge"), METAL)
        fixed, temperature, resistivity = boundary.fixed, boundary.temperature, boundary.resistivity
        inner = (slice(1, -1),) * fixed.ndim
        if s.geometry in ("probe", "skin"):
            resistivity[:, 0] = INSULATED    # the axis (it has no area anyway)
        if self.solid:
            for axis, side in self.solid.mirror_sides():   # a mirror plane lets no heat pass
                ghost = [slice(None)] * fixed.ndim
                ghost[axis] = side
                resistivity[tuple(ghost)] = INSULATED
        if s.geometry == "skin":
            resistivity[:, -1] = INSULATED   # far from the lesion, skin is undisturbed
            surface = s.surface
            temperature[0, :] = surface.air_c
            resistivity[0, :] = 1.0 / surface.air_h if surface.air_h > 0 else INSULATED
            if phase.kind == "freeze":
                spot = np.concatenate([[False], self.mesh.x <= surface.radius, [False]])
                temperature[0, spot] = surface.temperature
                resistivity[0, spot] = 1.0 / surface.h
        if s.probe is not None and phase.kind in ("insert", "freeze", "thaw"):
            fixed[inner] |= w.probe
            resistivity[inner][w.probe] = INSULATED
            warm = phase.kind == "thaw" and s.probe.thaw[phase.cycle - 1] == "active"
            if phase.kind == "freeze" or warm:
                temperature[inner][w.active] = s.probe.freeze_c if not warm else s.probe.thaw_c
                resistivity[inner][w.active] = METAL if warm or not s.probe.cooling_h \
                    else self._cooling_resistivity(s.probe.cooling_h)
        return boundary

    def _cooling_resistivity(self, h: float) -> float | np.ndarray:
        """The resistivity (m·K/W) that gives the active probe cells a surface heat-transfer
        coefficient h to their coolant: a face's resistance is distance × r / area, so over
        the half cell between a probe cell's centre and its surface, r = 1 / (h · half). The
        half width across the probe is used (its side is most of its surface)."""
        if self.scenario.geometry == "probe":
            half = np.broadcast_to(0.5 * self.mesh.dx[None, :], self.mesh.shape)[self.active]
            return 1.0 / (h * half)
        return 1.0 / (h * 0.5 * self.scenario.grid.cell)

    def probe_track_temperature(self, temperature: np.ndarray) -> np.ndarray:
        """When a probe comes out, tissue flows into its track: give each of its cells (in
        the world) the temperature of the tissue beside it."""
        result, probe = temperature.copy(), self.world.probe
        if self.scenario.geometry == "probe":
            outside = int(np.argmax(~probe.any(axis=0)))
            rows = probe.any(axis=1)
            result[rows, :outside] = temperature[rows, outside][:, None]
        else:
            padded = np.pad(probe, 1)
            ring = np.zeros_like(probe)
            for axis in range(probe.ndim):
                for shift in (0, 2):
                    window = [slice(1, -1)] * probe.ndim
                    window[axis] = slice(shift, shift + probe.shape[axis])
                    ring |= padded[tuple(window)]
            result[probe] = temperature[ring & ~probe].mean()
        return result

    def sample_weights(self, point: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
        """Cells and weights for reading the temperature at a point (bilinear)."""
        x, y = point
        mx, my = self.mesh.x, self.mesh.y
        i = int(np.clip(np.searchsorted(mx, x) - 1, 0, len(mx) - 2))
        j = int(np.clip(np.searchsorted(my, y) - 1, 0, len(my) - 2))
        fx = float(np.clip((x - mx[i]) / (mx[i + 1] - mx[i]), 0, 1))
        fy = float(np.clip((y - my[j]) / (my[j + 1] - my[j]), 0, 1))
        cells = np.array([[j, i], [j, i + 1], [j + 1, i], [j + 1, i + 1]])
        weights = np.array([(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy])
        return cells, weights
