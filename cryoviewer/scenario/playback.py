"""The playback clock: which moment of the treatment the diagram shows, and how it moves on.

A liver treatment lasts about 40 minutes of body time; a patient watches it in about a minute and
a half. Each phase gets its own *viewing* length, growing with the square root of its body
duration so a 30 s probe insertion is still watchable and a 10 min freeze does not drag. Within a
phase, body time runs evenly. Positions on the timeline are in viewing seconds at 1× speed.

In reduced motion, playing steps from one still picture to the next, one per phase, each held for
STILL_S viewing seconds: nothing moves, nothing flashes.

Phase boundaries. The end of one phase and the start of the next are the same timeline position
and the same body time, so the position alone cannot say which phase to report there. The rule:

- a position on a boundary is the *start of the later phase* (fraction 0) — after scrubbing or
  seeking there, stepping there, or playing through it;
- `go_to(phase, 1.0)` asks for the *end of that phase*: it seeks to the same position but keeps
  the phase, so `moment()` reports it at fraction 1 (body time = its end) for as long as the
  position stays there; once the position moves (playing on, scrubbing, stepping), the ordinary
  rule applies again, so playing forward from there carries on into the next phase;
- the end of the timeline is the last phase at fraction 1, exactly.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from .protocol import Phase

SPEEDS = (0.5, 1.0, 2.0, 4.0)
MIN_VIEW_S = {"prepare": 4.0, "insert": 6.0, "freeze": 10.0, "thaw": 8.0, "remove": 4.0,
              "heal": 6.0}
VIEW_S_PER_ROOT_S = 0.7   # a 600 s freeze plays in 17 s, a 480 s thaw in 15 s at 1×
STILL_S = 5.0             # how long each still picture is held in reduced motion, at 1×
STILL_AT = 0.98           # stills show a phase near its end (the probe in, the ice at its largest)


def viewing_seconds(phase: Phase) -> float:
    return max(MIN_VIEW_S[phase.kind], VIEW_S_PER_ROOT_S * math.sqrt(phase.duration))


@dataclass(frozen=True)
class Moment:
    """Where playback is: the phase, how far through it, and the body time."""

    index: int
    phase: Phase
    fraction: float
    time: float

    @property
    def elapsed(self) -> float:
        return self.fraction * self.phase.duration


class Playback:
    """Position, play/pause, speed and reduced motion over a protocol's phases."""

    def __init__(self, phases: list[Phase], reduced_motion: bool = False):
        if not phases:
            raise ValueError("a protocol has at least one phase")
        self.phases = phases
        self.lengths = [viewing_seconds(p) for p in phases]
        self.starts = [sum(self.lengths[:i]) for i in range(len(phases))]
        self.total = sum(self.lengths)
        self.position = 0.0
        self.playing = False
        self.speed = 1.0
        self.reduced_motion = reduced_motion
        self._held = 0.0  # viewing seconds the current still has been shown
        # (phase index, position): after go_to(phase, 1.0), the phase whose end the position
        # shows — valid only while the position has not moved from there.
        self._end_of: tuple[int, float] | None = None

    # -- where ----------------------------------------------------------------------------

    def moment(self) -> Moment:
        """The phase, fraction and body time at the position (boundaries: see the module)."""
        if self._end_of is not None and self._end_of[1] == self.position:
            return self._moment(self._end_of[0], 1.0)
        if self.position >= self.total:
            return self._moment(len(self.phases) - 1, 1.0)
        i = max(0, bisect.bisect_right(self.starts, self.position) - 1)
        return self._moment(i, (self.position - self.starts[i]) / self.lengths[i])

    def _moment(self, i: int, fraction: float) -> Moment:
        phase = self.phases[i]
        fraction = min(1.0, max(0.0, fraction))
        time = phase.end if fraction == 1.0 else phase.start + fraction * phase.duration
        return Moment(i, phase, fraction, time)

    def index_of(self, phase_id: str) -> int:
        for i, phase in enumerate(self.phases):
            if phase.id == phase_id:
                return i
        raise KeyError(f"no phase '{phase_id}' (phases: {', '.join(p.id for p in self.phases)})")

    def seek(self, position: float) -> None:
        """Jump to a timeline position (viewing seconds), e.g. while scrubbing."""
        self.position = min(self.total, max(0.0, float(position)))
        self._held = 0.0
        self._end_of = None

    def go_to(self, phase_id: str, fraction: float | None = None) -> None:
        """Jump to a moment of a phase; without a fraction, to the phase's still picture.
        At fraction 1 the moment is the phase's end, not the next phase's start."""
        i = self.index_of(phase_id)
        f = STILL_AT if fraction is None else min(1.0, max(0.0, fraction))
        if f == 1.0:
            self.seek(self.starts[i + 1] if i + 1 < len(self.phases) else self.total)
            self._end_of = (i, self.position)
        else:
            self.seek(self.starts[i] + f * self.lengths[i])

    # -- controls -------------------------------------------------------------------------

    def play(self) -> None:
        if self.at_end():
            self.seek(0.0)  # playing again from the end starts over
        if self.reduced_motion:
            self.go_to(self.moment().phase.id)
        self.playing = True

    def at_end(self) -> bool:
        if self.reduced_motion:
            moment = self.moment()
            return moment.index == len(self.phases) - 1 and moment.fraction >= STILL_AT - 1e-9
        return self.position >= self.total

    def pause(self) -> None:
        self.playing = False

    def set_speed(self, speed: float) -> None:
        if speed not in SPEEDS:
            raise ValueError(f"speed must be one of {SPEEDS}, not {speed}")
        self.speed = speed

    def step(self, direction: int) -> None:
        """To the next phase's start (its still, in reduced motion), or back to the current
        phase's start — or the previous one's, if already there."""
        i = self.moment().index
        if direction > 0 and i == len(self.phases) - 1 and not self.reduced_motion:
            self.seek(self.total)  # past the last step: its end
            return
        if direction > 0:
            target = min(i + 1, len(self.phases) - 1)
        else:
            at_start = self.position - self.starts[i] < 0.5
            target = max(0, i - 1) if at_start or self.reduced_motion else i
        if self.reduced_motion:
            self.go_to(self.phases[target].id)
        else:
            self.seek(self.starts[target])

    def reset(self) -> None:
        self.playing = False
        self.speed = 1.0
        self.seek(0.0)

    def tick(self, wall_seconds: float) -> bool:
        """Move on by some wall-clock time; True if the position changed."""
        if not self.playing or wall_seconds <= 0:
            return False
        advance = wall_seconds * self.speed
        before = self.position
        if self.reduced_motion:
            self._held += advance
            if self._held >= STILL_S:
                i = self.moment().index
                if i + 1 < len(self.phases):
                    self.go_to(self.phases[i + 1].id)
                else:
                    self.playing = False
        else:
            self.position = min(self.total, self.position + advance)
            if self.position >= self.total:
                self.playing = False
        return self.position != before
