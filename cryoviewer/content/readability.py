"""Reading grade of plain-language text, computed offline.

The content must stay at Flesch-Kincaid grade 8 or lower. Libraries that compute this either
download dictionaries at first use or pull in large dependencies, so the grade is computed here:
the standard formula with a rule-based syllable count, which is what those libraries fall back to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
# A sentence ends at . ! or ? before a space, at a colon that ends a block, and at the end of
# every paragraph, heading or list item (each list item reads as a sentence of its own).
# (Each run of marks is tried once, from its start: linear time on any text.)
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+(?=\s|$)|:(?=\s*$)")
# A link or picture keeps its words. No bracket inside the brackets, no parenthesis inside the
# target: every attempt stops at the next one, so a line of 250,000 '[' is read in linear time.
_MARKDOWN_NOISE = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)|[*_`#>]")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level (0 for empty text)."""
        if not self.words:
            return 0.0
        return (0.39 * self.words / self.sentences
                + 11.8 * self.syllables / self.words - 15.59)


def syllables(word: str) -> int:
    """Estimate the syllables in one English word (at least 1)."""
    w = word.lower().replace("’", "'").split("'")[0]
    if w.isdigit() or not w:
        return 1
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        w = w[:-1]
    elif w.endswith(("es", "ed")) and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges",
                                                        "xes", "shes", "ches")):
        w = w[:-2]
    count = len(_VOWEL_GROUPS.findall(w))
    # "ia", "io", "iu", "ua" are two syllables ("radiation", "medium", "usual") except in
    # "-cial", "-tion", "-sion" and after "q" or "g" ("quality", "language")
    count += len(re.findall(r"(?<![cst])i[aou]|(?<![qg])ua", w))
    return max(1, count)


def plain_text_blocks(markdown: str) -> list[str]:
    """Split Markdown into blocks that read as sentences (paragraphs, headings, list items)."""
    blocks, current = [], []
    for line in markdown.splitlines():
        stripped = line.strip()
        is_item = bool(re.match(r"([-*+]|\d+[.)])\s", stripped))
        if not stripped or stripped.startswith("#") or is_item:
            if current:
                blocks.append(" ".join(current))
            current = []
            if stripped:
                stripped = re.sub(r"^([-*+]|\d+[.)])\s+", "", stripped)
                current = [stripped]
                if line.lstrip().startswith("#"):
                    blocks.append(stripped)
                    current = []
            continue
        current.append(stripped)
    if current:
        blocks.append(" ".join(current))
    return [_MARKDOWN_NOISE.sub(lambda m: m.group(1) or "", b).strip() for b in blocks if b.strip()]


def measure(markdown: str) -> Readability:
    """Count words, sentences and syllables in Markdown text."""
    words = sentences = syl = 0
    for block in plain_text_blocks(markdown):
        found = _WORD.findall(block)
        if not found:
            continue
        words += len(found)
        syl += sum(syllables(w) for w in found)
        text = block.rstrip()
        # A block ends a sentence even without a full stop (a heading, a list item).
        sentences += len(_SENTENCE_END.findall(text)) + (text[-1] not in ".!?:")
    return Readability(words, max(1, sentences), syl)
