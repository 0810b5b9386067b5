"""Reading a content file as UTF-8 text, turning every failure into a Problem."""

from __future__ import annotations

from pathlib import Path

from .model import Problem

MAX_FILE_BYTES = 256 * 1024  # a section is a few KB; anything larger is a mistake or not text


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None after recording why it cannot be read."""
    if not path.exists():
        problems.append(Problem(path, None, "file not found"))
        return None
    if not path.is_file():
        problems.append(Problem(path, None, "is a folder, not a file"))
        return None
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(path, None, f"file is too large ({size // 1024} KB; "
                                                f"the limit is {MAX_FILE_BYTES // 1024} KB)"))
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(path, None, f"cannot be read: {exc.strerror or exc}"))
        return None
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                                            "save the file with UTF-8 encoding"))
        return None
