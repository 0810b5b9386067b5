"""Every reader can use the window: keyboard, screen reader, large text, small screens, themes;
and the diagram is never left empty."""

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from cryoviewer.scenario.simulation import Run
from cryoviewer.session import Session, View
from cryoviewer.ui.touch import forget_taps


def shown_buttons(window):
    return [b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]


@pytest.mark.parametrize("size, text_size", [((1024, 768), 100), ((1280, 720), 100),
                                             ((1366, 768), 200), ((1920, 1080), 200),
                                             ((1366, 768), 150)],
                         ids=lambda v: str(v))
def test_nothing_is_cut_off(make_window, size, text_size):
    window = make_window(size=size, session=Session(View(text_size=text_size)))
    window.show_section("inside-the-body")
    QApplication.processEvents()
    area = window.rect()
    for page in ("text", "diagram") if window.layout_mode == "narrow" else ("both",):
        window.show_page(page)
        QApplication.processEvents()
        pictures = window.diagram.upper_area
        for button in shown_buttons(window):
            if pictures.widget().isAncestorOf(button):  # the pictures may scroll: bring it in
                pictures.ensureWidgetVisible(button)
                QApplication.processEvents()
            where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
            assert area.contains(where), f"{button.text() or button.accessibleName()} at {where}"
            assert button.width() >= button.minimumSizeHint().width() - 1, button.text()
            assert button.height() >= 40, button.text()


def test_the_layout_folds_as_the_room_shrinks(make_window):
    window = make_window(size=(1366, 768))
    assert window.layout_mode == "wide" and window.sections.isVisible()
    window.session.update(text_size=125)
    assert window.layout_mode == "medium" and not window.sections.isVisible()
    window.drawer_button.click()
    assert window.sections.isVisible()
    window.sections.setCurrentRow(3)                   # browsing (arrows) opens it behind ...
    assert window.sections.isVisible() and window.current == 3
    window.sections.itemActivated.emit(window.sections.item(3))   # ... Enter or a tap chooses
    assert not window.sections.isVisible() and window.current == 3
    window.session.update(text_size=200)
    assert window.layout_mode == "narrow"
    window.page_buttons["diagram"].click()
    assert window.diagram.isVisible() and not window.reader.isVisible()
    window.session.update(text_size=100)
    assert window.layout_mode == "wide" and window.reader.isVisible() and window.diagram.isVisible()


def test_text_size_scales_the_whole_window(make_window):
    window = make_window(size=(1920, 1080))
    before = {w: w.fontInfo().pixelSize() for w in (window.diagram.caption, window.next_button,
                                                     window.diagram.play_button, window.sections,
                                                     window.diagram.timeline)}
    window.session.update(text_size=200)
    for widget, px in before.items():
        assert widget.fontInfo().pixelSize() >= 1.8 * px, widget


def test_space_and_alt_k_play_wherever_the_focus_is(qtbot, make_window):
    window = make_window()
    diagram = window.diagram
    diagram.reset_button.setFocus()
    qtbot.keyClick(diagram.reset_button, Qt.Key.Key_Space)
    assert diagram.playback.playing                    # played: did not press Reset
    qtbot.keyClick(window.sections, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert not diagram.playback.playing
    diagram.step(+1)
    qtbot.keyClick(window.reader, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert diagram.playback.position == 0.0


def test_enter_presses_the_focused_button(qtbot, make_window):
    window = make_window()
    window.next_button.setFocus()
    qtbot.keyClick(window.next_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current == 1)


def test_f1_opens_the_shortcuts_and_escape_closes_them(qtbot, make_window):
    window = make_window()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    assert window.help.isVisible()
    qtbot.keyClick(window.help, Qt.Key.Key_Escape)
    assert not window.help.isVisible()


def test_every_tab_stop_has_a_purpose_and_a_name(make_window):
    window = make_window()
    seen, widget = [], window.reader
    for _ in range(200):
        widget = widget.nextInFocusChain()
        if widget is window.reader:
            break
        if widget.isVisibleTo(window) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus \
                and widget.isEnabled() and isinstance(widget, QWidget) and widget.window() is window:
            seen.append(widget)
    nameless = [w for w in seen if not (w.accessibleName() or getattr(w, "text", lambda: "")())]
    assert not nameless, [type(w).__name__ for w in nameless]
    pictures = (window.diagram.scene, window.diagram.chart, window.diagram.ultrasound)
    assert not [w for w in seen if any(w is p or p.isAncestorOf(w) for p in pictures)]
    assert window.diagram.timeline in seen and window.diagram.play_button in seen


def test_speed_buttons_say_what_they_are(make_window):
    window = make_window()
    assert window.diagram.speed_buttons[2.0].accessibleName() == "Speed 2 times"


@pytest.mark.parametrize("theme", ["default", "projector", "high-contrast"])
def test_a_theme_recolours_the_window_and_the_picture(make_window, theme):
    from cryoviewer.ui.palette import palette

    window = make_window(session=Session(View(theme=theme)))
    window.show_section("inside-the-body")
    p = palette(theme)
    image = window.grab().toImage()
    corner = image.pixelColor(window.reader.mapTo(window, window.reader.rect().bottomRight())
                              - window.reader.rect().bottomRight() / 2)
    assert corner.name() == p.paper
    assert window.diagram.scene.ice_edge.colour == p.ice_edge


def test_the_theme_button_cycles_and_the_choice_is_the_sessions(qtbot, make_window):
    window = make_window()
    qtbot.mouseClick(window.theme_button, Qt.MouseButton.LeftButton)
    assert window.session.theme == "projector" and "Projector" in window.theme_button.text()


def test_frames_that_arrive_together_are_all_drawn(make_window, computed_runs):
    """The diagram was left empty when several frames came between two signals."""
    full = computed_runs["liver-probe"]
    partial = Run(full.scenario, full.geometry, full.phases)
    partial.add(full.frames[0])
    window = make_window(runs={**computed_runs, "liver-probe": partial})
    diagram = window.diagram
    diagram.show_step("liver-probe", "freeze2")
    assert diagram.scene.frozen_px.max() < 0.5          # no ice computed yet
    for frame in full.frames[1:]:                       # all at once, one signal
        partial.add(frame)
    partial.complete = True
    diagram.preparer.progressed.emit("liver-probe")
    assert diagram.scene.frozen_px.max() > 0.9          # the ice ball is drawn
    assert np.isclose(diagram.moment().phase.end, full.phase("freeze2").end)


def test_healing_says_weeks_and_shows_no_ice(make_window):
    window = make_window()
    diagram = window.diagram
    diagram.show_step("liver-probe", "heal", 0.6)
    assert "weeks" in diagram.clock.text() and "of" not in diagram.clock.text().split("—")[1]
    assert diagram.scene.frozen_px.max() == 0.0
    assert diagram.scene.ice_edge.is_empty()
    named = [entry.text for entry in diagram.key.entries]
    assert "Healing tissue" in named and "Ice ball" not in named   # no ice named where none is
    diagram.show_step("liver-probe", "freeze2", 0.6)
    assert "Ice ball" in [entry.text for entry in diagram.key.entries]


def test_the_end_of_a_phase_is_that_phase(make_window):
    window = make_window()
    window.diagram.show_step("liver-probe", "freeze2", 1.0)
    assert window.diagram.clock.text() == "Freeze 2 — 10:00 of 10:00"


def test_short_pictures_take_turns(qtbot, make_window):
    """Tall: the cross-section, the ultrasound and the chart side by side; shorter: the two
    insets take turns beside the cross-section; shortest: all three take turns."""
    def shown(d):
        return {name for name, w in (("picture", d.scene), ("ultrasound", d.ultrasound),
                                     ("chart", d.chart)) if w.isVisibleTo(d)}

    tall = make_window(size=(1920, 1080))
    tall.show_section("inside-the-body")
    d = tall.diagram
    assert d.fold == "both" and shown(d) == {"picture", "ultrasound", "chart"}
    assert not d.insets.isVisibleTo(d)
    middle = make_window(size=(1366, 768))
    middle.show_section("inside-the-body")
    d = middle.diagram
    assert d.fold == "one" and shown(d) == {"picture", "chart"}
    assert not d.inset_buttons["picture"].isVisibleTo(d)
    qtbot.mouseClick(d.inset_buttons["ultrasound"], Qt.MouseButton.LeftButton)
    assert shown(d) == {"picture", "ultrasound"}
    short = make_window(size=(1280, 720))
    short.show_section("inside-the-body")
    d = short.diagram
    assert d.fold == "tabs" and shown(d) == {"picture"}          # the cross-section first
    forget_taps()
    qtbot.mouseClick(d.inset_buttons["chart"], Qt.MouseButton.LeftButton)
    assert shown(d) == {"chart"} and d.chart.getPlotItem().vb.height() >= 100
    short.show_section("pain")                           # skin: no ultrasound to choose
    assert not d.inset_buttons["ultrasound"].isVisibleTo(d)


@pytest.mark.parametrize("size, text_size", [((1920, 1080), 100), ((1366, 768), 100),
                                             ((1280, 720), 100), ((1024, 768), 100),
                                             ((1366, 768), 150), ((1366, 768), 200),
                                             ((1920, 1080), 200)], ids=str)
def test_every_inset_shown_has_room_to_be_read(make_window, size, text_size):
    """Whichever picture is chosen, it has room, and the pictures need no scrolling."""
    window = make_window(size=size, session=Session(View(text_size=text_size)))
    window.show_section("inside-the-body")
    window.show_page("diagram")
    QApplication.processEvents()
    d = window.diagram
    for choice in [c for c, b in d.inset_buttons.items() if b.isVisibleTo(d)] or [None]:
        if choice:
            d.inset_buttons[choice].click()
            QApplication.processEvents()
        if d.scene.isVisibleTo(d):
            assert d.scene.height() >= 200, choice
        if d.chart.isVisibleTo(d):
            assert d.chart.getPlotItem().vb.height() >= 100, choice   # curves, not a sliver
        if d.ultrasound.isVisibleTo(d):
            assert d.ultrasound.height() >= 150, choice
        assert d.upper_area.verticalScrollBar().maximum() == 0, (choice, d.fold)


def tab_stops(window) -> list[QWidget]:
    """The widgets Tab visits, in order, starting from the first, as a keyboard user meets them."""
    from PySide6.QtTest import QTest

    window.activateWindow()
    window.drawer_button.setFocus(Qt.FocusReason.TabFocusReason) if window.drawer_button.isVisible() \
        else window.theme_button.setFocus(Qt.FocusReason.TabFocusReason)
    first, seen = QApplication.focusWidget(), []
    for _ in range(200):
        seen.append(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is first:
            break
    return seen


@pytest.mark.parametrize("size, text_size", [((1920, 1080), 100), ((1024, 768), 100),
                                             ((1366, 768), 200)], ids=str)
def test_tab_reaches_every_control(qtbot, make_window, size, text_size):
    window = make_window(size=size, session=Session(View(text_size=text_size)))
    qtbot.waitUntil(window.isActiveWindow)
    for page in ("text", "diagram") if window.layout_mode == "narrow" else ("both",):
        if page != "both":
            window.page_buttons[page].click()
        seen = tab_stops(window)
        missed = [b.accessibleName() or b.text() for b in shown_buttons(window)
                  if b.isEnabled() and b.isVisible() and b not in seen]
        assert not missed, f"{page}: Tab never reaches {missed}"
        assert all(s.isVisible() for s in seen)


@pytest.mark.parametrize("theme", ["default", "projector", "high-contrast"])
def test_every_control_shows_a_focus_ring(qtbot, make_window, theme):
    """At least 2 px of the focus colour (3 : 1 against the page: test_palette.py) around every
    button, whatever its own colours; the header's buttons turn over instead."""
    import imagecompare as ic
    from cryoviewer.ui.palette import palette

    p = palette(theme)
    window = make_window(size=(1920, 1080), session=Session(View(theme=theme)))
    qtbot.waitUntil(window.isActiveWindow)
    faint = []
    for button in shown_buttons(window):
        if not (button.isEnabled() and button.isVisible()):
            continue
        button.clearFocus()
        QApplication.processEvents()
        before = ic.to_array(button.grab().toImage())
        button.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        after = ic.to_array(button.grab().toImage())
        if window.header.isAncestorOf(button):
            changed = (np.abs(after.astype(int) - before).max(axis=2) > 60).mean()
            if changed < 0.3:                                  # turned over: most pixels change
                faint.append(button.accessibleName() or button.text())
            continue
        ring = ic.near(after, p.focus, 40)
        edge = np.concatenate([ring[:2].ravel(), ring[-2:].ravel(), ring[:, :2].ravel(),
                               ring[:, -2:].ravel()])
        if edge.mean() < 0.6:
            faint.append(button.accessibleName() or button.text())
    assert not faint, f"no visible focus ring on {faint}"


def test_a_choice_of_one_tells_which_is_chosen(qtbot, make_window):
    from PySide6.QtGui import QAccessible

    window = make_window()
    speeds = window.diagram.speed_buttons
    qtbot.mouseClick(speeds[2.0], Qt.MouseButton.LeftButton)
    for speed, button in speeds.items():
        told = QAccessible.queryAccessibleInterface(button)
        assert told.state().checkable and told.state().checked == (speed == 2.0)
    assert window.session.speed == 2.0
    forget_taps()
    qtbot.mouseClick(speeds[2.0], Qt.MouseButton.LeftButton)   # the chosen one stays chosen
    assert speeds[2.0].isChecked() and window.session.speed == 2.0


def test_a_long_title_in_the_top_bar_is_shortened_with_an_ellipsis(make_window):
    window = make_window(size=(1024, 768), session=Session(View(text_size=200)))
    title = window.pack_title
    assert title.text() == window.pack.title
    image = title.grab().toImage()
    assert title.fontMetrics().horizontalAdvance(title.text()) > title.width()  # too long ...
    shown = title.fontMetrics().elidedText(title.text(), Qt.TextElideMode.ElideRight,
                                           title.width())
    assert shown.endswith("…") and image.width() == title.width()           # ... so elided


def test_the_section_drawer_never_hides_the_focus(qtbot, make_window):
    """At 1024 × 768 the list folds into a drawer over the text: Tab out of it closes it (the
    focus is never under it), and Escape closes it back onto the button that opened it."""
    from PySide6.QtTest import QTest

    window = make_window(size=(1024, 768))
    qtbot.waitUntil(window.isActiveWindow)
    assert window.layout_mode != "wide"
    window.drawer_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.drawer_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sections.isVisible() and window.sections.hasFocus())
    QTest.keyClick(window.sections, Qt.Key.Key_Tab)
    assert not window.sections.isVisible() and not window.drawer_button.isChecked()
    focused = QApplication.focusWidget()
    assert focused is not None and focused.isVisible()
    window.drawer_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.drawer_button, Qt.Key.Key_Return)
    qtbot.waitUntil(window.sections.hasFocus)
    QTest.keyClick(window.sections, Qt.Key.Key_Escape)
    assert not window.sections.isVisible()
    assert QApplication.focusWidget() is window.drawer_button


@pytest.mark.parametrize("size, text_size", [((1280, 720), 100), ((1366, 768), 100),
                                             ((1366, 768), 200), ((1024, 768), 150)], ids=str)
def test_the_layout_settles(make_window, monkeypatch, size, text_size):
    """Sharing the room never goes round in circles (each share changes what the next one
    measures): once laid out, the window stays still."""
    from cryoviewer.ui.diagram import DiagramPanel

    window = make_window(size=size, session=Session(View(text_size=text_size)))
    window.show_section("inside-the-body")
    window.show_page("diagram")
    for _ in range(10):
        QApplication.processEvents()
    fits = []
    original = DiagramPanel._fold  # each fit asks how to share the room
    monkeypatch.setattr(DiagramPanel, "_fold", lambda self, *a: (fits.append(1),
                                                               original(self, *a))[1])
    for _ in range(10):
        QApplication.processEvents()
    assert len(fits) <= 2


def test_help_opened_from_the_drawer_gives_the_focus_back(qtbot, make_window):
    """F1 in the open drawer, then Escape: the focus comes back to a control that is shown
    (the drawer closed meanwhile), never stays on the hidden Close button."""
    from PySide6.QtTest import QTest

    window = make_window(size=(1024, 768))
    qtbot.waitUntil(window.isActiveWindow)
    window.drawer_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.drawer_button, Qt.Key.Key_Return)
    qtbot.waitUntil(window.sections.hasFocus)
    QTest.keyClick(window.sections, Qt.Key.Key_F1)
    assert window.help.isVisible()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.help.isVisible()
    assert QApplication.focusWidget() is window.drawer_button
    QTest.keyClick(window.drawer_button, Qt.Key.Key_Tab)      # and Tab goes on from there
    assert QApplication.focusWidget() is not window.drawer_button


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_a_focused_button_is_as_large_as_an_unfocused_one(make_window, theme):
    """A restyle while a button has the focus (a new theme, a larger text) lays it out at its
    focused size: the same as unfocused, or its words are cut once the focus leaves."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    window = make_window(session=Session(View(theme=theme)))
    for button in shown_buttons(window):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        content = button.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, button.text())
        sizes = []
        for focused in (False, True):
            state = option.state | QStyle.StateFlag.State_HasFocus if focused else \
                option.state & ~QStyle.StateFlag.State_HasFocus
            option.state = state
            sizes.append(button.style().sizeFromContents(
                QStyle.ContentsType.CT_PushButton, option, content, button))
        assert sizes[0] == sizes[1], button.accessibleName() or button.text()


def test_space_on_the_text_page_plays_where_it_can_be_seen(qtbot, make_window):
    from PySide6.QtTest import QTest

    window = make_window(size=(1366, 768), session=Session(View(text_size=200)))
    assert window.layout_mode == "narrow" and window.reader.isVisible()
    QTest.keyClick(window.reader, Qt.Key.Key_Space)
    assert window.diagram.playback.playing and window.diagram.isVisible()
    assert not window.reader.isVisible()
