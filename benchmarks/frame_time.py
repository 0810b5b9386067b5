"""Frame and scrub times of the diagram in a 1920 × 1080 window: prints name=value lines, medians
of the per-run percentiles over several runs.

    python benchmarks/frame_time.py [--runs 3] [--quiz]

A frame is what the timer does while playing at 4×: playback.tick(1/60) and _draw(moved=True),
then the event loop's repaint. The repaint is app.processEvents(), not window.repaint(): pyqtgraph
views repaint only when their scene posts an update, so window.repaint() redraws every button and
paragraph yet leaves the pictures as they were. processEvents delivers those updates and paints
the dirty parts at once; each frame is checked to have painted the cross-section, and paint_*
shows that painting is a good share of the frame. Every scenario is played from position 0 until
playback stops, after its run is complete, in both looks.

frame_p50/p95/p99_ms  all frames (targets: p95 ≤ 8, p99 ≤ 16); [look] and [scenario] break it down
scrub_p95_ms          200 seeded random timeline positions per scenario and look (target ≤ 50)

With --quiz, the teach-back screen (ui/quiz.py) is open over the window the whole time (opened
again, between frames, when the text follows the diagram to another section and closes it), and
the names end in _quiz: its cost is the difference from a plain run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import defaultdict

import numpy as np
from _window import SCENARIOS, make_window, show_complete

LOOKS = ("patient", "detailed")
THEMES = ("default", "projector", "high-contrast")
SCRUBS = 200


def keep_quiz_open(window) -> None:
    """The teach-back screen over the window (its questions: the current section's, or the
    first ones; choosing a section here would pause the animation)."""
    if window.quiz.isVisible():
        return
    section = window.pack.sections[window.current]
    questions = window.pack.questions_for(section.id) or window.pack.questions[:3]
    window.quiz.start(section, list(questions))


def one_run(app, window, painted, theme, quiz=False) -> dict:
    """Frame, paint and scrub times (ms) by (kind, look, scenario) in a theme; the slowest frame
    on stderr."""
    diagram, session = window.diagram, window.session
    session.update(theme=theme)
    times = defaultdict(list)
    slowest = (0.0, "")
    for scenario in SCENARIOS:
        show_complete(app, diagram, scenario)
        for look in LOOKS:
            session.update(look=look)
            diagram.show_step(scenario, None)
            session.update(speed=4.0)
            diagram.play()
            diagram.timer.stop()  # the loop below stands in for the timer
            app.processEvents()
            while diagram.playback.playing:
                if quiz:
                    keep_quiz_open(window)
                painted[0] = 0
                position = diagram.playback.position
                start = time.perf_counter()
                diagram.playback.tick(1 / 60)
                diagram._draw(moved=True)
                drawn = time.perf_counter()
                app.processEvents()
                end = time.perf_counter()
                if not painted[0]:
                    times["unpainted", look, scenario].append(position)
                frame = (end - start) * 1e3
                times["frame", look, scenario].append(frame)
                times["paint", look, scenario].append((end - drawn) * 1e3)
                slowest = max(slowest, (frame, f"{theme} {scenario} {look} at {position:.2f}"))
            rng = random.Random(scenario)  # the same positions every run
            for _ in range(SCRUBS):
                start = time.perf_counter()
                diagram.timeline.scrubbed.emit(rng.uniform(0.0, diagram.playback.total))
                app.processEvents()
                times["scrub", look, scenario].append((time.perf_counter() - start) * 1e3)
    print(f"# slowest frame {slowest[0]:.1f} ms: {slowest[1]}", file=sys.stderr)
    return times


def percentiles(runs: list[dict], kind: str, keep) -> list[float]:
    """Median over runs of each run's p50, p95, p99 of the samples whose key passes keep."""
    per_run = [np.percentile([t for (k, look, scenario), samples in run.items()
                              if k == kind and keep(look, scenario) for t in samples],
                             [50, 95, 99]) for run in runs]
    return [statistics.median(p[i] for p in per_run) for i in range(3)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quiz", action="store_true",
                        help="with the teach-back screen open over the window")
    options = parser.parse_args()
    runs, tag = options.runs, "_quiz" if options.quiz else ""
    from PySide6.QtCore import QEvent, QObject

    class CountPaints(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                painted[0] += 1
            return False

    app, window = make_window()
    painted = [0]
    counter = CountPaints()
    window.diagram.scene.viewport().installEventFilter(counter)
    by_theme = {theme: [one_run(app, window, painted, theme, options.quiz)
                        for _ in range(runs)] for theme in THEMES}
    window.diagram.shutdown()
    for theme, results in by_theme.items():
        p50, p95, p99 = percentiles(results, "frame", lambda look, s: True)
        print(f"frame_p95_ms{tag}[{theme}]={p95:.2f}\nframe_p99_ms{tag}[{theme}]={p99:.2f}")
    results = [run for runs_ in by_theme.values() for run in runs_]

    groups = [("", lambda look, s: True)]
    groups += [(f"[{look}]", lambda look, s, want=look: look == want) for look in LOOKS]
    groups += [(f"[{name}]", lambda look, s, want=name: s == want) for name in SCENARIOS]
    for suffix, keep in groups:
        p50, p95, p99 = percentiles(results, "frame", keep)
        print(f"frame_p50_ms{tag}{suffix}={p50:.2f}\nframe_p95_ms{tag}{suffix}={p95:.2f}\n"
              f"frame_p99_ms{tag}{suffix}={p99:.2f}")
    for suffix, keep in groups:
        print(f"scrub_p95_ms{suffix}={percentiles(results, 'scrub', keep)[1]:.2f}")
    paint = percentiles(results, "paint", lambda look, s: True)
    print(f"paint_p50_ms={paint[0]:.2f}\npaint_p95_ms={paint[1]:.2f}")
    def count(kind, runs):
        return sum(len(v) for run in runs for (k, *_), v in run.items() if k == kind)

    print(f"frames_per_run={count('frame', results[:1])}")
    print(f"unpainted_frames={count('unpainted', results)}")  # should be 0


if __name__ == "__main__":
    main()
