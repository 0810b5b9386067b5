"""The treatments a pack may name, and their steps, read straight from the scenario files.

The content knows no physics (an import contract says so), and cryoviewer.scenario pulls the
solver in, so the few facts needed here are read with tomllib: a scenario's `id`, whether it has
a probe to insert and remove (every geometry but "skin"), and its number of freeze-thaw cycles.
The rule is the one of cryoviewer.scenario.protocol.Protocol.phases; a test keeps them equal.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from ..resources import resources_root

KINDS = ("prepare", "insert", "freeze", "thaw", "remove", "heal")
Treatments = dict[str, tuple[str, ...]]  # treatment id -> its step ids, in order


def builtin_treatments() -> Treatments:
    """The treatments of the viewer's own scenario files."""
    return dict(treatments_in(resources_root() / "scenarios"))


@lru_cache(maxsize=4)
def treatments_in(folder: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(id, steps) for every scenario file in a folder that can be read; others are skipped
    (the scenario checks report them)."""
    found = []
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            continue
        steps = steps_of(data)
        if steps:
            found.append((data["id"], steps))
    return tuple(found)


def steps_of(data: dict) -> tuple[str, ...]:
    """A scenario's step ids ("prepare", "insert", "freeze1", ...), or () if it is not one."""
    protocol = data.get("protocol")
    if not (isinstance(data.get("id"), str) and isinstance(protocol, dict)):
        return ()
    cycles = protocol.get("cycles")
    if not isinstance(cycles, int) or not 1 <= cycles <= 3:
        return ()
    probe = data.get("geometry") != "skin"
    steps = ["prepare"] + ["insert"] * probe
    for n in range(1, cycles + 1):
        steps += [f"freeze{n}", f"thaw{n}"]
    return tuple(steps + ["remove"] * probe + ["heal"])


def kind_of(step: str) -> str:
    return step.rstrip("0123456789")


def names_a_step(name: str, steps: tuple[str, ...]) -> bool:
    """Whether a name is one of the steps, or the kind of one of them ("thaw": every thaw)."""
    return name in steps or any(kind_of(step) == name for step in steps)


def step_problem(step: str, treatments: Treatments) -> str | None:
    """Why 'treatment/step' names no step of a known treatment, or None."""
    treatment, _, phase = step.partition("/")
    if treatment not in treatments:
        return (f"there is no treatment '{treatment}' (the treatments are "
                f"{', '.join(sorted(treatments))})")
    if phase not in treatments[treatment]:
        return (f"{treatment} has no step '{phase}' (its steps are "
                f"{', '.join(treatments[treatment])})")
    return None
