"""Teach-back: "Check what you learned" — the section's questions, one at a time, on a layer.

Two to four large answers. A right answer is confirmed in a few words; a wrong one is explained
gently (the question's `why`) and the person may try again or be shown the paragraph that says
it. At the end, a short summary names what to ask the care team about. Nothing is kept: the
layer forgets everything when it closes, and a kiosk's reset closes it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..content import Question, Section
from ..content.section_file import paragraph_blocks
from .cover import Cover, focus_in
from .theme import TOUCH_PX
from .touch import debounce_clicks

ANSWER_PX = 64  # an answer is a large target


def paragraph_for(section: Section, question: Question) -> int | None:
    """The paragraph that answers a question: the one sharing most key words with its why."""
    def words(text: str) -> set[str]:
        return {w[:5] for w in re.findall(r"\w{4,}", text.lower())}

    wanted = words(question.why + " " + question.right_answer)
    scores = [len(wanted & words(block)) for block in paragraph_blocks(section.body)]
    return max(range(len(scores)), key=scores.__getitem__) if scores and max(scores) else None


class QuizOverlay(Cover):
    """Opened on a section's questions; `show_paragraph(index)` asks the window to show one."""

    show_paragraph = Signal(int)

    def __init__(self, parent: QWidget):
        super().__init__(parent, "quiz", scrim=0.94)
        self.section: Section | None = None
        self.questions: list[Question] = []
        self.at = 0
        self.first_try: list[bool] = []
        self._tried = False
        self.title = QLabel(objectName="coverTitle", wordWrap=True)
        self.ask = QLabel(objectName="quizAsk", wordWrap=True)
        self.feedback = QLabel(objectName="quizFeedback", wordWrap=True)
        for label in (self.title, self.ask, self.feedback):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.answer_buttons: list[QPushButton] = []
        self.show_button = QPushButton(objectName="quizShow")
        self.next_button = QPushButton(objectName="quizNext")
        self.close_button = QPushButton(objectName="quizClose")
        for button in (self.show_button, self.next_button, self.close_button):
            button.setMinimumHeight(TOUCH_PX)
            debounce_clicks(button)  # a double tap on Next moves one question
        self.show_button.clicked.connect(self._show_in_text)
        self.next_button.clicked.connect(self._next)
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout()
        row.addWidget(self.show_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.column.addWidget(self.title)
        self.column.addWidget(self.ask)
        self._answers_at = self.column.count()  # the answers go here, in the card's column
        self.column.addWidget(self.feedback)
        self.column.addLayout(row)
        self.title.setText(self.tr("Check what you learned"))
        self.show_button.setText(self.tr("Show me in the text"))
        self.close_button.setText(self.tr("Close"))
        self.setAccessibleName(self.tr("Check what you learned"))

    def start(self, section: Section, questions: list[Question]) -> None:
        self.section, self.questions = section, list(questions)
        self.at, self.first_try = 0, []
        self.open()
        self._ask()

    def _ask(self) -> None:
        for button in self.answer_buttons:
            self.column.removeWidget(button)
            button.deleteLater()
        self.answer_buttons = []
        self.feedback.setText("")
        self.show_button.hide()
        self._tried = False
        if self.at >= len(self.questions):
            self._summary()
            return
        question = self.questions[self.at]
        self.ask.setText(self.tr("Question {0} of {1}: {2}").format(
            self.at + 1, len(self.questions), question.ask))
        for number, text in enumerate(question.answers):
            button = QPushButton(text, objectName="quizAnswer")
            button.setMinimumHeight(ANSWER_PX)
            button.setAccessibleName(self.tr("Answer {0}: {1}").format(number + 1, text))
            button.clicked.connect(lambda _=False, n=number: self.answer(n))
            debounce_clicks(button)
            self.column.insertWidget(self._answers_at + number, button)
            button.stackUnder(self.feedback)  # read (and tabbed to) before what follows them
            self.answer_buttons.append(button)
        self.next_button.setText(self.tr("Skip this question"))
        self.place_card()
        focus_in(self.answer_buttons[0])

    def answer(self, number: int) -> None:
        """The person chose answer `number` (0-based) of the current question."""
        question = self.questions[self.at]
        right = number == question.right
        if not self._tried:
            self.first_try.append(right)
            self._tried = True
        if right:
            self.feedback.setText(self.tr("Yes, that is right."))
            self.show_button.hide()
            self.next_button.setText(self.tr("Next") if self.at + 1 < len(self.questions)
                                     else self.tr("See the summary"))
            focus_in(self.next_button)
        else:
            self.feedback.setText(self.tr("Not quite. {0} You can try again.").format(
                question.why))
            self.show_button.setVisible(paragraph_for(self.section, question) is not None)
        self.setAccessibleDescription(self.feedback.text())
        self.place_card()

    def _next(self) -> None:
        if not self._tried:
            self.first_try.append(False)  # skipped
        self.at += 1
        self._ask()

    def _show_in_text(self) -> None:
        index = paragraph_for(self.section, self.questions[self.at])
        self.hide()
        if index is not None:
            self.show_paragraph.emit(index)

    def _summary(self) -> None:
        right, asked = sum(self.first_try), len(self.questions)
        self.ask.setText(self.tr("You answered {0} of {1} questions right the first time.")
                         .format(right, asked))
        self.feedback.setText(
            self.tr("Well done. You can read any section again whenever you like.")
            if right == asked else
            self.tr("It may help to ask your care team about \u201c{0}\u201d. Write down your "
                    "questions before you go.").format(self.section.title))
        self.next_button.hide()
        self.show_button.hide()
        focus_in(self.close_button)
        self.place_card()

    def open(self) -> None:
        self.next_button.show()
        super().open()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
        event.accept()
