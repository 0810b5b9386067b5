"""The "Read aloud" control: reads the section (or the diagram's caption) aloud, with pause,
resume, stop and a slower speed, and tells the reader which word is being heard.

The voice is made in a thread of its own (synthesis never blocks the window) and played by the
Qt-free player (cryoviewer/speech/player.py). A timer polls the play position only while a
voice plays, to mark the word heard; nothing ticks while idle or paused. When reading aloud
cannot work (the engine is not installed, no voice for the language, no sound output), the
control says why in a plain sentence beside it.
"""

from __future__ import annotations

import bisect
import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..speech import Speech, SpeechUnavailable, SpokenText, synthesize
from ..speech.output import open_output
from ..speech.player import FAILED, FINISHED, PAUSED, PLAYING, OpenOutput, Player
from ..speech.spoken import place_words
from . import icons
from .palette import DEFAULT

log = logging.getLogger(__name__)
IDLE, STARTING = "idle", "starting"   # and the player's PLAYING, PAUSED
POLL_MS = 40          # how often the word marked follows the voice, while it plays
SPEEDS = {False: 1.0, True: 0.75}   # the "Slower" button off / on


class ReadAloud(QWidget):
    """Read aloud / Pause / Resume, Stop, Slower, and a line that says why when it cannot.

    `set_text()` gives what to read; `word_heard` gives, as the voice goes, the place of the
    word heard in the text shown by the reader ((start, end) or None)."""

    word_heard = Signal(object)
    state_changed = Signal(str)
    _made = Signal(int, object)   # from the synthesis thread: (request, Speech or message)

    def __init__(self, open_output: OpenOutput = open_output,
                 make: Callable[..., Speech] = synthesize, parent=None):
        super().__init__(parent, objectName="readAloud")
        self.make = make   # the voice (tests give a pretend one, as for the player's output)
        self.player = Player(open_output)
        self.state = IDLE
        self.pressed_at: float | None = None   # perf_counter() of the last press (benchmarks)
        self._text: tuple[SpokenText, str | None] | None = None   # the section, its shown text
        self._reading: tuple[SpokenText, str | None] | None = None  # what is being read
        self._language = "en"
        self._speech: Speech | None = None
        self._places: list = []
        self._times: list[float] = []
        self._word = -1
        self._request = 0
        self._resume_word = -1            # after a change of speed: where to go on from,
        self._stay_paused = False         # and whether it was paused
        self._ink = DEFAULT.on_accent

        self.read_button = QPushButton(objectName="control")
        self.stop_button = QPushButton(self.tr("Stop"), objectName="control")
        self.stop_button.setAccessibleName(self.tr("Stop reading aloud"))
        self.stop_button.setAccessibleDescription(self.tr("Escape or Ctrl stops it too"))
        self.slower_button = QPushButton(self.tr("Slower"), checkable=True, objectName="toggle")
        self.slower_button.setAccessibleName(self.tr("Read more slowly"))
        self.slower_button.setAccessibleDescription(self.tr(
            "The voice reads at a slower speed while this is on"))
        self.message = QLabel(objectName="notice", wordWrap=True)
        self.message.hide()
        self.read_button.clicked.connect(self.toggle)
        self.stop_button.clicked.connect(self.stop)
        self.slower_button.toggled.connect(self._speed_changed)
        column = QVBoxLayout(self)   # the buttons, and under them why it cannot read
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setSpacing(8)
        for widget in (self.read_button, self.stop_button, self.slower_button):
            row.addWidget(widget)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.message)

        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self._follow)
        self._made.connect(self._start_playing, Qt.ConnectionType.QueuedConnection)
        self._show_state()

    # -- what to read -------------------------------------------------------------------------

    def set_text(self, spoken: SpokenText, language: str, shown: str) -> None:
        """What the button reads: `spoken` in `language`, its words marked in `shown`, the
        text the reader shows. Stops any voice."""
        self.stop()
        self._text, self._language = (spoken, shown), language
        self.message.hide()

    def read(self, spoken: SpokenText) -> None:
        """Reads another text now, once, marking no word (the diagram's caption); the button
        reads the section again afterwards."""
        self.stop()
        self._start((spoken, None))

    @property
    def speaking(self) -> bool:
        return self.state != IDLE

    # -- the buttons --------------------------------------------------------------------------

    def toggle(self) -> None:
        """Read aloud; while reading, pause; while paused, go on."""
        if self.state == IDLE:
            if self._text is not None:
                self._start(self._text)
        elif self.state == STARTING:
            self.stop()
        elif self.state == PLAYING:
            self.player.pause()
            self._set_state(PAUSED)
        elif self.state == PAUSED:
            self.player.resume()
            self._set_state(PLAYING)

    def stop(self) -> None:
        """Silence at once, the word mark goes; the next press reads from the start."""
        self._request += 1   # a voice still being made is not played
        self.player.stop()
        if self.state != IDLE:
            self._word = -1
            self.word_heard.emit(None)
            self._set_state(IDLE)

    def _speed_changed(self, _slower: bool) -> None:
        """A new speed applies at once: the voice is made again and goes on at the same word
        (paused, if it was)."""
        if self.state in (PLAYING, PAUSED):
            word, self._stay_paused = max(0, self._word), self.state == PAUSED
            self.player.stop()
            self._synthesize(from_word=word)

    # -- making the voice, off the window's thread --------------------------------------------

    def _start(self, reading: tuple[SpokenText, str | None]) -> None:
        if reading[0].text:
            self.pressed_at = time.perf_counter()
            self._reading, self._stay_paused = reading, False
            self._synthesize(from_word=-1)

    def _synthesize(self, from_word: int) -> None:
        self._request += 1
        request, text, language = self._request, self._reading[0].text, self._language
        rate = SPEEDS[self.slower_button.isChecked()]
        self._resume_word = from_word
        self._set_state(STARTING)
        self.message.hide()
        self.read_button.setAccessibleDescription("")

        def work():
            try:
                result = self.make(text, language, rate)
            except SpeechUnavailable as exc:
                result = exc
            except Exception as exc:  # never a traceback: the button says it does not work
                log.exception("Reading aloud: the voice could not be made")
                result = SpeechUnavailable(str(exc), "engine")
            try:
                self._made.emit(request, result)
            except RuntimeError:  # the window closed meanwhile: nobody to tell
                pass

        threading.Thread(target=work, daemon=True, name="read-aloud-voice").start()

    def _start_playing(self, request: int, result) -> None:
        if request != self._request:
            return  # stopped, or asked again, meanwhile
        if isinstance(result, SpeechUnavailable):
            self._fail(result)
            return
        self._speech = result
        self._times = [word.time_s for word in result.words]
        spoken, shown = self._reading
        self._places = (place_words(spoken, result.words, shown) if shown is not None
                        else [None] * len(result.words))
        start = 0.0
        if 0 <= self._resume_word < len(self._times):
            start = self._times[self._resume_word]
        self._word = -1
        self.player.play(result, start)
        self._set_state(PLAYING)
        if self._stay_paused:
            self.toggle()

    # -- following the voice ------------------------------------------------------------------

    def _follow(self) -> None:
        state = self.player.state
        if state == FAILED:
            self._fail(self.player.failure)
            return
        if state == FINISHED:
            self.stop()
            return
        word = bisect.bisect_right(self._times, self.player.position_s) - 1
        if word != self._word:
            self._word = word
            self.word_heard.emit(self._places[word] if word >= 0 else None)

    def _fail(self, failure: SpeechUnavailable) -> None:
        """Says plainly, in the window's language, why it cannot read aloud."""
        self.stop()
        message = {
            "engine": self.tr("Reading aloud is not installed on this computer (or does not "
                              "work), so the text cannot be read aloud."),
            "voice": self.tr("There is no voice for this language on this computer, so the "
                             "text cannot be read aloud."),
            "device": self.tr("There is no sound output on this computer (no speakers or "
                              "headphones found), so the text cannot be read aloud."),
            "platform": self.tr("Reading aloud cannot play sound on this kind of computer "
                                "yet."),
        }[failure.reason]
        self.message.setText(message)
        self.message.show()
        self.read_button.setAccessibleDescription(message)

    # -- look -----------------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._show_state()
            self.state_changed.emit(state)

    def _show_state(self) -> None:
        state = self.state
        if state == PLAYING:
            self.timer.start()
        else:
            self.timer.stop()
        text, name, icon = {
            IDLE: (self.tr("Read aloud"), self.tr("Read this section aloud (Alt+A)"),
                   icons.speaker),
            STARTING: (self.tr("Pause"), self.tr("Pause reading aloud (Alt+A)"), icons.pause),
            PLAYING: (self.tr("Pause"), self.tr("Pause reading aloud (Alt+A)"), icons.pause),
            PAUSED: (self.tr("Go on"), self.tr("Go on reading aloud (Alt+A)"), icons.play),
        }[state]
        self.read_button.setText(text)
        self.read_button.setAccessibleName(name)
        self.read_button.setToolTip(name)
        self.read_button.setIcon(icon(self._ink))
        if state == IDLE and self.stop_button.hasFocus():  # Stop goes: the focus stays here
            self.read_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.stop_button.setVisible(state != IDLE)
        self.stop_button.setIcon(icons.stop(self._ink))

    def set_look(self, ink: str, px: int) -> None:
        """Icons in the buttons' text colour, as large as the text beside them."""
        self._ink = ink
        for button in (self.read_button, self.stop_button):
            button.setIconSize(QSize(px, px))
        self._show_state()
