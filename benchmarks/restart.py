"""How long a kiosk is gone when its viewer dies or freezes: prints name=value lines.

    python benchmarks/restart.py [--emulate | --systemd] [--runs 3] [--fake-viewer]
                                 [--command CMD ...] [--unit NAME]

restart_s_killed   seconds from SIGKILL of the viewer's main process to a new viewer being
                   ready (median of --runs): RestartSec + the viewer's start-up.
restart_s_frozen   the same from SIGSTOP (a frozen viewer: it stays alive but stops feeding the
                   watchdog): up to WatchdogSec more, since systemd waits for the watchdog's
                   timeout, then SIGABRT (with SIGCONT), RestartSec and the start-up.
startup_s          (emulated) seconds from starting the viewer's process to its READY=1.

Two ways of measuring:

- With a systemd user manager (`systemctl --user is-system-running` answers running or
  degraded): the viewer runs as a transient user unit (systemd-run --user) with the [Service]
  settings of deploy/linux/cryoviewer-kiosk.service (Type=notify, WatchdogSec=3, Restart=always,
  RestartSec=0.5...), or as the existing user unit named by --unit. "Ready" is `systemctl --user
  show -p MainPID,ActiveState` giving a new MainPID with ActiveState=active, which for
  Type=notify means the new viewer has sent READY=1.
- Without one (--emulate, the default then; this is the case in containers, where PID 1 is not
  systemd): `Supervisor` below does what systemd does for that unit, and the times are real
  times of real processes. It creates a notify socket, starts the command with NOTIFY_SOCKET,
  WATCHDOG_USEC and WATCHDOG_PID (the child's own pid, as systemd sets it), counts the service
  started at READY=1 from the main process (NotifyAccess=main), restarts it RestartSec after it
  exits (Restart=always; not after a status in RestartPreventExitStatus), and when no WATCHDOG=1
  came for WatchdogSec sends SIGABRT then SIGCONT to its process group, then SIGKILL after
  TimeoutAbortSec. Its differences from systemd: a process group stands for the cgroup (a
  process that leaves the group escapes), core dumps are switched off, the watchdog is armed at
  READY=1.

The viewer: by default `python -m cryoviewer --kiosk` with QT_QPA_PLATFORM=offscreen (no screen
needed), its data, cache and settings folders in a temporary folder. --command runs any other
command. --fake-viewer runs FAKE_VIEWER instead: a Python one-liner that uses
cryoviewer.kiosk.watchdog to send READY=1 and then WATCHDOG=1 every second and does nothing
else. It is what tests/test_watchdog.py supervises, and what to use while kiosk mode is being
built (it measures the supervision alone, without the viewer's start-up):

    python benchmarks/restart.py --emulate --fake-viewer

On a real kiosk, check by hand as well (the steps are printed when no user manager runs).
"""

from __future__ import annotations

import argparse
import configparser
import os
import re
import select
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNIT_FILE = ROOT / "deploy" / "linux" / "cryoviewer-kiosk.service"
VIEWER = [sys.executable, "-m", "cryoviewer", "--kiosk"]
FAKE_VIEWER_CODE = (
    "import time\n"
    "from cryoviewer.kiosk.watchdog import Watchdog\n"
    "w = Watchdog()\n"
    "w.ready()\n"
    "w.status(f'fake viewer; watchdog every {w.interval_s} s')\n"
    "while True:\n"
    "    w.feed()\n"
    "    time.sleep(1)\n"
)
FAKE_VIEWER = [sys.executable, "-c", FAKE_VIEWER_CODE]
# The [Unit] and [Service] settings a transient unit takes from the unit file.
UNIT_KEYS = ("StartLimitIntervalSec",)
SERVICE_KEYS = ("Type", "NotifyAccess", "WatchdogSec", "Restart", "RestartSec",
                "RestartPreventExitStatus", "SuccessExitStatus", "TimeoutStartSec",
                "TimeoutAbortSec", "TimeoutStopSec")
ESSENTIAL_KEYS = ("Type", "NotifyAccess", "WatchdogSec", "Restart", "RestartSec")
# Sets WATCHDOG_PID to the process's own id and then becomes the command (exec keeps the id),
# as systemd does between fork and exec; no core files from the SIGABRT of a frozen viewer.
_WRAPPER = 'ulimit -c 0 2>/dev/null; WATCHDOG_PID=$$; export WATCHDOG_PID; exec "$@"'
_POLL_S = 0.05
_SPAN = re.compile(r"([0-9]+(?:\.[0-9]*)?)\s*(us|ms|sec|s|min|m|h)?")
_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "sec": 1.0, "min": 60.0, "m": 60.0, "h": 3600.0}


@dataclass(frozen=True)
class Event:
    t: float      # time.monotonic()
    kind: str     # spawn ready watchdog status stopping ignored exit watchdog-timeout
                  # start-timeout stop-timeout kill no-restart
    pid: int
    detail: str = ""


class Supervisor:
    """One command supervised as systemd supervises a Type=notify service with Restart=always,
    RestartSec=, WatchdogSec=, NotifyAccess=main and KillMode=control-group. Linux only.

        with Supervisor(FAKE_VIEWER, watchdog_sec=2, restart_sec=0.5) as supervisor:
            pid, ready_at = supervisor.wait_ready(timeout=10)
            os.kill(pid, signal.SIGSTOP)
            new_pid, new_ready_at = supervisor.wait_ready(timeout=10, other_than=pid)

    Timeouts in seconds; watchdog_sec=0 means no watchdog (no WATCHDOG_USEC is given).
    """

    def __init__(self, command: list[str], *, env: dict[str, str] | None = None,
                 cwd: str | os.PathLike | None = None, restart_sec: float = 1.0,
                 watchdog_sec: float = 10.0, timeout_start_sec: float = 90.0,
                 timeout_stop_sec: float = 90.0, timeout_abort_sec: float | None = None,
                 restart_prevent_exit_status: tuple[int, ...] = (), output=None):
        self.command = list(command)
        self.env = dict(os.environ if env is None else env)
        self.cwd = cwd
        self.restart_sec = restart_sec
        self.watchdog_sec = watchdog_sec
        self.timeout_start_sec = timeout_start_sec
        self.timeout_stop_sec = timeout_stop_sec
        self.timeout_abort_sec = (timeout_stop_sec if timeout_abort_sec is None
                                  else timeout_abort_sec)
        self.restart_prevent = set(restart_prevent_exit_status)
        self.output = output
        self.events: list[Event] = []
        self._lock = threading.Condition()
        self._ready: tuple[int, float] | None = None   # (pid, when) of the running service
        self._process: subprocess.Popen | None = None
        self._finished = False  # ended for good (a status in restart_prevent, or stopped)
        self._stop = threading.Event()
        self._folder = tempfile.mkdtemp(prefix="cv-notify-")
        self.socket_path = os.path.join(self._folder, "notify")
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(self.socket_path)
        self._credentials = hasattr(socket, "SO_PASSCRED")
        if self._credentials:  # the kernel then tells who sent each message (NotifyAccess=main)
            self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._run, name="supervisor", daemon=True)

    # -- use ----------------------------------------------------------------------------------

    def __enter__(self) -> Supervisor:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop the service (SIGTERM, then SIGKILL after TimeoutStopSec) and clean up."""
        self._stop.set()
        os.write(self._wake_w, b"x")
        self._thread.join()
        self._socket.close()
        os.close(self._wake_r)
        os.close(self._wake_w)
        shutil.rmtree(self._folder, ignore_errors=True)

    @property
    def main_pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.returncode is None else None

    def wait_ready(self, timeout: float, other_than: int | None = None
                   ) -> tuple[int, float] | None:
        """(pid, time.monotonic() of its READY=1) once a main process other than `other_than`
        is ready; None after `timeout` seconds or when the service ended for good."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                if self._ready is not None and self._ready[0] != other_than:
                    return self._ready
                left = deadline - time.monotonic()
                if left <= 0 or self._finished:
                    return None
                self._lock.wait(left)

    def wait_finished(self, timeout: float) -> bool:
        """Whether the service ended for good (no restart) within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not self._finished:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    def kinds(self) -> list[str]:
        with self._lock:
            return [event.kind for event in self.events]

    # -- the supervising thread ---------------------------------------------------------------

    def _note(self, kind: str, pid: int, detail: str = "") -> None:
        with self._lock:
            self.events.append(Event(time.monotonic(), kind, pid, detail))
            self._lock.notify_all()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                status = self._supervise(self._spawn())
                if self._stop.is_set():
                    break
                if status in self.restart_prevent:
                    self._note("no-restart", 0, f"status {status}")
                    break
                if self._stop.wait(self.restart_sec):
                    break
        finally:
            with self._lock:
                self._finished = True
                self._ready = None
                self._lock.notify_all()

    def _spawn(self) -> subprocess.Popen:
        env = dict(self.env, NOTIFY_SOCKET=self.socket_path)
        env.pop("WATCHDOG_PID", None)
        env.pop("WATCHDOG_USEC", None)
        if self.watchdog_sec:
            env["WATCHDOG_USEC"] = str(round(self.watchdog_sec * 1_000_000))
        process = subprocess.Popen(["/bin/sh", "-c", _WRAPPER, "sh", *self.command], env=env,
                                   cwd=self.cwd, stdin=subprocess.DEVNULL, stdout=self.output,
                                   stderr=self.output, start_new_session=True)
        self._process = process
        self._note("spawn", process.pid)
        return process

    def _supervise(self, process: subprocess.Popen) -> int | None:
        """Watch `process` until it is gone; its exit status (None when killed by us)."""
        state, started = "starting", time.monotonic()
        last_ping = stop_deadline = 0.0
        try:
            exited = os.pidfd_open(process.pid)
        except (AttributeError, OSError):
            exited = None  # older kernels: poll every _POLL_S
        try:
            while True:
                now = time.monotonic()
                if state == "starting":
                    deadline = started + self.timeout_start_sec
                elif state == "running" and self.watchdog_sec:
                    deadline = last_ping + self.watchdog_sec
                elif state == "stopping":
                    deadline = stop_deadline
                else:
                    deadline = None
                wait = 0.5 if deadline is None else max(0.0, deadline - now)
                if exited is None:
                    wait = min(wait, _POLL_S)
                sources = [self._socket, self._wake_r] + ([exited] if exited is not None else [])
                readable, _, _ = select.select(sources, [], [], wait)
                if self._socket in readable:
                    for line in self._receive(process.pid):
                        now = time.monotonic()
                        if line == "READY=1" and state == "starting":
                            state, last_ping = "running", now
                            with self._lock:
                                self._ready = (process.pid, now)
                                self._lock.notify_all()
                            self._note("ready", process.pid)
                        elif line == "WATCHDOG=1":
                            last_ping = now
                            self._note("watchdog", process.pid)
                        elif line == "WATCHDOG=trigger" and state == "running":
                            last_ping = now - self.watchdog_sec
                        elif line == "STOPPING=1" and state in ("starting", "running"):
                            state, stop_deadline = "stopping", now + self.timeout_stop_sec
                            self._note("stopping", process.pid)
                        elif line.startswith("STATUS="):
                            self._note("status", process.pid, line[len("STATUS="):])
                if self._wake_r in readable:  # stop(): as `systemctl stop`
                    self._kill(process, signal.SIGTERM, self.timeout_stop_sec)
                    return None
                status = process.poll()
                if status is not None:
                    self._gone(process, "exit", str(status))
                    self._kill(process, signal.SIGTERM, self.timeout_stop_sec)  # what is left
                    return status
                if deadline is not None and time.monotonic() >= deadline:
                    if state == "running":
                        self._gone(process, "watchdog-timeout", f"{self.watchdog_sec} s")
                        self._kill(process, signal.SIGABRT, self.timeout_abort_sec)
                    else:
                        self._gone(process, f"{'start' if state == 'starting' else 'stop'}"
                                            "-timeout", "")
                        self._kill(process, signal.SIGTERM, self.timeout_stop_sec)
                    return None
        finally:
            if exited is not None:
                os.close(exited)

    def _receive(self, main_pid: int) -> list[str]:
        """The lines of one waiting message, if it came from the main process."""
        try:
            data, ancillary, _, _ = self._socket.recvmsg(4096, socket.CMSG_SPACE(12))
        except OSError:
            return []
        sender = main_pid  # without credentials (not Linux), every message counts
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == getattr(socket, "SCM_CREDENTIALS", -1):
                sender = struct.unpack("3i", payload[:12])[0]
        lines = data.decode("utf-8", "replace").splitlines()
        if sender != main_pid:
            self._note("ignored", sender, " ".join(lines))
            return []
        return lines

    def _gone(self, process: subprocess.Popen, kind: str, detail: str) -> None:
        with self._lock:
            if self._ready is not None and self._ready[0] == process.pid:
                self._ready = None
        self._note(kind, process.pid, detail)

    def _kill(self, process: subprocess.Popen, first: int, grace_s: float) -> None:
        """`first` (and SIGCONT, so that a stopped process gets it) to the process group, as
        systemd signals the unit's cgroup; SIGKILL to whatever is left after `grace_s`."""
        group = process.pid  # start_new_session: the group's id is the main process's
        if not _signal_group(group, 0):
            return  # nothing left
        self._note("kill", process.pid, signal.Signals(first).name)
        _signal_group(group, first)
        _signal_group(group, signal.SIGCONT)
        deadline = time.monotonic() + grace_s
        while time.monotonic() < deadline:
            if process.poll() is not None and not _signal_group(group, 0):
                return
            time.sleep(0.01)
        self._note("kill", process.pid, "SIGKILL")
        _signal_group(group, signal.SIGKILL)
        process.wait()


def _signal_group(group: int, sig: int) -> bool:
    try:
        os.killpg(group, sig)
        return True
    except (ProcessLookupError, PermissionError):
        return False


# -- measuring --------------------------------------------------------------------------------

def unit_settings(path: Path = UNIT_FILE) -> tuple[dict[str, str], dict[str, str]]:
    """The [Unit] and [Service] settings of the unit file that matter for restarts."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(path, encoding="utf-8")
    unit = {key: parser["Unit"][key] for key in UNIT_KEYS if key in parser["Unit"]}
    service = {key: parser["Service"][key] for key in SERVICE_KEYS if key in parser["Service"]}
    return unit, service


def seconds(text: str) -> float:
    """A systemd time span such as "10", "10s", "500ms" or "1min 30s", in seconds."""
    return sum(float(value) * _UNITS[unit or "s"] for value, unit in _SPAN.findall(text))


def user_systemd() -> tuple[bool, str]:
    """Whether a systemd user manager runs, and what was found."""
    if shutil.which("systemctl") is None:
        return False, "systemctl is not installed"
    try:
        result = subprocess.run(["systemctl", "--user", "is-system-running"],
                                capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    state = result.stdout.strip()
    if state in ("running", "degraded"):
        return True, f"the user manager is {state}"
    return False, state or result.stderr.strip() or f"status {result.returncode}"


def pid_1() -> str:
    try:
        return Path("/proc/1/comm").read_text().strip()
    except OSError:
        return "unknown"


MANUAL_CHECK = """\
Check a real kiosk by hand (cage set-up; for the user unit add --user and drop sudo):
  1. systemctl status cage-kiosk          the process tree: cage, sh, and the viewer's PID
  2. sudo kill -KILL <viewer PID>         the viewer must be back in about 1 s + its start-up;
     journalctl -u cage-kiosk -n 20       shows the exit and "Scheduled restart job"
  3. sudo kill -STOP <new viewer PID>     a frozen viewer: within 3 s (WatchdogSec) the
     journalctl -u cage-kiosk -n 20       journal shows "Watchdog timeout (limit 10s)!", the
                                          SIGABRT, then the restart
  4. systemctl show -p NRestarts cage-kiosk   counts the restarts
  5. On the admin screen choose Quit: the unit must stay stopped (exit status 64)."""


def _show(unit: str) -> dict[str, str]:
    result = subprocess.run(["systemctl", "--user", "show", "-p", "MainPID",
                             "-p", "ActiveState", unit], capture_output=True, text=True)
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)


def _wait_systemd(unit: str, other_than: int | None, timeout: float) -> tuple[int, float] | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _show(unit)
        pid = int(state.get("MainPID", "0") or 0)
        if state.get("ActiveState") == "active" and pid not in (0, other_than):
            return pid, time.monotonic()
        time.sleep(0.02)
    return None


def _systemd_run(unit: str, settings: dict[str, str], env: dict[str, str],
                 command: list[str], wait_s: float) -> subprocess.CompletedProcess:
    """Start `command` as the transient user unit `unit`; returns once it is ready (READY=1
    for Type=notify), as systemd-run waits for the start job."""
    run = ["systemd-run", "--user", "--collect", f"--unit={unit}"]
    run += [f"--property={key}={value}" for key, value in settings.items()]
    run += [f"--setenv={key}={value}" for key, value in env.items()]
    return subprocess.run([*run, "--", *command], capture_output=True, text=True,
                          timeout=wait_s + 30)


def measure_systemd(command: list[str], env: dict[str, str], runs: int, unit: str | None,
                    wait_s: float) -> dict[str, list[float]]:
    """Restart times of a transient user unit (or of `unit`) under the user manager."""
    made = unit is None
    if made:
        unit = f"cryoviewer-restart-{os.getpid()}.service"
        unit_keys, service_keys = unit_settings()
        settings = {**unit_keys, **service_keys}
        started = _systemd_run(unit, settings, env, command, wait_s)
        if started.returncode != 0:  # an older systemd: the settings restarts depend on
            print(f"systemd-run refused some settings ({started.stderr.strip()}); trying "
                  f"with {', '.join(ESSENTIAL_KEYS)} only", file=sys.stderr)
            settings = {key: settings[key] for key in ESSENTIAL_KEYS if key in settings}
            started = _systemd_run(unit, settings, env, command, wait_s)
        if started.returncode != 0:
            raise SystemExit(f"systemd-run failed: {started.stderr.strip()}")
    elif _show(unit).get("ActiveState") != "active":
        subprocess.run(["systemctl", "--user", "start", unit], check=True, timeout=wait_s + 30)
    results: dict[str, list[float]] = {"killed": [], "frozen": []}
    try:
        for name, sig in (("killed", signal.SIGKILL), ("frozen", signal.SIGSTOP)):
            for _ in range(runs):
                found = _wait_systemd(unit, None, wait_s)
                if found is None:
                    raise SystemExit(f"{unit} is not active: journalctl --user -u {unit}")
                time.sleep(1.5)  # the viewer settles and feeds the watchdog at least once
                pid = found[0]
                killed_at = time.monotonic()
                os.kill(pid, sig)
                back = _wait_systemd(unit, pid, wait_s + 20)
                if back is None:
                    raise SystemExit(f"{unit} did not come back: journalctl --user -u {unit}")
                results[name].append(back[1] - killed_at)
    finally:
        if made:
            subprocess.run(["systemctl", "--user", "stop", unit], capture_output=True)
    return results


def measure_emulated(command: list[str], env: dict[str, str], runs: int, wait_s: float,
                     folder: str) -> dict[str, list[float]]:
    """Restart times under `Supervisor`, with the unit file's settings."""
    _, service = unit_settings()
    log_path = os.path.join(folder, "viewer.log")
    results: dict[str, list[float]] = {"killed": [], "frozen": [], "startup": []}
    with open(log_path, "wb") as log, Supervisor(
            command, env=env, cwd=folder, output=log,
            restart_sec=seconds(service.get("RestartSec", "1")),
            watchdog_sec=seconds(service.get("WatchdogSec", "10")),
            timeout_start_sec=seconds(service.get("TimeoutStartSec", "90")),
            timeout_stop_sec=seconds(service.get("TimeoutStopSec", "90")),
            timeout_abort_sec=seconds(service.get("TimeoutAbortSec",
                                                  service.get("TimeoutStopSec", "90"))),
            restart_prevent_exit_status=tuple(
                int(word) for word in service.get("RestartPreventExitStatus", "").split()
                if word.isdigit())) as supervisor:
        def failed() -> SystemExit:
            log.flush()
            tail = Path(log_path).read_text(errors="replace")[-2000:]
            return SystemExit("the viewer did not send READY=1 (it exits at start-up, or took "
                              f"over {wait_s:.0f} s); last events: {supervisor.kinds()[-8:]}; "
                              f"its output ends with:\n{tail}")

        ready = _ready_or_failing(supervisor, wait_s)
        for name, sig in (("killed", signal.SIGKILL), ("frozen", signal.SIGSTOP)):
            for _ in range(runs):
                if ready is None:
                    raise failed()
                time.sleep(1.5)  # the viewer settles and feeds the watchdog at least once
                killed_at = time.monotonic()
                os.kill(ready[0], sig)
                ready = _ready_or_failing(supervisor, wait_s + supervisor.watchdog_sec + 10,
                                          other_than=ready[0])
                if ready is None:
                    raise failed()
                results[name].append(ready[1] - killed_at)
        spawns = {e.pid: e.t for e in supervisor.events if e.kind == "spawn"}
        results["startup"] = [e.t - spawns[e.pid] for e in supervisor.events
                              if e.kind == "ready" and e.pid in spawns]
    return results


def _ready_or_failing(supervisor: Supervisor, timeout: float, other_than: int | None = None,
                      failures: int = 3) -> tuple[int, float] | None:
    """`supervisor.wait_ready()`, but None as soon as the command has exited `failures` times
    in a row without becoming ready (it fails at start-up: no use waiting)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = supervisor.wait_ready(min(1.0, deadline - time.monotonic()), other_than)
        if ready is not None:
            return ready
        kinds = [kind for kind in supervisor.kinds() if kind in ("ready", "exit")]
        if len(kinds) >= failures and set(kinds[-failures:]) == {"exit"}:
            return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--emulate", action="store_true",
                     help="supervise with the Python emulation of systemd (the default when no "
                          "systemd user manager runs)")
    how.add_argument("--systemd", action="store_true",
                     help="supervise with the systemd user manager (fails without one)")
    parser.add_argument("--runs", type=int, default=3, help="kills of each kind (default 3)")
    parser.add_argument("--fake-viewer", action="store_true",
                        help="supervise FAKE_VIEWER (READY=1, then WATCHDOG=1 every second)")
    parser.add_argument("--command", nargs=argparse.REMAINDER,
                        help="the viewer's command line (the rest of the arguments); default: "
                             f"{' '.join(VIEWER[1:])} with QT_QPA_PLATFORM=offscreen")
    parser.add_argument("--unit", help="(systemd) measure this existing user unit instead of a "
                                       "transient copy of deploy/linux/cryoviewer-kiosk.service")
    parser.add_argument("--wait", type=float, default=120.0,
                        help="seconds to wait for a start (default 120)")
    args = parser.parse_args()

    has_systemd, why = user_systemd()
    emulate = args.emulate or (not args.systemd and not has_systemd)
    if args.systemd and not has_systemd:
        raise SystemExit(f"no systemd user manager: {why} (PID 1 is {pid_1()})")
    if not has_systemd:
        print(f"No systemd user manager runs here ({why}; PID 1 is {pid_1()}): measuring "
              "with the Python emulation of systemd's Restart= and WatchdogSec=.",
              file=sys.stderr)
        print(MANUAL_CHECK, file=sys.stderr)

    command = args.command or (FAKE_VIEWER if args.fake_viewer else VIEWER)
    with tempfile.TemporaryDirectory(prefix="cv-restart-") as folder:
        env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                            os.environ.get("PYTHONPATH")]))}
        if command is VIEWER:
            env.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=f"{folder}/data",
                       XDG_CACHE_HOME=f"{folder}/cache", XDG_CONFIG_HOME=f"{folder}/config")
        if emulate:
            results = measure_emulated(command, {**os.environ, **env}, args.runs, args.wait,
                                       folder)
        else:
            results = measure_systemd(command, env, args.runs, args.unit, args.wait)
    print(f"mode={'emulated' if emulate else 'systemd'}")
    for name in ("killed", "frozen", "startup"):
        values = results.get(name)
        if values:
            label = "startup_s" if name == "startup" else f"restart_s_{name}"
            print(f"{label}={statistics.median(values):.2f}")
            print(f"  {label} runs: {', '.join(f'{v:.2f}' for v in values)}", file=sys.stderr)


if __name__ == "__main__":
    main()
