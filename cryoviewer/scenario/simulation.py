"""Running a scenario's protocol through the solver, frame by frame.

    from cryoviewer.scenario import load_scenario, Simulation
    simulation = Simulation(load_scenario("resources/scenarios/liver-probe.toml"))
    for frame in simulation.frames():     # progressively: the first frame comes at once
        ...
    run = Simulation(scenario).run()      # or all at once
    run.at(600.0).isotherm(0.0)           # look a moment up by time
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterator

import numpy as np

from ..physics.solver import HeatSolver
from .geometry import Geometry
from .protocol import Phase
from .spec import Scenario

MIN_FRAMES = 10


@dataclass
class Frame:
    """The state at one moment: fields on the grid and the figures the viewer shows."""

    time: float
    phase: Phase
    temperature: np.ndarray         # °C, float32, grid shape (rows = depth or y)
    frozen_bytes: np.ndarray        # frozen fraction × 255, uint8
    destroyed_bits: np.ndarray      # packed: cells whose coldest temperature reached lethal
    tumour_destroyed: float         # fraction of the tumour's volume destroyed so far
    edge_c: float                   # temperature at the tumour's edge
    centre_c: float                 # temperature at the tumour's centre
    geometry: Geometry = field(repr=False)

    @property
    def phase_time(self) -> float:
        return self.time - self.phase.start

    @property
    def frozen_fraction(self) -> np.ndarray:
        return self.frozen_bytes.astype(np.float32) / 255.0

    @property
    def destroyed(self) -> np.ndarray:
        count = self.temperature.size
        return np.unpackbits(self.destroyed_bits, count=count).reshape(
            self.temperature.shape).astype(bool)

    @cached_property
    def _contours(self):
        import contourpy

        mesh = self.geometry.mesh
        return contourpy.contour_generator(mesh.x * 1e3, mesh.y * 1e3,
                                           self.temperature.astype(np.float64))

    def isotherm(self, level: float) -> list[np.ndarray]:
        """Lines (each an (n, 2) array of x, y in mm) where the temperature is `level` °C."""
        return [line for line in self._contours.lines(level) if len(line) > 1]

    def ice_size(self, level: float = 0.0) -> tuple[float, float]:
        """(length, width) in mm of the region colder than `level`: along the probe or depth,
        and across (a full diameter for round geometries)."""
        lines = self.isotherm(level)
        if not lines or not (self.temperature < level).any():
            return 0.0, 0.0
        points = np.concatenate(lines)
        if self.geometry.mesh.kind == "axisymmetric":
            width = 2 * points[:, 0].max()
        else:
            width = points[:, 0].max() - points[:, 0].min()
        if self.geometry.scenario.geometry == "skin":
            return float(points[:, 1].max()), float(width)
        return float(points[:, 1].max() - points[:, 1].min()), float(width)


@dataclass
class Run:
    """Every frame of a protocol, and the tumour's temperatures after every solver step."""

    scenario: Scenario
    geometry: Geometry
    phases: list[Phase]
    frames: list[Frame]
    series: dict[str, np.ndarray]   # time, edge_c, centre_c, destroyed (per solver step)

    def at(self, time: float) -> Frame:
        """The last frame at or before a moment (the first frame before the start)."""
        times = [f.time for f in self.frames]
        return self.frames[max(0, bisect.bisect_right(times, time + 1e-9) - 1)]

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(f"no phase '{phase_id}' (phases: {', '.join(p.id for p in self.phases)})")

    def end_of(self, phase_id: str) -> Frame:
        return self.at(self.phase(phase_id).end)

    @property
    def memory_bytes(self) -> int:
        return sum(f.temperature.nbytes + f.frozen_bytes.nbytes + f.destroyed_bits.nbytes
                   for f in self.frames)


class Simulation:
    """One scenario's protocol, computed progressively."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.geometry = Geometry(scenario)
        self.phases = scenario.protocol.phases()
        g = self.geometry
        self.solver = HeatSolver(g.mesh, g.props, g.initial_temperature())
        self.evaluations = 0
        self._coldest = np.full(g.mesh.shape, np.inf)
        self._edge = g.sample_weights(scenario.tumour.edge)
        self._centre = g.sample_weights(self._centre_point())
        tumour_volume = g.volume * g.tumour
        self._tumour_weights = tumour_volume / tumour_volume.sum()
        self._series = {"time": [], "edge_c": [], "centre_c": [], "destroyed": []}

    def _centre_point(self) -> tuple[float, float]:
        """The tumour's centre, or beside it in the tissue when a probe stands there."""
        s = self.scenario
        if s.geometry == "skin":
            return 0.0, s.tumour.centre_depth / 2
        if s.geometry == "probe":
            return s.probe.diameter / 2 + s.grid.cell / 2, s.tumour.centre_depth
        if self.geometry.probe[self.geometry.mesh.cell_index(0.0, 0.0)]:
            return s.probe.diameter / 2 + s.grid.cell, 0.0
        return 0.0, 0.0

    def frames(self) -> Iterator[Frame]:
        """Frames from the start of the protocol to its end, each as soon as it is computed."""
        g, solver, protocol = self.geometry, self.solver, self.scenario.protocol
        solver.set_boundary(g.boundary(self.phases[0]))
        if g.settle_time:
            solver.advance(g.settle_time, max_step=120.0)
            solver.time = 0.0
        yield self._frame(self.phases[0], solver.temperature())
        previous = None
        for phase in self.phases:
            if self.scenario.vascular_stasis and previous == "thaw":
                # Small vessels in tissue that froze have clotted while it thawed.
                solver.stop_blood_flow(self._coldest <= g.props.solidus)
            previous = phase.kind
            if phase.kind == "remove":
                solver.refill(g.probe, g.probe_track_temperature(solver.temperature()))
            solver.set_boundary(g.boundary(phase))
            # At least MIN_FRAMES per phase, so a short freeze still animates smoothly.
            count = max(MIN_FRAMES, math.ceil(phase.duration / protocol.frame - 1e-9))
            for _ in range(count):
                self.evaluations += solver.advance(phase.duration / count, protocol.max_step,
                                                   self._record)
                yield self._frame(phase, solver.temperature())

    def run(self, on_frame: Callable[[Frame], None] | None = None) -> Run:
        """Compute every frame (calling on_frame for each as it comes) and return the run."""
        frames = []
        for frame in self.frames():
            frames.append(frame)
            if on_frame:
                on_frame(frame)
        series = {key: np.asarray(values) for key, values in self._series.items()}
        return Run(self.scenario, self.geometry, self.phases, frames, series)

    def _record(self, temperature: np.ndarray) -> None:
        np.minimum(self._coldest, temperature, out=self._coldest)
        s = self._series
        s["time"].append(self.solver.time)
        s["edge_c"].append(_sample(temperature, self._edge))
        s["centre_c"].append(_sample(temperature, self._centre))
        s["destroyed"].append(self._destroyed_fraction())

    def _destroyed_fraction(self) -> float:
        return float(self._tumour_weights[self._coldest <= self.scenario.lethal_c].sum())

    def _frame(self, phase: Phase, temperature: np.ndarray) -> Frame:
        frozen = 1.0 - self.solver.unfrozen_fraction()
        destroyed = self._coldest <= self.scenario.lethal_c
        return Frame(time=self.solver.time, phase=phase,
                     temperature=temperature.astype(np.float32),
                     frozen_bytes=np.round(frozen * 255).astype(np.uint8),
                     destroyed_bits=np.packbits(destroyed.ravel()),
                     tumour_destroyed=self._destroyed_fraction(),
                     edge_c=_sample(temperature, self._edge),
                     centre_c=_sample(temperature, self._centre),
                     geometry=self.geometry)


def _sample(temperature: np.ndarray, cells_weights) -> float:
    cells, weights = cells_weights
    return float((temperature[cells[:, 0], cells[:, 1]] * weights).sum())
