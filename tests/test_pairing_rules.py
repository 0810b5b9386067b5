"""Which text goes with which moment: section_step, paragraph_at, describes and section_for."""

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from cryoviewer.content import load_pack
from cryoviewer.content.model import Pack, Section
from cryoviewer.content.pairing import describes, paragraph_at, section_for, section_step
from cryoviewer.content.section_file import paragraph_blocks
from cryoviewer.resources import builtin_content
from cryoviewer.scenario.protocol import Protocol

ROOT = Path("/nowhere")


def make(id_, step=None, paragraphs=()):
    return Section(id=id_, title=id_.title(), order=0, body="Text.",
                   path=ROOT / f"{id_}.md", body_line=5, step=step, paragraphs=paragraphs)


def pack_of(*sections, still=None):
    numbered = tuple(replace(s, order=n) for n, s in enumerate(sections, 1))
    return Pack(ROOT, "en", "Test", numbered, still=still)


@pytest.fixture(scope="module")
def builtin():
    return load_pack(builtin_content())


def index(pack, section_id):
    return pack.index_of(section_id)


LIVER_PHASES = Protocol(cycles=2, prepare=30, freeze=(600, 600), thaw=(480, 120), heal=300,
                        frame=10, max_step=10, insert=30, remove=30).phases()
SPRAY_PHASES = Protocol(cycles=2, prepare=5, freeze=(30, 30), thaw=(75, 90), heal=60,
                        frame=5, max_step=5).phases()


# -- section_step -----------------------------------------------------------------------------

def test_section_step_is_the_section_own_step():
    section = make("a", step="liver-probe/freeze1")
    assert section_step(pack_of(section, still="skin-spray/heal"), section) == \
        ("liver-probe", "freeze1")


def test_section_without_a_step_shows_the_pack_still():
    section = make("a")
    assert section_step(pack_of(section, still="skin-spray/heal"), section) == \
        ("skin-spray", "heal")


def test_section_step_is_none_without_step_or_still():
    section = make("a")
    assert section_step(pack_of(section), section) is None


# -- paragraph_at -----------------------------------------------------------------------------

PAIRED = make("p", step="liver-probe/insert",
              paragraphs=(("prepare",), ("insert",), ("insert",), ("freeze1",),
                          ("thaw1", "freeze2", "thaw2"), (), ("heal",), ("freeze",)))


def test_paragraph_named_by_phase_id():
    assert paragraph_at(PAIRED, "liver-probe", "prepare", "prepare", 0.5) == 0
    assert paragraph_at(PAIRED, "liver-probe", "thaw2", "thaw", 0.5) == 4
    assert paragraph_at(PAIRED, "liver-probe", "heal", "heal", 0.0) == 6


def test_paragraph_named_by_kind_and_id_share_the_phase_in_order():
    # freeze1 is named by id in paragraph 3 and by kind in paragraph 7
    assert paragraph_at(PAIRED, "liver-probe", "freeze1", "freeze", 0.2) == 3
    assert paragraph_at(PAIRED, "liver-probe", "freeze1", "freeze", 0.8) == 7
    # freeze2 by id in paragraph 4, by kind in paragraph 7
    assert paragraph_at(PAIRED, "liver-probe", "freeze2", "freeze", 0.0) == 4
    assert paragraph_at(PAIRED, "liver-probe", "freeze2", "freeze", 0.99) == 7
    # freeze3 only by kind
    assert paragraph_at(PAIRED, "liver-probe", "freeze3", "freeze", 0.0) == 7


@pytest.mark.parametrize("fraction, expected", [
    (0.0, 1), (0.25, 1), (0.4999, 1), (0.5, 2), (0.75, 2), (1.0, 2), (-0.3, 1), (1.7, 2)])
def test_a_shared_phase_is_split_between_its_paragraphs(fraction, expected):
    assert paragraph_at(PAIRED, "liver-probe", "insert", "insert", fraction) == expected


def test_a_phase_shared_by_three_paragraphs_is_split_in_thirds():
    section = make("t", step="s/freeze1", paragraphs=(("freeze",), ("freeze1",), ("freeze",)))
    found = [paragraph_at(section, "s", "freeze1", "freeze", f)
             for f in (0.0, 0.32, 0.34, 0.65, 0.67, 1.0)]
    assert found == [0, 0, 1, 1, 2, 2]


def test_no_paragraph_for_an_unnamed_phase():
    assert paragraph_at(PAIRED, "liver-probe", "remove", "remove", 0.5) is None


def test_no_paragraph_for_another_scenario():
    assert paragraph_at(PAIRED, "skin-spray", "prepare", "prepare", 0.5) is None
    # a scenario whose name merely starts like the step's is another scenario
    assert paragraph_at(PAIRED, "liver", "prepare", "prepare", 0.5) is None


def test_no_paragraph_without_a_step_or_paragraphs():
    unpaired = make("u", paragraphs=(("prepare",),))  # cannot load, but must not crash
    assert paragraph_at(unpaired, "liver-probe", "prepare", "prepare", 0.5) is None
    bare = make("b", step="liver-probe/prepare")
    assert paragraph_at(bare, "liver-probe", "prepare", "prepare", 0.5) is None


def test_a_dash_paragraph_describes_nothing():
    section = make("d", step="s/heal", paragraphs=((), ("heal",)))
    assert paragraph_at(section, "s", "heal", "heal", 0.0) == 1


# -- describes --------------------------------------------------------------------------------

def test_a_section_describes_its_own_step():
    section = make("a", step="liver-probe/freeze2")
    assert describes(section, "liver-probe", "freeze2", "freeze")
    assert not describes(section, "liver-probe", "freeze1", "freeze")
    assert not describes(section, "skin-spray", "freeze2", "freeze")


def test_a_section_describes_the_phases_its_paragraphs_name():
    assert describes(PAIRED, "liver-probe", "thaw1", "thaw")
    assert describes(PAIRED, "liver-probe", "freeze3", "freeze")
    assert not describes(PAIRED, "liver-probe", "remove", "remove")
    assert not describes(PAIRED, "large-tumour", "thaw1", "thaw")


def test_a_section_without_step_describes_nothing():
    assert not describes(make("a"), "liver-probe", "prepare", "prepare")


# -- section_for ------------------------------------------------------------------------------

@pytest.fixture
def pack():
    return pack_of(
        make("intro"),                                                    # 0
        make("ready", step="liver-probe/prepare"),                        # 1
        make("story", step="liver-probe/insert",                          # 2
             paragraphs=(("prepare",), ("insert",), ("freeze",), ("thaw1",))),
        make("cold", step="liver-probe/freeze1"),                         # 3
        make("again", step="liver-probe/freeze2", paragraphs=(("thaw",),)),  # 4
        make("skin", step="skin-spray/freeze1", paragraphs=(("prepare",), ("heal",))),  # 5
        still="liver-probe/freeze2")


def test_section_for_keeps_the_current_section_while_it_describes_the_phase(pack):
    # "story" describes freeze1 in a paragraph; "cold" has it as its step, but we stay
    assert section_for(pack, 2, "liver-probe", "freeze1", "freeze") == 2
    assert section_for(pack, 2, "liver-probe", "freeze2", "freeze") == 2
    assert section_for(pack, 4, "liver-probe", "thaw1", "thaw") == 4  # by kind


def test_section_for_moves_to_the_section_whose_step_is_the_phase(pack):
    assert section_for(pack, 1, "liver-probe", "insert", "insert") == 2
    assert section_for(pack, 3, "liver-probe", "freeze2", "freeze") == 4
    # the exact step wins over an earlier section that names the phase in a paragraph
    assert section_for(pack, 0, "liver-probe", "freeze1", "freeze") == 3
    assert section_for(pack, 0, "liver-probe", "prepare", "prepare") == 1


def test_section_for_falls_back_to_a_paragraph_on_the_phase(pack):
    # nothing has step liver-probe/thaw2; "again" names every thaw, "story" only thaw1
    assert section_for(pack, 3, "liver-probe", "thaw2", "thaw") == 4
    assert section_for(pack, 0, "liver-probe", "thaw1", "thaw") == 2  # the first one
    assert section_for(pack, 0, "skin-spray", "heal", "heal") == 5


def test_section_for_keeps_the_current_section_when_nothing_fits(pack):
    assert section_for(pack, 3, "liver-probe", "remove", "remove") == 3
    assert section_for(pack, 0, "liver-probe", "heal", "heal") == 0
    assert section_for(pack, 2, "large-tumour", "insert", "insert") == 2


def test_section_for_with_no_valid_current_section(pack):
    assert section_for(pack, -1, "liver-probe", "insert", "insert") == 2
    assert section_for(pack, 99, "liver-probe", "prepare", "prepare") == 1
    assert section_for(pack, -1, "liver-probe", "remove", "remove") == -1


# -- the built-in pack ------------------------------------------------------------------------

def test_builtin_getting_ready_shows_preparing_the_liver(builtin):
    section = builtin.sections[index(builtin, "getting-ready")]
    assert section.step == "liver-probe/prepare"
    assert section_step(builtin, section) == ("liver-probe", "prepare")


def test_builtin_playing_on_from_getting_ready_moves_to_inside_the_body(builtin):
    ready, inside = index(builtin, "getting-ready"), index(builtin, "inside-the-body")
    assert section_for(builtin, ready, "liver-probe", "prepare", "prepare") == ready
    assert section_for(builtin, ready, "liver-probe", "insert", "insert") == inside
    assert builtin.sections[inside].step == "liver-probe/insert"


def test_builtin_playing_the_liver_treatment_from_getting_ready(builtin):
    """The whole treatment: getting ready, then one section tells the rest of the story."""
    current = index(builtin, "getting-ready")
    shown = []
    for phase in LIVER_PHASES:
        current = section_for(builtin, current, "liver-probe", phase.id, phase.kind)
        shown.append((phase.id, builtin.sections[current].id))
    assert shown == [("prepare", "getting-ready")] + [
        (p.id, "inside-the-body") for p in LIVER_PHASES[1:]]


def test_builtin_inside_the_body_paragraphs_follow_the_treatment(builtin):
    section = builtin.sections[index(builtin, "inside-the-body")]
    blocks = paragraph_blocks(section.body)
    at = {p.id: paragraph_at(section, "liver-probe", p.id, p.kind, 0.5) for p in LIVER_PHASES}
    assert at == {"prepare": 0, "insert": 2, "freeze1": 3, "thaw1": 4, "freeze2": 4,
                  "thaw2": 4, "remove": 5, "heal": 6}
    assert "ultrasound" in blocks[at["prepare"]].lower()
    assert "ice ball" in blocks[at["freeze1"]].lower()
    assert "probe comes out" in blocks[at["remove"]].lower()


def test_builtin_insert_is_shared_between_the_cut_and_the_probe_going_in(builtin):
    section = builtin.sections[index(builtin, "inside-the-body")]
    blocks = paragraph_blocks(section.body)
    first = paragraph_at(section, "liver-probe", "insert", "insert", 0.2)
    second = paragraph_at(section, "liver-probe", "insert", "insert", 0.8)
    assert (first, second) == (1, 2)
    assert "small cut" in blocks[first].lower()
    assert "probe goes in" in blocks[second].lower()
    assert paragraph_at(section, "liver-probe", "insert", "insert", 0.49) == 1
    assert paragraph_at(section, "liver-probe", "insert", "insert", 0.51) == 2


def test_builtin_sections_without_a_step_show_the_manifest_still(builtin):
    manifest = tomllib.loads((builtin_content() / "manifest.toml").read_text(encoding="utf-8"))
    assert builtin.still == manifest["still"]
    still = tuple(manifest["still"].split("/"))
    assert still[0] in {"liver-probe", "skin-spray", "skin-probe", "large-tumour"}
    unpaired = [s for s in builtin.sections if not s.step]
    assert unpaired, "the built-in pack has sections without a step"
    for section in unpaired:
        assert section_step(builtin, section) == still, section.id
    for section in builtin.sections:
        if section.step:
            assert section_step(builtin, section) == tuple(section.step.split("/"))


def test_builtin_section_for_keeps_the_current_section_while_it_describes_the_phase(builtin):
    inside = index(builtin, "inside-the-body")
    cold = index(builtin, "lower-body-temperature")
    repeated = index(builtin, "freeze-thaw-cycles")
    assert builtin.sections[cold].step == "liver-probe/freeze1"
    assert builtin.sections[repeated].step == "liver-probe/freeze2"
    # other sections have freeze1 / freeze2 as their step, but inside-the-body still tells it
    assert section_for(builtin, inside, "liver-probe", "freeze1", "freeze") == inside
    assert section_for(builtin, inside, "liver-probe", "freeze2", "freeze") == inside
    # while reading about repeated freezing, thaw1 is described there too
    assert section_for(builtin, repeated, "liver-probe", "thaw1", "thaw") == repeated
    # but "feeling cold" says nothing about thawing: on to a section that does
    moved = section_for(builtin, cold, "liver-probe", "thaw1", "thaw")
    assert moved != cold
    assert describes(builtin.sections[moved], "liver-probe", "thaw1", "thaw")


def test_builtin_skin_spray_starts_with_the_skin_section(builtin):
    start = index(builtin, "what-is-cryosurgery")
    outside = index(builtin, "outside-the-body")
    current = section_for(builtin, start, "skin-spray", "prepare", "prepare")
    assert current == outside
    for phase in SPRAY_PHASES[1:]:
        current = section_for(builtin, current, "skin-spray", phase.id, phase.kind)
        if phase.kind != "heal":
            assert current == outside, phase.id
    # healing on the skin: outside-the-body says nothing of it; pain.md's step is skin-spray/heal
    assert builtin.sections[current].step == "skin-spray/heal"
