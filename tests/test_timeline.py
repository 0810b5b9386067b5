"""The treatment timeline: proportional segments, scrubbing by pointer and keys, painting."""

import pytest
from PySide6.QtCore import QPoint, Qt

from cryoviewer.ui import theme
from cryoviewer.ui.timeline import COLOURS, INSET, Timeline

TREATMENT = [("Prepare", "prepare", 4), ("Insert probe", "insert", 6), ("Freeze 1", "freeze", 17),
             ("Thaw 1", "thaw", 15), ("Freeze 2", "freeze", 17), ("Thaw 2", "thaw", 8),
             ("Remove probe", "remove", 5), ("Healing", "heal", 12)]  # total 84


@pytest.fixture
def make_timeline(qtbot, themed_app):
    def make(segments=TREATMENT, width=900):
        timeline = Timeline()
        qtbot.addWidget(timeline)
        timeline.set_segments(segments)
        timeline.resize(width, 2 * theme.TOUCH_PX)
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


def x_of(timeline, value):
    """The pixel column of a position."""
    return INSET + (timeline.width() - 2 * INSET) * value / timeline.total()


def test_segment_widths_are_proportional_to_their_lengths(make_timeline):
    timeline = make_timeline([("A", "prepare", 1), ("B", "freeze", 3)], width=428)
    track = 428 - 2 * INSET
    boundary = INSET + track / 4
    assert timeline.total() == 4
    assert timeline.value_at(INSET) == 0
    assert timeline.value_at(boundary) == pytest.approx(1)
    assert timeline.value_at(INSET + track) == pytest.approx(4)
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


def test_accessibility_names_the_current_segment(make_timeline):
    timeline = make_timeline()
    assert timeline.accessibleName() == "Timeline"
    assert timeline.focusPolicy() == Qt.FocusPolicy.StrongFocus
    timeline.set_position(50)
    assert timeline.accessibleDescription() == "Freeze 2"
    timeline.set_position(84)
    assert timeline.accessibleDescription() == "Healing"


def test_bad_segments_are_refused(make_timeline):
    timeline = make_timeline()
    with pytest.raises(ValueError, match="kind"):
        timeline.set_segments([("Boil", "boil", 3)])
    with pytest.raises(ValueError, match="length"):
        timeline.set_segments([("Freeze", "freeze", 0)])


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
    playhead = x_of(timeline, 50)
    assert colour(image, playhead, 16) == theme.ACCENT  # the knob
    assert colour(image, playhead, 88) == theme.ACCENT  # the bar, below the label
    # progress: Thaw 1 (past) is shaded darker than Thaw 2 (to come), which keeps its own tone
    past = image.pixelColor(round(x_of(timeline, 34.5)), 80)
    future = image.pixelColor(round(x_of(timeline, 63)), 80)
    assert future.name() == COLOURS["thaw"][0]
    assert past.lightness() < future.lightness()
    # the segment holding the playhead is drawn stronger than the other of its kind
    assert colour(image, x_of(timeline, 55), 80) == COLOURS["freeze"][1]
    assert colour(image, x_of(timeline, 18), 80) != COLOURS["freeze"][1]


def test_labels_are_drawn_and_elided_without_error(make_timeline):
    named = make_timeline(width=600).grab().toImage()
    unnamed = make_timeline([("", kind, n) for _, kind, n in TREATMENT], width=600).grab().toImage()
    assert named != unnamed
    make_timeline(width=200).grab()  # every label elided or left out


def test_focus_draws_an_outline(make_timeline, qtbot):
    timeline = make_timeline()
    timeline.activateWindow()
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    focused = timeline.grab().toImage()
    timeline.clearFocus()
    assert colour(focused, 1, 48) == theme.ACCENT
    assert colour(timeline.grab().toImage(), 1, 48) != theme.ACCENT


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
