"""When a kiosk visit is over: the idle clock behind "Are you still there?" and the reset.

A visit ends after `idle_s` without a touch, key or pointer movement: a warning counts down for
`warning_s`, then the screen resets for the next person. An animation the person started is
watched, not abandoned, so while it plays the warning waits — but never longer than
`watching_s` after the last touch, so a playing animation cannot keep a visit open all day. When
the animation stops, the idle count starts again from that moment.
"""

from __future__ import annotations

import time
from typing import Callable

ACTIVE, WARNING, OVER = "active", "warning", "over"


class IdleClock:
    def __init__(self, idle_s: float, warning_s: float, watching_s: float,
                 clock: Callable[[], float] = time.monotonic):
        self.idle_s, self.warning_s = idle_s, warning_s
        self.watching_s = max(watching_s, idle_s)
        self.clock = clock
        self._last_input = clock()
        self._watching = False
        self._stopped_at = float("-inf")  # when the person's animation last stopped

    def touched(self) -> None:
        """A touch, a key or a pointer movement: the visit goes on."""
        self._last_input = self.clock()

    def watching(self, playing: bool) -> None:
        """The animation a person started plays (True) or has stopped (False)."""
        if self._watching and not playing:
            self._stopped_at = self.clock()
        self._watching = playing

    def _quiet_s(self) -> tuple[float, float]:
        """Seconds counted as idle, and the limit they are held to."""
        now = self.clock()
        if self._watching:
            return now - self._last_input, self.watching_s
        return now - max(self._last_input, self._stopped_at), self.idle_s

    def state(self) -> str:
        quiet, limit = self._quiet_s()
        if quiet < limit:
            return ACTIVE
        return WARNING if quiet < limit + self.warning_s else OVER

    def seconds_left(self) -> float:
        """Until the reset (the warning's countdown); the whole warning while active."""
        quiet, limit = self._quiet_s()
        return max(0.0, min(self.warning_s, limit + self.warning_s - quiet))

    def next_change_s(self) -> float:
        """Seconds until the state can next change without input (for a timer)."""
        quiet, limit = self._quiet_s()
        if quiet < limit:
            return limit - quiet
        return max(0.0, limit + self.warning_s - quiet)
