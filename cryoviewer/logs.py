"""Where the viewer writes what went wrong: rotating files an administrator can read, the
terminal, and the last few problems kept in memory for the kiosk's admin screen.

Nobody watches a kiosk's terminal, and a waiting-room screen runs for months: the files are
capped (five of 1 MB) and a folder that cannot be written costs the files, never the start.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import time
from collections import deque
from pathlib import Path

FILE_BYTES = 1024 * 1024
FILES_KEPT = 5
RECENT = 50
FORMAT = "%(asctime)s %(levelname)s %(message)s"
log = logging.getLogger("cryoviewer")
_faults = None  # the open file faulthandler writes to (it must stay open)


class Recent(logging.Handler):
    """The last warnings and errors, one line each, newest last."""

    def __init__(self, size: int = RECENT):
        super().__init__(logging.WARNING)
        self.lines: deque[str] = deque(maxlen=size)

    def emit(self, record: logging.LogRecord) -> None:
        when = time.strftime("%H:%M:%S", time.localtime(record.created))
        first = record.getMessage().splitlines()[0] if record.getMessage() else ""
        if record.exc_info and record.exc_info[1] is not None:
            first += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
        self.lines.append(f"{when} {record.levelname.lower()}: {first}")


def start(folder: Path | None) -> tuple[Recent, Path | None]:
    """Log to the terminal, to rotating files in `folder` and to memory; the file's path, or
    None when the folder cannot be written (said on the terminal)."""
    recent = Recent()
    handlers: list[logging.Handler] = [logging.StreamHandler(), recent]
    path = None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "cryoviewer.log"
            handlers.append(logging.handlers.RotatingFileHandler(
                path, maxBytes=FILE_BYTES, backupCount=FILES_KEPT - 1, encoding="utf-8"))
        except OSError as exc:
            path = None
            problem = f"The log folder {folder} cannot be written ({exc.strerror or exc})"
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):  # started again (a reload): no line is written twice
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.INFO)
    for handler in handlers:
        root.addHandler(handler)
    if folder is not None and path is None:
        log.warning("%s; messages go to the terminal only.", problem)
    if path is not None:
        _write_faults(path.with_name("faults.log"))
    return recent, path


def _write_faults(path: Path) -> None:
    """A crash in Qt, or the watchdog's abort of a frozen viewer, leaves every thread's stack
    in faults.log: the one trace of a freeze."""
    global _faults
    try:
        faults = path.open("a", encoding="utf-8")
    except OSError:
        return
    faulthandler.enable(file=faults)
    if _faults is not None:
        _faults.close()
    _faults = faults
