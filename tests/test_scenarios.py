"""Scenario files: the shipped ones load and behave; every bad value is named by file and line."""

import re

import numpy as np
import pytest

from cryoviewer.resources import resources_root
from cryoviewer.scenario import ScenarioError, Simulation, load_scenario
from cryoviewer.scenario.simulation import MIN_FRAMES

SCENARIOS = resources_root() / "scenarios"
SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.toml") if p.stem != "materials")
LIVER = (SCENARIOS / "liver-probe.toml").read_text(encoding="utf-8")


def write(tmp_path, text, name="case.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def coarse(text):
    """The same scenario on a 1 mm grid with short phases: fast enough for every test."""
    text = re.sub(r"(?m)^cell_mm = .*$", "cell_mm = 1", text)
    text = re.sub(r"(?m)^freeze_s = .*$", "freeze_s = 240", text)
    text = re.sub(r"(?m)^thaw_s = .*$", "thaw_s = [180, 60]", text)
    return re.sub(r"(?m)^heal_s = .*$", "heal_s = 60", text)


def problems(tmp_path, text):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write(tmp_path, text))
    return [str(p) for p in caught.value.problems]


def line_of(text, pattern):
    return next(n for n, line in enumerate(text.splitlines(), 1) if re.search(pattern, line))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenarios_load(name):
    scenario = load_scenario(SCENARIOS / f"{name}.toml")
    assert scenario.id == name
    phases = scenario.protocol.phases()
    assert [p.kind for p in phases][0] == "prepare" and phases[-1].kind == "heal"
    assert "freeze1" in [p.id for p in phases] and "thaw1" in [p.id for p in phases]


@pytest.mark.parametrize("old, new, field, message", [
    ("k_unfrozen = 0.52 ", "k_unfrozen = -0.5 ", "materials.liver.k_unfrozen",
     "must be greater than 0"),
    ("c_frozen = 1.8e6 ", "c_frozen = 0 ", "materials.liver.c_frozen", "must be greater than 0"),
    ("freeze_c = -150 ", "freeze_c = 5 ", "probe.freeze_c",
     "must be colder than the tissue's freezing point"),
    ("tip_depth_mm = 58 ", "tip_depth_mm = 95 ", "probe.tip_depth_mm",
     "outside the grid"),
    ("freeze_s = 600 ", "", "protocol.freeze_s", "is missing"),
    ("cycles = 2", "cycles = 5", "protocol.cycles", "must be at most 3"),
    ("thaw_s = [480, 120] ", "thaw_s = [480] ", "protocol.thaw_s", "list of 2"),
    ("frame_s = 10", "frame_s = \"often\"", "protocol.frame_s", "must be a number"),
    ("radius_mm = 10 ", "radius_mm = 10\ncolour = \"red\"\n", "tumour.colour",
     "is not a known field"),
    ('material = "liver"', 'material = "granite"', None, "material 'granite' is not defined"),
])
def test_bad_values_are_named(tmp_path, old, new, field, message):
    text = LIVER.replace("[materials]", "")
    if old.startswith(("k_unfrozen", "c_frozen")):  # a material defined in the scenario itself
        text += f'\n[materials.liver]\nbase = "liver"\n{new.strip()}\n'
    else:
        assert old in text, old
        text = text.replace(old, new, 1)
    found = problems(tmp_path, text)
    matching = [p for p in found if message in p and (field is None or f"'{field}'" in p)]
    assert matching, found
    assert matching[0].startswith(str(tmp_path / "case.toml") + ", line ")
    number = int(re.search(r", line (\d+):", matching[0]).group(1))
    if field:
        key = field.split(".")[-1]
        expected = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(key)]
        assert number in expected or key in ("freeze_s",), (number, expected)


def test_overlapping_probes_are_refused(tmp_path):
    text = (SCENARIOS / "large-tumour.toml").read_text(encoding="utf-8")
    text = text.replace("[[0, 10], [-8.66, -5], [8.66, -5]]", "[[0, 0], [1, 0]]")
    assert any("probes 1 and 2 overlap" in p for p in problems(tmp_path, text))


def test_layers_that_overrun_the_grid_are_refused(tmp_path):
    text = (SCENARIOS / "skin-spray.toml").read_text(encoding="utf-8")
    text = text.replace("thickness_mm = 5 ", "thickness_mm = 50 ")
    assert any("grid.depth_mm" in p and "overlap" in p for p in problems(tmp_path, text))


def test_not_toml(tmp_path):
    found = problems(tmp_path, "id = \"x\"\ntitle = \n")
    assert found[0].startswith(f"{tmp_path / 'case.toml'}, line 2: not valid TOML")


@pytest.fixture(scope="module")
def liver_run(tmp_path_factory):
    path = tmp_path_factory.mktemp("liver") / "liver.toml"
    path.write_text(coarse(LIVER), encoding="utf-8")
    return Simulation(load_scenario(path)).run()


def test_frames_come_progressively(tmp_path):
    simulation = Simulation(load_scenario(write(tmp_path, coarse(LIVER))))
    frames = simulation.frames()
    first = next(frames)
    assert first.time == 0.0 and simulation.evaluations == 0  # nothing computed yet
    second = next(frames)
    assert second.time > 0 and simulation.evaluations > 0


def test_every_phase_has_frames(liver_run):
    for phase in liver_run.phases:
        assert sum(f.phase is phase for f in liver_run.frames) >= MIN_FRAMES


def test_lookup_by_time(liver_run):
    freeze = liver_run.phase("freeze1")
    middle = liver_run.at(freeze.start + freeze.duration / 2)
    assert middle.phase.id == "freeze1" and middle.time <= freeze.start + freeze.duration / 2
    assert liver_run.at(-5).time == 0.0
    assert liver_run.at(1e9) is liver_run.frames[-1]
    with pytest.raises(KeyError, match="no phase 'freeze9'"):
        liver_run.phase("freeze9")


def test_ice_grows_while_freezing_and_shrinks_while_thawing(liver_run):
    for kind, grows in (("freeze", True), ("thaw", False)):
        for phase in (p for p in liver_run.phases if p.kind == kind):
            frames = [f for f in liver_run.frames if f.phase is phase]
            frozen = [float((f.frozen_fraction * liver_run.geometry.volume).sum())
                      for f in frames]
            change = frozen[-1] - frozen[0]
            assert (change > 0) if grows else (change < 0), (phase.id, frozen[0], frozen[-1])


def test_second_freeze_destroys_more(liver_run):
    assert liver_run.end_of("freeze2").tumour_destroyed > liver_run.end_of("freeze1").tumour_destroyed


def test_probe_is_inside_the_tumour_when_freezing_starts(liver_run):
    g = liver_run.geometry
    active_rows = g.active.any(axis=1)
    tumour_rows = (g.tumour | (g.X ** 2 + (g.Y - liver_run.scenario.tumour.centre_depth) ** 2
                               <= liver_run.scenario.tumour.radius ** 2)).any(axis=1)
    assert (active_rows & tumour_rows).any()
    centre_row = int(np.argmin(abs(g.mesh.y - liver_run.scenario.tumour.centre_depth)))
    assert g.active[centre_row].any()


def test_frame_outputs(liver_run):
    frame = liver_run.end_of("freeze1")
    assert frame.temperature.dtype == np.float32
    assert frame.temperature.shape == liver_run.geometry.mesh.shape
    assert 0 <= frame.frozen_fraction.min() and frame.frozen_fraction.max() <= 1
    length, width = frame.ice_size(0.0)
    lethal_length, lethal_width = frame.ice_size(-40.0)
    assert length > lethal_length > 0 and width > lethal_width > 0
    assert all(line.shape[1] == 2 for line in frame.isotherm(0.0))
    assert frame.destroyed.sum() > 0 and frame.destroyed.dtype == bool
    assert frame.edge_c < 0 and frame.centre_c < frame.edge_c
    series = liver_run.series
    assert len(series["time"]) == len(series["edge_c"]) > len(liver_run.frames) / 2
    assert liver_run.memory_bytes < 5e6
