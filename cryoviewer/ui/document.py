"""Something to print: the handout, or the children's story. Each says what it holds as blocks
(paper.py); this lays them out on a paged device a short step at a time, with the same footer
(title, date, "Page N of M"), and writes a PDF with its title and language.

Why steps: a window runs them between its events (printing.py) and never freezes; `write()`
runs them all at once, for the command line.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Iterator

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPdfWriter

from ..pdf_language import set_language
from .palette import PRINT
from .paper import Paper, set_paper

PDF_DPI = 300            # the PDF's unit: fine enough for every line and letter
WAIT_S = 0.02            # writing without a window: how long to wait for a run between looks
translate = QCoreApplication.translate


class Document:
    """A printable document: `title`, `language`, and `blocks(paper)`, which yields the blocks
    in reading order and, between them, what took time ("picture") or "waiting" (a run still
    being computed)."""

    title: str
    language: str
    today: date

    def blocks(self, paper: Paper) -> Iterator:
        raise NotImplementedError

    def steps(self, device: QPagedPaintDevice) -> Iterator[str]:
        """Lay the document out on `device` (page layout set), one short step at a time;
        yields what was done ("picture", "page") or "waiting" (call again a little later)."""
        paper = Paper(device, PRINT, self.footer, self.language)
        blocks: list = []
        for item in self.blocks(paper):
            if isinstance(item, str):
                yield item
            else:
                blocks.append(item)
        painter = QPainter()
        if not painter.begin(device):
            raise OSError(translate("Paper", "The printer or the file could not be opened."))
        try:
            for _ in paper.pages(blocks, painter):
                yield "page"
        finally:
            painter.end()

    def write(self, path: Path, paper: str = "a4") -> int:
        """Write the document as a PDF, waiting for runs; the number of pages. OSError if it
        cannot be written."""
        pages = 0
        for step in self.steps(pdf_writer(path, paper, self.title)):
            pages += step == "page"
            if step == "waiting":
                time.sleep(WAIT_S)
        set_language(path, self.language)
        return pages

    def footer(self, page: int, pages: int) -> tuple[str, str]:
        day = QLocale(self.language).toString(QDate(self.today), "d MMMM yyyy")
        return (f"{self.title} · {day}",
                translate("Paper", "Page {0} of {1}").format(page, pages))


def pdf_writer(path: Path, paper: str, title: str) -> QPdfWriter:
    """A PDF writer on `path` with the paper, a title and the viewer's name; OSError if the
    file cannot be written (said before any work, and without Qt's warning)."""
    with open(path, "ab"):
        pass
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator("CryoViewer")
    set_paper(writer, paper)
    return writer
