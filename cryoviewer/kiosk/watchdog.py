"""Telling the service manager that the kiosk is up and still alive: systemd's notify protocol.

A kiosk nobody watches must be restarted when it crashes (the service manager sees the process
end) and also when it freezes (the process lives on, the screen does not change). For the
second, systemd offers a watchdog: a service started with WatchdogSec= gets WATCHDOG_USEC in its
environment and must send "WATCHDOG=1" more often than that, or it is killed and started again.
The kiosk feeds it from a timer on its event loop, so a stuck event loop stops the feeding.

The protocol (sd_notify(3)) is one datagram of "KEY=value" lines sent to the unix socket named
in $NOTIFY_SOCKET; a name starting with "@" is in the abstract namespace. It is short enough to
write here rather than depend on a library, and it is harmless everywhere else: with no
$NOTIFY_SOCKET (started by hand, on Windows, in tests) every call returns False and does
nothing. Nothing here raises, whatever the environment holds.

Standard library only, no Qt: the shell owns the timer (see ui/kiosk.py).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping

SEND_TIMEOUT_S = 1.0  # a full socket queue (a service manager that hangs) never blocks longer


def notify(message: str, *, env: Mapping[str, str] | None = None) -> bool:
    """Send `message` (lines of KEY=value, such as "READY=1") to the service manager.

    True when the datagram was sent; False when there is no $NOTIFY_SOCKET, when it names
    something other than a unix socket path or an abstract name, or when sending fails.
    """
    env = os.environ if env is None else env
    address = _address(env.get("NOTIFY_SOCKET", ""))
    if address is None or not hasattr(socket, "AF_UNIX"):
        return False
    try:
        data = message.encode("utf-8")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.settimeout(SEND_TIMEOUT_S)
            sock.sendto(data, address)
        return True
    except (OSError, ValueError):  # no such socket, refused, queue full; a NUL in a path
        return False


def _address(name: str) -> str | bytes | None:
    """The socket address for $NOTIFY_SOCKET's value; None for none or an unsupported kind
    (systemd also knows "vsock:..." for virtual machines, which a kiosk never is)."""
    if name.startswith("@") and len(name) > 1:
        return b"\0" + name[1:].encode("utf-8", "surrogateescape")  # the abstract namespace
    if name.startswith("/"):
        return name
    return None


def watchdog_interval_s(*, env: Mapping[str, str] | None = None,
                        pid: int | None = None) -> float | None:
    """How often to send WATCHDOG=1, in seconds: half the service's watchdog timeout (as
    sd_watchdog_enabled(3) advises), or None when there is no watchdog for this process.

    There is none when $WATCHDOG_USEC is missing, not a positive whole number, or when
    $WATCHDOG_PID is set to another process's id (the variable was inherited from a parent the
    watchdog belongs to). `pid` is this process's id (the default).
    """
    env = os.environ if env is None else env
    usec = _positive(env.get("WATCHDOG_USEC", ""))
    if usec is None:
        return None
    owner = env.get("WATCHDOG_PID", "")
    if owner and _positive(owner) != (os.getpid() if pid is None else pid):
        return None
    return usec / 1_000_000 / 2


def _positive(text: str) -> int | None:
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if value > 0 else None


class Watchdog:
    """The kiosk's link to its service manager.

    `ready()` once the window is up, `feed()` every `interval_s` seconds from the event loop
    (when `interval_s` is None there is no watchdog and nothing needs feeding), `stopping()`
    before a deliberate exit. Each returns whether the message was sent.
    """

    def __init__(self, *, env: Mapping[str, str] | None = None):
        self._env = env
        self.interval_s: float | None = watchdog_interval_s(env=env)

    @property
    def supervised(self) -> bool:
        """Whether a service manager listens (a $NOTIFY_SOCKET is set)."""
        env = os.environ if self._env is None else self._env
        return _address(env.get("NOTIFY_SOCKET", "")) is not None

    def ready(self) -> bool:
        """Start-up is over: a Type=notify service counts as started from here."""
        return notify("READY=1", env=self._env)

    def feed(self) -> bool:
        """Still alive: the watchdog's timeout starts again."""
        return notify("WATCHDOG=1", env=self._env)

    def stopping(self) -> bool:
        """The program is about to exit on purpose."""
        return notify("STOPPING=1", env=self._env)

    def status(self, text: str) -> bool:
        """A one-line status that `systemctl status` shows."""
        return notify("STATUS=" + " ".join(text.split()), env=self._env)


STALL_S = 30.0      # an event loop silent this long is frozen (systemd's watchdog acts at 10 s)
STALL_STATUS = 70   # the exit status of a viewer that ended itself because it froze


class StallGuard:
    """The viewer's own watchdog, for the set-ups where nobody watches for a freeze (Windows'
    Shell Launcher restarts a program that exits, not one that hangs): the event loop beats,
    a thread of its own checks the beats, and after `limit_s` of silence calls `on_stall`
    (by default: every thread's stack to the fault log, then exit, to be started again)."""

    def __init__(self, limit_s: float = STALL_S, on_stall=None, clock=None):
        import threading
        import time

        self.limit_s = limit_s
        self.clock = clock or time.monotonic
        self.on_stall = on_stall or _end_frozen
        self._last = self.clock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stall-guard", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def beat(self) -> None:
        self._last = self.clock()

    def stop(self) -> None:
        self._stop.set()

    def stalled(self) -> bool:
        return self.clock() - self._last > self.limit_s

    def _watch(self) -> None:
        while not self._stop.wait(min(1.0, self.limit_s / 4)):
            if self.stalled():
                self.on_stall()
                return


def _end_frozen() -> None:
    import faulthandler
    import sys

    try:
        print(f"CryoViewer: the interface has not answered for {STALL_S:.0f} s; ending so "
              f"that it is started again.", file=sys.stderr, flush=True)
        faulthandler.dump_traceback(all_threads=True)  # to the fault log when one is open
    finally:
        os._exit(STALL_STATUS)
