"""The children's story: a pack's story.toml, read and checked like the rest of its content.

A short illustrated story that a parent reads with a child before treatment: a title, the
section it is offered under, and a few pages, each with its text, a moment of a treatment to
show (drawn from the real simulation, in a friendly look) and words describing that picture
for a screen reader. Whatever bytes the file holds, read_story returns the story or None and
records a Problem (file, line, field) for everything wrong: it never raises. No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..files import MAX_TOML_DEPTH, Problem, read_toml, toml_key_lines
from .entries import check_keys, entry_lines, short, text_field, top_key_line
from .readability import reading_problem
from .treatments import Treatments, step_problem

STORY = "story.toml"
MAX_PAGES = 8                  # a story read in one sitting: five or six pages is the aim
MAX_TITLE_CHARS = 80
MAX_TEXT_CHARS = 400           # one screen of large type
MAX_DESCRIPTION_CHARS = 300
MAX_GRADE = 3                  # Flesch-Kincaid, English: a young child listens, an older reads
MIN_KANDEL_MOLES = 80          # French: very easy
_TOP_FIELDS = ("title", "section", "page")
_PAGE_FIELDS = ("text", "picture", "description")
# "scenario/phase" or "scenario/phase:fraction", as the command line's --at names a moment.
_PICTURE = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*)/([a-z]+[0-9]?)(?::([0-9]*\.?[0-9]+))?\Z")


@dataclass(frozen=True)
class Page:
    """One page: its text, and the moment of a treatment its picture shows."""

    text: str
    scenario: str               # a treatment's id, such as "skin-spray"
    phase: str                  # one of its steps, such as "freeze1"
    fraction: float | None      # how far through the step (None: the step's still picture)
    description: str            # the picture in words, for a screen reader
    line: int | None = None     # the line of its [[page]] header, for messages


@dataclass(frozen=True)
class Story:
    """A validated story: offered under one section, in the pack's language."""

    title: str
    section: str
    pages: tuple[Page, ...]

    def scenarios(self) -> tuple[str, ...]:
        """The treatments its pictures show, each once, in the order of the pages."""
        return tuple(dict.fromkeys(page.scenario for page in self.pages))


def read_story(path: Path, section_ids: set[str] | frozenset[str], language: str,
               treatments: Treatments, problems: list[Problem]) -> Story | None:
    """The story of a story.toml, or None after recording why it cannot be used.

    A page over the reading limit of the pack's language (English: Flesch-Kincaid grade 3;
    French: Kandel-Moles 80) is a warning; every other problem is an error.
    """
    loaded = read_toml(path, problems, MAX_TOML_DEPTH)
    if loaded is None:
        return None
    data, text = loaded
    count = len(problems)
    lines = toml_key_lines(text)

    def top_problem(field: str, message: str) -> None:
        problems.append(Problem(path, lines.get(("", field)), f"field '{field}': {message}"))

    for key in data:
        if key not in _TOP_FIELDS:
            problems.append(Problem(path, top_key_line(text, key, "page"),
                                    f"unknown field '{short(key)}' (expected "
                                    f"{', '.join(_TOP_FIELDS)})"))
    for key in ("title", "section"):
        if key not in data:
            problems.append(Problem(path, None, f"field '{key}' is missing"))
    title = text_field(data, "title", MAX_TITLE_CHARS, top_problem)
    section = data.get("section")
    if "section" in data:
        if not isinstance(section, str):
            top_problem("section", "must be the id of the section the story is offered "
                                   "under, such as \"children\"")
        elif section not in section_ids:
            top_problem("section", f"there is no section '{short(section)}' in this pack")

    entries = data.get("page", [])
    if not (isinstance(entries, list) and all(isinstance(e, dict) for e in entries)):
        problems.append(Problem(path, top_key_line(text, "page", "page"),
                                "each page must be a table starting with a line [[page]]"))
        return None
    headers, keys = entry_lines(text, "page")
    if not entries:
        problems.append(Problem(path, None, "the story has no pages: each starts with a line "
                                            "[[page]]"))
    elif len(entries) > MAX_PAGES:
        problems.append(Problem(path, headers[MAX_PAGES] if len(headers) > MAX_PAGES else None,
                                f"the story has {len(entries)} pages; the limit is "
                                f"{MAX_PAGES}"))
    pages = [_check_page(path, entry, headers[i] if i < len(headers) else None,
                         keys[i] if i < len(keys) else {}, treatments, problems)
             for i, entry in enumerate(entries[:MAX_PAGES])]
    if len(problems) > count:
        return None
    for number, page in enumerate(pages, 1):
        for field in ("text", "description"):
            found = reading_problem(getattr(page, field), language, MAX_GRADE,
                                    MIN_KANDEL_MOLES)
            if found:
                problems.append(Problem(path, keys[number - 1].get(field, page.line),
                                        f"page {number}, field '{field}': reads too hard for "
                                        f"a child ({found}): use shorter words and sentences",
                                        "warning"))
    return Story(title, section, tuple(pages))


def _check_page(path: Path, entry: dict, header: int | None, lines: dict[str, int],
                treatments: Treatments, problems: list[Problem]) -> Page | None:
    count = len(problems)

    def problem(field: str, message: str) -> None:
        problems.append(Problem(path, lines.get(field, header), f"field '{field}': {message}"))

    check_keys(path, entry, _PAGE_FIELDS, header, lines, problems)
    text = text_field(entry, "text", MAX_TEXT_CHARS, problem)
    description = text_field(entry, "description", MAX_DESCRIPTION_CHARS, problem)
    moment = None
    if "picture" in entry:
        moment = _moment(entry["picture"], treatments, problem)
    if len(problems) > count or moment is None:
        return None
    return Page(text, *moment, description, header)


def _moment(value, treatments: Treatments, problem) -> tuple[str, str, float | None] | None:
    """(scenario, phase, fraction) of a picture reference, or None after telling `problem`."""
    found = _PICTURE.match(value) if isinstance(value, str) else None
    if found is None or (found.group(3) and not 0 <= float(found.group(3)) <= 1):
        problem("picture", f"must name a moment such as \"skin-spray/freeze1\" or "
                           f"\"skin-spray/freeze1:0.5\" (a fraction from 0 to 1), not "
                           f"{short(repr(value))}")
        return None
    scenario, phase, fraction = found.groups()
    message = step_problem(f"{scenario}/{phase}", treatments)
    if message:
        problem("picture", message)
        return None
    return scenario, phase, float(fraction) if fraction else None
