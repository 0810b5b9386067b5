"""Sound output on Linux through ALSA's libasound.so.2, by ctypes: on every Linux desktop,
and PipeWire or PulseAudio are reached through its "default" device. No Python package and no
Qt module needed.
"""

from __future__ import annotations

import ctypes
import ctypes.util

from .engine import SpeechUnavailable

_PLAYBACK, _S16_LE, _RW_INTERLEAVED = 0, 2, 3
_RUNNING = 3  # snd_pcm_state_t: past it (XRUN, suspended...) nothing is still to be heard
_LATENCY_US = 100_000   # the output's buffer: what a pause or a stop silences at once
_NONBLOCK, _EAGAIN = 1, 11
NO_DEVICE = ("There is no sound output on this computer (no speakers or headphones found), "
             "so the text cannot be read aloud.")

# ALSA prints its errors on the terminal (a missing card gives nine lines); the viewer says
# it once, plainly, instead. The handler is variadic in C: the fixed arguments are enough.
_SILENT = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
                           ctypes.c_char_p)(lambda *args: None)
_lib = None


def _library():
    global _lib
    if _lib is None:
        name = ctypes.util.find_library("asound") or "libasound.so.2"
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            raise SpeechUnavailable(NO_DEVICE + " (ALSA's libasound is not installed.)",
                                    "device") from None
        lib.snd_lib_error_set_handler(_SILENT)
        lib.snd_pcm_open.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p,
                                     ctypes.c_int, ctypes.c_int]
        lib.snd_pcm_set_params.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                           ctypes.c_uint, ctypes.c_uint, ctypes.c_int,
                                           ctypes.c_uint]
        lib.snd_pcm_writei.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_ulong]
        lib.snd_pcm_writei.restype = ctypes.c_long
        lib.snd_pcm_delay.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_long)]
        lib.snd_pcm_recover.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        lib.snd_pcm_sw_params_malloc.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
        lib.snd_pcm_sw_params_current.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.snd_pcm_sw_params_set_start_threshold.argtypes = [ctypes.c_void_p, ctypes.c_void_p,
                                                              ctypes.c_ulong]
        lib.snd_pcm_sw_params.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.snd_pcm_sw_params_free.argtypes = [ctypes.c_void_p]
        for name in ("snd_pcm_drop", "snd_pcm_prepare", "snd_pcm_close", "snd_pcm_state"):
            getattr(lib, name).argtypes = [ctypes.c_void_p]
        _lib = lib
    return _lib


class AlsaOutput:
    """An ALSA playback device ("default": the desktop's sound; "null": none, for tests)."""

    def __init__(self, rate_hz: int, device: str = "default", start_frames: int = 1):
        lib = _library()
        self._lib, self._pcm = lib, ctypes.c_void_p()
        if lib.snd_pcm_open(ctypes.byref(self._pcm), device.encode(), _PLAYBACK,
                            _NONBLOCK) < 0:
            raise SpeechUnavailable(NO_DEVICE, "device")
        if lib.snd_pcm_set_params(self._pcm, _S16_LE, _RW_INTERLEAVED, 1, rate_hz, 1,
                                  _LATENCY_US) < 0:
            lib.snd_pcm_close(self._pcm)
            raise SpeechUnavailable("The sound output cannot play the voice (it refused "
                                    f"{rate_hz} Hz mono), so the text cannot be read aloud.", "device")
        self._start_at_once(start_frames)

    def _start_at_once(self, frames: int) -> None:
        """Sound starts with the first chunk, not when the buffer is full (ALSA's default):
        the first word is heard sooner, and a text shorter than the buffer is heard at all."""
        lib, params = self._lib, ctypes.c_void_p()
        if lib.snd_pcm_sw_params_malloc(ctypes.byref(params)) < 0:
            return
        try:
            if lib.snd_pcm_sw_params_current(self._pcm, params) >= 0 and \
                    lib.snd_pcm_sw_params_set_start_threshold(self._pcm, params, frames) >= 0:
                lib.snd_pcm_sw_params(self._pcm, params)
        finally:
            lib.snd_pcm_sw_params_free(params)

    def write(self, samples: bytes) -> int:
        done = self._lib.snd_pcm_writei(self._pcm, samples, len(samples) // 2)
        if done == -_EAGAIN:
            return 0  # full: the player waits a little, listening for commands
        if done < 0:  # an underrun (or a suspend) is recovered; anything else is lost
            if self._lib.snd_pcm_recover(self._pcm, int(done), 1) < 0:
                raise SpeechUnavailable("The sound output stopped working while reading "
                                        "aloud.", "device")
            return 0
        return done

    def queued_frames(self) -> int:
        delay = ctypes.c_long()
        if self._lib.snd_pcm_state(self._pcm) > _RUNNING or \
                self._lib.snd_pcm_delay(self._pcm, ctypes.byref(delay)) < 0:
            return 0  # ran dry (the end was heard), or stopped
        return max(0, delay.value)

    def drop(self) -> None:
        self._lib.snd_pcm_drop(self._pcm)
        self._lib.snd_pcm_prepare(self._pcm)  # ready to play again

    def close(self) -> None:
        if self._pcm:
            self._lib.snd_pcm_close(self._pcm)
            self._pcm = ctypes.c_void_p()
