"""Whatever bytes a pack holds: limits checked, what it names exists, every check linear-time."""

import os
import time

import pytest
from conftest import errors, only_error, section

from cryoviewer.content import check_pack, load_pack, load_with_fallback
from cryoviewer.content.readability import measure
from cryoviewer.content.section_file import paragraph_blocks
from cryoviewer.content.treatments import builtin_treatments
from cryoviewer.resources import builtin_content, resources_root


def manifest(*names):
    return 'language = "en"\ntitle = "x"\nsections = [' + ", ".join(names) + "]\n"


# -- names and links in the file system ------------------------------------------------------

@pytest.mark.parametrize("name, message", [
    ('"a\\u0000b.md"', "control character"),
    ('"' + "n" * 300 + '.md"', "the limit is 100"),
    ('"sub/one.md"', "may not hold"),
    ('"../one.md"', "outside the pack folder"),
    ('"/etc/passwd"', "outside the pack folder"),
    ('"one.txt"', "must end in .md"),
    ('"one.md", "one.md"', "listed twice"),
])
def test_bad_section_names_are_named(write_pack, name, message):
    root = write_pack(manifest=manifest(name), sections={"one.md": section("one", "1", 1, "x")})
    problem = only_error(root)
    assert problem.file.name == "manifest.toml" and problem.line == 3
    assert message in problem.message


def two_sections(write_pack, **files):
    return write_pack(sections={"one.md": section("one", "One", 1, "Text."),
                                "two.md": section("two", "Two", 2, "Text.")}, **files)


def test_a_link_that_loops_is_a_problem(write_pack):
    root = two_sections(write_pack)
    (root / "two.md").unlink()
    os.symlink("two.md", root / "two.md")
    problem = only_error(root)
    assert problem.file.name == "two.md" and "leads back to itself" in problem.message


def test_a_link_out_of_the_pack_is_refused(write_pack, tmp_path):
    root = two_sections(write_pack)
    (tmp_path / "elsewhere.md").write_text(section("two", "Two", 2, "Text."), encoding="utf-8")
    (root / "two.md").unlink()
    os.symlink(tmp_path / "elsewhere.md", root / "two.md")
    assert "outside the pack folder" in only_error(root).message


def test_a_link_inside_the_pack_is_followed(write_pack):
    root = write_pack(files={"real/two.md": section("two", "Two", 2, "Text.")})
    (root / "two.md").unlink()
    os.symlink("real/two.md", root / "two.md")
    assert load_pack(root)


@pytest.mark.parametrize("text", ["x = " + "[" * 5000 + "]" * 5000,
                                  "x = " + "{a=" * 5000 + "1" + "}" * 5000])
def test_deeply_nested_toml_is_a_problem(write_pack, text):
    root = write_pack(files={"captions.toml": "[liver-probe]\nheal = 'x'\n" + text + "\n"})
    problem = only_error(root)
    assert problem.file.name == "captions.toml" and problem.line == 3
    assert "nested more than" in problem.message


@pytest.mark.parametrize("data, message", [(b"\0", "control character"),
                                           (b"\xff", "not UTF-8")])
def test_damaged_bytes_are_named(write_pack, data, message):
    text = section("two", "Two", 2, "Text.").encode() + data
    root = write_pack(sections={"one.md": section("one", "1", 1, "x"), "two.md": text})
    assert message in only_error(root).message


def test_a_huge_line_is_a_problem(write_pack):
    root = write_pack(sections={"one.md": section("one", "1", 1, "word" * 3000)})
    problem = only_error(root)
    assert problem.line == 6 and "the limit is 10,000" in problem.message


def test_each_problem_is_reported_once_and_a_flood_is_cut_short(write_pack):
    body = "[x](#nowhere) " * 500 + "\n\n" + "\n\n".join(["[y](#gone)"] * 100)
    root = write_pack(sections={"one.md": section("one", "1", 1, body)})
    found = errors(root)
    assert len(found) == len(set(found)) <= 21
    assert "more problem(s) in this file" in found[-1].message


# -- pictures -----------------------------------------------------------------------------------

@pytest.mark.parametrize("form", [
    "![x]({p})", "![x]({p} 'title')", '![x]({p} "title")', "![x]({p} (title))",
    "![x](<{p}>)", "![x](<{d}/with space.png>)", "![a [b] c]({p})",
    "![x][img]\n\n[img]: {p}", "![img]\n\n[img]: {p}", "![x](file://{p})", "![x](\n{p})",
    "[![x]({p})](#one)", "![x](%2F{q})", "![x](&#47;{q})", "![x](images/../../outside.png)",
])
def test_every_form_of_an_outside_picture_is_refused(write_pack, tmp_path, form):
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"png")
    (tmp_path / "with space.png").write_bytes(b"png")
    quoted = str(outside).lstrip("/").replace("/", "%2F" if "%2F" in form else "&#47;")
    body = "Look:\n\n" + form.format(p=outside, d=tmp_path, q=quoted)
    root = write_pack(sections={"one.md": section("one", "1", 1, body)},
                      files={"images/probe.png": b"png"})
    problem = only_error(root)
    assert problem.line in (8, 9, 10) and "picture" in problem.message


@pytest.mark.parametrize("target, message", [("images/missing.png", "not found"),
                                             ("manifest.toml", "not a picture file"),
                                             ("images/probe.png?x=1", "may not hold")])
def test_a_picture_must_be_an_existing_picture_file(write_pack, target, message):
    root = write_pack(sections={"one.md": section("one", "1", 1, f"![x]({target})")},
                      files={"images/probe.png": b"png"})
    assert message in only_error(root).message


@pytest.mark.parametrize("form", ["![x](images/probe.png)", "![x](<images/probe.png>)",
                                  "![x](images/probe.png 'a probe')",
                                  "![x][p]\n\n[p]: images/probe.png",
                                  "![a [nested] alt](images/probe.png)"])
def test_a_picture_inside_the_pack_is_resolved_for_the_reader(write_pack, form):
    root = write_pack(sections={"one.md": section("one", "1", 1, form)},
                      files={"images/probe.png": b"png"})
    found = load_pack(root).sections[0]
    assert found.folder == root.resolve() and found.folder.is_absolute()
    assert dict(found.pictures) == {"images/probe.png": root.resolve() / "images/probe.png"}


# -- links ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["[x][r]\n\n[r]: #nowhere", "[x](#)", "[x]()",
                                  "[x](file:///etc/passwd)", "[x](<#nowhere>)"])
def test_bad_links_are_refused(write_pack, body):
    root = write_pack(sections={"one.md": section("one", "1", 1, body)})
    assert "link" in only_error(root).message


@pytest.mark.parametrize("body", ["See <https://example.org>.", "See https://example.org/a.",
                                  "See www.example.org.", "[x][w]\n\n[w]: http://e.org",
                                  "Mail [us](mailto:a@b.org).", "Write to a@example.org."])
def test_every_web_link_is_a_warning(write_pack, body):
    pack, problems = check_pack(write_pack(sections={"one.md": section("one", "1", 1, body)}))
    assert pack is not None
    assert [p.severity for p in problems] == ["warning"] and "never open" in problems[0].message


@pytest.mark.parametrize("body", ["Text <span\nclass='x'>here</span>.", "<img\nsrc='a.png'>",
                                  "<!--\nhidden -->"])
def test_html_over_two_lines_is_refused(write_pack, body):
    assert "HTML is not allowed" in only_error(
        write_pack(sections={"one.md": section("one", "1", 1, body)})).message


# -- steps and captions ---------------------------------------------------------------------------

@pytest.mark.parametrize("step, message", [("skin-spray/insert", "skin-spray has no step"),
                                           ("liver-probe/thaw3", "liver-probe has no step"),
                                           ("kidney/freeze1", "no treatment 'kidney'")])
def test_a_step_must_exist(write_pack, step, message):
    root = write_pack(sections={"one.md": section("one", "1", 1, "Text.", step=step)})
    problem = only_error(root)
    assert problem.line == 5 and message in problem.message


def test_paragraph_steps_must_exist(write_pack):
    text = "---\nid: one\ntitle: 1\norder: 1\nstep: skin-spray/freeze1\nparagraphs: insert\n---\nx\n"
    problem = only_error(write_pack(sections={"one.md": text}))
    assert problem.line == 6 and "has no step 'insert'" in problem.message


@pytest.mark.parametrize("captions, message", [
    ('[kidney]\nheal = "x"\n', "no such treatment"),
    ('[skin-spray]\ninsert = "x"\n', "skin-spray has no step 'insert'"),
    ('[liver-probe]\nfreeze3 = "x"\n', "has no step 'freeze3'"),
])
def test_captions_must_name_known_treatments_and_steps(write_pack, captions, message):
    problem = only_error(write_pack(files={"captions.toml": captions}))
    assert problem.file.name == "captions.toml" and message in problem.message


def test_still_must_exist(write_pack):
    root = write_pack(manifest=manifest('"one.md"') + 'still = "skin-spray/remove"\n',
                      sections={"one.md": section("one", "1", 1, "x")})
    assert "skin-spray has no step 'remove'" in only_error(root).message


def test_treatments_match_the_scenario_protocols():
    from cryoviewer.scenario import load_scenario

    treatments = builtin_treatments()
    for path in (resources_root() / "scenarios").glob("*.toml"):
        if path.name == "materials.toml":
            continue
        scenario = load_scenario(path)
        assert treatments[scenario.id] == tuple(p.id for p in scenario.protocol.phases())


# -- linear time ----------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", ["[", "](", "![", "[a](", "<a ", "!", "\\", "a@b.", "]]", "`"])
def test_a_256_kb_line_is_checked_in_under_a_second(write_pack, unit):
    line = (unit * 250_000)[:250_000]
    root = write_pack(sections={"one.md": section("one", "1", 1, line)})
    start = time.perf_counter()
    pack, problems = check_pack(root)
    measure(line)
    paragraph_blocks(line)
    assert time.perf_counter() - start < 1.0
    assert pack is None


def test_many_short_lines_are_checked_in_linear_time(write_pack):
    body = "a\n" * 120_000
    start = time.perf_counter()
    assert len(paragraph_blocks(body)) == 1
    measure(body)
    assert time.perf_counter() - start < 1.0


def test_a_broken_pack_still_starts_the_viewer(write_pack):
    root = write_pack()
    (root / "one.md").unlink()
    os.symlink("one.md", root / "one.md")
    pack, problems = load_with_fallback(root, builtin_content())
    assert pack.root == builtin_content() and problems
