"""Time from launching the viewer to its first complete window, against a bare pyqtgraph window:
prints name=value lines, medians of several launches.

    python benchmarks/startup.py [--runs 5] [--profile]

Each launch is a fresh process (this script with --child), so imports and first paints count as
a patient would wait for them. The parent notes time.time() just before spawning; the child prints
time.time() once its window is shown and painted whole. For the viewer that means the section's
text and the diagram's first picture: diagram.wait_until_drawn() returned and window.grab() done.
The bare window (PySide6 + pyqtgraph, one PlotWidget of 100 points, also 1920 × 1080) is the floor
any such program pays; launches alternate so both see the same machine load.

startup_app_s, startup_bare_s  median seconds to the first complete window
startup_ratio                  app / bare (target ≤ 2.0); above it, or with --profile, the app's
                               slowest imports and calls are listed on stderr
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.abspath(__file__)


def child(kind: str) -> None:
    """Build the window, paint it whole, print time.time() (and earlier stages, for the app)."""
    if kind == "bare":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        import numpy as np
        import pyqtgraph as pg
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        plot = pg.PlotWidget()
        plot.plot(np.sin(np.linspace(0, 6, 100)))
        window.setCentralWidget(plot)
        window.resize(1920, 1080)
        window.show()
        app.processEvents()
        window.grab()
        print(f"done={time.time()}")
        return
    from _window import make_window

    import cryoviewer.ui.window  # noqa: F401  (make_window imports it anyway: timed apart here)
    print(f"imported={time.time()}")
    app, window = make_window()
    print(f"shown={time.time()}")
    window.diagram.wait_until_drawn()
    print(f"drawn={time.time()}")
    window.grab()
    print(f"done={time.time()}")
    sys.stdout.flush()
    window.diagram.shutdown()


def launch(kind: str, *python_options: str) -> dict[str, float]:
    """Seconds from spawning a child to each stage it reports."""
    start = time.time()
    out = subprocess.run([sys.executable, *python_options, HERE, "--child", kind],
                         capture_output=True, text=True, check=True).stdout
    return {name: float(value) - start for name, value in re.findall(r"^(\w+)=(.+)$", out, re.M)}


def profile() -> None:
    """The app child's slowest imports (-X importtime) and calls (cProfile), on stderr."""
    command = [sys.executable, "-X", "importtime", HERE, "--child", "app"]
    err = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    rows = re.findall(r"import time:\s+(\d+) \|\s+(\d+) \| (.+)", err)
    print("# slowest imports (cumulative ms, self ms, module):", file=sys.stderr)
    for own, total, name in sorted(rows, key=lambda r: -int(r[1]))[:15]:
        print(f"#   {int(total) / 1e3:7.1f} {int(own) / 1e3:7.1f}  {name}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        stats = os.path.join(folder, "startup.prof")
        subprocess.run([sys.executable, "-m", "cProfile", "-o", stats, HERE, "--child", "app"],
                       capture_output=True, check=True)
        import io
        import pstats

        text = io.StringIO()
        pstats.Stats(stats, stream=text).sort_stats("cumulative").print_stats(25)
    print("# slowest calls (cProfile, cumulative):", file=sys.stderr)
    for line in text.getvalue().splitlines():
        if re.match(r"\s+\d", line):
            print(f"#   {line}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile the app's startup")
    parser.add_argument("--child", choices=("app", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    launch("bare")  # warm the file cache so the first timed launch is not the odd one out
    apps, bares = [], []
    for _ in range(args.runs):
        apps.append(launch("app"))
        bares.append(launch("bare"))
    app_s = statistics.median(a["done"] for a in apps)
    bare_s = statistics.median(b["done"] for b in bares)
    stages = ", ".join(f"{name} {statistics.median(a[name] for a in apps):.2f}"
                       for name in ("imported", "shown", "drawn", "done"))
    print(f"# app stages (s from spawn): {stages}", file=sys.stderr)
    runs = [", ".join(f"{r['done']:.2f}" for r in rs) for rs in (apps, bares)]
    print(f"# app runs {runs[0]} s; bare runs {runs[1]} s", file=sys.stderr)
    print(f"startup_app_s={app_s:.3f}\nstartup_bare_s={bare_s:.3f}\n"
          f"startup_ratio={app_s / bare_s:.2f}")
    if args.profile or app_s / bare_s > 2.0:
        profile()


if __name__ == "__main__":
    main()
