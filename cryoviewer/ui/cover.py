"""A layer over the whole window: the kiosk's screens (still there?, attract, PIN, admin).

A child of the window, not a window of its own (a kiosk shows one window and nothing else),
kept the window's size, raised over everything. Whatever the pointer does on it stops here, so
nothing underneath is pressed; a card in the middle holds what the layer says.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

from .palette import DEFAULT, Palette


class OverWindow:
    """For a layer over the window (list it before the Qt class): it keeps the window's size
    (install it as the window's event filter), and whatever the pointer does on it stops here,
    so nothing underneath is pressed."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def mousePressEvent(self, event) -> None:
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        event.accept()

    def wheelEvent(self, event) -> None:
        event.accept()


class Cover(OverWindow, QWidget):
    def __init__(self, parent: QWidget, name: str, scrim: float = 0.9, fill: str = "paper"):
        """`fill`: the palette's role that fills the layer (a closed kiosk: "screen_off")."""
        super().__init__(parent)
        self.fill = fill
        self._styled = None  # the palette and size last applied
        self.setObjectName(name)
        self.palette_: Palette = DEFAULT
        self.px = 18
        self.scrim = scrim  # how much of the paper colour hides the window (1: all of it)
        self.card = QFrame(self, objectName="coverCard")
        self.column = QVBoxLayout(self.card)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.hide()

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.place_card()

    def set_look(self, p: Palette, px: int) -> None:
        if self._styled == (p, px):
            return
        self._styled = (p, px)
        self.palette_, self.px = p, px
        self.restyle()
        self.place_card()
        self.update()

    def restyle(self) -> None:
        p, px = self.palette_, self.px
        gap = max(16, px)
        self.column.setContentsMargins(gap * 2, gap * 2, gap * 2, gap * 2)
        self.column.setSpacing(gap)
        self.setStyleSheet(f"""
#coverCard {{ background: {p.paper}; border: 2px solid {p.border}; border-radius: 18px; }}
#coverCard QLabel {{ color: {p.ink}; background: transparent; font-size: {px}px; }}
#coverCard QLabel#coverTitle {{ color: {p.accent}; font-weight: bold;
                                font-size: {round(px * 1.5)}px; }}
#coverCard QPushButton, #coverCard QPlainTextEdit {{ font-size: {px}px; }}
#coverCard QPushButton#pinKey {{ font-size: {round(px * 1.4)}px; font-weight: bold; }}
""")

    def place_card(self) -> None:
        """The card in the middle, as wide as its words want and the window allows."""
        most = min(self.width() - 32, max(round(self.px * 30), self.width() // 2))
        width = max(min(most, self.card.sizeHint().width()), min(most, self.px * 22))
        height = min(self.height() - 32, self.card.heightForWidth(width)
                     if self.card.hasHeightForWidth() else self.card.sizeHint().height())
        self.card.setGeometry((self.width() - width) // 2, (self.height() - height) // 2,
                              width, height)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab stays on the layer: nothing under it can take the keyboard."""
        chain = [w for w in self.findChildren(QWidget)
                 if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible()
                 and w.isEnabled()]
        if chain:
            focus = QApplication.focusWidget()
            at = chain.index(focus) if focus in chain else -1
            chain[(at + (1 if next else -1)) % len(chain)].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.place_card()

    def paintEvent(self, event) -> None:
        colour = QColor(getattr(self.palette_, self.fill))
        colour.setAlphaF(self.scrim)
        with QPainter(self) as painter:
            painter.fillRect(self.rect(), colour)


def focus_in(widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
