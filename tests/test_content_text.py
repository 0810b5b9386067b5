"""The built-in text: plain enough to read, in the project's own words, and complete."""

import re
from pathlib import Path

import pytest
from conftest import DATA

from cryoviewer.content import load_pack
from cryoviewer.content.readability import measure, syllables
from cryoviewer.resources import resources_root

MAX_GRADE = 8
RUN = 10  # words in a row that may not be copied from the source document
CONTENT = resources_root() / "content"
PACKS = sorted(p.parent for p in CONTENT.glob("*/manifest.toml"))
ENGLISH = load_pack(CONTENT / "en")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("’", "'"))


def copied_runs(text: str, source: str, length: int = RUN) -> list[str]:
    """Runs of `length` words in text that also appear, in order, in source."""
    src = words(source)
    shingles = {tuple(src[i:i + length]) for i in range(len(src) - length + 1)}
    found = words(text)
    return [" ".join(found[i:i + length]) for i in range(len(found) - length + 1)
            if tuple(found[i:i + length]) in shingles]


def source_prose() -> str:
    """The source document without its reference list (citations may be quoted exactly)."""
    text = (DATA / "source-document.txt").read_text(encoding="utf-8")
    return text.split("Expert review and references")[0]


# -- the measure itself ---------------------------------------------------------------------------

@pytest.mark.parametrize("word, count", [("ice", 1), ("probe", 1), ("freezing", 2), ("liver", 2),
                                         ("people", 2), ("tumour", 2), ("nitrogen", 3),
                                         ("radiation", 4), ("cryosurgery", 4),
                                         ("chemotherapy", 5)])
def test_syllable_count(word, count):
    assert syllables(word) == count


def test_grade_separates_plain_from_dense_text():
    plain = "The doctor puts a thin probe in the lump. Then the lump gets very cold. It turns to ice."
    dense = ("Cryosurgical ablation utilises extreme hypothermia, administered percutaneously "
             "through cryoprobes, to precipitate intracellular crystallisation and consequent "
             "necrosis of neoplastic tissue.")
    assert measure(plain).grade < 4
    assert measure(dense).grade > 16


def test_grade_ignores_markdown_and_counts_list_items_as_sentences():
    result = measure("## Before\n\n- Will it hurt\n- How long will it take\n\n**Bold** [link](#x).")
    assert result.sentences == 4
    assert result.words == 11


# -- the built-in content -------------------------------------------------------------------------

@pytest.mark.parametrize("section", ENGLISH.sections, ids=lambda s: s.id)
def test_section_reads_at_grade_8_or_lower(section):
    grade = measure(section.body).grade
    assert grade <= MAX_GRADE, f"{section.path.name} reads at grade {grade:.1f}"


def test_copy_check_catches_a_copied_sentence():
    copied = "As they say, it uses extreme cold (liquid nitrogen or carbon dioxide) to freeze."
    assert copied_runs(copied, source_prose())


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.md")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_ten_word_run_from_the_source(path: Path):
    runs = copied_runs(path.read_text(encoding="utf-8"), source_prose())
    assert not runs, f"{path.name} copies the source: {runs[:3]}"


# Each fact of the source document, as words that must appear somewhere in the English pack.
FACTS = {
    "other names": ["cryoablation", "cryosurgical ablation", "cryotherapy"],
    "the two gases": ["liquid nitrogen", "carbon dioxide"],
    "what it does": ["abnormal|not normal", "destroy"],
    "outside then inside": ["skin", "inside the body"],
    "conditions": ["actinic keratosis", "skin cancer", "cervical intraepithelial neoplasia",
                   "carcinoma in situ", "hepatocellular carcinoma", "metastases",
                   "retinoblastoma"],
    "where and preparation": ["outpatient", "same day", "stay in the hospital",
                              "open surgery|usual operation"],
    "combined treatments": ["chemotherapy", "radiation therapy"],
    "sedation and warmth": ["anesthetic|anaesthetic", "sedative", "blanket"],
    "outside method": ["spray", "probe", "thaw", "2 or 3 times"],
    "inside method": ["ultrasound", "incision", "cryoprobe", "more than one probe", "ice ball",
                      "warmed", "scar tissue"],
    "side effects depend on": ["size of the tumour|how big the tumour", "healthy tissue",
                               "well you are in general|overall health"],
    "when side effects appear": ["weeks", "months or even years|months or years", "permanent|not go away"],
    "pain": ["pain", "medicine"],
    "bleeding": ["bleeding", "internal bleeding", "liver"],
    "infection": ["infection", "drainage", "fever", "chills"],
    "body temperature": ["body temperature"],
    "children": ["child", "see", "feel", "hear", "age"],
    "questions": ["questions"],
    "references": ["National Cancer Institute", "Shinohara", "Everyone's Guide to Cancer Therapy"],
}


@pytest.mark.parametrize("fact", FACTS, ids=str)
def test_every_fact_of_the_source_is_covered(fact):
    text = " ".join(s.body.lower() for s in ENGLISH.sections)
    missing = [term for term in FACTS[fact]
               if not any(t.lower() in text for t in term.split("|"))]
    assert not missing, f"{fact}: the content never mentions {missing}"


def test_offline_replacements_for_web_links():
    text = " ".join(s.body for s in ENGLISH.sections)
    assert "http" not in text and "www." not in text
    assert "Find out more" not in text
    assert text.count("leaflet") >= 3  # pain, infection, children


def test_questions_section_is_a_real_list():
    questions = ENGLISH.sections[ENGLISH.index_of("questions-to-ask")].body
    assert len(re.findall(r"^- .+\?$", questions, re.M)) >= 12


def test_every_pack_has_the_same_sections():
    ids = {pack.name: [s.id for s in load_pack(pack).sections] for pack in PACKS}
    assert len(set(map(tuple, ids.values()))) == 1, ids
