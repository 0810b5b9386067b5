"""The diagram panel in the window: pairing with the text, every control, scrubbing, reduced
motion, and never working while paused."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from cryoviewer.resources import resources_root
from cryoviewer.scenario.describe import describe_chart, describe_picture
from cryoviewer.scenario.playback import STILL_AT
from cryoviewer.ui.key import Entry, Scale
from cryoviewer.ui.touch import forget_taps
from cryoviewer.ui.wording import phase_label

SCENARIOS = resources_root() / "scenarios"


@pytest.fixture
def window(make_window):
    return make_window()


def moment(window):
    m = window.diagram.moment()
    return window.diagram.scenario_id, m.phase.id, m.fraction


def click(qtbot, button):
    """A tap, a moment after the last one (two taps close together are one double tap, which
    acts once: tests/test_touch.py)."""
    forget_taps()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_section_sets_scene_and_phase(window):
    window.show_section("freeze-thaw-cycles")        # step: liver-probe/freeze2
    scenario, phase, fraction = moment(window)
    assert (scenario, phase) == ("liver-probe", "freeze2")
    assert fraction == pytest.approx(STILL_AT)
    assert window.diagram.scene_buttons["liver-probe"].isChecked()
    window.show_section("pain")                      # step: skin-spray/heal
    assert moment(window)[:2] == ("skin-spray", "heal")
    assert not window.diagram.ultrasound.isVisibleTo(window.diagram)  # no ultrasound on skin


def test_section_without_a_step_shows_the_packs_still(window):
    window.show_section("pain")
    window.show_section("side-effects")              # no step of its own
    assert window.pack.still == "liver-probe/freeze2"
    assert moment(window)[:2] == ("liver-probe", "freeze2")
    assert window.current_section_id() == "side-effects"  # and the text stays where it is


def test_playback_moves_text_to_the_paragraph_and_section(qtbot, window):
    window.show_section("getting-ready")             # liver-probe/prepare
    assert window.reader.highlighted is None
    click(qtbot, window.diagram.forward_button)      # on to the insert phase
    assert moment(window)[1] == "insert"
    assert window.current_section_id() == "inside-the-body"
    assert window.sections.currentRow() == window.pack.index_of("inside-the-body")
    assert window.reader.highlighted == 1            # "A small cut" (first half of insert)
    window.diagram._scrub(window.diagram.playback.starts[1] + 0.8 * 6.0)
    assert window.reader.highlighted == 2            # "The probe goes in" (second half)
    window.diagram.show_step("liver-probe", "freeze1", 0.5)  # from outside: text not moved
    click(qtbot, window.diagram.forward_button)      # thaw 1: still this section, paragraph 4
    assert window.current_section_id() == "inside-the-body"
    assert window.reader.highlighted == 4


def test_playing_for_real_reaches_the_next_phase(qtbot, window):
    window.show_section("getting-ready")
    diagram = window.diagram
    click(qtbot, diagram.speed_buttons[4.0])
    click(qtbot, diagram.play_button)
    assert diagram.timer.isActive() and diagram.play_button.accessibleName() == "Pause"
    qtbot.waitUntil(lambda: moment(window)[1] == "insert", timeout=5000)
    assert window.current_section_id() == "inside-the-body"
    click(qtbot, diagram.play_button)
    assert not diagram.timer.isActive() and not diagram.playback.playing
    assert diagram.play_button.accessibleName() == "Play"


def test_step_buttons_speed_and_reset(qtbot, window):
    window.show_section("freeze-thaw-cycles")
    diagram = window.diagram
    click(qtbot, diagram.forward_button)
    assert moment(window)[1:] == ("thaw2", 0.0)
    click(qtbot, diagram.back_button)                # at a phase's start: the previous phase
    assert moment(window)[1:] == ("freeze2", 0.0)
    for speed in (0.5, 2.0, 4.0):
        click(qtbot, diagram.speed_buttons[speed])
        assert diagram.playback.speed == speed
    click(qtbot, diagram.play_button)
    click(qtbot, diagram.reset_button)
    assert moment(window)[1:] == ("prepare", 0.0)
    assert not diagram.playback.playing and not diagram.timer.isActive()
    assert diagram.playback.speed == 1.0 and diagram.speed_buttons[1.0].isChecked()


def test_scene_buttons_switch_scenario(qtbot, window):
    diagram = window.diagram
    click(qtbot, diagram.scene_buttons["liver-probe"])
    qtbot.waitUntil(lambda: diagram.playback is not None and diagram.scenario_id == "liver-probe")
    assert moment(window)[1:] == ("prepare", 0.0)
    if diagram.insets.isVisibleTo(diagram):          # room for one inset: the person chooses
        click(qtbot, diagram.inset_buttons["ultrasound"])
        assert not diagram.chart.isVisibleTo(diagram)
    assert diagram.ultrasound.isVisibleTo(diagram)
    assert diagram.timeline.total() == pytest.approx(diagram.playback.total)
    assert diagram.timeline.value_text().startswith("Prepare, ")
    click(qtbot, diagram.forward_button)
    assert diagram.timeline.value_text() == "Insert probe, 0 seconds of 30 seconds"


def test_scrubbing_the_timeline(qtbot, window):
    window.show_section("inside-the-body")
    diagram, timeline = window.diagram, window.diagram.timeline
    click(qtbot, diagram.play_button)
    x = round(timeline.width() * 0.6)
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, timeline.height() // 2))
    assert not diagram.playback.playing                # scrubbing pauses
    assert diagram.playback.position == pytest.approx(timeline.value_at(x))
    qtbot.mouseMove(timeline, QPoint(x + 40, timeline.height() // 2))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton,
                       pos=QPoint(x + 40, timeline.height() // 2))
    assert diagram.playback.position == pytest.approx(timeline.value_at(x + 40))
    assert diagram.clock.text().startswith(phase_label(diagram.moment().phase))


def test_clock_caption_and_accessible_description(window):
    diagram = window.diagram
    diagram.show_step("liver-probe", "freeze1", 0.45)
    assert diagram.clock.text() == "Freeze 1 — 4:30 of 10:00"
    caption = window.pack.captions["liver-probe"]["freeze1"]
    assert diagram.caption.text() == caption
    picture = describe_picture(diagram.run, diagram.moment())
    assert "ice ball is" in picture
    assert diagram.scene.accessibleDescription() == picture
    assert picture not in diagram.accessibleDescription()  # told once, by the picture
    assert "Temperature at the tumour's edge" in diagram.chart.accessibleDescription()
    assert diagram.timeline.value_text() == "Freeze 1, 4 minutes 30 of 10 minutes"
    diagram.show_step("liver-probe", "thaw2")        # caption by kind or by id
    assert diagram.caption.text() == window.pack.captions["liver-probe"]["thaw2"]


def test_looks_switch_and_are_remembered(qtbot, window):
    diagram, scene = window.diagram, window.diagram.scene
    window.show_section("freeze-thaw-cycles")
    assert scene.look == "patient" and scene.ice_edge.isVisible()
    assert [entry.text for entry in diagram.key.entries] == [
        "Tumour", "Ice ball", "Cold enough to destroy cells"]
    assert diagram.key.scale is None
    natural = set(np.unique(scene.picture.pixels()))
    assert natural <= set(scene.patient_colours)
    width = scene.width()
    click(qtbot, diagram.look_buttons["detailed"])
    assert not scene.ice_edge.isVisible()
    assert all(line.isVisible() for line in scene.isotherm_lines)
    assert set(np.unique(scene.picture.pixels())) <= set(scene.heat_colours)
    assert not natural & set(np.unique(scene.picture.pixels()))  # no tissue colour is left
    assert [entry.text for entry in diagram.key.entries] == ["Tumour", "0 °C", "−20 °C",
                                                             "−40 °C"]
    assert diagram.key.scale.low == scene.low and 0 in diagram.key.scale.ticks
    assert "°C" in diagram.key.accessibleDescription()
    assert scene.width() == width                      # the picture does not jump
    assert window.session.look == "detailed"


def test_temperatures_look_marks_where_skin_fat_and_muscle_meet(qtbot, window):
    """The colour scale paints every tissue alike; dashed lines keep the layers apart."""
    window.show_section("pain")                        # skin-spray
    scene = window.diagram.scene
    assert not scene.layer_lines.isVisible()           # the Picture look shows the tissues
    click(qtbot, window.diagram.look_buttons["detailed"])
    assert scene.layer_lines.isVisible() and not scene.layer_lines.is_empty()
    _, ys = scene.framing.boundaries()
    depths = sorted(set(np.round(ys[np.isfinite(ys)], 2)))
    assert depths == [1.6, 6.6]                        # under the skin, under the fat (mm)


def test_reduced_motion_steps_through_stills(qtbot, window):
    diagram = window.diagram
    window.show_section("getting-ready")
    click(qtbot, diagram.still_button)
    assert diagram.playback.reduced_motion and window.session.reduced_motion
    assert moment(window)[2] == pytest.approx(STILL_AT)
    diagram.play()
    seen = set()
    for _ in range(300):                               # 30 s of playing at 1×, 0.1 s a tick
        diagram.playback.tick(0.1)
        seen.add(round(moment(window)[2], 6))
    assert seen == {STILL_AT}                          # only stills, never in between
    assert moment(window)[1] != "prepare"


def test_no_work_while_paused_or_hidden(qtbot, window):
    diagram = window.diagram
    window.show_section("inside-the-body")
    diagram.play()
    assert diagram.timer.isActive()
    window.hide()
    assert not diagram.timer.isActive()               # nothing animates while hidden
    window.show()
    qtbot.waitExposed(window)
    assert diagram.timer.isActive()
    diagram.pause()
    assert not diagram.timer.isActive()
    assert not diagram._progress_timer.isActive()


def test_space_plays_and_pauses(qtbot, window):
    qtbot.keyClick(window.reader, Qt.Key.Key_Space)
    assert window.diagram.playback.playing
    qtbot.keyClick(window.reader, Qt.Key.Key_Space)
    assert not window.diagram.playback.playing


def test_a_broken_scenario_is_explained_and_the_rest_works(qtbot, make_window, tmp_path,
                                                            caplog):
    from cryoviewer.content import load_pack
    from cryoviewer.resources import builtin_content
    from cryoviewer.session import Session
    from cryoviewer.ui.diagram import DiagramPanel
    from cryoviewer.ui.preparation import Preparer

    (tmp_path / "skin-spray.toml").write_text('id = "skin-spray"\ngeometry = "moon"\n')
    panel = DiagramPanel(load_pack(builtin_content()), Session(), Preparer(tmp_path))
    qtbot.addWidget(panel)
    with caplog.at_level("ERROR", logger="cryoviewer"):
        panel.show_step("skin-spray", "freeze1")
    assert "cannot be shown" in panel.caption.text()
    assert str(tmp_path) not in panel.caption.text()  # a patient sees no path...
    assert "skin-spray.toml" in caplog.text            # ...the log has the detail
    panel.shutdown()


def test_key_wraps_its_entries_to_the_width_it_has(window):
    key = window.diagram.key
    key.set_entries([Entry("Ice ball", "#ffffff", "#7fb8e0"),
                     Entry("Cold enough to destroy cells", "#33508f", "#33508f", dashed=True)])
    one_row = key.heightForWidth(2000)
    assert key.heightForWidth(120) == 2 * one_row      # one entry a row when narrow
    key.set_entries(key.entries, Scale(-160.0, 45.0, ["#000080", "#ffffff", "#c2332b"],
                                       (-160, 0, 37)))
    assert key.heightForWidth(2000) > one_row          # the colour bar sits above the chips


def test_pausing_brings_the_words_up_to_the_picture(window):
    """While playing, descriptions change at most once a second; a pause tells the moment."""
    diagram = window.diagram
    diagram.show_step("liver-probe", "freeze1", 0.1)
    diagram.play()
    for _ in range(20):                               # 0.3 s of playing: no new words yet
        diagram.playback.tick(1 / 60)
        diagram._draw(moved=True)
    diagram.pause()
    moment = diagram.moment()
    assert diagram.scene.accessibleDescription() == describe_picture(diagram.run, moment)
    assert diagram.chart.accessibleDescription() == describe_chart(diagram.run, moment.time)


def test_the_ultrasound_says_where_the_ice_edge_is(window):
    diagram = window.diagram
    diagram.show_step("liver-probe", "prepare", 0.5)
    assert "no ice" in diagram.ultrasound.accessibleDescription()
    diagram.show_step("liver-probe", "freeze2", 1.0)
    told = diagram.ultrasound.accessibleDescription()
    depth = float(told.split(" cm below")[0].split()[-1])
    assert "bright curved line" in told and 1.0 < depth < 8.0


def test_the_ultrasound_shows_every_other_picture_while_playing(window, monkeypatch):
    """About 30 pictures a second, as a scanner's screen; every one when paused or scrubbed."""
    diagram = window.diagram
    diagram.show_step("liver-probe", "freeze1", 0.2)
    diagram.ultrasound.show()
    shown = []
    monkeypatch.setattr(diagram.ultrasound, "show_frame", lambda *a: shown.append(1))
    monkeypatch.setattr(diagram.ultrasound, "isVisibleTo", lambda _: True)
    diagram.play()
    diagram.timer.stop()
    shown.clear()
    for _ in range(10):
        diagram.playback.tick(1 / 60)
        diagram._draw(moved=True)
    assert len(shown) == 5
    diagram.pause()
    shown.clear()
    for _ in range(4):
        diagram._scrub(diagram.playback.position + 1.0)
    assert len(shown) == 4
