"""The kiosk's configuration file: every setting good and bad, problems with their lines, and a
reader that returns a usable configuration whatever the file holds (no Qt here)."""

import base64
import os
import random
import subprocess
import sys
import textwrap
import time as clock
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

import pytest

from cryoviewer.files import MAX_FILE_BYTES
from cryoviewer.kiosk.config import (DEFAULT_ATTRACT, MAX_PROBLEMS, NO_FILE, KioskConfig,
                                     check_sections, load_kiosk_config)
from cryoviewer.kiosk.schedule import ALWAYS, Schedule
from cryoviewer.resources import builtin_content, resources_root

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "kiosk" / "example.toml"
TREATMENTS = {"skin-spray", "skin-probe", "liver-probe", "large-tumour"}
# The form of a hash (which is all the configuration checks), made without paying for scrypt.
HASH = ("scrypt$16384$8$1$" + base64.b64encode(bytes(16)).decode() + "$"
        + base64.b64encode(bytes(range(32))).decode())
NO_PIN = "admin_pin_hash is not set"


def load(tmp_path, text, treatments=None, name="kiosk.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_kiosk_config(path, treatments)


def others(problems):
    """The problems besides the warning that no PIN is set (most files here set none)."""
    return [p for p in problems if NO_PIN not in p.message]


def only(problems):
    """The one problem besides the missing PIN."""
    rest = others(problems)
    assert len(rest) == 1, [str(p) for p in problems]
    return rest[0]


# --- defaults and the example file ---------------------------------------------------------------

def test_no_file_gives_the_defaults_and_says_the_exit_is_disabled():
    config, problems = load_kiosk_config(None)
    assert config == KioskConfig()
    assert config.attract == DEFAULT_ATTRACT and config.schedule == ALWAYS
    [problem] = problems
    assert problem.file == NO_FILE and problem.severity == "warning"
    assert "disabled" in problem.message and "cryoviewer --make-pin-hash" in problem.message


def test_an_empty_file_gives_the_defaults(tmp_path):
    config, problems = load(tmp_path, "")
    assert replace(config, source=None) == KioskConfig()
    assert config.source == tmp_path / "kiosk.toml"
    [problem] = problems
    assert NO_PIN in problem.message and problem.severity == "warning"


def test_the_example_is_the_defaults_except_where_it_says_so():
    config, problems = load_kiosk_config(EXAMPLE, TREATMENTS)
    [problem] = problems  # the example sets no PIN, and says how to make one
    assert NO_PIN in problem.message and problem.line == 20
    documented = {"languages": ("en", "fr"),
                  "schedule": Schedule(frozenset(range(5)), time(8), time(18))}
    assert config == replace(KioskConfig(), source=EXAMPLE, **documented)


def test_the_example_with_every_line_filled_in_has_no_problem(tmp_path):
    """Its commented-out settings, put back with a PIN hash, are all valid too; the sections it
    lists are the built-in content's."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in ("treatments", "sections", "content", "log_folder"):
        assert f"\n# {key} = " in text
        text = text.replace(f"\n# {key} = ", f"\n{key} = ")
    text = text.replace(text[text.index('# admin_pin_hash = "'):].split("\n")[0],
                        f'admin_pin_hash = "{HASH}"')
    (tmp_path / "my-content").mkdir()
    (tmp_path / "kiosk.toml").write_text(text, encoding="utf-8")
    config, problems = load_kiosk_config(tmp_path / "kiosk.toml", TREATMENTS)
    assert problems == []
    assert config.treatments == ("skin-spray", "skin-probe", "liver-probe", "large-tumour")
    assert config.admin_pin_hash == HASH
    assert config.content == tmp_path / "my-content"
    assert config.log_folder == tmp_path / "logs"
    from cryoviewer.content import load_pack
    known = [section.id for section in load_pack(builtin_content()).sections]
    assert check_sections(config, known) == (config, [])
    assert list(config.sections) == known


def test_the_example_documents_every_setting():
    text = EXAMPLE.read_text(encoding="utf-8")
    from cryoviewer.kiosk.config import LAYOUT
    for table, keys in LAYOUT.items():
        assert f"\n[{table}]\n" in text
        for key in keys:
            assert f"\n{key} = " in text or f"\n# {key} = " in text, key
    assert {p.stem for p in (resources_root() / "scenarios").glob("*.toml")} - {"materials"} \
        == TREATMENTS  # the treatments the example lists are all there are


# --- every setting, good -------------------------------------------------------------------------

GOOD = [
    ("[kiosk]\nidle_seconds = 15", "idle_s", 15),
    ("[kiosk]\nidle_seconds = 3600\nwatching_seconds = 3600", "idle_s", 3600),
    ("[kiosk]\nwarning_seconds = 5", "warning_s", 5),
    ("[kiosk]\nwarning_seconds = 120", "warning_s", 120),
    ("[kiosk]\nwatching_seconds = 90", "watching_s", 90),
    ("[kiosk]\nidle_seconds = 600", "watching_s", 600),  # the default follows a longer idle
    ("[kiosk]\ntheme = \"high-contrast\"", "theme", "high-contrast"),
    ("[kiosk]\ntheme = \"projector\"", "theme", "projector"),
    ("[kiosk]\ntext_size = 200", "text_size", 200),
    ("[kiosk]\ntext_size = \"150\"", "text_size", 150),
    ("[kiosk]\ntreatments = [\"liver-probe\", \"skin-spray\", \"liver-probe\"]", "treatments",
     ("liver-probe", "skin-spray")),
    ("[kiosk]\nsections = [\"pain\", \"bleeding\"]", "sections", ("pain", "bleeding")),
    ("[kiosk]\nadmin_pin_hash = \"" + HASH + "\"", "admin_pin_hash", HASH),
    ("[language]\ndefault = \"fr\"\noffered = [\"fr\", \"en\"]", "language", "fr"),
    ("[language]\noffered = [\"en\", \"fr\", \"en\"]", "languages", ("en", "fr")),
    ("[attract]\nen = \"  Touch   me \"", "attract", {**DEFAULT_ATTRACT, "en": "Touch me"}),
    ("[attract]\nde = \"Berühren Sie den Bildschirm\"", "attract",
     {**DEFAULT_ATTRACT, "de": "Berühren Sie den Bildschirm"}),
    ("[attract]\nen = \"" + "x" * 120 + "\"", "attract", {**DEFAULT_ATTRACT, "en": "x" * 120}),
    ("[clinic]\nname = \"Clinique du Parc\"", "clinic_name", "Clinique du Parc"),
    ("[clinic]\nname = \"\"\"Clinique\n du Parc\"\"\"", "clinic_name", "Clinique du Parc"),
    ("[clinic]\nphone = \"+33 1 23 45 67 89\"", "clinic_phone", "+33 1 23 45 67 89"),
    ("[clinic]\nphone = \"" + "1" * 80 + "\"", "clinic_phone", "1" * 80),
    ("[kiosk]\nprinter = \"Waiting_Room_Printer\"", "printer", "Waiting_Room_Printer"),
    ("[kiosk]\nprinter = \"  HP  LaserJet \"", "printer", "HP LaserJet"),
    ("[kiosk]\nprinter = \"" + "p" * 127 + "\"", "printer", "p" * 127),
    ("[schedule]\ndays = [\"sat\", \"Sunday\", \"SUN\"]", "schedule",
     Schedule(frozenset({5, 6}), time(0), time(0))),
    ("[schedule]\nopens = \"7:30\"\ncloses = \"24:00\"", "schedule",
     Schedule(frozenset(range(7)), time(7, 30), time(0))),
    ("[schedule]\nopens = 08:15:00\ncloses = 17:45:00", "schedule",
     Schedule(frozenset(range(7)), time(8, 15), time(17, 45))),
    ("kiosk.theme = \"projector\"", "theme", "projector"),  # a dotted key is a table too
]


@pytest.mark.parametrize("text, name, expected", GOOD)
def test_good_values_are_used(tmp_path, text, name, expected):
    config, problems = load(tmp_path, text, TREATMENTS)
    assert others(problems) == []
    assert getattr(config, name) == expected


def test_folders_are_found_next_to_the_file(tmp_path):
    (tmp_path / "pack").mkdir()
    config, problems = load(tmp_path, """
        [kiosk]
        content = "pack"
        log_folder = "logs/kiosk"
    """)
    assert others(problems) == []
    assert config.content == tmp_path / "pack"
    assert config.log_folder == tmp_path / "logs" / "kiosk"  # need not exist yet
    absolute = tmp_path / "elsewhere"
    absolute.mkdir()
    config, problems = load(tmp_path, f"[kiosk]\ncontent = {str(absolute)!r}\n")
    assert others(problems) == [] and config.content == absolute


def test_a_relative_file_name_gives_absolute_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pack").mkdir()
    Path("kiosk.toml").write_text('[kiosk]\ncontent = "pack"\n', encoding="utf-8")
    config, problems = load_kiosk_config(Path("kiosk.toml"))
    assert others(problems) == [] and config.content == tmp_path / "pack"


def test_a_folder_in_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "pack").mkdir()
    config, problems = load(tmp_path / "pack", '[kiosk]\ncontent = "~/pack"\n')
    assert others(problems) == [] and config.content == tmp_path / "pack"


# --- every setting, bad: the default (or the rest of the list), and a problem on its line --------

BAD = [  # text (the bad value on line 3), field, value used, words the message must hold
    ("idle_seconds = 14", "idle_s", 90, "[kiosk] idle_seconds must be a whole number of "
                                        "seconds from 15 to 3600, not 14; using 90 instead"),
    ("idle_seconds = 3601", "idle_s", 90, "not 3601; using 90"),
    ("idle_seconds = 90.0", "idle_s", 90, "not 90.0"),
    ("idle_seconds = nan", "idle_s", 90, "not nan"),
    ("idle_seconds = inf", "idle_s", 90, "not inf"),
    ("idle_seconds = true", "idle_s", 90, "not true"),
    ("idle_seconds = \"90\"", "idle_s", 90, "not '90'"),
    ("idle_seconds = [90]", "idle_s", 90, "not a list"),
    ("idle_seconds = {s = 90}", "idle_s", 90, "not a table"),
    ("idle_seconds = 1979-05-27", "idle_s", 90, "not datetime.date(1979, 5, 27)"),
    ("idle_seconds = 9223372036854775807", "idle_s", 90, "not 9223372036854775807"),
    ("warning_seconds = 4", "warning_s", 15, "from 5 to 120, not 4; using 15"),
    ("warning_seconds = 121", "warning_s", 15, "from 5 to 120, not 121; using 15"),
    ("watching_seconds = 60", "watching_s", 90, "[kiosk] watching_seconds must be at least "
                                                "idle_seconds (90); using 90 instead"),
    ("watching_seconds = 9999", "watching_s", 300, "from 15 to 3600, not 9999; using 300"),
    ("theme = \"blue\"", "theme", "default", "[kiosk] theme must be one of default, projector, "
                                             "high-contrast, not 'blue'; using 'default'"),
    ("theme = 1", "theme", "default", "not 1; using 'default'"),
    ("text_size = 130", "text_size", 100, "[kiosk] text_size must be one of 100, 125, 150, "
                                          "175, 200, not 130; using 100 instead"),
    ("text_size = 125.0", "text_size", 100, "not 125.0"),
    ("text_size = true", "text_size", 100, "not true"),
    ("treatments = \"skin-spray\"", "treatments", None, "[kiosk] treatments must be a list in "
                                                        "square brackets"),
    ("treatments = []", "treatments", None, "[kiosk] treatments lists nothing usable; using "
                                            "all treatments instead"),
    ("treatments = [\"liver-probe\", \"skin-sprya\"]", "treatments", ("liver-probe",),
     "[kiosk] treatments: 'skin-sprya' is not a treatment of this kiosk (did you mean "
     "'skin-spray'? known: large-tumour, liver-probe, skin-probe, skin-spray); it is left out"),
    ("treatments = [\"liver-probe\", 3]", "treatments", ("liver-probe",),
     "3 is not a treatment name"),
    ("treatments = [\"liver-probe\", \"Skin Spray\"]", "treatments", ("liver-probe",),
     "'Skin Spray' is not a treatment name"),
    ("treatments = [\"liver-probe\", [\"skin-spray\"]]", "treatments", ("liver-probe",),
     "a list is not a treatment name"),
    ("sections = [\"pain\", \"Pain!\"]", "sections", ("pain",), "'Pain!' is not a section name"),
    ("sections = {pain = true}", "sections", None, "not a table; using all sections"),
    ("content = \"nowhere\"", "content", None, "[kiosk] content must name a folder, but "),
    ("content = \"kiosk.toml\"", "content", None, "is a file; using the built-in content"),
    ("content = \"\"", "content", None, "must be a folder's path in quotes, not ''"),
    ("content = 5", "content", None, "must be a folder's path in quotes, not 5"),
    ("content = \"a\\u0000b\"", "content", None, "must be a folder's path"),
    ("log_folder = \"kiosk.toml\"", "log_folder", None, "is a file; using the standard log"),
    ("log_folder = false", "log_folder", None, "not false; using the standard log folder"),
    ("admin_pin_hash = \"1234\"", "admin_pin_hash", None,
     "[kiosk] admin_pin_hash is not a PIN hash made by `cryoviewer --make-pin-hash`"),
    ("admin_pin_hash = \"" + HASH.replace("16384", "1024") + "\"", "admin_pin_hash", None,
     "the hidden admin exit is disabled"),
    ("admin_pin_hash = \"" + HASH + "=\"", "admin_pin_hash", None, "not a PIN hash"),
]


@pytest.mark.parametrize("line, name, used, words", BAD)
def test_a_bad_kiosk_value_is_replaced_on_its_own(tmp_path, line, name, used, words):
    """The bad value is on line 3; the settings around it are still used."""
    timing = name in ("idle_s", "warning_s", "watching_s")
    around = ({"theme": "projector", "text_size": 150} if timing else
              {"idle_seconds": 120, "warning_seconds": 20})
    before, after = (f"{key} = {value!r}".replace("'", '"') for key, value in around.items())
    config, problems = load(tmp_path, f"[kiosk]\n{before}\n{line}\n{after}\n", TREATMENTS)
    problem = only(problems)
    assert (problem.file, problem.line, problem.severity) == (tmp_path / "kiosk.toml", 3, "error")
    assert words in problem.message, problem.message
    assert getattr(config, name) == used
    if timing:
        assert (config.theme, config.text_size) == ("projector", 150)
    else:
        assert (config.idle_s, config.warning_s) == (120, 20)


BAD_ELSEWHERE = [  # text, field, value used, line, words
    ("[language]\n\ndefault = \"english\"", "language", "en", 3,
     "[language] default must be a two-letter language code in small letters, such as \"en\" "
     "or \"fr\", not 'english'; using 'en' instead"),
    ("[language]\ndefault = \"fr\"", "languages", ("fr", "en"), 2,
     "[language] default 'fr' is not among the offered languages, so it is added first"),
    ("[language]\noffered = [\"fr\"]", "languages", ("en", "fr"), 1,
     "[language] default 'en' is not among the offered languages"),  # the key is absent
    ("[language]\noffered = \"en\"", "languages", ("en",), 2, "must be a list"),
    ("[language]\noffered = [\"en\",\n  \"EN\"]", "languages", ("en",), 3,
     "[language] offered: must be a two-letter language code in small letters, such as \"en\" "
     "or \"fr\", not 'EN'; it is left out"),
    ("[attract]\nen = \"\"", "attract", DEFAULT_ATTRACT, 2,
     "[attract] en must not be empty; using the built-in text 'Touch the screen to learn "
     "about cryosurgery' instead"),
    ("[attract]\nen = \"" + "x" * 121 + "\"", "attract", DEFAULT_ATTRACT, 2,
     "must be at most 120 characters, not 121"),
    ("[attract]\nfr = 5", "attract", DEFAULT_ATTRACT, 2, "must be text in quotes, not 5"),
    ("[attract]\nde = [\"Hallo\"]", "attract", DEFAULT_ATTRACT, 2,
     "[attract] de must be text in quotes, not a list; using no text instead"),
    ("[clinic]\nname = \"" + "x" * 81 + "\"", "clinic_name", "", 2,
     "[clinic] name must be at most 80 characters, not 81; using no name instead"),
    ("[kiosk]\nprinter = \"\"", "printer", None, 2,
     "[kiosk] printer must not be empty; using no printer (the Print button is not shown) "
     "instead"),
    ("[kiosk]\nprinter = \"" + "p" * 128 + "\"", "printer", None, 2,
     "[kiosk] printer must be at most 127 characters, not 128"),
    ("[kiosk]\nprinter = true", "printer", None, 2,
     "[kiosk] printer must be text in quotes, not true"),
    ("[clinic]\nphone = 5551234", "clinic_phone", "", 2,
     "[clinic] phone must be text in quotes, not 5551234; using no phone number instead"),
    ("[schedule]\ndays = [\"mon\", \"thurs\"]", "schedule", replace(ALWAYS, days=frozenset({0})),
     2, "[schedule] days: 'thurs' is not a day (write mon, tue, wed, thu, fri, sat, sun); "
        "it is left out"),
    ("[schedule]\ndays = []", "schedule", ALWAYS, 2,
     "[schedule] days lists nothing usable; using every day instead"),
    ("[schedule]\ndays = [0, \"tue\"]\n", "schedule", replace(ALWAYS, days=frozenset({1})), 2,
     "[schedule] days: 0 is not a day"),
    ("[schedule]\nopens = \"8h\"", "schedule", ALWAYS, 2,
     "[schedule] opens must be a time of day such as \"08:00\" or \"18:30\" (24-hour clock), "
     "not '8h'; using \"00:00\" instead"),
    ("[schedule]\ncloses = \"24:01\"", "schedule", ALWAYS, 2, "not '24:01'"),
    ("[schedule]\ncloses = 18", "schedule", ALWAYS, 2, "not 18"),
    ("[schedule]\ncloses = 1979-05-27T07:32:00", "schedule", ALWAYS, 2, "not datetime"),
]


@pytest.mark.parametrize("text, name, used, line, words", BAD_ELSEWHERE)
def test_bad_values_in_the_other_tables(tmp_path, text, name, used, line, words):
    config, problems = load(tmp_path, text)
    problem = only(problems)
    assert (problem.line, problem.severity) == (line, "error")
    assert words in problem.message, problem.message
    assert getattr(config, name) == used


def test_every_problem_names_the_file_the_line_and_the_setting(tmp_path):
    config, problems = load(tmp_path, """\
        # a clinic's file
        [kiosk]
        idle_seconds = 5
        theme = "blue"

        [schedule]
        days = [
          "mon",
          "funday",
        ]
        closes = "6pm"
    """)
    assert [(p.line, str(p).split(": ", 1)[1].split(" ")[0]) for p in problems] == [
        (2, "warning:"), (3, "[kiosk]"), (4, "[kiosk]"), (9, "[schedule]"), (11, "[schedule]")]
    assert str(problems[1]).startswith(f"{tmp_path / 'kiosk.toml'}, line 3: [kiosk] idle_seconds")
    assert config.schedule == Schedule(frozenset({0}), time(0), time(0))


def test_a_list_entry_is_found_on_its_own_line(tmp_path):
    config, problems = load(tmp_path, """\
        [kiosk]
        treatments = [
            'liver-probe',
            'skin-sprya',  # a typing mistake
        ]
    """, TREATMENTS)
    assert only(problems).line == 4 and config.treatments == ("liver-probe",)


def test_treatments_are_checked_only_against_known_ones_when_given(tmp_path):
    config, problems = load(tmp_path, "[kiosk]\ntreatments = [\"kidney-probe\"]\n")
    assert others(problems) == [] and config.treatments == ("kidney-probe",)
    config, problems = load(tmp_path, "[kiosk]\ntreatments = [\"kidney-probe\"]\n", TREATMENTS)
    assert [p.line for p in others(problems)] == [2, 2] and config.treatments is None
    assert "using all treatments instead" in others(problems)[1].message


# --- unknown names: ignored with a warning and the nearest known name ----------------------------

UNKNOWN = [
    ("[kiosk]\nidel_seconds = 30", 2,
     "[kiosk] idel_seconds is not a known setting, so it is ignored (did you mean idle_seconds?)"),
    ("[kiosk]\nlanguage = \"fr\"", 2, "([language] is a table of its own: put its settings "
                                    "below a line [language])"),
    ("[kiosk]\nidle_time = 30", 2, "(did you mean idle_seconds?)"),
    ("[kiosk]\nopens = \"08:00\"", 2, "(it belongs in [schedule])"),
    ("[kiosk]\nopen = \"08:00\"", 2, "(did you mean opens in [schedule]?)"),
    ("[clinic]\nnmae = \"x\"", 2, "(did you mean name?)"),
    ("[clinic]\nzzz = 1", 2, "known settings here: name, phone"),
    ("[schedule]\nopen = \"08:00\"", 2, "(did you mean opens?)"),
    ("[kiosks]\nidle_seconds = 30", 1, "[kiosks] is not a known table, so it is ignored "
                                       "(did you mean [kiosk]?)"),
    ("[zzz]\n", 1, "the tables are [kiosk], [language], [attract], [clinic], [schedule]"),
    ("[kiosk.extra]\na = 1", 1, "[kiosk] extra is not a known setting"),
    ("idle_seconds = 30", 1, "idle_seconds is outside any table, so it is ignored (it belongs "
                             "in [kiosk])"),
    ("zzz = 30", 1, "zzz is outside any table, so it is ignored (see resources/kiosk/"),
    ("[attract]\nenglish = \"Hello\"", 2, "[attract] english is not a two-letter language code"),
    ("[language]\noffered = [\"en\", \"de\"]\n[attract]\nen = \"Hi\"", 3,
     "[attract] has no text for 'de', which [language] offers; add a line: de = \"...\""),
]


@pytest.mark.parametrize("text, line, words", UNKNOWN)
def test_unknown_names_are_warnings(tmp_path, text, line, words):
    config, problems = load(tmp_path, text)
    problem = only(problems)
    assert (problem.line, problem.severity) == (line, "warning")
    assert words in problem.message
    assert config.idle_s == 90


def test_a_known_table_that_is_not_a_table(tmp_path):
    config, problems = load(tmp_path, "kiosk = 5\n[[schedule]]\ndays = [\"mon\"]\n")
    assert [(p.line, p.severity) for p in others(problems)] == [(1, "error"), (2, "error")]
    assert "[kiosk] must be a table (a line [kiosk] followed by its settings), not 5; its " \
           "settings are left at their defaults" in others(problems)[0].message
    assert replace(config, source=None) == KioskConfig()


def test_a_long_or_strange_key_is_shown_short(tmp_path):
    config, problems = load(tmp_path, f'[kiosk]\n"{"k" * 500}" = 1\n"a\\nb" = 2\n')
    messages = [p.message for p in others(problems)]
    assert len(messages) == 2 and all(len(m) < 300 for m in messages)
    assert "[kiosk] 'kkkkkkkk" in messages[1] and "k" * 100 not in messages[1]
    assert "[kiosk] 'a\\nb' is not a known setting" in messages[0]


# --- files that cannot be read: the defaults, a problem, and never a wait or an exception --------

def test_missing_file(tmp_path):
    config, problems = load_kiosk_config(tmp_path / "nothing.toml")
    assert replace(config, source=None) == KioskConfig()
    assert str(problems[0]) == (f"{tmp_path / 'nothing.toml'}: file not found; "
                                "the kiosk uses its built-in settings")
    assert NO_PIN in problems[1].message


def test_a_folder(tmp_path):
    config, problems = load_kiosk_config(tmp_path)
    assert "is a folder, not a file; the kiosk uses its built-in settings" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_not_read(tmp_path):
    """Opening a FIFO for reading would wait until someone writes to it: for ever."""
    os.mkfifo(tmp_path / "kiosk.toml")
    started = clock.monotonic()
    config, problems = load_kiosk_config(tmp_path / "kiosk.toml")
    assert clock.monotonic() - started < 1
    assert "is not an ordinary file" in problems[0].message
    assert config.idle_s == 90


def test_a_device_is_not_read():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    config, problems = load_kiosk_config(Path("/dev/zero"))  # would never end
    assert "is not an ordinary file" in problems[0].message


def test_a_name_the_system_refuses(tmp_path):
    for path in (tmp_path / "a\0b", tmp_path / ("x" * 5000), tmp_path / "kiosk.toml" / "x"):
        config, problems = load_kiosk_config(path)
        assert problems[0].severity == "error" and config.idle_s == 90


def test_not_utf8(tmp_path):
    (tmp_path / "kiosk.toml").write_bytes(b"[kiosk]\n\ntheme = \"d\xe9faut\"\n")
    config, problems = load_kiosk_config(tmp_path / "kiosk.toml")
    problem = only(problems)
    assert (problem.line, problem.severity) == (3, "error")
    assert "is not UTF-8 text" in problem.message
    assert config.theme == "default"


def test_too_large(tmp_path):
    (tmp_path / "kiosk.toml").write_text("# " + "x" * MAX_FILE_BYTES + "\n")
    config, problems = load_kiosk_config(tmp_path / "kiosk.toml")
    assert "too large" in problems[0].message and config.idle_s == 90


def test_invalid_toml_gives_its_line(tmp_path):
    config, problems = load(tmp_path, "[kiosk]\nidle_seconds = 30\ntheme = blue\n")
    problem = only(problems)
    assert (problem.line, problem.severity) == (3, "error")
    assert "not valid TOML" in problem.message and "built-in settings" in problem.message
    assert config.idle_s == 90  # nothing of an invalid file is used


@pytest.mark.parametrize("nested", ["[" * 10000 + "]" * 10000, "{a = " * 10000 + "1" + "}" * 10000])
def test_deep_nesting_is_refused_quickly(tmp_path, nested):
    (tmp_path / "kiosk.toml").write_text("a = " + nested + "\n")
    started = clock.monotonic()
    config, problems = load_kiosk_config(tmp_path / "kiosk.toml")
    assert clock.monotonic() - started < 1
    assert "nested too deeply" in problems[0].message and config.idle_s == 90


def test_nesting_that_can_be_read_is_just_a_wrong_value(tmp_path):
    config, problems = load(tmp_path, "[kiosk]\ntreatments = [\"x\", " + "[" * 100 + "]" * 100
                            + "]\n")
    assert "a list is not a treatment name" in only(problems).message


def test_a_number_too_long_to_read(tmp_path):
    config, problems = load(tmp_path, "[kiosk]\nidle_seconds = " + "9" * 5000 + "\n")
    assert "not valid TOML" in problems[0].message and config.idle_s == 90


def test_thousands_of_mistakes_are_read_in_a_moment(tmp_path):
    entries = ", ".join(f'"x{i}"' for i in range(20000))
    keys = "\n".join(f"k{i} = 1" for i in range(5000))
    started = clock.monotonic()
    config, problems = load(tmp_path, f"[kiosk]\ntreatments = [{entries}]\n{keys}\n", TREATMENTS)
    assert clock.monotonic() - started < 2
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == f"... and {25002 - MAX_PROBLEMS} more problems like these"
    assert config.treatments is None


def test_any_mangled_example_still_gives_a_configuration(tmp_path):
    """Random damage to the example (lines swapped, cut, duplicated, characters changed):
    never an exception, always settings within their limits."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    chance = random.Random(20240605)
    pieces = ["=", "[", "]", "\"", "'", "#", "\n", "-1", "9" * 30, "nan", "[kiosk]", "{", ",",
              "\\", "true", "2024-01-01", "\x00", "é", "[[schedule]]", "]]"]
    for _ in range(300):
        mangled = list(lines)
        for _ in range(chance.randint(1, 4)):
            at = chance.randrange(len(mangled))
            line = mangled[at]
            cut = chance.randint(0, len(line))
            mangled[at] = chance.choice([
                line[:cut] + chance.choice(pieces) + line[cut:],
                line[:cut], mangled[chance.randrange(len(mangled))], ""])
        (tmp_path / "kiosk.toml").write_text("\n".join(mangled), encoding="utf-8")
        config, problems = load_kiosk_config(tmp_path / "kiosk.toml", TREATMENTS)
        assert 15 <= config.idle_s <= config.watching_s <= 3600
        assert 5 <= config.warning_s <= 120
        assert config.language in config.languages
        assert config.theme in ("default", "projector", "high-contrast")
        assert config.text_size in (100, 125, 150, 175, 200)
        assert config.schedule.days and config.schedule.days <= set(range(7))
        assert all(isinstance(text, str) and 0 < len(text) <= 120
                   for text in config.attract.values())
        assert config.treatments is None or set(config.treatments) <= TREATMENTS
        assert all(isinstance(p.line, (int, type(None))) for p in problems)


# --- sections, known only once the content is loaded ---------------------------------------------

def test_check_sections_drops_unknown_ones_with_their_line(tmp_path):
    config, _ = load(tmp_path, "[kiosk]\nsections = [\n  \"pain\",\n  \"bleedin\",\n]\n")
    checked, problems = check_sections(config, ["pain", "bleeding", "infection"])
    assert checked.sections == ("pain",)
    [problem] = problems
    assert (problem.file, problem.line, problem.severity) == (tmp_path / "kiosk.toml", 4, "error")
    assert problem.message == ("[kiosk] sections: 'bleedin' is not a section of the content "
                               "(did you mean 'bleeding'? known: bleeding, infection, pain); "
                               "it is left out")


def test_check_sections_with_none_left_shows_all(tmp_path):
    config, _ = load(tmp_path, "[kiosk]\nsections = [\"nothing\"]\n")
    checked, problems = check_sections(config, ["pain"])
    assert checked.sections is None
    assert problems[-1].message == ("[kiosk] sections lists no section of the content; using "
                                    "all sections instead")


def test_check_sections_without_a_list_or_a_file():
    assert check_sections(KioskConfig(), ["pain"]) == (KioskConfig(), [])
    checked, problems = check_sections(KioskConfig(sections=("x", "pain")), ["pain"])
    assert checked.sections == ("pain",) and problems[0].file == NO_FILE


# --- the schedule --------------------------------------------------------------------------------

MONDAY = datetime(2024, 6, 3)  # a Monday


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return MONDAY.replace(day=3 + day, hour=hour, minute=minute)


def test_always_is_always_open():
    assert all(ALWAYS.is_open(at(day, hour)) for day in range(7) for hour in range(24))


def test_office_hours():
    office = Schedule(frozenset(range(5)), time(8), time(18))
    assert not office.is_open(at(0, 7, 59))
    assert office.is_open(at(0, 8)) and office.is_open(at(4, 17, 59))
    assert not office.is_open(at(4, 18))
    assert not office.is_open(at(5, 12))  # Saturday


def test_open_across_midnight():
    nights = Schedule(frozenset({4}), time(20), time(2))  # Friday night
    assert not nights.is_open(at(4, 19, 59))
    assert nights.is_open(at(4, 20)) and nights.is_open(at(4, 23, 59))
    assert nights.is_open(at(5, 0)) and nights.is_open(at(5, 1, 59))  # Saturday's small hours
    assert not nights.is_open(at(5, 2)) and not nights.is_open(at(5, 20))
    assert not nights.is_open(at(4, 1))  # Friday's small hours belong to Thursday night
    sunday = Schedule(frozenset({6}), time(22), time(6))
    assert sunday.is_open(at(6, 23)) and sunday.is_open(datetime(2024, 6, 10, 5))  # Monday


def test_until_midnight_and_all_day():
    late = Schedule(frozenset({0}), time(8), time(0))  # closes = "24:00"
    assert late.is_open(at(0, 23, 59)) and not late.is_open(at(1, 0)) \
        and not late.is_open(at(0, 7))
    monday = Schedule(frozenset({0}), time(9), time(9))
    assert monday.is_open(at(0, 0)) and monday.is_open(at(0, 23)) and not monday.is_open(at(1, 9))


def test_a_moment_with_a_time_zone():
    from datetime import timezone
    office = Schedule(frozenset(range(5)), time(8), time(18))
    assert office.is_open(at(0, 9).replace(tzinfo=timezone.utc))


# --- no Qt ---------------------------------------------------------------------------------------

def test_the_kiosk_core_loads_no_qt():
    code = ("import sys\n"
            "from cryoviewer.kiosk import config, pin, schedule\n"
            "config.load_kiosk_config(config.Path('resources/kiosk/example.toml'))\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6', 'qtpy')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"
