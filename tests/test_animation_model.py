"""What the animation shows, checked on the model itself (no Qt): the ice grows while freezing
and shrinks while thawing, the second freeze does more, the probe sits in the tumour, and a run
fills up frame by frame while it computes."""

import math
import re

import numpy as np
import pytest

from cryoviewer.resources import resources_root
from cryoviewer.scenario import Geometry, Simulation, load_scenario

SCENARIOS = resources_root() / "scenarios"


def coarse(text):
    """Liver-probe on a 1 mm grid with shorter phases (as in test_scenarios): a fifth of a
    second to compute, and the same shapes of ice and probe."""
    text = re.sub(r"(?m)^cell_mm = .*$", "cell_mm = 1", text)
    text = re.sub(r"(?m)^freeze_s = .*$", "freeze_s = 240", text)
    text = re.sub(r"(?m)^thaw_s = .*$", "thaw_s = [180, 60]", text)
    return re.sub(r"(?m)^heal_s = .*$", "heal_s = 60", text)


def scenario_file(name, tmp_path_factory):
    if name == "skin-spray":  # small already: computed as shipped
        return SCENARIOS / "skin-spray.toml"
    path = tmp_path_factory.mktemp(name) / f"{name}.toml"
    path.write_text(coarse((SCENARIOS / f"{name}.toml").read_text(encoding="utf-8")),
                    encoding="utf-8")
    return path


class Computed:
    """A run computed by hand, frame by frame, noting what the run said after each frame."""

    def __init__(self, path):
        self.simulation = Simulation(load_scenario(path))
        self.run = self.simulation.result
        self.seen = []  # (frames so far, complete, computed_until) after each frame came
        for frame in self.simulation.frames():
            assert self.run.frames[-1] is frame
            self.seen.append((len(self.run.frames), self.run.complete, self.run.computed_until))


@pytest.fixture(scope="module", params=["liver-probe", "skin-spray"])
def computed(request, tmp_path_factory):
    return Computed(scenario_file(request.param, tmp_path_factory))


def frozen_volume(frame):
    """m³ of ice: the frozen fraction of each cell times its volume."""
    return float((frame.frozen_fraction * frame.geometry.volume).sum())


def destroyed_volume(frame):
    return float((frame.destroyed * frame.geometry.volume).sum())


def frames_of(run, phase):
    """The phase's frames, starting from the one shown as it begins (the last of the phase
    before)."""
    return [run.at(phase.start)] + [f for f in run.frames if f.phase is phase]


# -- ice grows while freezing, shrinks while thawing ------------------------------------------

def test_every_freeze_and_thaw_has_frames(computed):
    run = computed.run
    kinds = [p.kind for p in run.phases]
    assert kinds.count("freeze") == kinds.count("thaw") == 2
    for phase in run.phases:
        assert len(frames_of(run, phase)) > 5, phase.id


@pytest.mark.parametrize("kind", ["freeze", "thaw"])
def test_ice_grows_while_freezing_and_shrinks_while_thawing(computed, kind):
    run = computed.run
    sign = 1 if kind == "freeze" else -1
    for phase in (p for p in run.phases if p.kind == kind):
        volumes = [frozen_volume(f) for f in frames_of(run, phase)]
        net = sign * (volumes[-1] - volumes[0])
        assert net > 0, (phase.id, volumes[0], volumes[-1])
        steps = sign * np.diff(volumes)
        # mostly monotone: most frames move the right way (just after a spray stops, the cold
        # below the surface still spreads for a few seconds before the ice starts to shrink)
        assert (steps > 0).mean() >= 0.75, (phase.id, volumes)
        if kind == "freeze":  # while the cold is on, the ice only grows
            assert (steps > 0).all(), (phase.id, volumes)
        else:  # once shrinking, it keeps shrinking
            peak = int(np.argmax(volumes))
            assert peak <= len(volumes) // 4, (phase.id, volumes)
            assert (steps[peak:] > 0).all(), (phase.id, volumes)


def test_no_ice_before_the_first_freeze_and_most_of_it_gone_by_the_end(computed):
    run = computed.run
    freeze1 = run.phase("freeze1")
    assert all(frozen_volume(f) == 0 for f in run.frames if f.time <= freeze1.start)
    largest = max(frozen_volume(f) for f in run.frames)
    assert frozen_volume(run.frames[-1]) < 0.8 * largest


def test_frozen_fraction_is_a_fraction(computed):
    for frame in computed.run.frames[::5]:
        fraction = frame.frozen_fraction
        assert fraction.min() >= 0 and fraction.max() <= 1
        assert fraction.shape == frame.geometry.volume.shape


# -- the second freeze does more --------------------------------------------------------------

def test_second_freeze_destroys_more_tissue(computed):
    run = computed.run
    first, second = run.end_of("freeze1"), run.end_of("freeze2")
    assert first.phase.id == "freeze1" and second.phase.id == "freeze2"
    assert destroyed_volume(second) > destroyed_volume(first) > 0


@pytest.mark.parametrize("computed", ["liver-probe"], indirect=True)
def test_second_freeze_has_the_larger_lethal_zone_half_way(computed):
    """Blood flow stops where tissue froze, so the second freeze cools faster. (The small
    liver tumour, like a skin lesion, is wholly destroyed in its first freeze: what grows is
    the destroyed tissue around it, checked above.)"""
    run = computed.run
    lethal = run.scenario.lethal_c

    def lethal_volume_half_way(phase_id):
        phase = run.phase(phase_id)
        frame = run.at(phase.start + phase.duration / 2)
        return float((frame.geometry.volume * (frame.temperature <= lethal)).sum())

    assert 0 < lethal_volume_half_way("freeze1") < lethal_volume_half_way("freeze2")


def test_tumour_destroyed_never_goes_down(computed):
    destroyed = [f.tumour_destroyed for f in computed.run.frames]
    assert destroyed[0] == 0
    assert all(b >= a - 1e-12 for a, b in zip(destroyed, destroyed[1:]))  # rounding aside
    assert 0 < destroyed[-1] <= 1 + 1e-9


# -- the probe is in the tumour ---------------------------------------------------------------

def geometry(name):
    return Geometry(load_scenario(SCENARIOS / f"{name}.toml"))


def cold_cells(g, phase):
    """Cells (of the computed world) the probe holds at its coolant's temperature during a
    phase."""
    boundary = g.boundary(phase)
    inner = (slice(1, -1),) * boundary.fixed.ndim
    return boundary.fixed[inner] & (boundary.temperature[inner] == g.scenario.probe.freeze_c)


def inside_outline(g):
    """The cells inside the tumour's outline, the probe's among them."""
    return g.tumour_inside(g.X, g.Y) >= 0


@pytest.mark.parametrize("name", ["liver-probe", "large-tumour"])
def test_the_probe_freezes_inside_the_tumour(name):
    g = geometry(name)
    freeze1 = next(p for p in g.scenario.protocol.phases() if p.id == "freeze1")
    cold = cold_cells(g, freeze1)
    assert cold.any() and np.array_equal(cold, g.world.active)
    assert (g.active & inside_outline(g)).any()
    # before freezing nothing is that cold
    insert = next(p for p in g.scenario.protocol.phases() if p.kind == "insert")
    assert not cold_cells(g, insert).any()


def test_liver_probe_tip_passes_through_the_tumour():
    g = geometry("liver-probe")
    s = g.scenario
    top_of_tumour = s.tumour.centre_depth - s.tumour.radius
    bottom_of_tumour = s.tumour.centre_depth + s.tumour.radius
    tip, active_top = s.probe.tip_depth, s.probe.tip_depth - s.probe.active_length
    # the frozen length is centred on the tumour; the tip is in the tumour or just beyond it
    assert active_top < s.tumour.centre_depth < tip
    assert abs((active_top + tip) / 2 - s.tumour.centre_depth) <= s.tumour.radius / 2
    assert top_of_tumour < tip <= bottom_of_tumour + s.probe.active_length / 2
    # and so do the cells: the active cells' depths overlap the tumour's
    active_depths = g.Y[g.active]
    tumour_depths = g.Y[inside_outline(g)]
    assert active_depths.min() < tumour_depths.max() and active_depths.max() > tumour_depths.min()
    centre_row = int(np.argmin(abs(g.mesh.y - s.tumour.centre_depth)))
    assert (g.active[centre_row] & inside_outline(g)[centre_row]).any()


def test_each_large_tumour_probe_is_inside_the_tumour():
    g = geometry("large-tumour")
    s = g.scenario
    assert len(s.probe.positions) == 4
    for n, (x, y) in enumerate(s.probe.positions, start=1):
        # the whole probe, not only its centre, lies within the tumour
        assert math.hypot(x, y) + s.probe.diameter / 2 < s.tumour.radius, n
        cell = g.mesh.cell_index(x, y)
        assert g.active[cell] and inside_outline(g)[cell], n
        near = (g.X - x) ** 2 + (g.Y - y) ** 2 <= (s.probe.diameter / 2) ** 2
        near[cell] = True
        assert (near & g.active).sum() == (near & g.active & inside_outline(g)).sum(), n


# -- a run fills up while it computes ---------------------------------------------------------

def test_run_fills_progressively(computed):
    run, seen = computed.run, computed.seen
    assert len(seen) == len(run.frames) > 20
    counts = [count for count, _, _ in seen]
    assert counts == list(range(1, len(run.frames) + 1))
    # not complete while frames are still coming, even after the last one came
    assert not any(complete for _, complete, _ in seen)
    assert run.complete
    until = [t for _, _, t in seen]
    assert until[0] == 0.0
    assert all(b > a for a, b in zip(until, until[1:]))
    assert until[-1] == pytest.approx(run.phases[-1].end)
    assert run.computed_until == until[-1]


def test_computed_until_before_any_frame():
    simulation = Simulation(load_scenario(SCENARIOS / "skin-spray.toml"))
    assert simulation.result.computed_until == -math.inf
    assert not simulation.result.complete and simulation.result.frames == []


def test_around_brackets_a_moment(computed):
    run = computed.run
    times = [f.time for f in run.frames]
    assert all(b > a for a, b in zip(times, times[1:]))
    for t in np.linspace(0.0, times[-1], 997):
        before, after, weight = run.around(t)
        assert 0.0 <= weight <= 1.0
        assert before.time <= t + 1e-9 and (after.time >= t - 1e-9)
        i = run.frames.index(before)
        assert after is run.frames[min(i + 1, len(times) - 1)] or weight == 0.0
        # the weight places the moment between the two frames
        if after is not before:
            assert before.time + weight * (after.time - before.time) == pytest.approx(t)


def test_around_at_frames_and_outside_the_run(computed):
    run = computed.run
    first, last = run.frames[0], run.frames[-1]
    assert run.around(-10.0) == (first, first, 0.0)
    assert run.around(last.time + 1000.0) == (last, last, 0.0)
    for i in (0, 7, len(run.frames) // 2):
        before, after, weight = run.around(run.frames[i].time)
        assert before is run.frames[i] and after is run.frames[i + 1] and weight == 0.0
    a, b = run.frames[10], run.frames[11]
    before, after, weight = run.around((a.time + b.time) / 2)
    assert (before, after) == (a, b) and weight == pytest.approx(0.5)


def test_around_while_computing_holds_the_last_frame_computed(tmp_path_factory):
    simulation = Simulation(load_scenario(scenario_file("liver-probe", tmp_path_factory)))
    run = simulation.result
    frames = simulation.frames()
    for _ in range(12):
        next(frames)
    latest = run.frames[-1]
    assert not run.complete and run.computed_until == latest.time
    assert run.around(latest.time + 100.0) == (latest, latest, 0.0)
    before, after, weight = run.around(latest.time - 0.5)
    assert after is latest and 0 < weight < 1
    frames.close()
