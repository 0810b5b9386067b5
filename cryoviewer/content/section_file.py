"""Parsing one section file: a small 'field: value' header between '---' lines, then Markdown.

The header is deliberately not YAML: clinic staff edit these files by hand, and a four-field
format with exact line numbers in its messages is easier to get right than a general one.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Problem, Section

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_FIELD_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)\Z")
REQUIRED = ("id", "title", "order")
FIELDS = REQUIRED + ("step", "paragraphs")
PHASE_NAME = re.compile(r"(prepare|insert|freeze|thaw|remove|heal)([1-9])?\Z")


def parse_section(path: Path, text: str, problems: list[Problem]) -> Section | None:
    """A Section from a file's text, or None after recording every problem found."""
    count = len(problems)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(path, 1, "the file must start with a header: a line '---', the "
                                         "fields id, title and order, then another '---'"))
        return None
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.append(Problem(path, 1, "the header is not closed: add a line '---' after "
                                         "its fields"))
        return None

    values: dict[str, tuple[str, int]] = {}
    for number in range(2, close + 1):
        line = lines[number - 1].strip()
        if not line or line.startswith("#"):
            continue
        match = _FIELD_LINE.match(line)
        if not match:
            problems.append(Problem(path, number, f"header lines must read 'field: value', "
                                                  f"not '{_short(line)}'"))
            continue
        name, value = match.group(1).lower(), match.group(2).strip()
        if name not in FIELDS:
            problems.append(Problem(path, number, f"unknown header field '{_short(name)}' "
                                                  f"(expected {', '.join(FIELDS)})"))
        elif name in values:
            problems.append(Problem(path, number, f"header field '{_short(name)}' is given twice "
                                                  f"(first on line {values[name][1]})"))
        else:
            values[name] = (value, number)

    for name in REQUIRED:
        if name not in values:
            problems.append(Problem(path, 1, f"the header has no '{_short(name)}' field"))

    section_id, id_line = values.get("id", ("", 1))
    if "id" in values and not ID_PATTERN.match(section_id):
        problems.append(Problem(path, id_line, f"field 'id' must use only lower-case letters, "
                                               f"digits and '-', not '{_short(section_id)}'"))
    title, title_line = values.get("title", ("x", 1))
    if not title:
        problems.append(Problem(path, title_line, "field 'title' is empty"))
    order_text, order_line = values.get("order", ("0", 1))
    try:
        order = int(order_text)
    except ValueError:
        problems.append(Problem(path, order_line, f"field 'order' must be a whole number, "
                                                  f"not '{_short(order_text)}'"))
        order = 0
    step, step_line = values.get("step", ("", 1))
    if step and not valid_step(step):
        problems.append(Problem(path, step_line, f"field 'step' must read 'scenario/phase' "
                                                 f"(for example 'liver-probe/freeze1'), not '{_short(step)}'"))

    paragraphs_text, paragraphs_line = values.get("paragraphs", ("", 1))
    paragraphs = _paragraphs(paragraphs_text, paragraphs_line, bool(step), path, problems)

    rest = lines[close + 1:]
    blank = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    body = "\n".join(rest[blank:]).rstrip()
    body_line = close + 2 + blank  # file line of the body's first non-blank line
    if not body:
        problems.append(Problem(path, close + 1, "the section has no text below its header"))
    elif len(paragraphs) > len(paragraph_blocks(body)):
        problems.append(Problem(path, paragraphs_line,
                                f"field 'paragraphs' names {len(paragraphs)} paragraphs, but "
                                f"the text has only {len(paragraph_blocks(body))}"))

    if len(problems) > count:
        return None
    return Section(id=section_id, title=title, order=order, body=body, path=path,
                   body_line=body_line, step=step or None, paragraphs=paragraphs)


def _short(text: str) -> str:
    """A value quoted in a message: never a whole damaged line."""
    return text if len(text) <= 60 else text[:59] + "…"


def valid_step(step: str) -> bool:
    parts = step.split("/")
    return len(parts) == 2 and all(ID_PATTERN.match(p) for p in parts)


def _paragraphs(text: str, line: int, has_step: bool, path: Path,
                problems: list[Problem]) -> tuple[tuple[str, ...], ...]:
    """'prepare, insert, freeze1 thaw1, -': per paragraph, the phases it describes."""
    if not text:
        return ()
    if not has_step:
        problems.append(Problem(path, line, "field 'paragraphs' needs a 'step' field, which "
                                            "says which scenario the paragraphs describe"))
    entries = []
    for entry in text.split(","):
        names = tuple(name for name in entry.split() if name != "-")
        bad = [name for name in names if not PHASE_NAME.match(name)]
        if bad:
            problems.append(Problem(path, line, f"field 'paragraphs': '{_short(bad[0])}' is not a "
                                                f"phase such as 'freeze', 'freeze2' or 'heal' "
                                                f"(use '-' for a paragraph without one)"))
        entries.append(names)
    return tuple(entries)


_HEADING = re.compile(r"\s{0,3}#{1,6}\s")
_BULLET = re.compile(r"\s{0,3}(?:[-*+]|\d+[.)])\s")
_FIRST_ITEM = re.compile(r"\s{0,3}(?:[-*+]|1[.)])\s")  # what may interrupt a paragraph


def paragraph_blocks(body: str) -> list[str]:
    """The body's paragraphs as the reader lays them out: each paragraph, heading, list item
    or line after a hard break (fenced code is not expected in patient text)."""
    blocks: list[list[str]] = []  # the parts of each block, joined at the end (linear time)
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = chunk.split("\n")
        blocks.append([lines[0].strip()])
        in_list = bool(_BULLET.match(lines[0]))
        for before, line in zip(lines, lines[1:]):
            breaks = _HEADING.match(before) or before.endswith(("  ", "\\"))
            item = _BULLET.match(line) if in_list else _FIRST_ITEM.match(line)
            if breaks or item or _HEADING.match(line):
                blocks.append([line.strip()])
                in_list = in_list or bool(item)
            else:
                blocks[-1].append(line.strip())
    return [" ".join(parts) for parts in blocks]
