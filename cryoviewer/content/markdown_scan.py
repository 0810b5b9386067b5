"""Finding every link and picture target in Markdown, in one pass, whatever the text holds.

This is not a Markdown parser: it errs on the side of finding too much. Every `](` starts a
target (inline links and pictures, whatever their titles, angle brackets or nested brackets),
every `[label]:` at the start of a line is a reference definition, and every `![...]` or
`[...][label]` is a use of one. Each target is the text up to the first character that cannot
be part of a plain file name, so the scans of two targets never overlap and the whole pass is
linear in the text's length (no regular expression here can backtrack over its input).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_LABEL = 999  # CommonMark: a longer bracketed text is never a reference label
MAX_NESTING = 32  # brackets inside brackets; patient text needs 2
MAX_TARGETS = 1_000  # links and pictures in one section; beyond, the text is not for reading

_SPECIAL = re.compile(r"[\\\[\]\n]")
# A plain target ends at whitespace or at a character that a file name never needs.
_PLAIN = re.compile(r"[^\s()<>\[\]\\]*")
_ANGLED = re.compile(r"[^<>\n\\]*")
_BLANKS = re.compile(r"[ \t]*\n?[ \t]*")
_NOT_SPACE = re.compile(r"\S*")
# What may come before a definition's '[' on its line: indentation, quote and list markers.
_CONTAINER = re.compile(r"[ \t>*+\-0-9.)]*")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_BARE_URL = re.compile(r"(?<![\w/.(<])(?:(?:https?|ftp)://|www\.)[^\s<>]*", re.I)
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+\.[\w.\-]+")


@dataclass(frozen=True)
class Target:
    """A link or picture target as written, and where it starts."""

    kind: str     # "image", "link", "definition", or "nesting" / "too many" (limits passed)
    raw: str      # the target's text, without angle brackets
    offset: int   # in the text, for the line number
    trailer: str = ""  # the character that ended it if a file name cannot hold it, else ""
    label: str = ""    # for a definition: its normalised label


@dataclass(frozen=True)
class Scan:
    targets: tuple[Target, ...]
    image_labels: frozenset[str]  # reference labels used by pictures
    link_labels: frozenset[str]   # reference labels used by links
    autolinks: tuple[tuple[str, int], ...]  # (address, offset) of <scheme:...> and bare URLs


def normalise_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def scan(text: str) -> Scan:
    """Every target in a Markdown text (see the module's description)."""
    targets: list[Target] = []
    image_labels: set[str] = set()
    link_labels: set[str] = set()
    openers: list[tuple[int, bool]] = []  # (offset of '[', preceded by an unescaped '!')
    escaped = -1  # offset of the character a backslash made literal
    line_start = 0
    prefix: dict[int, int] = {}  # line start -> end of its indentation and container markers
    too_deep = False
    resume = 0  # the brackets of a [label] after [text] are not brackets of their own
    for match in _SPECIAL.finditer(text):
        at, mark = match.start(), match.group()
        if at == escaped or (at < resume and mark != "\n"):
            continue
        if mark == "\\":
            escaped = at + 1
        elif mark == "\n":
            line_start = at + 1
            end = text.find("\n", line_start)
            if not text[line_start:len(text) if end < 0 else end].strip():
                openers.clear()  # a blank line ends the paragraph: brackets do not pair across
        elif mark == "[":
            bang = at > 0 and text[at - 1] == "!" and escaped != at - 1
            if len(openers) >= MAX_NESTING:
                if not too_deep:
                    targets.append(Target("nesting", "", at))
                too_deep = True
                openers.clear()
            openers.append((at, bang))
        elif len(targets) > MAX_TARGETS:
            targets.append(Target("too many", "", at))
            break
        else:  # "]"
            opener = openers.pop() if openers else None
            if opener is None and not text.startswith("(", at + 1):
                continue  # text, not a target
            if line_start not in prefix:
                prefix[line_start] = _CONTAINER.match(text, line_start).end()
            resume = _closing(text, at, opener, prefix[line_start], targets, image_labels,
                              link_labels)
    autolinks = [(m.group(1), m.start()) for m in _AUTOLINK.finditer(text)]
    autolinks += [(m.group(), m.start()) for m in _BARE_URL.finditer(text)]
    autolinks += [(m.group(), m.start()) for m in _EMAIL.finditer(text)]
    return Scan(tuple(targets), frozenset(image_labels), frozenset(link_labels),
                tuple(autolinks))


def _closing(text: str, at: int, opener: tuple[int, bool] | None, prefix_end: int,
             targets: list[Target], image_labels: set[str], link_labels: set[str]) -> int:
    """What the ']' at `at` closes: an inline target, a definition or a reference. Returns
    the offset after a [label] that follows, whose brackets the scan skips (else 0)."""
    is_image = bool(opener and opener[1])
    after = text[at + 1:at + 2]
    if after == "(":
        targets.append(_target("image" if is_image else "link", text, at + 2))
        return 0
    if opener is None or at - opener[0] > MAX_LABEL + 1:
        return 0
    label = normalise_label(text[opener[0] + 1:at])
    if after == ":" and not is_image and opener[0] == prefix_end:
        found = _target("definition", text, at + 2, definition=True)
        targets.append(Target(found.kind, found.raw, found.offset, found.trailer, label))
        return 0
    resume = 0
    if after == "[":  # [text][label] or ![alt][] (the text itself is the label)
        close = text.find("]", at + 2, at + 3 + MAX_LABEL)
        inner = text[at + 2:close] if close >= 0 else ""
        if close >= 0 and "[" not in inner:
            label = normalise_label(inner) or label
            resume = close + 1
    (image_labels if is_image else link_labels).add(label)
    return resume


def _target(kind: str, text: str, start: int, definition: bool = False) -> Target:
    """The target starting at `start` (after '(' or ']:'): blanks, then <...> or plain text."""
    start = _BLANKS.match(text, start).end()
    if text.startswith("<", start):
        end = _ANGLED.match(text, start + 1).end()
        trailer = "" if text.startswith(">", end) else text[end:end + 1]
        return Target(kind, text[start + 1:end], start, trailer)
    end = (_NOT_SPACE if definition else _PLAIN).match(text, start).end()
    stop = text[end:end + 1]
    return Target(kind, text[start:end], start, "" if not stop or stop.isspace() or stop == ")"
                  else stop)
