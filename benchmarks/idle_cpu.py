"""Processor use of the window left alone, and while playing: prints name=value lines, medians of
several runs.

    python benchmarks/idle_cpu.py [--runs 3] [--seconds 10]

A kiosk may show a paused diagram for hours; it should not keep a core busy (heat, fans, battery
on a tablet). Measured is the process's CPU time (time.process_time(), all threads) over the event
loop running for a while, after the run is complete and drawn, so no worker is computing.

idle_cpu_percent     paused, nothing touched (target ≤ 2)
playing_cpu_percent  playing at 1× with the diagram's own timer, for reference
playing_fps          pictures drawn a second while playing (the timer asks for about 60)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from _window import make_window, show_complete


def cpu_percent(app, seconds: float) -> float:
    """CPU time of the process over `seconds` of the event loop, as a percentage of one core."""
    from PySide6.QtCore import QTimer

    # exit(), not quit(): in Qt 6, quit() first closes the windows, which stops the diagram.
    QTimer.singleShot(round(seconds * 1000), lambda: app.exit(0))
    cpu, wall = time.process_time(), time.perf_counter()
    app.exec()
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    app, window = make_window()
    diagram = window.diagram
    scenario = diagram.scenario_id  # the one the first section shows
    show_complete(app, diagram, scenario)
    frames = [0]
    diagram.moment_changed.connect(lambda moved: frames.__setitem__(0, frames[0] + moved))
    idle, playing, fps = [], [], []
    for _ in range(args.runs):
        diagram.show_step(scenario, None)  # paused, at the start
        app.processEvents()
        idle.append(cpu_percent(app, args.seconds))
        window.session.update(speed=1.0)
        diagram.play()
        frames[0] = 0
        playing.append(cpu_percent(app, args.seconds))
        fps.append(frames[0] / args.seconds)
        diagram.pause()
    diagram.shutdown()
    print(f"# {scenario}: idle {', '.join(f'{p:.2f}' for p in idle)} %, playing "
          f"{', '.join(f'{p:.1f}' for p in playing)} %", file=sys.stderr)
    print(f"idle_cpu_percent={statistics.median(idle):.2f}")
    print(f"playing_cpu_percent={statistics.median(playing):.1f}")
    print(f"playing_fps={statistics.median(fps):.1f}")


if __name__ == "__main__":
    main()
