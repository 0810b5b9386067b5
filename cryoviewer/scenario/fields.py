"""Reading one TOML table field by field, recording a Problem (file, line, field) for each fault."""

from __future__ import annotations

import re
from pathlib import Path

import math

from ..files import Problem, toml_line
from .limits import Limit

_MISSING = object()
SHOWN = 60  # characters of a wrong value quoted in a message


def show(value) -> str:
    """A value as a message quotes it: short, whatever its size or nesting."""
    try:
        text = repr(value)
    except RecursionError:  # pragma: no cover - the TOML reader refuses such depth first
        text = f"<a {type(value).__name__} nested too deeply>"
    return text if len(text) <= SHOWN else text[:SHOWN - 5] + " …" + text[-3:]


def finite(value) -> float | None:
    """A TOML number as a finite float, or None (NaN, ±inf, an integer too large to hold)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


class Fields:
    """The fields of one table; `finish()` reports any field that was never asked for."""

    def __init__(self, path: Path, text: str, table: str, data, problems: list[Problem]):
        self.path, self.source, self.table, self.problems = path, text, table, problems
        if not isinstance(data, dict):
            self.error("", f"'{table}' must be a table such as [{table}]")
            data = {}
        self.data, self.used = data, set()

    def name(self, key: str) -> str:
        return f"{self.table}.{key}" if self.table else key

    def line(self, key: str) -> int | None:
        header = self.table.split("[")[0]  # "layers[2]" is found under the first [[layers]]
        return toml_line(self.source, key, header) or toml_line(self.source, "", header)

    def error(self, key: str, message: str) -> None:
        name = self.name(key)
        name = name if len(name) <= SHOWN else name[:SHOWN - 2] + " …"
        field = f"field '{name}' " if key else ""
        self.problems.append(Problem(self.path, self.line(key), field + message))

    def has(self, key: str) -> bool:
        return key in self.data

    def _take(self, key: str, required: bool):
        """The raw value of a field, or _MISSING (reported if the field is required)."""
        self.used.add(key)
        if key in self.data:
            return self.data[key]
        if required:
            self.error(key, "is missing")
        return _MISSING

    def number(self, key: str, default: float | None = None, *, positive: bool = False,
               minimum: float | None = None, maximum: float | None = None,
               limit: Limit | None = None) -> float | None:
        raw = self._take(key, default is None)
        if raw is _MISSING:
            return default
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            self.error(key, f"must be a number, not {show(raw)}")
            return default
        value = finite(raw)
        if value is None:
            self.error(key, f"must be a finite number, not {show(raw)}"
                       + (f" (allowed: {limit.describe()})" if limit else ""))
            return default
        if limit is not None and not limit.allows(value):
            self.error(key, f"must be {limit.describe()}, not {value:g} ({limit.why})")
        elif positive and not value > 0:
            self.error(key, f"must be greater than 0, not {value:g}")
        elif minimum is not None and value < minimum:
            self.error(key, f"must be at least {minimum:g}, not {value:g}")
        elif maximum is not None and value > maximum:
            self.error(key, f"must be at most {maximum:g}, not {value:g}")
        else:
            return value
        return default

    def numbers(self, key: str, count: int, *, positive: bool = True,
                limit: Limit | None = None) -> tuple[float, ...] | None:
        """A number used `count` times, or a list of exactly `count` numbers."""
        value = self._take(key, True)
        if value is _MISSING:
            return None
        values = value if isinstance(value, list) else [value] * count
        if len(values) != count:
            self.error(key, f"must give one number or a list of {count} (one per cycle), "
                            f"not {len(values)}")
            return None
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            self.error(key, f"must be a number or a list of numbers, not {show(value)}")
            return None
        numbers = [finite(v) for v in values]
        if None in numbers:
            self.error(key, f"must hold finite numbers, not {show(value)}")
            return None
        if limit is not None and not all(limit.allows(v) for v in numbers):
            self.error(key, f"must hold numbers {limit.describe()}, not {show(value)} "
                            f"({limit.why})")
            return None
        if positive and not all(v > 0 for v in numbers):
            self.error(key, f"must be greater than 0, not {show(value)}")
            return None
        return tuple(numbers)

    def words(self, key: str, count: int, choices: tuple[str, ...]) -> tuple[str, ...] | None:
        """A word used `count` times, or a list of exactly `count` words, each from choices."""
        value = self._take(key, True)
        if value is _MISSING:
            return None
        values = value if isinstance(value, list) else [value] * count
        if len(values) != count or not all(isinstance(v, str) and v in choices for v in values):
            self.error(key, f"must be one of {', '.join(repr(c) for c in choices)}, or a list "
                            f"of {count} of them (one per cycle), not {show(value)}")
            return None
        return tuple(values)

    def flag(self, key: str, default: bool) -> bool:
        value = self._take(key, False)
        value = default if value is _MISSING else value
        if not isinstance(value, bool):
            self.error(key, f"must be true or false, not {show(value)}")
            return default
        return value

    def text(self, key: str, default: str | None = None,
             choices: tuple[str, ...] | None = None, *, longest: int = 200,
             pattern: re.Pattern | None = None, what: str = "") -> str | None:
        value = self._take(key, default is None)
        if value is _MISSING:
            return default
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"must be non-empty text, not {show(value)}")
            return default
        if choices and value not in choices:
            self.error(key, f"must be one of {', '.join(repr(c) for c in choices)}, "
                            f"not {show(value)}")
            return default
        if len(value) > longest:
            self.error(key, f"is too long ({len(value)} characters; at most {longest})")
            return default
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            self.error(key, "must not hold control characters (tabs, line breaks)")
            return default
        if pattern is not None and not pattern.fullmatch(value):
            self.error(key, f"must be {what}, not {show(value)}")
            return default
        return value

    def table_of(self, key: str, required: bool = True) -> dict | None:
        value = self._take(key, required)
        return None if value is _MISSING else value

    def points(self, key: str, limit: Limit | None = None) -> list[tuple[float, float]] | None:
        value = self._take(key, True)
        if value is _MISSING:
            return None
        ok = isinstance(value, list) and value and all(
            isinstance(p, list) and len(p) == 2 and None not in (finite(p[0]), finite(p[1]))
            for p in value)
        if not ok:
            self.error(key, f"must be a list of [x, y] positions in mm (finite numbers), "
                            f"not {show(value)}")
            return None
        points = [(finite(x), finite(y)) for x, y in value]
        if limit is not None and not all(limit.allows(c) for p in points for c in p):
            self.error(key, f"must hold positions {limit.describe()}, not {show(value)}")
            return None
        return points

    def finish(self, *, allow: tuple[str, ...] = ()) -> None:
        for key in self.data:
            if key not in self.used and key not in allow:
                known = ", ".join(sorted(self.used)) or "none"
                self.error(key, f"is not a known field here (known: {known})")
