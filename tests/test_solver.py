"""The heat solver's guarantees: stable steps, conserved energy, clear errors, no garbage."""

import numpy as np
import pytest

from cryoviewer.physics import solver as S
from cryoviewer.physics.materials import CellProperties, Material
from cryoviewer.physics.mesh import Mesh, uniform_faces
from cryoviewer.physics.solver import INSULATED, METAL, Boundary, HeatSolver, SolverError

TISSUE = Material("tissue", k_unfrozen=0.5, k_frozen=2.0, c_unfrozen=3.6e6, c_frozen=1.8e6,
                  latent=250e6, perfusion=2000.0, metabolic=400.0, k_frozen_law="ice")


def square(kind="axisymmetric", cell=1e-3, size=0.02, material=TISSUE):
    mesh = Mesh(kind, uniform_faces(size, cell), uniform_faces(size, cell))
    solver = HeatSolver(mesh, CellProperties([material], np.zeros(mesh.shape, dtype=int)), 37.0)
    shape = solver.padded_shape
    fixed = np.zeros(shape, dtype=bool)
    fixed[0, :] = fixed[-1, :] = fixed[:, 0] = fixed[:, -1] = True
    fixed[5:9, 1:3] = True                       # a probe on the axis
    temperature = np.full(shape, 37.0)
    temperature[5:9, 1:3] = -150.0
    resistivity = np.full(shape, METAL)
    resistivity[:, 0] = INSULATED
    solver.set_boundary(Boundary(fixed, temperature, resistivity))
    return solver


def test_chebyshev_reach_grows_with_the_square_of_the_stages():
    reach = [S._chebyshev_reach(s) for s in (5, 10, 20)]
    assert reach[1] / reach[0] == pytest.approx(4, rel=0.05)
    assert reach[2] / reach[1] == pytest.approx(4, rel=0.02)
    assert S._chebyshev_reach(1) == pytest.approx(2 / (1 + S.DAMPING / 1) * 1, rel=0.3)


def test_stage_count_covers_the_step():
    solver = square()
    for dt in (0.01, 1.0, 10.0, 60.0):
        s = solver.stages_for(dt)
        assert S._chebyshev_reach(s) >= 2 * dt / (0.9 * solver._stable_step)
        assert s == 1 or S._chebyshev_reach(s - 1) < 2 * dt / (0.9 * solver._stable_step)


def test_explicit_limit_uses_the_coldest_tissue_present():
    solver = square()
    cold_probe = solver._stable_step
    warm = Boundary(solver.boundary.fixed, np.where(solver.boundary.fixed, 37.0, 0.0),
                    solver.boundary.resistivity)
    solver.advance(60.0, 5.0)                  # freeze some tissue to about −150 °C
    solver.set_boundary(warm)                  # then nothing imposed is cold ...
    assert solver._stable_step == pytest.approx(cold_probe, rel=0.2)  # ... but the ice still is


def test_an_unstable_explicit_step_is_refused():
    solver = square()
    with pytest.raises(ValueError, match="would be unstable"):
        solver.euler_step(solver._stable_step * 2)


def test_energy_is_conserved():
    solver = square()
    start = solver.stored_heat()
    solver.advance(120.0, 10.0)
    received = solver.heat_from_boundaries + solver.heat_from_blood
    assert solver.heat_from_boundaries < -1000      # the probe drew heat out
    assert solver.stored_heat() - start == pytest.approx(received, rel=1e-3)


def test_nothing_gets_colder_than_the_probe():
    solver = square()
    solver.advance(300.0, 10.0)
    T = solver.temperature()
    free = solver._free > 0
    assert T[free].min() >= -150.0 - 0.1 * 187
    assert T[free].max() <= 38.0


def test_nan_stops_with_a_clear_error():
    solver = square()
    solver.state[solver.size // 2] = np.nan
    with pytest.raises(SolverError, match="undefined"):
        solver.step(1.0)


def test_runaway_stops_with_where_and_when():
    solver = square()
    solver.H[10, 10] = TISSUE.enthalpy(400.0)   # a cell far hotter than anything imposed
    with pytest.raises(SolverError, match=r"ran away to .* at t = .* s, x = .* mm, y = .* mm"):
        solver.euler_step(solver._stable_step)


def test_blood_flow_can_stop():
    warm = square()
    stopped = square()
    stopped.stop_blood_flow(np.ones(stopped.mesh.shape, dtype=bool))
    warm.advance(60.0, 10.0)
    stopped.advance(60.0, 10.0)
    assert warm.heat_from_blood > 0 and stopped.heat_from_blood == 0
    assert stopped.temperature().mean() < warm.temperature().mean()


def test_temperature_can_be_read_before_any_boundary():
    mesh = Mesh("planar", uniform_faces(0.01, 1e-3), uniform_faces(0.01, 1e-3))
    solver = HeatSolver(mesh, CellProperties([TISSUE], np.zeros(mesh.shape, dtype=int)), 20.0)
    assert np.allclose(solver.temperature(), 20.0, atol=1e-3)
