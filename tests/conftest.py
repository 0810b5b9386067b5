"""Shared fixtures: offscreen Qt, fresh settings for every test, windows that close themselves."""

import os

# Before anything imports Qt: draw off screen, on a screen the size of a kiosk's (the
# platform's own default, 800 × 800, would lose taps on the right of a 1366-pixel window).
_SCREEN = os.path.join(os.path.dirname(__file__), "data", "offscreen.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory):
    """Computed runs kept by the viewers the tests start go to a folder of the test session's,
    never to the user's cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path, request):
    """Every test starts from default preferences, kept in its own temporary folder."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("CryoViewerTests")
    QCoreApplication.setApplicationName("CryoViewerTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    # The preferences file (ui/preferences.py) is in the configuration folder: the test's own.
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    from cryoviewer.ui.touch import forget_taps

    forget_taps()  # a tap in one test is never the first half of a double tap in the next
    yield
    from PySide6.QtWidgets import QApplication, QScroller

    from cryoviewer.ui import theme
    from cryoviewer.ui.palette import DEFAULT

    for scroller in QScroller.activeScrollers():  # no fling outlives its test
        scroller.stop()
    from cryoviewer.ui import translation

    translation.install("en")  # a test in French leaves the next one in English
    if QApplication.instance() is not None and QApplication.instance().styleSheet():
        theme.apply(QApplication.instance(), DEFAULT, 18)  # the next test starts at 100 %


@pytest.fixture
def themed_app(qapp):
    from cryoviewer.ui import theme

    theme.install(qapp)
    return qapp


@pytest.fixture(scope="session")
def computed_runs():
    """Every built-in treatment's run, computed once for the whole test session: windows are
    given these instead of starting solver threads."""
    from cryoviewer.resources import resources_root
    from cryoviewer.scenario import Simulation, load_scenario

    folder = resources_root() / "scenarios"
    return {name: Simulation(load_scenario(folder / f"{name}.toml")).run()
            for name in ("skin-spray", "skin-probe", "liver-probe", "large-tumour")}


@pytest.fixture
def make_window(qtbot, themed_app, computed_runs):
    """Build a shown main window on a pack (the built-in one by default), with a fresh session
    and the computed runs (runs={} makes it compute on worker threads); closed after the test."""
    from cryoviewer.content import load_pack
    from cryoviewer.resources import builtin_content, resources_root
    from cryoviewer.session import Session
    from cryoviewer.ui.preparation import Preparer
    from cryoviewer.ui.window import MainWindow

    made = []

    def make(pack=None, size=(1366, 768), session=None, runs=None):
        preparer = Preparer(resources_root() / "scenarios",
                            computed_runs if runs is None else runs)
        window = MainWindow(pack or load_pack(builtin_content()), session or Session(), preparer)
        qtbot.addWidget(window)
        made.append(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    # Closed is not gone: without this, every test's window would live on, and each later
    # change of the application's style sheet would restyle all of them.
    from PySide6.QtCore import QCoreApplication, QEvent

    for window in made:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def write_pack(tmp_path):
    """Write a small content pack into a temporary folder and return its path.

    sections maps a file name to its text (str) or raw bytes; manifest overrides the manifest's
    text. Defaults give a valid two-section pack.
    """

    def write(sections=None, manifest=None, files=None):
        root = tmp_path / "pack"
        root.mkdir(exist_ok=True)
        sections = sections if sections is not None else {
            "one.md": section("one", "One", 1, "The first part. See [two](#two)."),
            "two.md": section("two", "Two", 2, "The second part."),
        }
        if manifest is None:
            names = ", ".join(f'"{name}"' for name in sections)
            manifest = f'language = "en"\ntitle = "Test pack"\nsections = [{names}]\n'
        (root / "manifest.toml").write_text(manifest, encoding="utf-8")
        for name, text in {**sections, **(files or {})}.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return root

    return write


def section(id_, title, order, body, step=None):
    """The text of a section file."""
    lines = ["---", f"id: {id_}", f"title: {title}", f"order: {order}"]
    if step:
        lines.append(f"step: {step}")
    return "\n".join(lines + ["---", body, ""])


def errors(root):
    """The errors for which a content pack is refused."""
    from cryoviewer.content import check_pack

    pack, problems = check_pack(root)
    assert pack is None, "the pack should have been refused"
    return [p for p in problems if p.severity == "error"]


def only_error(root):
    found = errors(root)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]

