"""The teach-back screen: a question, large answers, a gentle explanation, a summary."""

from __future__ import annotations

from PySide6.QtCore import Qt


def open_on(window, section_id):
    window.show_section(section_id)
    assert window.quiz_button.isVisible()
    window.quiz_button.click()
    assert window.quiz.isVisible()
    return window.quiz


def test_a_wrong_answer_is_explained_and_the_right_one_confirmed(make_window):
    window = make_window()
    quiz = open_on(window, "what-is-cryosurgery")
    question = quiz.questions[0]
    assert question.ask in quiz.ask.text()
    assert len(quiz.answer_buttons) == len(question.answers)
    assert all(b.height() >= 64 for b in quiz.answer_buttons)  # large targets
    wrong = next(n for n in range(len(question.answers)) if n != question.right)
    quiz.answer_buttons[wrong].click()
    assert question.why in quiz.feedback.text()
    assert quiz.show_button.isVisible()
    quiz.answer_buttons[question.right].click()
    assert "right" in quiz.feedback.text()
    assert quiz.first_try == [False]  # the first try counts


def test_show_me_in_the_text_marks_the_paragraph(make_window):
    window = make_window()
    quiz = open_on(window, "what-is-cryosurgery")
    question = quiz.questions[0]
    wrong = next(n for n in range(len(question.answers)) if n != question.right)
    quiz.answer_buttons[wrong].click()
    quiz.show_button.click()
    assert not quiz.isVisible()
    assert window.reader.highlighted is not None


def test_the_summary_names_what_to_ask_about(make_window):
    window = make_window()
    quiz = open_on(window, "what-is-cryosurgery")
    for _ in quiz.questions:
        question = quiz.questions[quiz.at]
        quiz.answer_buttons[(question.right + 1) % len(question.answers)].click()
        quiz.next_button.click()
    assert "0 of" in quiz.ask.text()
    assert window.pack.sections[0].title in quiz.feedback.text()
    assert quiz.close_button.hasFocus() or quiz.close_button.isVisible()


def test_sections_without_questions_offer_none_and_a_reset_closes_it(make_window):
    window = make_window()
    window.show_section("references")
    assert not window.quiz_button.isVisible()
    quiz = open_on(window, "pain")
    window.session.reset()
    assert not quiz.isVisible()


def test_escape_closes_it(make_window, qtbot):
    window = make_window()
    quiz = open_on(window, "pain")
    qtbot.keyClick(quiz.answer_buttons[0], Qt.Key.Key_Escape)
    assert not quiz.isVisible()


def test_a_screen_reader_meets_the_question_then_its_answers_then_the_way_on(make_window):
    from PySide6.QtGui import QAccessible

    window = make_window()
    quiz = open_on(window, "pain")
    card = QAccessible.queryAccessibleInterface(quiz.card)
    names = [card.child(k).text(QAccessible.Text.Name) for k in range(card.childCount())]
    named = [n for n in names if n]
    first_answer = next(i for i, n in enumerate(named) if n.startswith("Answer 1"))
    assert named.index(quiz.ask.text()) < first_answer < named.index("Skip this question")


def test_opening_the_quiz_pauses_the_diagram_behind_it(make_window, qtbot):
    """Nothing animates behind a screen that covers it: the window's frames stay cheap."""
    window = make_window()
    window.show_section("freeze-thaw-cycles")
    window.diagram.play()
    assert window.diagram.playback.playing
    window.open_quiz()
    assert window.quiz.isVisible() and not window.diagram.playback.playing
