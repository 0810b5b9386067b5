"""Pages on paper: blocks of large text, pictures with captions, tick boxes and ruled lines,
laid out and numbered by hand with QPainter on any paged device (a QPdfWriter, a QPrinter).

Why by hand: a footer with "page N of M" and the date on every page, pictures that never split,
headings kept with what follows them, in sizes given in points. QTextDocument lays out each
block of text (at the device's own resolution: its layout paints on the device) and this module
cuts it between lines; nothing sets a document's page size.

Reusable: anything printable (the handout, a story of a few pages) is a list of blocks —
Text, Picture(s), Legend, Checklist, Ruled, PageBreak — given to `Paper.pages()`, which yields after
each page so that a window can keep answering while it prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)

from .key import Entry
from .palette import Palette
from .theme import FONT_FAMILY

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 18
BODY_PT, HEADINGS_PT = 14, (24, 18, 16)   # large print: body ≥ 14 pt, headings larger
FOOTER_PT = 12
LINE_GAP_MM = 9       # between ruled lines: room for handwriting
LINE_HEIGHT_PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
_LINK = re.compile(r"(!?)\[([^\]]*)\]\([^)]*\)")


def set_paper(device: QPagedPaintDevice, paper: str | None) -> None:
    """A4 or US letter (None: the device's own, as a print dialog chose it), upright, with
    the handout's margins."""
    size = QPageSize(PAPERS[paper]) if paper else device.pageLayout().pageSize()
    device.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait,
                                     QMarginsF(*(MARGIN_MM,) * 4), QPageLayout.Unit.Millimeter))


def plain_links(markdown: str) -> str:
    """Links and pictures as their words: paper has nothing to click, and shows no file."""
    return _LINK.sub(lambda m: m.group(2) if m.group(1) else f"*{m.group(2)}*", markdown)


# -- blocks ---------------------------------------------------------------------------------

@dataclass
class Unit:
    """A piece of a page that is never split: its height and how to draw it at a top."""

    height: float
    draw: Callable[[QPainter, float], None]
    keep_with_next: bool = False


@dataclass
class Text:
    """Markdown; `points` its body's size, `spacing` its line height in per cent (open lines
    for a child's story)."""

    markdown: str
    points: float = BODY_PT
    spacing: int = 100


@dataclass
class Picture:
    """One picture, centred, drawn as it is (it has its own frame), `height` millimetres high
    at the most, and never wider than the text."""

    image: QImage
    height: float


@dataclass
class Pictures:
    """Pictures side by side, `columns` a row, each with a title above and a caption below."""

    items: list[tuple[str, QImage, str]]
    columns: int = 2


@dataclass
class Legend:
    """What the colours, stripes and lines of the pictures mean: (entry, striped)."""

    entries: list[tuple[Entry, bool]]
    title: str = ""


@dataclass
class Checklist:
    """Tick boxes: (group heading or "", items); under each item `lines` ruled lines."""

    groups: list[tuple[str, list[str]]]
    lines: int = 2


@dataclass
class Ruled:
    """A heading and ruled lines to write on."""

    title: str
    lines: int


@dataclass
class PageBreak:
    pass


@dataclass
class Paper:
    """Lays blocks out on `device` (its page layout already set) in a palette's ink."""

    device: QPagedPaintDevice
    palette: Palette
    footer: Callable[[int, int], tuple[str, str]]  # (page, pages) -> left and right words
    language: str = "en"
    _fonts: dict = field(default_factory=dict)

    def __post_init__(self):
        d = self.device
        self.dpi = d.logicalDpiY()
        self.width = d.width()
        footer = QFontMetricsF(self.font(FOOTER_PT), d).height()
        self.bottom = d.height() - footer - self.mm(4)

    def mm(self, millimetres: float) -> float:
        return millimetres * self.dpi / 25.4

    def font(self, points: float, bold: bool = False) -> QFont:
        key = (points, bold)
        if key not in self._fonts:
            font = QFont(FONT_FAMILY)
            font.setPointSizeF(points)
            font.setBold(bold)
            self._fonts[key] = font
        return self._fonts[key]

    def ink(self) -> QColor:
        return QColor(self.palette.ink)

    # -- pagination ----------------------------------------------------------------------

    def pages(self, blocks: list, painter: QPainter) -> Iterator[int]:
        """Paint every page; yield the number of each page once painted."""
        pages = self.paginate(blocks)
        for number, page in enumerate(pages, 1):
            if number > 1:
                self.device.newPage()
            for top, unit in page:
                unit.draw(painter, top)
            self._footer(painter, number, len(pages))
            yield number

    def paginate(self, blocks: list) -> list[list[tuple[float, Unit]]]:
        """Units placed on pages: a unit that does not fit starts a page, taking with it the
        units before it that must be kept with it (a heading and its first lines)."""
        pages: list[list[tuple[float, Unit]]] = [[]]
        y = 0.0
        for block in blocks:
            if isinstance(block, PageBreak):
                if pages[-1]:
                    pages.append([])
                    y = 0.0
                continue
            for unit in self.units(block):
                if y + unit.height > self.bottom and pages[-1]:
                    kept = []
                    while pages[-1] and pages[-1][-1][1].keep_with_next:
                        kept.insert(0, pages[-1].pop()[1])
                    if not pages[-1]:  # a whole page kept together: cut it anyway
                        pages[-1] = [(0.0, u) for u in kept]
                        kept = []
                    pages.append([])
                    y = 0.0
                    for held in kept:
                        pages[-1].append((y, held))
                        y += held.height
                pages[-1].append((y, unit))
                y += unit.height
        return [page for page in pages if page]

    def units(self, block) -> list[Unit]:
        kind = {Text: self._text, Picture: self._picture, Pictures: self._pictures,
                Legend: self._legend, Checklist: self._checklist, Ruled: self._ruled}[type(block)]
        return kind(block)

    # -- text ----------------------------------------------------------------------------

    def document(self, markdown: str, points: float = BODY_PT, width: float | None = None,
                 spacing: int = 100) -> QTextDocument:
        """Markdown laid out on the device at `width`, headings bold and large, lines
        `spacing` per cent apart."""
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDefaultFont(self.font(points))
        doc.setDocumentMargin(0)
        doc.setMarkdown(plain_links(markdown), QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        block = doc.begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level:
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                fmt = cursor.charFormat()
                fmt.setFont(self.font(HEADINGS_PT[min(level, 3) - 1], bold=True))
                cursor.mergeCharFormat(fmt)
            if spacing != 100:
                spaced = block.blockFormat()
                spaced.setLineHeight(spacing, LINE_HEIGHT_PROPORTIONAL)
                QTextCursor(block).setBlockFormat(spaced)
            block = block.next()
        doc.setTextWidth(width or self.width)
        return doc

    def _text(self, block: Text) -> list[Unit]:
        """One unit a line; a heading's lines and a paragraph's first line stay with the
        next line (no heading alone at a page's foot, no single line of a paragraph)."""
        doc = self.document(block.markdown, block.points, spacing=block.spacing)
        layout = doc.documentLayout()
        cuts: list[tuple[float, bool]] = []  # (bottom of a line, keep with the next)
        item = doc.begin()
        while item.isValid():
            box = layout.blockBoundingRect(item)
            lines = item.layout()
            heading = item.blockFormat().headingLevel() > 0
            for i in range(lines.lineCount()):
                line = lines.lineAt(i).rect()
                keep = heading or (i == 0 and lines.lineCount() > 2) or \
                    (i == lines.lineCount() - 2)
                cuts.append((box.top() + line.bottom(), keep))
            item = item.next()
        units, top = [], 0.0
        end = doc.size().height()
        for n, (bottom, keep) in enumerate(cuts):
            bottom = end if n == len(cuts) - 1 else bottom
            units.append(Unit(bottom - top, self._slice(doc, top, bottom), keep))
            top = bottom
        if units:  # a little room after the block
            units[-1].height += self.mm(4)
        return units

    def _slice(self, doc: QTextDocument, top: float, bottom: float):
        def draw(painter: QPainter, y: float) -> None:
            painter.save()
            painter.translate(0, y - top)
            doc.drawContents(painter, QRectF(0, top, self.width, bottom - top))
            painter.restore()
        return draw

    def _words(self, painter: QPainter, rect: QRectF, text: str, font: QFont,
               flags=Qt.AlignmentFlag.AlignLeft) -> None:
        painter.setFont(font)
        painter.setPen(self.ink())
        painter.drawText(rect, int(flags | Qt.TextFlag.TextWordWrap), text)

    def _height(self, text: str, font: QFont, width: float) -> float:
        if not text:
            return 0.0
        metrics = QFontMetricsF(font, self.device)
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt.TextFlag.TextWordWrap,
                                    text).height()

    # -- pictures ------------------------------------------------------------------------

    def _picture(self, block: Picture) -> list[Unit]:
        image = block.image
        height = min(self.mm(block.height), self.width * image.height() / image.width())
        width = height * image.width() / image.height()

        def draw(painter: QPainter, y: float) -> None:
            painter.drawImage(QRectF((self.width - width) / 2, y, width, height), image)
        return [Unit(height + self.mm(6), draw, keep_with_next=True)]

    def _pictures(self, block: Pictures) -> list[Unit]:
        gap = self.mm(6)
        column = (self.width - gap * (block.columns - 1)) / block.columns
        title_font, caption_font = self.font(BODY_PT, bold=True), self.font(BODY_PT)
        units = []
        for start in range(0, len(block.items), block.columns):
            row = block.items[start:start + block.columns]
            titles = max(self._height(t, title_font, column) for t, _, _ in row)
            pictures = max(column * i.height() / i.width() for _, i, _ in row)
            captions = max(self._height(c, caption_font, column) for _, _, c in row)
            height = titles + pictures + captions + self.mm(4) + self.mm(8)

            def draw(painter, y, row=row, titles=titles, pictures=pictures):
                for n, (title, image, caption) in enumerate(row):
                    x = n * (column + gap)
                    self._words(painter, QRectF(x, y, column, titles), title, title_font)
                    shown = column * image.height() / image.width()
                    target = QRectF(x, y + titles + self.mm(1), column, shown)
                    painter.drawImage(target, image)
                    painter.setPen(QPen(self.ink(), self.mm(0.2)))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(target)
                    self._words(painter, QRectF(x, y + titles + pictures + self.mm(3), column,
                                                1e6), caption, caption_font)
            units.append(Unit(height, draw))
        return units

    def _legend(self, block: Legend) -> list[Unit]:
        font = self.font(BODY_PT)
        metrics = QFontMetricsF(font, self.device)
        chip_w, chip_h, gap = self.mm(12), self.mm(6), self.mm(3)
        row_h = max(metrics.height(), chip_h) + self.mm(2)
        title_h = self._height(block.title, self.font(BODY_PT, bold=True), self.width)
        places, x, rows = [], 0.0, 0
        for entry, striped in block.entries:
            width = chip_w + gap + metrics.horizontalAdvance(entry.text) + self.mm(8)
            if x > 0 and x + width > self.width:
                x, rows = 0.0, rows + 1
            places.append((x, rows, entry, striped))
            x += width

        def draw(painter: QPainter, y: float) -> None:
            self._words(painter, QRectF(0, y, self.width, title_h), block.title,
                        self.font(BODY_PT, bold=True))
            for x, row, entry, striped in places:
                top = y + title_h + row * row_h
                chip = QRectF(x, top + (row_h - chip_h) / 2, chip_w, chip_h)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(entry.fill))
                painter.drawRect(chip)
                if striped:
                    brush = QBrush(QColor(self.palette.hatch), Qt.BrushStyle.BDiagPattern)
                    brush.setTransform(brush.transform().scale(self.mm(0.25), self.mm(0.25)))
                    painter.setBrush(brush)
                    painter.drawRect(chip)
                style = Qt.PenStyle.DashLine if entry.dashed else entry.style
                painter.setPen(QPen(QColor(entry.edge), self.mm(0.6), style))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(chip)
                self._words(painter, QRectF(x + chip_w + gap, top, self.width, row_h), entry.text,
                            font, Qt.AlignmentFlag.AlignVCenter)
        return [Unit(title_h + (rows + 1) * row_h + self.mm(4), draw, keep_with_next=True)]

    # -- lines to write on ---------------------------------------------------------------

    def _rules(self, painter: QPainter, y: float, lines: int, indent: float = 0.0) -> None:
        painter.setPen(QPen(QColor(self.palette.muted), self.mm(0.25)))
        for n in range(1, lines + 1):
            painter.drawLine(QPointF(indent, y + n * self.mm(LINE_GAP_MM)),
                             QPointF(self.width, y + n * self.mm(LINE_GAP_MM)))

    def _checklist(self, block: Checklist) -> list[Unit]:
        font, bold = self.font(BODY_PT), self.font(HEADINGS_PT[2], bold=True)
        box = self.mm(6)
        indent = box + self.mm(4)
        units = []
        for heading, items in block.groups:
            if heading:
                h = self._height(heading, bold, self.width) + self.mm(2)
                units.append(Unit(h, lambda p, y, t=heading, h=h: self._words(
                    p, QRectF(0, y, self.width, h), t, bold), keep_with_next=True))
            for item in items:
                text_h = max(box, self._height(item, font, self.width - indent))
                height = text_h + block.lines * self.mm(LINE_GAP_MM) + self.mm(4)

                def draw(painter, y, item=item, text_h=text_h):
                    painter.setPen(QPen(self.ink(), self.mm(0.4)))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(QRectF(0, y + self.mm(0.5), box, box))
                    self._words(painter, QRectF(indent, y, self.width - indent, text_h), item,
                                font)
                    self._rules(painter, y + text_h - self.mm(2), block.lines, indent)
                units.append(Unit(height, draw))
        return units

    def _ruled(self, block: Ruled) -> list[Unit]:
        bold = self.font(HEADINGS_PT[1], bold=True)
        h = self._height(block.title, bold, self.width)
        units = [Unit(h, lambda p, y: self._words(p, QRectF(0, y, self.width, h), block.title,
                                                  bold), keep_with_next=True)]
        step = self.mm(LINE_GAP_MM)
        units += [Unit(step, lambda p, y: self._rules(p, y, 1)) for _ in range(block.lines)]
        return units

    def _footer(self, painter: QPainter, page: int, pages: int) -> None:
        left, right = self.footer(page, pages)
        font = self.font(FOOTER_PT)
        height = self.device.height() - self.bottom
        rect = QRectF(0, self.bottom, self.width, height)
        painter.setPen(QPen(QColor(self.palette.muted), self.mm(0.2)))
        painter.drawLine(QPointF(0, self.bottom + self.mm(1.5)),
                         QPointF(self.width, self.bottom + self.mm(1.5)))
        self._words(painter, rect, left, font, Qt.AlignmentFlag.AlignLeft
                    | Qt.AlignmentFlag.AlignBottom)
        self._words(painter, rect, right, font, Qt.AlignmentFlag.AlignRight
                    | Qt.AlignmentFlag.AlignBottom)
