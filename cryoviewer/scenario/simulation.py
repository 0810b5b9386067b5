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

from ..files import Problem
from ..physics.solver import HeatSolver, SolverError
from .geometry import Geometry
from .protocol import Phase
from .spec import INTERNAL, Scenario, ScenarioError

SERIES = ("time", "edge_c", "centre_c", "destroyed")


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


class Run:
    """A protocol's frames, and the tumour's temperatures after every solver step.

    It fills up while the simulation computes (possibly on another thread: appending to lists
    is atomic), so a viewer can show the first frames before the last are known.
    """

    def __init__(self, scenario: Scenario, geometry: Geometry, phases: list[Phase]):
        self.scenario, self.geometry, self.phases = scenario, geometry, phases
        self.frames: list[Frame] = []
        self.complete = False
        self._times: list[float] = []
        self._series: dict[str, list[float]] = {key: [] for key in SERIES}

    def add(self, frame: Frame) -> None:
        self.frames.append(frame)
        self._times.append(frame.time)

    def record(self, **values: float) -> None:
        for key in SERIES:
            self._series[key].append(values[key])

    def record_series(self, series: dict[str, np.ndarray]) -> None:
        """Many steps at once (a run read back from disk)."""
        for key in SERIES:
            self._series[key].extend(np.asarray(series[key], dtype=float).tolist())

    @property
    def steps(self) -> int:
        """Solver steps recorded so far."""
        return min(len(values) for values in self._series.values())

    @property
    def series(self) -> dict[str, np.ndarray]:
        """time, edge_c, centre_c and destroyed per solver step, as far as computed."""
        count = self.steps
        return {key: np.asarray(values[:count]) for key, values in self._series.items()}

    @property
    def computed_until(self) -> float:
        """Body time of the last frame computed so far (-inf before the first)."""
        return self._times[-1] if self._times else -math.inf

    def around(self, time: float) -> tuple[Frame, Frame, float]:
        """The frames either side of a moment and the weight of the later one, for a smooth
        picture between stored frames (the last frame computed, beyond it)."""
        count = len(self._times)
        i = bisect.bisect_right(self._times, time, 0, count) - 1
        if i < 0:
            return self.frames[0], self.frames[0], 0.0
        if i >= count - 1:
            return self.frames[count - 1], self.frames[count - 1], 0.0
        t0, t1 = self._times[i], self._times[i + 1]
        return self.frames[i], self.frames[i + 1], (time - t0) / (t1 - t0)

    def at(self, time: float) -> Frame:
        """The last frame at or before a moment (the first frame before the start)."""
        index = bisect.bisect_right(self._times, time + 1e-9, 0, len(self.frames)) - 1
        return self.frames[max(0, index)]

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


class RunError(ScenarioError, SolverError):
    """A run stopped because a frame could not be physical (NaN, or a temperature outside what
    the scenario imposes): nothing from that frame on is shown."""


class Simulation:
    """One scenario's protocol, computed progressively.

    Building one checks the run's budget first (budget.py) and raises ScenarioError, and only
    that, if it cannot be computed; every frame is checked as it comes (RunError)."""

    def __init__(self, scenario: Scenario, *, budget: bool = True):
        try:
            self._build(scenario, budget)
        except ScenarioError:
            raise
        except MemoryError:
            raise ScenarioError(scenario.path, [Problem(scenario.path, None, f"{INTERNAL}: it "
                                                "needs more memory than there is")]) from None
        except Exception as exc:  # noqa: BLE001 - the promise: ScenarioError and nothing else
            raise ScenarioError(scenario.path, [Problem(
                scenario.path, None, f"{INTERNAL}: {type(exc).__name__} ({exc}); please report "
                                     "this")]) from exc

    def _build(self, scenario: Scenario, budget: bool) -> None:
        self.scenario = scenario
        self.geometry = Geometry(scenario)
        if budget:
            from .budget import estimate

            problems = estimate(scenario, self.geometry).problems()
            if problems:
                raise ScenarioError(scenario.path, problems)
        self.phases = scenario.protocol.phases()
        g = self.geometry
        world = g.world   # what is computed: the picture's plane, or a solid around it
        self.solver = HeatSolver(world.mesh, world.props, g.initial_temperature())
        # Small vessels clot in tissue that froze: its blood flow stops from that moment, and
        # does not come back while it thaws (physics.md §5).
        self.solver.stasis = scenario.vascular_stasis
        self._range = self._allowed_range()
        self.evaluations = 0
        self._coldest = np.full(world.mesh.shape, np.inf)
        self._edge = g.sample_weights(scenario.tumour.edge)
        self._centre = g.sample_weights(self._centre_point())
        tumour_volume = world.volume * world.tumour
        self._tumour_weights = tumour_volume / tumour_volume.sum()
        self.result = Run(scenario, self.geometry, self.phases)

    def _allowed_range(self) -> tuple[float, float]:
        """°C a frame may show: between the coldest and the warmest temperature the scenario
        imposes or starts from, with a margin wider than the solver's own step check."""
        s, start = self.scenario, self.geometry.initial_temperature()
        imposed = [float(start.min()), float(start.max())]
        if s.probe is not None:
            imposed += [s.probe.freeze_c] + ([s.probe.thaw_c] if s.probe.thaw_c is not None
                                             else [])
        if s.surface is not None:
            imposed += [s.surface.temperature, s.surface.air_c]
        low, high = min(imposed), max(imposed)
        margin = max(5.0, 0.1 * (high - low)) + 5.0
        return low - margin, high + margin

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
        """Frames from the start of the protocol to its end, each as soon as it is computed
        (and added to `self.result`). A frame that cannot be physical stops the run with a
        RunError, and is not added."""
        try:
            yield from self._frames()
        except SolverError as exc:
            if isinstance(exc, RunError):
                raise
            raise RunError(self.scenario.path, [Problem(
                self.scenario.path, None, f"the run was stopped: {exc}")]) from exc
        except MemoryError:
            raise RunError(self.scenario.path, [Problem(
                self.scenario.path, None, "the run was stopped: it needs more memory than there "
                                          "is")]) from None

    def _frames(self) -> Iterator[Frame]:
        g, solver, protocol = self.geometry, self.solver, self.scenario.protocol
        solver.set_boundary(g.boundary(self.phases[0]))
        if g.settle_time:
            solver.advance(g.settle_time, max_step=120.0)
            solver.time = 0.0
        yield self._add(self._frame(self.phases[0], solver.temperature()))
        for phase in self.phases:
            if phase.kind == "remove":
                solver.refill(g.world.probe, g.probe_track_temperature(solver.temperature()))
            solver.set_boundary(g.boundary(phase))
            count, max_step = protocol.framing(phase)
            for _ in range(count):
                self.evaluations += solver.advance(phase.duration / count, max_step,
                                                   self._record)
                yield self._add(self._frame(phase, solver.temperature()))
        self.result.complete = True

    def run(self, on_frame: Callable[[Frame], None] | None = None) -> Run:
        """Compute every frame (calling on_frame for each as it comes) and return the run."""
        for frame in self.frames():
            if on_frame:
                on_frame(frame)
        return self.result

    def _add(self, frame: Frame) -> Frame:
        self._check(frame)
        self.result.add(frame)
        return frame

    def _check(self, frame: Frame) -> None:
        """Once a frame: its coldest and warmest cells within range, its figures finite."""
        low, high = self._range
        coldest, warmest = float(frame.temperature.min()), float(frame.temperature.max())
        figures = (coldest, warmest, frame.tumour_destroyed, frame.edge_c, frame.centre_c)
        if all(math.isfinite(v) for v in figures) and low <= coldest and warmest <= high:
            return
        if not all(math.isfinite(v) for v in figures):
            what = "became undefined (NaN)"
        else:
            what = (f"reached {coldest:.0f} to {warmest:.0f} °C (allowed {low:.0f} to "
                    f"{high:.0f} °C)")
        raise RunError(self.scenario.path, [Problem(
            self.scenario.path, None, f"the run was stopped at t = {frame.time:.1f} s "
                                      f"({frame.phase.name}): the temperature {what}")])

    def _record(self, temperature: np.ndarray) -> None:
        np.minimum(self._coldest, temperature, out=self._coldest)
        plane = self.geometry.picture(temperature)
        self.result.record(time=self.solver.time, edge_c=_sample(plane, self._edge),
                           centre_c=_sample(plane, self._centre),
                           destroyed=self._tumour_fraction(self._destroyed()))

    def _destroyed(self) -> np.ndarray:
        """Cells whose coldest temperature so far reached the lethal one."""
        return self._coldest <= self.scenario.lethal_c

    def _tumour_fraction(self, cells: np.ndarray) -> float:
        return float(self._tumour_weights[cells].sum())

    def _frame(self, phase: Phase, temperature: np.ndarray) -> Frame:
        """A frame of the picture's plane (the tumour's share destroyed: in the world)."""
        picture = self.geometry.picture
        plane = picture(temperature)
        frozen = 1.0 - picture(self.solver.unfrozen_fraction())
        destroyed = self._destroyed()
        return Frame(time=self.solver.time, phase=phase,
                     temperature=plane.astype(np.float32),
                     frozen_bytes=np.round(frozen * 255).astype(np.uint8),
                     destroyed_bits=np.packbits(picture(destroyed).ravel()),
                     tumour_destroyed=self._tumour_fraction(destroyed),
                     edge_c=_sample(plane, self._edge),
                     centre_c=_sample(plane, self._centre),
                     geometry=self.geometry)


def _sample(temperature: np.ndarray, cells_weights) -> float:
    cells, weights = cells_weights
    return float((temperature[cells[:, 0], cells[:, 1]] * weights).sum())
