"""The diagram's buttons: a row of exclusive choices, and the playback row under the timeline.

The buttons only say what was pressed (signals); the panel and the session decide what happens,
and tell the buttons what to show (set_playing, set_speed, set_look, set_still).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ..scenario.playback import SPEEDS
from . import icons
from .flow import flow_widget
from .palette import DEFAULT


class Choices(dict):
    """A row of exclusive choices, keyed by value: {value: button}. Each button is a Tab stop
    of its own (a QButtonGroup, or auto-exclusive buttons, would make the row one stop, reached
    only by arrow keys that also press the buttons), and tells a screen reader whether it is
    the chosen one (checked)."""

    def choose(self, value) -> None:
        """Show `value` as the chosen one (without telling anyone)."""
        for key, button in self.items():
            button.setChecked(key == value)

    def chosen(self):
        return next((key for key, button in self.items() if button.isChecked()), None)


def choices(options, on_choose) -> Choices:
    """Buttons for (value, text) options of which one is chosen; pressing one chooses it and
    calls on_choose(value)."""
    buttons = Choices()
    for value, text in options:
        button = QPushButton(text, checkable=True, objectName="choice")

        def chosen(_=False, v=value):
            buttons.choose(v)  # pressing the chosen one again leaves it chosen
            on_choose(v)
        button.clicked.connect(chosen)
        buttons[value] = button
    return buttons


def _control(name: str, description: str) -> QPushButton:
    """A main-action button, named for screen readers (it may show only an icon)."""
    button = QPushButton(objectName="control")
    button.setAccessibleName(name)
    button.setAccessibleDescription(description)  # (else Qt repeats the tooltip)
    button.setToolTip(name)
    return button


class PlaybackControls(QWidget):
    """Reset, previous step, play or pause, next step; speeds; looks; still pictures — wrapping
    by group when the row is narrow."""

    play_pressed = Signal()
    step_pressed = Signal(int)
    reset_pressed = Signal()
    speed_chosen = Signal(float)
    look_chosen = Signal(str)
    still_toggled = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.reset_button = _control(self.tr("Reset the animation"), self.tr(
            "Back to the start of the treatment, paused, at the usual speed (Alt+R)"))
        self.reset_button.setText(self.tr("Reset"))
        self.back_button = _control(self.tr("Previous step"),
                                    self.tr("Go to the start of this step, or of the one before"))
        self.play_button = _control(self.tr("Play"),
                                    self.tr("Play or pause the animation (Space or Alt+K)"))
        self.forward_button = _control(self.tr("Next step"),
                                       self.tr("Go to the start of the next step"))
        self.reset_button.clicked.connect(self.reset_pressed)
        self.back_button.clicked.connect(lambda: self.step_pressed.emit(-1))
        self.play_button.clicked.connect(self.play_pressed)
        self.forward_button.clicked.connect(lambda: self.step_pressed.emit(+1))
        shown = {s: QLocale().toString(s, "g", 3) for s in SPEEDS}  # "0,5" in French
        self.speed_buttons = choices([(s, f"{shown[s]}×") for s in SPEEDS],
                                     self.speed_chosen.emit)
        for speed, button in self.speed_buttons.items():
            button.setAccessibleName(self.tr("Speed {0} times").format(shown[speed]))
        self.look_buttons = choices(
            [("patient", self.tr("Picture")), ("detailed", self.tr("Temperatures"))],
            self.look_chosen.emit)
        self.look_buttons["patient"].setAccessibleDescription(
            self.tr("Show the tissue, the ice ball and the zone cold enough to destroy cells"))
        self.look_buttons["detailed"].setAccessibleDescription(
            self.tr("Show the temperatures as colours, with lines at 0, −20 and −40 °C"))
        self.still_button = QPushButton(self.tr("Still pictures"), checkable=True,
                                        objectName="toggle")
        self.still_button.setToolTip(self.tr("Show one still picture per step instead of "
                                             "moving pictures"))
        self.still_button.setAccessibleDescription(self.still_button.toolTip())
        self.still_button.toggled.connect(self.still_toggled)
        row = flow_widget([*self.buttons()[:4], *self.speed_buttons.values(),
                           *self.look_buttons.values(), self.still_button],
                          gaps=(4, 4 + len(SPEEDS)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(row)
        self._ink, self._playing = DEFAULT.on_accent, False

    def buttons(self) -> list:
        """Every button, in the order they appear."""
        return [self.reset_button, self.back_button, self.play_button, self.forward_button,
                *self.speed_buttons.values(), *self.look_buttons.values(), self.still_button]

    def set_icon_colour(self, ink: str) -> None:
        """The icons' colour: the text colour on the main buttons of the current theme."""
        self._ink = ink
        self.back_button.setIcon(icons.step_back(ink))
        self.forward_button.setIcon(icons.step_forward(ink))
        self.set_playing(self._playing)

    def set_icon_px(self, px: int) -> None:
        """Icons as large as the text beside them."""
        for button in (self.back_button, self.play_button, self.forward_button):
            button.setIconSize(QSize(px, px))

    def playing(self) -> bool:
        return self._playing

    def set_playing(self, playing: bool) -> None:
        self._playing = playing
        self.play_button.setIcon(icons.pause(self._ink) if playing else icons.play(self._ink))
        name = self.tr("Pause") if playing else self.tr("Play")
        self.play_button.setAccessibleName(name)
        self.play_button.setToolTip(name)

    def set_speed(self, speed: float) -> None:
        self.speed_buttons.choose(speed)

    def set_look(self, look: str) -> None:
        self.look_buttons.choose(look)

    def set_still(self, on: bool) -> None:
        self.still_button.setChecked(on)
