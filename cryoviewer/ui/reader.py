"""The reader: one section's Markdown in large, calm type; links handled here, never followed.

Made for fingers as well as keys: a finger (or a mouse) drags the page and flings it, and never
selects text; a tap within TAP_RADIUS of a link follows that link (the nearest one), so every
link is a target at least TOUCH_PX high however small its words; the second tap of a double tap
does nothing more. From the keyboard, Tab and Shift+Tab move between the links and Enter
follows the one that has the focus.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from ..content import Section
from . import touch
from .palette import DEFAULT, Palette

_MARKDOWN = (QTextDocument.MarkdownFeature.MarkdownDialectGitHub
             | QTextDocument.MarkdownFeature.MarkdownNoHTML)
TAP_RADIUS = touch.TAP_RADIUS  # a tap this close to a link (in pixels) follows it


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
        # Links by keyboard only: the mouse never selects text (a drag scrolls instead) and a
        # tap on or near a link is handled below, with a finger-sized tolerance.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.anchorClicked.connect(self._on_anchor)
        self.setAccessibleName(self.tr("Section text"))
        self._section: Section | None = None
        self._text_px = 20
        self._palette: Palette = DEFAULT
        self._press: QPointF | None = None   # where a tap that may follow a link came down
        self._links: tuple[tuple, list[tuple[str, QRectF]]] | None = None
        self.highlighted: int | None = None
        touch.kinetic(self)
        self._guard = touch.TapGuard(self.viewport())

    # -- content --------------------------------------------------------------------------

    def show_section(self, section: Section) -> None:
        touch.stop_scrolling(self)  # a fling of the last section does not carry on here
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
        selection.format.setBackground(QColor(self._palette.highlight))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(block)
        selection.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                      QTextCursor.MoveMode.KeepAnchor)
        self.setExtraSelections([selection])
        if scroll:
            area = self.document().documentLayout().blockBoundingRect(block)
            bar = self.verticalScrollBar()
            if area.top() < bar.value() or area.bottom() > bar.value() + self.viewport().height():
                touch.stop_scrolling(self)
                bar.setValue(round(area.top() - self._text_px))

    def set_text_px(self, pixels: int) -> None:
        if pixels != self._text_px:
            self._text_px = pixels
            self._rerender()

    def set_palette(self, p: Palette) -> None:
        """Colours from the theme: the marker behind the paragraph, the links."""
        if p != self._palette:
            self._palette = p
            self._rerender()

    def changeEvent(self, event) -> None:
        """A font given by the style (a window re-polished: a kiosk going frameless) resets
        the document's font to the widget's; the reader's own size comes back."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._section is not None and \
                self.document().defaultFont().pixelSize() != self._text_px:
            self._rerender()

    def _rerender(self) -> None:
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
        if self._section.folder is not None:  # pictures are the pack's, not the working folder's
            document.setBaseUrl(QUrl.fromLocalFile(str(self._section.folder) + "/"))
        document.setMarkdown(self._section.body, _MARKDOWN)
        self._space_blocks(document)
        # The view follows its text cursor; leave it at the top, not where formatting ended.
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.setAccessibleDescription(self._section.title)

    def loadResource(self, kind: int, url: QUrl):
        """Only the pictures the content check found inside the pack are shown; nothing else
        is ever read from the disk for the text (a link or a picture elsewhere shows nothing)."""
        if kind != QTextDocument.ResourceType.ImageResource.value or self._section is None:
            return None
        wanted = dict(self._section.pictures)
        path = wanted.get(url.toString()) or wanted.get(url.path())
        if path is None and url.isLocalFile():
            local = Path(url.toLocalFile())
            path = local if local in wanted.values() else None
        if path is None:
            return None
        image = QImage(str(path))
        return None if image.isNull() else image

    def _space_blocks(self, document: QTextDocument) -> None:
        """Open line spacing and a gap after each paragraph: easier for tired eyes. Links in
        the theme's accent colour (the Markdown reader bakes in the palette of the moment)."""
        cursor = QTextCursor(document)
        link = QTextCharFormat()
        link.setForeground(QColor(self._palette.accent))
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
            for part in block:
                fragment = part.fragment()
                if fragment.charFormat().isAnchor():
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.mergeCharFormat(link)
            block = block.next()

    # -- links ----------------------------------------------------------------------------

    def link_rects(self) -> list[tuple[str, QRectF]]:
        """Every piece of link text on the page, as (href, rectangle in viewport pixels); a
        link broken over two lines gives two rectangles."""
        document = self.document()
        layout = document.documentLayout()
        key = (id(document), document.revision(), document.textWidth(), self._text_px)
        if self._links is None or self._links[0] != key:
            rects = []
            block = document.begin()
            while block.isValid():
                lines = block.layout()
                origin = layout.blockBoundingRect(block).topLeft()
                for part in block:
                    fragment = part.fragment()
                    fmt = fragment.charFormat()
                    if not (fmt.isAnchor() and fmt.anchorHref()):
                        continue
                    start = fragment.position() - block.position()
                    end = start + fragment.length()
                    for i in range(lines.lineCount()):
                        line = lines.lineAt(i)
                        a = max(start, line.textStart())
                        b = min(end, line.textStart() + line.textLength())
                        if a < b:
                            x1, x2 = line.cursorToX(a), line.cursorToX(b)
                            x1 = x1[0] if isinstance(x1, tuple) else x1
                            x2 = x2[0] if isinstance(x2, tuple) else x2
                            rects.append((fmt.anchorHref(), QRectF(
                                origin.x() + min(x1, x2), origin.y() + line.y(),
                                abs(x2 - x1), line.height())))
                block = block.next()
            self._links = (key, rects)
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        return [(href, rect.translated(-offset)) for href, rect in self._links[1]]

    def link_near(self, point: QPoint | QPointF, radius: float = TAP_RADIUS) -> str:
        """The link at a point of the viewport, or else the nearest one within `radius`
        pixels; '' if none."""
        x, y = point.x(), point.y()
        best, nearest = "", radius
        for href, rect in self.link_rects():
            dx = max(rect.left() - x, 0.0, x - rect.right())
            dy = max(rect.top() - y, 0.0, y - rect.bottom())
            distance = math.hypot(dx, dy)
            if distance <= nearest and (not best or distance < nearest):
                best, nearest = href, distance
        return best

    def mousePressEvent(self, event) -> None:
        self._press = event.position() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)
        event.accept()  # ours: a tap may follow a link (the text control takes no mouse)

    def mouseDoubleClickEvent(self, event) -> None:
        # The second press of a double click: no word is selected. If the first tap followed a
        # link, the guard on the viewport has already swallowed this one.
        self.mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        press, self._press = self._press, None
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        moved = event.position() - press
        if math.hypot(moved.x(), moved.y()) > TAP_RADIUS:
            return  # a drag (or the scroller's release far away), not a tap
        href = self.link_near(press)
        if href:
            touch.note_tap(event.globalPosition(), self)
            self.anchorClicked.emit(QUrl(href))

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            pointing = bool(self.link_near(event.position()))
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if pointing
                                      else Qt.CursorShape.ArrowCursor)

    def _on_anchor(self, url: QUrl) -> None:
        if not url.scheme() and url.hasFragment() and not url.path():
            self.section_requested.emit(url.fragment())
        else:
            self.external_link_refused.emit(url.toString())
