"""The diagram panel: the animated cross-section with its ultrasound inset and chart, a caption
in plain words, the timeline and the playback controls.

It owns the playback clock and a precise timer that runs only while playing and visible. It
observes the session (look, speed, still pictures, theme) and writes the person's choices to it.
It says which moment it shows through `moment_changed`, so the window can keep the text in step.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..content import Pack
from ..scenario.describe import describe_chart, describe_picture
from ..scenario.playback import Moment, Playback
from ..session import Session
from . import icons, theme
from .chart import TemperatureChart
from .controls import PlaybackControls, choices
from .flow import ScrollColumn, flow_widget
from .framing import US_SPREAD
from .key import Key
from .palette import palette
from .preparation import Preparer
from .readout import Readout
from .scene import CrossSection
from .timeline import Timeline
from .ultrasound_view import UltrasoundView
from .wording import (
    clock_text,
    description_templates,
    phase_label,
    short_label,
    spoken_moment,
)

FRAME_MS = 16          # about 60 pictures a second while playing
MAX_TICK_S = 0.1       # after a stall, move on at most this far: never jump
PROGRESS_AFTER_MS = 300
MIN_INSET_PX = 160      # the least height worth giving the ultrasound or the chart
PICTURE_GAP = 8         # pixels between the pictures
BESIDE_BELOW = 0.45     # share of a short page's height under which the pictures go beside,
BESIDE_WIDER = 1.6      # if the page is this much wider than it is tall
DESCRIBE_EVERY_S = 1.0  # while playing, the words for screen readers change at most this often


class DiagramPanel(QWidget):
    # The moment shown has changed; True when playback or the diagram's own controls moved it
    # (the text should follow), False when it was set from outside or only redrawn.
    moment_changed = Signal(bool)
    playing_changed = Signal(bool)  # the animation started or stopped (a kiosk's idle clock)

    def __init__(self, pack: Pack, session: Session, preparer: Preparer,
                 treatments: tuple[str, ...] | None = None, parent=None):
        """`treatments`: the ones offered by a button (None: all the pack shows)."""
        super().__init__(parent)
        self.setObjectName("diagram")
        self.pack = pack
        self.session = session
        self.scheme = palette(session.theme)
        self._theme: str | None = None  # the theme the parts are drawn in
        self.preparer = preparer
        preparer.setParent(self)
        preparer.progressed.connect(self._on_progress)
        preparer.failed.connect(self._on_failed)
        self.scenario_id: str | None = None
        self.playback: Playback | None = None
        self.run = None
        self._pending: tuple[str, float | None] | None = None
        self._last_tick = 0.0
        self._drawn_until = float("-inf")  # body time computed when the picture was drawn
        self._described_at, self._described_phase = 0.0, None

        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        self._progress_timer = QTimer(self, singleShot=True, interval=PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(self._show_progress)

        self.scene = CrossSection(self.scheme)
        self.ultrasound = UltrasoundView()
        self.chart = TemperatureChart()
        self.key = Key()
        self.caption = QLabel(objectName="caption", wordWrap=True)
        # Reads the caption aloud (the window's reading-aloud control does the reading).
        self.caption_voice = QPushButton(self.tr("Listen"), objectName="control")
        self.caption_voice.setAccessibleName(self.tr("Read the caption aloud"))
        self.caption_voice.setToolTip(self.caption_voice.accessibleName())
        self.caption_voice.setAccessibleDescription(self.tr(
            "The sentence under the picture, about the step shown"))
        self.clock = Readout("clock", opaque=True)
        self.progress = QLabel(objectName="progress")
        self.progress.hide()
        self._inset = "picture"  # which picture shows when there is room for one only
        self.fold = "both"     # the pictures beside each other, one inset at a time, or tabs
        self._key_healing = False  # the key names the healing tissue (no ice is left)
        self._frames = 0           # pictures drawn (the ultrasound takes every other one)
        self.inset_buttons = choices(
            [("picture", self.tr("Cross-section")), ("chart", self.tr("Temperature chart")),
             ("ultrasound", self.tr("Ultrasound"))], self._choose_inset)
        self.inset_buttons["picture"].setAccessibleName(self.tr("Show the cross-section"))
        self.inset_buttons.choose("picture")
        self.timeline = Timeline()
        self.timeline.scrubbed.connect(self._scrub)
        self.timeline.scrub_started.connect(self._scrub_started)

        order = [step.split("/")[0] for step in
                 [s.step for s in pack.sections if s.step] + [pack.still or ""] if step]
        offered = [(scenario, title)
                   for scenario, title in preparer.catalogue(order, session.language)
                   if treatments is None or scenario in treatments]
        self.scene_buttons = choices(offered,
                                     lambda scenario: self.show_step(scenario, None))
        for scenario_id, button in self.scene_buttons.items():
            button.setAccessibleDescription(self.tr("Show this treatment: {0}").format(
                preparer.title(scenario_id)))
            button.setToolTip(preparer.title(scenario_id))
        self.controls = PlaybackControls()
        self.controls.play_pressed.connect(self.toggle_play)
        self.controls.step_pressed.connect(self.step)
        self.controls.reset_pressed.connect(self.reset)
        self.controls.speed_chosen.connect(lambda speed: session.update(speed=speed))
        self.controls.look_chosen.connect(lambda look: session.update(look=look))
        self.controls.still_toggled.connect(lambda on: session.update(reduced_motion=on))
        c = self.controls  # its buttons, by name, for the window's keys and for tests
        self.play_button, self.back_button, self.forward_button = (c.play_button, c.back_button,
                                                                   c.forward_button)
        self.reset_button, self.still_button = c.reset_button, c.still_button
        self.speed_buttons, self.look_buttons = c.speed_buttons, c.look_buttons
        self._build()
        # Its height decides what fits beside it; queued, so that the width this sets reaches
        # the scene as a resize of its own, not in the middle of the one being handled.
        self.scene.resized.connect(self._fit_scene, Qt.ConnectionType.QueuedConnection)
        session.subscribe(self._on_session)
        self._on_session(frozenset({"look", "speed", "reduced_motion", "theme"}))

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.pictures = pictures = QGridLayout()
        pictures.setSpacing(PICTURE_GAP)
        self.insets = flow_widget(self.inset_buttons.values())
        # Row 2 holds the choice of inset, above it, when the two take turns (when all three
        # do, the choice moves above the pictures: _fit_scene).
        pictures.addWidget(self.scene, 1, 0, 4, 1)
        pictures.addWidget(self.key, 1, 1)
        pictures.addWidget(self.insets, 2, 1)
        pictures.addWidget(self.ultrasound, 3, 1)
        pictures.addWidget(self.chart, 4, 1)
        pictures.setRowStretch(3, 1)
        pictures.setRowStretch(4, 1)
        pictures.setColumnStretch(0, 3)  # the section takes what its shape needs (see _fit_scene)
        pictures.setColumnStretch(1, 1)
        self.ultrasound.setMinimumWidth(200)
        self.chart.setMinimumWidth(200)

        status = QHBoxLayout()
        status.setSpacing(6)
        status.addWidget(self.clock, 1)
        status.addWidget(self.progress)
        status.addWidget(self.caption_voice)
        # Long texts give way first when the window is narrow.
        self.progress.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.treatments = flow_widget(self.scene_buttons.values())

        # The treatments, the pictures and the caption scroll if they must; the clock, the
        # timeline and the playback buttons below them never leave the screen.
        self.upper = QWidget(objectName="diagramPictures")
        upper = QVBoxLayout(self.upper)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.setSpacing(8)
        upper.addWidget(self.treatments)
        upper.addLayout(pictures, 1)
        upper.addWidget(self.caption)
        self.upper_area = ScrollColumn(self.upper)
        self.upper_area.room_changed.connect(self._fit_scene, Qt.ConnectionType.QueuedConnection)
        # Fingers only: a mouse press must reach the buttons at once.
        QScroller.grabGesture(self.upper_area.viewport(),
                              QScroller.ScrollerGestureType.TouchGesture)

        self.playing = QWidget(objectName="playing")  # the clock, the timeline, the buttons
        playing = QVBoxLayout(self.playing)
        playing.setContentsMargins(0, 0, 0, 0)
        playing.setSpacing(8)
        playing.addLayout(status)
        playing.addWidget(self.timeline)
        playing.addWidget(self.controls)
        playing.addStretch(0)

        # Stacked, the pictures above the playback controls; on a short, wide page (large
        # text on a laptop), side by side, so that the pictures keep the page's whole height.
        self.arrangement, self._moved = "stacked", []  # and what moved beside the pictures
        self.column = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.column.setContentsMargins(8, 12, 16, 12)
        self.column.setSpacing(8)
        self.column.addWidget(self.upper_area, 1)
        self.column.addWidget(self.playing)

    def tab_order(self) -> list[QWidget]:
        """The panel's controls in the order they appear on screen."""
        return [*self.scene_buttons.values(), *self.inset_buttons.values(), self.caption_voice,
                self.timeline,
                *self.controls.buttons()]

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()
        self._fit_scene()

    def _arrange(self) -> None:
        """Side by side when, stacked, the pictures would have less than BESIDE_BELOW of the
        page's height and the page is BESIDE_WIDER than it is tall. Beside, the playback
        column is as narrow as its widest group of buttons allows (a third of the page at
        least), and takes the caption, then the treatments, while it has the height for them:
        the pictures keep what is left of the page's height."""
        width, height = self.width(), self.height()
        if width <= 0 or height <= 0:
            return
        gap = self.column.spacing()
        below = sum(_height(w, width) for w in (self.clock, self.timeline, self.controls)) \
            + 2 * gap
        above = _height(self.treatments, width) + _height(self.caption, width) + 2 * gap
        left = height - below - above - gap - 24
        beside = width >= BESIDE_WIDER * height and left < BESIDE_BELOW * height
        side = min(max(round(width / 3), self.controls.minimumSizeHint().width()),
                   round(width * 0.45))
        moved = []
        if beside:  # (a little short of the column's width: wrapping is never better)
            room = height - 24 - 2 * gap - sum(_height(w, side - 16) + gap
                                               for w in (self.clock, self.timeline,
                                                         self.controls))
            for widget in (self.caption, self.treatments, self.insets):
                need = _height(widget, side - 16) + gap
                if need <= room:
                    moved.append(widget)
                    room -= need
        if beside:
            self.playing.setFixedWidth(side)
        else:
            self.playing.setMinimumWidth(0)
            self.playing.setMaximumWidth(16777215)
        if (beside and "beside" or "stacked", moved) == (self.arrangement, self._moved):
            return
        self.arrangement, self._moved = ("beside" if beside else "stacked"), moved
        self.column.setDirection(QBoxLayout.Direction.LeftToRight if beside
                                 else QBoxLayout.Direction.TopToBottom)
        upper, playing = self.upper.layout(), self.playing.layout()
        for widget in (self.caption, self.treatments):
            upper.removeWidget(widget)
            playing.removeWidget(widget)
        upper.insertWidget(0, self.treatments) if self.treatments not in moved else None
        upper.addWidget(self.caption) if self.caption not in moved else None
        for widget in (self.caption, self.treatments):  # under the buttons, in this order
            if widget in moved:
                playing.insertWidget(playing.count() - 1, widget)
        self._fit_scene()  # the choice of picture follows
        playing.setStretch(playing.count() - 1, 1 if beside else 0)  # all at the top

    def _fit_scene(self) -> None:
        """Share the pictures' room. With room, the cross-section takes the width its shape
        needs at this height and the ultrasound and the chart share the rest; with less, the
        two insets take turns beside it; with little (a short screen, large text), the
        cross-section, the chart and the ultrasound take turns, each at full size."""
        if self.playback is None:
            return
        has_ultrasound = self.scene.framing.ultrasound is not None
        self.fold = fold = self._fold(has_ultrasound)
        chosen = self._inset
        if fold == "both" or (fold == "one" and chosen == "picture"):
            chosen = "chart"
        shown = {"picture": fold != "tabs" or chosen == "picture",
                 "ultrasound": has_ultrasound and (fold == "both" or chosen == "ultrasound"),
                 "chart": fold == "both" or chosen == "chart"}
        # Taking turns, the choice sits above the pictures, across (or with the playback
        # buttons, when they are beside the pictures and have room); else above the inset.
        self._place_choice("grid" if fold != "tabs" else
                           "playing" if self.insets in self._moved else "upper")
        spacing = 0 if fold == "tabs" else PICTURE_GAP  # one picture at a time: no gaps
        if self.pictures.verticalSpacing() != spacing:  # (each change lays out again)
            self.pictures.setVerticalSpacing(spacing)
        self.insets.setVisible(fold != "both" and (has_ultrasound or fold == "tabs"))
        self.inset_buttons["picture"].setVisible(fold == "tabs")
        self.inset_buttons["ultrasound"].setVisible(has_ultrasound)
        self.inset_buttons.choose(chosen)
        for widget in (self.scene, self.key):
            widget.setVisible(shown["picture"])
        if self.pictures.columnStretch(0) != (3 if shown["picture"] else 0):
            self.pictures.setColumnStretch(0, 3 if shown["picture"] else 0)
        for name, widget in (("ultrasound", self.ultrasound), ("chart", self.chart)):
            if shown[name] != widget.isVisibleTo(self):
                widget.setVisible(shown[name])
                self.pictures.setRowStretch(3 if name == "ultrasound" else 4, int(shown[name]))
                if shown[name] and self.run is not None:
                    self._draw()
        aspect = self.scene.aspect()
        spare = self.upper.width() - 8 - self._side()
        self.scene.setMaximumWidth(max(200, min(spare, round(self.scene.height() * aspect))))

    def _place_choice(self, where: str) -> None:
        layouts = {"grid": self.pictures, "upper": self.upper.layout(),
                   "playing": self.playing.layout()}
        if layouts[where].indexOf(self.insets) >= 0:
            return
        for layout in layouts.values():
            layout.removeWidget(self.insets)
        if where == "grid":
            self.pictures.addWidget(self.insets, 2, 1)
        elif where == "upper":
            upper = self.upper.layout()
            upper.insertWidget(next(i for i in range(upper.count())
                                    if upper.itemAt(i).layout() is self.pictures), self.insets)
        else:
            playing = self.playing.layout()
            playing.insertWidget(playing.count() - 1, self.insets)

    def _side(self, insets: bool | None = None) -> int:
        """The width the column beside the cross-section needs for its words: with the insets
        shown now, or (`insets`) with or without both of them."""
        chart = self.chart.isVisibleTo(self) if insets is None else insets
        ultrasound = self.ultrasound.isVisibleTo(self) if insets is None else insets
        return max(200, self.key.sizeHint().width(), self.chart.key_width if chart else 0,
                   self.ultrasound.title_width if ultrasound else 0)

    def _fold(self, has_ultrasound: bool) -> str:
        """How the pictures share the room the rest of the column leaves them."""
        room = self.upper_area.viewport().height()
        if room <= 0:
            return "both"
        gap, width = PICTURE_GAP, self.upper.width()
        room -= sum(_height(w, width) + self.upper.layout().spacing()
                    for w in (self.treatments, self.caption) if w not in self._moved)
        key = max(self.key.height(), self.key.sizeHint().height())
        chart = max(MIN_INSET_PX, self.chart.minimumHeight())
        ultrasound = max(MIN_INSET_PX, self.ultrasound.minimumHeight())
        if room >= key + chart + gap + (ultrasound + gap if has_ultrasound else 0):
            return "both"
        # The chart and ultrasound buttons above the one shown: a row, or two if too wide.
        buttons = [self.inset_buttons[name].sizeHint() for name in ("chart", "ultrasound")]
        row = max(b.height() for b in buttons)
        fits = sum(b.width() for b in buttons) + gap <= self._side(insets=True)
        choice = row if fits else 2 * row + gap
        if has_ultrasound and room >= key + choice + max(chart, ultrasound) + 2 * gap:
            return "one"
        return "tabs"

    def _choose_inset(self, name: str) -> None:
        self._inset = name
        self.inset_buttons.choose(name)
        self._fit_scene()

    def set_text_px(self, px: int) -> None:
        """Sizes follow the reading text: the caption reads like it, labels a little smaller
        (the style sheet sizes the widgets; the pictures' own text is sized here)."""
        small = max(14, round(px * 0.8))
        # Two lines for the caption, so that the pictures do not move when it changes.
        self.caption.setMinimumHeight(2 * QFontMetrics(theme.font(px)).lineSpacing() + 4)
        self.scene.setMinimumHeight(max(180, round(px * 6)))  # never squeezed to nothing
        self.scene.set_text_px(small)
        self.ultrasound.set_text_px(small)
        self.chart.set_text_px(max(14, round(px * 0.7)))  # many labels in little room
        self.controls.set_icon_px(round(small * 1.3))
        self.caption_voice.setIconSize(QSize(round(small * 1.3), round(small * 1.3)))
        self.key.updateGeometry()
        self.timeline.updateGeometry()
        self._fit_scene()

    def _on_session(self, changed: frozenset[str]) -> None:
        s = self.session
        if "theme" in changed and s.theme != self._theme:  # (a reset tells every field)
            self._theme = s.theme
            self.scheme = palette(s.theme)
            for part in (self.scene, self.key, self.timeline, self.chart, self.ultrasound):
                part.set_palette(self.scheme)
            self.controls.set_icon_colour(self.scheme.on_accent)  # on the accent buttons
            self.caption_voice.setIcon(icons.speaker(self.scheme.on_accent))
            if self.run is not None:
                self.key.set_entries(*self.scene.key(self._key_healing))
                self._draw()
        if "look" in changed:
            self.controls.set_look(s.look)
            self.scene.set_look(s.look)
            self.key.set_entries(*self.scene.key(self._key_healing))
            self._fit_scene()
            self._draw()
        if "speed" in changed:
            if self.playback is not None:
                self.playback.set_speed(s.speed)
            self.controls.set_speed(s.speed)
        if "reduced_motion" in changed:
            self.controls.set_still(s.reduced_motion)
            if self.playback is not None:
                self.playback.reduced_motion = s.reduced_motion
                if s.reduced_motion:
                    self.playback.go_to(self.playback.moment().phase.id)
                self._draw()

    # -- choosing what to show ------------------------------------------------------------

    def show_step(self, scenario_id: str, phase_id: str | None,
                  fraction: float | None = None) -> None:
        """Show a scenario at a phase's moment (its still without a fraction), paused."""
        self.pause()
        if scenario_id != self.scenario_id:
            self.scenario_id = scenario_id
            self.session.update(scenario=scenario_id)
            self.playback = None
            self._pending = (phase_id, fraction)
            self.scene_buttons.choose(scenario_id)
            self._attach()
            return
        if self.playback is None:
            self._pending = (phase_id, fraction)
            return
        if phase_id is None:
            self.playback.seek(0.0)
        else:
            self.playback.go_to(phase_id, fraction)
        self._draw()

    def _attach(self) -> None:
        """Build the scene once the chosen scenario has its first frame."""
        run = self.preparer.run(self.scenario_id)
        if run is None:
            if self.scenario_id in self.preparer.errors:
                self._on_failed(self.scenario_id, self.preparer.errors[self.scenario_id])
            return
        self.run = run
        self.playback = Playback(run.phases, self.session.reduced_motion)
        self.playback.set_speed(self.session.speed)
        self.scene.set_run(run)
        self.key.set_entries(*self.scene.key())
        self.chart.set_run(run)
        self._key_healing = False
        framing = self.scene.framing
        if framing.ultrasound is not None:
            apex, direction = framing.ultrasound
            names = [m.name for m in run.geometry.materials]
            self.ultrasound.set_scene(self.scene.raster, names,
                                      self.scene.raster.nearest(run.geometry.material_index),
                                      apex, direction, US_SPREAD, framing.us_depth)
        else:
            self.ultrasound.forget_scene()
        self._metal = framing.metal(self.scene.raster)
        self.timeline.set_segments([(phase_label(p), short_label(p), p.kind, length)
                                    for p, length in zip(run.phases, self.playback.lengths)])
        phase_id, fraction = self._pending or (None, None)
        self._pending = None
        if phase_id is not None:
            self.playback.go_to(phase_id, fraction)
        if not run.complete:
            self._progress_timer.start()
        self._fit_scene()
        self._draw()

    # -- playback -------------------------------------------------------------------------

    def toggle_play(self) -> None:
        if self.playback and self.playback.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        if self.playback is None:
            return
        self.playback.play()
        self._update_controls()
        self._draw(moved=True)
        self._start_timer()

    def pause(self) -> None:
        if self.playback is not None:
            self.playback.pause()
            if self.run is not None and self.scene.frozen_px is not None:
                self._describe(self.playback.moment(), now=True)  # the words catch up
        self.timer.stop()
        self._update_controls()

    def step(self, direction: int) -> None:
        if self.playback is not None:
            self.playback.step(direction)
            self._draw(moved=True)

    def reset(self) -> None:
        """Back to the start, paused, at normal speed."""
        if self.playback is None:
            return
        self.timer.stop()
        self.playback.reset()
        self.session.update(speed=self.session.defaults.speed)
        self.playback.set_speed(self.session.speed)
        self._update_controls()
        self._draw(moved=True)

    def _scrub_started(self) -> None:
        self.pause()

    def _scrub(self, position: float) -> None:
        if self.playback is not None:
            self.playback.seek(position)
            self._draw(moved=True)

    def _start_timer(self) -> None:
        if self.isVisible() and self.playback and self.playback.playing:
            self._last_tick = time.perf_counter()
            self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        elapsed, self._last_tick = min(MAX_TICK_S, now - self._last_tick), now
        if self.playback.tick(elapsed):
            self._draw(moved=True)
        if not self.playback.playing:
            self.timer.stop()
            self._update_controls()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._start_timer()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.timer.stop()  # nothing animates while hidden

    # -- drawing --------------------------------------------------------------------------

    def moment(self) -> Moment | None:
        return self.playback.moment() if self.playback else None

    def _draw(self, moved: bool = False) -> None:
        if self.playback is None:
            return
        moment = self.playback.moment()
        self._drawn_until = self.run.computed_until
        self.scene.show_moment(moment)
        healing = moment.phase.kind == "heal"
        if healing != self._key_healing:  # no ice while healing: the key names the scar
            self._key_healing = healing
            self.key.set_entries(*self.scene.key(healing))
        # While playing, the ultrasound shows every other picture: about 30 a second, as a
        # scanner's own screen does (and half the work of the busiest frames).
        self._frames += 1
        if self.ultrasound.isVisibleTo(self) and not (self.playback.playing and self._frames % 2):
            solid = self.scene.framing.solid(moment, self.scene.instruments, self._metal)
            self.ultrasound.show_frame(self.scene.frozen_px, solid)
        self.chart.set_time(moment.time)
        phase = moment.phase
        self.timeline.set_position(self.playback.position, spoken_moment(moment), moment.index)
        self.clock.setText(clock_text(moment))
        caption = self.caption_for(phase)
        if caption != self.caption.text():
            self.caption.setText(caption)
        self._describe(moment)
        self.moment_changed.emit(moved)

    def _describe(self, moment: Moment, now: bool = False) -> None:
        """Words for screen readers: what the picture, the chart and the ultrasound show (while
        playing, at most once a second, or when the step changes; `now`: at once)."""
        clock = time.perf_counter()
        playing = self.playback.playing
        phase_changed = self._described_phase != moment.phase.id
        if playing and not (now or phase_changed) and \
                clock - self._described_at < DESCRIBE_EVERY_S:
            return
        self._described_at, self._described_phase = clock, moment.phase.id
        words = description_templates()
        picture = describe_picture(self.run, moment, words)
        self.scene.setAccessibleDescription(picture)  # (told once: not the panel's too)
        self.chart.set_description(describe_chart(self.run, moment.time, words))
        self.ultrasound.describe(self.scene.frozen_px)  # hidden too: it may be shown next

    def caption_for(self, phase) -> str:
        return self.pack.caption(self.scenario_id, phase.id) or phase_label(phase)

    def _update_controls(self) -> None:
        playing = bool(self.playback and self.playback.playing)
        if playing != self.controls.playing():
            self.playing_changed.emit(playing)
        self.controls.set_playing(playing)

    # -- preparation ----------------------------------------------------------------------

    def _on_progress(self, scenario_id: str) -> None:
        if scenario_id != self.scenario_id:
            return
        if self.playback is None:
            self._attach()
            return
        self.chart.refresh()
        run = self.run
        if run.complete:
            self._progress_timer.stop()
            self.progress.hide()
        elif self.progress.isVisible():
            self._show_progress()
        wanted = self.playback.moment().time
        if not self.playback.playing and self._drawn_until < wanted and (
                run.computed_until >= wanted or run.complete):
            self._draw()  # the moment on screen was waiting for these frames

    def _show_progress(self) -> None:
        run = self.run
        if run.complete:
            return
        done = max(0.0, run.computed_until) / run.phases[-1].end
        self.progress.setText(self.tr("Preparing the animation… {0} %").format(round(done * 100)))
        self.progress.show()

    def _on_failed(self, scenario_id: str, message: str) -> None:
        if scenario_id == self.scenario_id:
            # (No path or error for a patient: the log has them, and the admin screen.)
            self.caption.setText(self.tr("This animation cannot be shown. Please ask a member "
                                         "of staff."))

    def phases(self):
        """The current scenario's phases (known before its first frame is computed)."""
        return self.preparer.phases(self.scenario_id) if self.scenario_id else []

    def wait_until_drawn(self, timeout: float = 60.0) -> bool:
        """Block until the moment on screen is computed and drawn (for screenshots)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            QApplication.processEvents()
            run = self.preparer.runs.get(self.scenario_id)
            if self.scenario_id in self.preparer.errors:
                return False
            if self.playback is not None and run is not None and (
                    run.complete or run.computed_until >= self.playback.moment().time):
                self._draw()
                return True
            time.sleep(0.005)
        return False

    def detach(self) -> None:
        """Replaced by a new panel on the same session and preparer: stop listening."""
        self.timer.stop()
        self.session.unsubscribe(self._on_session)

    def seek(self, position: float) -> None:
        """Show a position of the timeline (viewing seconds), as if scrubbed there."""
        self._scrub(position)

    def shutdown(self) -> None:
        self.timer.stop()
        self.preparer.shutdown()


def _height(widget: QWidget, width: int) -> int:
    """The height a widget needs at a width (its hint, if its height does not depend on it;
    never below its minimum)."""
    height = widget.heightForWidth(width)
    return max(widget.minimumHeight(), height if height > 0 else widget.sizeHint().height())
