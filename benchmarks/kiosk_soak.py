"""A kiosk's day, compressed: visits one after another with shortened waits, then the attract
screen's processor use. Prints name=value lines.

    python benchmarks/kiosk_soak.py [--hours 24] [--attract-seconds 20]

Each visit is what a waiting room sees: a touch wakes the attract screen, the person browses a
few sections, changes the text size and the colours, plays the animation for a moment, then
walks away; the idle question comes, counts down, and the screen resets to the attract loop. The
waits are skipped with a fake clock (the shell asks it the time), everything else is real: the
widgets, the drawing, the reset. A visit stands for VISIT_S of real use (90 s idle + 15 s
countdown + 60 s of reading), so 24 hours are 524 visits.

soak_visits           visits run
soak_hours            the real use they stand for
soak_rss_growth_mb    resident memory at the end minus after the first 20 visits (target < 10)
soak_threads_growth   threads at the end minus after the first 20 visits (target 0)
soak_errors           warnings and errors logged (target 0)
reset_ms              median, end of countdown to the attract screen drawn (target ≤ 200)
reset_p95_ms
attract_cpu_percent   the attract loop alone, percent of one core (target ≤ 10)
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import threading
import time

from _window import make_app, scratch_folder  # (before Qt: offscreen, throw-away folders)

VISIT_S = 90 + 15 + 60
WARM_VISITS = 20


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def pump(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=24.0)
    parser.add_argument("--attract-seconds", type=float, default=20.0)
    args = parser.parse_args()


    from cryoviewer import logs
    from cryoviewer.app import kiosk_window
    from cryoviewer.ui.kiosk import KioskShell

    app = make_app()
    recent, _ = logs.start(None)
    logging.getLogger().handlers[0].setLevel(logging.WARNING)  # the terminal: problems only
    config = scratch_folder() / "kiosk.toml"
    config.write_text("[kiosk]\nidle_seconds = 90\nwarning_seconds = 15\n", encoding="utf-8")
    clock = Clock()
    shell = KioskShell(lambda **again: kiosk_window(config, **again), recent, clock=clock)
    window = shell.window
    window.diagram.wait_until_drawn()
    while shell.attract.playback is None:  # the attract loop's run is ready
        pump(app, 0.05)

    recent.lines.clear()  # (the file sets no staff PIN: that warning is not the soak's)
    rng = random.Random(1)
    visits = round(args.hours * 3600 / VISIT_S)
    resets, baseline = [], None
    for visit in range(visits):
        shell.wake()
        pump(app, 0.01)
        for _ in range(3):
            window.show_index(rng.randrange(len(window.pack.sections)))
            pump(app, 0.01)
        window.step_text_size(+1)
        window.next_theme()
        window.diagram.play()
        pump(app, 0.15)
        window.diagram.pause()
        clock.now += 91
        shell._check_idle()   # the question
        clock.now += 15
        shell._check_idle()   # the reset and the attract screen
        resets.append(shell.reset_ms)
        pump(app, 0.02)
        clock.now += 30
        if visit + 1 == min(WARM_VISITS, max(1, visits // 2)):  # (short runs measure too)
            baseline = (rss_mb(), threading.active_count(), len(os.listdir("/proc/self/task")))
    end = (rss_mb(), threading.active_count(), len(os.listdir("/proc/self/task")))
    errors = sum(" error: " in line or " warning: " in line for line in recent.lines)

    # The attract loop alone: processor time over wall time.
    shell.end_visit()
    pump(app, 1.0)
    cpu, wall = time.process_time(), time.perf_counter()
    pump_idle(app, args.attract_seconds)
    attract = 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)
    shell.dispose()

    print(f"# visits {visits}; RSS {baseline[0]:.1f} → {end[0]:.1f} MB; "
          f"threads {baseline[2]} → {end[2]}", file=sys.stderr)
    print(f"soak_visits={visits}")
    print(f"soak_hours={visits * VISIT_S / 3600:.1f}")
    print(f"soak_rss_growth_mb={end[0] - baseline[0]:.1f}")
    print(f"soak_threads_growth={end[2] - baseline[2]}")
    print(f"soak_errors={errors}")
    print(f"reset_ms={statistics.median(resets):.1f}")
    print(f"reset_p95_ms={statistics.quantiles(resets, n=20)[18]:.1f}")
    print(f"attract_cpu_percent={attract:.1f}")


def pump_idle(app, seconds: float) -> None:
    """The event loop itself (no polling of ours adding to the processor time)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(round(seconds * 1000), lambda: app.exit(0))
    app.exec()


if __name__ == "__main__":
    main()
