"""Loading and validating a content pack: a manifest.toml and one Markdown file per section.

Whatever bytes a pack holds, check_pack returns (pack or None, problems) and never raises: the
checks below find what is wrong, and a last line of defence turns anything they missed into a
Problem (and a logged traceback, so that it gets fixed).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from pathlib import Path

from .body_checks import check_body
from ..files import MAX_TOML_DEPTH, Problem, read_text, read_toml, toml_key_lines
from .limits import (MAX_LINE_CHARS, MAX_PROBLEMS_PER_FILE, MAX_SECTIONS, inside_pack,
                     name_problem)
from .model import Pack, PackError, Section
from .quiz import QUIZ, read_quiz
from .section_file import ID_PATTERN, PHASE_NAME, parse_section, valid_step
from .treatments import Treatments, builtin_treatments, names_a_step, treatments_in

MANIFEST = "manifest.toml"
CAPTIONS = "captions.toml"
_REQUIRED_FIELDS = ("language", "title", "sections")
_MANIFEST_FIELDS = _REQUIRED_FIELDS + ("still",)
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?\Z")
_QUOTED = re.compile(r"\"([^\"\n]*)\"|'([^'\n]*)'")
log = logging.getLogger(__name__)


def load_pack(root: str | Path, treatments: Treatments | None = None) -> Pack:
    """The pack in a folder; PackError listing every problem if it cannot be used."""
    root = Path(root)
    pack, problems = check_pack(root, treatments)
    if pack is None:
        raise PackError(root, problems)
    return pack


def check_pack(root: str | Path, treatments: Treatments | None = None
               ) -> tuple[Pack | None, list[Problem]]:
    """Validate a pack folder: the pack (None if any error) and every problem found, once.

    `treatments` maps each treatment a `step` may name to its steps (default: the viewer's
    own scenario files, and those the pack carries in scenarios/).
    """
    root = Path(root)
    problems: list[Problem] = []
    try:
        pack = _check(root, _treatments_for(root) if treatments is None else treatments,
                      problems)
    except Exception as exc:  # a last line of defence: the checks above should say more
        log.exception("unexpected failure while checking the content pack %s", root)
        problems.append(Problem(root, None, f"could not be read: {type(exc).__name__}"))
        pack = None
    problems = _once(problems)
    if pack is None or any(p.severity == "error" for p in problems):
        return None, problems
    return dataclasses.replace(pack, warnings=tuple(problems)), problems


def _treatments_for(root: Path) -> Treatments:
    """The built-in treatments, and beside them the pack's own (read afresh: a clinic may
    have just changed them); a pack's file never replaces a built-in treatment."""
    own = root / "scenarios"
    if not own.is_dir():
        return builtin_treatments()
    return {**dict(treatments_in.__wrapped__(own)), **builtin_treatments()}


def _check(root: Path, treatments: Treatments, problems: list[Problem]) -> Pack | None:
    if not root.is_dir():
        problems.append(Problem(root, None, "content folder not found"))
        return None
    folder = Path(os.path.realpath(root))
    manifest = _read_manifest(root, treatments, problems)
    if manifest is None:
        return None

    sections: list[Section] = []
    for name, line in manifest["sections"]:
        path = root / name
        text = _read_listed(root, path, line, problems)
        if text is None:
            continue
        _check_lines(path, text, problems)
        section = parse_section(path, text, problems)
        if section and _check_step(section, _header_lines(text), treatments, problems):
            sections.append(section)

    _check_unique(sections, "id", problems)
    _check_unique(sections, "order", problems)
    ids = {s.id for s in sections}
    checked = []
    for section in sections:
        pictures = check_body(section, root, ids, problems)
        checked.append(dataclasses.replace(section, pictures=tuple(pictures.items()),
                                           folder=folder))
    _warn_strays(root, {name for name, _ in manifest["sections"]}, problems)

    captions = {}
    if (root / CAPTIONS).exists() or (root / CAPTIONS).is_symlink():
        text = _read_listed(root, root / CAPTIONS, None, problems)
        if text is not None:
            captions = _read_captions(root / CAPTIONS, treatments, problems)

    questions = ()
    if (root / QUIZ).exists() or (root / QUIZ).is_symlink():
        if _read_listed(root, root / QUIZ, None, problems) is not None:
            questions = read_quiz(root / QUIZ, ids, manifest["language"], problems)

    if any(p.severity == "error" for p in problems):
        return None
    ordered = tuple(sorted(checked, key=lambda s: s.order))
    return Pack(root, manifest["language"], manifest["title"], ordered, (),
                manifest["still"], captions, questions)


def _read_listed(root: Path, path: Path, line: int | None, problems: list[Problem]) -> str | None:
    """A file of the pack, if it (or what a link in its place leads to) is inside the pack."""
    _, reason = inside_pack(root, path)
    if reason == "outside":
        problems.append(Problem(root / MANIFEST if line else path, line,
                                f"section file '{path.name}' is a link to a file outside the "
                                f"pack folder" if line else
                                "is a link to a file outside the pack folder"))
        return None
    if reason and reason != "missing":
        problems.append(Problem(path, None, f"cannot be read: {reason}"))
        return None
    return read_text(path, problems)  # (says "file not found" for a missing one)


def _check_lines(path: Path, text: str, problems: list[Problem]) -> None:
    """One problem for the first line longer than the limit."""
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            problems.append(Problem(path, number, f"line is {len(line):,} characters long; the "
                                                  f"limit is {MAX_LINE_CHARS:,}: break it into "
                                                  f"paragraphs"))
            return


def _check_step(section: Section, field_lines: dict[str, int], treatments: Treatments,
                problems: list[Problem]) -> bool:
    """Whether the section's step and paragraphs name steps that exist."""
    if not section.step:
        return True
    count = len(problems)
    step_line = field_lines.get("step")
    message = step_problem(section.step, treatments)
    if message:
        problems.append(Problem(section.path, step_line, f"field 'step': {message}"))
        return False
    steps = treatments[section.step.split("/")[0]]
    bad = sorted({name for entry in section.paragraphs for name in entry
                  if not names_a_step(name, steps)})
    if bad:
        problems.append(Problem(section.path, field_lines.get("paragraphs"),
                                f"field 'paragraphs': {section.step.split('/')[0]} has no step "
                                f"{', '.join(repr(b) for b in bad)} (its steps are "
                                f"{', '.join(steps)})"))
    return len(problems) == count


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


def _header_lines(text: str) -> dict[str, int]:
    """The line of each field in a section file's header (between the first two '---')."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.split("\n", 200)[1:200], 2):
        if line.strip() == "---":
            break
        name, colon, _ = line.partition(":")
        if colon:
            found.setdefault(name.strip().lower(), number)
    return found


def _read_captions(path: Path, treatments: Treatments, problems: list[Problem]
                   ) -> dict[str, dict[str, str]]:
    """captions.toml: a table per treatment, one line of plain words per step (id or kind)."""
    loaded = read_toml(path, problems, MAX_TOML_DEPTH)
    if loaded is None:
        return {}
    data, text = loaded
    lines = toml_key_lines(text)
    captions: dict[str, dict[str, str]] = {}
    for scenario, table in data.items():
        line = lines.get(("", scenario)) or lines.get((scenario, ""))
        if not (isinstance(table, dict) and ID_PATTERN.match(scenario)):
            problems.append(Problem(path, line, f"'{_short(scenario)}' must be a table named "
                                                f"after a scenario, such as [liver-probe]"))
            continue
        if treatments and scenario not in treatments:
            problems.append(Problem(path, line, f"[{scenario}]: there is no such treatment (the "
                                                f"treatments are {', '.join(sorted(treatments))})"))
            continue
        steps = treatments.get(scenario, ())
        captions[scenario] = {}
        for phase, caption in table.items():
            line = lines.get((scenario, phase))
            if not PHASE_NAME.match(phase):
                problems.append(Problem(path, line, f"[{scenario}] '{_short(phase)}' is not a "
                                                    f"phase such as 'freeze', 'freeze2' or "
                                                    f"'heal'"))
            elif steps and not names_a_step(phase, steps):
                problems.append(Problem(path, line, f"[{scenario}] {scenario} has no step "
                                                    f"'{phase}' (its steps are "
                                                    f"{', '.join(steps)})"))
            elif not (isinstance(caption, str) and caption.strip()):
                problems.append(Problem(path, line, f"[{scenario}] {phase}: the caption must be "
                                                    f"non-empty text"))
            else:
                captions[scenario][phase] = " ".join(caption.split())
    return captions


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


def _read_manifest(root: Path, treatments: Treatments, problems: list[Problem]) -> dict | None:
    path = root / MANIFEST
    if _read_listed(root, path, None, problems) is None:
        return None
    loaded = read_toml(path, problems, MAX_TOML_DEPTH)
    if loaded is None:
        return None
    data, text = loaded
    count = len(problems)
    lines = toml_key_lines(text)
    line_of = {key: lines.get(("", key)) for key in data}
    for key in data:
        if key not in _MANIFEST_FIELDS:
            problems.append(Problem(path, line_of[key], f"unknown field '{_short(key)}' "
                                                        f"(expected {', '.join(_MANIFEST_FIELDS)})"))
    for key in _REQUIRED_FIELDS:
        if key not in data:
            problems.append(Problem(path, None, f"field '{key}' is missing"))
    language, title, sections = data.get("language"), data.get("title"), data.get("sections")
    if "language" in data and not (isinstance(language, str) and _LANGUAGE.match(language)):
        problems.append(Problem(path, line_of["language"],
                                f"field 'language' must be a language code such as 'en' or "
                                f"'fr', not {_short(repr(language))}"))
    if "title" in data and not (isinstance(title, str) and title.strip()):
        problems.append(Problem(path, line_of["title"], "field 'title' must be non-empty text"))
    if "sections" in data and not (isinstance(sections, list) and sections
                                   and all(isinstance(s, str) and s.strip() for s in sections)):
        problems.append(Problem(path, line_of["sections"],
                                "field 'sections' must be a list of file names, "
                                "such as [\"introduction.md\"]"))
    elif "sections" in data and len(sections) > MAX_SECTIONS:
        problems.append(Problem(path, line_of["sections"],
                                f"field 'sections' lists {len(sections)} files; the limit is "
                                f"{MAX_SECTIONS}"))
    still = data.get("still")
    if "still" in data:
        if not (isinstance(still, str) and valid_step(still)):
            problems.append(Problem(path, line_of["still"],
                                    f"field 'still' must read 'scenario/phase' (for example "
                                    f"'liver-probe/freeze2'), not {_short(repr(still))}"))
        elif step_problem(still, treatments):
            problems.append(Problem(path, line_of["still"],
                                    f"field 'still': {step_problem(still, treatments)}"))
    if len(problems) > count:
        return None
    quoted = _quoted_lines(text)
    listed, seen = [], set()
    for name in sections:
        line = quoted.get(name) or line_of["sections"]
        bad = name_problem(name)
        if bad:
            problems.append(Problem(path, line, bad))
        elif name in seen:
            problems.append(Problem(path, line, f"section file '{name}' is listed twice"))
        else:
            seen.add(name)
            listed.append((name, line))
    if len(problems) > count:
        return None
    return {"language": language, "title": title.strip(), "still": still, "sections": listed}


def _quoted_lines(text: str) -> dict[str, int]:
    """The line on which each quoted value (a section file name) first appears: one pass."""
    found: dict[str, int] = {}
    line, last = 1, 0
    for match in _QUOTED.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        found.setdefault(match.group(1) if match.group(1) is not None else match.group(2), line)
    return found


def _check_unique(sections: list[Section], attribute: str, problems: list[Problem]) -> None:
    seen: dict[object, Section] = {}
    for section in sections:
        value = getattr(section, attribute)
        if value in seen:
            first = seen[value]
            problems.append(Problem(section.path, None,
                                    f"{attribute} '{value}' is already used by {first.path.name}"))
        else:
            seen[value] = section


def _warn_strays(root: Path, listed: set[str], problems: list[Problem]) -> None:
    """A warning for each Markdown file in the folder that the manifest does not list."""
    try:
        names = sorted(entry.name for entry in os.scandir(root))
    except OSError:
        return
    for name in names:
        if name.endswith(".md") and name not in listed:
            problems.append(Problem(root / name, None, f"not listed in {MANIFEST}, so not shown",
                                    "warning"))


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once, and at most a screenful per file: the first ones say what to fix."""
    seen: set[tuple] = set()
    per_file: dict[Path, int] = {}
    dropped_error: set[Path] = set()
    kept: list[Problem] = []
    for problem in problems:
        key = (problem.file, problem.line, problem.message, problem.severity)
        if key in seen:
            continue
        seen.add(key)
        per_file[problem.file] = per_file.get(problem.file, 0) + 1
        if per_file[problem.file] <= MAX_PROBLEMS_PER_FILE:
            kept.append(problem)
        elif problem.severity == "error":
            dropped_error.add(problem.file)
    for file, count in per_file.items():
        if count > MAX_PROBLEMS_PER_FILE:
            extra = count - MAX_PROBLEMS_PER_FILE
            kept.append(Problem(file, None, f"... and at least {extra} more problem(s) in this file: fix "
                                            f"those above first",
                                "error" if file in dropped_error else "warning"))
    return kept


def load_with_fallback(requested: Path | None, builtin: Path) -> tuple[Pack, list[Problem]]:
    """The requested pack if it can be used, else the built-in one.

    Returns the pack to show and the problems of the requested pack (its warnings if it was
    used, every problem if it was refused), so the caller can report them. A broken built-in
    pack raises PackError: there is nothing trustworthy left to show.
    """
    if requested is not None:
        pack, problems = check_pack(requested)
        if pack is not None:
            return pack, problems
        return load_pack(builtin), problems
    pack = load_pack(builtin)
    return pack, list(pack.warnings)
