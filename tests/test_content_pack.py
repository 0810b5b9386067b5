"""The content pack format: the built-in pack loads, and every kind of bad pack is explained."""

import pytest
from conftest import errors, only_error, section

from cryoviewer.content import PackError, check_pack, load_pack, load_with_fallback
from cryoviewer.files import MAX_FILE_BYTES
from cryoviewer.resources import builtin_content



def find_error(root, file_name, line, text):
    """The one error reported for a file and line containing a text (others may come with it)."""
    found = [p for p in errors(root)
             if p.file.name == file_name and p.line == line and text in p.message]
    assert len(found) == 1, [str(p) for p in errors(root)]
    return found[0]


def test_builtin_pack_is_valid():
    pack, problems = check_pack(builtin_content())
    assert problems == []
    assert pack.language == "en"
    assert [s.order for s in pack.sections] == sorted(s.order for s in pack.sections)
    assert len(pack.sections) >= 12


def test_valid_pack_loads_in_order(write_pack):
    root = write_pack(sections={
        "b.md": section("second", "Second", 20, "Text."),
        "a.md": section("first", "First", 10, "Text with a [link](#second)."),
    })
    pack = load_pack(root)
    assert [s.id for s in pack.sections] == ["first", "second"]
    assert pack.sections[0].body == "Text with a [link](#second)."
    assert pack.sections[0].body_line == 6


def test_step_slot_is_read(write_pack):
    root = write_pack(sections={"a.md": section("a", "A", 1, "Text.", step="liver-probe/freeze1")})
    assert load_pack(root).sections[0].step == "liver-probe/freeze1"


# -- the manifest ---------------------------------------------------------------------------------

def test_missing_folder(tmp_path):
    problem = only_error(tmp_path / "nowhere")
    assert "content folder not found" in problem.message


def test_missing_manifest(write_pack):
    root = write_pack()
    (root / "manifest.toml").unlink()
    problem = only_error(root)
    assert problem.file.name == "manifest.toml" and "file not found" in problem.message


def test_manifest_bad_toml_names_the_line(write_pack):
    root = write_pack(manifest='language = "en"\ntitle = "x\nsections = []\n')
    problem = only_error(root)
    assert problem.line == 2 and "not valid TOML" in problem.message


def test_manifest_unknown_and_missing_fields(write_pack):
    root = write_pack(manifest='language = "en"\nname = "x"\nsections = ["one.md"]\n',
                      sections={"one.md": section("one", "One", 1, "Text.")})
    messages = {(p.line, p.message) for p in errors(root)}
    assert (2, "unknown field 'name' (expected language, title, sections, still)") in messages
    assert (None, "field 'title' is missing") in messages


def test_manifest_bad_language(write_pack):
    root = write_pack(manifest='language = "English"\ntitle = "x"\nsections = ["one.md"]\n',
                      sections={"one.md": section("one", "One", 1, "Text.")})
    problem = only_error(root)
    assert problem.line == 1 and "language code" in problem.message


def test_manifest_sections_must_be_a_list(write_pack):
    root = write_pack(manifest='language = "en"\ntitle = "x"\nsections = "one.md"\n',
                      sections={"one.md": section("one", "One", 1, "Text.")})
    assert "list of file names" in only_error(root).message


def test_listed_file_missing(write_pack):
    root = write_pack()
    (root / "two.md").unlink()
    found = errors(root)
    assert any(p.file.name == "two.md" and p.message == "file not found" for p in found)


def test_section_outside_pack(write_pack):
    root = write_pack(manifest='language = "en"\ntitle = "x"\nsections = ["../secret.md"]\n',
                      sections={})
    problem = only_error(root)
    assert problem.line == 3 and "outside the pack folder" in problem.message


def test_unreadable_file(write_pack, monkeypatch):
    root = write_pack()
    original = type(root).read_bytes

    def refuse(path):
        if path.name == "two.md":
            raise PermissionError(13, "Permission denied")
        return original(path)

    monkeypatch.setattr(type(root), "read_bytes", refuse)
    find_error(root, "two.md", None, "cannot be read: Permission denied")


def test_folder_in_place_of_a_file(write_pack):
    root = write_pack()
    (root / "two.md").unlink()
    (root / "two.md").mkdir()
    find_error(root, "two.md", None, "is a folder")


def test_unlisted_file_is_a_warning(write_pack):
    root = write_pack(files={"stray.md": section("stray", "Stray", 9, "Text.")})
    pack, problems = check_pack(root)
    assert pack is not None
    assert [(p.file.name, p.severity) for p in problems] == [("stray.md", "warning")]


# -- the header -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, message", [
    ("no header\n", 1, "must start with a header"),
    ("---\nid: a\ntitle: A\norder: 1\n", 1, "header is not closed"),
    ("---\nid: a\ntitle A\norder: 1\n---\nText.\n", 3, "must read 'field: value', not 'title A'"),
    ("---\nid: a\ntitle: A\norder: 1\ncolour: red\n---\nText.\n", 5, "unknown header field 'colour'"),
    ("---\nid: a\ntitle: A\norder: 1\ntitle: B\n---\nText.\n", 5, "'title' is given twice (first on line 3)"),
    ("---\ntitle: A\norder: 1\n---\nText.\n", 1, "the header has no 'id' field"),
    ("---\nid: Big Id\ntitle: A\norder: 1\n---\nText.\n", 2, "field 'id' must use only lower-case"),
    ("---\nid: a\ntitle:\norder: 1\n---\nText.\n", 3, "field 'title' is empty"),
    ("---\nid: a\ntitle: A\norder: first\n---\nText.\n", 4, "'order' must be a whole number, not 'first'"),
    ("---\nid: a\ntitle: A\norder: 1\nstep: freeze\n---\nText.\n", 5, "field 'step' must read 'scenario/phase'"),
    ("---\nid: a\ntitle: A\norder: 1\n---\n\n  \n", 5, "no text below its header"),
])
def test_bad_header(write_pack, text, line, message):
    find_error(write_pack(sections={"a.md": text}), "a.md", line, message)


def test_duplicate_id_and_order(write_pack):
    root = write_pack(sections={
        "a.md": section("same", "A", 1, "Text."),
        "b.md": section("same", "B", 1, "Text."),
    })
    messages = [str(p) for p in errors(root)]
    assert any("b.md" in m and "id 'same' is already used by a.md" in m for m in messages)
    assert any("b.md" in m and "order '1' is already used by a.md" in m for m in messages)


# -- the file as a whole --------------------------------------------------------------------------

def test_wrong_encoding_names_the_line(write_pack):
    text = section("a", "A", 1, "First line.\nCaf\xe9 au lait.").encode("latin-1")
    problem = only_error(write_pack(sections={"a.md": text}))
    assert problem.line == 7 and "not UTF-8" in problem.message and "0xe9" in problem.message


def test_byte_order_mark_and_windows_line_ends_are_accepted(write_pack):
    text = ("\ufeff" + section("a", "A", 1, "Text.")).replace("\n", "\r\n").encode("utf-8")
    pack = load_pack(write_pack(sections={"a.md": text}))
    assert pack.sections[0].body == "Text."


def test_oversize_file(write_pack):
    big = section("a", "A", 1, "word " * (MAX_FILE_BYTES // 5 + 10))
    problem = only_error(write_pack(sections={"a.md": big}))
    assert "too large" in problem.message and "256 KB" in problem.message


# -- the body -------------------------------------------------------------------------------------

def test_link_to_missing_section_names_the_line(write_pack):
    body = "Line one.\n\nSee [the other part](#nowhere) for more."
    problem = only_error(write_pack(sections={"a.md": section("a", "A", 1, body)}))
    assert problem.line == 8
    assert problem.message == "link to a section that does not exist: '#nowhere'"


def test_link_to_a_file_is_refused(write_pack):
    body = "See [this](other.md)."
    assert "write links to sections as (#section-id)" in only_error(
        write_pack(sections={"a.md": section("a", "A", 1, body)})).message


@pytest.mark.parametrize("body", ["Some <b>bold</b> text.", "<div>\nText\n</div>",
                                  "Text <!-- hidden --> here.", '<img src="x.png">'])
def test_raw_html_is_refused(write_pack, body):
    find_error(write_pack(sections={"a.md": section("a", "A", 1, body)}), "a.md", 6,
               "HTML is not allowed")


def test_angle_brackets_in_code_and_prose_are_not_html(write_pack):
    body = "A temperature < 0 °C and > -40 °C. Write `<b>` to show a tag."
    assert load_pack(write_pack(sections={"a.md": section("a", "A", 1, body)}))


@pytest.mark.parametrize("target, message", [
    ("../outside.png", "is outside the pack folder"),
    ("/etc/passwd", "must be a file inside the pack folder"),
    ("https://example.org/x.png", "must be a file inside the pack folder"),
    ("images/missing.png", "not found in the pack folder"),
])
def test_bad_picture(write_pack, tmp_path, target, message):
    (tmp_path / "outside.png").write_bytes(b"png")
    body = f"Look:\n\n![a probe]({target})"
    problem = only_error(write_pack(sections={"a.md": section("a", "A", 1, body)}))
    assert problem.line == 8 and message in problem.message


def test_picture_inside_pack_is_accepted(write_pack):
    root = write_pack(sections={"a.md": section("a", "A", 1, "![a probe](images/probe.png)")},
                      files={"images/probe.png": b"png"})
    assert load_pack(root)


def test_web_link_is_only_a_warning(write_pack):
    root = write_pack(sections={"a.md": section("a", "A", 1, "See [this](https://example.org).")})
    pack, problems = check_pack(root)
    assert pack is not None
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert "will never open" in str(problems[0]) and str(problems[0]).startswith(str(root / "a.md"))


# -- falling back ---------------------------------------------------------------------------------

def test_broken_pack_falls_back_to_builtin(write_pack):
    root = write_pack(sections={"a.md": "no header"})
    pack, problems = load_with_fallback(root, builtin_content())
    assert pack.root == builtin_content()
    assert problems and problems[0].file.name == "a.md"


def test_good_pack_is_used(write_pack):
    root = write_pack()
    pack, problems = load_with_fallback(root, builtin_content())
    assert pack.root == root and problems == []


def test_load_pack_raises_with_every_problem(write_pack):
    root = write_pack(sections={"a.md": "no header", "b.md": section("b", "", 2, "x")})
    with pytest.raises(PackError) as caught:
        load_pack(root)
    assert "2 problem(s)" in str(caught.value)
    assert "a.md, line 1" in str(caught.value) and "b.md, line 3" in str(caught.value)
