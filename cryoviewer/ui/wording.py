"""The diagram's words for a moment: phase names, the clock under the picture, and the
timeline's value as a screen reader says it. Every word goes through Qt's translation."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QLocale

from ..scenario.describe import TEMPLATES
from ..scenario.playback import Moment


# Qt's translation, under a name its extractor (pyside6-lupdate) reads with the context.
translate = QCoreApplication.translate


def phase_label(phase) -> str:
    names = {"prepare": translate("Diagram", "Prepare"),
             "insert": translate("Diagram", "Insert probe"),
             "freeze": translate("Diagram", "Freeze {0}"),
             "thaw": translate("Diagram", "Thaw {0}"),
             "remove": translate("Diagram", "Remove probe"),
             "heal": translate("Diagram", "Healing")}
    return names[phase.kind].format(phase.cycle)


def short_label(phase) -> str:
    """A phase's name for a narrow timeline segment."""
    names = {"prepare": translate("Diagram", "Prep"), "insert": translate("Diagram", "Insert"),
             "freeze": translate("Diagram", "F{0}"), "thaw": translate("Diagram", "T{0}"),
             "remove": translate("Diagram", "Remove"), "heal": translate("Diagram", "Heal")}
    return names[phase.kind].format(phase.cycle)


def clock_text(moment: Moment) -> str:
    """"Freeze 1 — 4:30 of 10:00" in body time; healing takes weeks, so it says so instead."""
    return _told(moment, translate("Diagram", "{0} — {1} of {2}"), mmss,
                 translate("Diagram", "{0} — over the next weeks (shortened here)"))


def spoken_moment(moment: Moment) -> str:
    """The timeline's value for a screen reader: "Freeze 1, 4 minutes 30 of 10 minutes"."""
    return _told(moment, translate("Diagram", "{0}, {1} of {2}"), spoken,
                 translate("Diagram", "{0}, over the next weeks"))


def _told(moment: Moment, template: str, duration, weeks: str) -> str:
    phase = moment.phase
    if phase.kind == "heal":
        return weeks.format(phase_label(phase))
    return template.format(phase_label(phase), duration(moment.elapsed), duration(phase.duration))


def spoken(seconds: float) -> str:
    """A duration as words: "4 minutes 30", "1 minute", "45 seconds"."""
    minutes, rest = divmod(int(round(seconds)), 60)
    if not minutes:
        return (translate("Diagram", "1 second") if rest == 1
                else translate("Diagram", "{0} seconds").format(rest))
    words = (translate("Diagram", "1 minute") if minutes == 1
             else translate("Diagram", "{0} minutes").format(minutes))
    return words if not rest else translate("Diagram", "{0} {1}").format(words, rest)


def mmss(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def description_templates() -> dict[str, str]:
    """The core's sentences for screen readers (scenario/describe.py), in the interface's
    language: tools/translations.py keeps them in the catalogue under "Describe". (Looked up
    once per language: the descriptions change once a second while playing.)"""
    return _templates_in(QLocale().name())


@functools.lru_cache(maxsize=4)
def _templates_in(_language: str) -> dict[str, str]:
    describe = "Describe"  # (a name, not a literal: the extractor leaves these to the tool)
    return {key: QCoreApplication.translate(describe, text) for key, text in TEMPLATES.items()}
