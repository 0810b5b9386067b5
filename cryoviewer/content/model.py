"""The content model: a pack of sections in one language, and the problems found in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..files import Problem
from .quiz import Question


@dataclass(frozen=True)
class Section:
    """One section of the document: a title and Markdown text, optionally paired with a step."""

    id: str
    title: str
    order: int
    body: str
    path: Path
    body_line: int  # line number of the body's first line in the file, for messages
    step: str | None = None  # "scenario/phase" of the animation this section shows
    # Per paragraph (or list item), the phases it describes ("freeze1", or a kind: "thaw").
    paragraphs: tuple[tuple[str, ...], ...] = ()
    # The pictures in the text: the target as written ("images/probe.png") -> the real file,
    # checked to be inside the pack. Relative targets are relative to `folder`.
    pictures: tuple[tuple[str, Path], ...] = ()
    folder: Path | None = None  # the pack's folder, absolute: the base of picture targets


@dataclass(frozen=True)
class Pack:
    """A validated content pack: sections in reading order, in one language."""

    root: Path
    language: str
    title: str
    sections: tuple[Section, ...]
    warnings: tuple[Problem, ...] = field(default=())
    still: str | None = None  # "scenario/phase" shown beside sections without a step
    captions: dict[str, dict[str, str]] = field(default_factory=dict)  # scenario -> phase -> text
    questions: tuple[Question, ...] = ()  # teach-back questions (quiz.toml), in the file's order

    def questions_for(self, section_id: str) -> tuple[Question, ...]:
        """The teach-back questions about one section, in the file's order."""
        return tuple(q for q in self.questions if q.section == section_id)

    def index_of(self, section_id: str) -> int:
        """Position of a section in reading order; ValueError if the pack has no such id."""
        for i, section in enumerate(self.sections):
            if section.id == section_id:
                return i
        raise ValueError(f"no section '{section_id}' in {self.root}")


class PackError(Exception):
    """A content pack that cannot be used, with every problem found in it."""

    def __init__(self, root: Path, problems: list[Problem]):
        self.root = root
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"the content pack {root} has {len(errors)} problem(s):\n"
                         + "\n".join(f"  {p}" for p in errors))
