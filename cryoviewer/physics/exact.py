"""Exact solutions that the numerical freeze–thaw solver is validated against.

The formulas are those of the project's physics reference (physics.md §6): the planar two-phase
Neumann problem, the line heat sink in an infinite medium (Carslaw & Jaeger §11.2) and the steady
ice ball around a spherical or cylindrical probe in perfused tissue. They have a sharp front at
one melting temperature, so a solver run for comparison should use a narrow mushy band.

The special functions they need (E₁, K₀, K₁) are implemented here because SciPy is not a
dependency of the project. SI units throughout; temperatures in °C.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

EULER_GAMMA = 0.5772156649015329


@dataclass(frozen=True)
class PhaseChangeMaterial:
    """Tissue with constant properties in each phase and one melting temperature."""

    k_frozen: float  # conductivity, W/m·K
    k_unfrozen: float
    c_frozen: float  # volumetric heat capacity, J/m³·K
    c_unfrozen: float
    latent: float  # latent heat per volume, J/m³
    t_melt: float = 0.0  # °C

    def __post_init__(self) -> None:
        """Reject non-physical properties here, where the cause is obvious, not in a root finder."""
        for name in ("k_frozen", "k_unfrozen", "c_frozen", "c_unfrozen", "latent"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")

    @property
    def alpha_frozen(self) -> float:
        """Thermal diffusivity of the frozen phase, m²/s."""
        return self.k_frozen / self.c_frozen

    @property
    def alpha_unfrozen(self) -> float:
        """Thermal diffusivity of the unfrozen phase, m²/s."""
        return self.k_unfrozen / self.c_unfrozen


# --- special functions ---------------------------------------------------------------------


def _elementwise(func: Callable[[float], float], x: ArrayLike) -> float | np.ndarray:
    """Apply a scalar function to a number, or element by element to an array of any shape."""
    if np.ndim(x) == 0:
        return func(float(np.asarray(x)))
    return np.vectorize(func, otypes=[float])(x)


def _exp1_scaled(x: float) -> float:
    """e^x E₁(x): stays finite and well conditioned where E₁ itself underflows (x ≳ 700).

    Power series for x ≤ 1, where it converges in a few terms; continued fraction (modified Lentz,
    Numerical Recipes §6.3) above, where the series would cancel catastrophically.
    """
    if x < 0:
        raise ValueError(f"E1 needs x >= 0, got {x}")
    if x == 0:
        return math.inf
    if math.isinf(x):
        return 0.0  # e^x E₁(x) ~ 1/x
    if x <= 1:
        total, term, k = 0.0, 1.0, 0
        while True:
            k += 1
            term *= -x / k
            total += term / k
            if abs(term / k) < 1e-17 * abs(total):
                return math.exp(x) * (-EULER_GAMMA - math.log(x) - total)
    b = x + 1.0
    c = 1.0 / 1e-300  # Lentz starts this ratio at "infinity"
    d = 1.0 / b
    result = d
    for i in range(1, 1000):  # x just above 1 needs under a hundred terms
        a = -float(i * i)
        b += 2.0
        d = 1.0 / (a * d + b)
        c = b + a / c
        step = c * d
        result *= step
        if abs(step - 1.0) < 1e-15:
            return result
    raise ArithmeticError(f"E1 continued fraction did not converge at x = {x}")


def exp1(x: ArrayLike) -> float | np.ndarray:
    """Exponential integral E₁(x) = ∫ₓ^∞ e^(−u)/u du for x ≥ 0 (+inf at 0), arrays accepted."""
    return _elementwise(lambda v: math.exp(-v) * _exp1_scaled(v), x)


def _bessel_k_scaled(order: int, x: float) -> float:
    """e^x K_ν(x), from K_ν(x) = ∫₀^∞ exp(−x cosh t) cosh(νt) dt by the trapezoidal rule.

    The integrand is smooth and decays doubly exponentially, so the trapezoidal rule converges
    geometrically: a step of at most a quarter (and ≤ 0.7/√x, to resolve the Gaussian-like peak of
    width 1/√x at large x) gives near double precision with about a hundred points for x ≥ 1e-8.
    Scaling by e^x keeps the result and ratios such as K₁/K₀ finite where K_ν underflows.
    """
    if x < 0:
        raise ValueError(f"K{order} needs x >= 0, got {x}")
    if x == 0:
        return math.inf
    if math.isinf(x):
        return 0.0  # e^x K_ν(x) ~ √(π/2x)
    step = min(0.25, 0.7 / math.sqrt(x))
    t_max = math.acosh(1.0 + 45.0 / x)  # beyond it the integrand is below e^-45 of its peak
    t = np.arange(0.0, t_max + step, step)
    # cosh t − 1 written as 2 sinh²(t/2), which keeps its precision near t = 0
    values = np.exp(-2.0 * x * np.sinh(0.5 * t) ** 2) * np.cosh(order * t)
    return float(step * (values.sum() - 0.5 * values[0]))


def bessel_k0(x: ArrayLike) -> float | np.ndarray:
    """Modified Bessel function of the second kind K₀(x), x ≥ 0 (+inf at 0), arrays accepted."""
    return _elementwise(lambda v: math.exp(-v) * _bessel_k_scaled(0, v), x)


def bessel_k1(x: ArrayLike) -> float | np.ndarray:
    """Modified Bessel function of the second kind K₁(x), x ≥ 0 (+inf at 0), arrays accepted."""
    return _elementwise(lambda v: math.exp(-v) * _bessel_k_scaled(1, v), x)


def _erfcx(z: float) -> float:
    """e^(z²) erfc(z), finite where erfc underflows (z ≳ 26); used for z ≥ 0."""
    if z < 25.0:
        return math.exp(z * z) * math.erfc(z)
    s = 1.0 / (2.0 * z * z)  # asymptotic series: the first omitted term is below 1e-12
    return (1.0 - s + 3.0 * s**2 - 15.0 * s**3 + 105.0 * s**4) / (z * math.sqrt(math.pi))


def _root_decreasing(func: Callable[[float], float], low: float, high: float) -> float:
    """Root of a function that falls from positive near low to negative at high, by bisection.

    The end points are never evaluated, so they may be singular (λ = 0, R = r₀). Bisection is
    slow but cannot fail on a valid bracket, and each evaluation here costs microseconds.
    """
    for _ in range(400):  # enough to close any bracket of doubles to 1e-15 relative
        middle = 0.5 * (low + high)
        if func(middle) > 0:
            low = middle
        else:
            high = middle
        if high - low <= 1e-15 * high:
            break
    return 0.5 * (low + high)


def _branches(
    x: ArrayLike,
    front: float,
    inner: Callable[[np.ndarray], np.ndarray],
    outer: Callable[[np.ndarray], np.ndarray],
) -> float | np.ndarray:
    """Evaluate inner() at points inside the front and outer() elsewhere; each sees only its own
    points, so neither is pushed outside the range where it is well behaved."""
    points = np.asarray(x, dtype=float)
    if np.any(points < 0):
        raise ValueError("positions must be >= 0")
    flat = points.ravel()
    result = np.empty_like(flat)
    frozen = flat < front
    result[frozen] = inner(flat[frozen])
    result[~frozen] = outer(flat[~frozen])
    return float(result[0]) if points.ndim == 0 else result.reshape(points.shape)


def _similarity_front(lam: float, alpha: float, t: ArrayLike) -> float | np.ndarray:
    """2λ√(α t): both transient solutions are similarity solutions in x / √t."""
    times = np.asarray(t, dtype=float)
    if np.any(times < 0):
        raise ValueError("times must be >= 0")
    front = 2.0 * lam * np.sqrt(alpha * times)
    return float(front) if times.ndim == 0 else front


def _check_time(t: float) -> None:
    """The profiles are singular at t = 0 (a step), so they are defined for t > 0 only."""
    if not t > 0:
        raise ValueError(f"the profile needs t > 0, got {t}")


# --- transient solutions -------------------------------------------------------------------


class Neumann:
    """Planar two-phase Stefan problem: semi-infinite tissue at t_initial, wall (x = 0) held at
    t_wall from t = 0. The frozen layer grows as s(t) = 2λ√(α_s t)."""

    def __init__(self, material: PhaseChangeMaterial, t_wall: float, t_initial: float) -> None:
        if not t_wall < material.t_melt <= t_initial:
            raise ValueError("need t_wall < t_melt <= t_initial for the wall to freeze the tissue")
        self.material = material
        self.t_wall = t_wall
        self.t_initial = t_initial
        self.nu = math.sqrt(material.alpha_frozen / material.alpha_unfrozen)
        stefan_s = material.c_frozen * (material.t_melt - t_wall) / material.latent
        stefan_l = material.c_unfrozen * (t_initial - material.t_melt) / material.latent
        nu = self.nu

        def residual(lam: float) -> float:
            # St_s / (e^λ² erf λ) − St_l / (ν e^(ν²λ²) erfc νλ) − λ√π, falling in λ
            return (stefan_s * math.exp(-lam * lam) / math.erf(lam)
                    - stefan_l / (nu * _erfcx(nu * lam)) - lam * math.sqrt(math.pi))

        # e^λ² erf λ > 2λ/√π, so the residual is negative from λ = √(St_s/2) on
        self.lam: float = _root_decreasing(residual, 0.0, math.sqrt(stefan_s / 2.0))

    def front(self, t: ArrayLike) -> float | np.ndarray:
        """Depth of the melting isotherm s(t) = 2λ√(α_s t), metres; t may be an array."""
        return _similarity_front(self.lam, self.material.alpha_frozen, t)

    def temperature(self, x: ArrayLike, t: float) -> float | np.ndarray:
        """T(x, t) in °C for depths x ≥ 0 (metres) at time t > 0."""
        _check_time(t)
        m = self.material
        root_s = 2.0 * math.sqrt(m.alpha_frozen * t)
        root_l = 2.0 * math.sqrt(m.alpha_unfrozen * t)
        edge = self.nu * self.lam
        erfcx_edge = _erfcx(edge)

        def frozen(x_: np.ndarray) -> np.ndarray:
            ratio = _elementwise(math.erf, x_ / root_s) / math.erf(self.lam)
            return self.t_wall + (m.t_melt - self.t_wall) * ratio

        def unfrozen_ratio(eta: float) -> float:
            # erfc(η)/erfc(νλ), via e^(z²) erfc z so that neither factor underflows
            return _erfcx(eta) / erfcx_edge * math.exp((edge - eta) * (edge + eta))

        def unfrozen(x_: np.ndarray) -> np.ndarray:
            ratio = _elementwise(unfrozen_ratio, x_ / root_l)
            return self.t_initial - (self.t_initial - m.t_melt) * ratio

        return _branches(x, float(self.front(t)), frozen, unfrozen)


class LineSink:
    """Line heat sink of constant strength q (W per metre of line, positive = heat removed) from
    t = 0 in infinite tissue at t_initial. The frozen cylinder grows as R(t) = 2λ√(α_s t)."""

    def __init__(self, material: PhaseChangeMaterial, q: float, t_initial: float) -> None:
        if not q > 0:
            raise ValueError(f"the sink strength q must be positive, got {q}")
        if not t_initial >= material.t_melt:
            raise ValueError("need t_initial >= t_melt")
        self.material = material
        self.q = q
        self.t_initial = t_initial
        self.ratio = material.alpha_frozen / material.alpha_unfrozen
        drive = q / (4.0 * math.pi)
        conduction = material.k_unfrozen * (t_initial - material.t_melt)
        latent = material.latent * material.alpha_frozen

        def residual(lam: float) -> float:
            # (Q/4π) e^−λ² − k_l (T_i − T_m) e^(−λ²α_s/α_l) / E₁(λ²α_s/α_l) − L α_s λ², falling
            return (drive * math.exp(-lam * lam)
                    - conduction / _exp1_scaled(lam * lam * self.ratio) - latent * lam * lam)

        # the residual is below (Q/4π) − L α_s λ², negative from λ = √(Q / 4π L α_s) on
        self.lam: float = _root_decreasing(residual, 0.0, math.sqrt(drive / latent))

    def front(self, t: ArrayLike) -> float | np.ndarray:
        """Radius of the melting isotherm R(t) = 2λ√(α_s t), metres; t may be an array."""
        return _similarity_front(self.lam, self.material.alpha_frozen, t)

    def temperature(self, r: ArrayLike, t: float) -> float | np.ndarray:
        """T(r, t) in °C at distances r ≥ 0 (metres) from the line at time t > 0; −inf on it."""
        _check_time(t)
        m = self.material
        edge = self.lam * self.lam * self.ratio
        scaled_edge = _exp1_scaled(edge)
        e1_lam = float(exp1(self.lam * self.lam))

        def frozen(r_: np.ndarray) -> np.ndarray:
            e1 = exp1(r_ * r_ / (4.0 * m.alpha_frozen * t))
            return m.t_melt - self.q / (4.0 * math.pi * m.k_frozen) * (e1 - e1_lam)

        def unfrozen_ratio(u: float) -> float:
            # E₁(u)/E₁(λ²α_s/α_l), via e^u E₁(u) so that neither factor underflows
            return _exp1_scaled(u) / scaled_edge * math.exp(edge - u)

        def unfrozen(r_: np.ndarray) -> np.ndarray:
            ratio = _elementwise(unfrozen_ratio, r_ * r_ / (4.0 * m.alpha_unfrozen * t))
            return self.t_initial - (self.t_initial - m.t_melt) * ratio

        return _branches(r, float(self.front(t)), frozen, unfrozen)


# --- steady ice balls in perfused tissue -----------------------------------------------------


def _steady_drives(
    material: PhaseChangeMaterial,
    r0: float,
    t_probe: float,
    perfusion: float,
    t_arterial: float,
    metabolic: float,
) -> tuple[float, float, float]:
    """k_s (T_m − T₀), k_l (T_a* − T_m) and δ, after checking that a steady ice ball exists."""
    if not (r0 > 0 and perfusion > 0):
        raise ValueError("need r0 > 0 and perfusion > 0")
    t_star = t_arterial + metabolic / perfusion
    if not t_probe < material.t_melt < t_star:
        raise ValueError("need t_probe < t_melt < t_arterial + metabolic/perfusion for a steady "
                         "ice ball (without that perfusion cannot stop the front)")
    return (material.k_frozen * (material.t_melt - t_probe),
            material.k_unfrozen * (t_star - material.t_melt),
            math.sqrt(material.k_unfrozen / perfusion))


def _steady_radius(residual: Callable[[float], float], r0: float) -> float:
    """Root of a residual that falls from +∞ at r0: double the upper end until it is negative."""
    high = 2.0 * r0
    while residual(high) > 0:
        high *= 2.0
    return _root_decreasing(residual, r0, high)


def steady_sphere_radius(
    material: PhaseChangeMaterial,
    r0: float,
    t_probe: float,
    perfusion: float,
    t_arterial: float,
    metabolic: float = 0.0,
) -> float:
    """Radius of the steady ice ball around a sphere of radius r0 held at t_probe, metres.

    perfusion is ω_b ρ_b c_b (W/m³·K); metabolic is q_m (W/m³), which stops in frozen tissue.
    Solves k_s (T_m − T₀) / [R² (1/r₀ − 1/R)] = k_l (T_a* − T_m)(1/R + 1/δ), multiplied by R²
    so that the residual falls monotonically in R.
    """
    solid, liquid, delta = _steady_drives(material, r0, t_probe, perfusion, t_arterial, metabolic)
    return _steady_radius(
        lambda big_r: solid / (1.0 / r0 - 1.0 / big_r) - liquid * (big_r + big_r * big_r / delta),
        r0,
    )


def steady_cylinder_radius(
    material: PhaseChangeMaterial,
    r0: float,
    t_probe: float,
    perfusion: float,
    t_arterial: float,
    metabolic: float = 0.0,
) -> float:
    """Radius of the steady ice cylinder around a long probe of radius r0 at t_probe, metres.

    Solves k_s (T_m − T₀) / [R ln(R/r₀)] = k_l (T_a* − T_m) K₁(R/δ) / [δ K₀(R/δ)], multiplied by R
    so that the residual falls monotonically in R (z K₁(z)/K₀(z) rises with z).
    """
    solid, liquid, delta = _steady_drives(material, r0, t_probe, perfusion, t_arterial, metabolic)

    def residual(big_r: float) -> float:
        z = big_r / delta
        return (solid / math.log(big_r / r0)
                - liquid * z * _bessel_k_scaled(1, z) / _bessel_k_scaled(0, z))

    return _steady_radius(residual, r0)
