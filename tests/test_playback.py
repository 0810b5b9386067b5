"""The playback clock: viewing time, moments, seeking, playing, stepping and reduced motion."""

import math

import pytest

from cryoviewer.scenario.playback import (MIN_VIEW_S, SPEEDS, STILL_AT, STILL_S,
                                          VIEW_S_PER_ROOT_S, Playback, viewing_seconds)
from cryoviewer.scenario.protocol import Phase, Protocol

FRAME_S = 1 / 60  # a display refresh


def liver_phases():
    """The liver-probe protocol: short prepare/insert/remove phases and 10 min freezes."""
    return Protocol(cycles=2, prepare=30, freeze=(600, 600), thaw=(480, 120), heal=300,
                    frame=10, max_step=10, insert=30, remove=30).phases()


def skin_phases():
    """A spray protocol: every phase short, so every phase plays for its minimum."""
    return Protocol(cycles=2, prepare=5, freeze=(30, 30), thaw=(75, 90), heal=60,
                    frame=5, max_step=5).phases()


@pytest.fixture
def clock():
    return Playback(liver_phases())


@pytest.fixture
def still_clock():
    return Playback(liver_phases(), reduced_motion=True)


def stills(playback):
    return {playback.starts[i] + STILL_AT * playback.lengths[i]
            for i in range(len(playback.phases))}


def is_still(playback, position):
    return any(math.isclose(position, s, abs_tol=1e-9) for s in stills(playback))


# -- viewing time -----------------------------------------------------------------------------

def test_viewing_seconds_grow_with_the_root_of_the_duration_above_a_minimum():
    long_freeze = Phase("freeze1", "freeze", 1, 0.0, 600.0)
    assert viewing_seconds(long_freeze) == pytest.approx(VIEW_S_PER_ROOT_S * math.sqrt(600))
    assert viewing_seconds(long_freeze) > MIN_VIEW_S["freeze"]
    short_freeze = Phase("freeze1", "freeze", 1, 0.0, 30.0)
    assert viewing_seconds(short_freeze) == MIN_VIEW_S["freeze"]
    # four times the body time, twice the viewing time (above the minimum)
    quadruple = Phase("freeze1", "freeze", 1, 0.0, 2400.0)
    assert viewing_seconds(quadruple) == pytest.approx(2 * viewing_seconds(long_freeze))
    for kind, minimum in MIN_VIEW_S.items():
        assert viewing_seconds(Phase(kind, kind, None, 0.0, 1.0)) == minimum


def test_timeline_is_the_phases_end_to_end(clock):
    assert clock.lengths == [viewing_seconds(p) for p in clock.phases]
    assert clock.starts[0] == 0.0
    for i in range(1, len(clock.phases)):
        assert clock.starts[i] == pytest.approx(clock.starts[i - 1] + clock.lengths[i - 1])
    assert clock.total == pytest.approx(clock.starts[-1] + clock.lengths[-1])
    assert 60 < clock.total < 120  # a 40 min treatment watched in a minute or two


def test_a_protocol_needs_phases():
    with pytest.raises(ValueError, match="at least one phase"):
        Playback([])


def test_starts_paused_at_the_beginning_at_normal_speed(clock):
    assert clock.position == 0.0 and not clock.playing and clock.speed == 1.0
    moment = clock.moment()
    assert moment.index == 0 and moment.phase.id == "prepare"
    assert moment.fraction == 0.0 and moment.time == 0.0


# -- moments ----------------------------------------------------------------------------------

@pytest.mark.parametrize("phase_id", ["prepare", "insert", "freeze1", "thaw1", "thaw2", "heal"])
def test_body_time_maps_linearly_within_a_phase(clock, phase_id):
    i = clock.index_of(phase_id)
    phase = clock.phases[i]
    for fraction in (0.0, 0.1, 0.25, 0.5, 0.9, 0.999):
        clock.seek(clock.starts[i] + fraction * clock.lengths[i])
        moment = clock.moment()
        assert moment.index == i and moment.phase is phase
        assert moment.fraction == pytest.approx(fraction)
        assert moment.time == pytest.approx(phase.start + fraction * phase.duration)
        assert moment.elapsed == pytest.approx(fraction * phase.duration)


def test_body_time_is_continuous_across_phase_boundaries(clock):
    for i in range(1, len(clock.phases)):
        clock.seek(clock.starts[i] - 1e-9)
        before = clock.moment()
        clock.seek(clock.starts[i])
        after = clock.moment()
        assert before.index == i - 1 and after.index == i and after.fraction == 0.0
        assert before.time == pytest.approx(after.time, abs=1e-6)
        assert after.time == clock.phases[i].start


def test_body_time_never_goes_backwards_along_the_timeline(clock):
    times = []
    for n in range(1001):
        clock.seek(clock.total * n / 1000)
        times.append(clock.moment().time)
    assert times == sorted(times)
    assert times[0] == 0.0 and times[-1] == pytest.approx(clock.phases[-1].end)


def test_the_end_is_the_last_phase_complete(clock):
    clock.seek(clock.total)
    moment = clock.moment()
    assert moment.index == len(clock.phases) - 1 and moment.fraction == 1.0
    assert moment.time == pytest.approx(clock.phases[-1].end)


# -- seeking ----------------------------------------------------------------------------------

def test_seek_clamps_to_the_timeline(clock):
    clock.seek(-5.0)
    assert clock.position == 0.0
    clock.seek(clock.total + 100)
    assert clock.position == clock.total
    clock.seek(12.5)
    assert clock.position == 12.5


def test_go_to_without_a_fraction_shows_the_phase_still(clock):
    for i, phase in enumerate(clock.phases):
        clock.go_to(phase.id)
        assert clock.position == pytest.approx(clock.starts[i] + STILL_AT * clock.lengths[i])
        moment = clock.moment()
        assert moment.phase is phase and moment.fraction == pytest.approx(STILL_AT)


def test_go_to_a_fraction_of_a_phase(clock):
    i = clock.index_of("freeze2")
    clock.go_to("freeze2", 0.25)
    assert clock.position == pytest.approx(clock.starts[i] + 0.25 * clock.lengths[i])
    clock.go_to("freeze2", 0.0)
    assert clock.position == pytest.approx(clock.starts[i])
    clock.go_to("freeze2", 7.0)  # clamped to the phase
    assert clock.position == pytest.approx(clock.starts[i] + clock.lengths[i])
    clock.go_to("freeze2", -1.0)
    assert clock.position == pytest.approx(clock.starts[i])


def test_go_to_an_unknown_phase_names_the_known_ones(clock):
    with pytest.raises(KeyError, match="no phase 'freeze9'.*prepare, insert, freeze1"):
        clock.go_to("freeze9")
    assert clock.index_of("heal") == len(clock.phases) - 1


def test_tick_does_nothing_while_paused(clock):
    assert clock.tick(1.0) is False
    assert clock.position == 0.0


def test_tick_advances_by_wall_time(clock):
    clock.play()
    assert clock.playing
    assert clock.tick(0.5) is True
    assert clock.position == pytest.approx(0.5)
    assert clock.tick(0.0) is False and clock.tick(-1.0) is False
    assert clock.position == pytest.approx(0.5)
    clock.pause()
    assert not clock.playing and clock.tick(1.0) is False
    assert clock.position == pytest.approx(0.5)


@pytest.mark.parametrize("speed", SPEEDS)
def test_speed_scales_how_far_a_tick_goes(speed):
    normal, fast = Playback(liver_phases()), Playback(liver_phases())
    fast.set_speed(speed)
    for playback in (normal, fast):
        playback.play()
        for _ in range(60):
            playback.tick(FRAME_S)
    assert normal.position == pytest.approx(1.0)
    assert fast.position == pytest.approx(speed * normal.position)


def test_speed_four_goes_four_times_as_far(clock):
    clock.set_speed(4.0)
    clock.play()
    clock.tick(2.0)
    assert clock.position == pytest.approx(8.0)


@pytest.mark.parametrize("speed", [0, 3.0, 8.0, -1.0, 1.5])
def test_only_the_offered_speeds_are_accepted(clock, speed):
    with pytest.raises(ValueError, match="speed must be one of"):
        clock.set_speed(speed)
    assert clock.speed == 1.0


def test_playing_stops_at_the_end(clock):
    clock.play()
    clock.seek(clock.total - 0.2)
    assert clock.tick(1.0) is True
    assert clock.position == clock.total and not clock.playing and clock.at_end()
    assert clock.tick(1.0) is False


def test_playing_the_whole_timeline_visits_every_phase_in_order(clock):
    clock.set_speed(4.0)
    clock.play()
    seen = []
    for _ in range(10_000):
        if not clock.tick(FRAME_S):
            break
        index = clock.moment().index
        if not seen or seen[-1] != index:
            seen.append(index)
    assert seen == list(range(len(clock.phases)))
    assert clock.at_end() and not clock.playing
    assert clock.moment().time == pytest.approx(clock.phases[-1].end)


def test_playing_from_the_end_starts_over(clock):
    clock.seek(clock.total)
    assert clock.at_end()
    clock.play()
    assert clock.playing and clock.position == 0.0
    clock.tick(1.0)
    assert clock.position == pytest.approx(1.0)


def test_playing_from_the_middle_carries_on_from_there(clock):
    clock.seek(20.0)
    clock.play()
    assert clock.position == 20.0
    assert not clock.at_end()


def test_reset_pauses_at_the_start_at_normal_speed(clock):
    clock.set_speed(2.0)
    clock.go_to("thaw1")
    clock.play()
    clock.reset()
    assert clock.position == 0.0 and not clock.playing and clock.speed == 1.0
    assert clock.moment().index == 0


# -- stepping ---------------------------------------------------------------------------------

def test_step_forward_goes_to_the_next_phase_start(clock):
    clock.go_to("insert", 0.5)
    clock.step(+1)
    assert clock.position == clock.starts[clock.index_of("freeze1")]
    clock.step(+1)
    assert clock.position == clock.starts[clock.index_of("thaw1")]


def test_step_back_goes_to_the_current_phase_start(clock):
    i = clock.index_of("freeze1")
    clock.go_to("freeze1", 0.5)
    clock.step(-1)
    assert clock.position == clock.starts[i]


def test_step_back_near_a_phase_start_goes_to_the_previous_phase(clock):
    i = clock.index_of("freeze1")
    clock.seek(clock.starts[i] + 0.4)  # within 0.5 s of the start
    clock.step(-1)
    assert clock.position == clock.starts[i - 1]
    clock.step(-1)  # now exactly at the start of insert: on to prepare
    assert clock.position == clock.starts[i - 2] == 0.0
    clock.step(-1)  # nothing before the first phase
    assert clock.position == 0.0


def test_step_back_just_beyond_half_a_second_stays_in_the_phase(clock):
    i = clock.index_of("freeze1")
    clock.seek(clock.starts[i] + 0.6)
    clock.step(-1)
    assert clock.position == clock.starts[i]


def test_step_forward_in_reduced_motion_goes_from_still_to_still(still_clock):
    still_clock.step(+1)
    assert still_clock.moment().index == 1
    assert still_clock.moment().fraction == pytest.approx(STILL_AT)
    still_clock.step(+1)
    assert still_clock.moment().index == 2 and is_still(still_clock, still_clock.position)


def test_step_back_in_reduced_motion_goes_to_the_previous_still(still_clock):
    still_clock.go_to("thaw1")
    i = still_clock.index_of("thaw1")
    still_clock.step(-1)  # far from the phase start, yet a still is a whole phase
    assert still_clock.moment().index == i - 1 and is_still(still_clock, still_clock.position)
    still_clock.go_to("prepare")
    still_clock.step(-1)
    assert still_clock.moment().index == 0 and is_still(still_clock, still_clock.position)


def test_step_forward_at_the_last_still_stays_there(still_clock):
    still_clock.go_to("heal")
    still_clock.step(+1)
    assert still_clock.moment().phase.id == "heal" and is_still(still_clock,
                                                                still_clock.position)


# -- reduced motion ---------------------------------------------------------------------------

def test_reduced_motion_play_shows_the_current_phase_still(still_clock):
    still_clock.seek(still_clock.starts[2] + 0.1)
    still_clock.play()
    assert still_clock.playing and still_clock.moment().index == 2
    assert is_still(still_clock, still_clock.position)


def test_reduced_motion_holds_each_still_then_jumps_to_the_next(still_clock):
    still_clock.play()
    start = still_clock.position
    steps_to_hold = round(STILL_S / 0.1)
    for _ in range(steps_to_hold - 1):
        assert still_clock.tick(0.1) is False
        assert still_clock.position == start
    assert still_clock.tick(0.2) is True
    assert still_clock.moment().index == 1 and is_still(still_clock, still_clock.position)


@pytest.mark.parametrize("phases", [liver_phases, skin_phases], ids=["liver", "skin"])
@pytest.mark.parametrize("speed", SPEEDS)
def test_reduced_motion_never_moves_continuously(phases, speed):
    playback = Playback(phases(), reduced_motion=True)
    playback.set_speed(speed)
    playback.play()
    wall, changes, shown = 0.0, [], [playback.moment().index]
    while playback.playing and wall < 1000:
        wall += FRAME_S
        if playback.tick(FRAME_S):
            changes.append(wall)
            shown.append(playback.moment().index)
        assert is_still(playback, playback.position), (wall, playback.position)
    # one still per phase, in order, and then it stops on the last one
    assert shown == list(range(len(playback.phases)))
    assert not playback.playing and playback.at_end()
    # each still held STILL_S viewing seconds: at most one change per STILL_S / speed seconds
    gaps = [b - a for a, b in zip([0.0] + changes, changes)]
    assert min(gaps) >= STILL_S / speed - 2 * FRAME_S
    for t in changes:  # never more than 3 changes in any second (no flashing), even at 4×
        assert sum(t <= u < t + 1.0 for u in changes) <= 3
    # the whole treatment takes one hold per phase (each hold ends on the frame after it is due)
    count = len(playback.phases)
    assert wall == pytest.approx(count * STILL_S / speed, abs=(count + 1) * FRAME_S)


def test_reduced_motion_after_scrubbing_still_only_jumps_between_stills(still_clock):
    still_clock.play()
    still_clock.seek(still_clock.starts[3] + 1.234)  # the user drags the timeline
    for _ in range(round(STILL_S / FRAME_S) - 5):
        assert still_clock.tick(FRAME_S) is False
    for _ in range(10):
        still_clock.tick(FRAME_S)
    assert still_clock.moment().index == 4 and is_still(still_clock, still_clock.position)


def test_reduced_motion_end_is_the_last_still_and_playing_again_restarts(still_clock):
    still_clock.go_to("heal")
    assert still_clock.at_end()
    still_clock.go_to("heal", 0.5)
    assert not still_clock.at_end()
    still_clock.go_to("heal")
    still_clock.play()
    assert still_clock.playing and still_clock.moment().index == 0
    assert is_still(still_clock, still_clock.position)


def test_reduced_motion_stops_after_holding_the_last_still(still_clock):
    still_clock.go_to("remove")
    still_clock.play()
    assert still_clock.tick(STILL_S) is True and still_clock.moment().phase.id == "heal"
    assert still_clock.tick(STILL_S - 0.1) is False and still_clock.playing
    assert still_clock.tick(0.2) is False
    assert not still_clock.playing and still_clock.moment().phase.id == "heal"


def test_reduced_motion_speed_shortens_the_hold(still_clock):
    still_clock.set_speed(4.0)
    still_clock.play()
    assert still_clock.tick(STILL_S / 4 - 0.05) is False
    assert still_clock.tick(0.1) is True
    assert still_clock.moment().index == 1


# -- phase boundaries -------------------------------------------------------------------------
# A boundary position is the later phase's start, except right after go_to(phase, 1.0), which
# shows that phase's end until the position moves (see the playback module's docstring).

@pytest.mark.parametrize("phases", [liver_phases, skin_phases], ids=["liver", "skin"])
def test_go_to_the_end_of_a_phase_reports_that_phase_complete(phases):
    clock = Playback(phases())
    for i, phase in enumerate(clock.phases):
        clock.go_to(phase.id, 1.0)
        moment = clock.moment()
        assert (moment.phase.id, moment.index) == (phase.id, i)
        assert moment.fraction == 1.0
        assert moment.time == phase.end and moment.elapsed == phase.duration


def test_the_end_of_freeze2_is_not_the_start_of_thaw2(clock):
    """`cryoviewer --at freeze2:1` showed "Thaw 2 — 0:00"."""
    clock.go_to("freeze2", 1.0)
    assert clock.moment().phase.id == "freeze2"
    assert clock.position == clock.starts[clock.index_of("thaw2")]  # the same place …
    clock.go_to("thaw2", 0.0)
    assert clock.moment().phase.id == "thaw2"  # … read as the later phase's start
    assert clock.moment().fraction == 0.0 and clock.moment().time == clock.phases[
        clock.index_of("freeze2")].end


def test_playing_on_from_the_end_of_a_phase_continues_into_the_next(clock):
    i = clock.index_of("freeze2")
    clock.go_to("freeze2", 1.0)
    clock.play()
    assert clock.playing and clock.moment().phase.id == "freeze2"  # not restarted, not moved
    assert clock.tick(FRAME_S) is True
    moment = clock.moment()
    assert moment.index == i + 1 and 0.0 < moment.fraction < 0.01
    assert moment.time > clock.phases[i].end


def test_scrubbing_onto_a_boundary_shows_the_later_phase(clock):
    i = clock.index_of("freeze2")
    clock.go_to("freeze2", 1.0)
    clock.seek(clock.position)  # the user drags the playhead to exactly the same place
    assert clock.moment().index == i + 1 and clock.moment().fraction == 0.0


def test_stepping_from_the_end_of_a_phase(clock):
    i = clock.index_of("freeze2")
    clock.go_to("freeze2", 1.0)
    clock.step(+1)
    assert clock.moment().index == i + 1 and clock.moment().fraction == 0.0
    clock.go_to("freeze2", 1.0)
    clock.step(-1)
    assert clock.moment().index == i and clock.position == clock.starts[i]


def test_end_of_phase_moments_keep_body_time_in_order(clock):
    times = []
    for phase in clock.phases:
        for fraction in (0.0, 0.5, 1.0):
            clock.go_to(phase.id, fraction)
            times.append(clock.moment().time)
    assert times == sorted(times)
    assert times[-1] == clock.phases[-1].end


def test_reduced_motion_from_the_end_of_a_phase_shows_its_still(still_clock):
    still_clock.go_to("freeze1", 1.0)
    assert still_clock.moment().phase.id == "freeze1"
    still_clock.play()
    assert still_clock.moment().phase.id == "freeze1" and is_still(still_clock,
                                                                   still_clock.position)


@pytest.mark.parametrize("heal", [87, 94, 115, 300])
def test_the_very_end_is_the_last_phase_complete_whatever_the_lengths(heal):
    # with these lengths, (total − last start) / last length rounds to 0.9999999999999998
    phases = Protocol(cycles=2, prepare=30, freeze=(600, 600), thaw=(480, 120), heal=heal,
                      frame=10, max_step=10, insert=30, remove=30).phases()
    clock = Playback(phases)
    clock.seek(clock.total)
    moment = clock.moment()
    assert moment.phase.id == "heal" and moment.fraction == 1.0
    assert moment.time == phases[-1].end
    clock.go_to("heal", 1.0)
    assert clock.moment().fraction == 1.0 and clock.at_end()
    clock.seek(clock.total - 0.5)
    clock.play()
    clock.tick(1.0)  # playing into the end
    assert clock.moment().fraction == 1.0 and clock.moment().time == phases[-1].end
    assert not clock.playing
