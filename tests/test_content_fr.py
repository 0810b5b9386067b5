"""The French pack: complete, paired like the English one, plain French, every term explained."""

import re

import pytest
from conftest import DATA

from cryoviewer.content import check_pack, load_pack
from cryoviewer.content.readability import (MIN_KANDEL_MOLES, measure, plain_text_blocks,
                                            syllables_fr)
from cryoviewer.resources import resources_root

CONTENT = resources_root() / "content"
ENGLISH = load_pack(CONTENT / "en")
FRENCH = load_pack(CONTENT / "fr")


# -- the measure itself ---------------------------------------------------------------------------

@pytest.mark.parametrize("word, count", [
    ("eau", 1), ("froid", 1), ("glace", 1), ("sonde", 1), ("boule", 1), ("le", 1),
    ("cellules", 2), ("souvent", 2), ("guérir", 2), ("l’eau", 1), ("jusqu’à", 2),
    ("peuvent", 1), ("traitement", 3), ("c’est-à-dire", 3), ("congélation", 4),
    ("cryosonde", 3), ("cryochirurgie", 5), ("rétinoblastome", 5), ("chimiothérapie", 6),
    ("hépatocellulaire", 6), ("intraépithéliale", 7), ("yeux", 1), ("cœur", 1), ("naïf", 2),
    ("fréquent", 2), ("disent", 1),
])
def test_french_syllable_count(word, count):
    assert syllables_fr(word) == count


def test_kandel_moles_separates_plain_from_dense_french():
    plain = "Le médecin pose une sonde sur la tache. Puis la tache devient très froide. Elle gèle."
    dense = ("La cryoablation percutanée échoguidée provoque une nécrose coagulative des tissus "
             "néoplasiques par cristallisation intracellulaire consécutive à l’hypothermie.")
    assert measure(plain, "fr").kandel_moles > 90
    assert measure(dense, "fr").kandel_moles < 30


def test_kandel_moles_is_the_published_formula():
    result = measure("Le chat dort. Il fait beau.", "fr")
    assert (result.words, result.sentences, result.syllables) == (6, 2, 6)
    assert result.kandel_moles == pytest.approx(207 - 1.015 * 3 - 73.6 * 1)


def test_french_words_keep_their_accents():
    assert measure("Été, hôpital, œil.", "fr").words == 3


# -- the pack -------------------------------------------------------------------------------------

def test_french_pack_loads_without_problems():
    pack, problems = check_pack(CONTENT / "fr")
    assert pack is not None and not problems, [str(p) for p in problems]
    assert pack.language == "fr"
    assert pack.title != ENGLISH.title


def test_same_sections_in_the_same_order_paired_the_same_way():
    def pairing(pack):
        return [(s.id, s.order, s.step, s.paragraphs) for s in pack.sections]
    assert pairing(FRENCH) == pairing(ENGLISH)
    assert FRENCH.still == ENGLISH.still


@pytest.mark.parametrize("section", ENGLISH.sections, ids=lambda s: s.id)
def test_same_number_of_paragraphs_as_english(section):
    french = FRENCH.sections[FRENCH.index_of(section.id)]
    assert len(plain_text_blocks(french.body)) == len(plain_text_blocks(section.body))


def test_captions_cover_the_same_steps_in_french():
    assert {k: set(v) for k, v in FRENCH.captions.items()} == \
        {k: set(v) for k, v in ENGLISH.captions.items()}
    for scenario, captions in FRENCH.captions.items():
        for step, text in captions.items():
            assert text != ENGLISH.captions[scenario][step]
            ease = measure(text, "fr").kandel_moles
            assert ease >= MIN_KANDEL_MOLES, f"{scenario}/{step}: {ease:.1f}: {text}"


@pytest.mark.parametrize("section", FRENCH.sections, ids=lambda s: s.id)
def test_section_reads_at_kandel_moles_60_or_more(section):
    ease = measure(section.body, "fr").kandel_moles
    assert ease >= MIN_KANDEL_MOLES, f"{section.path.name} scores {ease:.1f}"


@pytest.mark.parametrize("section", FRENCH.sections, ids=lambda s: s.id)
def test_section_is_written_in_french(section):
    # Not the English text left in place: common French words, and few common English ones
    # (the references keep their English titles, so they are left out of the second check).
    words = re.findall(r"\w+", section.body.lower())
    french = sum(w in {"le", "la", "les", "de", "des", "du", "et", "vous", "une", "un", "est"}
                 for w in words)
    english = sum(w in {"the", "and", "you", "is", "of", "to", "your"} for w in words)
    assert french >= 3
    if section.id != "references":
        assert english == 0


# Each term French-speaking patients meet in clinics, with words that must explain it in the
# paragraph (or list item) where it first appears.
TERMS = {
    "cryochirurgie": ["froid", "gèle"],
    "cryosonde": ["tube", "froid"],
    "boule de glace": ["ronde"],
    "cycle de congélation et de décongélation": ["gèle", "dégeler"],
    "kératose actinique": ["taches", "soleil"],
    "néoplasie intraépithéliale cervicale": ["col", "utérus", "cancer"],
    "carcinome hépatocellulaire": ["cancer", "foie"],
    "métastases hépatiques": ["cancer", "autre partie du corps", "foie"],
    "rétinoblastome": ["cancer", "œil"],
}
# How a plain-French explanation is introduced in this pack.
CUES = re.compile(r"\u00a0?: |\(|, c’est|\bc’est\b|\bce sont\b|s’appelle|on l’appelle|"
                  r"on appelle cela|cela s’appelle", re.I)


def paragraphs():
    for section in FRENCH.sections:
        for block in plain_text_blocks(section.body):
            yield section.id, block.replace("\u00a0", " ")


@pytest.mark.parametrize("term", TERMS)
def test_term_is_used_and_explained_at_first_use(term):
    first = next(((sid, text) for sid, text in paragraphs() if term in text.lower()), None)
    assert first, f"the pack never says '{term}'"
    section, text = first
    assert CUES.search(text), f"{section}: '{term}' first appears without an explanation: {text}"
    missing = [w for w in TERMS[term] if w not in text.lower()]
    assert not missing, f"{section}: the explanation of '{term}' never says {missing}: {text}"


# Each fact of the source document, as French words that must appear somewhere in the pack.
FACTS = {
    "other names": ["cryoablation", "ablation par le froid", "cryothérapie"],
    "the two gases": ["azote liquide", "dioxyde de carbone"],
    "what it does": ["pas normales|anormales", "détruire"],
    "outside then inside": ["peau", "dans le corps"],
    "conditions": ["kératose actinique", "cancer de la peau",
                   "néoplasie intraépithéliale cervicale", "carcinome in situ",
                   "carcinome hépatocellulaire", "métastases hépatiques", "rétinoblastome"],
    "where and preparation": ["ambulatoire", "le jour même", "rester à l’hôpital",
                              "chirurgie ouverte|opération habituelle"],
    "combined treatments": ["chimiothérapie", "radiothérapie"],
    "sedation and warmth": ["anesthésique", "sédatif", "couvertures"],
    "outside method": ["jet", "sonde", "dégeler", "2 ou 3 fois"],
    "inside method": ["échographie", "incision", "cryosonde", "plus d’une sonde",
                      "boule de glace", "réchauffe", "tissu cicatriciel"],
    "freeze-thaw figures": ["5 à 10 mm", "moins 20 à moins 40", "10 minutes", "30 secondes"],
    "side effects depend on": ["taille de la tumeur", "tissus sains", "état de santé"],
    "when side effects appear": ["semaines", "des mois", "années", "ne jamais partir"],
    "pain": ["douleur", "médicament"],
    "bleeding": ["saignement", "saignement interne", "foie"],
    "infection": ["infection", "écoulement", "fièvre", "frissons"],
    "body temperature": ["température de votre corps"],
    "children": ["enfant", "voir", "sentir", "entendre", "âge"],
    "questions": ["questions"],
    "references": ["National Cancer Institute", "Shinohara", "Everyone's Guide to Cancer Therapy"],
}


@pytest.mark.parametrize("fact", FACTS, ids=str)
def test_every_fact_of_the_source_is_covered_in_french(fact):
    text = " ".join(s.body.lower() for s in FRENCH.sections).replace("\u00a0", " ")
    missing = [term for term in FACTS[fact]
               if not any(t.lower() in text for t in term.split("|"))]
    assert not missing, f"{fact}: the French content never mentions {missing}"


def test_offline_replacements_for_web_links():
    text = " ".join(s.body for s in FRENCH.sections)
    assert "http" not in text and "www." not in text
    assert text.count("dépliant") >= 3  # douleur, infection, enfants


def test_questions_section_is_a_real_list():
    questions = FRENCH.sections[FRENCH.index_of("questions-to-ask")].body
    assert len(re.findall(r"^- .+\u00a0\?$", questions, re.M)) >= 12


def test_references_say_in_french_what_each_source_is():
    refs = FRENCH.sections[FRENCH.index_of("references")].body
    items = [line for line in refs.splitlines() if line.startswith("- ")]
    assert len(items) == 2
    assert all(re.match(r"- (Une|Le|La) [^.]*(fiche|chapitre|guide)", item) for item in items)


FRENCH_SOURCE = DATA / "source-document.fr.txt"  # none yet: the source exists only in English


def french_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower().replace("’", "'"))


@pytest.mark.skipif(not FRENCH_SOURCE.exists(), reason="there is no French source document")
def test_no_ten_word_run_from_the_french_source():
    # (The check against the English source runs on every pack, in test_content_text.)
    source = french_words(FRENCH_SOURCE.read_text(encoding="utf-8"))
    shingles = {tuple(source[i:i + 10]) for i in range(len(source) - 9)}
    for section in FRENCH.sections:
        found = french_words(section.body)
        runs = [found[i:i + 10] for i in range(len(found) - 9)
                if tuple(found[i:i + 10]) in shingles]
        assert not runs, f"{section.path.name} copies the source: {runs[:3]}"


# -- the checker reports each pack with its own measure -------------------------------------------

def test_check_content_reports_kandel_moles_for_the_french_pack(capsys):
    from cryoviewer.app import check_content

    assert check_content(CONTENT / "fr") == 0
    out = capsys.readouterr().out
    assert len(re.findall(r"^Kandel–Moles +\d+\.\d  \S+\.md$", out, re.M)) == 14
    assert "grade " not in out
    assert "14 sections in 'fr'" in out and "0 section(s) too hard to read" in out


def test_check_content_flags_hard_french_text(write_pack, capsys):
    from conftest import section

    from cryoviewer.app import check_content

    dense = ("La cryoablation percutanée échoguidée provoque une nécrose coagulative des tissus "
             "néoplasiques par cristallisation intracellulaire consécutive à l’hypothermie.")
    root = write_pack({"one.md": section("one", "Un", 1, dense)},
                      manifest='language = "fr"\ntitle = "Essai"\nsections = ["one.md"]\n')
    assert check_content(root) == 1
    out = capsys.readouterr().out
    assert "Kandel–Moles" in out and "below 60" in out
