"""The diagram's key: a chip for each zone or line, coloured and edged as in the picture.

Labels inside the picture crowd it and, on a small screen, cover the very ice they name; a key
beside it never does. Entries flow left to right and wrap to as many rows as the width needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..scenario.describe import signed
from .palette import DEFAULT, Palette

CHIP = (28, 16)  # width, height of a chip, in pixels
GAP = 8          # between a chip and its words
SPACING = 18     # between entries


@dataclass(frozen=True)
class Entry:
    text: str
    fill: str                   # the zone's colour, as it looks in the picture
    edge: str                   # the colour of its outline (or of the line it names)
    dashed: bool = False
    line: bool = False          # a line across the chip (an isotherm) rather than an outline
    style: Qt.PenStyle = Qt.PenStyle.SolidLine  # the line's pattern


@dataclass(frozen=True)
class Scale:
    """A colour scale: `colours` evenly from `low` to `high` °C, numbered at `ticks`."""
    low: float
    high: float
    colours: list[str]
    ticks: tuple[float, ...]


BAR = 14  # height of the scale's colour bar, in pixels


class Key(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[Entry] = []
        self.scale: Scale | None = None
        self.scheme = DEFAULT
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(self.tr("Key"))

    def set_palette(self, palette: Palette) -> None:
        self.scheme = palette
        self.update()

    def set_entries(self, entries: list[Entry], scale: Scale | None = None) -> None:
        self.entries, self.scale = list(entries), scale
        words = [entry.text for entry in self.entries]
        if scale is not None:
            words.insert(0, self.tr("colours from {0} to {1}").format(
                degrees(scale.low), degrees(scale.high)))
        self.setAccessibleDescription(", ".join(words))
        self.updateGeometry()
        self.update()

    # -- layout ---------------------------------------------------------------------------

    def _row_height(self) -> int:
        return max(CHIP[1], QFontMetrics(self.font()).height()) + 6

    def _places(self, width: int) -> list[tuple[int, int, Entry]]:
        """(x, row, entry) for each entry, wrapping at `width`."""
        metrics, places, x, row = QFontMetrics(self.font()), [], 0, 0
        for entry in self.entries:
            size = CHIP[0] + GAP + metrics.horizontalAdvance(entry.text)
            if x and x + size > width:
                x, row = 0, row + 1
            places.append((x, row, entry))
            x += size + SPACING
        return places

    def hasHeightForWidth(self) -> bool:
        return True

    def _scale_height(self) -> int:
        return 0 if self.scale is None else BAR + QFontMetrics(self.font()).height() + 8

    def heightForWidth(self, width: int) -> int:
        rows = 1 + max((row for _, row, _ in self._places(width)), default=-1)
        return self._scale_height() + rows * self._row_height()

    def sizeHint(self) -> QSize:
        widest = max((CHIP[0] + GAP + QFontMetrics(self.font()).horizontalAdvance(e.text)
                      for e in self.entries), default=0)
        return QSize(widest, self.heightForWidth(max(1, self.width())))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.heightForWidth(max(1, self.width())))

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line_h, below = self._row_height(), self._scale_height()
        if self.scale is not None:
            self._paint_scale(painter)
        for x, row, entry in self._places(self.width()):
            top = below + row * line_h
            chip = QRectF(x + 1, top + (line_h - CHIP[1]) / 2, CHIP[0] - 2, CHIP[1])
            style = Qt.PenStyle.DashLine if entry.dashed else entry.style
            painter.setBrush(QColor(entry.fill))
            if entry.line:  # the line on its halo, as in the picture
                painter.setPen(QPen(QColor(self.scheme.border), 1))
                painter.drawRoundedRect(chip, 3, 3)
                y = chip.center().y()
                painter.setPen(QPen(QColor(self.scheme.halo), 6.5))
                painter.drawLine(chip.left() + 3, y, chip.right() - 3, y)
                painter.setPen(QPen(QColor(entry.edge), 2.5, style))
                painter.drawLine(chip.left() + 3, chip.center().y(), chip.right() - 3,
                                 chip.center().y())
            else:
                painter.setPen(QPen(QColor(entry.edge), 2, style))
                painter.drawRoundedRect(chip, 3, 3)
            painter.setPen(QColor(self.scheme.ink))
            text = QRectF(x + CHIP[0] + GAP, top, self.width(), line_h)
            painter.drawText(text, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             entry.text)

    def _paint_scale(self, painter: QPainter) -> None:
        """A horizontal colour bar, numbered beneath (half a number's width kept at each end)."""
        scale, metrics = self.scale, QFontMetrics(self.font())
        texts = [signed(tick) for tick in scale.ticks]
        texts[-1] += " °C"  # the unit once, after the warmest number
        inset = max(metrics.horizontalAdvance(texts[0]), metrics.horizontalAdvance(texts[-1]))
        inset = inset / 2 + 2
        bar = QRectF(inset, 2, self.width() - 2 * inset, BAR)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        last = len(scale.colours) - 1
        for i, colour in enumerate(scale.colours):
            gradient.setColorAt(i / last, QColor(colour))
        painter.setPen(QPen(QColor(self.scheme.ink), 1))
        painter.setBrush(gradient)
        painter.drawRect(bar)
        for tick, text in zip(scale.ticks, texts):
            x = bar.left() + bar.width() * (tick - scale.low) / (scale.high - scale.low)
            painter.drawLine(x, bar.bottom(), x, bar.bottom() + 4)
            width = metrics.horizontalAdvance(text)
            painter.drawText(QRectF(x - width / 2 - 2, bar.bottom() + 4, width + 4,
                                    metrics.height()), Qt.AlignmentFlag.AlignCenter, text)


def degrees(value: float) -> str:
    return f"{signed(value)} °C"
