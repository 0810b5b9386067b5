"""Checks on a section's Markdown: links, pictures and raw HTML, each reported with its line.

Every check runs in one pass over the text (see markdown_scan), so a damaged or hostile file is
checked as fast as a good one.
"""

from __future__ import annotations

import bisect
import html
import re
from pathlib import Path
from urllib.parse import unquote

from .limits import IMAGE_TYPES, MAX_PICTURE_BYTES, MAX_TARGET_CHARS, inside_pack
from .markdown_scan import MAX_TARGETS, Target, scan
from .model import Problem, Section

# Raw HTML: a tag (opening or closing, possibly over several lines), a comment, a declaration
# or a processing instruction. [^<>]* stops at the next '<', so every start is scanned once.
_HTML = re.compile(r"<!--|<![A-Za-z]|<!\[CDATA\[|<\?|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]{0,31}:")
_WEB = ("http:", "https:", "ftp:", "mailto:", "tel:", "www.")
_SHOWN = 60  # characters of a bad target quoted in a message
_ENOUGH = 100  # problems in one text, after which the rest of it is not checked


def check_body(section: Section, pack_root: Path, ids: set[str],
               problems: list[Problem]) -> dict[str, Path]:
    """Record every bad link, picture or HTML tag in a section's text; return its pictures
    (the target as written -> the file inside the pack)."""
    body = section.body
    starts = [0] + [m.end() for m in re.finditer("\n", body)]

    def line_of(offset: int) -> int:
        return section.body_line + bisect.bisect_right(starts, offset) - 1

    count = len(problems)
    said: set[tuple[int, str]] = set()

    def report(offset: int, message: str, severity: str = "error") -> None:
        line = line_of(offset)
        if (line, message) not in said:  # each problem once
            said.add((line, message))
            problems.append(Problem(section.path, line, message, severity))

    code_free = _CODE_SPAN.sub(lambda m: " " * len(m.group()), body)
    tag = _HTML.search(code_free)
    if tag:
        report(tag.start(), f"HTML is not allowed ('{_short(tag.group())}'); write plain "
                            f"Markdown instead")

    found = scan(body)
    pictures: dict[str, Path] = {}
    for target in found.targets:
        if len(problems) - count >= _ENOUGH:
            break
        kind = target.kind
        if kind == "too many":
            report(target.offset, f"more than {MAX_TARGETS} links and pictures in one section: "
                                  f"the rest of it was not checked")
            continue
        if kind == "nesting":
            report(target.offset, "brackets [ ] are nested too deeply: this is not text a "
                                  "reader can follow")
            continue
        if kind == "definition":
            uses = (target.label in found.image_labels, target.label in found.link_labels)
            kinds = ["image"] * uses[0] + ["link"] * uses[1]
            if not kinds:
                kinds = ["link" if target.raw.startswith("#") or _SCHEME.match(target.raw)
                         else "image"]
        else:
            kinds = [kind]
        for kind in kinds:
            if kind == "image":
                problem, path = _image_problem(target, pack_root)
                if path is not None:
                    pictures[target.raw] = path
            else:
                problem = _link_problem(target, ids)
            if problem:
                report(target.offset, *problem)
    spans = sorted((t.offset, t.offset + len(t.raw)) for t in found.targets)
    starts_of_spans = [start for start, _ in spans]
    for address, offset in found.autolinks:
        inside = bisect.bisect_right(starts_of_spans, offset) - 1
        if inside >= 0 and offset <= spans[inside][1]:
            continue  # the target of a link already reported
        if len(problems) - count >= _ENOUGH:
            break
        report(offset, f"link to '{_short(address)}' will never open (the viewer works "
                       f"offline); say where to find the information instead", "warning")
    return pictures


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


def _decoded(raw: str) -> str:
    """A target as the viewer reads it: entities (&#47;), backslash escapes and %2F decoded."""
    return unquote(re.sub(r"\\(.)", r"\1", html.unescape(raw)))


def _link_problem(target: Target, ids: set[str]) -> tuple[str, str] | None:
    if len(target.raw) > MAX_TARGET_CHARS:
        return f"link target is longer than {MAX_TARGET_CHARS} characters", "error"
    shown = _short(target.raw)
    if target.trailer:
        return (f"link target '{shown}' is followed by '{target.trailer}': write links to "
                f"sections as (#section-id)", "error")
    link = _decoded(target.raw)
    if link.startswith("#"):
        if link[1:] not in ids:
            return f"link to a section that does not exist: '{shown}'", "error"
        return None
    if link.lower().startswith(_WEB):
        return (f"link to '{shown}' will never open (the viewer works offline); say where to "
                "find the information instead", "warning")
    if not link:
        return "a link with no target: write links to sections as (#section-id)", "error"
    return (f"link target '{shown}' is not a section: write links to sections as "
            "(#section-id)", "error")


def _image_problem(target: Target, pack_root: Path) -> tuple[tuple[str, str] | None,
                                                             Path | None]:
    shown = _short(target.raw)
    if len(target.raw) > MAX_TARGET_CHARS:
        return (f"picture name is longer than {MAX_TARGET_CHARS} characters", "error"), None
    if target.trailer:
        return (f"picture '{shown}' is followed by '{target.trailer}': a picture's file name "
                f"may not hold brackets, '<', '>' or '\\'", "error"), None
    name = _decoded(target.raw)
    if (not name or _SCHEME.match(name) or name.startswith(("/", "\\", "~"))
            or "\\" in name or "\0" in name):
        return (f"picture '{shown}' must be a file inside the pack folder, written like "
                f"images/probe.png", "error"), None
    if "?" in name or "#" in name:
        return (f"picture '{shown}': a picture's file name may not hold '?' or '#'",
                "error"), None
    if Path(name).suffix.lower() not in IMAGE_TYPES:
        return (f"picture '{shown}' is not a picture file: use "
                f"{', '.join(sorted(IMAGE_TYPES))}", "error"), None
    path, reason = inside_pack(pack_root, pack_root / name)
    if reason == "outside":
        return (f"picture '{shown}' is outside the pack folder", "error"), None
    if reason == "missing":
        return (f"picture '{shown}' not found in the pack folder", "error"), None
    if reason:
        return (f"picture '{shown}' cannot be used: {reason}", "error"), None
    try:
        info = path.stat()
    except OSError as exc:
        return (f"picture '{shown}' cannot be read: {exc.strerror or exc}", "error"), None
    if not path.is_file():
        return (f"picture '{shown}' is not a file", "error"), None
    if info.st_size > MAX_PICTURE_BYTES:
        return (f"picture '{shown}' is too large ({info.st_size // 1024} KB; the limit is "
                f"{MAX_PICTURE_BYTES // 1024} KB)", "error"), None
    return None, path
