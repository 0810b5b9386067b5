"""The treatment timeline: its phases in a row, with a playhead the patient can grab.

A slider would show where the animation is, but not what is happening there; this strip names
each phase (freeze, thaw, heal…) so a patient sees the whole treatment at once and can scrub to
any moment of it by finger, mouse, keyboard or screen reader.

Segments are as wide as their share of the viewing time, except that a short phase is widened
(taking the room from the long ones) until its name fits: every phase keeps a readable name, on
one line or two, in full, shortened ("Insert") or at worst as initials ("F1"), never elided.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from math import ceil
from time import monotonic

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QAccessible, QAccessibleValueChangeEvent, QColor, QFont, QFontMetricsF,
                           QPainter, QPainterPath, QPen, QPixmap)
from PySide6.QtWidgets import QSizePolicy, QWidget

from .accessible import expose_as_slider
from .palette import DEFAULT, Palette, blend
from .theme import FOCUS_PX, TOUCH_PX

KNOB = 24  # playhead knob diameter, in pixels: easy to grab
INSET = KNOB // 2 + FOCUS_PX + 3  # left and right margin: the knob stays whole, clear of the ring
KNOB_Y = FOCUS_PX + 2  # the knob's top edge, clear of the focus ring
TOP, BOTTOM = KNOB_Y + KNOB + 1, 8  # above and below the segments: the knob never hides a label
GAP = 4  # between segments
PAD = 4  # between a label and the edges of its segment
SHADE = 0.09  # how much ink darkens (or, on black, lightens) the part already played
ANNOUNCE_EVERY_S = 1.0  # while playing, tell a screen reader the value at most this often


def short_forms(label: str) -> tuple[str, str]:
    """A shorter name and initials for a label: "Insert probe" → "Insert", "I";
    "Freeze 2" → "Freeze 2", "F2" (the first word, and the cycle number if there is one)."""
    words = label.split()
    if not words:
        return "", ""
    number = words[-1] if len(words) > 1 and words[-1].isdigit() else ""
    return " ".join(filter(None, (words[0], number))), words[0][0] + number


class Timeline(QWidget):
    """Labelled phase segments with a playhead; emits where the user scrubs to."""

    scrubbed = Signal(float)
    scrub_started = Signal()
    scrub_finished = Signal()

    def __init__(self, parent=None):
        expose_as_slider(Timeline)  # before Qt builds our accessible interface
        super().__init__(parent)
        self._palette = DEFAULT
        self._segments: list[tuple[str, str, str, str, float]] = []  # label, short, initials...
        self._ends: list[float] = []
        self._position = 0.0
        self._current = -1   # the segment drawn as the current one (set_position)
        self._painted_x = float(INSET)  # where the playhead was last painted
        self._dragging = self._scrubbing = False
        self._value_text: str | None = None
        self._said = ("", -1, -ANNOUNCE_EVERY_S)  # what a screen reader was last told, and when
        self._laid_out = (None, [], [])  # (size and font, boundaries, each segment's lines)
        self._strips = (None, None)  # (key, the segments drawn: see _strip)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        # It paints its own paper: moving the playhead repaints nothing behind it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Treatment timeline"))
        self.setAccessibleDescription(self.tr(
            "Left and right arrows move a little; Page Up and Page Down go to the previous or "
            "next step; Home and End go to the start or the end."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- size: it follows the font, so labels fit at any text size ------------------------

    def _line(self) -> float:
        return QFontMetricsF(self._label_font()).lineSpacing()

    def _height_for(self, lines: int) -> int:
        return ceil(TOP + BOTTOM + 4 + lines * self._line())

    def sizeHint(self) -> QSize:
        """Room for labels on two lines, and at least a touch target tall."""
        return QSize(600, max(TOUCH_PX + TOP, self._height_for(2)))

    def minimumSizeHint(self) -> QSize:
        """One line of labels, as narrow as the initials of every phase allow."""
        metrics = QFontMetricsF(self._label_font())
        width = sum(min((f[0] for f in self._forms(s, metrics, 1)), default=0)
                    for s in self._segments)
        return QSize(ceil(2 * INSET + width), max(TOUCH_PX, self._height_for(1)))

    # -- content ----------------------------------------------------------------------------

    def set_palette(self, p: Palette) -> None:
        """Colours by role from the theme (default, projector, high contrast)."""
        missing = {s[3] for s in self._segments} - set(p.segments)
        if missing:
            raise ValueError(f"palette {p.name!r} has no colour for {sorted(missing)}")
        self._palette = p
        self.update()

    def set_segments(self, segments) -> None:
        """Show these phases in order, each (label, kind, length) or (label, short label, kind,
        length); a short label not given is derived (short_forms). Keeps the position, clamped."""
        parsed = []
        for segment in segments:
            label, short, kind, length = (segment if len(segment) == 4 else
                                          (segment[0], short_forms(segment[0])[0], *segment[1:]))
            if kind not in self._palette.segments or not length > 0:
                raise ValueError(f"bad segment {label!r}: kind {kind!r}, length {length!r}")
            parsed.append((label, short, short_forms(short)[1], kind, float(length)))
        self._segments = parsed
        self._ends = list(accumulate(s[4] for s in parsed))
        self._value_text = None  # the caller's words described the old phases
        self._laid_out = (None, [], [])
        self._strips = (None, None)
        self.updateGeometry()
        self.set_position(self._position)
        self.update()  # everything, even if the playhead stays in a segment of the same index

    def set_position(self, value: float, value_text: str | None = None,
                     segment: int | None = None) -> None:
        """Move the playhead without emitting anything. value_text is what a screen reader says
        for this moment ("Freeze 1, 4 minutes 30 of 10 minutes"); without it, the phase's name.
        segment is the phase the caller's clock is in, where it knows better: at the end of a
        phase, which is also the next one's start, the phase just completed (as the clock
        says "Freeze 2 — 10:00 of 10:00"); without it, a boundary belongs to the later one."""
        before, was = self._painted_x, self._current
        self._position = min(max(float(value), 0.0), self.total())
        self._current = segment if segment is not None else self.segment_at(self._position)
        if value_text is not None:
            self._value_text = value_text
        if self._segments and self._current == was:
            # Within a phase only the strip the playhead crossed changes: repaint just that,
            # once it has moved by half a pixel (at 4× it moves less than that in most frames).
            after = self.x_of(self._position)
            if abs(after - before) >= 0.5:
                left, right = min(before, after) - KNOB, max(before, after) + KNOB
                self.update(QRectF(left, 0, right - left, self.height()).toAlignedRect())
        else:
            self.update()
        self._maybe_announce()

    def position(self) -> float:
        return self._position

    def total(self) -> float:
        return self._ends[-1] if self._ends else 0.0

    def step(self) -> float:
        """What the arrow keys move: 1 % of the whole."""
        return self.total() / 100

    def value_text(self) -> str:
        """The value in words, for assistive technology."""
        if self._value_text is not None:
            return self._value_text
        return self._segments[self._current][0] if self._segments else ""

    def segment_at(self, value: float) -> int:
        """Index of the segment holding value (a boundary belongs to the later one); -1 if empty."""
        return min(bisect_right(self._ends, value), len(self._ends) - 1)

    # -- geometry: piecewise proportional, the same mapping both ways -----------------------

    def x_of(self, value: float) -> float:
        """The pixel column of a position."""
        if not self._segments:
            return float(INSET)
        xs, i = self._layout()[0], self.segment_at(value)
        start = self._ends[i - 1] if i else 0.0
        fraction = min(max((value - start) / (self._ends[i] - start), 0.0), 1.0)
        return xs[i] + (xs[i + 1] - xs[i]) * fraction

    def value_at(self, x: float) -> float:
        """The position under widget pixel x, clamped to 0..total."""
        if not self._segments:
            return 0.0
        xs = self._layout()[0]
        x = min(max(x, xs[0]), xs[-1])
        i = min(bisect_right(xs, x) - 1, len(self._segments) - 1)
        start, width = (self._ends[i - 1] if i else 0.0), xs[i + 1] - xs[i]
        fraction = (x - xs[i]) / width if width > 0 else 0.0
        return min(start + (self._ends[i] - start) * fraction, self.total())

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)  # measure bold for all, so the layout never shifts as the playhead moves
        return font

    def _forms(self, segment, metrics: QFontMetricsF, lines: int) -> list[tuple]:
        """The ways a segment's name can be written, best first, each narrower than the one
        before, as (width of segment needed, lines, tier): tier 0 in full (on one line or two),
        1 shortened, 2 initials."""
        forms, narrowest = [], float("inf")
        for tier, text in enumerate(segment[:3]):  # label, short, initials
            options = [(text,)] if text and lines >= 1 else []
            words = text.split(" ")
            if lines >= 2 and len(words) > 1:
                options.append(min(((" ".join(words[:k]), " ".join(words[k:]))
                                    for k in range(1, len(words))),
                                   key=lambda pair: max(map(metrics.horizontalAdvance, pair))))
            for option in options:
                width = max(map(metrics.horizontalAdvance, option)) + 2 * PAD + GAP
                if width < narrowest:
                    forms.append((width, option, tier))
                    narrowest = width
        return forms

    def _layout_key(self) -> tuple:
        return (self.width(), self.height(), self.font().key(), len(self._segments))

    def _layout(self) -> tuple[list[float], list[tuple]]:
        """Segment boundaries and the lines each segment shows, for this size and font."""
        key = self._layout_key()
        if self._laid_out[0] == key:
            return self._laid_out[1:]
        metrics = QFontMetricsF(self._label_font())
        lines = min(2, int((self.height() - TOP - BOTTOM - 4) // metrics.lineSpacing()))
        forms = [self._forms(s, metrics, lines) for s in self._segments]
        lengths, room = [s[4] for s in self._segments], max(self.width() - 2 * INSET, 0)
        # Each segment wants its best name. While they cannot all have it, one settles for its
        # next, narrower form: first by wrapping, then shortening, then initials (the least
        # loss first), and among equals the segment furthest beyond its proportional share.
        level = [0] * len(forms)

        def need(i):
            return forms[i][level[i]][0] if forms[i] else 0.0

        while sum(map(need, range(len(forms)))) > room:
            shorter = [i for i, f in enumerate(forms) if level[i] + 1 < len(f)]
            if not shorter:
                break
            level[min(shorter, key=lambda i: (forms[i][level[i] + 1][2],
                                              room * lengths[i] / self.total() - need(i)))] += 1
        minimums = [need(i) for i in range(len(forms))]
        widths = _allocate(lengths, minimums if sum(minimums) <= room else [0.0] * len(forms), room)
        xs = list(accumulate(widths, initial=float(INSET)))
        shown = [next((lines for need, lines, _ in f if need <= width + 1e-6), ())
                 for f, width in zip(forms, widths)]
        self._laid_out = (key, xs, shown)
        return xs, shown

    # -- input ------------------------------------------------------------------------------

    def scrub_to(self, value: float) -> None:
        """Move as a tap would (e.g. a screen reader setting the value)."""
        if self._segments:
            self.scrub_started.emit()
            self._scrub(value)
            self.scrub_finished.emit()

    def _scrub(self, value: float) -> None:
        """Move where the user asked, let the caller follow, then say its new words at once."""
        self._scrubbing = True
        try:
            self.set_position(value)
            self.scrubbed.emit(self._position)
        finally:
            self._scrubbing = False
        self._maybe_announce(at_once=True)

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
        """Left/Right (and Down/Up, as on any slider): 1 % steps; Page Up/Down: previous/next
        segment start; Home/End."""
        total, here, key = self.total(), self._position, event.key()
        starts, tolerance = [0.0, *self._ends], 1e-9 * total  # forgive rounding at boundaries
        targets = {
            Qt.Key.Key_Left: here - self.step(),
            Qt.Key.Key_Right: here + self.step(),
            Qt.Key.Key_Down: here - self.step(),
            Qt.Key.Key_Up: here + self.step(),
            Qt.Key.Key_PageUp: max((s for s in starts if s < here - tolerance), default=0.0),
            Qt.Key.Key_PageDown: min((s for s in starts if s > here + tolerance), default=total),
            Qt.Key.Key_Home: 0.0,
            Qt.Key.Key_End: total,
        }
        if not self._segments or key not in targets:
            return super().keyPressEvent(event)
        self._scrub(targets[key])

    # -- screen reader ----------------------------------------------------------------------

    def _maybe_announce(self, at_once: bool = False) -> None:
        """Tell assistive technology the value changed when its words did: at once when the
        user moved it or a phase begins, otherwise at most once a second — not every frame."""
        if self._scrubbing:
            return  # the caller is about to give the new words
        text, phase, now = self.value_text(), self._current, monotonic()
        said, said_phase, said_at = self._said
        if text == said or not (at_once or phase != said_phase
                                or now - said_at >= ANNOUNCE_EVERY_S):
            return
        self._said = (text, phase, now)
        self._announce()

    def _announce(self) -> None:
        QAccessible.updateAccessibility(QAccessibleValueChangeEvent(self, self._position))

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        p, painter = self._palette, QPainter(self)
        painter.fillRect(event.rect(), QColor(p.paper))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._segments:
            self._paint_segments(painter, QRectF(event.rect()))
        if self.hasFocus():  # inside the widget, clear of the segments and the knob
            painter.setPen(QPen(QColor(p.focus), FOCUS_PX))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = FOCUS_PX / 2
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 10, 10)

    def _paint_segments(self, painter: QPainter, dirty: QRectF) -> None:
        """The segments as drawn once (_strip), played up to the playhead; the playhead on
        top. A frame that moves the playhead only copies pictures and draws the knob."""
        p = self._palette
        current, playhead = self._current, self.x_of(self._position)
        self._painted_x = playhead
        plain, played, covered = self._strip(current)
        painter.drawPixmap(dirty, plain, self._device(dirty))
        if dirty.left() < playhead:
            painter.save()
            painter.setClipRect(QRectF(0, 0, playhead, self.height()),
                                Qt.ClipOperation.IntersectClip)
            painter.drawPixmap(dirty, played, self._device(dirty))
            painter.restore()
        bottom, knob = self.height() - BOTTOM, KNOB_Y + KNOB / 2
        bar = QPainterPath()
        bar.addRect(QRectF(playhead - p.width(2), knob, p.width(4), bottom - knob + 4))
        painter.fillPath(bar - covered, QColor(p.accent))  # broken around the label
        painter.setPen(QPen(QColor(p.paper), p.width(3)))
        painter.setBrush(QColor(p.accent))
        painter.drawEllipse(QRectF(playhead - KNOB / 2, KNOB_Y, KNOB, KNOB))

    def _device(self, rect: QRectF) -> QRectF:
        """A rectangle of the widget in the strip pictures' own pixels."""
        ratio = self.devicePixelRatioF()
        return QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio,
                      rect.height() * ratio)

    def _strip(self, current: int) -> tuple[QPixmap, QPixmap, QPainterPath]:
        """The segments with their names, as unplayed and as played, for the current segment
        (drawn bold and stronger), and the box its name covers: drawn once per layout,
        palette and current segment."""
        key = (self._layout_key(), self._palette.name, current, self.devicePixelRatioF())
        if self._strips[0] == key:
            return self._strips[1]
        p, (xs, shown) = self._palette, self._layout()
        top, bottom = TOP, self.height() - BOTTOM
        pictures, covered = [], QPainterPath()
        for played in (False, True):
            ratio = self.devicePixelRatioF()
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(QColor(p.paper))
            painter = QPainter(picture)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for index, segment in enumerate(self._segments):
                rect = QRectF(xs[index] + GAP / 2, top, xs[index + 1] - xs[index] - GAP,
                              bottom - top)
                fill = p.segments[segment[3]][index == current]
                path = QPainterPath()
                path.addRoundedRect(rect, 8, 8)
                painter.fillPath(path, QColor(blend(fill, p.segment_ink, SHADE) if played
                                              else fill))
                if shown[index]:
                    box = self._draw_label(painter, rect, shown[index], index == current)
                    if index == current and not played:
                        covered.addRect(box.adjusted(-PAD, -2, PAD, 2))
            painter.end()
            pictures.append(picture)
        self._strips = (key, (*pictures, covered))
        return self._strips[1]

    def _draw_label(self, painter: QPainter, rect: QRectF, lines: tuple, bold: bool) -> QRectF:
        """Draw a label's lines centred in rect (the layout made sure they fit); return the
        box they cover."""
        font = QFont(self.font())
        font.setBold(bold)
        text, centre = "\n".join(lines), Qt.AlignmentFlag.AlignCenter
        painter.setFont(font)
        painter.setPen(QColor(self._palette.segment_ink))
        painter.drawText(rect, centre, text)
        return painter.boundingRect(rect, centre, text)


def _allocate(lengths: list[float], minimums: list[float], room: float) -> list[float]:
    """Widths proportional to lengths that add up to room, none below its minimum: segments
    held at their minimum leave the rest to share the remaining room (sum(minimums) <= room)."""
    held = [False] * len(lengths)
    while True:
        free = room - sum(m for m, h in zip(minimums, held) if h)
        share = sum(n for n, h in zip(lengths, held) if not h)
        if share <= 0:  # only by rounding, when the minimums fill the room exactly
            return list(minimums)
        widths = [m if h else free * n / share for n, m, h in zip(lengths, minimums, held)]
        short = [i for i, w in enumerate(widths) if not held[i] and w < minimums[i]]
        if not short:
            return widths
        for i in short:
            held[i] = True
