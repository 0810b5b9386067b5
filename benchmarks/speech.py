"""Reading aloud and the language switch: what they cost, printed as name=value (medians).

    python benchmarks/speech.py [--runs 7]

speech_load_ms              loading eSpeak NG and its data (once per process)
speech_start_ms_<language>  from a press of "Read aloud" in the window to the first samples
                            written to the sound output (target ≤ 500), median of --runs
                            presses on different sections; the first press (which loads the
                            engine) is also given alone as speech_start_first_ms
speech_section_ms_max       the longest section made into speech at once (off the window's thread)
pause_to_silence_ms, stop_ms  from Pause (Stop) to the output's queued sound dropped (target
                            < 100), on an output that plays in real time
speech_output               which output was used: the computer's ("default", e.g. PulseAudio
                            or PipeWire through ALSA), or, where there is none, a pretend
                            output that plays in real time
language_switch_ms          from the language button to the rebuilt window fully drawn in the
                            other language (target ≤ 150), median of --runs switches
install_mb                  the environment's site-packages, whole and each distribution the
                            viewer installs; install_mb_viewer is what `pip install .` brings,
                            install_mb_viewer_before_speech the same without espeakng-loader
"""

from __future__ import annotations

import argparse
import statistics
import time
from importlib import metadata
from pathlib import Path

from _window import make_window, show_complete

from cryoviewer.speech import SpeechUnavailable, engine
from cryoviewer.speech.player import CHUNK_S

SECTIONS = ("what-is-cryosurgery", "bleeding", "pain", "infection", "side-effects",
            "freeze-thaw-cycles", "inside-the-body", "lower-body-temperature", "children")
VIEWER = ("PySide6-Essentials", "shiboken6", "numpy", "pyqtgraph", "contourpy",
          "espeakng-loader")


class PacedOutput:
    """A pretend output that plays in real time with a 100 ms buffer, like a sound card."""

    def __init__(self, rate_hz: int):
        self.rate_hz, self.written, self.started = rate_hz, 0, None
        self.dropped_at: float | None = None

    def _played(self) -> int:
        if self.started is None:
            return 0
        return min(self.written, round((time.perf_counter() - self.started) * self.rate_hz))

    def write(self, samples: bytes) -> int:
        if self.written - self._played() > 0.1 * self.rate_hz:
            return 0
        if self.started is None:
            self.started = time.perf_counter()
        self.written += len(samples) // 2
        return len(samples) // 2

    def queued_frames(self) -> int:
        return self.written - self._played()

    def drop(self) -> None:
        self.dropped_at = time.perf_counter()
        self.written, self.started = 0, None

    def close(self) -> None:
        pass


def output_for_benchmark():
    """The computer's sound output if it has one, else the pretend one; and its name."""
    from cryoviewer.speech.output import open_output

    try:
        open_output(22050).close()
    except SpeechUnavailable:
        return PacedOutput, "pretend (no sound output here)"
    return open_output, "default"


def wait(app, until, timeout=10.0):
    deadline = time.perf_counter() + timeout
    while not until():
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out")
        app.processEvents()
        time.sleep(0.001)


def speech_start(runs: int) -> None:
    start = time.perf_counter()
    engine._engine_loaded()
    print(f"speech_load_ms={(time.perf_counter() - start) * 1000:.0f}")
    engine._engine = None  # the first press below loads it again, as in the viewer
    from cryoviewer.app import language_content
    from cryoviewer.content import load_pack

    opener, name = output_for_benchmark()
    print(f"speech_output={name}")
    first = None
    for language in ("en", "fr"):
        app, window = make_window(size=(1366, 768), kept_runs=True)
        show_complete(app, window.diagram, window.diagram.scenario_id)  # none computed meanwhile
        if language != "en":
            window.close()
            from cryoviewer.session import Session, View
            from cryoviewer.ui.window import MainWindow

            window = MainWindow(load_pack(language_content(language)),
                                Session(View(language=language)), window.diagram.preparer)
            window.resize(1366, 768)
            window.show()
        voice = window.read_aloud
        voice.player.open_output = opener
        times = []
        for i in range(runs):
            window.show_section(SECTIONS[i % len(SECTIONS)])
            app.processEvents()
            voice.read_button.click()
            wait(app, lambda: (voice.player.first_write or 0) > voice.pressed_at)
            times.append((voice.player.first_write - voice.pressed_at) * 1000)
            voice.stop()
        first = times[0] if first is None else first
        print(f"speech_start_ms_{language}={statistics.median(times):.0f}")
        if language == "en":
            pause_and_stop(app, voice, runs)
        window.close()
    print(f"speech_start_first_ms={first:.0f}")
    worst = 0.0
    for section in window.pack.sections:
        from cryoviewer.speech import spoken_section

        start = time.perf_counter()
        engine.synthesize(spoken_section(section).text, window.pack.language)
        worst = max(worst, time.perf_counter() - start)
    print(f"speech_section_ms_max={worst * 1000:.0f}")


def pause_and_stop(app, voice, runs: int) -> None:
    """From Pause, and from Stop, to the queued sound dropped (on a real-time output)."""
    outputs = []
    voice.player.open_output = lambda rate: outputs.append(PacedOutput(rate)) or outputs[-1]
    pauses, stops = [], []
    for _ in range(runs):
        voice.read_button.click()
        wait(app, lambda: (voice.player.first_write or 0) > voice.pressed_at)
        time.sleep(0.3 + CHUNK_S * (len(pauses) % 3) / 3)  # at different points of a chunk
        asked = time.perf_counter()
        voice.toggle()  # pause
        wait(app, lambda: outputs[-1].dropped_at is not None)
        pauses.append((outputs[-1].dropped_at - asked) * 1000)
        voice.toggle()  # go on
        time.sleep(0.2)
        outputs[-1].dropped_at = None
        asked = time.perf_counter()
        voice.stop()
        stops.append(((outputs[-1].dropped_at or time.perf_counter()) - asked) * 1000)
    print(f"pause_to_silence_ms={statistics.median(pauses):.1f}")
    print(f"stop_ms={statistics.median(stops):.1f}")


def language_switch(runs: int) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    from cryoviewer.app import language_switch as make_switch

    app, window = make_window(size=(1920, 1080), kept_runs=True)
    show_complete(app, window.diagram, window.diagram.scenario_id)  # none computed meanwhile
    switch = make_switch(window.session, window, None)
    times = []
    for _ in range(runs + 1):
        app.processEvents()
        start = time.perf_counter()
        window.next_language()           # the button's action
        new = switch.window
        new.diagram.wait_until_drawn()
        app.processEvents()
        new.grab()                       # every widget painted
        times.append((time.perf_counter() - start) * 1000)
        window = new
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the loop does
    print(f"language_switch_ms={statistics.median(times[1:]):.0f}")  # (the first loads French)
    print(f"language_switch_first_ms={times[0]:.0f}")
    window.close()


def install_sizes() -> None:
    site = Path(metadata.distribution("numpy").locate_file(""))
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    print(f"install_mb={total / 1e6:.0f}")
    sizes = {}
    for name in VIEWER:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        files = [dist.locate_file(f) for f in dist.files or ()]
        sizes[name] = sum(Path(f).stat().st_size for f in files if Path(f).is_file()) / 1e6
        print(f"install_mb_{name}={sizes[name]:.1f}")
    print(f"install_mb_viewer={sum(sizes.values()):.0f}")
    print(f"install_mb_viewer_before_speech="
          f"{sum(v for k, v in sizes.items() if k != 'espeakng-loader'):.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    install_sizes()
    speech_start(runs)
    language_switch(runs)


if __name__ == "__main__":
    main()
