"""The heat-transfer solver: Pennes bioheat equation with phase change, in enthalpy form.

    ∂H/∂t = ∇·(k ∇T) + f_l · (ω_b ρ_b c_b (T_a − T) + q_m)

Finite volumes on a Mesh; explicit in time with the second-order Runge-Kutta-Legendre
super-time-stepping scheme (RKL2, Meyer, Balsara & Aslam 2014). An explicit step is limited by
the coldest frozen tissue (Δt ≈ C Δx² / 4k, a few hundredths of a second); RKL2 takes steps of
many seconds with s ≈ √(4Δt/Δt_explicit) evaluations, stable by construction. Each step's stage
count is computed from the stability limit: an unstable step is never taken. RKL2 damps the
sharp transient after a sudden change (the probe switched on) poorly, so after every change the
steps start at the explicit limit and grow by RAMP per step.

Fixed cells — ghost cells around the grid, cells inside a probe — hold a set temperature behind
a set thermal resistivity (0 for a metal surface, 1/h for a convective spray, very large for an
insulated shaft). Heat they exchange with the tissue, and heat from blood and metabolism, is
integrated alongside the field so that the energy balance can be checked exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .materials import CellProperties
from .mesh import Mesh

RAMP = 1.5           # after a boundary changes, each step may be this much longer than the last
METAL = 1e-12        # resistivity of a fixed-temperature metal surface (m·K/W): no resistance
INSULATED = 1e12     # resistivity of an insulating surface: no heat passes


class SolverError(RuntimeError):
    """The simulation produced values that cannot be physical; nothing after it is drawn."""


@dataclass
class Boundary:
    """The fixed cells of the padded grid for one phase: where, how warm, how resistive."""

    fixed: np.ndarray        # bool, padded shape
    temperature: np.ndarray  # °C where fixed
    resistivity: np.ndarray  # m·K/W where fixed (for ghost cells: surface resistance m²·K/W)


class HeatSolver:
    """Advances the enthalpy field of a mesh filled with materials."""

    def __init__(self, mesh: Mesh, props: CellProperties, initial_temperature):
        self.mesh = mesh
        self.props = props
        padded = (mesh.shape[0] + 2, mesh.shape[1] + 2)
        self.padded_shape = padded
        self.size = padded[0] * padded[1]
        pad = lambda a: np.pad(np.asarray(a, dtype=float), 1, mode="edge")  # noqa: E731
        self._solidus = pad(props.solidus)
        self._hl = pad(props.liquidus_enthalpy)
        self._inv_cs = pad(props.inv_c_frozen)
        self._inv_cl = pad(props.inv_c_unfrozen)
        self._slope = pad(props.mushy_slope)
        self._r_liquid = pad(props.r_unfrozen)
        self._r_a = pad(props.r_frozen_a)
        self._r_b = pad(props.r_frozen_b)
        self._perfusion = pad(props.perfusion) * mesh.volume
        self._heating = pad(props.heating) * mesh.volume
        self._c_frozen = pad(props.c_frozen)
        self.time = 0.0
        # State: enthalpy of every padded cell, then heat received through fixed cells and
        # from blood and metabolism (J), integrated by the same scheme as the field.
        self.state = np.zeros(self.size + 2)
        t0 = np.broadcast_to(np.asarray(initial_temperature, dtype=float), mesh.shape)
        self.H[1:-1, 1:-1] = props.enthalpy(np.array(t0))
        self.H[:] = np.pad(self.H[1:-1, 1:-1], 1, mode="edge")
        self._t_range = (float(t0.min()), float(t0.max()))
        self.boundary: Boundary | None = None
        self._buffers()

    # -- state views --------------------------------------------------------------------------

    @property
    def H(self) -> np.ndarray:
        return self.state[:self.size].reshape(self.padded_shape)

    @property
    def heat_from_boundaries(self) -> float:
        return float(self.state[self.size])

    @property
    def heat_from_blood(self) -> float:
        return float(self.state[self.size + 1])

    def stored_heat(self) -> float:
        """Σ V·H over the free cells (J): what the boundaries and blood have changed."""
        free = ~self.boundary.fixed
        return float((self.H * self.mesh.volume)[free].sum())

    def temperature(self) -> np.ndarray:
        """Temperature of the grid's cells (°C), without the ghost ring."""
        self._temperature(self.H)
        return self._T[1:-1, 1:-1].copy()

    def unfrozen_fraction(self) -> np.ndarray:
        return np.clip(self.H / self._hl, 0.0, 1.0)[1:-1, 1:-1]

    # -- boundaries ---------------------------------------------------------------------------

    def set_boundary(self, boundary: Boundary) -> None:
        self.boundary = boundary
        self._free = (~boundary.fixed).astype(float)
        self._stable_step = self._explicit_limit()
        self._next_step = self._stable_step

    def refill(self, cells: np.ndarray, temperature: float) -> None:
        """Give cells (grid shape, bool) new tissue at a temperature: a probe track filling in."""
        inner = self.H[1:-1, 1:-1]
        inner[cells] = self.props.enthalpy(np.full(self.mesh.shape, temperature))[cells]

    def _explicit_limit(self) -> float:
        """Largest stable forward-Euler step, for the stiffest state this phase can reach."""
        coldest = min(float(self.boundary.temperature[self.boundary.fixed].min()), 0.0)
        r = 1.0 / self.props.coldest_conductivity(coldest)
        r = np.pad(r, 1, mode="edge")
        r = np.minimum(r, self._r_liquid)
        np.copyto(r, self.boundary.resistivity, where=self.boundary.fixed)
        m = self.mesh
        gx = m.x_area / (m.x_before * r[:, :-1] + m.x_after * r[:, 1:])
        gy = m.y_area / (m.y_before * r[:-1] + m.y_after * r[1:])
        inner = (slice(1, -1), slice(1, -1))
        total = (gx[1:-1, :-1] + gx[1:-1, 1:] + gy[:-1, 1:-1] + gy[1:, 1:-1]
                 + self._perfusion[inner])
        capacity = (self._c_frozen * m.volume)[inner]
        free = ~self.boundary.fixed[inner]
        return float((capacity[free] / total[free]).min())

    # -- time stepping ------------------------------------------------------------------------

    def advance(self, duration: float, max_step: float) -> int:
        """Advance by a duration in steps of at most max_step; returns the evaluations used."""
        end, evaluations = self.time + duration, 0
        while self.time < end - 1e-9:
            dt = min(self._next_step, max_step)
            evaluations += self.step(min(dt, end - self.time))
            self._next_step = min(max_step, dt * RAMP)
        return evaluations

    def stages_for(self, dt: float) -> int:
        """RKL2 stages needed for a stable step of length dt (at least 3)."""
        ratio = dt / (0.9 * self._stable_step)
        return max(3, math.ceil((-1 + math.sqrt(9 + 16 * ratio)) / 2))

    def step(self, dt: float) -> int:
        """Advance by dt seconds with one RKL2 step; returns the number of stages used."""
        s = self.stages_for(dt)
        y0 = self.state
        w1 = 4.0 / (s * s + s - 2)
        b = [1 / 3, 1 / 3, 1 / 3] + [(j * j + j - 2) / (2 * j * (j + 1)) for j in range(3, s + 1)]
        l0 = self._rate(y0, self._l0)
        y_2 = y0.copy()
        y_1 = y0 + (b[1] * w1 * dt) * l0
        rate, y_new = self._stage_rate, self._stage_out
        for j in range(2, s + 1):
            mu = (2 * j - 1) / j * b[j] / b[j - 1]
            nu = -(j - 1) / j * b[j] / b[j - 2]
            mu_t = mu * w1
            gamma_t = -(1 - b[j - 1]) * mu_t
            self._rate(y_1, rate)
            np.multiply(y_1, mu, out=y_new)
            y_new += nu * y_2
            y_new += (1 - mu - nu) * y0
            y_new += (mu_t * dt) * rate
            y_new += (gamma_t * dt) * l0
            y_2, y_1, y_new = y_1, y_new, y_2
        self.state = y_1.copy()
        self._stage_out = y_new
        self._stage_spare = y_2
        self.time += dt
        self._check()
        return s

    # -- the operator -------------------------------------------------------------------------

    def _buffers(self) -> None:
        shape = self.padded_shape
        self._T = np.empty(shape)
        self._f = np.empty(shape)
        self._r = np.empty(shape)
        self._tmp = np.empty(shape)
        self._net = np.empty(shape)
        self._fx = np.empty((shape[0], shape[1] - 1))
        self._dx = np.empty_like(self._fx)
        self._fy = np.empty((shape[0] - 1, shape[1]))
        self._dy = np.empty_like(self._fy)
        self._l0 = np.empty(self.size + 2)
        self._stage_rate = np.empty(self.size + 2)
        self._stage_out = np.empty(self.size + 2)

    def _temperature(self, H: np.ndarray) -> np.ndarray:
        """Piecewise-linear T(H): frozen, mushy, unfrozen — written as three clipped parts."""
        T, tmp = self._T, self._tmp
        np.minimum(H, 0.0, out=T)
        T *= self._inv_cs
        np.clip(H, 0.0, self._hl, out=tmp)
        tmp *= self._slope
        T += tmp
        np.subtract(H, self._hl, out=tmp)
        np.maximum(tmp, 0.0, out=tmp)
        tmp *= self._inv_cl
        T += tmp
        T += self._solidus
        if self.boundary is not None:
            np.copyto(T, self.boundary.temperature, where=self.boundary.fixed)
        return T

    def _rate(self, y: np.ndarray, out: np.ndarray) -> np.ndarray:
        """dy/dt: the enthalpy rate of every cell, then the two heat totals."""
        H = y[:self.size].reshape(self.padded_shape)
        m, fixed = self.mesh, self.boundary
        T = self._temperature(H)
        f, r, tmp, net = self._f, self._r, self._tmp, self._net
        np.clip(H, 0.0, self._hl, out=f)          # unfrozen fraction: latent heat released
        f /= self._hl
        np.multiply(self._r_b, T, out=r)          # frozen resistivity a + b·T ...
        r += self._r_a
        np.subtract(self._r_liquid, r, out=tmp)   # ... blended toward unfrozen by f
        tmp *= f
        r += tmp
        np.copyto(r, fixed.resistivity, where=fixed.fixed)
        fx, dx = self._fx, self._dx               # heat flow across x faces, toward +x (W)
        np.multiply(m.x_before, r[:, :-1], out=dx)
        dx += m.x_after * r[:, 1:]
        np.subtract(T[:, :-1], T[:, 1:], out=fx)
        fx *= m.x_area
        fx /= dx
        fy, dy = self._fy, self._dy
        np.multiply(m.y_before, r[:-1], out=dy)
        dy += m.y_after * r[1:]
        np.subtract(T[:-1], T[1:], out=fy)
        fy *= m.y_area
        fy /= dy
        net.fill(0.0)                             # heat flowing into each cell (W)
        net[:, 1:] += fx
        net[:, :-1] -= fx
        net[1:] += fy
        net[:-1] -= fy
        np.multiply(self._perfusion, T, out=tmp)  # blood and metabolism, only where unfrozen
        np.subtract(self._heating, tmp, out=tmp)
        tmp *= f
        net *= self._free
        tmp *= self._free
        dH = out[:self.size].reshape(self.padded_shape)
        np.add(net, tmp, out=dH)
        dH /= m.volume
        out[self.size] = net.sum()
        out[self.size + 1] = tmp.sum()
        return out

    def _check(self) -> None:
        """Stop with a clear error rather than draw a field that cannot be physical."""
        H = self.H
        if not np.isfinite(self.state).all():
            raise SolverError(f"the temperature became undefined (NaN) at t = {self.time:.1f} s")
        T = self._temperature(H)[1:-1, 1:-1]
        free = ~self.boundary.fixed[1:-1, 1:-1]
        bounds = self.boundary.temperature[self.boundary.fixed]
        low = min(bounds.min(), self._t_range[0]) - 5.0
        high = max(bounds.max(), self._t_range[1]) + 5.0
        bad = free & ((T < low) | (T > high))
        if bad.any():
            j, i = np.argwhere(bad)[0]
            raise SolverError(
                f"the temperature ran away to {T[j, i]:.1f} °C at t = {self.time:.1f} s, "
                f"x = {1e3 * self.mesh.x[i]:.1f} mm, y = {1e3 * self.mesh.y[j]:.1f} mm "
                f"(allowed {low:.0f} to {high:.0f} °C)")
