"""The sound output of this computer, for the player: ALSA on Linux (which also reaches
PipeWire and PulseAudio), waveOut on Windows. Elsewhere, a plain message."""

from __future__ import annotations

import sys

from .engine import SpeechUnavailable
from .player import Output


def open_output(rate_hz: int) -> Output:
    """The default sound output, open for 16-bit mono at `rate_hz`; SpeechUnavailable (a plain
    sentence) if this computer has none the viewer can use."""
    if sys.platform.startswith("linux"):
        from .alsa import AlsaOutput

        return AlsaOutput(rate_hz)
    if sys.platform == "win32":
        from .winmm import WaveOutput

        return WaveOutput(rate_hz)
    raise SpeechUnavailable("Reading aloud cannot play sound on this kind of computer yet. "
                            "A member of staff can make a sound file of this section instead.",
                            "platform")
