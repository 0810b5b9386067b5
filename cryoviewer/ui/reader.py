"""The reader: one section's Markdown in large, calm type; links handled here, never followed."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from ..content import Section

HIGHLIGHT = "#fdf0c4"  # a soft marker-pen yellow behind the paragraph the diagram is showing
_MARKDOWN = (QTextDocument.MarkdownFeature.MarkdownDialectGitHub
             | QTextDocument.MarkdownFeature.MarkdownNoHTML)


class Reader(QTextBrowser):
    """Shows a section's text. Emits section_requested for a link to another section."""

    section_requested = Signal(str)
    external_link_refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reader")
        # QTextBrowser would follow a link and blank the page: take every click ourselves.
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.setAccessibleName(self.tr("Section text"))
        self._section: Section | None = None
        self._text_px = 20
        self.highlighted: int | None = None

    def show_section(self, section: Section) -> None:
        self._section = section
        self.highlighted = None
        self._render()
        self.verticalScrollBar().setValue(0)

    def highlight_paragraph(self, index: int | None, scroll: bool = False) -> None:
        """Mark the paragraph (or list item) the diagram is showing; bring it into view when
        the diagram moved on by itself (a section the reader opens starts at its top)."""
        if index == self.highlighted:
            return
        self.highlighted = index
        self._apply_highlight(scroll)

    def _apply_highlight(self, scroll: bool) -> None:
        block = self.document().findBlockByNumber(self.highlighted) \
            if self.highlighted is not None else None
        if block is None or not block.isValid():
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor(HIGHLIGHT))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(block)
        selection.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                      QTextCursor.MoveMode.KeepAnchor)
        self.setExtraSelections([selection])
        if scroll:
            area = self.document().documentLayout().blockBoundingRect(block)
            bar = self.verticalScrollBar()
            if area.top() < bar.value() or area.bottom() > bar.value() + self.viewport().height():
                bar.setValue(round(area.top() - self._text_px))

    def set_text_px(self, pixels: int) -> None:
        if pixels != self._text_px:
            self._text_px = pixels
            if self._section:
                position = self.verticalScrollBar().value()
                self._render()
                self.verticalScrollBar().setValue(position)
                self._apply_highlight(scroll=False)

    def _render(self) -> None:
        document = self.document()
        font = QFont(self.font())
        font.setPixelSize(self._text_px)
        document.setDefaultFont(font)
        document.setDocumentMargin(4)
        document.setMarkdown(self._section.body, _MARKDOWN)
        self._space_blocks(document)
        # The view follows its text cursor; leave it at the top, not where formatting ended.
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.setAccessibleDescription(self._section.title)

    def _space_blocks(self, document: QTextDocument) -> None:
        """Open line spacing and a gap after each paragraph: easier for tired eyes."""
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            fmt = QTextBlockFormat(block.blockFormat())
            fmt.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            in_list = block.textList() is not None
            fmt.setBottomMargin(self._text_px * (0.35 if in_list else 0.8))
            fmt.setTopMargin(self._text_px * 0.6 if block.blockFormat().headingLevel() else 0)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
            if block.blockFormat().headingLevel():
                # Sub-headings a little larger than the text, well below the section title.
                heading = QTextCharFormat()
                heading.setProperty(QTextFormat.Property.FontSizeAdjustment, 1)  # one step up
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                    QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(heading)
            block = block.next()

    def _on_anchor(self, url: QUrl) -> None:
        if not url.scheme() and url.hasFragment() and not url.path():
            self.section_requested.emit(url.fragment())
        else:
            self.external_link_refused.emit(url.toString())
