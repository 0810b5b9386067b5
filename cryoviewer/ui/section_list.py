"""The list of sections: always visible, touch-sized rows, the current one marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from ..content import Section


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
        self.setAccessibleName(self.tr("Sections"))

    def set_sections(self, sections: tuple[Section, ...]) -> None:
        self.clear()
        for number, section in enumerate(sections, start=1):
            item = QListWidgetItem(f"{number}.  {section.title}")
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            item.setToolTip(section.title)
            self.addItem(item)
