"""The physics validation: every check against exact solutions and measurements passes."""

import pytest

from cryoviewer import validation as validate


@pytest.fixture(scope="module")
def checks():
    return validate.run_checks()


def test_every_check_passes(checks):
    failed = [f"{c.case}: expected {c.expected}, got {c.got} ({c.error})"
              for c in checks if not c.passed]
    assert not failed, failed


def test_the_required_checks_are_all_there(checks):
    cases = " ".join(c.case for c in checks)
    for needed in ("Neumann", "Grid convergence", "Line heat sink", "Steady sphere",
                   "Steady cylinder", "Energy balance", "Second freeze", "one 2.4 mm probe",
                   "−40 °C edge", "merge", "halo"):
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
