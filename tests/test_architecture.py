"""The architecture, checked: the import contracts in pyproject.toml ([tool.importlinter]) and,
at run time, a core that loads no Qt; the canary for the PySide6 pin."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cryoviewer"
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "qtpy")


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    """Run import-linter (the `test` extra) on the package and pyproject.toml in `folder`."""
    script = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.fail("lint-imports not found beside the interpreter: pip install '.[test]'")
    environment = dict(os.environ, COLUMNS="200", NO_COLOR="1")  # unwrapped, plain report
    return subprocess.run([script, "--no-cache", "--no-logo"], cwd=folder, env=environment,
                          capture_output=True, text=True)


def test_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_broken_contract_fails_the_check(tmp_path):
    """The same contracts, on a copy of the package with a core module that imports Qt and a
    scenario: the check must fail and name both."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(PACKAGE, tmp_path / "cryoviewer",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "cryoviewer" / "physics" / "stray.py").write_text(
        "import pyqtgraph\nfrom ..scenario import Simulation\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout
    assert "2 broken" in report
    assert "cryoviewer.physics.stray -> pyqtgraph" in report
    assert "cryoviewer.physics.stray -> cryoviewer.scenario" in report


def test_loading_content_leaves_qt_unloaded():
    """What the contracts cannot see: imports made at run time (importlib, a dependency's own
    imports). Loading the content and running a treatment must leave Qt unloaded."""
    code = textwrap.dedent("""
        import sys
        from cryoviewer.content import load_pack
        from cryoviewer.resources import builtin_content
        from cryoviewer.scenario import Simulation, load_scenario
        from cryoviewer.resources import resources_root
        load_pack(builtin_content())
        Simulation(load_scenario(resources_root() / "scenarios" / "skin-spray.toml")).run()
        print(sorted(m for m in sys.modules if m.split('.')[0] in %r))
    """ % (QT_MODULES,))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_none_refcount_canary():
    """PySide6 6.12.0 on CPython 3.11 loses a reference to None on every Qt call that returns
    nothing, and the process aborts. Run 10,000 such calls in a child process: it must survive
    and leave None's reference count where it was."""
    code = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        def calls(n):
            for _ in range(n):
                label.setToolTip("x")
        calls(10)
        before = sys.getrefcount(None)
        calls(10_000)
        print(sys.getrefcount(None) - before)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"the Qt process crashed: {result.stderr[-500:]}"
    assert int(result.stdout.strip()) == 0
