"""Kiosk mode: the viewer alone on a waiting room's screen, all day, with nobody beside it.

The KioskShell wraps a MainWindow built by the composition root and:

- keeps it full screen, frameless and in front; refuses to close it; swallows the keys that
  would end or leave a program (Alt+F4, Ctrl+Q, Ctrl+W, F11...), right-click menus and
  drag-and-drop, everywhere in the application;
- watches for a touch, a key or a pointer movement: after the configured quiet time (longer
  while the person's animation plays, see kiosk.idle) it asks "Are you still there?" with a
  countdown, then resets the session and shows the attract screen; a touch on that screen only
  wakes the viewer, at the first section;
- opens a staff PIN pad after five taps in the top-left corner within three seconds, and then
  the admin screen (status, back, reload, quit);
- outside opening hours (the schedule) shows a blank screen;
- after an unexpected error, resets the visit instead of freezing on it;
- feeds the service manager's watchdog from its own event loop, so a frozen interface is
  restarted.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..files import Problem
from ..kiosk.config import NO_FILE
from ..kiosk.idle import ACTIVE, OVER, WARNING, IdleClock
from ..kiosk.pin import PinLock
from ..kiosk.watchdog import STALL_S, StallGuard, Watchdog
from .attract import AttractScreen
from . import printing
from .cover import Cover
from .handout import Clinic
from .kiosk_screens import AdminScreen, PinPad, StillThere
from .palette import palette
from .relanguage import capture, restore
from .theme import text_px

log = logging.getLogger("cryoviewer")

CORNER_TAPS, CORNER_S = 5, 3.0     # the hidden way in for staff
CORNER_SHARE = 0.06                # the corner: this share of the screen's shorter side...
CORNER_MIN_PX = 64                 # ...but never smaller than this
QUIT_STATUS = 64                   # "the administrator quit": the service is not restarted
RECOVERIES, RECOVERY_WINDOW_S = 5, 60.0  # more errors than this in a minute: start afresh
SCHEDULE_CHECK_MS = 30_000
FRONT_CHECK_MS = 2_000             # how often the window makes sure it is in front

K, M = Qt.Key, Qt.KeyboardModifier
E = QEvent.Type
# Keys that end, close or leave a program somewhere; in a kiosk they do nothing.
BLOCKED_KEYS = {
    (K.Key_F4, M.AltModifier), (K.Key_Q, M.ControlModifier), (K.Key_W, M.ControlModifier),
    (K.Key_F4, M.ControlModifier), (K.Key_F11, M.NoModifier), (K.Key_Escape, M.AltModifier),
    (K.Key_Q, M.ControlModifier | M.ShiftModifier), (K.Key_M, M.MetaModifier),
    (K.Key_D, M.MetaModifier), (K.Key_H, M.ControlModifier), (K.Key_P, M.ControlModifier),
    (K.Key_O, M.ControlModifier), (K.Key_S, M.ControlModifier),
}
ACTIVITY = {E.MouseButtonPress, E.MouseButtonRelease, E.MouseMove, E.TouchBegin,
            E.TouchUpdate, E.TouchEnd, E.KeyPress, E.Wheel, E.TabletPress}
REFUSED = {E.ContextMenu, E.DragEnter, E.DragMove, E.Drop, E.ToolTip, E.WhatsThis}
PRESSES = {E.MouseButtonPress, E.MouseButtonDblClick, E.TouchBegin}
GESTURE = PRESSES | {E.MouseButtonRelease, E.MouseMove, E.TouchUpdate, E.TouchEnd}
AFTER_WAKE_S = 0.45   # a wake-up tap's own release, and a double tap's second half, do nothing
SAME_TAP_S = 0.08     # a touch and the mouse press Qt makes from it are one tap


class KioskShell(QObject):
    """KioskShell(build): `build()` returns (config, problems, window) — called again when the
    administrator reloads the content and the settings, and as `build(language=, session=,
    preparer=)` when a visitor changes the language (the window is rebuilt in it)."""

    def __init__(self, build: Callable, recent=None, clock: Callable[[], float] = time.monotonic,
                 stall_s: float = STALL_S):
        app = QApplication.instance()
        super().__init__(app)
        self.build, self.recent, self.clock = build, recent, clock
        self.started = clock()
        self.quitting = False
        self.window = None
        self._corner_taps: list[float] = []
        self._quiet_until = float("-inf")  # presses until then belong to a wake-up tap
        self._last_pointer = QPointF()
        self._recoveries: list[float] = []
        self.reset_ms: float | None = None  # the last reset's end of countdown to attract drawn

        self.tick = QTimer(self, singleShot=True)
        self.tick.setTimerType(Qt.TimerType.PreciseTimer)
        self.tick.timeout.connect(self._check_idle)
        self.schedule_timer = QTimer(self, interval=SCHEDULE_CHECK_MS)
        self.schedule_timer.timeout.connect(self._check_schedule)
        self.front_timer = QTimer(self, interval=FRONT_CHECK_MS)
        self.front_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.front_timer.timeout.connect(self._take_front)
        self.watchdog = Watchdog()
        self.guard = StallGuard(stall_s)  # where no service manager watches for a freeze
        self.feeder = QTimer(self)
        self.feeder.timeout.connect(self.watchdog.feed)
        self.feeder.timeout.connect(self.guard.beat)
        self._compose()
        app.installEventFilter(self)
        app.setQuitOnLastWindowClosed(False)
        self.feeder.start(round(min(self.watchdog.interval_s or 5.0, 5.0) * 1000))
        self.guard.start()
        self.watchdog.ready()
        self.schedule_timer.start()
        self.front_timer.start()

    # -- building ---------------------------------------------------------------------------

    def _compose(self, attract: bool = True, **again) -> None:
        """Build (or rebuild) the window and the layers over it from the configuration;
        `again`: the visitor's language, session and computed runs, kept."""
        old = self.window
        if old is not None:
            old.session.unsubscribe(self._restyle)
            old.session.unsubscribe(self._on_language)
            old.detach()
        self.config, self.problems, self.window = self.build(**again)
        window = self.window
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        window.setAcceptDrops(False)
        self.idle = IdleClock(self.config.idle_s, self.config.warning_s,
                              self.config.watching_s, self.clock)
        # An animation playing, or a voice reading aloud, holds the question back.
        window.diagram.playing_changed.connect(self._watching)
        window.read_aloud.state_changed.connect(self._watching)
        self.still_there = StillThere(window)
        self.still_there.continued.connect(self.carry_on)
        treatments = list(window.diagram.scene_buttons)
        self.attract = AttractScreen(window, window.diagram.preparer, treatments)
        first = self.config.language  # then the other languages offered, in turn
        order = [first, *(name for name in self.config.languages if name != first)]
        self.attract.set_invitations([self.config.attract[name] for name in order
                                      if name in self.config.attract]
                                     or list(self.config.attract.values()))
        self.blank = Cover(window, "closedScreen", scrim=1.0, fill="screen_off")
        self.blank.card.hide()
        self.pin_pad = PinPad(window)
        self.pin_pad.entered.connect(self._pin_entered)
        self.pin_pad.cancelled.connect(self._leave_admin)
        if getattr(self, "lock", None) is None or self.lock.stored_hash != self.config.admin_pin_hash:
            self.lock = PinLock(self.config.admin_pin_hash, self.clock)  # (kept: no reset by
            # changing the language)
        self.admin = AdminScreen(window)
        self.admin.back.connect(self._leave_admin)
        self.admin.reload.connect(self.reload)
        self.admin.quit.connect(self.quit)
        self.layers = (self.still_there, self.attract, self.blank, self.pin_pad, self.admin)
        self._set_printer()
        window.session.subscribe(self._restyle)
        window.session.subscribe(self._on_language)
        self._restyle(frozenset({"theme"}))
        self.show_full_screen()
        if old is not None:
            old.hide()
            old.deleteLater()
        if not again:
            for problem in self.problems:
                log.warning("Kiosk configuration: %s", problem)
        if attract:
            self.start_attract()
        self._check_schedule()

    def _set_printer(self) -> None:
        """The Print button, on the configured printer; hidden without one (or if the
        system does not know it: a problem for the admin screen)."""
        name = self.config.printer
        if name is not None and not printing.printer_exists(name):
            problem = Problem(self.config.source or NO_FILE, None,
                              f"[kiosk] printer {name!r} is not a printer of this computer, "
                              f"so the Print button is not shown")
            if problem not in self.problems:
                self.problems.append(problem)
            name = None
        self.window.set_kiosk_printer(name, Clinic(self.config.clinic_name,
                                                   self.config.clinic_phone))

    def _watching(self, _=None) -> None:
        """The visitor may be watching or listening without touching: the animation they
        started plays, or a voice reads aloud."""
        playback = self.window.diagram.playback
        self.idle.watching(bool(playback and playback.playing) or
                           self.window.read_aloud.speaking)

    def _on_language(self, changed: frozenset[str]) -> None:
        if "language" in changed and "reset" not in changed:
            QTimer.singleShot(0, self._relanguage)  # after the session has told everyone

    def _relanguage(self) -> None:
        """A visitor chose another language: the window again, in it, where they were."""
        old = self.window
        if old.pack.language == old.session.language:
            return
        state = capture(old)
        self._compose(attract=False, language=old.session.language, session=old.session,
                      preparer=old.diagram.preparer)
        restore(self.window, state, show=False)
        self.idle.touched()
        self._schedule_check(self.idle.next_change_s())

    def show_full_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is not None and self.window.windowHandle() is not None:
            self.window.windowHandle().setScreen(screen)
        if screen is not None:
            self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()
        self.window.raise_()
        self.window.activateWindow()

    def _restyle(self, changed: frozenset[str]) -> None:
        if changed & {"theme", "text_size", "reset"}:
            p, px = palette(self.window.session.theme), self.window.text_px()
            for layer in self.layers:
                layer.set_look(p, px)

    # -- a visit ----------------------------------------------------------------------------

    def _schedule_check(self, seconds: float) -> None:
        self.tick.start(max(50, min(1000, round(seconds * 1000))))

    def _check_idle(self) -> None:
        if self.attract.isVisible() or self.blank.isVisible() or self._staff_present():
            return
        state = self.idle.state()
        if state == ACTIVE:
            if self.still_there.isVisible():
                self.still_there.hide()
        elif state == WARNING:
            if not self.still_there.isVisible():
                log.info("Kiosk: nobody has touched the screen for a while; asking.")
                self.still_there.open()
            self.still_there.set_seconds(max(1, round(self.idle.seconds_left() + 0.49)))
        elif state == OVER:
            self.end_visit()
            return
        self._schedule_check(min(1.0, self.idle.next_change_s() if state == ACTIVE
                                 else self.idle.seconds_left() % 1.0 or 1.0))

    def carry_on(self) -> None:
        """The person is still there: the question goes, the visit goes on."""
        self.idle.touched()
        self.still_there.hide()
        self._schedule_check(self.idle.next_change_s())

    def end_visit(self) -> None:
        """The visit is over: the attract screen at once, in the configured look; under it,
        everything back to the configured start."""
        began = time.perf_counter()
        log.info("Kiosk: visit over; the screen starts again.")
        for layer in self.layers:
            if layer is not self.attract:
                layer.hide()
        defaults = self.window.session.defaults
        self.attract.set_look(palette(defaults.theme),
                              text_px(self.window.height(), defaults.text_size))
        self.start_attract()
        self.attract.repaint()  # drawn now, before the work below
        self.reset_ms = (time.perf_counter() - began) * 1000
        self.reset_session()
        if self.window.pack.language != self.config.language:  # the visitor's language goes
            self._compose()

    def reset_session(self) -> None:
        window = self.window
        for layer in self.layers:
            if layer is not self.attract:
                layer.hide()
        window.diagram.pause()
        window.session.reset()
        for area in (window.reader, window.diagram.upper_area, window.sections):
            area.verticalScrollBar().setValue(0)
        self.idle.watching(False)

    def start_attract(self) -> None:
        if self.blank.isVisible():
            return
        self.window.diagram.pause()
        self.window.read_aloud.stop()
        self.attract.open()

    def wake(self) -> None:
        """A touch on the attract (or closed) screen: a new visit, at the first section."""
        self.attract.close_screen()
        self.blank.hide()
        self.idle.touched()
        self.window.centralWidget().setFocus(Qt.FocusReason.OtherFocusReason)
        self._schedule_check(self.idle.next_change_s())

    def _check_schedule(self) -> None:
        is_open = self.config.schedule.is_open(datetime.now())
        if not is_open and not self.blank.isVisible() and not self._staff_present():
            log.info("Kiosk: outside opening hours; the screen goes blank.")
            self.reset_session()
            self.attract.close_screen()
            self.blank.open()
        elif is_open and self.blank.isVisible():
            self.blank.hide()
            self.start_attract()

    # -- staff --------------------------------------------------------------------------------

    def _staff_present(self) -> bool:
        return self.pin_pad.isVisible() or self.admin.isVisible()

    def _corner_tap(self, position: QPointF) -> None:
        """Five taps in the top-left corner within three seconds open the PIN pad."""
        screen = self.window.size()
        corner = max(CORNER_MIN_PX, round(min(screen.width(), screen.height()) * CORNER_SHARE))
        local = self.window.mapFromGlobal(position.toPoint())
        now = self.clock()
        if self._corner_taps and now - self._corner_taps[-1] < SAME_TAP_S:
            return  # the mouse press Qt made from a touch already counted
        if not (0 <= local.x() < corner and 0 <= local.y() < corner):
            self._corner_taps.clear()
            return
        self._corner_taps = [t for t in self._corner_taps if now - t <= CORNER_S] + [now]
        if len(self._corner_taps) >= CORNER_TAPS:
            self._corner_taps.clear()
            self.open_pin_pad()

    def open_pin_pad(self) -> None:
        self.still_there.hide()
        self.pin_pad.open()
        if self.config.admin_pin_hash is None:
            self.pin_pad.say(self.tr("No staff PIN is set in the kiosk configuration, so this "
                                     "screen cannot be opened. Ask the administrator."))

    def _pin_entered(self, pin: str) -> None:
        answer = self.lock.try_pin(pin)
        if answer == "ok":
            log.info("Kiosk: staff PIN accepted; admin screen opened.")
            self.pin_pad.hide()
            self.admin.show_details(self.status())
            self.admin.open()
        elif answer == "locked":
            log.warning("Kiosk: wrong staff PINs; the PIN pad is locked for a minute.")
            left = max(1, round(self.lock.locked_for()))
            self.pin_pad.say(self.tr("Too many wrong PINs. Try again in 1 second.") if left == 1
                             else self.tr("Too many wrong PINs. Try again in {0} seconds.")
                             .format(left))
        else:
            log.warning("Kiosk: a wrong staff PIN was entered.")
            self.pin_pad.say(self.tr("That PIN is not right."))

    def _leave_admin(self) -> None:
        self.pin_pad.hide()
        self.admin.hide()
        self.idle.touched()
        self._schedule_check(self.idle.next_change_s())

    def status(self) -> list[str]:
        """What the admin screen shows: version, uptime, content, problems, recent errors."""
        up = int(self.clock() - self.started)
        pack = self.window.pack
        lines = [self.tr("CryoViewer {0}").format(__version__),
                 self.tr("Running for {0} h {1:02d} min").format(up // 3600, up % 3600 // 60),
                 self.tr("Content: {0} ({1} sections, language {2}), from {3}").format(
                     pack.title, len(pack.sections), pack.language, pack.root),
                 self.tr("Configuration: {0}").format(self.config.source or
                                                      self.tr("none (the defaults)")),
                 "", self.tr("Configuration problems:")]
        lines += [f"  {p}" for p in self.problems] or ["  " + self.tr("none")]
        lines += ["", self.tr("Recent warnings and errors:")]
        recent = list(self.recent.lines) if self.recent is not None else []
        lines += [f"  {line}" for line in recent[-20:]] or ["  " + self.tr("none")]
        return lines

    def reload(self) -> None:
        log.info("Kiosk: content and configuration reloaded by staff.")
        self.window.diagram.shutdown()
        self._compose()

    def quit(self) -> None:
        log.info("Kiosk: closed by staff.")
        self.quitting = True
        self.guard.stop()
        self.watchdog.stopping()
        self.window.diagram.shutdown()
        QApplication.instance().exit(QUIT_STATUS)

    def dispose(self) -> None:
        """Let the application go (tests, or a kiosk shell replaced): no filter, no timers."""
        QApplication.instance().removeEventFilter(self)
        self.guard.stop()
        for timer in (self.tick, self.schedule_timer, self.feeder, self.front_timer):
            timer.stop()
        self.attract.close_screen()
        self.quitting = True
        self.window.close()

    # -- recovering ---------------------------------------------------------------------------

    def recover(self) -> None:
        """After an unexpected error: a fresh visit, never a frozen or broken screen. Errors
        that keep coming end the program, for the service manager to start it afresh."""
        now = self.clock()
        self._recoveries = [t for t in self._recoveries if now - t < RECOVERY_WINDOW_S] + [now]
        if len(self._recoveries) > RECOVERIES:
            log.error("Kiosk: errors keep coming; exiting so the service restarts the viewer.")
            QApplication.instance().exit(1)
            return
        try:
            self.end_visit()
        except Exception:  # the reset itself failed: leave it to the service manager
            log.exception("Kiosk: the screen could not be reset; exiting.")
            QApplication.instance().exit(1)

    # -- every event of the application ------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in REFUSED:
            event.ignore()
            return True
        if (kind == E.Close and watched is self.window) or kind == E.Quit:
            if self.quitting:
                return False
            event.ignore()  # the window manager's close button, Alt+F4 or a quit request
            return True
        if kind == E.WindowStateChange and watched is self.window and not self.quitting:
            if not self.window.isFullScreen():
                QTimer.singleShot(0, self.show_full_screen)
            return False
        if kind == E.WindowDeactivate and watched is self.window and not self.quitting:
            QTimer.singleShot(500, self._take_front)
            return False
        if kind not in ACTIVITY and kind not in (E.ShortcutOverride, E.MouseButtonDblClick):
            return False
        if kind in (E.KeyPress, E.ShortcutOverride) and self._blocked(event):
            return True
        if kind == E.MouseMove and not event.buttons():
            position = event.globalPosition()
            if position == self._last_pointer:
                return False  # a synthetic move: not a person
            self._last_pointer = position
        if kind in ACTIVITY:
            self.idle.touched()
        if kind in (E.MouseButtonPress, E.MouseButtonDblClick, E.MouseButtonRelease) and \
                event.button() != Qt.MouseButton.LeftButton:
            return True  # the right and middle buttons do nothing in a kiosk
        return self._wake_or_pass(kind, event)

    def _wake_or_pass(self, kind, event) -> bool:
        """A press on the attract, closed or "still there?" screen wakes the viewer and stops
        there, with the rest of its gesture: nothing under the finger acts."""
        if kind in GESTURE and self.clock() < self._quiet_until:
            return True
        if kind == E.MouseButtonPress:
            self._corner_tap(event.globalPosition())
        elif kind == E.TouchBegin and event.points():
            self._corner_tap(event.points()[0].globalPosition())
        if kind in PRESSES or kind == E.KeyPress:
            if self.attract.isVisible() or self.blank.isVisible():
                self._quiet_until = self.clock() + AFTER_WAKE_S
                self.wake()
                return True
            if self.still_there.isVisible():
                self._quiet_until = self.clock() + AFTER_WAKE_S
                self.carry_on()
                return True
        if not self.tick.isActive() and not self._staff_present():
            self._schedule_check(self.idle.next_change_s())
        return False

    def _blocked(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~M.KeypadModifier
        return (event.key(), modifiers) in BLOCKED_KEYS

    def _take_front(self) -> None:
        """Back to full screen and in front, whatever the window manager did (a "show the
        desktop" key unmaps the window, a minimise, another window raised)."""
        window = self.window
        if self.quitting:
            return
        handle = window.windowHandle()
        if window.isMinimized() or (handle is not None and not handle.isExposed()):
            window.hide()  # shown again below: a new map request, which every manager honours
            window.showNormal()
            self.show_full_screen()
        elif not window.isFullScreen() or not window.isActiveWindow():
            self.show_full_screen()
