"""The story's pictures: a moment of a real treatment's run, drawn in the friendly look inside a
round frame, as an image of any size — for the story screen, and for printing the story.

One hidden cross-section draws them all (a picture takes a few milliseconds); its items are
made again only when the treatment or the theme changes. A page's moment may still be being
computed: `image` then says so with None, and the preparer's `progressed` tells when to ask
again.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from ..content import Page
from ..scenario.playback import Moment, Playback
from ..scenario.simulation import Run
from .framing import FRAMINGS
from .palette import DEFAULT, Palette, friendly
from .preparation import Preparer
from .scene import CrossSection

CORNER = 0.08   # the frame's corner radius, as a share of the picture's shorter side
FRAME = 0.012   # the frame's width, likewise (at least 3 pixels)


class StoryPictures:
    """Draws story pages' pictures from the runs a preparer holds (or computes)."""

    def __init__(self, preparer: Preparer, p: Palette = DEFAULT):
        self.preparer = preparer
        self.scheme = friendly(p)
        self.scene = CrossSection(self.scheme)
        self.scene.ci.setContentsMargins(0, 0, 0, 0)  # the frame is the picture's only border
        self.scene.set_look("friendly")

    def set_palette(self, p: Palette) -> None:
        """Draw in a theme's friendly colours from now on."""
        scheme = friendly(p)
        if scheme != self.scheme:
            self.scheme = scheme
            self.scene.set_palette(scheme)

    def close(self) -> None:
        """Let the hidden cross-section go (a printed story's pictures are drawn once)."""
        self.scene.close()
        self.scene.deleteLater()

    def prepare(self, pages) -> None:
        """Start computing every treatment the pages show (those already kept cost nothing)."""
        for scenario in dict.fromkeys(page.scenario for page in pages):
            self.preparer.run(scenario)

    def aspect(self, page: Page) -> float:
        """The picture's width over its height (known before its run is computed)."""
        run = self.preparer.runs.get(page.scenario)
        geometry = run.scenario.geometry if run is not None else "skin"
        x0, x1, y0, y1 = FRAMINGS[geometry].view
        return (x1 - x0) / (y1 - y0)

    def image(self, page: Page, width: int, height: int) -> QImage | None:
        """The page's picture, exactly width × height pixels, transparent outside its round
        frame; None while its moment is still being computed (or its treatment failed)."""
        run = self.preparer.run(page.scenario)
        moment = _moment(run, page) if run is not None else None
        if moment is None or not (run.complete or run.computed_until >= moment.time):
            return None
        if self.scene.run is not run:
            self.scene.set_run(run)
        # The section's view box alone, at the picture's size: the hidden widget around it is
        # laid out only when shown, and this one never is.
        view = self.scene.view
        view.setGeometry(QRectF(0, 0, width, height))
        self.scene.fit()
        self.scene.show_moment(moment)
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        line = max(3.0, FRAME * min(width, height))
        inside = QRectF(0, 0, width, height).adjusted(line / 2, line / 2, -line / 2, -line / 2)
        radius = CORNER * min(width, height)
        frame = QPainterPath()
        frame.addRoundedRect(inside, radius, radius)
        with QPainter(image) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setClipPath(frame)
            painter.fillRect(image.rect(), QColor(self.scheme.paper))
            self.scene.scene().render(painter, QRectF(0, 0, width, height),
                                      view.sceneBoundingRect())
            painter.setClipping(False)
            painter.setPen(QPen(QColor(self.scheme.story_frame), line))
            painter.drawPath(frame)
        return image


def _moment(run: Run, page: Page) -> Moment | None:
    """The moment a page names: its step, at its fraction (or the step's still picture)."""
    playback = Playback(run.phases)
    try:
        playback.go_to(page.phase, page.fraction)
    except KeyError:  # (a pack's treatment changed since the content was checked)
        return None
    return playback.moment()
