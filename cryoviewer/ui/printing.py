"""Printing the handout from the window, without freezing it.

On a personal computer the "Print / Save as PDF" button (Ctrl+P) asks which, then a file
dialog or the system's print dialog. On a kiosk a "Print" button sends the handout straight to
the printer of its settings, with no dialog; without a printer (none set, or not found) the
button is hidden. Either way the handout is written a step at a time (a picture, a page) from a
timer, so the window keeps answering, and the person is told when it is done or what went wrong
in a calm sentence, never a traceback (the log has the details).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import QLocale, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..pdf_language import set_language
from .handout import Clinic, Handout, pdf_writer
from .paper import set_paper

log = logging.getLogger("cryoviewer")
STEP_MS, WAIT_MS = 5, 50  # between steps; while a treatment's run is still being computed


def printer_exists(name: str) -> bool:
    return not QPrinterInfo.printerInfo(name).isNull()


class HandoutPrinting(QObject):
    """The window's printing: `start()` asks (or, on a kiosk, prints at once)."""

    done = Signal(bool, str)  # success, the sentence for the person

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.kiosk_printer: str | None = None  # set on a kiosk: print there, no dialog
        self.clinic = Clinic()
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
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Handout"),
                          self.tr("Save the handout as a PDF file, or print it?"),
                          QMessageBox.StandardButton.Cancel, self.window)
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
        name = self.tr("Cryosurgery handout") + ".pdf"
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save the handout"),
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
        pack = self.window.pack
        try:
            writer = pdf_writer(path, self.paper, pack.title)
        except OSError as exc:
            self._report(False, exc)
            return
        self._begin(writer, lambda: self._saved(path))

    def print_to(self, device: QPagedPaintDevice) -> None:
        set_paper(device, None)  # the printer's paper, the handout's margins
        self._begin(device, lambda: self.tr("The handout has been sent to the printer."))

    def _saved(self, path: Path) -> str:
        set_language(path, self.window.pack.language)
        return self.tr("The handout is saved: {0}").format(path)

    def _begin(self, device: QPagedPaintDevice, finish: Callable[[], str]) -> None:
        handout = Handout(self.window.pack, None, self.window.diagram.preparer, self.clinic)
        self._device = device  # kept alive while its pages are painted
        self._steps, self._finish = handout.steps(device), finish
        self.window.say(self.tr("Preparing the handout…"))
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
            log.error("The handout could not be made: %s", outcome, exc_info=outcome)
            message = (self.tr("The handout could not be printed. Please ask a member of "
                               "staff.") if self.kiosk_printer is not None else
                       self.tr("The handout could not be made: {0}").format(
                           getattr(outcome, "strerror", None) or outcome))
        self.window.say(message)
        self.done.emit(ok, message)


def _system_printer(name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    return printer
