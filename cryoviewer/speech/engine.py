"""Speech synthesis with eSpeak NG, loaded from the `espeakng-loader` wheel through ctypes.

Qt-free and device-free: `synthesize()` returns the whole utterance as 16-bit mono PCM with the
time at which each word starts; playing it (and marking the words) is the interface's job.

eSpeak NG keeps one global state per process, so every call holds `_LOCK`; it runs in the
calling thread (synchronous mode), so the interface calls it from a worker thread.
"""

from __future__ import annotations

import bisect
import ctypes
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .spoken import WORD

LANGUAGES = {"en": "en", "fr": "fr"}  # our language -> eSpeak NG voice name
BASE_WORDS_PER_MINUTE = 160  # eSpeak's default is 175; a little slower for patients
MIN_WPM, MAX_WPM = 80, 450  # eSpeak NG's own limits

# espeak_AUDIO_OUTPUT, espeak_EVENT_TYPE, espeak_PARAMETER, flags (speak_lib.h)
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000  # report errors instead of exit()ing the process
_EVENT_LIST_TERMINATED, _EVENT_WORD = 0, 1
_RATE = 1
_POS_CHARACTER = 1
_CHARS_UTF8, _ENDPAUSE = 0x1, 0x1000
_EE_OK = 0


class SpeechUnavailable(Exception):
    """Speech cannot be made or heard. The message is plain, for the person at the terminal;
    `reason` says which it is, for the window to say in its own language: "engine" (not
    installed, or not working), "voice" (none for the language), "device" (no sound output, or
    it failed), "platform" (no sound output the viewer knows on this kind of computer)."""

    def __init__(self, message: str, reason: str = "engine"):
        super().__init__(message)
        self.reason = reason


class Word(NamedTuple):
    """A word as spoken: its characters in the text given (start, end) and when it starts."""

    start: int
    end: int
    time_s: float


@dataclass(frozen=True)
class Speech:
    """A spoken text: 16-bit little-endian mono PCM, and its words in the order spoken."""

    text: str
    samples: bytes
    rate_hz: int
    words: tuple[Word, ...]

    @property
    def duration_s(self) -> float:
        return len(self.samples) / 2 / self.rate_hz


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_void_p)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))
_LOCK = threading.Lock()
_engine: _Engine | None = None


class _Engine:
    """The loaded library, initialised once for the process."""

    def __init__(self):
        try:
            import espeakng_loader
        except ImportError:
            raise SpeechUnavailable("Reading aloud is not installed: the eSpeak NG voices "
                                    "(package espeakng-loader) are missing.") from None
        try:
            lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as exc:
            raise SpeechUnavailable(f"Reading aloud cannot start: the eSpeak NG library "
                                    f"could not be loaded ({exc}).") from None
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
                                          ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                     ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                     ctypes.c_void_p, ctypes.c_void_p]
        # The data folder itself is accepted as the path (espeak_ng_InitializePath).
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0,
                                     str(Path(data)).encode(), _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise SpeechUnavailable("Reading aloud cannot start: the eSpeak NG voices "
                                    "could not be read.")
        self.lib, self.rate_hz, self.data = lib, rate, Path(data)
        self.chunks: list[bytes] = []
        self.events: list[tuple[int, int, int]] = []
        self._callback = _CALLBACK(self._collect)  # kept: the library holds the pointer
        lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav, count, events) -> int:
        if wav and count > 0:
            self.chunks.append(ctypes.string_at(wav, count * 2))
        i = 0
        while events[i].type != _EVENT_LIST_TERMINATED:
            event = events[i]
            if event.type == _EVENT_WORD:
                self.events.append((event.text_position, event.length, event.audio_position))
            i += 1
        return 0  # go on


def _engine_loaded() -> _Engine:
    global _engine
    if _engine is None:
        _engine = _Engine()
    return _engine


def voice_for(language: str) -> str:
    """The eSpeak NG voice for one of our languages; SpeechUnavailable if there is none."""
    voice = LANGUAGES.get(language)
    if voice is None:
        raise SpeechUnavailable(f"There is no voice to read aloud in this language "
                                f"('{language}').", "voice")
    return voice


def synthesize(text: str, language: str, rate: float = 1.0) -> Speech:
    """Speaks `text` in a language ("en", "fr") at `rate` times the normal speed.

    Word positions are character offsets into `text` (not bytes), in the order spoken.
    """
    voice = voice_for(language)
    wpm = round(min(MAX_WPM, max(MIN_WPM, BASE_WORDS_PER_MINUTE * rate)))
    with _LOCK:
        engine = _engine_loaded()
        lib = engine.lib
        if lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
            raise SpeechUnavailable(f"There is no voice to read aloud in this language "
                                    f"('{language}'): eSpeak NG has no voice '{voice}'.",
                                    "voice")
        lib.espeak_SetParameter(_RATE, wpm, 0)
        engine.chunks, engine.events = [], []
        data = text.encode("utf-8") + b"\0"
        error = lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0,
                                 _CHARS_UTF8 | _ENDPAUSE, None, None)
        if error != _EE_OK:
            raise SpeechUnavailable(f"The voice could not read this text (eSpeak NG error "
                                    f"{error}).")
        samples, events = b"".join(engine.chunks), engine.events
        engine.chunks, engine.events = [], []
    return Speech(text, samples, engine.rate_hz, _words(text, events))


# eSpeak's own word lengths are not reliable around apostrophes, hyphens and decimal marks,
# so its positions are snapped to the words of the text as the reader sees them.


def _words(text: str, events: list[tuple[int, int, int]]) -> tuple[Word, ...]:
    """eSpeak's word events (1-based character position, length, milliseconds) as words of
    `text`: each event marks the word of the text at or after its position; a word is given
    once, at its first event, and words only go forward."""
    spans = [m.span() for m in WORD.finditer(text)]
    ends = [end for _, end in spans]
    words, last = [], -1
    for position, _length, ms in events:
        i = bisect.bisect_right(ends, max(0, position - 1))
        if i >= len(spans) or i <= last:
            continue
        last = i
        words.append(Word(spans[i][0], spans[i][1], ms / 1000))
    return tuple(words)


def write_wav(speech: Speech, path: Path) -> None:
    """Writes the speech as a 16-bit mono WAV file."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(speech.rate_hz)
        out.writeframes(speech.samples)
