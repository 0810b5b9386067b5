"""Touch helpers: kinetic finger scrolling, and a guard so that a double tap never acts twice.

Kinetic scrolling grabs QScroller's *left mouse button* gesture on a scroll area's viewport,
not its touch gesture. Only one scroll gesture can be grabbed per widget, and this one covers
every kiosk: a real touch screen (Qt turns a touch nobody accepts into mouse events, which the
gesture reads), a touch screen that only sends mouse events, and a mouse dragged on a desktop.
The touch gesture alone ignores the last two, and lets the synthesized mouse events through to
the widget, so a drag would also select rows or text while it scrolls. The mouse gesture also
holds a press back for a moment (QScroller's MousePressEventDelay): a drag that starts on a row
scrolls the list without choosing that row.

The double-tap guard is shared: a tap that made something happen (a row chosen, a link or a
button pressed) is remembered for the double-click interval, and a second tap at the same place
in the same window within that time is swallowed, whichever guarded widget it lands on. That
covers the drawer that closes under the finger, and the link that moved into the place where
the first link was.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QScroller,
    QScrollerProperties,
    QWidget,
)

from .theme import TOUCH_PX

TAP_RADIUS = TOUCH_PX // 2  # how far apart two taps of one double tap may land, in pixels


# -- kinetic scrolling ----------------------------------------------------------------------------

def kinetic(area: QAbstractScrollArea) -> QScroller:
    """Let a finger (or a mouse drag) scroll `area` and fling it; returns its scroller.

    The page does not bounce past its ends (calm: nothing moves that need not). A tap on a
    page that is still flinging only stops it (QScroller takes it as the start of a drag), and
    does not press what lies under the finger."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    scroller.setScrollerProperties(properties)
    return scroller


def stop_scrolling(area: QAbstractScrollArea) -> None:
    """Stop a fling (before the area shows something else, for instance)."""
    if QScroller.hasScroller(area.viewport()):
        QScroller.scroller(area.viewport()).stop()


# -- a double tap acts once -----------------------------------------------------------------------

class _LastTap:
    clock = QElapsedTimer()
    position = QPointF()
    window: weakref.ref | None = None


def _same_window(widget: QWidget) -> bool:
    # A weak reference, so a window closed since (or a new window at its address) never counts.
    last = _LastTap.window() if _LastTap.window is not None else None
    return last is not None and shiboken6.isValid(last) and last is widget.window()


def _interval(ms: int | None) -> int:
    return QApplication.doubleClickInterval() if ms is None else ms


def _radius() -> float:
    hints = QGuiApplication.styleHints()
    return max(TAP_RADIUS, hints.touchDoubleTapDistance(), hints.mouseDoubleClickDistance())


def note_tap(global_position: QPointF, widget: QWidget) -> None:
    """Remember that a tap at this place (screen coordinates) in widget's window acted."""
    _LastTap.position = QPointF(global_position)
    _LastTap.window = weakref.ref(widget.window())
    _LastTap.clock.start()


def is_second_tap(global_position: QPointF, widget: QWidget, ms: int | None = None) -> bool:
    """Whether a tap here is the second tap of a double tap whose first tap already acted:
    same window, near the same place, within the double-click interval (or `ms`)."""
    if not _LastTap.clock.isValid():
        return False
    if _LastTap.clock.elapsed() > _interval(ms) or not _same_window(widget):
        return False
    distance = QPointF(global_position) - _LastTap.position
    return (distance.x() ** 2 + distance.y() ** 2) ** 0.5 <= _radius()


def forget_taps() -> None:
    """Forget the last tap (tests that tap the same place twice on purpose call this)."""
    _LastTap.clock.invalidate()
    _LastTap.window = None


class TapGuard(QObject):
    """An event filter for one widget: it swallows the second tap of a double tap (its press,
    double click and release) when the first tap already acted. The widget calls note_tap
    itself when a tap acts, or `acts` decides from the release (see debounce_clicks)."""

    def __init__(self, widget: QWidget, ms: int | None = None, acts=None):
        super().__init__(widget)
        self.setObjectName("tapGuard")
        self._ms = ms
        self._acts = acts
        self._swallowing = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if event.button() == Qt.MouseButton.LeftButton \
                    and is_second_tap(event.globalPosition(), watched, self._ms):
                self._swallowing = True
                return True
            self._swallowing = False
        elif kind == QEvent.Type.MouseButtonRelease:
            if self._swallowing:
                self._swallowing = False
                return True
            if self._acts is not None and event.button() == Qt.MouseButton.LeftButton \
                    and self._acts(watched, event):
                note_tap(event.globalPosition(), watched)
        return False


def _button_acts(button: QAbstractButton, event) -> bool:
    # The release is about to click the button: it is down and the finger is still on it.
    return button.isEnabled() and button.isDown() and button.hitButton(event.position().toPoint())


def debounce_clicks(button: QAbstractButton, ms: int | None = None) -> TapGuard:
    """Make a second click (or tap) on `button` within the double-click interval (or `ms`)
    do nothing, so a double tap on Next moves one step. Keyboard presses are not affected.
    Returns the guard (an event filter owned by the button)."""
    return TapGuard(button, ms, _button_acts)
