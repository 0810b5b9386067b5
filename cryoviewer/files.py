"""Reading the files that people edit (content, scenarios) and saying exactly what is wrong.

Every failure becomes a Problem naming the file, the line where it can be known, and what to fix,
so a clinic's administrator can act on it without a programmer. Every reader here is total (any
bytes give a value or a Problem, never an exception) and runs in time linear in its input.
"""

from __future__ import annotations

import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 256 * 1024  # hand-written text files are a few KB; anything larger is a mistake
MAX_TOML_DEPTH = 8  # arrays and tables inside one another; the files need 2 or 3
_TOML_LINE = re.compile(r"at line (\d+)")
# Characters that never belong in a text file (tab, line feed and carriage return are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOML_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\[\]{}\n\\]")


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
    try:
        info = path.stat()
    except FileNotFoundError:
        problems.append(Problem(path, None, "file not found"))
        return None
    except (OSError, ValueError) as exc:  # a link that loops, a name too long, a NUL in it
        problems.append(Problem(path, None, f"cannot be read: {_reason(exc)}"))
        return None
    if stat.S_ISDIR(info.st_mode):
        problems.append(Problem(path, None, "is a folder, not a file"))
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.append(Problem(path, None, "is not an ordinary file (a device or a pipe?)"))
        return None
    if info.st_size > MAX_FILE_BYTES:
        problems.append(Problem(path, None, _too_large(info.st_size)))
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(path, None, f"cannot be read: {exc.strerror or exc}"))
        return None
    if len(data) > MAX_FILE_BYTES:  # it grew since it was measured
        problems.append(Problem(path, None, _too_large(len(data))))
        return None
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                                            "save the file with UTF-8 encoding"))
        return None
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        problems.append(Problem(path, line, f"holds a control character "
                                            f"(0x{ord(control.group()):02x}), which text never "
                                            f"does: the file is damaged or not plain text"))
        return None
    return text


def _too_large(size: int) -> str:
    return (f"file is too large ({size // 1024} KB; the limit is {MAX_FILE_BYTES // 1024} KB)")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ValueError):
        return "its name holds a NUL character"
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == 40:  # ELOOP
        return "it is a link that leads back to itself"
    return getattr(exc, "strerror", None) or type(exc).__name__


def read_toml(path: Path, problems: list[Problem], max_depth: int | None = None
              ) -> tuple[dict, str] | None:
    """A TOML file's data and text, or None after recording why it cannot be used.

    With max_depth, lists and tables nested deeper are a Problem found before parsing (the
    parser recurses), and so is any failure of the parser: the caller never sees an exception.
    """
    text = read_text(path, problems)
    if text is None:
        return None
    if max_depth is not None:
        deep = toml_too_deep(text, max_depth)
        if deep is not None:
            problems.append(Problem(path, deep, f"lists or tables are nested more than "
                                                f"{max_depth} deep: this file needs 2 at most"))
            return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        problems.append(Problem(path, int(found.group(1)) if found else None,
                                f"not valid TOML: {exc}"))
    except (RecursionError, MemoryError, ValueError) as exc:
        if max_depth is None:
            raise  # (the caller has its own words for these)
        problems.append(Problem(path, None, f"not valid TOML ({type(exc).__name__})"))
    return None


def toml_too_deep(text: str, limit: int = MAX_TOML_DEPTH) -> int | None:
    """The line where brackets and braces (outside strings and comments) first nest deeper
    than the limit, or None. One pass over the text: the parser itself recurses."""
    depth, line, quote, skip_to = 0, 1, "", -1
    for token in _TOML_TOKEN.finditer(text):
        start, mark = token.start(), token.group()
        if start < skip_to:
            continue
        if mark == "\n":
            line += 1
            if quote in ("\"", "'"):  # a one-line string cannot continue: let the parser say
                quote = ""
            continue
        if quote:
            if mark == "\\" and quote in ("\"", '"""'):
                skip_to = start + 2  # the escaped character
            elif mark == quote:
                quote = ""
            continue
        if mark in ("\"", "'", '"""', "'''"):
            quote = mark
        elif mark == "#":
            end = text.find("\n", start)
            skip_to = len(text) if end < 0 else end
        elif mark in "[{":
            depth += 1
            if depth > limit:
                return line
        elif mark in "]}":
            depth = max(0, depth - 1)
    return None


def toml_key_lines(text: str) -> dict[tuple[str, str], int]:
    """The first line of every `key = ...` under its `[table]` ("" before any table), and of
    every table header as (table, ""): one pass, for messages only (a best guess)."""
    found: dict[tuple[str, str], int] = {}
    table = ""
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if line.startswith("["):
            end = line.find("]")
            table = line[:end if end > 0 else len(line)].strip("[ \t")
            table = table.strip("\"'")
            found.setdefault((table, ""), number)
        elif "=" in line and not line.startswith("#"):
            key = line.split("=", 1)[0].strip().strip("\"'")
            found.setdefault((table, key), number)
    return found


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
