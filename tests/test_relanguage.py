"""Changing the language keeps the person where they were."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture
def switchable(qtbot, themed_app, computed_runs):
    from cryoviewer.app import create_window, language_switch
    from cryoviewer.resources import resources_root
    from cryoviewer.session import Session
    from cryoviewer.ui.preparation import Preparer

    session = Session()
    preparer = Preparer(resources_root() / "scenarios", computed_runs)
    window = create_window(None, None, session, report_dialog=False, preparer=preparer)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    switch = language_switch(session, window, None)
    yield switch
    switch.window.diagram.shutdown()
    switch.window.close()
    switch.window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_language_button_rebuilds_the_window_in_french_where_it_was(switchable, qtbot):
    window = switchable.window
    assert window.language_button.isVisible() and window.language_button.text() == "Français"
    window.show_section("inside-the-body")
    window.diagram.show_step("liver-probe", "freeze1", 0.5)
    position = window.diagram.playback.position
    window.diagram.play()
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    new = switchable.window
    assert new is not window and new.isVisible()
    assert new.pack.language == "fr"
    assert new.current_section_id() == "inside-the-body"
    assert new.diagram.scenario_id == "liver-probe"
    assert new.diagram.playback.playing
    assert abs(new.diagram.playback.position - position) < 1.0
    assert new.next_button.text() != "Next  ▶"  # the interface too
    assert new.diagram.scene_buttons["liver-probe"].text() == "Foie : une sonde"  # treatments
    assert new.language_button.text() == "English"
    window_count = len([w for w in QApplication.topLevelWidgets() if w.isVisible()])
    assert window_count == 1
    new.language_button.click()
    assert switchable.window.pack.language == "en"
    assert switchable.window.next_button.text() == "Next  ▶"


def test_the_old_window_no_longer_listens(switchable):
    old = switchable.window
    switchable.session.update(language="fr")
    before = old.theme_button.text()
    switchable.session.update(theme="projector")  # would reach the old window if it listened
    assert switchable.window is not old
    assert old.theme_button.text() == before
    assert switchable.window.theme_button.text() != before


def test_a_kiosk_offers_no_switch_yet(make_window):
    window = make_window()
    window.set_languages(("en",))
    assert not window.language_button.isVisibleTo(window)
