"""The list of sections: always visible, touch-sized rows, the current one marked.

A finger drags and flings the list without choosing the row it started on (see touch.kinetic);
a tap chooses a row; the second tap of a double tap does nothing more, wherever it lands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from ..content import Section
from . import touch


class SectionList(QListWidget):
    """One row per section, numbered so a keyboard user can type its digit."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sections")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Sections"))
        touch.kinetic(self)
        touch.TapGuard(self.viewport())

    def set_sections(self, sections: tuple[Section, ...]) -> None:
        touch.stop_scrolling(self)
        self.clear()
        for number, section in enumerate(sections, start=1):
            item = QListWidgetItem(f"{number}.  {section.title}")
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            item.setToolTip(section.title)
            self.addItem(item)

    def mousePressEvent(self, event) -> None:
        before = self.currentRow()
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.currentRow() != before:
            touch.note_tap(event.globalPosition(), self)  # this tap chose a row

    def mouseDoubleClickEvent(self, event) -> None:
        # A double tap chooses its row once, like a single tap: the first press chose it (and
        # the guard swallowed this one); no "activated" or editing on top of that.
        self.mousePressEvent(event)
