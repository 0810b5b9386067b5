"""Sound output on Windows through winmm's waveOut functions, by ctypes: on every Windows since
95, no Python package and no Qt module needed.

A few short buffers are queued at a time (BUFFERS × the player's chunk); a buffer the device has
played is filled again. The play position comes from waveOutGetPosition, in samples.
"""

from __future__ import annotations

import ctypes

from .engine import SpeechUnavailable

WORD, DWORD, UINT = ctypes.c_uint16, ctypes.c_uint32, ctypes.c_uint32  # as on Windows
BUFFERS = 6                    # queued at most: 6 × 20 ms, like ALSA's 100 ms buffer
_WAVE_MAPPER = 0xFFFFFFFF      # the default output
_WAVE_FORMAT_PCM, _TIME_SAMPLES, _TIME_BYTES = 1, 2, 4
_WHDR_DONE = 0x1
NO_DEVICE = ("There is no sound output on this computer (no speakers or headphones found), "
             "so the text cannot be read aloud.")


class _Format(ctypes.Structure):   # WAVEFORMATEX (mmsystem.h packs it to 1 byte)
    _pack_ = 1
    _fields_ = [("wFormatTag", WORD), ("nChannels", WORD),
                ("nSamplesPerSec", DWORD), ("nAvgBytesPerSec", DWORD),
                ("nBlockAlign", WORD), ("wBitsPerSample", WORD),
                ("cbSize", WORD)]


class _Header(ctypes.Structure):   # WAVEHDR
    _fields_ = [("lpData", ctypes.c_void_p), ("dwBufferLength", DWORD),
                ("dwBytesRecorded", DWORD), ("dwUser", ctypes.c_size_t),
                ("dwFlags", DWORD), ("dwLoops", DWORD),
                ("lpNext", ctypes.c_void_p), ("reserved", ctypes.c_size_t)]


class _Time(ctypes.Structure):     # MMTIME, its union read as a sample or byte count
    _fields_ = [("wType", UINT), ("value", DWORD),
                ("padding", DWORD)]


class WaveOutput:
    """The default waveOut device, for 16-bit mono PCM."""

    def __init__(self, rate_hz: int):
        try:
            self._winmm = winmm = ctypes.WinDLL("winmm")
        except (OSError, AttributeError):
            raise SpeechUnavailable(NO_DEVICE, "device") from None
        winmm.waveOutOpen.argtypes = [ctypes.POINTER(ctypes.c_void_p), UINT,
                                      ctypes.POINTER(_Format), ctypes.c_size_t,
                                      ctypes.c_size_t, DWORD]
        for name in ("waveOutPrepareHeader", "waveOutUnprepareHeader", "waveOutWrite"):
            getattr(winmm, name).argtypes = [ctypes.c_void_p, ctypes.POINTER(_Header),
                                             UINT]
        winmm.waveOutGetPosition.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Time),
                                             UINT]
        for name in ("waveOutReset", "waveOutClose"):
            getattr(winmm, name).argtypes = [ctypes.c_void_p]
        wave = _Format(_WAVE_FORMAT_PCM, 1, rate_hz, rate_hz * 2, 2, 16, 0)
        self._handle = ctypes.c_void_p()
        if winmm.waveOutOpen(ctypes.byref(self._handle), _WAVE_MAPPER, ctypes.byref(wave),
                             0, 0, 0) != 0:
            raise SpeechUnavailable(NO_DEVICE, "device")
        self._headers = [_Header() for _ in range(BUFFERS)]
        self._data: list[ctypes.Array | None] = [None] * BUFFERS   # kept while queued
        self._written = 0   # frames written since the last reset (when the position is 0)

    def write(self, samples: bytes) -> int:
        for i, header in enumerate(self._headers):
            if self._data[i] is None or header.dwFlags & _WHDR_DONE:
                self._release(i)
                data = ctypes.create_string_buffer(samples, len(samples))
                header.lpData, header.dwBufferLength = ctypes.addressof(data), len(samples)
                header.dwFlags = 0
                size = ctypes.sizeof(_Header)
                if self._winmm.waveOutPrepareHeader(self._handle, header, size) != 0 or \
                        self._winmm.waveOutWrite(self._handle, header, size) != 0:
                    raise SpeechUnavailable("The sound output stopped working while reading "
                                            "aloud.", "device")
                self._data[i] = data
                self._written += len(samples) // 2
                return len(samples) // 2
        return 0  # every buffer is still queued

    def queued_frames(self) -> int:
        time = _Time(_TIME_SAMPLES, 0, 0)
        if self._winmm.waveOutGetPosition(self._handle, time, ctypes.sizeof(_Time)) != 0:
            return 0
        played = time.value // 2 if time.wType == _TIME_BYTES else time.value
        return max(0, self._written - played)

    def drop(self) -> None:
        self._winmm.waveOutReset(self._handle)   # silence; every buffer back; position 0
        for i in range(BUFFERS):
            self._release(i)
        self._written = 0

    def close(self) -> None:
        if self._handle:
            self.drop()
            self._winmm.waveOutClose(self._handle)
            self._handle = ctypes.c_void_p()

    def _release(self, i: int) -> None:
        if self._data[i] is not None:
            self._winmm.waveOutUnprepareHeader(self._handle, self._headers[i],
                                               ctypes.sizeof(_Header))
            self._data[i] = None
