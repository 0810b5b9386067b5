"""The heat-transfer solver: Pennes bioheat equation with phase change, in enthalpy form.

    ∂H/∂t = ∇·(k ∇T) + f_l · (ω_b ρ_b c_b (T_a − T) + q_m)

Finite volumes on a Mesh; explicit in time with the damped first-order Runge-Kutta-Chebyshev
scheme (RKC1, Verwer 1996), a super-time-stepping method. An explicit step is limited by the
coldest frozen tissue next to a probe (Δt ≈ C Δx² / 4k, about 0.02 s); RKC1 takes steps of many
seconds with s ≈ √(Δt/Δt_explicit) evaluations, stable by construction: each step's stage count
is computed from the stability limit, so an unstable step is never taken. Measured here, the
second-order RKL2 needed twice the evaluations and was no more accurate (the grid sets the
error, see the validation); the undamped RKL1 let sharp modes ring. Any super-time-stepping
scheme handles a sudden change (a probe switched on) poorly, so after every change the solver
first takes START_STEPS forward-Euler steps at the explicit limit, which obey the maximum
principle, then steps that grow by RAMP per step.

Fixed cells — ghost cells around the grid, cells inside a probe — hold a set temperature behind
a set thermal resistivity (0 for a metal surface, 1/h for a convective spray, very large for an
insulated shaft). Heat they exchange with the tissue, and heat from blood and metabolism, is
integrated alongside the field so that the energy balance can be checked exactly.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from .materials import CellProperties
from .mesh import Mesh

START_STEPS = 40     # after a boundary changes: this many monotone forward-Euler steps, then
RAMP = 1.5           # RKC steps, each at most this much longer than the last
DAMPING = 0.5        # RKC1 damping ε: stiff modes shrink (×0.65) each step instead of ringing
METAL = 1e-12        # resistivity of a fixed-temperature metal surface (m·K/W): no resistance
INSULATED = 1e12     # resistivity of an insulating surface: no heat passes


PICARD = 3          # at least this many iterations (or a change below 0.05 K) for k(T)
MAX_NEWTON = 12     # Newton iterations per line sweep before the step is halved
FIRST_STEP = 0.5    # s: the first implicit step after a boundary changes (then × RAMP)


class _NotConverged(ArithmeticError):
    pass


class SolverError(RuntimeError):
    """The simulation produced values that cannot be physical; nothing after it is drawn."""


@dataclass
class Boundary:
    """The fixed cells of the padded grid for one phase: where, how warm, how resistive."""

    fixed: np.ndarray        # bool, padded shape
    temperature: np.ndarray  # °C where fixed
    resistivity: np.ndarray  # m·K/W where fixed (for ghost cells: surface resistance m²·K/W)

    @classmethod
    def ring(cls, temperature: np.ndarray, resistivity: float) -> Boundary:
        """The ghost cells around the grid fixed at `temperature` (padded shape) behind one
        resistivity, nothing inside: a start that the caller adjusts in place."""
        fixed = np.ones(temperature.shape, dtype=bool)
        fixed[1:-1, 1:-1] = False
        return cls(fixed, temperature, np.full(temperature.shape, resistivity))


class HeatSolver:
    """Advances the enthalpy field of a mesh filled with materials.

    Fields are float32: the operator is memory-bound and single precision halves its cost;
    enthalpy (~10⁸ J/m³) then resolves temperature to about 10⁻⁵ K, far below what is drawn.
    """

    dtype = np.float32

    def __init__(self, mesh: Mesh, props: CellProperties, initial_temperature):
        self.mesh = mesh
        self.props = props
        ny, nx = mesh.shape
        padded = (ny + 2, nx + 2)
        self.padded_shape = padded
        self.size = padded[0] * padded[1]
        f32 = self.dtype

        def pad(a):
            return np.pad(np.asarray(a, dtype=float), 1, mode="edge").astype(f32)

        inner = (slice(1, -1), slice(1, -1))
        # The materials' coefficients; set_boundary derives each phase's working copies.
        self._material = {
            "solidus": pad(props.solidus), "inv_cs": pad(props.inv_c_frozen),
            "inv_cl": pad(props.inv_c_unfrozen), "slope": pad(props.mushy_slope),
            "r_liquid": pad(props.r_unfrozen), "r_a": pad(props.r_frozen_a),
            "r_b": pad(props.r_frozen_b)}
        self._hl = pad(props.liquidus_enthalpy)
        self._inv_hl = (1.0 / self._hl).astype(f32)
        self._blood = np.ones(mesh.shape, dtype=f32)   # 0 where blood flow has stopped
        self._perfusion_full = np.asarray(props.perfusion * mesh.volume[inner], dtype=f32)
        self._heating_full = np.asarray(props.heating * mesh.volume[inner], dtype=f32)
        for name, values in self._material.items():   # until a boundary is set: no fixed cells
            setattr(self, f"_{name}", values)
        self._inv_volume = np.asarray(1.0 / mesh.volume[inner], dtype=f32)
        # Face coefficients: flow = (T_a − T_b) / (before·r_a + after·r_b), with before and after
        # the distances to the two centres divided by the face's area (huge where it has none).
        self._x_before = _per_area(mesh.x_before, mesh.x_area[1:-1])
        self._x_after = _per_area(mesh.x_after, mesh.x_area[1:-1])
        self._y_before = _per_area(mesh.y_before, mesh.y_area[:, 1:-1])
        self._y_after = _per_area(mesh.y_after, mesh.y_area[:, 1:-1])
        self._c_frozen = props.c_frozen
        self.time = 0.0
        # State: enthalpy of every padded cell, then heat received through fixed cells and
        # from blood and metabolism (J), integrated by the same scheme as the field.
        self.state = np.zeros(self.size + 2, dtype=f32)
        t0 = np.broadcast_to(np.asarray(initial_temperature, dtype=float), mesh.shape)
        h0 = props.enthalpy(np.array(t0))
        self.H[:] = np.pad(h0, 1, mode="edge")
        self._t_range = (float(t0.min()), float(t0.max()))
        self.boundary: Boundary | None = None
        self._buffers()

    # -- state views --------------------------------------------------------------------------

    @property
    def H(self) -> np.ndarray:
        return self.state[:self.size].reshape(self.padded_shape)

    @property
    def heat_from_boundaries(self) -> float:
        """Heat received through fixed cells (probe, edges, skin surface) so far, J."""
        return float(self.state[self.size])

    @property
    def heat_from_blood(self) -> float:
        """Heat received from blood flow and metabolism so far, J."""
        return float(self.state[self.size + 1])

    def stored_heat(self) -> float:
        """Σ V·H over the free cells (J): what the boundaries and blood have changed."""
        free = ~self.boundary.fixed
        return float((self.H.astype(float) * self.mesh.volume)[free].sum())

    def temperature(self) -> np.ndarray:
        """Temperature of the grid's cells (°C), without the ghost ring."""
        self._temperature(self.H)
        return self._T[1:-1, 1:-1].copy()

    def unfrozen_fraction(self) -> np.ndarray:
        return np.clip(self.H * self._inv_hl, 0.0, 1.0)[1:-1, 1:-1]

    # -- boundaries ---------------------------------------------------------------------------

    def set_boundary(self, boundary: Boundary) -> None:
        """Impose fixed cells. Any change, however small, restarts with monotone steps."""
        self.boundary = Boundary(boundary.fixed, boundary.temperature.astype(self.dtype),
                                 boundary.resistivity.astype(self.dtype))
        imposed = boundary.temperature[boundary.fixed]
        self._t_range = (min(self._t_range[0], float(imposed.min())),
                         max(self._t_range[1], float(imposed.max())))
        self._free = (~boundary.fixed[1:-1, 1:-1]).astype(self.dtype)
        self._phase_coefficients()
        self._stable_step = self._explicit_limit()
        self._next_step = FIRST_STEP
        self._start_steps = START_STEPS

    def _phase_coefficients(self) -> None:
        """Coefficients for this phase, with fixed cells built in: their temperature curve is
        flat at the imposed temperature and their resistivity is the imposed one, so the
        operator needs no per-evaluation overrides, and their sources are zero."""
        b, m = self.boundary, self._material
        fixed = b.fixed
        for name in ("inv_cs", "inv_cl", "slope", "r_b"):
            setattr(self, f"_{name}", np.where(fixed, 0, m[name]).astype(self.dtype))
        self._solidus = np.where(fixed, b.temperature, m["solidus"]).astype(self.dtype)
        self._r_a = np.where(fixed, b.resistivity, m["r_a"]).astype(self.dtype)
        self._r_liquid = np.where(fixed, b.resistivity, m["r_liquid"]).astype(self.dtype)
        live = self._free * self._blood
        self._perfusion = self._perfusion_full * live
        self._heating = self._heating_full * live
        self._inv_volume_free = self._inv_volume * self._free

    def stop_blood_flow(self, cells: np.ndarray) -> None:
        """Blood no longer reaches these cells (grid shape, bool): small vessels have clotted
        after freezing, so neither perfusion nor metabolism warms them again."""
        self._blood[cells] = 0.0
        if self.boundary is not None:
            self._phase_coefficients()

    def refill(self, cells: np.ndarray, temperature: np.ndarray) -> None:
        """Give cells (grid shape, bool) new tissue at these temperatures: a probe track
        filling in."""
        inner = self.H[1:-1, 1:-1]
        inner[cells] = self.props.enthalpy(temperature)[cells]

    def _explicit_limit(self) -> float:
        """Largest stable forward-Euler step, for the stiffest state this phase can reach."""
        # By the maximum principle nothing in this phase gets colder than what is there now
        # or what is imposed: the stiffest case is all tissue frozen to that temperature.
        field = self._temperature(self.H)[1:-1, 1:-1]
        coldest = min(float(self.boundary.temperature[self.boundary.fixed].min()),
                      float(field.min()), 0.0)
        r = 1.0 / self.props.coldest_conductivity(coldest)
        r = np.minimum(np.pad(r, 1, mode="edge"), self._r_liquid.astype(float))
        np.copyto(r, self.boundary.resistivity, where=self.boundary.fixed)
        m = self.mesh
        gx = m.x_area / (m.x_before * r[:, :-1] + m.x_after * r[:, 1:])
        gy = m.y_area / (m.y_before * r[:-1] + m.y_after * r[1:])
        inner = (slice(1, -1), slice(1, -1))
        total = (gx[1:-1, :-1] + gx[1:-1, 1:] + gy[:-1, 1:-1] + gy[1:, 1:-1]
                 + self._perfusion)
        capacity = self._c_frozen * m.volume[inner]
        free = ~self.boundary.fixed[inner]
        return float((capacity[free] / total[free]).min())

    # -- time stepping ------------------------------------------------------------------------

    def advance(self, duration: float, max_step: float, on_step=None) -> int:
        """Advance by a duration in steps of at most max_step; returns the line solves used.

        Steps are implicit (see implicit_step): after every change of boundary they start at
        FIRST_STEP and grow by RAMP per step, for accuracy only (any step is stable and
        monotone). on_step(temperature), if given, sees the grid's temperature after every
        step (a view, valid until the next step).
        """
        end, solves = self.time + duration, 0
        while self.time < end - 1e-9:
            dt = min(self._next_step, max_step, end - self.time)
            solves += self.implicit_step(dt)
            self._next_step = min(max_step, max(self._next_step, dt) * RAMP)
            if on_step:
                on_step(self._T[1:-1, 1:-1])
        return solves

    # -- the implicit step --------------------------------------------------------------------

    def implicit_step(self, dt: float) -> int:
        """One backward-Euler step of dt, split by direction (x lines, then y lines).

        Each half is an exact backward-Euler enthalpy step along lines: conductances are those
        at the start of the half (lagged), blood and metabolism (in the x half) are implicit in
        T, and the enthalpy–temperature curve is solved by Newton iterations that stop at a
        kink of the curve and go on from there, until no cell leaves its part of the curve.
        The converged system is an M-matrix equation in T, so no cell can leave the range of
        its neighbours, its old temperature and the arterial (source) temperature: the discrete
        maximum principle, for any step. Returns the number of tridiagonal solves."""
        saved = (self.state.copy(), self.time)
        try:
            solves = self._sweep(dt, "x") + self._sweep(dt, "y")
        except _NotConverged:
            if dt < 1e-3:
                raise SolverError(f"the implicit step did not converge at t = {self.time:.1f} s")
            self.state[:] = saved[0]
            self.time = saved[1]
            half = 0.5 * dt
            return self.implicit_step(half) + self.implicit_step(half)
        self.time += dt
        self._check()
        return solves

    def _sweep(self, dt: float, direction: str) -> int:
        f64 = np.float64
        H = self.H.astype(f64)
        T = self._temperature(self.H).astype(f64)
        self._conductances(self._T)
        f_l = self._f[1:-1, 1:-1].astype(f64)
        fixed = self.boundary.fixed
        inner = (slice(1, -1), slice(1, -1))
        hl = self._hl.astype(f64)
        if direction == "x":
            g = self._gx.astype(f64) * dt                       # (ny, nx+1)
            perf = (self._perfusion * f_l) * dt
            heat = (self._heating * f_l) * dt
            H, T, hl, fixed_l, g_ = H, T, hl, fixed, g
        else:
            g = self._gy.astype(f64).T * dt                     # (nx, ny+1)
            perf = heat = 0.0
            H, T, hl, fixed_l = H.T, T.T, hl.T, fixed.T
            g_ = g
        volume = self.mesh.volume.T if direction == "y" else self.mesh.volume
        V = np.ascontiguousarray(volume[inner])
        H_old = np.ascontiguousarray(H[inner])
        T_fix_lo, T_fix_hi = T[1:-1, 0], T[1:-1, -1]            # the ghost cells at line ends
        free = ~fixed_l[inner]
        Tfixed = T[inner]                                       # imposed where fixed
        gl, gr = g_[:, :-1], g_[:, 1:]
        inv_cs = (self._inv_cs.T if direction == "y" else self._inv_cs)[inner].astype(f64)
        inv_cl = (self._inv_cl.T if direction == "y" else self._inv_cl)[inner].astype(f64)
        slope = (self._slope.T if direction == "y" else self._slope)[inner].astype(f64)
        sol = (self._solidus.T if direction == "y" else self._solidus)[inner].astype(f64)
        hl_i = hl[inner]
        if direction == "x":
            perf_, heat_ = perf, heat
        else:
            perf_, heat_ = 0.0, 0.0
        Hk = H_old.copy()
        tiny = 1e-7 * np.maximum(hl_i, 1.0)
        # A cell that passes a kink by less than this (J/m³: 10⁻⁴ K) has settled there.
        settled = 1e-4 / np.maximum(np.maximum(inv_cs, inv_cl), 1e-30)
        # Off-diagonals: a fixed neighbour is known (moved to the right-hand side).
        lo = np.where(free, -gl, 0.0)
        hi = np.where(free, -gr, 0.0)
        lo[:, 0] = 0.0
        hi[:, -1] = 0.0
        work = self.H.copy()
        for iteration in range(1, MAX_NEWTON + 1):
            if iteration > 1:   # conductances (Picard) from the latest iterate
                inner_w = work[inner]
                inner_w[...] = np.where(free, Hk, H_old).T if direction == "y" else \
                    np.where(free, Hk, H_old)
                self._conductances(self._temperature(work))
                g_ = (self._gx.astype(f64) if direction == "x" else self._gy.astype(f64).T) * dt
                gl, gr = g_[:, :-1], g_[:, 1:]
                lo = np.where(free, -gl, 0.0)
                hi = np.where(free, -gr, 0.0)
                lo[:, 0] = 0.0
                hi[:, -1] = 0.0
            frozen, unfrozen = Hk < 0, Hk > hl_i
            inv_c = np.where(frozen, inv_cs, np.where(unfrozen, inv_cl, slope))
            Tk = sol + np.minimum(Hk, 0) * inv_cs + np.clip(Hk, 0, hl_i) * slope \
                + np.maximum(Hk - hl_i, 0) * inv_cl
            C = V / np.maximum(inv_c, 1e-30)                       # V dH/dT
            diag = np.where(free, C + gl + gr + perf_, 1.0)
            rhs = np.where(free, C * Tk - V * (Hk - H_old) + heat_, Tfixed)
            rhs[:, 0] += np.where(free[:, 0], gl[:, 0] * T_fix_lo, 0.0)
            rhs[:, -1] += np.where(free[:, -1], gr[:, -1] * T_fix_hi, 0.0)
            T_new = _thomas(lo, diag, hi, rhs)
            H_new = Hk + (T_new - Tk) / np.maximum(inv_c, 1e-30)
            # Cells that left their part of the curve stop at the kink, just across it.
            down_frozen = ~frozen & (H_new < 0) & (Hk >= 0)
            up_mushy = frozen & (H_new >= 0)
            down_mushy = unfrozen & (H_new <= hl_i)
            up_unfrozen = ~unfrozen & ~frozen & (H_new > hl_i)
            kink = np.where(down_frozen | up_mushy, 0.0, hl_i)
            crossed = free & (down_frozen | up_mushy | down_mushy | up_unfrozen) \
                & (np.abs(H_new - kink) > settled)
            if not crossed.any() and (iteration >= PICARD or np.abs(
                    T_new - Tk)[free].max(initial=0.0) < 0.05):
                break
            H_new = np.where(crossed & down_frozen, -tiny, H_new)
            H_new = np.where(crossed & up_mushy, tiny, H_new)
            H_new = np.where(crossed & down_mushy, hl_i - tiny, H_new)
            H_new = np.where(crossed & up_unfrozen, hl_i + tiny, H_new)
            Hk = np.where(free, H_new, Hk)
        else:
            raise _NotConverged
        # Heat received (J): through faces from fixed cells, and from blood and metabolism.
        Tf = np.where(free, T_new, Tfixed)
        left = np.concatenate([T_fix_lo[:, None], Tf[:, :-1]], axis=1)
        right = np.concatenate([Tf[:, 1:], T_fix_hi[:, None]], axis=1)
        lfix = np.concatenate([np.ones((Tf.shape[0], 1), bool), ~free[:, :-1]], axis=1)
        rfix = np.concatenate([~free[:, 1:], np.ones((Tf.shape[0], 1), bool)], axis=1)
        boundary = (np.where(free & lfix, gl * (left - Tf), 0.0).sum()
                    + np.where(free & rfix, gr * (right - Tf), 0.0).sum())
        blood = float(np.where(free, heat_ - perf_ * T_new, 0.0).sum()) \
            if direction == "x" else 0.0
        H_inner = np.where(free, H_new, H_old)
        target = self.H[inner]
        target[...] = H_inner.T if direction == "y" else H_inner
        self.state[self.size] += boundary
        self.state[self.size + 1] += blood
        return iteration

    def stages_for(self, dt: float) -> int:
        """Stages needed for a stable step of length dt (with a 10 % margin)."""
        needed = 2.0 * dt / (0.9 * self._stable_step)   # λ·dt for the stiffest mode
        s = 1
        while _chebyshev_reach(s) < needed:
            s += 1
        return s

    def euler_step(self, dt: float) -> int:
        """One forward-Euler step (dt at most the explicit limit): slow, but monotone."""
        if dt > self._stable_step * (1 + 1e-9):
            raise ValueError(f"an explicit step of {dt:g} s would be unstable "
                             f"(limit {self._stable_step:g} s)")
        self.state += dt * self._rate(self.state, self._l0)
        self.time += dt
        self._check()
        return 1

    def step(self, dt: float) -> int:
        """Advance by dt seconds with one damped RKC1 step; returns the number of stages used."""
        s = self.stages_for(dt)
        w0, w1, b = _chebyshev(s)
        y_2 = self.state
        y_1, y_new, rate = self._stage_a, self._stage_b, self._stage_rate
        np.multiply(self._rate(y_2, rate), (w1 / w0) * dt, out=y_1)
        y_1 += y_2
        for j in range(2, s + 1):
            mu, nu = 2 * w0 * b[j] / b[j - 1], -b[j] / b[j - 2]
            self._rate(y_1, rate)
            np.multiply(y_1, mu, out=y_new)
            y_new += nu * y_2
            rate *= 2 * w1 * b[j] / b[j - 1] * dt
            y_new += rate
            y_2, y_1, y_new = y_1, y_new, y_2
        # Keep the three buffers distinct: the new state and two scratch arrays.
        self.state, self._stage_a, self._stage_b = y_1, y_2, y_new
        self.time += dt
        self._check()
        return s

    # -- the operator -------------------------------------------------------------------------

    def _buffers(self) -> None:
        f32, (ny, nx) = self.dtype, self.mesh.shape
        padded = self.padded_shape
        self._T = np.empty(padded, f32)
        self._clip = np.empty(padded, f32)
        self._tmp = np.empty(padded, f32)
        self._f = np.empty(padded, f32)
        self._r = np.empty(padded, f32)
        self._fx = np.empty((ny, nx + 1), f32)
        self._gx = np.empty((ny, nx + 1), f32)
        self._fy = np.empty((ny + 1, nx), f32)
        self._gy = np.empty((ny + 1, nx), f32)
        self._net = np.empty((ny, nx), f32)
        self._src = np.empty((ny, nx), f32)
        # Rates: ghost entries stay zero, so ghost cells never change.
        self._l0 = np.zeros(self.size + 2, f32)
        self._stage_rate = np.zeros(self.size + 2, f32)
        self._stage_a = np.zeros(self.size + 2, f32)
        self._stage_b = np.zeros(self.size + 2, f32)

    def _temperature(self, H: np.ndarray) -> np.ndarray:
        """Piecewise-linear T(H): frozen, mushy, unfrozen — written as three clipped parts.
        Also leaves the clipped mushy enthalpy in self._clip for the unfrozen fraction."""
        T, tmp, clip = self._T, self._tmp, self._clip
        np.minimum(H, 0.0, out=T)
        T *= self._inv_cs
        np.maximum(H, 0.0, out=clip)
        np.minimum(clip, self._hl, out=clip)
        np.multiply(clip, self._slope, out=tmp)
        T += tmp
        np.subtract(H, self._hl, out=tmp)
        np.maximum(tmp, 0.0, out=tmp)
        tmp *= self._inv_cl
        T += tmp
        T += self._solidus
        return T

    def _conductances(self, T: np.ndarray) -> None:
        """Face conductances (W/K) from each cell's conductivity (frozen, mushy or not)."""
        f, r, tmp = self._f, self._r, self._tmp
        np.multiply(self._clip, self._inv_hl, out=f)   # unfrozen fraction
        np.multiply(self._r_b, T, out=r)              # frozen resistivity a + b·T ...
        r += self._r_a
        np.subtract(self._r_liquid, r, out=tmp)       # ... blended toward unfrozen by f
        tmp *= f
        r += tmp
        gx, gy = self._gx, self._gy
        np.multiply(self._x_before, r[1:-1, :-1], out=gx)
        gx += self._x_after * r[1:-1, 1:]
        np.reciprocal(gx, out=gx)
        np.multiply(self._y_before, r[:-1, 1:-1], out=gy)
        gy += self._y_after * r[1:, 1:-1]
        np.reciprocal(gy, out=gy)

    def _rate(self, y: np.ndarray, out: np.ndarray) -> np.ndarray:
        """dy/dt: the enthalpy rate of every cell, then the two heat totals."""
        T = self._temperature(y[:self.size].reshape(self.padded_shape))
        self._conductances(T)
        f = self._f
        rows, cols = T[1:-1], T[:, 1:-1]
        fx, fy = self._fx, self._fy                   # heat flow across faces, toward +x, +y
        np.subtract(rows[:, :-1], rows[:, 1:], out=fx)
        fx *= self._gx
        np.subtract(cols[:-1], cols[1:], out=fy)
        fy *= self._gy
        net, src = self._net, self._src               # heat into each cell (W)
        np.subtract(fx[:, :-1], fx[:, 1:], out=net)
        net += fy[:-1]
        net -= fy[1:]
        np.multiply(self._perfusion, T[1:-1, 1:-1], out=src)  # blood and metabolism, only
        np.subtract(self._heating, src, out=src)               # where unfrozen (and free)
        src *= f[1:-1, 1:-1]
        out[self.size] = np.vdot(net, self._free)
        out[self.size + 1] = src.sum()
        dH = out[:self.size].reshape(self.padded_shape)[1:-1, 1:-1]
        np.add(net, src, out=dH)
        dH *= self._inv_volume_free
        return out

    def _check(self) -> None:
        """Stop with a clear error rather than draw a field that cannot be physical."""
        H = self.H
        if not np.isfinite(self.state).all():
            raise SolverError(f"the temperature became undefined (NaN) at t = {self.time:.1f} s")
        T = self._temperature(H)[1:-1, 1:-1]
        free = self._free > 0
        # Heat only flows from warm to cold: nothing may leave the range ever imposed on it.
        # A super-step is not strictly monotone, so a few kelvin beyond are accuracy, not
        # failure; an instability grows exponentially and passes any such margin at once.
        margin = max(5.0, 0.1 * (self._t_range[1] - self._t_range[0]))
        low, high = self._t_range[0] - margin, self._t_range[1] + margin
        bad = free & ((T < low) | (T > high))
        if bad.any():
            j, i = np.argwhere(bad)[0]
            raise SolverError(
                f"the temperature ran away to {T[j, i]:.1f} °C at t = {self.time:.1f} s, "
                f"x = {1e3 * self.mesh.x[i]:.1f} mm, y = {1e3 * self.mesh.y[j]:.1f} mm "
                f"(allowed {low:.0f} to {high:.0f} °C)")


def _thomas(lower, diag, upper, rhs):
    """All rows as one tridiagonal system (rows are uncoupled: lower[:, 0] = upper[:, -1] = 0)
    solved by LAPACK's gtsv when SciPy is there; else _thomas_numpy."""
    if _gtsv is None:
        return _thomas_numpy(lower, diag, upper, rhs)
    shape = diag.shape
    _, _, _, x, info = _gtsv(lower.ravel()[1:], diag.ravel(), upper.ravel()[:-1], rhs.ravel(),
                             True, True, True, True)
    return x.reshape(shape)


try:
    from scipy.linalg.lapack import dgtsv as _gtsv
except ImportError:  # pragma: no cover
    _gtsv = None


def _thomas_numpy(lower, diag, upper, rhs):
    """Solve many tridiagonal systems at once, one per row (Thomas algorithm, vectorised over
    rows): lower[:, 0] and upper[:, -1] are ignored. Stable without pivoting for the
    diagonally dominant M-matrices of an implicit heat step."""
    rows, n = diag.shape
    c = np.empty((rows, n))
    d = np.empty((rows, n))
    lower_t, diag_t, upper_t, rhs_t = lower.T, diag.T, upper.T, rhs.T
    c_t, d_t = c.T, d.T
    c_t[0] = upper_t[0] / diag_t[0]
    d_t[0] = rhs_t[0] / diag_t[0]
    for i in range(1, n):
        denominator = diag_t[i] - lower_t[i] * c_t[i - 1]
        c_t[i] = upper_t[i] / denominator
        d_t[i] = (rhs_t[i] - lower_t[i] * d_t[i - 1]) / denominator
    x_t = d_t
    for i in range(n - 2, -1, -1):
        x_t[i] -= c_t[i] * x_t[i + 1]
    return d


def _per_area(distance: np.ndarray, area: np.ndarray) -> np.ndarray:
    """distance / area for face arrays, 10²⁰ where a face has no area (no flow; small enough
    that 10²⁰ × an insulating resistivity still fits in float32)."""
    distance = np.broadcast_to(distance, np.broadcast_shapes(distance.shape, area.shape))
    result = np.full(area.shape, 1e20)
    np.divide(distance, area, out=result, where=area > 0)
    return result.astype(np.float32)


@functools.lru_cache(maxsize=None)
def _chebyshev(s: int) -> tuple[float, float, tuple[float, ...]]:
    """w0, w1 and b_j = 1/T_j(w0) for a damped first-order RKC step with s stages."""
    w0 = 1.0 + DAMPING / (s * s)
    t, u = [1.0, w0], [1.0, 2 * w0]            # Chebyshev T_j(w0) and U_j(w0)
    for _ in range(2, s + 1):
        t.append(2 * w0 * t[-1] - t[-2])
        u.append(2 * w0 * u[-1] - u[-2])
    w1 = t[s] / (s * u[s - 1])                  # T_s(w0) / T_s'(w0)
    return w0, w1, tuple(1.0 / tj for tj in t)


def _chebyshev_reach(s: int) -> float:
    """How far along the negative real axis an s-stage damped RKC1 step is stable."""
    w0, w1, _ = _chebyshev(s)
    return (1.0 + w0) / w1
