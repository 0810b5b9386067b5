"""The children's story (story.toml): the built-in ones read easily and gently, and every broken
rule is reported with its file, line and field, never as an exception."""

import re

import pytest
from conftest import section

from cryoviewer.app import main
from cryoviewer.content import Page, check_pack, load_pack
from cryoviewer.content.readability import measure
from cryoviewer.content.story import MAX_GRADE, MAX_PAGES, MIN_KANDEL_MOLES
from cryoviewer.resources import builtin_content

PACKS = {"en": builtin_content(), "fr": builtin_content().parent / "fr"}
# Words a child should not hear before treatment (child-life practice), as word starts.
FRIGHTENING = {
    "en": r"needle|stick|burn|kill|destroy|cut|knife|blood|bleed|die|dead|drug|tissue|"
          r"an(a)?esthe|freezing|tumou?r|cancer|pain",
    "fr": r"aiguille|piqûre|brûl|tue|tuer|détrui|coup|couteau|sang|saign|mort|drogue|tissu|"
          r"anesthé|tumeur|cancer|douleur",
}
# The words child-life specialists use for what will happen.
GENTLE = {"en": ("very cold", "small opening", "medicine", "sleep medicine"),
          "fr": ("très froide", "petite ouverture", "médicament", "pour dormir")}
# What the child will see, hear and feel, and what they may do: from the source's children
# section (see, feel, hear) and its treatments (a spray or a probe, two or three cycles).
TOLD = {"en": ("doctor", "nurse", "room", "spray", "cold tool", "hiss", "tingle", "sting",
               "warm", "numb", "two or three times", "scared", "questions", "heals", "proud"),
        "fr": ("médecin", "infirmière", "salle", "jet", "outil froid", "pschhh", "picoter",
               "piquer", "réchauffe", "endort la peau", "deux ou trois fois", "peur",
               "questions", "guérit", "fiers")}


@pytest.mark.parametrize("language", PACKS)
def test_builtin_stories_load_under_the_children_section(language):
    pack, problems = check_pack(PACKS[language])
    assert problems == [], [str(p) for p in problems]
    story = pack.story
    assert story.section == "children" and pack.story_for("children") is story
    assert pack.story_for("pain") is None
    assert 5 <= len(story.pages) <= 6
    assert all(isinstance(page, Page) and page.text and page.description
               for page in story.pages)
    assert {"skin-spray", "liver-probe"} <= set(story.scenarios())


@pytest.mark.parametrize("language", PACKS)
def test_every_page_reads_easily_enough_for_a_child(language):
    for number, page in enumerate(load_pack(PACKS[language]).story.pages, 1):
        for text in (page.text, page.description):
            found = measure(text, language)
            if language == "en":
                assert found.grade <= MAX_GRADE, (number, found.grade)
            else:
                assert found.kandel_moles >= MIN_KANDEL_MOLES, (number, found.kandel_moles)


@pytest.mark.parametrize("language", PACKS)
def test_the_story_uses_gentle_words_and_tells_what_the_child_will_meet(language):
    story = load_pack(PACKS[language]).story
    words = " ".join([story.title] + [p.text + " " + p.description for p in story.pages])
    lower = words.lower().replace("’", "'")
    frightening = re.findall(rf"\b(?:{FRIGHTENING[language]})\w*", lower)
    assert not frightening, frightening
    for told in GENTLE[language] + TOLD[language]:
        assert told in lower, told
    assert not re.search(r"\d", words), "no numbers in a story for children"


def test_the_french_story_is_its_own_telling_not_a_word_for_word_one():
    english, french = (load_pack(PACKS[lang]).story for lang in ("en", "fr"))
    assert [(p.scenario, p.phase) for p in english.pages] == \
        [(p.scenario, p.phase) for p in french.pages]  # the same pictures, in step
    assert "doudou" in french.pages[0].text  # a French child's word, not a translation of one


def test_a_pack_without_a_story_offers_none(write_pack):
    assert load_pack(write_pack()).story is None


# -- each rule, with its line --------------------------------------------------------------

PAGE = '''
[[page]]
text = "The doctor makes the spot very cold."
picture = "skin-spray/freeze1:0.5"
description = "Ice on the spot."
'''
GOOD = 'title = "The cold spot"\nsection = "one"\n' + PAGE


def _pack(write_pack, story, language="en"):
    sections = {"one.md": section("one", "One", 1, "The first part."),
                "two.md": section("two", "Two", 2, "The second part.")}
    manifest = (f'language = "{language}"\ntitle = "Test pack"\n'
                f'sections = ["one.md", "two.md"]\n')
    root = write_pack(sections=sections, manifest=manifest)
    (root / "story.toml").write_bytes(story if isinstance(story, bytes) else story.encode())
    return root


def _problems(root):
    pack, problems = check_pack(root)
    return pack, [p for p in problems if p.file.name == "story.toml"]


def test_a_valid_story_loads(write_pack):
    pack, problems = _problems(_pack(write_pack, GOOD + PAGE.replace(":0.5", "")))
    assert problems == []
    story = pack.story
    assert (story.title, story.section, len(story.pages)) == ("The cold spot", "one", 2)
    assert story.pages[0] == Page("The doctor makes the spot very cold.", "skin-spray",
                                  "freeze1", 0.5, "Ice on the spot.", 4)
    assert story.pages[1].fraction is None and story.pages[1].line == 9


@pytest.mark.parametrize("change, line, words", [
    (('section = "one"', 'section = "three"'), 2, "field 'section': there is no section 'three'"),
    (('section = "one"', "section = 3"), 2, "field 'section': must be the id"),
    (('section = "one"\n', ""), None, "field 'section' is missing"),
    (('title = "The cold spot"\n', ""), None, "field 'title' is missing"),
    (('title = "The cold spot"', 'title = ""'), 1, "field 'title': is empty"),
    (('title = "The cold spot"', 'colour = "blue"'), 1, "unknown field 'colour'"),
    (('text = "The doctor makes the spot very cold."\n', ""), 4, "field 'text' is missing"),
    (("text = ", "words = "), 5, "unknown field 'words'"),
    (('text = "The doctor makes the spot very cold."', 'text = "' + "Cold. " * 70 + '"'), 5,
     "field 'text': is 419 characters long; the limit is 400"),
    (('description = "Ice on the spot."', "description = 3"), 7,
     "field 'description': must be text"),
    (('picture = "skin-spray/freeze1:0.5"\n', ""), 4, "field 'picture' is missing"),
    (("skin-spray/freeze1:0.5", "skin-spray"), 6, "field 'picture': must name a moment"),
    (("skin-spray/freeze1:0.5", "skin-spray/freeze1:1.5"), 6, "a fraction from 0 to 1"),
    (("skin-spray/freeze1:0.5", "skin-paint/freeze1"), 6,
     "field 'picture': there is no treatment 'skin-paint'"),
    (("skin-spray/freeze1:0.5", "skin-spray/insert"), 6,
     "field 'picture': skin-spray has no step 'insert'"),
    (("[[page]]", "[page]"), 4, "each page must be a table starting with a line [[page]]"),
])
def test_each_rule_names_file_line_and_field(write_pack, change, line, words):
    story = GOOD.replace(*change)
    assert story != GOOD
    pack, problems = _problems(_pack(write_pack, story))
    assert pack is None, "a broken story.toml is an error for the pack"
    found = [p for p in problems if words in p.message]
    assert len(found) == 1, [str(p) for p in problems]
    assert found[0].line == line, str(found[0])


def test_no_pages_and_too_many_pages_are_errors(write_pack):
    _, problems = _problems(_pack(write_pack, GOOD.replace(PAGE, "")))
    assert [p.message for p in problems] == ["the story has no pages: each starts with a line "
                                             "[[page]]"]
    _, problems = _problems(_pack(write_pack, GOOD + PAGE * MAX_PAGES))
    assert [(p.line, p.message) for p in problems] == [
        (3 + 5 * MAX_PAGES + 1, f"the story has {MAX_PAGES + 1} pages; the limit is {MAX_PAGES}")]


def test_a_broken_file_is_named_with_its_line(write_pack):
    _, problems = _problems(_pack(write_pack, GOOD + "text = \"open\n\n"))
    assert problems and problems[0].line is not None and "not valid TOML" in problems[0].message
    _, problems = _problems(_pack(write_pack, b"title = \"\xff\"\n"))
    assert "not UTF-8" in problems[0].message


@pytest.mark.parametrize("language, words", [
    ("en", "The physician administers cryotherapeutic intervention immediately afterwards."),
    ("fr", "Le praticien administre immédiatement une intervention cryothérapeutique."),
])
def test_a_page_too_hard_for_a_child_is_a_warning_on_its_line(write_pack, capsys, language,
                                                             words):
    root = _pack(write_pack, GOOD.replace("The doctor makes the spot very cold.", words),
                 language)
    pack, problems = _problems(root)
    assert pack is not None and pack.story is not None  # used, and warned about
    assert [(p.line, p.severity) for p in problems] == [(5, "warning")]
    assert "page 1, field 'text': reads too hard for a child" in problems[0].message
    assert main(["--check-content", str(root)]) == 1
    assert "1 page(s) too hard for a child" in capsys.readouterr().out


def test_check_content_reports_the_story(capsys):
    assert main(["--check-content"]) == 0
    out = capsys.readouterr().out
    assert "story  story.toml: 'The very cold spot', 6 pages, offered under 'children'" in out
