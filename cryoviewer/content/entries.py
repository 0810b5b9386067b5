"""The `[[table]]` entries of a hand-written TOML file (quiz.toml's questions, story.toml's
pages): where each starts, where each of its keys is, and its plain text fields — so that every
message names the line and the field to fix. Best guesses, for messages only."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..files import Problem

_KEY = re.compile(r"[\"']?([A-Za-z0-9_-]+)[\"']?\s*=")


@lru_cache(maxsize=8)
def _header(table: str) -> re.Pattern:
    return re.compile(r"\[\[\s*[\"']?" + re.escape(table) + r"[\"']?\s*\]\]")


def entry_lines(text: str, table: str) -> tuple[list[int], list[dict[str, int]]]:
    """The line of each `[[table]]` header and, under it, of each `key =`: one pass (a line
    inside a multi-line string may be taken for a key)."""
    header = _header(table)
    headers: list[int] = []
    keys: list[dict[str, int]] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if header.match(line):
            headers.append(number)
            keys.append({})
        elif keys and not line.startswith(("#", "[")):
            found = _KEY.match(line)
            if found:
                keys[-1].setdefault(found.group(1), number)
    return headers, keys


def top_key_line(text: str, key: str, table: str) -> int | None:
    """The line of a key before the first `[[table]]` (or, for `table` itself, of its first
    header), or of a table named after the key."""
    header = _header(table)
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if header.match(line):
            if key == table:
                return number
            continue
        found = _KEY.match(line)
        if found and found.group(1) == key:
            return number
        if line.startswith("[") and line.strip("[] \t\"'").startswith(key):
            return number
    return None


def check_keys(path: Path, entry: dict, fields: tuple[str, ...], header: int | None,
               lines: dict[str, int], problems: list[Problem],
               hints: dict[str, str] | None = None) -> None:
    """A Problem for every key of an entry that is not one of `fields` (on the key's line), and
    for every field it lacks (on its header's line; `hints` says what to give for some)."""
    for key in entry:
        if key not in fields:
            problems.append(Problem(path, lines.get(key, header),
                                    f"unknown field '{short(key)}' (expected "
                                    f"{', '.join(fields)})"))
    for key in fields:
        if key not in entry:
            hint = (hints or {}).get(key)
            problems.append(Problem(path, header, f"field '{key}' is missing"
                                                  + (f": {hint}" if hint else "")))


def text_field(entry: dict, field: str, limit: int, problem) -> str:
    """An entry's text field with its white space folded ("" if absent or wrong); `problem(
    field, message)` is told when it is not text, is empty or is longer than `limit`."""
    if field not in entry:
        return ""
    value = entry[field]
    if not isinstance(value, str):
        problem(field, "must be text in quotes")
        return ""
    value = " ".join(value.split())
    if not value:
        problem(field, "is empty")
    elif len(value) > limit:
        problem(field, f"is {len(value)} characters long; the limit is {limit}")
    return value


def short(text: str) -> str:
    """A value as quoted in a message: at most 60 characters."""
    return text if len(text) <= 60 else text[:59] + "…"
