"""Checks on a section's Markdown: links, pictures and raw HTML, each reported with its line."""

from __future__ import annotations

import re
from pathlib import Path

from .model import Problem, Section

_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML = re.compile(r"<!--|<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE_SPAN = re.compile(r"`[^`]*`")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def check_body(section: Section, pack_root: Path, ids: set[str], problems: list[Problem]) -> None:
    """Record every bad link, picture or HTML tag in a section's text."""
    for offset, raw in enumerate(section.body.split("\n")):
        number = section.body_line + offset
        line = _CODE_SPAN.sub("", raw)
        tag = _HTML.search(_LINK.sub("", line))
        if tag:
            problems.append(Problem(section.path, number, f"HTML is not allowed ('{tag.group(0)}'); "
                                                          "write plain Markdown instead"))
        for match in _LINK.finditer(line):
            is_image, target = match.group(1) == "!", match.group(2)
            problem = (_image_problem(target, pack_root) if is_image
                       else _link_problem(target, ids))
            if problem:
                message, severity = problem
                problems.append(Problem(section.path, number, message, severity))


def _link_problem(target: str, ids: set[str]) -> tuple[str, str] | None:
    if target.startswith("#"):
        if target[1:] not in ids:
            return f"link to a section that does not exist: '{target}'", "error"
        return None
    if _SCHEME.match(target):
        return (f"link to '{target}' will never open (the viewer works offline); say where to "
                "find the information instead", "warning")
    return (f"link target '{target}' is not a section: write links to sections as "
            "(#section-id)", "error")


def _image_problem(target: str, pack_root: Path) -> tuple[str, str] | None:
    if not target or _SCHEME.match(target) or target.startswith(("/", "\\")):
        return f"picture '{target}' must be a file inside the pack folder", "error"
    root = pack_root.resolve()
    path = (root / target).resolve()
    if not path.is_relative_to(root):
        return f"picture '{target}' is outside the pack folder", "error"
    if not path.is_file():
        return f"picture '{target}' not found in the pack folder", "error"
    return None
