"""Reading the files that people edit (content, scenarios) and saying exactly what is wrong.

Every failure becomes a Problem naming the file, the line where it can be known, and what to fix,
so a clinic's administrator can act on it without a programmer.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 256 * 1024  # hand-written text files are a few KB; anything larger is a mistake
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file, said so an administrator can find and fix it."""

    file: Path
    line: int | None
    message: str
    severity: str = "error"  # "error": the file cannot be used; "warning": it can

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else str(self.file)
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {prefix}{self.message}"


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


def read_toml(path: Path, problems: list[Problem]) -> tuple[dict, str] | None:
    """A TOML file's data and text, or None after recording why it cannot be used."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        problems.append(Problem(path, int(found.group(1)) if found else None,
                                f"not valid TOML: {exc}"))
        return None


def toml_line(text: str, key: str, table: str = "") -> int | None:
    """The line on which `key = ...` appears, inside `[table]` (or `[[table]]`) if given.

    For an array of tables, the first occurrence after the table header is found; the number
    is for messages only, so a best guess is better than none.
    """
    start = 0
    if table:
        header = re.compile(r"^[ \t]*\[\[?\s*" + re.escape(table) + r"\s*\]\]?\s*(#.*)?$", re.M)
        match = header.search(text)
        if not match:
            return None
        start = match.end()
        if not key:
            return text.count("\n", 0, match.start()) + 1
    found = re.compile(r"^[ \t]*[\"']?" + re.escape(key) + r"[\"']?\s*=", re.M).search(text, start)
    return text.count("\n", 0, found.start()) + 1 if found else None
