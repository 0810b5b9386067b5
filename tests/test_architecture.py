"""The core (content, physics, scenario) must work without Qt; the canary for the PySide6 pin."""

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cryoviewer"
CORE = ("content", "physics", "scenario")
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "qtpy")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


CORE_FILES = ("files.py", "resources.py")  # shared by the core packages


@pytest.mark.parametrize("package", CORE + CORE_FILES)
def test_core_modules_do_not_import_qt(package):
    target = PACKAGE / package
    paths = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    assert paths and all(p.exists() for p in paths), f"nothing to check at {target}"
    for path in paths:
        qt = {m for m in imported_modules(path) if m.split(".")[0] in QT_MODULES}
        assert not qt, f"{path.relative_to(PACKAGE)} imports {sorted(qt)}"


def test_the_check_finds_a_qt_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from PySide6.QtCore import QObject\nimport numpy\n")
    assert "PySide6.QtCore" in imported_modules(module)


def test_loading_content_leaves_qt_unloaded():
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
                            cwd=PACKAGE.parent, check=True)
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
