"""Reading ease of plain-language text, computed offline, with each language's own measure.

English content must stay at Flesch-Kincaid grade 8 or lower; French content must score 60 or more
on the Kandel-Moles scale (Kandel & Moles 1958, Flesch's reading ease refitted to French: 100 is
very easy, 60-70 is plain, below 50 is hard). Libraries that compute these either download
dictionaries at first use or pull in large dependencies, so both are computed here: the standard
formulas with a rule-based syllable count, which is what those libraries fall back to.
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
MIN_KANDEL_MOLES = 60  # French content must read at least this easily (aim for 70)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def kandel_moles(self) -> float:
        """Kandel-Moles reading ease for French (higher is easier; 207 for empty text)."""
        if not self.words:
            return 207.0
        return 207 - 1.015 * self.words / self.sentences - 73.6 * self.syllables / self.words

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


def measure(markdown: str, language: str = "en") -> Readability:
    """Count words, sentences and syllables in Markdown text written in `language`.

    French ("fr") uses French words (accents, elisions such as "l’eau" read as one word) and
    `syllables_fr`; every other language is counted as English.
    """
    french = language == "fr"
    word_pattern, count = (_WORD_FR, syllables_fr) if french else (_WORD, syllables)
    words = sentences = syl = 0
    for block in plain_text_blocks(markdown):
        found = word_pattern.findall(block)
        if not found:
            continue
        words += len(found)
        syl += sum(count(w) for w in found)
        text = block.rstrip()
        # A block ends a sentence even without a full stop (a heading, a list item).
        sentences += len(_SENTENCE_END.findall(text)) + (text[-1] not in ".!?:")
    return Readability(words, max(1, sentences), syl)


# -- French ---------------------------------------------------------------------------------------

_LETTERS_FR = "A-Za-zÀ-ÖØ-öø-ÿŒœÆæ"
# A French word: letters, joined by elisions and hyphens ("l’eau", "c’est-à-dire" read as one word).
_WORD_FR = re.compile(rf"[{_LETTERS_FR}]+(?:['’-][{_LETTERS_FR}]+)*|\d+(?:[.,]\d+)*")
_VOWELS_FR = "aeiouyàâäéèêëîïôöùûüÿœæ"
_VOWEL_GROUPS_FR = re.compile(rf"[{_VOWELS_FR}]+")
# Words in "-ent" that are not verbs: there "-ent" is heard (a nasal vowel) and counts.
_SOUNDED_ENT = frozenset("""absent accident adolescent agent argent client compétent content
    différent évident excellent fréquent intelligent parent patient permanent présent précédent
    prudent récent somnolent souvent urgent""".split())


def _vowel_groups_fr(w: str) -> int:
    # "é" and a vowel with a diaeresis ("ï", "ë", "ü") are heard on their own ("ré-a-li-ser",
    # "cré-é", "na-ïf"): they start a group and "é" also ends one.
    w = re.sub(r"([éïëü])", r" \1", w)
    w = re.sub(r"é", "é ", w)
    count = len(_VOWEL_GROUPS_FR.findall(w))
    # "ia", "io", "ya", "yo" are two syllables ("ra-di-a-tion", "cry-o", "bi-op-sie"), except
    # after c, s, t, x ("-tion", "-sion", "spé-cial") where the "i" glides into the next vowel.
    count += len(re.findall(r"(?<![cstx ])[iy][ao]", w))
    return count


def syllables_fr(word: str) -> int:
    """Estimate the syllables in one French word (at least 1), as spoken, not as in verse.

    The approximation, rule by rule:

    - a run of vowels is one syllable, so "eau", "au", "ou", "ai", "ei", "oi", "eu" and "œu"
      count once; "y" is a vowel;
    - "u" after "q" is silent ("que", "jusqu’à"), and after "g" before "e", "i", "y" ("guérir");
    - "é" and a vowel with a diaeresis ("ï", "ë") stand alone ("ré-a-gir", "na-ïf");
    - "ia", "io", "ya", "yo" are two syllables except after "c", "s", "t", "x" ("tion");
    - a final mute "e" or "es" is not counted ("glace", "cellules"), nor a final "ent" that
      is probably a verb ("peuvent"); "-ment" and a short list of nouns and adjectives
      ("souvent", "patient", "différent") keep theirs. A verb cannot be told from a word
      like them without a dictionary, so this is approximate;
    - a word of one vowel group is one syllable ("le", "des", "vent");
    - elisions and hyphens join words: "l’eau" is "leau", one syllable; "c’est-à-dire" three;
    - a number counts as one syllable, like in English.
    """
    w = word.lower().replace("’", "'")
    if not w or w[0].isdigit():
        return 1
    total = 0
    for part in w.split("-"):
        total += _syllables_fr_part(part.replace("'", ""))
    return max(1, total)


def _syllables_fr_part(w: str) -> int:
    if not w:
        return 0
    sounded_ent = w in _SOUNDED_ENT
    w = re.sub(r"qu", "q", w)
    w = re.sub(r"gu(?=[eiyéèêë])", "g", w)
    groups = _vowel_groups_fr(w)
    if groups <= 1:
        return 1
    if w.endswith("ent") and not w.endswith("ment") and not sounded_ent:
        w = w[:-3]
    elif w.endswith("es"):
        w = w[:-2]
    elif w.endswith("e"):
        w = w[:-1]
    return max(1, _vowel_groups_fr(w))
