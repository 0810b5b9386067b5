"""What a scenario's run will cost, known before it runs: computing time here, and memory.

A file could otherwise ask for a run that never ends (a day of body time on a fine grid) or
that fills the memory with frames (a frame every microsecond). The estimate follows the solver's
own stepping: phase by phase and frame by frame, the same sequence of steps that
Simulation.frames() will take (short after every change of boundary, then growing up to the
protocol's max_step). Time is steps × (a fixed cost + a cost per cell), measured over whole runs
on the reference 2-core machine; memory is the frames' arrays plus the per-step series.

    estimate(scenario).problems()   # [] if it fits; else the figure it would have needed
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..files import Problem, toml_line
from ..physics.mesh import graded_faces
from ..physics.solver import FIRST_STEP, RAMP
from .geometry import Geometry
from .solid import faces
from .spec import MM, Scenario

MAX_SECONDS = 60.0          # of computing, estimated, on the reference machine
MAX_MEMORY = 500e6          # bytes of frames and series kept for the run
MAX_CELLS = 200_000         # checked before anything is allocated (the liver has 12,800)
# One implicit step, all its sweeps and iterations (benchmarks/solver.py, 2 cores), measured
# over whole runs and rounded up for a busy machine:
# (liver, 3,200 cells: 282 steps in 1.2 s; four probes in three dimensions, 28,125 cells: about
# 170 steps in 13 s, loaded)
STEP_S = 1e-3
CELL_STEP_S = 3e-6
FRAME_BYTES_PER_CELL = 4 + 1 + 1 / 8   # float32 temperature, uint8 frozen, a destroyed bit
FRAME_OVERHEAD = 1000                  # the Frame object and its small arrays
STEP_BYTES = 4 * 32                    # four Python floats in the run's per-step series


@dataclass(frozen=True)
class Estimate:
    scenario: Scenario = field(repr=False)
    cells: int                       # computed: for several probes, the three-dimensional grid
    frames: int = 0
    picture_cells: int = 0           # kept in each frame: the picture's plane
    steps: int = 0
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
                                 f"({self.steps:,} steps of {self.cells:,} cells); "
                                 f"the limit is {MAX_SECONDS:g} s: use a larger cell_mm, a "
                                 "smaller grid, shorter phases or a longer max_step_s"))
        if self.memory > MAX_MEMORY:
            found.append(Problem(s.path, toml_line(text, "frame_s", "protocol"),
                                 f"needs about {_size(self.memory)} of frames ({self.frames:,} "
                                 f"frames of {self.picture_cells:,} cells); the limit is "
                                 f"{_size(MAX_MEMORY)}: use a larger frame_s or shorter phases"))
        return found


def estimate(scenario: Scenario, geometry: Geometry | None = None) -> Estimate:
    """The run's cost, without running it (a few milliseconds: it builds the grid but
    computes no field)."""
    s, protocol = scenario, scenario.protocol
    cells = _cells_before_building(s)
    if cells > MAX_CELLS:
        return Estimate(s, cells)
    geometry = geometry or Geometry(s)
    cells = int(np.prod(geometry.world.mesh.shape))
    picture = int(np.prod(geometry.mesh.shape))
    frames, steps = 1, 0
    if geometry.settle_time:
        steps += _steps(geometry.settle_time, 1, 120.0)
    for phase in protocol.phases():
        count, max_step = protocol.framing(phase)
        frames += count
        steps += _steps(phase.duration, count, max_step)
    seconds = steps * (STEP_S + cells * CELL_STEP_S)
    frame_bytes = picture * FRAME_BYTES_PER_CELL + FRAME_OVERHEAD
    memory = frames * frame_bytes + steps * STEP_BYTES
    return Estimate(s, cells, frames, picture, steps, seconds, memory,
                    int(np.count_nonzero(geometry.tumour)))


def _steps(duration: float, count: int, max_step: float) -> int:
    """HeatSolver.advance's steps over a phase cut into `count` frames, counted, not taken."""
    if duration / max_step > 1e6:   # far beyond any limit: no need to count exactly
        return math.ceil(duration / max_step)
    steps, now, next_step = 0, 0.0, FIRST_STEP
    for frame in range(1, count + 1):
        end = duration * frame / count
        while now < end - 1e-9:
            dt = min(next_step, max_step, end - now)
            now += dt
            next_step = min(max_step, max(next_step, dt) * RAMP)
            steps += 1
    return steps


def _cells_before_building(s: Scenario) -> int:
    """About how many cells the grid will have (an upper bound), from the numbers alone."""
    g = s.grid
    if s.geometry == "probes":   # three dimensions
        return int(np.prod([len(f) - 1 for f in faces(s)]))
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
