"""The heat-transfer solver: Pennes bioheat equation with phase change, in enthalpy form.

    ∂H/∂t = ∇·(k ∇T) + f_l · (ω_b ρ_b c_b (T_a − T) + q_m)

Finite volumes on a Mesh (a plane, around an axis, or a box in three dimensions), implicit in
time: each step is one backward-Euler step of the whole grid, solved in passes. A pass solves
the lines along each axis in turn — tridiagonal systems, all lines in one LAPACK call (gtsv) —
with the flow along the other axes taken from the latest iterate (each cell's own part kept
implicit); along a line, Newton iterations stop at the kinks of the enthalpy–temperature curve
(solidus, liquidus) and go on from there, and the conductivities, which depend on temperature,
come from the latest iterate. After a pass, a correction on blocks of a few cells (a sparse LU)
removes the smooth errors that line solves leave. Every solved system is an M-matrix equation
in T and every guess is kept within the imposed range, so no cell can leave the range of its
neighbours, its old temperature and the sources — the discrete maximum principle, for any step.
The explicit super-time-stepping scheme used before (RKC1) let tissue next to a −150 °C probe
undershoot by up to 23 K and aborted sound cases; plain line splitting (one pass) is monotone
but grew the ice 2–3 times further along one axis than the other at steps of seconds; see the
README's measurements.

Fixed cells — ghost cells around the grid, cells inside a probe — hold a set temperature behind
a set thermal resistivity (0 for a metal surface, 1/h for a convective spray, very large for an
insulated shaft). Heat they give the tissue, and heat from blood and metabolism, is summed from
the very fluxes of each solve, so the energy balance can be checked exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .materials import CellProperties
from .mesh import Mesh

METAL = 1e-12        # resistivity of a fixed-temperature metal surface (m·K/W): no resistance
INSULATED = 1e12     # resistivity of an insulating surface: no heat passes
FIRST_STEP = 0.5     # s: the first step after a boundary changes, then each RAMP times longer
RAMP = 1.5           # (for accuracy only: any step is stable and monotone)
MAX_ITERATIONS = 6   # Newton–Picard iterations per line in one pass
SETTLED_K = 0.05     # a line has converged when no temperature moved more than this (K)
MAX_PASSES = 30      # passes over all axes before the step is halved
BLOCK = {2: 4, 3: 3}  # cells a side of the coarse correction's blocks, by dimensions
PASS_K = 0.1        # the step has converged when no cell's imbalance is worth more (K)


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
        self._faces_last = [tuple(_last(f, axis) for f in faces)
                            for axis, faces in enumerate(self._faces)]
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
        self._change = None   # the last step's change of H, and its dt (the next's guess)
        self._blocks = None
        self._pattern = None   # the block correction's matrix layout (_block_pattern)
        self._change_dt = 1.0
        self._halved = False          # the last step was halved to converge …
        self._converged_step = 0.0    # … at this size

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
        self._pattern = None
        low, high = (np.pad(self.props.enthalpy(np.full(self.mesh.shape, t)), 1, mode="edge")
                     for t in self._t_range)
        self._enthalpy_range = (np.where(fixed, -np.inf, low), np.where(fixed, np.inf, high))
        self._sources()
        self._next_step = FIRST_STEP
        self._change = None

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
            self._halved = False
            work += self.step(dt)
            # A step that had to be halved goes on at the size that converged, without
            # growing: each failed attempt costs MAX_PASSES passes.
            self._next_step = (self._converged_step if self._halved
                               else min(max_step, max(self._next_step, dt) * RAMP))
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
        """One backward-Euler step of dt for the whole grid, solved by passes of line solves:
        along each axis in turn, with the heat flowing along the other axes taken from the
        latest iterate, then a correction by blocks, until every line has converged and no
        cell's imbalance is worth more than PASS_K (_coarse_correction). A step that does not
        converge in MAX_PASSES is retried as two half steps."""
        if not np.isfinite(self.H).all():
            self._check()   # says so
        H_start = self.H.copy()
        saved = H_start, self.heat_from_boundaries, self.heat_from_blood
        if self._change is not None:
            # Start from the last step's change, scaled to this step: near a moving front
            # the cells then begin on the right part of their curve (fewer iterations; the
            # solution is the same).
            self.H += self._change * (dt / self._change_dt)
            self._keep_in_range()
        work = 0
        try:
            for _ in range(MAX_PASSES):
                settled = True
                for axis in range(self.H.ndim):
                    lines, converged = self._sweep(dt, axis, H_start)
                    work += lines
                    settled &= converged
                if self._coarse_correction(dt, H_start, settled):
                    break
            else:
                raise _NotConverged
        except _NotConverged:
            self.H[...], self.heat_from_boundaries, self.heat_from_blood = saved
            self._change = None
            self._check()   # an undefined value is said as such
            if dt < 1e-3:
                raise SolverError(f"the step did not converge at t = {self.time:.1f} s") from None
            self._halved = True
            return self.step(0.5 * dt) + self.step(0.5 * dt)
        self._converged_step = dt
        self._change, self._change_dt = self.H - H_start, dt
        self._account(dt, H_start)
        self.time += dt
        self._check()
        return work

    def _coarse_correction(self, dt: float, H_start: np.ndarray, settled: bool) -> bool:
        """True if the iterate solves the step (its lines `settled`, and no cell's imbalance
        worth more than PASS_K of its temperature); else correct it on a grid of blocks of a
        few cells per axis (_block_index): the linearised step equations summed over each
        block, solved at once (SciPy's sparse LU), each block's temperature error added to its
        cells. Line
        solves remove errors that vary quickly along a line; this removes the smooth ones they
        leave (a two-level method)."""
        c = self._phase
        H, free = self.H, self._free
        T = self._temperature(H, c)
        r = self._resistivity(H, T)
        inv_c = np.where(H < 0, c["inv_cs"], np.where(H > c["hl"], c["inv_cl"], c["slope"]))
        V = self.mesh.volume
        unfrozen = np.clip(H_start / c["hl"], 0.0, 1.0) * dt
        capacity = np.where(free, V / np.maximum(inv_c, 1e-30) + self._perfusion * unfrozen, 0.0)
        residual = -V * (H - H_start) + (self._heating - self._perfusion * T) * unfrozen
        blocks, count = self._block_index()
        pattern = self._block_pattern()
        conductance = np.zeros_like(T)
        diagonal = np.bincount(blocks[free], capacity[free], minlength=count)
        couplings = []
        for axis in range(T.ndim):
            T_m = _last(T, axis)
            g = self._conductances(axis, r) * dt
            flow = g * (T_m[..., :-1] - T_m[..., 1:])
            res = _last(residual, axis)
            res[..., 1:] += flow
            res[..., :-1] -= flow
            total = _last(conductance, axis)
            total[..., 1:] += g
            total[..., :-1] += g
            # A face out of a block: its conductance on that block's diagonal; a face
            # between two blocks: also off the diagonal, both ways.
            out_left, out_right, between = pattern.faces[axis]
            diagonal += np.bincount(pattern.outward_block[axis],
                                    np.concatenate([g[out_left], g[out_right]]), minlength=count)
            couplings.append(g[between])
        error = np.abs(residual[free]) / (capacity[free] + conductance[free])   # K
        if settled and error.max(initial=0.0) < PASS_K:
            return True
        diagonal[diagonal == 0] = 1.0   # a block of fixed cells only: nothing to correct
        from scipy import sparse   # SciPy loads when a treatment is first computed
        from scipy.sparse.linalg import spsolve

        couplings = np.concatenate(couplings)
        values = np.bincount(pattern.entry, np.concatenate([-couplings, -couplings, diagonal]),
                             minlength=len(pattern.indices))
        matrix = sparse.csc_matrix((values, pattern.indices, pattern.indptr), shape=(count, count))
        rhs = np.bincount(blocks[free], residual[free], minlength=count)
        correction = spsolve(matrix, rhs)
        H[free] += correction[blocks[free]] / np.maximum(inv_c, 1e-30)[free]
        self._keep_in_range()
        return False

    def _keep_in_range(self) -> None:
        """Bring a guessed iterate (extrapolated, or corrected by blocks) back within the range
        of temperatures anything imposes: the line solves that follow then keep every cell
        within it, so the maximum principle holds for every iterate, not only the last."""
        np.clip(self.H, *self._enthalpy_range, out=self.H)

    def _block_index(self) -> tuple[np.ndarray, int]:
        """Each padded cell's block (ghost cells: block 0, never used as they are fixed):
        BLOCK[dimensions] cells a side, measured fastest (a plane: 4 × 4; three dimensions:
        3 × 3 × 3, about a thousand blocks for the four probes)."""
        if self._blocks is None:
            shape = self.mesh.shape
            size = BLOCK[len(shape)]
            index = np.indices(shape) // size
            counts = [-(-n // size) for n in shape]
            blocks = np.ravel_multi_index(tuple(index), counts)
            self._blocks = (np.pad(blocks, 1), int(np.prod(counts)))
        return self._blocks

    def _block_pattern(self) -> _BlockPattern:
        """Where the block correction's matrix has its entries, for the present fixed cells
        (made once per boundary): which faces add to which block's diagonal, which couple two
        blocks, and the matrix's compressed-column layout, so that each pass only sums
        values into it."""
        if self._pattern is None:
            blocks, count = self._block_index()
            faces, outward_block, rows, cols = [], [], [], []
            for axis in range(blocks.ndim):
                f_m, b_m = _last(self._free, axis), _last(blocks, axis)
                left, right = f_m[..., :-1], f_m[..., 1:]
                bl, br = b_m[..., :-1], b_m[..., 1:]
                apart = bl != br
                out_left, out_right = left & (~right | apart), right & (~left | apart)
                between = left & right & apart
                faces.append((out_left, out_right, between))
                outward_block.append(np.concatenate([bl[out_left], br[out_right]]))
                rows.append(bl[between])
                cols.append(br[between])
            rows, cols = np.concatenate(rows), np.concatenate(cols)
            diagonal = np.arange(count)
            # Entries in the order the values come: couplings both ways, then the diagonal.
            key = np.concatenate([cols * count + rows, rows * count + cols,
                                  diagonal * count + diagonal])
            unique, entry = np.unique(key, return_inverse=True)   # column by column
            indptr = np.concatenate([[0], np.cumsum(np.bincount(unique // count,
                                                                minlength=count))])
            self._pattern = _BlockPattern(faces, outward_block, entry, unique % count, indptr)
        return self._pattern

    def _resistivity(self, H: np.ndarray, T: np.ndarray) -> np.ndarray:
        """Each cell's thermal resistivity: frozen (a + b·T) blended toward unfrozen by its
        unfrozen fraction."""
        c = self._phase
        frozen = c["r_a"] + c["r_b"] * T
        return frozen + np.clip(H / c["hl"], 0.0, 1.0) * (c["r_liquid"] - frozen)

    def _conductances(self, axis: int, r: np.ndarray) -> np.ndarray:
        """Conductance (W/K) of every face normal to an axis, from the cells' resistivities;
        that axis last (_last), as the callers walk it."""
        before, after = self._faces_last[axis]
        r_m = _last(r, axis)
        return 1.0 / (before * r_m[..., :-1] + after * r_m[..., 1:])

    def _flows(self, axis: int, T: np.ndarray, r: np.ndarray) -> np.ndarray:
        """Heat flow (W) across every face normal to an axis, toward +axis (axis last)."""
        T_m = _last(T, axis)
        return self._conductances(axis, r) * (T_m[..., :-1] - T_m[..., 1:])

    def _cross_flow(self, axis: int) -> tuple[np.ndarray, np.ndarray]:
        """For every cell, from the faces of the other axes at the latest iterate: the sum of
        their conductances (W/K) and the heat they would bring from the neighbours alone
        (W, Σ g·T_neighbour) — so that a line solve keeps the cell's own part implicit."""
        T = self._temperature(self.H, self._phase)
        r = self._resistivity(self.H, T)
        conductance, inflow = np.zeros_like(T), np.zeros_like(T)
        for other in range(T.ndim):
            if other != axis:
                T_m = _last(T, other)
                g = self._conductances(other, r)
                c, i = _last(conductance, other), _last(inflow, other)
                c[..., 1:] += g
                c[..., :-1] += g
                i[..., 1:] += g * T_m[..., :-1]
                i[..., :-1] += g * T_m[..., 1:]
        return conductance, inflow

    def _account(self, dt: float, H_start: np.ndarray) -> None:
        """Add the heat the step received: through faces from fixed cells into free ones,
        and from blood and metabolism, at the step's solution."""
        T = self._temperature(self.H, self._phase)
        r = self._resistivity(self.H, T)
        free = self._free
        for axis in range(T.ndim):
            flow = self._flows(axis, T, r)
            f = _last(free, axis)
            into = np.where(~f[..., :-1] & f[..., 1:], flow, 0.0).sum() \
                - np.where(f[..., :-1] & ~f[..., 1:], flow, 0.0).sum()
            self.heat_from_boundaries += float(into) * dt
        unfrozen = np.clip(H_start / self._phase["hl"], 0.0, 1.0)
        self.heat_from_blood += float(((self._heating - self._perfusion * T) * unfrozen)
                                      [free].sum()) * dt

    def _lines(self, a: np.ndarray, axis: int) -> np.ndarray:
        """The lines of a padded array along an axis, ghost ends included, one per row (a
        copy): the other axes' ghost layers are left out (they are all fixed)."""
        moved = _last(a, axis)[(slice(1, -1),) * (a.ndim - 1)]
        return moved.reshape(-1, moved.shape[-1])

    def _put_lines(self, lines: np.ndarray, axis: int) -> None:
        moved = _last(self.H, axis)[(slice(1, -1),) * (self.H.ndim - 1)]
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

    def _sweep(self, dt: float, axis: int, H_start: np.ndarray) -> int:
        """Solve the step's equations along the lines of one axis, the flow along the other
        axes held at the latest iterate: every line to convergence. Returns the number of line
        iterations."""
        stack, faces = self._line_stack(axis)
        H = self._lines(self.H, axis)
        H_old = self._lines(H_start, axis)
        conductance, inflow = (self._lines(a, axis) * dt for a in self._cross_flow(axis))
        # Blood and metabolism, lagged in the unfrozen fraction: no blood where ice was.
        f_old = np.clip(H_old / stack[4], 0.0, 1.0) * dt
        sources = (stack[10] * f_old + conductance, stack[11] * f_old + inflow)
        todo = None   # the lines still iterating (None: all)
        work = 0
        for _ in range(MAX_ITERATIONS):
            if todo is None:
                k, (before, after), Hk, Ho = stack, faces, H, H_old
                perf, heat = sources
            else:
                k, (before, after), Hk, Ho = stack[:, todo], faces[:, todo], H[todo], H_old[todo]
                perf, heat = sources[0][todo], sources[1][todo]
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
            todo = todo[~done]
            if not len(todo):
                break
        # Lines left unconverged are taken up again by the next pass (the step converges as
        # a whole: see step).
        self._put_lines(H, axis)
        return work, not len(todo)

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


class _BlockPattern(NamedTuple):
    faces: list          # per axis: faces out of the left cell's block, out of the right
                         # cell's, and between two blocks (boolean masks over the faces)
    outward_block: list  # per axis: the block whose diagonal each outward face adds to
    entry: np.ndarray    # each value's place among the matrix's stored entries
    indices: np.ndarray  # the matrix's compressed-column layout
    indptr: np.ndarray


def _last(a: np.ndarray, axis: int) -> np.ndarray:
    """A view of an array with an axis moved last, the others in order: np.moveaxis, without
    its argument checks (called thousands of times per run on small grids)."""
    order = [i for i in range(a.ndim) if i != axis]
    return a.transpose(order + [axis])


def _solve(lower: np.ndarray, diag: np.ndarray, upper: np.ndarray, rhs: np.ndarray):
    """Every row as a tridiagonal system, all in one LAPACK gtsv call: the rows are uncoupled
    because each starts and ends with a fixed (ghost) cell, whose off-diagonals are zero."""
    from scipy.linalg.lapack import dgtsv   # SciPy loads when a treatment is first computed

    _, _, _, x, info = dgtsv(lower.ravel()[1:], diag.ravel(), upper.ravel()[:-1], rhs.ravel(),
                             True, True, True, True)
    if info != 0:
        raise _NotConverged
    return x.reshape(diag.shape)
