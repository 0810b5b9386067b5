"""The printed handout: a cover, the chosen sections in large type, the treatment's key moments
drawn from the simulation, the questions to ask as a checklist, room for notes.

What it holds is decided in the core (content/handout.py); this makes it blocks for paper
(paper.py), printed in the print look (palette.PRINT: it reads in black and white too) a step
at a time, as every document is (document.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator

from PySide6.QtCore import QCoreApplication

from ..content import Pack
from ..content.handout import QUESTIONS, Series, checklist, choose_sections, series_for
from .document import Document
from .palette import PRINT
from .paper import Checklist, Legend, PageBreak, Paper, Pictures, Ruled, Text
from .preparation import Preparer
from .stills import Stills
from .wording import phase_label

PICTURE_DPI = 250        # the diagram's pixels on paper (≥ 200: sharp in print)
LABEL_PT = 9             # the picture's own labels
NOTE_LINES = 8
TALL = 0.8               # pictures narrower than this (width / height) go three a row
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Clinic:
    name: str = ""
    phone: str = ""


class Handout(Document):
    """The handout of `pack` for the sections `ids` (None: all); the treatments' runs come from
    `preparer` (computed, or read from the disk cache, as the window's are)."""

    def __init__(self, pack: Pack, ids: list[str] | None, preparer: Preparer,
                 clinic: Clinic = Clinic(), today: date | None = None):
        self.pack, self.preparer, self.clinic = pack, preparer, clinic
        self.sections = choose_sections(pack, ids)  # ValueError: an unknown id
        self.today = today or date.today()
        self.title, self.language = pack.title, pack.language

    # -- content ------------------------------------------------------------------------

    def blocks(self, paper: Paper) -> Iterator:
        """The blocks in reading order; "picture" after each picture drawn (the slow part)."""
        yield Text(self._cover())
        series = {s.after: s for s in series_for(self.pack, self.sections, self._steps)}
        questions = checklist(self.pack)
        for section in self.sections:
            if section.id == QUESTIONS and questions is not None:
                continue  # it is the checklist at the end
            yield Text(f"# {section.title}\n\n{section.body}")
            if section.id in series:
                yield from self._series(paper, series[section.id])
        yield PageBreak()
        if questions is not None:
            yield Text("# " + translate("Handout", "Questions to ask your healthcare team")
                       + "\n\n" + questions.intro + "\n\n"
                       + translate("Handout", "Tick the questions you want to ask. Write the "
                                              "answers on the lines."))
            yield Checklist([(heading, list(items)) for heading, items in questions.groups])
        yield Ruled(translate("Handout", "My notes"), NOTE_LINES)

    def _cover(self) -> str:
        lines = [f"# {self.title}"]
        clinic = " · ".join(part for part in (
            self.clinic.name, self.clinic.phone and translate("Handout", "Phone: {0}").format(
                self.clinic.phone)) if part)
        if clinic:
            lines.append(f"**{clinic}**")
        lines.append(translate(
            "Handout", "This handout is yours to keep. It explains what happens before, "
                       "during and after cryosurgery. Read it at home, share it with your "
                       "family, and bring it to your next visit."))
        points = [translate("Handout", "Cryosurgery treats a problem area by freezing it."),
                  translate("Handout", "The cold comes from a spray or from a thin probe."),
                  translate("Handout", "The area is frozen, left to thaw, then frozen again."),
                  translate("Handout", "Over the next weeks it heals. A small scar may stay.")]
        steps = [translate("Handout", "Read this handout at home."),
                 translate("Handout", "Tick the questions you want to ask."),
                 translate("Handout", "Bring it to your next visit, and write down the "
                                      "answers."),
                 translate("Handout", "After treatment, call your team at once if you have "
                                      "heavy bleeding, a fever or chills.")]
        lines.append("## " + translate("Handout", "In short") + "\n\n"
                     + "\n".join(f"- {point}" for point in points))
        lines.append("## " + translate("Handout", "What to do") + "\n\n"
                     + "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1)))
        contents = "\n".join(f"- {s.title}" for s in self.sections if s.id != QUESTIONS)
        lines.append("## " + translate("Handout", "In this handout") + "\n\n" + contents)
        return "\n\n".join(lines)

    def _steps(self, scenario: str) -> tuple[str, ...]:
        return tuple(p.id for p in self.preparer.phases(scenario))

    def _series(self, paper: Paper, series: Series) -> Iterator:
        """The key moments of a treatment: a heading, the pictures, their key (nothing if its
        run cannot be computed: the log says why)."""
        run = self.preparer.run(series.scenario)
        while series.scenario not in self.preparer.errors and not (run and run.complete):
            yield "waiting"
            run = self.preparer.run(series.scenario)
        if run is None:
            return
        stills = None
        items = []
        try:
            phases = {p.id: p for p in run.phases}
            stills = Stills(run, PRINT, round(LABEL_PT / 72 * PICTURE_DPI))
            columns = 3 if stills.aspect() < TALL else 2
            gap = paper.mm(6)
            inches = (paper.width - gap * (columns - 1)) / columns / paper.dpi
            stills.set_width(round(inches * PICTURE_DPI))
            for n, phase_id in enumerate(series.phases, 1):
                phase = phases[phase_id]
                title = translate("Handout", "{0}. {1}").format(n, phase_label(phase))
                caption = self.pack.caption(series.scenario, phase_id) or ""
                items.append((title, stills.picture(phase_id), caption))
                yield "picture"
            key = stills.key("freeze2")
        finally:
            if stills is not None:
                stills.close()
        name = run.scenario.named(self.pack.language)[0]
        yield Text("## " + translate("Handout", "Step by step: {0}").format(name))
        yield Legend(key, translate("Handout", "What the pictures show"))
        yield Pictures(items, columns)

