"""Which text goes with which moment of the animation, in both directions.

A section's `step` names the scenario and phase it shows; its optional `paragraphs` field says
which phases each paragraph describes. A phase is named by its id ("freeze2") or its kind
("thaw", every thaw). Sections without a step show the pack's `still`.
"""

from __future__ import annotations

from .model import Pack, Section


def section_step(pack: Pack, section: Section) -> tuple[str, str] | None:
    """(scenario, phase) the diagram shows for a section: its own step, or the pack's still."""
    step = section.step or pack.still
    return tuple(step.split("/")) if step else None


def paragraph_at(section: Section, scenario: str, phase_id: str, kind: str,
                 fraction: float) -> int | None:
    """The paragraph describing a moment, or None. When several paragraphs describe one phase
    (a cut, then the probe going in), the phase is shared between them in order."""
    if not section.step or section.step.split("/")[0] != scenario:
        return None
    matches = [i for i, entry in enumerate(section.paragraphs)
               if phase_id in entry or kind in entry]
    if not matches:
        return None
    return matches[min(len(matches) - 1, max(0, int(fraction * len(matches))))]


def describes(section: Section, scenario: str, phase_id: str, kind: str) -> bool:
    """Whether a section is about this phase: its step names it, or one of its paragraphs."""
    if section.step == f"{scenario}/{phase_id}":
        return True
    return paragraph_at(section, scenario, phase_id, kind, 0.0) is not None


def section_for(pack: Pack, current: int, scenario: str, phase_id: str, kind: str) -> int:
    """The section to show while the animation plays a phase: the current one while it still
    describes the phase; else the one whose step is that phase; else one with a paragraph on
    it; else the current one (nothing better to offer)."""
    sections = pack.sections
    if 0 <= current < len(sections) and describes(sections[current], scenario, phase_id, kind):
        return current
    exact = f"{scenario}/{phase_id}"
    for i, section in enumerate(sections):
        if section.step == exact:
            return i
    for i, section in enumerate(sections):
        if describes(section, scenario, phase_id, kind):
            return i
    return current
