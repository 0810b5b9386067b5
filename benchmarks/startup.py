"""Time from launching the viewer to its first complete window, against a bare pyqtgraph window:
prints name=value lines, medians of several launches.

    python benchmarks/startup.py [--runs 5] [--profile]

Each launch is a fresh process (this script with --child), so imports and first paints count as
a patient would wait for them. The parent notes time.time() just before spawning; the child prints
time.time() once its window is shown and painted whole. For the viewer that means the section's
text and the diagram's first picture: diagram.wait_until_drawn() returned and window.grab() done.
The bare window (PySide6 + pyqtgraph, one PlotWidget of 100 points, also 1920 × 1080) is the floor
any such program pays; launches alternate so both see the same machine load.

The viewer keeps computed runs between starts (in the user's cache folder), as a kiosk started
every morning does: each launch here has its own cache folder, empty for a first ("cold") start
and holding the first section's run for an everyday ("warm") start.

startup_app_s, startup_bare_s  median seconds to the first complete window (app: warm start)
startup_ratio                  app / bare (target ≤ 1.8); above it, or with --profile, the app's
                               slowest imports and calls are listed on stderr
startup_cold_s, startup_cold_ratio  the same for a first start, which computes the run
"""

from __future__ import annotations

import argparse
import compileall
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
    app, window = make_window(kept_runs=True)
    if kind == "keep":  # fill the cache folder: wait for the first section's whole run
        preparer = window.diagram.preparer
        preparer.run(window.diagram.scenario_id)
        run = preparer.runs[window.diagram.scenario_id]
        while not run.complete:
            app.processEvents()
            time.sleep(0.01)
        preparer.cache.save(run)
        preparer.shutdown()
        return
    print(f"shown={time.time()}")
    window.diagram.wait_until_drawn()
    print(f"drawn={time.time()}")
    window.grab()
    print(f"done={time.time()}")
    sys.stdout.flush()
    window.diagram.shutdown()


def launch(kind: str, *python_options: str, cache: str | None = None) -> dict[str, float]:
    """Seconds from spawning a child to each stage it reports; `cache`: its cache folder (a
    new empty one if not given)."""
    with tempfile.TemporaryDirectory(prefix="cryoviewer-cache-") as empty:
        env = {**os.environ, "XDG_CACHE_HOME": cache or empty}
        start = time.time()
        out = subprocess.run([sys.executable, *python_options, HERE, "--child", kind],
                             capture_output=True, text=True, check=True, env=env).stdout
    return {name: float(value) - start for name, value in re.findall(r"^(\w+)=(.+)$", out, re.M)}


def profile(cache: str) -> None:
    """The app child's slowest imports (-X importtime) and calls (cProfile), on stderr."""
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    command = [sys.executable, "-X", "importtime", HERE, "--child", "app"]
    err = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stderr
    rows = re.findall(r"import time:\s+(\d+) \|\s+(\d+) \| (.+)", err)
    print("# slowest imports (cumulative ms, self ms, module):", file=sys.stderr)
    for own, total, name in sorted(rows, key=lambda r: -int(r[1]))[:15]:
        print(f"#   {int(total) / 1e3:7.1f} {int(own) / 1e3:7.1f}  {name}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        stats = os.path.join(folder, "startup.prof")
        subprocess.run([sys.executable, "-m", "cProfile", "-o", stats, HERE, "--child", "app"],
                       capture_output=True, check=True, env=env)
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
    parser.add_argument("--child", choices=("app", "bare", "keep"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    # An installed viewer has its modules compiled (pip does it on install); a checkout may not
    # (PYTHONDONTWRITEBYTECODE), and compiling them at every launch is not what a patient waits
    # for. (The bare window's modules are installed, hence compiled.)
    compileall.compile_dir(os.path.join(os.path.dirname(HERE), "..", "cryoviewer"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="cryoviewer-cache-") as kept:
        launch("keep", cache=kept)  # also warms the file cache for the timed launches
        apps, colds, bares = [], [], []
        for _ in range(args.runs):  # alternating, so that all see the same machine load
            apps.append(launch("app", cache=kept))
            colds.append(launch("app"))
            bares.append(launch("bare"))
        app_s, cold_s, bare_s = (statistics.median(r["done"] for r in rs)
                                 for rs in (apps, colds, bares))
        for name, results in (("warm", apps), ("cold", colds)):
            stages = ", ".join(f"{stage} {statistics.median(a[stage] for a in results):.2f}"
                               for stage in ("imported", "shown", "drawn", "done"))
            print(f"# app stages, {name} (s from spawn): {stages}", file=sys.stderr)
        runs = [", ".join(f"{r['done']:.2f}" for r in rs) for rs in (apps, colds, bares)]
        print(f"# app runs {runs[0]} s; cold {runs[1]} s; bare {runs[2]} s", file=sys.stderr)
        print(f"startup_app_s={app_s:.3f}\nstartup_bare_s={bare_s:.3f}\n"
              f"startup_ratio={app_s / bare_s:.2f}\n"
              f"startup_cold_s={cold_s:.3f}\nstartup_cold_ratio={cold_s / bare_s:.2f}")
        if args.profile or app_s / bare_s > 1.8:
            profile(kept)


if __name__ == "__main__":
    main()
