"""The keyboard-help overlay: every shortcut, in groups, on a calm card over the whole window.

It is a child of the window, not a separate window (kiosks show one window and nothing else),
raised over everything and kept the window's size by an event filter. While it is open, it holds
the keyboard (Tab stays inside, the window's shortcuts do not fire, Escape closes it and the
focus goes back where it was) and the pointer (a tap on the dimmed page around the card presses
nothing underneath).

It is a QDialog turned into a child widget so that screen readers meet a dialog (role Dialog,
with dialog-start and dialog-end events) named "Keyboard shortcuts".

The card reads in one column, or two when the window is wide for the text size; when even
that does not fit, the list scrolls inside the card (by finger too) and the title and the
Close button stay in view.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from . import touch
from .cover import OverWindow
from .palette import DEFAULT, Palette
from .theme import TOUCH_PX

Groups = Sequence[tuple[str, Sequence[tuple[str, str]]]]

SCRIM_ALPHA = 0.88   # how much of the paper colour covers the window around the card
BORDER_PX = 2


class HelpOverlay(OverWindow, QDialog):
    """HelpOverlay(parent, groups): groups is [(group title, [(keys, what they do), ...]), ...],
    shown in the order given (put the basic actions last)."""

    def __init__(self, parent: QWidget, groups: Groups):
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)  # a child covering the window, not a window
        self.setObjectName("helpOverlay")
        self._palette: Palette = DEFAULT
        self._px = 18
        self._columns = 0
        self._groups: list[tuple[str, list[tuple[str, str]]]] = []
        self._return_to: QWidget | None = None
        self.fallback_focus = None  # () -> the widget to focus on closing, if that one is gone

        self._card = QFrame(self, objectName="helpCard")
        self._title = QLabel(objectName="helpTitle", wordWrap=True)
        self._scroll = QScrollArea(objectName="helpScroll", widgetResizable=True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the overlay scrolls it by keys
        touch.kinetic(self._scroll)
        self._close = QPushButton(objectName="helpClose", autoDefault=True, default=True)
        self._close.clicked.connect(self.reject)
        self._close.setMinimumHeight(TOUCH_PX)
        column = QVBoxLayout(self._card)
        column.addWidget(self._title)
        column.addWidget(self._scroll, 1)
        column.addWidget(self._close, 0, Qt.AlignmentFlag.AlignHCenter)

        self._retranslate()
        self._restyle()
        self.set_groups(groups)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.hide()

    # -- what the caller drives --------------------------------------------------------------

    def open(self) -> None:
        """Show the overlay over the whole window and move the keyboard focus to Close."""
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self and not self.isAncestorOf(focus):
            self._return_to = focus
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self._relayout()
        self._scroll.verticalScrollBar().setValue(0)
        self._close.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_groups(self, groups: Groups) -> None:
        """New shortcut lists (after a change of language, say)."""
        self._groups = [(title, list(rows)) for title, rows in groups]
        self._columns = 0  # rebuild
        self._relayout()

    def set_palette(self, p: Palette) -> None:
        if p != self._palette:
            self._palette = p
            self._restyle()
            self.update()

    def set_text_px(self, px: int) -> None:
        if px != self._px:
            self._px = px
            self._restyle()
            self._columns = 0
            self._relayout()

    # -- look and layout --------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        self._title.setText(self.tr("Keyboard shortcuts"))
        self._close.setText(self.tr("Close"))
        self._close.setAccessibleName(self.tr("Close the list of keyboard shortcuts"))

    def _restyle(self) -> None:
        p, px = self._palette, self._px
        self.setStyleSheet(f"""
#helpCard {{ background: {p.paper}; border: {BORDER_PX}px solid {p.border}; border-radius: 14px; }}
#helpCard QLabel {{ color: {p.ink}; background: transparent; font-size: {px}px; }}
#helpCard #helpTitle {{ color: {p.accent}; font-weight: bold; font-size: {round(px * 1.4)}px; }}
#helpCard #helpGroup {{ color: {p.accent}; font-weight: bold; font-size: {round(px * 1.1)}px; }}
#helpCard #helpKeys {{ font-weight: bold; }}
#helpScroll, #helpContent {{ background: {p.paper}; }}
#helpCard QPushButton#helpClose {{ font-size: {px}px; min-height: {TOUCH_PX - 12}px;
                                   padding-left: {px * 2}px; padding-right: {px * 2}px; }}
""")
        gap = self._gap()
        self._card.layout().setContentsMargins(gap, gap, gap, gap)
        self._card.layout().setSpacing(gap)

    def _gap(self) -> int:
        return max(12, round(self._px * 0.8))

    def _keys_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(self._px)
        font.setBold(True)
        return font

    def _build_content(self, columns: int) -> None:
        px, gap = self._px, self._gap()
        widest = max((QFontMetrics(self._keys_font()).horizontalAdvance(keys)
                      for _, rows in self._groups for keys, _ in rows), default=0)
        # Keys take what they need, up to 2/5 of a column; longer keys wrap.
        keys_width = min(widest + 4, round(self._column_width(columns) * 0.4))
        content = QWidget(objectName="helpContent")
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(gap * 2)
        for part in _split(self._groups, columns):
            grid = QGridLayout()
            grid.setHorizontalSpacing(px)
            grid.setVerticalSpacing(max(6, round(px * 0.45)))
            grid.setColumnMinimumWidth(0, keys_width)
            grid.setColumnStretch(1, 1)
            line = 0
            for number, (title, rows) in enumerate(part):
                if number:
                    grid.setRowMinimumHeight(line, round(px * 0.6))
                    line += 1
                grid.addWidget(_label(title, "helpGroup"), line, 0, 1, 2)
                line += 1
                for keys, action in rows:
                    grid.addWidget(_label(keys, "helpKeys"), line, 0, Qt.AlignmentFlag.AlignTop)
                    grid.addWidget(_label(action, "helpAction"), line, 1,
                                   Qt.AlignmentFlag.AlignTop)
                    line += 1
            grid.setRowStretch(line, 1)
            row.addLayout(grid, 1)
        self._scroll.setWidget(content)  # the former content is deleted
        self._columns = columns

    def _available(self) -> tuple[int, int]:
        """The room for the card's contents (inside its margins), in the window."""
        margin = max(16, round(self._px * 0.9))
        inner = 2 * (self._gap() + BORDER_PX)
        return (self.width() - 2 * margin - inner, self.height() - 2 * margin - inner)

    def _column_width(self, columns: int) -> int:
        width, _ = self._available()
        most = round(self._px * 34)  # a comfortable line for reading
        return min(most, (width - (columns - 1) * 2 * self._gap()) // columns)

    def _relayout(self) -> None:
        width, height = self._available()
        columns = 2 if width >= 2 * 24 * self._px + 2 * self._gap() and len(self._groups) > 1 \
            else 1
        if columns != self._columns or self._scroll.widget() is None:
            self._build_content(columns)
        content_width = columns * self._column_width(columns) + (columns - 1) * 2 * self._gap()
        content_width = max(content_width, min(width, self._close.sizeHint().width()))
        content = self._scroll.widget()
        content.ensurePolished()
        for label in content.findChildren(QLabel):
            label.ensurePolished()
        self._title.ensurePolished()
        self._close.ensurePolished()
        needed = content.heightForWidth(content_width) if content.hasHeightForWidth() \
            else content.sizeHint().height()
        spacing = self._card.layout().spacing()
        chrome = (self._title.heightForWidth(content_width) + self._close.sizeHint().height()
                  + 2 * spacing)
        around = 2 * (self._gap() + BORDER_PX)  # the card's margins and border
        card_height = min(height, chrome + needed) + around
        card_width = content_width + around
        self._card.setGeometry((self.width() - card_width) // 2,
                               (self.height() - card_height) // 2, card_width, card_height)

    # -- events -----------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event) -> None:
        QWidget.showEvent(self, event)  # not QDialog's: it would move us to the screen's middle

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        target, self._return_to = self._return_to, None
        if not self.isHidden():
            return
        if target is None or not shiboken6.isValid(target) or not target.isVisible() \
                or not target.isEnabled():
            # Where the focus was has gone (a drawer that closed): never leave it on the hidden
            # Close button, where no key would reach anything.
            target = self.fallback_focus() if self.fallback_focus else self.parentWidget()
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        scrim = QColor(self._palette.paper)
        scrim.setAlphaF(SCRIM_ALPHA)
        with QPainter(self) as painter:
            painter.fillRect(self.rect(), scrim)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            # The window's shortcuts (Space plays, Alt+R resets...) wait until we close: every
            # key comes here as a key press instead.
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        K = Qt.Key
        key, bar = event.key(), self._scroll.verticalScrollBar()
        if key in (K.Key_Escape, K.Key_F1, K.Key_Question):
            self.reject()
        elif key in (K.Key_Return, K.Key_Enter):
            self.reject()
        elif key in (K.Key_Down, K.Key_Up):
            bar.setValue(bar.value() + (1 if key == K.Key_Down else -1) * self._px * 2)
        elif key in (K.Key_PageDown, K.Key_PageUp):
            bar.setValue(bar.value() + (1 if key == K.Key_PageDown else -1) * bar.pageStep())
        elif key == K.Key_Home:
            bar.setValue(bar.minimum())
        elif key == K.Key_End:
            bar.setValue(bar.maximum())
        event.accept()  # nothing reaches the window underneath

    def focusNextPrevChild(self, next: bool) -> bool:
        self._close.setFocus(Qt.FocusReason.TabFocusReason)  # Tab stays on the card
        return True


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text, objectName=name, wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    policy = label.sizePolicy()  # keeps height-for-width, which wrapping needs
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(policy)
    return label


def _split(groups, columns: int):
    """Groups into `columns` runs, in order, as even in length as whole groups allow."""
    if columns == 1 or len(groups) < 2:
        return [groups]
    sizes = [1 + len(rows) for _, rows in groups]
    best = min(range(1, len(groups)),
               key=lambda k: (max(sum(sizes[:k]), sum(sizes[k:])), -k))
    return [groups[:best], groups[best:]]
