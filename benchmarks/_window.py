"""Shared by the interface benchmarks: the main window as the tests build it (offscreen, built-in
pack, 1920 × 1080), with throw-away settings so a run neither reads nor changes the viewer's."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# before anything imports Qt; and preferences in a folder of the run's own
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="cryoviewer-bench-config-")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SCENARIOS = ("skin-spray", "skin-probe", "liver-probe", "large-tumour")
_settings = tempfile.TemporaryDirectory(prefix="cryoviewer-bench-")


def make_app():
    """The application as the benchmarks run it: offscreen, themed, with throw-away settings
    and preferences (a run neither reads nor changes the viewer's)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cryoviewer.ui import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("CryoViewerBenchmarks")
    app.setApplicationName("CryoViewerBenchmarks")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, _settings.name)
    theme.install(app)
    return app


def scratch_folder() -> Path:
    """A folder of this run's own, gone when it ends."""
    return Path(_settings.name)


def make_window(size=(1920, 1080), theme_name="default", kept_runs=False):
    """(app, window): the window shown, on the built-in pack, in a theme; with `kept_runs`, as
    the viewer starts (runs kept between starts in $XDG_CACHE_HOME), else computing them."""
    from cryoviewer.app import make_preparer
    from cryoviewer.content import load_pack
    from cryoviewer.resources import builtin_content, resources_root
    from cryoviewer.session import Session, View
    from cryoviewer.ui.preparation import Preparer
    from cryoviewer.ui.window import MainWindow

    app = make_app()
    window = MainWindow(load_pack(builtin_content()), Session(View(theme=theme_name)),
                        make_preparer() if kept_runs else Preparer(resources_root() / "scenarios"))
    window.resize(*size)
    window.show()
    return app, window


def show_complete(app, diagram, scenario_id: str, timeout: float = 300.0) -> None:
    """Show a scenario and wait until its whole run is computed and its first moment drawn."""
    diagram.show_step(scenario_id, None)
    deadline = time.perf_counter() + timeout
    while True:
        run = diagram.preparer.runs.get(scenario_id)
        if run is not None and run.complete:
            break
        if time.perf_counter() > deadline or scenario_id in diagram.preparer.errors:
            raise RuntimeError(f"{scenario_id}: the run did not complete")
        app.processEvents()
        time.sleep(0.01)
    if not diagram.wait_until_drawn():
        raise RuntimeError(f"{scenario_id}: not drawn")
    app.processEvents()
