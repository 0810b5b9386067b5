"""The main window: composes the section list, the reader, the diagram and the header controls,
and lays them out for the room it has.

Three layouts, chosen from the width the text size leaves (so 200 % text on a laptop lays out like
a narrow screen): *wide*, the list, the text and the diagram side by side; *medium*, the list
folds into a drawer opened from the header; *narrow*, the text and the diagram take turns, with
a switch in the header. Nothing is ever cut off.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..content import Pack, Problem
from ..content.pairing import paragraph_at, section_for, section_step
from ..session import LANGUAGES, TEXT_SIZES, THEMES, Session
from ..speech import spoken_markdown, spoken_section
from . import theme
from .controls import choices
from .flow import flow_widget
from .diagram import DiagramPanel
from .handout import Clinic, Handout
from .help_overlay import HelpOverlay
from .quiz import QuizOverlay
from .keyboard import Keyboard
from .palette import palette
from .preparation import Preparer
from .printing import DocumentPrinting, handout_words, story_words
from .read_aloud import ReadAloud
from .reader import Reader
from .readout import Readout
from .section_list import SectionList
from .story import StoryOverlay
from .story_paper import StoryOnPaper
from .touch import debounce_clicks

WIDE, MEDIUM = 1250, 950   # layout thresholds, in pixels of width at 18 px text
# Each language by its own name: the button offers the next one in words its readers know.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


class MainWindow(QMainWindow):
    """Sections, the current section's text and the diagram, always in step."""

    section_changed = Signal(str)

    def __init__(self, pack: Pack, session: Session, preparer: Preparer,
                 treatments: tuple[str, ...] | None = None, parent=None):
        """`treatments`: the treatments offered by a button (None: every one the pack shows)."""
        super().__init__(parent)
        self.pack = pack
        self.session = session
        self.current = -1
        self.layout_mode = ""
        self._following = False  # moving to a section because the diagram moved on
        self.setWindowTitle(f"CryoViewer — {pack.title}")

        self.sections = SectionList()
        self.sections.set_sections(pack.sections)
        self.sections.currentRowChanged.connect(self._chosen_in_list)
        self.sections.itemClicked.connect(self._picked_in_drawer)
        self.sections.itemActivated.connect(self._picked_in_drawer)
        self.reader = Reader()
        self.reader.section_requested.connect(self.show_section)
        self.reader.external_link_refused.connect(self._refuse_link)
        self.read_aloud = ReadAloud()
        self.read_aloud.word_heard.connect(self.reader.mark_spoken)

        self.title = QLabel(objectName="sectionTitle", wordWrap=True)
        self.notice = QLabel(objectName="notice", wordWrap=True)
        self.notice.hide()
        self.previous_button = QPushButton(self.tr("◀  Previous"))
        self.next_button = QPushButton(self.tr("Next  ▶"))
        self.previous_button.setAccessibleName(self.tr("Previous section"))
        self.next_button.setAccessibleName(self.tr("Next section"))
        self.position = QLabel(objectName="position", alignment=Qt.AlignmentFlag.AlignCenter)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.quiz_button = QPushButton(self.tr("Check what you learned"), objectName="quizOpen")
        self.quiz_button.setAccessibleDescription(self.tr(
            "A few questions about this section, to check what you understood"))
        self.quiz_button.clicked.connect(self.open_quiz)
        self.story_button = QPushButton(self.tr("Read the story with your child"),
                                        objectName="storyOpen")
        self.story_button.setAccessibleDescription(self.tr(
            "A short story with pictures that tells a child what they will see, hear and feel"))
        self.story_button.clicked.connect(self.open_story)
        self.clinic = Clinic()  # on a kiosk, from its settings: on the handout's cover
        self.printing = DocumentPrinting(self, lambda: Handout(
            self.pack, None, self.diagram.preparer, self.clinic), handout_words, self.say)
        self.print_button = QPushButton(self.tr("Print / Save as PDF"), objectName="printOpen")
        self.print_button.setAccessibleName(self.tr("Print the handout or save it as a PDF"))
        self.print_button.setAccessibleDescription(self.tr(
            "A handout of every section in large print, with pictures and questions to ask, to "
            "print or to save as a PDF file (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_handout)

        self.drawer_button = QPushButton(self.tr("☰  Sections"), checkable=True)
        self.drawer_button.setAccessibleName(self.tr("Show the list of sections"))
        self.drawer_button.toggled.connect(self._show_drawer)
        QApplication.instance().focusChanged.connect(self._close_drawer_left_behind)
        self.page_buttons = choices([("text", self.tr("Text")),
                                     ("diagram", self.tr("Diagram"))], self.show_page)
        self.page_buttons["text"].setAccessibleName(self.tr("Show the text"))
        self.page_buttons["diagram"].setAccessibleName(self.tr("Show the diagram"))
        self.page_buttons.choose("text")
        self.theme_button = QPushButton()
        self.theme_button.clicked.connect(self.next_theme)
        self.smaller_button = QPushButton(self.tr("A−"))
        self.larger_button = QPushButton(self.tr("A+"))
        self.smaller_button.setAccessibleName(self.tr("Smaller text"))
        self.larger_button.setAccessibleName(self.tr("Larger text"))
        self.smaller_button.clicked.connect(lambda: self.step_text_size(-1))
        self.larger_button.clicked.connect(lambda: self.step_text_size(+1))
        self.languages = LANGUAGES  # offered by the language button (a kiosk may offer fewer)
        self.language_button = QPushButton(objectName="language")
        self.language_button.clicked.connect(self.next_language)
        self.help_button = QPushButton(self.tr("?"))
        self.help_button.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.help_button.setToolTip(self.tr("Keyboard shortcuts (F1)"))
        self.help_button.clicked.connect(self.show_help)

        self.diagram = DiagramPanel(pack, session, preparer, treatments)
        self.diagram.moment_changed.connect(self._follow_diagram)
        self.diagram.caption_voice.clicked.connect(self.read_caption)
        first = section_step(pack, pack.sections[0]) if pack.sections else None
        if first:  # its simulation starts now, while the rest of the window is built
            preparer.run(first[0])

        self.setCentralWidget(self._build())
        self.keys = Keyboard(self)
        for button in self.findChildren(QAbstractButton):
            debounce_clicks(button)  # a double tap on Next, or on a step, acts once
        self.quiz = QuizOverlay(self)
        self.quiz.show_paragraph.connect(self._show_paragraph)
        self.story = StoryOverlay(self, preparer)
        self.story_printing = DocumentPrinting(self, lambda: StoryOnPaper(
            self.story.story, self.pack.language, preparer), story_words, self.story.say)
        self.story.print_button.clicked.connect(self.story_printing.start)
        self.help = HelpOverlay(self, self.keys.groups())
        self.help.fallback_focus = lambda: (self.drawer_button if self.drawer_button.isVisible()
                                            else self.centralWidget())
        self.help.hide()
        self._set_tab_order()
        session.subscribe(self._on_session)
        self._on_session(frozenset({"theme", "text_size"}))
        self._show_language()
        self.show_section(session.section or "") or self.show_index(0)
        # Nothing shows a focus ring until the keyboard is used: the first Tab goes to the
        # first control, and the keys of the help list work from the start.
        self.centralWidget().setAccessibleName(self.tr(
            "{0}. Tab moves between the controls; F1 lists every key.").format(pack.title))
        self.centralWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> QWidget:
        header = QWidget(objectName="header")
        header_row = QHBoxLayout(header)
        header_row.setContentsMargins(12, 6, 12, 6)
        header_row.setSpacing(8)
        self.pack_title = Readout("packTitle", self.pack.title)  # elided when the bar is full
        self.pack_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header_row.addWidget(self.drawer_button)
        header_row.addWidget(self.pack_title, 1)
        for button in (self.language_button, self.theme_button, self.smaller_button,
                       self.larger_button, self.help_button):
            header_row.addWidget(button)

        # In the narrow layout the text and the diagram take turns: the choice sits above them.
        self.pages = QWidget(objectName="pages")
        pages_row = QHBoxLayout(self.pages)
        pages_row.setContentsMargins(28, 10, 28, 0)
        for button in self.page_buttons.values():
            pages_row.addWidget(button)
        pages_row.addStretch(1)

        navigation = QWidget(objectName="navigation")
        nav_row = QHBoxLayout(navigation)
        nav_row.setContentsMargins(0, 8, 0, 0)
        nav_row.addWidget(self.previous_button)
        nav_row.addWidget(self.position, 1)
        nav_row.addWidget(self.next_button)

        # The stage holds the reading column and, beside it, the animated diagram.
        stage = QWidget(objectName="stage")
        self.stage_row = QHBoxLayout(stage)
        self.stage_row.setContentsMargins(0, 0, 0, 0)
        self.reading = QWidget(objectName="reading")
        reading = QVBoxLayout(self.reading)
        reading.setContentsMargins(28, 16, 28, 14)
        reading.addWidget(self.title)
        reading.addWidget(self.read_aloud)
        reading.addWidget(self.reader, 1)
        reading.addWidget(self.notice)
        # What a section offers after its text — check it, a story, take it home: one row,
        # wrapping when the room is short.
        self.after_text = flow_widget([self.quiz_button, self.story_button, self.print_button], spacing=8)
        reading.addWidget(self.after_text)
        reading.addWidget(navigation)
        # Whatever the text size, every control of the diagram can be reached: its playback
        # controls stay on screen, and when the room is short its pictures scroll (by finger
        # too) rather than being cut off.
        self.diagram_area = self.diagram
        self.stage_row.addWidget(self.reading, 2)
        self.stage_row.addWidget(self.diagram_area, 3)

        self.body = QHBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(0)
        self.body.addWidget(self.sections)
        shown = QWidget(objectName="shown")  # the page choice, then the stage
        shown_column = QVBoxLayout(shown)
        shown_column.setContentsMargins(0, 0, 0, 0)
        shown_column.setSpacing(0)
        shown_column.addWidget(self.pages)
        shown_column.addWidget(stage, 1)
        self.body.addWidget(shown, 1)

        root = QWidget()
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(header)
        column.addLayout(self.body, 1)
        self.header = header
        return root

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_sizes()
        self._fit_title()

    def _fit_title(self) -> None:
        """A long title wraps; nested layouts do not ask for the extra lines, so reserve them."""
        self.title.setMinimumHeight(max(0, self.title.heightForWidth(max(1, self.title.width()))))

    def text_px(self) -> int:
        return theme.text_px(self.height(), self.session.text_size)

    def _apply_sizes(self) -> None:
        """Scale everything with the text, then choose the layout the width allows. Not
        before the window has its size (its first resize does it): a window built at Qt's
        default size would restyle the whole application for nothing, twice."""
        if not self.testAttribute(Qt.WidgetAttribute.WA_Resized) and not self.isVisible():
            return
        px = self.text_px()
        theme.apply(QApplication.instance(), palette(self.session.theme), px)
        self.reader.set_text_px(px)
        self.read_aloud.set_look(palette(self.session.theme).on_accent, px)
        self.diagram.set_text_px(px)
        self.help.set_text_px(px)
        self.quiz.set_look(palette(self.session.theme), px)
        self.story.set_look(palette(self.session.theme), px)
        self.sections.setFixedWidth(max(260, min(round(px * 17), round(self.width() * 0.3))))
        self.smaller_button.setEnabled(self.session.text_size > TEXT_SIZES[0])
        self.larger_button.setEnabled(self.session.text_size < TEXT_SIZES[-1])
        room = self.width() * 18 / px
        self._set_layout("wide" if room >= WIDE else "medium" if room >= MEDIUM else "narrow")
        self._place_drawer()

    def _set_layout(self, mode: str) -> None:
        if mode == self.layout_mode:
            return
        self.layout_mode = mode
        folded = mode != "wide"
        self.drawer_button.setVisible(folded)
        if folded and self.body.indexOf(self.sections) >= 0:
            self.body.removeWidget(self.sections)
            self.sections.setParent(self.centralWidget())
            self.sections.setObjectName("sections")
            self.drawer_button.setChecked(False)
            self.sections.hide()
        elif not folded and self.body.indexOf(self.sections) < 0:
            self.body.insertWidget(0, self.sections)
            self.sections.show()
        self.pages.setVisible(mode == "narrow")
        self.show_page("text" if mode == "narrow" and self.page_buttons.chosen() == "text"
                        else "diagram" if mode == "narrow" else "both")

    def show_page(self, page: str) -> None:
        """In the narrow layout the text and the diagram take turns ("text", "diagram");
        otherwise both show ("both"; asking for one of them then changes nothing)."""
        if self.layout_mode != "narrow" and page != "both":
            return
        if page in self.page_buttons:
            self.page_buttons.choose(page)
        self.reading.setVisible(page in ("text", "both"))
        self.diagram_area.setVisible(page in ("diagram", "both"))

    def _show_drawer(self, shown: bool) -> None:
        if self.layout_mode == "wide":
            return
        had_focus = self.sections.hasFocus()
        self.sections.setVisible(shown)
        if shown:
            self._place_drawer()
            self.sections.raise_()
            self.sections.setFocus(Qt.FocusReason.OtherFocusReason)
        elif had_focus:  # closed from the keyboard: back to the button that opened it
            self.drawer_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close_drawer_left_behind(self, _old, new) -> None:
        """Focus that leaves the open drawer (Tab, a click elsewhere) closes it: nothing with
        the focus ever hides under it."""
        if (self.drawer_button.isChecked() and new is not None and new is not self.sections
                and new is not self.drawer_button and not self.sections.isAncestorOf(new)):
            self.drawer_button.setChecked(False)

    def _place_drawer(self) -> None:
        if self.layout_mode != "wide" and self.sections.isVisible():
            top = self.header.height()
            self.sections.setGeometry(0, top, self.sections.width(),
                                      self.centralWidget().height() - top)

    def _set_tab_order(self) -> None:
        chain = [self.drawer_button, self.language_button, self.theme_button, self.smaller_button, self.larger_button,
                 self.help_button, self.sections, *self.page_buttons.values(),
                 self.read_aloud.read_button, self.read_aloud.stop_button,
                 self.read_aloud.slower_button, self.reader,
                 self.quiz_button, self.story_button, self.print_button,
                 self.previous_button, self.next_button,
                 *self.diagram.tab_order()]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- session --------------------------------------------------------------------------

    def _on_session(self, changed: frozenset[str]) -> None:
        s = self.session
        if "theme" in changed:
            p = palette(s.theme)
            self.reader.set_palette(p)
            self.help.set_palette(p)
            names = {"default": self.tr("Standard"), "projector": self.tr("Projector"),
                     "high-contrast": self.tr("High contrast")}
            self.theme_button.setText(self.tr("Colours: {0}").format(names[s.theme]))
            self.theme_button.setAccessibleName(self.tr("Colours: {0}. Choose the next colour "
                                                        "scheme").format(names[s.theme]))
        if changed & {"theme", "text_size"}:
            self._apply_sizes()
            self._fit_title()
        if "reset" in changed:
            self.help.hide()
            self.quiz.hide()
            self.story.hide()
            self.drawer_button.setChecked(False)
            self.page_buttons.choose("text")
            self.show_page("text" if self.layout_mode == "narrow" else "both")
            self.current = -1
            self.show_section(s.section or "") or self.show_index(0)
        elif "section" in changed and s.section and s.section != self.current_section_id():
            self.show_section(s.section)

    def set_languages(self, languages: tuple[str, ...]) -> None:
        """The languages offered; the button shows only when there is a choice."""
        self.languages = tuple(languages)
        self._show_language()

    def _show_language(self) -> None:
        offered = [name for name in self.languages if name in LANGUAGE_NAMES]
        self.language_button.setVisible(len(offered) > 1)
        if len(offered) > 1:
            following = self._following_language()
            self.language_button.setText(LANGUAGE_NAMES[following])
            self.language_button.setAccessibleName(
                self.tr("Change the language to {0}").format(LANGUAGE_NAMES[following]))

    def _following_language(self) -> str:
        offered = [name for name in self.languages if name in LANGUAGE_NAMES]
        at = offered.index(self.session.language) if self.session.language in offered else -1
        return offered[(at + 1) % len(offered)]

    def next_language(self) -> None:
        """Switch the language (the viewer rebuilds its window in it: see ui/relanguage.py)."""
        self.session.update(language=self._following_language())

    def detach(self) -> None:
        """This window is being replaced: it stops listening, speaking and moving."""
        self.read_aloud.stop()
        self.session.unsubscribe(self._on_session)
        self.diagram.detach()

    def next_theme(self) -> None:
        self.session.update(theme=THEMES[(THEMES.index(self.session.theme) + 1) % len(THEMES)])

    def step_text_size(self, direction: int) -> None:
        position = TEXT_SIZES.index(self.session.text_size) + direction
        if 0 <= position < len(TEXT_SIZES):
            self.session.update(text_size=TEXT_SIZES[position])

    # -- navigation ---------------------------------------------------------------------------

    def show_index(self, index: int) -> None:
        """Show the section at a position in reading order (out-of-range positions are ignored)."""
        if not 0 <= index < len(self.pack.sections) or index == self.current:
            return
        self.current = index
        section = self.pack.sections[index]
        self.title.setText(section.title)
        self._fit_title()
        self.reader.show_section(section)
        self.read_aloud.set_text(spoken_section(section), self.pack.language,
                                 self.reader.document().toPlainText())
        self.notice.hide()
        self.sections.setCurrentRow(index)
        self.sections.scrollToItem(self.sections.item(index))
        self.session.update(section=section.id)
        self.position.setText(self.tr("{0} of {1}").format(index + 1, len(self.pack.sections)))
        self.quiz_button.setVisible(bool(self.pack.questions_for(section.id)))
        self.quiz.hide()
        self.story_button.setVisible(self.pack.story_for(section.id) is not None)
        self.after_text.setVisible(self.quiz_button.isVisibleTo(self.after_text)
                                   or self.story_button.isVisibleTo(self.after_text))
        self.story.hide()
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pack.sections) - 1)
        if not self._following:
            step = section_step(self.pack, section)
            if step:
                self.diagram.show_step(*step)
        self._highlight()
        self.section_changed.emit(section.id)

    # -- teach-back -------------------------------------------------------------------------

    def open_quiz(self) -> None:
        section = self.pack.sections[self.current]
        questions = self.pack.questions_for(section.id)
        if questions:
            self.diagram.pause()   # nothing animates behind a screen that covers it
            self.quiz.start(section, list(questions))

    def open_story(self) -> None:
        """The children's story offered under the section shown, one page at a time."""
        story = self.pack.story_for(self.pack.sections[self.current].id)
        if story is not None:
            self.diagram.pause()   # nothing animates behind a screen that covers it
            self.story.start(story)

    def _show_paragraph(self, index: int) -> None:
        """After a wrong answer: the paragraph that says it, marked and in view."""
        self.show_page("text" if self.layout_mode == "narrow" else "both")
        self.reader.highlight_paragraph(None)
        self.reader.highlight_paragraph(index, scroll=True)
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- pairing with the diagram ---------------------------------------------------------

    def _follow_diagram(self, moved: bool) -> None:
        """Keep the text in step with the diagram: the right section (when the diagram moved
        on by itself) and the paragraph about the moment shown."""
        moment = self.diagram.moment()
        if moved and moment is not None:
            phase = moment.phase
            target = section_for(self.pack, self.current, self.diagram.scenario_id, phase.id,
                                 phase.kind)
            if target != self.current:
                self._following = True
                try:
                    self.show_index(target)
                finally:
                    self._following = False
        self._highlight(scroll=moved)

    def _highlight(self, scroll: bool = False) -> None:
        moment = self.diagram.moment()
        if moment is None or self.current < 0:
            self.reader.highlight_paragraph(None)
            return
        section = self.pack.sections[self.current]
        self.reader.highlight_paragraph(paragraph_at(
            section, self.diagram.scenario_id, moment.phase.id, moment.phase.kind,
            moment.fraction), scroll)

    def _chosen_in_list(self, index: int) -> None:
        self.show_index(index)  # (in the drawer, arrows browse: the page changes behind it)

    def _picked_in_drawer(self) -> None:
        """A tap, a click or Enter on a section in the drawer: it closes, the text shows."""
        if self.layout_mode != "wide" and self.sections.isVisible():
            self.drawer_button.setChecked(False)
            self.show_page("text" if self.layout_mode == "narrow" else "both")
            self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def read_caption(self) -> None:
        """The diagram's caption, read aloud (no word is marked in the section's text)."""
        self.read_aloud.read(spoken_markdown(self.diagram.caption.text()))

    def closeEvent(self, event) -> None:
        self.read_aloud.stop()
        self.diagram.shutdown()
        super().closeEvent(event)

    def show_section(self, section_id: str) -> bool:
        """Show a section by id; False if the pack has none with that id."""
        try:
            self.show_index(self.pack.index_of(section_id))
        except ValueError:
            return False
        return True

    def next(self) -> None:
        self.show_index(self.current + 1)

    def previous(self) -> None:
        self.show_index(self.current - 1)

    def current_section_id(self) -> str:
        return self.pack.sections[self.current].id

    def _refuse_link(self, target: str) -> None:
        self.say(self.tr("That link leads outside this viewer, so it cannot be opened here. "
                         "Please ask a member of staff."))

    def say(self, sentence: str) -> None:
        """A calm sentence under the text (a link refused, a handout printed)."""
        self.notice.setText(sentence)
        self.notice.show()

    # -- the handout --------------------------------------------------------------------------

    def print_handout(self) -> None:
        """Print the handout or save it as a PDF (a kiosk: print it on its printer); the
        story instead while it is open."""
        if self.story.isVisible():
            if not self.story.print_button.isHidden():
                self.story_printing.start()
        elif not self.print_button.isHidden():  # (a kiosk without a printer hides it)
            self.printing.start()

    def set_kiosk_printer(self, name: str | None, clinic) -> None:
        """On a kiosk: a "Print" button that prints on `name` with no dialog, hidden when
        there is no printer; `clinic`, its name and phone, go on the handout."""
        self.printing.kiosk_printer = self.story_printing.kiosk_printer = name
        self.clinic = clinic
        self.story.set_kiosk_printer(name)
        self.print_button.setText(self.tr("Print"))
        self.print_button.setAccessibleName(self.tr("Print the handout"))
        self.print_button.setAccessibleDescription(self.tr(
            "A handout of every section in large print, with pictures and questions to ask, "
            "printed here to take home"))
        self.print_button.setVisible(name is not None)

    # -- keyboard -----------------------------------------------------------------------------

    def toggle_play(self) -> None:
        """Play or pause; playing shows the diagram where the text and it take turns."""
        self.diagram.toggle_play()
        playback = self.diagram.playback
        if playback is not None and playback.playing and self.layout_mode == "narrow":
            self.show_page("diagram")

    def show_help(self) -> None:
        self.help.open()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.drawer_button.isChecked():
            self.drawer_button.setChecked(False)
            return
        if not self.keys.handle(event):
            super().keyPressEvent(event)

    # -- problems -----------------------------------------------------------------------------

    def report_rejected_pack(self, root, problems: list[Problem]) -> QMessageBox:
        """Tell the administrator why their pack was not used; the built-in one is showing."""
        errors = [p for p in problems if p.severity == "error"]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Content not loaded"),
                          self.tr("The content in {0} could not be used, so the built-in "
                                  "content is shown instead.").format(root), parent=self)
        box.setInformativeText(self.tr("{0} problem(s) found. The first one:\n{1}")
                               .format(len(errors), errors[0] if errors else ""))
        box.setDetailedText("\n".join(str(p) for p in problems))
        box.setObjectName("packProblems")
        box.open()
        return box
