"""The children's story screen: opened from "Helping children get ready", one page at a time,
by touch, keys and screen reader; its pictures are the real diagram in the friendly look."""

from __future__ import annotations

import re

import numpy as np
import pytest
import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsTextItem, QPushButton

from cryoviewer.session import Session, View
from cryoviewer.ui import colours
from cryoviewer.ui.palette import SOFT_TISSUE, THEMES, TISSUE, contrast, friendly
from cryoviewer.ui.theme import TOUCH_PX


def open_story(window):
    window.show_section("children")
    assert window.story_button.isVisible()
    window.story_button.click()
    story = window.story
    assert story.isVisible()
    return story


def test_offered_under_the_children_section_only(make_window):
    window = make_window()
    for section in window.pack.sections:
        window.show_section(section.id)
        assert window.story_button.isVisible() == (section.id == "children"), section.id


def test_pages_turn_with_next_and_back_and_it_closes(make_window):
    window = make_window()
    story = open_story(window)
    pages = window.pack.story.pages
    assert story.title.text() == window.pack.story.title
    assert story.text.plain == pages[0].text and story.position.text() == f"Page 1 of {len(pages)}"
    assert not story.back_button.isEnabled() and window.focusWidget() is story.next_button
    for number in range(2, len(pages) + 1):
        story.next_button.click()
        assert story.text.plain == pages[number - 1].text
        assert story.position.text() == f"Page {number} of {len(pages)}"
    assert not story.next_button.isEnabled() and window.focusWidget() is story.close_button
    story.back_button.click()
    assert story.at == len(pages) - 2
    story.close_button.click()
    assert not story.isVisible()


def test_keys_turn_the_pages_wherever_the_focus_is_and_escape_closes(make_window, qtbot):
    window = make_window()
    story = open_story(window)
    last = len(window.pack.story.pages) - 1
    qtbot.keyClick(story.next_button, Qt.Key.Key_Right)
    assert story.at == 1
    qtbot.keyClick(story.close_button, Qt.Key.Key_PageDown)
    assert story.at == 2
    qtbot.keyClick(story.next_button, Qt.Key.Key_Left)
    assert story.at == 1
    qtbot.keyClick(story.next_button, Qt.Key.Key_End)
    assert story.at == last
    qtbot.keyClick(story, Qt.Key.Key_Home)
    assert story.at == 0
    assert window.current_section_id() == "children"  # the keys never reached the window
    qtbot.keyClick(story.next_button, Qt.Key.Key_Escape)
    assert not story.isVisible()


def test_a_swipe_turns_the_page(make_window):
    window = make_window()
    story = open_story(window)
    middle = story.picture.rect().center()
    QTest.mousePress(story.picture, Qt.MouseButton.LeftButton, pos=middle)
    QTest.mouseRelease(story.picture, Qt.MouseButton.LeftButton, pos=middle - QPoint(300, 10))
    assert story.at == 1
    QTest.mousePress(story.text, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    QTest.mouseRelease(story.text, Qt.MouseButton.LeftButton, pos=QPoint(12, 14))  # a tap
    assert story.at == 1
    QTest.mousePress(story.picture, Qt.MouseButton.LeftButton, pos=middle)
    QTest.mouseRelease(story.picture, Qt.MouseButton.LeftButton, pos=middle + QPoint(300, 0))
    assert story.at == 0


def test_a_reset_or_another_section_closes_it(make_window):
    window = make_window()
    story = open_story(window)
    story.next_button.click()
    window.session.reset()
    assert not story.isVisible()
    story = open_story(window)
    assert story.at == 0  # every opening starts at the first page
    window.show_section("pain")
    assert not story.isVisible()


def test_a_screen_reader_hears_the_text_and_the_picture_in_words(make_window):
    window = make_window()
    story = open_story(window)
    page = window.pack.story.pages[0]
    assert window.story_button.accessibleDescription()
    overlay = QAccessible.queryAccessibleInterface(story)
    assert window.pack.story.title in overlay.text(QAccessible.Text.Name)
    assert page.text in overlay.text(QAccessible.Text.Description)
    assert page.description in overlay.text(QAccessible.Text.Description)
    picture = QAccessible.queryAccessibleInterface(story.picture)
    assert picture.role() == QAccessible.Role.Graphic
    assert picture.text(QAccessible.Text.Name) == f"Picture: {page.description}"
    text = QAccessible.queryAccessibleInterface(story.text)
    assert text.text(QAccessible.Text.Name) == page.text  # the words, not their markup
    for button in (story.back_button, story.next_button, story.close_button, story.print_button):
        name = QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)
        assert name and button.height() >= TOUCH_PX, button.objectName()
    assert {w for w in story.findChildren(QPushButton)} == \
        {story.back_button, story.next_button, story.close_button, story.print_button}


def test_tab_stays_on_the_story(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    story = open_story(window)
    seen = set()
    for _ in range(5):
        story.focusNextPrevChild(True)
        focused = window.focusWidget()
        assert story.isAncestorOf(focused)
        seen.add(focused)
    assert {story.next_button, story.close_button} <= seen


@pytest.mark.parametrize("size, text_size", [((1920, 1080), 100), ((1366, 768), 200),
                                             ((1024, 768), 200), ((1024, 768), 100)])
def test_every_page_fits_at_every_size(make_window, size, text_size):
    window = make_window(size=size, session=Session(View(text_size=text_size)))
    story = open_story(window)
    card = story.card.rect()
    for index, page in enumerate(window.pack.story.pages):
        story.go_to(index)
        assert story.text.fits(page.text, story.text.px), (index, story.text.px)
        assert story.text.px >= 18
        for widget in (story.close_button, story.next_button, story.picture):
            area = widget.geometry().translated(widget.parentWidget().mapTo(story.card,
                                                                             QPoint(0, 0)))
            assert card.contains(area), widget.objectName()
        assert not story.picture.pixmap().isNull()


def test_the_french_window_tells_the_french_story(make_window):
    from cryoviewer.content import load_pack
    from cryoviewer.resources import builtin_content
    from cryoviewer.ui import translation

    translation.install("fr")
    window = make_window(pack=load_pack(builtin_content("fr")),
                         session=Session(View(language="fr")))
    story = open_story(window)
    assert window.story_button.text() == "Lire l’histoire avec votre enfant"
    assert story.text.plain == window.pack.story.pages[0].text and "doudou" in story.text.plain
    assert story.position.text() == "Page 1 sur 6" and story.next_button.text() == "Suivant  ▶"


def test_a_picture_still_being_computed_says_so_then_shows(make_window, monkeypatch):
    window = make_window()
    story = open_story(window)
    real = story.pictures.image
    monkeypatch.setattr(story.pictures, "image", lambda *args: None)
    story.picture.redraw()
    assert story.picture.waiting() and story.picture.text() == "The picture is on its way…"
    monkeypatch.setattr(story.pictures, "image", real)
    window.diagram.preparer.progressed.emit("liver-probe")  # another treatment: still waiting
    assert story.picture.waiting()
    window.diagram.preparer.progressed.emit("skin-spray")
    assert not story.picture.waiting()


# -- the friendly look -------------------------------------------------------------------

def test_the_friendly_picture_has_no_words_or_numbers(make_window):
    window = make_window()
    story = open_story(window)
    for index in range(len(window.pack.story.pages)):
        story.go_to(index)
        scene = story.pictures.scene
        texts = [item for item in scene.scene().items()
                 if isinstance(item, (pg.TextItem, QGraphicsTextItem)) and item.isVisible()]
        assert not texts, [t.toPlainText() for t in texts if hasattr(t, "toPlainText")]
        # (what the other looks show there: the names, and a scale with its number)
        assert any(re.search(r"\d", label.textItem.toPlainText()) for label in scene.labels)
        assert not scene.scale_bar.isVisible() and not scene.lethal_edge.isVisible()
        assert not any(line.isVisible() for line in scene.isotherm_lines)


@pytest.mark.parametrize("theme", THEMES)
def test_the_friendly_picture_is_drawn_in_the_themes_soft_colours(make_window, theme):
    window = make_window(session=Session(View(theme=theme)))
    story = open_story(window)  # page 1: the skin before treatment
    shown = set(np.unique(story.pictures.scene.picture.pixels()).tolist())
    soft, usual = (int(colours.argb(colours.rgb(table["fat"]))) for table in (SOFT_TISSUE, TISSUE))
    assert soft in shown and usual not in shown
    assert story.pictures.scheme == friendly(THEMES[theme])
    corner = story.picture.pixmap().toImage().pixelColor(story.picture.pixmap().width() // 2, 1)
    assert corner.name() == friendly(THEMES[theme]).story_frame  # the round frame's colour


@pytest.mark.parametrize("p", THEMES.values(), ids=lambda p: p.name)
def test_the_friendly_lines_stand_out(p):
    soft = friendly(p)
    for what, mark, under in (("ice edge", soft.ice_edge, soft.halo),
                              ("outline of the spot", soft.tumour_line, soft.halo)):
        assert contrast(mark, under) >= 3, what
