"""The kiosk under a real X server and window manager: every way out a visitor might try, then a
monkey of random taps, double taps, drags and keys. Prints name=value lines.

    python benchmarks/kiosk_monkey.py [--events 100000] [--size 1366x768]

Needs Xvfb, openbox and xdotool (Debian: xvfb openbox xdotool x11-utils, and Qt's
libxcb-cursor0). It starts its own X server on a free display, openbox on it, and
`python -m cryoviewer --kiosk` with short idle times (so the monkey also meets the idle
question, resets and the attract screen) and its log in a temporary folder.

escape_attempts     ways out tried (keys, the window manager's close, minimise and un-fullscreen,
                    right-click menus)
escapes             attempts after which the viewer was gone or no longer full screen (target 0)
monkey_events       random events sent (target ≥ 100,000)
monkey_exceptions   unexpected errors in the viewer's log (target 0)
monkey_exits        times the viewer process ended (target 0)
monkey_rss_mb       the viewer's resident memory at the end
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAIN = 250   # xdotool commands per call
ESCAPE_KEYS = ["alt+F4", "ctrl+q", "ctrl+w", "Escape", "F11", "ctrl+F4", "alt+Escape",
               "super", "super+d", "alt+Tab", "ctrl+alt+Delete", "ctrl+shift+q", "ctrl+h",
               "ctrl+p", "ctrl+o", "ctrl+s", "F1", "Menu", "shift+F10"]
OTHER_KEYS = ["space", "Return", "Tab", "shift+Tab", "Left", "Right", "Up", "Down", "Prior",
              "Next", "Home", "End", "1", "5", "9", "question", "alt+k", "alt+r", "ctrl+plus",
              "ctrl+minus", "ctrl+0", "a", "BackSpace"]


def run(*command: str, env=None, check=False) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, capture_output=True, text=True, check=check)


def free_display() -> int:
    number = 91
    while Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    return number


class Desk:
    """Xvfb + openbox + the kiosk, and ways to look at its window."""

    def __init__(self, size: str, folder: Path):
        self.folder = folder
        number = free_display()
        self.env = {**os.environ, "DISPLAY": f":{number}", "XDG_CONFIG_HOME": str(folder / "cfg"),
                    "XDG_DATA_HOME": str(folder / "data"), "XDG_CACHE_HOME":
                    os.environ.get("XDG_CACHE_HOME", str(Path.home() / ".cache"))}
        self.env.pop("QT_QPA_PLATFORM", None)
        self.env.pop("WAYLAND_DISPLAY", None)
        self.server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", f"{size}x24",
                                        "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        self.wm = subprocess.Popen(["openbox"], env=self.env, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        self.log = folder / "logs" / "cryoviewer.log"
        settings = folder / "kiosk.toml"
        settings.write_text(f'[kiosk]\nidle_seconds = 15\nwarning_seconds = 5\n'
                            f'watching_seconds = 30\nlog_folder = "{folder / "logs"}"\n',
                            encoding="utf-8")
        self.viewer = subprocess.Popen(
            [sys.executable, "-m", "cryoviewer", "--kiosk", "--kiosk-config", str(settings)],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=folder.joinpath(
                "stderr.txt").open("w"))
        self.window = self._find_window()

    def _find_window(self, timeout: float = 60.0) -> str:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = run("xdotool", "search", "--onlyvisible", "--pid", str(self.viewer.pid),
                        env=self.env).stdout.split()
            if found:
                time.sleep(1.0)
                return found[-1]
            if self.viewer.poll() is not None:
                raise SystemExit("the viewer ended at start: "
                                 + (self.folder / "stderr.txt").read_text())
            time.sleep(0.2)
        raise SystemExit("no kiosk window appeared")

    def xdotool(self, *commands: str) -> None:
        run("xdotool", *commands, env=self.env)

    def full_screen(self) -> bool:
        state = run("xprop", "-id", self.window, "_NET_WM_STATE", env=self.env).stdout
        mapped = "IsViewable" in run("xwininfo", "-id", self.window, env=self.env).stdout
        return "_NET_WM_STATE_FULLSCREEN" in state and mapped

    def alive(self) -> bool:
        return self.viewer.poll() is None

    def windows(self) -> int:
        return len(run("xdotool", "search", "--onlyvisible", "--pid", str(self.viewer.pid),
                       env=self.env).stdout.split())

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.viewer.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def errors(self) -> int:
        if not self.log.exists():
            return 0
        return sum("Unexpected error" in line or "Traceback" in line
                   for line in self.log.read_text(encoding="utf-8").splitlines())

    def close(self) -> None:
        for process in (self.viewer, self.wm, self.server):  # (ours, by id)
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()


def escapes(desk: Desk, width: int, height: int) -> tuple[int, int]:
    """Each way out, tried twice: on the attract screen and in a visit. (tried, escaped)"""
    attempts = [("key", k) for k in ESCAPE_KEYS] + [
        ("wm", "close"), ("wm", "minimize"), ("wm", "unfullscreen"), ("wm", "below"),
        ("menu", "right-click"), ("menu", "long-middle")]
    tried = escaped = 0
    for round_ in range(2):
        for kind, what in attempts:
            if round_:  # in a visit: a tap in the middle wakes it first
                desk.xdotool("mousemove", str(width // 2), str(height // 2), "click", "--delay",
                             "0", "1")
                time.sleep(0.3)
            if kind == "key":
                desk.xdotool("key", "--clearmodifiers", what)
            elif what == "close":
                run("wmctrl", "-i", "-c", desk.window, env=desk.env)
            elif what == "minimize":
                desk.xdotool("windowminimize", desk.window)
            elif what == "unfullscreen":
                run("wmctrl", "-i", "-r", desk.window, "-b", "remove,fullscreen", env=desk.env)
            elif what == "below":
                run("wmctrl", "-i", "-r", desk.window, "-b", "add,below", env=desk.env)
            elif what == "right-click":
                desk.xdotool("mousemove", str(width // 3), str(height // 2), "click", "--delay",
                             "0", "3")
            else:
                desk.xdotool("mousemove", str(width // 3), str(height // 3), "mousedown", "2",
                             "sleep", "1", "mouseup", "2")
            time.sleep(1.5)  # the viewer puts itself back
            tried += 1
            ok = desk.alive() and desk.full_screen() and desk.windows() <= 1  # no pop-up
            if not ok:
                escaped += 1
                print(f"# escaped: {kind} {what} (alive {desk.alive()}, "
                      f"full screen {desk.alive() and desk.full_screen()})", file=sys.stderr)
                if not desk.alive():
                    break
                desk.xdotool("key", "Escape")  # close whatever opened, and go on
    return tried, escaped


def monkey(desk: Desk, events: int, width: int, height: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    sent = 0
    started = time.time()
    while sent < events and desk.alive():
        chain: list[str] = []
        while len(chain) < CHAIN * 4:
            x, y = str(rng.randrange(width)), str(rng.randrange(height))
            roll = rng.random()
            if roll < 0.45:
                chain += ["mousemove", x, y, "click", "--delay", "0", "1"]
            elif roll < 0.55:
                chain += ["mousemove", x, y, "click", "--repeat", "2", "--delay", "60", "1"]
            elif roll < 0.75:
                chain += ["mousemove", x, y, "mousedown", "1", "mousemove", "--", str(rng.randrange(width)),
                          str(rng.randrange(height)), "mouseup", "1"]
            elif roll < 0.85:
                chain += ["key", "--delay", "0", rng.choice(ESCAPE_KEYS)]
            else:
                chain += ["key", "--delay", "0", rng.choice(OTHER_KEYS)]
            sent += 1
            if sent % 4 == 0:
                chain += ["sleep", "0.008"]  # about a person's pace times fifty, not a flood
        desk.xdotool(*chain)
        if sent % 10_000 < CHAIN:
            print(f"# {sent} events, {time.time() - started:.0f} s, alive {desk.alive()}, "
                  f"rss {desk.rss_mb():.0f} MB", file=sys.stderr)
    return sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    for tool in ("Xvfb", "openbox", "xdotool", "wmctrl", "xprop", "xwininfo"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (Debian: apt-get install xvfb openbox xdotool "
                             f"wmctrl x11-utils)")
    width, height = map(int, args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="cryoviewer-monkey-") as folder:
        desk = Desk(args.size, Path(folder))
        try:
            tried, escaped = escapes(desk, width, height)
            print(f"escape_attempts={tried}")
            print(f"escapes={escaped}")
            sent = monkey(desk, args.events, width, height)
            time.sleep(2)
            print(f"monkey_events={sent}")
            print(f"monkey_exceptions={desk.errors()}")
            print(f"monkey_exits={0 if desk.alive() else 1}")
            if desk.alive():
                print(f"monkey_rss_mb={desk.rss_mb():.0f}")
            else:
                print("# " + (Path(folder) / "stderr.txt").read_text()[-2000:], file=sys.stderr)
        finally:
            desk.close()


if __name__ == "__main__":
    main()
