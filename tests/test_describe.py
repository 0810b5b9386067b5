"""The picture and the chart in words: the sentences must state the frames' own numbers."""

import re

import numpy as np
import pytest

from cryoviewer.resources import resources_root
from cryoviewer.scenario import Geometry, Run, Simulation, load_scenario
from cryoviewer.scenario.describe import (ICE_C, TEMPLATES, describe_chart, describe_picture,
                                          ice_extent, signed)
from cryoviewer.scenario.playback import Moment, Playback
from cryoviewer.scenario.simulation import Frame

MINUS = "\u2212"
SCENARIOS = resources_root() / "scenarios"
SIZE = re.compile(r"(\d+(?:\.\d)?) (cm|mm)")


def scenario(name):
    return load_scenario(SCENARIOS / f"{name}.toml")


@pytest.fixture(scope="session")
def runs(computed_runs):
    """Real runs, computed once for the whole test session (conftest.py)."""
    return computed_runs


def moment_of(run, frame):
    """The moment a stored frame shows (a frame at a phase's end belongs to that phase)."""
    phase = frame.phase
    return Moment(run.phases.index(phase), phase, frame.phase_time / phase.duration, frame.time)


def moment_at(run, phase_id, fraction):
    playback = Playback(run.phases)
    playback.go_to(phase_id, fraction)
    return playback.moment()


def sentences(text):
    return [s + "." for s in text.split(". ") if s]


def mm(match):
    value, unit = float(match.group(1)), match.group(2)
    return value * 10 if unit == "cm" else value


def tumour_share(frame, cells):
    g = frame.geometry
    weights = g.volume * g.tumour
    return weights[cells].sum() / weights.sum()


def percent_in(sentence):
    return int(re.search(r"(\d+) %", sentence).group(1))


def assert_percent(sentence, fraction):
    """A share said as a whole percentage: rounded, but never to 0 or 100."""
    assert 0 < fraction < 1
    assert percent_in(sentence) == min(99, max(1, round(100 * fraction))), (sentence, fraction)


# -- numbers ----------------------------------------------------------------------------------

def test_signed_writes_a_true_minus_and_never_minus_zero():
    assert signed(-32) == MINUS + "32"
    assert signed(-32.4) == MINUS + "32"
    assert signed(-1.26, 1) == MINUS + "1.3"
    assert signed(37.4) == "37" and signed(0.0) == "0"
    assert signed(-0.4) == "0" and signed(-0.04, 1) == "0.0"


# -- the picture ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, phases", [("skin-spray", ["prepare"]),
                                          ("liver-probe", ["prepare", "insert"])])
def test_before_freezing_there_is_no_ice(runs, name, phases):
    run = runs[name]
    for phase_id in phases:
        for fraction in (0.0, 0.5, 1.0):
            text = describe_picture(run, moment_at(run, phase_id, fraction))
            assert "No ice yet." in text
            assert not SIZE.search(text) and "covers" not in text
    text = describe_picture(run, moment_at(run, "freeze1", 0.5))
    assert "No ice" not in text and SIZE.search(text)


def test_liver_freeze2_ice_size_matches_the_frame(runs):
    run = runs["liver-probe"]
    for fraction in (0.1, 0.3, 0.5, 0.8, 1.0):
        moment = moment_at(run, "freeze2", fraction)
        frame = run.at(moment.time)
        assert frame.phase.id == "freeze2"
        text = describe_picture(run, moment)
        match = re.search(r"The ice ball is (.+?) across and (.+?) long\.", text)
        assert match, text
        across, length = (mm(SIZE.fullmatch(part)) for part in match.groups())
        true_length, true_across = frame.ice_size(ICE_C)
        assert 10 < true_across < 50
        # centimetres with one decimal: within half a millimetre
        assert abs(across - true_across) <= 0.5 + 1e-9, (text, true_across)
        assert abs(length - true_length) <= 0.5 + 1e-9, (text, true_length)


def test_skin_spot_width_and_depth_match_the_frame(runs):
    run = runs["skin-spray"]
    moment = moment_at(run, "freeze1", 1.0)
    frame = run.at(moment.time)
    text = describe_picture(run, moment)
    match = re.search(r"The frozen spot is (.+?) wide at the surface and (.+?) deep\.", text)
    assert match, text
    width, depth = (mm(SIZE.fullmatch(part)) for part in match.groups())
    true_depth, true_width = frame.ice_size(ICE_C)
    assert abs(width - true_width) <= 0.5 + 1e-9
    assert 1 <= true_depth < 9.5 and depth == round(true_depth)  # millimetres below 1 cm


@pytest.mark.parametrize("name", ["skin-spray", "liver-probe"])
def test_ice_extent_is_frame_ice_size_without_tracing(runs, name):
    run = runs[name]
    for frame in run.frames[::3]:
        assert ice_extent(frame) == pytest.approx(frame.ice_size(ICE_C), abs=1e-6)
        frame.__dict__.pop("_contours", None)  # keep the session's runs small


@pytest.mark.parametrize("name", ["skin-spray", "liver-probe"])
def test_covers_the_whole_tumour_exactly_when_every_tumour_cell_is_frozen(runs, name):
    run = runs[name]
    seen = set()
    for frame in run.frames:
        text = describe_picture(run, moment_of(run, frame))
        tumour = frame.temperature[frame.geometry.tumour]
        covered = bool((tumour < ICE_C).all())
        if frame.phase.kind == "heal":  # healing: the picture shows the tissue warm again
            assert "covers the whole tumour" not in text
            continue
        assert ("It covers the whole tumour." in text) == covered, (frame.time, text)
        seen.add(covered)
        partly = [s for s in sentences(text) if s.startswith("It covers ")
                  and "whole" not in s]
        if partly:
            assert_percent(partly[0], tumour_share(frame, frame.temperature < ICE_C))
    if name == "liver-probe":
        assert seen == {True, False}  # the first thaw melts part of the tumour's ice


def test_share_cold_enough_to_destroy_cells_is_the_field_now(runs):
    run = runs["liver-probe"]
    lethal = run.scenario.lethal_c
    checked, seen_all = 0, False
    for frame in run.frames:
        if frame.phase.kind != "freeze":
            continue
        text = describe_picture(run, moment_of(run, frame))
        share = tumour_share(frame, frame.temperature <= lethal)
        said = [s for s in sentences(text) if "to destroy cells (" in s]
        assert len(said) == 1, text
        assert signed(lethal) in said[0]
        if share == 0:
            assert said[0].startswith("No part of the tumour"), text
        elif share == 1:
            assert said[0].startswith("All of the tumour"), text
            seen_all = True
        else:
            assert_percent(said[0], share)
            checked += 1
    assert checked > 20 and seen_all  # the 8 mm tumour is wholly that cold half-way through


def test_after_a_freeze_the_share_so_far_is_the_cumulative_one(runs):
    run = runs["liver-probe"]
    for phase_id in ("thaw1", "thaw2", "remove", "heal"):
        for fraction in (0.2, 1.0):
            moment = moment_at(run, phase_id, fraction)
            frame = run.at(moment.time)
            text = describe_picture(run, moment)
            said = [s for s in sentences(text) if s.startswith("So far,")]
            assert len(said) == 1, text
            if frame.tumour_destroyed == 1:
                assert said[0].startswith("So far, all of the tumour"), text
            else:
                assert_percent(said[0], frame.tumour_destroyed)
            assert "cold enough to destroy cells (" not in text  # no "now" share after freezing


def test_the_second_freeze_is_said_to_reach_the_whole_tumour_sooner(runs):
    """Blood flow stops where tissue froze: the second freeze makes all of the tumour cold
    enough to destroy cells sooner than the first (both do, by their end)."""
    run = runs["liver-probe"]

    def first_said_all(phase_id):
        for frame in (f for f in run.frames if f.phase.id == phase_id):
            if "All of the tumour is cold enough" in describe_picture(run, moment_of(run, frame)):
                return frame.phase_time
        return None

    first, second = first_said_all("freeze1"), first_said_all("freeze2")
    assert first is not None and second is not None and second < first, (first, second)


def test_skin_spray_destroys_the_whole_lesion(runs):
    run = runs["skin-spray"]
    text = describe_picture(run, moment_at(run, "heal", 1.0))
    assert text.startswith("Healing:")
    assert "So far, all of the tumour has been cold enough to destroy its cells." in text
    assert run.frames[-1].destroyed[run.geometry.tumour].all()


def test_each_phase_says_what_the_instrument_does(runs):
    liver, skin = runs["liver-probe"], runs["skin-spray"]
    said = {phase.id: describe_picture(liver, moment_at(liver, phase.id, 0.5))
            for phase in liver.phases}
    assert "probe is not in the body" in said["prepare"]
    assert "goes in" in said["insert"]
    assert "Cold gas cools its tip to " + MINUS + "186 °C" in said["freeze1"]
    assert "ice thaws slowly by itself" in said["thaw1"]  # a passive first thaw
    assert "probe is warmed" in said["thaw2"]  # an active last thaw
    assert "taken out" in said["remove"]
    assert said["heal"].startswith("Healing:")
    assert "spray, at " + MINUS + "196 °C, freezes the skin" in describe_picture(
        skin, moment_at(skin, "freeze2", 0.5))


def test_the_end_of_freeze2_is_described_as_freezing_not_thawing(runs):
    run = runs["liver-probe"]
    end = describe_picture(run, moment_at(run, "freeze2", 1.0))
    after = describe_picture(run, moment_at(run, "thaw2", 0.0))
    assert "Cold gas" in end and "The ice ball is" in end
    assert "probe is warmed" in after and "The ice is melting" in after


@pytest.mark.parametrize("name", ["skin-spray", "liver-probe"])
def test_every_negative_number_has_a_true_minus_sign(runs, name):
    run = runs[name]
    texts = [describe_picture(run, moment_of(run, frame)) for frame in run.frames[::2]]
    texts += [describe_chart(run, frame.time) for frame in run.frames[::2]]
    assert any(MINUS in text for text in texts)
    for text in texts:
        assert not re.search(r"-\s?\d", text), text
        assert MINUS + "0 " not in text


# -- several probes ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def four_probes():
    s = scenario("large-tumour")
    return s, Geometry(s)


def synthetic_frame(s, geometry, radii_mm):
    """Ice discs of given radii around the probes, at −30 °C, in 37 °C tissue."""
    temperature = np.full(geometry.mesh.shape, 37.0, dtype=np.float32)
    for (x, y), radius in zip(s.probe.positions, radii_mm):
        near = (geometry.X - x) ** 2 + (geometry.Y - y) ** 2 <= (radius * 1e-3) ** 2
        temperature[near] = -30.0
    phase = s.protocol.phases()[2]
    assert phase.kind == "freeze"
    frozen = np.zeros(geometry.mesh.shape, dtype=np.uint8)
    return Frame(phase.start + 1.0, phase, temperature, frozen,
                 np.packbits(np.zeros(temperature.size, dtype=bool)), 0.0, 0.0, 0.0, geometry)


# The four probes stand in a square 1.5 cm apart: discs of 9 mm join, discs of 5 mm do not.
@pytest.mark.parametrize("radii_mm, key", [((5, 5, 5, 5), "ice.apart"),
                                           ((9, 9, 9, 9), "ice.joined"),
                                           ((9, 9, 9, 5), "ice.some_joined")])
def test_several_probes_ice_balls_join(four_probes, radii_mm, key):
    s, geometry = four_probes
    run = Run(s, geometry, s.protocol.phases())
    frame = synthetic_frame(s, geometry, radii_mm)
    run.add(frame)
    run.complete = True
    text = describe_picture(run, moment_of(run, frame))
    assert "The four probes are in the tumour." in text
    said = [k for k in ("ice.apart", "ice.joined", "ice.some_joined")
            if TEMPLATES[k].split("{")[0] in text]
    assert said == [key], text
    across = mm(SIZE.search(text.split("across")[0].split(",")[-1]))
    assert abs(across - frame.ice_size(ICE_C)[1]) <= 0.5 + 1e-9
    assert "It covers the whole tumour." not in text  # the tumour's centre is 1.06 cm from each
    assert "No part of the tumour is cold enough yet" in text  # −30 °C is not −40 °C


# -- the chart --------------------------------------------------------------------------------

def test_chart_says_the_current_edge_temperature(runs):
    run = runs["liver-probe"]
    series = run.series
    freeze1 = run.phase("freeze1")
    for time in (900.0, 1500.0, 1700.0, 1800.0):
        text = describe_chart(run, time)
        now = np.interp(time, series["time"], series["edge_c"])
        centre = np.interp(time, series["time"], series["centre_c"])
        before = np.interp(freeze1.start, series["time"], series["edge_c"])
        assert text.startswith(f"Temperature at the tumour's edge: {signed(now)} °C now; "
                               f"it was {signed(before)} °C before the treatment."), text
        assert f"At the tumour's centre: {signed(centre)} °C." in text
        lowest = min(series["edge_c"][series["time"] <= time].min(), now)
        assert f"The lowest at the edge so far is {signed(lowest)} °C" in text


def test_chart_counts_the_dips_and_compares_with_the_lethal_temperature(runs):
    liver, skin = runs["liver-probe"], runs["skin-spray"]
    assert "The line is flat" in describe_chart(liver, 45.0)
    assert "One freeze so far shows as one dip." in describe_chart(liver, 900.0)
    assert "Two freezes so far show as two dips." in describe_chart(liver, 1500.0)
    done = describe_chart(liver, liver.phases[-1].end)
    assert "Two freezes, each followed by a thaw, show as two dips." in done
    # the 8 mm liver tumour's edge goes just below −40 °C; the skin lesion's far below −50 °C
    assert "colder than the " + MINUS + "40 °C needed to destroy cells" in done
    assert "colder than the " + MINUS + "50 °C needed to destroy cells" in describe_chart(
        skin, skin.phase("freeze1").end)


# -- runs still being computed ----------------------------------------------------------------

def test_a_run_still_being_computed_describes_its_last_frame():
    simulation = Simulation(scenario("skin-spray"))
    frames = simulation.frames()
    for frame in frames:
        if frame.phase.id == "freeze1" and frame.phase_time > 15:
            break
    run = simulation.result
    assert not run.complete
    later = Moment(4, run.phases[4], 0.5, run.phases[4].start + 15)  # thaw 2, not computed yet
    text = describe_picture(run, later)
    assert text.startswith("The spray, at ")  # the last frame computed: the first freeze
    assert text.endswith("The next moments are still being worked out.")
    width = mm(SIZE.search(text.split("wide")[0].split("is ")[-1]))
    assert abs(width - frame.ice_size(ICE_C)[1]) <= 0.5 + 1e-9
    chart = describe_chart(run, later.time)
    assert f"{signed(run.series['edge_c'][-1])} °C now" in chart
    assert chart.endswith("The next moments are still being worked out.")
    frames.close()


def test_a_run_with_frames_but_no_solver_steps_reads_its_frames(runs):
    full = runs["liver-probe"]
    run = Run(full.scenario, full.geometry, full.phases)
    for frame in full.frames[:100]:
        run.add(frame)
    assert run.steps == 0
    time = full.frames[99].time
    text = describe_chart(run, time)
    assert text.startswith(f"Temperature at the tumour's edge: {signed(full.frames[99].edge_c)}"
                           " °C now")
    assert "still being worked out" not in describe_chart(run, time - 5)
    assert "still being worked out" in describe_chart(run, time + 60)
    assert "The ice ball is" in describe_picture(run, moment_of(run, full.frames[80]))


def test_a_run_with_nothing_computed_yet(runs):
    full = runs["skin-spray"]
    run = Run(full.scenario, full.geometry, full.phases)
    moment = Moment(0, run.phases[0], 0.0, 0.0)
    assert describe_picture(run, moment) == "The picture is still being worked out."
    assert describe_chart(run, 0.0) == "The temperatures are still being worked out."


# -- translation ------------------------------------------------------------------------------

def test_templates_can_be_replaced_and_every_sentence_comes_from_them(runs):
    run = runs["liver-probe"]
    moment = moment_at(run, "freeze2", 0.5)
    french = {"freeze.probe": "La sonde est dans la tumeur. Le gaz la refroidit à {cold}.",
              "ice.probe": "La boule de glace mesure {across} de large et {length} de long.",
              "decimal_point": ",", "cm": "{value} cm"}
    text = describe_picture(run, moment, templates=french)
    assert text.startswith("La sonde est dans la tumeur. Le gaz la refroidit à " + MINUS
                           + "186 °C. La boule de glace mesure ")
    assert re.search(r"mesure \d,\d cm de large", text)
    # with every template blanked out, nothing is left: no sentence is written elsewhere
    blank = {key: "" for key in TEMPLATES}
    for phase in run.phases:
        for fraction in (0.5, 1.0):
            moment = moment_at(run, phase.id, fraction)
            assert describe_picture(run, moment, templates=blank).strip() == ""
            assert describe_chart(run, moment.time, templates=blank).strip() == ""


def test_one_cycle_is_said_in_the_singular(tmp_path):
    from cryoviewer.resources import resources_root
    from cryoviewer.scenario import Simulation, load_scenario
    from cryoviewer.scenario.describe import describe_chart

    text = (resources_root() / "scenarios" / "skin-spray.toml").read_text(encoding="utf-8")
    path = tmp_path / "skin-spray.toml"
    one = text.replace("cycles = 2", "cycles = 1").replace("thaw_s = [360, 390]", "thaw_s = 360")
    path.write_text(one, encoding="utf-8")
    run = Simulation(load_scenario(path)).run()
    said = describe_chart(run, run.phases[-1].end)
    assert "One freeze, followed by a thaw, shows as one dip." in said
    assert "one freezes" not in said.lower()
