"""The physics validation: every check against exact solutions and measurements passes."""

import pytest

from cryoviewer import validation as validate


@pytest.fixture(scope="module")
def checks():
    return validate.run_checks(["exact", "skin"])


# What each group must hold (issue 12's rows among them).
NEEDED = {
    "exact": ("Neumann", "Grid convergence", "Line heat sink", "Steady sphere",
              "Steady cylinder"),
    "liver": ("Energy balance", "Second freeze"),
    "agar-one-probe": ("0 °C ice ball", "−30 °C zone", "1.7 mm probe"),
    "agar-probes": ("merge", "2 probes", "3 probes", "4 probes"),
    "skin": ("halo",),
    **{f"scene-{name}": (f"Scene {name}", f"Thaw {name}") for name in validate.SCENES},
}


def test_every_group_is_checked():
    assert set(NEEDED) == set(validate.GROUPS)


@pytest.mark.parametrize("group", list(validate.GROUPS))
def test_every_check_passes(group):
    """Each group apart, so that the slow ones (three dimensions, whole treatments) run side
    by side."""
    checks = validate.run_checks([group])
    failed = [f"{c.case}: expected {c.expected}, got {c.got} ({c.error})"
              for c in checks if not c.passed]
    assert not failed, failed
    cases = " ".join(c.case for c in checks)
    for needed in NEEDED[group]:
        assert needed in cases, needed


def test_a_failing_check_fails():
    assert not validate.relative("x", 10.0, 11.0, 0.05, "mm").passed
    assert validate.relative("x", 10.0, 10.4, 0.05, "mm").passed


def test_table_and_plots(checks, tmp_path, qapp, monkeypatch, capsys):
    monkeypatch.setattr(validate, "run_checks", lambda: checks)
    assert validate.main(["--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:4] == ["case", "expected", "got", "error"]
    assert f"{len(checks)} passed, 0 failed" in out
    pngs = list(tmp_path.glob("*.png"))
    assert len(pngs) == sum(c.plot is not None for c in checks)
    assert all(p.stat().st_size > 10_000 for p in pngs)


def test_a_skin_thaw_cut_short_fails(tmp_path):
    """The thaw row can fail: a skin spot frozen again after one minute still holds ice."""
    from cryoviewer.resources import resources_root
    from cryoviewer.scenario import Simulation, load_scenario

    folder = resources_root() / "scenarios"
    text = (folder / "skin-spray.toml").read_text(encoding="utf-8")
    short = tmp_path / "skin-spray.toml"
    short.write_text(text.replace("thaw_s = [360, 390]", "thaw_s = [60, 390]"), encoding="utf-8")
    run = Simulation(load_scenario(short, folder / "materials.toml")).run()
    check = validate._check_thaw("skin-spray", run)
    assert not check.passed
    assert "each thaw" in check.expected


def test_markdown_table_for_the_readme(checks, monkeypatch, capsys):
    monkeypatch.setattr(validate, "run_checks", lambda: checks)
    assert validate.main(["--markdown", "--no-plots"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["| case | expected | got | error |", "|---|---|---|---|"]
    rows = [line for line in lines if line.startswith("| ") and line != lines[0]]
    assert len(rows) == len(checks)
    assert all(line.count(" | ") == 3 for line in rows)   # a "|" in a cell is escaped
