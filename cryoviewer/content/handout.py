"""What a printed handout holds: the chosen sections, the diagram's key moments for the
treatments they describe, and the questions to take to the care team. No Qt: the interface
lays this out on paper (ui/handout.py).

The pictures follow the pairing the sections already have: a treatment's key moments (probe in,
first freeze, thaw, second freeze, healing) are shown once, as a series, after the first chosen
section that describes one of them (or, failing that, after the first one showing that
treatment), so a patient reads what happens and then sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .model import Pack, Section
from .pairing import describes, section_step
from .treatments import kind_of

KEY_MOMENTS = ("insert", "freeze1", "thaw1", "freeze2", "heal")
QUESTIONS = "questions-to-ask"  # the section whose list items become the checklist
_HEADING = re.compile(r"#{1,6}\s+(.+?)\s*#*\s*\Z")
_ITEM = re.compile(r"[-*+]\s+(.+?)\s*\Z")


@dataclass(frozen=True)
class Series:
    """A treatment's key moments, shown after the section `after`."""

    after: str
    scenario: str
    phases: tuple[str, ...]


@dataclass(frozen=True)
class Checklist:
    """The questions to ask, in groups: (heading or "", questions); `intro`: the section's own
    words before its first list."""

    intro: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]


def choose_sections(pack: Pack, ids: list[str] | None) -> tuple[Section, ...]:
    """The sections asked for, in the pack's order (all without `ids`); ValueError naming the
    unknown ones and the known ones."""
    if not ids:
        return pack.sections
    known = [s.id for s in pack.sections]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ValueError(f"there is no section {', '.join(repr(i) for i in unknown)}; "
                         f"sections: {', '.join(known)}")
    return tuple(s for s in pack.sections if s.id in ids)


def series_for(pack: Pack, sections: tuple[Section, ...],
               steps: Callable[[str], tuple[str, ...]]) -> list[Series]:
    """The key moments of each treatment the sections show, in reading order. `steps(scenario)`:
    its step ids (empty if it cannot be shown)."""
    found: dict[str, Series] = {}
    for section in sections:
        step = section_step(pack, section)
        if step is None or step[0] in found:
            continue
        scenario = step[0]
        phases = tuple(p for p in KEY_MOMENTS if p in steps(scenario))
        if not phases:
            continue
        describing = next((s for s in sections if any(
            describes(s, scenario, p, kind_of(p)) for p in phases)), section)
        found[scenario] = Series(describing.id, scenario, phases)
    order = [s.id for s in sections]
    return sorted(found.values(), key=lambda series: order.index(series.after))


def checklist(pack: Pack) -> Checklist | None:
    """The questions section's list items, by its subheadings; None if the pack has none."""
    section = next((s for s in pack.sections if s.id == QUESTIONS), None)
    if section is None:
        return None
    intro, groups, heading, items = [], [], "", []
    for line in section.body.splitlines():
        text = line.strip()
        if (match := _HEADING.match(text)):
            if items:
                groups.append((heading, tuple(items)))
            heading, items = match.group(1), []
        elif (match := _ITEM.match(text)):
            items.append(match.group(1))
        elif text and not groups and not items and not heading:
            intro.append(text)
    if items:
        groups.append((heading, tuple(items)))
    return Checklist(" ".join(intro), tuple(groups)) if groups else None
