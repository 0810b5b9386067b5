"""The administrator's PIN: stored only as a salted, slow hash, checked in constant time, and
locked for a while after repeated wrong guesses.

A kiosk stands in a public room and its configuration file may be read by anyone with access to
the machine, so the PIN itself is never stored. scrypt makes each guess cost tens of
milliseconds and a lot of memory; the lock makes guessing at the screen slower still.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from typing import Callable

N, R, P, DKLEN, SALT_BYTES = 2 ** 14, 8, 1, 32, 16  # scrypt cost: ~50 ms and 16 MB per PIN
_PREFIX = f"scrypt${N}${R}${P}$"
_PIN = re.compile(r"[0-9]{4,8}")  # ASCII digits only: \d would accept other scripts' digits
_B64 = r"[A-Za-z0-9+/]+={0,2}"
_HASH = re.compile(re.escape(_PREFIX) + f"({_B64})\\$({_B64})")


def _scrypt(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=N, r=R, p=P, dklen=DKLEN)


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The line to store for `pin`: "scrypt$16384$8$1$<salt>$<hash>" (base64).

    `salt` is for tests only; by default 16 fresh random bytes, so two kiosks with the same PIN
    have different hashes.
    """
    if not isinstance(pin, str) or not _PIN.fullmatch(pin):
        raise ValueError("the PIN must be 4 to 8 digits (0-9), nothing else")
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    if not isinstance(salt, bytes) or len(salt) != SALT_BYTES:
        raise ValueError(f"the salt must be {SALT_BYTES} bytes")
    encode = base64.b64encode
    return f"{_PREFIX}{encode(salt).decode()}${encode(_scrypt(pin, salt)).decode()}"


def _parts(stored: object) -> tuple[bytes, bytes] | None:
    """The salt and hash in a stored line, or None if it is not one hash_pin could have made."""
    if not isinstance(stored, str):
        return None
    found = _HASH.fullmatch(stored)
    if not found:
        return None
    try:
        salt, digest = (base64.b64decode(part, validate=True) for part in found.groups())
    except ValueError:  # binascii.Error: bad padding
        return None
    return (salt, digest) if len(salt) == SALT_BYTES and len(digest) == DKLEN else None


def valid_hash(stored: str) -> bool:
    """Whether `stored` has the form hash_pin makes (used to check the configuration file)."""
    return _parts(stored) is not None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` is the one `stored` was made from. Never raises: a malformed `stored` (or
    PIN) is simply not a match."""
    parts = _parts(stored)
    if parts is None or not isinstance(pin, str) or not _PIN.fullmatch(pin):
        return False
    salt, digest = parts
    return hmac.compare_digest(_scrypt(pin, salt), digest)


class PinLock:
    """The PIN prompt's gatekeeper: after `tries` wrong PINs in a row it refuses every PIN for
    `lock_s` seconds, so a visitor cannot try all 10,000 four-digit PINs in an afternoon.

    `clock` is any monotonic clock in seconds (tests pass a fake one). `stored_hash` may be None
    (no PIN configured): then no PIN is ever right.
    """

    def __init__(self, stored_hash: str | None, clock: Callable[[], float] = time.monotonic,
                 tries: int = 3, lock_s: float = 60):
        self.stored_hash = stored_hash
        self.clock = clock
        self.tries = tries
        self.lock_s = lock_s
        self._wrong = 0
        self._until: float | None = None

    def locked_for(self) -> float:
        """Seconds until PINs are accepted again; 0 when not locked."""
        if self._until is None:
            return 0.0
        left = self._until - self.clock()
        if left <= 0:
            self._until = None
            return 0.0
        return left

    def try_pin(self, pin: str) -> str:
        """"ok" (and the count of wrong PINs starts again), "wrong", or "locked": this attempt
        was refused unchecked because of an earlier lock, or it was the wrong PIN that locked it.
        Attempts during a lock do not extend it."""
        if self.locked_for() > 0:
            return "locked"
        if verify_pin(pin, self.stored_hash):
            self._wrong = 0
            return "ok"
        self._wrong += 1
        if self._wrong < self.tries:
            return "wrong"
        self._wrong = 0
        self._until = self.clock() + self.lock_s
        return "locked"
