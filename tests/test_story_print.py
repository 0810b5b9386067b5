"""The children's story on paper: its blocks (title, each page's picture and words in large
type), the command line, and the story screen's "Print the story" on a personal computer."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cryoviewer.content import load_pack
from cryoviewer.pdf_language import language_of
from cryoviewer.resources import builtin_content, resources_root
from cryoviewer.ui.palette import PRINT
from test_handout import kept_runs, pdf_pages  # noqa: F401 (a fixture)

EN = load_pack(builtin_content("en"))
FR = load_pack(builtin_content("fr"))


def _words(text: str) -> str:
    """Text as a reader finds it: lines joined, without hyphens (a reader drops the one of
    a word cut at a line's end)."""
    return " ".join(text.replace("-", "").split())


@pytest.mark.parametrize("pack", [EN, FR], ids=["en", "fr"])
def test_each_page_is_its_picture_then_its_words_in_large_type(themed_app, computed_runs,
                                                                tmp_path, pack):
    from cryoviewer.ui import paper as paper_module
    from cryoviewer.ui.preparation import Preparer
    from cryoviewer.ui.story_paper import StoryOnPaper

    preparer = Preparer(resources_root() / "scenarios", computed_runs)
    story = StoryOnPaper(pack.story, pack.language, preparer)
    writer = QPdfWriter(str(tmp_path / "a.pdf"))
    writer.setResolution(300)
    paper_module.set_paper(writer, "letter")
    paper = paper_module.Paper(writer, PRINT, story.footer)
    blocks = [b for b in story.blocks(paper) if not isinstance(b, str)]
    assert blocks[0].markdown == f"# {pack.story.title}"
    pages = [[]]
    for block in blocks[2:]:  # after the title and the line under it
        if isinstance(block, paper_module.PageBreak):
            pages.append([])
        else:
            pages[-1].append(block)
    assert len(pages) == len(pack.story.pages)
    for (picture, text), page in zip(pages, pack.story.pages):
        assert isinstance(picture, paper_module.Picture)
        inches = min(paper.width, paper.mm(picture.height) * picture.image.width()
                     / picture.image.height()) / paper.dpi
        assert picture.image.width() / inches >= 200
        assert text.points >= 18
        assert _words(paper.document(text.markdown).toPlainText()) == _words(page.text)


def test_the_command_line_writes_the_story_a_page_a_sheet(kept_runs, tmp_path, capsys):  # noqa: F811
    from cryoviewer.app import main

    path = tmp_path / "story.pdf"
    assert main(["--story", str(path)]) == 0, capsys.readouterr().err
    data = path.read_bytes()
    assert re.search(rb"/MediaBox \[0 0 595", data) and language_of(path) == "en"
    assert ("\ufeff" + EN.story.title).encode("utf-16-be") in data  # the title, in /Info
    assert pdf_pages(path) == len(EN.story.pages)
    assert f"({len(EN.story.pages)} pages, a4, en)" in capsys.readouterr().out
    if shutil.which("pdftotext"):  # the words as a reader finds them in the file
        text = _words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                     text=True).stdout)
        for page in EN.story.pages:
            assert _words(page.text) in text
        assert f"Page 1 of {len(EN.story.pages)}" in text


def test_the_command_line_writes_the_french_story_on_letter(kept_runs, tmp_path, capsys):  # noqa: F811
    from cryoviewer.app import main

    path = tmp_path / "histoire.pdf"
    assert main(["--story", str(path), "--language", "fr", "--paper", "letter"]) == 0
    assert re.search(rb"/MediaBox \[0 0 612(\.0*)? 792", path.read_bytes())
    assert language_of(path) == "fr" and pdf_pages(path) == len(FR.story.pages)
    if shutil.which("pdftotext"):
        text = _words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                     text=True).stdout)
        assert "Une histoire à lire avec votre enfant" in text
        assert all(_words(page.text) in text for page in FR.story.pages)


def test_command_line_mistakes_are_plain_messages(kept_runs, tmp_path, capsys, write_pack):  # noqa: F811
    from cryoviewer.app import main

    folder = tmp_path / "folder"
    folder.mkdir()  # a folder cannot be written as a file
    assert main(["--story", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "Cannot write the story to" in err and "Traceback" not in err
    assert main(["--story", str(tmp_path / "a.pdf"), "--content", str(write_pack())]) == 2
    err = capsys.readouterr().err
    assert "The story cannot be made" in err and "has no story.toml" in err


# -- the story screen, on a personal computer ------------------------------------------------

def _open(window):
    window.show_section("children")
    window.story_button.click()
    return window.story


def test_the_control_is_named_large_and_on_the_tab_chain(make_window):
    from PySide6.QtGui import QAccessible

    story = _open(make_window())
    button = story.print_button
    assert button.isVisible() and button.height() >= 48 and button.width() >= 48
    info = QAccessible.queryAccessibleInterface(button)
    assert info.text(QAccessible.Text.Name) == "Print the story or save it as a PDF"
    assert info.text(QAccessible.Text.Description)
    seen = set()
    for _ in range(6):
        story.focusNextPrevChild(True)
        seen.add(story.window().focusWidget())
    assert button in seen


def test_saving_the_story_asks_then_writes_the_pdf_and_says_so(make_window, qtbot, tmp_path,
                                                               monkeypatch):
    story = _open(make_window())
    path = tmp_path / "story.pdf"
    asked = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: asked.append(box.text()) or box.buttons()[0].click())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    printing = story.window().story_printing
    with qtbot.waitSignal(printing.done, timeout=30000) as done:
        story.print_button.click()
    assert asked == ["Save the story as a PDF file, or print it?"]
    assert done.args == [True, f"The story is saved: {path}"]
    assert story.notice.isVisible() and story.notice.text() == done.args[1]
    assert pdf_pages(path) == len(story.story.pages) and language_of(path) == "en"


def test_a_story_that_cannot_be_saved_is_said_calmly(make_window, qtbot, tmp_path):
    story = _open(make_window())
    folder = tmp_path / "a folder"
    folder.mkdir()
    with qtbot.waitSignal(story.window().story_printing.done, timeout=30000) as done:
        story.window().story_printing.save_pdf(folder)
    assert done.args[0] is False
    assert story.notice.text().startswith("The story could not be made")
    assert "Traceback" not in story.notice.text()
