"""What a scenario's run will cost, known before it runs: computing time here, and memory.

A file could otherwise ask for a run that never ends (a day of body time on a fine grid) or
that fills the memory with frames (a frame every microsecond). The estimate follows the solver's
own stepping: its stable explicit step for this grid and these materials (HeatSolver computes it
when a phase's boundary is set), then, phase by phase and frame by frame, the same sequence of
monotone start steps and growing RKC super-steps that Simulation.frames() will take, each with
the stage count the solver will choose. Time is evaluations × (a fixed cost + a cost per cell),
measured on the reference 2-core machine; memory is the frames' arrays plus the per-step series.

    estimate(scenario).problems()   # [] if it fits; else the figure it would have needed
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..files import Problem, toml_line
from ..physics.mesh import graded_faces
from ..physics.solver import RAMP, START_STEPS, HeatSolver
from .geometry import Geometry
from .spec import MM, Scenario

MAX_SECONDS = 60.0          # of computing, estimated, on the reference machine
MAX_MEMORY = 500e6          # bytes of frames and series kept for the run
MAX_CELLS = 200_000         # checked before anything is allocated (the liver has 12,800)
# One evaluation of the operator (benchmarks/solver.py, 2 cores): about 53 µs + 9.3 ns a cell,
# measured over whole runs (liver 12,800 cells: 7,038 evaluations in 1.21 s; skin 3,264 cells:
# 4,817 in 0.40 s; three probes 25,600 cells: 6,010 in 1.70 s). Rounded up for a busy machine:
EVALUATION_S = 60e-6
CELL_EVALUATION_S = 14e-9     # (12.2 ns measured on a 102,400-cell grid: 37,605 in 46.8 s)
FRAME_BYTES_PER_CELL = 4 + 1 + 1 / 8   # float32 temperature, uint8 frozen, a destroyed bit
FRAME_OVERHEAD = 1000                  # the Frame object and its small arrays
STEP_BYTES = 4 * 32                    # four Python floats in the run's per-step series
MIN_FRAMES = 10                        # as Simulation: at least this many frames a phase


@dataclass(frozen=True)
class Estimate:
    scenario: Scenario = field(repr=False)
    cells: int
    frames: int = 0
    steps: int = 0
    evaluations: int = 0
    seconds: float = 0.0
    memory: float = 0.0              # bytes
    tumour_cells: int = -1           # -1: not known (the grid was not built)

    def problems(self) -> list[Problem]:
        s = self.scenario
        text = _text(s)
        found = []
        if self.cells > MAX_CELLS:
            found.append(Problem(s.path, toml_line(text, "cell_mm", "grid"),
                                 f"field 'grid.cell_mm' makes a grid of about {self.cells:,} "
                                 f"cells; the limit is {MAX_CELLS:,}: use a larger cell_mm or "
                                 "a smaller grid"))
            return found
        if self.tumour_cells == 0:
            found.append(Problem(s.path, toml_line(text, "radius_mm", "tumour"),
                                 "field 'tumour.radius_mm' leaves no tissue in the tumour (the "
                                 "probe fills it): use a larger tumour or a thinner probe"))
        if self.seconds > MAX_SECONDS:
            found.append(Problem(s.path, toml_line(text, "cell_mm", "grid"),
                                 f"needs about {_duration(self.seconds)} of computing "
                                 f"({self.evaluations:,} evaluations of {self.cells:,} cells); "
                                 f"the limit is {MAX_SECONDS:g} s: use a larger cell_mm, a "
                                 "smaller grid or shorter phases"))
        if self.memory > MAX_MEMORY:
            found.append(Problem(s.path, toml_line(text, "frame_s", "protocol"),
                                 f"needs about {_size(self.memory)} of frames ({self.frames:,} "
                                 f"frames of {self.cells:,} cells); the limit is "
                                 f"{_size(MAX_MEMORY)}: use a larger frame_s or shorter phases"))
        return found


def estimate(scenario: Scenario, geometry: Geometry | None = None) -> Estimate:
    """The run's cost, without running it (a few milliseconds: it builds the grid and asks the
    solver for its stable step, but computes no field)."""
    s, protocol = scenario, scenario.protocol
    phases = protocol.phases()
    cells = _cells_before_building(s)
    if cells > MAX_CELLS:
        return Estimate(s, cells)
    geometry = geometry or Geometry(s)
    cells = geometry.mesh.shape[0] * geometry.mesh.shape[1]
    solver = HeatSolver(geometry.mesh, geometry.props, geometry.initial_temperature())
    frames, steps, evaluations = 1, 0, 0
    if geometry.settle_time:
        solver.set_boundary(geometry.boundary(phases[0]))
        settle = _PhaseCost(solver)
        settle.advance(geometry.settle_time, 120.0)
        steps, evaluations = settle.steps, settle.evaluations
    stiffest = None   # once anything has frozen, every later phase is as stiff as a freeze
    for phase in phases:
        if phase.kind == "freeze" and stiffest is None:
            solver.set_boundary(geometry.boundary(phase))
            stiffest = _PhaseCost(solver)
        if stiffest is None:
            solver.set_boundary(geometry.boundary(phase))
            cost = _PhaseCost(solver)
        else:
            cost = stiffest.restart()
        count = max(MIN_FRAMES, math.ceil(phase.duration / protocol.frame - 1e-9))
        frames += count
        for _ in range(count):
            cost.advance(phase.duration / count, protocol.max_step)
        steps += cost.steps
        evaluations += cost.evaluations
    seconds = evaluations * (EVALUATION_S + cells * CELL_EVALUATION_S)
    frame_bytes = cells * FRAME_BYTES_PER_CELL + FRAME_OVERHEAD
    memory = frames * frame_bytes + steps * STEP_BYTES
    return Estimate(s, cells, frames, steps, evaluations, seconds, memory,
                    int(np.count_nonzero(geometry.tumour)))


class _PhaseCost:
    """HeatSolver.advance's sequence of steps, counted without computing them."""

    def __init__(self, solver: HeatSolver, stable: float | None = None, stages=None):
        self.solver = solver
        self.stable = stable if stable is not None else solver._stable_step  # noqa: SLF001
        self._stages = stages if stages is not None else {}
        self.start_steps, self.next_step = START_STEPS, self.stable
        self.steps = self.evaluations = 0
        self.time = 0.0

    def restart(self) -> _PhaseCost:
        """The same phase stiffness, counted afresh (a new boundary restarts the ramp)."""
        return _PhaseCost(self.solver, self.stable, self._stages)

    def stages(self, dt: float) -> int:
        key = round(dt, 9)
        if key not in self._stages:
            needed = 2.0 * dt / (0.9 * self.stable)
            self._stages[key] = _stages_for(needed)
        return self._stages[key]

    def advance(self, duration: float, max_step: float) -> None:
        end = self.time + duration
        while self.time < end - 1e-9:
            if self.start_steps:
                self.start_steps -= 1
                dt = min(self.stable, end - self.time)
                self.evaluations += 1
            else:
                step = min(self.next_step, max_step)
                dt = min(step, end - self.time)
                self.evaluations += self.stages(dt)
                self.next_step = min(max_step, step * RAMP)
            self.time += dt
            self.steps += 1


def _stages_for(needed: float) -> int:
    """The solver's stage count for a step that must reach `needed` (HeatSolver.stages_for)."""
    from ..physics.solver import _chebyshev_reach

    s = max(1, int(math.sqrt(max(needed, 0.0) / 2.0)) - 1)   # the reach grows about as 2 s²
    while s > 1 and _chebyshev_reach(s - 1) >= needed:
        s -= 1
    while _chebyshev_reach(s) < needed:
        s += 1
    return s


def _cells_before_building(s: Scenario) -> int:
    """About how many cells the grid will have (an upper bound), from the numbers alone."""
    g = s.grid
    across = math.ceil(g.width / g.cell) + 2
    if s.geometry == "skin":
        if g.depth / g.surface_cell > 4 * MAX_CELLS:
            return 4 * MAX_CELLS * across
        down = len(graded_faces(g.depth, g.surface_cell, g.cell, 1.15))
    else:
        down = math.ceil(g.depth / g.cell) + 3
    if s.geometry == "probe":
        across += math.ceil(s.probe.diameter / 2 / g.cell)
    return across * down


def _text(s: Scenario) -> str:
    try:
        return s.path.read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError):
        return ""


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _size(count: float) -> str:
    return f"{count / 1e9:.1f} GB" if count >= 1e9 else f"{count / 1e6:.0f} MB"


__all__ = ["Estimate", "MAX_CELLS", "MAX_MEMORY", "MAX_SECONDS", "MM", "estimate"]
