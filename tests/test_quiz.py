"""Teach-back questions (quiz.toml): the built-in ones are sound, and every broken rule is
reported with its file, line and field, never as an exception."""

import random
import re
import shutil

import pytest
from conftest import section

from cryoviewer.content import Question, check_pack, load_pack
from cryoviewer.content.quiz import MAX_PER_SECTION, read_quiz
from cryoviewer.resources import builtin_content

PACKS = [builtin_content(), builtin_content().parent / "fr"]
# Words too common to show that a text talks about something.
_COMMON = set("""the and that this with from your you are for not but can may what which
    when why how does will have has its it into onto about more than then them they their
    les des une pour par que qui est sont pas plus dans sur avec vous votre elle elles
    cela peut être fait ont aux ses leur""".split())


def _stems(text):
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", text.lower())
    words = [w.split("’")[-1].split("'")[-1] for w in words]
    return {w[:5] for w in words if (len(w) >= 4 or w.isdigit()) and w not in _COMMON}


@pytest.mark.parametrize("root", PACKS, ids=["en", "fr"])
def test_builtin_packs_load_with_their_questions(root):
    pack, problems = check_pack(root)
    assert problems == [], [str(p) for p in problems]
    assert len(pack.questions) >= 20
    ids = {s.id for s in pack.sections}
    teaching = ids - {"references", "questions-to-ask"}
    assert {q.section for q in pack.questions} == teaching  # every teaching section, no other
    for section_id in teaching:
        assert 1 <= len(pack.questions_for(section_id)) <= MAX_PER_SECTION
    for q in pack.questions:
        assert isinstance(q, Question) and 2 <= len(q.answers) <= 4
        assert 0 <= q.right < len(q.answers)


@pytest.mark.parametrize("root", PACKS, ids=["en", "fr"])
def test_every_right_answer_is_stated_in_its_section(root):
    """An honest, simple check: most key words of the right answer, and of the `why`, appear
    in the section's own text (so the question is answerable from what was read)."""
    pack = load_pack(root)
    bodies = {s.id: _stems(s.body) for s in pack.sections}
    for q in pack.questions:
        body = bodies[q.section]
        for text, share in ((q.right_answer, 0.5), (q.why, 0.6)):
            words = _stems(text)
            found = words & body
            assert words and len(found) >= share * len(words), (
                f"{q.section}: '{text}' is not in the section ({sorted(words - body)})")


def test_right_answers_are_not_always_in_the_same_place():
    for root in PACKS:
        places = {q.right for q in load_pack(root).questions}
        assert places == {0, 1, 2}


# -- each rule, with its line --------------------------------------------------------------

GOOD = '''[[question]]
section = "one"
ask = "What is the first part about?"
answers = ["The first part", "The third part"]
right = 1
why = "The first part is about the first part."
'''


def _pack(write_pack, quiz, language="en"):
    sections = {"one.md": section("one", "One", 1, "The first part."),
                "two.md": section("two", "Two", 2, "The second part.")}
    manifest = (f'language = "{language}"\ntitle = "Test pack"\n'
                f'sections = ["one.md", "two.md"]\n')
    root = write_pack(sections=sections, manifest=manifest)
    data = quiz if isinstance(quiz, bytes) else quiz.encode("utf-8")
    (root / "quiz.toml").write_bytes(data)
    return root


def _problems(root):
    pack, problems = check_pack(root)
    return pack, [p for p in problems if p.file.name == "quiz.toml"]


def test_a_valid_quiz_loads(write_pack):
    pack, problems = _problems(_pack(write_pack, GOOD + GOOD.replace('"one"', '"two"')))
    assert problems == []
    assert [q.section for q in pack.questions] == ["one", "two"]
    first = pack.questions[0]
    assert first == Question("one", "What is the first part about?",
                             ("The first part", "The third part"), 0,
                             "The first part is about the first part.", 1)
    assert pack.questions[1].line == 7
    assert pack.questions_for("two") == (pack.questions[1],)


def test_a_pack_without_quiz_has_no_questions(write_pack):
    root = _pack(write_pack, GOOD)
    (root / "quiz.toml").unlink()
    assert load_pack(root).questions == ()


@pytest.mark.parametrize("change, line, words", [
    (('section = "one"', 'section = "three"'), 2, "field 'section': there is no section 'three'"),
    (('section = "one"', 'section = 1'), 2, "field 'section': must be the id"),
    (("right = 1\n", ""), 1, "field 'right' is missing"),
    (("right = 1", "right = 3"), 5, "field 'right': is 3, but there are 2 answers"),
    (("right = 1", "right = 0"), 5, "field 'right': is 0"),
    (("right = 1", 'right = "1"'), 5, "field 'right': must be the number"),
    (("right = 1", "right = true"), 5, "field 'right': must be the number"),
    (('"The third part"]', '"the first  part"]'), 4, "answer 2 is the same as an earlier one"),
    (('["The first part", "The third part"]', '["The first part"]'), 4, "has 1 answer(s)"),
    (('"The third part"]', '"b", "c", "d", "e"]'), 4, "has 5 answer(s); give 2 to 4"),
    (('"The third part"]', '" "]'), 4, "answer 2 is empty"),
    (('"The third part"]', '"' + "word " * 30 + '"]'), 4, "answer 2 is 149 characters long"),
    (('"The third part"]', '3]'), 4, "field 'answers': must be a list of texts"),
    (('ask = "What is the first part about?"', 'ask = ""'), 3, "field 'ask': is empty"),
    (('ask = "What is the first part about?"', 'ask = "' + "Is it? " * 30 + '"'), 3,
     "field 'ask': is 209 characters long; the limit is 200"),
    (('why = "The first part is about the first part."', 'why = "' + "It is. " * 50 + '"'), 6,
     "field 'why': is 349 characters long; the limit is 300"),
    (('why = "The first part is about the first part."', "why = []"), 6,
     "field 'why': must be text"),
    (("why = ", "because = "), 6, "unknown field 'because'"),
    (("why = ", "because = "), 1, "field 'why' is missing"),
])
def test_each_rule_names_file_line_and_field(write_pack, change, line, words):
    quiz = GOOD.replace(*change)
    assert quiz != GOOD
    pack, problems = _problems(_pack(write_pack, "# a comment\n\n" + quiz))
    assert pack is None, "a broken quiz.toml is an error for the pack"
    found = [p for p in problems if words in p.message]
    assert len(found) == 1, [str(p) for p in problems]
    assert found[0].line == line + 2 and found[0].severity == "error"


def test_at_most_three_questions_a_section(write_pack):
    pack, problems = _problems(_pack(write_pack, GOOD * 4))
    assert pack is None
    assert [(p.line, p.message) for p in problems] == [
        (19, "section 'one' already has 3 questions; the limit is 3")]


def test_top_level_fields_and_shapes(write_pack):
    pack, problems = _problems(_pack(write_pack, 'title = "Quiz"\n' + GOOD))
    assert pack is None
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(1, "unknown field 'title'")]
    pack, problems = _problems(_pack(write_pack, "question = 3\n"))
    assert pack is None and problems[0].line == 1 and "[[question]]" in problems[0].message
    pack, problems = _problems(_pack(write_pack, "question = [1, 2]\n"))
    assert pack is None and "must be a table" in problems[0].message


def test_too_hard_to_read_is_a_warning_with_its_line(write_pack):
    hard = GOOD.replace("What is the first part about?",
                        "Which physiological consequences characterise intracellular "
                        "crystallisation during cryoablation?")
    pack, problems = _problems(_pack(write_pack, "\n" + GOOD.replace('"one"', '"two"') + hard))
    assert pack is not None and len(pack.questions) == 2  # used, like a section too hard
    assert [(p.line, p.severity) for p in problems] == [(8, "warning")]
    assert "grade" in problems[0].message and "'one'" in problems[0].message


def test_french_is_measured_with_kandel_moles(write_pack):
    hard = GOOD.replace("What is the first part about?",
                        "Quelles conséquences physiopathologiques caractérisent "
                        "l’hypothermie peropératoire consécutive à l’intervention ?")
    pack, problems = _problems(_pack(write_pack, hard, language="fr"))
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]
    assert "Kandel–Moles" in problems[0].message
    pack, problems = _problems(_pack(write_pack, GOOD, language="de"))  # not measured
    assert problems == []


@pytest.mark.parametrize("text, words", [
    (b"[[question]\nsection = 1\n", "not valid TOML"),
    (b"\xff\xfe" + GOOD.encode(), "not UTF-8"),
    (GOOD.encode().replace(b"one", b"o\x00ne"), "control character"),
    (b"q = " + b"[" * 50 + b"]" * 50 + b"\n", "nested more than 8 deep"),
    (b"a = 1\n" * 60_000, "too large"),
])
def test_damaged_files_are_problems(write_pack, text, words):
    pack, problems = _problems(_pack(write_pack, text))
    assert pack is None
    assert any(words in p.message for p in problems), [str(p) for p in problems]


def test_random_byte_damage_never_raises(tmp_path):
    """Random damage to the real quiz.toml: read_quiz gives questions or Problems, never an
    exception, and the pack check never needs its last line of defence."""
    rng = random.Random(14)
    root = tmp_path / "en"
    shutil.copytree(builtin_content(), root)
    original = (root / "quiz.toml").read_bytes()
    ids = {s.id for s in load_pack(root).sections}
    pieces = [b"[", b"]", b"[[", b"]]", b"{", b"}", b'"', b"'", b'"""', b"=", b"\n", b"#",
              b"\x00", b"\xff", b"\xc3", b"right = 9", b"answers = []", b"[[question]]",
              b"section = 'pain'", b"\\", b"\r", "é".encode(), b"1e999", b"-0"]
    for _ in range(300):
        data = bytearray(original)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(data) + 1)
            kind = rng.random()
            if kind < 0.3:
                data[at:at + 1] = bytes([rng.randrange(256)])
            elif kind < 0.6:
                data[at:at] = rng.choice(pieces)
            elif kind < 0.8:
                del data[at:at + rng.randint(1, 80)]
            else:
                data = data[:at]
        path = root / "quiz.toml"
        path.write_bytes(bytes(data))
        problems = []
        questions = read_quiz(path, ids, "en", problems)  # must not raise
        assert all(isinstance(q, Question) for q in questions)
        assert all(p.file == path for p in problems)
        pack, problems = check_pack(root)
        assert not any("could not be read:" in p.message for p in problems), problems
        assert pack is not None or any(p.severity == "error" for p in problems)
