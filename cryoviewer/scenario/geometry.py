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
from .spec import Scenario


def _segments(points: list[float], cell: float) -> np.ndarray:
    """Faces with about `cell` spacing that include every given position exactly."""
    faces = [np.array([points[0]])]
    for a, b in zip(points[:-1], points[1:]):
        if b > a:
            faces.append(uniform_faces(b - a, cell, start=a)[1:])
    return np.concatenate(faces)


class Geometry:
    """The grid and its regions for one scenario, and the boundary state in each phase."""

    def __init__(self, scenario: Scenario):
        self.scenario = s = scenario
        g = s.grid
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
            self.mesh = Mesh("planar", uniform_faces(g.width, g.cell, start=-g.width / 2),
                             uniform_faces(g.depth, g.cell, start=-g.depth / 2))
        X, Y = np.meshgrid(self.mesh.x, self.mesh.y)
        self.X, self.Y = X, Y
        t = s.tumour
        names = [s.tissue] + sorted({t.material} | {layer.material for layer in s.layers}
                                    - {s.tissue})
        index = np.zeros(self.mesh.shape, dtype=int)
        depth = 0.0
        for layer in s.layers:  # skin layers from the surface down
            below = Y >= depth
            if layer.thickness is not None:
                below &= Y < depth + layer.thickness
                depth += layer.thickness
            index[below] = names.index(layer.material)
        if s.geometry == "probe":
            self.tumour = X ** 2 + (Y - t.centre_depth) ** 2 <= t.radius ** 2
        elif s.geometry == "skin":
            self.tumour = (X <= t.radius) & (Y <= t.centre_depth)
        else:
            self.tumour = X ** 2 + Y ** 2 <= t.radius ** 2
        index[self.tumour] = names.index(t.material)
        self.materials = [s.materials[name] for name in names]
        self.props = CellProperties(self.materials, index)
        self.material_index = index

        self.probe = np.zeros(self.mesh.shape, dtype=bool)
        self.active = np.zeros(self.mesh.shape, dtype=bool)
        if s.geometry == "probe":
            self.probe = (X < s.probe.diameter / 2) & (Y < s.probe.tip_depth)
            self.active = self.probe & (Y > s.probe.tip_depth - s.probe.active_length)
        elif s.geometry == "probes":
            r_p = s.probe.diameter / 2
            for px, py in s.probe.positions:
                near = (X - px) ** 2 + (Y - py) ** 2 <= r_p ** 2
                near[self.mesh.cell_index(px, py)] = True  # a thin probe still takes its cell
                self.probe |= near
            self.active = self.probe.copy()
        self.tumour_shape = self.tumour.copy()  # as drawn: the probe's cells included
        self.tumour &= ~self.probe
        self.volume = self.mesh.volume[1:-1, 1:-1]
        # Skin loses heat to the room before treatment: settle it first (others start steady).
        self.settle_time = 300.0 if s.geometry == "skin" else 0.0

    def initial_temperature(self) -> np.ndarray:
        """Each tissue's own steady temperature: arterial plus metabolic warming."""
        warm = np.array([m.arterial + (m.metabolic / m.perfusion if m.perfusion > 0 else 0.0)
                         for m in self.materials])
        return warm[self.material_index]

    def boundary(self, phase: Phase) -> Boundary:
        """Fixed cells, their temperatures and resistivities during a phase."""
        s = self.scenario
        # Far away the body is undisturbed: a fixed edge at the tissue's own steady temperature.
        boundary = Boundary.ring(np.pad(self.initial_temperature(), 1, mode="edge"), METAL)
        fixed, temperature, resistivity = boundary.fixed, boundary.temperature, boundary.resistivity
        if s.geometry in ("probe", "skin"):
            resistivity[:, 0] = INSULATED    # the axis (it has no area anyway)
        if s.geometry == "skin":
            resistivity[:, -1] = INSULATED   # far from the lesion, skin is undisturbed
            surface = s.surface
            temperature[0, :] = surface.air_c
            resistivity[0, :] = 1.0 / surface.air_h if surface.air_h > 0 else INSULATED
            if phase.kind == "freeze":
                spot = np.concatenate([[False], self.mesh.x <= surface.radius, [False]])
                temperature[0, spot] = surface.temperature
                resistivity[0, spot] = 1.0 / surface.h
        inner = fixed[1:-1, 1:-1]
        if s.probe is not None and phase.kind in ("insert", "freeze", "thaw"):
            inner |= self.probe
            resistivity[1:-1, 1:-1][self.probe] = INSULATED
            warm = phase.kind == "thaw" and s.probe.thaw[phase.cycle - 1] == "active"
            if phase.kind == "freeze" or warm:
                temperature[1:-1, 1:-1][self.active] = s.probe.freeze_c if not warm \
                    else s.probe.thaw_c
                resistivity[1:-1, 1:-1][self.active] = METAL if warm or not s.probe.cooling_h \
                    else self._cooling_resistivity(s.probe.cooling_h)
        return boundary

    def _cooling_resistivity(self, h: float) -> np.ndarray:
        """The resistivity (m·K/W) that gives the active probe cells a surface heat-transfer
        coefficient h to their coolant: a face's resistance is distance × r / area, so over
        the half cell between a probe cell's centre and its surface, r = 1 / (h · half). The
        half width across the probe is used (its side is most of its surface)."""
        half = 0.5 * (self.mesh.dx[None, :] if self.scenario.geometry == "probe"
                      else np.minimum(self.mesh.dx[None, :], self.mesh.dy[:, None]))
        return (1.0 / (h * np.broadcast_to(half, self.mesh.shape)))[self.active]

    def probe_track_temperature(self, temperature: np.ndarray) -> np.ndarray:
        """When a probe comes out, tissue flows into its track: give each of its cells the
        temperature of the nearest tissue beside it."""
        result = temperature.copy()
        if self.scenario.geometry == "probe":
            outside = int(np.argmax(~self.probe.any(axis=0)))
            rows = self.probe.any(axis=1)
            result[rows, :outside] = temperature[rows, outside][:, None]
        else:
            padded = np.pad(self.probe, 1)
            ring = (padded[:-2, 1:-1] | padded[2:, 1:-1] | padded[1:-1, :-2]
                    | padded[1:-1, 2:]) & ~self.probe
            result[self.probe] = temperature[ring].mean()
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
