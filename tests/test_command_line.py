"""The command line: screenshots, checking a pack, and clear messages for wrong options."""

import subprocess
import sys

from conftest import ROOT, section

from cryoviewer.app import main


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def test_screenshot_writes_a_png_of_the_requested_size(tmp_path):
    from PySide6.QtGui import QImage

    target = tmp_path / "shot.png"
    result = run("--screenshot", str(target), "--section", "pain", "--size", "1280x720")
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1280, 720)


def test_screenshot_of_unknown_section_fails_clearly(tmp_path):
    result = run("--screenshot", str(tmp_path / "x.png"), "--section", "nope")
    assert result.returncode == 2
    assert "There is no section 'nope'" in result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_size_is_explained():
    result = run("--screenshot", "x.png", "--size", "big")
    assert result.returncode == 2
    assert "'big' is not a size such as 1920x1080" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_pack_on_the_command_line_still_gives_a_window(tmp_path, write_pack):
    root = write_pack(sections={"a.md": section("a", "A", 1, "See [x](#missing).")})
    result = run("--content", str(root), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 0
    assert f"The content in {root} cannot be used; showing the built-in content." in result.stderr
    assert "a.md, line 6: link to a section that does not exist: '#missing'" in result.stderr


def test_check_content_passes_the_builtin_pack(capsys):
    assert main(["--check-content"]) == 0
    out = capsys.readouterr().out
    assert "14 sections in 'en'" in out and "0 section(s) too hard to read" in out


def test_check_content_lists_problems(write_pack, capsys):
    root = write_pack(sections={"a.md": section("a", "A", "one", "Text.")})
    assert main(["--check-content", str(root)]) == 1
    out = capsys.readouterr().out
    assert "a.md, line 4: field 'order' must be a whole number, not 'one'" in out


def test_check_content_flags_hard_text(write_pack, capsys):
    hard = ("Cryosurgical ablation utilises extreme hypothermia, administered percutaneously "
            "through cryoprobes, to precipitate intracellular crystallisation.")
    root = write_pack(sections={"a.md": section("a", "A", 1, hard)})
    assert main(["--check-content", str(root)]) == 1
    assert "above grade 8" in capsys.readouterr().out


def test_screenshot_at_a_moment_shows_that_moment(tmp_path):
    from PySide6.QtGui import QImage

    shots = {}
    for at in ("freeze2:0.5", "prepare"):
        shots[at] = tmp_path / f"{at.replace(':', '_')}.png"
        result = run("--screenshot", str(shots[at]), "--section", "inside-the-body",
                     "--at", at)
        assert result.returncode == 0, result.stderr
    frozen, before = (QImage(str(shots[at])) for at in ("freeze2:0.5", "prepare"))
    assert frozen.size() == before.size() and frozen != before  # the ice ball is there


def test_at_names_an_unknown_phase_clearly(tmp_path):
    result = run("--screenshot", str(tmp_path / "x.png"), "--section", "pain", "--at", "insert")
    assert result.returncode == 2
    assert "has no phase 'insert'" in result.stderr and "freeze1" in result.stderr
    result = run("--screenshot", str(tmp_path / "x.png"), "--at", "freeze2:1.5")
    assert result.returncode == 2 and "a fraction from 0 to 1" in result.stderr
    assert "Traceback" not in result.stderr


def _clinic_pack(write_pack, treatment: str):
    """A pack carrying its own treatment: the liver protocol with three cycles."""
    from cryoviewer.resources import resources_root

    root = write_pack()
    (root / "scenarios").mkdir()
    text = (resources_root() / "scenarios" / "liver-probe.toml").read_text(encoding="utf-8")
    text = text.replace('id = "liver-probe"', f'id = "{treatment}"').replace(
        "cycles = 2", "cycles = 3").replace('thaw = ["passive", "active"]',
                                            'thaw = ["passive", "passive", "active"]').replace(
        "thaw_s = [480, 120]", "thaw_s = [480, 480, 120]")
    (root / "scenarios" / f"{treatment}.toml").write_text(text, encoding="utf-8")
    return root


def test_a_pack_may_carry_its_own_treatment(write_pack, capsys):
    from cryoviewer.app import check_content

    root = _clinic_pack(write_pack, "clinic-liver")
    assert check_content(root) == 0
    assert "clinic-liver.toml" in capsys.readouterr().out


def test_a_pack_treatment_with_problems_is_reported(write_pack, capsys):
    from cryoviewer.app import check_content

    root = _clinic_pack(write_pack, "clinic-liver")
    path = root / "scenarios" / "clinic-liver.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("cycles = 3", "cycles = \"many\""),
                    encoding="utf-8")
    assert check_content(root) == 1
    out = capsys.readouterr().out
    assert "clinic-liver.toml, line" in out and "cycles" in out


def test_the_window_offers_a_pack_treatment_beside_the_built_in_ones(write_pack, qtbot,
                                                                    themed_app):
    from cryoviewer.app import create_window
    from cryoviewer.session import Session

    root = _clinic_pack(write_pack, "clinic-liver")
    window = create_window(root, None, Session(), report_dialog=False)
    qtbot.addWidget(window)
    buttons = window.diagram.scene_buttons
    assert "clinic-liver" in buttons and "liver-probe" in buttons
    assert [p.id for p in window.diagram.preparer.phases("clinic-liver")].count("freeze3") == 1
    window.diagram.shutdown()


def test_a_pack_treatment_whose_id_is_not_its_file_name_is_reported(write_pack, capsys):
    from cryoviewer.app import check_content

    root = _clinic_pack(write_pack, "clinic-liver")
    (root / "scenarios" / "clinic-liver.toml").rename(root / "scenarios" / "other.toml")
    assert check_content(root) == 1
    assert "must be its file name" in capsys.readouterr().out


def test_a_section_may_show_the_pack_treatment(write_pack, capsys):
    from conftest import section

    from cryoviewer.app import check_content
    from cryoviewer.content import check_pack

    root = _clinic_pack(write_pack, "clinic-liver")
    (root / "one.md").write_text(section("one", "One", 1, "The third freeze.",
                                         step="clinic-liver/freeze3"), encoding="utf-8")
    pack, problems = check_pack(root)
    assert pack is not None, problems
    assert check_content(root) == 0
    (root / "one.md").write_text(section("one", "One", 1, "A fourth freeze.",
                                         step="clinic-liver/freeze4"), encoding="utf-8")
    assert check_pack(root)[0] is None
