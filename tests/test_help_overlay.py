"""The keyboard-help overlay: opens over everything, holds the focus and the pointer, closes with
Escape, shows every shortcut it is given, and fits the window at every text size."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScroller,
    QWidget,
)

from cryoviewer.ui.help_overlay import HelpOverlay
from cryoviewer.ui.palette import THEMES, blend
from cryoviewer.ui.theme import TOUCH_PX

GROUPS = [
    ("The diagram", [
        ("Space  or  Alt+K", "Play or pause the animation"),
        ("Alt+R", "Reset the animation to its start"),
        ("← → on the timeline", "Move the animation a little"),
        ("Page Up  /  Page Down on the timeline", "Go to the previous or next step"),
    ]),
    ("Reading", [
        ("→  or  ↓", "Next section"),
        ("←  or  ↑", "Previous section"),
        ("Page Down  /  Page Up", "Read down or up; then turn the page"),
        ("Home  /  End", "First or last section"),
        ("1 – 9", "Open that section"),
        ("Ctrl and +  /  Ctrl and −", "Larger or smaller text"),
        ("Ctrl and 0", "Text back to its usual size"),
    ]),
    ("Basic actions", [
        ("Tab  /  Shift+Tab", "Move to the next or previous control"),
        ("Enter", "Press the control that has the focus ring"),
        ("F1  or  ?", "Show this list"),
        ("Escape", "Close this list"),
    ]),
]


@pytest.fixture
def window(qtbot, themed_app):
    """A window with two buttons under the overlay, the first one focused; shown and active."""
    main = QMainWindow()
    qtbot.addWidget(main)
    central = QWidget()
    row = QHBoxLayout(central)
    main.first, main.second = QPushButton("First"), QPushButton("Second")
    main.pressed = []
    for button in (main.first, main.second):
        row.addWidget(button)
        button.clicked.connect(lambda _=False, b=button: main.pressed.append(b.text()))
    main.setCentralWidget(central)
    main.help = HelpOverlay(main, GROUPS)
    main.resize(1024, 768)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitActive(main)
    main.first.setFocus()
    return main


def labels(overlay):
    return [label for label in overlay.findChildren(QLabel) if label.isVisibleTo(overlay)]


def test_starts_hidden_and_opens_over_everything(window):
    assert not window.help.isVisible()
    window.help.open()
    assert window.help.isVisible()
    assert window.help.geometry() == window.rect()
    for point in (QPoint(5, 5), QPoint(window.width() - 5, window.height() - 5),
                  window.first.geometry().center(), window.second.geometry().center()):
        under = window.childAt(point)
        assert under is window.help or window.help.isAncestorOf(under)


def test_focus_moves_in_and_escape_gives_it_back(qtbot, window):
    window.second.setFocus()
    window.help.open()
    assert QApplication.focusWidget() is window.help.findChild(QPushButton, "helpClose")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.help.isVisible()
    assert QApplication.focusWidget() is window.second


def test_the_close_button_closes_it(qtbot, window):
    window.help.open()
    close = window.help.findChild(QPushButton, "helpClose")
    QTest.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not window.help.isVisible()
    assert QApplication.focusWidget() is window.first
    assert window.pressed == []


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_F1])
def test_other_keys_that_close_it(window, key):
    window.help.open()
    QTest.keyClick(QApplication.focusWidget(), key)
    assert not window.help.isVisible()
    assert QApplication.focusWidget() is window.first


def test_tab_stays_inside(window):
    window.help.open()
    close = QApplication.focusWidget()
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        QTest.keyClick(QApplication.focusWidget(), key)
        assert QApplication.focusWidget() is close


def test_the_window_shortcuts_wait_while_it_is_open(window):
    fired = []
    for keys in ("Alt+R", "Ctrl+0", "Right"):
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.activated.connect(lambda k=keys: fired.append(k))
    window.help.open()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert fired == []
    assert window.help.isVisible()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    QTest.keyClick(window.first, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert fired == ["Alt+R"]


def test_clicks_on_the_background_press_nothing_underneath(window):
    window.help.open()
    card = window.help.findChild(QWidget, "helpCard").geometry()
    for target in (window.first, window.second):
        point = target.mapTo(window, target.rect().center())
        if card.contains(point):
            point = QPoint(point.x(), card.top() - 4)  # the dimmed band above the card
        assert not card.contains(point)
        under = window.childAt(point)
        assert under is window.help
        QTest.mouseClick(under, Qt.MouseButton.LeftButton, pos=under.mapFrom(window, point))
        QTest.mouseDClick(under, Qt.MouseButton.LeftButton, pos=under.mapFrom(window, point))
    assert window.pressed == []
    assert window.help.isVisible()


def test_every_group_and_row_is_shown_in_order(window):
    window.help.open()
    texts = [label.text() for label in labels(window.help)]
    expected = ["Keyboard shortcuts"]
    for title, rows in GROUPS:
        expected.append(title)
        for keys, action in rows:
            expected += [keys, action]
    assert texts == expected


def test_it_is_a_dialog_named_for_screen_readers(window):
    window.help.open()
    interface = QAccessible.queryAccessibleInterface(window.help)
    assert interface.role() == QAccessible.Role.Dialog
    assert interface.text(QAccessible.Text.Name) == "Keyboard shortcuts"
    close = window.help.findChild(QPushButton, "helpClose")
    assert close.accessibleName()
    for label in labels(window.help):
        assert QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name) \
            == label.text()


def test_it_follows_the_window_size(qtbot, window):
    window.help.open()
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.help.geometry() == window.rect())
    card = window.help.findChild(QWidget, "helpCard").geometry()
    assert window.help.rect().contains(card)


def test_new_groups_replace_the_old(window):
    window.help.set_groups([("Only", [("A", "Does a thing")])])
    window.help.open()
    assert [label.text() for label in labels(window.help)] == \
        ["Keyboard shortcuts", "Only", "A", "Does a thing"]


@pytest.mark.parametrize("size, px", [((1024, 768), 18), ((1366, 768), 18), ((1366, 768), 36),
                                      ((1024, 768), 36), ((1920, 1080), 25), ((1920, 1080), 50)])
def test_it_fits_the_window(qtbot, window, size, px):
    window.resize(*size)
    window.help.set_text_px(px)
    window.help.open()
    qtbot.waitUntil(lambda: window.help.geometry() == window.rect())
    qtbot.wait(10)  # a scroll area shows or hides its scroll bars a moment later (queued)
    overlay = window.help
    card = overlay.findChild(QWidget, "helpCard")
    assert overlay.rect().contains(card.geometry())
    close = overlay.findChild(QPushButton, "helpClose")
    assert card.rect().contains(close.geometry())
    assert close.height() >= TOUCH_PX and close.width() >= TOUCH_PX
    assert close.width() >= close.sizeHint().width()
    scroll = card.findChild(QWidget, "helpScroll")
    content = scroll.widget()
    assert scroll.horizontalScrollBar().maximum() == 0
    assert content.width() <= scroll.viewport().width()
    for label in labels(overlay):
        # Not cut off: as tall as its wrapped text needs, as wide as its longest word, inside
        # its parent (the card, or the scrolled content).
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        metrics = QFontMetrics(label.font())
        assert label.width() >= max(metrics.horizontalAdvance(w) for w in label.text().split())
        assert label.parentWidget().rect().contains(label.geometry()), label.text()
        assert label.font().pixelSize() >= px
    bar = scroll.verticalScrollBar()
    if size == (1024, 768) and px == 18:
        assert bar.maximum() == 0  # the usual laptop case: all of it at once, no scrolling
    if bar.maximum() > 0:  # the rest is a finger's drag (or Page Down) away
        assert QScroller.grabbedGesture(scroll.viewport()) != Qt.GestureType(0)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_End)
        assert bar.value() == bar.maximum()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp)
        assert bar.value() < bar.maximum()


def test_two_columns_when_wide(window):
    window.help.open()
    keys = [label for label in labels(window.help) if label.objectName() == "helpKeys"]
    assert len({label.mapTo(window, QPoint(0, 0)).x() for label in keys}) == 2
    basic = next(label for label in labels(window.help) if label.text() == "Basic actions")
    diagram = next(label for label in labels(window.help) if label.text() == "The diagram")
    assert basic.mapTo(window, QPoint(0, 0)).x() > diagram.mapTo(window, QPoint(0, 0)).x()


@pytest.mark.parametrize("name", sorted(THEMES))
def test_it_takes_the_theme_colours(qtbot, window, name):
    p = THEMES[name]
    window.help.set_palette(p)
    window.help.open()
    image = window.grab().toImage()
    card = window.help.findChild(QWidget, "helpCard").geometry()
    inside = card.topLeft() + QPoint(card.width() // 2, 8)  # under the title's top margin
    assert image.pixelColor(inside) == QColor(p.paper)
    edge = card.topLeft() + QPoint(card.width() // 2, 0)
    assert image.pixelColor(edge) == QColor(p.border)
    # Around the card, the window shows through the paper-coloured veil a little.
    behind = QColor(window.palette().window().color()).name()
    outside = image.pixelColor(QPoint(2, 2))
    veiled = QColor(blend(behind, p.paper, 0.88))
    assert max(abs(outside.red() - veiled.red()), abs(outside.green() - veiled.green()),
               abs(outside.blue() - veiled.blue())) <= 2
    title = window.help.findChild(QLabel, "helpTitle")
    assert title.palette().windowText().color() == QColor(p.accent)
    action = next(label for label in labels(window.help) if label.objectName() == "helpAction")
    assert action.palette().windowText().color() == QColor(p.ink)
    keys = next(label for label in labels(window.help) if label.objectName() == "helpKeys")
    assert keys.font().bold() and not action.font().bold()


def test_a_finger_scrolls_the_list_when_it_does_not_fit(qtbot, window):
    # Kept inside the offscreen screen (800 x 800): beyond it Qt finds no widget for a gesture.
    window.resize(760, 560)
    window.help.set_text_px(36)
    window.help.open()
    qtbot.wait(10)
    scroll = window.help.findChild(QWidget, "helpScroll")
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0
    label = next(label for label in labels(window.help) if label.objectName() == "helpAction")
    start = label.rect().center()
    QTest.mousePress(label, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 11):
        QTest.mouseMove(label, start - QPoint(0, 20 * i))
        qtbot.wait(8)
    QTest.mouseRelease(label, Qt.MouseButton.LeftButton, pos=start - QPoint(0, 200))
    qtbot.waitUntil(lambda: bar.value() > 100)
    assert window.help.isVisible() and window.pressed == []
    QScroller.scroller(scroll.viewport()).stop()
