"""The heat-transfer solver: Pennes bioheat equation with phase change, in enthalpy form.

    ∂H/∂t = ∇·(k ∇T) + f_l · (ω_b ρ_b c_b (T_a − T) + q_m)

Finite volumes on a Mesh, implicit in time: each step is a backward-Euler step split by
direction (locally one-dimensional, LOD: the lines along one axis, then along the next), so
that every solve is a set of tridiagonal systems — one LAPACK call (gtsv) for all lines at once.
Along a line, the enthalpy–temperature curve is solved by Newton iterations that stop at a kink
of the curve (solidus, liquidus) and go on from there, and the conductivities, which depend on
temperature, are taken from the latest iterate (Picard), until no cell leaves its part of the
curve and the temperatures settle. Every converged system is an M-matrix equation in T: no cell
can leave the range of its neighbours, its old temperature and the arterial (source)
temperature — the discrete maximum principle, for any step. An explicit or super-time-stepping
scheme (this solver's predecessor, RKC1) let tissue next to a −150 °C probe undershoot by up to
23 K and aborted sound cases; see the README's measurements.

Fixed cells — ghost cells around the grid, cells inside a probe — hold a set temperature behind
a set thermal resistivity (0 for a metal surface, 1/h for a convective spray, very large for an
insulated shaft). Heat they give the tissue, and heat from blood and metabolism, is summed from
the very fluxes of each solve, so the energy balance can be checked exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.linalg.lapack import dgtsv

from .materials import CellProperties
from .mesh import Mesh

METAL = 1e-12        # resistivity of a fixed-temperature metal surface (m·K/W): no resistance
INSULATED = 1e12     # resistivity of an insulating surface: no heat passes
FIRST_STEP = 0.5     # s: the first step after a boundary changes, then each RAMP times longer
RAMP = 1.5           # (for accuracy only: any step is stable and monotone)
MAX_ITERATIONS = 12  # Newton–Picard iterations per sweep before the step is halved
SETTLED_K = 0.05     # a line has converged when no temperature moved more than this (K)


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
        fixed[(slice(1, -1),) * temperature.ndim] = False
        return cls(fixed, temperature, np.full(temperature.shape, resistivity))


class HeatSolver:
    """Advances the enthalpy field (J/m³, float64) of a mesh filled with materials."""

    def __init__(self, mesh: Mesh, props: CellProperties, initial_temperature):
        self.mesh = mesh
        self.props = props
        self.padded_shape = mesh.padded_shape
        self._inner = (slice(1, -1),) * len(mesh.shape)

        def pad(a):
            return np.pad(np.broadcast_to(np.asarray(a, dtype=float), mesh.shape), 1,
                          mode="edge")

        self._material = {
            "solidus": pad(props.solidus), "inv_cs": pad(props.inv_c_frozen),
            "inv_cl": pad(props.inv_c_unfrozen), "slope": pad(props.mushy_slope),
            "r_liquid": pad(props.r_unfrozen), "r_a": pad(props.r_frozen_a),
            "r_b": pad(props.r_frozen_b), "hl": pad(props.liquidus_enthalpy)}
        volume = mesh.volume[self._inner]
        self._perfusion = np.zeros(self.padded_shape)  # W/K, 0 outside free, living cells
        self._heating = np.zeros(self.padded_shape)    # W
        self._perfusion_full = props.perfusion * volume
        self._heating_full = props.heating * volume
        self._blood = np.ones(mesh.shape, dtype=bool)  # False where blood flow has stopped
        self.stasis = False  # if True, a cell's blood flow stops for good once it freezes
        self._faces = [mesh.face_resistance_factors(axis) for axis in range(len(mesh.shape))]
        t0 = np.broadcast_to(np.asarray(initial_temperature, dtype=float), mesh.shape)
        self.H = pad(props.enthalpy(np.array(t0)))
        self.time = 0.0
        self.heat_from_boundaries = 0.0   # J received through fixed cells so far
        self.heat_from_blood = 0.0        # J received from blood flow and metabolism so far
        self._t_range = (float(t0.min()), float(t0.max()))
        self.boundary: Boundary | None = None
        self._stack_version = 0
        self._stack_key: list = [None] * len(mesh.shape)
        self._stacks: list = [None] * len(mesh.shape)
        self._previous: list = [None] * len(mesh.shape)   # each axis's last change, and its dt

    # -- reading the state --------------------------------------------------------------------

    def stored_heat(self) -> float:
        """Σ V·H over the free cells (J): what the boundaries and blood have changed."""
        return float((self.H * self.mesh.volume)[~self.boundary.fixed].sum())

    def temperature(self) -> np.ndarray:
        """Temperature of the grid's cells (°C), without the ghost ring."""
        return self._temperature(self.H, self._coefficients())[self._inner]

    def unfrozen_fraction(self) -> np.ndarray:
        hl = self._material["hl"]
        return np.clip(self.H / hl, 0.0, 1.0)[self._inner]

    def _coefficients(self) -> dict[str, np.ndarray]:
        return self._phase if self.boundary is not None else self._material

    @staticmethod
    def _temperature(H: np.ndarray, c: dict[str, np.ndarray]) -> np.ndarray:
        """Piecewise-linear T(H): frozen, mushy, unfrozen (flat at the imposed temperature in
        fixed cells, whose coefficients are zero)."""
        hl = c["hl"]
        return (c["solidus"] + np.minimum(H, 0.0) * c["inv_cs"]
                + np.clip(H, 0.0, hl) * c["slope"] + np.maximum(H - hl, 0.0) * c["inv_cl"])

    # -- boundaries and blood -----------------------------------------------------------------

    def set_boundary(self, boundary: Boundary) -> None:
        """Impose fixed cells. Any change, however small, starts again with short steps."""
        self.boundary = Boundary(boundary.fixed, boundary.temperature.astype(float),
                                 boundary.resistivity.astype(float))
        imposed = boundary.temperature[boundary.fixed]
        self._t_range = (min(self._t_range[0], float(imposed.min())),
                         max(self._t_range[1], float(imposed.max())))
        fixed, m = boundary.fixed, self._material
        # Fixed cells: a flat temperature curve at the imposed value and the imposed
        # resistivity, so the line solves need no special cases.
        self._phase = {name: np.where(fixed, 0.0, m[name])
                       for name in ("inv_cs", "inv_cl", "slope", "r_b")}
        self._phase["hl"] = m["hl"]
        self._phase["solidus"] = np.where(fixed, self.boundary.temperature, m["solidus"])
        self._phase["r_a"] = np.where(fixed, self.boundary.resistivity, m["r_a"])
        self._phase["r_liquid"] = np.where(fixed, self.boundary.resistivity, m["r_liquid"])
        self._free = ~fixed
        self._sources()
        self._next_step = FIRST_STEP
        self._previous = [None] * len(self.mesh.shape)

    def _sources(self) -> None:
        live = self._free[self._inner] & self._blood
        self._perfusion[self._inner] = self._perfusion_full * live
        self._heating[self._inner] = self._heating_full * live
        self._stack_version += 1   # the line stacks are made again

    def stop_blood_flow(self, cells: np.ndarray) -> None:
        """Blood no longer reaches these cells (grid shape, bool): small vessels have clotted
        after freezing, so neither perfusion nor metabolism warms them again."""
        self._blood &= ~cells
        if self.boundary is not None:
            self._sources()

    def refill(self, cells: np.ndarray, temperature: np.ndarray) -> None:
        """Give cells (grid shape, bool) new tissue at these temperatures: a probe track
        filling in."""
        self.H[self._inner][cells] = self.props.enthalpy(temperature)[cells]

    # -- time stepping ------------------------------------------------------------------------

    def advance(self, duration: float, max_step: float, on_step=None) -> int:
        """Advance by a duration in steps of at most max_step; returns the line iterations used
        (the work done, for the budget). After every change of boundary, steps start at
        FIRST_STEP and grow by RAMP. on_step(temperature), if given, sees the grid's
        temperature after every step."""
        end, work = self.time + duration, 0
        while self.time < end - 1e-9:
            dt = min(self._next_step, max_step, end - self.time)
            work += self.step(dt)
            self._next_step = min(max_step, max(self._next_step, dt) * RAMP)
            if on_step or self.stasis:
                temperature = self.temperature()
                if self.stasis:
                    self._stop_where_frozen(temperature)
                if on_step:
                    on_step(temperature)
        return work

    def _stop_where_frozen(self, temperature: np.ndarray) -> None:
        frozen = self._blood & (temperature <= self._material["solidus"][self._inner])
        if frozen.any():
            self.stop_blood_flow(frozen)

    def step(self, dt: float) -> int:
        """One backward-Euler step of dt, line by line along each axis in turn (measured: in
        this order, and not alternating it, the liver's lethal zone at 10 s steps is within 1 %
        of 1 s steps). The blood and metabolic sources go with the last axis (x: the radius,
        along which the one-dimensional cases lie, so their steady states are exact). A sweep
        that does not converge is retried as two half steps."""
        saved = self.H.copy(), self.heat_from_boundaries, self.heat_from_blood
        last = self.H.ndim - 1
        try:
            work = sum(self._sweep(dt, axis, sources=axis == last) for axis in range(last + 1))
        except _NotConverged:
            self.H[...], self.heat_from_boundaries, self.heat_from_blood = saved
            self._check()   # an undefined value is said as such
            if dt < 1e-3:
                raise SolverError(f"the step did not converge at t = {self.time:.1f} s") from None
            return self.step(0.5 * dt) + self.step(0.5 * dt)
        self.time += dt
        self._check()
        return work

    def _lines(self, a: np.ndarray, axis: int) -> np.ndarray:
        """The lines of a padded array along an axis, ghost ends included, one per row (a
        copy): the other axes' ghost layers are left out (they are all fixed)."""
        moved = np.moveaxis(a, axis, -1)[(slice(1, -1),) * (a.ndim - 1)]
        return moved.reshape(-1, moved.shape[-1])

    def _put_lines(self, lines: np.ndarray, axis: int) -> None:
        moved = np.moveaxis(self.H, axis, -1)[(slice(1, -1),) * (self.H.ndim - 1)]
        moved[...] = lines.reshape(moved.shape)

    # The rows of a line stack (see _line_stack): the coefficients of every cell of a line.
    _ROWS = ("solidus", "inv_cs", "inv_cl", "slope", "hl", "r_a", "r_b", "r_liquid",
             "volume", "free", "perfusion", "heating", "settled")

    def _line_stack(self, axis: int) -> tuple[np.ndarray, np.ndarray]:
        """This phase's coefficients as lines along an axis, stacked (rows as _ROWS), and the
        faces' resistance factors (before, after), made once per phase and axis."""
        key = (axis, self._stack_version)
        if self._stack_key[axis] != key:
            c = self._phase
            # A cell that passes a kink by less than this (J/m³, 10⁻⁴ K) has settled there.
            settled = 1e-4 / np.maximum(np.maximum(c["inv_cs"], c["inv_cl"]), 1e-30)
            values = {**c, "volume": self.mesh.volume, "free": self._free.astype(float),
                      "perfusion": self._perfusion, "heating": self._heating,
                      "settled": settled}
            self._stacks[axis] = (np.stack([self._lines(values[n], axis) for n in self._ROWS]),
                                  np.stack([self._lines(f, axis) for f in self._faces[axis]]))
            self._stack_key[axis] = key
        return self._stacks[axis]

    def _sweep(self, dt: float, axis: int, sources: bool) -> int:
        """A backward-Euler step of dt with the fluxes along one axis (and the blood and
        metabolic sources if `sources`): every line solved to convergence. Returns the number
        of line iterations."""
        stack, faces = self._line_stack(axis)
        H_old = self._lines(self.H, axis)
        H = H_old.copy()
        previous = self._previous[axis]
        if previous is not None and previous[0].shape == H.shape:
            # Start from the last step's change, scaled to this step: near a moving front
            # the cells then begin on the right part of their curve (fewer iterations; the
            # solution is the same).
            H += previous[0] * (dt / previous[1])
        if sources:  # lagged in the unfrozen fraction: no blood where ice was
            f_old = np.clip(H_old / stack[4], 0.0, 1.0) * dt
            sources = (stack[10] * f_old, stack[11] * f_old)
        todo = None   # the lines still iterating (None: all)
        work = 0
        for _ in range(MAX_ITERATIONS):
            if todo is None:
                k, (before, after), Hk, Ho = stack, faces, H, H_old
                perf, heat = sources if sources else (0.0, 0.0)
            else:
                k, (before, after), Hk, Ho = stack[:, todo], faces[:, todo], H[todo], H_old[todo]
                perf, heat = (sources[0][todo], sources[1][todo]) if sources else (0.0, 0.0)
            sol, inv_cs, inv_cl, slope, hl, r_a, r_b, r_liquid, V, fr, _, _, settled = k
            work += len(Hk)
            fixed = fr == 0.0
            piece = (Hk >= 0).view(np.int8) + (Hk > hl).view(np.int8)  # frozen, mushy, unfrozen
            below = np.minimum(Hk, 0.0)
            mushy = np.clip(Hk, 0.0, hl)
            Tk = sol + below * inv_cs + mushy * slope + (Hk - below - mushy) * inv_cl
            inv_c = np.where(Hk < 0, inv_cs, np.where(Hk > hl, inv_cl, slope))
            # Conductances from this iterate's temperatures (r = 1/k blended by how unfrozen).
            r_frozen = r_a + r_b * Tk
            r = r_frozen + (mushy / hl) * (r_liquid - r_frozen)
            g = dt / (before * r[:, :-1] + after * r[:, 1:])
            C = V / np.maximum(inv_c, 1e-30) * fr                    # V dH/dT, 0 if fixed
            lower = np.zeros_like(Hk)
            upper = np.zeros_like(Hk)
            lower[:, 1:] = -g
            upper[:, :-1] = -g
            # Rows of fixed cells say T = T_fixed; their neighbours' rows carry the coupling.
            lower[fixed] = upper[fixed] = 0.0
            diag = C - lower - upper + perf
            diag[fixed] = 1.0
            rhs = C * Tk - V * (Hk - Ho) + heat
            rhs[fixed] = Tk[fixed]
            T_new = _solve(lower, diag, upper, rhs)
            H_new = Hk + (T_new - Tk) * C / V
            # Cells that left their part of the curve stop at its end, just across it.
            new_piece = (H_new >= 0).view(np.int8) + (H_new > hl).view(np.int8)
            up, down = new_piece > piece, new_piece < piece
            kink = np.where(up, np.where(piece == 0, 0.0, hl), np.where(piece == 2, hl, 0.0))
            crossed = (up | down) & (np.abs(H_new - kink) > settled)
            unsettled = crossed.any(axis=1)
            if unsettled.any():
                tiny = 1e-7 * np.maximum(hl, 1.0)
                H_new = np.where(crossed, kink + np.where(up, tiny, -tiny), H_new)
            # A line whose cells stayed unfrozen has constant coefficients: its solve is exact.
            linear = (piece + fixed == 2).all(axis=1) & (new_piece + fixed == 2).all(axis=1)
            moved = np.abs(T_new - Tk).max(axis=1, where=~fixed, initial=0.0)
            done = ~unsettled & (linear | (moved < SETTLED_K))
            if todo is None:
                H[...] = H_new
                todo = np.arange(len(H))
            else:
                H[todo] = H_new
            if done.any():
                self._account(T_new[done], fr[done] > 0, g[done],
                              perf[done] if sources else 0.0, heat[done] if sources else 0.0)
            todo = todo[~done]
            if not len(todo):
                break
        else:
            raise _NotConverged
        self._previous[axis] = (H - H_old, dt)
        self._put_lines(H, axis)
        return work

    def _account(self, T, free, g, perf, heat) -> None:
        """Add the heat that converged lines received, from the same fluxes as their solve:
        across faces from fixed cells into free ones, and from blood and metabolism."""
        flow = g * (T[:, :-1] - T[:, 1:])      # J across each face, toward the line's end
        into_free_after = ~free[:, :-1] & free[:, 1:]
        into_free_before = free[:, :-1] & ~free[:, 1:]
        self.heat_from_boundaries += float(flow[into_free_after].sum()
                                           - flow[into_free_before].sum())
        self.heat_from_blood += float(np.where(free, heat - perf * T, 0.0).sum())

    def _check(self) -> None:
        """Stop with a clear error rather than draw a field that cannot be physical."""
        if not np.isfinite(self.H).all():
            raise SolverError(f"the temperature became undefined (NaN) at t = {self.time:.1f} s")
        T = self.temperature()
        free = self._free[self._inner]
        # Heat only flows from warm to cold: nothing may leave the range ever imposed on it
        # (a small margin for round-off: the scheme itself cannot).
        low, high = self._t_range[0] - 0.5, self._t_range[1] + 0.5
        bad = free & ((T < low) | (T > high))
        if bad.any():
            where = np.argwhere(bad)[0]
            place = ", ".join(f"{1e3 * centre[i]:.1f} mm" for centre, i in
                              zip(self.mesh.centres(), where))
            raise SolverError(
                f"the temperature ran away to {T[tuple(where)]:.1f} °C at "
                f"t = {self.time:.1f} s, at ({place}) (allowed {low:.0f} to {high:.0f} °C)")


def _solve(lower: np.ndarray, diag: np.ndarray, upper: np.ndarray, rhs: np.ndarray):
    """Every row as a tridiagonal system, all in one LAPACK gtsv call: the rows are uncoupled
    because each starts and ends with a fixed (ghost) cell, whose off-diagonals are zero."""
    _, _, _, x, info = dgtsv(lower.ravel()[1:], diag.ravel(), upper.ravel()[:-1], rhs.ravel(),
                             True, True, True, True)
    if info != 0:
        raise _NotConverged
    return x.reshape(diag.shape)
