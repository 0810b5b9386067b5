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


def test_energy_is_conserved():
    solver = square()
    start = solver.stored_heat()
    solver.advance(120.0, 10.0)
    received = solver.heat_from_boundaries + solver.heat_from_blood
    assert solver.heat_from_boundaries < -1000      # the probe drew heat out
    assert solver.stored_heat() - start == pytest.approx(received, rel=1e-3)


def test_nothing_gets_colder_than_the_probe_at_any_step():
    for max_step in (1.0, 60.0, 600.0):
        solver = square()
        solver.advance(600.0, max_step)
        T = solver.temperature()
        free = ~solver.boundary.fixed[1:-1, 1:-1]
        assert T[free].min() >= -150.0 - 1e-6
        assert T[free].max() <= 37.0 + 400.0 / 2000.0 + 1e-6   # arterial + metabolic warming


def test_nan_stops_with_a_clear_error():
    solver = square()
    solver.H[10, 10] = np.nan
    with pytest.raises(SolverError, match="undefined"):
        solver.step(1.0)


def test_runaway_stops_with_where_and_when():
    solver = square()
    solver.H[10, 10] = TISSUE.enthalpy(400.0)   # a cell far hotter than anything imposed
    with pytest.raises(SolverError, match=r"ran away to .* at t = .* s, at \(.* mm, .* mm\)"):
        solver.step(0.01)


def test_a_step_that_does_not_converge_is_halved_then_reported(monkeypatch):
    solver = square()
    halves = []
    step = solver.step
    monkeypatch.setattr(solver, "step", lambda dt: halves.append(dt) or step(dt))
    monkeypatch.setattr(S, "PASS_K", 0.0)   # no pass is ever still enough
    with pytest.raises(SolverError, match="did not converge"):
        solver.step(1.0)
    assert 0.5 in halves and min(halves) < 1e-3


def test_stasis_stops_blood_flow_where_tissue_froze():
    solver = square()
    solver.stasis = True
    solver.advance(300.0, 10.0)
    frozen = solver.temperature() <= TISSUE.solidus
    assert frozen.any()
    assert not solver._blood[frozen].any() and solver._blood[~frozen].any()


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
