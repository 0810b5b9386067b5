"""How long the children's story takes to open and to turn a page, with its treatments' runs
computed (as a kiosk has them, kept between starts): prints name=value lines, medians.

    python benchmarks/story.py [--runs 7]

story_open_ms   from "Read the story with your child" to the first page drawn (its picture too)
story_page_ms   one page turned and drawn, picture included (every page, both directions)
story_image_ms  one picture alone at print size (2400 × 1800 pixels, 8 × 6 in at 300 dpi)
"""

from __future__ import annotations

import argparse
import statistics
import time

from _window import make_window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    app, window = make_window()
    preparer = window.diagram.preparer
    story = window.pack.story
    for scenario in story.scenarios():  # computed before timing: the kiosk keeps them
        preparer.run(scenario)
        while not preparer.runs[scenario].complete:
            app.processEvents()
            time.sleep(0.01)
    window.show_section("children")
    opening, turning, printing = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        window.story_button.click()
        app.processEvents()
        opening.append(time.perf_counter() - start)
        for step in [+1] * (len(story.pages) - 1) + [-1] * (len(story.pages) - 1):
            start = time.perf_counter()
            window.story.turn(step)
            app.processEvents()
            turning.append(time.perf_counter() - start)
        window.story.hide()
        start = time.perf_counter()
        window.story.pictures.image(story.pages[1], 2400, 1800)
        printing.append(time.perf_counter() - start)
    print(f"story_open_ms={statistics.median(opening) * 1e3:.1f}")
    print(f"story_page_ms={statistics.median(turning) * 1e3:.1f}")
    print(f"story_image_ms={statistics.median(printing) * 1e3:.1f}")
    window.close()


if __name__ == "__main__":
    main()
