"""Printing a document (the handout, the children's story) from the window, without freezing it.

On a personal computer its button asks: save as a PDF (a file dialog) or print (the system's
print dialog). On a kiosk the button sends the document straight to the printer of its
settings, with no dialog; without a printer (none set, or not found) the button is hidden.
Either way the document is written a step at a time (a picture, a page) from a timer, so the
window keeps answering, and the person is told when it is done or what went wrong in a calm
sentence, never a traceback (the log has the details).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..pdf_language import set_language
from .document import Document, pdf_writer
from .paper import set_paper

log = logging.getLogger("cryoviewer")
STEP_MS, WAIT_MS = 5, 50  # between steps; while a treatment's run is still being computed
translate = QCoreApplication.translate


def printer_exists(name: str) -> bool:
    return not QPrinterInfo.printerInfo(name).isNull()


@dataclass(frozen=True)
class Words:
    """What the person is told about one kind of document, in the interface's language."""

    choice: str       # the dialog's question: save or print?
    file_name: str    # the PDF's name offered (without .pdf)
    save_title: str   # the file dialog's title
    preparing: str
    sent: str         # sent to the printer
    saved: str        # saved as {0}
    failed: str       # could not be made: {0}
    ask_staff: str    # a kiosk's printer failed


def handout_words() -> Words:
    return Words(
        translate("Printing", "Save the handout as a PDF file, or print it?"),
        translate("Printing", "Cryosurgery handout"),
        translate("Printing", "Save the handout"),
        translate("Printing", "Preparing the handout…"),
        translate("Printing", "The handout has been sent to the printer."),
        translate("Printing", "The handout is saved: {0}"),
        translate("Printing", "The handout could not be made: {0}"),
        translate("Printing", "The handout could not be printed. Please ask a member of staff."))


def story_words() -> Words:
    return Words(
        translate("Printing", "Save the story as a PDF file, or print it?"),
        translate("Printing", "A story about cryosurgery"),
        translate("Printing", "Save the story"),
        translate("Printing", "Preparing the story…"),
        translate("Printing", "The story has been sent to the printer."),
        translate("Printing", "The story is saved: {0}"),
        translate("Printing", "The story could not be made: {0}"),
        translate("Printing", "The story could not be printed. Please ask a member of staff."))


class DocumentPrinting(QObject):
    """Printing one kind of document from `window`: `start()` asks (or, on a kiosk, prints at
    once) and makes the document with `document()`; `words()` says what happens, and `say`
    tells the person (a line under the text, or on the story's screen)."""

    done = Signal(bool, str)  # success, the sentence for the person

    def __init__(self, window: QWidget, document: Callable[[], Document],
                 words: Callable[[], Words], say: Callable[[str], None]):
        super().__init__(window)
        self.window, self.document, self.words, self.say = window, document, words, say
        self.kiosk_printer: str | None = None  # set on a kiosk: print there, no dialog
        imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        self.paper = "letter" if imperial else "a4"  # for a PDF; a printer keeps its own
        self._steps: Iterator[str] | None = None
        self._finish: Callable[[], str] | None = None
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._step)
        # the kiosk's printer (tests put a PDF writer in its place)
        self.make_printer: Callable[[str], QPagedPaintDevice] = _system_printer

    def busy(self) -> bool:
        return self._steps is not None

    # -- asking ---------------------------------------------------------------------------

    def start(self) -> None:
        if self.busy():
            return
        if self.kiosk_printer is not None:
            try:
                device = self.make_printer(self.kiosk_printer)
            except Exception as exc:  # a printer that went away: said calmly, logged
                self._report(False, exc)
                return
            self.print_to(device)
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Print or save"),
                          self.words().choice, QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("handoutChoice")
        save = box.addButton(self.tr("Save as PDF…"), QMessageBox.ButtonRole.AcceptRole)
        paper = box.addButton(self.tr("Print…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is save:
            self.ask_file()
        elif box.clickedButton() is paper:
            self.ask_printer()

    def ask_file(self) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        words = self.words()
        name = words.file_name + ".pdf"
        path, _ = QFileDialog.getSaveFileName(self.window, words.save_title,
                                              str(Path(folder) / name), self.tr("PDF (*.pdf)"))
        if path:
            self.save_pdf(Path(path))

    def ask_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.window)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    # -- writing --------------------------------------------------------------------------

    def save_pdf(self, path: Path) -> None:
        document = self.document()
        try:
            writer = pdf_writer(path, self.paper, document.title)
        except OSError as exc:
            self._report(False, exc)
            return
        self._begin(document, writer, lambda: self._saved(path, document.language))

    def print_to(self, device: QPagedPaintDevice) -> None:
        set_paper(device, None)  # the printer's paper, the documents' margins
        self._begin(self.document(), device, lambda: self.words().sent)

    def _saved(self, path: Path, language: str) -> str:
        set_language(path, language)
        return self.words().saved.format(path)

    def _begin(self, document: Document, device: QPagedPaintDevice,
               finish: Callable[[], str]) -> None:
        self._device = device  # kept alive while its pages are painted
        self._steps, self._finish = document.steps(device), finish
        self.say(self.words().preparing)
        self.timer.start(STEP_MS)

    def _step(self) -> None:
        """One picture or one page (benchmarks/handout.py measures the longest)."""
        try:
            step = next(self._steps)
        except StopIteration:
            self._end(True, self._finish())
            return
        except Exception as exc:  # a printer that fails, a full disk: said calmly, logged
            self._end(False, exc)
            return
        self.timer.start(WAIT_MS if step == "waiting" else STEP_MS)

    def _end(self, ok: bool, outcome) -> None:
        self._steps = self._finish = None
        self._device = None
        self._report(ok, outcome)

    def _report(self, ok: bool, outcome) -> None:
        if ok:
            message = outcome
        else:
            log.error("A document could not be made: %s", outcome, exc_info=outcome)
            words = self.words()
            message = (words.ask_staff if self.kiosk_printer is not None else
                       words.failed.format(getattr(outcome, "strerror", None) or outcome))
        self.say(message)
        self.done.emit(ok, message)


def _system_printer(name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    return printer
