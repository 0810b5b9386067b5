"""Kiosk mode: nothing a visitor does ends it, it starts again by itself, staff can get out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QImage, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from cryoviewer.kiosk.pin import hash_pin
from cryoviewer.ui.kiosk import CORNER_TAPS, QUIT_STATUS, KioskShell

PIN = "2468"


class Clock:
    def __init__(self):
        self.now = 5000.0

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def pin_hash():
    return hash_pin(PIN)


@pytest.fixture
def make_kiosk(qtbot, themed_app, computed_runs, tmp_path, pin_hash):
    from cryoviewer.app import kiosk_window
    from cryoviewer.resources import resources_root
    from cryoviewer.ui.preparation import Preparer

    shells = []

    def make(settings: str | None = "", clock=None):
        path = None
        if settings is not None:
            path = tmp_path / "kiosk.toml"
            path.write_text(f'[kiosk]\nadmin_pin_hash = "{pin_hash}"\n' + settings,
                            encoding="utf-8")

        def build(**again):
            again.setdefault("preparer", Preparer(resources_root() / "scenarios", computed_runs))
            return kiosk_window(path, None, **again)

        # (a test that holds the event loop for a while is not a frozen kiosk)
        shell = KioskShell(build, clock=clock or Clock(), stall_s=3600)
        shells.append(shell)
        qtbot.waitExposed(shell.window)
        return shell

    yield make
    for shell in shells:
        shell.dispose()
        shell.window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def press(widget, point: QPoint | None = None, button=Qt.MouseButton.LeftButton):
    """A real press and release delivered through the application (and its filters)."""
    point = point or widget.rect().center()
    global_point = QPointF(widget.mapToGlobal(point))
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        event = QMouseEvent(kind, QPointF(point), global_point, button,
                            button if kind == QEvent.Type.MouseButtonPress
                            else Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)


def key(widget, code, modifiers=Qt.KeyboardModifier.NoModifier) -> bool:
    """A key press through the application; True if something took it."""
    event = QKeyEvent(QEvent.Type.KeyPress, code, modifiers)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_it_starts_full_screen_frameless_on_the_attract_screen(make_kiosk):
    shell = make_kiosk()
    window = shell.window
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert shell.attract.isVisible()
    assert shell.attract.playback is not None and shell.attract.timer.isActive()
    assert shell.attract.invitation.text() == "Touch the screen to learn about cryosurgery"


def test_a_touch_on_the_attract_screen_wakes_it_and_presses_nothing(make_kiosk, qtbot):
    shell = make_kiosk()
    window = shell.window
    next_button = window.next_button
    first = window.current_section_id()
    # The tap lands where the Next button is, under the attract screen.
    press(window, next_button.mapTo(window, next_button.rect().center()))
    assert not shell.attract.isVisible()
    assert window.current_section_id() == first
    assert not shell.attract.timer.isActive()  # the attract loop stops with it


def test_keys_that_end_a_program_do_nothing(make_kiosk, qtbot):
    shell = make_kiosk()
    window = shell.window
    shell.wake()
    K, M = Qt.Key, Qt.KeyboardModifier
    for code, modifiers in ((K.Key_F4, M.AltModifier), (K.Key_Q, M.ControlModifier),
                            (K.Key_W, M.ControlModifier), (K.Key_F11, M.NoModifier),
                            (K.Key_Escape, M.NoModifier)):
        key(window.reader, code, modifiers)
        assert window.isVisible() and window.isFullScreen()
    assert not window.close()  # the close event (the title bar's ×, Alt+F4) is refused
    assert window.isVisible()
    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                             window.reader.viewport().mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(window.reader.viewport(), menu)
    assert not menu.isAccepted()
    # The window manager taking it out of full screen: it goes straight back.
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen)


def test_a_quiet_visit_is_asked_then_reset_to_the_attract_screen(make_kiosk, qtbot):
    clock = Clock()
    shell = make_kiosk("idle_seconds = 30\nwarning_seconds = 10\n", clock)
    window = shell.window
    shell.wake()
    window.show_section("pain")
    window.session.update(theme="high-contrast", text_size=150, look="detailed")
    clock.now += 30
    shell._check_idle()
    assert shell.still_there.isVisible()
    assert "10 seconds" in shell.still_there.message.text()
    assert shell.still_there.button.height() >= 90  # Continue: found without looking for it
    clock.now += 4
    shell._check_idle()
    assert "6 seconds" in shell.still_there.message.text()
    clock.now += 6
    shell._check_idle()
    assert not shell.still_there.isVisible()
    assert shell.attract.isVisible()
    assert window.current_section_id() == window.pack.sections[0].id
    assert (window.session.theme, window.session.text_size, window.session.look) == (
        "default", 100, "patient")
    assert shell.reset_ms is not None


def test_a_touch_on_the_question_keeps_the_visit(make_kiosk):
    clock = Clock()
    shell = make_kiosk("idle_seconds = 30\n", clock)
    window = shell.window
    shell.wake()
    window.show_section("pain")
    clock.now += 35
    shell._check_idle()
    assert shell.still_there.isVisible()
    press(window, QPoint(window.width() - 10, window.height() - 10))
    assert not shell.still_there.isVisible()
    clock.now += 20
    shell._check_idle()
    assert not shell.still_there.isVisible() and not shell.attract.isVisible()
    assert window.current_section_id() == "pain"


def test_nothing_a_visitor_chooses_is_written(make_kiosk, tmp_path):
    from PySide6.QtCore import QSettings

    from cryoviewer.ui.preferences import preferences_file

    shell = make_kiosk("theme = \"projector\"\ntext_size = 125\n")
    window = shell.window
    assert (window.session.theme, window.session.text_size) == ("projector", 125)
    window.session.update(theme="high-contrast", text_size=200)
    QSettings().sync()
    assert QSettings().allKeys() == []
    assert not preferences_file().exists()


def test_five_corner_taps_and_the_pin_open_the_admin_screen(make_kiosk):
    clock = Clock()
    shell = make_kiosk(clock=clock)
    window = shell.window
    shell.wake()
    for _ in range(CORNER_TAPS):
        clock.now += 0.3
        press(window, QPoint(3, 3))
    assert shell.pin_pad.isVisible()
    for digit in "1111":
        shell.pin_pad.press(digit)
    shell.pin_pad.press("✓")
    assert "not right" in shell.pin_pad.answer.text()
    for digit in PIN:
        shell.pin_pad.press(digit)
    shell.pin_pad.press("✓")
    assert shell.admin.isVisible() and not shell.pin_pad.isVisible()
    status = shell.admin.details.toPlainText()
    assert "CryoViewer" in status and "sections" in status
    press(shell.admin.buttons["back"])
    assert not shell.admin.isVisible()


def test_corner_taps_spread_out_or_elsewhere_open_nothing(make_kiosk):
    clock = Clock()
    shell = make_kiosk(clock=clock)
    window = shell.window
    shell.wake()
    for _ in range(CORNER_TAPS):
        clock.now += 0.9  # five taps over 4.5 s
        press(window, QPoint(3, 3))
    assert not shell.pin_pad.isVisible()
    clock.now += 10
    for n in range(CORNER_TAPS):
        clock.now += 0.2
        press(window, QPoint(3, 3) if n != 2 else QPoint(400, 300))
    assert not shell.pin_pad.isVisible()


def test_three_wrong_pins_lock_the_pad_for_a_minute(make_kiosk):
    clock = Clock()
    shell = make_kiosk(clock=clock)
    shell.open_pin_pad()
    for _ in range(3):
        shell._pin_entered("0000")
    shell._pin_entered(PIN)
    assert not shell.admin.isVisible()
    assert "Try again in" in shell.pin_pad.answer.text()
    clock.now += 61
    shell._pin_entered(PIN)
    assert shell.admin.isVisible()


def test_quit_from_the_admin_screen_ends_with_its_own_status(make_kiosk, monkeypatch):
    shell = make_kiosk()
    codes = []
    monkeypatch.setattr(QApplication.instance(), "exit", codes.append)
    shell.quit()
    assert codes == [QUIT_STATUS]


def test_reload_builds_the_window_again(make_kiosk, qtbot):
    shell = make_kiosk()
    old = shell.window
    shell.reload()
    assert shell.window is not old
    qtbot.waitUntil(lambda: shell.window.isFullScreen())
    assert shell.attract.isVisible()


def test_a_broken_settings_file_starts_on_defaults_and_tells_staff(make_kiosk):
    shell = make_kiosk("idle_seconds = \"soon\"\ntheme = \"purple\"\n")
    assert shell.config.idle_s == 90 and shell.config.theme == "default"
    text = "\n".join(shell.status())
    assert "idle_seconds" in text and "theme" in text
    assert not shell.still_there.isVisible()  # a visitor sees none of it


def test_sections_and_treatments_offered_come_from_the_settings(make_kiosk):
    shell = make_kiosk('sections = ["what-is-cryosurgery", "pain"]\n'
                       'treatments = ["skin-spray", "liver-probe"]\n')
    window = shell.window
    assert [s.id for s in window.pack.sections] == ["what-is-cryosurgery", "pain"]
    assert sorted(window.diagram.scene_buttons) == ["liver-probe", "skin-spray"]


def test_an_unexpected_error_starts_the_visit_again(make_kiosk):
    shell = make_kiosk()
    shell.wake()
    shell.window.show_section("pain")
    shell.recover()
    assert shell.attract.isVisible()
    assert shell.window.current_section_id() == shell.window.pack.sections[0].id


def test_playing_holds_the_question_back(make_kiosk):
    clock = Clock()
    shell = make_kiosk("idle_seconds = 30\nwatching_seconds = 120\n", clock)
    shell.wake()
    shell.window.diagram.play()
    clock.now += 60
    shell._check_idle()
    assert not shell.still_there.isVisible()
    clock.now += 61
    shell._check_idle()
    assert shell.still_there.isVisible()


def test_drops_and_tooltips_do_nothing(make_kiosk):
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDropEvent

    shell = make_kiosk()
    shell.wake()
    reader = shell.window.reader.viewport()
    data = QMimeData()
    data.setText("file:///etc/passwd")
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(reader, drop)
    assert not drop.isAccepted()
    assert "passwd" not in shell.window.reader.toPlainText()


def test_outside_opening_hours_the_screen_is_blank_until_touched(make_kiosk):
    import datetime

    closed_today = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[
        (datetime.date.today().weekday() + 3) % 7]
    shell = make_kiosk(f'[schedule]\ndays = ["{closed_today}"]\nopens = "08:00"\n'
                       f'closes = "09:00"\n')
    assert shell.blank.isVisible() and not shell.attract.isVisible()
    press(shell.window)
    assert not shell.blank.isVisible()


def test_the_attract_loop_never_flashes(make_kiosk, qtbot):
    """WCAG's general flash threshold: no more than three flashes a second, a flash being a
    pair of opposite changes in relative luminance of 10 % or more over a large area."""
    import numpy as np

    shell = make_kiosk()
    attract = shell.attract
    attract.playback.go_to("freeze1", 0.1)  # the ice growing: the busiest part

    def luminance():
        image = attract.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
        pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
            image.height(), image.bytesPerLine())[:, :image.width() * 3].reshape(
            image.height(), image.width(), 3) / 255.0
        linear = np.where(pixels <= 0.04045, pixels / 12.92, ((pixels + 0.055) / 1.055) ** 2.4)
        return linear @ np.array([0.2126, 0.7152, 0.0722])

    frames = []
    for _ in range(12):  # two seconds at the attract screen's rate
        attract._tick()
        frames.append(luminance())
    big = 0.25 * frames[0].size  # "a large area": a quarter of the screen, generously small
    changes = [np.count_nonzero(np.abs(b - a) >= 0.1) for a, b in zip(frames, frames[1:])]
    assert sum(c >= big for c in changes) == 0


def test_the_kiosk_tells_the_service_manager_it_is_ready_and_alive(tmp_path):
    """The real program, started as the service manager starts it: READY=1, then WATCHDOG=1
    from its event loop."""
    import os
    import socket
    import subprocess
    import sys
    import time

    from pathlib import Path

    root = Path(__file__).resolve().parent.parent

    path = tmp_path / "notify"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.settimeout(60)
    env = {**os.environ, "NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "1000000",
           "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("WATCHDOG_PID", None)
    viewer = subprocess.Popen([sys.executable, "-m", "cryoviewer", "--kiosk"], cwd=root,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        messages = []
        deadline = time.monotonic() + 60
        while "WATCHDOG=1" not in messages and time.monotonic() < deadline:
            messages.append(server.recv(4096).decode())
        assert messages[0] == "READY=1"
        assert "WATCHDOG=1" in messages
        assert viewer.poll() is None
    finally:
        viewer.terminate()
        viewer.wait(10)
        server.close()
    assert any((tmp_path / "data").rglob("cryoviewer.log"))  # its log: in the data folder


def test_a_short_monkey_leaves_it_running_full_screen(make_kiosk, qtbot, caplog):
    """Random taps, double taps, drags and keys (every escape key among them), with the idle
    question and the reset coming round: no error, no exit, still full screen. (The long run,
    under a real window manager: benchmarks/kiosk_monkey.py.)"""
    import logging
    import random

    from PySide6.QtTest import QTest

    clock = Clock()
    shell = make_kiosk("idle_seconds = 15\nwarning_seconds = 5\n", clock)
    window = shell.window
    rng = random.Random(3)
    K, M = Qt.Key, Qt.KeyboardModifier
    keys = [(K.Key_F4, M.AltModifier), (K.Key_Q, M.ControlModifier), (K.Key_Escape, M.NoModifier),
            (K.Key_F11, M.NoModifier), (K.Key_Space, M.NoModifier), (K.Key_Tab, M.NoModifier),
            (K.Key_Right, M.NoModifier), (K.Key_R, M.AltModifier), (K.Key_F1, M.NoModifier),
            (K.Key_Plus, M.ControlModifier), (K.Key_W, M.ControlModifier)]
    with caplog.at_level(logging.WARNING, logger="cryoviewer"):
        for n in range(300):
            target = QApplication.widgetAt(window.mapToGlobal(
                QPoint(rng.randrange(window.width()), rng.randrange(window.height())))) or window
            point = QPoint(rng.randrange(max(1, target.width())),
                           rng.randrange(max(1, target.height())))
            roll = rng.random()
            if roll < 0.5:
                QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=point)
            elif roll < 0.6:
                QTest.mouseDClick(target, Qt.MouseButton.LeftButton, pos=point)
            elif roll < 0.7:
                QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=point)
                QTest.mouseMove(target, QPoint(point.x() // 2, point.y() // 2))
                QTest.mouseRelease(target, Qt.MouseButton.LeftButton,
                                   pos=QPoint(point.x() // 2, point.y() // 2))
            elif roll < 0.75:
                QTest.mouseClick(target, Qt.MouseButton.RightButton, pos=point)
            else:
                code, modifiers = rng.choice(keys)
                QTest.keyClick(QApplication.focusWidget() or window, code, modifiers)
            if n % 40 == 39:  # now and then the visitor walks away
                clock.now += 16
                shell._check_idle()
                clock.now += 6
                shell._check_idle()
            clock.now += 0.5
            QApplication.processEvents()
    assert window.isVisible() and window.isFullScreen()
    assert [r.getMessage() for r in caplog.records] == []


def test_visit_after_visit_leaves_nothing_behind(make_kiosk, caplog):
    """A short soak (the long one: benchmarks/kiosk_soak.py): visits with the idle reset keep
    the number of threads, top-level widgets and the window's children flat."""
    import logging
    import threading

    clock = Clock()
    shell = make_kiosk("idle_seconds = 15\nwarning_seconds = 5\n", clock)
    window = shell.window

    def visit(n):
        shell.wake()
        window.show_index(n % len(window.pack.sections))
        window.step_text_size(+1)
        window.next_theme()
        window.diagram.play()
        QApplication.processEvents()
        window.diagram.pause()
        clock.now += 16
        shell._check_idle()
        clock.now += 6
        shell._check_idle()
        QApplication.processEvents()

    def counts():
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return (threading.active_count(), len(QApplication.topLevelWidgets()),
                len(window.findChildren(QObject)))

    from PySide6.QtCore import QObject

    with caplog.at_level(logging.WARNING, logger="cryoviewer"):
        for n in range(2):
            visit(n)
        before = counts()
        for n in range(3):
            visit(n)
        assert counts() == before
    assert [r.getMessage() for r in caplog.records] == []


def test_tab_stays_on_the_pin_pad(make_kiosk, qtbot):
    shell = make_kiosk()
    shell.wake()
    shell.open_pin_pad()
    shell.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shell.pin_pad.keys["1"])
    for _ in range(20):
        key(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None and shell.pin_pad.isAncestorOf(focus)


def test_the_last_second_is_said_in_the_singular(make_kiosk):
    shell = make_kiosk()
    shell.still_there.set_seconds(1)
    assert "in 1 second." in shell.still_there.message.text()


BILINGUAL = '[language]\ndefault = "en"\noffered = ["en", "fr"]\n'


def test_a_visitor_may_read_in_french_and_the_next_one_starts_in_english(make_kiosk, qtbot):
    clock = Clock()
    shell = make_kiosk("idle_seconds = 30\n" + BILINGUAL, clock)
    shell.wake()
    window = shell.window
    window.show_section("pain")
    assert window.language_button.isVisible()
    window.language_button.click()
    qtbot.waitUntil(lambda: shell.window is not window)
    french = shell.window
    assert french.pack.language == "fr" and french.current_section_id() == "pain"
    assert french.isFullScreen() and not shell.attract.isVisible()
    assert french.next_button.text() != "Next  ▶"
    clock.now += 31
    shell._check_idle()
    assert shell.still_there.isVisible()  # the idle question on the new window
    clock.now += 15
    shell._check_idle()
    assert shell.window.pack.language == "en" and shell.attract.isVisible()
    assert shell.window.session.language == "en"


def test_the_attract_screen_invites_in_each_language_in_turn(make_kiosk):
    from cryoviewer.ui.attract import FPS, INVITE_S

    shell = make_kiosk(BILINGUAL)
    attract = shell.attract
    first = attract.invitation.text()
    for _ in range(INVITE_S * FPS):
        attract._tick()
    assert attract.invitation.text() != first
    assert "cryochirurgie" in attract.invitation.text()


def test_changing_the_language_does_not_lift_the_pin_lock(make_kiosk, qtbot):
    shell = make_kiosk(BILINGUAL)
    shell.wake()
    for _ in range(3):
        shell._pin_entered("0000")
    window = shell.window
    window.language_button.click()
    qtbot.waitUntil(lambda: shell.window is not window)
    shell.open_pin_pad()
    shell._pin_entered(PIN)
    assert not shell.admin.isVisible()


def test_the_first_section_is_at_the_reading_size(make_kiosk):
    """Going frameless re-polishes the window: the text must keep its size, not the style's."""
    from PySide6.QtGui import QFont

    shell = make_kiosk()
    shell.wake()
    window = shell.window
    assert window.reader.document().defaultFont().pixelSize() == window.text_px()
    styled = QFont(window.reader.font())
    styled.setPixelSize(11)
    window.reader.setFont(styled)  # what a re-polish does to the widget's font
    assert window.reader.document().defaultFont().pixelSize() == window.text_px()
