"""Naming the system libraries Qt's display plugin needs before Qt aborts without them
(cryoviewer.display_check), with the library finder replaced by a test's own."""

import ast
import sys
from pathlib import Path

import pytest

from cryoviewer import display_check
from cryoviewer.display_check import (NEEDED, PACKAGES, advice, loadable,
                                      missing_display_libraries, qt_platform)

XCB = "libxcb-cursor.so.0"


def finder_without(*absent):
    """A finder that finds every library but `absent`, and remembers what it was asked."""
    asked = []

    def find(soname):
        asked.append(soname)
        return soname not in absent

    find.asked = asked
    return find


@pytest.mark.parametrize("env, expected", [
    ({}, "xcb"),                                             # a bare X11 machine
    ({"DISPLAY": ":0"}, "xcb"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "wayland"),           # Qt 6 prefers Wayland
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "xcb"),
    ({"QT_QPA_PLATFORM": "xcb:nograb"}, "xcb"),
    ({"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-1"}, "wayland"),  # cage
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "xcb"),             # no compositor: the fallback
    ({"QT_QPA_PLATFORM": "wayland-egl;xcb", "WAYLAND_DISPLAY": "w"}, "wayland"),
    ({"QT_QPA_PLATFORM": "wayland"}, None),                  # nothing in the list can work
    ({"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),
    ({"QT_QPA_PLATFORM": "offscreen:configfile=/x.json"}, "offscreen"),
    ({"QT_QPA_PLATFORM": "eglfs"}, "eglfs"),
    ({"QT_QPA_PLATFORM": " ; xcb"}, "xcb"),
])
def test_which_plugin_qt_will_use(env, expected):
    assert qt_platform("linux", env) == expected


@pytest.mark.parametrize("platform", ["win32", "darwin", "cygwin"])
def test_only_linux_is_checked(platform):
    find = finder_without(*PACKAGES)
    assert qt_platform(platform, {}) is None
    assert missing_display_libraries(platform, {}, find) == []
    assert find.asked == []


def test_x11_without_libxcb_cursor():
    missing = missing_display_libraries("linux", {"DISPLAY": ":0"}, finder_without(XCB))
    assert missing == [XCB]


def test_x11_asks_for_the_xcb_family():
    find = finder_without()
    assert missing_display_libraries("linux", {}, find) == []
    assert find.asked[:3] == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert set(find.asked) == set(NEEDED["xcb"])


def test_a_bare_machine_misses_three():
    find = finder_without("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    assert missing_display_libraries("linux", {}, find) == [
        "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_wayland_does_not_need_the_xcb_libraries():
    find = finder_without(*NEEDED["xcb"])
    env = {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"}
    assert missing_display_libraries("linux", env, find) == []
    assert set(find.asked) == set(NEEDED["wayland"])


def test_wayland_needs_libwayland_cursor():
    """Measured: Qt's Wayland plugin in the PySide6 wheels links libwayland-cursor.so.0, which
    installing cage does not bring (Debian 12)."""
    env = {"WAYLAND_DISPLAY": "wayland-0"}
    assert missing_display_libraries("linux", env, finder_without("libwayland-cursor.so.0")) \
        == ["libwayland-cursor.so.0"]


@pytest.mark.parametrize("env", [{"QT_QPA_PLATFORM": "offscreen"},
                                 {"QT_QPA_PLATFORM": "minimal"},
                                 {"QT_QPA_PLATFORM": "wayland"}])
def test_other_plugins_are_not_checked(env):
    find = finder_without(*PACKAGES)
    assert missing_display_libraries("linux", env, find) == []
    assert find.asked == []


def test_advice_names_the_debian_and_fedora_packages():
    text = advice(["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "libxcb-cursor.so.0" in text
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in text
    assert "sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms" in text
    assert "X11" in text and "docs/kiosk.md" in text


def test_advice_for_wayland():
    text = advice(["libwayland-cursor.so.0"])
    assert "Wayland" in text
    assert "sudo apt install libwayland-cursor0" in text
    assert "sudo dnf install libwayland-cursor" in text
    assert "xcb" not in text


def test_advice_lists_a_package_once():
    text = advice(["libxcb-shm.so.0", "libxcb-sync.so.1"])  # both in Fedora's libxcb
    assert "sudo dnf install libxcb\n" in text + "\n"


def test_no_advice_when_nothing_is_missing():
    assert advice([]) == ""


def test_every_library_has_both_packages():
    for soname, (debian, fedora) in PACKAGES.items():
        assert soname.startswith("lib") and ".so." in soname
        assert debian and fedora


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux library names")
def test_the_real_finder():
    assert loadable("libc.so.6")
    assert not loadable("libcryoviewer-does-not-exist.so.0")


def test_no_qt_is_imported():
    tree = ast.parse(Path(display_check.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in getattr(node, "names", [])}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"PySide6", "shiboken6", "pyqtgraph"}
