"""The printed handout: time to write the PDF of every section with the diagram's stills, the
treatments' runs read from the disk cache (as a viewer started before finds them), and its size.
Prints name=value lines, medians of several runs.

    python benchmarks/handout.py [--runs 5] [--language en]

handout_s    the whole handout written, from the content to the closed PDF (target ≤ 5)
handout_mb   the PDF's size in MB (target ≤ 10)
handout_step_max_ms   the longest step the window runs between its events while it writes
                      (a picture or a page): how long the window can go without answering
handout_pages
"""

from __future__ import annotations

import argparse
import statistics
import time

from _window import make_app, scratch_folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", default="en")
    options = parser.parse_args()
    make_app()
    from cryoviewer.app import language_content, make_preparer
    from cryoviewer.content import load_pack
    from cryoviewer.ui import translation
    from cryoviewer.ui.handout import Handout

    translation.install(options.language)
    pack = load_pack(language_content(options.language))
    warm = make_preparer(pack)  # the runs computed once and kept, as by an earlier start
    for scenario in ("skin-spray", "liver-probe"):
        while not (warm.run(scenario) and warm.runs[scenario].complete):
            time.sleep(0.05)
    warm.shutdown()
    seconds, sizes, pages, longest = [], [], 0, []
    for n in range(options.runs):
        path = scratch_folder() / f"handout-{n}.pdf"
        began = time.perf_counter()
        preparer = make_preparer(pack)  # a fresh one: the runs come from the disk cache
        pages = Handout(pack, None, preparer).write(path)
        seconds.append(time.perf_counter() - began)
        sizes.append(path.stat().st_size / 1e6)
        longest.append(longest_step_ms(Handout(pack, None, preparer),
                                       scratch_folder() / "steps.pdf"))
        preparer.shutdown()
    print(f"handout_s={statistics.median(seconds):.2f}")
    print(f"handout_mb={statistics.median(sizes):.2f}")
    print(f"handout_step_max_ms={statistics.median(longest):.0f}")
    print(f"handout_pages={pages}")


def longest_step_ms(handout, path) -> float:
    """The steps as the window runs them, one per turn of its event loop: the longest."""
    from cryoviewer.ui.document import pdf_writer

    steps, longest = handout.steps(pdf_writer(path, "a4", handout.title)), 0.0
    while True:
        began = time.perf_counter()
        try:
            next(steps)
        except StopIteration:
            return longest
        longest = max(longest, (time.perf_counter() - began) * 1000)


if __name__ == "__main__":
    main()
