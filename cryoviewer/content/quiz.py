"""Teach-back questions: a pack's quiz.toml, read and checked like the rest of its content.

Each `[[question]]` asks about one section, offers two to four answers of which one is right,
and says in a sentence or two why (shown after a wrong answer). Whatever bytes the file holds,
read_quiz returns the questions it could use and records a Problem (file, line, field) for
everything wrong: it never raises. No Qt here; the screens come later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..files import MAX_TOML_DEPTH, Problem, read_toml
from .readability import MIN_KANDEL_MOLES, measure

QUIZ = "quiz.toml"
MIN_ANSWERS, MAX_ANSWERS = 2, 4
MAX_PER_SECTION = 3
MAX_ASK_CHARS, MAX_ANSWER_CHARS, MAX_WHY_CHARS = 200, 120, 300
MAX_GRADE = 8  # Flesch-Kincaid, English (as for the sections)
_FIELDS = ("section", "ask", "answers", "right", "why")
_HEADER = re.compile(r"\[\[\s*[\"']?question[\"']?\s*\]\]")
_KEY = re.compile(r"[\"']?([A-Za-z0-9_-]+)[\"']?\s*=")


@dataclass(frozen=True)
class Question:
    """One teach-back question about a section."""

    section: str                # the id of the section it checks
    ask: str
    answers: tuple[str, ...]    # in the order written (2 to 4)
    right: int                  # index of the right answer in `answers`, 0-based
    why: str                    # one or two plain sentences, shown after a wrong answer
    line: int | None = None     # the line of its [[question]] header, for messages

    @property
    def right_answer(self) -> str:
        return self.answers[self.right]


def read_quiz(path: Path, section_ids: set[str] | frozenset[str], language: str,
              problems: list[Problem]) -> tuple[Question, ...]:
    """The questions of a quiz.toml that can be used; a Problem for each one that cannot.

    `section_ids` are the ids of the pack's sections; `language` is the pack's language, whose
    reading measure the text must pass (English and French; other languages are not measured).
    A question over the reading grade is a warning (it is used, like a section that reads too
    hard); every other problem is an error.
    """
    loaded = read_toml(path, problems, MAX_TOML_DEPTH)
    if loaded is None:
        return ()
    data, text = loaded
    headers, keys = _question_lines(text)
    for key in data:
        if key != "question":
            problems.append(Problem(path, _top_key_line(text, key),
                                    f"unknown field '{_short(key)}': each question starts with "
                                    f"a line [[question]]"))
    entries = data.get("question", [])
    if not isinstance(entries, list):
        problems.append(Problem(path, _top_key_line(text, "question"),
                                "'question' must be tables, each starting with a line "
                                "[[question]]"))
        return ()
    questions: list[Question] = []
    per_section: dict[str, int] = {}
    for index, entry in enumerate(entries):
        header = headers[index] if index < len(headers) else None
        lines = keys[index] if index < len(keys) else {}
        if not isinstance(entry, dict):
            problems.append(Problem(path, header, "each question must be a table starting with "
                                                  "a line [[question]]"))
            continue
        question = _check_question(path, entry, header, lines, section_ids, problems)
        if question is None:
            continue
        per_section[question.section] = per_section.get(question.section, 0) + 1
        if per_section[question.section] > MAX_PER_SECTION:
            problems.append(Problem(path, header,
                                    f"section '{question.section}' already has "
                                    f"{MAX_PER_SECTION} questions; the limit is "
                                    f"{MAX_PER_SECTION}"))
            continue
        _check_reading(path, question, language, problems)
        questions.append(question)
    return tuple(questions)


def _check_question(path: Path, entry: dict, header: int | None, lines: dict[str, int],
                    section_ids, problems: list[Problem]) -> Question | None:
    count = len(problems)

    def problem(field: str, message: str) -> None:
        problems.append(Problem(path, lines.get(field, header), f"field '{field}': {message}"))

    for key in entry:
        if key not in _FIELDS:
            problems.append(Problem(path, lines.get(key, header),
                                    f"unknown field '{_short(key)}' (expected "
                                    f"{', '.join(_FIELDS)})"))
    for key in _FIELDS:
        if key not in entry:
            message = ("is missing: give the number of the right answer (1 for the first)"
                       if key == "right" else "is missing")
            problems.append(Problem(path, header, f"field '{key}' {message}"))

    section = entry.get("section")
    if "section" in entry:
        if not isinstance(section, str):
            problem("section", "must be the id of a section, such as \"freeze-thaw-cycles\"")
        elif section not in section_ids:
            problem("section", f"there is no section '{_short(section)}' in this pack")

    ask = _text(entry, "ask", MAX_ASK_CHARS, problem)
    why = _text(entry, "why", MAX_WHY_CHARS, problem)

    answers: list[str] = []
    raw = entry.get("answers")
    if "answers" in entry:
        if not (isinstance(raw, list) and all(isinstance(a, str) for a in raw)):
            problem("answers", "must be a list of texts, such as [\"Yes\", \"No\"]")
        elif not MIN_ANSWERS <= len(raw) <= MAX_ANSWERS:
            problem("answers", f"has {len(raw)} answer(s); give {MIN_ANSWERS} to "
                               f"{MAX_ANSWERS}")
        else:
            answers = [" ".join(a.split()) for a in raw]
            seen: set[str] = set()
            for number, answer in enumerate(answers, 1):
                if not answer:
                    problem("answers", f"answer {number} is empty")
                elif len(answer) > MAX_ANSWER_CHARS:
                    problem("answers", f"answer {number} is {len(answer)} characters long; "
                                       f"the limit is {MAX_ANSWER_CHARS}")
                elif answer.casefold() in seen:
                    problem("answers", f"answer {number} is the same as an earlier one: "
                                       f"'{_short(answer)}'")
                seen.add(answer.casefold())

    right = entry.get("right")
    if "right" in entry:
        if isinstance(right, bool) or not isinstance(right, int):
            problem("right", f"must be the number of the right answer (1 for the first), not "
                             f"{_short(repr(right))}")
        elif answers and not 1 <= right <= len(answers):
            problem("right", f"is {right}, but there are {len(answers)} answers: give a "
                             f"number from 1 to {len(answers)}")
    if len(problems) > count:
        return None
    return Question(section, ask, tuple(answers), right - 1, why, header)


def _text(entry: dict, field: str, limit: int, problem) -> str:
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


def question_text(question: Question) -> str:
    """The question, its answers and its explanation as one text, each its own sentence."""
    return "\n\n".join((question.ask, *question.answers, question.why))


def _check_reading(path: Path, question: Question, language: str,
                   problems: list[Problem]) -> None:
    """A warning if the question, its answers and its explanation together read too hard."""
    if language == "fr":
        ease = measure(question_text(question), "fr").kandel_moles
        if ease < MIN_KANDEL_MOLES:
            problems.append(Problem(path, question.line,
                                    f"question about '{question.section}' reads too hard "
                                    f"(Kandel–Moles {ease:.0f}; at least {MIN_KANDEL_MOLES}): "
                                    f"use shorter words and sentences", "warning"))
    elif language == "en" or language.startswith("en-") or language.startswith("en_"):
        grade = measure(question_text(question)).grade
        if grade > MAX_GRADE:
            problems.append(Problem(path, question.line,
                                    f"question about '{question.section}' reads too hard "
                                    f"(grade {grade:.1f}; at most {MAX_GRADE}): use shorter "
                                    f"words and sentences", "warning"))


def _question_lines(text: str) -> tuple[list[int], list[dict[str, int]]]:
    """The line of each [[question]] header and, under it, of each `key =`: one pass, for
    messages only (a best guess: a line inside a multi-line string may be taken for a key)."""
    headers: list[int] = []
    keys: list[dict[str, int]] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if _HEADER.match(line):
            headers.append(number)
            keys.append({})
        elif keys and not line.startswith(("#", "[")):
            found = _KEY.match(line)
            if found:
                keys[-1].setdefault(found.group(1), number)
    return headers, keys


def _top_key_line(text: str, key: str) -> int | None:
    """The line of a key before the first [[question]], or of a table named after it."""
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if _HEADER.match(line):
            if key == "question":
                return number
            continue
        found = _KEY.match(line)
        if found and found.group(1) == key:
            return number
        if line.startswith("[") and line.strip("[] \t\"'").startswith(key):
            return number
    return None


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"
