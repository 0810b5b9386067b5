"""Scenario files: the shipped ones load and behave; every bad value is named by file and line."""

import re

import numpy as np
import pytest

from cryoviewer.resources import resources_root
from cryoviewer.scenario import ScenarioError, Simulation, load_scenario
from cryoviewer.scenario.protocol import MIN_FRAMES

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
     "must be between 0.1 and 1.5 W/m·K, not -0.5"),
    ("c_frozen = 1.8e6 ", "c_frozen = 0 ", "materials.liver.c_frozen", "must be between"),
    ("freeze_c = -186 ", "freeze_c = -5 ", "probe.freeze_c",
     "must be colder than the tissue's freezing point"),
    ("tip_depth_mm = 55 ", "tip_depth_mm = 95 ", "probe.tip_depth_mm",
     "outside the grid"),
    ("freeze_s = 600 ", "", "protocol.freeze_s", "is missing"),
    ("cycles = 2", "cycles = 5", "protocol.cycles", "must be between 1 and 3"),
    ("thaw_s = [480, 120] ", "thaw_s = [480] ", "protocol.thaw_s", "list of 2"),
    ("frame_s = 10", "frame_s = \"often\"", "protocol.frame_s", "must be a number"),
    ("radius_mm = 4 ", "radius_mm = 4\ncolour = \"red\"\n", "tumour.colour",
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
    text = text.replace("[[-7.5, -7.5], [7.5, -7.5], [-7.5, 7.5], [7.5, 7.5]]", "[[0, 0], [1, 0]]")
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


def test_second_freeze_reaches_the_lethal_zone_faster(liver_run):
    """Blood flow stops where tissue froze, so the second freeze cools faster: half-way
    through, its lethal zone is larger than the first's (the tumour is wholly destroyed by
    the end of each)."""
    def lethal_volume_half_way(phase_id):
        phase = liver_run.phase(phase_id)
        frame = liver_run.at(phase.start + phase.duration / 2)
        cold = frame.temperature <= liver_run.scenario.lethal_c
        return float((liver_run.geometry.volume * cold).sum())

    first, second = lethal_volume_half_way("freeze1"), lethal_volume_half_way("freeze2")
    assert 0 < first < second


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


# -- every reader total, every value bounded, every run within budget (issue 11) -------------

from cryoviewer.scenario import RunError  # noqa: E402
from cryoviewer.scenario.budget import MAX_MEMORY, MAX_SECONDS, estimate  # noqa: E402
from cryoviewer.scenario.limits import LIMITS, markdown_table  # noqa: E402

LARGE = (SCENARIOS / "large-tumour.toml").read_text(encoding="utf-8")
SPRAY = (SCENARIOS / "skin-spray.toml").read_text(encoding="utf-8")


def test_the_documented_limits_are_the_ones_applied():
    doc = (SCENARIOS.parent.parent / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    assert markdown_table() in doc
    assert all(limit.low < limit.high for limit in LIMITS.values())


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenarios_fit_the_budget_comfortably(name):
    guess = estimate(load_scenario(SCENARIOS / f"{name}.toml"))
    # Four probes in three dimensions take about 14 s on the reference machine: a quarter.
    assert guess.seconds < MAX_SECONDS / 4 and guess.memory < MAX_MEMORY / 10, guess


@pytest.mark.parametrize("old, new, field", [
    ("lethal_c = -40.0", "lethal_c = nan", "lethal_c"),
    ("lethal_c = -40.0", "lethal_c = -300", "lethal_c"),
    ("width_mm = 40", "width_mm = inf", "grid.width_mm"),
    ("width_mm = 40", "width_mm = " + "9" * 400, "grid.width_mm"),
    ("cell_mm = 1.0 ", "cell_mm = 0.08 ", "grid.cell_mm"),
    ("cell_mm = 1.0 ", "cell_mm = 1.3 ", "grid.cell_mm"),
    ("freeze_c = -186 ", "freeze_c = -273.15 ", "probe.freeze_c"),
    ("freeze_c = -186 ", "freeze_c = -inf ", "probe.freeze_c"),
    ("frame_s = 10", "frame_s = 1e-9", "protocol.frame_s"),
    ("freeze_s = 600 ", "freeze_s = 86400 ", "protocol.freeze_s"),
    ("thaw_s = [480, 120] ", "thaw_s = [480, nan] ", "protocol.thaw_s"),
    ("radius_mm = 4 ", "radius_mm = 0.6 ", "tumour.radius_mm"),
    ("centre_depth_mm = 45", "centre_depth_mm = 45\nedge_mm = [[30, 300]]", "tumour.edge_mm"),
    ("centre_depth_mm = 45", "centre_depth_mm = 45\nedge_mm = [[45, 30]]", "tumour.edge_mm"),
    ('id = "liver-probe"', 'id = "../../liver"', "id"),
])
def test_impossible_values_are_refused(tmp_path, old, new, field):
    assert old in LIVER, old
    found = problems(tmp_path, LIVER.replace(old, new, 1))
    assert any(f"field '{field}'" in p and ", line " in p for p in found), found


@pytest.mark.parametrize("table", ['arterial = 1e6', 'perfusion = nan', 'metabolic = 1e5\n'
                                   'perfusion = 100', 'liquidus = -7.9', 'k_frozen = 1e9',
                                   'latent = -inf'])
def test_impossible_materials_are_refused(tmp_path, table):
    text = LIVER + f'\n[materials.liver]\nbase = "liver"\n{table}\n'
    found = problems(tmp_path, text)
    assert any("field 'materials.liver." in p for p in found), found


@pytest.mark.parametrize("text", [
    LIVER + "deep = " + "[" * 5000 + "]" * 5000 + "\n",
    LIVER + "deep = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n",
    LIVER + '\n[materials]\nliver = 3\n',
    LIVER + '\n[materials.liver]\nbase = ["liver"]\n',
    LIVER.replace('geometry = "probe"', "geometry = [1, 2]"),
    "\ufeff\x00\x01",
])
def test_strange_files_are_refused_not_raised(tmp_path, text):
    assert problems(tmp_path, text)


def test_materials_beside_a_scenario_are_checked_too(tmp_path):
    source = (SCENARIOS / "materials.toml").read_text(encoding="utf-8")
    write(tmp_path, source.replace("perfusion = 40e3 ", "perfusion = 4e9 "), "materials.toml")
    found = problems(tmp_path, LIVER)
    assert any("materials.toml, line" in p and "'liver.perfusion'" in p for p in found), found


def test_a_run_over_budget_is_refused_with_what_it_needs(tmp_path):
    text = LIVER.replace("cell_mm = 1.0 ", "cell_mm = 0.25 ").replace("frame_s = 10",
                                                                     "frame_s = 0.5")
    text = text.replace("freeze_s = 600", "freeze_s = 1800").replace("max_step_s = 10",
                                                                     "max_step_s = 0.5")
    found = problems(tmp_path, text)
    assert any(re.search(r"needs about [\d.]+ (GB|MB) of frames .*the limit is 500 MB: use a "
                         r"larger frame_s", p) for p in found), found
    assert any(re.search(r"needs about \d+ min of computing .* the limit is 60 s", p)
               for p in found), found
    # Four probes are computed in three dimensions: their cells, not the picture's, cost time.
    text = LARGE.replace("max_step_s = 30", "max_step_s = 1")
    found = problems(tmp_path, text)
    assert any(re.search(r"needs about \d+ min of computing \([\d,]+ steps of 28,125 cells\)"
                         r".* the limit is 60 s", p) for p in found), found


def test_a_grid_too_fine_is_refused_before_it_is_built(tmp_path):
    # 0.25 mm cells make a picture of 100,000 cells but a three-dimensional grid of millions.
    too_many = LARGE.replace("cell_mm = 1.25", "cell_mm = 0.25")
    assert any("cells; the limit is 200,000" in p for p in problems(tmp_path, too_many))
    wide = SPRAY.replace("width_mm = 16", "width_mm = 200").replace("cell_mm = 0.5 ",
                                                                     "cell_mm = 0.1 ")
    assert any("cells; the limit is 200,000" in p for p in problems(tmp_path, wide))


@pytest.mark.parametrize("text", [
    LIVER.replace("radius_mm = 4 ", "radius_mm = 2 ").replace("diameter_mm = 2.4 ",
                                                               "diameter_mm = 6 "),
    LARGE.replace("radius_mm = 16", "radius_mm = 2.5").replace("diameter_mm = 2.4",
                                                               "diameter_mm = 6").replace(
        "[[-7.5, -7.5], [7.5, -7.5], [-7.5, 7.5], [7.5, 7.5]]", "[[0, 0]]"),
], ids=["probe", "probes"])
def test_a_tumour_inside_the_probe_is_refused(tmp_path, text):
    assert any("leaves no tissue in the tumour" in p for p in problems(tmp_path, text))


def test_the_simulation_checks_the_budget_itself(tmp_path):
    import dataclasses

    scenario = load_scenario(write(tmp_path, LIVER))
    protocol = dataclasses.replace(scenario.protocol, frame=1e-3)
    with pytest.raises(ScenarioError, match="of frames"):
        Simulation(dataclasses.replace(scenario, protocol=protocol))


def test_a_frame_out_of_range_stops_the_run(tmp_path):
    simulation = Simulation(load_scenario(write(tmp_path, coarse(SPRAY))))
    frames = simulation.frames()
    next(frames)
    simulation._range = (-10.0, 50.0)   # the spray's −196 °C now counts as impossible
    with pytest.raises(RunError, match="the run was stopped at t = .* °C"):
        for _ in frames:
            pass
    assert all(f.temperature.min() >= -10 for f in simulation.result.frames)


def test_nan_stops_the_run_with_a_problem(tmp_path):
    simulation = Simulation(load_scenario(write(tmp_path, coarse(SPRAY))))
    frames = simulation.frames()
    next(frames)
    simulation.solver.H[3, 3] = np.nan
    with pytest.raises(RunError) as caught:
        next(frames)
    assert "the run was stopped" in caught.value.problems[0].message
    assert all(np.isfinite(f.temperature).all() for f in simulation.result.frames)


def test_a_treatment_is_named_in_each_language_it_gives(tmp_path):
    from cryoviewer.resources import resources_root
    from cryoviewer.scenario import ScenarioError, load_scenario

    for path in (resources_root() / "scenarios").glob("*.toml"):
        if path.stem in ("materials",) or path.parent.name == "checks":
            continue
        scenario = load_scenario(path)
        title, button = scenario.named("fr")
        assert (title, button) != (scenario.title, scenario.button), path.name
        assert scenario.named("de") == (scenario.title, scenario.button)  # none: English
    text = (resources_root() / "scenarios" / "skin-spray.toml").read_text(encoding="utf-8")
    bad = tmp_path / "skin-spray.toml"
    bad.write_text(text + '\n[names.french]\ntitle = "x"\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="two-letter language code"):
        load_scenario(bad)
