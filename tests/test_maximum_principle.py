"""The discrete maximum principle (issue 12): no cell ever colder than the coldest thing imposed
nor warmer than the warmest source, for any probe temperature, grid and step the code chooses.

Small grids, so the whole file runs in a few seconds; benchmarks/maximum_principle.py sweeps the
shipped scenarios over probe temperatures, grids, probe sizes and steps.
"""

import numpy as np
import pytest

from cryoviewer.physics.materials import CellProperties, Material
from cryoviewer.physics.mesh import Mesh, uniform_faces
from cryoviewer.physics.solver import INSULATED, METAL, Boundary, HeatSolver

LIVER = Material("liver", k_unfrozen=0.52, k_frozen=2.0, c_unfrozen=3.6e6, c_frozen=1.8e6,
                 latent=250e6, perfusion=2000.0, metabolic=400.0, k_frozen_law="ice")
BODY = 37.0
TOLERANCE = 0.01   # K: float32 round-off, far below anything drawn


def probe_solver(probe_c, cell, radius=1.2e-3, size=(6e-3, 12e-3), material=LIVER,
                 initial=BODY):
    """An (r, z) block with a probe on the axis, its tip half-way down."""
    mesh = Mesh("axisymmetric", uniform_faces(size[0], cell), uniform_faces(size[1], cell))
    solver = HeatSolver(mesh, CellProperties([material], np.zeros(mesh.shape, dtype=int)),
                        initial)
    shape = solver.padded_shape
    fixed = np.zeros(shape, dtype=bool)
    fixed[0, :] = fixed[-1, :] = fixed[:, 0] = fixed[:, -1] = True
    probe = np.zeros(mesh.shape, dtype=bool)
    probe[:, mesh.x < max(radius, cell / 2)] = True
    probe[mesh.y > size[1] / 2] = False
    fixed[1:-1, 1:-1] |= probe
    temperature = np.full(shape, float(initial))
    temperature[1:-1, 1:-1][probe] = probe_c
    resistivity = np.full(shape, METAL)
    resistivity[:, 0] = INSULATED
    solver.set_boundary(Boundary(fixed, temperature, resistivity))
    return solver


def extremes(solver, duration, max_step):
    """The coldest and warmest free cell after any step."""
    free = ~solver.boundary.fixed[1:-1, 1:-1]
    seen = [np.inf, -np.inf]

    def on_step(T):
        seen[0] = min(seen[0], float(T[free].min()))
        seen[1] = max(seen[1], float(T[free].max()))

    solver.advance(duration, max_step, on_step)
    return seen


def warmest_source(material=LIVER):
    return material.arterial + (material.metabolic / material.perfusion
                                if material.perfusion else 0.0)


@pytest.mark.parametrize("probe_c", [-20.0, -35.0, -60.0, -78.5, -89.0, -150.0, -196.0])
@pytest.mark.parametrize("cell", [1e-3, 0.5e-3, 0.25e-3])
def test_no_cell_colder_than_the_probe(probe_c, cell):
    solver = probe_solver(probe_c, cell)
    coldest, warmest = extremes(solver, 30.0, 10.0)   # the first seconds are the hard part
    assert coldest >= probe_c - TOLERANCE
    assert warmest <= warmest_source() + TOLERANCE


@pytest.mark.parametrize("probe_c", [-35.0, -150.0, -196.0])
def test_fine_grid(probe_c):
    solver = probe_solver(probe_c, 0.1e-3, size=(3e-3, 6e-3), radius=0.6e-3)
    coldest, _ = extremes(solver, 30.0, 10.0)
    assert coldest >= probe_c - TOLERANCE


@pytest.mark.parametrize("max_step", [1.0, 5.0, 10.0, 30.0])
def test_thin_probe_any_step(max_step):
    solver = probe_solver(-150.0, 0.5e-3, radius=0.275e-3)     # a 0.55 mm probe
    coldest, _ = extremes(solver, 60.0, max_step)
    assert coldest >= -150.0 - TOLERANCE


@pytest.mark.parametrize("max_step", [1.0, 5.0, 10.0])
def test_one_phase_cylinder(max_step):
    """Tissue starting at its melting point: only the frozen phase conducts (one-phase)."""
    material = Material("one-phase", k_unfrozen=0.5, k_frozen=2.0, c_unfrozen=3.6e6,
                        c_frozen=1.8e6, latent=250e6, solidus=-0.5, liquidus=0.5)
    mesh = Mesh("axisymmetric", uniform_faces(0.03, 0.5e-3, start=1e-3), np.array([0.0, 1.0]))
    solver = HeatSolver(mesh, CellProperties([material], np.zeros(mesh.shape, dtype=int)), 0.5)
    walls = Boundary.ring(np.full(solver.padded_shape, 0.5), INSULATED)
    walls.temperature[:, 0] = -150.0
    walls.resistivity[:, 0], walls.resistivity[:, -1] = METAL, METAL
    solver.set_boundary(walls)
    coldest, warmest = extremes(solver, 120.0, max_step)
    assert coldest >= -150.0 - TOLERANCE
    assert warmest <= 0.5 + TOLERANCE


def test_a_thaw_after_a_freeze_stays_within_range():
    solver = probe_solver(-196.0, 0.5e-3)
    extremes(solver, 60.0, 10.0)
    warm = Boundary(solver.boundary.fixed, np.where(solver.boundary.fixed, 40.0, 0.0),
                    solver.boundary.resistivity)
    solver.set_boundary(warm)
    coldest, warmest = extremes(solver, 60.0, 10.0)
    assert coldest >= -196.0 - TOLERANCE
    assert warmest <= 40.0 + TOLERANCE
