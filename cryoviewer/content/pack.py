"""Loading and validating a content pack: a manifest.toml and one Markdown file per section."""

from __future__ import annotations

import re
from pathlib import Path

from .body_checks import check_body
from ..files import Problem, read_text, read_toml, toml_line
from .model import Pack, PackError, Section
from .section_file import ID_PATTERN, PHASE_NAME, parse_section, valid_step

MANIFEST = "manifest.toml"
CAPTIONS = "captions.toml"
_REQUIRED_FIELDS = ("language", "title", "sections")
_MANIFEST_FIELDS = _REQUIRED_FIELDS + ("still",)
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?\Z")


def load_pack(root: str | Path) -> Pack:
    """The pack in a folder; PackError listing every problem if it cannot be used."""
    root = Path(root)
    pack, problems = check_pack(root)
    if pack is None:
        raise PackError(root, problems)
    return pack


def check_pack(root: str | Path) -> tuple[Pack | None, list[Problem]]:
    """Validate a pack folder: the pack (None if any error) and every problem found."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(root, None, "content folder not found"))
        return None, problems
    manifest = _read_manifest(root / MANIFEST, problems)
    if manifest is None:
        return None, problems

    sections: list[Section] = []
    for name, line in manifest["sections"]:
        path = root / name
        if not (root / name).resolve().is_relative_to(root.resolve()) or Path(name).is_absolute():
            problems.append(Problem(root / MANIFEST, line,
                                    f"section file '{name}' is outside the pack folder"))
            continue
        text = read_text(path, problems)
        section = parse_section(path, text, problems) if text is not None else None
        if section:
            sections.append(section)

    _check_unique(sections, "id", problems)
    _check_unique(sections, "order", problems)
    ids = {s.id for s in sections}
    for section in sections:
        check_body(section, root, ids, problems)
    listed = {(root / name).resolve() for name, _ in manifest["sections"]}
    for stray in sorted(root.glob("*.md")):
        if stray.resolve() not in listed:
            problems.append(Problem(stray, None, f"not listed in {MANIFEST}, so not shown",
                                    "warning"))

    captions = _read_captions(root / CAPTIONS, problems) if (root / CAPTIONS).exists() else {}

    if any(p.severity == "error" for p in problems):
        return None, problems
    ordered = tuple(sorted(sections, key=lambda s: s.order))
    return Pack(root, manifest["language"], manifest["title"], ordered, tuple(problems),
                manifest["still"], captions), problems


def _read_captions(path: Path, problems: list[Problem]) -> dict[str, dict[str, str]]:
    """captions.toml: a table per scenario, one line of plain words per phase (id or kind)."""
    loaded = read_toml(path, problems)
    if loaded is None:
        return {}
    data, text = loaded
    captions: dict[str, dict[str, str]] = {}
    for scenario, table in data.items():
        if not (isinstance(table, dict) and ID_PATTERN.match(scenario)):
            line = toml_line(text, scenario) or toml_line(text, "", scenario)
            problems.append(Problem(path, line,
                                    f"'{scenario}' must be a table named after a scenario, "
                                    f"such as [liver-probe]"))
            continue
        captions[scenario] = {}
        for phase, caption in table.items():
            line = toml_line(text, phase, scenario)
            if not PHASE_NAME.match(phase):
                problems.append(Problem(path, line, f"[{scenario}] '{phase}' is not a phase such "
                                                    f"as 'freeze', 'freeze2' or 'heal'"))
            elif not (isinstance(caption, str) and caption.strip()):
                problems.append(Problem(path, line, f"[{scenario}] {phase}: the caption must be "
                                                    f"non-empty text"))
            else:
                captions[scenario][phase] = " ".join(caption.split())
    return captions


def _read_manifest(path: Path, problems: list[Problem]) -> dict | None:
    loaded = read_toml(path, problems)
    if loaded is None:
        return None
    data, text = loaded
    count = len(problems)
    line_of = {key: toml_line(text, key) for key in data}
    for key in data:
        if key not in _MANIFEST_FIELDS:
            problems.append(Problem(path, line_of[key], f"unknown field '{key}' "
                                                        f"(expected {', '.join(_MANIFEST_FIELDS)})"))
    for key in _REQUIRED_FIELDS:
        if key not in data:
            problems.append(Problem(path, None, f"field '{key}' is missing"))
    language, title, sections = data.get("language"), data.get("title"), data.get("sections")
    if "language" in data and not (isinstance(language, str) and _LANGUAGE.match(language)):
        problems.append(Problem(path, line_of["language"],
                                f"field 'language' must be a language code such as 'en' or "
                                f"'fr', not {language!r}"))
    if "title" in data and not (isinstance(title, str) and title.strip()):
        problems.append(Problem(path, line_of["title"], "field 'title' must be non-empty text"))
    if "sections" in data and not (isinstance(sections, list) and sections
                                   and all(isinstance(s, str) and s.strip() for s in sections)):
        problems.append(Problem(path, line_of["sections"],
                                "field 'sections' must be a list of file names, "
                                "such as [\"introduction.md\"]"))
    still = data.get("still")
    if "still" in data and not (isinstance(still, str) and valid_step(still)):
        problems.append(Problem(path, line_of["still"],
                                f"field 'still' must read 'scenario/phase' (for example "
                                f"'liver-probe/freeze2'), not {still!r}"))
    if len(problems) > count:
        return None
    return {"language": language, "title": title.strip(), "still": still,
            "sections": [(name, _quoted_line(text, name) or line_of["sections"])
                         for name in sections]}


def _quoted_line(text: str, value: str) -> int | None:
    """The line on which a quoted value (a section file name) first appears."""
    match = re.search(r"[\"']" + re.escape(value) + r"[\"']", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


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
