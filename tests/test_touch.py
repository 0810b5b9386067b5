"""Touch: fingers scroll the reader and the list, taps near links follow them, and a double tap
never acts twice."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QPushButton,
    QScroller,
    QScrollerProperties,
    QWidget,
)

from cryoviewer.content import Section
from cryoviewer.ui import touch
from cryoviewer.ui.palette import THEMES
from cryoviewer.ui.reader import TAP_RADIUS, Reader
from cryoviewer.ui.section_list import SectionList
from cryoviewer.ui.theme import TOUCH_PX

LEFT = Qt.MouseButton.LeftButton
LONG = "\n\n".join(f"Paragraph {i}: the ice ball grows, then the tissue thaws again. "
                   f"See [part {i}](#part-{i}) for more." for i in range(60))


@pytest.fixture(autouse=True)
def no_earlier_tap():
    touch.forget_taps()
    yield
    touch.forget_taps()


def make_section(body, id_="one", title="One"):
    return Section(id=id_, title=title, order=1, body=body, path=Path("one.md"), body_line=1)


@pytest.fixture
def reader(qtbot):
    widget = Reader()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show_section(make_section(LONG))
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    touch.stop_scrolling(widget)


@pytest.fixture
def section_list(qtbot):
    widget = SectionList()
    qtbot.addWidget(widget)
    widget.set_sections(tuple(make_section("Text.", f"s{i}", f"Section {i}")
                              for i in range(40)))
    widget.resize(300, 300)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    touch.stop_scrolling(widget)


def drag(qtbot, widget, start: QPoint, end: QPoint, steps=20):
    """A finger (as the mouse events a touch screen sends) drawn from start to end."""
    QTest.mousePress(widget, LEFT, pos=start)
    for i in range(1, steps + 1):
        QTest.mouseMove(widget, start + (end - start) * i / steps)
        qtbot.wait(8)
    QTest.mouseRelease(widget, LEFT, pos=end)


def touch_drag(qtbot, widget, start: QPoint, end: QPoint, steps=20):
    """A real touch: Qt turns the touch nobody accepts into mouse events for the scroller."""
    device = QTest.createTouchDevice()
    QTest.touchEvent(widget, device).press(0, start, widget).commit()
    for i in range(1, steps + 1):
        QTest.touchEvent(widget, device).move(0, start + (end - start) * i / steps, widget).commit()
        qtbot.wait(8)
    QTest.touchEvent(widget, device).release(0, end, widget).commit()


def tap(widget, pos):
    QTest.mouseClick(widget, LEFT, pos=QPoint(round(pos.x()), round(pos.y())))


def tap_in(window, point: QPoint):
    """A tap on whatever the window shows at this point."""
    target = window.childAt(point)
    tap(target, target.mapFrom(window, point))


def double_click(widget, pos=None):
    """What a double click (or double tap) delivers: press, release, press, double click,
    release (QTest.mouseDClick alone sends only the double-click event)."""
    pos = widget.rect().center() if pos is None else QPoint(round(pos.x()), round(pos.y()))
    QTest.mousePress(widget, LEFT, pos=pos)
    QTest.mouseRelease(widget, LEFT, pos=pos)
    QTest.mousePress(widget, LEFT, pos=pos)
    QTest.mouseDClick(widget, LEFT, pos=pos)
    QTest.mouseRelease(widget, LEFT, pos=pos)


# -- kinetic scrolling ----------------------------------------------------------------------

@pytest.mark.parametrize("how", [drag, touch_drag])
def test_a_finger_scrolls_the_reader_and_selects_nothing(qtbot, reader, how):
    requested = []
    reader.section_requested.connect(requested.append)
    href, rect = reader.link_rects()[0]
    start = rect.center().toPoint()  # the drag starts on a link: it scrolls, it does not follow
    how(qtbot, reader.viewport(), start, start - QPoint(0, 300))
    bar = reader.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 200)
    assert not reader.textCursor().hasSelection()
    assert requested == []


def test_the_reader_and_the_list_scroll_calmly(reader, section_list):
    """Both grab the scroll gesture, and neither bounces past its ends."""
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    for area in (reader, section_list):
        assert QScroller.grabbedGesture(area.viewport()) != Qt.GestureType(0)
        properties = QScroller.scroller(area.viewport()).scrollerProperties()
        assert properties.scrollMetric(
            QScrollerProperties.ScrollMetric.VerticalOvershootPolicy) == off


@pytest.mark.parametrize("how", [drag, touch_drag])
def test_a_finger_scrolls_the_list_without_choosing_a_row(qtbot, section_list, how):
    chosen = []
    section_list.currentRowChanged.connect(chosen.append)
    start = section_list.viewport().rect().center() + QPoint(0, 100)  # on a row, whatever its size
    how(qtbot, section_list.viewport(), start, start - QPoint(0, 150))
    bar = section_list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 100)
    assert chosen == []


def test_a_new_section_stops_a_fling(qtbot, reader):
    drag(qtbot, reader.viewport(), QPoint(250, 380), QPoint(250, 60))
    scroller = QScroller.scroller(reader.viewport())
    assert scroller.state() == QScroller.State.Scrolling
    reader.show_section(make_section(LONG, "two", "Two"))
    assert scroller.state() == QScroller.State.Inactive
    qtbot.wait(100)
    assert reader.verticalScrollBar().value() == 0


def test_a_tap_that_stops_a_fling_chooses_nothing(qtbot, section_list):
    chosen = []
    section_list.currentRowChanged.connect(chosen.append)
    drag(qtbot, section_list.viewport(), QPoint(150, 280), QPoint(150, 60), steps=10)
    scroller = QScroller.scroller(section_list.viewport())
    assert scroller.state() == QScroller.State.Scrolling
    tap(section_list.viewport(), QPoint(150, 150))
    assert scroller.state() == QScroller.State.Inactive
    assert chosen == []
    tap(section_list.viewport(), QPoint(150, 150))  # the page is still: this tap chooses
    assert len(chosen) == 1


# -- the list -------------------------------------------------------------------------------

def test_a_tap_chooses_a_row(section_list):
    chosen = []
    section_list.currentRowChanged.connect(chosen.append)
    tap(section_list.viewport(), section_list.visualItemRect(section_list.item(3)).center())
    assert chosen == [3]


@pytest.mark.parametrize("double", ["double click", "two quick taps"])
def test_a_double_tap_on_a_row_chooses_it_once(section_list, double):
    chosen, activated = [], []
    section_list.currentRowChanged.connect(chosen.append)
    section_list.itemActivated.connect(activated.append)
    centre = section_list.visualItemRect(section_list.item(3)).center()
    if double == "double click":
        double_click(section_list.viewport(), centre)
    else:
        tap(section_list.viewport(), centre)
        tap(section_list.viewport(), centre)
    assert chosen == [3]
    assert activated == []
    assert section_list.currentRow() == 3


def test_the_second_tap_does_not_press_what_the_first_uncovered(qtbot):
    """The drawer case: the first tap chooses a section and the list goes away; the second tap
    of the double tap lands on the text underneath, on a link, and must not follow it."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(500, 400)
    reader = Reader(window)
    reader.setGeometry(0, 0, 500, 400)
    reader.show_section(make_section(LONG))
    section_list = SectionList(window)  # the drawer, over the text
    section_list.set_sections(tuple(make_section("Text.", f"s{i}", f"Section {i}")
                                    for i in range(40)))
    section_list.setGeometry(0, 0, 500, 400)  # the whole width: the links lie under rows
    section_list.currentRowChanged.connect(lambda _: section_list.hide())
    window.show()
    qtbot.waitExposed(window)
    requested = []
    reader.section_requested.connect(requested.append)
    _, link = reader.link_rects()[2]
    point = link.center().toPoint()
    tap_in(window, point)
    assert not section_list.isVisible()
    tap_in(window, point)
    assert requested == []
    touch.forget_taps()  # later, a tap there follows the link
    tap_in(window, point)
    assert len(requested) == 1


def test_the_list_is_a_named_tab_stop(section_list):
    assert section_list.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert section_list.accessibleName()
    assert section_list.item(0).text().endswith("Section 0")


# -- links in the reader --------------------------------------------------------------------

def test_a_tap_on_a_link_follows_it(reader):
    requested = []
    reader.section_requested.connect(requested.append)
    href, rect = reader.link_rects()[1]
    tap(reader.viewport(), rect.center())
    assert requested == [href.lstrip("#")]


@pytest.mark.parametrize("offset", [QPointF(0, 1), QPointF(0, -1), QPointF(1, 0), QPointF(-1, 0),
                                    QPointF(0.7, 0.7)])
def test_a_tap_near_a_link_follows_it(qtbot, offset):
    """Each link is a target at least TOUCH_PX across: a tap up to TAP_RADIUS from its words
    follows it."""
    reader = Reader()
    qtbot.addWidget(reader)
    reader.resize(600, 400)
    reader.show_section(make_section("Words before the link and words\n\n\n\n"
                                     "A [small link](#target) here.\n\n\n\nWords after."))
    reader.show()
    qtbot.waitExposed(reader)
    assert 2 * TAP_RADIUS >= TOUCH_PX
    requested = []
    reader.section_requested.connect(requested.append)
    [(href, rect)] = reader.link_rects()
    edge = QPointF(rect.center().x() + offset.x() * (rect.width() / 2),
                   rect.center().y() + offset.y() * (rect.height() / 2))
    near = edge + offset * (TAP_RADIUS - 3)
    assert reader.anchorAt(near.toPoint()) == ""  # not on the link's words
    tap(reader.viewport(), near)
    assert requested == ["target"]
    touch.forget_taps()
    far = edge + offset * (TAP_RADIUS + 12)
    tap(reader.viewport(), far)
    assert requested == ["target"]


def test_the_nearest_of_two_links_wins(reader):
    (first, a), (second, b) = reader.link_rects()[:2]
    assert first != second
    between = QPointF(a.center().x(), a.bottom() + 4)
    assert reader.link_near(between) == first


def test_a_double_tap_on_a_link_follows_it_once(qtbot, reader):
    requested = []
    reader.section_requested.connect(requested.append)
    _, rect = reader.link_rects()[0]
    double_click(reader.viewport(), rect.center())
    tap(reader.viewport(), rect.center())
    assert len(requested) == 1
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    tap(reader.viewport(), rect.center())
    assert len(requested) == 2


def test_keyboard_moves_between_links_and_enter_follows(qtbot, reader):
    requested = []
    reader.section_requested.connect(requested.append)
    reader.setFocus()
    QTest.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.textCursor().selectedText() == "part 0"
    QTest.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.textCursor().selectedText() == "part 1"
    QTest.keyClick(reader, Qt.Key.Key_Backtab)
    assert reader.textCursor().selectedText() == "part 0"
    QTest.keyClick(reader, Qt.Key.Key_Return)
    assert requested == ["part-0"]


def test_external_links_are_refused_not_followed(reader):
    refused = []
    reader.external_link_refused.connect(refused.append)
    reader.show_section(make_section("Read [the web page](https://example.org) now."))
    [(_, rect)] = reader.link_rects()
    tap(reader.viewport(), rect.center())
    assert refused == ["https://example.org"]
    assert reader.source().isEmpty()


def test_the_reader_is_a_named_tab_stop_that_never_selects(reader):
    flags = reader.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    assert not flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert reader.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert reader.accessibleName()


# -- colours --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(THEMES))
def test_the_palette_colours_links_and_the_marker(reader, name):
    p = THEMES[name]
    reader.set_palette(p)
    reader.highlight_paragraph(2)
    [marker] = reader.extraSelections()
    assert marker.format.background().color() == QColor(p.highlight)
    colours = set()
    block = reader.document().begin()
    while block.isValid():
        for part in block:
            fmt = part.fragment().charFormat()
            if fmt.isAnchor():
                colours.add(fmt.foreground().color().name())
        block = block.next()
    assert colours == {QColor(p.accent).name()}
    assert reader.highlighted == 2  # the marker survives the new colours


def test_the_palette_keeps_the_place(reader):
    bar = reader.verticalScrollBar()
    bar.setValue(300)
    reader.set_palette(THEMES["high-contrast"])
    assert bar.value() == 300


def test_no_colour_is_written_in_the_reader():
    source = (Path(__file__).parent.parent / "cryoviewer/ui/reader.py").read_text()
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|QColor\(\s*\d|Qt\.GlobalColor", source)


# -- buttons --------------------------------------------------------------------------------

@pytest.fixture
def button(qtbot):
    widget = QPushButton("Next")
    qtbot.addWidget(widget)
    widget.resize(120, TOUCH_PX)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_debounced_button_ignores_the_second_tap_of_a_double_tap(qtbot, button):
    clicks = []
    button.clicked.connect(lambda: clicks.append(1))
    touch.debounce_clicks(button)
    double_click(button)
    assert len(clicks) == 1
    QTest.mouseClick(button, LEFT)
    assert len(clicks) == 1
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    QTest.mouseClick(button, LEFT)
    assert len(clicks) == 2
    assert not button.isDown()


def test_without_the_guard_a_double_click_clicks_twice(button):
    """Why the guard is needed: Qt's buttons take the double click's second press as a click."""
    clicks = []
    button.clicked.connect(lambda: clicks.append(1))
    double_click(button)
    assert len(clicks) == 2


def test_a_debounced_button_still_takes_every_key(button):
    clicks = []
    button.clicked.connect(lambda: clicks.append(1))
    touch.debounce_clicks(button)
    button.setFocus()
    QTest.mouseClick(button, LEFT)
    for _ in range(3):
        QTest.keyClick(button, Qt.Key.Key_Space)
    assert len(clicks) == 4


def test_a_debounce_interval_can_be_given(qtbot, button):
    clicks = []
    button.clicked.connect(lambda: clicks.append(1))
    touch.debounce_clicks(button, ms=50)
    QTest.mouseClick(button, LEFT)
    qtbot.wait(80)
    QTest.mouseClick(button, LEFT)
    assert len(clicks) == 2


def test_a_tap_elsewhere_is_not_a_second_tap(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 200)
    first, second = QPushButton("A", window), QPushButton("B", window)
    first.setGeometry(0, 0, 120, TOUCH_PX)
    second.setGeometry(250, 0, 120, TOUCH_PX)
    clicks = []
    for b in (first, second):
        touch.debounce_clicks(b)
        b.clicked.connect(lambda _=False, b=b: clicks.append(b.text()))
    window.show()
    qtbot.waitExposed(window)
    QTest.mouseClick(first, LEFT)
    QTest.mouseClick(second, LEFT)
    assert clicks == ["A", "B"]
