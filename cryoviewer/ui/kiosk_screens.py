"""The kiosk's layers over the window: "Are you still there?", the staff PIN pad and the admin
screen. (The attract screen, which animates, is in attract.py.)

Each is a Cover: it takes every tap on it, so nothing underneath is pressed, and it is drawn in
the window's palette and text size.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from . import touch
from .cover import Cover, focus_in
from .theme import TOUCH_PX

BIG_PX = 96  # the Continue target: large enough to find without looking for it


def _label(name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(objectName=name, wordWrap=wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class StillThere(Cover):
    """A calm question with a countdown; Continue, or a touch anywhere, keeps the visit."""

    continued = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent, "stillThere", scrim=0.85)
        self.title = _label("coverTitle")
        self.message = _label("countdown")
        self.button = QPushButton(objectName="continue")
        self.button.setMinimumHeight(BIG_PX)
        self.button.clicked.connect(self.continued)
        self.column.addWidget(self.title)
        self.column.addWidget(self.message)
        self.column.addWidget(self.button)
        self.title.setText(self.tr("Are you still there?"))
        self.button.setText(self.tr("Continue"))
        self.button.setAccessibleName(self.tr("Continue: I am still here"))
        self.setAccessibleName(self.tr("Are you still there?"))
        self.set_seconds(15)

    def set_seconds(self, seconds: int) -> None:
        text = (self.tr("The screen will start again for the next person in 1 second. "
                        "Touch anywhere to carry on.") if seconds == 1 else
                self.tr("The screen will start again for the next person in {0} seconds. "
                        "Touch anywhere to carry on.").format(seconds))
        if text != self.message.text():
            self.message.setText(text)
            self.setAccessibleDescription(text)

    def open(self) -> None:
        super().open()
        focus_in(self.button)

    def restyle(self) -> None:
        super().restyle()
        self.button.setStyleSheet(f"font-size: {round(self.px * 1.4)}px; font-weight: bold; "
                                  f"min-height: {BIG_PX}px; padding: 0px {self.px}px;")

    def mousePressEvent(self, event) -> None:  # a touch anywhere is an answer
        event.accept()
        self.continued.emit()

    def keyPressEvent(self, event) -> None:
        event.accept()
        self.continued.emit()


STAFF_PX = 22  # the staff screens keep a size that fits, whatever text size a visitor chose


class PinPad(Cover):
    """Digits for the staff PIN. Emits entered(pin) on OK; `say()` shows the answer."""

    entered = Signal(str)
    cancelled = Signal()
    LONGEST = 8

    def __init__(self, parent: QWidget):
        super().__init__(parent, "pinPad", scrim=0.96)
        self.digits = ""
        self.title = _label("coverTitle")
        self.shown = _label("pinDots")
        self.answer = _label("pinAnswer")
        grid = QGridLayout()
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for place, key in enumerate("123456789⌫0✓"):
            button = QPushButton(key, objectName="pinKey")
            button.setMinimumSize(TOUCH_PX * 2, TOUCH_PX + 24)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, place // 3, place % 3)
            self.keys[key] = button
        self.keys["⌫"].setAccessibleName(self.tr("Delete the last digit"))
        self.keys["✓"].setAccessibleName(self.tr("OK"))
        self.cancel = QPushButton(self.tr("Cancel"), objectName="pinCancel")
        self.cancel.setMinimumHeight(TOUCH_PX)
        self.cancel.clicked.connect(self.cancelled)
        self.column.addWidget(self.title)
        self.column.addWidget(self.shown)
        self.column.addLayout(grid)
        self.column.addWidget(self.answer)
        self.column.addWidget(self.cancel)
        self.title.setText(self.tr("Staff only: enter the PIN"))
        self.setAccessibleName(self.tr("Staff PIN"))

    def set_look(self, p, px: int) -> None:
        super().set_look(p, min(px, STAFF_PX))

    def open(self) -> None:
        self.digits = ""
        self.say("")
        self._show()
        super().open()
        focus_in(self.keys["1"])

    def press(self, key: str) -> None:
        if key == "⌫":
            self.digits = self.digits[:-1]
        elif key == "✓":
            if self.digits:
                pin, self.digits = self.digits, ""
                self.entered.emit(pin)
        elif len(self.digits) < self.LONGEST:
            self.digits += key
        self._show()

    def say(self, text: str) -> None:
        self.answer.setText(text)

    def _show(self) -> None:
        self.shown.setText("●" * len(self.digits) or " ")

    def keyPressEvent(self, event) -> None:  # a service keyboard works too
        text, key = event.text(), event.key()
        if text.isdigit():
            self.press(text)
        elif key == Qt.Key.Key_Backspace:
            self.press("⌫")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("✓")
        elif key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        event.accept()


class AdminScreen(Cover):
    """What the administrator needs to know, and the three ways out of it."""

    back = Signal()
    reload = Signal()
    quit = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent, "adminScreen", scrim=1.0)
        self.title = _label("coverTitle")
        self.details = QPlainTextEdit(objectName="adminDetails", readOnly=True)
        self.details.setAccessibleName(self.tr("Kiosk status"))
        touch.kinetic(self.details)
        row = QHBoxLayout()
        self.buttons = {}
        for name, text, signal in (("back", self.tr("Back to the kiosk"), self.back),
                                   ("reload", self.tr("Reload content and settings"),
                                    self.reload),
                                   ("quit", self.tr("Quit CryoViewer"), self.quit)):
            button = QPushButton(text, objectName="admin_" + name)
            button.setMinimumHeight(TOUCH_PX)
            button.clicked.connect(signal)
            row.addWidget(button)
            self.buttons[name] = button
        self.column.addWidget(self.title)
        self.column.addWidget(self.details, 1)
        self.column.addLayout(row)
        self.title.setText(self.tr("CryoViewer kiosk: administration"))
        self.setAccessibleName(self.title.text())

    def set_look(self, p, px: int) -> None:
        super().set_look(p, min(px, STAFF_PX))

    def show_details(self, lines: list[str]) -> None:
        self.details.setPlainText("\n".join(lines))

    def open(self) -> None:
        super().open()
        focus_in(self.buttons["back"])

    def place_card(self) -> None:
        margin = max(16, self.px)
        self.card.setGeometry(margin, margin, self.width() - 2 * margin,
                              self.height() - 2 * margin)
