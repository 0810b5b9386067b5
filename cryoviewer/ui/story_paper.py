"""The children's story on paper: its title, then each page on a sheet of its own — the page's
picture (the friendly look, in the print theme's colours, at 250 dpi) over its text in large,
open type — with the footer every printed document has (document.py).

One story page a sheet: a child looks at one picture at a time, as on the screen, and the
picture stays large enough to point at.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from PySide6.QtCore import QCoreApplication

from ..content import Story
from .document import Document
from .palette import PRINT
from .paper import PageBreak, Paper, Picture, Text
from .preparation import Preparer
from .story_picture import StoryPictures

PICTURE_DPI = 250        # the picture's pixels on paper (≥ 200: sharp in print)
PICTURE_MM = 125         # its height at the most: the text and the title keep their room
TEXT_PT = 20             # a child's story: large type (≥ 18 pt)
LINE_SPACING = 140       # per cent: open lines, easy to follow with a finger
_MARKDOWN = re.compile(r"([\\`*_\[\]#<>!|~])")
translate = QCoreApplication.translate


class StoryOnPaper(Document):
    """`story` in `language`; its pictures from the runs `preparer` holds (or computes)."""

    def __init__(self, story: Story, language: str, preparer: Preparer,
                 today: date | None = None):
        self.story, self.language, self.preparer = story, language, preparer
        self.title = story.title
        self.today = today or date.today()

    def blocks(self, paper: Paper) -> Iterator:
        """The title, then each page's picture and text, a sheet a page; "waiting" while a
        picture's moment is still being computed, "picture" after each one drawn."""
        pictures = StoryPictures(self.preparer, PRINT)
        pictures.prepare(self.story.pages)
        yield Text(f"# {_plain(self.title)}")
        yield Text(translate("Paper", "A story to read with your child"), TEXT_PT)
        try:
            for number, page in enumerate(self.story.pages):
                if number:
                    yield PageBreak()
                aspect = pictures.aspect(page)
                width = round(min(paper.width, paper.mm(PICTURE_MM) * aspect) / paper.dpi
                              * PICTURE_DPI)
                image = pictures.image(page, width, round(width / aspect))
                while image is None and self._computing(page.scenario):
                    yield "waiting"
                    image = pictures.image(page, width, round(width / aspect))
                if image is not None:  # (a treatment that cannot be computed: the log says why)
                    yield "picture"
                    yield Picture(image, PICTURE_MM)
                yield Text(_plain(page.text), TEXT_PT, LINE_SPACING)
        finally:
            pictures.close()

    def _computing(self, scenario: str) -> bool:
        run = self.preparer.run(scenario)
        return scenario not in self.preparer.errors and not (run and run.complete)

def _plain(text: str) -> str:
    """The story's words as Markdown that shows them as they are."""
    return _MARKDOWN.sub(r"\\\1", text)
