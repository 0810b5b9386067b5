"""The treatment timeline: its phases in a row, with a playhead the patient can grab.

A slider would show where the animation is, but not what is happening there; this strip names
each phase (freeze, thaw, heal…) so a patient sees the whole treatment at once and can scrub to
any moment of it by finger, mouse or keyboard.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .theme import ACCENT, INK, MUTED, PAPER, TOUCH_PX

KNOB = 24  # playhead knob diameter, in pixels: easy to grab
INSET = KNOB // 2 + 2  # left and right margin, so the knob stays whole at either end
GAP = 4  # between segments
# kind -> (fill, fill of the segment holding the playhead): soft tones, not a rainbow
COLOURS = {
    "prepare": ("#e6e9ee", "#c9d1da"),
    "insert": ("#e6e9ee", "#c9d1da"),
    "remove": ("#e6e9ee", "#c9d1da"),
    "freeze": ("#d6eaf8", "#a6d0ee"),
    "thaw": ("#f3eadb", "#e5cfa8"),
    "heal": ("#e1efe3", "#b3d9ba"),
}


class Timeline(QWidget):
    """Labelled phase segments with a playhead; emits where the user scrubs to."""

    scrubbed = Signal(float)
    scrub_started = Signal()
    scrub_finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._segments: list[tuple[str, str, float]] = []
        self._ends: list[float] = []
        self._position = 0.0
        self._dragging = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(4 * TOUCH_PX, 2 * TOUCH_PX)
        self.setAccessibleName(self.tr("Timeline"))
        # It paints its own paper: moving the playhead repaints nothing behind it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(600, 2 * TOUCH_PX)  # a tall touch target

    def set_segments(self, segments: list[tuple[str, str, float]]) -> None:
        """Show these (label, kind, length) phases, in order; keeps the position, clamped."""
        for label, kind, length in segments:
            if kind not in COLOURS or not length > 0:
                raise ValueError(f"bad segment {label!r}: kind {kind!r}, length {length!r}")
        self._segments = list(segments)
        self._ends = list(accumulate(float(length) for _, _, length in segments))
        self.set_position(self._position)

    def set_position(self, value: float) -> None:
        """Move the playhead without emitting anything."""
        before, segment = self._x(self._position), self.segment_at(self._position)
        self._position = min(max(float(value), 0.0), self.total())
        if self._segments and self.segment_at(self._position) == segment:
            # Within a phase only the strip the playhead crossed changes: repaint just that.
            after = self._x(self._position)
            left, right = min(before, after) - KNOB, max(before, after) + KNOB
            self.update(QRectF(left, 0, right - left, self.height()).toAlignedRect())
            return
        self.setAccessibleDescription(self._segments[self.segment_at(self._position)][0]
                                      if self._segments else "")
        self.update()

    def position(self) -> float:
        return self._position

    def total(self) -> float:
        return self._ends[-1] if self._ends else 0.0

    def segment_at(self, value: float) -> int:
        """Index of the segment holding value (a boundary belongs to the later one); -1 if empty."""
        return min(bisect_right(self._ends, value), len(self._ends) - 1)

    def value_at(self, x: float) -> float:
        """The position under widget pixel x, clamped to 0..total."""
        width = self.width() - 2 * INSET
        return min(max((x - INSET) / width, 0.0), 1.0) * self.total() if width > 0 else 0.0

    def _x(self, value: float) -> float:
        total = self.total()
        return INSET + (self.width() - 2 * INSET) * (value / total if total else 0.0)

    def _scrub(self, value: float) -> None:
        self.set_position(value)
        self.scrubbed.emit(self._position)

    def mousePressEvent(self, event) -> None:
        if not self._segments or event.button() != Qt.MouseButton.LeftButton:
            return event.ignore()
        self._dragging = True
        self.scrub_started.emit()
        self._scrub(self.value_at(event.position().x()))

    def mouseMoveEvent(self, event) -> None:
        if not self._dragging:
            return event.ignore()
        self._scrub(self.value_at(event.position().x()))

    def mouseReleaseEvent(self, event) -> None:
        if not self._dragging or event.button() != Qt.MouseButton.LeftButton:
            return event.ignore()
        self._dragging = False
        self.scrub_finished.emit()

    def keyPressEvent(self, event) -> None:
        """Left/Right: 1 % steps; Page Up/Down: previous/next segment start; Home/End."""
        total, here, key = self.total(), self._position, event.key()
        starts, tolerance = [0.0, *self._ends], 1e-9 * total  # forgive rounding at boundaries
        targets = {
            Qt.Key.Key_Left: here - total / 100,
            Qt.Key.Key_Right: here + total / 100,
            Qt.Key.Key_PageUp: max((s for s in starts if s < here - tolerance), default=0.0),
            Qt.Key.Key_PageDown: min((s for s in starts if s > here + tolerance), default=total),
            Qt.Key.Key_Home: 0.0,
            Qt.Key.Key_End: total,
        }
        if not self._segments or key not in targets:
            return super().keyPressEvent(event)
        self._scrub(targets[key])

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(PAPER))
        if not self._segments:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dirty = QRectF(event.rect())
        top, bottom = KNOB // 2 + 4, self.height() - 8
        current, playhead = self.segment_at(self._position), self._x(self._position)
        shade = QColor(INK)  # everything left of the playhead, shaded faintly as progress
        shade.setAlpha(22)
        bar = QPainterPath()
        bar.addRect(QRectF(playhead - 2, top, 4, bottom - top + 4))
        for index, ((label, kind, _), end) in enumerate(zip(self._segments, self._ends)):
            start = self._ends[index - 1] if index else 0.0
            left, right = self._x(start) + GAP / 2, self._x(end) - GAP / 2
            rect = QRectF(left, top, right - left, bottom - top)
            if not rect.adjusted(-1, -1, 1, 1).intersects(dirty):
                continue
            path = QPainterPath()
            path.addRoundedRect(rect, 8, 8)
            painter.fillPath(path, QColor(COLOURS[kind][index == current]))
            if left < playhead:
                painter.save()
                painter.setClipRect(QRectF(0, 0, playhead, self.height()),
                                    Qt.ClipOperation.IntersectClip)
                painter.fillPath(path, shade)
                painter.restore()
            covered = self._draw_label(painter, rect, label, bold=index == current)
            if index == current:
                bar -= covered
        painter.fillPath(bar, QColor(ACCENT))  # broken around the label, which stays readable
        painter.setPen(QPen(QColor("white"), 3))
        painter.setBrush(QColor(ACCENT))
        painter.drawEllipse(QRectF(playhead - KNOB / 2, 4, KNOB, KNOB))
        if self.hasFocus():
            painter.setPen(QPen(QColor(ACCENT), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 10, 10)

    def _draw_label(self, painter: QPainter, rect: QRectF, label: str, bold: bool) -> QPainterPath:
        """Draw the label centred in rect, elided to fit; return the area it covers."""
        font = QFont(self.font())
        font.setBold(bold)
        metrics, centre = QFontMetrics(font), Qt.AlignmentFlag.AlignCenter
        text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(rect.width()) - 12)
        covered = QPainterPath()
        if text.strip("…"):  # a lone ellipsis says nothing: leave the segment bare
            painter.setFont(font)
            painter.setPen(QColor(INK if bold else MUTED))
            painter.drawText(rect, centre, text)
            covered.addRect(painter.boundingRect(rect, centre, text).adjusted(-6, -2, 6, 2))
        return covered
