"""The children's story: "Read the story with your child", one page at a time, on a layer.

A large picture (the real diagram, in the friendly look) beside or above large, calm text;
Back, Next, "Page 2 of 6" and Close; "Print the story" (printing.py does it, and says how it
went on a line under the title). Arrows, Page Up / Page Down, Home / End and Escape work
wherever the focus is on the layer, and a swipe turns the page. A screen reader hears the
page's text and the picture in words. Nothing is kept: a kiosk's reset closes it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QFont, QPixmap, QTextDocument
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ..content import Page, Story
from .cover import Cover, focus_in
from .palette import Palette
from .preparation import Preparer
from .story_picture import StoryPictures
from .theme import TOUCH_PX
from .touch import debounce_clicks

TEXT_SCALE = 1.6    # the story's text, against the reading text
SMALLEST = 0.75     # … and the least it may have when the room is short (large text)
LINE_HEIGHT = 140   # per cent: open lines, easy to follow with a finger
SWIPE_SHARE = 0.08  # a sideways drag this share of the layer's width turns the page
PICTURE_SHARES = (3, 2, 1)  # the picture's share of the room, against the text's 2, in turn
BESIDE = 1.3        # the picture beside the text when the card is this much wider than tall
K = Qt.Key


class PagePicture(QLabel):
    """A page's picture, drawn afresh at the label's size (a graphic to a screen reader)."""

    def __init__(self):
        super().__init__(objectName="storyPicture", alignment=Qt.AlignmentFlag.AlignCenter,
                         wordWrap=True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.pictures: StoryPictures | None = None  # given when the story first opens
        self.page: Page | None = None

    def show_page(self, page: Page) -> None:
        self.page = page
        self.setAccessibleName(self.tr("Picture: {0}").format(page.description))
        self.redraw()

    def waiting(self) -> bool:
        """Whether the picture is still being computed."""
        return self.page is not None and self.pixmap().isNull()

    def redraw(self) -> None:
        if self.pictures is None or self.page is None or self.width() <= 0 \
                or self.height() <= 0:
            return
        aspect = self.pictures.aspect(self.page)
        width = min(self.width(), round(self.height() * aspect))
        ratio = self.devicePixelRatioF()
        image = self.pictures.image(self.page, round(width * ratio),
                                    round(width / aspect * ratio))
        if image is None:
            self.clear()
            self.setText(self.tr("The picture is on its way…"))
            return
        image.setDevicePixelRatio(ratio)
        self.setPixmap(QPixmap.fromImage(image))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.redraw()


class FittedText(QLabel):
    """Plain text in open lines, as large as wanted, and smaller only as far as it must be to
    fit its room."""

    def __init__(self):
        super().__init__(objectName="storyText", wordWrap=True)
        self.setTextFormat(Qt.TextFormat.RichText)  # (for the line height; the text is escaped)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.most, self.least, self.px = 24, 14, 0
        self.plain = ""

    def set_sizes(self, most: int, least: int) -> None:
        self.most, self.least = most, least
        self.fit()

    def set_plain(self, text: str) -> None:
        self.plain = text
        self.setText(_open_lines(text))
        self.setAccessibleName(text)  # the words, not the markup
        self.fit()

    def fits(self, text: str, px: int) -> bool:
        """Whether a text fits the label's room at a size."""
        room = self.contentsRect()
        measure = QTextDocument()
        measure.setDocumentMargin(0)
        font = QFont(self.font())
        font.setPixelSize(px)
        measure.setDefaultFont(font)
        measure.setHtml(_open_lines(text))
        measure.setTextWidth(max(1, room.width()))
        return measure.size().height() <= room.height()

    def fit(self) -> None:
        px = self.most
        while px > self.least and not self.fits(self.plain, px):
            px -= 1
        if px != self.px:
            self.px = px
            self.setStyleSheet(f"font-size: {px}px;")  # (over the card's size for labels)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()


def _open_lines(text: str) -> str:
    return f'<p style="line-height: {LINE_HEIGHT}%;">{html.escape(text)}</p>'


class StoryOverlay(Cover):
    """Opened on a story (`start`); pages turn with `turn(+1 or -1)`."""

    def __init__(self, parent: QWidget, preparer: Preparer):
        super().__init__(parent, "story", scrim=0.94)
        self.story: Story | None = None
        self.at = 0
        self._press: QPointF | None = None
        self.preparer = preparer
        self.pictures: StoryPictures | None = None  # made when first opened: no cost before
        preparer.progressed.connect(self._on_progress)
        self.title = QLabel(objectName="coverTitle", wordWrap=True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.print_button = QPushButton(objectName="storyPrint")
        self.print_button.setMinimumHeight(TOUCH_PX)
        self.notice = QLabel(objectName="storyNotice", wordWrap=True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()
        self.picture = PagePicture()
        self.text = FittedText()
        self.position = QLabel(objectName="storyPosition",
                               alignment=Qt.AlignmentFlag.AlignCenter)
        self.back_button = QPushButton(objectName="storyBack")
        self.next_button = QPushButton(objectName="storyNext")
        self.close_button = QPushButton(objectName="storyClose")
        for button in (self.back_button, self.next_button, self.close_button):
            button.setMinimumHeight(TOUCH_PX)
            button.installEventFilter(self)  # arrows turn the page, even on a button
            debounce_clicks(button)  # a double tap on Next turns one page
        self.back_button.clicked.connect(lambda: self.turn(-1))
        self.next_button.clicked.connect(lambda: self.turn(+1))
        self.close_button.clicked.connect(self.hide)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.picture, 3)
        self.body.addWidget(self.text, 2)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addWidget(self.position, 1)
        row.addWidget(self.next_button)
        row.addSpacing(TOUCH_PX)
        row.addWidget(self.close_button)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        self.column.addLayout(heading)
        self.column.addWidget(self.notice)
        self.column.addLayout(self.body, 1)
        self.column.addLayout(row)
        self.back_button.setText(self.tr("◀  Back"))
        self.next_button.setText(self.tr("Next  ▶"))
        self.close_button.setText(self.tr("Close"))
        self.back_button.setAccessibleName(self.tr("Previous page"))
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.close_button.setAccessibleName(self.tr("Close the story"))
        self.print_button.setText(self.tr("Print the story"))
        self.set_kiosk_printer(None, kiosk=False)

    def set_kiosk_printer(self, name: str | None, kiosk: bool = True) -> None:
        """A computer's button asks whether to print or save a PDF; a kiosk's prints on its
        printer `name` at once, and there is none without a printer."""
        self.print_button.setAccessibleName(self.tr("Print the story") if kiosk else
                                            self.tr("Print the story or save it as a PDF"))
        self.print_button.setAccessibleDescription(self.tr(
            "The story on paper, a picture and large text a page, to read again at home"))
        self.print_button.setVisible(name is not None or not kiosk)

    def say(self, sentence: str) -> None:
        """How printing went, under the title."""
        self.notice.setText(sentence)
        self.notice.show()

    def start(self, story: Story) -> None:
        self.story, self.at = story, 0
        if self.pictures is None:
            self.pictures = self.picture.pictures = StoryPictures(self.preparer, self.palette_)
        self.title.setText(story.title)
        self.notice.hide()
        self.setAccessibleName(self.tr("A story to read with your child: {0}").format(
            story.title))
        self.pictures.prepare(story.pages)
        self.open()
        self._share_room()
        self._show_page()
        focus_in(self.next_button)

    def turn(self, step: int) -> None:
        """The next (+1) or previous (−1) page; nothing past the first or the last."""
        self.go_to(self.at + step)

    def go_to(self, index: int) -> None:
        if self.story is None or not 0 <= index < len(self.story.pages) or index == self.at:
            return
        self.at = index
        self._show_page()

    def _show_page(self) -> None:
        page, count = self.story.pages[self.at], len(self.story.pages)
        self.text.set_plain(page.text)
        self.picture.show_page(page)
        self.position.setText(self.tr("Page {0} of {1}").format(self.at + 1, count))
        first, last = self.at == 0, self.at == count - 1
        focused = self.window().focusWidget()  # (the window's, even while it is not active)
        if last and focused is self.next_button:
            focus_in(self.close_button)  # the end: the way out is the next thing to press
        if first and focused is self.back_button:
            focus_in(self.next_button)
        self.back_button.setEnabled(not first)
        self.next_button.setEnabled(not last)
        self.setAccessibleDescription(self.tr("Page {0} of {1}. {2} Picture: {3}").format(
            self.at + 1, count, page.text, page.description))

    def _on_progress(self, scenario_id: str) -> None:
        """More of a treatment is computed: the picture that waited for it can be drawn."""
        if self.isVisible() and self.picture.waiting() and \
                self.picture.page.scenario == scenario_id:
            self.picture.redraw()

    # -- look ---------------------------------------------------------------------------

    def set_look(self, p: Palette, px: int) -> None:
        if self._styled == (p, px):
            return
        if self.pictures is not None:
            self.pictures.set_palette(p)
        super().set_look(p, px)
        self.text.set_sizes(round(px * TEXT_SCALE), max(18, round(px * SMALLEST)))
        self.picture.redraw()

    def place_card(self) -> None:
        """The card fills the layer but for a margin; the picture goes beside the text when
        the card is wide, above it when it is not."""
        margin = max(12, min(self.width(), self.height()) // 40)
        self.card.setGeometry(self.rect().adjusted(margin, margin, -margin, -margin))
        wide = self.card.width() >= BESIDE * self.card.height()
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if wide
                               else QBoxLayout.Direction.TopToBottom)
        self.body.setSpacing(max(16, self.px))
        self._share_room()

    def _share_room(self) -> None:
        """The picture takes what the text leaves: the text gets the room its longest page
        needs at its largest size if it can, else at the reading text's size, else at its
        least (so the picture keeps its size from page to page)."""
        if self.story is None:
            return
        texts = [page.text for page in self.story.pages]
        for px in (self.text.most, self.px, self.text.least):
            for picture in PICTURE_SHARES:
                self.body.setStretch(0, picture)
                self.body.setStretch(1, 2)
                self.column.activate()
                if all(self.text.fits(text, px) for text in texts):
                    return

    def restyle(self) -> None:
        super().restyle()
        gap = max(16, self.px)
        self.column.setContentsMargins(gap, gap, gap, gap)  # the room is the story's
        self.title.setStyleSheet(f"font-size: {round(self.px * 1.2)}px;")  # the text comes first

    # -- keys and swipes ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched is not self.parentWidget():
            return self._key(event.key())
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        self._key(event.key())
        event.accept()  # nothing under the layer takes a key

    def _key(self, key: int) -> bool:
        if key == K.Key_Escape:
            self.hide()
        elif key in (K.Key_Right, K.Key_PageDown):
            self.turn(+1)
        elif key in (K.Key_Left, K.Key_PageUp):
            self.turn(-1)
        elif key == K.Key_Home:
            self.go_to(0)
        elif key == K.Key_End and self.story is not None:
            self.go_to(len(self.story.pages) - 1)
        else:
            return False
        return True

    def mousePressEvent(self, event) -> None:
        self._press = event.globalPosition()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        press, self._press = self._press, None
        event.accept()
        if press is None:
            return
        moved = event.globalPosition() - press
        if abs(moved.x()) >= SWIPE_SHARE * self.width() and abs(moved.x()) > 2 * abs(moved.y()):
            self.turn(-1 if moved.x() > 0 else +1)  # a finger drawn to the left: the next page
