"""A section's Markdown as the text a voice should read, with a map back to the Markdown.

The marks (`**`, `#`, list bullets, link targets, pictures) are dropped; a heading, a list
item or a paragraph that ends without a full stop gets one, so the voice pauses there. Every
character of the spoken text knows the offset of the character it came from in the section's
body, or -1 when it was added (a full stop, a space, the title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK = re.compile(r"[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")
# Inline marks, tried in this order: a picture (dropped whole), a link (its text kept, its
# target dropped), an escaped character (kept), emphasis and code marks (dropped).
_INLINE = re.compile(r"(?P<picture>!\[[^\]\n]*\]\([^)\n]*\))"
                     r"|(?P<link>\[(?P<label>[^\]\n]*)\]\([^)\n]*\))"
                     r"|\\(?P<escaped>[^\w\s])"
                     r"|(?P<mark>\*+|`+|(?<!\w)_+|_+(?!\w))"
                     r"|(?P<autolink><[A-Za-z][\w+.\-]*:[^\s<>]*>)")
_PAUSES = ".!?:;…"
# A word as the reader sees one: letters and digits, joined by an apostrophe, a hyphen or a
# decimal mark ("l’extérieur", "ice-ball", "4.5", "4,5").
WORD = re.compile(r"\w+(?:[’'.,\-]\w+)*")


@dataclass(frozen=True)
class SpokenText:
    """The text to speak and, for each of its characters, its offset in the source (-1:
    added)."""

    text: str
    sources: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The source's characters that the spoken text's [start, end) came from; None if
        they were all added (a word of the title)."""
        known = [s for s in self.sources[start:end] if s >= 0]
        return (min(known), max(known) + 1) if known else None


class _Builder:
    def __init__(self):
        self.chars: list[str] = []
        self.sources: list[int] = []

    def add(self, text: str, source: int = -1):
        for i, char in enumerate(text):
            self.chars.append(char)
            self.sources.append(source + i if source >= 0 else -1)

    def space(self):
        if self.chars and not self.chars[-1].isspace():
            self.add(" ")

    def end_block(self):
        """Closes a paragraph, heading or item: a full stop if it has none, then a break."""
        while self.chars and self.chars[-1].isspace():
            self.chars.pop()
            self.sources.pop()
        if not self.chars:
            return
        if self.chars[-1] not in _PAUSES:
            self.add(".")
        self.add("\n")

    def spoken(self) -> SpokenText:
        self.end_block()
        while self.chars and self.chars[-1].isspace():
            self.chars.pop()
            self.sources.pop()
        return SpokenText("".join(self.chars), tuple(self.sources))


def spoken_markdown(markdown: str, title: str | None = None) -> SpokenText:
    """The words of a Markdown text to be read aloud (the title first, if given), mapped back
    to the Markdown."""
    out = _Builder()
    if title:
        out.add(title)
        out.end_block()
    offset = 0
    for line in markdown.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        start = offset
        offset += len(line)
        if not content.strip():
            out.end_block()
            continue
        block = _BLOCK.match(content)
        if block:
            # A heading or an item is a block of its own, even without a blank line.
            out.end_block()
            head = block.group()
            _inline(content[block.end():], start + block.end(), out)
            if head.lstrip().startswith("#"):
                out.end_block()
            continue
        out.space()
        _inline(content, start, out)
    return out.spoken()


def spoken_section(section) -> SpokenText:
    """A content section (title and Markdown body) as spoken text, mapped to its body."""
    return spoken_markdown(section.body, section.title)


def _inline(text: str, offset: int, out: _Builder):
    position = 0
    for match in _INLINE.finditer(text):
        out.add(text[position:match.start()], offset + position)
        position = match.end()
        if match.group("link") is not None:
            label_start = match.start("label")
            _inline(match.group("label"), offset + label_start, out)
        elif match.group("escaped") is not None:
            out.add(match.group("escaped"), offset + match.start("escaped"))
    out.add(text[position:].rstrip(), offset + position)
    out.add(" ")


_LOOK_AHEAD = 12  # shown words a spoken word may skip (a picture's label, a dropped mark)


def place_words(spoken: SpokenText, words, shown: str) -> list[tuple[int, int] | None]:
    """Where each spoken word (engine.Word, in the spoken text) is in `shown`, the section's
    text as the reader shows it: (start, end) there, or None for a word not shown (the
    title's). Words are matched in order, each after the one before."""
    targets = [(m.start(), m.end(), m.group()) for m in WORD.finditer(shown)]
    places: list[tuple[int, int] | None] = []
    at = 0
    for word in words:
        place = None
        if spoken.source_span(word.start, word.end) is not None:
            text = spoken.text[word.start:word.end]
            for i in range(at, min(len(targets), at + _LOOK_AHEAD)):
                if targets[i][2] == text:
                    place, at = targets[i][:2], i + 1
                    break
        places.append(place)
    return places
