"""The service manager's notify protocol (cryoviewer.kiosk.watchdog), checked against real unix
datagram sockets, and the restart benchmark's emulation of systemd (benchmarks/restart.py)
restarting a killed, a frozen and not a quitting viewer."""

import importlib.util
import os
import signal
import socket
import struct
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from cryoviewer.kiosk import watchdog
from cryoviewer.kiosk.watchdog import Watchdog, notify, watchdog_interval_s

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="unix sockets only")


def short_folder(tmp_path: Path) -> Path:
    """tmp_path, or a shorter folder when a socket's path there would pass the 107-byte limit."""
    if len(str(tmp_path / "notify")) < 100:
        return tmp_path
    return Path(tempfile.mkdtemp(prefix="cv-"))


@pytest.fixture
def listener(tmp_path, monkeypatch):
    """A datagram socket standing for systemd's, named in $NOTIFY_SOCKET; reads one message."""
    path = short_folder(tmp_path) / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(5)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield sock
    sock.close()
    path.unlink(missing_ok=True)


def received(sock: socket.socket) -> str:
    return sock.recv(4096).decode("utf-8")


def test_notify_sends_one_datagram_to_the_socket(listener):
    assert notify("READY=1") is True
    assert received(listener) == "READY=1"


def test_several_lines_make_one_message(listener):
    assert notify("READY=1\nSTATUS=Showing the attract screen") is True
    assert received(listener) == "READY=1\nSTATUS=Showing the attract screen"


def test_the_abstract_namespace(monkeypatch):
    name = f"cryoviewer-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        try:
            sock.bind(b"\0" + name.encode())
        except OSError:
            pytest.skip("no abstract unix sockets here")
        sock.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert notify("WATCHDOG=1") is True
        assert sock.recv(4096) == b"WATCHDOG=1"


def test_the_kernel_names_this_process_as_the_sender(listener):
    """systemd's NotifyAccess=main accepts a message only from the main process's id, which
    the kernel attaches to the datagram: the message must come from this process itself."""
    if not hasattr(socket, "SO_PASSCRED"):
        pytest.skip("credentials are a Linux feature")
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
    notify("WATCHDOG=1")
    _, ancillary, _, _ = listener.recvmsg(4096, socket.CMSG_SPACE(12))
    senders = [struct.unpack("3i", data[:12])[0] for level, kind, data in ancillary
               if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS]
    assert senders == [os.getpid()]


@pytest.mark.parametrize("value", [None, "", "relative/path", "vsock:2:1234", "@",
                                   "/nonexistent/folder/notify"])
def test_without_a_usable_socket_nothing_is_sent_and_nothing_raises(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    else:
        monkeypatch.setenv("NOTIFY_SOCKET", value)
    assert notify("READY=1") is False
    assert Watchdog().ready() is False
    assert Watchdog().feed() is False


def test_a_socket_nobody_listens_on_is_a_failure_not_an_error(tmp_path, monkeypatch):
    path = short_folder(tmp_path) / "gone"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))  # the file is left, nobody reads it
    assert notify("READY=1") is False


def test_odd_environments_never_raise():
    assert notify("READY=1", env={"NOTIFY_SOCKET": "/tmp/a\0b"}) is False
    assert notify("READY=1", env={}) is False
    assert notify("STATUS=\udcff", env={"NOTIFY_SOCKET": "/nonexistent"}) is False


def test_the_watchdog_object_sends_each_message(listener):
    dog = Watchdog()
    assert dog.supervised
    assert dog.ready() and received(listener) == "READY=1"
    assert dog.feed() and received(listener) == "WATCHDOG=1"
    assert dog.status("Attract\nscreen") and received(listener) == "STATUS=Attract screen"
    assert dog.stopping() and received(listener) == "STOPPING=1"


def test_not_supervised_without_a_socket(monkeypatch):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert not Watchdog().supervised


@pytest.mark.parametrize("usec, pid, expected", [
    ("10000000", None, 5.0),        # WatchdogSec=10: feed every 5 s
    ("2000000", "self", 1.0),       # WATCHDOG_PID is this process
    ("10000000", "other", None),    # inherited from a parent the watchdog belongs to
    ("10000000", "junk", None),
    (None, None, None),
    ("", None, None),
    ("0", None, None),
    ("-5", None, None),
    ("ten", None, None),
    ("1e7", None, None),
])
def test_watchdog_interval(monkeypatch, usec, pid, expected):
    for name, value in (("WATCHDOG_USEC", usec),
                        ("WATCHDOG_PID", {"self": str(os.getpid()), "other": "1",
                                          "junk": "x"}.get(pid))):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert watchdog_interval_s() == expected
    assert Watchdog().interval_s == expected


def test_watchdog_interval_from_a_given_environment():
    env = {"WATCHDOG_USEC": "3000000", "WATCHDOG_PID": "4242"}
    assert watchdog_interval_s(env=env, pid=4242) == 1.5
    assert watchdog_interval_s(env=env, pid=4243) is None


def test_standard_library_only():
    source = Path(watchdog.__file__).read_text()
    assert "PySide6" not in source and "import systemd" not in source


# -- the emulated supervisor (benchmarks/restart.py) ------------------------------------------

def restart_module():
    """benchmarks/restart.py, imported once (a script, not a package: loaded by its path)."""
    name = "cryoviewer_restart_benchmark"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "restart.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # before running it: its dataclasses look themselves up
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def supervised(tmp_path):
    """Start a Supervisor on a command (the fake viewer by default); stopped after the test."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the emulated supervisor uses Linux's process groups and credentials")
    restart = restart_module()
    made = []

    def make(command=None, **settings):
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        log = open(tmp_path / "output.log", "wb")
        supervisor = restart.Supervisor(command or restart.FAKE_VIEWER, env=env, cwd=tmp_path,
                                        output=log, **settings)
        made.append((supervisor, log))
        supervisor.start()
        return supervisor

    yield make
    for supervisor, log in made:
        supervisor.stop()
        log.close()


def test_a_killed_viewer_is_restarted(supervised):
    supervisor = supervised(watchdog_sec=2, restart_sec=0.2, timeout_abort_sec=2)
    first = supervisor.wait_ready(timeout=10)
    assert first is not None, supervisor.kinds()
    os.kill(first[0], signal.SIGKILL)
    second = supervisor.wait_ready(timeout=10, other_than=first[0])
    assert second is not None, supervisor.kinds()
    assert second[1] - first[1] >= 0.2  # RestartSec was kept


def test_a_frozen_viewer_is_replaced_by_the_watchdog(supervised):
    """SIGSTOP: the process lives on but stops sending WATCHDOG=1. With WatchdogSec=2 the
    supervisor must kill it (SIGABRT, as systemd) and start a new one within a few seconds."""
    supervisor = supervised(watchdog_sec=2, restart_sec=0.2, timeout_abort_sec=2)
    first = supervisor.wait_ready(timeout=10)
    assert first is not None, supervisor.kinds()
    os.kill(first[0], signal.SIGSTOP)
    second = supervisor.wait_ready(timeout=8, other_than=first[0])
    assert second is not None, supervisor.kinds()
    events = [(event.kind, event.detail) for event in supervisor.events
              if event.pid == first[0]]
    assert ("watchdog-timeout", "2 s") in events
    assert ("kill", "SIGABRT") in events
    # The viewer was told its watchdog: WATCHDOG_USEC and its own id in WATCHDOG_PID.
    # (The first may be stopped before it says so, and the second says so just after READY=1.)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not any(
            event.kind == "status" for event in supervisor.events):
        time.sleep(0.02)
    statuses = [event.detail for event in supervisor.events if event.kind == "status"]
    assert "fake viewer; watchdog every 1.0 s" in statuses


def test_staff_quitting_is_not_restarted(supervised):
    quits = [sys.executable, "-c", "import sys\nfrom cryoviewer.kiosk.watchdog import Watchdog\n"
                                   "w = Watchdog()\nw.ready()\nw.stopping()\nsys.exit(64)"]
    supervisor = supervised(quits, watchdog_sec=2, restart_sec=0.2,
                            restart_prevent_exit_status=(64,))
    assert supervisor.wait_finished(timeout=10), supervisor.kinds()
    assert supervisor.kinds().count("spawn") == 1
    assert supervisor.kinds()[-2:] == ["exit", "no-restart"]


def test_messages_from_other_processes_are_ignored(supervised):
    """NotifyAccess=main: a child of the viewer cannot declare it ready."""
    child_says_ready = [sys.executable, "-c",
                        "import subprocess, sys, time\n"
                        "subprocess.run([sys.executable, '-c', 'from cryoviewer.kiosk.watchdog "
                        "import notify; notify(\"READY=1\")'])\n"
                        "time.sleep(30)"]
    supervisor = supervised(child_says_ready, watchdog_sec=2, restart_sec=0.2)
    deadline = time.monotonic() + 10
    while "ignored" not in supervisor.kinds() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "ignored" in supervisor.kinds()
    assert supervisor.wait_ready(timeout=0.2) is None


def test_the_stall_guard_acts_only_after_silence():
    import threading

    from cryoviewer.kiosk.watchdog import StallGuard

    stalled = threading.Event()
    guard = StallGuard(limit_s=0.3, on_stall=stalled.set)
    guard.start()
    for _ in range(8):  # an event loop beating every 0.1 s
        time.sleep(0.1)
        guard.beat()
    assert not stalled.is_set()
    assert stalled.wait(3)  # then silence
    guard.stop()
