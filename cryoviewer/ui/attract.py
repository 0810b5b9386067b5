"""The attract screen between visits: the treatment playing slowly in the patient look, under a
large invitation to touch the screen.

Calm on purpose: the ice grows smoothly and nothing blinks (far from three flashes a second); the
picture changes a few times a second (FPS), which is enough for ice that grows over minutes and
keeps the processor nearly idle all day. The treatments take turns, one per loop. A touch on it
is only a wake-up: the shell hides it and the visit starts at the first section.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..scenario.playback import Playback
from .cover import Cover
from .preparation import Preparer
from .scene import CrossSection

FPS = 6
INVITE_S = 6  # each language's invitation in turn, this long: a calm change, not a flash
SPEED = 1.0  # viewing seconds per second: the whole treatment in about a minute and a half


class AttractScreen(Cover):
    def __init__(self, parent: QWidget, preparer: Preparer, treatments: list[str]):
        super().__init__(parent, "attract", scrim=1.0)
        self.preparer = preparer
        self.treatments = treatments
        self.turn = -1
        self.playback: Playback | None = None
        self.invitation = QLabel(objectName="invitation", wordWrap=True,
                                 alignment=Qt.AlignmentFlag.AlignCenter)
        self.invitation.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel(objectName="attractHint", wordWrap=True,
                           alignment=Qt.AlignmentFlag.AlignCenter)
        self.scene = CrossSection(self.palette_)
        self.scene.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.card.hide()  # the attract screen fills the window: no card
        column = QVBoxLayout(self)
        column.addWidget(self.invitation)
        column.addWidget(self.scene, 1)
        column.addWidget(self.hint)
        self.invitations = [self.tr("Touch the screen to learn about cryosurgery")]
        self._ticks = 0
        self.set_invitations(self.invitations)
        self.hint.setText(self.tr("Tap anywhere to start"))
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.setInterval(1000 // FPS)
        self.timer.timeout.connect(self._tick)
        preparer.progressed.connect(self._prepared)

    def set_invitations(self, texts: list[str]) -> None:
        """The invitation in each language offered, shown in turn (the first at once)."""
        self.invitations = [text for text in texts if text] or self.invitations
        self._show_invitation(0)

    def _show_invitation(self, turn: int) -> None:
        text = self.invitations[turn % len(self.invitations)]
        self.invitation.setText(text)
        self.setAccessibleName(text)

    def open(self) -> None:
        super().open()
        self._next_treatment()
        self.timer.start()

    def close_screen(self) -> None:
        self.timer.stop()
        self.hide()

    def restyle(self) -> None:
        self._style_words()
        if self.scene.scheme != self.palette_:
            self.scene.set_palette(self.palette_)
        self.scene.set_text_px(self.px)

    def _style_words(self) -> None:
        p, px = self.palette_, self.px
        big = max(28, min(round(px * 2.2), self.height() // 14))
        self.layout().setContentsMargins(px * 2, px * 2, px * 2, px * 2)
        self.setStyleSheet(f"""
QLabel#invitation {{ color: {p.accent}; font-size: {big}px; font-weight: bold;
                     background: transparent; }}
QLabel#attractHint {{ color: {p.ink}; font-size: {round(big * 0.6)}px;
                      background: transparent; }}
""")

    def place_card(self) -> None:
        pass  # no card: the layout fills the window

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._style_words()  # the invitation's size follows the screen's

    # -- the loop -----------------------------------------------------------------------------

    def _next_treatment(self) -> None:
        if not self.treatments:
            return
        self.turn = (self.turn + 1) % len(self.treatments)
        self.playback = None
        self._prepared(self.treatments[self.turn])

    def _prepared(self, scenario_id: str) -> None:
        """A run is ready (or has more frames): start it once it is whole."""
        if (self.playback is not None or not self.treatments
                or scenario_id != self.treatments[self.turn]):
            return
        run = self.preparer.run(scenario_id)
        if run is None or not run.complete:
            return  # shown when its last frame arrives (the invitation shows meanwhile)
        self.scene.set_look("patient")
        self.scene.set_run(run)
        self.playback = Playback(run.phases)
        self.playback.set_speed(SPEED)
        self.playback.play()
        self.scene.show_moment(self.playback.moment())

    def _tick(self) -> None:
        self._ticks += 1
        if len(self.invitations) > 1 and self._ticks % (INVITE_S * FPS) == 0:
            self._show_invitation(self._ticks // (INVITE_S * FPS))
        if self.playback is None:
            return
        self.playback.tick(self.timer.interval() / 1000)
        if self.playback.at_end():
            self._next_treatment()
            return
        self.scene.show_moment(self.playback.moment())
