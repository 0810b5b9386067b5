"""Playing a spoken text on a sound output, in a thread of its own, with pause, resume and
stop that act at once and a play position the interface can poll to mark the word heard.

The player feeds the output in short chunks (CHUNK_S) without ever blocking in it (a full
output takes nothing and the player waits on its commands), so a command acts within a chunk;
pausing drops what the output still holds (silence at once) and resumes from the sample that
was being heard. Every call to the output is made from the player's thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from .engine import Speech, SpeechUnavailable

log = logging.getLogger(__name__)
CHUNK_S = 0.02      # a command (pause, stop) waits at most this long for the output
IDLE, PLAYING, PAUSED, FINISHED, FAILED = "idle", "playing", "paused", "finished", "failed"


class Output(Protocol):
    """A sound output open for 16-bit mono PCM at one rate."""

    def write(self, samples: bytes) -> int:
        """Queues what it can of the samples at once (never blocks); the frames taken."""

    def queued_frames(self) -> int:
        """Frames written but not yet heard."""

    def drop(self) -> None:
        """Silence at once: forgets what is queued."""

    def close(self) -> None:
        ...


OpenOutput = Callable[[int], Output]  # rate in Hz -> an open output (SpeechUnavailable if none)


class Player:
    """Plays one Speech at a time. `state` is IDLE, PLAYING, PAUSED, FINISHED or FAILED
    (then `failure` says why); `position_s` is the time being heard."""

    def __init__(self, open_output: OpenOutput):
        self.open_output = open_output  # (tests give a pretend one)
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._speech: Speech | None = None
        self._heard = 0          # frames heard (the play position)
        self._command = ""       # "pause", "resume", "stop": read by the thread
        self.state = IDLE
        self.failure: SpeechUnavailable | None = None
        self.first_write: float | None = None   # perf_counter() of the first samples written

    @property
    def position_s(self) -> float:
        speech = self._speech
        return self._heard / speech.rate_hz if speech else 0.0

    def play(self, speech: Speech, from_s: float = 0.0) -> None:
        """Plays `speech` from `from_s` seconds (whatever was playing stops first)."""
        self.stop()
        frames = len(speech.samples) // 2
        self._speech = speech
        self._heard = min(frames, max(0, round(from_s * speech.rate_hz)))
        self._command, self.state, self.failure, self.first_write = "", PLAYING, None, None
        self._thread = threading.Thread(target=self._run, args=(speech,), daemon=True,
                                        name="read-aloud")
        self._thread.start()

    def pause(self) -> None:
        self._tell("pause", PLAYING, PAUSED)

    def resume(self) -> None:
        self._tell("resume", PAUSED, PLAYING)

    def stop(self) -> None:
        """Stops at once and waits for the thread (at most one chunk): nothing sounds after."""
        thread = self._thread
        if thread is None:
            return
        with self._wake:
            self._command = "stop"
            self._wake.notify_all()
        thread.join()
        self._thread = None
        if self.state in (PLAYING, PAUSED):
            self.state = IDLE

    def _tell(self, command: str, when: str, then: str) -> None:
        with self._wake:
            if self.state == when and self._thread is not None:
                self._command, self.state = command, then
                self._wake.notify_all()

    # -- the player's thread ------------------------------------------------------------------

    def _run(self, speech: Speech) -> None:
        output = None
        try:
            output = self.open_output(speech.rate_hz)
            self._feed(speech, output)
        except SpeechUnavailable as exc:
            self.failure, self.state = exc, FAILED
        except Exception as exc:  # the sound library failed: said plainly, never a traceback
            log.exception("Reading aloud: the sound output failed")
            self.failure, self.state = SpeechUnavailable(str(exc), "device"), FAILED
        finally:
            if output is not None:
                output.drop()
                output.close()

    def _feed(self, speech: Speech, output: Output) -> None:
        samples, chunk = speech.samples, max(1, round(CHUNK_S * speech.rate_hz))
        frames = len(samples) // 2
        written = self._heard
        while True:
            with self._wake:
                command = self._command
                if command == "pause":
                    self._heard = max(self._heard, written - output.queued_frames())
                    output.drop()
                    written = self._heard
                    while self._command == "pause":
                        self._wake.wait()
                    command = self._command
                if command == "stop":
                    return
                self._command = ""
            taken = 0
            if written < frames:
                taken = output.write(samples[written * 2:min(frames, written + chunk) * 2])
                if taken and self.first_write is None:
                    self.first_write = time.perf_counter()
                written += taken
            if not taken:  # full, or all written: wait a little, listening for commands
                with self._wake:
                    if not self._command:
                        self._wake.wait(CHUNK_S / 2)
            self._heard = max(self._heard, written - output.queued_frames())
            if written >= frames and self._heard >= frames:
                self.state = FINISHED
                return
