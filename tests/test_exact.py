"""The exact solutions the solver is validated against: worked checks, self-consistency, special
functions. Reference values for E₁, K₀ and K₁ were taken once from SciPy 1.17 (not a dependency)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cryoviewer.physics.exact import (
    LineSink,
    Neumann,
    PhaseChangeMaterial,
    bessel_k0,
    bessel_k1,
    exp1,
    steady_cylinder_radius,
    steady_sphere_radius,
)

# The worked-check tissue of physics.md §6.
TISSUE = PhaseChangeMaterial(k_frozen=2.0, k_unfrozen=0.5, c_frozen=1.8e6, c_unfrozen=3.6e6,
                             latent=250e6, t_melt=0.0)
T_PROBE = -150.0
T_BODY = 37.0
PERFUSION = 40e3
R_PROBE = 0.75e-3


@pytest.fixture(scope="module")
def neumann() -> Neumann:
    return Neumann(TISSUE, t_wall=T_PROBE, t_initial=T_BODY)


@pytest.fixture(scope="module")
def line_sink() -> LineSink:
    return LineSink(TISSUE, q=300.0, t_initial=T_BODY)


# --- special functions ---------------------------------------------------------------------

E1_REFERENCE = [
    (1e-4, 8.633224704574705),
    (0.1, 1.8229239584193906),
    (1.0, 0.2193839343955205),
    (2.5, 0.024914917870269736),
    (10.0, 4.156968929685325e-06),
    (50.0, 3.783264029550459e-24),
]

K_REFERENCE = [  # x, K₀(x), K₁(x)
    (0.01, 4.721244730161095, 99.97389411829623),
    (0.5, 0.9244190712276656, 1.6564411200033007),
    (1.0, 0.42102443824070823, 0.6019072301972346),
    (2.0, 0.1138938727495334, 0.13986588181652246),
    (5.0, 0.0036910983340425942, 0.004044613445452163),
    (20.0, 5.741237815336524e-10, 5.883057969557038e-10),
]


@pytest.mark.parametrize(("x", "expected"), E1_REFERENCE)
def test_exp1_matches_reference(x, expected):
    assert exp1(x) == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize(("x", "k0", "k1"), K_REFERENCE)
def test_bessel_k_matches_reference(x, k0, k1):
    assert bessel_k0(x) == pytest.approx(k0, rel=1e-10)
    assert bessel_k1(x) == pytest.approx(k1, rel=1e-10)


def test_special_functions_take_arrays_and_keep_their_shape():
    x = np.array([[1e-4, 1.0], [2.5, 50.0]])
    for func in (exp1, bessel_k0, bessel_k1):
        values = func(x)
        assert isinstance(values, np.ndarray) and values.shape == x.shape
        assert values == pytest.approx(np.vectorize(func)(x), rel=1e-15)
    assert isinstance(exp1(1.0), float)


def test_special_functions_limits_and_domain():
    assert exp1(0.0) == math.inf and bessel_k0(0.0) == math.inf
    assert exp1(800.0) == 0.0 and bessel_k1(800.0) == 0.0  # underflow, not an error
    for func in (exp1, bessel_k0, bessel_k1):
        with pytest.raises(ValueError):
            func(-1.0)


# --- worked checks of physics.md §6 ----------------------------------------------------------


def test_neumann_worked_check(neumann):
    assert neumann.lam == pytest.approx(0.5250, abs=5e-4)
    assert neumann.front(600.0) * 1e3 == pytest.approx(27.11, abs=0.02)


def test_line_sink_worked_check(line_sink):
    assert line_sink.front(600.0) * 1e3 == pytest.approx(9.31, abs=0.02)


def test_steady_sphere_worked_check():
    radius = steady_sphere_radius(TISSUE, R_PROBE, T_PROBE, PERFUSION, T_BODY)
    assert radius * 1e3 == pytest.approx(5.51, abs=0.02)


def test_steady_cylinder_worked_check():
    radius = steady_cylinder_radius(TISSUE, R_PROBE, T_PROBE, PERFUSION, T_BODY)
    assert radius * 1e3 == pytest.approx(16.8, abs=0.1)


# --- self-consistency of the transient solutions ---------------------------------------------

TIME = 600.0


@pytest.fixture(params=["neumann", "line_sink"])
def transient(request):
    return request.getfixturevalue(request.param)


def test_melting_temperature_on_both_sides_of_the_front(transient):
    front = transient.front(TIME)
    inside, outside = np.nextafter(front, 0.0), front  # inner branch, then outer branch
    assert transient.temperature(inside, TIME) == pytest.approx(TISSUE.t_melt, abs=1e-9)
    assert transient.temperature(outside, TIME) == pytest.approx(TISSUE.t_melt, abs=1e-9)


def test_far_field_is_the_initial_temperature(transient):
    far = 20 * transient.front(TIME)
    assert transient.temperature(far, TIME) == pytest.approx(T_BODY, abs=1e-9)


def test_neumann_wall_is_held_at_the_wall_temperature(neumann):
    for t in (1.0, TIME, 3600.0):
        assert neumann.temperature(0.0, t) == pytest.approx(T_PROBE, abs=1e-12)


def test_line_sink_is_singular_on_the_line(line_sink):
    assert line_sink.temperature(0.0, TIME) == -math.inf


def test_profiles_take_arrays(transient):
    x = np.linspace(0.0, 4 * transient.front(TIME), 9).reshape(3, 3)
    profile = transient.temperature(x, TIME)
    assert isinstance(profile, np.ndarray) and profile.shape == x.shape
    expected = np.array([[transient.temperature(v, TIME) for v in row] for row in x.tolist()])
    assert profile == pytest.approx(expected, rel=1e-14)
    assert np.all(np.diff(profile.ravel()[1:]) > 0)  # warms monotonically away from the cold side
    assert transient.front(np.array([0.0, TIME])) == pytest.approx([0.0, transient.front(TIME)])


def _one_sided_gradient(temperature, front, step, side):
    """Second-order one-sided derivative at the front from points on one side of it only (the
    front value itself is T_m, checked above)."""
    near = temperature(front + side * step, TIME)
    further = temperature(front + 2 * side * step, TIME)
    return side * (-3.0 * TISSUE.t_melt + 4.0 * near - further) / (2.0 * step)


def test_stefan_condition_holds_at_the_front(transient):
    """k_s ∂T/∂n (frozen side) − k_l ∂T/∂n (unfrozen side) = L ds/dt: the latent heat released
    by the moving front is what the extra conduction on the frozen side carries away."""
    front = transient.front(TIME)
    step = 1e-5 * front
    grad_frozen = _one_sided_gradient(transient.temperature, front, step, -1)
    grad_unfrozen = _one_sided_gradient(transient.temperature, front, step, +1)
    dt = 1e-4 * TIME
    speed = (transient.front(TIME + dt) - transient.front(TIME - dt)) / (2 * dt)
    jump = TISSUE.k_frozen * grad_frozen - TISSUE.k_unfrozen * grad_unfrozen
    assert jump == pytest.approx(TISSUE.latent * speed, rel=1e-6)


@pytest.mark.parametrize(("where", "alpha"), [(0.5, TISSUE.alpha_frozen),
                                              (2.0, TISSUE.alpha_unfrozen)])
def test_profiles_solve_the_heat_equation(transient, where, alpha):
    """∂T/∂t = α ∇²T inside each phase (planar for Neumann, cylindrical for the line sink)."""
    front = transient.front(TIME)
    x, h, dt = where * front, 1e-4 * front, 1e-4 * TIME

    def temp(x_, t_):
        return transient.temperature(x_, t_)

    d_dt = (temp(x, TIME + dt) - temp(x, TIME - dt)) / (2 * dt)
    d_xx = (temp(x + h, TIME) - 2 * temp(x, TIME) + temp(x - h, TIME)) / h**2
    laplacian = d_xx
    if isinstance(transient, LineSink):
        laplacian += (temp(x + h, TIME) - temp(x - h, TIME)) / (2 * h) / x
    assert d_dt == pytest.approx(alpha * laplacian, rel=1e-5)


def test_transient_inputs_are_checked():
    with pytest.raises(ValueError):
        Neumann(TISSUE, t_wall=5.0, t_initial=T_BODY)  # wall above freezing
    with pytest.raises(ValueError):
        LineSink(TISSUE, q=-10.0, t_initial=T_BODY)  # a source, not a sink
    with pytest.raises(ValueError):
        LineSink(TISSUE, q=300.0, t_initial=T_BODY).temperature(0.01, 0.0)
    with pytest.raises(ValueError):
        PhaseChangeMaterial(k_frozen=0.0, k_unfrozen=0.5, c_frozen=1.8e6, c_unfrozen=3.6e6,
                            latent=250e6)


# --- self-consistency of the steady solutions ------------------------------------------------

DELTA = math.sqrt(TISSUE.k_unfrozen / PERFUSION)
SOLID = TISSUE.k_frozen * (TISSUE.t_melt - T_PROBE)
LIQUID = TISSUE.k_unfrozen * (T_BODY - TISSUE.t_melt)


def test_sphere_flux_balance_at_the_returned_radius():
    radius = steady_sphere_radius(TISSUE, R_PROBE, T_PROBE, PERFUSION, T_BODY)
    conducted = SOLID / (radius**2 * (1 / R_PROBE - 1 / radius))
    supplied = LIQUID * (1 / radius + 1 / DELTA)
    assert conducted == pytest.approx(supplied, rel=1e-10)


def test_cylinder_flux_balance_at_the_returned_radius():
    radius = steady_cylinder_radius(TISSUE, R_PROBE, T_PROBE, PERFUSION, T_BODY)
    conducted = SOLID / (radius * math.log(radius / R_PROBE))
    z = radius / DELTA
    supplied = LIQUID * bessel_k1(z) / (DELTA * bessel_k0(z))
    assert conducted == pytest.approx(supplied, rel=1e-10)


@pytest.mark.parametrize("solve", [steady_sphere_radius, steady_cylinder_radius])
def test_metabolic_heat_acts_as_a_warmer_arterial_temperature(solve):
    """T_a* = T_a + q_m/(ω_b ρ_b c_b): metabolism and perfusion stop together in the ice."""
    with_heat = solve(TISSUE, R_PROBE, T_PROBE, PERFUSION, T_BODY, metabolic=PERFUSION * 3.0)
    warmer = solve(TISSUE, R_PROBE, T_PROBE, PERFUSION, T_BODY + 3.0)
    assert with_heat == pytest.approx(warmer, rel=1e-12)
    assert with_heat < solve(TISSUE, R_PROBE, T_PROBE, PERFUSION, T_BODY)


@pytest.mark.parametrize("solve", [steady_sphere_radius, steady_cylinder_radius])
def test_steady_ice_needs_warm_perfused_tissue(solve):
    with pytest.raises(ValueError):
        solve(TISSUE, R_PROBE, T_PROBE, PERFUSION, t_arterial=-5.0)
    with pytest.raises(ValueError):
        solve(TISSUE, R_PROBE, T_PROBE, 0.0, T_BODY)
