"""The printed handout: what it holds (core), its pages, pictures and PDF, the command line and
the window's control."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from cryoviewer.content import load_pack
from cryoviewer.content.handout import checklist, choose_sections, series_for
from cryoviewer.pdf_language import language_of, set_language
from cryoviewer.resources import builtin_content, resources_root
from cryoviewer.ui.palette import PRINT

EN = load_pack(builtin_content("en"))
FR = load_pack(builtin_content("fr"))


def _steps(scenario: str) -> tuple[str, ...]:
    from cryoviewer.content.treatments import builtin_treatments

    return builtin_treatments()[scenario]


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))


# -- what it holds ---------------------------------------------------------------------------

def test_sections_are_chosen_in_the_packs_order():
    chosen = choose_sections(EN, ["pain", "what-is-cryosurgery"])
    assert [s.id for s in chosen] == ["what-is-cryosurgery", "pain"]
    assert choose_sections(EN, None) == EN.sections


def test_an_unknown_section_is_named_with_the_known_ones():
    with pytest.raises(ValueError, match=r"'nope'.*sections: what-is-cryosurgery"):
        choose_sections(EN, ["pain", "nope"])


def test_each_treatment_shows_its_key_moments_once_after_the_section_describing_them():
    series = series_for(EN, EN.sections, _steps)
    assert [(s.scenario, s.after, s.phases) for s in series] == [
        ("skin-spray", "what-is-cryosurgery", ("freeze1", "thaw1", "freeze2", "heal")),
        ("liver-probe", "inside-the-body", ("insert", "freeze1", "thaw1", "freeze2", "heal"))]
    only = series_for(EN, choose_sections(EN, ["bleeding"]), _steps)
    assert [(s.scenario, s.after) for s in only] == [("liver-probe", "bleeding")]


def test_the_questions_become_a_checklist_in_groups():
    for pack, first in ((EN, "Before"), (FR, "Avant")):
        found = checklist(pack)
        assert [heading for heading, _ in found.groups][0] == first
        assert sum(len(items) for _, items in found.groups) == 18
        assert found.intro.startswith(("You have", "Vous avez"))


# -- the PDF's language ------------------------------------------------------------------------

def test_a_pdf_gets_its_language_and_can_change_it(qapp, tmp_path):
    path = tmp_path / "a.pdf"
    writer = QPdfWriter(str(path))
    from PySide6.QtGui import QPainter

    painter = QPainter(writer)
    painter.drawText(100, 100, "x")
    painter.end()
    assert language_of(path) is None
    set_language(path, "fr")
    assert language_of(path) == "fr"
    set_language(path, "en")
    assert language_of(path) == "en"
    if shutil.which("qpdf"):  # a reader other than ours agrees, and finds the file sound
        shown = subprocess.run(["qpdf", "--show-object=trailer", "--", str(path)],
                               capture_output=True, text=True).stdout
        catalogue = re.search(r"/Root (\d+) 0 R", shown).group(1)
        shown = subprocess.run(["qpdf", f"--show-object={catalogue}", "--", str(path)],
                               capture_output=True, text=True).stdout
        assert "/Lang (en)" in shown


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_text("hello")
    with pytest.raises(ValueError):
        set_language(path, "fr")
    with pytest.raises(ValueError):
        set_language(path, "f r")


# -- the handout laid out ----------------------------------------------------------------------

@pytest.fixture
def preparer(computed_runs):
    from cryoviewer.ui.preparation import Preparer

    return Preparer(resources_root() / "scenarios", computed_runs)


def _write(pack, preparer, path, ids=None, paper="a4", clinic=None):
    from cryoviewer.ui.handout import Clinic, Handout

    handout = Handout(pack, ids, preparer, clinic or Clinic())
    return handout, handout.write(path, paper)


def test_the_handout_holds_the_sections_pictures_and_checklist(themed_app, preparer, tmp_path):
    from cryoviewer.ui import paper as paper_module
    from cryoviewer.ui import translation
    from cryoviewer.ui.handout import Clinic, Handout

    translation.install("fr")
    handout = Handout(FR, None, preparer, Clinic("Clinique du Parc", "01 23 45 67 89"))
    writer = QPdfWriter(str(tmp_path / "a.pdf"))
    paper_module.set_paper(writer, "a4")
    paper = paper_module.Paper(writer, PRINT, handout.footer)
    blocks = [b for b in handout.blocks(paper) if not isinstance(b, str)]
    text = "\n".join(b.markdown for b in blocks if isinstance(b, paper_module.Text))
    assert "Clinique du Parc" in text and "Téléphone : 01 23 45 67 89" in text
    for section in FR.sections:
        assert section.title in text
    assert "Les questions à poser à votre équipe de soins" in text
    pictures = [b for b in blocks if isinstance(b, paper_module.Pictures)]
    assert [len(b.items) for b in pictures] == [4, 5]
    titles = [title for b in pictures for title, _, _ in b.items]
    assert titles[:2] == ["1. Congélation 1", "2. Décongélation 1"]
    captions = [caption for b in pictures for _, _, caption in b.items]
    assert captions[-1] == FR.caption("liver-probe", "heal")
    lists = [b for b in blocks if isinstance(b, paper_module.Checklist)]
    assert sum(len(items) for _, items in lists[0].groups) == 18
    assert isinstance(blocks[-1], paper_module.Ruled)
    assert handout.footer(2, 9)[1] == "Page 2 sur 9"
    assert re.search(r"\d{4}$", handout.footer(1, 1)[0])  # the date


def test_the_pictures_are_printed_at_200_dpi_or_more(themed_app, preparer, tmp_path):
    from cryoviewer.ui import paper as paper_module
    from cryoviewer.ui.handout import Handout

    handout = Handout(EN, ["inside-the-body"], preparer)
    writer = QPdfWriter(str(tmp_path / "a.pdf"))
    writer.setResolution(300)
    paper_module.set_paper(writer, "letter")
    paper = paper_module.Paper(writer, PRINT, handout.footer)
    pictures = next(b for b in handout.blocks(paper) if isinstance(b, paper_module.Pictures))
    gap = paper.mm(6)
    column_inches = (paper.width - gap * (pictures.columns - 1)) / pictures.columns / paper.dpi
    for _, image, _ in pictures.items:
        assert image.width() / column_inches >= 200


def test_the_print_look_stripes_the_lethal_zone(themed_app, computed_runs):
    """In grey the lethal zone's tint looks like tissue: on paper it is striped."""
    from cryoviewer.ui.palette import DEFAULT
    from cryoviewer.ui.stills import Stills

    darkest = {}
    for palette in (DEFAULT, PRINT):
        stills = Stills(computed_runs["large-tumour"], palette, 20)
        stills.set_width(400)
        image = stills.picture("freeze2").convertToFormat(
            stills.picture("freeze2").Format.Format_Grayscale8)
        keys = stills.key("freeze2")
        stills.close()
        grey = np.frombuffer(image.constBits(), np.uint8).reshape(
            image.height(), image.bytesPerLine())[:, :image.width()]
        middle = grey[grey.shape[0] * 45 // 100:grey.shape[0] * 55 // 100,
                      grey.shape[1] * 45 // 100:grey.shape[1] * 55 // 100]  # inside the zone
        darkest[palette.name] = (middle < 40).mean()
        assert [striped for _, striped in keys] == [False, False, palette is PRINT]
    assert darkest["default"] < 0.02 < darkest["print"]


def test_pages_are_numbered_and_a_heading_never_ends_a_page(themed_app, tmp_path):
    from cryoviewer.ui import paper as paper_module

    writer = QPdfWriter(str(tmp_path / "a.pdf"))
    paper_module.set_paper(writer, "a4")
    told = []
    paper = paper_module.Paper(writer, PRINT,
                               lambda n, m: told.append((n, m)) or ("left", f"{n}/{m}"))
    text = "\n\n".join(f"## Heading {n}\n\n" + "Words and more words. " * 30 for n in range(40))
    blocks = [paper_module.Text(text), paper_module.PageBreak(),
              paper_module.Ruled("Notes", 30)]
    pages = paper.paginate(blocks)
    assert len(pages) > 4
    for page in pages[:-1]:
        assert not page[-1][1].keep_with_next
        assert page[-1][0] + page[-1][1].height <= paper.bottom + 1
    from PySide6.QtGui import QPainter

    painter = QPainter(writer)
    assert list(paper.pages(blocks, painter)) == list(range(1, len(pages) + 1))
    painter.end()
    assert told == [(n, len(pages)) for n in range(1, len(pages) + 1)]


def test_body_text_is_at_least_14_points_and_headings_larger(themed_app, tmp_path):
    from PySide6.QtGui import QTextCursor

    from cryoviewer.ui import paper as paper_module

    writer = QPdfWriter(str(tmp_path / "a.pdf"))
    paper = paper_module.Paper(writer, PRINT, lambda n, m: ("", ""))
    doc = paper.document("# Title\n\nSome **words** here.\n\n## Sub\n\n- an item")
    sizes = {}
    block = doc.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        size = cursor.charFormat().font().pointSizeF()
        sizes[block.text()] = size if size > 0 else doc.defaultFont().pointSizeF()
        block = block.next()
    assert sizes["Some words here."] >= 14 and sizes["an item"] >= 14
    assert sizes["Title"] > sizes["Sub"] > sizes["Some words here."]


def test_links_and_pictures_print_as_words():
    from cryoviewer.ui.paper import plain_links

    assert plain_links("See [why](#freeze-thaw-cycles) and ![a probe](images/p.png).") == \
        "See *why* and a probe."


# -- the command line ------------------------------------------------------------------------

@pytest.fixture
def kept_runs(themed_app, computed_runs):
    """The runs in the cache the command line reads, as a viewer started before keeps them."""
    from cryoviewer.app import runs_folder
    from cryoviewer.scenario.cache import RunCache

    names = (QApplication.organizationName(), QApplication.applicationName())
    QApplication.setOrganizationName("CryoViewer")
    QApplication.setApplicationName("CryoViewer")
    cache = RunCache(runs_folder())
    for name in ("skin-spray", "liver-probe"):
        if cache.load(computed_runs[name].scenario) is None:
            cache.save(computed_runs[name])
    yield
    QApplication.setOrganizationName(names[0])
    QApplication.setApplicationName(names[1])


def test_the_command_line_writes_a_french_letter_handout_of_chosen_sections(kept_runs,
                                                                             tmp_path, capsys):
    from cryoviewer.app import main

    path = tmp_path / "fr.pdf"
    status = main(["--handout", str(path), "--language", "fr", "--paper", "letter",
                   "--sections", "pain,what-is-cryosurgery"])
    assert status == 0, capsys.readouterr().err
    data = path.read_bytes()
    assert re.search(rb"/MediaBox \[0 0 612(\.0*)? 792", data)
    assert language_of(path) == "fr"
    assert ("\ufeff" + FR.title).encode("utf-16-be") in data  # the title, in /Info
    assert data.count(b"/FontFile2") >= 2 and b"CryoViewerSans-Regular" in data
    pages = pdf_pages(path)
    assert 4 <= pages <= 8  # cover and sections, the pictures, the checklist and notes
    assert f"({pages} pages, letter, fr)" in capsys.readouterr().out


def test_all_sections_in_english_on_a4(kept_runs, tmp_path, capsys):
    from cryoviewer.app import main

    path = tmp_path / "en.pdf"
    assert main(["--handout", str(path)]) == 0
    data = path.read_bytes()
    assert re.search(rb"/MediaBox \[0 0 595", data) and language_of(path) == "en"
    assert 10 <= pdf_pages(path) <= 20
    assert len(data) < 10 * 2 ** 20
    if shutil.which("pdftotext"):  # the words as a reader finds them in the file
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                              text=True).stdout
        for words in ("Treating tumours inside the body", "Questions to ask your healthcare",
                      "Why is cryosurgery a good choice for me?", "Page 1 of", "My notes",
                      "What the pictures show"):
            assert words in text


@pytest.mark.parametrize("arguments, status, words", [
    (["--sections", "pain,nothing"], 2, "there is no section 'nothing'"),
    ([], 1, "Cannot write the handout to"),
])
def test_command_line_mistakes_are_plain_messages(kept_runs, tmp_path, capsys, arguments,
                                                   status, words):
    from cryoviewer.app import main

    target = tmp_path / ("folder" if status == 1 else "a.pdf")
    if status == 1:
        target.mkdir()  # a folder cannot be written as a file
    assert main(["--handout", str(target), *arguments]) == status
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_a_kiosk_settings_file_puts_the_clinic_on_the_cover(themed_app, tmp_path):
    from cryoviewer.app import clinic_of

    path = tmp_path / "kiosk.toml"
    path.write_text('[clinic]\nname = "Clinique du Parc"\nphone = "01 23"\n', encoding="utf-8")
    assert (clinic_of(path).name, clinic_of(path).phone) == ("Clinique du Parc", "01 23")
    assert clinic_of(None).name == ""


# -- the window ----------------------------------------------------------------------------

def test_the_window_control_is_named_reachable_and_large(make_window):
    from PySide6.QtGui import QAccessible

    window = make_window()
    button = window.print_button
    assert button.isVisible() and button.height() >= 48 and button.width() >= 48
    info = QAccessible.queryAccessibleInterface(button)
    assert info.text(QAccessible.Text.Name) == "Print the handout or save it as a PDF"
    assert "PDF" in info.text(QAccessible.Text.Description)
    chain, widget = [], window.quiz_button if window.quiz_button.isVisible() else window.reader
    for _ in range(4):
        widget = widget.nextInFocusChain()
        chain.append(widget)
    assert button in chain
    groups = dict(window.keys.groups())
    assert any(keys == "Ctrl+P" for keys, _ in groups["Reading"])


def test_saving_from_the_window_writes_the_pdf_and_says_so(make_window, qtbot, tmp_path,
                                                            monkeypatch):
    window = make_window()
    path = tmp_path / "mine.pdf"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    from PySide6.QtGui import QKeySequence, QShortcut

    shortcut = next(s for s in window.findChildren(QShortcut)
                    if s.key() == QKeySequence("Ctrl+P"))
    shortcut.activated.emit()  # as Ctrl+P does
    with qtbot.waitSignal(window.printing.done, timeout=30000) as done:
        pass
    assert done.args[0] is True
    assert window.notice.isVisible() and str(path) in window.notice.text()
    assert pdf_pages(path) >= 10 and language_of(path) == "en"


def test_a_failure_is_said_calmly(make_window, qtbot, tmp_path):
    window = make_window()
    folder = tmp_path / "a folder"
    folder.mkdir()
    with qtbot.waitSignal(window.printing.done, timeout=30000) as done:
        window.printing.save_pdf(folder)  # a folder: the file cannot be opened
    assert done.args[0] is False
    assert window.notice.text().startswith("The handout could not be made")
    assert not window.printing.busy()
    assert "Traceback" not in window.notice.text()
