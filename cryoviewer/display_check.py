"""Before Qt opens a window on Linux: are the system libraries its display plugin needs there?

The PySide6 wheels carry Qt itself but not every library Qt's display plugins link against.
When one is missing, Qt prints one cryptic line ("Could not load the Qt platform plugin ...")
and no window opens; on a kiosk, the service then restarts it for ever. This module names the
missing libraries and the packages that hold them, before Qt is imported.

- xcb (X11, or XWayland): the xcb-util family, libxcb-cursor0 first among them (Qt 6.5 and
  later need it). Qt's own message names libxcb-cursor0 even when another one is missing.
- wayland (cage, a Wayland desktop): libwayland-cursor0, which a bare system with cage
  installed does not have.

Which plugin Qt will use is guessed the way Qt 6 chooses: QT_QPA_PLATFORM, a list tried in
order ("wayland;xcb"), or when it is unset Wayland if $WAYLAND_DISPLAY is set, else xcb. Other
platforms (offscreen, eglfs, Windows, macOS) are not checked.

No Qt here, and nothing is installed or changed: `missing_display_libraries()` looks, `advice()`
says what to do.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Iterable, Mapping

# soname -> (Debian/Ubuntu package, Fedora package); the order is the order of the advice.
XCB_LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
}
WAYLAND_LIBRARIES: dict[str, tuple[str, str]] = {
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
}
PACKAGES = {**XCB_LIBRARIES, **WAYLAND_LIBRARIES}
NEEDED = {"xcb": tuple(XCB_LIBRARIES), "wayland": tuple(WAYLAND_LIBRARIES)}


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds and loads `soname`, as it would for Qt's plugin."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def qt_platform(platform: str = sys.platform, env: Mapping[str, str] = os.environ) -> str | None:
    """The display plugin Qt is expected to use: "xcb", "wayland", another plugin's name
    (offscreen, eglfs...), or None when not on Linux or when nothing in the list can work."""
    if not platform.startswith("linux"):
        return None
    wayland_display = bool(env.get("WAYLAND_DISPLAY") or env.get("WAYLAND_SOCKET"))
    requested = env.get("QT_QPA_PLATFORM", "")
    names = [entry.split(":", 1)[0].strip() for entry in requested.split(";")]
    names = [name for name in names if name] or ["wayland", "xcb"]  # Qt 6's default order
    for name in names:
        if name.startswith("wayland"):  # wayland, wayland-egl, wayland-brcm
            if wayland_display:
                return "wayland"
            continue  # no compositor: Qt goes on to the next one in the list
        return name
    return None


def missing_display_libraries(platform: str = sys.platform,
                              env: Mapping[str, str] = os.environ,
                              finder: Callable[[str], bool] = loadable) -> list[str]:
    """The libraries (sonames) that the display plugin Qt will use needs and `finder` cannot
    load; [] when nothing is missing or nothing is checked (not Linux, offscreen...)."""
    needed = NEEDED.get(qt_platform(platform, env) or "", ())
    return [soname for soname in needed if not finder(soname)]


def advice(missing: Iterable[str]) -> str:
    """What to tell the person at the machine: which libraries are missing, why it matters and
    the commands that install them (Debian/Ubuntu, Fedora)."""
    missing = list(missing)
    if not missing:
        return ""
    debian = _unique(PACKAGES.get(soname, (soname, soname))[0] for soname in missing)
    fedora = _unique(PACKAGES.get(soname, (soname, soname))[1] for soname in missing)
    wayland = set(missing) <= set(WAYLAND_LIBRARIES)
    lines = [
        f"CryoViewer cannot open its window: Qt's {'Wayland' if wayland else 'X11 (xcb)'} "
        f"display plugin needs system libraries that are not installed: {', '.join(missing)}.",
        "Install them, then start CryoViewer again:",
        f"  Debian, Ubuntu:  sudo apt install {' '.join(debian)}",
        f"  Fedora:          sudo dnf install {' '.join(fedora)}",
    ]
    if not wayland:
        lines.append("(Under a Wayland compositor, such as cage on a kiosk, these X11 libraries "
                     "are not needed: see docs/kiosk.md.)")
    return "\n".join(lines)


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))
