"""The diagram panel: the animated cross-section with its ultrasound inset and chart, a caption
in plain words, the timeline and the playback controls.

It owns the playback clock and a precise timer that runs only while playing and visible. It says
which moment it shows through `moment_changed`, so the window can keep the text in step.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..content import Pack
from ..resources import resources_root
from ..scenario.playback import SPEEDS, Moment, Playback
from . import icons
from .chart import TemperatureChart
from .instruments import SingleProbe
from .key import Key
from .preparation import Preparer
from .scene import ULTRASOUND, US_DEPTH, US_SPREAD, CrossSection
from .timeline import Timeline
from .ultrasound_view import UltrasoundView

FRAME_MS = 16          # about 60 pictures a second while playing
MAX_TICK_S = 0.1       # after a stall, move on at most this far: never jump
PROGRESS_AFTER_MS = 300


class DiagramPanel(QWidget):
    # The moment shown has changed; True when playback or the diagram's own controls moved it
    # (the text should follow), False when it was set from outside or only redrawn.
    moment_changed = Signal(bool)

    def __init__(self, pack: Pack, scenario_folder=None, parent=None):
        super().__init__(parent)
        self.setObjectName("diagram")
        self.pack = pack
        self._settings = QSettings()
        self.preparer = Preparer(scenario_folder or resources_root() / "scenarios", self)
        self.preparer.progressed.connect(self._on_progress)
        self.preparer.failed.connect(self._on_failed)
        self.scenario_id: str | None = None
        self.playback: Playback | None = None
        self.reduced_motion = self._settings.value("diagram/reduced_motion", False, type=bool)
        self._pending: tuple[str, float | None] | None = None
        self._last_tick = 0.0

        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        self._progress_timer = QTimer(self, singleShot=True, interval=PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(self._show_progress)

        self.scene = CrossSection()
        self.ultrasound = UltrasoundView()
        self.chart = TemperatureChart()
        self.key = Key()
        self.caption = QLabel(objectName="caption", wordWrap=True)
        self.clock = QLabel(objectName="clock")
        self.progress = QLabel(objectName="progress")
        self.progress.hide()
        self.timeline = Timeline()
        self.timeline.scrubbed.connect(self._scrub)
        self.timeline.scrub_started.connect(self._scrub_started)

        self.scene_buttons = self._choices(
            [(self.tr("Skin: spray"), "skin-spray"), (self.tr("Skin: probe"), "skin-probe"),
             (self.tr("Inside the body"), "liver-probe"), (self.tr("Large tumour"),
                                                           "large-tumour")],
            lambda scenario: self.show_step(scenario, None))
        self.look_buttons = self._choices(
            [(self.tr("Picture"), "patient"), (self.tr("Temperatures"), "detailed")],
            self.set_look)
        self.speed_buttons = self._choices(
            [(f"{speed:g}×", speed) for speed in SPEEDS], self.set_speed)
        self.play_button = self._button(self.tr("Play"), icons.play(), self.toggle_play)
        self.back_button = self._button(self.tr("Back"), icons.step_back(),
                                        lambda: self.step(-1))
        self.forward_button = self._button(self.tr("Next step"), icons.step_forward(),
                                           lambda: self.step(+1))
        self.reset_button = self._button(self.tr("Reset"), None, self.reset)
        self.reset_button.setText(self.tr("Reset"))
        self.still_button = QPushButton(self.tr("Still pictures"), checkable=True,
                                        objectName="toggle")
        self.still_button.setToolTip(self.tr("Show one still picture per step instead of "
                                             "moving pictures"))
        self.still_button.setChecked(self.reduced_motion)
        self.still_button.toggled.connect(self.set_reduced_motion)
        self._build()
        self.set_look(self._settings.value("diagram/look", "patient"))
        self.speed_buttons[1.0].setChecked(True)

    # -- layout ---------------------------------------------------------------------------

    def _choices(self, options, on_choose) -> dict:
        group = QButtonGroup(self)
        buttons = {}
        for text, value in options:
            button = QPushButton(text, checkable=True, objectName="choice")
            group.addButton(button)
            button.clicked.connect(lambda _=False, v=value: on_choose(v))
            buttons[value] = button
        return buttons

    def _button(self, name: str, icon, slot) -> QPushButton:
        button = QPushButton(objectName="control")
        if icon is not None:
            button.setIcon(icon)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(6)
        for button in self.scene_buttons.values():
            top.addWidget(button)
        top.addStretch(1)

        self.pictures = pictures = QGridLayout()
        pictures.setSpacing(8)
        pictures.addWidget(self.scene, 0, 0, 3, 1)
        pictures.addWidget(self.key, 0, 1)
        pictures.addWidget(self.ultrasound, 1, 1)
        pictures.addWidget(self.chart, 2, 1)
        pictures.setRowStretch(1, 1)
        pictures.setRowStretch(2, 1)
        pictures.setColumnStretch(0, 3)  # the section takes what its shape needs (see _fit_scene)
        pictures.setColumnStretch(1, 1)
        self.ultrasound.setMinimumWidth(200)
        self.chart.setMinimumWidth(200)

        status = QHBoxLayout()
        status.setSpacing(6)
        status.addWidget(self.clock, 1)
        status.addWidget(self.progress)
        for button in self.look_buttons.values():
            status.addWidget(button)
        status.addWidget(self.still_button)
        # Long texts give way first when the window is narrow.
        for label in (self.clock, self.progress):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        controls = QHBoxLayout()
        controls.setSpacing(6)
        for button in (self.reset_button, self.back_button, self.play_button,
                       self.forward_button):
            controls.addWidget(button)
        controls.addSpacing(12)
        for button in self.speed_buttons.values():
            controls.addWidget(button)
        controls.addStretch(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(8, 12, 16, 12)
        column.setSpacing(8)
        column.addLayout(top)
        column.addLayout(pictures, 1)
        column.addWidget(self.caption)
        column.addLayout(status)
        column.addWidget(self.timeline)
        column.addLayout(controls)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.timeline.setFixedHeight(96 if self.height() > 850 else 72)
        self._fit_scene()

    def _fit_scene(self) -> None:
        """Give the cross-section the width its shape needs at this height; the ultrasound and
        the chart take the rest (a tall liver section leaves them more room than skin)."""
        if self.playback is None:
            return
        aspect = self.scene.aspect()
        side = max(200, self.key.sizeHint().width(), self.chart.key_width,
                   self.ultrasound.title_width if self.ultrasound.isVisibleTo(self) else 0)
        margins = self.layout().contentsMargins()
        spare = self.width() - margins.left() - margins.right() - 8 - side
        self.scene.setMaximumWidth(max(200, min(spare, round(self.scene.height() * aspect))))

    def set_text_px(self, px: int) -> None:
        """Sizes follow the window: the caption reads like the text, labels a little smaller."""
        caption = QFont(self.caption.font())
        caption.setPixelSize(px)
        self.caption.setFont(caption)
        small = max(14, round(px * 0.8))
        for widget in [self.clock, self.progress, self.timeline, self.key,
                       *self.scene_buttons.values(),
                       *self.look_buttons.values(), *self.speed_buttons.values(),
                       self.reset_button, self.still_button]:
            font = QFont(widget.font())
            font.setPixelSize(small)
            widget.setFont(font)
        self.caption.setMinimumHeight(round(px * 1.4 * 2.4))
        self.scene.set_text_px(small)
        self.ultrasound.set_text_px(max(12, round(small * 0.85)))
        self.chart.set_text_px(max(12, round(small * 0.8)))

    # -- choosing what to show ------------------------------------------------------------

    def show_step(self, scenario_id: str, phase_id: str | None,
                  fraction: float | None = None) -> None:
        """Show a scenario at a phase's moment (its still without a fraction), paused."""
        self.pause()
        if scenario_id != self.scenario_id:
            self.scenario_id = scenario_id
            self.playback = None
            self._pending = (phase_id, fraction)
            for value, button in self.scene_buttons.items():
                button.setChecked(value == scenario_id)
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
        self.playback = Playback(run.phases, self.reduced_motion)
        self.scene.set_run(run)
        self.key.set_entries(*self.scene.key())
        self.chart.set_run(run)
        s = run.scenario
        self.ultrasound.setVisible(s.geometry in ULTRASOUND)
        self.pictures.setRowStretch(1, 1 if s.geometry in ULTRASOUND else 0)  # else: the chart
        if s.geometry in ULTRASOUND:
            apex, direction = ULTRASOUND[s.geometry]
            names = [m.name for m in run.geometry.materials]
            self.ultrasound.set_scene(self.scene.raster, names,
                                      self.scene.raster.nearest(run.geometry.material_index),
                                      apex, direction, US_SPREAD, US_DEPTH)
        self._probe_px = self._probe_pixels(run)
        self.timeline.set_segments([(self.phase_label(p), p.kind, length)
                                    for p, length in zip(run.phases, self.playback.lengths)])
        phase_id, fraction = self._pending or (None, None)
        self._pending = None
        if phase_id is not None:
            self.playback.go_to(phase_id, fraction)
        if not run.complete:
            self._progress_timer.start()
        self._fit_scene()
        self._draw()

    def _probe_pixels(self, run):
        """For the ultrasound: where metal is, in the scene's pixels (a single probe's shaft
        moves, so its depth is applied per frame)."""
        s, raster = run.scenario, self.scene.raster
        x0, x1, y0, y1 = raster.extent
        rows, cols = raster.shape
        px = x0 + (np.arange(cols) + 0.5) * (x1 - x0) / cols
        py = y0 + (np.arange(rows) + 0.5) * (y1 - y0) / rows
        if s.geometry == "probe":
            return np.abs(px)[None, :] <= s.probe.diameter * 1e3 / 2, py[:, None]
        if s.geometry == "probes":
            return raster.nearest(run.geometry.probe), None
        return None, None

    def _solid(self, moment: Moment):
        mask, depth = self._probe_px
        if mask is None or depth is None:
            return mask if moment.phase.kind not in ("prepare", "heal") else None
        probe = next(i for i in self.scene.instruments if isinstance(i, SingleProbe))
        tip = probe.tip_depth(moment)
        return None if tip is None else mask & (depth <= tip)

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
        self.speed_buttons[1.0].setChecked(True)
        self._update_controls()
        self._draw(moved=True)

    def set_speed(self, speed: float) -> None:
        if self.playback is not None:
            self.playback.set_speed(speed)
        self.speed_buttons[speed].setChecked(True)

    def set_look(self, look: str) -> None:
        look = look if look in self.look_buttons else "patient"
        self.look_buttons[look].setChecked(True)
        self._settings.setValue("diagram/look", look)
        self.scene.set_look(look)
        self.key.set_entries(*self.scene.key())
        self._fit_scene()
        self._draw()

    def set_reduced_motion(self, on: bool) -> None:
        self.reduced_motion = bool(on)
        self._settings.setValue("diagram/reduced_motion", self.reduced_motion)
        self.still_button.setChecked(self.reduced_motion)
        if self.playback is not None:
            self.playback.reduced_motion = self.reduced_motion
            if self.reduced_motion:
                self.playback.go_to(self.playback.moment().phase.id)
            self._draw()

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
        self.scene.show_moment(moment)
        if self.ultrasound.isVisibleTo(self):
            self.ultrasound.show_frame(self.scene.frozen_px, self._solid(moment))
        self.chart.set_time(moment.time)
        self.timeline.set_position(self.playback.position)
        phase = moment.phase
        self.clock.setText(self.tr("{0} — {1} of {2}").format(
            self.phase_label(phase), _mmss(moment.elapsed), _mmss(phase.duration)))
        caption = self.caption_for(phase)
        if caption != self.caption.text():
            self.caption.setText(caption)
            self.setAccessibleDescription(caption)
            self.scene.setAccessibleDescription(caption)
        self.moment_changed.emit(moved)

    def caption_for(self, phase) -> str:
        captions = self.pack.captions.get(self.scenario_id, {})
        return captions.get(phase.id) or captions.get(phase.kind) or self.phase_label(phase)

    def phase_label(self, phase) -> str:
        names = {"prepare": self.tr("Prepare"), "insert": self.tr("Insert probe"),
                 "freeze": self.tr("Freeze {0}"), "thaw": self.tr("Thaw {0}"),
                 "remove": self.tr("Remove probe"), "heal": self.tr("Healing")}
        return names[phase.kind].format(phase.cycle)

    def _update_controls(self) -> None:
        playing = bool(self.playback and self.playback.playing)
        self.play_button.setIcon(icons.pause() if playing else icons.play())
        name = self.tr("Pause") if playing else self.tr("Play")
        self.play_button.setAccessibleName(name)
        self.play_button.setToolTip(name)

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
        frames = run.frames
        if not self.playback.playing and len(frames) > 1 \
                and frames[-1].time >= self.playback.moment().time > frames[-2].time:
            self._draw()  # the moment on screen was waiting for this frame

    def _show_progress(self) -> None:
        run = self.run
        if run.complete:
            return
        done = max(0.0, run.computed_until) / run.phases[-1].end
        self.progress.setText(self.tr("Preparing the animation… {0} %").format(round(done * 100)))
        self.progress.show()

    def _on_failed(self, scenario_id: str, message: str) -> None:
        if scenario_id == self.scenario_id:
            self.caption.setText(self.tr("This animation cannot be shown. Please ask a member "
                                         "of staff. ({0})").format(message.splitlines()[0]))

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

    def shutdown(self) -> None:
        self.timer.stop()
        self.preparer.shutdown()


def _mmss(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
