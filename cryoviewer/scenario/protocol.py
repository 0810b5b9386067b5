"""The treatment protocol: an ordered list of phases with their durations.

prepare → insert → freeze 1 → thaw 1 → … → freeze n → thaw n → remove → heal
(a skin treatment has no insert or remove phase). The number of cycles is 1 to 3.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .limits import LIMITS

KINDS = ("prepare", "insert", "freeze", "thaw", "remove", "heal")
MIN_FRAMES = 10   # frames a phase at least, so that a short freeze still animates smoothly


@dataclass(frozen=True)
class Phase:
    id: str           # "freeze2": what content files name in their `step` field
    kind: str         # one of KINDS
    cycle: int | None
    start: float      # s from the start of the protocol
    duration: float   # s

    @property
    def end(self) -> float:
        return self.start + self.duration

    @property
    def name(self) -> str:
        """A short English label ("Freeze 2"); the viewer translates it."""
        base = {"prepare": "Prepare", "insert": "Insert probe", "freeze": "Freeze",
                "thaw": "Thaw", "remove": "Remove probe", "heal": "Healing"}[self.kind]
        return f"{base} {self.cycle}" if self.cycle else base


@dataclass(frozen=True)
class Protocol:
    cycles: int
    prepare: float
    freeze: tuple[float, ...]
    thaw: tuple[float, ...]
    heal: float
    frame: float       # s between stored frames
    max_step: float    # s, the longest solver step (accuracy, not stability)
    insert: float = 0.0
    remove: float = 0.0

    @classmethod
    def read(cls, f, with_probe: bool) -> Protocol | None:
        def limit(key):
            return LIMITS[f"protocol.{key}"]

        cycles = f.number("cycles", limit=limit("cycles"))
        count = int(cycles) if cycles and cycles == int(cycles) else None
        if cycles is not None and count is None:
            f.error("cycles", f"must be a whole number, not {cycles:g}")
        prepare = f.number("prepare_s", limit=limit("prepare_s"))
        insert = f.number("insert_s", limit=limit("insert_s")) if with_probe else 0.0
        freeze = f.numbers("freeze_s", count or 1, limit=limit("freeze_s"))
        thaw = f.numbers("thaw_s", count or 1, limit=limit("thaw_s"))
        remove = f.number("remove_s", limit=limit("remove_s")) if with_probe else 0.0
        heal = f.number("heal_s", limit=limit("heal_s"))
        frame = f.number("frame_s", limit=limit("frame_s"))
        max_step = f.number("max_step_s", frame, limit=limit("max_step_s"))
        f.finish()
        values = (count, prepare, insert, freeze, thaw, remove, heal, frame, max_step)
        if None in values:
            return None
        return cls(count, prepare, freeze, thaw, heal, frame, max_step, insert, remove)

    def framing(self, phase: Phase) -> tuple[int, float]:
        """(frames, longest step) for a phase: a frame every `frame` seconds (at least
        MIN_FRAMES); healing, whose picture is a time-lapse of the ice melting away and the
        wound healing, is always MIN_FRAMES moments, computed in steps that long."""
        if phase.kind == "heal":
            return MIN_FRAMES, max(self.max_step, phase.duration / MIN_FRAMES)
        count = max(MIN_FRAMES, math.ceil(phase.duration / self.frame - 1e-9))
        return count, self.max_step

    @property
    def duration(self) -> float:
        """s from the start of the protocol to its end."""
        return sum(phase.duration for phase in self.phases())

    def phases(self) -> list[Phase]:
        plan = [("prepare", None, self.prepare), ("insert", None, self.insert)]
        for n in range(self.cycles):
            plan += [("freeze", n + 1, self.freeze[n]), ("thaw", n + 1, self.thaw[n])]
        plan += [("remove", None, self.remove), ("heal", None, self.heal)]
        phases, start = [], 0.0
        for kind, cycle, duration in plan:
            if duration > 0:
                phases.append(Phase(f"{kind}{cycle or ''}", kind, cycle, start, duration))
                start += duration
        return phases
