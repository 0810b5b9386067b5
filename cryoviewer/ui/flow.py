"""A row of controls that wraps onto more rows when it runs out of width.

At 200 % text or on a 1024-pixel projector a fixed row of buttons would be cut off; this one
takes as many rows as its width needs and asks its parent for the height (heightForWidth).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list = []
        self._gap = spacing
        self._breaks: set[int] = set()   # item positions after which a new group starts
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def add_group_gap(self) -> None:
        """A wider gap before the next widget (it still wraps as one with the row)."""
        self._breaks.add(len(self._items))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list:
        return [i for i in self._items if not (isinstance(i, QWidgetItem) and i.isEmpty())]

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in rows (or only measure); a group that does not fit in what is
        left of a row starts the next one whole, so related buttons stay together."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        shown = [(p, i) for p, i in enumerate(self._items)
                 if not (isinstance(i, QWidgetItem) and i.isEmpty())]
        x, y, row_height = area.x(), area.y(), 0
        for n, (position, item) in enumerate(shown):
            hint = item.sizeHint()
            starts_group = position in self._breaks
            gap = self._gap * (3 if starts_group else 1)
            width = hint.width()
            if starts_group:  # the width of the whole group
                for later, other in shown[n + 1:]:
                    if later in self._breaks:
                        break
                    width += self._gap + other.sizeHint().width()
            if x > area.x() and x + gap + min(width, area.width()) > area.right() + 1:
                x, y, row_height = area.x(), y + row_height + self._gap, 0
            elif x > area.x():
                x += gap
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, row_height = area.x(), y + row_height + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width()
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


def flow_widget(widgets, parent=None, spacing: int = 6, gaps=()) -> QWidget:
    """A widget whose children wrap, in order; a wider gap before each index in `gaps`."""
    holder = QWidget(parent)
    layout = FlowLayout(holder, spacing)
    for index, widget in enumerate(widgets):
        if index in gaps:
            layout.add_group_gap()
        layout.addWidget(widget)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder


class ScrollColumn(QScrollArea):
    """A column as wide as its area and as tall as the area, or as its contents need at least
    (then it scrolls): the pictures share whatever room there is, and no control is ever
    pushed out of reach. (A resizable QScrollArea would grow a column with wrapping rows to its
    preferred height instead.) A control inside it that takes the keyboard focus is scrolled
    into view; `room_changed` tells the contents how tall the visible area has become."""

    room_changed = Signal(int)

    def __init__(self, widget: QWidget, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(widget)
        widget.installEventFilter(self)
        self._room = -1
        QApplication.instance().focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old, new) -> None:
        if new is not None and self.widget() is not None and self.widget().isAncestorOf(new):
            self.ensureWidgetVisible(new, 0, 8)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()
        if self.viewport().height() != self._room:
            self._room = self.viewport().height()
            self.room_changed.emit(self._room)

    def fit(self) -> None:
        widget, width = self.widget(), self.viewport().width()
        need = widget.layout().totalMinimumHeightForWidth(width)
        size = QSize(width, max(self.viewport().height(), need))
        if widget.size() != size:
            widget.resize(size)
