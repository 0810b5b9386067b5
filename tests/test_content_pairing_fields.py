"""The content format's pairing fields: `paragraphs:` in sections, `still` in the manifest, and
captions.toml — bad values named by file and line, good ones loaded, the built-in ones sound."""

import pytest
from conftest import errors, only_error, section

from cryoviewer.content import load_pack
from cryoviewer.content.readability import measure
from cryoviewer.content.section_file import paragraph_blocks
from cryoviewer.resources import builtin_content, resources_root
from cryoviewer.scenario import load_scenario

SCENARIOS = resources_root() / "scenarios"
SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.toml") if p.stem != "materials")
BODY = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph."  # three blocks
MANIFEST = 'language = "en"\ntitle = "Test pack"\nsections = ["a.md"]\n'


def paired(body=BODY, paragraphs=None, step="liver-probe/insert"):
    """A section file; its `paragraphs` line is line 6 (line 5 without a step)."""
    text = section("a", "A", 1, body, step=step)
    if paragraphs is None:
        return text
    lines = text.split("\n")
    close = lines.index("---", 1)
    lines.insert(close, f"paragraphs: {paragraphs}")
    return "\n".join(lines)



def assert_named(problem, root, file_name, line):
    assert problem.file == root / file_name
    assert problem.line == line, str(problem)
    assert str(problem).startswith(f"{root / file_name}, line {line}: ")


# -- paragraphs: good -------------------------------------------------------------------------

def test_paragraphs_are_read_per_paragraph(write_pack):
    root = write_pack(sections={"a.md": paired(paragraphs="prepare freeze1, -, thaw")})
    loaded = load_pack(root).sections[0]
    assert loaded.paragraphs == (("prepare", "freeze1"), (), ("thaw",))
    assert loaded.step == "liver-probe/insert"


def test_paragraphs_may_be_fewer_than_the_text_has(write_pack):
    root = write_pack(sections={"a.md": paired(paragraphs="insert")})
    assert load_pack(root).sections[0].paragraphs == (("insert",),)


def test_no_paragraphs_field_means_none(write_pack):
    root = write_pack(sections={"a.md": paired()})
    assert load_pack(root).sections[0].paragraphs == ()


def test_paragraphs_count_list_items_and_headings(write_pack):
    body = "Intro.\n\n## Steps\n\n- one\n- two\n\n1. three\n2. four"
    assert len(paragraph_blocks(body)) == 6
    root = write_pack(sections={"a.md": paired(body, "prepare, -, insert, freeze, thaw, heal")})
    assert len(load_pack(root).sections[0].paragraphs) == 6


@pytest.mark.parametrize("name", ["prepare", "insert", "freeze", "freeze1", "thaw",
                                  "thaw2", "remove", "heal"])
def test_every_phase_name_and_kind_is_accepted(write_pack, name):
    root = write_pack(sections={"a.md": paired(paragraphs=f"-, {name}")})
    assert load_pack(root).sections[0].paragraphs == ((), (name,))


# -- paragraphs: bad --------------------------------------------------------------------------

def test_paragraphs_need_a_step(write_pack):
    root = write_pack(sections={"a.md": paired(paragraphs="prepare", step=None)})
    problem = only_error(root)
    assert_named(problem, root, "a.md", 5)
    assert "needs a 'step' field" in problem.message


@pytest.mark.parametrize("value, bad", [
    ("prepare, boil", "boil"),
    ("freeze0", "freeze0"),
    ("freeze10", "freeze10"),
    ("Freeze1", "Freeze1"),
    ("insert freezing", "freezing"),
    ("liver-probe/freeze1", "liver-probe/freeze1"),
    ("prepare; insert", "prepare;"),
])
def test_paragraphs_name_only_phases(write_pack, value, bad):
    root = write_pack(sections={"a.md": paired(paragraphs=value)})
    problem = only_error(root)
    assert_named(problem, root, "a.md", 6)
    assert f"'{bad}' is not a phase" in problem.message


def test_paragraphs_cannot_outnumber_the_text(write_pack):
    root = write_pack(sections={"a.md": paired(paragraphs="prepare, insert, freeze, thaw")})
    problem = only_error(root)
    assert_named(problem, root, "a.md", 6)
    assert "names 4 paragraphs, but the text has only 3" in problem.message


def test_paragraphs_count_lines_of_one_paragraph_once(write_pack):
    body = "One paragraph\nwrapped over\nthree lines.\n\nAnother."
    assert len(paragraph_blocks(body)) == 2
    root = write_pack(sections={"a.md": paired(body, "prepare, insert, freeze")})
    problem = only_error(root)
    assert_named(problem, root, "a.md", 6)
    assert "names 3 paragraphs, but the text has only 2" in problem.message


def test_paragraphs_given_twice(write_pack):
    text = paired(paragraphs="prepare").replace("paragraphs: prepare",
                                                "paragraphs: prepare\nparagraphs: insert")
    root = write_pack(sections={"a.md": text})
    problem = only_error(root)
    assert_named(problem, root, "a.md", 7)
    assert "'paragraphs' is given twice (first on line 6)" in problem.message


def test_paragraphs_problems_all_reported_together(write_pack):
    root = write_pack(sections={"a.md": paired(paragraphs="boil, -, -, -", step=None)})
    found = errors(root)
    assert all(p.file == root / "a.md" and p.line == 5 for p in found), [str(p) for p in found]
    messages = " | ".join(p.message for p in found)
    assert "needs a 'step'" in messages and "'boil'" in messages and "names 4 paragraphs" \
        in messages


# -- the manifest's still ---------------------------------------------------------------------

def test_still_is_read(write_pack):
    manifest = MANIFEST + 'still = "skin-spray/freeze2"\n'
    root = write_pack(sections={"a.md": paired()}, manifest=manifest)
    assert load_pack(root).still == "skin-spray/freeze2"


def test_still_is_optional(write_pack):
    root = write_pack(sections={"a.md": paired()}, manifest=MANIFEST)
    assert load_pack(root).still is None


@pytest.mark.parametrize("value", ['"liver-probe"', '"liver-probe/freeze1/x"', '"Liver/freeze1"',
                                   '""', "5", '["liver-probe/freeze1"]', '"/freeze1"'])
def test_bad_still_is_named(write_pack, value):
    manifest = 'language = "en"\ntitle = "Test pack"\nstill = ' + value + '\nsections = ["a.md"]\n'
    root = write_pack(sections={"a.md": paired()}, manifest=manifest)
    problem = only_error(root)
    assert_named(problem, root, "manifest.toml", 3)
    assert "field 'still' must read 'scenario/phase'" in problem.message


# -- captions.toml ----------------------------------------------------------------------------

def with_captions(write_pack, text):
    return write_pack(sections={"a.md": paired()}, manifest=MANIFEST,
                      files={"captions.toml": text})


def test_no_captions_file_means_no_captions(write_pack):
    assert load_pack(write_pack(sections={"a.md": paired()}, manifest=MANIFEST)).captions == {}


def test_captions_are_read(write_pack):
    root = with_captions(write_pack, '# comment\n[liver-probe]\nfreeze = "The ice grows."\n'
                                     'freeze2 = """Frozen\n   again."""\n\n[skin-spray]\n'
                                     'heal = "  The  skin heals.  "\n')
    assert load_pack(root).captions == {
        "liver-probe": {"freeze": "The ice grows.", "freeze2": "Frozen again."},
        "skin-spray": {"heal": "The skin heals."}}


@pytest.mark.parametrize("text, line, message", [
    ('[liver-probe]\nfreeze = "x"\nboil = "y"\n', 3, "[liver-probe] 'boil' is not a phase"),
    ('[liver-probe]\nfreeze0 = "x"\n', 2, "'freeze0' is not a phase"),
    ('[liver-probe]\nfreeze = ""\n', 2, "freeze: the caption must be non-empty text"),
    ('[liver-probe]\nthaw = "   "\n', 2, "thaw: the caption must be non-empty text"),
    ('[liver-probe]\nheal = 3\n', 2, "heal: the caption must be non-empty text"),
    ('[liver-probe]\nheal = ["a", "b"]\n', 2, "heal: the caption must be non-empty text"),
    ('liver-probe = "The ice grows."\n', 1, "'liver-probe' must be a table"),
    ('[skin-spray]\nheal = "x"\n[Liver_Probe]\nheal = "x"\n', 3,
     "'Liver_Probe' must be a table named after a scenario"),
    ('[liver-probe]\nheal = "x\n', 2, "not valid TOML"),
    ('[liver-probe]\nheal = "x"\nheal = "y"\n', 3, "not valid TOML"),
])
def test_bad_captions_are_named(write_pack, text, line, message):
    root = with_captions(write_pack, text)
    problem = only_error(root)
    assert_named(problem, root, "captions.toml", line)
    assert message in problem.message


@pytest.mark.parametrize("file_name, text, line", [
    ("captions.toml", '[skin-spray]\nheal = "x"\n\n[Liver_Probe]\nheal = "x"\n', 4),
    ("captions.toml", '[liver-probe]\nfreeze = "x"\n\nboil = "y"\n', 4),
    ("manifest.toml", MANIFEST + '\n\nstill = "liver-probe"\n', 6),
])
def test_lines_are_right_after_blank_lines(write_pack, file_name, text, line):
    files = {"captions.toml": text} if file_name == "captions.toml" else {}
    manifest = text if file_name == "manifest.toml" else MANIFEST
    root = write_pack(sections={"a.md": paired()}, manifest=manifest, files=files)
    assert_named(only_error(root), root, file_name, line)


def test_caption_problems_are_all_reported(write_pack):
    root = with_captions(write_pack, '[liver-probe]\nboil = "x"\nfreeze = ""\n\n[skin-spray]\n'
                                     'heal = 2\n')
    found = errors(root)
    assert sorted(p.line for p in found) == [2, 3, 6]
    assert all(p.file == root / "captions.toml" for p in found)


def test_captions_not_utf8(write_pack):
    latin1 = '[liver-probe]\nheal = "caf\xe9"\n'.encode("latin-1")
    root = write_pack(sections={"a.md": paired()}, manifest=MANIFEST,
                      files={"captions.toml": latin1})
    problem = only_error(root)
    assert_named(problem, root, "captions.toml", 2)
    assert "not UTF-8" in problem.message


# -- paragraph_blocks agrees with the reader's layout ------------------------------------------

def qt_block_count(body):
    from PySide6.QtGui import QTextDocument

    features = QTextDocument.MarkdownFeature
    document = QTextDocument()
    document.setMarkdown(body, features.MarkdownDialectGitHub | features.MarkdownNoHTML)
    return document.blockCount()


BUILTIN_SECTIONS = load_pack(builtin_content()).sections


@pytest.mark.parametrize("built_in", BUILTIN_SECTIONS, ids=lambda s: s.id)
def test_paragraph_blocks_match_qt_for_builtin_sections(qapp, built_in):
    assert qt_block_count(built_in.body) == len(paragraph_blocks(built_in.body))


@pytest.mark.parametrize("body", [
    "One.\n\nTwo.",
    "A paragraph\nover two lines.",
    "Text:\n- one\n- two\n- three",
    "1. one\n2. two\n\nAfter.",
    "- item\n  continued\n- next",
    "- a\n  - nested\n- b",
    "# Title\n\nText.\n\n## Part\n\nMore text.",
    "+ plus\n+ list\n\n* star\n* list",
    "Text.\n\n\n\nAfter several blank lines.",
], ids=["two", "wrapped", "list", "ordered", "continued", "nested", "headings", "markers",
        "blank-lines"])
def test_paragraph_blocks_match_qt_for_common_markdown(qapp, body):
    assert qt_block_count(body) == len(paragraph_blocks(body))


@pytest.mark.parametrize("body", [
    "## Before\nText right under the heading.",
    "Line one  \nline two after a hard break.",
    "Text that mentions\n2. a number at a line start.",
], ids=["heading-then-text", "hard-break", "number-in-paragraph"])
def test_paragraph_blocks_match_qt_for_rarer_markdown(qapp, body):
    assert qt_block_count(body) == len(paragraph_blocks(body))


# -- the built-in captions --------------------------------------------------------------------

@pytest.fixture(scope="module")
def builtin_pack():
    return load_pack(builtin_content())


def test_builtin_still_names_a_shipped_scenario_phase(builtin_pack):
    scenario, phase = builtin_pack.still.split("/")
    assert scenario in SHIPPED
    assert phase in [p.id for p in load_scenario(SCENARIOS / f"{scenario}.toml")
                     .protocol.phases()]


def test_builtin_captions_cover_only_shipped_scenarios(builtin_pack):
    assert SHIPPED and set(builtin_pack.captions) == set(SHIPPED)


@pytest.mark.parametrize("scenario", SHIPPED)
def test_builtin_captions_cover_every_phase(builtin_pack, scenario):
    phases = load_scenario(SCENARIOS / f"{scenario}.toml").protocol.phases()
    captions = builtin_pack.captions.get(scenario, {})
    missing = [p.id for p in phases if not (captions.get(p.id) or captions.get(p.kind))]
    assert not missing, f"{scenario}: no caption for {missing}"
    names = {p.id for p in phases} | {p.kind for p in phases}
    unused = sorted(set(captions) - names)
    assert not unused, f"{scenario}: captions for phases it does not have: {unused}"


@pytest.mark.parametrize("scenario", SHIPPED)
def test_builtin_captions_read_at_grade_8_or_lower(builtin_pack, scenario):
    for phase, text in builtin_pack.captions.get(scenario, {}).items():
        grade = measure(text).grade
        assert grade <= 8, f"{scenario}/{phase} reads at grade {grade:.1f}: {text}"
