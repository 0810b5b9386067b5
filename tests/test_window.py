"""The window: moving between sections by touch, buttons and keys; links; sizes; bad packs."""

import pytest
from conftest import section
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from cryoviewer.content import load_pack
from cryoviewer.resources import builtin_content
from cryoviewer.session import Session
from cryoviewer.ui.touch import forget_taps
from cryoviewer.ui.theme import TOUCH_PX

SIZES = [(1920, 1080), (1366, 768)]
BUILTIN = load_pack(builtin_content())


def click_row(qtbot, window, row):
    rect = window.sections.visualItemRect(window.sections.item(row))
    qtbot.mouseClick(window.sections.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def shows(window, section_id):
    """The window shows this section everywhere at once: list, title, text, position."""
    index = window.pack.index_of(section_id)
    section = window.pack.sections[index]
    first_words = " ".join(section.body.replace("*", "").split()[:3])
    return (window.current_section_id() == section_id
            and window.sections.currentRow() == index
            and window.title.text() == section.title
            and first_words in window.reader.toPlainText()
            and window.position.text() == f"{index + 1} of {len(window.pack.sections)}")


def click_link(qtbot, reader, href):
    """Click on the visible text of a link, found by hit-testing the reader's viewport
    (scrolling down a page at a time, as a reader would, until it shows)."""
    viewport, bar = reader.viewport(), reader.verticalScrollBar()
    while True:
        for y in range(2, viewport.height(), 6):
            for x in range(2, viewport.width(), 10):
                if reader.anchorAt(QPoint(x, y)) == href:
                    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
                    return
        if bar.value() == bar.maximum():
            raise AssertionError(f"no visible link to {href}")
        bar.setValue(bar.value() + bar.pageStep())


def test_starts_on_the_first_section(make_window):
    window = make_window()
    assert shows(window, BUILTIN.sections[0].id)
    assert [window.sections.item(i).text().split(".  ", 1)[1]
            for i in range(window.sections.count())] == [s.title for s in BUILTIN.sections]


def test_click_a_section(qtbot, make_window):
    window = make_window()
    click_row(qtbot, window, 4)
    assert shows(window, BUILTIN.sections[4].id)


def test_next_and_previous_buttons(qtbot, make_window):
    window = make_window()
    assert not window.previous_button.isEnabled()
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)   # a double tap: one step
    assert shows(window, BUILTIN.sections[1].id)
    forget_taps()                                                     # a moment later
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert shows(window, BUILTIN.sections[2].id)
    qtbot.mouseClick(window.previous_button, Qt.MouseButton.LeftButton)
    assert shows(window, BUILTIN.sections[1].id)
    window.show_index(len(BUILTIN.sections) - 1)
    assert not window.next_button.isEnabled() and window.previous_button.isEnabled()


@pytest.mark.parametrize("key, expected", [
    (Qt.Key.Key_Right, 3), (Qt.Key.Key_Down, 3), (Qt.Key.Key_Left, 1), (Qt.Key.Key_Up, 1),
    (Qt.Key.Key_Home, 0), (Qt.Key.Key_End, len(BUILTIN.sections) - 1), (Qt.Key.Key_1, 0),
    (Qt.Key.Key_7, 6), (Qt.Key.Key_9, 8),
])
@pytest.mark.parametrize("focus", ["reader", "sections"])
def test_keys_move_between_sections(qtbot, make_window, key, expected, focus):
    window = make_window()
    window.show_index(2)
    qtbot.keyClick(getattr(window, focus), key)
    assert shows(window, BUILTIN.sections[expected].id)


def test_digit_beyond_the_last_section_is_ignored(qtbot, make_window, write_pack):
    window = make_window(load_pack(write_pack()))
    qtbot.keyClick(window.reader, Qt.Key.Key_9)
    assert shows(window, "one")


def test_page_down_reads_to_the_end_then_turns_the_page(qtbot, make_window):
    window = make_window()
    window.show_section("questions-to-ask")
    bar = window.reader.verticalScrollBar()
    assert bar.maximum() > 0, "this test needs a section longer than the window"
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown)
    assert window.current_section_id() == "questions-to-ask" and bar.value() > 0
    for _ in range(20):
        if bar.value() == bar.maximum():
            break
        qtbot.keyClick(window.reader, Qt.Key.Key_PageDown)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown)
    assert window.current_section_id() == BUILTIN.sections[window.current].id
    assert window.current == BUILTIN.index_of("questions-to-ask") + 1
    assert window.reader.verticalScrollBar().value() == 0  # a new section opens at its top
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp)
    assert window.current_section_id() == "questions-to-ask"


def test_link_to_another_section(qtbot, make_window):
    window = make_window()
    window.show_section("inside-the-body")
    click_link(qtbot, window.reader, "#freeze-thaw-cycles")
    assert shows(window, "freeze-thaw-cycles")
    assert not window.notice.isVisible()


def test_web_link_opens_nothing(qtbot, make_window, write_pack, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    root = write_pack(sections={"a.md": section("a", "A", 1, "Read [the web page](https://example.org) now.")})
    window = make_window(load_pack(root))
    before = window.reader.toPlainText()
    click_link(qtbot, window.reader, "https://example.org")
    assert opened == []
    assert window.reader.source().isEmpty()
    assert window.reader.toPlainText() == before
    assert window.notice.isVisible() and "cannot be opened" in window.notice.text()
    window.show_index(0)  # moving on clears the notice
    qtbot.keyClick(window.reader, Qt.Key.Key_Home)
    assert window.current_section_id() == "a"


def test_broken_pack_falls_back_with_a_message(qtbot, themed_app, write_pack, capsys):
    from cryoviewer.app import create_window

    root = write_pack(sections={"a.md": "no header here"})
    window = create_window(root, None, Session())
    qtbot.addWidget(window)
    assert window.pack.root == builtin_content()
    assert shows(window, BUILTIN.sections[0].id)
    box = window.findChild(QMessageBox, "packProblems")
    assert box is not None and box.isVisible()
    assert str(root) in box.text() and "built-in content" in box.text()
    assert "a.md, line 1" in box.informativeText()
    assert "a.md, line 1: the file must start with a header" in box.detailedText()
    err = capsys.readouterr().err
    assert "cannot be used" in err and "a.md, line 1" in err


def test_unknown_section_opens_the_first(qtbot, themed_app, capsys):
    from cryoviewer.app import create_window

    window = create_window(None, "no-such-section", Session())
    qtbot.addWidget(window)
    assert window.current == 0
    assert "There is no section 'no-such-section'" in capsys.readouterr().err


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_touch_sized_and_nothing_clipped(make_window, size):
    window = make_window(size=size)
    rows = window.sections
    assert all(rows.visualItemRect(rows.item(i)).height() >= TOUCH_PX for i in range(rows.count()))
    assert rows.verticalScrollBar().maximum() == 0, "every section title fits without scrolling"
    assert rows.horizontalScrollBar().maximum() == 0
    for button in (window.next_button, window.previous_button, window.larger_button,
                   window.smaller_button):
        assert button.height() >= TOUCH_PX - 8 and button.width() >= TOUCH_PX - 8
    for index in range(len(window.pack.sections)):
        window.show_index(index)
        assert window.reader.horizontalScrollBar().maximum() == 0, window.current_section_id()
        assert window.title.height() >= window.title.heightForWidth(window.title.width())


def test_text_grows_to_200_percent_and_is_remembered(qtbot, make_window):
    from cryoviewer.app import make_session

    window = make_window(session=make_session(remember=True))
    start = window.reader.document().defaultFont().pixelSize()
    for _ in range(6):
        forget_taps()                                  # one tap at a time, not a double tap
        qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)
    assert window.reader.document().defaultFont().pixelSize() == 2 * start
    assert not window.larger_button.isEnabled()
    assert window.reader.horizontalScrollBar().maximum() == 0
    shared = make_window(session=make_session(remember=False))  # a shared screen keeps nothing
    assert shared.reader.document().defaultFont().pixelSize() == start
    window.close()
    shared.close()
    again = make_window(session=make_session(remember=True))
    assert again.reader.document().defaultFont().pixelSize() == 2 * start
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    qtbot.keyClick(again.reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.reader.document().defaultFont().pixelSize() == round(start * 1.75)


def test_a_picture_inside_the_pack_shows_and_nothing_outside_is_read(write_pack, make_window,
                                                                      tmp_path):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    from cryoviewer.content import load_pack

    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.darkCyan)
    outside = tmp_path / "outside.png"
    picture.save(str(outside))
    root = write_pack(sections={
        "one.md": section("one", "One", 1, "The probe:\n\n![A probe](images/probe.png)\n"),
        "two.md": section("two", "Two", 2, "Nothing here.")})
    (root / "images").mkdir()
    picture.save(str(root / "images" / "probe.png"))
    window = make_window(pack=load_pack(root))
    reader = window.reader
    image = QTextDocument.ResourceType.ImageResource.value
    shown = reader.loadResource(image, QUrl("images/probe.png"))
    assert shown is not None and shown.width() == 40
    assert reader.document().size().height() > 30  # the picture takes its room in the text
    assert reader.loadResource(image, QUrl.fromLocalFile(str(outside))) is None
