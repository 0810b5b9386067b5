"""The treatment timeline: proportional segments, scrubbing by pointer and keys, painting,
labels that always fit, colours from the palette, and what a screen reader is told."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible, QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cryoviewer.scenario.playback import Playback
from cryoviewer.scenario.protocol import Protocol
from cryoviewer.ui import palette, theme, timeline as timeline_module
from cryoviewer.ui.palette import DEFAULT, HIGH_CONTRAST, PROJECTOR, contrast
from cryoviewer.ui.timeline import BOTTOM, INSET, KNOB, KNOB_Y, TOP, Timeline, short_forms

COLOURS = DEFAULT.segments
TREATMENT = [("Prepare", "prepare", 4), ("Insert probe", "insert", 6), ("Freeze 1", "freeze", 17),
             ("Thaw 1", "thaw", 15), ("Freeze 2", "freeze", 17), ("Thaw 2", "thaw", 8),
             ("Remove probe", "remove", 5), ("Healing", "heal", 12)]  # total 84


def liver_phases():
    """The liver protocol's phases, with the viewing lengths playback gives them."""
    protocol = Protocol(cycles=2, prepare=30, freeze=(600, 600), thaw=(480, 120), heal=300,
                        frame=10, max_step=10, insert=30, remove=30)
    phases = protocol.phases()
    return [(p.name, p.kind, n) for p, n in zip(phases, Playback(phases).lengths)]


LIVER = liver_phases()
ROUGH = [("Prepare", "prepare", 4), ("Insert probe", "insert", 6), ("Freeze 1", "freeze", 17.1),
         ("Thaw 1", "thaw", 15.3), ("Freeze 2", "freeze", 17.1), ("Thaw 2", "thaw", 15.3),
         ("Remove probe", "remove", 4), ("Healing", "heal", 6)]


@pytest.fixture
def make_timeline(qtbot, themed_app):
    def make(segments=TREATMENT, width=900, height=2 * theme.TOUCH_PX, font_px=None):
        timeline = Timeline()
        qtbot.addWidget(timeline)
        if font_px:
            timeline.setStyleSheet(f"font-size: {font_px}px")
            timeline.ensurePolished()
        timeline.set_segments(segments)
        timeline.resize(width, height or timeline.sizeHint().height())
        timeline.show()
        qtbot.waitExposed(timeline)
        return timeline

    return make


def record(timeline):
    """Every signal the timeline emits, in order, as (name, args)."""
    events = []
    timeline.scrubbed.connect(lambda value: events.append(("scrubbed", value)))
    timeline.scrub_started.connect(lambda: events.append(("started",)))
    timeline.scrub_finished.connect(lambda: events.append(("finished",)))
    return events


def colour(image, x, y):
    return image.pixelColor(round(x), round(y)).name()


def test_segment_widths_are_proportional_to_their_lengths(make_timeline):
    timeline = make_timeline([("A", "prepare", 1), ("B", "freeze", 3)], width=428)
    track = 428 - 2 * INSET
    boundary = INSET + track / 4
    assert timeline.total() == 4
    assert timeline.value_at(INSET) == 0
    assert timeline.value_at(boundary) == pytest.approx(1)
    assert timeline.value_at(INSET + track) == pytest.approx(4)
    assert timeline.x_of(1) == pytest.approx(boundary)  # short labels need no widening
    assert timeline.segment_at(timeline.value_at(boundary - 2)) == 0
    assert timeline.segment_at(timeline.value_at(boundary + 2)) == 1
    image = timeline.grab().toImage()  # and the painted boundary is there too
    assert colour(image, boundary - 6, 80) == COLOURS["prepare"][1]  # holds the playhead
    assert colour(image, boundary + 6, 80) == COLOURS["freeze"][0]


def test_value_at_clamps_outside_the_track(make_timeline):
    timeline = make_timeline()
    assert timeline.value_at(-50) == 0
    assert timeline.value_at(5000) == timeline.total()


def test_segment_at(make_timeline):
    timeline = make_timeline()
    assert [timeline.segment_at(v) for v in (0, 3.9, 4, 10, 26.9, 27, 84, -1, 99)] == \
        [0, 0, 1, 2, 2, 3, 7, 0, 7]


def test_a_click_scrubs_to_the_value_under_it(make_timeline, qtbot):
    timeline = make_timeline()
    events = record(timeline)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(300, 50))
    expected = timeline.value_at(300)
    assert 0 < expected < timeline.total()
    assert events == [("started",), ("scrubbed", pytest.approx(expected)), ("finished",)]
    assert timeline.position() == pytest.approx(expected)


def test_a_drag_emits_increasing_values(make_timeline, qtbot):
    timeline = make_timeline()
    events = record(timeline)
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(100, 50))
    for x in (200, 400, 600, 800):
        qtbot.mouseMove(timeline, QPoint(x, 50))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(800, 50))
    values = [event[1] for event in events if event[0] == "scrubbed"]
    assert len(values) == 5
    assert values == sorted(values) and len(set(values)) == 5
    assert values[-1] == pytest.approx(timeline.value_at(800))
    assert events[0] == ("started",) and events[-1] == ("finished",)


def test_moving_without_a_press_does_nothing(make_timeline, qtbot):
    timeline = make_timeline()
    events = record(timeline)
    qtbot.mouseMove(timeline, QPoint(400, 50))
    qtbot.mouseClick(timeline, Qt.MouseButton.RightButton, pos=QPoint(400, 50))
    assert events == [] and timeline.position() == 0


@pytest.mark.parametrize(("start", "key", "expected"), [
    (10, Qt.Key.Key_Right, 10.84),
    (10, Qt.Key.Key_Left, 9.16),
    (10, Qt.Key.Key_Up, 10.84),    # as on any slider
    (10, Qt.Key.Key_Down, 9.16),
    (10, Qt.Key.Key_PageDown, 27),  # Freeze 1 begins at 10: the next start is Thaw 1's
    (30, Qt.Key.Key_PageUp, 27),  # back to the start of the current segment first
    (27, Qt.Key.Key_PageUp, 10),
    (80, Qt.Key.Key_PageDown, 84),  # no next segment: the end
    (84, Qt.Key.Key_PageDown, 84),
    (0, Qt.Key.Key_PageUp, 0),
    (30, Qt.Key.Key_End, 84),
    (30, Qt.Key.Key_Home, 0),
    (0, Qt.Key.Key_Left, 0),
])
def test_keys_scrub(make_timeline, qtbot, start, key, expected):
    timeline = make_timeline()
    timeline.set_position(start)
    events = record(timeline)
    qtbot.keyClick(timeline, key)
    assert events == [("scrubbed", pytest.approx(expected))]
    assert timeline.position() == pytest.approx(expected)


@pytest.mark.parametrize(("lengths", "start", "key", "expected"), [
    ((0.1, 0.2, 0.3), 0.3, Qt.Key.Key_PageDown, 0.6),  # the boundary is 0.30000000000000004
    ((0.7, 0.1, 0.2), 0.8, Qt.Key.Key_PageUp, 0.7),  # the boundary is 0.7999999999999999
])
def test_page_keys_ignore_rounding_errors(make_timeline, qtbot, lengths, start, key, expected):
    timeline = make_timeline([(str(n), "freeze", n) for n in lengths])
    timeline.set_position(start)  # on a boundary, give or take a rounding error
    qtbot.keyClick(timeline, key)
    assert timeline.position() == pytest.approx(expected)


def test_set_position_clamps_and_does_not_emit(make_timeline):
    timeline = make_timeline()
    events = record(timeline)
    timeline.set_position(50)
    assert timeline.position() == 50
    timeline.set_position(200)
    assert timeline.position() == 84
    timeline.set_position(-3)
    assert timeline.position() == 0
    assert events == []


def test_bad_segments_are_refused(make_timeline):
    timeline = make_timeline()
    with pytest.raises(ValueError, match="kind"):
        timeline.set_segments([("Boil", "boil", 3)])
    with pytest.raises(ValueError, match="length"):
        timeline.set_segments([("Freeze", "freeze", 0)])
    with pytest.raises(ValueError, match="palette"):  # a theme must colour every kind shown
        timeline.set_palette(palette.Palette(**{**vars(DEFAULT), "segments": {}}))


def test_an_empty_timeline_is_safe(make_timeline, qtbot):
    timeline = make_timeline([])
    events = record(timeline)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(300, 50))
    qtbot.keyClick(timeline, Qt.Key.Key_End)
    timeline.set_position(10)
    assert events == []
    assert (timeline.total(), timeline.position(), timeline.value_at(300)) == (0, 0, 0)
    assert timeline.segment_at(5) == -1
    image = timeline.grab().toImage()
    assert len({colour(image, x, y) for x in range(0, 900, 7) for y in range(0, 96, 7)}) == 1


@pytest.mark.parametrize("width", [1366, 600])
def test_painting(make_timeline, width):
    timeline = make_timeline(width=width)
    timeline.set_position(50)  # in Freeze 2
    image = timeline.grab().toImage()
    assert (image.width(), image.height()) == (width, 2 * theme.TOUCH_PX)
    playhead, low = timeline.x_of(50), timeline.height() - BOTTOM - 2  # low: below the label
    assert colour(image, playhead, KNOB_Y + KNOB / 2) == DEFAULT.accent  # the knob
    assert colour(image, playhead, low) == DEFAULT.accent  # the bar, below the label
    # progress: Thaw 1 (past) is shaded darker than Thaw 2 (to come), which keeps its own tone
    past = image.pixelColor(round(timeline.x_of(34.5)), low)
    future = image.pixelColor(round(timeline.x_of(63)), low)
    assert future.name() == COLOURS["thaw"][0]
    assert past.lightness() < future.lightness()
    # the segment holding the playhead is drawn stronger than the other of its kind
    assert colour(image, timeline.x_of(55), low) == COLOURS["freeze"][1]
    assert colour(image, timeline.x_of(18), low) != COLOURS["freeze"][1]
    assert colour(image, width / 2, 1) == DEFAULT.paper


@pytest.mark.parametrize("p", [DEFAULT, PROJECTOR, HIGH_CONTRAST], ids=lambda p: p.name)
def test_colours_come_from_the_palette(make_timeline, p):
    timeline = make_timeline()
    timeline.set_palette(p)
    timeline.set_position(50)  # in Freeze 2
    image = timeline.grab().toImage()
    low = timeline.height() - BOTTOM - 2
    assert colour(image, 450, 1) == p.paper
    assert colour(image, timeline.x_of(50), KNOB_Y + KNOB / 2) == p.accent
    assert colour(image, timeline.x_of(50), low) == p.accent
    assert colour(image, timeline.x_of(63), low) == p.segments["thaw"][0]
    assert colour(image, timeline.x_of(55), low) == p.segments["freeze"][1]
    assert colour(image, timeline.x_of(80), low) == p.segments["heal"][0]
    # labels stay readable on every fill, played (shaded) or not, and the playhead visible
    for fill in (f for pair in p.segments.values() for f in pair):
        for shown in (fill, palette.blend(fill, p.segment_ink, timeline_module.SHADE)):
            assert contrast(p.segment_ink, shown) >= 4.5, (fill, shown)
            assert contrast(p.accent, shown) >= 3, (fill, shown)  # the playhead, too


def test_no_colour_is_written_in_the_timeline():
    source = Path(timeline_module.__file__).read_text(encoding="utf-8")
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b", source)
    assert not re.search(r"QColor\(\s*[\"']|Qt\.GlobalColor|import .*\b(ACCENT|INK|PAPER|MUTED)\b",
                         source)


def test_short_forms():
    assert short_forms("Insert probe") == ("Insert", "I")
    assert short_forms("Freeze 2") == ("Freeze 2", "F2")
    assert short_forms("Healing") == ("Healing", "H")
    assert short_forms("Congélation 1") == ("Congélation 1", "C1")
    assert short_forms("") == ("", "")


def painted_labels(timeline, monkeypatch):
    """Paint the timeline; return, per label drawn: its segment's rectangle, its lines, the box
    the text covers and its font's pixel size. (The labels are drawn twice, on the unplayed
    and on the played picture of the segments: the first picture's are returned.)"""
    drawn, draw = [], timeline._draw_label
    timeline._strips = (None, None)  # drawn anew

    def spy(painter, rect, lines, bold):
        box = draw(painter, rect, lines, bold)
        drawn.append((rect, lines, box, painter.font().pixelSize()))
        return box

    monkeypatch.setattr(timeline, "_draw_label", spy)
    timeline.grab()
    return drawn[:len(drawn) // 2]


@pytest.mark.parametrize("segments", [LIVER, ROUGH], ids=["liver", "rough"])
@pytest.mark.parametrize("font_px", [14, 18, 29, 36])
@pytest.mark.parametrize("width", [420, 600, 1366])
def test_every_label_fits_its_segment(make_timeline, monkeypatch, segments, font_px, width):
    """At any width down to 420 px and any text size, each phase shows its name, shortened
    or as initials at worst, in the chosen font size, whole and inside its segment."""
    timeline = make_timeline(segments, width=width, height=None, font_px=font_px)
    timeline.set_position(timeline.total() / 2)
    drawn = painted_labels(timeline, monkeypatch)
    assert len(drawn) == len(segments)
    for (label, _, _), (rect, lines, box, px) in zip(segments, drawn):
        assert " ".join(lines) in (label, *short_forms(label))  # never elided
        assert px == font_px
        assert rect.contains(box), (label, lines, rect, box)
        assert all(QFontMetricsF(timeline.font()).horizontalAdvance(line) <= rect.width()
                   for line in lines)


@pytest.mark.parametrize(("width", "font_px"), [(900, 14), (600, 14), (1366, 29)])
def test_labels_are_whole_where_there_is_room(make_timeline, monkeypatch, width, font_px):
    """Where the strip is wide enough, short phases are widened rather than left blank or
    shortened (at 1366 px "Prepare" and "Remove probe" were blank, "Insert probe" elided)."""
    timeline = make_timeline(LIVER, width=width, height=None, font_px=font_px)
    drawn = painted_labels(timeline, monkeypatch)
    assert [" ".join(lines) for _, lines, _, _ in drawn] == [label for label, _, _ in LIVER]


def test_a_short_label_given_by_the_caller_is_used(make_timeline, monkeypatch):
    phases = [(label, {"Prepare": "Prep"}.get(label, label), kind, n) for label, kind, n in LIVER]
    assert painted_labels(make_timeline(LIVER, width=420, height=None, font_px=14),
                          monkeypatch)[0][1] == ("P",)  # too narrow for "Prepare"
    timeline = make_timeline(phases, width=420, height=None, font_px=14)
    assert painted_labels(timeline, monkeypatch)[0][1] == ("Prep",)


def test_narrow_segments_are_widened_and_positions_still_map_both_ways(make_timeline, qtbot):
    timeline = make_timeline(LIVER, width=420, height=None, font_px=29)
    prepare = timeline.x_of(LIVER[0][2]) - timeline.x_of(0)
    assert prepare > (420 - 2 * INSET) * LIVER[0][2] / timeline.total() + 1  # widened
    assert timeline.x_of(0) == INSET and timeline.x_of(timeline.total()) == 420 - INSET
    values = [timeline.total() * k / 997 for k in range(998)]
    columns = [timeline.x_of(v) for v in values]
    assert columns == sorted(columns) and len(set(columns)) == len(columns)
    assert [timeline.value_at(x) for x in columns] == pytest.approx(values, abs=1e-9)
    scrubbed = [timeline.value_at(x) for x in range(0, 421)]
    assert scrubbed == sorted(scrubbed)
    # the painted boundary is where the mapping puts it
    image = timeline.grab().toImage()
    boundary, low = timeline.x_of(LIVER[0][2]), timeline.height() - BOTTOM - 10
    assert colour(image, boundary - 4, low) == COLOURS["prepare"][1]
    assert colour(image, boundary + 4, low) == COLOURS["insert"][0]
    # and a drag across it emits increasing values
    events = record(timeline)
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(20, low))
    for x in range(24, 400, 6):
        qtbot.mouseMove(timeline, QPoint(x, low))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(400, low))
    values = [event[1] for event in events if event[0] == "scrubbed"]
    assert values == sorted(values) and len(set(values)) == len(values)


def test_height_follows_the_font(make_timeline):
    timeline = make_timeline(LIVER, height=None)
    heights = []
    for px in (14, 18, 29, 36):
        timeline.setStyleSheet(f"font-size: {px}px")
        line = QFontMetricsF(timeline.font()).lineSpacing()
        hint, least = timeline.sizeHint().height(), timeline.minimumSizeHint().height()
        assert hint >= TOP + BOTTOM + 2 * line  # two lines of labels
        assert hint >= theme.TOUCH_PX + TOP and least >= theme.TOUCH_PX
        assert least >= TOP + BOTTOM + line  # at least one line
        assert timeline.minimumSizeHint().width() <= 420
        heights.append(hint)
    assert heights == sorted(heights) and heights[-1] > heights[0] + 40


def test_a_layout_gives_it_the_height_its_font_needs(qtbot, themed_app):
    panel = QWidget()
    qtbot.addWidget(panel)
    timeline = Timeline()
    timeline.set_segments(LIVER)
    QVBoxLayout(panel).addWidget(timeline)
    panel.resize(700, 400)
    panel.show()
    qtbot.waitExposed(panel)
    small = timeline.height()
    timeline.setStyleSheet("font-size: 36px")  # 200 % text
    qtbot.waitUntil(lambda: timeline.height() == timeline.sizeHint().height())
    assert timeline.height() > small + 40


def test_focus_draws_a_ring(make_timeline, qtbot):
    """3 px in the palette's focus colour, inside the widget, clear of the segments."""
    timeline = make_timeline()
    timeline.activateWindow()
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    for p in (DEFAULT, PROJECTOR, HIGH_CONTRAST):
        assert contrast(p.focus, p.paper) >= 3
        timeline.set_palette(p)
        focused = timeline.grab().toImage()
        middle = timeline.height() / 2
        assert [colour(focused, x, middle) for x in (0, 1, 2)] == [p.focus] * 3
        assert colour(focused, 450, timeline.height() - 2) == p.focus
        assert colour(focused, 3, middle) != p.focus
        assert colour(focused, 450, 3) != p.focus
    timeline.clearFocus()
    assert colour(timeline.grab().toImage(), 1, middle) == HIGH_CONTRAST.paper


def test_labels_are_drawn_and_left_out_without_error(make_timeline):
    named = make_timeline(width=600).grab().toImage()
    unnamed = make_timeline([("", kind, n) for _, kind, n in TREATMENT], width=600).grab().toImage()
    assert named != unnamed
    make_timeline(width=200).grab()  # too narrow for any label: none drawn
    make_timeline(width=600, height=30).grab()  # too low for one


# -- the screen reader ----------------------------------------------------------------------

def interface(timeline):
    face = QAccessible.queryAccessibleInterface(timeline)
    assert face is not None
    return face


def test_a_screen_reader_meets_a_slider_with_a_name_help_and_words(make_timeline):
    timeline = make_timeline()
    face = interface(timeline)
    assert face.role() == QAccessible.Role.Slider
    assert face.text(QAccessible.Text.Name) == "Treatment timeline"
    assert "Page Up and Page Down" in face.text(QAccessible.Text.Description)
    assert face.text(QAccessible.Text.Value) == "Prepare"  # the phase, until words are given
    timeline.set_position(50)
    assert face.text(QAccessible.Text.Value) == "Freeze 2"
    timeline.set_position(52, "Freeze 2, 4 minutes 30 of 10 minutes")
    assert face.text(QAccessible.Text.Value) == "Freeze 2, 4 minutes 30 of 10 minutes"
    timeline.set_position(53)  # the same words until the caller gives new ones
    assert face.text(QAccessible.Text.Value) == "Freeze 2, 4 minutes 30 of 10 minutes"
    timeline.set_segments(TREATMENT)  # new phases: the old words no longer apply
    assert face.text(QAccessible.Text.Value) == "Freeze 2"
    assert timeline.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_value_interface_reads_and_moves_the_playhead(make_timeline):
    timeline = make_timeline()
    timeline.set_position(21)
    value = interface(timeline).valueInterface()
    assert value is not None
    assert (value.minimumValue(), value.currentValue(), value.maximumValue()) == (0, 21, 84)
    assert value.minimumStepSize() == pytest.approx(0.84)
    events = record(timeline)
    value.setCurrentValue(30.0)  # a screen reader moves it: as a tap would
    assert events == [("started",), ("scrubbed", 30.0), ("finished",)]
    assert timeline.position() == 30


def test_asking_for_any_other_interface_is_safe(make_timeline):
    """A screen reader asks for every kind of interface; those a slider lacks are None (a
    None returned to Qt by the Python side crashed the process)."""
    timeline = make_timeline()
    face = interface(timeline)
    for ask in ("textInterface", "editableTextInterface", "tableCellInterface",
                "selectionInterface", "attributesInterface"):
        assert getattr(face, ask)() is None
    assert face.actionInterface() is not None
    assert face.state().focusable


def test_words_are_retranslated(make_timeline):
    timeline = make_timeline()
    timeline.setAccessibleName("stale")
    QCoreApplication.sendEvent(timeline, QEvent(QEvent.Type.LanguageChange))
    assert timeline.accessibleName() == "Treatment timeline"


@pytest.fixture
def announcements(make_timeline, monkeypatch):
    """A timeline with a fake clock; returns it, the clock and the words announced."""
    timeline = make_timeline()
    clock, said = [100.0], []
    monkeypatch.setattr(timeline_module, "monotonic", lambda: clock[0])
    monkeypatch.setattr(timeline, "_announce", lambda: said.append(timeline.value_text()))
    return timeline, clock, said


def test_playing_is_announced_at_most_once_a_second_and_at_each_phase(announcements):
    timeline, clock, said = announcements
    for frame in range(60 * 12):  # 12 s at 60 frames a second, from Freeze 1 into Thaw 1
        clock[0] += 1 / 60
        position = 20 + frame / 60
        phase = "Freeze 1" if position < 27 else "Thaw 1"
        timeline.set_position(position, f"{phase}, {frame * 35 // 60} seconds")  # words change
    assert 12 <= len(said) <= 14  # about once a second, not 720 times
    assert any(words.startswith("Thaw 1, 2") for words in said[:9])  # at once, not a second late
    before = len(said)
    timeline.set_position(timeline.position(), said[-1])
    clock[0] += 5
    timeline.set_position(timeline.position(), said[-1])
    assert len(said) == before  # unchanged words are not repeated


def test_a_move_by_the_user_is_announced_once_at_once_with_the_callers_words(announcements, qtbot):
    timeline, clock, said = announcements
    timeline.set_position(10, "Freeze 1, 0 seconds")
    timeline.set_position(10, "Freeze 1, 2 seconds")  # playing: too soon to be said
    clock[0] += 2
    timeline.scrubbed.connect(lambda v: timeline.set_position(v, f"words for {v:.2f}"))
    said.clear()
    for _ in range(3):  # quicker than once a second: the user still hears every step
        qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert said == ["words for 10.84", "words for 11.68", "words for 12.52"]
    qtbot.keyClick(timeline, Qt.Key.Key_PageDown)  # across a phase
    assert said[-1] == "words for 27.00" and len(said) == 4


def test_without_words_a_phase_change_is_announced(announcements):
    timeline, clock, said = announcements
    said.clear()
    for position in (1, 2, 3, 5, 6, 12, 13):
        timeline.set_position(position)
    assert said == ["Insert probe", "Freeze 1"]


def test_moving_the_playhead_repaints_only_its_strip_and_that_is_enough(make_timeline,
                                                                        monkeypatch):
    """Painting just the rectangles the timeline asks for, over the last picture, gives the
    same picture as painting everything anew."""
    from PySide6.QtGui import QImage, QRegion

    timeline = make_timeline()
    timeline.set_position(12.0)                          # inside "Freeze 1"
    picture = QImage(timeline.size(), QImage.Format.Format_ARGB32_Premultiplied)
    timeline.render(picture)
    asked = []
    monkeypatch.setattr(timeline, "update", lambda *rect: asked.append(rect))
    for position in (14.0, 17.5, 21.0):                  # still inside "Freeze 1"
        timeline.set_position(position)
    assert asked and all(len(rect) == 1 for rect in asked)   # rectangles, never everything
    assert sum(rect.width() for (rect,) in asked) < timeline.width() / 2
    for (rect,) in asked:
        timeline.render(picture, rect.topLeft(), QRegion(rect))
    whole = QImage(timeline.size(), QImage.Format.Format_ARGB32_Premultiplied)
    timeline.render(whole)
    assert picture == whole
    asked.clear()
    timeline.set_segments(TREATMENT[::-1])  # new phases: the playhead's index is the same
    assert () in asked  # but everything is repainted


def test_the_playhead_repaints_once_it_has_moved_half_a_pixel(make_timeline, monkeypatch):
    """At 4× most frames move the playhead by a fraction of a pixel: nothing to repaint,
    until the moves add up."""
    timeline = make_timeline()
    timeline.set_position(12.0)
    timeline.grab()                                      # painted at 12.0
    painted = timeline.x_of(12.0)
    asked = []
    monkeypatch.setattr(timeline, "update", lambda *rect: asked.append(rect))
    tiny = 0.1 / (timeline.x_of(13.0) - painted)         # a tenth of a pixel
    for step in range(1, 5):
        timeline.set_position(12.0 + step * tiny)
    assert not asked
    timeline.set_position(12.0 + 6 * tiny)               # 0.6 px from where it was painted
    assert len(asked) == 1
    (rect,) = asked[0]
    assert rect.left() <= painted - 6 and rect.right() >= painted + 6


def test_every_short_phase_name_is_a_word_a_patient_knows():
    """Narrow segments say "Remove", not a puzzle such as "Out"."""
    from types import SimpleNamespace

    from cryoviewer.ui.wording import short_label

    names = {kind: short_label(SimpleNamespace(kind=kind, cycle=1))
             for kind in ("prepare", "insert", "freeze", "thaw", "remove", "heal")}
    assert names["remove"] == "Remove" and names["insert"] == "Insert"


def test_at_the_end_of_a_phase_the_strip_shows_that_phase_as_current(make_timeline):
    """`--at freeze2:1`: the clock says "Freeze 2 — 10:00 of 10:00", and the strip must not
    mark Thaw 2 as the current phase. The position is also Insert probe's start (4)."""
    timeline = make_timeline()

    def strip_at(position, segment=None):
        timeline.set_position(position, None, segment)
        image = timeline.grab().toImage()
        y = (TOP + timeline.height() - BOTTOM) // 2
        return image.pixelColor(int(timeline.x_of(1.0)), y).name(), timeline.value_text()

    just_before = strip_at(3.99)
    assert strip_at(4.0, 0) == just_before
    assert just_before[1] == "Prepare"
    later = strip_at(4.0)   # without the clock's word, a boundary belongs to the later phase
    assert later[1] == "Insert probe" and later[0] != just_before[0]
